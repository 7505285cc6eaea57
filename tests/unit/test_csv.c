/*
 * test_csv.c - the CSV reader and writer (sa_csv.h): headers, cells read as answers, pass-through
 * cells, every class of bad row with its position, and rows written by the writer read back
 * with libcsv itself (a round trip through an independent parse). Each case echoes its input.
 */
#include "support.h"

#include "sa_csv.h"

#include <csv.h>

/* ---- reading ------------------------------------------------------------------------------ */

struct row_case {
	const char *csv;
	/* per data row: the status, then either "q=v,q=v" answers or "code@line:col" problems */
	const char *rows[6];
};

/* Read csv with the default rules; check each row against want ("OK q=v ..." or "ERR c@l:c"). */
static void check_rows(const sa_rules *r, const struct row_case *c)
{
	FILE *in = fmemopen((void *)c->csv, strlen(c->csv), "r");
	sa_csv_reader *rd = NULL;
	struct sa_diags d;
	struct sa_answers a;
	char id[64];
	size_t idlen, n = 0, q;
	int more, st;
	assert_non_null(in);
	sa_diags_init(&d);
	sa_answers_init(&a, r);
	st = sa_csv_reader_new(r, "t.csv", in, &rd, &d);
	if (st != SA_OK)
		fail_msg("header of [%s]: status %d, %s", c->csv, st, d.len ? d.items[0].message : "");
	for (;;) {
		char got[512] = "";
		size_t len = 0;
		st = sa_csv_read_row(rd, &a, NULL, id, sizeof(id), &idlen, &more, &d);
		if (!more)
			break;
		if (st == SA_OK) {
			len += (size_t)snprintf(got + len, sizeof(got) - len, "OK");
			for (q = 0; q < a.count; q++)
				if (a.origin[q] == SA_ORIGIN_GIVEN) {
					char v[SA_VALUE_SIZE];
					len += (size_t)snprintf(got + len, sizeof(got) - len, " %s=%s",
								sa_question_id(r, q),
								sa_question_format_value(r, q, a.value[q],
											 v, sizeof(v)));
				}
			if (idlen)
				snprintf(got + len, sizeof(got) - len, " id=%s", id);
		} else {
			size_t i;
			assert_int_equal(st, SA_ERR_INPUT);
			len += (size_t)snprintf(got + len, sizeof(got) - len, "ERR");
			for (i = 0; i < d.len; i++)
				len += (size_t)snprintf(got + len, sizeof(got) - len, " %s@%u:%u",
							d.items[i].code, d.items[i].line, d.items[i].col);
		}
		sa_diags_release(&d);
		if (n >= 6 || !c->rows[n])
			fail_msg("[%s]: unexpected row %zu: %s", c->csv, n + 1, got);
		if (strcmp(got, c->rows[n]) != 0)
			fail_msg("[%s] row %zu: got '%s', expected '%s'", c->csv, n + 1, got, c->rows[n]);
		n++;
	}
	assert_int_equal(st, SA_OK);
	if (n < 6 && c->rows[n])
		fail_msg("[%s]: missing row %zu (%s)", c->csv, n + 1, c->rows[n]);
	sa_csv_reader_free(rd);
	sa_answers_release(&a);
	sa_diags_release(&d);
	fclose(in);
}

