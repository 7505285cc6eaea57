/*
 * util.c - diagnostics lists, allocation and small string helpers.
 *
 * Out of memory. The library reports it, it never prints or exits: sa_calloc returns NULL and
 * its caller returns SA_ERR_NOMEM, up to the public function, which reports it as its status
 * (the rules loader, the answers reader, evaluation, the output formats, sa_check, sa_verify,
 * sa_diags_add, sa_result_init and sa_interview_new all do). A public function that fails this
 * way has freed what it allocated and left its outputs empty. The front end decides what to
 * say; the command prints "out of memory" and exits with status 1.
 *
 * Every other failure is reported to the caller as a status, too.
 */
#include "internal.h"
#include "sa_escape.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Allocations sa_calloc grants before it fails; negative: never fails (see sa_test_alloc_fail). */
static long alloc_countdown = -1;
/* Calls of sa_calloc so far (see sa_test_alloc_count). */
static unsigned long alloc_calls;

void sa_test_alloc_fail(long after)
{
	alloc_countdown = after;
}

unsigned long sa_test_alloc_count(void)
{
	return alloc_calls;
}

void *sa_calloc(size_t n, size_t size)
{
	alloc_calls++;
	if (alloc_countdown == 0)
		return NULL;
	if (alloc_countdown > 0)
		alloc_countdown--;
	return calloc(n ? n : 1, size ? size : 1);
}

char *sa_strdup(const char *s)
{
	size_t len = strlen(s) + 1;
	char *p = sa_calloc(len, 1);
	if (p)
		memcpy(p, s, len);
	return p;
}

size_t sa_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, row[65], prev, tmp;
	if (la > 64 || lb > 64)
		return SIZE_MAX;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			char x = a[i - 1] == '-' ? '_' : a[i - 1];
			char y = b[j - 1] == '-' ? '_' : b[j - 1];
			size_t best = prev + (x != y);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

const char *sa_question_flag(const char *id, int dashes, char *buf, size_t size)
{
	size_t len = 0;
	if (!size)
		return buf;
	if (dashes)
		len = (size_t)snprintf(buf, size, "--");
	for (; *id && len + 1 < size; id++)
		buf[len++] = *id == '_' ? '-' : *id;
	buf[len < size ? len : size - 1] = '\0';
	return buf;
}

int sa_id_equal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a == '-' ? '_' : *a;
		char y = *b == '-' ? '_' : *b;
		if (x != y)
			return 0;
	}
	return *a == *b;
}

void sa_diags_init(struct sa_diags *d)
{
	memset(d, 0, sizeof(*d));
}

void sa_diags_truncate(struct sa_diags *d, size_t len)
{
	while (d->len > len) {
		struct sa_diag *g = &d->items[--d->len];
		if (g->severity == SA_SEV_ERROR)
			d->errors--;
		free(g->file);
		free(g->code);
		free(g->message);
	}
}

void sa_diags_release(struct sa_diags *d)
{
	sa_diags_truncate(d, 0);
	free(d->items);
	sa_diags_init(d);
}

int sa_diags_add(struct sa_diags *d, enum sa_severity sev, const char *file, unsigned line,
		 unsigned col, const char *code, const char *fmt, ...)
{
	struct sa_diag *g;
	va_list ap;
	int n;

	if (d->len == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 8;
		struct sa_diag *items = sa_calloc(cap, sizeof(*items));
		if (!items)
			return SA_ERR_NOMEM;
		if (d->len)
			memcpy(items, d->items, d->len * sizeof(*items));
		free(d->items);
		d->items = items;
		d->cap = cap;
	}
	g = &d->items[d->len];
	memset(g, 0, sizeof(*g));
	g->severity = sev;
	g->line = line;
	g->col = col;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((file && !(g->file = sa_strdup(file))) ||
	    !(g->code = sa_strdup(code ? code : "error")) ||
	    !(g->message = sa_calloc((size_t)n + 1, 1))) {
		free(g->file);
		free(g->code);
		return SA_ERR_NOMEM;
	}
	va_start(ap, fmt);
	vsnprintf(g->message, (size_t)n + 1, fmt, ap);
	va_end(ap);
	d->len++;
	if (sev == SA_SEV_ERROR)
		d->errors++;
	return SA_OK;
}

