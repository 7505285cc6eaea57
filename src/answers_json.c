/*
 * answers_json.c - answers as JSON: read a JSON object of question ids and values, write answers
 * back as one line of JSON (the checks batch mode makes around a line are answers_jsonl.c's).
 *
 * The only answers file that includes cJSON. cJSON is lax where we must not be; the gaps are
 * closed here, at our boundary: keys must not repeat, cJSON's error position becomes a line and a
 * column. What batch lines almost always are (a flat object of answers without escapes) is read
 * first by the fast reader (answers_fast.c, yajl), which declines everything else: this full
 * reader then reads it and reports every problem.
 *
 * The one-line form written here (--verify's counterexample, the interview's echo) is also valid
 * YAML and one line of batch input; the files --save writes (pretty JSON or YAML) are
 * answers_save.c's.
 */
#include "answers_io.h"
#include "sa_escape.h"

#include <cjson/cJSON.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the strict reading: RFC 8259 where cJSON is lax ------------------------------------- */

/*
 * One forward pass over the text, before cJSON reads it, that rejects what RFC 8259 does not
 * allow and cJSON would accept (a raw control character inside a string, numbers such as 06,
 * 1., .5 or +1), bounds the nesting at ANSWERS_MAX_DEPTH, and records where each key of the
 * top-level object stands: cJSON keeps no positions, and finding them afterwards would take a
 * scan per key. Any other syntax error is left to cJSON, which reports it as it always has.
 */
enum scan_status { SCAN_OK, SCAN_STRICT, SCAN_SYNTAX, SCAN_NOMEM };

struct scan {
	const char *s;
	size_t len, i;
	unsigned line, col; /* of s[i] */
	enum scan_status st;
	unsigned eline, ecol; /* where the scan stopped on an error */
	const char *code;
	char msg[160];
	struct sa_pos *keys; /* the top-level object's keys, in order */
	size_t nkeys, capkeys;
};

static void adv(struct scan *c)
{
	if (c->s[c->i] == '\n') {
		c->line++;
		c->col = 1;
	} else {
		c->col++;
	}
	c->i++;
}

static void ws(struct scan *c)
{
	while (c->i < c->len && strchr(" \t\r\n", c->s[c->i]) && c->s[c->i])
		adv(c);
}

/* Stop the scan here: a strict error (with code and message) or a syntax error (NULL). */
static int stop(struct scan *c, const char *code, const char *msg)
{
	c->st = code ? SCAN_STRICT : SCAN_SYNTAX;
	c->eline = c->line;
	c->ecol = c->col;
	c->code = code;
	if (msg)
		snprintf(c->msg, sizeof(c->msg), "%s", msg);
	return 0;
}

static int is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static int scan_string(struct scan *c)
{
	adv(c); /* the opening quote */
	while (c->i < c->len) {
		unsigned char ch = (unsigned char)c->s[c->i];
		if (ch == '"') {
			adv(c);
			return 1;
		}
		if (ch < 0x20) {
			snprintf(c->msg, sizeof(c->msg),
				 "invalid JSON: control character U+%04X inside a string (write it as "
				 "an escape, e.g. \\u%04x)", ch, ch);
			return stop(c, "json-syntax", NULL);
		}
		if (ch == '\\') {
			adv(c);
			if (c->i >= c->len)
				break;
			if (c->s[c->i] == 'u') {
				int k;
				for (k = 0; k < 4; k++) {
					adv(c);
					if (c->i >= c->len || !strchr("0123456789abcdefABCDEF", c->s[c->i]) ||
					    !c->s[c->i])
						return stop(c, NULL, NULL);
				}
			} else if (!strchr("\"\\/bfnrt", c->s[c->i]) || !c->s[c->i]) {
				return stop(c, NULL, NULL);
			}
		}
		adv(c);
	}
	return stop(c, NULL, NULL);
}

