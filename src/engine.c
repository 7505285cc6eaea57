/*
 * engine.c - three-valued evaluation of answers against compiled rules.
 *
 * Pure: rules and answers in, a result out; no I/O and no allocation after sa_result_init.
 *
 * Two paths give the same result: the plain evaluation here (every fact and rule evaluated with
 * its nodes' values recorded, every outcome scanned), used when the rules have no index or
 * with SA_EVAL_PLAIN, and the indexed one (eval_index.c, index.c), whose cost follows the rules
 * that can hold. The unit test test_index compares them.
 *
 * Logic. An unanswered question is unknown. Comparisons on unknown answers are unknown; all/any/
 * not follow Kleene's strong three-valued logic. Derived facts are evaluated once each, in their
 * stratified order, before any rule.
 *
 * Precedence and conflicts: how recommend, type and criteria rules and unknown answers combine
 * is stated once, in docs/rules-format.md, section "Precedence and conflicts"; this file
 * implements it (union_status and the category loop for the unions, decide_type for the
 * types, the skip of absent reports for what is shown only with its report) and does not
 * restate it.
 *
 * Open questions: an unanswered, applicable question is open when it appears in the unknown part
 * of a rule whose outcome is still undecided (a possible report, category or item; an undecided
 * type of a report that is not absent).
 */
#include "result.h"
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char eval_node(const sa_rules *r, const struct sa_answers *a, unsigned char *tv,
			       const unsigned char *facts, const struct node *n)
{
	uint32_t i;
	unsigned char t, acc;

	switch (n->kind) {
	case N_CONST:
	case N_CMP:
	case N_IN:
	case N_FACT:
		return sa_node_test(n, a, facts);
	case N_ALL:
		acc = SA_TRUE;
		for (i = 0; i < n->n; i++) {
			t = sa_eval_record(r, a, tv, facts, r->kids[n->off + i]);
			if (t == SA_FALSE)
				acc = SA_FALSE;
			else if (t == SA_UNKNOWN && acc == SA_TRUE)
				acc = SA_UNKNOWN;
		}
		return acc;
	case N_ANY:
		acc = SA_FALSE;
		for (i = 0; i < n->n; i++) {
			t = sa_eval_record(r, a, tv, facts, r->kids[n->off + i]);
			if (t == SA_TRUE)
				acc = SA_TRUE;
			else if (t == SA_UNKNOWN && acc == SA_FALSE)
				acc = SA_UNKNOWN;
		}
		return acc;
	case N_NOT:
		t = sa_eval_record(r, a, tv, facts, r->kids[n->off]);
		return t == SA_UNKNOWN ? SA_UNKNOWN : !t;
	}
	return SA_UNKNOWN;
}

/*
 * Evaluate node id and record every node's value in tv (no short-circuit: explanations need
 * them); a NULL tv records nothing.
 */
/* See result.h. */
unsigned char sa_eval_record(const sa_rules *r, const struct sa_answers *a, unsigned char *tv,
			     const unsigned char *facts, uint32_t id)
{
	unsigned char t = eval_node(r, a, tv, facts, &r->nodes[id]);
	if (tv)
		tv[id] = t;
	return t;
}

/* See internal.h. */
unsigned char sa_cond_value(const sa_rules *r, const struct sa_result *res, uint32_t id)
{
	return sa_eval_record(r, &res->answers, NULL, res->fact_tv, id);
}

static unsigned char eval_opt(const sa_rules *r, const struct sa_answers *a, unsigned char *tv,
			      const unsigned char *facts, int32_t id)
{
	return id < 0 ? SA_TRUE : sa_eval_record(r, a, tv, facts, (uint32_t)id);
}

