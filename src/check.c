/*
 * check.c - lint a loaded rules file (--check): the problems the loader cannot reject because
 * the file is valid, each a warning with the position of the entry concerned and a stable code.
 *
 * The table-level checks (unused questions and facts, items no rule produces, sources no rule
 * or invariant cites) are scans. The checks about what conditions can do (rules that never
 * fire, shadowed and duplicate rules, type rules that never decide, rules reading a question
 * that may not be asked, gaps and overlaps in exclusive groups) are exact: each is a search of
 * the finite answer space over the questions involved (space.c), never a heuristic.
 */
#include "sa_check.h"
#include "cond_walk.h"
#include "space.h"
#include "plan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct checker {
	const sa_rules *r;
	const char *file;
	struct sa_diags *d;
	unsigned char *fires; /* per rule: its condition can hold */
	struct space_budget budget; /* shared by every search of the run */
	unsigned at_line, at_col;   /* the entry being checked, for a budget that runs out */
	int nomem;            /* an allocation failed: sa_rules_check returns SA_ERR_NOMEM */
};

/* Note the entry the next searches are about. */
static void at(struct checker *c, unsigned line, unsigned col)
{
	c->at_line = line;
	c->at_col = col;
}

static void warn(struct checker *c, unsigned line, unsigned col, const char *code,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void warn(struct checker *c, unsigned line, unsigned col, const char *code,
		 const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (sa_diags_add(c->d, SA_SEV_WARNING, c->file, line, col, code, "%s", msg) != SA_OK)
		c->nomem = 1;
}

/* ---- answers as command-line flags ------------------------------------------------------------ */

const char *sa_answer_flag(const sa_rules *r, size_t q, int32_t value, char *buf, size_t size)
{
	const struct question *qq = &r->questions[q];
	char fl[SA_FLAG_SIZE], val[SA_VALUE_SIZE];
	if (!size)
		return buf;
	sa_question_flag(qq->id, 0, fl, sizeof(fl));
	if (qq->type == SA_Q_BOOL)
		snprintf(buf, size, "--%s%s", value ? "" : "no-", fl);
	else
		snprintf(buf, size, "--%s=%s", fl,
			 sa_question_format_value(r, q, value, val, sizeof(val)));
	return buf;
}

const char *sa_answers_format_flags(const sa_rules *r, const struct sa_answers *a, char *buf,
				    size_t size)
{
	size_t q, len = 0;
	if (!size)
		return buf;
	buf[0] = '\0';
	for (q = 0; q < r->nquestions && len < size; q++) {
		char fl[SA_ANSWER_FLAG_SIZE];
		if (a->origin[q] != SA_ORIGIN_GIVEN && a->origin[q] != SA_ORIGIN_UNKNOWN)
			continue;
		if (a->origin[q] == SA_ORIGIN_UNKNOWN) {
			char id[SA_FLAG_SIZE];
			snprintf(fl, sizeof(fl), "--%s=unknown",
				 sa_question_flag(r->questions[q].id, 0, id, sizeof(id)));
		} else {
			sa_answer_flag(r, q, a->value[q], fl, sizeof(fl));
		}
		len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? " " : "", fl);
	}
	return buf;
}

/* ---- scans -------------------------------------------------------------------------------------- */

