/*
 * json_result.c - the result document (docs/json-output.md) described once for the JSON writer
 * (json_stream.h): streamed as a compact line for --batch and --format json --compact, built as
 * a tree for the indented --format json and the YAML output (json.c prints and walks it).
 *
 * Keys come in a fixed order, so the same rules and answers always give the same bytes; contract
 * keys are never renamed or removed, new keys may be added. Strings of the rules are copied as
 * they were escaped when the rules loaded (json_text.h); only what is made per result (dates,
 * slot names, the plan's texts, the caller's meta) is escaped here.
 *
 * It reads the result and decides nothing: the reasons and open questions are the result's.
 */
#include "json_build.h"
#include "json_stream.h"
#include "json_text.h"
#include "plan.h"

#include <string.h>

struct doc {
	struct jw *w;
	const sa_rules *r;
	const struct sa_result *res;
};

/* A string of the rules, escaped at load (raw is the string itself; NULL writes null). */
static void put_text(struct doc *d, const char *raw, const struct sa_jtext *jt)
{
	if (d->r->json && jt)
		jw_text(d->w, raw, json_text_at(d->r, *jt), jt->len);
	else
		jw_str(d->w, raw);
}

/* A key that is a question id. */
static void key_question(struct doc *d, size_t q)
{
	const sa_rules *r = d->r;
	if (r->json) {
		struct sa_jtext jt = r->json->question[q * JQ_FIELDS + JQ_ID];
		jw_key_text(d->w, r->questions[q].id, json_text_at(r, jt), jt.len);
	} else {
		jw_key(d->w, r->questions[q].id);
	}
}

static const struct sa_jtext *jq(const sa_rules *r, size_t q, int field)
{
	return r->json ? &r->json->question[q * JQ_FIELDS + field] : NULL;
}

static const struct sa_jtext *ji(const sa_rules *r, int k, size_t i, int field)
{
	return r->json ? &r->json->item[k][i * JI_FIELDS + field] : NULL;
}

static const struct sa_jtext *jr(const sa_rules *r, size_t i, int field)
{
	return r->json ? &r->json->rule[i * JR_FIELDS + field] : NULL;
}

void sa_json_put_date(struct jw *w, const char *key, int32_t date)
{
	char buf[SA_DATE_SIZE];
	jw_key(w, key);
	jw_copy(w, sa_date_format(date, buf));
}

void sa_json_plan_head(struct jw *w, const struct sa_plan *p)
{
	sa_json_put_date(w, "start", p->start);
	if (p->has_deadline) {
		sa_json_put_date(w, "deadline", p->deadline);
	} else {
		JW_KEY(w, "deadline");
		jw_null(w);
	}
	JW_KEY(w, "meets_deadline");
	if (p->meets_deadline == SA_UNKNOWN)
		jw_null(w);
	else
		jw_bool(w, p->meets_deadline == SA_TRUE);
}

/* An answer's value: true/false, the choice, or the number. */
static void put_answer(struct doc *d, size_t q, int32_t v)
{
	const sa_rules *r = d->r;
	switch (r->questions[q].type) {
	case SA_Q_BOOL:
		jw_bool(d->w, v != 0);
		return;
	case SA_Q_ENUM:
		put_text(d, r->questions[q].choices[v],
			 r->json ? &r->json->choice[r->json->choice_start[q] + (size_t)v] : NULL);
		return;
	case SA_Q_INT:
		jw_int(d->w, v);
		return;
	}
	jw_null(d->w);
}