/* A number as RFC 8259 writes it; what cJSON would also take is a strict error. */
static int scan_number(struct scan *c)
{
	const char *s = c->s;
	size_t i = c->i, start = c->i;
	int ok = 1;
	if (i < c->len && (s[i] == '-' || s[i] == '+')) {
		ok = s[i] == '-';
		i++;
	}
	if (i < c->len && s[i] == '0') {
		i++;
		if (i < c->len && is_digit(s[i]))
			ok = 0; /* a leading zero */
	} else if (!(i < c->len && is_digit(s[i]))) {
		ok = 0;
	}
	while (i < c->len && is_digit(s[i]))
		i++;
	if (i < c->len && s[i] == '.') {
		i++;
		if (!(i < c->len && is_digit(s[i])))
			ok = 0;
		while (i < c->len && is_digit(s[i]))
			i++;
	}
	if (i < c->len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < c->len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (!(i < c->len && is_digit(s[i])))
			ok = 0;
		while (i < c->len && is_digit(s[i]))
			i++;
	}
	/* what cJSON reads as part of a number; the rest of a token is a syntax error */
	while (i < c->len && strchr("0123456789+-.eE", s[i]) && s[i]) {
		ok = 0;
		i++;
	}
	if (!ok) {
		snprintf(c->msg, sizeof(c->msg),
			 "invalid JSON: '%.*s' is not a JSON number (e.g. no leading zero, '+' or bare "
			 "'.')", (int)(i - start < 40 ? i - start : 40), s + start);
		return stop(c, "json-syntax", NULL);
	}
	while (c->i < i)
		adv(c);
	return 1;
}

static int scan_value(struct scan *c, size_t depth);

static int scan_container(struct scan *c, size_t depth)
{
	char close = c->s[c->i] == '{' ? '}' : ']';
	int first = 1;
	if (depth >= ANSWERS_MAX_DEPTH) {
		snprintf(c->msg, sizeof(c->msg),
			 "invalid JSON: nesting deeper than %d levels of arrays and objects",
			 ANSWERS_MAX_DEPTH);
		return stop(c, "too-deep", NULL);
	}
	adv(c);
	for (;;) {
		ws(c);
		if (c->i < c->len && c->s[c->i] == close && first) {
			adv(c);
			return 1;
		}
		if (close == '}') {
			if (c->i >= c->len || c->s[c->i] != '"')
				return stop(c, NULL, NULL);
			if (depth == 0) {
				if (c->nkeys == c->capkeys) {
					struct sa_pos *k;
					size_t cap = c->capkeys ? c->capkeys * 2 : 16;
					k = sa_calloc(cap, sizeof(*k));
					if (!k) {
						c->st = SCAN_NOMEM;
						return 0;
					}
					c->capkeys = cap;
					if (c->keys)
						memcpy(k, c->keys, c->nkeys * sizeof(*k));
					free(c->keys);
					c->keys = k;
				}
				c->keys[c->nkeys].line = c->line;
				c->keys[c->nkeys].col = c->col;
				c->nkeys++;
			}
			if (!scan_string(c))
				return 0;
			ws(c);
			if (c->i >= c->len || c->s[c->i] != ':')
				return stop(c, NULL, NULL);
			adv(c);
		}
		if (!scan_value(c, depth + 1))
			return 0;
		ws(c);
		first = 0;
		if (c->i < c->len && c->s[c->i] == ',') {
			adv(c);
			continue;
		}
		if (c->i < c->len && c->s[c->i] == close) {
			adv(c);
			return 1;
		}
		return stop(c, NULL, NULL);
	}
}

static int scan_literal(struct scan *c, const char *word)
{
	size_t n = strlen(word);
	if (c->len - c->i < n || memcmp(c->s + c->i, word, n) != 0)
		return stop(c, NULL, NULL);
	while (n--)
		adv(c);
	return 1;
}

static int scan_value(struct scan *c, size_t depth)
{
	char ch;
	ws(c);
	if (c->i >= c->len)
		return stop(c, NULL, NULL);
	ch = c->s[c->i];
	if (ch == '{' || ch == '[')
		return scan_container(c, depth);
	if (ch == '"')
		return scan_string(c);
	if (ch == '-' || ch == '+' || ch == '.' || is_digit(ch))
		return scan_number(c);
	if (ch == 't')
		return scan_literal(c, "true");
	if (ch == 'f')
		return scan_literal(c, "false");
	if (ch == 'n')
		return scan_literal(c, "null");
	return stop(c, NULL, NULL);
}

/* Scan the whole text: one value and nothing but whitespace after it. */
static void scan_text(struct scan *c, const char *buf, size_t len)
{
	memset(c, 0, sizeof(*c));
	c->s = buf;
	c->len = len;
	c->line = c->col = 1;
	if (!scan_value(c, 0))
		return;
	ws(c);
	if (c->i < c->len)
		stop(c, NULL, NULL);
}

/* A key of the parsed object, for sa_repeated_keys. */
static const char *child_key(const void *ctx, size_t i)
{
	return ((cJSON *const *)ctx)[i]->string;
}

