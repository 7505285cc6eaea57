/*
 * answers_fast.c - the fast JSON answers reader: what a batch line almost always is, a flat
 * object of question ids and scalar answers with no escapes, read with yajl's callback parser
 * (no tree, no copies, nothing allocated on the heap: yajl's few blocks come from an arena on
 * the stack).
 *
 * The only file that includes yajl. It takes a text only when the full reader (answers_json.c:
 * its strict scan, then cJSON) would accept it and read the same answers; anything else it
 * declines, having taken nothing, and the full reader reads it and reports every problem as it
 * always has. So both readers accept the same texts and say the same things, and the strict
 * rules of RFC 8259 hold either way:
 * - yajl itself is strict (numbers as RFC 8259 writes them, no raw control character in a
 *   string, one value and nothing after it; UTF-8 is checked by the caller, before any JSON
 *   reader), and the checks it lacks are made around it: bytes it would take as white space
 *   that RFC 8259 does not (\v, \f) and every other C0 byte are declined before parsing; the
 *   nesting cannot pass one level (an object or a list as a value is declined, since it is an
 *   error the full reader reports); numbers past 63 characters are declined (cJSON reads no
 *   more of them);
 * - a text with a backslash is declined, so strings are taken as written (yajl would make a
 *   lone surrogate escape a '?', where the full reader rejects it), and so is a text longer
 *   than FAST_MAX_LEN (8 KB, some 250 answers), which keeps yajl's memory in the arena;
 * - a key must be "id" or a question's id as written, each at most once: a repeated key, an
 *   unknown question, "meta" or a key written with '-' for '_' is declined;
 * - the position of each key (FILE:LINE:COL) comes from the place of its text in the buffer,
 *   counted as the full reader counts it.
 */
#include "answers_io.h"

#include <yajl/yajl_parse.h>

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FAST_MAX_KEYS 256  /* more keys than any rules' questions: declined */
#define FAST_MAX_TEXT 1024 /* a longer string value (no choice is that long): declined */
#define FAST_MAX_NUMBER 63 /* cJSON reads numbers up to 63 characters */
#define FAST_MAX_LEN 8192  /* a longer text: declined */
/*
 * yajl's handle, lexer, state stack and, for a text cut short inside a token, the lexer's copy
 * of that token (2 KB, doubled as needed, each size kept: at most about four times the text):
 * every allocation for a text of up to FAST_MAX_LEN bytes fits, so none reaches the heap. (yajl
 * does not survive a failed allocation of its buffers; the heap is only a fallback.)
 */
#define FAST_ARENA (4 * FAST_MAX_LEN + 8192)

struct entry {
	size_t koff; /* the key's opening quote */
	int q;       /* question, or -1 for "id" */
	int kind;    /* enum of struct answers_jvalue */
	int b;
	const char *s; /* string or number text, in the buffer */
	size_t slen;
};

struct fast {
	const struct doc *x;
	int depth, declined, id_seen;
	size_t n, next_q;
	struct entry e[FAST_MAX_KEYS];
	unsigned char *seen; /* per question: taken already */
	size_t used;         /* bytes of the arena given out */
	alignas(max_align_t) char arena[FAST_ARENA];
};

/* ---- yajl's allocations: the arena, then the heap ------------------------------------------ */

#define HDR sizeof(max_align_t) /* each block starts with its size, keeping the alignment */

static void *a_malloc(void *ctx, size_t n)
{
	struct fast *f = ctx;
	size_t need = HDR + (n + HDR - 1) / HDR * HDR;
	char *p;
	if (need <= FAST_ARENA - f->used) {
		p = f->arena + f->used;
		f->used += need;
	} else if (!(p = sa_calloc(1, HDR + n))) {
		return NULL;
	}
	memcpy(p, &n, sizeof(n));
	return p + HDR;
}

static int in_arena(const struct fast *f, const void *p)
{
	return (const char *)p >= f->arena && (const char *)p < f->arena + FAST_ARENA;
}

static void a_free(void *ctx, void *p)
{
	if (p && !in_arena(ctx, p))
		free((char *)p - HDR);
}

static void *a_realloc(void *ctx, void *p, size_t n)
{
	void *q;
	size_t old;
	if (!p)
		return a_malloc(ctx, n);
	memcpy(&old, (char *)p - HDR, sizeof(old));
	q = a_malloc(ctx, n);
	if (!q)
		return NULL;
	memcpy(q, p, old < n ? old : n);
	a_free(ctx, p);
	return q;
}

/* ---- the callbacks: collect the entries, or decline ---------------------------------------- */

static int decline(struct fast *f)
{
	f->declined = 1;
	return 0;
}

