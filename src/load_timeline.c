/*
 * load_timeline.c - load and check the rules file's `timeline:` section: the durations the
 * planner works with, each a range with its sources (docs/rules-format.md, "Timeline").
 *
 * Every problem is a diagnostic with FILE:LINE:COL, like the rest of the loader; the section is
 * checked as a whole (every range, every reference) before the rules object is accepted.
 */
#include "plan.h"

#include <yaml.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tl_loader {
	sa_rules *r;
	yaml_document_t *doc;
	const char *file;
	struct sa_diags *d;
};

static void tl_err(struct tl_loader *L, const yaml_node_t *n, const char *code, const char *fmt,
		   ...) __attribute__((format(printf, 4, 5)));
static void tl_err(struct tl_loader *L, const yaml_node_t *n, const char *code, const char *fmt,
		   ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sa_diags_add(L->d, SA_SEV_ERROR, L->file, n ? (unsigned)n->start_mark.line + 1 : 0,
		     n ? (unsigned)n->start_mark.column + 1 : 0, code, "%s", msg);
}

static const char *tl_scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static yaml_node_t *tl_key(struct tl_loader *L, yaml_node_t *map, const char *key,
			   yaml_node_t **keynode)
{
	yaml_node_pair_t *p;
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(L->doc, p->key);
		const char *ks = tl_scalar(k);
		if (ks && strcmp(ks, key) == 0) {
			if (keynode)
				*keynode = k;
			return yaml_document_get_node(L->doc, p->value);
		}
	}
	return NULL;
}

/* Every key of map must be in allowed, once. */
static int tl_mapping(struct tl_loader *L, yaml_node_t *map, const char *const *allowed,
		      const char *what)
{
	yaml_node_pair_t *p, *q;
	int ok = 1;
	if (!map || map->type != YAML_MAPPING_NODE) {
		tl_err(L, map, "wrong-type", "%s must be a mapping", what);
		return 0;
	}
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(L->doc, p->key);
		const char *ks = tl_scalar(k);
		size_t i;
		if (!ks) {
			tl_err(L, k, "wrong-type", "a key of %s must be a string", what);
			ok = 0;
			continue;
		}
		for (i = 0; allowed[i] && strcmp(allowed[i], ks) != 0; i++)
			;
		if (!allowed[i]) {
			tl_err(L, k, "unknown-key", "unknown key '%s' in %s", ks, what);
			ok = 0;
		}
		for (q = map->data.mapping.pairs.start; q < p; q++)
			if (strcmp(tl_scalar(yaml_document_get_node(L->doc, q->key)) ?
					   tl_scalar(yaml_document_get_node(L->doc, q->key)) : "",
				   ks) == 0) {
				tl_err(L, k, "duplicate-key", "duplicate key '%s' in %s", ks, what);
				ok = 0;
			}
	}
	return ok;
}

static int tl_int(yaml_node_t *n, int32_t *out)
{
	const char *s = tl_scalar(n);
	char *end;
	long v;
	if (!s || !*s || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno || v < INT32_MIN || v > INT32_MAX)
		return 0;
	*out = (int32_t)v;
	return 1;
}

static int find_advice(const sa_rules *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->nitems[SA_ITEM_ADVICE]; i++)
		if (r->items[SA_ITEM_ADVICE][i].id && strcmp(r->items[SA_ITEM_ADVICE][i].id, id) == 0)
			return (int)i;
	return -1;
}

static int find_question(const sa_rules *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->nquestions; i++)
		if (r->questions[i].id && strcmp(r->questions[i].id, id) == 0)
			return (int)i;
	return -1;
}

static int find_choice(const struct question *q, const char *c)
{
	size_t i;
	for (i = 0; i < q->nchoices; i++)
		if (q->choices[i] && strcmp(q->choices[i], c) == 0)
			return (int)i;
	return -1;
}

static const char *const range_names[TL_RANGE_COUNT] = { "readiness_weeks", "type1_lead_weeks",
							 "reporting_weeks", "bridge_letter_months" };
