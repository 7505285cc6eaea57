/*
 * answers_io.c - answers documents: check the encoding, tell JSON from YAML, and record each
 * answer read, with every problem located (FILE:LINE:COL).
 *
 * The format readers are their own rooms, each the only file that includes its library:
 * answers_json.c (cJSON; also the answers writer and batch mode's line checks) and
 * answers_yaml.c (libyaml). Every problem of a document is reported before it is rejected.
 */
#include "answers_io.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
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
		uint64_t w;
		/* eight ASCII bytes at a time (the usual text) */
		if (len - i >= 8 && (memcpy(&w, s + i, 8), (w & 0x8080808080808080ULL) == 0)) {
			i += 8;
			continue;
		}
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

int sa_utf8_truncated(const char *buf, size_t len, size_t off)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t n, k;
	if (off >= len)
		return 0;
	n = s[off] >= 0xc2 && s[off] <= 0xdf ? 1 : s[off] >= 0xe0 && s[off] <= 0xef ? 2 :
	    s[off] >= 0xf0 && s[off] <= 0xf4 ? 3 : 0;
	if (!n || off + n < len)
		return 0;
	for (k = off + 1; k < len; k++)
		if ((s[k] & 0xc0) != 0x80)
			return 0;
	return 1;
}

/* Line and column (1-based, columns in bytes) of offset off in buf. */
void answers_position(const char *buf, size_t off, unsigned *line, unsigned *col)
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

void answers_add(struct doc *x, unsigned line, unsigned col, const char *code, const char *fmt,
		...)
{
	char m[1024];
	va_list ap;
	if (x->nproblems >= ANSWERS_MAX_DIAGS) {
		if (!x->dropped++) {
			x->dline = line;
			x->dcol = col;
		}
		return;
	}
	x->nproblems++;
	va_start(ap, fmt);
	vsnprintf(m, sizeof(m), fmt, ap);
	va_end(ap);
	/* a message cut short (quoting a long key or value) must not end in half a character */
	m[sa_utf8_check(m, strlen(m))] = '\0';
	if (sa_diags_add(x->d, SA_SEV_ERROR, x->name, line + x->line_base, col, code, "%s", m) !=
	    SA_OK)
		x->nomem = 1;
}

/*
 * Record one answer given as text (YAML) or as a JSON item to key, question q (-1: no such
 * question); reports problems at line:col.
 */
void answers_take(struct doc *x, const char *key, int q, unsigned line, unsigned col, int is_null,
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
		/* past the problem limit the message is only counted: spare the search for a hint */
		const char *s = x->nproblems < ANSWERS_MAX_DIAGS ? sa_rules_suggest_question(r, key) :
								    NULL;
		if (s)
			answers_add(x, line, col, "unknown-question", "unknown question '%s' (did you mean '%s'?)",
			    key, s);
		else
			answers_add(x, line, col, "unknown-question", "unknown question '%s'", key);
		return;
	}
	if (is_null) {
		/* "I don't know": asked, and unknown */
		if (sa_answers_set_unknown(x->a, r, (size_t)q, m, sizeof(m)) != SA_OK)
			answers_add(x, line, col, "bad-value", "%s", m);
		return;
	}
	if (!kind_ok) {
		const char *want = r->questions[q].type == SA_Q_BOOL ? "true or false" :
				   r->questions[q].type == SA_Q_INT  ? "a whole number" :
								       "a string";
		answers_add(x, line, col, "bad-value", "'%s' expects %s, not %s", key, want, kind_desc);
		return;
	}
	if (sa_answer_parse(r, (size_t)q, text, &v, m, sizeof(m)) != SA_OK ||
	    sa_answers_set(x->a, r, (size_t)q, v, m, sizeof(m)) != SA_OK)
		answers_add(x, line, col, "bad-value", "%s", m);
}

int sa_answers_read(const sa_rules *r, const char *name, unsigned line_base, const char *buf,
		    size_t len, struct sa_answers *a, char *id, size_t idsize, struct sa_diags *d)
{
	return sa_answers_read_meta(r, name, line_base, buf, len, a, id, idsize, NULL, d);
}

/* The format readers, with an allocation failure while keeping "meta" as SA_ERR_NOMEM. */
static int read_format(struct doc *x, int json)
{
	int rc = json ? answers_read_json(x) : answers_read_yaml(x);
	return x->nomem ? SA_ERR_NOMEM : rc;
}

int sa_answers_read_meta(const sa_rules *r, const char *name, unsigned line_base,
			 const char *buf, size_t len, struct sa_answers *a, char *id,
			 size_t idsize, struct sa_meta *meta, struct sa_diags *d)
{
	struct doc x;
	size_t bad = sa_utf8_check(buf, len), i, before = d->len;
	unsigned line, col;
	int rc;

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
	x.meta = meta;
	if (id && idsize)
		id[0] = '\0';
	/* the first problem of the text: a NUL byte, or a byte that is not UTF-8 */
	if (memchr(buf, '\0', bad)) {
		answers_position(buf, (size_t)((const char *)memchr(buf, '\0', bad) - buf), &line, &col);
		answers_add(&x, line, col, "encoding", "unexpected NUL byte");
		return x.nomem ? SA_ERR_NOMEM : SA_ERR_INPUT;
	}
	if (bad < len) {
		answers_position(buf, bad, &line, &col);
		if (sa_utf8_truncated(buf, len, bad))
			answers_add(&x, line, col, "encoding",
				    "invalid UTF-8: the text ends inside a character (byte 0x%02x)",
				    (unsigned char)buf[bad]);
		else
			answers_add(&x, line, col, "encoding", "invalid UTF-8 (byte 0x%02x)",
				    (unsigned char)buf[bad]);
		return x.nomem ? SA_ERR_NOMEM : SA_ERR_INPUT;
	}
	for (i = 0; i < len && strchr(" \t\r\n", buf[i]); i++)
		;
	rc = read_format(&x, i < len && (buf[i] == '{' || buf[i] == '['));
	if (x.dropped && rc != SA_ERR_NOMEM &&
	    sa_diags_add(d, SA_SEV_ERROR, name, x.dline + line_base, x.dcol, "too-many-errors",
			 "%zu more error%s, the first of them here (only the first %d are reported)",
			 x.dropped, x.dropped == 1 ? "" : "s", ANSWERS_MAX_DIAGS) != SA_OK)
		rc = SA_ERR_NOMEM;
	if (rc == SA_ERR_NOMEM) {
		/* the diagnostics of a read cut short by a failed allocation would mislead */
		sa_diags_truncate(d, before);
		if (meta)
			sa_meta_clear(meta);
		return SA_ERR_NOMEM;
	}
	return rc;
}

