/*
 * verify.c - prove a rules file's invariants over every answer set (--verify).
 *
 * An invariant says: for every answer set in its scope, if 'when' holds of the evaluation's
 * outcome then 'require' holds too. Verification searches the space (space.c) for a violation,
 * enumerating only the questions its outcome atoms can depend on: the questions read, directly
 * or through facts, by the rules that produce the reports, types, categories and items the atoms
 * name. Every other question is left unanswered, which cannot change those outcomes; and at a
 * node, a question is skipped when no part of the invariant still undecided there can depend on
 * it (violation_live: the undecided atoms' rules still unknown, their answer atoms' questions).
 *
 * Atoms are evaluated in two ways. At a leaf (every relevant question has its value, possibly
 * "unanswered") they read the outcome as the engine reports it. At an inner node they answer
 * true or false only when every extension of the node gives that answer, judged by the
 * monotonicity of the engine's three-valued logic: a recommended report stays recommended and an
 * absent one absent, a decided type stays decided, a possible item may still go either way.
 *
 * A violation is made minimal by dropping answers while the violation stays: for scope
 * 'complete' while it stays forced (decided at inner-node strength, so every way of answering the
 * unlisted questions violates it too), otherwise while the evaluation of the smaller answer set
 * itself still violates it.
 */
#include "sa_check.h"
#include "cond_walk.h"
#include "space.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t sa_rules_invariant_count(const sa_rules *r)
{
	return r->ninvariants;
}

const char *sa_invariant_id(const sa_rules *r, size_t i)
{
	return r->invariants[i].id;
}

const char *sa_invariant_description(const sa_rules *r, size_t i)
{
	return r->invariants[i].description;
}

const char *sa_invariant_scope(const sa_rules *r, size_t i)
{
	switch (r->invariants[i].scope) {
	case SCOPE_PARTIAL:
		return "partial";
	case SCOPE_ALL:
		return "all";
	default:
		return "complete";
	}
}

void sa_invariant_position(const sa_rules *r, size_t i, unsigned *line, unsigned *col)
{
	*line = r->invariants[i].line;
	*col = r->invariants[i].col;
}

int sa_verify_result_init(struct sa_verify_result *v, const sa_rules *r)
{
	memset(v, 0, sizeof(*v));
	v->budget = space_budget_for(r);
	return sa_answers_init(&v->counterexample, r);
}

void sa_verify_result_release(struct sa_verify_result *v)
{
	sa_answers_release(&v->counterexample);
	memset(v, 0, sizeof(*v));
}

/* ---- atoms -------------------------------------------------------------------------------- */

static unsigned char tv_of(int b)
{
	return b ? SA_TRUE : SA_FALSE;
}

/* A status as a three-valued "is recommended": absent false, recommended true, else unknown. */
static unsigned char decided(enum sa_status_kind st)
{
	return st == SA_RECOMMENDED ? SA_TRUE : st == SA_ABSENT ? SA_FALSE : SA_UNKNOWN;
}