static void test_rows(void **state)
{
	static const struct row_case cases[] = {
		/* names: any case, '-' or '_', spaces around; cells: the words of sa_answer_parse */
		{ "Payroll, customer-data ,ROLE,controls_months\nyes,0,Customer,12\n",
		  { "OK role=customer payroll=true customer_data=false controls_months=12" } },
		/* empty and "unknown" leave a question unanswered; spaces around a cell are dropped */
		{ "payroll,hosting\n,UNKNOWN\n  true\t,no\n", { "OK", "OK payroll=true hosting=false" } },
		/* a UTF-8 byte order mark, CRLF rows, blank lines, no newline at the end */
		{ "\xef\xbb\xbfpayroll\r\n\r\nyes\r\n\r\n0", { "OK payroll=true", "OK payroll=false" } },
		/* quoted cells: commas, doubled quotes, line breaks; an id column */
		{ "vendor,id,payroll\n\"Acme, \"\"Inc\"\"\nline 2\",a-1,1\nB,,0\n",
		  { "OK payroll=true id=\"a-1\"", "OK payroll=false" } },
		/* a bad value: its line and the cell's column; the next row is still read */
		{ "vendor,payroll\nAcme,maybe\nBeta,yes\n",
		  { "ERR bad-value@2:6", "OK payroll=true" } },
		/* every bad cell of a row is reported */
		{ "payroll,controls_months\nx,-1\n", { "ERR bad-value@2:1 bad-value@2:3" } },
		/* a cell in a later line of a multi-line row */
		{ "notes,payroll\n\"a\nb\",nope\n", { "ERR bad-value@3:4" } },
		/* too few or too many cells */
		{ "a,payroll\n1\n1,yes,3\n1,no\n",
		  { "ERR column-count@2:1", "ERR column-count@3:1", "OK payroll=false" } },
		/* broken quoting: the rest of the row is skipped, the next row is read */
		{ "a,payroll\nab\"c,yes\nd,no\n", { "ERR csv-syntax@2:3", "OK payroll=false" } },
		{ "a,payroll\n\"ab\"c,yes\nd,no\n", { "ERR csv-syntax@2:5", "OK payroll=false" } },
		/* a quoted cell never closed, at the end of the input */
		{ "a,payroll\nx,yes\n\"open,no\n", { "OK payroll=true", "ERR csv-syntax@3:1" } },
		/* invalid UTF-8 is a problem of the row (NUL bytes: test_nul_length) */
		{ "a,payroll\n\xff,yes\nb,no\n", { "ERR encoding@2:1", "OK payroll=false" } },
		{ NULL, { NULL } },
	};
	sa_rules *r = load_default();
	size_t i;
	(void)state;
	for (i = 0; cases[i].csv; i++) {
		struct row_case c = cases[i];
		check_rows(r, &c);
	}
	sa_rules_free(r);
}

/* The NUL byte case needs its length: strlen stops at it. */
static void test_nul_length(void **state)
{
	static const char csv[] = "a,payroll\nb\0c,no\nd,yes\n";
	sa_rules *r = load_default();
	FILE *in = fmemopen((void *)csv, sizeof(csv) - 1, "r");
	sa_csv_reader *rd = NULL;
	struct sa_diags d;
	struct sa_answers a;
	char id[8];
	size_t idlen;
	int more;
	(void)state;
	sa_diags_init(&d);
	sa_answers_init(&a, r);
	assert_int_equal(sa_csv_reader_new(r, "t.csv", in, &rd, &d), SA_OK);
	assert_int_equal(sa_csv_read_row(rd, &a, NULL, id, sizeof(id), &idlen, &more, &d),
			 SA_ERR_INPUT);
	assert_string_equal(d.items[0].code, "encoding");
	assert_non_null(strstr(d.items[0].message, "a NUL byte"));
	assert_int_equal(sa_csv_row_cell(rd, 0).len, 3);
	sa_diags_release(&d);
	assert_int_equal(sa_csv_read_row(rd, &a, NULL, id, sizeof(id), &idlen, &more, &d), SA_OK);
	assert_int_equal(more, 1);
	sa_csv_reader_free(rd);
	sa_answers_release(&a);
	sa_diags_release(&d);
	sa_rules_free(r);
	fclose(in);
}

/* Header problems end the reading: each with its position and the message's words. */
static void test_header_errors(void **state)
{
	static const struct {
		const char *csv, *code, *pos, *words;
	} cases[] = {
		{ "", "empty-input", "1:1", "empty input" },
		{ "\n\n", "empty-input", "1:1", "empty input" },
		{ "payroll,Payroll\n", "bad-header", "1:9", "already has column 1" },
		{ "customer_data,customer-data\n", "bad-header", "1:15", "already has column 1" },
		{ "id,x,ID\n", "bad-header", "1:6", "a second 'id' column" },
		{ "notes,notes\n", "bad-header", "1:7", "the name of column 1 again" },
		{ "a,b\x1b[2J\n", "bad-header", "1:3", "control character" },
		{ "a,\"b\"c\n", "csv-syntax", "1:6", "text after the closing quote" },
		{ NULL, NULL, NULL, NULL },
	};
	sa_rules *r = load_default();
	size_t i;
	(void)state;
	for (i = 0; cases[i].csv; i++) {
		size_t len = strlen(cases[i].csv);
		/* an empty input: a buffer of one byte, read before the reader starts */
		FILE *in = fmemopen((void *)(len ? cases[i].csv : "x"), len ? len : 1, "r");
		sa_csv_reader *rd = NULL;
		struct sa_diags d;
		char pos[32];
		sa_diags_init(&d);
		if (!len)
			fgetc(in);
		if (sa_csv_reader_new(r, "t.csv", in, &rd, &d) != SA_ERR_INPUT)
			fail_msg("[%s]: the header was accepted", cases[i].csv);
		assert_null(rd);
		snprintf(pos, sizeof(pos), "%u:%u", d.items[0].line, d.items[0].col);
		if (strcmp(d.items[0].code, cases[i].code) != 0 || strcmp(pos, cases[i].pos) != 0 ||
		    !strstr(d.items[0].message, cases[i].words))
			fail_msg("[%s]: got %s@%s '%s', expected %s@%s '...%s...'", cases[i].csv,
				 d.items[0].code, pos, d.items[0].message, cases[i].code, cases[i].pos,
				 cases[i].words);
		sa_diags_release(&d);
		fclose(in);
	}
	sa_rules_free(r);
}