static const char *const situation_names[TL_SIT_COUNT] = { "first_report", "after_type1",
							   "annual" };
static const char *const window_reports[2] = { "soc1", "soc2" };
static const char *const timeline_keys[] = { "deadline_advice", "readiness_advice",
					     "readiness_weeks", "type1_lead_weeks",
					     "reporting_weeks", "bridge_letter_months",
					     "type2_window_months", NULL };
static const char *const range_keys[] = { "min", "max", "sources", NULL };
static const char *const bridge_keys[] = { "normal", "max", "sources", NULL };
static const char *const window_keys[] = { "soc1", "soc2", NULL };
static const char *const situation_keys[] = { "first_report", "after_type1", "annual", NULL };

static void load_sources(struct tl_loader *L, yaml_node_t *owner, yaml_node_t *list,
			 struct tl_range_spec *rs, const char *what)
{
	yaml_node_item_t *it;
	size_t n = 0;
	if (!list) {
		tl_err(L, owner, "missing-key", "%s has no 'sources'", what);
		return;
	}
	if (list->type != YAML_SEQUENCE_NODE || list->data.sequence.items.start ==
						    list->data.sequence.items.top) {
		tl_err(L, list, "wrong-type", "'sources' of %s must be a non-empty list of source ids",
		       what);
		return;
	}
	rs->sources = sa_xcalloc((size_t)(list->data.sequence.items.top -
					  list->data.sequence.items.start),
				 sizeof(*rs->sources));
	for (it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++) {
		yaml_node_t *s = yaml_document_get_node(L->doc, *it);
		const char *id = tl_scalar(s);
		size_t k;
		for (k = 0; id && k < L->r->nsources; k++)
			if (L->r->sources[k].id && strcmp(L->r->sources[k].id, id) == 0)
				break;
		if (!id || k == L->r->nsources) {
			tl_err(L, s, "undefined-reference", "%s cites an unknown source '%s'", what,
			       id ? id : "(not a string)");
			continue;
		}
		rs->sources[n++] = k;
	}
	rs->nsources = n;
}

/*
 * A range {min, max, sources} (bridge letters: {normal, max, sources}) within [lo, hi], with
 * min <= max.
 */
static void load_range(struct tl_loader *L, yaml_node_t *keyn, yaml_node_t *n, struct tl_range_spec *rs, const char *what, int32_t lo,
		       int32_t hi, int bridge)
{
	const char *lowname = bridge ? "normal" : "min";
	yaml_node_t *vmin, *vmax, *kmin = NULL, *kmax = NULL;
	int ok = 1;

	rs->line = keyn ? (unsigned)keyn->start_mark.line + 1 : 0;
	rs->col = keyn ? (unsigned)keyn->start_mark.column + 1 : 0;
	if (!tl_mapping(L, n, bridge ? bridge_keys : range_keys, what) &&
	    n->type != YAML_MAPPING_NODE)
		return;
	vmin = tl_key(L, n, lowname, &kmin);
	vmax = tl_key(L, n, "max", &kmax);
	if (!vmin || !vmax) {
		tl_err(L, n, "missing-key", "%s needs '%s' and 'max'", what, lowname);
		ok = 0;
	}
	if (vmin && !tl_int(vmin, &rs->min)) {
		tl_err(L, vmin, "wrong-type", "'%s' of %s must be an integer", lowname, what);
		ok = 0;
	}
	if (vmax && !tl_int(vmax, &rs->max)) {
		tl_err(L, vmax, "wrong-type", "'max' of %s must be an integer", what);
		ok = 0;
	}
	if (ok && (rs->min < lo || rs->min > hi)) {
		tl_err(L, vmin, "bad-value", "'%s' of %s is %d, outside %d to %d", lowname, what,
		       rs->min, lo, hi);
		ok = 0;
	}
	if (ok && (rs->max < lo || rs->max > hi)) {
		tl_err(L, vmax, "bad-value", "'max' of %s is %d, outside %d to %d", what, rs->max, lo,
		       hi);
		ok = 0;
	}
	if (ok && rs->min > rs->max)
		tl_err(L, vmin, "bad-value", "%s: '%s' (%d) is greater than 'max' (%d)", what,
		       lowname, rs->min, rs->max);
	load_sources(L, n, tl_key(L, n, "sources", NULL), rs, what);
}