static void check_unused(struct checker *c)
{
	const sa_rules *r = c->r;
	unsigned char *qused = sa_calloc(r->nquestions, 1), *fused = sa_calloc(r->nfacts, 1);
	unsigned char *qself = sa_calloc(r->nquestions, 1), *fself = sa_calloc(r->nfacts, 1);
	size_t i, k;

	if (!qused || !fused || !qself || !fself) {
		c->nomem = 1;
		goto out;
	}

	for (i = 0; i < r->nrules; i++)
		cond_direct_refs(r, r->rules[i].when, qused, fused);
	/* a question's or a fact's reference to itself does not count as a use */
	for (i = 0; i < r->nquestions; i++) {
		memset(qself, 0, r->nquestions);
		cond_direct_refs(r, r->questions[i].applies_if, qself, fused);
		for (k = 0; k < r->nquestions; k++)
			if (qself[k] && k != i)
				qused[k] = 1;
	}
	for (i = 0; i < r->nfacts; i++) {
		memset(fself, 0, r->nfacts);
		cond_direct_refs(r, r->facts[i].when, qused, fself);
		for (k = 0; k < r->nfacts; k++)
			if (fself[k] && k != i)
				fused[k] = 1;
	}
	sa_timeline_mark_used(r, qused); /* the planner reads them */
	for (i = 0; i < r->nquestions; i++)
		if (!qused[i])
			warn(c, r->questions[i].line, r->questions[i].col, "unused-question",
			     "question '%s' is never used by a condition", r->questions[i].id);
	for (i = 0; i < r->nfacts; i++)
		if (!fused[i])
			warn(c, r->facts[i].line, r->facts[i].col, "unused-fact",
			     "derived fact '%s' is never used by a condition", r->facts[i].id);
out:
	free(qused);
	free(fused);
	free(qself);
	free(fself);
}

static void check_unproduced(struct checker *c)
{
	const sa_rules *r = c->r;
	size_t k, i, j;
	for (k = 0; k < 2; k++)
		for (i = 0; i < r->nitems[k]; i++) {
			enum sa_outcome_kind want = k == SA_ITEM_ADVICE ? SA_OUT_ADVICE : SA_OUT_STEP;
			for (j = 0; j < r->nrules; j++)
				if (r->rules[j].kind == want && r->rules[j].target == (int)i)
					break;
			if (j == r->nrules && !(k == SA_ITEM_ADVICE && sa_timeline_produces(r, i)))
				warn(c, r->items[k][i].line, r->items[k][i].col, "unproduced-item",
				     "%s '%s' is never produced by a rule",
				     k == SA_ITEM_ADVICE ? "advice item" : "step", r->items[k][i].id);
		}
}

static void check_uncited(struct checker *c)
{
	const sa_rules *r = c->r;
	unsigned char *cited = sa_calloc(r->nsources, 1);
	size_t i, j;
	if (!cited) {
		c->nomem = 1;
		return;
	}
	for (i = 0; i < r->nrules; i++)
		for (j = 0; j < r->rules[i].nsources; j++)
			cited[r->rules[i].sources[j]] = 1;
	for (i = 0; i < r->ninvariants; i++)
		for (j = 0; j < r->invariants[i].nsources; j++)
			cited[r->invariants[i].sources[j]] = 1;
	sa_timeline_mark_cited(r, cited);
	for (i = 0; i < r->nsources; i++)
		if (!cited[i])
			warn(c, r->sources[i].line, r->sources[i].col, "uncited-source",
			     "source '%s' is never cited", r->sources[i].id);
	free(cited);
}

/* ---- searches ----------------------------------------------------------------------------------- */

/* A condition to search for: a conjunction of rules and facts that must hold or must not. */
#define MAX_TERMS 64
struct term {
	unsigned char is_fact;
	unsigned char want; /* SA_TRUE or SA_FALSE */
	size_t index;
};
struct conj {
	size_t n;
	struct term t[MAX_TERMS];
};

static void conj_add(struct conj *cj, int is_fact, size_t index, unsigned char want)
{
	if (cj->n < MAX_TERMS) {
		cj->t[cj->n].is_fact = (unsigned char)is_fact;
		cj->t[cj->n].index = index;
		cj->t[cj->n].want = want;
		cj->n++;
	}
}

/* Kleene AND of the terms; exact at leaves, sound at inner nodes (monotonicity). */
static unsigned char conj_pred(void *ctx, const struct sa_result *res, int leaf)
{
	const struct conj *cj = ctx;
	unsigned char acc = SA_TRUE;
	size_t i;
	(void)leaf;
	for (i = 0; i < cj->n; i++) {
		unsigned char v = cj->t[i].is_fact ? res->fact_tv[cj->t[i].index] :
						     res->rule_tv[cj->t[i].index];
		if (v == SA_UNKNOWN)
			acc = SA_UNKNOWN;
		else if (v != cj->t[i].want)
			return SA_FALSE;
	}
	return acc;
}

