/*
 * options.c - the table of built-in options and the names reserved for future ones.
 */
#include "options.h"
#include "socadvise.h"

#include <string.h>

const struct option_spec sa_options[] = {
	{ "help", 'h', ARG_NONE, NULL, "show this help, with every question flag, and exit",
	  OPT_HELP },
	{ "version", 'V', ARG_NONE, NULL, "show the version and exit", OPT_VERSION },
	{ "rules", 0, ARG_REQUIRED, "FILE",
	  "use this rules file instead of the built-in one (also SOCADVISE_RULES)", OPT_RULES },
	{ "format", 'f', ARG_REQUIRED, "FORMAT",
	  "output format: text (default), json, markdown, yaml or ics (the plan as a calendar)",
	  OPT_FORMAT },
	{ "explain", 'e', ARG_OPTIONAL, "LEVEL",
	  "none, reasons (the default; none with --batch) or full (also why each report "
	  "not recommended does not apply); alone: full",
	  OPT_EXPLAIN },
	{ "answer", 'a', ARG_REQUIRED, "ID=VALUE", "answer a question (repeatable)", OPT_ANSWER },
	{ "answers", 0, ARG_REQUIRED, "FILE",
	  "read answers from a YAML or JSON file ('-' for standard input); flags may add to them",
	  OPT_ANSWERS },
	{ "list-questions", 0, ARG_NONE, NULL, "list the questions with their types and exit",
	  OPT_LIST_QUESTIONS },
	{ "color", 0, ARG_REQUIRED, "WHEN",
	  "colour the text output: auto (default: only on a terminal, never with NO_COLOR), always, never",
	  OPT_COLOR },
	{ "batch", 0, ARG_OPTIONAL, "FILE",
	  "read JSON Lines of answers (default: standard input); write one JSON result per line",
	  OPT_BATCH },
	{ "require-complete", 0, ARG_NONE, NULL,
	  "exit with status 6 when anything is still possible or a question is still open",
	  OPT_REQUIRE_COMPLETE },
	{ "completion", 0, ARG_REQUIRED, "SHELL",
	  "print a completion script for bash or zsh (with the question flags) and exit",
	  OPT_COMPLETION },
	{ "interactive", 'i', ARG_NONE, NULL,
	  "interview in a terminal, asking only the questions that still matter",
	  OPT_INTERACTIVE },
	{ "all-questions", 0, ARG_NONE, NULL,
	  "with --interactive: ask every applicable question, not only those that still matter",
	  OPT_ALL_QUESTIONS },
	{ "save", 0, ARG_REQUIRED, "FILE",
	  "write the answers to FILE (one line of JSON, read back by --answers), atomically",
	  OPT_SAVE },
	{ "check", 0, ARG_NONE, NULL,
	  "check the rules file: every error and warning as FILE:LINE:COL (text or json); exit 3 on an error",
	  OPT_CHECK },
	{ "verify", 0, ARG_NONE, NULL,
	  "prove the invariants of the rules file over every possible answer set; exit 3 with "
	  "a counterexample on a violation",
	  OPT_VERIFY },
	{ "start-date", 0, ARG_REQUIRED, "YYYY-MM-DD",
	  "the date the plan starts from (default: today); deadlines are counted from it",
	  OPT_START_DATE },
};

const size_t sa_option_count = sizeof(sa_options) / sizeof(sa_options[0]);

/* Names reserved for options that later versions add. */
static const char *const future_names[] = { "output", "quiet", "verbose", "colour", "id" };

#define NOPTIONS (sizeof(sa_options) / sizeof(sa_options[0]))
#define NFUTURE (sizeof(future_names) / sizeof(future_names[0]))

const char *const *sa_reserved_names(void)
{
	static const char *names[NOPTIONS + NFUTURE + 1];
	size_t i;
	if (!names[0]) {
		for (i = 0; i < NOPTIONS; i++)
			names[i] = sa_options[i].name;
		for (i = 0; i < NFUTURE; i++)
			names[NOPTIONS + i] = future_names[i];
	}
	return names;
}

const struct option_spec *sa_option_find_long(const char *name, size_t len)
{
	size_t i;
	for (i = 0; i < sa_option_count; i++)
		if (strlen(sa_options[i].name) == len && strncmp(sa_options[i].name, name, len) == 0)
			return &sa_options[i];
	return NULL;
}

const struct option_spec *sa_option_find_short(char c)
{
	size_t i;
	for (i = 0; i < sa_option_count; i++)
		if (sa_options[i].short_name == c)
			return &sa_options[i];
	return NULL;
}

const char *sa_option_suggest(const char *name)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1, i, limit = strlen(name) < 5 ? 1 : 2;
	for (i = 0; i < sa_option_count; i++) {
		size_t d = sa_edit_distance(name, sa_options[i].name);
		if (d < bestd) {
			bestd = d;
			best = sa_options[i].name;
		}
	}
	return bestd <= limit ? best : NULL;
}

void sa_options_usage(FILE *f)
{
	size_t i;
	for (i = 0; i < sa_option_count; i++) {
		const struct option_spec *o = &sa_options[i];
		char left[64], sh[8] = "    ", arg[32] = "";
		if (o->short_name)
			snprintf(sh, sizeof(sh), "-%c, ", o->short_name);
		if (o->argname)
			snprintf(arg, sizeof(arg), o->arg == ARG_OPTIONAL ? "[=%s]" : " %s", o->argname);
		snprintf(left, sizeof(left), "%s--%s%s", sh, o->name, arg);
		fprintf(f, "  %-26s %s\n", left, o->help);
	}
}

const char *sa_flag_name(const char *id, char *buf, size_t size)
{
	char *p;
	snprintf(buf, size, "%s", id);
	for (p = buf; *p; p++)
		if (*p == '_')
			*p = '-';
	return buf;
}