/* Value of atom n at a leaf: the outcome as the engine reports it. */
static int atom_leaf(const struct sa_result *res, const struct onode *n)
{
	const struct sa_report_result *rr = n->report >= 0 ? &res->report[n->report] : NULL;
	int rep;
	switch (n->kind) {
	case O_RECOMMENDED:
		return rr->status == SA_RECOMMENDED;
	case O_POSSIBLE:
		return rr->status == SA_POSSIBLE;
	case O_PRESENT:
		return rr->status != SA_ABSENT;
	case O_REQUESTED:
		return rr->status != SA_ABSENT && rr->action == SA_ACTION_REQUEST;
	case O_TYPE:
		return rr->status != SA_ABSENT && (int32_t)rr->type == n->arg;
	case O_THEN_TYPE:
		return rr->status != SA_ABSENT && (int32_t)rr->then.type == n->arg;
	case O_CATEGORY:
		return rr->status != SA_ABSENT && rr->criteria[n->arg] == SA_RECOMMENDED;
	case O_POSSIBLE_CATEGORY:
		return rr->status != SA_ABSENT && rr->criteria[n->arg] == SA_POSSIBLE;
	case O_ADVICE:
		return res->items[SA_ITEM_ADVICE][n->arg].status == SA_RECOMMENDED;
	case O_POSSIBLE_ADVICE:
		return res->items[SA_ITEM_ADVICE][n->arg].status == SA_POSSIBLE;
	case O_STEP:
		return res->items[SA_ITEM_STEP][n->arg].status == SA_RECOMMENDED;
	case O_POSSIBLE_STEP:
		return res->items[SA_ITEM_STEP][n->arg].status == SA_POSSIBLE;
	case O_ANY_RECOMMENDATION:
		for (rep = 0; rep < SA_REPORT_COUNT; rep++)
			if (res->report[rep].status == SA_RECOMMENDED)
				return n->arg == 1;
		return n->arg == 0;
	case O_REQUIRED_CATEGORY:
	case O_CONSIDERED_CATEGORY:
		return rr->status != SA_ABSENT && rr->criteria[n->arg] == SA_RECOMMENDED &&
		       rr->basis[n->arg] == (n->kind == O_REQUIRED_CATEGORY ? SA_BASIS_REQUIRED :
									  SA_BASIS_CONSIDER);
	case O_ANSWER: /* an unanswered question leaves it unknown, which is not true */
		return sa_cond_value(res->rules, res, (uint32_t)n->arg) == SA_TRUE;
	default:
		return n->arg != 0;
	}
}

/* Nonzero when a required rule adding category c to report rep is still unknown under res. */
static int required_rule_open(const sa_rules *r, const struct sa_result *res, int rep, int c)
{
	size_t k;
	for (k = 0; k < r->nby_report[rep][SA_OUT_CRITERIA]; k++) {
		size_t ru = r->by_report[rep][SA_OUT_CRITERIA][k];
		if (r->rules[ru].target == c && r->rules[ru].basis == SA_BASIS_REQUIRED &&
		    res->rule_tv[ru] == SA_UNKNOWN)
			return 1;
	}
	return 0;
}

/*
 * Value of atom n at an inner node: true or false only when every extension agrees. The type and
 * categories of a report that is not absent are read from res: the engine derives them from the
 * rules' values alone, so a decided type or category stays decided in every extension.
 */