/* What the conjunction can still depend on (space_live): its undecided terms. */
static void conj_live(void *ctx, const struct sa_result *res, unsigned char *rules,
		      unsigned char *questions)
{
	const struct conj *cj = ctx;
	size_t i;
	for (i = 0; i < cj->n; i++) {
		if (!cj->t[i].is_fact)
			rules[cj->t[i].index] = 1;
		else if (res->fact_tv[cj->t[i].index] == SA_UNKNOWN)
			cond_questions(res->rules, res->rules->facts[cj->t[i].index].when, questions);
	}
}

static int conj_keep(void *ctx, const struct sa_result *res)
{
	return conj_pred(ctx, res, 1) == SA_TRUE;
}

static int32_t term_when(const sa_rules *r, const struct term *t)
{
	return t->is_fact ? r->facts[t->index].when : r->rules[t->index].when;
}

/*
 * Is there an answer set where the conjunction holds? Enumerates the questions its terms read,
 * with fixq (if not (size_t)-1) fixed to fixv. On success and when example is not NULL, writes a
 * minimal such answer set as flags into example. Out of memory: 0, with c->nomem set.
 */
static int satisfiable(struct checker *c, const struct conj *cj, size_t fixq, int32_t fixv,
		       char *example, size_t size)
{
	const sa_rules *r = c->r;
	unsigned char *mark = c->nomem ? NULL : sa_calloc(r->nquestions, 1);
	struct space s;
	struct sa_answers w;
	size_t i;
	int found;
	if (!mark) {
		c->nomem = 1;
		return 0;
	}
	for (i = 0; i < cj->n; i++)
		cond_questions(r, term_when(r, &cj->t[i]), mark);
	if (fixq != (size_t)-1)
		mark[fixq] = 0;
	if (space_init(&s, r, mark, 0) != SA_OK || space_set_live(&s, conj_live) != SA_OK ||
	    sa_answers_init(&w, r) != SA_OK) {
		space_release(&s);
		free(mark);
		c->nomem = 1;
		return 0;
	}
	s.budget = &c->budget;
	if (fixq != (size_t)-1)
		space_fix(&s, fixq, fixv);
	found = space_find(&s, conj_pred, (void *)cj, &w);
	if (found > 0 && example) {
		space_minimize(r, &w, &s.res, conj_keep, (void *)cj);
		sa_answers_format_flags(r, &w, example, size);
	}
	sa_answers_release(&w);
	space_release(&s);
	free(mark);
	return found > 0;
}

static void check_never_fires(struct checker *c)
{
	const sa_rules *r = c->r;
	size_t i;
	for (i = 0; i < r->nrules; i++) {
		struct conj cj = { 0 };
		if (r->rules[i].when < 0) {
			c->fires[i] = 1;
			continue;
		}
		conj_add(&cj, 0, i, SA_TRUE);
		at(c, r->rules[i].line, r->rules[i].col);
		c->fires[i] = (unsigned char)satisfiable(c, &cj, (size_t)-1, 0, NULL, 0);
		if (c->budget.exhausted || c->nomem)
			return;
		if (!c->fires[i])
			warn(c, r->rules[i].line, r->rules[i].col, "never-fires",
			     "rule '%s' can never apply: its condition is false for every answer set",
			     r->rules[i].id);
	}
}

/*
 * The same outcome under the union rule: same kind, report, target and action; for a criteria
 * rule, b's basis is as strong as a's (a required rule is never redundant next to a consider one).
 */
static int same_outcome(const struct rule *a, const struct rule *b)
{
	return a->kind == b->kind && a->kind != SA_OUT_TYPE && a->report == b->report &&
	       a->target == b->target && a->action == b->action &&
	       (a->basis == b->basis || b->basis == SA_BASIS_REQUIRED);
}

/* Does rule a's condition imply rule b's (no answer set where a holds and b does not)? */
static int implies(struct checker *c, size_t a, size_t b)
{
	const sa_rules *r = c->r;
	struct conj cj = { 0 };
	if (r->rules[b].when < 0)
		return 1;
	conj_add(&cj, 0, a, SA_TRUE);
	conj_add(&cj, 0, b, SA_FALSE);
	return !satisfiable(c, &cj, (size_t)-1, 0, NULL, 0) && !c->nomem;
}

