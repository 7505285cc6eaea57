/*
 * summary.c - the compact result of --summary (include/sa_summary.h), built with cJSON.
 *
 * A JSON room (tests/structure/third_party_includes.sh): the full document is json.c's; this
 * one keeps only what a ticket or a bot acts on, ids rather than texts, so that it stays a few
 * hundred bytes. It reads the result and decides nothing. Schema: docs/schema/summary.schema.json.
 */
#include "internal.h"
#include "json_build.h"
#include "sa_escape.h"
#include "sa_summary.h"

#include <cjson/cJSON.h>

#include <string.h>

#define SUMMARY_SCHEMA_VERSION 1

/* Building: a failed allocation sets nomem and the document is dropped unwritten. */
struct build {
	int nomem;
};

static cJSON *put(struct build *b, cJSON *o, const char *key, cJSON *item)
{
	return sa_json_put(&b->nomem, o, key, item);
}

/* A string owned by the rules or static: referenced, not copied. */
static cJSON *ref(const char *s)
{
	return s ? cJSON_CreateStringReference(s) : cJSON_CreateNull();
}

static void add_date(struct build *b, cJSON *o, const char *key, int32_t d)
{
	char buf[SA_DATE_SIZE];
	put(b, o, key, cJSON_CreateString(sa_date_format(d, buf)));
}

static void add_reports(struct build *b, cJSON *doc, const sa_rules *r,
			const struct sa_result *res)
{
	cJSON *arr = put(b, doc, "reports", cJSON_CreateArray());
	int rep, c;
	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		const struct sa_report_result *rr = &res->report[rep];
		cJSON *o, *cats;
		if (rr->status == SA_ABSENT)
			continue;
		o = put(b, arr, NULL, cJSON_CreateObject());
		put(b, o, "report", ref(sa_report_id((enum sa_report)rep)));
		put(b, o, "status", ref(rr->status == SA_RECOMMENDED ? "recommended" : "possible"));
		put(b, o, "type", ref(sa_type_id(rr->type)));
		put(b, o, "then", ref(sa_type_id(rr->then.type)));
		cats = put(b, o, "categories", cJSON_CreateArray());
		if (r->nby_report[rep][SA_OUT_CRITERIA] == 0)
			continue;
		for (c = 0; c < SA_CAT_COUNT; c++)
			if (rr->criteria[c] == SA_RECOMMENDED)
				put(b, cats, NULL, ref(sa_category_id((enum sa_category)c)));
	}
}

static void add_advice(struct build *b, cJSON *doc, const sa_rules *r,
		       const struct sa_result *res)
{
	cJSON *rec = put(b, doc, "advice", cJSON_CreateArray());
	const size_t *idx = sa_items_in_order(r, SA_ITEM_ADVICE);
	size_t i;
	/* the recommended advice: what to act on (possible advice waits on open questions) */
	for (i = 0; i < r->nitems[SA_ITEM_ADVICE]; i++)
		if (res->items[SA_ITEM_ADVICE][idx[i]].status == SA_RECOMMENDED)
			put(b, rec, NULL, ref(r->items[SA_ITEM_ADVICE][idx[i]].id));
}

/* The plan's dates: start, deadline, whether it is met, and when each report is expected. */
static void add_plan(struct build *b, cJSON *doc, const struct sa_plan *p)
{
	cJSON *o = put(b, doc, "plan", cJSON_CreateObject()), *exp;
	size_t i;
	add_date(b, o, "start", p->start);
	if (p->has_deadline)
		add_date(b, o, "deadline", p->deadline);
	else
		put(b, o, "deadline", cJSON_CreateNull());
	put(b, o, "meets_deadline", p->meets_deadline == SA_UNKNOWN ?
					    cJSON_CreateNull() :
					    cJSON_CreateBool(p->meets_deadline == SA_TRUE));
	exp = put(b, o, "reports_expected", cJSON_CreateArray());
	for (i = 0; i < p->n; i++) {
		const struct sa_milestone *m = &p->m[i];
		cJSON *e;
		if (m->kind != SA_MS_REPORT_EXPECTED)
			continue;
		e = put(b, exp, NULL, cJSON_CreateObject());
		put(b, e, "report", ref(sa_report_id(m->report)));
		put(b, e, "type", ref(sa_type_id(m->type)));
		add_date(b, e, "from", m->from);
		add_date(b, e, "to", m->to);
	}
}

int sa_write_summary(FILE *f, const sa_rules *r, const struct sa_result *res,
		     const char *id_json)
{
	struct build b = { 0 };
	cJSON *doc, *id, *open;
	size_t q;
	int st = sa_json_parse_id(id_json, &id);
	if (st != SA_OK)
		return st;
	doc = cJSON_CreateObject();
	if (!doc) {
		cJSON_Delete(id);
		return SA_ERR_NOMEM;
	}
	if (id)
		put(&b, doc, "id", id);
	put(&b, doc, "schema_version", cJSON_CreateNumber(SUMMARY_SCHEMA_VERSION));
	put(&b, doc, "complete", cJSON_CreateBool(sa_result_is_complete(r, res)));
	add_reports(&b, doc, r, res);
	add_advice(&b, doc, r, res);
	open = put(&b, doc, "open_questions", cJSON_CreateArray());
	for (q = 0; q < r->nquestions; q++)
		if (res->open[q])
			put(&b, open, NULL, ref(r->questions[q].id));
	if (res->plan.present)
		add_plan(&b, doc, &res->plan);
	return sa_json_emit_line(f, doc, b.nomem);
}
