/*
 * next.h - --next-question: the question the interview would ask next for the answers given, so
 * that another front end (a chat bot, a web form) can drive the same interview (next.c).
 */
#ifndef CLI_NEXT_H
#define CLI_NEXT_H

#include "options.h"
#include "socadvise.h"

#include <stdio.h>

/*
 * Write the next question for a to f: as text, or with format json one JSON object (id, flag,
 * type, prompt, help, choices or min and max, default). Nothing when the interview would ask
 * nothing. Returns an enum cli_exit.
 */
int cli_next_question(FILE *f, const sa_rules *r, const struct sa_answers *a,
		      enum cli_format format);

/*
 * The command that takes up the open questions of these answers, in a new string (NULL when out
 * of memory): "socadvise -i --answers FILE --save FILE" with save_path, "socadvise -i --answers
 * FILE" with answers_path, else "socadvise -i" and the answers as flags.
 */
char *cli_resume_command(const sa_rules *r, const struct sa_answers *a, const char *answers_path,
			 const char *save_path);

#endif
