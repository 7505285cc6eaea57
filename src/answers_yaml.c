/*
 * answers_yaml.c - answers as YAML: read a mapping of question ids to values.
 *
 * The only answers file that includes <yaml.h>. libyaml's conventions stay here: its functions
 * return 1 on success (an allocation failure becomes SA_ERR_NOMEM), and its marks count from 0
 * (mark_pos converts them to the 1-based positions of diagnostics).
 */
#include "answers_io.h"
#include "yaml_guard.h"

#include <yaml.h>

#include <stdlib.h>
#include <string.h>

static struct sa_pos pos(yaml_mark_t m)
{
	return sa_mark_pos(m.line, m.column);
}

/* "meta": a mapping of scalars, kept as text, for the file's own bookkeeping (answers_save.c). */
static void read_meta(struct doc *x, yaml_document_t *doc, yaml_node_t *m)
{
	yaml_node_pair_t *p;
	if (m->type != YAML_MAPPING_NODE) {
		struct sa_pos at = pos(m->start_mark);
		answers_add(x, at.line, at.col, "bad-meta", "'meta' must be a mapping of strings");
		return;
	}
	for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		yaml_node_t *v = yaml_document_get_node(doc, p->value);
		struct sa_pos at = pos(k->start_mark);
		if (k->type != YAML_SCALAR_NODE || v->type != YAML_SCALAR_NODE) {
			answers_add(x, at.line, at.col, "bad-meta",
				    "'meta' must be a mapping of strings");
			continue;
		}
		answers_meta_entry(x, (const char *)k->data.scalar.value,
				   (const char *)v->data.scalar.value, at.line, at.col);
	}
}

struct yaml_keys {
	yaml_document_t *doc;
	yaml_node_t *map;
};

/* The text of the key of pair i, or NULL when it is not a scalar. */
static const char *yaml_key(const void *ctx, size_t i)
{
	const struct yaml_keys *k = ctx;
	yaml_node_t *n = yaml_document_get_node(k->doc, k->map->data.mapping.pairs.start[i].key);
	return n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

int answers_read_yaml(struct doc *x)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	yaml_node_pair_t *p;
	size_t before = x->d->errors;

	struct yaml_guard g;
	struct yaml_keys keys;
	unsigned char *repeat;
	size_t npairs;
	int rc;

	g.max_depth = ANSWERS_MAX_DEPTH;
	g.max_nodes = ANSWERS_MAX_NODES;
	rc = yaml_guard_check(x->buf, x->len, &g);
	if (rc == SA_ERR_INPUT) {
		answers_add(x, g.pos.line, g.pos.col, g.code, "%s", g.message);
		return rc;
	}
	if (rc != SA_OK)
		return rc;
	if (!yaml_parser_initialize(&parser))
		return SA_ERR_NOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)x->buf, x->len);
	if (!yaml_parser_load(&parser, &doc)) {
		struct sa_pos at = pos(parser.problem_mark);
		unsigned line, col;
		rc = SA_ERR_INPUT;
		/* libyaml's loader fails without an error code only when it cannot copy a tag */
		if (parser.error == YAML_MEMORY_ERROR || parser.error == YAML_NO_ERROR) {
			rc = SA_ERR_NOMEM;
		} else if (parser.error == YAML_READER_ERROR) {
			/* the reader gives a byte offset, not a mark */
			answers_position(x->buf, parser.problem_offset < x->len ? parser.problem_offset :
										 x->len,
					 &line, &col);
			answers_add(x, line, col,
				    parser.problem && strstr(parser.problem, "control character") ?
					    "control-character" : "yaml-syntax",
				    "%s", parser.problem ? parser.problem : "invalid YAML");
		} else {
			answers_add(x, at.line, at.col, "yaml-syntax", "%s",
				    parser.problem ? parser.problem : "invalid YAML");
		}
		yaml_parser_delete(&parser);
		return rc;
	}
	yaml_parser_delete(&parser);
	root = yaml_document_get_root_node(&doc);
	if (!root) {
		yaml_document_delete(&doc);
		return SA_OK; /* an empty file answers nothing */
	}
	if (root->type != YAML_MAPPING_NODE) {
		struct sa_pos at = pos(root->start_mark);
		answers_add(x, at.line, at.col, "wrong-type",
			    "answers must be a mapping of question ids to values");
		yaml_document_delete(&doc);
		return SA_ERR_INPUT;
	}
	/* repeated keys: the pairs sorted by key, so that finding them is n log n */
	npairs = (size_t)(root->data.mapping.pairs.top - root->data.mapping.pairs.start);
	keys.doc = &doc;
	keys.map = root;
	repeat = sa_repeated_keys(npairs, yaml_key, &keys);
	if (!repeat) {
		yaml_document_delete(&doc);
		return SA_ERR_NOMEM;
	}
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&doc, p->value);
		struct sa_pos kat = pos(k->start_mark), vat = pos(v->start_mark);
		unsigned line = kat.line, col = kat.col;
		const char *ks = k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : NULL;
		const char *vs;
		int dup = 0, is_null, plain, q, ok = 1;
		if (!ks) {
			answers_add(x, line, col, "wrong-type", "keys must be question ids");
			continue;
		}
		dup = repeat[p - root->data.mapping.pairs.start];
		if (dup) {
			answers_add(x, line, col, "duplicate-key", "duplicate key '%s'", ks);
			continue;
		}
		if (strcmp(ks, "meta") == 0) {
			read_meta(x, &doc, v);
			continue;
		}
		if (v->type != YAML_SCALAR_NODE) {
			answers_add(x, vat.line, vat.col, "bad-value", "'%s' takes a single value, not %s",
				    ks, v->type == YAML_MAPPING_NODE ? "a mapping" : "a list");
			continue;
		}
		vs = (const char *)v->data.scalar.value;
		plain = v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		is_null = plain && (!*vs || strcmp(vs, "~") == 0 || strcmp(vs, "null") == 0);
		q = sa_rules_question_find(x->r, ks);
		/* a quoted "true" or "3" is a string: only enum answers are strings */
		if (q >= 0 && !plain && x->r->questions[q].type != SA_Q_ENUM)
			ok = 0;
		answers_take(x, ks, q, vat.line, vat.col, is_null, vs, ok,
			     plain ? vs : "a quoted string");
	}
	free(repeat);
	yaml_document_delete(&doc);
	return x->d->errors > before ? SA_ERR_INPUT : SA_OK;
}

