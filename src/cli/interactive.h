/*
 * interactive.h - the terminal front end of the interview (--interactive) and --save.
 *
 * The logic (which question, is a reply valid, back) is in the library (sa_interview.h); this
 * part only talks: it reads replies from the input stream it is given and writes the dialogue and
 * the result to the streams it is given. Exit codes are enum sa_exit.
 */
#ifndef SA_CLI_INTERACTIVE_H
#define SA_CLI_INTERACTIVE_H

#include "socadvise.h"

#include <stdio.h>

struct sa_cli_interview {
	const sa_rules *rules;
	const struct sa_answers *prefilled; /* flags and --answers: taken as answered */
	int all_questions;                  /* --all-questions */
	const char *save_path;              /* --save FILE, or NULL */
	/* writes the result in the format asked for (sa_write_text, sa_write_json, ...) */
	int (*write)(FILE *f, const sa_rules *r, const struct sa_result *res,
		     const struct sa_output_opts *o);
	struct sa_output_opts output;       /* --explain, colour of the result */
	int color;                          /* dialogue colour: -1 auto, 0 never, 1 always */
	FILE *in;                           /* replies (a terminal) */
	FILE *talk;                         /* questions, help, messages */
	FILE *out;                          /* the result */
};

/*
 * Check that an interview can run: input must be a terminal and not also the answers file.
 * Prints a message naming the alternatives and returns SA_EXIT_USAGE when it cannot.
 */
int sa_cli_interview_check(FILE *in, const char *answers_path);

/* Run the interview, save the answers if asked, write the result; returns an enum sa_exit. */
int sa_cli_interview(const struct sa_cli_interview *o);

/*
 * Write the given answers to path as one line of JSON, atomically: a temporary file in the same
 * directory, flushed to disk, then renamed over path, so that path is either the old file or the
 * complete new one, also when the process is interrupted. Returns SA_EXIT_OK or SA_EXIT_OUTPUT
 * (with a message on standard error).
 */
int sa_cli_save_answers(const char *path, const sa_rules *r, const struct sa_answers *a);

#endif
