/*
 * csv_in.c - a CSV inventory read as rows of answers (include/sa_csv.h), through libcsv.
 *
 * libcsv does the RFC 4180 lexing (strict mode: a quote inside an unquoted cell, or text after
 * a closing quote, is an error; spaces are data, never trimmed), fed one byte at a time so that
 * every cell's line and column are known. Beside it runs a small shadow lexer that knows only
 * where rows and cells begin and whether a quoted cell is open. It serves two purposes: the
 * positions of cells, and getting past a row libcsv has given up on (broken quoting, a row too
 * long to hold): the rest of that row is skipped up to its end, outside quotes, the row is
 * reported, and libcsv starts afresh with the next one. So one bad row never takes the rows
 * after it along, and memory stays bounded by SA_CSV_MAX_ROW whatever the input.
 *
 * Invariants: a record is either returned as a row or reported as one, never dropped; cells
 * are held back to back in one buffer, each followed by a NUL (a cell may hold NUL bytes of its
 * own: lengths are kept); the header decides once which column is which question.
 */
#include "internal.h"
#include "sa_csv.h"

#include <csv.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The shadow lexer's states. */
enum lex { L_ROW, L_START, L_UNQ, L_Q, L_QQ };

/* Where a cell's text is in the row buffer, and where it starts in the input. */
struct cellpos {
	size_t off, len;
	unsigned line, col;
};

