/*
 * batch_csv.c - --batch over a CSV inventory: one result per row, in row order.
 *
 * Invariants (those of batch.c, for rows): every row after the header gives exactly one output
 * line or row, a bad row an error (with its pass-through cells in CSV output) and processing
 * goes on; each bad row is also reported on standard error as FILE:LINE:COL: row ROW, column
 * COL 'NAME': message; the exit status is 4 when a row failed. The columns that are not
 * questions pass through: in CSV output first, cell for cell; in the JSON forms as the row's
 * "meta" (and the "id" column as its "id"). Question flags are defaults for every row. The
 * reading is the library's (sa_csv.h): this file reads rows and writes results.
 */
#include "args.h"
#include "batch.h"
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct run {
	const sa_rules *r;
	const struct cli_batch_opts *o;
	const char *name;
	sa_csv_reader *rd;
	struct cli_sink sink;
	size_t *passidx;          /* the pass-through columns */
	struct sa_csv_cell *pass; /* their cells in the current row */
	size_t npass;
	struct sa_answers ans;
	struct sa_result res;
	struct sa_meta meta;
	struct sa_diags d;
	char id[CLI_BATCH_MAX_ID + 1];
	unsigned long rows, failed, incomplete;
};

/* The header's pass-through columns, and the CSV header row of the output. */
static int start(struct run *x)
{
	size_t i, n = sa_csv_columns(x->rd);
	x->passidx = calloc(n ? n : 1, sizeof(*x->passidx));
	x->pass = calloc(n ? n : 1, sizeof(*x->pass));
	if (!x->passidx || !x->pass)
		return cli_out_of_memory();
	for (i = 0; i < n; i++)
		if (sa_csv_column_question(x->rd, i) < 0) {
			x->pass[x->npass] = sa_csv_column_name(x->rd, i);
			x->passidx[x->npass++] = i;
		}
	return cli_sink_status(cli_sink_header(&x->sink, x->pass, x->npass));
}

/* The line of the row's first error, for the JSON error object. */
static unsigned error_line(const struct run *x)
{
	size_t i;
	for (i = 0; i < x->d.len; i++)
		if (x->d.items[i].severity == SA_SEV_ERROR && x->d.items[i].line)
			return x->d.items[i].line;
	return sa_csv_row_line(x->rd);
}

/* One row read with status st: its result or its error. */
static int one_row(struct run *x, int st, size_t idlen)
{
	const char *id = idlen ? x->id : NULL;
	size_t i;
	int wr;
	for (i = 0; i < x->npass; i++)
		x->pass[i] = sa_csv_row_cell(x->rd, x->passidx[i]);
	x->rows++;
	if (st != SA_OK) {
		x->failed++;
		cli_diags(&x->d);
		wr = cli_sink_error(&x->sink, id, error_line(x), &x->d, x->pass, x->npass);
	} else {
		if (x->o->defaults)
			cli_answers_overlay(&x->ans, x->o->defaults, 0);
		sa_evaluate_ex(x->r, &x->ans, &x->res,
			       x->o->explain == SA_EXPLAIN_NONE && x->o->output == CLI_BATCH_JSON ?
				       SA_EVAL_NO_REASONS : 0);
		if (x->o->require_complete && !sa_result_is_complete(x->r, &x->res))
			x->incomplete++;
		wr = cli_sink_result(&x->sink, &x->res, id, x->pass, x->npass);
	}
	return cli_sink_status(wr);
}

static int rows(struct run *x)
{
	int rc = CLI_EXIT_OK;
	for (;;) {
		size_t idlen = 0;
		int more = 0;
		int st = sa_csv_read_row(x->rd, &x->ans, &x->meta, x->id, sizeof(x->id), &idlen,
					 &more, &x->d);
		if (st == SA_ERR_NOMEM)
			return cli_out_of_memory();
		if (st == SA_ERR_IO) {
			cli_diags(&x->d);
			return CLI_EXIT_INPUT;
		}
		if (!more)
			break;
		rc = one_row(x, st, idlen);
		sa_diags_release(&x->d); /* and empty for the next row */
		if (rc != CLI_EXIT_OK)
			return rc;
	}
	if (x->failed) {
		cli_msg("%s: %lu of %lu row%s failed", x->name, x->failed, x->rows,
			x->rows == 1 ? "" : "s");
		return CLI_EXIT_INPUT;
	}
	if (x->incomplete) {
		cli_msg("%s: incomplete: %lu of %lu row%s (\"complete\": false)", x->name,
			x->incomplete, x->rows, x->rows == 1 ? "" : "s");
		return CLI_EXIT_INCOMPLETE;
	}
	return CLI_EXIT_OK;
}

int cli_batch_csv_run(const sa_rules *r, const struct cli_batch_opts *o, FILE *out)
{
	int is_stdin = !o->path || strcmp(o->path, "-") == 0;
	FILE *in = o->in ? o->in : is_stdin ? stdin : fopen(o->path, "rb");
	struct run *x;
	int rc, st, have_res = 0;

	if (!in) {
		cli_msg("%s: cannot open: %s", o->path, strerror(errno));
		return CLI_EXIT_INPUT;
	}
	x = calloc(1, sizeof(*x));
	if (!x) {
		if (in != stdin && in != o->in)
			fclose(in);
		return cli_out_of_memory();
	}
	x->r = r;
	x->o = o;
	x->name = is_stdin ? "<stdin>" : o->path;
	x->sink.out = out;
	x->sink.r = r;
	x->sink.kind = o->output;
	x->sink.oo.explain = o->explain;
	x->sink.oo.compact = 1;
	x->sink.oo.meta = &x->meta;
	sa_meta_init(&x->meta);
	sa_diags_init(&x->d);
	st = sa_csv_reader_new(r, x->name, in, &x->rd, &x->d);
	if (st == SA_ERR_NOMEM) {
		rc = cli_out_of_memory();
	} else if (st != SA_OK) {
		/* a header that cannot be read leaves no row to answer for: nothing is written */
		cli_diags(&x->d);
		rc = CLI_EXIT_INPUT;
	} else if (sa_answers_init(&x->ans, r) != SA_OK || sa_result_init(&x->res, r) != SA_OK) {
		rc = cli_out_of_memory();
	} else {
		have_res = 1;
		rc = start(x);
		if (rc == CLI_EXIT_OK)
			rc = rows(x);
	}
	sa_csv_reader_free(x->rd);
	sa_diags_release(&x->d);
	sa_meta_release(&x->meta);
	sa_answers_release(&x->ans);
	if (have_res)
		sa_result_release(&x->res);
	free(x->passidx);
	free(x->pass);
	free(x);
	if (in != stdin && in != o->in)
		fclose(in);
	return rc;
}
