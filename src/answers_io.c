/*
 * answers_io.c - answers documents: read a JSON object or a YAML mapping of question ids to
 * values, and write answers back as one line of JSON.
 *
 * cJSON is lax where we must not be; the gaps are closed here, at our boundary: the input must be
 * valid UTF-8, keys must not repeat, and cJSON's error position becomes a line and a column.
 * Every problem of a document is reported, each with FILE:LINE:COL, before it is rejected.
 *
 * A saved answers file is a single line of JSON: it is also valid YAML and one line of batch
 * input, so the three formats never drift apart.
 */
#include "internal.h"

#include <cjson/cJSON.h>
#include <yaml.h>

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Offset of the first byte that is not valid UTF-8 (overlongs and surrogates included), or len. */
size_t sa_utf8_check(const char *buf, size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		size_t n, k;
		unsigned cp;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		for (k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n + 1;
	}
	return len;
}

/* Line and column (1-based, columns in bytes) of offset off in buf. */
static void position(const char *buf, size_t off, unsigned *line, unsigned *col)
{
	size_t i;
	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

/*
 * Where key occurs as an object key the nth time (0-based) in a JSON text: a quoted string
 * followed by ':'. Returns the offset of its opening quote, or (size_t)-1 when not found (e.g.
 * the key was written with escapes).
 */
static size_t find_key(const char *buf, size_t len, const char *key, int nth)
{
	size_t klen = strlen(key), i;
	int seen = 0;
	for (i = 0; i + klen + 2 <= len; i++) {
		size_t j;
		if (buf[i] != '"' || memcmp(buf + i + 1, key, klen) != 0 || buf[i + 1 + klen] != '"')
			continue;
		if (i > 0 && buf[i - 1] == '\\')
			continue;
		for (j = i + klen + 2; j < len && strchr(" \t\r\n", buf[j]); j++)
			;
		if (j < len && buf[j] == ':' && seen++ == nth)
			return i;
	}
	return (size_t)-1;
}

struct doc {
	const sa_rules *r;
	const char *name;
	const char *buf;
	size_t len;
	unsigned line_base; /* added to line numbers: a batch line's number minus one */
	struct sa_diags *d;
	struct sa_answers *a;
	char *id;
	size_t idsize;
	/* JSON: the key being read; its position is only looked up when it has a problem */
	const char *key;
	int key_nth;
};

static void add(struct doc *x, unsigned line, unsigned col, const char *code, const char *fmt,
		...) __attribute__((format(printf, 5, 6)));

static void add(struct doc *x, unsigned line, unsigned col, const char *code, const char *fmt,
		...)
{
	char m[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m, sizeof(m), fmt, ap);
	va_end(ap);
	/* a message cut short (quoting a long key or value) must not end in half a character */
	m[sa_utf8_check(m, strlen(m))] = '\0';
	if (line == 0 && x->key) {
		/* a JSON key's problem: find where the key stands (cJSON keeps no positions) */
		size_t off = find_key(x->buf, x->len, x->key, x->key_nth);
		line = col = 1;
		if (off != (size_t)-1)
			position(x->buf, off, &line, &col);
	}
	sa_diags_add(x->d, SA_SEV_ERROR, x->name, line + x->line_base, col, code, "%s", m);
}

/*
 * Record one answer given as text (YAML) or as a JSON item to key, question q (-1: no such
 * question); reports problems at line:col.
 */
static void take(struct doc *x, const char *key, int q, unsigned line, unsigned col, int is_null,
		 const char *text, int kind_ok, const char *kind_desc)
{
	const sa_rules *r = x->r;
	int32_t v;
	char m[512];

	if (strcmp(key, "id") == 0) {
		if (x->id && text)
			snprintf(x->id, x->idsize, "%s", text);
		return;
	}
	if (q < 0) {
		const char *s = sa_rules_suggest_question(r, key);
		if (s)
			add(x, line, col, "unknown-question", "unknown question '%s' (did you mean '%s'?)",
			    key, s);
		else
			add(x, line, col, "unknown-question", "unknown question '%s'", key);
		return;
	}
	if (is_null)
		return; /* explicitly unknown */
	if (!kind_ok) {
		const char *want = r->questions[q].type == SA_Q_BOOL ? "true or false" :
				   r->questions[q].type == SA_Q_INT  ? "a whole number" :
								       "a string";
		add(x, line, col, "bad-value", "'%s' expects %s, not %s", key, want, kind_desc);
		return;
	}
	if (sa_answer_parse(r, (size_t)q, text, &v, m, sizeof(m)) != SA_OK ||
	    sa_answers_set(x->a, r, (size_t)q, v, m, sizeof(m)) != SA_OK)
		add(x, line, col, "bad-value", "%s", m);
}

static int read_json(struct doc *x)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(x->buf, x->len, &end, 0), *c, *p;
	unsigned line, col;
	size_t off, before = x->d->errors;

	if (!root) {
		off = end ? (size_t)(end - x->buf) : 0;
		if (off > x->len)
			off = x->len;
		position(x->buf, off, &line, &col);
		add(x, line, col, "json-syntax", "invalid JSON%s",
		    off >= x->len ? ": unexpected end of input" : "");
		return SA_ERR_INPUT;
	}
	/* nothing but whitespace may follow the value */
	off = (size_t)(end - x->buf);
	while (off < x->len && strchr(" \t\r\n", x->buf[off]))
		off++;
	if (off < x->len) {
		position(x->buf, off, &line, &col);
		add(x, line, col, "json-syntax", "invalid JSON: unexpected text after the object");
		cJSON_Delete(root);
		return SA_ERR_INPUT;
	}
	if (!cJSON_IsObject(root)) {
		off = 0;
		while (off < x->len && strchr(" \t\r\n", x->buf[off]))
			off++;
		position(x->buf, off, &line, &col);
		add(x, line, col, "wrong-type",
		    "answers must be a JSON object of question ids and values");
		cJSON_Delete(root);
		return SA_ERR_INPUT;
	}
	for (c = root->child; c; c = c->next) {
		int nth = 0, dup = 0, q, ok = 0;
		char num[32];
		const char *text = NULL, *desc = "an object";
		for (p = root->child; p != c; p = p->next)
			if (strcmp(p->string, c->string) == 0) {
				nth++;
				dup = 1;
			}
		x->key = c->string;
		x->key_nth = nth;
		line = col = 0; /* looked up by add() only if this key has a problem */
		if (dup) {
			add(x, line, col, "duplicate-key", "duplicate key '%s'", c->string);
			continue;
		}
		if (cJSON_IsBool(c)) {
			text = cJSON_IsTrue(c) ? "true" : "false";
			desc = text;
		} else if (cJSON_IsNumber(c)) {
			double d = c->valuedouble;
			if (d == floor(d) && fabs(d) < 2e9) {
				snprintf(num, sizeof(num), "%lld", (long long)d);
				text = num;
			} else {
				snprintf(num, sizeof(num), "%g", d);
				text = num;
			}
			desc = num;
		} else if (cJSON_IsString(c)) {
			text = c->valuestring;
			desc = "a string";
		} else if (cJSON_IsArray(c)) {
			desc = "a list";
		}
		if (strcmp(c->string, "id") == 0) {
			if (cJSON_IsString(c) || cJSON_IsNumber(c))
				take(x, "id", -1, line, col, 0, text, 1, desc);
			else
				add(x, line, col, "bad-value", "'id' must be a string or a number");
			continue;
		}
		q = sa_rules_question_find(x->r, c->string);
		if (q >= 0) {
			enum sa_qtype t = x->r->questions[q].type;
			ok = (t == SA_Q_BOOL && cJSON_IsBool(c)) ||
			     (t == SA_Q_ENUM && cJSON_IsString(c)) ||
			     (t == SA_Q_INT && cJSON_IsNumber(c));
			if (t == SA_Q_INT && ok && c->valuedouble != floor(c->valuedouble)) {
				add(x, line, col, "bad-value", "'%s' expects a whole number, not %s",
				    c->string, num);
				continue;
			}
		}
		take(x, c->string, q, line, col, cJSON_IsNull(c), text, ok, desc);
	}
	x->key = NULL;
	cJSON_Delete(root);
	return x->d->errors > before ? SA_ERR_INPUT : SA_OK;
}

