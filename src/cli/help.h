/*
 * help.h - what the command says about itself: --help and --list-questions (help.c).
 */
#ifndef CLI_HELP_H
#define CLI_HELP_H

#include "socadvise.h"

#include <stdio.h>

/* "Try 'socadvise --help' ...", on standard error after a usage error. */
void cli_try_help(void);
/*
 * --help: the options (from the option table), every question flag of r, examples and the exit
 * codes. r may be NULL when the rules could not be loaded: the options are still shown.
 */
void cli_usage(FILE *f, const sa_rules *r);
/* socadvise alone on a terminal: a short hint to the interview and --help; returns 0. */
int cli_usage_hint(FILE *f);
/* --list-questions in text: each question's id, type, default and prompt. */
void cli_list_questions(FILE *f, const sa_rules *r);

#endif
