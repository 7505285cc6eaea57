/*
 * plan_json.c - the plan as the "plan" member of the JSON document (docs/json-output.md,
 * "The plan"): keys in a fixed order, dates as ISO 8601 strings, so the bytes are stable.
 */
#include "plan.h"

#include <cjson/cJSON.h>

static cJSON *date_json(int32_t d)
{
	char buf[SA_DATE_SIZE];
	return cJSON_CreateString(sa_date_format(d, buf));
}

cJSON *sa_plan_json(const struct sa_result *res)
{
	const struct sa_plan *p = &res->plan;
	cJSON *o, *ms;
	size_t i;

	if (!p->present)
		return NULL;
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "start", date_json(p->start));
	cJSON_AddItemToObject(o, "deadline", p->has_deadline ? date_json(p->deadline)
							    : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "meets_deadline",
			      p->meets_deadline == SA_UNKNOWN ? cJSON_CreateNull()
			      : cJSON_CreateBool(p->meets_deadline == SA_TRUE));
	ms = cJSON_AddArrayToObject(o, "milestones");
	for (i = 0; i < p->n; i++) {
		const struct sa_milestone *m = &p->m[i];
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "report", sa_report_id(m->report));
		cJSON_AddStringToObject(e, "kind", sa_milestone_kind_id(m->kind));
		cJSON_AddItemToObject(e, "from", date_json(m->from));
		cJSON_AddItemToObject(e, "to", date_json(m->to));
		cJSON_AddStringToObject(e, "text", m->text);
		cJSON_AddItemToArray(ms, e);
	}
	return o;
}
