/*
 * csv_out.c - results as CSV rows (include/sa_csv.h), quoted by libcsv's writer.
 *
 * Every cell goes through one path, put_cell: its text with control characters made visible
 * (sa_escape.h; tab, line feed and the CR of a CRLF kept, so multi-line cells stay whole), then
 * csv_fwrite, which quotes it and doubles its quotes. A cell that had nothing to escape is
 * written byte for byte, which is what keeps pass-through columns identical to the input.
 * The result columns are built from the result alone; nothing here decides anything.
 */
#include "internal.h"
#include "sa_csv.h"
#include "sa_escape.h"

#include <csv.h>

#include <stdlib.h>
#include <string.h>

/* A growable piece of text. */
struct sb {
	char *s;
	size_t len, cap;
	int nomem;
};

/* Room for n more bytes and a NUL; nonzero when there is. */
static int sb_reserve(struct sb *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 256;
	char *ns;
	if (b->nomem)
		return 0;
	if (b->len + n + 1 <= b->cap)
		return 1;
	while (cap < b->len + n + 1)
		cap *= 2;
	ns = realloc(b->s, cap);
	if (!ns) {
		b->nomem = 1;
		return 0;
	}
	b->s = ns;
	b->cap = cap;
	return 1;
}

static void sb_put(struct sb *b, const char *s, size_t n)
{
	if (!sb_reserve(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_str(struct sb *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

/* Append text with its control characters escaped; a CRLF is kept as it is. */
static void sb_escaped(struct sb *b, const char *t, size_t len)
{
	const unsigned flags = SA_ESCAPE_NEWLINE | SA_ESCAPE_TAB;
	while (len) {
		const char *cr = NULL;
		size_t i, n, need;
		for (i = 0; i + 1 < len && !cr; i++)
			if (t[i] == '\r' && t[i + 1] == '\n')
				cr = t + i;
		n = cr ? (size_t)(cr - t) : len;
		need = sa_escape_buf(NULL, 0, t, n, flags);
		if (!sb_reserve(b, need))
			return;
		sa_escape_buf(b->s + b->len, need + 1, t, n, flags);
		b->len += need;
		if (cr) {
			sb_put(b, "\r\n", 2);
			n += 2;
		}
		t += n;
		len -= n;
	}
}

/* One cell, after sep (0: none), escaped and quoted. */
static int put_cell(FILE *f, struct sb *tmp, int sep, const char *t, size_t len)
{
	tmp->len = 0;
	sb_put(tmp, "", 0); /* an empty cell is "" too */
	sb_escaped(tmp, t, len);
	if (tmp->nomem)
		return SA_ERR_NOMEM;
	if (sep && fputc(sep, f) == EOF)
		return SA_ERR_IO;
	return csv_fwrite(f, tmp->s, tmp->len) == 0 ? SA_OK : SA_ERR_IO;
}

static int put_str(FILE *f, struct sb *tmp, int sep, const char *s)
{
	return put_cell(f, tmp, sep, s, strlen(s));
}

static int end_row(FILE *f, int st)
{
	if (st == SA_OK && fputc('\n', f) == EOF)
		st = SA_ERR_IO;
	return st == SA_OK && ferror(f) ? SA_ERR_IO : st;
}

int sa_write_csv_header(FILE *f, const struct sa_csv_cell *pass, size_t npass)
{
	static const char *const cols[] = { SA_CSV_RESULT_COLUMNS };
	struct sb tmp = { NULL, 0, 0, 0 };
	size_t i;
	int st = SA_OK;
	for (i = 0; i < npass && st == SA_OK; i++)
		st = put_cell(f, &tmp, i ? ',' : 0, pass[i].text, pass[i].len);
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]) && st == SA_OK; i++)
		st = put_str(f, &tmp, i || npass ? ',' : 0, cols[i]);
	free(tmp.s);
	return end_row(f, st);
}

/* "soc1:type2;soc2:type1>type2;soc3?" */
static void reports_cell(struct sb *b, const struct sa_result *res)
{
	int rep, n = 0;
	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		const struct sa_report_result *rr = &res->report[rep];
		if (rr->status == SA_ABSENT)
			continue;
		if (n++)
			sb_str(b, ";");
		sb_str(b, sa_report_id((enum sa_report)rep));
		if (rr->status == SA_POSSIBLE)
			sb_str(b, "?");
		if (sa_type_id(rr->type)) {
			sb_str(b, ":");
			sb_str(b, sa_type_id(rr->type));
		}
		if (sa_type_id(rr->then.type)) {
			sb_str(b, ">");
			sb_str(b, sa_type_id(rr->then.type));
		}
	}
}

