/*
 * load_rule_entries.c - the rules loader's 'rules' table: each rule's fields and its one
 * outcome, the per-report index the engine reads, and the questions' 'exclusive' groups (which
 * name rules and facts, so they are resolved after the rules).
 */
#include "load.h"
#include "cond_walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The observation period of a type 2 report, in months. */
#define MONTHS_MIN 1
#define MONTHS_MAX 24

static const char *dup_rule(struct loader *L, const char *id)
{
	return model_find_rule(L->r, id) >= 0 ? "a rule" : NULL;
}

static const char *const rule_keys[] = { "id", "when", "because", "why_not", "sources",
					 "recommend", "type", "criteria", "advice", "step",
					 "because_customer", NULL };

static int parse_type(struct loader *L, const ynode *v, const char *what, enum sa_type *out)
{
	const char *s = y_scalar(v);
	if (s && strcmp(s, "type1") == 0)
		*out = SA_TYPE_1;
	else if (s && strcmp(s, "type2") == 0)
		*out = SA_TYPE_2;
	else if (s && strcmp(s, "none") == 0)
		*out = SA_TYPE_NONE;
	else {
		load_err(L, v, "bad-value", "'%s' in %s is not a type (type1, type2, none)",
		         s ? s : y_kind(v), what);
		return 0;
	}
	return 1;
}

static int parse_months(struct loader *L, const ynode *v, const char *what, int *out)
{
	int32_t m;
	if (!y_int(v, &m) || m < MONTHS_MIN || m > MONTHS_MAX) {
		load_err(L, v, "bad-value",
			 "'observation_months' in %s must be an integer from %d to %d", what,
			 MONTHS_MIN, MONTHS_MAX);
		return 0;
	}
	*out = m;
	return 1;
}

static const char *const recommend_keys[] = { "report", "action", NULL };
static const char *const type_keys[] = { "report", "type", "observation_months", "then",
					 "timing", NULL };
static const char *const then_keys[] = { "type", "observation_months", "note", NULL };
static const char *const criteria_keys[] = { "report", "category", "basis", NULL };
/* The outcome keys of a rule, indexed by enum sa_outcome_kind. */
#define OUTCOME_KIND_COUNT (SA_OUT_STEP + 1)
static const char *const outcome_names[OUTCOME_KIND_COUNT] = { "recommend", "type", "criteria",
							       "advice", "step" };

