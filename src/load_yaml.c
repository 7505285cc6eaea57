/*
 * load_yaml.c - the rules loader's access to libyaml: parse the document, walk its nodes, read
 * scalars, and report problems at a node's position.
 *
 * The only loader file that includes <yaml.h>; the other stages see a node as an opaque ynode
 * (load.h). libyaml's two conventions stay here: its functions return 1 on success (y_load turns
 * that into a status, with SA_ERR_NOMEM for its allocation failures), and its marks count from 0
 * (sa_mark_pos, in util.c, is the one conversion to the 1-based positions of diagnostics).
 */
#include "load.h"
#include "yaml_guard.h"

#include <yaml.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ydoc {
	yaml_document_t doc;
	int loaded; /* doc holds a document to delete */
	const char *buf; /* the text, for positions inside a scalar */
	size_t len;
};

static struct sa_pos mark(yaml_mark_t m)
{
	return sa_mark_pos(m.line, m.column);
}

/* ---- the document ------------------------------------------------------------------------- */

/*
 * The position of byte off of buf as libyaml counts it: lines from the line breaks, columns in
 * characters (the bytes before off are valid UTF-8: the encoding is checked first).
 */
static struct sa_pos offset_pos(const char *buf, size_t off)
{
	size_t i, line = 0, col = 0;
	for (i = 0; i < off; i++) {
		if (buf[i] == '\n' || (buf[i] == '\r' && (i + 1 >= off || buf[i + 1] != '\n'))) {
			line++;
			col = 0;
		} else if (((unsigned char)buf[i] & 0xc0) != 0x80) {
			col++;
		}
	}
	return sa_mark_pos(line, col);
}

static void syntax_error(struct loader *L, const yaml_parser_t *parser, int with_context)
{
	struct sa_pos p = mark(parser->problem_mark);
	const char *ctx = with_context ? parser->context : NULL;
	const char *code = "yaml-syntax";
	if (parser->error == YAML_READER_ERROR) {
		/* the reader gives a byte offset, not a mark */
		p = offset_pos(L->doc->buf, parser->problem_offset < L->doc->len ?
						    parser->problem_offset : L->doc->len);
		if (parser->problem && strstr(parser->problem, "control character"))
			code = "control-character";
		ctx = NULL;
	}
	if (sa_diags_add(L->d, SA_SEV_ERROR, L->file, p.line, p.col, code, "%s%s%s",
			 parser->problem ? parser->problem : "invalid YAML", ctx ? " " : "",
			 ctx ? ctx : "") != SA_OK)
		L->nomem = 1;
}

/* The file's bytes: valid UTF-8 without NUL, within LOAD_MAX_BYTES. Reports and returns 0 if not. */
static int check_bytes(struct loader *L, const char *buf, size_t len)
{
	size_t bad = sa_utf8_check(buf, len);
	const char *nul = memchr(buf, '\0', bad);
	struct sa_pos p;
	if (len > LOAD_MAX_BYTES) {
		p.line = p.col = 1;
		load_err_at(L, p, "too-large", "the rules file is larger than %u bytes", LOAD_MAX_BYTES);
		return 0;
	}
	if (nul) {
		p = offset_pos(buf, (size_t)(nul - buf));
		load_err_at(L, p, "encoding", "unexpected NUL byte");
		return 0;
	}
	if (bad < len) {
		p = offset_pos(buf, bad);
		if (sa_utf8_truncated(buf, len, bad))
			load_err_at(L, p, "encoding",
				     "invalid UTF-8: the file ends inside a character (byte 0x%02x)",
				     (unsigned char)buf[bad]);
		else
			load_err_at(L, p, "encoding",
				     "invalid UTF-8 (byte 0x%02x)", (unsigned char)buf[bad]);
		return 0;
	}
	return 1;
}

/* A character that must not appear in a text: C0 controls but tab and newline, DEL, C1. */
static int is_control(unsigned long cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7f && cp <= 0x9f);
}

/* The first control character of a scalar's value (UTF-8), or -1. */
static long first_control(const unsigned char *s, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++) {
		if (is_control(s[i]))
			return s[i];
		if (s[i] == 0xc2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f)
			return s[i + 1];
	}
	return -1;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Where a double-quoted scalar's escape writes a control character: the offset of its
 * backslash in buf[from, to), or to when there is none (libyaml already rejects raw ones).
 */
