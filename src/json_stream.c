/*
 * json_stream.c - the JSON document writer of json_stream.h: compact text streamed into a
 * buffer, or a cJSON tree.
 *
 * A JSON room (tests/structure/third_party_includes.sh): the tree is cJSON's. The text is ours,
 * and must stay byte for byte what cJSON prints for the same tree (passed through
 * sa_escape_json_puts): the unit tests compare the two on every document kind.
 */
#include "json_stream.h"
#include "internal.h"
#include "sa_escape.h"

#include <cjson/cJSON.h>

#include <stdlib.h>
#include <string.h>

void jw_init(struct jw *w, int tree)
{
	w->tree = tree;
	w->nomem = 0;
	w->depth = 0;
	w->more = 0;
	w->objs = 0;
	w->after_key = 0;
	w->buf = w->small;
	w->len = 0;
	w->cap = sizeof(w->small);
	w->root = NULL;
	w->key = NULL;
}

void jw_release(struct jw *w)
{
	if (w->buf != w->small)
		free(w->buf);
	w->buf = w->small;
	w->cap = sizeof(w->small);
	w->len = 0;
	cJSON_Delete(w->root);
	w->root = NULL;
}

/* ---- text ------------------------------------------------------------------------------------ */

/* Grow the buffer for n more bytes; 0 (and nomem) when it cannot be had. */
static int grow(struct jw *w, size_t n)
{
	size_t cap;
	char *p;
	if (w->nomem)
		return 0;
	cap = w->cap * 2 > w->len + n ? w->cap * 2 : (w->len + n) * 2;
	p = sa_calloc(cap, 1);
	if (!p) {
		w->nomem = 1;
		return 0;
	}
	memcpy(p, w->buf, w->len);
	if (w->buf != w->small)
		free(w->buf);
	w->buf = p;
	w->cap = cap;
	return 1;
}

/*
 * Room for n more bytes. Once out of memory, what still fits may be written: the document is
 * dropped unwritten all the same.
 */
static inline int room(struct jw *w, size_t n)
{
	return w->len + n <= w->cap || grow(w, n);
}

static inline void put(struct jw *w, const char *s, size_t n)
{
	if (room(w, n)) {
		memcpy(w->buf + w->len, s, n);
		w->len += n;
	}
}

static inline void put1(struct jw *w, char c)
{
	if (room(w, 1))
		w->buf[w->len++] = c;
}

/* s escaped; printable ASCII without '"' or '\\' (ids, most keys) is only quoted. */
static void put_escaped(struct jw *w, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0;
	while (u[n] >= 0x20 && u[n] < 0x7f && u[n] != '"' && u[n] != '\\')
		n++;
	if (!u[n]) {
		if (room(w, n + 2)) {
			w->buf[w->len] = '"';
			memcpy(w->buf + w->len + 1, s, n);
			w->buf[w->len + n + 1] = '"';
			w->len += n + 2;
		}
		return;
	}
	n += strlen(s + n);
	if (room(w, 6 * n + 2))
		w->len += sa_escape_json_string(w->buf + w->len, s, n);
}

/* The comma before an element, unless it is the value of the key just written. */
static inline void sep(struct jw *w)
{
	uint64_t bit = (uint64_t)1 << w->depth;
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->more & bit)
		put1(w, ',');
	w->more |= bit;
}

/* ---- tree ------------------------------------------------------------------------------------ */

/* Add item under the pending key of the innermost container (or as the root). */
static void add(struct jw *w, cJSON *item)
{
	cJSON *parent;
	int ok;
	if (!item || w->nomem) {
		cJSON_Delete(item);
		w->nomem = 1;
		return;
	}
	if (w->depth == 0) {
		cJSON_Delete(w->root);
		w->root = item;
		return;
	}
	parent = w->stack[w->depth - 1];
	ok = cJSON_IsObject(parent) ? cJSON_AddItemToObjectCS(parent, w->key, item) :
				      cJSON_AddItemToArray(parent, item);
	if (!ok) {
		cJSON_Delete(item);
		w->nomem = 1;
	}
}