static unsigned char atom_inner(const sa_rules *r, const struct sa_result *res,
				const struct onode *n)
{
	const struct sa_report_result *rr = n->report >= 0 ? &res->report[n->report] : NULL;
	enum sa_status_kind st = rr ? rr->status : SA_ABSENT;
	unsigned char present = decided(st);
	size_t i;
	int rep, any_unknown = 0;
	enum sa_status_kind cs;

	switch (n->kind) {
	case O_RECOMMENDED:
	case O_PRESENT:
		return present;
	case O_POSSIBLE:
		return st == SA_POSSIBLE ? SA_UNKNOWN : SA_FALSE;
	case O_REQUESTED: {
		const size_t *rec = r->by_report[n->report][SA_OUT_RECOMMEND];
		size_t nrec = r->nby_report[n->report][SA_OUT_RECOMMEND];
		if (st == SA_ABSENT)
			return SA_FALSE;
		for (i = 0; i < nrec; i++) {
			if (r->rules[rec[i]].action != SA_ACTION_REQUEST)
				continue;
			if (res->rule_tv[rec[i]] == SA_TRUE)
				return SA_TRUE;
			if (res->rule_tv[rec[i]] == SA_UNKNOWN)
				any_unknown = 1;
		}
		return st == SA_RECOMMENDED && !any_unknown ? SA_FALSE : SA_UNKNOWN;
	}
	case O_TYPE:
	case O_THEN_TYPE: {
		enum sa_type t;
		if (st == SA_ABSENT)
			return SA_FALSE;
		if (rr->type_open)
			return SA_UNKNOWN;
		t = n->kind == O_TYPE ? rr->type : rr->then.type;
		return (int32_t)t == n->arg ? present : SA_FALSE;
	}
	case O_CATEGORY:
		if (st == SA_ABSENT)
			return SA_FALSE;
		cs = (enum sa_status_kind)rr->criteria[n->arg];
		if (cs == SA_ABSENT)
			return SA_FALSE;
		return cs == SA_RECOMMENDED ? present : SA_UNKNOWN;
	case O_POSSIBLE_CATEGORY:
		if (st == SA_ABSENT)
			return SA_FALSE;
		return rr->criteria[n->arg] == SA_POSSIBLE ? SA_UNKNOWN : SA_FALSE;
	case O_ADVICE:
		return decided(res->items[SA_ITEM_ADVICE][n->arg].status);
	case O_POSSIBLE_ADVICE:
		return res->items[SA_ITEM_ADVICE][n->arg].status == SA_POSSIBLE ? SA_UNKNOWN :
										  SA_FALSE;
	case O_STEP:
		return decided(res->items[SA_ITEM_STEP][n->arg].status);
	case O_POSSIBLE_STEP:
		return res->items[SA_ITEM_STEP][n->arg].status == SA_POSSIBLE ? SA_UNKNOWN : SA_FALSE;
	case O_ANY_RECOMMENDATION:
		for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
			if (res->report[rep].status == SA_RECOMMENDED)
				return tv_of(n->arg == 1);
			if (res->report[rep].status == SA_POSSIBLE)
				any_unknown = 1;
		}
		return any_unknown ? SA_UNKNOWN : tv_of(n->arg == 0);
	case O_REQUIRED_CATEGORY:
	case O_CONSIDERED_CATEGORY: {
		/* a basis is required as soon as one required rule holds, and stays so; a
		 * considered (or open) category may still become required while a required rule
		 * for it is unknown */
		int req_open = st != SA_ABSENT && required_rule_open(r, res, n->report, n->arg);
		if (st == SA_ABSENT)
			return SA_FALSE;
		cs = (enum sa_status_kind)rr->criteria[n->arg];
		if (cs == SA_ABSENT)
			return SA_FALSE;
		if (cs == SA_RECOMMENDED && rr->basis[n->arg] == SA_BASIS_REQUIRED)
			return n->kind == O_REQUIRED_CATEGORY ? present : SA_FALSE;
		if (n->kind == O_REQUIRED_CATEGORY)
			return req_open ? SA_UNKNOWN : SA_FALSE;
		return cs == SA_POSSIBLE || req_open ? SA_UNKNOWN : present;
	}
	case O_ANSWER: /* Kleene logic is monotone: a decided condition stays decided */
		return sa_cond_value(r, res, (uint32_t)n->arg);
	default:
		return tv_of(n->arg != 0);
	}
}

/* Kleene evaluation of outcome condition id; leaf selects the atoms' reading. */
static unsigned char oeval(const sa_rules *r, const struct sa_result *res, int32_t id, int leaf)
{
	const struct onode *n;
	unsigned char acc, t;
	uint32_t i;
	if (id < 0)
		return SA_TRUE;
	n = &r->onodes[id];
	switch (n->kind) {
	case O_ALL:
	case O_ANY:
		acc = n->kind == O_ALL ? SA_TRUE : SA_FALSE;
		for (i = 0; i < n->n; i++) {
			t = oeval(r, res, (int32_t)r->okids[n->off + i], leaf);
			if (t == (n->kind == O_ALL ? SA_FALSE : SA_TRUE))
				return t;
			if (t == SA_UNKNOWN)
				acc = SA_UNKNOWN;
		}
		return acc;
	case O_NOT:
		t = oeval(r, res, (int32_t)r->okids[n->off], leaf);
		return t == SA_UNKNOWN ? SA_UNKNOWN : (unsigned char)!t;
	default:
		return leaf ? tv_of(atom_leaf(res, n)) : atom_inner(r, res, n);
	}
}

