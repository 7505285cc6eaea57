/*
 * load_timeline.c - load and check the rules file's `timeline:` section: the durations the
 * planner works with, each a range with its sources (docs/rules-format.md, "Timeline"), and the
 * questions the planner reads.
 *
 * Every problem is a diagnostic with FILE:LINE:COL, like the rest of the loader; the section is
 * checked as a whole (every range, every reference) before the rules object is accepted. The
 * planner's arithmetic is plan.c's; the timeline's queries and release are the model's (model.c).
 */
#include "load.h"
#include "plan.h"

#include <stdio.h>
#include <string.h>

static const char *const range_names[TL_RANGE_COUNT] = { "readiness_weeks", "type1_lead_weeks",
							 "reporting_weeks", "bridge_letter_months" };
/* The situations of a Type 2 window, in enum tl_situation's order (NULL-terminated: keys). */
static const char *const situation_names[TL_SIT_COUNT + 1] = { "first_report", "after_type1",
							       "annual", NULL };
static const char *const window_reports[2] = { "soc1", "soc2" };
static const char *const timeline_keys[] = { "deadline_advice", "readiness_advice",
					     "readiness_weeks", "type1_lead_weeks",
					     "reporting_weeks", "bridge_letter_months",
					     "type2_window_months", NULL };
static const char *const range_keys[] = { "min", "max", "sources", NULL };
static const char *const bridge_keys[] = { "normal", "max", "sources", NULL };
static const char *const window_keys[] = { "soc1", "soc2", NULL };

/* The position of a range: its key (for the diagnostics of --check). */
static void range_pos(struct tl_range_spec *rs, const ynode *key)
{
	struct sa_pos p = y_pos(key);
	rs->line = p.line;
	rs->col = p.col;
}

/*
 * A range {min, max, sources} (bridge letters: {normal, max, sources}) within [lo, hi], with
 * min <= max.
 */
static void load_range(struct loader *L, const ynode *n, struct tl_range_spec *rs,
		       const char *what, int32_t lo, int32_t hi, int bridge)
{
	const char *lowname = bridge ? "normal" : "min";
	const ynode *vmin, *vmax, *src;
	int ok = 1;

	if (!y_check_mapping(L, n, bridge ? bridge_keys : range_keys, what))
		return;
	vmin = y_get(L, n, lowname);
	vmax = y_get(L, n, "max");
	if (!vmin || !vmax) {
		load_err(L, n, "missing-key", "%s needs '%s' and 'max'", what, lowname);
		ok = 0;
	}
	if (vmin && !y_int(vmin, &rs->min)) {
		load_err(L, vmin, "wrong-type", "'%s' of %s must be an integer", lowname, what);
		ok = 0;
	}
	if (vmax && !y_int(vmax, &rs->max)) {
		load_err(L, vmax, "wrong-type", "'max' of %s must be an integer", what);
		ok = 0;
	}
	if (ok && (rs->min < lo || rs->min > hi)) {
		load_err(L, vmin, "bad-value", "'%s' of %s is %d, outside %d to %d", lowname, what,
			 rs->min, lo, hi);
		ok = 0;
	}
	if (ok && (rs->max < lo || rs->max > hi)) {
		load_err(L, vmax, "bad-value", "'max' of %s is %d, outside %d to %d", what, rs->max,
			 lo, hi);
		ok = 0;
	}
	if (ok && rs->min > rs->max)
		load_err(L, vmin, "bad-value", "%s: '%s' (%d) is greater than 'max' (%d)", what,
			 lowname, rs->min, rs->max);
	src = y_get(L, n, "sources");
	if (!src)
		load_err(L, n, "missing-key", "%s has no 'sources'", what);
	else
		load_source_refs(L, src, what, &rs->sources, &rs->nsources);
}

