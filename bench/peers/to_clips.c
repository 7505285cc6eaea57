/*
 * to_clips.c - the CLIPS program of sa_peer_translate --clips.
 *
 * A profile is one fact of the template sa-profile, one slot per question (the runner asserts it
 * through the C API). Each condition, in negation normal form, is written as an OR of ANDs; each
 * AND becomes one rule (REFERENCE-K for its K-th AND) whose question tests are the slot
 * constraints of a single sa-profile pattern, so that CLIPS matches them in its pattern network
 * without joins, and whose derived facts are patterns of their own: (f) or (not (f)). A derived
 * fact of stratum k is asserted by rules of salience 10000 - k, above the outcome rules
 * (salience 0), so that it is final before a rule reads it; a category is a fact joined with its
 * report by one rule of salience -10.
 */
#include "translate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The most ANDs one condition may expand to. */
#define MAX_ANDS 256

struct lit {
	uint32_t node;
	unsigned char neg;
};

/* A list of ANDs, each a run of literals: and_off[i]..and_off[i + 1] in lits. */
struct dnf {
	struct lit *lits;
	size_t nlits;
	size_t *and_off;
	size_t nands;
};

static void oom(void)
{
	fprintf(stderr, "sa_peer_translate: out of memory\n");
	exit(1);
}

static void *grow(void *p, size_t n, size_t size)
{
	p = realloc(p, (n ? n : 1) * size);
	if (!p)
		oom();
	return p;
}

/* How many ANDs node id (negated when neg) expands to, saturated past MAX_ANDS. */
static size_t count_ands(uint32_t id, int neg)
{
	const struct node *n = &R->nodes[id];
	size_t c, k, i;
	int product;
	switch (n->kind) {
	case N_CONST:
		return (n->value == SA_TRUE) != neg ? 1 : 0;
	case N_NOT:
		return count_ands(R->kids[n->off], !neg);
	case N_ALL:
	case N_ANY:
		product = (n->kind == N_ALL) != neg;
		c = product ? 1 : 0;
		for (i = 0; i < n->n; i++) {
			k = count_ands(R->kids[n->off + i], neg);
			c = product ? c * k : c + k;
			if (c > MAX_ANDS)
				return MAX_ANDS + 1;
		}
		return c;
	default:
		return 1;
	}
}

static void dnf_free(struct dnf *d)
{
	free(d->lits);
	free(d->and_off);
	memset(d, 0, sizeof(*d));
}

/* Start an empty list of ANDs (false) or one empty AND (true). */
static void dnf_init(struct dnf *d, int one_empty_and)
{
	memset(d, 0, sizeof(*d));
	d->and_off = grow(NULL, 2, sizeof(*d->and_off));
	d->and_off[0] = d->and_off[1] = 0;
	d->nands = one_empty_and ? 1 : 0;
}

static void add_and(struct dnf *d, const struct lit *a, size_t na, const struct lit *b, size_t nb)
{
	d->lits = grow(d->lits, d->nlits + na + nb, sizeof(*d->lits));
	if (na)
		memcpy(d->lits + d->nlits, a, na * sizeof(*a));
	if (nb)
		memcpy(d->lits + d->nlits + na, b, nb * sizeof(*b));
	d->nlits += na + nb;
	d->and_off = grow(d->and_off, d->nands + 2, sizeof(*d->and_off));
	d->and_off[++d->nands] = d->nlits;
}

/* Node id, negated when neg, as an OR of ANDs of literals (count_ands bounds its size). */
static void dnf_of(uint32_t id, int neg, struct dnf *out)
{
	const struct node *n = &R->nodes[id];
	struct dnf kid, acc;
	size_t i, a, b;
	switch (n->kind) {
	case N_CONST:
		dnf_init(out, (n->value == SA_TRUE) != neg);
		return;
	case N_NOT:
		dnf_of(R->kids[n->off], !neg, out);
		return;
	case N_ALL:
	case N_ANY:
		if ((n->kind == N_ALL) != neg) { /* AND: the product of the kids' ORs */
			dnf_init(out, 1);
			for (i = 0; i < n->n; i++) {
				dnf_of(R->kids[n->off + i], neg, &kid);
				dnf_init(&acc, 0);
				for (a = 0; a < out->nands; a++)
					for (b = 0; b < kid.nands; b++)
						add_and(&acc, out->lits + out->and_off[a],
							out->and_off[a + 1] - out->and_off[a],
							kid.lits + kid.and_off[b],
							kid.and_off[b + 1] - kid.and_off[b]);
				dnf_free(out);
				dnf_free(&kid);
				*out = acc;
			}
		} else { /* OR: the kids' ANDs one after another */
			dnf_init(out, 0);
			for (i = 0; i < n->n; i++) {
				dnf_of(R->kids[n->off + i], neg, &kid);
				for (b = 0; b < kid.nands; b++)
					add_and(out, kid.lits + kid.and_off[b],
						kid.and_off[b + 1] - kid.and_off[b], NULL, 0);
				dnf_free(&kid);
			}
		}
		return;
	default: {
		struct lit l = { id, (unsigned char)neg };
		dnf_init(out, 0);
		add_and(out, &l, 1, NULL, 0);
		return;
	}
	}
}