static void check_shadowed(struct checker *c)
{
	const sa_rules *r = c->r;
	size_t a, b;
	for (a = 0; a < r->nrules; a++) {
		if (!c->fires[a])
			continue;
		at(c, r->rules[a].line, r->rules[a].col);
		for (b = 0; b < r->nrules; b++) {
			const struct rule *ra = &r->rules[a], *rb = &r->rules[b];
			if (a == b || !c->fires[b] || !same_outcome(ra, rb) || !implies(c, a, b))
				continue;
			/* equivalent rules: report the later one only */
			if (b > a && implies(c, b, a) && same_outcome(rb, ra))
				continue;
			if (c->budget.exhausted || c->nomem)
				return;
			if (cond_equal(r, ra->when, rb->when))
				warn(c, ra->line, ra->col, "duplicate-rule",
				     "rule '%s' duplicates rule '%s': the same condition and outcome",
				     ra->id, rb->id);
			else
				warn(c, ra->line, ra->col, "shadowed-rule",
				     "rule '%s' is shadowed by rule '%s': whenever it holds, '%s' holds too, with the same outcome",
				     ra->id, rb->id, rb->id);
			break;
		}
	}
}

static void check_type_order(struct checker *c)
{
	const sa_rules *r = c->r;
	int rep;
	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		const size_t *tr = r->by_report[rep][SA_OUT_TYPE];
		size_t n = r->nby_report[rep][SA_OUT_TYPE], j, i;
		for (j = 1; j < n; j++) {
			const struct rule *rj = &r->rules[tr[j]];
			struct conj cj = { 0 };
			if (!c->fires[tr[j]])
				continue;
			at(c, rj->line, rj->col);
			conj_add(&cj, 0, tr[j], SA_TRUE);
			for (i = 0; i < j; i++)
				conj_add(&cj, 0, tr[i], SA_FALSE);
			if (satisfiable(c, &cj, (size_t)-1, 0, NULL, 0) || c->nomem)
				continue;
			for (i = 0; i < j; i++)
				if (c->fires[tr[i]] && implies(c, tr[j], tr[i]))
					break;
			if (c->budget.exhausted || c->nomem)
				return;
			if (i < j && cond_equal(r, rj->when, r->rules[tr[i]].when) &&
			    rj->type == r->rules[tr[i]].type &&
			    rj->then.type == r->rules[tr[i]].then.type)
				warn(c, rj->line, rj->col, "duplicate-rule",
				     "rule '%s' duplicates rule '%s': the same condition and outcome",
				     rj->id, r->rules[tr[i]].id);
			else if (i < j)
				warn(c, rj->line, rj->col, "type-shadowed",
				     "type rule '%s' never decides the type of %s: whenever it holds, the earlier type rule '%s' holds too (types are first-match)",
				     rj->id, sa_report_id((enum sa_report)rep), r->rules[tr[i]].id);
			else
				warn(c, rj->line, rj->col, "type-shadowed",
				     "type rule '%s' never decides the type of %s: whenever it holds, one of the earlier type rules holds too (types are first-match)",
				     rj->id, sa_report_id((enum sa_report)rep));
		}
	}
}

/* ---- a rule reading a question that may not be asked ------------------------------------------- */

struct unasked {
	const sa_rules *r;
	size_t rule, q;
	int32_t *vals;         /* the values of q, for keep */
	size_t nvals;
	struct sa_answers *a;  /* the answers being minimized, for keep */
	struct sa_answers tmp;
	struct sa_result res2;
};