struct sa_csv_reader {
	const sa_rules *r;
	const char *name;
	FILE *in;
	struct csv_parser p;
	int p_live;                /* p is initialized */
	unsigned char pend[3];     /* bytes read ahead while looking for a byte order mark */
	size_t npend, ipend;
	int eof;
	unsigned line, col;        /* position of the next byte */
	enum lex lex;
	unsigned fline, fcol;      /* where the current cell starts */
	/* the row being read */
	char *buf;
	size_t blen, bcap;
	struct cellpos *cells;
	size_t ncells, ccap;
	size_t row_bytes;
	int row_done, skipping, too_long, too_many, nomem;
	unsigned bad_line, bad_col;  /* broken quoting: where */
	const char *bad_what;        /* and what; NULL when the quoting is fine */
	unsigned row_number, row_line;
	/* the header */
	size_t ncols;
	char *names;               /* the header's cells, back to back, each NUL-terminated */
	struct cellpos *colpos;    /* offsets into names */
	int *question;
	int id_col;
};

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static int parser_start(sa_csv_reader *rd)
{
	if (rd->p_live)
		csv_free(&rd->p);
	rd->p_live = 0;
	if (csv_init(&rd->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return SA_ERR_NOMEM;
	csv_set_space_func(&rd->p, no_space);
	rd->p_live = 1;
	return SA_OK;
}

/* libcsv's end-of-cell callback: keep the cell (a NUL after it) with its position. */
static void on_cell(void *s, size_t len, void *data)
{
	sa_csv_reader *rd = data;
	struct cellpos *c;
	if (rd->nomem || rd->too_many)
		return;
	if (rd->ncells >= SA_CSV_MAX_COLUMNS) {
		rd->too_many = 1;
		return;
	}
	if (rd->ncells == rd->ccap) {
		size_t cap = rd->ccap ? rd->ccap * 2 : 32;
		struct cellpos *nc = realloc(rd->cells, cap * sizeof(*nc));
		if (!nc) {
			rd->nomem = 1;
			return;
		}
		rd->cells = nc;
		rd->ccap = cap;
	}
	if (rd->blen + len + 1 > rd->bcap) {
		size_t cap = rd->bcap ? rd->bcap : 1024;
		char *nb;
		while (cap < rd->blen + len + 1)
			cap *= 2;
		nb = realloc(rd->buf, cap);
		if (!nb) {
			rd->nomem = 1;
			return;
		}
		rd->buf = nb;
		rd->bcap = cap;
	}
	c = &rd->cells[rd->ncells++];
	c->off = rd->blen;
	c->len = len;
	c->line = rd->fline;
	c->col = rd->fcol;
	if (len)
		memcpy(rd->buf + rd->blen, s, len);
	rd->blen += len;
	rd->buf[rd->blen++] = '\0';
}

static void on_row(int c, void *data)
{
	(void)c;
	((sa_csv_reader *)data)->row_done = 1;
}

/* The next byte of the input, or EOF (ferror tells a read error). */
static int next_byte(sa_csv_reader *rd)
{
	if (rd->ipend < rd->npend)
		return rd->pend[rd->ipend++];
	return getc(rd->in);
}

static int is_eol(int c)
{
	return c == '\r' || c == '\n';
}

/* The shadow lexer's step; returns nonzero when c ends a row. */
static int shadow(sa_csv_reader *rd, int c)
{
	enum lex from = rd->lex;
	switch (from) {
	case L_ROW:
	case L_START:
	case L_UNQ:
		if (is_eol(c))
			rd->lex = L_ROW;
		else if (c == ',')
			rd->lex = L_START;
		else if (c == '"' && from != L_UNQ)
			rd->lex = L_Q;
		else
			rd->lex = L_UNQ;
		return from != L_ROW && rd->lex == L_ROW;
	case L_Q:
		if (c == '"')
			rd->lex = L_QQ;
		return 0;
	case L_QQ:
		rd->lex = c == '"' ? L_Q : is_eol(c) ? L_ROW : c == ',' ? L_START : L_UNQ;
		return rd->lex == L_ROW;
	}
	return 0;
}

/* Give up on the rest of this row with libcsv: skip it, and start libcsv afresh. */
static int start_skipping(sa_csv_reader *rd)
{
	rd->skipping = 1;
	return parser_start(rd);
}

/* Feed one byte at the current position. SA_OK, or SA_ERR_NOMEM. */
static int feed(sa_csv_reader *rd, int c)
{
	unsigned char b = (unsigned char)c;
	int ends;
	if (rd->lex == L_START || (rd->lex == L_ROW && !is_eol(c))) {
		rd->fline = rd->line;
		rd->fcol = rd->col;
		if (rd->lex == L_ROW)
			rd->row_line = rd->line;
	}
	if (!rd->skipping) {
		if (csv_parse(&rd->p, &b, 1, on_cell, on_row, rd) != 1) {
			if (csv_error(&rd->p) != CSV_EPARSE)
				return SA_ERR_NOMEM;
			rd->bad_line = rd->line;
			rd->bad_col = rd->col;
			rd->bad_what = rd->lex == L_UNQ ?
					       "a quote inside an unquoted cell (quote the whole cell "
					       "and double the quotes in it)" :
					       "text after the closing quote of a cell";
			if (start_skipping(rd) != SA_OK)
				return SA_ERR_NOMEM;
		} else if (rd->nomem) {
			return SA_ERR_NOMEM;
		}
	}
	ends = shadow(rd, c);
	if (rd->lex != L_ROW || ends)
		rd->row_bytes++;
	if (!rd->skipping && !rd->row_done &&
	    (rd->too_many || rd->row_bytes > SA_CSV_MAX_ROW)) {
		rd->too_long = !rd->too_many;
		if (start_skipping(rd) != SA_OK)
			return SA_ERR_NOMEM;
	}
	if (ends && rd->skipping)
		rd->row_done = 1;
	if (c == '\n') {
		rd->line++;
		rd->col = 1;
	} else {
		rd->col++;
	}
	return SA_OK;
}

/*
 * Read one record into the row buffer. Returns 1 (a record), 0 (the end of the input), or an
 * error status negated: -SA_ERR_IO (errno set) or -SA_ERR_NOMEM.
 */
static int read_record(sa_csv_reader *rd)
{
	rd->blen = rd->ncells = rd->row_bytes = 0;
	rd->row_done = rd->skipping = rd->too_long = rd->too_many = 0;
	rd->bad_what = NULL;
	while (!rd->eof) {
		int c = next_byte(rd);
		if (c == EOF) {
			if (ferror(rd->in))
				return -SA_ERR_IO;
			rd->eof = 1;
			if (rd->lex == L_ROW)
				return 0;
			if (rd->lex == L_Q && !rd->skipping) {
				/* a quoted cell that never ends: libcsv refuses it (strict) */
				rd->bad_line = rd->fline;
				rd->bad_col = rd->fcol;
				rd->bad_what = "a quoted cell that is never closed";
			} else if (!rd->skipping &&
				   csv_fini(&rd->p, on_cell, on_row, rd) != 0) {
				return -SA_ERR_NOMEM;
			}
			if (rd->nomem)
				return -SA_ERR_NOMEM;
			rd->lex = L_ROW;
			if (parser_start(rd) != SA_OK)
				return -SA_ERR_NOMEM;
			return 1;
		}
		if (feed(rd, c) != SA_OK)
			return -SA_ERR_NOMEM;
		if (rd->row_done)
			return 1;
	}
	return 0;
}

/* Cell i of the record just read. */
static struct sa_csv_cell cell(const sa_csv_reader *rd, size_t i)
{
	struct sa_csv_cell c = { "", 0 };
	if (i < rd->ncells) {
		c.text = rd->buf + rd->cells[i].off;
		c.len = rd->cells[i].len;
	}
	return c;
}

/* Nonzero when text holds a control character (C0, DEL or C1) or is not valid UTF-8. */
static int unprintable(const char *s, size_t len)
{
	size_t i;
	if (sa_utf8_check(s, len) != len)
		return 1;
	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x20 || b == 0x7f || (b == 0xc2 && i + 1 < len &&
					      (unsigned char)s[i + 1] < 0xa0))
			return 1;
	}
	return 0;
}

