/*
 * space.c - representative values and the pruned exhaustive search behind --check and --verify
 * (see space.h for the argument that the search is exact; the walkers over conditions it uses
 * are in cond_walk.c).
 */
#include "space.h"
#include "cond_walk.h"

#include <stdlib.h>
#include <string.h>

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/*
 * The cut points of int question q: value c splits [.., c-1] from [c, ..]. With cuts NULL, only
 * counts them, so that the arrays are sized by q's own comparisons, not by every node.
 */
static size_t int_cuts(const sa_rules *r, size_t q, int64_t *cuts)
{
	size_t i, n = 0;
	for (i = 0; i < r->nnodes; i++) {
		const struct node *nd = &r->nodes[i];
		int64_t v = nd->value;
		if (nd->kind != N_CMP || (size_t)nd->q != q)
			continue;
		switch (nd->op) {
		case OP_EQ:
		case OP_NE:
			if (cuts) {
				cuts[n] = v;
				cuts[n + 1] = v + 1;
			}
			n += 2;
			break;
		case OP_LT:
		case OP_GE:
			if (cuts)
				cuts[n] = v;
			n++;
			break;
		default: /* OP_LE, OP_GT */
			if (cuts)
				cuts[n] = v + 1;
			n++;
			break;
		}
	}
	return n;
}

size_t space_values(const sa_rules *r, size_t q, int with_unknown, int32_t **out)
{
	const struct question *qq = &r->questions[q];
	size_t n = 0, i, ncuts = 0;
	int32_t *v;
	int64_t *cuts;

	switch (qq->type) {
	case SA_Q_BOOL:
		v = sa_calloc(3, sizeof(*v));
		break;
	case SA_Q_ENUM:
		v = sa_calloc(qq->nchoices + 1, sizeof(*v));
		break;
	default:
		ncuts = int_cuts(r, q, NULL);
		v = sa_calloc(ncuts + 2, sizeof(*v));
		break;
	}
	*out = v;
	if (!v)
		return 0;
	if (with_unknown && !qq->has_default)
		v[n++] = SPACE_UNKNOWN;
	switch (qq->type) {
	case SA_Q_BOOL:
		v[n++] = 0;
		v[n++] = 1;
		break;
	case SA_Q_ENUM:
		for (i = 0; i < qq->nchoices; i++)
			v[n++] = (int32_t)i;
		break;
	case SA_Q_INT:
		cuts = sa_calloc(ncuts + 1, sizeof(*cuts));
		if (!cuts) {
			free(v);
			*out = NULL;
			return 0;
		}
		ncuts = int_cuts(r, q, cuts);
		qsort(cuts, ncuts, sizeof(*cuts), cmp_i64);
		v[n++] = qq->min;
		for (i = 0; i < ncuts; i++)
			if (cuts[i] > qq->min && cuts[i] <= qq->max && cuts[i] != v[n - 1])
				v[n++] = (int32_t)cuts[i];
		free(cuts);
		break;
	}
	*out = v;
	return n;
}

int space_interval(const sa_rules *r, size_t q, int32_t v, int32_t *lo, int32_t *hi)
{
	int32_t *vals;
	size_t n = space_values(r, q, 0, &vals), i;
	if (!vals)
		return SA_ERR_NOMEM;
	*lo = v;
	*hi = r->questions[q].max;
	for (i = 0; i < n; i++)
		if (vals[i] > v) {
			*hi = vals[i] - 1;
			break;
		}
	free(vals);
	return SA_OK;
}

unsigned long long space_budget_for(const sa_rules *r)
{
	/*
	 * an evaluation walks the nodes, facts and rules, clears the questions x slots record, and
	 * for each rule left unknown walks its condition and the questions to record what decides it
	 */
	unsigned long long nq = r->nquestions;
	unsigned long long size = 1 + r->nnodes + r->nfacts + r->nrules + nq + nq * r->nslots / 256 +
				  r->nrules * (nq + r->nfacts) / 8;
	unsigned long long n = SPACE_BUDGET_WORK / size;
	return n < SPACE_BUDGET ? n : SPACE_BUDGET;
}

