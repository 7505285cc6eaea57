/*
 * answers_yaml.c - answers as YAML: read a mapping of question ids to values.
 *
 * The only answers file that includes <yaml.h>. libyaml's conventions stay here: its functions
 * return 1 on success (an allocation failure becomes SA_ERR_NOMEM), and its marks count from 0
 * (mark_pos converts them to the 1-based positions of diagnostics).
 */
#include "answers_io.h"

#include <yaml.h>

#include <string.h>

static struct sa_pos pos(yaml_mark_t m)
{
	return sa_mark_pos(m.line, m.column);
}

int answers_read_yaml(struct doc *x)
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
		struct sa_pos at = pos(parser.problem_mark);
		int rc = SA_ERR_INPUT;
		/* libyaml's loader fails without an error code only when it cannot copy a tag */
		if (parser.error == YAML_MEMORY_ERROR || parser.error == YAML_NO_ERROR)
			rc = SA_ERR_NOMEM;
		else
			answers_add(x, at.line, at.col, "yaml-syntax", "%s",
				    parser.problem ? parser.problem : "invalid YAML");
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
		for (q = 0; root->data.mapping.pairs.start + q < p; q++) {
			yaml_node_t *pk =
				yaml_document_get_node(&doc, root->data.mapping.pairs.start[q].key);
			if (pk->type == YAML_SCALAR_NODE &&
			    strcmp((const char *)pk->data.scalar.value, ks) == 0)
				dup = 1;
		}
		if (dup) {
			answers_add(x, line, col, "duplicate-key", "duplicate key '%s'", ks);
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
	yaml_document_delete(&doc);
	return x->d->errors > before ? SA_ERR_INPUT : SA_OK;
}

