/*
 * index.c - the evaluation index: which rules an evaluation must evaluate, so that its cost
 * follows the rules that can hold rather than the size of the rules file.
 *
 * The guard of a rule is one test that must hold for the rule's condition to hold: a
 * comparison or set test on a question, or a derived fact being true or false, reached from the
 * condition's root through 'all' (and, under 'not', through 'any', by De Morgan's law, which
 * holds in Kleene's logic too). When the guard is false, so is the condition, whatever the
 * other parts are, unknown ones included: an 'all' with a false part is false. Among the
 * candidate tests of a rule the guard is the one that admits the smallest share of its
 * question's values. A rule without a usable guard (no such test, or one that admits every
 * value) is evaluated at every evaluation, as is a rule without a condition.
 *
 * At load, the guarded rules are grouped by the question or fact their guard tests (its
 * variable): for a bool or enum question and for a fact, one bucket per value, holding the rules
 * whose guard admits that value; for an int question, the rules sorted by the low end of the
 * interval their guard admits. An evaluation then takes, for each variable:
 * - known, with value v (a bool or enum question answered with a valid value, a fact true or
 *   false): the bucket of v, or for an int question the rules whose interval holds v (a scan
 *   that stops at the first low end above v); every other rule of that variable is false
 *   without being evaluated;
 * - unknown (unanswered, an unknown fact, or a value outside the buckets): every rule of that
 *   variable, evaluated as usual, so three-valued results stay exact.
 * Besides its guard, a rule keeps up to three more tests it needs, checked before a selected
 * rule is evaluated; a fact, whose value every evaluation works out, keeps up to four. Both
 * keep up to four tests that suffice (a part of an 'any', or of an 'all' under 'not', by the
 * same law): when one is true, the condition holds. Tests are checked against one bit per
 * answered bool or enum question and per known fact (sa_index_answers), or, for an int
 * question, against the answer and the interval.
 *
 * Facts are decided before any rule, once each, so a fact's value is known when it is used as
 * a guard. The indexed evaluation (eval_index.c) evaluates the rules this file selects; the
 * others keep SA_FALSE, and their condition nodes are evaluated only when something explains
 * them.
 */
#include "result.h"

#include <stdlib.h>
#include <string.h>

/* A variable's rules: x->rule[off..off+n), with, for an int question, lo/hi at the same places. */
struct ivar {
	uint32_t var;   /* question q, or fact nquestions + f */
	uint32_t nvals; /* bool, enum, fact: values with a bucket; int question: 0 */
	uint32_t off, n;
	uint32_t voff;  /* bool, enum, fact: x->vstart[voff..voff+nvals] bound the buckets */
};

struct sa_index {
	uint32_t *always; /* rules evaluated every time, in file order */
	size_t nalways;
	struct ivar *vars;
	size_t nvars;
	uint32_t *rule;   /* per variable, its guarded rules */
	int32_t *lo, *hi; /* int questions: each rule's admitted interval, sorted by lo */
	uint32_t *vstart; /* bucket bounds into bucket */
	uint32_t *bucket;
	/* rule i's other tests are check[coff[i]..coff[i + 1]); fact f's tests (all of them: facts
	 * are not bucketed) check[coff[nrules + f]..coff[nrules + f + 1]) */
	uint32_t *coff;
	struct check *check;
	/* the tests that suffice for rule i (fact f) to hold: scheck[soff[i]..soff[i + 1]) */
	uint32_t *soff;
	struct check *scheck;
};

/* A test that must hold besides the guard, checked before a selected rule is evaluated. */
struct check {
	uint32_t var;   /* as in struct ivar */
	uint32_t nvals; /* 0: an int question's interval [lo, hi]; else the values in mask */
	uint64_t mask;
	int32_t lo, hi;
};

/* A candidate guard: the values of var it admits (mask, or [lo, hi] for an int question). */
struct guard {
	long var; /* -1: none */
	uint64_t mask;
	int32_t lo, hi;
	double share; /* of the question's values admitted: the smaller, the better */
};