/* text without the spaces and tabs around it */
static struct sa_csv_cell trim(struct sa_csv_cell c)
{
	while (c.len && (c.text[0] == ' ' || c.text[0] == '\t')) {
		c.text++;
		c.len--;
	}
	while (c.len && (c.text[c.len - 1] == ' ' || c.text[c.len - 1] == '\t'))
		c.len--;
	return c;
}

/* The problem of the record just read, at line:col, as a diagnostic. */
static int add(sa_csv_reader *rd, struct sa_diags *d, unsigned line, unsigned col,
	       const char *code, const char *msg)
{
	return sa_diags_add(d, SA_SEV_ERROR, rd->name, line, col, code, "%s", msg) == SA_OK ?
		       SA_ERR_INPUT :
		       SA_ERR_NOMEM;
}

/* The problems that leave a record without cells to trust: quoting, size. */
static int record_problem(sa_csv_reader *rd, struct sa_diags *d, const char *what)
{
	char msg[256];
	if (rd->bad_what) {
		snprintf(msg, sizeof(msg), "%s %u: %s", what, rd->row_number, rd->bad_what);
		return add(rd, d, rd->bad_line, rd->bad_col, "csv-syntax", msg);
	}
	if (rd->too_long || rd->too_many) {
		if (rd->too_long)
			snprintf(msg, sizeof(msg), "%s %u is longer than %u bytes", what,
				 rd->row_number, SA_CSV_MAX_ROW);
		else
			snprintf(msg, sizeof(msg), "%s %u has more than %u cells", what,
				 rd->row_number, SA_CSV_MAX_COLUMNS);
		return add(rd, d, rd->row_line, 1, "row-too-long", msg);
	}
	return SA_OK;
}

/* ---- the header ------------------------------------------------------------------------- */

static struct sa_csv_cell colname(const sa_csv_reader *rd, size_t i)
{
	struct sa_csv_cell c = { rd->names + rd->colpos[i].off, rd->colpos[i].len };
	return c;
}

