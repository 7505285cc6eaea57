/*
 * cond_walk.c - walkers over compiled conditions (see cond_walk.h).
 *
 * Conditions are trees (the loader never shares a node), and facts are stratified, so every
 * walk terminates. cond_questions follows facts into their own conditions through a work list,
 * each fact once: its cost is linear in the conditions however the facts share one another, and
 * its recursion is only as deep as one condition.
 */
#include "cond_walk.h"

#include <stdlib.h>

static int is_group(unsigned char kind)
{
	return kind == N_ALL || kind == N_ANY || kind == N_NOT;
}

/*
 * Mark the questions condition id reads directly; push the facts it names that were not seen
 * yet onto todo. The recursion is as deep as one condition's tree (the loader bounds it).
 */
static void questions(const sa_rules *r, int32_t id, unsigned char *mark, unsigned char *seen,
		      size_t *todo, size_t *ntodo)
{
	const struct node *n;
	uint32_t i;
	if (id < 0)
		return;
	n = &r->nodes[id];
	switch (n->kind) {
	case N_CMP:
	case N_IN:
		mark[n->q] = 1;
		break;
	case N_FACT:
		if (!seen[n->q]) {
			seen[n->q] = 1;
			todo[(*ntodo)++] = (size_t)n->q;
		}
		break;
	case N_ALL:
	case N_ANY:
	case N_NOT:
		for (i = 0; i < n->n; i++)
			questions(r, (int32_t)r->kids[n->off + i], mark, seen, todo, ntodo);
		break;
	default:
		break;
	}
}

void cond_questions(const sa_rules *r, int32_t id, unsigned char *mark)
{
	unsigned char *seen;
	size_t *todo, ntodo = 0;
	if (id < 0)
		return;
	seen = sa_xcalloc(r->nfacts, 1);
	todo = sa_xcalloc(r->nfacts, sizeof(*todo));
	questions(r, id, mark, seen, todo, &ntodo);
	while (ntodo) {
		size_t f = todo[--ntodo];
		questions(r, r->facts[f].when, mark, seen, todo, &ntodo);
	}
	free(seen);
	free(todo);
}

int cond_reads_question(const sa_rules *r, int32_t id, size_t q)
{
	unsigned char *mark = sa_xcalloc(r->nquestions, 1);
	int reads;
	cond_questions(r, id, mark);
	reads = mark[q];
	free(mark);
	return reads;
}

void cond_direct_refs(const sa_rules *r, int32_t id, unsigned char *qmark, unsigned char *fmark)
{
	const struct node *n;
	uint32_t i;
	if (id < 0)
		return;
	n = &r->nodes[id];
	switch (n->kind) {
	case N_CMP:
	case N_IN:
		qmark[n->q] = 1;
		break;
	case N_FACT:
		fmark[n->q] = 1;
		break;
	case N_ALL:
	case N_ANY:
	case N_NOT:
		for (i = 0; i < n->n; i++)
			cond_direct_refs(r, (int32_t)r->kids[n->off + i], qmark, fmark);
		break;
	default:
		break;
	}
}

int cond_equal(const sa_rules *r, int32_t a, int32_t b)
{
	const struct node *x, *y;
	uint32_t i;
	if (a < 0 || b < 0)
		return a == b;
	x = &r->nodes[a];
	y = &r->nodes[b];
	if (x->kind != y->kind || x->op != y->op || x->q != y->q || x->value != y->value ||
	    x->mask != y->mask || x->n != y->n)
		return 0;
	if (is_group(x->kind))
		for (i = 0; i < x->n; i++)
			if (!cond_equal(r, (int32_t)r->kids[x->off + i], (int32_t)r->kids[y->off + i]))
				return 0;
	return 1;
}

void cond_slot_questions(const sa_rules *r, size_t rule, unsigned char *mark)
{
	const struct rule *ru = &r->rules[rule];
	size_t i;
	if (ru->kind == SA_OUT_TYPE || ru->kind == SA_OUT_CRITERIA)
		for (i = 0; i < r->nby_report[ru->report][SA_OUT_RECOMMEND]; i++)
			cond_questions(r, r->rules[r->by_report[ru->report][SA_OUT_RECOMMEND][i]].when,
				       mark);
	for (i = 0; i < r->nrules; i++) {
		const struct rule *o = &r->rules[i];
		if (o->kind != ru->kind || o->report != ru->report)
			continue;
		if (ru->kind == SA_OUT_TYPE && i > rule)
			continue;
		if ((ru->kind == SA_OUT_CRITERIA || ru->kind == SA_OUT_ADVICE ||
		     ru->kind == SA_OUT_STEP) && o->target != ru->target)
			continue;
		cond_questions(r, o->when, mark);
	}
}