/*
 * "meta": an object of strings, for the file's own bookkeeping (answers_save.c). Its problems
 * are reported at the "meta" key (line:col): the scan records top-level keys only.
 */
static void read_meta(struct doc *x, const cJSON *m, unsigned line, unsigned col)
{
	const cJSON *e;
	if (!cJSON_IsObject(m)) {
		answers_add(x, line, col, "bad-meta", "'meta' must be an object of strings");
		return;
	}
	for (e = m->child; e; e = e->next) {
		if (!cJSON_IsString(e)) {
			answers_add(x, line, col, "bad-meta", "'meta' value '%s' must be a string", e->string);
			continue;
		}
		answers_meta_entry(x, e->string, e->valuestring, line, col);
	}
}

/*
 * A check of JSON syntax that allocates nothing, to tell why cJSON failed: cJSON reports a
 * failed allocation as it reports a syntax error. v_value returns the offset after the value at
 * i (RFC 8259, strings as cJSON decodes them: no raw control character, no lone surrogate),
 * or JSON_BAD.
 */
#define JSON_BAD ((size_t)-1)
#define JSON_DEPTH_MAX 1000 /* cJSON's nesting limit (CJSON_NESTING_LIMIT) */

static size_t v_ws(const char *s, size_t len, size_t i)
{
	while (i < len && strchr(" \t\r\n", s[i]) && s[i])
		i++;
	return i;
}

static size_t v_hex4(const char *s, size_t len, size_t i, unsigned *code)
{
	size_t k;
	*code = 0;
	if (len - i < 4)
		return JSON_BAD;
	for (k = 0; k < 4; k++) {
		char c = s[i + k];
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') :
			     c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) :
			     c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16;
		if (d == 16)
			return JSON_BAD;
		*code = *code * 16 + d;
	}
	return i + 4;
}

static size_t v_string(const char *s, size_t len, size_t i)
{
	unsigned code, low;
	for (i++; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"')
			return i + 1;
		if (c < 0x20)
			return JSON_BAD;
		if (c != '\\')
			continue;
		if (++i >= len)
			return JSON_BAD;
		if (s[i] != 'u') {
			if (!strchr("\"\\/bfnrt", s[i]) || !s[i])
				return JSON_BAD;
			continue;
		}
		if ((i = v_hex4(s, len, i + 1, &code)) == JSON_BAD || (code >= 0xDC00 && code <= 0xDFFF))
			return JSON_BAD;
		if (code >= 0xD800 && code <= 0xDBFF) {
			if (len - i < 2 || s[i] != '\\' || s[i + 1] != 'u' ||
			    (i = v_hex4(s, len, i + 2, &low)) == JSON_BAD || low < 0xDC00 || low > 0xDFFF)
				return JSON_BAD;
		}
		i--;
	}
	return JSON_BAD;
}

static size_t v_digits(const char *s, size_t len, size_t i)
{
	size_t start = i;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	return i > start ? i : JSON_BAD;
}

static size_t v_number(const char *s, size_t len, size_t i)
{
	if (i < len && s[i] == '-')
		i++;
	if (i < len && s[i] == '0')
		i++;
	else if ((i = v_digits(s, len, i)) == JSON_BAD)
		return JSON_BAD;
	if (i < len && s[i] == '.' && (i = v_digits(s, len, i + 1)) == JSON_BAD)
		return JSON_BAD;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		i = v_digits(s, len, i);
	}
	return i;
}

static size_t v_value(const char *s, size_t len, size_t i, int depth)
{
	static const char *const words[] = { "true", "false", "null" };
	size_t k;
	i = v_ws(s, len, i);
	if (i >= len)
		return JSON_BAD;
	if (s[i] == '"')
		return v_string(s, len, i);
	if (s[i] == '{' || s[i] == '[') {
		char close = s[i] == '{' ? '}' : ']';
		if (depth >= JSON_DEPTH_MAX)
			return JSON_BAD;
		i = v_ws(s, len, i + 1);
		if (i < len && s[i] == close)
			return i + 1;
		for (;;) {
			if (close == '}') {
				if (i >= len || s[i] != '"' || (i = v_string(s, len, i)) == JSON_BAD)
					return JSON_BAD;
				i = v_ws(s, len, i);
				if (i >= len || s[i] != ':')
					return JSON_BAD;
				i++;
			}
			if ((i = v_value(s, len, i, depth + 1)) == JSON_BAD)
				return JSON_BAD;
			i = v_ws(s, len, i);
			if (i < len && s[i] == close)
				return i + 1;
			if (i >= len || s[i] != ',')
				return JSON_BAD;
			i = v_ws(s, len, i + 1);
		}
	}
	for (k = 0; k < 3; k++)
		if (len - i >= strlen(words[k]) && memcmp(s + i, words[k], strlen(words[k])) == 0)
			return i + strlen(words[k]);
	return v_number(s, len, i);
}