/* The question a header cell names (trimmed, any case, '-' or '_'), or -1. */
static int header_question(const sa_rules *r, struct sa_csv_cell c)
{
	char id[SA_ID_MAX + 1];
	size_t i;
	c = trim(c);
	if (c.len == 0 || c.len > SA_ID_MAX)
		return -1;
	for (i = 0; i < c.len; i++)
		id[i] = (char)tolower((unsigned char)c.text[i]);
	id[c.len] = '\0';
	return sa_rules_question_find(r, id);
}

static int is_id_column(struct sa_csv_cell c)
{
	c = trim(c);
	return c.len == 2 && strncasecmp(c.text, "id", 2) == 0;
}

/* Check the header cells just read and keep them. */
static int take_header(sa_csv_reader *rd, struct sa_diags *d)
{
	size_t i, j;
	int st = SA_OK;
	char msg[256];
	rd->ncols = rd->ncells;
	rd->names = malloc(rd->blen ? rd->blen : 1);
	rd->colpos = calloc(rd->ncols ? rd->ncols : 1, sizeof(*rd->colpos));
	rd->question = calloc(rd->ncols ? rd->ncols : 1, sizeof(*rd->question));
	if (!rd->names || !rd->colpos || !rd->question)
		return SA_ERR_NOMEM;
	memcpy(rd->names, rd->buf, rd->blen);
	memcpy(rd->colpos, rd->cells, rd->ncols * sizeof(*rd->colpos));
	rd->id_col = -1;
	for (i = 0; i < rd->ncols && st != SA_ERR_NOMEM; i++) {
		struct sa_csv_cell c = colname(rd, i);
		const struct cellpos *p = &rd->colpos[i];
		rd->question[i] = -1;
		if (unprintable(c.text, c.len)) {
			snprintf(msg, sizeof(msg), "header, column %zu: the name is not valid UTF-8 or "
				 "holds a control character", i + 1);
			st = add(rd, d, p->line, p->col, "bad-header", msg);
			continue;
		}
		rd->question[i] = header_question(rd->r, c);
		if (rd->question[i] < 0 && is_id_column(c)) {
			if (rd->id_col < 0)
				rd->id_col = (int)i;
			else {
				snprintf(msg, sizeof(msg), "header, column %zu: a second 'id' column "
					 "(the first is column %d)", i + 1, rd->id_col + 1);
				st = add(rd, d, p->line, p->col, "bad-header", msg);
			}
			continue;
		}
		for (j = 0; j < i; j++) {
			struct sa_csv_cell o = colname(rd, j);
			int same = rd->question[i] >= 0 ?
					   rd->question[j] == rd->question[i] :
					   rd->question[j] < 0 && c.len && o.len == c.len &&
						   memcmp(o.text, c.text, c.len) == 0;
			if (!same)
				continue;
			if (rd->question[i] >= 0)
				snprintf(msg, sizeof(msg), "header, column %zu '%.64s': question '%s' "
					 "already has column %zu", i + 1, c.text,
					 sa_question_id(rd->r, (size_t)rd->question[i]), j + 1);
			else
				snprintf(msg, sizeof(msg), "header, column %zu '%.64s': the name of "
					 "column %zu again", i + 1, c.text, j + 1);
			st = add(rd, d, p->line, p->col, "bad-header", msg);
			break;
		}
	}
	return st;
}