/* ---- relevant rules ---------------------------------------------------------------------------- */

static void mark_report(const sa_rules *r, int rep, int kind, unsigned char *rules)
{
	size_t i;
	for (i = 0; i < r->nby_report[rep][kind]; i++)
		rules[r->by_report[rep][kind][i]] = 1;
}

/* Mark (rules[k] = 1) the rules whose values outcome condition id can depend on. */
static void relevant(const sa_rules *r, int32_t id, unsigned char *rules)
{
	const struct onode *n;
	uint32_t i;
	size_t k;
	int rep;
	if (id < 0)
		return;
	n = &r->onodes[id];
	switch (n->kind) {
	case O_ALL:
	case O_ANY:
	case O_NOT:
		for (i = 0; i < n->n; i++)
			relevant(r, (int32_t)r->okids[n->off + i], rules);
		break;
	case O_RECOMMENDED:
	case O_POSSIBLE:
	case O_PRESENT:
	case O_REQUESTED:
		mark_report(r, n->report, SA_OUT_RECOMMEND, rules);
		break;
	case O_TYPE:
	case O_THEN_TYPE:
		mark_report(r, n->report, SA_OUT_RECOMMEND, rules);
		mark_report(r, n->report, SA_OUT_TYPE, rules);
		break;
	case O_CATEGORY:
	case O_POSSIBLE_CATEGORY:
	case O_REQUIRED_CATEGORY:
	case O_CONSIDERED_CATEGORY:
		mark_report(r, n->report, SA_OUT_RECOMMEND, rules);
		for (k = 0; k < r->nby_report[n->report][SA_OUT_CRITERIA]; k++) {
			size_t ru = r->by_report[n->report][SA_OUT_CRITERIA][k];
			if (r->rules[ru].target == n->arg)
				rules[ru] = 1;
		}
		break;
	case O_ADVICE:
	case O_POSSIBLE_ADVICE:
	case O_STEP:
	case O_POSSIBLE_STEP:
		for (k = 0; k < r->nrules; k++)
			if (r->rules[k].kind == (n->kind == O_ADVICE || n->kind == O_POSSIBLE_ADVICE ?
							 SA_OUT_ADVICE :
							 SA_OUT_STEP) &&
			    r->rules[k].target == n->arg)
				rules[k] = 1;
		break;
	case O_ANY_RECOMMENDATION:
		for (rep = 0; rep < SA_REPORT_COUNT; rep++)
			mark_report(r, rep, SA_OUT_RECOMMEND, rules);
		break;
	default:
		break;
	}
}

/* Mark the questions the answer atoms of outcome condition id read; nonzero when it has one. */
static int answer_questions(const sa_rules *r, int32_t id, unsigned char *mark)
{
	const struct onode *n;
	uint32_t i;
	int found = 0;
	if (id < 0)
		return 0;
	n = &r->onodes[id];
	if (n->kind == O_ANSWER) {
		cond_questions(r, n->arg, mark);
		return 1;
	}
	if (n->kind == O_ALL || n->kind == O_ANY || n->kind == O_NOT)
		for (i = 0; i < n->n; i++)
			found |= answer_questions(r, (int32_t)r->okids[n->off + i], mark);
	return found;
}

/* ---- the search ---------------------------------------------------------------------------------- */

struct inv_ctx {
	const sa_rules *r;
	const struct invariant *iv;
	int32_t require; /* the invariant's 'require', or one conjunct of it */
};

static int has_unknown(const sa_rules *r, const struct sa_result *res)
{
	size_t q;
	for (q = 0; q < r->nquestions; q++)
		if (!res->answers.origin[q])
			return 1;
	return 0;
}

/* A violation: 'when' holds and 'require' does not. */
static unsigned char violation(void *ctx, const struct sa_result *res, int leaf)
{
	const struct inv_ctx *c = ctx;
	unsigned char w = oeval(c->r, res, c->iv->when, leaf), q;
	if (w == SA_FALSE)
		return SA_FALSE;
	q = oeval(c->r, res, c->require, leaf);
	if (q == SA_TRUE)
		return SA_FALSE;
	if (w == SA_TRUE && q == SA_FALSE) {
		if (leaf && c->iv->scope == SCOPE_PARTIAL && !has_unknown(c->r, res))
			return SA_FALSE;
		return SA_TRUE;
	}
	return SA_UNKNOWN;
}