/* The advice item named by key of the section, or -1 (reported when required or wrong). */
static int advice_ref(struct loader *L, const ynode *sec, const char *key, int required)
{
	const ynode *v = y_get(L, sec, key);
	const char *id = y_scalar(v);
	int i;
	if (!v) {
		if (required)
			load_err(L, sec, "missing-key", "the timeline has no '%s'", key);
		return -1;
	}
	if (!id) {
		load_err(L, v, "wrong-type", "'%s' must be an advice id", key);
		return -1;
	}
	i = model_find_item(L->r, SA_ITEM_ADVICE, id);
	if (i < 0)
		load_err(L, v, "undefined-reference", "'%s' names an unknown advice item '%s'", key,
			 id);
	return i;
}

/* The Type 2 windows of one report: a mapping of situations, each a range of months. */
static void load_windows(struct loader *L, const ynode *v, int report)
{
	const ynode *rv = y_get(L, v, window_reports[report]);
	char what[96];
	int j;

	snprintf(what, sizeof(what), "the %s Type 2 windows", window_reports[report]);
	if (!rv) {
		load_err(L, v, "missing-key", "'type2_window_months' has no '%s'",
			 window_reports[report]);
		return;
	}
	if (!y_check_mapping(L, rv, situation_names, what))
		return;
	for (j = 0; j < TL_SIT_COUNT; j++) {
		ynode *sk = NULL, *sv = y_get_entry(L, rv, situation_names[j], &sk);
		struct tl_range_spec *rs = &L->r->timeline->window[report][j];
		if (!sv) {
			load_err(L, rv, "missing-key", "%s has no '%s'", window_reports[report],
				 situation_names[j]);
			continue;
		}
		snprintf(what, sizeof(what), "the %s Type 2 window '%s'", window_reports[report],
			 situation_names[j]);
		range_pos(rs, sk);
		load_range(L, sv, rs, what, 1, TL_MAX_MONTHS, 0);
	}
}

/* The questions the planner reads, with the type it reads them as. */
static const char *const question_ids[TLQ_COUNT] = { "first_report", "last_report_type",
						     "controls_months", "deadline_months",
						     "gap_months", "evidence_retained" };
static const enum sa_qtype question_types[TLQ_COUNT] = { SA_Q_BOOL, SA_Q_ENUM, SA_Q_INT, SA_Q_INT,
							 SA_Q_INT, SA_Q_BOOL };

static int find_choice(const struct question *q, const char *c)
{
	size_t i;
	for (i = 0; i < q->nchoices; i++)
		if (q->choices[i] && strcmp(q->choices[i], c) == 0)
			return (int)i;
	return -1;
}

/* Bind the planner's questions; one of the wrong type is an error at the question. */
static void bind_questions(struct loader *L)
{
	struct sa_timeline *t = L->r->timeline;
	static const char *const qtype_names[] = { "bool", "enum", "int" };
	int k;
	for (k = 0; k < TLQ_COUNT; k++) {
		int q = model_find_question(L->r, question_ids[k]);
		const struct question *qq;
		t->q[k] = -1;
		if (q < 0)
			continue;
		qq = &L->r->questions[q];
		if (qq->type != question_types[k]) {
			load_err_at(L, (struct sa_pos){ qq->line, qq->col }, "wrong-type",
				     "the planner reads question '%s' as %s, not %s",
				     question_ids[k], qtype_names[question_types[k]],
				     qtype_names[qq->type]);
			continue;
		}
		t->q[k] = q;
	}
	if (t->q[TLQ_LAST_REPORT_TYPE] >= 0) {
		const struct question *qq = &L->r->questions[t->q[TLQ_LAST_REPORT_TYPE]];
		t->last_type1 = find_choice(qq, "type1");
		t->last_type2 = find_choice(qq, "type2");
		if (t->last_type1 < 0 || t->last_type2 < 0 || find_choice(qq, "none") < 0)
			load_err_at(L, (struct sa_pos){ qq->line, qq->col }, "bad-value",
				     "the planner reads question 'last_report_type' with the choices "
				     "none, type1 and type2");
	}
}