int space_init(struct space *s, const sa_rules *r, const unsigned char *mark, int with_unknown)
{
	size_t q, pass;
	memset(s, 0, sizeof(*s));
	s->r = r;
	s->vars = sa_calloc(r->nquestions, sizeof(*s->vars));
	s->values = sa_calloc(r->nquestions, sizeof(*s->values));
	s->nvalues = sa_calloc(r->nquestions, sizeof(*s->nvalues));
	if (!s->vars || !s->values || !s->nvalues)
		return SA_ERR_NOMEM;
	for (pass = 0; pass < 2; pass++)
		for (q = 0; q < r->nquestions; q++) {
			if (!mark[q] || (pass == 0) != (r->questions[q].has_default != 0))
				continue;
			s->vars[s->nvars] = q;
			s->nvalues[s->nvars] = space_values(r, q, with_unknown, &s->values[s->nvars]);
			if (!s->values[s->nvars])
				return SA_ERR_NOMEM;
			s->nvars++;
			if (pass == 0)
				s->ndefaults++;
		}
	if (sa_answers_init(&s->cur, r) != SA_OK || sa_result_init(&s->res, r) != SA_OK)
		return SA_ERR_NOMEM;
	return SA_OK;
}

/* The vars rule k reads, directly or through facts, into s->rule_vars[k]. */
static int rule_vars(struct space *s, size_t k)
{
	const sa_rules *r = s->r;
	size_t q, n = 0;
	memset(s->live_qs, 0, r->nquestions);
	cond_questions(r, r->rules[k].when, s->live_qs);
	for (q = 0; q < r->nquestions; q++)
		n += s->live_qs[q] && s->var_of[q] >= 0;
	s->rule_vars[k] = sa_calloc(n + 1, sizeof(**s->rule_vars));
	if (!s->rule_vars[k])
		return SA_ERR_NOMEM;
	for (q = 0; q < r->nquestions; q++)
		if (s->live_qs[q] && s->var_of[q] >= 0)
			s->rule_vars[k][s->nrule_vars[k]++] = (size_t)s->var_of[q];
	return SA_OK;
}

int space_set_live(struct space *s, space_live live)
{
	const sa_rules *r = s->r;
	size_t q, d, k;
	s->live = live;
	s->live_rules = sa_calloc(r->nrules + 1, 1);
	s->live_qs = sa_calloc(r->nquestions + 1, 1);
	s->rule_vars = sa_calloc(r->nrules + 1, sizeof(*s->rule_vars));
	s->nrule_vars = sa_calloc(r->nrules + 1, sizeof(*s->nrule_vars));
	s->var_of = sa_calloc(r->nquestions + 1, sizeof(*s->var_of));
	s->live_vars = sa_calloc(s->nvars + 1, 1);
	if (!s->live_rules || !s->live_qs || !s->rule_vars || !s->nrule_vars || !s->var_of ||
	    !s->live_vars)
		return SA_ERR_NOMEM; /* space_release frees what was made; no search may run */
	for (q = 0; q < r->nquestions; q++)
		s->var_of[q] = -1;
	for (d = 0; d < s->nvars; d++)
		s->var_of[s->vars[d]] = (long)d;
	/* every rule's vars, listed once before the search, so that the search never allocates */
	for (k = 0; k < r->nrules; k++)
		if (rule_vars(s, k) != SA_OK)
			return SA_ERR_NOMEM;
	return SA_OK;
}

int space_set_key(struct space *s, space_key key, size_t cap, int with_unanswered)
{
	size_t n = 5 + cap + 4 + 5 * s->r->nrules + 9 * s->nvars;
	if (!s->live || cap > SIZE_MAX / 4 || s->r->nrules > SIZE_MAX / 16 || s->nvars > SIZE_MAX / 32)
		return SA_ERR_NOMEM;
	s->keybuf = sa_calloc(n, 1);
	if (!s->keybuf)
		return SA_ERR_NOMEM;
	s->key = key;
	s->keycap = cap;
	s->key_unanswered = with_unanswered;
	space_memo_init(&s->memo, SPACE_MEMO_BYTES);
	return SA_OK;
}

static unsigned char *put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
	return p + sizeof(v);
}