void sa_index_free(struct sa_index *x)
{
	if (!x)
		return;
	free(x->always);
	free(x->vars);
	free(x->rule);
	free(x->lo);
	free(x->hi);
	free(x->vstart);
	free(x->bucket);
	free(x->coff);
	free(x->check);
	free(x->soff);
	free(x->scheck);
	free(x);
}

static int cmp_holds(int32_t v, unsigned op, int32_t c)
{
	switch (op) {
	case OP_EQ:
		return v == c;
	case OP_NE:
		return v != c;
	case OP_LT:
		return v < c;
	case OP_LE:
		return v <= c;
	case OP_GT:
		return v > c;
	default:
		return v >= c;
	}
}

/*
 * The interval of v where "v op c" holds (neg: where it fails); 0 when that is not one
 * interval. An empty interval is lo > hi.
 */
static int interval(unsigned op, int32_t c, int neg, int32_t *lo, int32_t *hi)
{
	static const unsigned char flip[] = { OP_NE, OP_EQ, OP_GE, OP_GT, OP_LE, OP_LT };
	if (neg)
		op = flip[op];
	*lo = INT32_MIN;
	*hi = INT32_MAX;
	switch (op) {
	case OP_EQ:
		*lo = *hi = c;
		return 1;
	case OP_LT:
		if (c == INT32_MIN)
			*lo = INT32_MAX, *hi = INT32_MIN;
		else
			*hi = c - 1;
		return 1;
	case OP_LE:
		*hi = c;
		return 1;
	case OP_GT:
		if (c == INT32_MAX)
			*lo = INT32_MAX, *hi = INT32_MIN;
		else
			*lo = c + 1;
		return 1;
	case OP_GE:
		*lo = c;
		return 1;
	default:
		return 0; /* v != c: two intervals */
	}
}

static unsigned nvals_of(const sa_rules *r, const struct question *q)
{
	(void)r;
	return q->type == SA_Q_BOOL ? 2u : (unsigned)q->nchoices;
}

/* The guard that test node n (negated when neg) gives, or g->var = -1. */
static void test_guard(const sa_rules *r, const struct node *n, int neg, struct guard *g)
{
	const struct question *q;
	unsigned v, nv;
	g->var = -1;
	g->mask = 0;
	g->lo = g->hi = 0;
	if (n->kind == N_FACT) {
		for (v = 0; v < 2; v++)
			if ((v == (unsigned)n->value) != neg)
				g->mask |= 1u << v;
		g->var = (long)(r->nquestions + (size_t)n->q);
		g->share = (double)__builtin_popcountll(g->mask) / 2.0;
		return;
	}
	q = &r->questions[n->q];
	if (q->type == SA_Q_INT) {
		double lo, hi, width = (double)q->max - (double)q->min + 1.0;
		if (n->kind != N_CMP || !interval(n->op, n->value, neg, &g->lo, &g->hi))
			return;
		lo = g->lo > q->min ? (double)g->lo : (double)q->min;
		hi = g->hi < q->max ? (double)g->hi : (double)q->max;
		g->share = hi < lo ? 0.0 : (hi - lo + 1.0) / width;
		g->var = n->q;
		return;
	}
	nv = nvals_of(r, q);
	if (nv == 0 || nv > SA_CHOICES_MAX)
		return;
	for (v = 0; v < nv; v++) {
		int t = n->kind == N_IN ? (int)((n->mask >> v) & 1u) ^ (n->op == OP_NE)
					: cmp_holds((int32_t)v, n->op, n->value);
		if (t != neg)
			g->mask |= 1ull << v;
	}
	g->var = n->q;
	g->share = (double)__builtin_popcountll(g->mask) / (double)nv;
}

/* The best tests of a condition found so far, the best first. */
#define GUARD_TESTS 4
struct found {
	struct guard t[GUARD_TESTS];
	size_t n;
};

