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

/*
 * The walk of questions() without a work list, for when there is no memory for one: it follows
 * every fact each time it is named, so it allocates nothing but may walk a shared fact more than
 * once. Facts are stratified, so it terminates.
 */
static void questions_unshared(const sa_rules *r, int32_t id, unsigned char *mark)
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
		questions_unshared(r, r->facts[n->q].when, mark);
		break;
	case N_ALL:
	case N_ANY:
	case N_NOT:
		for (i = 0; i < n->n; i++)
			questions_unshared(r, (int32_t)r->kids[n->off + i], mark);
		break;
	default:
		break;
	}
}

#define WALK_LOCAL_FACTS 64 /* facts the work list holds without allocating */

void cond_questions(const sa_rules *r, int32_t id, unsigned char *mark)
{
	unsigned char seen_local[WALK_LOCAL_FACTS] = { 0 }, *seen = seen_local;
	size_t todo_local[WALK_LOCAL_FACTS], *todo = todo_local, ntodo = 0;
	if (id < 0)
		return;
	if (r->nfacts > WALK_LOCAL_FACTS) {
		seen = sa_calloc(r->nfacts, 1);
		todo = sa_calloc(r->nfacts, sizeof(*todo));
		if (!seen || !todo) {
			/* out of memory: the same marks, by the slower walk */
			free(seen);
			free(todo);
			questions_unshared(r, id, mark);
			return;
		}
	}
	questions(r, id, mark, seen, todo, &ntodo);
	while (ntodo) {
		size_t f = todo[--ntodo];
		questions(r, r->facts[f].when, mark, seen, todo, &ntodo);
	}
	if (seen != seen_local) {
		free(seen);
		free(todo);
	}
}

/* Does the condition at node id read question q? The walk of questions_unshared, stopping early. */
static int reads(const sa_rules *r, int32_t id, size_t q)
{
	const struct node *n;
	uint32_t i;
	if (id < 0)
		return 0;
	n = &r->nodes[id];
	switch (n->kind) {
	case N_CMP:
	case N_IN:
		return (size_t)n->q == q;
	case N_FACT:
		return reads(r, r->facts[n->q].when, q);
	case N_ALL:
	case N_ANY:
	case N_NOT:
		for (i = 0; i < n->n; i++)
			if (reads(r, (int32_t)r->kids[n->off + i], q))
				return 1;
		return 0;
	default:
		return 0;
	}
}

int cond_reads_question(const sa_rules *r, int32_t id, size_t q)
{
	unsigned char *mark = sa_calloc(r->nquestions, 1);
	int found;
	if (!mark)
		return reads(r, id, q); /* out of memory: the walk that allocates nothing */
	cond_questions(r, id, mark);
	found = mark[q];
	free(mark);
	return found;
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
