/*
 * answers_io.h - the answers reader's private interface: the document being read, shared by
 * the front (answers_io.c) and the format readers (answers_json.c, answers_yaml.c).
 */
#ifndef SA_ANSWERS_IO_H
#define SA_ANSWERS_IO_H

#include "internal.h"

/*
 * Bounds on an answers document (docs/security.md): nesting of JSON arrays and objects or YAML
 * lists and mappings, and YAML nodes with each alias counted as a copy of what it names.
 */
#define ANSWERS_MAX_DEPTH 64
#define ANSWERS_MAX_NODES 1000000
/* Problems reported for one document; one more says how many more there were. */
#define ANSWERS_MAX_DIAGS 100

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
	size_t nproblems;        /* problems reported through answers_add */
	size_t dropped;          /* problems past ANSWERS_MAX_DIAGS, counted only */
	unsigned dline, dcol;    /* where the first of those stands */
	/* the "meta" mapping read (answers_save.c), or NULL to check it and drop it */
	struct sa_meta *meta;
	/* an allocation failed (a diagnostic or meta could not be kept): SA_ERR_NOMEM */
	int nomem;
};

/* Line and column (1-based, columns in bytes) of offset off in buf. */
void answers_position(const char *buf, size_t off, unsigned *line, unsigned *col);

/*
 * Report a problem at line:col of the document. A message cut short (past 1024 bytes, quoting a
 * long key or value) is cut at a whole character. Past ANSWERS_MAX_DIAGS problems, a problem
 * is only counted: sa_answers_read then reports how many more there were.
 */
void answers_add(struct doc *x, unsigned line, unsigned col, const char *code, const char *fmt,
		 ...) __attribute__((format(printf, 5, 6)));

/*
 * Record one answer given as text (YAML) or as a JSON item to key, question q (-1: no such
 * question; "id" is the document's id, not an answer); reports problems at line:col.
 */
void answers_take(struct doc *x, const char *key, int q, unsigned line, unsigned col,
		  int is_null, const char *text, int kind_ok, const char *kind_desc);


/* A value of a JSON answers object, as a JSON reader found it (strings NUL-terminated). */
struct answers_jvalue {
	enum { AJ_NULL, AJ_BOOL, AJ_NUMBER, AJ_STRING, AJ_ARRAY, AJ_OBJECT } kind;
	int b;
	double d;
	const char *s; /* AJ_STRING; or for AJ_NUMBER, NULL or d as "%lld" prints it (a shortcut) */
};

/*
 * Record the value v of key at line:col of a JSON answers object ("id" or an answer; not
 * "meta"): q is key's question, -1 for none, or -2 to look it up. Both JSON readers take their
 * values through here, so that they agree on every answer and every message (answers_json.c).
 */
void answers_take_json(struct doc *x, const char *key, int q, unsigned line, unsigned col,
		       const struct answers_jvalue *v);

/*
 * The fast JSON reader (answers_fast.c): a flat object of scalars without escapes, read with
 * yajl. Returns SA_OK or SA_ERR_INPUT after taking every value, or ANSWERS_FAST_DECLINED,
 * having taken nothing, for a text it leaves to the full reader: anything else, valid or not.
 * The text must be valid UTF-8 without NUL bytes (sa_answers_read_meta checks it first).
 */
#define ANSWERS_FAST_DECLINED 1
int answers_read_json_fast(struct doc *x);

/* The format readers: SA_OK, SA_ERR_INPUT after reporting, or SA_ERR_NOMEM. */
int answers_read_json(struct doc *x);
/* The JSON reader without the fast one before it (answers_json.c; its tests compare the two). */
int answers_read_json_full(struct doc *x);
int answers_read_yaml(struct doc *x);

/*
 * One entry of the document's "meta" mapping at line:col: kept in x->meta (a repeated key, too
 * many entries or an over-long text is reported). answers_save.c.
 */
void answers_meta_entry(struct doc *x, const char *key, const char *value, unsigned line,
			unsigned col);

#endif