/*
 * Mark what outcome condition id can still depend on at an inner node: nothing when it is
 * decided (it keeps its value in every extension), else the undecided parts: an 'all', 'any' or
 * 'not' depends only on its undecided children, an atom on the rules relevant() names and, for
 * an answer atom, the questions it reads.
 */
static void live_cond(const sa_rules *r, const struct sa_result *res, int32_t id,
		      unsigned char *rules, unsigned char *questions)
{
	const struct onode *n;
	uint32_t i;
	if (id < 0 || oeval(r, res, id, 0) != SA_UNKNOWN)
		return;
	n = &r->onodes[id];
	if (n->kind == O_ALL || n->kind == O_ANY || n->kind == O_NOT) {
		for (i = 0; i < n->n; i++)
			live_cond(r, res, (int32_t)r->okids[n->off + i], rules, questions);
		return;
	}
	if (n->kind == O_ANSWER)
		cond_questions(r, n->arg, questions);
	else
		relevant(r, id, rules);
}

/* What a violation can still depend on (space_live): the undecided parts of when and require. */
static void violation_live(void *ctx, const struct sa_result *res, unsigned char *rules,
			   unsigned char *questions)
{
	const struct inv_ctx *c = ctx;
	live_cond(c->r, res, c->iv->when, rules, questions);
	live_cond(c->r, res, c->require, rules, questions);
}

/* The value of every node of the invariant at an inner node, in preorder (space_key). */
static size_t key_cond(const sa_rules *r, const struct sa_result *res, int32_t id,
		       unsigned char *buf, size_t cap, size_t n)
{
	const struct onode *nd;
	uint32_t i;
	if (id < 0 || n == (size_t)-1)
		return n;
	if (n >= cap)
		return (size_t)-1;
	buf[n++] = oeval(r, res, id, 0);
	nd = &r->onodes[id];
	if (nd->kind == O_ALL || nd->kind == O_ANY || nd->kind == O_NOT)
		for (i = 0; i < nd->n; i++)
			n = key_cond(r, res, (int32_t)r->okids[nd->off + i], buf, cap, n);
	return n;
}

static size_t violation_key(void *ctx, const struct sa_result *res, unsigned char *buf,
			    size_t cap)
{
	const struct inv_ctx *c = ctx;
	size_t n = key_cond(c->r, res, c->iv->when, buf, cap, 0);
	if (n == (size_t)-1 || n >= cap)
		return (size_t)-1;
	buf[n++] = 0xff; /* between the two conditions */
	return key_cond(c->r, res, c->require, buf, cap, n);
}

static int keep_forced(void *ctx, const struct sa_result *res)
{
	return violation(ctx, res, 0) == SA_TRUE;
}

static int keep_violated(void *ctx, const struct sa_result *res)
{
	return violation(ctx, res, 1) == SA_TRUE;
}

int sa_invariant_violated(const sa_rules *r, size_t i, const struct sa_result *res)
{
	const struct invariant *iv = &r->invariants[i];
	return oeval(r, res, iv->when, 1) == SA_TRUE && oeval(r, res, iv->require, 1) == SA_FALSE;
}

/* Answer sets of the whole rules file in a scope; -1 when out of memory. */
static double scope_size(const sa_rules *r, enum inv_scope scope)
{
	double all = 1, complete = 1;
	size_t q;
	for (q = 0; q < r->nquestions; q++) {
		int32_t *v;
		size_t n = space_values(r, q, 0, &v);
		if (!v)
			return -1;
		free(v);
		complete *= (double)n;
		all *= (double)(n + !r->questions[q].has_default);
	}
	return scope == SCOPE_COMPLETE ? complete : scope == SCOPE_ALL ? all : all - complete;
}