static int diag_cmp(const struct sa_diag *a, const struct sa_diag *b)
{
	int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

void sa_diags_sort(struct sa_diags *d)
{
	/* merge sort: stable (equal positions keep their order) and n log n on long lists */
	struct sa_diag *tmp, *from, *to, *t;
	size_t width, i;
	if (d->len < 2)
		return;
	tmp = sa_calloc(d->len, sizeof(*tmp));
	if (!tmp) {
		/* out of memory: a stable insertion sort in place, slower but allocating nothing */
		for (i = 1; i < d->len; i++) {
			struct sa_diag g = d->items[i];
			size_t j = i;
			for (; j > 0 && diag_cmp(&g, &d->items[j - 1]) < 0; j--)
				d->items[j] = d->items[j - 1];
			d->items[j] = g;
		}
		return;
	}
	from = d->items;
	to = tmp;
	for (width = 1; width < d->len; width *= 2) {
		for (i = 0; i < d->len; i += 2 * width) {
			size_t lo = i, mid = i + width < d->len ? i + width : d->len;
			size_t hi = i + 2 * width < d->len ? i + 2 * width : d->len;
			size_t a = lo, b = mid, k = lo;
			while (a < mid && b < hi)
				to[k++] = diag_cmp(&from[b], &from[a]) < 0 ? from[b++] : from[a++];
			while (a < mid)
				to[k++] = from[a++];
			while (b < hi)
				to[k++] = from[b++];
		}
		t = from;
		from = to;
		to = t;
	}
	if (from != d->items)
		memcpy(d->items, from, d->len * sizeof(*from));
	free(tmp);
}

static const char *const report_ids[SA_REPORT_COUNT] = {
	"soc1", "soc2", "soc3", "soc_cybersecurity", "soc_supply_chain"
};
static const char *const report_titles[SA_REPORT_COUNT] = {
	"SOC 1", "SOC 2", "SOC 3", "SOC for Cybersecurity", "SOC for Supply Chain"
};
static const char *const category_ids[SA_CAT_COUNT] = {
	"security", "availability", "processing_integrity", "confidentiality", "privacy"
};
static const char *const category_titles[SA_CAT_COUNT] = {
	"Security", "Availability", "Processing integrity", "Confidentiality", "Privacy"
};

const char *sa_report_id(enum sa_report rep)
{
	return (unsigned)rep < SA_REPORT_COUNT ? report_ids[rep] : NULL;
}

const char *sa_report_title(enum sa_report rep)
{
	return (unsigned)rep < SA_REPORT_COUNT ? report_titles[rep] : NULL;
}

const char *sa_category_id(enum sa_category c)
{
	return (unsigned)c < SA_CAT_COUNT ? category_ids[c] : NULL;
}

const char *sa_category_title(enum sa_category c)
{
	return (unsigned)c < SA_CAT_COUNT ? category_titles[c] : NULL;
}

const char *sa_basis_id(enum sa_basis b)
{
	return b == SA_BASIS_REQUIRED ? "required" : b == SA_BASIS_CONSIDER ? "consider" : NULL;
}

const char *sa_type_id(enum sa_type t)
{
	switch (t) {
	case SA_TYPE_1:
		return "type1";
	case SA_TYPE_2:
		return "type2";
	default:
		return NULL;
	}
}

int sa_report_parse(const char *s)
{
	int i;
	for (i = 0; i < SA_REPORT_COUNT; i++)
		if (strcmp(s, report_ids[i]) == 0)
			return i;
	return -1;
}

int sa_category_parse(const char *s)
{
	int i;
	for (i = 0; i < SA_CAT_COUNT; i++)
		if (strcmp(s, category_ids[i]) == 0)
			return i;
	return -1;
}

size_t sa_wrap(FILE *f, const char *text, size_t col, size_t indent, size_t width)
{
	const char *p = text;
	int start = 1;
	while (*p == ' ' || *p == '\n')
		p++;
	while (*p) {
		size_t w = strcspn(p, " \n");
		/* the word as written: its non-printable bytes as visible escapes (sa_escape.h) */
		size_t shown = sa_escape_buf(NULL, 0, p, w, SA_ESCAPE_TAB);
		if (!start && col + 1 + shown > width) {
			fprintf(f, "\n%*s", (int)indent, "");
			col = indent;
		} else if (!start) {
			fputc(' ', f);
			col++;
		}
		sa_escape_write(f, p, w, SA_ESCAPE_TAB);
		col += shown;
		p += w;
		start = 0;
		while (*p == ' ' || *p == '\n')
			p++;
	}
	return col;
}

struct sa_pos sa_mark_pos(size_t line0, size_t col0)
{
	struct sa_pos p;
	p.line = line0 < UINT_MAX ? (unsigned)line0 + 1 : UINT_MAX;
	p.col = col0 < UINT_MAX ? (unsigned)col0 + 1 : UINT_MAX;
	return p;
}

/* See internal.h: the keys sorted with their positions, neighbours compared (n log n). */
struct key_at {
	const char *key;
	size_t index;
};

static int cmp_key_at(const void *a, const void *b)
{
	const struct key_at *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

unsigned char *sa_repeated_keys(size_t n, const char *(*key)(const void *ctx, size_t i),
				const void *ctx)
{
	unsigned char *repeat = sa_calloc(n, 1);
	struct key_at *k = sa_calloc(n, sizeof(*k));
	size_t i, m = 0;
	if (!repeat || !k) {
		free(repeat);
		free(k);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		const char *s = key(ctx, i);
		if (s) {
			k[m].key = s;
			k[m].index = i;
			m++;
		}
	}
	qsort(k, m, sizeof(*k), cmp_key_at);
	for (i = 1; i < m; i++)
		if (strcmp(k[i - 1].key, k[i].key) == 0)
			repeat[k[i].index] = 1;
	free(k);
	return repeat;
}
