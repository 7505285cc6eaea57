/*
 * options.h - the one declarative table of built-in command-line options.
 *
 * One list drives everything about an option: parsing (args.c), --help (help.c) and the shell
 * completion (completion.c) all read this table, including the values an option takes, and the
 * loader is given the table's names so that no question can shadow a built-in option.
 */
#ifndef CLI_OPTIONS_H
#define CLI_OPTIONS_H

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
	OPT_START_DATE,
	OPT_INPUT_FORMAT,
	OPT_SUMMARY,
	OPT_DIFF,
	OPT_WHAT_IF,
	OPT_NEXT_QUESTION
};

/*
 * ARG_OPTIONAL: the value is given as --name=VALUE, or as the next argument when that does not
 * start with '-' (or is exactly "-").
 */
enum opt_arg { ARG_NONE, ARG_REQUIRED, ARG_OPTIONAL };

/* The values of the options that take a word from a fixed list (the choice's value). */
enum cli_format { CLI_FORMAT_TEXT, CLI_FORMAT_JSON, CLI_FORMAT_MARKDOWN, CLI_FORMAT_YAML,
		  CLI_FORMAT_ICS, CLI_FORMAT_CSV };
enum cli_input_format { CLI_INPUT_JSON, CLI_INPUT_CSV };
enum cli_color { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };
enum cli_shell { CLI_SHELL_BASH, CLI_SHELL_ZSH };
/* --explain's values are the library's enum sa_explain. */

/* One word an option's value may be. */
struct option_choice {
	const char *name;
	const char *note; /* shown after the name in --help, e.g. "(default)"; or NULL */
	int value;        /* the enum value parsing stores */
};

struct option_spec {
	const char *name;  /* long name, without "--" */
	char short_name;   /* 0 when none */
	enum opt_arg arg;
	const char *argname;
	/*
	 * --help's text: help, then (for an option with choices) the choices as "a (note), b or
	 * c", the last one joined by last_sep, then help_after, then "; alone: " and implicit.
	 */
	const char *help;
	const struct option_choice *choices; /* the only values accepted, ends with a NULL name;
						NULL: any value (a file, an answer) */
	const char *last_sep;                /* " or " or ", " */
	const char *help_after;              /* or NULL */
	const char *implicit;                /* ARG_OPTIONAL: the choice meant when no value is
						given, or NULL */
	enum opt_id id;
};

extern const struct option_spec cli_options[];
extern const size_t cli_option_count;

/*
 * Names a question id may not take: every option above plus those reserved for the future;
 * NULL-terminated, derived from the table so that a new option is reserved at once.
 */
const char *const *cli_reserved_names(void);

const struct option_spec *cli_option_find_long(const char *name, size_t len);
const struct option_spec *cli_option_find_short(char c);
/* The closest built-in option name to name (for "did you mean"), or NULL. */
const char *cli_option_suggest(const char *name);
/* The choice of o named value, in any case ("JSON"), or NULL when o has no such choice (or
 * takes any value). */
const struct option_choice *cli_option_choice(const struct option_spec *o, const char *value);
/* The choice of o closest to value (for "did you mean"), or NULL when none is close. */
const char *cli_option_suggest_choice(const struct option_spec *o, const char *value);

/* Write the names of o's choices separated by sep ("json, text", "json text"). */
void cli_option_write_choices(FILE *f, const struct option_spec *o, const char *sep);
/* Write o's --help text, each piece through put (fputs, or an escaping writer). */
void cli_option_write_help(FILE *f, const struct option_spec *o,
			   int (*put)(const char *s, FILE *f));
/* The "Options:" part of --help: one line per option. */
void cli_options_usage(FILE *f);

/* The command-line flag of a question id: '_' becomes '-'. Returns buf. */
const char *sa_flag_name(const char *id, char *buf, size_t size);

#endif