/* The operator of a test literal after its negation. */
static int lit_op(const struct lit *l)
{
	int op = R->nodes[l->node].op;
	return l->neg ? negate_op(op) : op;
}

/* One literal on question q as a whole slot constraint: TRUE, c5, ~c5, c1|c5, ~c1&~c5, 42, ~42,
 * or ?q&:(>= ?q 42) (the variable named after the question). */
static void slot_literal(const struct lit *l, const struct question *q)
{
	const struct node *n = &R->nodes[l->node];
	static const char *const fn[] = { "=", "<>", "<", "<=", ">", ">=" };
	int op = lit_op(l), first = 1;
	size_t i;
	if (n->kind == N_IN) {
		int positive = (n->op == OP_NE) == l->neg;
		for (i = 0; i < q->nchoices; i++)
			if (n->mask >> i & 1) {
				printf("%s%s%s", first ? "" : positive ? "|" : "&", positive ? "" : "~",
				       q->choices[i]);
				first = 0;
			}
	} else if (q->type == SA_Q_BOOL) {
		printf("%s", (n->value != 0) == (op == OP_EQ) ? "TRUE" : "FALSE");
	} else if (q->type == SA_Q_ENUM) {
		printf("%s%s", op == OP_EQ ? "" : "~", q->choices[n->value]);
	} else if (op == OP_EQ || op == OP_NE) {
		printf("%s%ld", op == OP_EQ ? "" : "~", (long)n->value);
	} else {
		printf("?%s&:(%s ?%s %ld)", q->id, fn[op], q->id, (long)n->value);
	}
}

/* Several literals on question q in one slot: ?q&:(test)&:(test)... */
static void slot_tests(const struct lit *lits, size_t n, uint32_t q)
{
	const struct question *qq = &R->questions[q];
	static const char *const fn[] = { "=", "<>", "<", "<=", ">", ">=" };
	size_t i, c;
	const char *v = qq->id; /* the variable is named after the slot: one per slot */
	printf("?%s", v);
	for (i = 0; i < n; i++) {
		const struct node *nd = &R->nodes[lits[i].node];
		int op = lit_op(&lits[i]);
		if ((uint32_t)nd->q != q || nd->kind == N_FACT)
			continue;
		if (nd->kind == N_IN) {
			int positive = (nd->op == OP_NE) == lits[i].neg;
			printf("&:(%s", positive ? "or" : "and");
			for (c = 0; c < qq->nchoices; c++)
				if (nd->mask >> c & 1)
					printf(" (%s ?%s %s)", positive ? "eq" : "neq", v, qq->choices[c]);
			printf(")");
		} else if (qq->type == SA_Q_BOOL) {
			printf("&:(eq ?%s %s)", v, (nd->value != 0) == (op == OP_EQ) ? "TRUE" : "FALSE");
		} else if (qq->type == SA_Q_ENUM) {
			printf("&:(%s ?%s %s)", op == OP_EQ ? "eq" : "neq", v, qq->choices[nd->value]);
		} else {
			printf("&:(%s ?%s %ld)", fn[op], v, (long)nd->value);
		}
	}
}