int sa_result_init(struct sa_result *res, const sa_rules *r)
{
	size_t nq = r->nquestions;
	memset(res, 0, sizeof(*res));
	res->rules = r;
	if (sa_answers_init(&res->answers, r) != SA_OK)
		goto nomem;
	res->fact_tv = sa_calloc(r->nfacts, 1);
	res->rule_tv = sa_calloc(r->nrules, 1);
	res->applies = sa_calloc(nq, 1);
	res->items[SA_ITEM_ADVICE] = sa_calloc(r->nitems[SA_ITEM_ADVICE], sizeof(struct sa_item_result));
	res->items[SA_ITEM_STEP] = sa_calloc(r->nitems[SA_ITEM_STEP], sizeof(struct sa_item_result));
	res->node_tv = sa_calloc(r->nnodes, 1);
	res->nslots = r->nslots;
	res->decides = sa_calloc(nq * r->nslots, 1);
	res->open = sa_calloc(nq, 1);
	if (!res->fact_tv || !res->rule_tv || !res->applies || !res->items[SA_ITEM_ADVICE] ||
	    !res->items[SA_ITEM_STEP] || !res->node_tv || !res->decides || !res->open ||
	    sa_result_store_new(res, r) != SA_OK)
		goto nomem;
	return SA_OK;
nomem:
	sa_result_release(res);
	return SA_ERR_NOMEM;
}

void sa_result_release(struct sa_result *res)
{
	sa_answers_release(&res->answers);
	free(res->fact_tv);
	free(res->rule_tv);
	free(res->applies);
	free(res->items[0]);
	free(res->items[1]);
	free(res->node_tv);
	free(res->decides);
	free(res->open);
	sa_result_store_free(res->store);
	memset(res, 0, sizeof(*res));
}

/* Status of a union of rules. */
static enum sa_status_kind union_status(const struct sa_result *res, const size_t *rules, size_t n)
{
	enum sa_status_kind st = SA_ABSENT;
	size_t i;
	for (i = 0; i < n; i++) {
		if (res->rule_tv[rules[i]] == SA_TRUE)
			return SA_RECOMMENDED;
		if (res->rule_tv[rules[i]] == SA_UNKNOWN)
			st = SA_POSSIBLE;
	}
	return st;
}

/* See result.h. */
static void explain_walk(const sa_rules *r, const struct sa_result *res, uint32_t id,
			 unsigned char *used, unsigned char *open, struct sa_qlist *l)
{
	const struct node *n = &r->nodes[id];
	unsigned char *m;
	unsigned char t = res->node_tv[id];
	uint32_t i;

	switch (n->kind) {
	case N_CONST:
		return;
	case N_CMP:
	case N_IN:
		m = res->answers.origin[n->q] ? used : res->applies[n->q] != SA_FALSE ? open : NULL;
		if (m && !m[n->q]) {
			m[n->q] = 1;
			if (l)
				l->q[l->n++] = (size_t)n->q;
		}
		return;
	case N_FACT:
		if (r->facts[n->q].when >= 0 && !res->store->fact_seen[n->q]) {
			sa_result_fact_ensure(r, res, (size_t)n->q);
			res->store->fact_seen[n->q] = 1;
			res->store->facts_seen[res->store->nfacts_seen++] = (size_t)n->q;
			explain_walk(r, res, (uint32_t)r->facts[n->q].when, used, open, l);
		}
		return;
	case N_NOT:
		explain_walk(r, res, r->kids[n->off], used, open, l);
		return;
	case N_ALL:
	case N_ANY:
		for (i = 0; i < n->n; i++) {
			uint32_t k = r->kids[n->off + i];
			unsigned char kt = res->node_tv[k];
			/* a true all and a false any need every part; otherwise only the parts
			 * that share the whole's value decided it */
			int all_parts = (n->kind == N_ALL && t == SA_TRUE) ||
					(n->kind == N_ANY && t == SA_FALSE);
			if (all_parts || kt == t)
				explain_walk(r, res, k, used, open, l);
		}
		return;
	}
}

