/*
 * diff.c - what changes between two results of the same rules (include/sa_diff.h).
 *
 * A pure function of two evaluated results: no I/O, no evaluation of its own. Each outcome
 * (a report, its type and follow-up, a category, an advice item, a next step) is compared by
 * the value an output would show for it, and an entry is made where the two differ. The rules
 * named for an entry are those whose outcome is that thing (the same slot) and whose value
 * (true, false, unknown) differs between the two results: by the precedence rule of the rules
 * format, an outcome can only change when one of its rules' values does. Plan dates follow the
 * report's type and the answers the timeline reads; their entries name the report's
 * recommendation and type rules that differ, if any, and the answers entries say the rest.
 *
 * Entry order: answers in question order; per report (soc1 ... soc_supply_chain) its status,
 * type, follow-up and categories; advice in rules-file order; next steps in their order; the
 * deadline; milestones in the old plan's order, then those only in the new plan.
 */
#include "internal.h"
#include "plan.h"
#include "sa_diff.h"

#include <stdlib.h>
#include <string.h>

void sa_diff_init(struct sa_diff *d)
{
	memset(d, 0, sizeof(*d));
}

void sa_diff_release(struct sa_diff *d)
{
	free(d->entries);
	free(d->rules);
	sa_diff_init(d);
}

const char *sa_diff_kind_id(enum sa_diff_kind k)
{
	static const char *const ids[] = { "answer", "report",   "type",     "then",     "category",
					   "advice", "step",     "deadline", "milestone" };
	return (size_t)k < sizeof(ids) / sizeof(ids[0]) ? ids[k] : "?";
}

const char *sa_diff_change_id(enum sa_diff_change c)
{
	return c == SA_DIFF_ADDED ? "added" : c == SA_DIFF_REMOVED ? "removed" : "changed";
}

struct ctx {
	const sa_rules *r;
	const struct sa_result *a, *b;
	struct sa_diff *d;
	int nomem;
};

/* Append the rules of slot (and of slot2, when it is not (size_t)-1) whose values differ. */
static void add_rules(struct ctx *x, struct sa_diff_entry *e, size_t slot, size_t slot2)
{
	size_t i;
	for (i = 0; i < x->r->nrules && !x->nomem; i++) {
		size_t s = sa_rule_slot(x->r, i);
		if ((s != slot && s != slot2) || x->a->rule_tv[i] == x->b->rule_tv[i])
			continue;
		if (x->d->nrules == x->d->rcap) {
			size_t cap = x->d->rcap ? x->d->rcap * 2 : 32;
			size_t *nr = realloc(x->d->rules, cap * sizeof(*nr));
			if (!nr) {
				x->nomem = 1;
				return;
			}
			x->d->rules = nr;
			x->d->rcap = cap;
		}
		x->d->rules[x->d->nrules++] = i;
		e->nrules++;
	}
}

/*
 * An entry when old and new differ ("" meaning none): added, removed or changed. Returns the
 * entry (to add rules to), or NULL when there is no difference or no memory.
 */
static struct sa_diff_entry *entry(struct ctx *x, enum sa_diff_kind kind, int report,
				   int target, const char *old, const char *new_)
{
	struct sa_diff_entry *e;
	if (x->nomem || strcmp(old, new_) == 0)
		return NULL;
	if (x->d->n == x->d->cap) {
		size_t cap = x->d->cap ? x->d->cap * 2 : 32;
		struct sa_diff_entry *ne = realloc(x->d->entries, cap * sizeof(*ne));
		if (!ne) {
			x->nomem = 1;
			return NULL;
		}
		x->d->entries = ne;
		x->d->cap = cap;
	}
	e = &x->d->entries[x->d->n++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->change = !*old ? SA_DIFF_ADDED : !*new_ ? SA_DIFF_REMOVED : SA_DIFF_CHANGED;
	e->report = report;
	e->target = target;
	e->scope = kind == SA_DIFF_REPORT || kind == SA_DIFF_TYPE || kind == SA_DIFF_THEN ||
		   kind == SA_DIFF_CATEGORY;
	snprintf(e->old_value, sizeof(e->old_value), "%s", old);
	snprintf(e->new_value, sizeof(e->new_value), "%s", new_);
	e->first_rule = x->d->nrules;
	if (e->scope)
		x->d->scope_changed = 1;
	return e;
}

static const char *status_word(enum sa_status_kind s)
{
	return s == SA_RECOMMENDED ? "recommended" : s == SA_POSSIBLE ? "possible" : "";
}

static void answers(struct ctx *x)
{
	size_t q;
	for (q = 0; q < x->r->nquestions; q++) {
		char o[SA_VALUE_SIZE] = "", n[SA_VALUE_SIZE] = "";
		if (x->a->answers.origin[q])
			sa_question_format_value(x->r, q, x->a->answers.value[q], o, sizeof(o));
		if (x->b->answers.origin[q])
			sa_question_format_value(x->r, q, x->b->answers.value[q], n, sizeof(n));
		entry(x, SA_DIFF_ANSWER, -1, (int)q, o, n);
	}
}

/* "recommended" or "recommended (request)"; "" when absent. */
static void report_value(const struct sa_report_result *rr, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s", status_word(rr->status),
		 rr->status != SA_ABSENT && rr->action == SA_ACTION_REQUEST ? " (request)" : "");
}

