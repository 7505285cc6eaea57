/*
 * eval_index.c - the indexed evaluation: facts, rules and outcomes worked out from the rules
 * that can hold, in time that follows them and what the last evaluation set, not the size of
 * the rules file. Its result equals the plain evaluation's (engine.c), which the unit test
 * test_index compares it with on random answers, unknown ones included.
 *
 * - Facts, in their stratified order: false without evaluation when one of the tests their
 *   condition needs is false (index.c), else evaluated.
 * - Rules: the ones that were not false last time become false, then the index selects the
 *   rules whose guards admit the answers and facts (index.c); those are evaluated, and the ones
 *   that are not false are listed (touched).
 * - Conditions are evaluated without recording their nodes' values (three-valued, stopping at
 *   the first part that decides an all or an any). A condition's nodes are recorded when
 *   something explains it (open questions, reasons, sa_rule_explain): stamps say which were
 *   recorded in the current evaluation.
 * - Reports, categories, advice and steps: from the touched rules only, by the precedence of
 *   docs/rules-format.md ("Precedence and conflicts"), which this file does not restate; types
 *   are decided as in the plain path (sa_decide_type, over each report's type rules).
 * - Open questions: the rows of decides written last time are cleared, and a question is open
 *   when its row holds a mark.
 */
#include "result.h"

#include <string.h>

_Static_assert(N_CONST < N_FACT && N_CMP < N_FACT && N_IN < N_FACT && N_ALL > N_FACT &&
		       N_ANY > N_FACT && N_NOT > N_FACT,
	       "the tests are the node kinds up to N_FACT");

/* The value of node id under a and facts, nothing recorded; an all or any stops at the first
 * part that decides it (Kleene's logic gives the same value). */
static unsigned char value(const sa_rules *r, const struct sa_answers *a,
			  const unsigned char *facts, uint32_t id)
{
	const struct node *n = &r->nodes[id];
	unsigned char t, acc, stop;
	uint32_t i;

	switch (n->kind) {
	case N_ALL:
	case N_ANY:
		acc = n->kind == N_ALL ? SA_TRUE : SA_FALSE;
		stop = !acc; /* false decides an all, true an any */
		for (i = 0; i < n->n; i++) {
			const struct node *k = &r->nodes[r->kids[n->off + i]];
			t = k->kind <= N_FACT ? sa_node_test(k, a, facts)
					      : value(r, a, facts, r->kids[n->off + i]);
			if (t == stop)
				return t;
			if (t == SA_UNKNOWN)
				acc = SA_UNKNOWN;
		}
		return acc;
	case N_NOT:
		t = value(r, a, facts, r->kids[n->off]);
		return t == SA_UNKNOWN ? SA_UNKNOWN : !t;
	default:
		return sa_node_test(n, a, facts);
	}
}

/* See result.h. */
void sa_result_rule_ensure(const sa_rules *r, const struct sa_result *res, size_t i)
{
	struct sa_result_store *st = res->store;
	if (st->all_evaluated || st->stamp[i] == st->epoch || r->rules[i].when < 0)
		return;
	st->stamp[i] = st->epoch;
	(void)sa_eval_record(r, &res->answers, res->node_tv, res->fact_tv,
			     (uint32_t)r->rules[i].when);
}

/* See result.h. */
void sa_result_fact_ensure(const sa_rules *r, const struct sa_result *res, size_t f)
{
	struct sa_result_store *st = res->store;
	if (st->all_evaluated || st->fact_stamp[f] == st->epoch || r->facts[f].when < 0)
		return;
	st->fact_stamp[f] = st->epoch;
	(void)sa_eval_record(r, &res->answers, res->node_tv, res->fact_tv,
			     (uint32_t)r->facts[f].when);
}

/* See result.h. */
void sa_result_item_on(struct sa_result_store *st, size_t o)
{
	if (!st->item_on[o]) {
		st->item_on[o] = 1;
		st->items_on[st->nitems_on++] = o;
	}
}