/* Collect the conjuncts of outcome condition id (nested 'all' flattened) into out. */
static void conjuncts(const sa_rules *r, int32_t id, int32_t *out, size_t *n)
{
	const struct onode *nd = &r->onodes[id];
	uint32_t i;
	if (nd->kind != O_ALL) {
		out[(*n)++] = id;
		return;
	}
	for (i = 0; i < nd->n; i++)
		conjuncts(r, (int32_t)r->okids[nd->off + i], out, n);
}

#define VERIFY_NOMEM (-2)

/*
 * Search for a violation of "when, then require" over the questions it can depend on: 1 found,
 * 0 none, -1 the search budget ran out, VERIFY_NOMEM out of memory.
 */
static int search(const sa_rules *r, struct inv_ctx *c, struct sa_verify_result *v,
		  struct space_budget *budget)
{
	unsigned char *mark = sa_calloc(r->nquestions, 1), *rules = sa_calloc(r->nrules, 1);
	struct space s;
	size_t k;
	int found;

	if (!mark || !rules) {
		free(mark);
		free(rules);
		return VERIFY_NOMEM;
	}

	relevant(r, c->iv->when, rules);
	relevant(r, c->require, rules);
	for (k = 0; k < r->nrules; k++)
		if (rules[k])
			cond_questions(r, r->rules[k].when, mark);
	answer_questions(r, c->iv->when, mark);
	answer_questions(r, c->require, mark);
	if (space_init(&s, r, mark, c->iv->scope != SCOPE_COMPLETE) != SA_OK ||
	    space_set_live(&s, violation_live) != SA_OK ||
	    space_set_key(&s, violation_key, r->nonodes + 1, c->iv->scope == SCOPE_PARTIAL) !=
		    SA_OK) {
		found = VERIFY_NOMEM;
	} else {
		s.budget = budget;
		found = space_find(&s, violation, c, &v->counterexample);
	}
	v->evaluations += s.evaluations;
	v->memo_hits += s.memo.hits;
	space_release(&s);
	free(mark);
	free(rules);
	return found;
}

/*
 * "when W, require all of R1..Rk" holds exactly when each "when W, require Ri" does, and each of
 * those depends on fewer questions: they are searched one by one.
 */
int sa_verify_invariant(const sa_rules *r, size_t i, struct sa_verify_result *v)
{
	const struct invariant *iv = &r->invariants[i];
	struct inv_ctx c = { r, iv, iv->require };
	int32_t *parts = sa_calloc(r->nonodes, sizeof(*parts));
	size_t n = 0, k;
	struct sa_result res;
	struct space_budget budget;
	int found = 0;

	sa_answers_clear(&v->counterexample);
	v->evaluations = 0;
	v->memo_hits = 0;
	v->space = parts ? scope_size(r, iv->scope) : -1;
	if (v->space < 0) {
		free(parts);
		return SA_ERR_NOMEM;
	}
	budget.left = v->budget;
	budget.exhausted = 0;
	conjuncts(r, iv->require, parts, &n);
	for (k = 0; k < n && !found; k++) {
		c.require = parts[k];
		found = search(r, &c, v, &budget);
	}
	free(parts);
	if (found == VERIFY_NOMEM) {
		sa_answers_clear(&v->counterexample);
		return SA_ERR_NOMEM;
	}
	v->forced = 0;
	v->exhausted = found < 0;
	if (found < 0) {
		sa_answers_clear(&v->counterexample);
		v->holds = 0;
		return SA_ERR_RULES;
	}
	v->holds = !found;
	if (found) {
		/* minimal for the whole invariant, not only for the conjunct that failed */
		c.require = iv->require;
		v->forced = iv->scope == SCOPE_COMPLETE;
		if (sa_result_init(&res, r) != SA_OK)
			return SA_ERR_NOMEM;
		space_minimize(r, &v->counterexample, &res, v->forced ? keep_forced : keep_violated,
			       &c);
		sa_result_release(&res);
	}
	return SA_OK;
}