/*
 * Collect the tests that node id (negated when neg) needs, keeping those that admit the
 * smallest share of values: when one is false, so is the node. With suff, the tests that
 * suffice instead (through 'any', and 'all' under 'not'), keeping the largest shares: when one
 * is true, so is the node.
 */
static void find_tests(const sa_rules *r, uint32_t id, int neg, int suff, int depth,
		       struct found *f)
{
	const struct node *n = &r->nodes[id];
	struct guard g;
	uint32_t i;
	size_t k;

	if (depth > 64) /* the loader's nesting limit: never reached */
		return;
	switch (n->kind) {
	case N_CMP:
	case N_IN:
	case N_FACT:
		test_guard(r, n, neg, &g);
		if (g.var < 0 || (suff ? g.share <= 0.0 : g.share >= 1.0))
			return;
		if (suff)
			g.share = -g.share; /* the largest share first */
		if (f->n == GUARD_TESTS && g.share >= f->t[GUARD_TESTS - 1].share)
			return;
		k = f->n < GUARD_TESTS ? f->n++ : GUARD_TESTS - 1;
		for (; k > 0 && g.share < f->t[k - 1].share; k--)
			f->t[k] = f->t[k - 1];
		f->t[k] = g;
		return;
	case N_NOT:
		find_tests(r, r->kids[n->off], !neg, suff, depth + 1, f);
		return;
	case N_ALL:
	case N_ANY:
		/* needed: the parts of an 'all' or a negated 'any'; sufficient: of the others */
		if (((n->kind == N_ALL) == !neg) != suff)
			for (i = 0; i < n->n; i++)
				find_tests(r, r->kids[n->off + i], neg, suff, depth + 1, f);
		return;
	default:
		return;
	}
}

/* Guarded rules of one int question, sorted by the low end of their intervals. */
struct span {
	int32_t lo, hi;
	uint32_t rule;
};

static int span_cmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static int fill(sa_rules *r, struct sa_index *x, struct guard *g, uint32_t *start)
{
	size_t nv = r->nquestions + r->nfacts, i, v, k, nb = 0;
	uint32_t *at = sa_calloc(nv + 1, sizeof(*at));
	struct span *sp = NULL;
	size_t maxn = 0;

	if (!at)
		return SA_ERR_NOMEM;
	for (v = 0; v < nv; v++) {
		at[v] = start[v];
		if (start[v + 1] - start[v] > maxn)
			maxn = start[v + 1] - start[v];
	}
	for (i = 0; i < r->nrules; i++)
		if (g[i].var >= 0)
			x->rule[at[g[i].var]++] = (uint32_t)i;
	free(at);
	sp = sa_calloc(maxn ? maxn : 1, sizeof(*sp));
	if (!sp)
		return SA_ERR_NOMEM;
	for (k = 0; k < x->nvars; k++) {
		struct ivar *iv = &x->vars[k];
		if (iv->nvals) {
			nb += iv->n * iv->nvals; /* an upper bound, counted for the allocation below */
			continue;
		}
		for (i = 0; i < iv->n; i++) {
			uint32_t ru = x->rule[iv->off + i];
			sp[i] = (struct span){ g[ru].lo, g[ru].hi, ru };
		}
		qsort(sp, iv->n, sizeof(*sp), span_cmp);
		for (i = 0; i < iv->n; i++) {
			x->rule[iv->off + i] = sp[i].rule;
			x->lo[iv->off + i] = sp[i].lo;
			x->hi[iv->off + i] = sp[i].hi;
		}
	}
	free(sp);
	x->bucket = sa_calloc(nb ? nb : 1, sizeof(*x->bucket));
	if (!x->bucket)
		return SA_ERR_NOMEM;
	nb = 0;
	for (k = 0; k < x->nvars; k++) {
		struct ivar *iv = &x->vars[k];
		for (v = 0; v < iv->nvals; v++) {
			x->vstart[iv->voff + v] = (uint32_t)nb;
			for (i = 0; i < iv->n; i++) {
				uint32_t ru = x->rule[iv->off + i];
				if ((g[ru].mask >> v) & 1u)
					x->bucket[nb++] = ru;
			}
		}
		if (iv->nvals)
			x->vstart[iv->voff + iv->nvals] = (uint32_t)nb;
	}
	return SA_OK;
}

