/*
 * reasons.c - the reasons of a result: which rules are shown for each outcome, and the answers
 * and open questions behind each, worked out once at the end of every evaluation.
 *
 * Which rules count as reasons is decided here and nowhere else (sa_rule_is_reason): for a report
 * that is recommended or possible, the rules behind it, its type and its categories; for an
 * advice item or a next step, the rules behind it; for a report that is absent, "why not": every
 * rule that recommends it. Every output format and the interview's explain view read the lists
 * this file fills and decide nothing themselves.
 *
 * Memory: sa_result_init sizes everything for the rules (at most one reason per rule, and per
 * rule at most the distinct questions its condition reads), so evaluations never allocate.
 */
#include "result.h"

#include <stdlib.h>
#include <string.h>

/* The outcome a rule belongs to: its report, or an advice item, or a step after those. */
static size_t owner_of(const sa_rules *r, size_t i)
{
	const struct rule *ru = &r->rules[i];
	switch (ru->kind) {
	case SA_OUT_ADVICE:
		return SA_REPORT_COUNT + (size_t)ru->target;
	case SA_OUT_STEP:
		return SA_REPORT_COUNT + r->nitems[SA_ITEM_ADVICE] + (size_t)ru->target;
	default:
		return (size_t)ru->report;
	}
}

/* The distinct questions condition id reads, directly or through facts (marks not cleared). */
static size_t count_questions(const sa_rules *r, uint32_t id, unsigned char *qmark,
			      unsigned char *fmark)
{
	const struct node *n = &r->nodes[id];
	size_t i, count = 0;

	switch (n->kind) {
	case N_CMP:
	case N_IN:
		if (qmark[n->q])
			return 0;
		qmark[n->q] = 1;
		return 1;
	case N_FACT:
		if (fmark[n->q] || r->facts[n->q].when < 0)
			return 0;
		fmark[n->q] = 1;
		return count_questions(r, (uint32_t)r->facts[n->q].when, qmark, fmark);
	case N_NOT:
	case N_ALL:
	case N_ANY:
		for (i = 0; i < n->n; i++)
			count += count_questions(r, r->kids[n->off + i], qmark, fmark);
		return count;
	default:
		return 0;
	}
}

void sa_result_store_free(struct sa_result_store *st)
{
	if (!st)
		return;
	free(st->owner_rules);
	free(st->owner_start);
	free(st->reasons);
	free(st->questions);
	free(st->scratch);
	free(st->qbuf);
	free(st->fact_seen);
	free(st->facts_seen);
	free(st->stamp);
	free(st->fact_stamp);
	free(st->order);
	free(st->vbit);
	free(st->touched);
	free(st->row_dirty);
	free(st->dirty_rows);
	free(st->item_on);
	free(st->items_on);
	free(st);
}