/* ---- description --------------------------------------------------------------------------------- */

static const char *const atom_names[] = {
	[O_RECOMMENDED] = "recommended", [O_POSSIBLE] = "possible", [O_PRESENT] = "present",
	[O_REQUESTED] = "requested", [O_TYPE] = "type", [O_THEN_TYPE] = "then_type",
	[O_CATEGORY] = "category", [O_POSSIBLE_CATEGORY] = "possible_category",
	[O_ADVICE] = "advice", [O_POSSIBLE_ADVICE] = "possible_advice", [O_STEP] = "step",
	[O_POSSIBLE_STEP] = "possible_step", [O_ANY_RECOMMENDATION] = "any_recommendation",
	[O_REQUIRED_CATEGORY] = "required_category",
	[O_CONSIDERED_CATEGORY] = "considered_category", [O_ANSWER] = "answer",
};

static void describe(const sa_rules *r, const struct sa_result *res, int32_t id, char *buf,
		     size_t size, size_t *len)
{
	const struct onode *n;
	uint32_t i;
	char arg[96];
	if (id < 0 || *len >= size)
		return;
	n = &r->onodes[id];
	switch (n->kind) {
	case O_ALL:
	case O_ANY:
	case O_NOT:
		for (i = 0; i < n->n; i++)
			describe(r, res, (int32_t)r->okids[n->off + i], buf, size, len);
		return;
	case O_CONST:
		return;
	case O_RECOMMENDED:
	case O_POSSIBLE:
	case O_PRESENT:
	case O_REQUESTED:
		snprintf(arg, sizeof(arg), "%s", sa_report_id((enum sa_report)n->report));
		break;
	case O_TYPE:
	case O_THEN_TYPE:
		snprintf(arg, sizeof(arg), "%s %s", sa_report_id((enum sa_report)n->report),
			 n->arg == SA_TYPE_UNSET ? "unset" :
			 n->arg == SA_TYPE_NONE	 ? "none" :
						   sa_type_id((enum sa_type)n->arg));
		break;
	case O_CATEGORY:
	case O_POSSIBLE_CATEGORY:
	case O_REQUIRED_CATEGORY:
	case O_CONSIDERED_CATEGORY:
		snprintf(arg, sizeof(arg), "%s %s", sa_report_id((enum sa_report)n->report),
			 sa_category_id((enum sa_category)n->arg));
		break;
	case O_ANSWER: { /* named by the questions it reads */
		size_t q, alen = 0;
		arg[0] = '\0';
		for (q = 0; q < r->nquestions && alen < sizeof(arg); q++)
			if (cond_reads_question(r, n->arg, q))
				alen += (size_t)snprintf(arg + alen, sizeof(arg) - alen, "%s%s",
							 alen ? "," : "", r->questions[q].id);
		break;
	}
	case O_ADVICE:
	case O_POSSIBLE_ADVICE:
		snprintf(arg, sizeof(arg), "%s", r->items[SA_ITEM_ADVICE][n->arg].id);
		break;
	case O_STEP:
	case O_POSSIBLE_STEP:
		snprintf(arg, sizeof(arg), "%s", r->items[SA_ITEM_STEP][n->arg].id);
		break;
	default:
		snprintf(arg, sizeof(arg), "%s", n->arg ? "true" : "false");
		break;
	}
	*len += (size_t)snprintf(buf + *len, size - *len, "%s%s %s: %s", *len ? "; " : "",
				 atom_names[n->kind], arg, atom_leaf(res, n) ? "true" : "false");
}

const char *sa_invariant_describe(const sa_rules *r, size_t i, const struct sa_result *res,
				  char *buf, size_t size)
{
	size_t len = 0;
	if (!size)
		return buf;
	buf[0] = '\0';
	describe(r, res, r->invariants[i].when, buf, size, &len);
	describe(r, res, r->invariants[i].require, buf, size, &len);
	return buf;
}