/* See result.h: the walk, then the fact marks cleared for the next one. */
void sa_explain_node(const sa_rules *r, const struct sa_result *res, uint32_t id,
		     unsigned char *used, unsigned char *open, struct sa_qlist *l)
{
	struct sa_result_store *st = res->store;
	explain_walk(r, res, id, used, open, l);
	while (st->nfacts_seen)
		st->fact_seen[st->facts_seen[--st->nfacts_seen]] = 0;
}

void sa_rule_explain(const sa_rules *r, const struct sa_result *res, size_t rule,
		     unsigned char *used, unsigned char *open)
{
	int32_t w = r->rules[rule].when;
	sa_result_rule_ensure(r, res, rule);
	if (w >= 0)
		sa_explain_node(r, res, (uint32_t)w, used, open, NULL);
}

/* See result.h. */
void sa_mark_open(const sa_rules *r, struct sa_result *res, size_t rule, size_t slot)
{
	int32_t w = r->rules[rule].when;
	struct sa_qlist l = { res->store->qbuf, 0 };
	size_t i;
	if (w < 0 || res->rule_tv[rule] != SA_UNKNOWN)
		return;
	sa_result_rule_ensure(r, res, rule);
	sa_explain_node(r, res, (uint32_t)w, NULL, res->store->scratch, &l);
	for (i = 0; i < l.n; i++) {
		sa_result_set_decides(res, l.q[i], slot);
		res->store->scratch[l.q[i]] = 0;
	}
}

/*
 * The type of report rep (docs/rules-format.md, "Precedence and conflicts", rule 2).
 * type_open is set while an unknown rule stands before the first rule that holds, or no rule
 * holds and one is unknown; when every rule is false no type applies and nothing is open.
 */
void sa_decide_type(const sa_rules *r, struct sa_result *res, int rep)
{
	struct sa_report_result *rr = &res->report[rep];
	const size_t *tr = r->by_report[rep][SA_OUT_TYPE];
	size_t n = r->nby_report[rep][SA_OUT_TYPE], i;
	int blocked = 0;

	for (i = 0; i < n; i++) {
		unsigned char t = res->rule_tv[tr[i]];
		if (t == SA_UNKNOWN) {
			blocked = 1;
			sa_mark_open(r, res, tr[i], SLOT_TYPE(rep));
		} else if (t == SA_TRUE) {
			if (!blocked) {
				const struct rule *ru = &r->rules[tr[i]];
				rr->type = ru->type;
				rr->observation_months = ru->observation_months;
				rr->then = ru->then;
				rr->timing = ru->timing;
				rr->type_rule = (int)tr[i];
			}
			break;
		}
	}
	rr->type_open = blocked;
}

/* See result.h. */
void sa_result_set_decides(struct sa_result *res, size_t q, size_t slot)
{
	struct sa_result_store *st = res->store;
	res->decides[q * res->nslots + slot] = 1;
	if (!st->row_dirty[q]) {
		st->row_dirty[q] = 1;
		st->dirty_rows[st->ndirty_rows++] = q;
	}
}

/* Every rule's value and its nodes' values (the plain path). */
static void rules_plain(const sa_rules *r, struct sa_result *res)
{
	struct sa_result_store *st = res->store;
	size_t i;
	st->ntouched = 0;
	for (i = 0; i < r->nrules; i++) {
		unsigned char t = eval_opt(r, &res->answers, res->node_tv, res->fact_tv,
					   r->rules[i].when);
		res->rule_tv[i] = t;
		if (t != SA_FALSE) /* what an indexed evaluation after this one resets */
			st->touched[st->ntouched++] = (uint32_t)i;
	}
}