/* Nonzero when the outcome condition at o names advice item (recommended or possible). */
static int names_advice(const sa_rules *r, int32_t o, int item)
{
	const struct onode *n;
	uint32_t i;
	if (o < 0)
		return 0;
	n = &r->onodes[o];
	if (n->kind == O_ADVICE || n->kind == O_POSSIBLE_ADVICE)
		return n->arg == item;
	if (n->kind == O_ALL || n->kind == O_ANY || n->kind == O_NOT) {
		for (i = 0; i < n->n; i++)
			if (names_advice(r, (int32_t)r->okids[n->off + i], item))
				return 1;
	}
	return 0;
}

/* The deadline advice is the planner's alone: no rule produces it, no invariant reads it. */
static void check_deadline_item(struct loader *L)
{
	const sa_rules *r = L->r;
	int item = r->timeline->deadline_item;
	size_t i;
	if (item < 0)
		return;
	for (i = 0; i < r->nrules; i++)
		if (r->rules[i].kind == SA_OUT_ADVICE && r->rules[i].target == item)
			load_err_at(L, (struct sa_pos){ r->rules[i].line, r->rules[i].col }, "bad-value",
				     "rule '%s' produces advice '%s', which the planner sets from the "
				     "timeline: no rule may produce it",
				     r->rules[i].id, r->items[SA_ITEM_ADVICE][item].id);
	for (i = 0; i < r->ninvariants; i++) {
		const struct invariant *inv = &r->invariants[i];
		if (names_advice(r, inv->when, item) || names_advice(r, inv->require, item))
			load_err_at(L, (struct sa_pos){ inv->line, inv->col }, "bad-value",
				     "invariant '%s' names advice '%s', which the planner sets from "
				     "dates: --verify cannot prove it (the plan properties test "
				     "covers it)",
				     inv->id, r->items[SA_ITEM_ADVICE][item].id);
	}
}

void load_timeline(struct loader *L, const ynode *root)
{
	struct sa_timeline *t = load_calloc(L, 1, sizeof(*t));
	ynode *sec, *seckey = NULL, *v;
	struct sa_pos p;
	int i;

	if (!t)
		return;
	L->r->timeline = t;
	t->start = sa_date_today();
	t->deadline_item = t->readiness_item = -1;
	t->last_type1 = t->last_type2 = -1;
	for (i = 0; i < TLQ_COUNT; i++)
		t->q[i] = -1;
	sec = y_get_entry(L, root, "timeline", &seckey);
	if (!sec)
		return;
	t->present = 1;
	p = y_pos(seckey);
	t->line = p.line;
	t->col = p.col;
	if (!y_check_mapping(L, sec, timeline_keys, "the timeline"))
		return;
	t->deadline_item = advice_ref(L, sec, "deadline_advice", 1);
	t->readiness_item = advice_ref(L, sec, "readiness_advice", 0);
	for (i = 0; i < TL_RANGE_COUNT; i++) {
		char what[64];
		ynode *k = NULL;
		v = y_get_entry(L, sec, range_names[i], &k);
		if (!v) {
			load_err(L, sec, "missing-key", "the timeline has no '%s'", range_names[i]);
			continue;
		}
		snprintf(what, sizeof(what), "timeline '%s'", range_names[i]);
		range_pos(&t->range[i], k);
		load_range(L, v, &t->range[i], what, 0,
			   i == TL_BRIDGE_MONTHS ? TL_MAX_MONTHS : TL_MAX_WEEKS,
			   i == TL_BRIDGE_MONTHS);
	}
	v = y_get(L, sec, "type2_window_months");
	if (!v)
		load_err(L, sec, "missing-key", "the timeline has no 'type2_window_months'");
	else if (y_check_mapping(L, v, window_keys, "'type2_window_months'"))
		for (i = 0; i < 2; i++)
			load_windows(L, v, i);
	bind_questions(L);
	check_deadline_item(L);
}