int sa_result_store_new(struct sa_result *res, const sa_rules *r)
{
	struct sa_result_store *st = sa_calloc(1, sizeof(*st));
	unsigned char *fmark = NULL;
	size_t i, *fill = NULL;

	if (!st)
		return SA_ERR_NOMEM;
	st->nowners = SA_REPORT_COUNT + r->nitems[SA_ITEM_ADVICE] + r->nitems[SA_ITEM_STEP];
	st->owner_rules = sa_calloc(r->nrules, sizeof(*st->owner_rules));
	st->owner_start = sa_calloc(st->nowners + 1, sizeof(*st->owner_start));
	st->reasons = sa_calloc(r->nrules, sizeof(*st->reasons));
	st->scratch = sa_calloc(r->nquestions, 1);
	st->qbuf = sa_calloc(r->nquestions, sizeof(*st->qbuf));
	st->fact_seen = sa_calloc(r->nfacts ? r->nfacts : 1, 1);
	st->facts_seen = sa_calloc(r->nfacts ? r->nfacts : 1, sizeof(*st->facts_seen));
	st->stamp = sa_calloc(r->nrules ? r->nrules : 1, sizeof(*st->stamp));
	st->fact_stamp = sa_calloc(r->nfacts ? r->nfacts : 1, sizeof(*st->fact_stamp));
	st->touched = sa_calloc(r->nrules ? r->nrules : 1, sizeof(*st->touched));
	st->order = sa_calloc(r->nrules ? r->nrules : 1, sizeof(*st->order));
	st->vbit = sa_calloc(r->nquestions + r->nfacts + 1, sizeof(*st->vbit));
	st->row_dirty = sa_calloc(r->nquestions ? r->nquestions : 1, 1);
	st->dirty_rows = sa_calloc(r->nquestions ? r->nquestions : 1, sizeof(*st->dirty_rows));
	st->item_on = sa_calloc(st->nowners, 1);
	st->items_on = sa_calloc(st->nowners, sizeof(*st->items_on));
	fill = sa_calloc(st->nowners, sizeof(*fill));
	fmark = sa_calloc(r->nfacts, 1);
	if (!st->owner_rules || !st->owner_start || !st->reasons || !st->scratch || !st->qbuf ||
	    !st->fact_seen || !st->facts_seen || !st->stamp || !st->fact_stamp || !st->touched ||
	    !st->order || !st->vbit || !st->row_dirty || !st->dirty_rows || !st->item_on || !st->items_on ||
	    !fill || !fmark)
		goto nomem;

	/* rules grouped by owner, file order kept within each group (a counting sort) */
	for (i = 0; i < r->nrules; i++)
		st->owner_start[owner_of(r, i) + 1]++;
	for (i = 0; i < st->nowners; i++)
		st->owner_start[i + 1] += st->owner_start[i];
	for (i = 0; i < r->nrules; i++) {
		size_t o = owner_of(r, i);
		st->owner_rules[st->owner_start[o] + fill[o]++] = i;
	}

	for (i = 0; i < r->nrules; i++) {
		if (r->rules[i].when < 0)
			continue;
		memset(st->scratch, 0, r->nquestions);
		memset(fmark, 0, r->nfacts);
		st->nquestion_refs +=
			count_questions(r, (uint32_t)r->rules[i].when, st->scratch, fmark);
	}
	memset(st->scratch, 0, r->nquestions);
	st->questions = sa_calloc(st->nquestion_refs, sizeof(*st->questions));
	if (!st->questions)
		goto nomem;
	free(fill);
	free(fmark);
	res->store = st;
	return SA_OK;
nomem:
	free(fill);
	free(fmark);
	sa_result_store_free(st);
	return SA_ERR_NOMEM;
}

/* Answered questions first, then the others; each group in question order. */
static int before(const struct sa_result *res, size_t a, size_t b)
{
	int ga = !res->answers.origin[a], gb = !res->answers.origin[b];
	return ga != gb ? ga < gb : a < b;
}

/* Fill x with rule i and the questions that decided it, appended to the store's lists at *nq. */
static void explain(const sa_rules *r, const struct sa_result *res, size_t i,
		    struct sa_reason *x, size_t *nq)
{
	struct sa_result_store *st = res->store;
	struct sa_qlist l = { st->questions + *nq, 0 };
	size_t j, k;

	sa_result_rule_ensure(r, res, i);
	x->rule = i;
	x->slot = sa_rule_slot(r, i);
	x->holds = (enum sa_tv)res->rule_tv[i];
	if (r->rules[i].when >= 0)
		sa_explain_node(r, res, (uint32_t)r->rules[i].when, st->scratch, st->scratch, &l);
	/* lists are short: insertion sort, then the marks are cleared from the list */
	for (j = 1; j < l.n; j++) {
		size_t q = l.q[j];
		for (k = j; k > 0 && before(res, q, l.q[k - 1]); k--)
			l.q[k] = l.q[k - 1];
		l.q[k] = q;
	}
	x->nused = 0;
	for (j = 0; j < l.n; j++) {
		st->scratch[l.q[j]] = 0;
		if (res->answers.origin[l.q[j]])
			x->nused++;
	}
	/* an answered question decided the rule; an unanswered one would decide it, and only an
	 * unknown rule has those */
	x->used = l.q;
	x->open = l.q + x->nused;
	x->nopen = x->holds == SA_UNKNOWN ? l.n - x->nused : 0;
	*nq += x->nused + x->nopen;
}

