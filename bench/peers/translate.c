/*
 * translate.c - translate a socadvise rules file into a CLIPS program or a json-rules-engine
 * rule set, for benchmarks that compare the engines on the same knowledge.
 *
 * usage: sa_peer_translate --clips|--jre RULES_FILE > OUT
 *
 * The translation is faithful for fully answered profiles, where socadvise's three-valued logic
 * is two-valued: every condition is put in negation normal form (not pushed down to the tests,
 * where it flips the comparison), and the outcome of a profile is its recommendation set:
 *   REPORT            a report is recommended (soc1, soc2, ...)
 *   REPORT.request    ... and one of its rules that hold says action: request
 *   REPORT.CATEGORY   a Trust Services Criteria category of a recommended report
 *   advice.ID         an advice item is recommended
 *   step.ID           a next step is recommended
 * Derived facts keep their strata: a fact of layer k (it reads facts of layers below k only)
 * becomes CLIPS rules of salience 10000 - k (to_clips.c) and a json-rules-engine rule of
 * priority 2 + (layers - 1 - k), above every outcome rule (salience 0, priority 1), so that a
 * fact is final before any rule reads it. Refused, with their position: type rules (their
 * precedence, docs/rules-format.md, "Precedence and conflicts", has no such translation), enum
 * choices that are not plain words, and for CLIPS a condition of more than 256 ANDs as an OR of
 * ANDs.
 * Questions' applies_if, defaults, invariants, checklists and the timeline do not change the
 * recommendation set of a fully answered profile and are not translated.
 */
#include "translate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum target { T_CLIPS, T_JRE };

const sa_rules *R;
unsigned *layer;
unsigned nlayers;

static const char *choice(const struct question *q, int32_t v)
{
	return q->choices[v];
}

static const char *jre_op(int op)
{
	static const char *const names[] = { "equal", "notEqual", "lessThan", "lessThanInclusive",
					     "greaterThan", "greaterThanInclusive" };
	return names[op];
}

int negate_op(int op)
{
	switch (op) {
	case OP_EQ:
		return OP_NE;
	case OP_NE:
		return OP_EQ;
	case OP_LT:
		return OP_GE;
	case OP_LE:
		return OP_GT;
	case OP_GT:
		return OP_LE;
	default:
		return OP_LT;
	}
}

/* Condition node id, negated when neg is nonzero, as one json-rules-engine condition. */
static void jre_cond(uint32_t id, int neg)
{
	const struct node *n = &R->nodes[id];
	const struct question *q;
	uint32_t i;
	int op, first;
	switch (n->kind) {
	case N_CONST: /* an empty all holds (so does an empty any: json-rules-engine's choice) */
		printf((n->value == SA_TRUE) != neg ? "{\"all\":[]}" : "{\"not\":{\"all\":[]}}");
		return;
	case N_FACT:
		printf("{\"fact\":\"%s\",\"operator\":\"equal\",\"value\":%s}", R->facts[n->q].id,
		       (n->value == 1) != neg ? "true" : "false");
		return;
	case N_ALL:
	case N_ANY:
		printf("{\"%s\":[", (n->kind == N_ALL) != neg ? "all" : "any");
		for (i = 0; i < n->n; i++) {
			if (i)
				printf(",");
			jre_cond(R->kids[n->off + i], neg);
		}
		printf("]}");
		return;
	case N_NOT:
		jre_cond(R->kids[n->off], !neg);
		return;
	case N_IN:
		q = &R->questions[n->q];
		printf("{\"fact\":\"%s\",\"operator\":\"%s\",\"value\":[", q->id,
		       (n->op == OP_NE) == neg ? "in" : "notIn");
		first = 1;
		for (i = 0; i < q->nchoices; i++)
			if (n->mask >> i & 1) {
				printf("%s\"%s\"", first ? "" : ",", q->choices[i]);
				first = 0;
			}
		printf("]}");
		return;
	default: /* N_CMP */
		q = &R->questions[n->q];
		op = neg ? negate_op(n->op) : n->op;
		printf("{\"fact\":\"%s\",\"operator\":\"%s\",\"value\":", q->id, jre_op(op));
		if (q->type == SA_Q_BOOL)
			printf("%s}", n->value ? "true" : "false");
		else if (q->type == SA_Q_ENUM)
			printf("\"%s\"}", choice(q, n->value));
		else
			printf("%ld}", (long)n->value);
		return;
	}
}

/* The highest layer of a fact that node id reads, plus one; 0 when it reads none. */
static unsigned reads_layer(uint32_t id)
{
	const struct node *n = &R->nodes[id];
	unsigned best = 0, l;
	uint32_t i;
	if (n->kind == N_FACT)
		return layer[n->q] + 1;
	if (n->kind == N_ALL || n->kind == N_ANY || n->kind == N_NOT)
		for (i = 0; i < n->n; i++) {
			l = reads_layer(R->kids[n->off + i]);
			if (l > best)
				best = l;
		}
	return best;
}

/* Nonzero when s can stand as a CLIPS symbol and inside a JSON string unescaped. */
static int plain_word(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || *s == '.'))
			return 0;
	return 1;
}

