/*
 * batch.h - --batch: JSON Lines (batch.c) or CSV (batch_csv.c) of answers in, one result per
 * input line or row out, as a JSON line, a --summary line or a CSV row (batch_out.c).
 */
#ifndef CLI_BATCH_H
#define CLI_BATCH_H

#include "sa_csv.h"
#include "socadvise.h"

#include <stdio.h>

/* The longest batch line accepted, in bytes; a longer line becomes an error object. */
#define CLI_BATCH_MAX_LINE (1024u * 1024u)
/* The longest "id" echoed, in bytes of its JSON text; a longer one is an error. */
#define CLI_BATCH_MAX_ID 1024u

/* What a batch writes for each input line or row. */
enum cli_batch_output {
	CLI_BATCH_JSON,    /* the JSON document on one line (JSON Lines) */
	CLI_BATCH_SUMMARY, /* the --summary line */
	CLI_BATCH_CSV      /* a CSV row, after a header row */
};

struct cli_batch_opts {
	const char *path;     /* NULL or "-": standard input */
	int csv_input;        /* read CSV (batch_csv.c) instead of JSON Lines */
	enum cli_batch_output output;
	int explain;          /* enum sa_explain */
	int require_complete; /* exit 6 when a line's result is not complete */
	/* answers given on the command line, for every line that does not answer them; or NULL */
	const struct sa_answers *defaults;
	FILE *in;             /* not NULL: read this stream, named by path (or <stdin>), instead */
};

/*
 * --batch: read answers (JSON Lines, or CSV when o->csv_input) and write one result per input
 * line or row to out, in input order. Returns CLI_EXIT_OK, CLI_EXIT_INPUT (a line or row failed,
 * or the input could not be read), CLI_EXIT_INCOMPLETE, CLI_EXIT_OUTPUT or CLI_EXIT_INTERNAL
 * (out of memory).
 */
int cli_batch_run(const sa_rules *r, const struct cli_batch_opts *o, FILE *out);
/* The CSV half of cli_batch_run (batch_csv.c); the same contract. */
int cli_batch_csv_run(const sa_rules *r, const struct cli_batch_opts *o, FILE *out);

/*
 * Where a batch's results go (batch_out.c): one sink for both inputs, so that JSON Lines and CSV
 * input write every output form the same way. npass pass-through cells (CSV output only: the
 * input's non-question columns, or the JSON Lines id) come first in each CSV row.
 */
struct cli_sink {
	FILE *out;
	const sa_rules *r;
	enum cli_batch_output kind;
	struct sa_output_opts oo;
	int name_lines;       /* CSV error cells: start each message with its line and column */
};
/* The CSV header row (nothing for the JSON forms). Each returns SA_OK, SA_ERR_NOMEM, ... */
int cli_sink_header(const struct cli_sink *s, const struct sa_csv_cell *pass, size_t npass);
int cli_sink_result(const struct cli_sink *s, const struct sa_result *res, const char *id_json,
		    const struct sa_csv_cell *pass, size_t npass);
/* An error line or row for the input line or row at line, with the problems in d. */
int cli_sink_error(const struct cli_sink *s, const char *id_json, unsigned line,
		   const struct sa_diags *d, const struct sa_csv_cell *pass, size_t npass);
/* The exit code of a sink's status (out of memory reported; write errors left to main). */
int cli_sink_status(int st);

#endif