/* The entry a value belongs to: the last key's, at depth 1 (else declined). */
static struct entry *value_entry(struct fast *f)
{
	if (f->depth != 1 || !f->n || f->e[f->n - 1].kind >= 0)
		return NULL;
	return &f->e[f->n - 1];
}

static int in_buf(const struct fast *f, const void *p, size_t n)
{
	const char *c = p;
	return c >= f->x->buf && c + n <= f->x->buf + f->x->len;
}

static int on_null(void *ctx)
{
	struct entry *e = value_entry(ctx);
	if (!e)
		return decline(ctx);
	e->kind = AJ_NULL;
	return 1;
}

static int on_bool(void *ctx, int b)
{
	struct entry *e = value_entry(ctx);
	if (!e)
		return decline(ctx);
	e->kind = AJ_BOOL;
	e->b = b;
	return 1;
}

static int on_number(void *ctx, const char *s, size_t n)
{
	struct entry *e = value_entry(ctx);
	if (!e || n > FAST_MAX_NUMBER || !in_buf(ctx, s, n))
		return decline(ctx);
	e->kind = AJ_NUMBER;
	e->s = s;
	e->slen = n;
	return 1;
}

static int on_string(void *ctx, const unsigned char *s, size_t n)
{
	struct entry *e = value_entry(ctx);
	if (!e || n > FAST_MAX_TEXT || !in_buf(ctx, s, n))
		return decline(ctx);
	e->kind = AJ_STRING;
	e->s = (const char *)s;
	e->slen = n;
	return 1;
}

static int on_start_map(void *ctx)
{
	struct fast *f = ctx;
	if (f->depth != 0)
		return decline(f);
	f->depth++;
	return 1;
}

static int on_end_map(void *ctx)
{
	((struct fast *)ctx)->depth--;
	return 1;
}

static int on_start_array(void *ctx)
{
	return decline(ctx);
}

/* The question whose id is key as written (the next one in the rules' order is tried first). */
static int question_of(struct fast *f, const char *key, size_t n)
{
	const sa_rules *r = f->x->r;
	size_t i, k;
	for (k = 0; k < r->nquestions; k++) {
		i = (f->next_q + k) % r->nquestions;
		if (strncmp(r->questions[i].id, key, n) == 0 && r->questions[i].id[n] == '\0') {
			f->next_q = i + 1;
			return (int)i;
		}
	}
	return -1;
}

static int on_key(void *ctx, const unsigned char *k, size_t n)
{
	struct fast *f = ctx;
	const char *key = (const char *)k;
	struct entry *e;
	int q;
	if (f->depth != 1 || f->n >= FAST_MAX_KEYS || !in_buf(f, key, n) || key == f->x->buf)
		return decline(f);
	if (n == 2 && memcmp(key, "id", 2) == 0) {
		if (f->id_seen++)
			return decline(f);
		q = -1;
	} else {
		/* a key with '-' may name a question with '_' (sa_id_equal): the full reader's */
		if (memchr(key, '-', n) || (q = question_of(f, key, n)) < 0 || f->seen[q]++)
			return decline(f);
	}
	e = &f->e[f->n++];
	e->koff = (size_t)(key - f->x->buf) - 1;
	e->q = q;
	e->kind = -1;
	return 1;
}

static const yajl_callbacks callbacks = {
	on_null,      on_bool,   NULL, NULL, on_number, on_string, on_start_map, on_key,
	on_end_map,   on_start_array, NULL
};

/* ---- the reader -------------------------------------------------------------------------------- */

/* Nonzero when the text has a backslash or a C0 byte other than tab, line feed and return. */
static int has_escapes_or_controls(const char *buf, size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	size_t i = 0, k;
	while (i < len) {
		uint64_t w, bs;
		/* eight bytes at a time: none below 0x20 and none a backslash, the usual case */
		if (len - i >= 8) {
			memcpy(&w, s + i, 8);
			bs = w ^ (ones * '\\');
			if (((((w - ones * 0x20) & ~w) | ((bs - ones) & ~bs)) & highs) == 0) {
				i += 8;
				continue;
			}
		}
		for (k = i + (len - i < 8 ? len - i : 8); i < k; i++)
			if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') ||
			    s[i] == '\\')
				return 1;
	}
	return 0;
}

/*
 * A number's value as the full reader has it (strtod, as cJSON reads numbers). A whole number of
 * up to nine digits other than -0 is also its own "%lld" text: v->s then skips the printf.
 */
static void number(const char *text, struct answers_jvalue *v)
{
	const char *p = text + (text[0] == '-');
	size_t n = strspn(p, "0123456789");
	long k = 0;
	if (p[n] == '\0' && n <= 9 && !(n == 1 && p[0] == '0' && text[0] == '-')) {
		for (; *p; p++)
			k = k * 10 + (*p - '0');
		v->d = (double)(text[0] == '-' ? -k : k);
		v->s = text;
		return;
	}
	v->d = strtod(text, NULL);
}

