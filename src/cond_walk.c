/*
 * cond_walk.c - walkers over compiled conditions (see cond_walk.h).
 *
 * Conditions are trees (the loader never shares a node), and facts are stratified, so every
 * walk terminates. cond_questions follows facts into their own conditions and stops at
 * WALK_MAX_DEPTH levels: a file whose facts chain deeper than that (far beyond any real rules
 * file) would have questions left unmarked.
 */
#include "cond_walk.h"

#include <stdlib.h>

#define WALK_MAX_DEPTH 256 /* levels of nodes, across the facts a condition names */

static int is_group(unsigned char kind)
{
	return kind == N_ALL || kind == N_ANY || kind == N_NOT;
}

static void questions(const sa_rules *r, int32_t id, unsigned char *mark, int depth)
{
	const struct node *n;
	uint32_t i;
	if (id < 0 || depth > WALK_MAX_DEPTH)
		return;
	n = &r->nodes[id];
	switch (n->kind) {
	case N_CMP:
	case N_IN:
		mark[n->q] = 1;
		break;
	case N_FACT:
		questions(r, r->facts[n->q].when, mark, depth + 1);
		break;
	case N_ALL:
	case N_ANY:
	case N_NOT:
		for (i = 0; i < n->n; i++)
			questions(r, (int32_t)r->kids[n->off + i], mark, depth + 1);
		break;
	default:
		break;
	}
}

void cond_questions(const sa_rules *r, int32_t id, unsigned char *mark)
{
	questions(r, id, mark, 0);
}

/* The walk of questions() for one question, without a mark array: nothing to allocate. */
static int reads(const sa_rules *r, int32_t id, size_t q, int depth)
{
	const struct node *n;
	uint32_t i;
	if (id < 0 || depth > WALK_MAX_DEPTH)
		return 0;
	n = &r->nodes[id];
	switch (n->kind) {
	case N_CMP:
	case N_IN:
		return (size_t)n->q == q;
	case N_FACT:
		return reads(r, r->facts[n->q].when, q, depth + 1);
	case N_ALL:
	case N_ANY:
	case N_NOT:
		for (i = 0; i < n->n; i++)
			if (reads(r, (int32_t)r->kids[n->off + i], q, depth + 1))
				return 1;
		return 0;
	default:
		return 0;
	}
}

int cond_reads_question(const sa_rules *r, int32_t id, size_t q)
{
	return reads(r, id, q, 0);
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