/* rule's outcome is shown undecided because the rule is unknown (at a leaf) */
static int outcome_open(const sa_rules *r, const struct sa_result *res, size_t rule)
{
	const struct rule *ru = &r->rules[rule];
	const struct sa_report_result *rr = ru->report >= 0 ? &res->report[ru->report] : NULL;
	size_t i;
	switch (ru->kind) {
	case SA_OUT_RECOMMEND:
		return rr->status == SA_POSSIBLE;
	case SA_OUT_CRITERIA:
		return rr->status != SA_ABSENT && rr->criteria[ru->target] == SA_POSSIBLE;
	case SA_OUT_TYPE:
		if (rr->status == SA_ABSENT || rr->type_rule >= 0)
			return 0;
		for (i = 0; i < r->nby_report[ru->report][SA_OUT_TYPE]; i++) {
			size_t k = r->by_report[ru->report][SA_OUT_TYPE][i];
			if (k == rule)
				return 1;
			if (res->rule_tv[k] != SA_FALSE)
				return 0;
		}
		return 0;
	case SA_OUT_ADVICE:
		return res->items[SA_ITEM_ADVICE][ru->target].status == SA_POSSIBLE;
	case SA_OUT_STEP:
		return res->items[SA_ITEM_STEP][ru->target].status == SA_POSSIBLE;
	}
	return 0;
}

static unsigned char unasked_pred(void *ctx, const struct sa_result *res, int leaf)
{
	const struct unasked *u = ctx;
	if (res->applies[u->q] == SA_TRUE || res->rule_tv[u->rule] != SA_UNKNOWN)
		return SA_FALSE;
	if (!leaf)
		return SA_UNKNOWN;
	return res->applies[u->q] == SA_FALSE && outcome_open(u->r, res, u->rule) ? SA_TRUE :
										    SA_FALSE;
}

/*
 * What unasked_pred can still depend on (space_live): q's applies_if while it is undecided, the
 * rule, and the rules behind its outcome slot (those cond_slot_questions reads).
 */
static void unasked_live(void *ctx, const struct sa_result *res, unsigned char *rules,
			 unsigned char *questions)
{
	const struct unasked *u = ctx;
	const sa_rules *r = u->r;
	const struct rule *ru = &r->rules[u->rule];
	size_t i;
	if (res->applies[u->q] == SA_UNKNOWN)
		cond_questions(r, r->questions[u->q].applies_if, questions);
	rules[u->rule] = 1;
	if (ru->kind == SA_OUT_TYPE || ru->kind == SA_OUT_CRITERIA)
		for (i = 0; i < r->nby_report[ru->report][SA_OUT_RECOMMEND]; i++)
			rules[r->by_report[ru->report][SA_OUT_RECOMMEND][i]] = 1;
	for (i = 0; i < r->nrules; i++) {
		const struct rule *o = &r->rules[i];
		if (o->kind != ru->kind || o->report != ru->report)
			continue;
		if (ru->kind == SA_OUT_TYPE && i > u->rule)
			continue;
		if ((ru->kind == SA_OUT_CRITERIA || ru->kind == SA_OUT_ADVICE ||
		     ru->kind == SA_OUT_STEP) && o->target != ru->target)
			continue;
		rules[i] = 1;
	}
}

/* Keep a drop while the trap still shows and answering q alone would decide the rule. */
static int unasked_keep(void *ctx, const struct sa_result *res)
{
	struct unasked *u = ctx;
	size_t i;
	if (unasked_pred(ctx, res, 1) != SA_TRUE)
		return 0;
	sa_answers_copy(&u->tmp, u->a);
	for (i = 0; i < u->nvals; i++) {
		u->tmp.value[u->q] = u->vals[i];
		u->tmp.origin[u->q] = SA_ORIGIN_GIVEN;
		sa_evaluate(u->r, &u->tmp, &u->res2);
		if (u->res2.rule_tv[u->rule] == SA_UNKNOWN)
			return 0;
	}
	return 1;
}

static const char *outcome_name(const sa_rules *r, const struct rule *ru, char *buf, size_t size)
{
	switch (ru->kind) {
	case SA_OUT_RECOMMEND:
		snprintf(buf, size, "%s is possible", sa_report_id((enum sa_report)ru->report));
		break;
	case SA_OUT_TYPE:
		snprintf(buf, size, "the type of %s is undecided",
			 sa_report_id((enum sa_report)ru->report));
		break;
	case SA_OUT_CRITERIA:
		snprintf(buf, size, "category %s of %s is open",
			 sa_category_id((enum sa_category)ru->target),
			 sa_report_id((enum sa_report)ru->report));
		break;
	case SA_OUT_ADVICE:
		snprintf(buf, size, "advice '%s' is possible", r->items[SA_ITEM_ADVICE][ru->target].id);
		break;
	case SA_OUT_STEP:
		snprintf(buf, size, "step '%s' is possible", r->items[SA_ITEM_STEP][ru->target].id);
		break;
	}
	return buf;
}