/* The items' statuses and open questions from every rule (the reference for items_indexed). */
static void items_plain(const sa_rules *r, struct sa_result *res)
{
	struct sa_result_store *st = res->store;
	size_t i, k, na = r->nitems[SA_ITEM_ADVICE];

	for (i = 0; i < 2; i++) {
		for (k = 0; k < r->nitems[i]; k++) {
			res->items[i][k].status = SA_ABSENT;
			res->items[i][k].reasons = NULL;
			res->items[i][k].nreasons = 0;
		}
	}
	for (i = 0; i < r->nrules; i++) {
		const struct rule *ru = &r->rules[i];
		struct sa_item_result *it;
		if (ru->kind != SA_OUT_ADVICE && ru->kind != SA_OUT_STEP)
			continue;
		it = &res->items[ru->kind == SA_OUT_ADVICE ? SA_ITEM_ADVICE : SA_ITEM_STEP]
				[ru->target];
		if (res->rule_tv[i] == SA_TRUE)
			it->status = SA_RECOMMENDED;
		else if (res->rule_tv[i] == SA_UNKNOWN && it->status == SA_ABSENT)
			it->status = SA_POSSIBLE;
	}
	for (i = 0; i < r->nrules; i++) {
		const struct rule *ru = &r->rules[i];
		enum sa_item_kind ik = ru->kind == SA_OUT_ADVICE ? SA_ITEM_ADVICE : SA_ITEM_STEP;
		if ((ru->kind == SA_OUT_ADVICE || ru->kind == SA_OUT_STEP) &&
		    res->items[ik][ru->target].status == SA_POSSIBLE)
			sa_mark_open(r, res, i, sa_rule_slot(r, i));
	}
	/* the bookkeeping an indexed evaluation after this one resets from */
	for (i = 0; i < st->nitems_on; i++)
		st->item_on[st->items_on[i]] = 0;
	st->nitems_on = 0;
	for (i = 0; i < 2; i++)
		for (k = 0; k < r->nitems[i]; k++)
			if (res->items[i][k].status != SA_ABSENT)
				sa_result_item_on(st, k + (i == SA_ITEM_STEP ? na : 0));
}

/* Every report's status, action, type and categories from every rule (the plain path). */
static void reports_plain(const sa_rules *r, struct sa_result *res)
{
	size_t i;
	int rep, c;

	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		struct sa_report_result *rr = &res->report[rep];
		const size_t *rec = r->by_report[rep][SA_OUT_RECOMMEND];
		size_t nrec = r->nby_report[rep][SA_OUT_RECOMMEND];
		const size_t *cr = r->by_report[rep][SA_OUT_CRITERIA];
		size_t ncr = r->nby_report[rep][SA_OUT_CRITERIA];

		memset(rr, 0, sizeof(*rr));
		rr->type_rule = -1;
		rr->status = union_status(res, rec, nrec);
		if (rr->status == SA_ABSENT)
			continue;
		for (i = 0; i < nrec; i++) {
			const struct rule *ru = &r->rules[rec[i]];
			unsigned char t = res->rule_tv[rec[i]];
			if (ru->action == SA_ACTION_REQUEST &&
			    (t == SA_TRUE || (rr->status == SA_POSSIBLE && t == SA_UNKNOWN)))
				rr->action = SA_ACTION_REQUEST;
			if (rr->status == SA_POSSIBLE)
				sa_mark_open(r, res, rec[i], SLOT_REPORT(rep));
		}
		sa_decide_type(r, res, rep);
		for (c = 0; c < SA_CAT_COUNT; c++) {
			enum sa_status_kind st = SA_ABSENT;
			for (i = 0; i < ncr && st != SA_RECOMMENDED; i++) {
				if (r->rules[cr[i]].target != c)
					continue;
				if (res->rule_tv[cr[i]] == SA_TRUE)
					st = SA_RECOMMENDED;
				else if (res->rule_tv[cr[i]] == SA_UNKNOWN)
					st = SA_POSSIBLE;
			}
			rr->criteria[c] = (unsigned char)st;
			/* a definite category other than security is required when one of its rules
			 * that hold is, else only worth considering */
			if (st == SA_RECOMMENDED && c != SA_CAT_SECURITY) {
				rr->basis[c] = SA_BASIS_CONSIDER;
				for (i = 0; i < ncr; i++)
					if (r->rules[cr[i]].target == c &&
					    res->rule_tv[cr[i]] == SA_TRUE &&
					    r->rules[cr[i]].basis == SA_BASIS_REQUIRED)
						rr->basis[c] = SA_BASIS_REQUIRED;
			}
			if (st == SA_POSSIBLE)
				for (i = 0; i < ncr; i++)
					if (r->rules[cr[i]].target == c)
						sa_mark_open(r, res, cr[i], SLOT_CAT(rep, c));
		}
	}
}