/* "type2 (6 months)", "undecided", or "" when the report is absent or has no type. */
static void type_value(const struct sa_report_result *rr, enum sa_type t, int months, int open,
		       char *buf, size_t size)
{
	buf[0] = '\0';
	if (rr->status == SA_ABSENT)
		return;
	if (sa_type_id(t) && months)
		snprintf(buf, size, "%s (%d months)", sa_type_id(t), months);
	else if (sa_type_id(t))
		snprintf(buf, size, "%s", sa_type_id(t));
	else if (open)
		snprintf(buf, size, "undecided");
}

static void category_value(const struct sa_report_result *rr, int c, char *buf, size_t size)
{
	buf[0] = '\0';
	if (rr->status == SA_ABSENT || rr->criteria[c] == SA_ABSENT)
		return;
	snprintf(buf, size, "%s%s%s", status_word((enum sa_status_kind)rr->criteria[c]),
		 rr->basis[c] ? ", " : "", rr->basis[c] ? sa_basis_id((enum sa_basis)rr->basis[c]) : "");
}

static void reports(struct ctx *x)
{
	int rep, c;
	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		const struct sa_report_result *ra = &x->a->report[rep], *rb = &x->b->report[rep];
		char o[SA_DIFF_VALUE_SIZE], n[SA_DIFF_VALUE_SIZE];
		struct sa_diff_entry *e;
		report_value(ra, o, sizeof(o));
		report_value(rb, n, sizeof(n));
		if ((e = entry(x, SA_DIFF_REPORT, rep, -1, o, n)) != NULL)
			add_rules(x, e, SLOT_REPORT(rep), (size_t)-1);
		type_value(ra, ra->type, ra->observation_months, ra->type_open, o, sizeof(o));
		type_value(rb, rb->type, rb->observation_months, rb->type_open, n, sizeof(n));
		if ((e = entry(x, SA_DIFF_TYPE, rep, -1, o, n)) != NULL)
			add_rules(x, e, SLOT_TYPE(rep), (size_t)-1);
		type_value(ra, ra->then.type, ra->then.observation_months, 0, o, sizeof(o));
		type_value(rb, rb->then.type, rb->then.observation_months, 0, n, sizeof(n));
		if ((e = entry(x, SA_DIFF_THEN, rep, -1, o, n)) != NULL)
			add_rules(x, e, SLOT_TYPE(rep), (size_t)-1);
		if (x->r->nby_report[rep][SA_OUT_CRITERIA] == 0)
			continue;
		for (c = 0; c < SA_CAT_COUNT; c++) {
			category_value(ra, c, o, sizeof(o));
			category_value(rb, c, n, sizeof(n));
			if ((e = entry(x, SA_DIFF_CATEGORY, rep, c, o, n)) != NULL)
				add_rules(x, e, SLOT_CAT(rep, c), (size_t)-1);
		}
	}
}

