/*
 * csv_cells.c - print chosen columns of a CSV file, one record per line, read with libcsv (an
 * independent parse of what socadvise writes): cells separated by a tab, with backslash, tab,
 * CR and LF inside a cell written as \\, \t, \r and \n. The last line is "records: N".
 * Read as socadvise reads CSV: spaces are data (never trimmed), a UTF-8 byte order mark at the
 * start is skipped.
 *
 * usage: csv_cells FILE COLUMN...   (columns 1-based; 0 prints the number of cells)
 */
#include <csv.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CELLS 64

struct rec {
	char *cell[MAX_CELLS];
	size_t len[MAX_CELLS];
	size_t n;
	unsigned long records;
	int *cols;
	int ncols;
};

static void put_cell(const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '\\': fputs("\\\\", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		default: putchar(s[i]);
		}
	}
}

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void on_cell(void *s, size_t len, void *data)
{
	struct rec *r = data;
	if (r->n < MAX_CELLS) {
		r->cell[r->n] = malloc(len + 1);
		if (!r->cell[r->n])
			exit(2);
		memcpy(r->cell[r->n], s, len);
		r->len[r->n] = len;
	}
	r->n++;
}

static void on_row(int c, void *data)
{
	struct rec *r = data;
	int i;
	(void)c;
	for (i = 0; i < r->ncols; i++) {
		int k = r->cols[i];
		if (i)
			putchar('\t');
		if (k == 0)
			printf("%zu", r->n);
		else if ((size_t)k <= r->n && k <= MAX_CELLS)
			put_cell(r->cell[k - 1], r->len[k - 1]);
		else
			fputs("<none>", stdout);
	}
	putchar('\n');
	for (i = 0; (size_t)i < r->n && i < MAX_CELLS; i++)
		free(r->cell[i]);
	r->n = 0;
	r->records++;
}

int main(int argc, char **argv)
{
	struct csv_parser p;
	struct rec r;
	char buf[65536];
	size_t n;
	int i;
	FILE *f;
	if (argc < 3) {
		fprintf(stderr, "usage: csv_cells FILE COLUMN...\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		perror(argv[1]);
		return 2;
	}
	memset(&r, 0, sizeof(r));
	r.ncols = argc - 2;
	r.cols = calloc((size_t)r.ncols, sizeof(int));
	if (!r.cols)
		return 2;
	for (i = 0; i < r.ncols; i++)
		r.cols[i] = atoi(argv[i + 2]);
	csv_set_space_func(&p, no_space);
	n = fread(buf, 1, 3, f);
	if (!(n == 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) &&
	    csv_parse(&p, buf, n, on_cell, on_row, &r) != n) {
		fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&p)));
		return 1;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (csv_parse(&p, buf, n, on_cell, on_row, &r) != n) {
			fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&p)));
			return 1;
		}
	if (csv_fini(&p, on_cell, on_row, &r) != 0) {
		fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&p)));
		return 1;
	}
	printf("records: %lu\n", r.records);
	csv_free(&p);
	free(r.cols);
	fclose(f);
	return 0;
}
