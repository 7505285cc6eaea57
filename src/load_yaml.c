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
};

static struct sa_pos mark(yaml_mark_t m)
{
	return sa_mark_pos(m.line, m.column);
}

/* ---- the document ------------------------------------------------------------------------- */

static void syntax_error(struct loader *L, const yaml_parser_t *parser, int with_context)
{
	struct sa_pos p = mark(parser->problem_mark);
	const char *ctx = with_context ? parser->context : NULL;
	if (sa_diags_add(L->d, SA_SEV_ERROR, L->file, p.line, p.col, "yaml-syntax", "%s%s%s",
			 parser->problem ? parser->problem : "invalid YAML", ctx ? " " : "",
			 ctx ? ctx : "") != SA_OK)
		L->nomem = 1;
}

int y_load(struct loader *L, const char *buf, size_t len)
{
	yaml_parser_t parser;
	yaml_document_t extra;
	size_t before = L->d->errors;
	int rc = SA_OK;

	L->doc = sa_calloc(1, sizeof(*L->doc));
	if (!L->doc)
		return SA_ERR_NOMEM;
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

ynode *y_get(struct loader *L, const ynode *map, const char *key)
{
	size_t i, n = y_map_len(map);
	for (i = 0; i < n; i++) {
		const char *ks = y_scalar(y_map_key(L, map, i));
		if (ks && strcmp(ks, key) == 0)
			return y_map_value(L, map, i);
	}
	return NULL;
}

/* ---- checked reads ------------------------------------------------------------------------ */

void load_err(struct loader *L, const ynode *n, const char *code, const char *fmt, ...)
{
	struct sa_pos p = y_pos(n);
	va_list ap;
	char *msg;
	int len;
	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		len = 0;
	msg = load_calloc(L, (size_t)len + 1, 1);
	if (!msg)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)len + 1, fmt, ap);
	va_end(ap);
	if (sa_diags_add(L->d, SA_SEV_ERROR, L->file, p.line, p.col, code, "%s", msg) != SA_OK)
		L->nomem = 1;
	free(msg);
}

int y_check_mapping(struct loader *L, const ynode *n, const char *const *allowed,
		    const char *what)
{
	size_t i, j, k, len = y_map_len(n);
	if (!y_is_map(n)) {
		load_err(L, n, "wrong-type", "%s must be a mapping, not %s", what, y_kind(n));
		return 0;
	}
	for (i = 0; i < len; i++) {
		ynode *key = y_map_key(L, n, i);
		const char *ks = y_scalar(key);
		int known = 0;
		if (!ks) {
			load_err(L, key, "wrong-type", "keys in %s must be scalars", what);
			continue;
		}
		for (j = 0; j < i; j++) {
			const char *prev = y_scalar(y_map_key(L, n, j));
			if (prev && strcmp(prev, ks) == 0) {
				load_err(L, key, "duplicate-key", "duplicate key '%s' in %s", ks, what);
				break;
			}
		}
		if (!allowed)
			continue;
		for (k = 0; allowed[k]; k++)
			if (strcmp(allowed[k], ks) == 0)
				known = 1;
		if (!known)
			load_err(L, key, "unknown-key", "unknown key '%s' in %s", ks, what);
	}
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
	return v;
}
