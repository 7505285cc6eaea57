/*
 * options.c - the table of built-in options, the words their values may be, and the names
 * reserved for future options.
 */
#include "options.h"
#include "socadvise.h"

#include "voice.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct option_choice formats[] = {
	{ "text", "(default)", CLI_FORMAT_TEXT },
	{ "json", NULL, CLI_FORMAT_JSON },
	{ "markdown", NULL, CLI_FORMAT_MARKDOWN },
	{ "yaml", NULL, CLI_FORMAT_YAML },
	{ "csv", "(spreadsheet rows)", CLI_FORMAT_CSV },
	{ "ics", "(the plan as a calendar)", CLI_FORMAT_ICS },
	{ NULL, NULL, 0 },
};

static const struct option_choice input_formats[] = {
	{ "json", "(JSON Lines)", CLI_INPUT_JSON },
	{ "csv", "(a header row naming the questions)", CLI_INPUT_CSV },
	{ NULL, NULL, 0 },
};

static const struct option_choice explain_levels[] = {
	{ "none", NULL, SA_EXPLAIN_NONE },
	{ "reasons", "(the default; none with --batch)", SA_EXPLAIN_REASONS },
	{ "full", "(also why each report not recommended does not apply)", SA_EXPLAIN_FULL },
	{ NULL, NULL, 0 },
};

static const struct option_choice color_settings[] = {
	{ "auto", "(default: only on a terminal, never with NO_COLOR)", CLI_COLOR_AUTO },
	{ "always", NULL, CLI_COLOR_ALWAYS },
	{ "never", NULL, CLI_COLOR_NEVER },
	{ NULL, NULL, 0 },
};

static const struct option_choice shells[] = {
	{ "bash", NULL, CLI_SHELL_BASH },
	{ "zsh", NULL, CLI_SHELL_ZSH },
	{ NULL, NULL, 0 },
};

/* An option that takes any value, or none. */
#define FREE NULL, NULL, NULL, NULL

const struct option_spec cli_options[] = {
	{ "help", 'h', ARG_NONE, NULL, "show this help, with every question flag, and exit", FREE,
	  OPT_HELP },
	{ "version", 'V', ARG_NONE, NULL, "show the version and the rules' name and version, and exit", FREE, OPT_VERSION },
	{ "rules", 0, ARG_REQUIRED, "FILE",
	  "use this rules file instead of the built-in one (also SOCADVISE_RULES)", FREE,
	  OPT_RULES },
	{ "format", 'f', ARG_REQUIRED, "FORMAT", "output format: ", formats, " or ", NULL, NULL,
	  OPT_FORMAT },
	{ "explain", 'e', ARG_OPTIONAL, "LEVEL", "", explain_levels, " or ", NULL, "full",
	  OPT_EXPLAIN },
	{ "answer", 'a', ARG_REQUIRED, "ID=VALUE", "answer a question (repeatable)", FREE,
	  OPT_ANSWER },
	{ "answers", 0, ARG_REQUIRED, "FILE",
	  "read answers from a YAML or JSON file ('-' for standard input); flags override them",
	  FREE, OPT_ANSWERS },
	{ "list-questions", 0, ARG_NONE, NULL, "list the questions with their types and exit",
	  FREE, OPT_LIST_QUESTIONS },
	{ "color", 0, ARG_REQUIRED, "WHEN", "colour the text output: ", color_settings, ", ",
	  NULL, NULL, OPT_COLOR },
	{ "batch", 0, ARG_OPTIONAL, "FILE",
	  "read JSON Lines, or CSV for a .csv file, of answers (default: standard input); write "
	  "one result per line or row",
	  FREE, OPT_BATCH },
	{ "require-complete", 0, ARG_NONE, NULL,
	  "exit with status 6 when anything is still possible or a question is still open", FREE,
	  OPT_REQUIRE_COMPLETE },
	{ "completion", 0, ARG_REQUIRED, "SHELL", "print a completion script for ", shells, " or ",
	  " (with the question flags) and exit", NULL, OPT_COMPLETION },
	{ "interactive", 'i', ARG_NONE, NULL,
	  "interview in a terminal, asking only the questions that still matter", FREE,
	  OPT_INTERACTIVE },
	{ "all-questions", 0, ARG_NONE, NULL,
	  "with --interactive: ask every applicable question, not only those that still matter",
	  FREE, OPT_ALL_QUESTIONS },
	{ "save", 0, ARG_REQUIRED, "FILE",
	  "write the answers to FILE (JSON, or YAML for .yaml/.yml; read back by --answers), atomically", FREE,
	  OPT_SAVE },
	{ "check", 0, ARG_NONE, NULL,
	  "check the rules file: every error and warning as FILE:LINE:COL (text or json); exit 3 on an error",
	  FREE, OPT_CHECK },
	{ "verify", 0, ARG_NONE, NULL,
	  "prove the invariants of the rules file over every possible answer set; exit 3 with "
	  "a counterexample on a violation",
	  FREE, OPT_VERIFY },
	{ "start-date", 0, ARG_REQUIRED, "YYYY-MM-DD",
	  "the date the plan starts from (default: today); deadlines are counted from it", FREE,
	  OPT_START_DATE },
	{ "input-format", 0, ARG_REQUIRED, "FORMAT", "what --batch reads: ", input_formats, " or ",
	  " (default: csv for a file name ending in .csv, else json)", NULL, OPT_INPUT_FORMAT },
	{ "summary", 0, ARG_NONE, NULL,
	  "write a compact JSON result on one line (with --batch, one per input line or row)", FREE,
	  OPT_SUMMARY },
	{ "diff", 0, ARG_REQUIRED, "OLD NEW",
	  "show what changes from answers file OLD to NEW (one may be '-'); exit 7 when the scope "
	  "changed", FREE, OPT_DIFF },
	{ "what-if", 0, ARG_REQUIRED, "ID=VALUE",
	  "show what changes if ID were answered VALUE ('unknown': unanswered) on top of the "
	  "other answers (repeatable); exit 7 when the scope changed", FREE, OPT_WHAT_IF },
	{ "next-question", 0, ARG_NONE, NULL,
	  "print the question the interview would ask next for the answers given (text or "
	  "json; nothing when none is left) and exit",
	  FREE, OPT_NEXT_QUESTION },
};

