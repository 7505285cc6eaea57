/*
 * options.h - the one declarative table of built-in command-line options.
 *
 * --help is generated from this table plus the questions of the rules in use, and the loader
 * is given the table's names so that no question can shadow a built-in option.
 */
#ifndef SA_CLI_OPTIONS_H
#define SA_CLI_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

enum opt_id {
	OPT_HELP,
	OPT_VERSION,
	OPT_RULES,
	OPT_FORMAT,
	OPT_EXPLAIN,
	OPT_ANSWER,
	OPT_ANSWERS,
	OPT_LIST_QUESTIONS,
	OPT_COLOR,
	OPT_BATCH,
	OPT_REQUIRE_COMPLETE,
	OPT_COMPLETION,
	OPT_INTERACTIVE,
	OPT_ALL_QUESTIONS,
	OPT_SAVE,
	OPT_CHECK,
	OPT_VERIFY,
	OPT_START_DATE
};

/*
 * ARG_OPTIONAL: the value is given as --name=VALUE, or as the next argument when that does not
 * start with '-' (or is exactly "-").
 */
enum opt_arg { ARG_NONE, ARG_REQUIRED, ARG_OPTIONAL };

struct option_spec {
	const char *name;  /* long name, without "--" */
	char short_name;   /* 0 when none */
	enum opt_arg arg;
	const char *argname;
	const char *help;
	enum opt_id id;
};

extern const struct option_spec sa_options[];
extern const size_t sa_option_count;

/*
 * Names a question id may not take: every option above plus those reserved for the future;
 * NULL-terminated, derived from the table so that a new option is reserved at once.
 */
const char *const *sa_reserved_names(void);

const struct option_spec *sa_option_find_long(const char *name, size_t len);
const struct option_spec *sa_option_find_short(char c);
/* The closest built-in option name to name (for "did you mean"), or NULL. */
const char *sa_option_suggest(const char *name);

void sa_options_usage(FILE *f);

/* The command-line flag of a question id: '_' becomes '-'. Returns buf. */
const char *sa_flag_name(const char *id, char *buf, size_t size);

#endif