static void add_check(const sa_rules *r, struct check *c, const struct guard *o)
{
	c->var = (uint32_t)o->var;
	c->nvals = (size_t)o->var >= r->nquestions ? 2u
		 : r->questions[o->var].type == SA_Q_INT ? 0u
		 : nvals_of(r, &r->questions[o->var]);
	c->mask = o->mask;
	c->lo = o->lo;
	c->hi = o->hi;
}

int sa_index_build(sa_rules *r)
{
	size_t nv = r->nquestions + r->nfacts, i, v, k = 0, nvstart = 0;
	struct sa_index *x = sa_calloc(1, sizeof(*x));
	struct guard *g = sa_calloc(r->nrules ? r->nrules : 1, sizeof(*g));
	uint32_t *start = sa_calloc(nv + 1, sizeof(*start));
	int rc = SA_ERR_NOMEM;

	r->index = NULL;
	if (!x || !g || !start || r->nrules > UINT32_MAX / SA_CHOICES_MAX)
		goto out;
	x->coff = sa_calloc(r->nrules + r->nfacts + 1, sizeof(*x->coff));
	x->check = sa_calloc((r->nrules + r->nfacts) * GUARD_TESTS + 1, sizeof(*x->check));
	x->soff = sa_calloc(r->nrules + r->nfacts + 1, sizeof(*x->soff));
	x->scheck = sa_calloc((r->nrules + r->nfacts) * GUARD_TESTS + 1, sizeof(*x->scheck));
	if (!x->coff || !x->check || !x->soff || !x->scheck)
		goto out;
	for (i = 0; i < r->nrules + r->nfacts; i++) {
		int32_t w = i < r->nrules ? r->rules[i].when : r->facts[i - r->nrules].when;
		struct found f, suff;
		size_t t;
		f.n = suff.n = 0;
		if (w >= 0) {
			find_tests(r, (uint32_t)w, 0, 0, 0, &f);
			find_tests(r, (uint32_t)w, 0, 1, 0, &suff);
		}
		x->soff[i + 1] = x->soff[i];
		for (t = 0; t < suff.n; t++)
			add_check(r, &x->scheck[x->soff[i + 1]++], &suff.t[t]);
		x->coff[i + 1] = x->coff[i];
		if (i < r->nrules) {
			g[i].var = -1;
			if (!f.n) {
				x->nalways++;
				continue;
			}
			g[i] = f.t[0];
			start[g[i].var + 1]++;
		}
		for (t = i < r->nrules ? 1 : 0; t < f.n; t++)
			add_check(r, &x->check[x->coff[i + 1]++], &f.t[t]);
	}
	for (v = 0; v < nv; v++) {
		if (start[v + 1])
			x->nvars++;
		start[v + 1] += start[v];
	}
	x->always = sa_calloc(x->nalways ? x->nalways : 1, sizeof(*x->always));
	x->vars = sa_calloc(x->nvars ? x->nvars : 1, sizeof(*x->vars));
	x->rule = sa_calloc(r->nrules ? r->nrules : 1, sizeof(*x->rule));
	x->lo = sa_calloc(r->nrules ? r->nrules : 1, sizeof(*x->lo));
	x->hi = sa_calloc(r->nrules ? r->nrules : 1, sizeof(*x->hi));
	if (!x->always || !x->vars || !x->rule || !x->lo || !x->hi)
		goto out;
	x->nalways = 0;
	for (i = 0; i < r->nrules; i++)
		if (g[i].var < 0)
			x->always[x->nalways++] = (uint32_t)i;
	for (v = 0; v < nv; v++) {
		struct ivar *iv;
		if (start[v + 1] == start[v])
			continue;
		iv = &x->vars[k++];
		iv->var = (uint32_t)v;
		iv->off = start[v];
		iv->n = start[v + 1] - start[v];
		iv->nvals = v >= r->nquestions ? 2u
			  : r->questions[v].type == SA_Q_INT ? 0u
			  : nvals_of(r, &r->questions[v]);
		iv->voff = (uint32_t)nvstart;
		nvstart += iv->nvals ? iv->nvals + 1 : 0;
	}
	x->vstart = sa_calloc(nvstart ? nvstart : 1, sizeof(*x->vstart));
	if (!x->vstart || fill(r, x, g, start) != SA_OK)
		goto out;
	r->index = x;
	x = NULL;
	rc = SA_OK;
out:
	sa_index_free(x);
	free(g);
	free(start);
	return rc;
}