/* The dated plan (docs/json-output.md, "The plan"): keys in a fixed order, ISO 8601 dates. */
static void put_plan(struct doc *d, const struct sa_plan *p)
{
	struct jw *w = d->w;
	size_t i;
	JW_KEY(w, "plan");
	jw_obj(w);
	sa_json_plan_head(w, p);
	JW_KEY(w, "milestones");
	jw_arr(w);
	for (i = 0; i < p->n; i++) {
		const struct sa_milestone *m = &p->m[i];
		jw_obj(w);
		JW_KEY(w, "report");
		jw_str(w, sa_report_id(m->report));
		JW_KEY(w, "kind");
		jw_str(w, sa_milestone_kind_id(m->kind));
		sa_json_put_date(w, "from", m->from);
		sa_json_put_date(w, "to", m->to);
		JW_KEY(w, "text");
		jw_str(w, m->text);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
}

static void put_sources(struct doc *d, size_t rule)
{
	const sa_rules *r = d->r;
	struct jw *w = d->w;
	size_t j;
	JW_KEY(w, "sources");
	jw_arr(w);
	for (j = 0; j < r->rules[rule].nsources; j++) {
		size_t si = r->rules[rule].sources[j];
		const struct source *s = &r->sources[si];
		const struct sa_jtext *js = r->json ? &r->json->source[si * JS_FIELDS] : NULL;
		jw_obj(w);
		JW_KEY(w, "id");
		put_text(d, s->id, js ? &js[JS_ID] : NULL);
		JW_KEY(w, "title");
		put_text(d, s->title, js ? &js[JS_TITLE] : NULL);
		if (s->url) {
			JW_KEY(w, "url");
			put_text(d, s->url, js ? &js[JS_URL] : NULL);
		}
		if (s->locator) {
			JW_KEY(w, "locator");
			put_text(d, s->locator, js ? &js[JS_LOCATOR] : NULL);
		}
		jw_end(w);
	}
	jw_end(w);
}

/* One reason: the rule, its text, the answers that decided it, open questions, sources. */
static void put_reason(struct doc *d, const struct sa_reason *x, int why_not)
{
	const sa_rules *r = d->r;
	const struct rule *ru = &r->rules[x->rule];
	struct jw *w = d->w;
	size_t k;
	char slot[160];
	const char *because;

	jw_obj(w);
	JW_KEY(w, "rule");
	put_text(d, ru->id, jr(r, x->rule, JR_ID));
	JW_KEY(w, "supports");
	jw_copy(w, sa_slot_name(r, x->slot, slot, sizeof(slot)));
	JW_KEY(w, "holds");
	if (x->holds == SA_UNKNOWN)
		jw_null(w);
	else
		jw_bool(w, x->holds == SA_TRUE);
	because = sa_rule_because_for(r, x->rule, &d->res->answers);
	JW_KEY(w, "because");
	put_text(d, because,
		 jr(r, x->rule, because == ru->because ? JR_BECAUSE : JR_BECAUSE_CUSTOMER));
	if (why_not && ru->why_not) {
		JW_KEY(w, "why_not");
		put_text(d, ru->why_not, jr(r, x->rule, JR_WHY_NOT));
	}
	/* used answers first, then open questions, both in question order */
	JW_KEY(w, "answers");
	jw_obj(w);
	for (k = 0; k < x->nused; k++) {
		key_question(d, x->used[k]);
		put_answer(d, x->used[k], d->res->answers.value[x->used[k]]);
	}
	jw_end(w);
	if (x->holds == SA_UNKNOWN) {
		JW_KEY(w, "open");
		jw_arr(w);
		for (k = 0; k < x->nopen; k++)
			put_text(d, r->questions[x->open[k]].id, jq(r, x->open[k], JQ_ID));
		jw_end(w);
	}
	put_sources(d, x->rule);
	jw_end(w);
}

static void put_reasons(struct doc *d, const struct sa_reason *x, size_t n, int why_not)
{
	size_t i;
	JW_KEY(d->w, "reasons");
	jw_arr(d->w);
	for (i = 0; i < n; i++)
		put_reason(d, &x[i], why_not);
	jw_end(d->w);
}

/* A text the result copied from the rule that decided its type: escaped at load, if it is. */
static void put_rule_text(struct doc *d, int rule, const char *s, const char *field_s, int field)
{
	put_text(d, s, rule >= 0 && s == field_s ? jr(d->r, (size_t)rule, field) : NULL);
}

static void put_then(struct doc *d, const struct sa_report_result *rr)
{
	struct jw *w = d->w;
	if (rr->then.type == SA_TYPE_UNSET && !rr->then.note)
		return;
	JW_KEY(w, "then");
	jw_obj(w);
	JW_KEY(w, "type");
	jw_str(w, sa_type_id(rr->then.type));
	if (rr->then.observation_months) {
		JW_KEY(w, "observation_months");
		jw_int(w, rr->then.observation_months);
	}
	if (rr->then.note) {
		JW_KEY(w, "note");
		put_rule_text(d, rr->type_rule, rr->then.note,
			      rr->type_rule >= 0 ? d->r->rules[rr->type_rule].then_note : NULL,
			      JR_THEN_NOTE);
	}
	jw_end(w);
}

static void put_criteria(struct doc *d, const struct sa_report_result *rr)
{
	struct jw *w = d->w;
	size_t i;
	int c;
	JW_KEY(w, "criteria");
	jw_arr(w);
	for (c = 0; c < SA_CAT_COUNT; c++)
		if (rr->criteria[c] == SA_RECOMMENDED)
			jw_str(w, sa_category_id((enum sa_category)c));
	jw_end(w);
	JW_KEY(w, "possible_criteria");
	jw_arr(w);
	for (c = 0; c < SA_CAT_COUNT; c++)
		if (rr->criteria[c] == SA_POSSIBLE)
			jw_str(w, sa_category_id((enum sa_category)c));
	jw_end(w);
	JW_KEY(w, "criteria_ids");
	jw_arr(w);
	for (i = 0; i < sa_tsc_count(); i++) {
		const struct sa_criterion *cr = sa_tsc_get(i);
		if (rr->criteria[cr->category] == SA_RECOMMENDED)
			jw_str(w, cr->id);
	}
	jw_end(w);
	JW_KEY(w, "criteria_basis");
	jw_obj(w);
	for (c = 0; c < SA_CAT_COUNT; c++)
		if (rr->basis[c] != SA_BASIS_NONE) {
			jw_key(w, sa_category_id((enum sa_category)c));
			jw_str(w, sa_basis_id((enum sa_basis)rr->basis[c]));
		}
	jw_end(w);
}

static void put_recommendation(struct doc *d, int rep, int with_reasons)
{
	const struct sa_report_result *rr = &d->res->report[rep];
	struct jw *w = d->w;

	jw_obj(w);
	JW_KEY(w, "report");
	jw_str(w, sa_report_id((enum sa_report)rep));
	JW_KEY(w, "title");
	jw_str(w, sa_report_title((enum sa_report)rep));
	JW_KEY(w, "status");
	if (rr->status == SA_RECOMMENDED)
		JW_LIT(w, "recommended");
	else
		JW_LIT(w, "possible");
	JW_KEY(w, "action");
	jw_str(w, rr->action == SA_ACTION_REQUEST ? "request" : "obtain");
	JW_KEY(w, "type");
	jw_str(w, sa_type_id(rr->type));
	JW_KEY(w, "type_decided");
	jw_bool(w, !rr->type_open);
	if (rr->observation_months) {
		JW_KEY(w, "observation_months");
		jw_int(w, rr->observation_months);
	}
	put_then(d, rr);
	if (rr->timing) {
		JW_KEY(w, "timing");
		put_rule_text(d, rr->type_rule, rr->timing,
			      rr->type_rule >= 0 ? d->r->rules[rr->type_rule].timing : NULL,
			      JR_TIMING);
	}
	if (d->r->nby_report[rep][SA_OUT_CRITERIA] > 0)
		put_criteria(d, rr);
	if (with_reasons)
		put_reasons(d, rr->reasons, rr->nreasons, 0);
	jw_end(w);
}

static void put_items(struct doc *d, const char *key, enum sa_item_kind k, int with_reasons)
{
	const sa_rules *r = d->r;
	struct jw *w = d->w;
	const size_t *idx = sa_items_in_order(r, k);
	size_t n = r->nitems[k], i, j;
	jw_key(w, key);
	jw_arr(w);
	for (i = 0; i < n; i++) {
		size_t it_i = idx[i];
		const struct item *it = &r->items[k][it_i];
		const struct sa_item_result *ir = &d->res->items[k][it_i];
		const char *text;
		if (ir->status == SA_ABSENT)
			continue;
		jw_obj(w);
		JW_KEY(w, "id");
		put_text(d, it->id, ji(r, k, it_i, JI_ID));
		JW_KEY(w, "status");
		jw_str(w, ir->status == SA_RECOMMENDED ? "recommended" : "possible");
		if (it->title) {
			JW_KEY(w, "title");
			put_text(d, it->title, ji(r, k, it_i, JI_TITLE));
		}
		text = sa_result_item_text(r, d->res, k, it_i);
		JW_KEY(w, "text");
		put_text(d, text, text == it->text ? ji(r, k, it_i, JI_TEXT) : NULL);
		if (it->ncriteria) {
			JW_KEY(w, "criteria_ids");
			jw_arr(w);
			for (j = 0; j < it->ncriteria; j++)
				put_text(d, it->criteria[j],
					 r->json ? &r->json->criterion[k][r->json->criterion_start[k][it_i] + j] :
						   NULL);
			jw_end(w);
		}
		if (with_reasons)
			put_reasons(d, ir->reasons, ir->nreasons, 0);
		jw_end(w);
	}
	jw_end(w);
}

static void put_open_questions(struct doc *d)
{
	const sa_rules *r = d->r;
	struct jw *w = d->w;
	size_t q, s;
	char name[160];
	JW_KEY(w, "open_questions");
	jw_arr(w);
	for (q = 0; q < r->nquestions; q++) {
		const char *prompt;
		if (!d->res->open[q])
			continue;
		jw_obj(w);
		JW_KEY(w, "id");
		put_text(d, r->questions[q].id, jq(r, q, JQ_ID));
		prompt = sa_question_prompt_for(r, q, &d->res->answers);
		JW_KEY(w, "prompt");
		put_text(d, prompt,
			 jq(r, q, prompt == r->questions[q].prompt ? JQ_PROMPT : JQ_PROMPT_CUSTOMER));
		JW_KEY(w, "decides");
		jw_arr(w);
		for (s = 0; s < r->nslots; s++)
			if (sa_result_decides(d->res, q, s))
				jw_copy(w, sa_slot_name(r, s, name, sizeof(name)));
		jw_end(w);
		jw_end(w);
	}
	jw_end(w);
}

static void put_not_recommended(struct doc *d)
{
	struct jw *w = d->w;
	int rep;
	JW_KEY(w, "not_recommended");
	jw_arr(w);
	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		const struct sa_report_result *rr = &d->res->report[rep];
		if (rr->status != SA_ABSENT)
			continue;
		jw_obj(w);
		JW_KEY(w, "report");
		jw_str(w, sa_report_id((enum sa_report)rep));
		JW_KEY(w, "title");
		jw_str(w, sa_report_title((enum sa_report)rep));
		put_reasons(d, rr->why_not, rr->nwhy_not, 1);
		jw_end(w);
	}
	jw_end(w);
}

