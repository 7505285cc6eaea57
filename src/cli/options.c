/*
 * options.c - the table of built-in options and the names reserved for future ones.
 */
#include "options.h"

#include <string.h>

const struct option_spec sa_options[] = {
	{ "help", 'h', ARG_NONE, NULL, "show this help, with every question flag, and exit",
	  OPT_HELP },
	{ "version", 'V', ARG_NONE, NULL, "show the version and exit", OPT_VERSION },
	{ "rules", 0, ARG_REQUIRED, "FILE",
	  "use this rules file instead of the built-in one (also SOCADVISE_RULES)", OPT_RULES },
	{ "format", 'f', ARG_REQUIRED, "FORMAT", "output format: text (default) or json",
	  OPT_FORMAT },
	{ "explain", 'e', ARG_NONE, NULL,
	  "also explain why each report that is not recommended does not apply", OPT_EXPLAIN },
	{ "answer", 'a', ARG_REQUIRED, "ID=VALUE", "answer a question (repeatable)", OPT_ANSWER },
	{ "answers", 0, ARG_REQUIRED, "FILE",
	  "read answers from a YAML or JSON file ('-' for standard input); flags may add to them",
	  OPT_ANSWERS },
	{ "list-questions", 0, ARG_NONE, NULL, "list the questions with their types and exit",
	  OPT_LIST_QUESTIONS },
	{ "color", 0, ARG_REQUIRED, "WHEN",
	  "colour the text output: auto (default: only on a terminal, never with NO_COLOR), always, never",
	  OPT_COLOR },
};

const size_t sa_option_count = sizeof(sa_options) / sizeof(sa_options[0]);

const char *const sa_reserved_names[] = {
	"help", "version", "rules", "format", "explain", "answer", "answers", "list-questions",
	"color",
	/* reserved for options that later versions add */
	"interactive", "save", "batch", "check", "verify", "require-complete",
	"completion", "all-questions", "output", "quiet", "verbose", "colour", "id",
	NULL
};

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

static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, row[65], prev, tmp;
	if (la > 64 || lb > 64)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

const char *sa_option_suggest(const char *name)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1, i, limit = strlen(name) < 5 ? 1 : 2;
	for (i = 0; i < sa_option_count; i++) {
		size_t d = distance(name, sa_options[i].name);
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
		char left[64];
		if (o->short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->short_name, o->name,
				 o->argname ? " " : "", o->argname ? o->argname : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name, o->argname ? " " : "",
				 o->argname ? o->argname : "");
		fprintf(f, "  %-26s %s\n", left, o->help);
	}
}