static void load_outcome(struct loader *L, struct rule *ru, const ynode *e, const char *what)
{
	ynode *o = NULL, *v;
	size_t k, found = 0;
	char owhat[LOAD_WHAT_SIZE + 32];
	for (k = 0; k < OUTCOME_KIND_COUNT; k++) {
		v = y_get(L, e, outcome_names[k]);
		if (!v)
			continue;
		if (found++) {
			load_err(L, v, "several-outcomes",
			         "%s has more than one outcome ('%s' and '%s'): split it into two rules",
			         what, outcome_names[ru->kind], outcome_names[k]);
			return;
		}
		o = v;
		ru->kind = (enum sa_outcome_kind)k;
	}
	if (!o) {
		load_err(L, e, "missing-outcome",
		         "%s has no outcome (one of recommend, type, criteria, advice, step)", what);
		return;
	}
	snprintf(owhat, sizeof(owhat), "'%s' of %s", outcome_names[ru->kind], what);
	switch (ru->kind) {
	case SA_OUT_RECOMMEND:
		if (y_is_scalar(o)) {
			ru->report = load_report(L, o, owhat);
			break;
		}
		if (!y_check_mapping(L, o, recommend_keys, owhat))
			break;
		v = y_get(L, o, "report");
		if (!v)
			load_err(L, o, "missing-key", "%s has no 'report'", owhat);
		else
			ru->report = load_report(L, v, owhat);
		v = y_get(L, o, "action");
		if (v) {
			const char *s = y_scalar(v);
			if (s && strcmp(s, "obtain") == 0)
				ru->action = SA_ACTION_OBTAIN;
			else if (s && strcmp(s, "request") == 0)
				ru->action = SA_ACTION_REQUEST;
			else
				load_err(L, v, "bad-value", "'action' in %s must be obtain or request",
				         owhat);
		}
		break;
	case SA_OUT_TYPE:
		if (!y_check_mapping(L, o, type_keys, owhat))
			break;
		v = y_get(L, o, "report");
		if (!v)
			load_err(L, o, "missing-key", "%s has no 'report'", owhat);
		else
			ru->report = load_report(L, v, owhat);
		v = y_get(L, o, "type");
		if (!v)
			load_err(L, o, "missing-key", "%s has no 'type'", owhat);
		else
			parse_type(L, v, owhat, &ru->type);
		v = y_get(L, o, "observation_months");
		if (v)
			parse_months(L, v, owhat, &ru->observation_months);
		v = y_get(L, o, "timing");
		if (v) {
			if (!y_is_scalar(v))
				load_err(L, v, "wrong-type", "'timing' in %s must be a string", owhat);
			else
				ru->timing = load_strdup(L, y_scalar(v));
		}
		v = y_get(L, o, "then");
		if (v && y_check_mapping(L, v, then_keys, "'then'")) {
			ynode *w = y_get(L, v, "type");
			if (w && parse_type(L, w, "'then'", &ru->then.type) &&
			    ru->then.type == SA_TYPE_NONE)
				load_err(L, w, "bad-value", "'then' type must be type1 or type2");
			w = y_get(L, v, "observation_months");
			if (w)
				parse_months(L, w, "'then'", &ru->then.observation_months);
			w = y_get(L, v, "note");
			if (w) {
				if (!y_is_scalar(w))
					load_err(L, w, "wrong-type", "'note' in 'then' must be a string");
				else
					ru->then_note = load_strdup(L, y_scalar(w));
			}
			ru->then.note = ru->then_note;
		}
		break;
	case SA_OUT_CRITERIA:
		if (!y_check_mapping(L, o, criteria_keys, owhat))
			break;
		v = y_get(L, o, "report");
		if (!v)
			load_err(L, o, "missing-key", "%s has no 'report'", owhat);
		else {
			ru->report = load_report(L, v, owhat);
			if (ru->report >= 0 && ru->report != SA_REPORT_SOC2 &&
			    ru->report != SA_REPORT_SOC3) {
				load_err(L, v, "bad-value",
				         "criteria categories apply to soc2 and soc3 only, not '%s'",
				         y_scalar(v));
				ru->report = -1;
			}
		}
		v = y_get(L, o, "category");
		if (!v)
			load_err(L, o, "missing-key", "%s has no 'category'", owhat);
		else
			ru->target = load_category(L, v);
		ru->basis = SA_BASIS_REQUIRED;
		v = y_get(L, o, "basis");
		if (v) {
			const char *s = y_scalar(v);
			if (s && strcmp(s, "consider") == 0)
				ru->basis = SA_BASIS_CONSIDER;
			else if (!s || strcmp(s, "required") != 0)
				load_err(L, v, "bad-value", "'basis' in %s must be required or consider",
				         owhat);
			/* security is part of every SOC 2 and SOC 3: never only worth considering */
			if (ru->basis == SA_BASIS_CONSIDER && ru->target == SA_CAT_SECURITY)
				load_err(L, v, "bad-value",
				         "security is part of every report: its 'basis' cannot be consider");
		}
		break;
	case SA_OUT_ADVICE:
	case SA_OUT_STEP: {
		enum sa_item_kind ik = ru->kind == SA_OUT_ADVICE ? SA_ITEM_ADVICE : SA_ITEM_STEP;
		const char *s = y_scalar(o);
		if (!s) {
			load_err(L, o, "wrong-type", "%s must be the id of an item", owhat);
			break;
		}
		ru->target = model_find_item(L->r, ik, s);
		if (ru->target < 0)
			load_err(L, o, "undefined-reference", "undefined %s '%s'",
			         ik == SA_ITEM_ADVICE ? "advice item" : "step", s);
		break;
	}
	}
}