static void put_answers(struct doc *d)
{
	const sa_rules *r = d->r;
	const struct sa_result *res = d->res;
	struct jw *w = d->w;
	size_t q;
	JW_KEY(w, "answers");
	jw_obj(w);
	for (q = 0; q < r->nquestions; q++) {
		if (!res->answers.origin[q])
			continue;
		key_question(d, q);
		put_answer(d, q, res->answers.value[q]);
	}
	jw_end(w);
	JW_KEY(w, "defaults");
	jw_arr(w);
	for (q = 0; q < r->nquestions; q++)
		if (res->answers.origin[q] == SA_ORIGIN_DEFAULT)
			put_text(d, r->questions[q].id, jq(r, q, JQ_ID));
	jw_end(w);
}

int sa_json_result_doc(struct jw *w, const sa_rules *r, const struct sa_result *res,
		       const struct sa_output_opts *o, const char *id_json)
{
	struct doc d = { w, r, res };
	const struct sa_json_text *jt = r->json;
	size_t i;
	int rep, with_reasons = !o || o->explain >= SA_EXPLAIN_REASONS, rc;

	jw_obj(w);
	if (id_json) {
		JW_KEY(w, "id");
		if ((rc = sa_json_put_id(w, id_json)) != SA_OK)
			return rc;
	}
	JW_KEY(w, "schema_version");
	jw_int(w, SA_JSON_SCHEMA_VERSION);
	JW_KEY(w, "tool");
	jw_obj(w);
	JW_KEY(w, "name");
	JW_LIT(w, "socadvise");
	JW_KEY(w, "version");
	jw_str(w, SA_VERSION);
	jw_end(w);
	JW_KEY(w, "rules");
	jw_obj(w);
	JW_KEY(w, "name");
	put_text(&d, r->name, jt ? &jt->name : NULL);
	JW_KEY(w, "version");
	put_text(&d, r->version, jt ? &jt->version : NULL);
	jw_end(w);
	JW_KEY(w, "complete");
	jw_bool(w, sa_result_is_complete(r, res));
	if (o && o->meta && o->meta->n) {
		/* the answers file's "meta" mapping, in its order (the engine never reads it) */
		JW_KEY(w, "meta");
		jw_obj(w);
		for (i = 0; i < o->meta->n; i++) {
			jw_key(w, o->meta->keys[i]);
			jw_str(w, o->meta->values[i]);
		}
		jw_end(w);
	}
	put_answers(&d);
	JW_KEY(w, "recommendations");
	jw_arr(w);
	for (rep = 0; rep < SA_REPORT_COUNT; rep++)
		if (res->report[rep].status != SA_ABSENT)
			put_recommendation(&d, rep, with_reasons);
	jw_end(w);
	put_items(&d, "advice", SA_ITEM_ADVICE, with_reasons);
	put_items(&d, "next_steps", SA_ITEM_STEP, with_reasons);
	put_open_questions(&d);
	if (o && o->explain > 0)
		put_not_recommended(&d);
	if (res->plan.present)
		put_plan(&d, &res->plan);
	JW_KEY(w, "disclaimer");
	put_text(&d, sa_rules_disclaimer(r), jt ? &jt->disclaimer : NULL);
	jw_end(w);
	return SA_OK;
}