static size_t control_escape(const char *buf, size_t from, size_t to)
{
	size_t i, k, digits;
	for (i = from; i < to; i++) {
		unsigned long cp = 0;
		if (buf[i] != '\\' || i + 1 >= to)
			continue;
		switch (buf[i + 1]) {
		case '0': case 'a': case 'b': case 'v': case 'f': case 'r': case 'e': case 'N':
			return i;
		case 'x':
			digits = 2;
			break;
		case 'u':
			digits = 4;
			break;
		case 'U':
			digits = 8;
			break;
		default:
			i++; /* \\, \" and the others: skip the escaped character */
			continue;
		}
		for (k = 0; k < digits && i + 2 + k < to && hexval(buf[i + 2 + k]) >= 0; k++)
			cp = cp * 16 + (unsigned long)hexval(buf[i + 2 + k]);
		if (is_control(cp))
			return i;
		i += 1 + k;
	}
	return to;
}

/*
 * Every scalar of the document, keys and values alike, is free of control characters but
 * newline and tab: texts reach the terminal and the reports. Reported at the escape that wrote
 * the character when it can be found, else at the scalar.
 */
static void check_texts(struct loader *L)
{
	yaml_node_t *n;
	for (n = L->doc->doc.nodes.start; n < L->doc->doc.nodes.top; n++) {
		long c;
		struct sa_pos p;
		size_t at;
		if (n->type != YAML_SCALAR_NODE)
			continue;
		c = first_control(n->data.scalar.value, n->data.scalar.length);
		if (c < 0)
			continue;
		p = mark(n->start_mark);
		/* finding the escape costs a scan from the start: only for an error that is kept */
		if (n->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
		    n->end_mark.index <= L->doc->len && !load_errors_full(L)) {
			at = control_escape(L->doc->buf, n->start_mark.index, n->end_mark.index);
			if (at < n->end_mark.index)
				p = offset_pos(L->doc->buf, at);
		}
		load_err_at(L, p, "control-character",
			    "control character U+%04lX in a text (only newline and tab are allowed)",
			    (unsigned long)c);
	}
}

int y_load(struct loader *L, const char *buf, size_t len)
{
	yaml_parser_t parser;
	yaml_document_t extra;
	size_t before = L->d->errors;
	int rc = SA_OK;

	struct yaml_guard g;

	L->doc = sa_calloc(1, sizeof(*L->doc));
	if (!L->doc)
		return SA_ERR_NOMEM;
	L->doc->buf = buf;
	L->doc->len = len;
	if (!check_bytes(L, buf, len))
		return SA_ERR_RULES;
	g.max_depth = LOAD_MAX_YAML_DEPTH;
	g.max_nodes = LOAD_MAX_YAML_NODES;
	rc = yaml_guard_check(buf, len, &g);
	if (rc == SA_ERR_INPUT) {
		load_err_at(L, g.pos, g.code, "%s", g.message);
		return SA_ERR_RULES;
	}
	if (rc != SA_OK)
		return rc;
	if (!yaml_parser_initialize(&parser))
		return SA_ERR_NOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&parser, &L->doc->doc)) {
		/* libyaml's loader fails without an error code only when it cannot copy a tag */
		if (parser.error == YAML_MEMORY_ERROR || parser.error == YAML_NO_ERROR)
			rc = SA_ERR_NOMEM;
		else
			syntax_error(L, &parser, 1);
		yaml_parser_delete(&parser);
		return rc == SA_OK ? SA_ERR_RULES : rc;
	}
	L->doc->loaded = 1;
	if (!yaml_document_get_root_node(&L->doc->doc)) {
		if (sa_diags_add(L->d, SA_SEV_ERROR, L->file, 1, 1, "empty",
				 "the rules file is empty") != SA_OK)
			L->nomem = 1;
		yaml_parser_delete(&parser);
		return SA_ERR_RULES;
	}
	if (yaml_parser_load(&parser, &extra)) {
		yaml_node_t *root = yaml_document_get_root_node(&extra);
		if (root) {
			struct sa_pos p = mark(root->start_mark);
			if (sa_diags_add(L->d, SA_SEV_ERROR, L->file, p.line, p.col, "yaml-syntax",
					 "a rules file holds one YAML document, found a second") != SA_OK)
				L->nomem = 1;
		}
		yaml_document_delete(&extra);
	} else if (parser.error == YAML_MEMORY_ERROR || parser.error == YAML_NO_ERROR) {
		rc = SA_ERR_NOMEM;
	} else {
		syntax_error(L, &parser, 0);
	}
	yaml_parser_delete(&parser);
	if (rc == SA_OK && L->nomem)
		rc = SA_ERR_NOMEM;
	if (rc != SA_OK)
		return rc;
	if (L->d->errors == before)
		check_texts(L);
	return L->d->errors > before ? SA_ERR_RULES : SA_OK;
}