void load_rules(struct loader *L, const ynode *list)
{
	sa_rules *r = L->r;
	size_t i, n = y_seq_len(list);
	r->rules = load_calloc(L, n, sizeof(*r->rules));
	if (!r->rules)
		return;
	r->nrules = n;
	for (i = 0; i < n; i++) {
		ynode *e = y_seq_at(L, list, i), *s, *w;
		struct rule *ru = &r->rules[i];
		char what[LOAD_WHAT_SIZE];
		ru->when = -1;
		ru->report = -1;
		ru->target = -1;
		entry_name(L, e, "rule", i, what, sizeof(what));
		if (!y_check_mapping(L, e, rule_keys, what))
			continue;
		ru->id = entry_id(L, e, "rules", i, 1, dup_rule);
		entry_pos(L, e, &ru->line, &ru->col);
		ru->because = y_get_string(L, e, "because", 1, what);
		ru->why_not = y_get_string(L, e, "why_not", 0, what);
		ru->because_customer = y_get_string(L, e, "because_customer", 0, what);
		s = y_get(L, e, "sources");
		if (!s)
			load_err(L, e, "missing-key", "%s has no 'sources': cite at least one", what);
		else
			load_source_refs(L, s, what, &ru->sources, &ru->nsources);
		w = y_get(L, e, "when");
		if (w)
			ru->when = compile_cond(L, w, 0);
		load_outcome(L, ru, e, what);
	}
}

int index_rules(sa_rules *r)
{
	size_t i, rep, k;
	for (rep = 0; rep < SA_REPORT_COUNT; rep++)
		for (k = 0; k < REPORT_OUTCOME_KINDS; k++)
			if (!(r->by_report[rep][k] = sa_calloc(r->nrules, sizeof(size_t))))
				return SA_ERR_NOMEM;
	for (i = 0; i < r->nrules; i++) {
		struct rule *ru = &r->rules[i];
		if (ru->kind > SA_OUT_CRITERIA || ru->report < 0)
			continue;
		k = (size_t)ru->kind;
		r->by_report[ru->report][k][r->nby_report[ru->report][k]++] = i;
	}
	r->nslots = SLOT_ITEM0 + r->nitems[SA_ITEM_ADVICE] + r->nitems[SA_ITEM_STEP];
	return SA_OK;
}

/*
 * 'exclusive' of a question: rules and facts whose conditions split the question's values
 * (checked by --check). Resolved after the rules, which it names.
 */
void load_exclusive(struct loader *L, const ynode *list)
{
	sa_rules *r = L->r;
	size_t i;
	for (i = 0; i < r->nquestions; i++) {
		ynode *x = y_get(L, y_seq_at(L, list, i), "exclusive");
		struct question *q = &r->questions[i];
		size_t k, nx;
		if (!x || !q->id)
			continue;
		q->xline = y_pos(x).line;
		q->xcol = y_pos(x).col;
		if (q->type == SA_Q_BOOL) {
			load_err(L, x, "unexpected-key",
			         "'exclusive' only applies to enum and int questions (question '%s')", q->id);
			continue;
		}
		nx = y_seq_len(x);
		if (!y_is_seq(x) || nx < 2) {
			load_err(L, x, "wrong-type",
			         "'exclusive' of question '%s' must be a list of at least two rule or fact ids",
			         q->id);
			continue;
		}
		q->exclusive = load_calloc(L, nx, sizeof(*q->exclusive));
		for (k = 0; q->exclusive && k < nx; k++) {
			ynode *m = y_seq_at(L, x, k);
			const char *ms = y_scalar(m);
			struct member mb = { 0, 0 };
			int f = ms ? model_find_fact(r, ms) : -1, ru = f < 0 && ms ? model_find_rule(r, ms) : -1;
			int32_t when;
			size_t j;
			if (f >= 0) {
				mb.is_fact = 1;
				mb.index = (size_t)f;
				when = r->facts[f].when;
			} else if (ru >= 0) {
				mb.index = (size_t)ru;
				when = r->rules[ru].when;
			} else {
				load_err(L, m, "undefined-reference",
				         "undefined rule or fact '%s' in 'exclusive' of question '%s'",
				         ms ? ms : y_kind(m), q->id);
				continue;
			}
			for (j = 0; j < q->nexclusive; j++)
				if (q->exclusive[j].is_fact == mb.is_fact &&
				    q->exclusive[j].index == mb.index)
					break;
			if (j < q->nexclusive) {
				load_err(L, m, "duplicate-id", "'%s' appears twice in 'exclusive' of question '%s'",
				         ms, q->id);
				continue;
			}
			if (!cond_reads_question(r, when, i)) {
				load_err(L, m, "bad-value",
				         "%s '%s' in 'exclusive' of question '%s' does not read '%s'",
				         mb.is_fact ? "fact" : "rule", ms, q->id, q->id);
				continue;
			}
			q->exclusive[q->nexclusive++] = mb;
		}
	}
}