/* Move a[root] down the max-heap a[0..n). */
static void sift(uint32_t *a, size_t root, size_t n)
{
	size_t child;
	uint32_t t;
	while ((child = 2 * root + 1) < n) {
		if (child + 1 < n && a[child] < a[child + 1])
			child++;
		if (a[root] >= a[child])
			return;
		t = a[root];
		a[root] = a[child];
		a[child] = t;
		root = child;
	}
}

/* Sort a[0..n) ascending (heapsort: no allocation, n log n whatever the order). */
static void sort_rules(uint32_t *a, size_t n)
{
	size_t i;
	uint32_t t;
	for (i = n / 2; i-- > 0;)
		sift(a, i, n);
	for (i = n; i-- > 1;) {
		t = a[0];
		a[0] = a[i];
		a[i] = t;
		sift(a, 0, i);
	}
}

/*
 * The rules to look at for owner o, in file order (*all, or *some): after an indexed
 * evaluation, a report that is not absent has reasons only among its rules that are not false
 * (the touched ones), and an absent one among the rules that recommend it; otherwise, the
 * owner's rules.
 */
static size_t owner_list(const sa_rules *r, const struct sa_result *res, size_t o,
			 const size_t **all, const uint32_t **some)
{
	struct sa_result_store *st = res->store;
	size_t i, n = 0;
	*all = NULL;
	*some = NULL;
	if (st->all_evaluated || o >= SA_REPORT_COUNT) {
		*all = st->owner_rules + st->owner_start[o];
		return st->owner_start[o + 1] - st->owner_start[o];
	}
	if (res->report[o].status == SA_ABSENT) { /* "why not": the rules that recommend it */
		*all = r->by_report[o][SA_OUT_RECOMMEND];
		return r->nby_report[o][SA_OUT_RECOMMEND];
	}
	for (i = 0; i < st->ntouched; i++) {
		const struct rule *ru = &r->rules[st->touched[i]];
		if (ru->kind <= SA_OUT_CRITERIA && ru->report == (int)o)
			st->order[n++] = st->touched[i];
	}
	sort_rules(st->order, n);
	*some = st->order;
	return n;
}

void sa_result_build_reasons(const sa_rules *r, struct sa_result *res)
{
	struct sa_result_store *st = res->store;
	size_t o, k, n, nr = 0, nq = 0, x;
	const size_t *all;
	const uint32_t *some;
	/* every report; then every item after a plain evaluation, else only those that may not be
	 * absent (the others' lists were emptied when the evaluation began), in the order the
	 * evaluation met them: each outcome's reasons stay in rules-file order, and only the
	 * place of each list in the store differs */
	size_t nx = st->all_evaluated ? st->nowners : SA_REPORT_COUNT + st->nitems_on;

	for (x = 0; x < nx; x++) {
		size_t first = nr;
		int rep, absent;
		o = x < SA_REPORT_COUNT || st->all_evaluated
			    ? x
			    : SA_REPORT_COUNT + st->items_on[x - SA_REPORT_COUNT];
		rep = o < SA_REPORT_COUNT ? (int)o : -1;
		absent = rep >= 0 && res->report[rep].status == SA_ABSENT;

		n = owner_list(r, res, o, &all, &some);
		for (k = 0; k < n; k++) {
			size_t i = all ? all[k] : some[k];
			if (absent ? r->rules[i].kind != SA_OUT_RECOMMEND : !sa_rule_is_reason(r, res, i))
				continue;
			explain(r, res, i, &st->reasons[nr++], &nq);
		}
		if (rep >= 0 && absent) {
			res->report[rep].why_not = nr > first ? st->reasons + first : NULL;
			res->report[rep].nwhy_not = nr - first;
			res->report[rep].reasons = NULL;
			res->report[rep].nreasons = 0;
		} else if (rep >= 0) {
			res->report[rep].reasons = nr > first ? st->reasons + first : NULL;
			res->report[rep].nreasons = nr - first;
			res->report[rep].why_not = NULL;
			res->report[rep].nwhy_not = 0;
		} else {
			size_t na = r->nitems[SA_ITEM_ADVICE], j = o - SA_REPORT_COUNT;
			struct sa_item_result *it = j < na ? &res->items[SA_ITEM_ADVICE][j]
							   : &res->items[SA_ITEM_STEP][j - na];
			it->reasons = nr > first ? st->reasons + first : NULL;
			it->nreasons = nr - first;
		}
	}
}
