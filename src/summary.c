/*
 * summary.c - the compact result of --summary (include/sa_summary.h), streamed as one line
 * (json_stream.h).
 *
 * The full document is json_result.c's; this one keeps only what a ticket or a bot acts on,
 * ids rather than texts, so that it stays a few hundred bytes. It reads the result and decides nothing. Schema: docs/schema/summary.schema.json.
 */
#include "internal.h"
#include "json_build.h"
#include "json_stream.h"
#include "json_text.h"
#include "sa_summary.h"

#define SUMMARY_SCHEMA_VERSION 1

/* A question id, escaped when the rules loaded. */
static void put_question(struct jw *w, const sa_rules *r, size_t q)
{
	if (r->json) {
		struct sa_jtext jt = r->json->question[q * JQ_FIELDS + JQ_ID];
		jw_text(w, r->questions[q].id, json_text_at(r, jt), jt.len);
	} else {
		jw_str(w, r->questions[q].id);
	}
}

static void put_reports(struct jw *w, const sa_rules *r, const struct sa_result *res)
{
	int rep, c;
	JW_KEY(w, "reports");
	jw_arr(w);
	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		const struct sa_report_result *rr = &res->report[rep];
		if (rr->status == SA_ABSENT)
			continue;
		jw_obj(w);
		JW_KEY(w, "report");
		jw_str(w, sa_report_id((enum sa_report)rep));
		JW_KEY(w, "status");
		if (rr->status == SA_RECOMMENDED)
			JW_LIT(w, "recommended");
		else
			JW_LIT(w, "possible");
		JW_KEY(w, "type");
		jw_str(w, sa_type_id(rr->type));
		JW_KEY(w, "then");
		jw_str(w, sa_type_id(rr->then.type));
		JW_KEY(w, "categories");
		jw_arr(w);
		if (r->nby_report[rep][SA_OUT_CRITERIA] > 0)
			for (c = 0; c < SA_CAT_COUNT; c++)
				if (rr->criteria[c] == SA_RECOMMENDED)
					jw_str(w, sa_category_id((enum sa_category)c));
		jw_end(w);
		jw_end(w);
	}
	jw_end(w);
}

static void put_advice(struct jw *w, const sa_rules *r, const struct sa_result *res)
{
	const size_t *idx = sa_items_in_order(r, SA_ITEM_ADVICE);
	size_t i;
	JW_KEY(w, "advice");
	jw_arr(w);
	/* the recommended advice: what to act on (possible advice waits on open questions) */
	for (i = 0; i < r->nitems[SA_ITEM_ADVICE]; i++) {
		size_t k = idx[i];
		if (res->items[SA_ITEM_ADVICE][k].status != SA_RECOMMENDED)
			continue;
		if (r->json) {
			struct sa_jtext jt = r->json->item[SA_ITEM_ADVICE][k * JI_FIELDS + JI_ID];
			jw_text(w, r->items[SA_ITEM_ADVICE][k].id, json_text_at(r, jt), jt.len);
		} else {
			jw_str(w, r->items[SA_ITEM_ADVICE][k].id);
		}
	}
	jw_end(w);
}

/* The plan's dates: start, deadline, whether it is met, and when each report is expected. */
static void put_plan(struct jw *w, const struct sa_plan *p)
{
	size_t i;
	JW_KEY(w, "plan");
	jw_obj(w);
	sa_json_plan_head(w, p);
	JW_KEY(w, "reports_expected");
	jw_arr(w);
	for (i = 0; i < p->n; i++) {
		const struct sa_milestone *m = &p->m[i];
		if (m->kind != SA_MS_REPORT_EXPECTED)
			continue;
		jw_obj(w);
		JW_KEY(w, "report");
		jw_str(w, sa_report_id(m->report));
		JW_KEY(w, "type");
		jw_str(w, sa_type_id(m->type));
		sa_json_put_date(w, "from", m->from);
		sa_json_put_date(w, "to", m->to);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
}

int sa_write_summary(FILE *f, const sa_rules *r, const struct sa_result *res,
		     const char *id_json)
{
	struct jw w;
	size_t q;
	int st = SA_OK;

	jw_init(&w, 0);
	jw_obj(&w);
	if (id_json) {
		JW_KEY(&w, "id");
		st = sa_json_put_id(&w, id_json);
	}
	if (st == SA_OK) {
		JW_KEY(&w, "schema_version");
		jw_int(&w, SUMMARY_SCHEMA_VERSION);
		JW_KEY(&w, "complete");
		jw_bool(&w, sa_result_is_complete(r, res));
		put_reports(&w, r, res);
		put_advice(&w, r, res);
		JW_KEY(&w, "open_questions");
		jw_arr(&w);
		for (q = 0; q < r->nquestions; q++)
			if (res->open[q])
				put_question(&w, r, q);
		jw_end(&w);
		if (res->plan.present)
			put_plan(&w, &res->plan);
		jw_end(&w);
		st = jw_write_line(&w, f);
	}
	jw_release(&w);
	return st;
}