static void check_unasked(struct checker *c)
{
	const sa_rules *r = c->r;
	size_t nq = r->nquestions, i, q;
	unsigned char *reads = sa_calloc(nq, 1), *slot = sa_calloc(nq, 1);
	unsigned char *mark = sa_calloc(nq, 1);
	struct sa_answers w;
	struct unasked u;

	memset(&u, 0, sizeof(u));
	memset(&w, 0, sizeof(w));
	u.r = r;
	u.a = &w;
	if (!reads || !slot || !mark || sa_answers_init(&w, r) != SA_OK ||
	    sa_answers_init(&u.tmp, r) != SA_OK || sa_result_init(&u.res2, r) != SA_OK)
		c->nomem = 1;
	for (i = 0; !c->nomem && i < r->nrules; i++) {
		if (r->rules[i].when < 0 || !c->fires[i])
			continue;
		memset(reads, 0, nq);
		cond_questions(r, r->rules[i].when, reads);
		memcpy(slot, reads, nq);
		cond_slot_questions(r, i, slot);
		u.rule = i;
		at(c, r->rules[i].line, r->rules[i].col);
		for (q = 0; q < nq && !c->budget.exhausted && !c->nomem; q++) {
			const struct question *qq = &r->questions[q];
			struct space s;
			char ex[1024], what[256];
			if (!reads[q] || qq->applies_if < 0 || qq->has_default)
				continue;
			memcpy(mark, slot, nq);
			cond_questions(r, qq->applies_if, mark);
			mark[q] = 0;
			u.q = q;
			if (space_init(&s, r, mark, 0) != SA_OK ||
			    space_set_live(&s, unasked_live) != SA_OK) {
				c->nomem = 1;
				space_release(&s);
				break;
			}
			s.budget = &c->budget;
			if (space_find(&s, unasked_pred, &u, &w) > 0) {
				u.nvals = space_values(r, q, 0, &u.vals);
				if (!u.vals) {
					c->nomem = 1;
					space_release(&s);
					break;
				}
				space_minimize(r, &w, &s.res, unasked_keep, &u);
				free(u.vals);
				sa_answers_format_flags(r, &w, ex, sizeof(ex));
				warn(c, r->rules[i].line, r->rules[i].col, "unasked-question",
				     "rule '%s' reads question '%s', whose applies_if can be false while the rest of the rule can hold: '%s' is then never asked and %s with no question to decide it (e.g. %s)",
				     r->rules[i].id, qq->id, qq->id,
				     outcome_name(r, &r->rules[i], what, sizeof(what)),
				     *ex ? ex : "no answers");
			}
			space_release(&s);
		}
	}
	sa_answers_release(&w);
	sa_answers_release(&u.tmp);
	sa_result_release(&u.res2);
	free(reads);
	free(slot);
	free(mark);
}

/* ---- exclusive groups ---------------------------------------------------------------------------- */

static const char *member_id(const sa_rules *r, const struct member *m)
{
	return m->is_fact ? r->facts[m->index].id : r->rules[m->index].id;
}

static void range_text(const sa_rules *r, size_t q, int32_t lo, int32_t hi, char *buf,
		       size_t size)
{
	const struct question *qq = &r->questions[q];
	if (qq->type == SA_Q_ENUM)
		snprintf(buf, size, "is %s", qq->choices[lo]);
	else if (lo == hi)
		snprintf(buf, size, "is %d", (int)lo);
	else
		snprintf(buf, size, "is in %d..%d", (int)lo, (int)hi);
}

