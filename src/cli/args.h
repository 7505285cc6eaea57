/*
 * args.h - the command line, read in two passes (args.c).
 *
 * Pass 1 (cli_args_parse) reads the built-in options of the option table (options.c) and needs
 * no rules: --help and --version work whatever the rules file. What it cannot decide yet, the
 * question flags and --answer, it keeps in order for pass 2 (cli_args_answers), which reads them
 * against the questions of the loaded rules. Both report on standard error and return an exit
 * code of enum cli_exit; neither exits, so both can be linked into a test.
 */
#ifndef CLI_ARGS_H
#define CLI_ARGS_H

#include "options.h"
#include "socadvise.h"

#include <stddef.h>

struct cli_args {
	const char *rules_path;     /* --rules, else SOCADVISE_RULES (main), else NULL: built in */
	enum cli_format format;
	int format_set;
	enum cli_color color;
	int explain;                /* enum sa_explain */
	int explain_set;
	int help, version, list_questions;
	const char *answers_path;
	int batch;
	const char *batch_path;     /* NULL: standard input */
	int require_complete;
	int completion_set;
	enum cli_shell completion;
	int interactive, all_questions;
	int next_question;          /* --next-question */
	const char *save_path;
	int check, verify;
	int start_set;              /* --start-date */
	int32_t start_date;         /* days, see sa_date_parse */
	enum cli_input_format input_format; /* --input-format */
	int input_format_set;
	int summary;                /* --summary */
	const char *diff_old, *diff_new; /* --diff OLD NEW */
	const char **what_if;       /* --what-if ID=VALUE, in order, borrowed from argv */
	size_t nwhat_if;
	/* arguments left for pass 2, borrowed from argv: question flags, "--answer" + its value */
	const char **pending;
	size_t npending;
};

/* Make a room for argc arguments. Returns CLI_EXIT_OK or CLI_EXIT_INTERNAL (reported). */
int cli_args_init(struct cli_args *a, int argc);
void cli_args_release(struct cli_args *a);

/*
 * Pass 1: the built-in options of argv[1..argc-1]. Returns CLI_EXIT_OK or CLI_EXIT_USAGE (an
 * unknown short option, a missing or unknown value, an argument that is no option, ...).
 */
int cli_args_parse(struct cli_args *a, int argc, char **argv);

/*
 * Pass 2: the question flags and --answer values kept by pass 1, into ans (initialized for r).
 * Returns CLI_EXIT_OK, CLI_EXIT_USAGE (an unknown question, a bad value, a conflicting answer)
 * or CLI_EXIT_INTERNAL (out of memory).
 */
int cli_args_answers(const struct cli_args *a, const sa_rules *r, struct sa_answers *ans);

/*
 * Lay the given answers of top over dst (both for the same rules). override nonzero: top wins
 * where both answer (flags over an answers file); zero: dst's own answers win (a batch line
 * over the flags given as defaults for every line).
 */
void cli_answers_overlay(struct sa_answers *dst, const struct sa_answers *top, int override);

#endif