int sa_json_starts_valid(const char *s, size_t len)
{
	return v_value(s, len, 0, 0) != JSON_BAD;
}

void answers_take_json(struct doc *x, const char *key, int q, unsigned line, unsigned col,
		       const struct answers_jvalue *v)
{
	char num[32];
	const char *text = NULL, *desc = "an object";
	int ok = 0;

	switch (v->kind) {
	case AJ_BOOL:
		text = v->b ? "true" : "false";
		desc = text;
		break;
	case AJ_NUMBER:
		if (v->s && strlen(v->s) < sizeof(num))
			memcpy(num, v->s, strlen(v->s) + 1);
		else if (v->d == floor(v->d) && fabs(v->d) < 2e9)
			snprintf(num, sizeof(num), "%lld", (long long)v->d);
		else
			snprintf(num, sizeof(num), "%g", v->d);
		text = num;
		desc = num;
		break;
	case AJ_STRING:
		text = v->s;
		desc = "a string";
		break;
	case AJ_ARRAY:
		desc = "a list";
		break;
	case AJ_NULL:
	case AJ_OBJECT:
		break;
	}
	if (strcmp(key, "id") == 0) {
		if (v->kind == AJ_STRING || v->kind == AJ_NUMBER)
			answers_take(x, "id", -1, line, col, 0, text, 1, desc);
		else
			answers_add(x, line, col, "bad-value", "'id' must be a string or a number");
		return;
	}
	if (q == -2)
		q = sa_rules_question_find(x->r, key);
	if (q >= 0) {
		enum sa_qtype t = x->r->questions[q].type;
		ok = (t == SA_Q_BOOL && v->kind == AJ_BOOL) ||
		     (t == SA_Q_ENUM && v->kind == AJ_STRING) ||
		     (t == SA_Q_INT && v->kind == AJ_NUMBER);
		if (t == SA_Q_INT && ok && v->d != floor(v->d)) {
			answers_add(x, line, col, "bad-value", "'%s' expects a whole number, not %s",
			    key, num);
			return;
		}
	}
	answers_take(x, key, q, line, col, v->kind == AJ_NULL, text, ok, desc);
}

int answers_read_json(struct doc *x)
{
	/* a flat object of answers without escapes, as batch lines are: the fast reader's */
	int rc = answers_read_json_fast(x);
	return rc != ANSWERS_FAST_DECLINED ? rc : answers_read_json_full(x);
}