/* The left-hand side of one AND: its derived facts, then one sa-profile pattern. */
static void and_lhs(const struct lit *lits, size_t n)
{
	size_t i, j, count;
	int any_test = 0;
	for (i = 0; i < n; i++) {
		const struct node *nd = &R->nodes[lits[i].node];
		if (nd->kind != N_FACT) {
			any_test = 1;
			continue;
		}
		if ((nd->value == 1) != lits[i].neg)
			printf(" (%s)", R->facts[nd->q].id);
		else
			printf(" (not (%s))", R->facts[nd->q].id);
	}
	if (!any_test)
		return;
	printf(" (sa-profile");
	for (i = 0; i < n; i++) {
		const struct node *nd = &R->nodes[lits[i].node];
		if (nd->kind == N_FACT)
			continue;
		for (j = 0; j < i; j++) /* a question already written with an earlier literal */
			if (R->nodes[lits[j].node].kind != N_FACT && R->nodes[lits[j].node].q == nd->q)
				break;
		if (j < i)
			continue;
		for (count = 0, j = i; j < n; j++)
			count += R->nodes[lits[j].node].kind != N_FACT && R->nodes[lits[j].node].q == nd->q;
		printf(" (%s ", R->questions[nd->q].id);
		if (count == 1)
			slot_literal(&lits[i], &R->questions[nd->q]);
		else
			slot_tests(lits + i, n - i, (uint32_t)nd->q);
		printf(")");
	}
	printf(")");
}

/* One rule per AND of condition when (-1: always), each with salience and right-hand side. */
static void rules_for(const char *kind, const char *id, int32_t when, int salience, const char *rhs)
{
	struct dnf d;
	size_t a;
	if (when < 0)
		dnf_init(&d, 1);
	else
		dnf_of((uint32_t)when, 0, &d);
	for (a = 0; a < d.nands; a++) {
		printf("(defrule %s-%s-%zu (declare (salience %d))\n ", kind, id, a, salience);
		and_lhs(d.lits + d.and_off[a], d.and_off[a + 1] - d.and_off[a]);
		printf("\n  => %s)\n", rhs);
	}
	dnf_free(&d);
}

int clips_program(const char *file)
{
	char rhs[8 * SA_ID_MAX], id[2 * SA_ID_MAX + 16];
	size_t i, len;
	int j;
	for (i = 0; i < R->nfacts; i++)
		if (count_ands((uint32_t)R->facts[i].when, 0) > MAX_ANDS) {
			fprintf(stderr, "%s:%u:%u: error: fact '%s': its condition is more than %d "
					"ANDs as an OR of ANDs\n",
				file, R->facts[i].line, R->facts[i].col, R->facts[i].id, MAX_ANDS);
			return 1;
		}
	for (i = 0; i < R->nrules; i++)
		if (R->rules[i].when >= 0 && count_ands((uint32_t)R->rules[i].when, 0) > MAX_ANDS) {
			fprintf(stderr, "%s:%u:%u: error: rule '%s': its condition is more than %d "
					"ANDs as an OR of ANDs\n",
				file, R->rules[i].line, R->rules[i].col, R->rules[i].id, MAX_ANDS);
			return 1;
		}
	printf(";; translated by sa_peer_translate: %zu derived facts in %u layers, %zu rules\n",
	       R->nfacts, nlayers, R->nrules);
	printf("(deftemplate sa-profile");
	for (i = 0; i < R->nquestions; i++)
		printf(" (slot %s)", R->questions[i].id);
	printf(")\n");
	for (i = 0; i < R->nfacts; i++) {
		size_t f = R->fact_order[i];
		snprintf(rhs, sizeof(rhs), "(assert (%s))", R->facts[f].id);
		rules_for("fact", R->facts[f].id, R->facts[f].when, 10000 - (int)layer[f], rhs);
	}
	for (i = 0; i < R->nrules; i++) {
		const struct rule *ru = &R->rules[i];
		if (ru->kind == SA_OUT_CRITERIA) {
			snprintf(rhs, sizeof(rhs), "(assert (sa-cat \"%s\" \"%s\"))",
				 sa_report_id((enum sa_report)ru->report),
				 sa_category_id((enum sa_category)ru->target));
		} else {
			rhs[0] = '\0';
			/* outcome_id gives the count with each id: the test writes one past the end */
			for (j = 0; j < outcome_id(ru, j, id, sizeof(id)); j++) {
				len = strlen(rhs);
				snprintf(rhs + len, sizeof(rhs) - len, "%s(assert (sa-out \"%s\"))",
					 j ? " " : "", id);
			}
		}
		rules_for("rule", ru->id, ru->when, 0, rhs);
	}
	printf(";; a category counts only with its report\n"
	       "(defrule sa-category (declare (salience -10))\n"
	       "  (sa-cat ?r ?c) (sa-out ?r)\n"
	       "  => (assert (sa-out (str-cat ?r \".\" ?c))))\n");
	return 0;
}
