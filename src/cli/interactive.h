/*
 * interactive.h - the terminal front end of the interview (--interactive).
 *
 * The logic (which question, is a reply valid, back) is in the library (sa_interview.h); this
 * part only talks: it reads replies from the input stream it is given (reply.c) and writes the
 * dialogue (voice.c) and the result to the streams it is given. Exit codes are enum cli_exit.
 */
#ifndef CLI_INTERACTIVE_H
#define CLI_INTERACTIVE_H

#include "socadvise.h"

#include <stdio.h>

struct cli_interview {
	const sa_rules *rules;
	const struct sa_answers *prefilled; /* flags and --answers: taken as answered */
	int all_questions;                  /* --all-questions */
	const char *save_path;              /* --save FILE, or NULL */
	/* writes the result in the format asked for (sa_write_text, sa_write_json, ...) */
	int (*write)(FILE *f, const sa_rules *r, const struct sa_result *res,
		     const struct sa_output_opts *o);
	struct sa_output_opts output;       /* --explain, colour of the result */
	int color;                          /* colour the dialogue (cli_color_decide) */
	FILE *in;                           /* replies (a terminal) */
	FILE *talk;                         /* questions, help, messages */
	FILE *out;                          /* the result */
};

/*
 * Check that an interview can run: input must be a terminal and not also the answers file.
 * Prints a message naming the alternatives and returns CLI_EXIT_USAGE when it cannot.
 */
int cli_interview_check(FILE *in, const char *answers_path);

/* Run the interview, save the answers if asked, write the result; returns an enum cli_exit. */
int cli_interview(const struct cli_interview *o);

#endif
