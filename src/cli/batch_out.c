/*
 * batch_out.c - where a batch's results go: JSON lines, --summary lines or CSV rows, one per
 * input line or row, for JSON Lines and CSV input alike (batch.h, struct cli_sink).
 *
 * An error becomes the batch error object in the JSON forms (sa_write_json_error_line), and in
 * CSV a row with the pass-through cells, empty result columns and the problems in "error".
 */
#include "batch.h"
#include "cli.h"
#include "sa_summary.h"

#include <stdlib.h>
#include <string.h>

int cli_sink_header(const struct cli_sink *s, const struct sa_csv_cell *pass, size_t npass)
{
	return s->kind == CLI_BATCH_CSV ? sa_write_csv_header(s->out, pass, npass) : SA_OK;
}

int cli_sink_result(const struct cli_sink *s, const struct sa_result *res, const char *id_json,
		    const struct sa_csv_cell *pass, size_t npass)
{
	switch (s->kind) {
	case CLI_BATCH_SUMMARY:
		return sa_write_summary(s->out, s->r, res, id_json);
	case CLI_BATCH_CSV:
		return sa_write_csv_row(s->out, s->r, res, pass, npass, NULL);
	default:
		return sa_write_json_line(s->out, s->r, res, &s->oo, id_json);
	}
}

/* Every error of d, "; " between them; NULL when out of memory. */
static char *joined(const struct cli_sink *s, const struct sa_diags *d)
{
	char *text = NULL;
	size_t len = 0, i, n = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return NULL;
	for (i = 0; i < d->len; i++) {
		const struct sa_diag *g = &d->items[i];
		if (g->severity != SA_SEV_ERROR)
			continue;
		if (n++)
			fputs("; ", m);
		if (s->name_lines && g->line)
			fprintf(m, "line %u, column %u: ", g->line, g->col ? g->col : 1);
		fputs(g->message, m);
	}
	if (fclose(m) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

int cli_sink_error(const struct cli_sink *s, const char *id_json, unsigned line,
		   const struct sa_diags *d, const struct sa_csv_cell *pass, size_t npass)
{
	char *msg;
	int st;
	if (s->kind != CLI_BATCH_CSV)
		return sa_write_json_error_line(s->out, id_json, line, d);
	msg = joined(s, d);
	if (!msg)
		return SA_ERR_NOMEM;
	st = sa_write_csv_row(s->out, s->r, NULL, pass, npass, msg);
	free(msg);
	return st;
}

int cli_sink_status(int st)
{
	if (st == SA_OK)
		return CLI_EXIT_OK;
	if (st == SA_ERR_NOMEM)
		return cli_out_of_memory();
	/* main reports the write error once, when it closes standard output */
	return CLI_EXIT_OUTPUT;
}