int sa_csv_reader_new(const sa_rules *r, const char *name, FILE *in, sa_csv_reader **out,
		      struct sa_diags *d)
{
	sa_csv_reader *rd = calloc(1, sizeof(*rd));
	int got, st = SA_OK, c;
	*out = NULL;
	if (!rd)
		return SA_ERR_NOMEM;
	rd->r = r;
	rd->name = name;
	rd->in = in;
	rd->line = rd->col = 1;
	rd->lex = L_ROW;
	if (parser_start(rd) != SA_OK) {
		sa_csv_reader_free(rd);
		return SA_ERR_NOMEM;
	}
	/* a UTF-8 byte order mark, as spreadsheets write, is not part of the first cell */
	while (rd->npend < 3 && (c = getc(in)) != EOF)
		rd->pend[rd->npend++] = (unsigned char)c;
	if (rd->npend == 3 && memcmp(rd->pend, "\xef\xbb\xbf", 3) == 0)
		rd->ipend = 3;
	got = ferror(in) ? -SA_ERR_IO : read_record(rd);
	rd->row_number = 1;
	if (got == -SA_ERR_NOMEM) {
		st = SA_ERR_NOMEM;
	} else if (got < 0) {
		st = sa_diags_add(d, SA_SEV_ERROR, name, 0, 0, "io", "cannot read: %s",
				  strerror(errno)) == SA_OK ? SA_ERR_IO : SA_ERR_NOMEM;
	} else if (got == 0) {
		st = add(rd, d, 1, 1, "empty-input",
			 "empty input: a CSV batch starts with a header row naming its columns");
	} else {
		st = record_problem(rd, d, "header row");
		if (st == SA_OK)
			st = take_header(rd, d);
	}
	if (st != SA_OK) {
		sa_csv_reader_free(rd);
		return st;
	}
	*out = rd;
	return SA_OK;
}

void sa_csv_reader_free(sa_csv_reader *rd)
{
	if (!rd)
		return;
	if (rd->p_live)
		csv_free(&rd->p);
	free(rd->buf);
	free(rd->cells);
	free(rd->names);
	free(rd->colpos);
	free(rd->question);
	free(rd);
}

size_t sa_csv_columns(const sa_csv_reader *rd)
{
	return rd->ncols;
}

struct sa_csv_cell sa_csv_column_name(const sa_csv_reader *rd, size_t col)
{
	return colname(rd, col);
}

int sa_csv_column_question(const sa_csv_reader *rd, size_t col)
{
	return rd->question[col];
}

unsigned sa_csv_row_number(const sa_csv_reader *rd)
{
	return rd->row_number;
}

unsigned sa_csv_row_line(const sa_csv_reader *rd)
{
	return rd->row_line;
}

size_t sa_csv_row_cells(const sa_csv_reader *rd)
{
	return rd->ncells;
}

struct sa_csv_cell sa_csv_row_cell(const sa_csv_reader *rd, size_t col)
{
	return cell(rd, col);
}

/* ---- a row ------------------------------------------------------------------------------ */

/* The row's id as a JSON string into out; SA_OK, or SA_ERR_INPUT when it does not fit. */
static int id_json(struct sa_csv_cell c, char *out, size_t size, size_t *len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, n = 0;
	if (size < 3)
		return SA_ERR_INPUT;
	out[n++] = '"';
	for (i = 0; i < c.len; i++) {
		unsigned char b = (unsigned char)c.text[i];
		if (n + 7 > size)
			return SA_ERR_INPUT;
		if (b == '"' || b == '\\') {
			out[n++] = '\\';
			out[n++] = (char)b;
		} else if (b < 0x20) {
			memcpy(out + n, "\\u00", 4);
			out[n + 4] = hex[b >> 4];
			out[n + 5] = hex[b & 15];
			n += 6;
		} else {
			out[n++] = (char)b;
		}
	}
	out[n++] = '"';
	out[n] = '\0';
	*len = n;
	return SA_OK;
}

/* One question cell: empty or "unknown" leaves it unanswered. */
static int take_answer(sa_csv_reader *rd, size_t col, struct sa_answers *a, struct sa_diags *d)
{
	struct sa_csv_cell c = trim(cell(rd, col));
	const struct cellpos *p = col < rd->ncells ? &rd->cells[col] : NULL;
	int q = rd->question[col];
	char m[512], msg[700], *text;
	int32_t v;
	int st;
	if (c.len == 0 || (c.len == 7 && strncasecmp(c.text, "unknown", 7) == 0))
		return SA_OK;
	text = strndup(c.text, c.len); /* the row's checks have ruled out NUL bytes */
	if (!text)
		return SA_ERR_NOMEM;
	st = sa_answer_parse(rd->r, (size_t)q, text, &v, m, sizeof(m));
	if (st == SA_OK)
		st = sa_answers_set(a, rd->r, (size_t)q, v, m, sizeof(m));
	free(text);
	if (st == SA_OK)
		return SA_OK;
	snprintf(msg, sizeof(msg), "row %u, column %zu '%.64s': %s", rd->row_number, col + 1,
		 colname(rd, col).text, m);
	return add(rd, d, p ? p->line : rd->row_line, p ? p->col : 1, "bad-value", msg);
}