/* Which vars can still change the predicate at the node evaluated last (space.h). */
static void compute_live(struct space *s)
{
	const sa_rules *r = s->r;
	size_t k, q, i;
	memset(s->live_rules, 0, r->nrules);
	memset(s->live_vars, 0, s->nvars);
	memset(s->live_qs, 0, r->nquestions);
	s->live(s->ctx, &s->res, s->live_rules, s->live_qs);
	for (q = 0; q < r->nquestions; q++)
		if (s->live_qs[q] && s->var_of[q] >= 0)
			s->live_vars[s->var_of[q]] = 1;
	for (k = 0; k < r->nrules; k++) {
		if (!s->live_rules[k] || s->res.rule_tv[k] != SA_UNKNOWN)
			continue;
		for (i = 0; i < s->nrule_vars[k]; i++)
			s->live_vars[s->rule_vars[k][i]] = 1;
	}
	s->live_valid = 1;
}

/* Nonzero when var d cannot change the predicate below the current node. */
static int irrelevant_here(struct space *s, size_t d)
{
	if (!s->live)
		return 0;
	if (!s->live_valid)
		compute_live(s);
	return !s->live_vars[d];
}

void space_release(struct space *s)
{
	size_t i;
	for (i = 0; i < s->nvars; i++)
		free(s->values[i]);
	if (s->rule_vars)
		for (i = 0; i < s->r->nrules; i++)
			free(s->rule_vars[i]);
	free(s->rule_vars);
	free(s->nrule_vars);
	free(s->var_of);
	free(s->live_vars);
	free(s->live_rules);
	free(s->live_qs);
	free(s->values);
	free(s->nvalues);
	free(s->vars);
	free(s->keybuf);
	space_memo_release(&s->memo);
	sa_answers_release(&s->cur);
	sa_result_release(&s->res);
	memset(s, 0, sizeof(*s));
}

static void set(struct sa_answers *a, size_t q, int32_t v)
{
	if (v == SPACE_UNKNOWN) {
		a->value[q] = 0;
		a->origin[q] = SA_ORIGIN_NONE;
	} else {
		a->value[q] = v;
		a->origin[q] = SA_ORIGIN_GIVEN;
	}
}

void space_fix(struct space *s, size_t q, int32_t value)
{
	set(&s->cur, q, value);
}

static double rest_size(const struct space *s, size_t d)
{
	double n = 1;
	for (; d < s->nvars; d++)
		n *= (double)s->nvalues[d];
	return n;
}

double space_size(const struct space *s)
{
	return rest_size(s, 0);
}

/* Spend one evaluation of the budget; 0 when it is exhausted (and marks it so). */
static int spend(struct space *s)
{
	if (!s->budget)
		return 1;
	if (s->budget->left == 0) {
		s->budget->exhausted = 1;
		return 0;
	}
	s->budget->left--;
	return 1;
}

static void evaluate(struct space *s)
{
	sa_evaluate_ex(s->r, &s->cur, &s->res, SA_EVAL_NO_REASONS);
	s->evaluations++;
	s->live_valid = 0;
}

/*
 * The key of the node at depth d, just evaluated and undecided (space_set_key), into s->keybuf;
 * returns its length, or 0 when the node is not to be remembered.
 */
static size_t make_key(struct space *s, size_t d)
{
	const sa_rules *r = s->r;
	unsigned char *p = s->keybuf, *count;
	size_t n, k, j;
	uint32_t nlive = 0;
	int unanswered = 0;
	if (!s->live_valid)
		compute_live(s);
	n = s->key(s->ctx, &s->res, p + 5, s->keycap);
	if (n == (size_t)-1 || n > s->keycap)
		return 0;
	for (j = 0; j < d && s->key_unanswered; j++)
		unanswered |= !s->cur.origin[s->vars[j]];
	p = put32(p, (uint32_t)d);
	*p++ = (unsigned char)unanswered;
	p += n;
	count = p;
	p += 4;
	for (k = 0; k < r->nrules; k++)
		if (s->live_rules[k]) {
			p = put32(p, (uint32_t)k);
			*p++ = s->res.rule_tv[k];
			nlive++;
		}
	put32(count, nlive);
	for (j = 0; j < d; j++)
		if (s->live_vars[j]) {
			size_t q = s->vars[j];
			p = put32(p, (uint32_t)j);
			*p++ = s->cur.origin[q] != 0;
			p = put32(p, (uint32_t)(s->cur.origin[q] ? s->cur.value[q] : 0));
		}
	return (size_t)(p - s->keybuf);
}