static int read_yaml(struct doc *x)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	yaml_node_pair_t *p;
	size_t before = x->d->errors;

	if (!yaml_parser_initialize(&parser))
		return SA_ERR_NOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)x->buf, x->len);
	if (!yaml_parser_load(&parser, &doc)) {
		add(x, (unsigned)parser.problem_mark.line + 1, (unsigned)parser.problem_mark.column + 1,
		    "yaml-syntax", "%s", parser.problem ? parser.problem : "invalid YAML");
		yaml_parser_delete(&parser);
		return SA_ERR_INPUT;
	}
	yaml_parser_delete(&parser);
	root = yaml_document_get_root_node(&doc);
	if (!root) {
		yaml_document_delete(&doc);
		return SA_OK; /* an empty file answers nothing */
	}
	if (root->type != YAML_MAPPING_NODE) {
		add(x, (unsigned)root->start_mark.line + 1, (unsigned)root->start_mark.column + 1,
		    "wrong-type", "answers must be a mapping of question ids to values");
		yaml_document_delete(&doc);
		return SA_ERR_INPUT;
	}
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&doc, p->value);
		unsigned line = (unsigned)k->start_mark.line + 1, col = (unsigned)k->start_mark.column + 1;
		const char *ks = k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : NULL;
		const char *vs;
		int dup = 0, is_null, plain, q, ok = 1;
		if (!ks) {
			add(x, line, col, "wrong-type", "keys must be question ids");
			continue;
		}
		for (q = 0; root->data.mapping.pairs.start + q < p; q++) {
			yaml_node_t *pk =
				yaml_document_get_node(&doc, root->data.mapping.pairs.start[q].key);
			if (pk->type == YAML_SCALAR_NODE &&
			    strcmp((const char *)pk->data.scalar.value, ks) == 0)
				dup = 1;
		}
		if (dup) {
			add(x, line, col, "duplicate-key", "duplicate key '%s'", ks);
			continue;
		}
		if (v->type != YAML_SCALAR_NODE) {
			add(x, (unsigned)v->start_mark.line + 1, (unsigned)v->start_mark.column + 1,
			    "bad-value", "'%s' takes a single value, not %s", ks,
			    v->type == YAML_MAPPING_NODE ? "a mapping" : "a list");
			continue;
		}
		vs = (const char *)v->data.scalar.value;
		plain = v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		is_null = plain && (!*vs || strcmp(vs, "~") == 0 || strcmp(vs, "null") == 0);
		q = sa_rules_question_find(x->r, ks);
		/* a quoted "true" or "3" is a string: only enum answers are strings */
		if (q >= 0 && !plain && x->r->questions[q].type != SA_Q_ENUM)
			ok = 0;
		take(x, ks, q, (unsigned)v->start_mark.line + 1, (unsigned)v->start_mark.column + 1,
		     is_null, vs, ok, plain ? vs : "a quoted string");
	}
	yaml_document_delete(&doc);
	return x->d->errors > before ? SA_ERR_INPUT : SA_OK;
}