/* Refuse what the translation cannot express: FILE:LINE:COL messages, and the count. */
static unsigned refuse(const char *file)
{
	unsigned errors = 0;
	size_t i, c;
	for (i = 0; i < R->nrules; i++)
		if (R->rules[i].kind == SA_OUT_TYPE) {
			fprintf(stderr,
				"%s:%u:%u: error: rule '%s' decides a report type: type rules are "
				"not translated (their precedence has no salience form)\n",
				file, R->rules[i].line, R->rules[i].col, R->rules[i].id);
			errors++;
		}
	for (i = 0; i < R->nquestions; i++)
		for (c = 0; c < R->questions[i].nchoices; c++)
			if (!plain_word(R->questions[i].choices[c])) {
				fprintf(stderr,
					"%s:%u:%u: error: question '%s': the choice '%s' is not a plain "
					"word (letters, digits, '_', '-', '.')\n",
					file, R->questions[i].line, R->questions[i].col,
					R->questions[i].id, R->questions[i].choices[c]);
				errors++;
			}
	if (nlayers > 10000) {
		fprintf(stderr, "%s: error: %u layers of derived facts: CLIPS salience stops at 10000\n",
			file, nlayers);
		errors++;
	}
	return errors;
}

/* The recommendation ids a recommend, advice or step rule produces when it holds: writes the
 * j-th into buf and returns the count (a report with action request also gives REPORT.request). */
int outcome_id(const struct rule *ru, int j, char *buf, size_t size)
{
	if (ru->kind == SA_OUT_RECOMMEND) {
		snprintf(buf, size, j ? "%s.request" : "%s", sa_report_id((enum sa_report)ru->report));
		return ru->action == SA_ACTION_REQUEST ? 2 : 1;
	}
	snprintf(buf, size, "%s.%s", ru->kind == SA_OUT_ADVICE ? "advice" : "step",
		 R->items[ru->kind == SA_OUT_ADVICE ? SA_ITEM_ADVICE : SA_ITEM_STEP][ru->target].id);
	return 1;
}

static void jre_rules(void)
{
	char id[2 * SA_ID_MAX + 16];
	size_t i;
	int j;
	int first = 1;
	printf("{\"questions\":[");
	for (i = 0; i < R->nquestions; i++)
		printf("%s\"%s\"", i ? "," : "", R->questions[i].id);
	printf("],\"facts\":[");
	for (i = 0; i < R->nfacts; i++)
		printf("%s\"%s\"", i ? "," : "", R->facts[i].id);
	printf("],\"rules\":[\n");
	for (i = 0; i < R->nfacts; i++) {
		size_t f = R->fact_order[i];
		printf("%s{\"name\":\"fact-%s\",\"priority\":%u,\"conditions\":{\"all\":[",
		       first ? "" : ",\n", R->facts[f].id, 2 + (nlayers - 1 - layer[f]));
		jre_cond((uint32_t)R->facts[f].when, 0);
		printf("]},\"event\":{\"type\":\"fact\",\"params\":{\"id\":\"%s\"}}}", R->facts[f].id);
		first = 0;
	}
	for (i = 0; i < R->nrules; i++) {
		const struct rule *ru = &R->rules[i];
		printf("%s{\"name\":\"rule-%s\",\"priority\":1,\"conditions\":{\"all\":[",
		       first ? "" : ",\n", ru->id);
		if (ru->when >= 0)
			jre_cond((uint32_t)ru->when, 0);
		if (ru->kind == SA_OUT_CRITERIA) {
			printf("]},\"event\":{\"type\":\"cat\",\"params\":{\"report\":\"%s\","
			       "\"id\":\"%s.%s\"}}}",
			       sa_report_id((enum sa_report)ru->report),
			       sa_report_id((enum sa_report)ru->report),
			       sa_category_id((enum sa_category)ru->target));
		} else {
			printf("]},\"event\":{\"type\":\"out\",\"params\":{\"ids\":[");
			for (j = 0; j < outcome_id(ru, j, id, sizeof(id)); j++)
				printf("%s\"%s\"", j ? "," : "", id);
			printf("]}}}");
		}
		first = 0;
	}
	printf("\n]}\n");
}

int main(int argc, char **argv)
{
	struct sa_diags d;
	sa_rules *r = NULL;
	enum target t;
	size_t i;
	int rc;
	if (argc != 3 || (strcmp(argv[1], "--clips") && strcmp(argv[1], "--jre"))) {
		fprintf(stderr, "usage: sa_peer_translate --clips|--jre RULES_FILE\n");
		return 2;
	}
	t = strcmp(argv[1], "--clips") ? T_JRE : T_CLIPS;
	sa_diags_init(&d);
	rc = sa_rules_load_file(argv[2], NULL, &r, &d);
	for (i = 0; i < d.len; i++)
		if (d.items[i].severity == SA_SEV_ERROR)
			fprintf(stderr, "%s:%u:%u: error: %s\n",
				d.items[i].file ? d.items[i].file : argv[2], d.items[i].line,
				d.items[i].col, d.items[i].message);
	sa_diags_release(&d);
	if (rc != SA_OK) {
		fprintf(stderr, "sa_peer_translate: cannot load %s\n", argv[2]);
		return 3;
	}
	R = r;
	layer = calloc(r->nfacts ? r->nfacts : 1, sizeof(*layer));
	if (!layer) {
		fprintf(stderr, "sa_peer_translate: out of memory\n");
		sa_rules_free(r);
		return 1;
	}
	for (i = 0; i < r->nfacts; i++) {
		size_t f = r->fact_order[i];
		layer[f] = reads_layer((uint32_t)r->facts[f].when);
		if (layer[f] + 1 > nlayers)
			nlayers = layer[f] + 1;
	}
	if (refuse(argv[2])) {
		free(layer);
		sa_rules_free(r);
		return 1;
	}
	rc = 0;
	if (t == T_CLIPS)
		rc = clips_program(argv[2]);
	else
		jre_rules();
	free(layer);
	sa_rules_free(r);
	return rc || fflush(stdout) || ferror(stdout) ? 1 : 0;
}