/* Over-long rows and rows with too many cells are reported, and the next row is read: memory
 * stays bounded whatever one row holds, inside quotes (with line breaks) or not. */
static void test_limits(void **state)
{
	sa_rules *r = load_default();
	size_t big = SA_CSV_MAX_ROW + 10, i, len;
	char *csv = malloc(2 * big + 3 * SA_CSV_MAX_COLUMNS + 64), *p;
	char id[8];
	const char *const want[] = { "row-too-long", "row-too-long", "row-too-long", NULL };
	FILE *in;
	sa_csv_reader *rd = NULL;
	struct sa_diags d;
	struct sa_answers a;
	size_t idlen, n = 0;
	int more, st;
	(void)state;
	assert_non_null(csv);
	p = csv + sprintf(csv, "a,payroll\n\"");
	for (i = 0; i < big; i++)
		*p++ = i % 1000 == 999 ? '\n' : 'x'; /* one quoted cell over the limit */
	p += sprintf(p, "\",yes\n");
	memset(p, 'y', big); /* an unquoted one */
	p += big;
	p += sprintf(p, ",no\n");
	for (i = 0; i <= SA_CSV_MAX_COLUMNS; i++) /* one cell too many */
		p += sprintf(p, "%s", i ? ",1" : "1");
	p += sprintf(p, "\nlast,yes\n");
	len = (size_t)(p - csv);
	in = fmemopen(csv, len, "r");
	sa_diags_init(&d);
	sa_answers_init(&a, r);
	assert_int_equal(sa_csv_reader_new(r, "t.csv", in, &rd, &d), SA_OK);
	for (;;) {
		st = sa_csv_read_row(rd, &a, NULL, id, sizeof(id), &idlen, &more, &d);
		if (!more)
			break;
		if (want[n]) {
			assert_int_equal(st, SA_ERR_INPUT);
			assert_string_equal(d.items[0].code, want[n]);
		} else {
			assert_int_equal(st, SA_OK);
			assert_int_equal(a.origin[sa_rules_question_find(r, "payroll")], SA_ORIGIN_GIVEN);
		}
		sa_diags_release(&d);
		n++;
	}
	assert_int_equal(n, 4);
	assert_int_equal(sa_csv_row_number(rd), 5);
	sa_csv_reader_free(rd);
	sa_answers_release(&a);
	sa_diags_release(&d);
	sa_rules_free(r);
	fclose(in);
	free(csv);
}

/* The message of a bad cell names the row, the column and its header, as the issue reader
 * sees it in a spreadsheet (the header is row 1). */
static void test_message(void **state)
{
	static const char csv[] = "vendor,Payroll\nAcme,maybe\n";
	sa_rules *r = load_default();
	FILE *in = fmemopen((void *)csv, sizeof(csv) - 1, "r");
	sa_csv_reader *rd = NULL;
	struct sa_diags d;
	struct sa_answers a;
	struct sa_meta meta;
	char id[8];
	size_t idlen;
	int more;
	(void)state;
	sa_diags_init(&d);
	sa_answers_init(&a, r);
	sa_meta_init(&meta);
	assert_int_equal(sa_csv_reader_new(r, "t.csv", in, &rd, &d), SA_OK);
	assert_int_equal(sa_csv_read_row(rd, &a, &meta, id, sizeof(id), &idlen, &more, &d),
			 SA_ERR_INPUT);
	assert_string_equal(d.items[0].message, "row 2, column 2 'Payroll': 'maybe' is not a valid "
						"answer to 'payroll' (expected true or false)");
	assert_int_equal(sa_csv_row_number(rd), 2);
	/* the pass-through cells are there for the error row */
	assert_int_equal(sa_csv_row_cell(rd, 0).len, 4);
	assert_memory_equal(sa_csv_row_cell(rd, 0).text, "Acme", 4);
	assert_string_equal(sa_meta_get(&meta, "vendor"), "Acme");
	sa_csv_reader_free(rd);
	sa_answers_release(&a);
	sa_meta_release(&meta);
	sa_diags_release(&d);
	sa_rules_free(r);
	fclose(in);
}