void y_unload(struct loader *L)
{
	if (L->doc && L->doc->loaded)
		yaml_document_delete(&L->doc->doc);
	free(L->doc);
	L->doc = NULL;
}

ynode *y_root(struct loader *L)
{
	return yaml_document_get_root_node(&L->doc->doc);
}

/* ---- nodes -------------------------------------------------------------------------------- */

struct sa_pos y_pos(const ynode *n)
{
	struct sa_pos none = { 0, 0 };
	return n ? mark(n->start_mark) : none;
}

int y_is_map(const ynode *n)
{
	return n && n->type == YAML_MAPPING_NODE;
}

int y_is_seq(const ynode *n)
{
	return n && n->type == YAML_SEQUENCE_NODE;
}

int y_is_scalar(const ynode *n)
{
	return n && n->type == YAML_SCALAR_NODE;
}

const char *y_scalar(const ynode *n)
{
	return y_is_scalar(n) ? (const char *)n->data.scalar.value : NULL;
}

int y_is_empty(const ynode *n)
{
	return y_is_scalar(n) && !n->data.scalar.length;
}

int y_is_plain(const ynode *n)
{
	return y_is_scalar(n) && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

const char *y_kind(const ynode *n)
{
	if (!n)
		return "nothing";
	switch (n->type) {
	case YAML_MAPPING_NODE:
		return "a mapping";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_SCALAR_NODE:
		return n->data.scalar.length ? "a scalar" : "an empty value";
	default:
		return "nothing";
	}
}

int y_bool(const ynode *n)
{
	const char *s = y_scalar(n);
	if (!s || !y_is_plain(n))
		return -1;
	if (strcmp(s, "true") == 0)
		return 1;
	if (strcmp(s, "false") == 0)
		return 0;
	return -1;
}

int y_int(const ynode *n, int32_t *out)
{
	const char *s = y_scalar(n);
	char *end;
	long long v;
	if (!s || !y_is_plain(n) || !*s)
		return 0;
	if (!(isdigit((unsigned char)s[0]) || (s[0] == '-' && isdigit((unsigned char)s[1]))))
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < INT32_MIN || v > INT32_MAX)
		return 0;
	*out = (int32_t)v;
	return 1;
}

size_t y_seq_len(const ynode *n)
{
	return y_is_seq(n) ? (size_t)(n->data.sequence.items.top - n->data.sequence.items.start) : 0;
}

ynode *y_seq_at(struct loader *L, const ynode *n, size_t i)
{
	return yaml_document_get_node(&L->doc->doc, n->data.sequence.items.start[i]);
}

size_t y_map_len(const ynode *n)
{
	return y_is_map(n) ? (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start) : 0;
}

ynode *y_map_key(struct loader *L, const ynode *n, size_t i)
{
	return yaml_document_get_node(&L->doc->doc, n->data.mapping.pairs.start[i].key);
}

ynode *y_map_value(struct loader *L, const ynode *n, size_t i)
{
	return yaml_document_get_node(&L->doc->doc, n->data.mapping.pairs.start[i].value);
}

ynode *y_get_entry(struct loader *L, const ynode *map, const char *key, ynode **keynode)
{
	size_t i, n = y_map_len(map);
	for (i = 0; i < n; i++) {
		ynode *k = y_map_key(L, map, i);
		const char *ks = y_scalar(k);
		if (ks && strcmp(ks, key) == 0) {
			if (keynode)
				*keynode = k;
			return y_map_value(L, map, i);
		}
	}
	return NULL;
}

ynode *y_get(struct loader *L, const ynode *map, const char *key)
{
	return y_get_entry(L, map, key, NULL);
}

/* ---- checked reads ------------------------------------------------------------------------ */

static void load_verr(struct loader *L, struct sa_pos p, const char *code, const char *fmt,
		      va_list ap) __attribute__((format(printf, 4, 0)));