/*
 * The plain evaluation: every fact and rule evaluated with its nodes' values recorded, every
 * outcome and every slot scanned. The reference the indexed evaluation (eval_index.c) equals.
 */
static void evaluate_plain(const sa_rules *r, struct sa_result *res)
{
	struct sa_result_store *st = res->store;
	const struct sa_answers *a = &res->answers;
	size_t i, q, s, nq = r->nquestions;

	st->all_evaluated = 1;
	for (i = 0; i < r->nfacts; i++) {
		size_t f = r->fact_order[i];
		res->fact_tv[f] = eval_opt(r, a, res->node_tv, res->fact_tv, r->facts[f].when);
	}
	for (q = 0; q < nq; q++)
		res->applies[q] = eval_opt(r, a, res->node_tv, res->fact_tv,
					   r->questions[q].applies_if);
	rules_plain(r, res);
	memset(res->decides, 0, nq * r->nslots);
	for (i = 0; i < st->ndirty_rows; i++) /* rows an indexed evaluation after this resets */
		st->row_dirty[st->dirty_rows[i]] = 0;
	st->ndirty_rows = 0;
	reports_plain(r, res);
	items_plain(r, res);
	for (q = 0; q < nq; q++) {
		res->open[q] = 0;
		if (a->origin[q] || res->applies[q] == SA_FALSE)
			continue;
		for (s = 0; s < r->nslots; s++)
			if (res->decides[q * r->nslots + s]) {
				res->open[q] = 1;
				break;
			}
	}
}

void sa_evaluate(const sa_rules *r, const struct sa_answers *answers, struct sa_result *res)
{
	sa_evaluate_ex(r, answers, res, 0);
}

void sa_evaluate_ex(const sa_rules *r, const struct sa_answers *answers, struct sa_result *res,
		    unsigned flags)
{
	struct sa_answers *a = &res->answers;
	struct sa_result_store *st = res->store;
	size_t q, nq = r->nquestions;

	/* answers, with defaults for the unanswered questions that have one */
	for (q = 0; q < nq; q++) {
		if (answers->origin[q] == SA_ORIGIN_UNKNOWN) {
			/* "I don't know": unknown, and no default stands in for it */
			a->value[q] = 0;
			a->origin[q] = SA_ORIGIN_NONE;
		} else if (answers->origin[q]) {
			a->value[q] = answers->value[q];
			a->origin[q] = answers->origin[q];
		} else if (r->questions[q].has_default && !(flags & SA_EVAL_NO_DEFAULTS)) {
			a->value[q] = r->questions[q].def;
			a->origin[q] = SA_ORIGIN_DEFAULT;
		} else {
			a->value[q] = 0;
			a->origin[q] = SA_ORIGIN_NONE;
		}
	}
	if (++st->epoch == 0) { /* stamps of an evaluation 2^32 ago would look current */
		memset(st->stamp, 0, r->nrules * sizeof(*st->stamp));
		memset(st->fact_stamp, 0, r->nfacts * sizeof(*st->fact_stamp));
		st->epoch = 1;
	}
	if (!r->index || (flags & SA_EVAL_PLAIN))
		evaluate_plain(r, res);
	else
		sa_evaluate_indexed(r, res, !(flags & SA_EVAL_NO_REASONS));
	sa_plan_compute(r, res); /* the dated plan is part of the finished result */
	if (r->timeline && r->timeline->deadline_item >= 0) /* the planner may make it possible */
		sa_result_item_on(st, (size_t)r->timeline->deadline_item);
	if (!(flags & SA_EVAL_NO_REASONS))
		sa_result_build_reasons(r, res);
}