/* "soc2:security+availability+confidentiality?;soc3:security" */
static void categories_cell(struct sb *b, const sa_rules *r, const struct sa_result *res)
{
	int rep, c, n = 0;
	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		const struct sa_report_result *rr = &res->report[rep];
		int k = 0;
		if (rr->status == SA_ABSENT || r->nby_report[rep][SA_OUT_CRITERIA] == 0)
			continue;
		if (n++)
			sb_str(b, ";");
		sb_str(b, sa_report_id((enum sa_report)rep));
		sb_str(b, ":");
		for (c = 0; c < SA_CAT_COUNT; c++) {
			if (rr->criteria[c] == SA_ABSENT)
				continue;
			if (k++)
				sb_str(b, "+");
			sb_str(b, sa_category_id((enum sa_category)c));
			if (rr->criteria[c] == SA_POSSIBLE)
				sb_str(b, "?");
		}
	}
}

/* The recommended advice: what to act on (possible advice waits on the open questions). */
static void advice_cell(struct sb *b, const sa_rules *r, const struct sa_result *res)
{
	const size_t *idx = sa_items_in_order(r, SA_ITEM_ADVICE);
	size_t i, n = 0;
	for (i = 0; i < r->nitems[SA_ITEM_ADVICE]; i++) {
		if (res->items[SA_ITEM_ADVICE][idx[i]].status != SA_RECOMMENDED)
			continue;
		if (n++)
			sb_str(b, ";");
		sb_str(b, r->items[SA_ITEM_ADVICE][idx[i]].id);
	}
}

static void open_cell(struct sb *b, const sa_rules *r, const struct sa_result *res)
{
	size_t q, n = 0;
	for (q = 0; q < r->nquestions; q++) {
		if (!res->open[q])
			continue;
		if (n++)
			sb_str(b, ";");
		sb_str(b, r->questions[q].id);
	}
}

int sa_write_csv_row(FILE *f, const sa_rules *r, const struct sa_result *res,
		     const struct sa_csv_cell *pass, size_t npass, const char *error)
{
	struct sb tmp = { NULL, 0, 0, 0 }, val = { NULL, 0, 0, 0 };
	size_t i, k;
	int st = SA_OK;
	for (i = 0; i < npass && st == SA_OK; i++)
		st = put_cell(f, &tmp, i ? ',' : 0, pass[i].text, pass[i].len);
	/* complete, reports, categories, advice, open_questions, meets_deadline */
	for (k = 0; k < 6 && st == SA_OK; k++) {
		val.len = 0;
		sb_put(&val, "", 0);
		if (res) {
			switch (k) {
			case 0:
				sb_str(&val, sa_result_is_complete(r, res) ? "true" : "false");
				break;
			case 1:
				reports_cell(&val, res);
				break;
			case 2:
				categories_cell(&val, r, res);
				break;
			case 3:
				advice_cell(&val, r, res);
				break;
			case 4:
				open_cell(&val, r, res);
				break;
			default:
				if (res->plan.present && res->plan.meets_deadline != SA_UNKNOWN)
					sb_str(&val, res->plan.meets_deadline == SA_TRUE ? "true" :
											  "false");
				break;
			}
		}
		st = val.nomem ? SA_ERR_NOMEM :
				 put_cell(f, &tmp, k || npass ? ',' : 0, val.s, val.len);
	}
	if (st == SA_OK)
		st = put_str(f, &tmp, ',', res || !error ? "" : error);
	free(tmp.s);
	free(val.s);
	return end_row(f, st);
}

int sa_write_csv(FILE *f, const sa_rules *r, const struct sa_result *res,
		 const struct sa_output_opts *o)
{
	const struct sa_meta *m = o ? o->meta : NULL;
	size_t n = m ? m->n : 0, i;
	struct sa_csv_cell *keys = calloc(n ? n : 1, sizeof(*keys));
	struct sa_csv_cell *vals = calloc(n ? n : 1, sizeof(*vals));
	int st = SA_ERR_NOMEM;
	if (keys && vals) {
		for (i = 0; i < n; i++) {
			keys[i].text = m->keys[i];
			keys[i].len = strlen(m->keys[i]);
			vals[i].text = m->values[i];
			vals[i].len = strlen(m->values[i]);
		}
		st = sa_write_csv_header(f, keys, n);
		if (st == SA_OK)
			st = sa_write_csv_row(f, r, res, vals, n, NULL);
	}
	free(keys);
	free(vals);
	return st;
}