static void load_verr(struct loader *L, struct sa_pos p, const char *code, const char *fmt,
		      va_list ap)
{
	va_list copy;
	char *msg;
	int len;
	if (L->nerrors >= LOAD_MAX_DIAGS) {
		if (!L->dropped++)
			L->dpos = p;
		return;
	}
	L->nerrors++;
	va_copy(copy, ap);
	len = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (len < 0)
		len = 0;
	msg = load_calloc(L, (size_t)len + 1, 1);
	if (!msg)
		return;
	vsnprintf(msg, (size_t)len + 1, fmt, ap);
	if (sa_diags_add(L->d, SA_SEV_ERROR, L->file, p.line, p.col, code, "%s", msg) != SA_OK)
		L->nomem = 1;
	free(msg);
}

void load_err(struct loader *L, const ynode *n, const char *code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	load_verr(L, y_pos(n), code, fmt, ap);
	va_end(ap);
}

void load_err_at(struct loader *L, struct sa_pos p, const char *code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	load_verr(L, p, code, fmt, ap);
	va_end(ap);
}

int load_errors_full(const struct loader *L)
{
	return L->nerrors >= LOAD_MAX_DIAGS;
}

void load_finish_diags(struct loader *L)
{
	if (L->dropped &&
	    sa_diags_add(L->d, SA_SEV_ERROR, L->file, L->dpos.line, L->dpos.col, "too-many-errors",
			 "%zu more error%s, the first of them here (only the first %d are reported)",
			 L->dropped, L->dropped == 1 ? "" : "s", LOAD_MAX_DIAGS) != SA_OK)
		L->nomem = 1;
}

struct map_keys {
	struct loader *L;
	const ynode *map;
};

static const char *map_key(const void *ctx, size_t i)
{
	const struct map_keys *m = ctx;
	return y_scalar(y_map_key(m->L, m->map, i));
}

/* Which keys of mapping n repeat an earlier key: 1 at each, in a new array (n log n). */
static unsigned char *repeated_keys(struct loader *L, const ynode *n, size_t len)
{
	struct map_keys m = { L, n };
	unsigned char *repeat = sa_repeated_keys(len, map_key, &m);
	if (!repeat)
		L->nomem = 1;
	return repeat;
}

int y_check_mapping(struct loader *L, const ynode *n, const char *const *allowed,
		    const char *what)
{
	size_t i, k, len = y_map_len(n);
	unsigned char *repeat;
	if (!y_is_map(n)) {
		load_err(L, n, "wrong-type", "%s must be a mapping, not %s", what, y_kind(n));
		return 0;
	}
	repeat = repeated_keys(L, n, len);
	if (!repeat)
		return 0; /* out of memory: L->nomem is set */
	for (i = 0; i < len; i++) {
		ynode *key = y_map_key(L, n, i);
		const char *ks = y_scalar(key);
		int known = 0;
		if (!ks) {
			load_err(L, key, "wrong-type", "keys in %s must be scalars", what);
			continue;
		}
		if (repeat[i])
			load_err(L, key, "duplicate-key", "duplicate key '%s' in %s", ks, what);
		if (!allowed)
			continue;
		for (k = 0; allowed[k]; k++)
			if (strcmp(allowed[k], ks) == 0)
				known = 1;
		if (!known)
			load_err(L, key, "unknown-key", "unknown key '%s' in %s", ks, what);
	}
	free(repeat);
	return 1;
}

char *y_get_string(struct loader *L, const ynode *map, const char *key, int required,
		   const char *what)
{
	ynode *v = y_get(L, map, key);
	if (!v) {
		if (required)
			load_err(L, map, "missing-key", "%s has no '%s'", what, key);
		return NULL;
	}
	if (!y_is_scalar(v)) {
		load_err(L, v, "wrong-type", "'%s' of %s must be a string, not %s", key, what,
			 y_kind(v));
		return NULL;
	}
	if (required && y_is_empty(v)) {
		load_err(L, v, "wrong-type", "'%s' of %s must not be empty", key, what);
		return NULL;
	}
	return load_strdup(L, y_scalar(v));
}

ynode *y_get_list(struct loader *L, const ynode *root, const char *key, int required)
{
	ynode *v = y_get(L, root, key);
	if (!v) {
		if (required)
			load_err(L, root, "missing-key", "the rules file has no '%s'", key);
		return NULL;
	}
	if (!y_is_seq(v)) {
		load_err(L, v, "wrong-type", "'%s' must be a list, not %s", key, y_kind(v));
		return NULL;
	}
	if (y_seq_len(v) > LOAD_MAX_ENTRIES) {
		load_err(L, v, "too-large", "'%s' has %zu entries (at most %d)", key, y_seq_len(v),
			 LOAD_MAX_ENTRIES);
		return NULL;
	}
	return v;
}
