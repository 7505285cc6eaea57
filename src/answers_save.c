/*
 * answers_save.c - answers files as they are kept in version control: the "meta" mapping an
 * answers file may carry, and the writers of --save.
 *
 * The "meta" mapping (vendor, owner, notes, reviewed_at, any string keys) is the file's own
 * bookkeeping: the engine never reads it; it is kept by --save and shown in the JSON output.
 * The writers are stable: keys in question order after "meta" (in the file's order), two spaces
 * of indentation, so that a saved file diffs cleanly. They are written by hand, not through a
 * library, so the JSON and the YAML form cannot drift apart: both quote strings the same way
 * (the escapes used are valid in JSON strings and YAML double-quoted scalars alike).
 */
#include "answers_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sa_meta_init(struct sa_meta *m)
{
	memset(m, 0, sizeof(*m));
}

void sa_meta_clear(struct sa_meta *m)
{
	size_t i;
	for (i = 0; i < m->n; i++) {
		free(m->keys[i]);
		free(m->values[i]);
	}
	m->n = 0;
}

void sa_meta_release(struct sa_meta *m)
{
	sa_meta_clear(m);
	free(m->keys);
	free(m->values);
	memset(m, 0, sizeof(*m));
}

const char *sa_meta_get(const struct sa_meta *m, const char *key)
{
	size_t i;
	for (i = 0; m && i < m->n; i++)
		if (strcmp(m->keys[i], key) == 0)
			return m->values[i];
	return NULL;
}

int sa_meta_add(struct sa_meta *m, const char *key, const char *value)
{
	char *k, *v;
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 8;
		char **nk = sa_calloc(cap, sizeof(*nk)), **nv = sa_calloc(cap, sizeof(*nv));
		if (!nk || !nv) {
			free(nk);
			free(nv);
			return SA_ERR_NOMEM;
		}
		if (m->n) {
			memcpy(nk, m->keys, m->n * sizeof(*nk));
			memcpy(nv, m->values, m->n * sizeof(*nv));
		}
		free(m->keys);
		free(m->values);
		m->keys = nk;
		m->values = nv;
		m->cap = cap;
	}
	k = sa_strdup(key);
	v = sa_strdup(value);
	if (!k || !v) {
		free(k);
		free(v);
		return SA_ERR_NOMEM;
	}
	m->keys[m->n] = k;
	m->values[m->n] = v;
	m->n++;
	return SA_OK;
}

void answers_meta_entry(struct doc *x, const char *key, const char *value, unsigned line,
			unsigned col)
{
	if (!x->meta)
		return;
	if (sa_meta_get(x->meta, key)) {
		answers_add(x, line, col, "bad-meta", "duplicate key '%s' in 'meta'", key);
		return;
	}
	if (x->meta->n >= SA_META_MAX) {
		answers_add(x, line, col, "bad-meta", "'meta' has more than %d entries", SA_META_MAX);
		return;
	}
	if (strlen(key) > SA_META_TEXT_MAX || strlen(value) > SA_META_TEXT_MAX) {
		answers_add(x, line, col, "bad-meta", "'meta' key or value longer than %d bytes",
			    SA_META_TEXT_MAX);
		return;
	}
	if (sa_meta_add(x->meta, key, value) != SA_OK)
		x->nomem = 1;
}

/* s as a double-quoted string: valid JSON and valid YAML (control characters escaped). */
static void put_quoted(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	fputc('"', f);
	for (; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) /* C1 controls */
				fprintf(f, "\\u%04x", *++p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

/* A YAML key: plain when it is a simple word (letters, digits, '_', '-'), else quoted. */
static void put_yaml_key(FILE *f, const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
	if (n && !s[n] && s[0] != '-')
		fputs(s, f);
	else
		put_quoted(f, s);
}

static void put_value(FILE *f, const sa_rules *r, const struct sa_answers *a, size_t q)
{
	int32_t v = a->value[q];
	if (a->origin[q] == SA_ORIGIN_UNKNOWN) {
		/* "I don't know": null reads back as the same answer */
		fputs("null", f);
		return;
	}
	switch (r->questions[q].type) {
	case SA_Q_BOOL:
		fputs(v ? "true" : "false", f);
		break;
	case SA_Q_ENUM:
		/* quoted in JSON and YAML alike: a choice such as "null" stays a value */
		put_quoted(f, r->questions[q].choices[v]);
		break;
	case SA_Q_INT:
		fprintf(f, "%d", (int)v);
		break;
	}
}

static void write_json(FILE *f, const sa_rules *r, const struct sa_answers *a,
		       const struct sa_meta *meta)
{
	size_t q, i;
	int first = 1;
	fputs("{", f);
	if (meta && meta->n) {
		fputs("\n  \"meta\": {", f);
		for (i = 0; i < meta->n; i++) {
			fputs(i ? ",\n    " : "\n    ", f);
			put_quoted(f, meta->keys[i]);
			fputs(": ", f);
			put_quoted(f, meta->values[i]);
		}
		fputs("\n  }", f);
		first = 0;
	}
	for (q = 0; q < r->nquestions; q++) {
		if (a->origin[q] != SA_ORIGIN_GIVEN && a->origin[q] != SA_ORIGIN_UNKNOWN)
			continue;
		fprintf(f, "%s\n  \"%s\": ", first ? "" : ",", r->questions[q].id);
		put_value(f, r, a, q);
		first = 0;
	}
	fputs(first ? "}\n" : "\n}\n", f);
}

static void write_yaml(FILE *f, const sa_rules *r, const struct sa_answers *a,
		       const struct sa_meta *meta)
{
	size_t q, i;
	int any = 0;
	fputs("# socadvise answers (read back with --answers)\n", f);
	if (meta && meta->n) {
		fputs("meta:\n", f);
		for (i = 0; i < meta->n; i++) {
			fputs("  ", f);
			put_yaml_key(f, meta->keys[i]);
			fputs(": ", f);
			put_quoted(f, meta->values[i]);
			fputc('\n', f);
		}
		any = 1;
	}
	for (q = 0; q < r->nquestions; q++) {
		if (a->origin[q] != SA_ORIGIN_GIVEN && a->origin[q] != SA_ORIGIN_UNKNOWN)
			continue;
		fprintf(f, "%s: ", r->questions[q].id);
		put_value(f, r, a, q);
		fputc('\n', f);
		any = 1;
	}
	if (!any)
		fputs("{}\n", f);
}

int sa_answers_write_file(FILE *f, const sa_rules *r, const struct sa_answers *a,
			  const struct sa_meta *meta, int yaml)
{
	if (yaml)
		write_yaml(f, r, a, meta);
	else
		write_json(f, r, a, meta);
	return ferror(f) ? SA_ERR_IO : SA_OK;
}