static void items(struct ctx *x, enum sa_item_kind k)
{
	const size_t *idx = sa_items_in_order(x->r, k);
	size_t i, slot0 = SLOT_ITEM0 + (k == SA_ITEM_STEP ? x->r->nitems[SA_ITEM_ADVICE] : 0);
	for (i = 0; i < x->r->nitems[k]; i++) {
		size_t it = idx[i];
		struct sa_diff_entry *e = entry(x, k == SA_ITEM_ADVICE ? SA_DIFF_ADVICE : SA_DIFF_STEP,
						-1, (int)it, status_word(x->a->items[k][it].status),
						status_word(x->b->items[k][it].status));
		if (e)
			add_rules(x, e, slot0 + it, (size_t)-1);
	}
}

/* "2026-04-15 (met)", "2026-04-15 (at risk)", "2026-04-15"; "" without a deadline. */
static void deadline_value(const struct sa_plan *p, char *buf, size_t size)
{
	char date[SA_DATE_SIZE];
	buf[0] = '\0';
	if (!p->present || !p->has_deadline)
		return;
	snprintf(buf, size, "%s%s", sa_date_format(p->deadline, date),
		 p->meets_deadline == SA_TRUE ? " (met)" :
		 p->meets_deadline == SA_FALSE ? " (at risk)" : "");
}

static void dates(const struct sa_milestone *m, char *buf, size_t size)
{
	char from[SA_DATE_SIZE], to[SA_DATE_SIZE];
	snprintf(buf, size, "%s..%s", sa_date_format(m->from, from), sa_date_format(m->to, to));
}

/* The k-th milestone of p (0-based) with m's report, kind and type, or NULL. */
static const struct sa_milestone *nth_like(const struct sa_plan *p, const struct sa_milestone *m,
					   size_t k)
{
	size_t i;
	if (!p->present)
		return NULL;
	for (i = 0; i < p->n; i++) {
		const struct sa_milestone *o = &p->m[i];
		if (o->report == m->report && o->kind == m->kind && o->type == m->type && k-- == 0)
			return o;
	}
	return NULL;
}

/* How many milestones like p->m[i] come before it in p. */
static size_t rank(const struct sa_plan *p, size_t i)
{
	size_t j, k = 0;
	for (j = 0; j < i; j++)
		if (p->m[j].report == p->m[i].report && p->m[j].kind == p->m[i].kind &&
		    p->m[j].type == p->m[i].type)
			k++;
	return k;
}

static void milestone(struct ctx *x, const struct sa_milestone *m, const char *o, const char *n)
{
	struct sa_diff_entry *e = entry(x, SA_DIFF_MILESTONE, (int)m->report, (int)m->kind, o, n);
	if (e) {
		e->milestone_type = m->type;
		add_rules(x, e, SLOT_REPORT(m->report), SLOT_TYPE(m->report));
	}
}

static void plan(struct ctx *x)
{
	const struct sa_plan *pa = &x->a->plan, *pb = &x->b->plan;
	char o[SA_DIFF_VALUE_SIZE], n[SA_DIFF_VALUE_SIZE];
	size_t i;
	deadline_value(pa, o, sizeof(o));
	deadline_value(pb, n, sizeof(n));
	entry(x, SA_DIFF_DEADLINE, -1, -1, o, n);
	for (i = 0; pa->present && i < pa->n; i++) {
		const struct sa_milestone *other = nth_like(pb, &pa->m[i], rank(pa, i));
		dates(&pa->m[i], o, sizeof(o));
		n[0] = '\0';
		if (other)
			dates(other, n, sizeof(n));
		milestone(x, &pa->m[i], o, n);
	}
	for (i = 0; pb->present && i < pb->n; i++) {
		if (nth_like(pa, &pb->m[i], rank(pb, i)))
			continue;
		dates(&pb->m[i], n, sizeof(n));
		milestone(x, &pb->m[i], "", n);
	}
}

int sa_diff_compute(const sa_rules *r, const struct sa_result *old, const struct sa_result *new_,
		    struct sa_diff *d)
{
	struct ctx x = { r, old, new_, d, 0 };
	d->n = d->nrules = 0;
	d->scope_changed = 0;
	answers(&x);
	reports(&x);
	items(&x, SA_ITEM_ADVICE);
	items(&x, SA_ITEM_STEP);
	plan(&x);
	if (x.nomem) {
		sa_diff_release(d);
		return SA_ERR_NOMEM;
	}
	return SA_OK;
}
