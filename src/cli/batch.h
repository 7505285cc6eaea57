/*
 * batch.h - --batch: JSON Lines of answers in, one JSON result per line out (batch.c).
 */
#ifndef CLI_BATCH_H
#define CLI_BATCH_H

#include "socadvise.h"

#include <stdio.h>

/* The longest batch line accepted, in bytes; a longer line becomes an error object. */
#define CLI_BATCH_MAX_LINE (1024u * 1024u)
/* The longest "id" echoed, in bytes of its JSON text; a longer one is an error. */
#define CLI_BATCH_MAX_ID 1024u

struct cli_batch_opts {
	const char *path;     /* NULL or "-": standard input */
	int explain;          /* enum sa_explain */
	int require_complete; /* exit 6 when a line's result is not complete */
	/* answers given on the command line, for every line that does not answer them; or NULL */
	const struct sa_answers *defaults;
};

/*
 * --batch: read JSON Lines of answers and write one compact JSON result per line to out, in
 * input order. Returns CLI_EXIT_OK, CLI_EXIT_INPUT (a line failed, or the input could not be
 * read), CLI_EXIT_INCOMPLETE, CLI_EXIT_OUTPUT or CLI_EXIT_INTERNAL (out of memory).
 */
int cli_batch_run(const sa_rules *r, const struct cli_batch_opts *o, FILE *out);

#endif