static int advice_ref(struct tl_loader *L, yaml_node_t *sec, const char *key, int required)
{
	yaml_node_t *v = tl_key(L, sec, key, NULL);
	const char *id = tl_scalar(v);
	int i;
	if (!v) {
		if (required)
			tl_err(L, sec, "missing-key", "the timeline has no '%s'", key);
		return -1;
	}
	if (!id) {
		tl_err(L, v, "wrong-type", "'%s' must be an advice id", key);
		return -1;
	}
	i = find_advice(L->r, id);
	if (i < 0)
		tl_err(L, v, "undefined-reference", "'%s' names an unknown advice item '%s'", key, id);
	return i;
}

/* The questions the planner reads, with the type it reads them as. */
static const char *const question_ids[TLQ_COUNT] = { "first_report", "last_report_type",
						     "controls_months", "deadline_months",
						     "gap_months", "evidence_retained" };
static const enum sa_qtype question_types[TLQ_COUNT] = { SA_Q_BOOL, SA_Q_ENUM, SA_Q_INT, SA_Q_INT,
							 SA_Q_INT, SA_Q_BOOL };

static void bind_questions(struct tl_loader *L)
{
	struct sa_timeline *t = L->r->timeline;
	static const char *const qtype_names[] = { "bool", "enum", "int" };
	int k;
	for (k = 0; k < TLQ_COUNT; k++) {
		int q = find_question(L->r, question_ids[k]);
		const struct question *qq;
		t->q[k] = -1;
		if (q < 0)
			continue;
		qq = &L->r->questions[q];
		if (qq->type != question_types[k]) {
			sa_diags_add(L->d, SA_SEV_ERROR, L->file, qq->line, qq->col, "wrong-type",
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
			sa_diags_add(L->d, SA_SEV_ERROR, L->file, qq->line, qq->col, "bad-value",
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
static void check_deadline_item(struct tl_loader *L)
{
	const sa_rules *r = L->r;
	int item = r->timeline->deadline_item;
	size_t i;
	if (item < 0)
		return;
	for (i = 0; i < r->nrules; i++)
		if (r->rules[i].kind == SA_OUT_ADVICE && r->rules[i].target == item)
			sa_diags_add(L->d, SA_SEV_ERROR, L->file, r->rules[i].line, r->rules[i].col,
				     "bad-value",
				     "rule '%s' produces advice '%s', which the planner sets from the "
				     "timeline: no rule may produce it",
				     r->rules[i].id, r->items[SA_ITEM_ADVICE][item].id);
	for (i = 0; i < r->ninvariants; i++) {
		const struct invariant *inv = &r->invariants[i];
		if (names_advice(r, inv->when, item) || names_advice(r, inv->require, item))
			sa_diags_add(L->d, SA_SEV_ERROR, L->file, inv->line, inv->col, "bad-value",
				     "invariant '%s' names advice '%s', which the planner sets from "
				     "dates: --verify cannot prove it (the plan properties test "
				     "covers it)",
				     inv->id, r->items[SA_ITEM_ADVICE][item].id);
	}
}

void sa_load_timeline(sa_rules *r, yaml_document_t *doc, yaml_node_t *root, const char *file,
		      struct sa_diags *d)
{
	struct tl_loader L = { r, doc, file, d };
	struct sa_timeline *t = sa_xcalloc(1, sizeof(*t));
	yaml_node_t *sec, *seckey = NULL, *v, *k;
	int i, j;

	r->timeline = t;
	t->start = sa_date_today();
	t->deadline_item = t->readiness_item = -1;
	t->last_type1 = t->last_type2 = -1;
	for (i = 0; i < TLQ_COUNT; i++)
		t->q[i] = -1;
	sec = tl_key(&L, root, "timeline", &seckey);
	if (!sec)
		return;
	t->present = 1;
	t->line = (unsigned)seckey->start_mark.line + 1;
	t->col = (unsigned)seckey->start_mark.column + 1;
	if (!tl_mapping(&L, sec, timeline_keys, "the timeline") && sec->type != YAML_MAPPING_NODE)
		return;
	t->deadline_item = advice_ref(&L, sec, "deadline_advice", 1);
	t->readiness_item = advice_ref(&L, sec, "readiness_advice", 0);
	for (i = 0; i < TL_RANGE_COUNT; i++) {
		char what[64];
		k = NULL;
		v = tl_key(&L, sec, range_names[i], &k);
		snprintf(what, sizeof(what), "timeline '%s'", range_names[i]);
		if (!v) {
			tl_err(&L, sec, "missing-key", "the timeline has no '%s'", range_names[i]);
			continue;
		}
		load_range(&L, k, v, &t->range[i], what, 0,
			   i == TL_BRIDGE_MONTHS ? TL_MAX_MONTHS : TL_MAX_WEEKS,
			   i == TL_BRIDGE_MONTHS);
	}
	v = tl_key(&L, sec, "type2_window_months", NULL);
	if (!v)
		tl_err(&L, sec, "missing-key", "the timeline has no 'type2_window_months'");
	else if (tl_mapping(&L, v, window_keys, "'type2_window_months'") ||
		 v->type == YAML_MAPPING_NODE)
		for (i = 0; i < 2; i++) {
			yaml_node_t *rk = NULL, *rv = tl_key(&L, v, window_reports[i], &rk);
			char what[96];
			snprintf(what, sizeof(what), "the %s Type 2 windows", window_reports[i]);
			if (!rv) {
				tl_err(&L, v, "missing-key", "'type2_window_months' has no '%s'",
				       window_reports[i]);
				continue;
			}
			if (!tl_mapping(&L, rv, situation_keys, what) &&
			    rv->type != YAML_MAPPING_NODE)
				continue;
			for (j = 0; j < TL_SIT_COUNT; j++) {
				yaml_node_t *sk = NULL, *sv = tl_key(&L, rv, situation_names[j], &sk);
				snprintf(what, sizeof(what), "the %s Type 2 window '%s'",
					 window_reports[i], situation_names[j]);
				if (!sv) {
					tl_err(&L, rv, "missing-key", "%s has no '%s'",
					       window_reports[i], situation_names[j]);
					continue;
				}
				load_range(&L, sk, sv, &t->window[i][j], what, 1, TL_MAX_MONTHS, 0);
			}
		}
	bind_questions(&L);
	check_deadline_item(&L);
}

void sa_timeline_free(struct sa_timeline *t)
{
	int i, j;
	if (!t)
		return;
	for (i = 0; i < TL_RANGE_COUNT; i++)
		free(t->range[i].sources);
	for (i = 0; i < 2; i++)
		for (j = 0; j < TL_SIT_COUNT; j++)
			free(t->window[i][j].sources);
	free(t);
}

void sa_timeline_mark_used(const sa_rules *r, unsigned char *qused)
{
	int k;
	if (!r->timeline || !r->timeline->present)
		return;
	for (k = 0; k < TLQ_COUNT; k++)
		if (r->timeline->q[k] >= 0)
			qused[r->timeline->q[k]] = 1;
}

void sa_timeline_mark_cited(const sa_rules *r, unsigned char *cited)
{
	const struct sa_timeline *t = r->timeline;
	size_t i, j, k;
	if (!t || !t->present)
		return;
	for (i = 0; i < TL_RANGE_COUNT; i++)
		for (k = 0; k < t->range[i].nsources; k++)
			cited[t->range[i].sources[k]] = 1;
	for (i = 0; i < 2; i++)
		for (j = 0; j < TL_SIT_COUNT; j++)
			for (k = 0; k < t->window[i][j].nsources; k++)
				cited[t->window[i][j].sources[k]] = 1;
}

int sa_timeline_produces(const sa_rules *r, size_t advice)
{
	return r->timeline && r->timeline->present && r->timeline->deadline_item == (int)advice;
}