/* ---- the calls ------------------------------------------------------------------------------- */

void jw_key(struct jw *w, const char *key)
{
	if (w->tree) {
		w->key = key;
		return;
	}
	sep(w);
	put_escaped(w, key);
	put1(w, ':');
	w->after_key = 1;
}

void jw_key_text(struct jw *w, const char *key, const char *json, size_t n)
{
	if (w->tree) {
		w->key = key;
		return;
	}
	sep(w);
	if (room(w, n + 1)) { /* the key's text and its colon, one check of the room */
		memcpy(w->buf + w->len, json, n);
		w->buf[w->len + n] = ':';
		w->len += n + 1;
	}
	w->after_key = 1;
}

static void open_container(struct jw *w, int obj)
{
	if (w->depth + 1 >= JW_MAX_DEPTH) {
		w->nomem = 1; /* deeper than any document: a bug, reported as a failure */
		return;
	}
	if (w->tree) {
		cJSON *c = obj ? cJSON_CreateObject() : cJSON_CreateArray();
		add(w, c);
		w->stack[w->depth++] = w->nomem ? NULL : c;
		return;
	}
	sep(w);
	put1(w, obj ? '{' : '[');
	w->depth++;
	w->more &= ~((uint64_t)1 << w->depth);
	if (obj)
		w->objs |= (uint64_t)1 << w->depth;
	else
		w->objs &= ~((uint64_t)1 << w->depth);
}

void jw_obj(struct jw *w)
{
	open_container(w, 1);
}

void jw_arr(struct jw *w)
{
	open_container(w, 0);
}

void jw_end(struct jw *w)
{
	if (!w->depth)
		return;
	if (!w->tree)
		put1(w, (w->objs >> w->depth) & 1 ? '}' : ']');
	w->depth--;
}

void jw_str(struct jw *w, const char *s)
{
	if (!s) {
		jw_null(w);
		return;
	}
	if (w->tree) {
		add(w, cJSON_CreateStringReference(s));
		return;
	}
	sep(w);
	put_escaped(w, s);
}

void jw_copy(struct jw *w, const char *s)
{
	if (w->tree && s) {
		add(w, cJSON_CreateString(s));
		return;
	}
	jw_str(w, s);
}

void jw_text(struct jw *w, const char *s, const char *json, size_t n)
{
	if (w->tree) {
		add(w, s ? cJSON_CreateStringReference(s) : cJSON_CreateNull());
		return;
	}
	sep(w);
	put(w, json, n);
}

void jw_int(struct jw *w, long long v)
{
	char buf[24], *p = buf + sizeof(buf);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	if (w->tree) {
		add(w, cJSON_CreateNumber((double)v));
		return;
	}
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	sep(w);
	put(w, p, (size_t)(buf + sizeof(buf) - p));
}

void jw_bool(struct jw *w, int v)
{
	if (w->tree) {
		add(w, cJSON_CreateBool(v));
		return;
	}
	sep(w);
	put(w, v ? "true" : "false", v ? 4 : 5);
}

void jw_null(struct jw *w)
{
	if (w->tree) {
		add(w, cJSON_CreateNull());
		return;
	}
	sep(w);
	put(w, "null", 4);
}

void jw_raw(struct jw *w, const char *s)
{
	if (w->tree) {
		add(w, cJSON_CreateRaw(s));
		return;
	}
	sep(w);
	put(w, s, strlen(s));
}

int jw_write_line(struct jw *w, FILE *f)
{
	if (w->nomem)
		return SA_ERR_NOMEM;
	put(w, "\n", 1);
	if (w->nomem)
		return SA_ERR_NOMEM;
	return fwrite(w->buf, 1, w->len, f) == w->len ? SA_OK : SA_ERR_IO;
}

struct cJSON *jw_take_tree(struct jw *w)
{
	cJSON *t = w->root;
	w->root = NULL;
	if (w->nomem) {
		cJSON_Delete(t);
		return NULL;
	}
	return t;
}