size_t sa_slot_count(const sa_rules *r)
{
	return r->nslots;
}

const char *sa_slot_name(const sa_rules *r, size_t slot, char *buf, size_t size)
{
	if (slot < SA_REPORT_COUNT)
		snprintf(buf, size, "%s", sa_report_id((enum sa_report)slot));
	else if (slot < SA_REPORT_COUNT * 2)
		snprintf(buf, size, "%s:type", sa_report_id((enum sa_report)(slot - SA_REPORT_COUNT)));
	else if (slot < SLOT_ITEM0) {
		size_t k = slot - SA_REPORT_COUNT * 2;
		snprintf(buf, size, "%s:%s", sa_report_id((enum sa_report)(k / SA_CAT_COUNT)),
			 sa_category_id((enum sa_category)(k % SA_CAT_COUNT)));
	} else if (slot < SLOT_ITEM0 + r->nitems[SA_ITEM_ADVICE])
		snprintf(buf, size, "advice:%s", r->items[SA_ITEM_ADVICE][slot - SLOT_ITEM0].id);
	else if (slot < r->nslots)
		snprintf(buf, size, "step:%s",
			 r->items[SA_ITEM_STEP][slot - SLOT_ITEM0 - r->nitems[SA_ITEM_ADVICE]].id);
	else
		snprintf(buf, size, "?");
	return buf;
}

int sa_result_decides(const struct sa_result *res, size_t q, size_t slot)
{
	return res->decides[q * res->nslots + slot];
}

int sa_result_is_open(const struct sa_result *res, size_t q)
{
	return res->open[q];
}

size_t sa_rule_slot(const sa_rules *r, size_t i)
{
	const struct rule *ru = &r->rules[i];
	switch (ru->kind) {
	case SA_OUT_RECOMMEND:
		return SLOT_REPORT(ru->report);
	case SA_OUT_TYPE:
		return SLOT_TYPE(ru->report);
	case SA_OUT_CRITERIA:
		return SLOT_CAT(ru->report, ru->target);
	case SA_OUT_ADVICE:
		return SLOT_ITEM0 + (size_t)ru->target;
	case SA_OUT_STEP:
		return SLOT_ITEM0 + r->nitems[SA_ITEM_ADVICE] + (size_t)ru->target;
	}
	return 0;
}

static int matches(enum sa_status_kind st, unsigned char tv)
{
	return (st == SA_RECOMMENDED && tv == SA_TRUE) || (st == SA_POSSIBLE && tv == SA_UNKNOWN);
}

int sa_rule_is_reason(const sa_rules *r, const struct sa_result *res, size_t i)
{
	const struct rule *ru = &r->rules[i];
	unsigned char tv = res->rule_tv[i];
	switch (ru->kind) {
	case SA_OUT_RECOMMEND:
		return matches(res->report[ru->report].status, tv);
	case SA_OUT_TYPE:
		return res->report[ru->report].status != SA_ABSENT &&
		       res->report[ru->report].type_rule == (int)i;
	case SA_OUT_CRITERIA:
		return res->report[ru->report].status != SA_ABSENT &&
		       matches(res->report[ru->report].criteria[ru->target], tv);
	case SA_OUT_ADVICE:
		return matches(res->items[SA_ITEM_ADVICE][ru->target].status, tv);
	case SA_OUT_STEP:
		return matches(res->items[SA_ITEM_STEP][ru->target].status, tv);
	}
	return 0;
}