static void facts_and_rules(const sa_rules *r, struct sa_result *res, int record)
{
	struct sa_result_store *st = res->store;
	const struct sa_answers *a = &res->answers;
	size_t i, n, q;

	sa_index_answers(r, res);
	for (i = 0; i < r->nfacts; i++) {
		size_t f = r->fact_order[i];
		int32_t w = r->facts[f].when;
		unsigned char t = w < 0 ? SA_TRUE
				: sa_index_fact_false(r, res, f) ? SA_FALSE
				: sa_index_holds(r, res, r->nrules + f) ? SA_TRUE
				: value(r, a, res->fact_tv, (uint32_t)w);
		res->fact_tv[f] = t;
		st->vbit[r->nquestions + f] = t == SA_UNKNOWN ? 0 : 1ull << t;
	}
	for (q = 0; q < r->nquestions; q++) /* recorded: few, and read by no explanation */
		res->applies[q] = r->questions[q].applies_if < 0
				  ? SA_TRUE
				  : sa_eval_record(r, a, res->node_tv, res->fact_tv,
						   (uint32_t)r->questions[q].applies_if);
	for (i = 0; i < st->ntouched; i++)
		res->rule_tv[st->touched[i]] = SA_FALSE;
	n = sa_index_select(r, res, st->touched);
	st->ntouched = 0; /* the list is compacted in place: written at or before where it is read */
	for (i = 0; i < n; i++) {
		uint32_t k = st->touched[i];
		int32_t w = r->rules[k].when;
		unsigned char t;
		if (w < 0 || (!record && sa_index_holds(r, res, k))) {
			t = SA_TRUE;
		} else if (record) { /* its reasons will most likely walk it */
			st->stamp[k] = st->epoch;
			t = sa_eval_record(r, a, res->node_tv, res->fact_tv, (uint32_t)w);
		} else {
			t = value(r, a, res->fact_tv, (uint32_t)w);
		}
		res->rule_tv[k] = t;
		if (t != SA_FALSE)
			st->touched[st->ntouched++] = k;
	}
}

/* The status of a union that a rule of value t joins, from the union's status so far. */
static unsigned char join(unsigned char st, unsigned char t)
{
	if (t == SA_TRUE)
		return SA_RECOMMENDED;
	return st == SA_ABSENT ? SA_POSSIBLE : st;
}

/* Reports: status, action, type and categories from the touched rules. */
static void reports(const sa_rules *r, struct sa_result *res)
{
	const struct sa_result_store *st = res->store;
	unsigned char required[SA_REPORT_COUNT][SA_CAT_COUNT];
	size_t i;
	int rep, c;

	memset(required, 0, sizeof(required));
	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		memset(&res->report[rep], 0, sizeof(res->report[rep]));
		res->report[rep].type_rule = -1;
	}
	for (i = 0; i < st->ntouched; i++) {
		const struct rule *ru = &r->rules[st->touched[i]];
		unsigned char t = res->rule_tv[st->touched[i]];
		struct sa_report_result *rr;
		if (ru->kind > SA_OUT_CRITERIA || ru->report < 0)
			continue;
		rr = &res->report[ru->report];
		if (ru->kind == SA_OUT_RECOMMEND) {
			rr->status = (enum sa_status_kind)join((unsigned char)rr->status, t);
		} else if (ru->kind == SA_OUT_CRITERIA) {
			rr->criteria[ru->target] = join(rr->criteria[ru->target], t);
			if (t == SA_TRUE && ru->basis == SA_BASIS_REQUIRED)
				required[ru->report][ru->target] = 1;
		}
	}
	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		struct sa_report_result *rr = &res->report[rep];
		if (rr->status == SA_ABSENT) { /* categories are shown only with their report */
			memset(rr->criteria, 0, sizeof(rr->criteria));
			continue;
		}
		sa_decide_type(r, res, rep);
		/* a definite category other than security is required when one of its rules
		 * that hold is, else only worth considering */
		for (c = 0; c < SA_CAT_COUNT; c++)
			if (rr->criteria[c] == SA_RECOMMENDED && c != SA_CAT_SECURITY)
				rr->basis[c] = required[rep][c] ? SA_BASIS_REQUIRED : SA_BASIS_CONSIDER;
	}
	for (i = 0; i < st->ntouched; i++) {
		size_t k = st->touched[i];
		const struct rule *ru = &r->rules[k];
		struct sa_report_result *rr;
		if (ru->kind > SA_OUT_CRITERIA || ru->report < 0 ||
		    res->report[ru->report].status == SA_ABSENT)
			continue;
		rr = &res->report[ru->report];
		if (ru->kind == SA_OUT_RECOMMEND) {
			/* a rule that is not false makes the report recommended or possible */
			if (ru->action == SA_ACTION_REQUEST &&
			    (res->rule_tv[k] == SA_TRUE || rr->status == SA_POSSIBLE))
				rr->action = SA_ACTION_REQUEST;
			if (rr->status == SA_POSSIBLE)
				sa_mark_open(r, res, k, SLOT_REPORT(ru->report));
		} else if (ru->kind == SA_OUT_CRITERIA && rr->criteria[ru->target] == SA_POSSIBLE) {
			sa_mark_open(r, res, k, SLOT_CAT(ru->report, ru->target));
		}
	}
}