int answers_read_json_full(struct doc *x)
{
	const char *end = NULL;
	cJSON *root, *c, **kids = NULL;
	unsigned line, col;
	size_t off, before = x->d->errors, n = 0, k;
	unsigned char *repeat = NULL;
	struct scan sc;

	scan_text(&sc, x->buf, x->len);
	if (sc.st == SCAN_NOMEM) {
		free(sc.keys);
		return SA_ERR_NOMEM;
	}
	if (sc.st == SCAN_STRICT) {
		answers_add(x, sc.eline, sc.ecol, sc.code, "%s", sc.msg);
		free(sc.keys);
		return SA_ERR_INPUT;
	}
	root = cJSON_ParseWithLengthOpts(x->buf, x->len, &end, 0);
	if (!root) {
		/* valid JSON that cJSON could not parse: it ran out of memory */
		if (sc.st == SCAN_OK || sa_json_starts_valid(x->buf, x->len)) {
			free(sc.keys);
			return SA_ERR_NOMEM;
		}
		off = end ? (size_t)(end - x->buf) : 0;
		if (off > x->len)
			off = x->len;
		answers_position(x->buf, off, &line, &col);
		answers_add(x, line, col, "json-syntax", "invalid JSON%s",
		    off >= x->len ? ": unexpected end of input" : "");
		free(sc.keys);
		return SA_ERR_INPUT;
	}
	/* nothing but whitespace may follow the value */
	off = (size_t)(end - x->buf);
	while (off < x->len && strchr(" \t\r\n", x->buf[off]))
		off++;
	if (off < x->len) {
		answers_position(x->buf, off, &line, &col);
		answers_add(x, line, col, "json-syntax", "invalid JSON: unexpected text after the object");
		cJSON_Delete(root);
		free(sc.keys);
		return SA_ERR_INPUT;
	}
	if (sc.st == SCAN_SYNTAX) {
		/* what the strict reading rejects, cJSON must not accept */
		answers_add(x, sc.eline, sc.ecol, "json-syntax", "invalid JSON");
		cJSON_Delete(root);
		free(sc.keys);
		return SA_ERR_INPUT;
	}
	if (!cJSON_IsObject(root)) {
		off = 0;
		while (off < x->len && strchr(" \t\r\n", x->buf[off]))
			off++;
		answers_position(x->buf, off, &line, &col);
		answers_add(x, line, col, "wrong-type",
		    "answers must be a JSON object of question ids and values");
		cJSON_Delete(root);
		free(sc.keys);
		return SA_ERR_INPUT;
	}
	for (c = root->child; c; c = c->next)
		n++;
	kids = sa_calloc(n, sizeof(*kids));
	if (kids) {
		for (c = root->child, k = 0; c; c = c->next)
			kids[k++] = c;
		repeat = sa_repeated_keys(n, child_key, kids);
	}
	if (!repeat) {
		free(kids);
		cJSON_Delete(root);
		free(sc.keys);
		return SA_ERR_NOMEM;
	}
	for (k = 0; k < n; k++) {
		struct answers_jvalue v = { AJ_OBJECT, 0, 0, NULL };
		c = kids[k];
		/* the scan saw the same keys in the same order */
		line = k < sc.nkeys ? sc.keys[k].line : 1;
		col = k < sc.nkeys ? sc.keys[k].col : 1;
		if (repeat[k]) {
			answers_add(x, line, col, "duplicate-key", "duplicate key '%s'", c->string);
			continue;
		}
		if (strcmp(c->string, "meta") == 0) {
			read_meta(x, c, line, col);
			continue;
		}
		if (cJSON_IsBool(c)) {
			v.kind = AJ_BOOL;
			v.b = cJSON_IsTrue(c);
		} else if (cJSON_IsNumber(c)) {
			v.kind = AJ_NUMBER;
			v.d = c->valuedouble;
		} else if (cJSON_IsString(c)) {
			v.kind = AJ_STRING;
			v.s = c->valuestring;
		} else if (cJSON_IsArray(c)) {
			v.kind = AJ_ARRAY;
		} else if (cJSON_IsNull(c)) {
			v.kind = AJ_NULL;
		}
		answers_take_json(x, c->string, -2, line, col, &v);
	}
	free(kids);
	free(repeat);
	free(sc.keys);
	cJSON_Delete(root);
	return x->d->errors > before ? SA_ERR_INPUT : SA_OK;
}

int sa_answers_write_json(FILE *f, const sa_rules *r, const struct sa_answers *a)
{
	cJSON *o = cJSON_CreateObject(), *item = NULL;
	char *s;
	size_t q;
	int rc = SA_OK;
	if (!o)
		return SA_ERR_NOMEM;
	for (q = 0; q < r->nquestions; q++) {
		if (a->origin[q] == SA_ORIGIN_UNKNOWN) {
			if (!cJSON_AddNullToObject(o, r->questions[q].id)) {
				cJSON_Delete(o);
				return SA_ERR_NOMEM;
			}
			continue;
		}
		if (a->origin[q] != SA_ORIGIN_GIVEN)
			continue;
		switch (r->questions[q].type) {
		case SA_Q_BOOL:
			item = cJSON_AddBoolToObject(o, r->questions[q].id, a->value[q] != 0);
			break;
		case SA_Q_ENUM:
			item = cJSON_AddStringToObject(o, r->questions[q].id,
						       r->questions[q].choices[a->value[q]]);
			break;
		case SA_Q_INT:
			item = cJSON_AddNumberToObject(o, r->questions[q].id, a->value[q]);
			break;
		}
		if (!item) { /* out of memory: never write a partial document */
			cJSON_Delete(o);
			return SA_ERR_NOMEM;
		}
	}
	s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!s)
		return SA_ERR_NOMEM;
	if (sa_escape_json_puts(f, s) == EOF || fputc('\n', f) == EOF)
		rc = SA_ERR_IO;
	cJSON_free(s);
	return rc;
}