/* The cells of a row whose records read whole: encoding, the count, the answers, meta, id. */
static int take_row(sa_csv_reader *rd, struct sa_answers *a, struct sa_meta *meta, char *idj,
		    size_t idsize, size_t *idlen, struct sa_diags *d)
{
	size_t i;
	int st = SA_OK, s;
	char msg[256];
	if (rd->ncells != rd->ncols) {
		snprintf(msg, sizeof(msg), "row %u has %zu cell%s; the header has %zu", rd->row_number,
			 rd->ncells, rd->ncells == 1 ? "" : "s", rd->ncols);
		st = add(rd, d, rd->row_line, 1, "column-count", msg);
	}
	for (i = 0; i < rd->ncols && st != SA_ERR_NOMEM; i++) {
		struct sa_csv_cell c = cell(rd, i);
		size_t at = sa_utf8_check(c.text, c.len);
		const char *nul = memchr(c.text, '\0', c.len);
		if (at != c.len || nul) {
			const struct cellpos *p = &rd->cells[i];
			if (nul && (size_t)(nul - c.text) < at)
				snprintf(msg, sizeof(msg), "row %u, column %zu '%.64s': a NUL byte (byte "
					 "%zu of the cell)", rd->row_number, i + 1, colname(rd, i).text,
					 (size_t)(nul - c.text) + 1);
			else
				snprintf(msg, sizeof(msg), "row %u, column %zu '%.64s': not valid UTF-8 "
					 "(byte %zu of the cell)", rd->row_number, i + 1,
					 colname(rd, i).text, at + 1);
			s = add(rd, d, p->line, p->col, "encoding", msg);
			if (s != SA_OK)
				st = s;
			continue;
		}
		if (rd->question[i] >= 0) {
			s = take_answer(rd, i, a, d);
			if (s != SA_OK)
				st = s;
		} else if ((int)i == rd->id_col) {
			if (c.len && id_json(c, idj, idsize, idlen) != SA_OK) {
				snprintf(msg, sizeof(msg), "row %u, column %zu 'id': the id is too long (at "
					 "most %zu bytes as a JSON string)", rd->row_number, i + 1,
					 idsize - 1);
				s = add(rd, d, rd->cells[i].line, rd->cells[i].col, "bad-id", msg);
				if (s != SA_OK)
					st = s;
				*idlen = 0;
			}
		} else if (meta && c.len && colname(rd, i).len) {
			if (sa_meta_add(meta, colname(rd, i).text, c.text) != SA_OK)
				st = SA_ERR_NOMEM;
		}
	}
	return st;
}

int sa_csv_read_row(sa_csv_reader *rd, struct sa_answers *a, struct sa_meta *meta,
		    char *idj, size_t idsize, size_t *idlen, int *more, struct sa_diags *d)
{
	int got, st;
	*more = 0;
	*idlen = 0;
	sa_answers_clear(a);
	if (meta)
		sa_meta_clear(meta);
	got = read_record(rd);
	if (got == -SA_ERR_NOMEM)
		return SA_ERR_NOMEM;
	if (got < 0)
		return sa_diags_add(d, SA_SEV_ERROR, rd->name, rd->line, rd->col, "io",
				    "cannot read: %s", strerror(errno)) == SA_OK ? SA_ERR_IO :
										   SA_ERR_NOMEM;
	if (got == 0)
		return SA_OK;
	*more = 1;
	rd->row_number++;
	st = record_problem(rd, d, "row");
	if (st != SA_OK)
		return st;
	return take_row(rd, a, meta, idj, idsize, idlen, d);
}