/*
 * Set the usual answers directly, as answers_take would set them (true or false to a yes/no
 * question, a whole number within range, a choice as the rules write it: choices are unique and
 * lower case, so the exact match is the one a case-insensitive search finds first). Returns 0
 * for anything else, which goes the whole way.
 */
static int take_direct(struct doc *x, const struct entry *e, const struct answers_jvalue *v,
		       unsigned line, unsigned col)
{
	const struct question *qq;
	int32_t value = 0;
	char m[512];
	size_t c;
	if (e->q < 0)
		return 0;
	qq = &x->r->questions[e->q];
	if (qq->type == SA_Q_BOOL && v->kind == AJ_BOOL) {
		value = v->b != 0;
	} else if (qq->type == SA_Q_INT && v->kind == AJ_NUMBER && v->s && v->d >= qq->min &&
		   v->d <= qq->max) {
		value = (int32_t)v->d;
	} else if (qq->type == SA_Q_ENUM && v->kind == AJ_STRING) {
		for (c = 0; c < qq->nchoices && strcmp(qq->choices[c], v->s) != 0; c++)
			;
		if (c == qq->nchoices)
			return 0;
		value = (int32_t)c;
	} else {
		return 0;
	}
	if (sa_answers_set(x->a, x->r, (size_t)e->q, value, m, sizeof(m)) != SA_OK)
		answers_add(x, line, col, "bad-value", "%s", m);
	return 1;
}

/* Take the collected entries, in order, with their positions (counted once, left to right). */
static void take_all(struct fast *f, struct doc *x)
{
	const sa_rules *r = x->r;
	size_t i, at = 0;
	unsigned line = 1, col = 1;
	for (i = 0; i < f->n; i++) {
		const struct entry *e = &f->e[i];
		struct answers_jvalue v = { (int)e->kind, e->b, 0, NULL };
		char text[FAST_MAX_TEXT + 1];
		const char *nl;
		/* line and column of the key, as answers_position counts them */
		while ((nl = memchr(x->buf + at, '\n', e->koff - at)) != NULL) {
			line++;
			col = 1;
			at = (size_t)(nl - x->buf) + 1;
		}
		col += (unsigned)(e->koff - at);
		at = e->koff;
		if (e->kind == AJ_STRING || e->kind == AJ_NUMBER) {
			memcpy(text, e->s, e->slen);
			text[e->slen] = '\0';
			if (e->kind == AJ_STRING)
				v.s = text;
			else
				number(text, &v);
		}
		if (!take_direct(x, e, &v, line, col))
			answers_take_json(x, e->q < 0 ? "id" : r->questions[e->q].id,
					  e->q < 0 ? -2 : e->q, line, col, &v);
	}
}

int answers_read_json_fast(struct doc *x)
{
	static const yajl_alloc_funcs funcs_template = { a_malloc, a_realloc, a_free, NULL };
	yajl_alloc_funcs funcs = funcs_template;
	struct fast f; /* about 50 KB, on the stack: reading a line allocates nothing */
	unsigned char seen_small[256];
	yajl_handle h;
	size_t before = x->d->errors;
	int ok;

	if (x->len > FAST_MAX_LEN || has_escapes_or_controls(x->buf, x->len))
		return ANSWERS_FAST_DECLINED;
	f.seen = seen_small;
	if (x->r->nquestions > sizeof(seen_small))
		f.seen = sa_calloc(x->r->nquestions, 1);
	else
		memset(seen_small, 0, x->r->nquestions);
	if (!f.seen)
		return ANSWERS_FAST_DECLINED; /* the full reader reports the memory it lacks */
	f.x = x;
	f.depth = f.declined = f.id_seen = 0;
	f.n = f.next_q = f.used = 0;
	funcs.ctx = &f;
	h = yajl_alloc(&callbacks, &funcs, &f);
	/* the caller has checked the whole text's UTF-8 (sa_answers_read_meta) */
	if (h)
		yajl_config(h, yajl_dont_validate_strings, 1);
	ok = h && yajl_parse(h, (const unsigned char *)x->buf, x->len) == yajl_status_ok &&
	     yajl_complete_parse(h) == yajl_status_ok && !f.declined && f.depth == 0 && f.n &&
	     f.e[f.n - 1].kind >= 0;
	if (h)
		yajl_free(h);
	if (ok)
		take_all(&f, x);
	if (f.seen != seen_small)
		free(f.seen);
	if (!ok)
		return ANSWERS_FAST_DECLINED;
	return x->d->errors > before ? SA_ERR_INPUT : SA_OK;
}