#define NOPTIONS (sizeof(cli_options) / sizeof(cli_options[0]))

const size_t cli_option_count = NOPTIONS;

/* Names reserved for options that later versions add. */
static const char *const future_names[] = { "output", "quiet", "verbose", "colour", "id", "meta" };

#define NFUTURE (sizeof(future_names) / sizeof(future_names[0]))

/* --help's left column: "  -f, --format FORMAT" padded to this width, then the help text. */
#define USAGE_LEFT_WIDTH 26
/* "-f, " or four spaces */
#define USAGE_SHORT_SIZE sizeof("-x, ")

const char *const *cli_reserved_names(void)
{
	static const char *names[NOPTIONS + NFUTURE + 1];
	size_t i;
	if (!names[0]) {
		for (i = 0; i < NOPTIONS; i++)
			names[i] = cli_options[i].name;
		for (i = 0; i < NFUTURE; i++)
			names[NOPTIONS + i] = future_names[i];
	}
	return names;
}

const struct option_spec *cli_option_find_long(const char *name, size_t len)
{
	size_t i;
	for (i = 0; i < NOPTIONS; i++)
		if (strlen(cli_options[i].name) == len && strncmp(cli_options[i].name, name, len) == 0)
			return &cli_options[i];
	return NULL;
}

const struct option_spec *cli_option_find_short(char c)
{
	size_t i;
	for (i = 0; i < NOPTIONS; i++)
		if (cli_options[i].short_name == c)
			return &cli_options[i];
	return NULL;
}

const char *cli_option_suggest(const char *name)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1, i, limit = strlen(name) < 5 ? 1 : 2;
	for (i = 0; i < NOPTIONS; i++) {
		size_t d = sa_edit_distance(name, cli_options[i].name);
		if (d < bestd) {
			bestd = d;
			best = cli_options[i].name;
		}
	}
	return bestd <= limit ? best : NULL;
}

const struct option_choice *cli_option_choice(const struct option_spec *o, const char *value)
{
	const struct option_choice *c;
	for (c = o->choices; c && c->name; c++)
		if (strcasecmp(c->name, value) == 0)
			return c;
	return NULL;
}

const char *cli_option_suggest_choice(const struct option_spec *o, const char *value)
{
	const struct option_choice *c;
	const char *best = NULL;
	char low[SA_ID_MAX + 1];
	size_t bestd = (size_t)-1, i, n = strlen(value);
	if (n > SA_ID_MAX)
		return NULL;
	for (i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)value[i]);
	for (c = o->choices; c && c->name; c++) {
		size_t d = sa_edit_distance(low, c->name);
		if (d < bestd) {
			bestd = d;
			best = c->name;
		}
	}
	return bestd <= (n < 5 ? 1u : 2u) ? best : NULL;
}

void cli_option_write_choices(FILE *f, const struct option_spec *o, const char *sep)
{
	const struct option_choice *c;
	for (c = o->choices; c && c->name; c++) {
		if (c != o->choices)
			fputs(sep, f);
		fputs(c->name, f);
	}
}

void cli_option_write_help(FILE *f, const struct option_spec *o,
			   int (*put)(const char *s, FILE *f))
{
	const struct option_choice *c;
	put(o->help, f);
	for (c = o->choices; c && c->name; c++) {
		if (c != o->choices)
			put(c[1].name ? ", " : o->last_sep, f);
		put(c->name, f);
		if (c->note) {
			put(" ", f);
			put(c->note, f);
		}
	}
	if (o->help_after)
		put(o->help_after, f);
	if (o->implicit) {
		put("; alone: ", f);
		put(o->implicit, f);
	}
}

void cli_options_usage(FILE *f)
{
	size_t i, len, width = cli_text_width(f);
	char *text;
	FILE *m;
	for (i = 0; i < NOPTIONS; i++) {
		const struct option_spec *o = &cli_options[i];
		char sh[USAGE_SHORT_SIZE] = "    ";
		int n;
		if (o->short_name)
			snprintf(sh, sizeof(sh), "-%c, ", o->short_name);
		/* the left column, padded; the longest ("--require-complete") fits */
		n = fprintf(f, "  %s--%s", sh, o->name);
		if (o->argname)
			n += fprintf(f, o->arg == ARG_OPTIONAL ? "[=%s]" : " %s", o->argname);
		fprintf(f, "%*s ", n < USAGE_LEFT_WIDTH + 2 ? USAGE_LEFT_WIDTH + 2 - n : 0, "");
		/* the help, wrapped to the screen with a hanging indent under its column */
		text = NULL;
		len = 0;
		m = open_memstream(&text, &len);
		if (m) {
			cli_option_write_help(m, o, fputs);
			if (fclose(m) == 0 && text)
				sa_wrap(f, text,
					(size_t)(n < USAGE_LEFT_WIDTH + 2 ? USAGE_LEFT_WIDTH + 2 : n) + 1,
					USAGE_LEFT_WIDTH + 3, width);
			free(text);
		}
		fputc('\n', f);
	}
}

const char *sa_flag_name(const char *id, char *buf, size_t size)
{
	return sa_question_flag(id, 0, buf, size);
}