static void check_exclusive(struct checker *c)
{
	const sa_rules *r = c->r;
	size_t q, i, j, k;
	for (q = 0; q < r->nquestions && !c->budget.exhausted && !c->nomem; q++) {
		const struct question *qq = &r->questions[q];
		int32_t *vals, glo = 0, ghi = 0;
		size_t n;
		int in_gap = 0;
		char txt[128], ex[1024];
		if (qq->nexclusive < 2)
			continue;
		at(c, qq->xline, qq->xcol);
		/* overlaps: two members hold at once */
		for (i = 0; i < qq->nexclusive; i++)
			for (j = i + 1; j < qq->nexclusive; j++) {
				struct conj cj = { 0 };
				conj_add(&cj, qq->exclusive[i].is_fact, qq->exclusive[i].index, SA_TRUE);
				conj_add(&cj, qq->exclusive[j].is_fact, qq->exclusive[j].index, SA_TRUE);
				if (!satisfiable(c, &cj, (size_t)-1, 0, ex, sizeof(ex)))
					continue;
				warn(c, qq->xline, qq->xcol, "exclusive-overlap",
				     "'%s' and '%s' in 'exclusive' of question '%s' both hold (e.g. %s)",
				     member_id(r, &qq->exclusive[i]), member_id(r, &qq->exclusive[j]),
				     qq->id, ex);
			}
		/* gaps: a value of q for which no member can hold; adjacent ones merged */
		n = space_values(r, q, 0, &vals);
		if (!vals)
			c->nomem = 1;
		for (k = 0; !c->nomem && k <= n; k++) {
			int gap = 0;
			int32_t lo = 0, hi = 0;
			if (k < n) {
				struct conj cj = { 0 };
				size_t m;
				int any = 0;
				for (m = 0; m < qq->nexclusive; m++) {
					cj.n = 0;
					conj_add(&cj, qq->exclusive[m].is_fact, qq->exclusive[m].index,
						 SA_TRUE);
					if (satisfiable(c, &cj, q, vals[k], NULL, 0)) {
						any = 1;
						break;
					}
				}
				gap = !any && !c->budget.exhausted;
				if (qq->type == SA_Q_INT) {
					if (space_interval(r, q, vals[k], &lo, &hi) != SA_OK)
						c->nomem = 1;
				} else
					lo = hi = vals[k];
			}
			if (gap && in_gap && qq->type == SA_Q_INT) {
				ghi = hi;
				continue;
			}
			if (in_gap) {
				range_text(r, q, glo, ghi, txt, sizeof(txt));
				warn(c, qq->xline, qq->xcol, "exclusive-gap",
				     "no member of 'exclusive' of question '%s' can hold when '%s' %s",
				     qq->id, qq->id, txt);
			}
			in_gap = gap;
			glo = lo;
			ghi = hi;
		}
		free(vals);
	}
}

int sa_rules_check(const sa_rules *r, const char *file, struct sa_diags *d)
{
	struct checker c;
	size_t before = d->len;
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.file = file;
	c.d = d;
	c.fires = sa_calloc(r->nrules, 1);
	if (!c.fires)
		return SA_ERR_NOMEM;
	c.budget.left = space_budget_for(r);
	c.budget.exhausted = 0;
	c.at_line = c.at_col = 0;
	check_unused(&c);
	check_unproduced(&c);
	check_uncited(&c);
	check_never_fires(&c);
	if (!c.budget.exhausted && !c.nomem)
		check_shadowed(&c);
	if (!c.budget.exhausted && !c.nomem)
		check_type_order(&c);
	if (!c.budget.exhausted && !c.nomem)
		check_unasked(&c);
	if (!c.budget.exhausted && !c.nomem)
		check_exclusive(&c);
	free(c.fires);
	if (c.nomem) {
		/* warnings of a check cut short would mislead: report the failure alone */
		sa_diags_truncate(d, before);
		return SA_ERR_NOMEM;
	}
	if (c.budget.exhausted) {
		if (sa_diags_add(d, SA_SEV_ERROR, file, c.at_line, c.at_col, "search-budget",
				 "the checks' search budget of %llu evaluations is exhausted here: the "
				 "conditions are too complex to check exhaustively, so the checks stopped",
				 space_budget_for(r)) != SA_OK) {
			sa_diags_truncate(d, before);
			return SA_ERR_NOMEM;
		}
		return SA_ERR_RULES;
	}
	return SA_OK;
}