/* See internal.h. */
void sa_index_answers(const sa_rules *r, struct sa_result *res)
{
	uint64_t *vbit = res->store->vbit;
	size_t q;
	for (q = 0; q < r->nquestions; q++) {
		const struct question *qq = &r->questions[q];
		int32_t v = res->answers.value[q];
		vbit[q] = res->answers.origin[q] && qq->type != SA_Q_INT && v >= 0 &&
				  (uint32_t)v < nvals_of(r, qq)
			  ? 1ull << v
			  : 0;
	}
}

/* Nonzero when entry i of coff (a rule's other tests, a fact's tests) has a test that is false
 * under res: its condition is then false. */
static inline int other_test_false(const struct sa_index *x, const struct sa_result *res,
				   size_t i)
{
	const uint64_t *vbit = res->store->vbit;
	const struct check *c = x->check + x->coff[i], *end = x->check + x->coff[i + 1];
	for (; c < end; c++) {
		if (c->nvals ? (vbit[c->var] & ~c->mask) != 0
			     : res->answers.origin[c->var] &&
				       (res->answers.value[c->var] < c->lo ||
					res->answers.value[c->var] > c->hi))
			return 1;
	}
	return 0;
}

/* See internal.h. */
int sa_index_holds(const sa_rules *r, const struct sa_result *res, size_t i)
{
	const struct sa_index *x = r->index;
	const uint64_t *vbit = res->store->vbit;
	const struct check *c = x->scheck + x->soff[i], *end = x->scheck + x->soff[i + 1];
	for (; c < end; c++) {
		if (c->nvals ? (vbit[c->var] & c->mask) != 0
			     : res->answers.origin[c->var] &&
				       res->answers.value[c->var] >= c->lo &&
				       res->answers.value[c->var] <= c->hi)
			return 1;
	}
	return 0;
}

/* See internal.h. */
int sa_index_fact_false(const sa_rules *r, const struct sa_result *res, size_t f)
{
	return other_test_false(r->index, res, r->nrules + f);
}

/* See internal.h. */
size_t sa_index_select(const sa_rules *r, const struct sa_result *res, uint32_t *out)
{
	const struct sa_index *x = r->index;
	const uint64_t *vbit = res->store->vbit;
	size_t k, n = x->nalways;

	memcpy(out, x->always, n * sizeof(*out));
	for (k = 0; k < x->nvars; k++) {
		const struct ivar *iv = &x->vars[k];
		const uint32_t *from = x->rule + iv->off;
		size_t cnt = iv->n, i;

		if (!iv->nvals) { /* an int question */
			int32_t val = res->answers.value[iv->var];
			if (res->answers.origin[iv->var]) {
				for (i = 0; i < iv->n && x->lo[iv->off + i] <= val; i++)
					if (x->hi[iv->off + i] >= val &&
					    !other_test_false(x, res, from[i]))
						out[n++] = from[i];
				continue;
			}
		} else if (vbit[iv->var]) { /* known, and a value with a bucket */
			const uint32_t *b = x->vstart + iv->voff + __builtin_ctzll(vbit[iv->var]);
			from = x->bucket + b[0];
			cnt = b[1] - b[0];
		}
		for (i = 0; i < cnt; i++)
			if (!other_test_false(x, res, from[i]))
				out[n++] = from[i];
	}
	return n;
}
