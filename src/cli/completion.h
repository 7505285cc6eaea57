/*
 * completion.h - --completion SHELL: a shell completion script generated from the option table
 * and the questions of the rules in use (completion.c).
 */
#ifndef CLI_COMPLETION_H
#define CLI_COMPLETION_H

#include "options.h"
#include "socadvise.h"

#include <stdio.h>

/* Write the completion script for shell; returns CLI_EXIT_OK or CLI_EXIT_OUTPUT. */
int cli_completion_write(FILE *f, enum cli_shell shell, const sa_rules *r);

#endif