int sa_answers_read(const sa_rules *r, const char *name, unsigned line_base, const char *buf,
		    size_t len, struct sa_answers *a, char *id, size_t idsize, struct sa_diags *d)
{
	struct doc x;
	size_t bad = sa_utf8_check(buf, len), i;
	unsigned line, col;

	memset(&x, 0, sizeof(x));
	x.r = r;
	x.name = name;
	x.buf = buf;
	x.len = len;
	x.line_base = line_base;
	x.d = d;
	x.a = a;
	x.id = id;
	x.idsize = idsize;
	if (id && idsize)
		id[0] = '\0';
	if (bad < len) {
		position(buf, bad, &line, &col);
		add(&x, line, col, "encoding", "invalid UTF-8 (byte 0x%02x)", (unsigned char)buf[bad]);
		return SA_ERR_INPUT;
	}
	if (memchr(buf, '\0', len)) {
		position(buf, (size_t)((const char *)memchr(buf, '\0', len) - buf), &line, &col);
		add(&x, line, col, "encoding", "unexpected NUL byte");
		return SA_ERR_INPUT;
	}
	for (i = 0; i < len && strchr(" \t\r\n", buf[i]); i++)
		;
	if (i < len && (buf[i] == '{' || buf[i] == '['))
		return read_json(&x);
	return read_yaml(&x);
}

int sa_answers_write_json(FILE *f, const sa_rules *r, const struct sa_answers *a)
{
	cJSON *o = cJSON_CreateObject();
	char *s;
	size_t q;
	int rc = SA_OK;
	for (q = 0; q < r->nquestions; q++) {
		if (a->origin[q] != SA_ORIGIN_GIVEN)
			continue;
		switch (r->questions[q].type) {
		case SA_Q_BOOL:
			cJSON_AddBoolToObject(o, r->questions[q].id, a->value[q] != 0);
			break;
		case SA_Q_ENUM:
			cJSON_AddStringToObject(o, r->questions[q].id,
						r->questions[q].choices[a->value[q]]);
			break;
		case SA_Q_INT:
			cJSON_AddNumberToObject(o, r->questions[q].id, a->value[q]);
			break;
		}
	}
	s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!s)
		return SA_ERR_NOMEM;
	if (fputs(s, f) == EOF || fputc('\n', f) == EOF)
		rc = SA_ERR_IO;
	cJSON_free(s);
	return rc;
}
