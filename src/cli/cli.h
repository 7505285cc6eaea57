/*
 * cli.h - front-end modules of the socadvise command beyond main.c: messages, batch mode and
 * shell completion. Each returns an exit code of enum sa_exit and reports on standard error
 * itself, through sa_cli_msg and sa_cli_diags.
 */
#ifndef SA_CLI_H
#define SA_CLI_H

#include "socadvise.h"

#include <stdio.h>

/* "socadvise: " + the message + newline, on standard error. */
void sa_cli_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Each diagnostic as "socadvise: FILE:LINE:COL: [warning: ]message" on standard error. */
void sa_cli_diags(const struct sa_diags *d);

/* The longest batch line accepted, in bytes; a longer line becomes an error object. */
#define SA_BATCH_MAX_LINE (1024u * 1024u)
/* The longest "id" echoed, in bytes of its JSON text; a longer one is an error. */
#define SA_BATCH_MAX_ID 1024u

struct sa_batch_opts {
	const char *path;     /* NULL or "-": standard input */
	int explain;          /* enum sa_explain */
	int require_complete; /* exit 6 when a line's result is not complete */
};

/*
 * --batch: read JSON Lines of answers and write one compact JSON result per line to out, in
 * input order. Returns SA_EXIT_OK, SA_EXIT_INPUT (a line failed, or the input could not be
 * read), SA_EXIT_INCOMPLETE or SA_EXIT_OUTPUT.
 */
int sa_batch_run(const sa_rules *r, const struct sa_batch_opts *o, FILE *out);

/* Nonzero when shell names a shell --completion supports. */
int sa_completion_supported(const char *shell);
/* --completion SHELL: write the completion script for the options and r's questions. */
int sa_completion_write(FILE *f, const char *shell, const sa_rules *r);

#endif
