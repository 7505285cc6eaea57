/*
 * sa_csv.h - CSV in and out: a vendor inventory read as batch answers, and results written as
 * spreadsheet rows (RFC 4180, through libcsv).
 *
 * Reading (csv_in.c). The first record is the header: a column whose name is a question id
 * ('-' and '_' interchangeable, any case) holds that question's answers; a column named "id" is
 * the row's id; every other column passes through untouched (its cells are the row's "meta").
 * Each later record is one row of answers. A cell is read as sa_answer_parse reads a value
 * (yes/no, true/false, 1/0, an enum choice in any case, an integer), after spaces and tabs
 * around it are dropped; an empty cell or "unknown" (any case) leaves the question unanswered.
 * Quoted cells may hold commas, doubled quotes and line breaks; a UTF-8 byte order mark before
 * the header is skipped; rows may end in CRLF or LF; blank lines are not rows.
 *
 * A problem with one row (a bad cell, a row with more or fewer cells than the header, broken
 * quoting, invalid UTF-8, a row over SA_CSV_MAX_ROW bytes) is reported for that row alone and
 * reading goes on with the next one: every row of the input is either read or reported, never
 * dropped. A problem with the header (no header at all, a repeated column) ends the reading.
 * Memory does not grow with the input: one row is held at a time, at most SA_CSV_MAX_ROW bytes
 * and SA_CSV_MAX_COLUMNS cells.
 *
 * Writing (csv_out.c). One header row, then one row per result: the pass-through cells first,
 * then the result columns (SA_CSV_RESULT_COLUMNS). Every cell is quoted, quotes doubled, rows
 * end in a line feed. Cell text is written as it is except for control characters, which are
 * written as visible escapes (sa_escape.h): tab and line feed are kept, and so is a carriage
 * return that ends a line (CRLF) inside a cell, so that multi-line cells survive whole.
 */
#ifndef SA_CSV_H
#define SA_CSV_H

#include "socadvise.h"

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The longest row accepted, in bytes of input, and the most cells in one row. */
#define SA_CSV_MAX_ROW (1024u * 1024u)
#define SA_CSV_MAX_COLUMNS 1024u

/* A cell: len bytes of text (may hold NUL bytes; not terminated). */
struct sa_csv_cell {
	const char *text;
	size_t len;
};

typedef struct sa_csv_reader sa_csv_reader;

/*
 * Start reading CSV from in (name is FILE in diagnostics) and read its header row. Returns SA_OK
 * with *out set; SA_ERR_INPUT with the header's problems in d (an empty input, a repeated
 * column, a header cell that is not valid UTF-8 or holds a control character, broken quoting);
 * SA_ERR_IO when in cannot be read (one diagnostic); SA_ERR_NOMEM. *out is NULL on failure.
 * The reader borrows r and in, which must outlive it.
 */
int sa_csv_reader_new(const sa_rules *r, const char *name, FILE *in, sa_csv_reader **out,
		      struct sa_diags *d);
void sa_csv_reader_free(sa_csv_reader *rd);

/* The header: the number of columns, each column's name, and its question (-1: none). */
size_t sa_csv_columns(const sa_csv_reader *rd);
struct sa_csv_cell sa_csv_column_name(const sa_csv_reader *rd, size_t col);
int sa_csv_column_question(const sa_csv_reader *rd, size_t col);

/*
 * Read the next row into a (cleared first) and meta (cleared first: the non-empty pass-through
 * columns other than "id", named by their header, in column order; may be NULL). Returns:
 *   SA_OK          a row was read; its answers are in a;
 *   SA_ERR_INPUT   the row has problems, each one in d with its line and column and a message
 *                  that names the row and column as "row ROW, column COL 'NAME'" (the header is
 *                  row 1); the row still counts and its cells are still available;
 *   SA_ERR_IO      the input could not be read (one diagnostic);
 *   SA_ERR_NOMEM;
 * and sets *more to 0 (nothing was read: the end of the input) or 1. The row's id, when it has
 * a non-empty "id" cell, is written into id_json (idsize bytes) as a JSON string, and its length
 * into *idlen (0: no id; an id whose JSON text does not fit is a problem of the row).
 */
int sa_csv_read_row(sa_csv_reader *rd, struct sa_answers *a, struct sa_meta *meta,
		    char *id_json, size_t idsize, size_t *idlen, int *more, struct sa_diags *d);

/* The row just read: its number (the header is row 1), the line it starts on, its cells. */
unsigned sa_csv_row_number(const sa_csv_reader *rd);
unsigned sa_csv_row_line(const sa_csv_reader *rd);
size_t sa_csv_row_cells(const sa_csv_reader *rd);
/* Cell col of the row just read; an empty cell past the row's end. */
struct sa_csv_cell sa_csv_row_cell(const sa_csv_reader *rd, size_t col);

/* ---- writing ---------------------------------------------------------------------------- */

/* The result columns, after the pass-through ones, in this order. */
#define SA_CSV_RESULT_COLUMNS \
	"complete", "reports", "categories", "advice", "open_questions", "meets_deadline", "error"

/*
 * Write the header row: the pass-through column names (npass of them), then the result
 * columns. Returns SA_OK or SA_ERR_IO (or SA_ERR_NOMEM).
 */
int sa_write_csv_header(FILE *f, const struct sa_csv_cell *pass, size_t npass);
/*
 * Write one row: the npass pass-through cells, then the result columns of res; or, when res is
 * NULL, empty result columns and error in the "error" column (an error row). The result columns
 * (docs/json-output.md, "CSV output"): complete (true/false); reports
 * ("soc1:type2;soc2:type1>type2;soc3?": a possible report followed by '?'); categories
 * ("soc2:security+availability+privacy?": a possible category followed by '?'); advice (the
 * recommended advice ids); open_questions (ids); meets_deadline (true, false or empty). Lists are
 * separated by ';'.
 * Returns SA_OK, SA_ERR_IO or SA_ERR_NOMEM.
 */
int sa_write_csv_row(FILE *f, const sa_rules *r, const struct sa_result *res,
		     const struct sa_csv_cell *pass, size_t npass, const char *error);
/*
 * A whole CSV document of one result (--format csv): the header and one row, with the meta
 * mapping of o (may be NULL) as the pass-through columns. The signature of the other writers.
 */
int sa_write_csv(FILE *f, const sa_rules *r, const struct sa_result *res,
		 const struct sa_output_opts *o);

#ifdef __cplusplus
}
#endif

#endif