/* Advice and steps from the touched rules; the items of the last evaluation start absent. */
static void items(const sa_rules *r, struct sa_result *res)
{
	struct sa_result_store *st = res->store;
	size_t na = r->nitems[SA_ITEM_ADVICE], i;

	for (i = 0; i < st->nitems_on; i++) {
		size_t o = st->items_on[i];
		struct sa_item_result *it = o < na ? &res->items[SA_ITEM_ADVICE][o]
						   : &res->items[SA_ITEM_STEP][o - na];
		it->status = SA_ABSENT;
		it->reasons = NULL;
		it->nreasons = 0;
		st->item_on[o] = 0;
	}
	st->nitems_on = 0;
	for (i = 0; i < st->ntouched; i++) {
		const struct rule *ru = &r->rules[st->touched[i]];
		int step = ru->kind == SA_OUT_STEP;
		struct sa_item_result *it;
		if (ru->kind != SA_OUT_ADVICE && !step)
			continue;
		it = &res->items[step ? SA_ITEM_STEP : SA_ITEM_ADVICE][ru->target];
		sa_result_item_on(st, (size_t)ru->target + (step ? na : 0));
		it->status = (enum sa_status_kind)join((unsigned char)it->status,
							res->rule_tv[st->touched[i]]);
	}
	for (i = 0; i < st->ntouched; i++) {
		const struct rule *ru = &r->rules[st->touched[i]];
		int step = ru->kind == SA_OUT_STEP;
		if ((ru->kind == SA_OUT_ADVICE || step) &&
		    res->items[step ? SA_ITEM_STEP : SA_ITEM_ADVICE][ru->target].status == SA_POSSIBLE)
			sa_mark_open(r, res, st->touched[i], sa_rule_slot(r, st->touched[i]));
	}
}

/* See result.h. */
void sa_evaluate_indexed(const sa_rules *r, struct sa_result *res, int record)
{
	struct sa_result_store *st = res->store;
	size_t i, q;

	st->all_evaluated = 0;
	facts_and_rules(r, res, record);
	for (i = 0; i < st->ndirty_rows; i++) {
		q = st->dirty_rows[i];
		memset(res->decides + q * r->nslots, 0, r->nslots);
		st->row_dirty[q] = 0;
	}
	st->ndirty_rows = 0;
	reports(r, res);
	items(r, res);
	/* a question's row holds a mark exactly when it was written since it was cleared */
	for (q = 0; q < r->nquestions; q++)
		res->open[q] = !res->answers.origin[q] && res->applies[q] != SA_FALSE &&
			       st->row_dirty[q];
}
