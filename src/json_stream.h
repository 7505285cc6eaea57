/*
 * json_stream.h - one description of a JSON document, written two ways: streamed as compact text
 * into a buffer (batch result lines, --summary, compact --format json), or built as a cJSON tree
 * (the indented --format json and the walk behind --format yaml). The document code calls the
 * same functions for both, so the two cannot drift apart.
 *
 * Text is exactly what cJSON prints for the same tree passed through sa_escape_json_puts: keys
 * and strings escaped by sa_escape_json_string (or escaped once beforehand, json_text.h),
 * integers in decimal, no white space. The line is held whole until jw_write_line, so a failed
 * allocation writes nothing.
 *
 * Out of memory: every call may fail to allocate; the writer then sets nomem, ignores the calls
 * that follow, and jw_write_line / jw_take_tree report it (SA_ERR_NOMEM / NULL).
 */
#ifndef SA_JSON_STREAM_H
#define SA_JSON_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct cJSON;

#define JW_MAX_DEPTH 32
#define JW_SMALL 16384

struct jw {
	int tree;       /* build a cJSON tree instead of text */
	int nomem;
	unsigned depth; /* containers open */
	uint64_t more;  /* bit d: the container at depth d has an element already */
	uint64_t objs;  /* text: bit d: the container at depth d is an object */
	int after_key;  /* text: a key was written, its value comes next */
	/* text */
	char *buf;
	size_t len, cap;
	/* tree; keys and referenced strings must outlive the tree */
	struct cJSON *root;
	struct cJSON *stack[JW_MAX_DEPTH];
	const char *key;
	char small[JW_SMALL];
};

/* Start a document: text (tree 0) or a cJSON tree (tree 1). */
void jw_init(struct jw *w, int tree);
/* Free what w holds (the text, or a tree not taken). */
void jw_release(struct jw *w);

/* The key of the next value in an object: escaped here, or already escaped (json, n bytes). */
void jw_key(struct jw *w, const char *key);
void jw_key_text(struct jw *w, const char *key, const char *json, size_t n);

/* A key or a string given as a string literal that needs no escape: quoted when compiled. */
#define JW_KEY(w, lit) jw_key_text((w), lit, "\"" lit "\"", sizeof(lit) + 1)
#define JW_LIT(w, lit) jw_text((w), lit, "\"" lit "\"", sizeof(lit) + 1)

void jw_obj(struct jw *w);
void jw_arr(struct jw *w);
void jw_end(struct jw *w);
/* A string (NULL: null). jw_str's s must outlive a tree; jw_copy's need not. */
void jw_str(struct jw *w, const char *s);
void jw_copy(struct jw *w, const char *s);
/* A string already escaped as JSON text (json, n bytes); s is the string itself, for a tree. */
void jw_text(struct jw *w, const char *s, const char *json, size_t n);
void jw_int(struct jw *w, long long v);
void jw_bool(struct jw *w, int v);
void jw_null(struct jw *w);
/* A number as written (copied). */
void jw_raw(struct jw *w, const char *s);

/* Text: write the document and a newline to f. SA_OK, SA_ERR_NOMEM (nothing written), SA_ERR_IO. */
int jw_write_line(struct jw *w, FILE *f);
/* Tree: the document, now the caller's (cJSON_Delete), or NULL when out of memory. */
struct cJSON *jw_take_tree(struct jw *w);

#endif
