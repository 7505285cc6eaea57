/*
 * answers_io.h - the answers reader's private interface: the document being read, shared by
 * the front (answers_io.c) and the format readers (answers_json.c, answers_yaml.c).
 */
#ifndef SA_ANSWERS_IO_H
#define SA_ANSWERS_IO_H

#include "internal.h"

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
	int nomem; /* a diagnostic could not be added: the read ends with SA_ERR_NOMEM */
};

/* Line and column (1-based, columns in bytes) of offset off in buf. */
void answers_position(const char *buf, size_t off, unsigned *line, unsigned *col);

/*
 * Report a problem at line:col of the document. A message cut short (past 1024 bytes, quoting a
 * long key or value) is cut at a whole character. line 0 with a JSON key being read: the key's
 * own position.
 */
void answers_add(struct doc *x, unsigned line, unsigned col, const char *code, const char *fmt,
		 ...) __attribute__((format(printf, 5, 6)));

/*
 * Record one answer given as text (YAML) or as a JSON item to key, question q (-1: no such
 * question; "id" is the document's id, not an answer); reports problems at line:col.
 */
void answers_take(struct doc *x, const char *key, int q, unsigned line, unsigned col,
		  int is_null, const char *text, int kind_ok, const char *kind_desc);

/* The format readers: SA_OK, SA_ERR_INPUT after reporting, or SA_ERR_NOMEM. */
int answers_read_json(struct doc *x);
int answers_read_yaml(struct doc *x);

/*
 * Where key occurs as an object key the nth time (0-based) in a JSON text: a quoted string
 * followed by ':'. Returns the offset of its opening quote, or (size_t)-1 when not found (e.g.
 * the key was written with escapes).
 */
size_t answers_json_key_offset(const char *buf, size_t len, const char *key, int nth);

#endif