/*
 * Search below the node at depth d. Returns 1 when found, 0 when not, -1 when the budget ran
 * out. mult counts the answer sets each leaf below stands for
 * (vars skipped as irrelevant multiply it); fresh is nonzero when s->res already holds the
 * evaluation of s->cur, found undecided at an inner node (a child with its parent's answers).
 */
static int search_children(struct space *s, size_t d, double mult, space_pred pred, void *ctx);

static int dfs(struct space *s, size_t d, double mult, int fresh, space_pred pred, void *ctx)
{
	int leaf = d == s->nvars;
	if (d >= s->ndefaults || leaf) {
		unsigned char t = SA_UNKNOWN;
		if (!fresh) {
			if (!spend(s))
				return -1;
			evaluate(s);
		}
		if (!fresh || leaf)
			t = pred(ctx, &s->res, leaf);
		if (t == SA_FALSE) {
			s->covered += mult * rest_size(s, d);
			return 0;
		}
		if (t == SA_TRUE) {
			size_t k;
			if (leaf)
				return 1;
			/* every extension satisfies pred: take the first value of each var left */
			for (k = d; k < s->nvars; k++)
				set(&s->cur, s->vars[k], s->values[k][0]);
			if (!spend(s))
				return -1;
			evaluate(s);
			if (pred(ctx, &s->res, 1) == SA_TRUE)
				return 1;
			/* a predicate that claimed more than it could: fall back to enumerating */
			for (k = d; k < s->nvars; k++)
				set(&s->cur, s->vars[k], SPACE_UNKNOWN);
			if (!spend(s))
				return -1;
			evaluate(s);
		}
		if (leaf)
			return 0; /* a predicate must decide a leaf; one that does not found nothing */
		if (s->key) {
			size_t n = make_key(s, d);
			if (n && space_memo_has(&s->memo, s->keybuf, n)) {
				s->memo.hits++;
				s->covered += mult * rest_size(s, d);
				return 0;
			}
			if (n) {
				long off = space_memo_push(&s->memo, s->keybuf, n);
				int got = search_children(s, d, mult, pred, ctx);
				if (got == 0)
					space_memo_commit(&s->memo, off);
				return got;
			}
		}
	}
	return search_children(s, d, mult, pred, ctx);
}

/* Below an undecided node at depth d: skip var d where it cannot matter, else each value. */
static int search_children(struct space *s, size_t d, double mult, space_pred pred, void *ctx)
{
	size_t i;
	if (d >= s->ndefaults && irrelevant_here(s, d))
		return dfs(s, d + 1, mult * (double)s->nvalues[d], 1, pred, ctx);
	for (i = 0; i < s->nvalues[d]; i++) {
		int same = s->values[d][i] == SPACE_UNKNOWN && d >= s->ndefaults && i == 0, got;
		set(&s->cur, s->vars[d], s->values[d][i]);
		if ((got = dfs(s, d + 1, mult, same, pred, ctx)) != 0)
			return got;
	}
	set(&s->cur, s->vars[d], SPACE_UNKNOWN);
	return 0;
}

int space_find(struct space *s, space_pred pred, void *ctx, struct sa_answers *witness)
{
	size_t k;
	int got;
	/* a search's setup costs about an evaluation: a run of many small searches is bounded too */
	if (!spend(s))
		return -1;
	s->ctx = ctx;
	s->live_valid = 0;
	for (k = 0; k < s->nvars; k++)
		set(&s->cur, s->vars[k], SPACE_UNKNOWN);
	if ((got = dfs(s, 0, 1, 0, pred, ctx)) <= 0)
		return got;
	if (witness) {
		memcpy(witness->value, s->cur.value, s->cur.count * sizeof(*s->cur.value));
		memcpy(witness->origin, s->cur.origin, s->cur.count * sizeof(*s->cur.origin));
	}
	return 1;
}

void space_minimize(const sa_rules *r, struct sa_answers *a, struct sa_result *res,
		    int (*keep)(void *ctx, const struct sa_result *res), void *ctx)
{
	size_t q = r->nquestions;
	while (q-- > 0) {
		int32_t v = a->value[q];
		unsigned char o = a->origin[q];
		if (!o)
			continue;
		a->origin[q] = SA_ORIGIN_NONE;
		a->value[q] = 0;
		sa_evaluate_ex(r, a, res, SA_EVAL_NO_REASONS);
		if (!keep(ctx, res)) {
			a->value[q] = v;
			a->origin[q] = o;
		}
	}
}