/* ---- writing, read back with libcsv -------------------------------------------------------- */

struct parsed {
	char cells[64][2048];
	size_t n, rows;
};

static void cb_cell(void *s, size_t len, void *data)
{
	struct parsed *p = data;
	assert_true(p->n < 64 && len < 2048);
	memcpy(p->cells[p->n], s, len);
	p->cells[p->n][len] = '\0';
	p->n++;
}

static void cb_row(int c, void *data)
{
	(void)c;
	((struct parsed *)data)->rows++;
}

static void parse_back(const char *text, size_t len, struct parsed *p)
{
	struct csv_parser cp;
	memset(p, 0, sizeof(*p));
	assert_int_equal(csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI), 0);
	assert_int_equal(csv_parse(&cp, text, len, cb_cell, cb_row, p), len);
	assert_int_equal(csv_fini(&cp, cb_cell, cb_row, p), 0);
	csv_free(&cp);
}

static void test_write_round_trip(void **state)
{
	/* cells a spreadsheet holds: quotes, commas, line breaks (LF and CRLF), tabs, UTF-8 */
	static const char *const cells[] = {
		"plain", "a,b", "say \"hi\"", "two\nlines", "crlf\r\nline", "tab\there", "caf\xc3\xa9",
		"", " spaced ",
	};
	const size_t n = sizeof(cells) / sizeof(cells[0]);
	struct sa_csv_cell pass[16];
	sa_rules *r = load_default();
	struct sa_result res;
	struct parsed p;
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);
	(void)state;
	for (i = 0; i < n; i++) {
		pass[i].text = cells[i];
		pass[i].len = strlen(cells[i]);
	}
	sa_result_init(&res, r);
	eval_answers(r, &res, "payroll=yes", "auditor_reliance=yes", "customer_data=no",
		     "hosting=no", "security_reviews=no", "first_report=no", NULL);
	assert_int_equal(sa_write_csv_header(f, pass, n), SA_OK);
	assert_int_equal(sa_write_csv_row(f, r, &res, pass, n, NULL), SA_OK);
	assert_int_equal(sa_write_csv_row(f, r, NULL, pass, n, "row 3, column 2: bad"), SA_OK);
	fclose(f);
	parse_back(text, len, &p);
	assert_int_equal(p.rows, 3);
	assert_int_equal(p.n, 3 * (n + 7));
	for (i = 0; i < n; i++) {
		/* header, result row and error row: each pass-through cell byte for byte */
		assert_string_equal(p.cells[i], cells[i]);
		assert_string_equal(p.cells[n + 7 + i], cells[i]);
		assert_string_equal(p.cells[2 * (n + 7) + i], cells[i]);
	}
	assert_string_equal(p.cells[n], "complete");
	assert_string_equal(p.cells[n + 6], "error");
	/* the result: SOC 1 recommended, a Type 2 */
	assert_non_null(strstr(p.cells[n + 7 + n + 1], "soc1:type2"));
	assert_string_equal(p.cells[n + 7 + n + 6], "");
	/* the error row: empty result columns and the message */
	assert_string_equal(p.cells[2 * (n + 7) + n], "");
	assert_string_equal(p.cells[2 * (n + 7) + n + 6], "row 3, column 2: bad");
	free(text);
	sa_result_release(&res);
	sa_rules_free(r);
}

/* No raw control character: ESC, BEL, DEL, a lone CR and C1 controls become visible escapes. */
static void test_write_controls(void **state)
{
	static const char evil[] = "a\x1b[2J\x07\x7f\rb\xc2\x9b" "c\xff";
	struct sa_csv_cell pass = { evil, sizeof(evil) - 1 };
	struct parsed p;
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);
	(void)state;
	assert_int_equal(sa_write_csv_header(f, &pass, 1), SA_OK);
	fclose(f);
	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)text[i];
		if ((b < 0x20 && b != '\n') || b == 0x7f || (b == 0xc2 && i + 1 < len &&
							    (unsigned char)text[i + 1] < 0xa0))
			fail_msg("raw control byte 0x%02x at %zu in: %s", b, i, text);
	}
	parse_back(text, len, &p);
	assert_string_equal(p.cells[0], "a\\x1b[2J\\x07\\x7f\\x0db\\u009bc\\xff");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_nul_length),
		cmocka_unit_test(test_header_errors),
		cmocka_unit_test(test_message),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_write_round_trip),
		cmocka_unit_test(test_write_controls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
