/*
 * json.c - the JSON output document (docs/json-output.md), built with cJSON.
 *
 * The only output file that includes the JSON library. Keys are added in a fixed order, so the
 * same rules and answers always give the same bytes. Contract keys are never renamed or removed;
 * new keys may be added.
 *
 * The same documents serve batch lines (with the input line's "id" first), the question
 * vocabulary of --list-questions, and, through a walk (doc.h), the YAML output: every structured
 * format is built here once, so the formats cannot drift apart. Schemas: docs/schema/.
 */
#include "doc.h"
#include "internal.h"
#include "plan.h"

#include <cjson/cJSON.h>

#include <stdlib.h>
#include <string.h>

#define JSON_SCHEMA_VERSION 1

/*
 * The document borrows: keys are string literals or ids owned by the rules, and string values
 * (add_str) are owned by the rules, static, or the caller's for the whole write; all of them
 * outlive the document, which is built, printed and deleted within one call. Only values built
 * in a local buffer are copied (add_copy). This saves a copy and a free of every string.
 */
static void put(cJSON *o, const char *key, cJSON *item)
{
	cJSON_AddItemToObjectCS(o, key, item);
}

static cJSON *add_obj(cJSON *parent, const char *key)
{
	cJSON *o = cJSON_CreateObject();
	if (key)
		put(parent, key, o);
	else
		cJSON_AddItemToArray(parent, o);
	return o;
}

static cJSON *add_arr(cJSON *parent, const char *key)
{
	cJSON *a = cJSON_CreateArray();
	put(parent, key, a);
	return a;
}

static cJSON *ref(const char *s)
{
	return cJSON_CreateStringReference(s);
}

static void add_str(cJSON *o, const char *key, const char *s)
{
	put(o, key, s ? ref(s) : cJSON_CreateNull());
}

static void add_copy(cJSON *o, const char *key, const char *s)
{
	put(o, key, cJSON_CreateString(s));
}

static cJSON *answer_value(const sa_rules *r, size_t q, int32_t v)
{
	switch (r->questions[q].type) {
	case SA_Q_BOOL:
		return cJSON_CreateBool(v != 0);
	case SA_Q_ENUM:
		return ref(r->questions[q].choices[v]);
	case SA_Q_INT:
		return cJSON_CreateNumber((double)v);
	}
	return cJSON_CreateNull();
}

static void add_sources(cJSON *o, const sa_rules *r, size_t rule)
{
	cJSON *arr = add_arr(o, "sources");
	size_t j;
	for (j = 0; j < r->rules[rule].nsources; j++) {
		const struct source *s = &r->sources[r->rules[rule].sources[j]];
		cJSON *so = add_obj(arr, NULL);
		add_str(so, "id", s->id);
		add_str(so, "title", s->title);
		if (s->url)
			add_str(so, "url", s->url);
		if (s->locator)
			add_str(so, "locator", s->locator);
	}
}

/* One reason: the rule, its text, the answers that decided it, open questions, sources. */
static void add_reason(cJSON *arr, const sa_rules *r, const struct sa_result *res, size_t rule,
		       int why_not)
{
	cJSON *o = add_obj(arr, NULL), *ans, *open = NULL;
	size_t q, nq = r->nquestions;
	char slot[160];

	memset(res->scratch, 0, nq);
	add_str(o, "rule", r->rules[rule].id);
	add_copy(o, "supports", sa_slot_name(r, sa_rule_slot(r, rule), slot, sizeof(slot)));
	if (res->rule_tv[rule] == SA_UNKNOWN)
		put(o, "holds", cJSON_CreateNull());
	else
		put(o, "holds", cJSON_CreateBool(res->rule_tv[rule] == SA_TRUE));
	add_str(o, "because", r->rules[rule].because);
	if (why_not && r->rules[rule].why_not)
		add_str(o, "why_not", r->rules[rule].why_not);
	/* used answers first, then open questions, both in question order */
	sa_rule_explain(r, res, rule, res->scratch, NULL);
	ans = add_obj(o, "answers");
	for (q = 0; q < nq; q++)
		if (res->scratch[q])
			put(ans, r->questions[q].id,
					      answer_value(r, q, res->answers.value[q]));
	if (res->rule_tv[rule] == SA_UNKNOWN) {
		memset(res->scratch, 0, nq);
		sa_rule_explain(r, res, rule, NULL, res->scratch);
		open = add_arr(o, "open");
		for (q = 0; q < nq; q++)
			if (res->scratch[q])
				cJSON_AddItemToArray(open, ref(r->questions[q].id));
	}
	add_sources(o, r, rule);
}

static void add_then(cJSON *o, const struct sa_report_result *rr)
{
	cJSON *t;
	if (rr->then.type == SA_TYPE_UNSET && !rr->then.note)
		return;
	t = add_obj(o, "then");
	add_str(t, "type", sa_type_id(rr->then.type));
	if (rr->then.observation_months)
		put(t, "observation_months", cJSON_CreateNumber((double)(rr->then.observation_months)));
	if (rr->then.note)
		add_str(t, "note", rr->then.note);
}

static void add_recommendation(cJSON *arr, const sa_rules *r, const struct sa_result *res,
			       int rep, int with_reasons)
{
	const struct sa_report_result *rr = &res->report[rep];
	cJSON *o = add_obj(arr, NULL), *reasons;
	size_t i;
	int c, has_criteria = r->nby_report[rep][SA_OUT_CRITERIA] > 0;

	add_str(o, "report", sa_report_id((enum sa_report)rep));
	add_str(o, "title", sa_report_title((enum sa_report)rep));
	add_str(o, "status", rr->status == SA_RECOMMENDED ? "recommended" : "possible");
	add_str(o, "action", rr->action == SA_ACTION_REQUEST ? "request" : "obtain");
	add_str(o, "type", sa_type_id(rr->type));
	put(o, "type_decided", cJSON_CreateBool(!rr->type_open));
	if (rr->observation_months)
		put(o, "observation_months", cJSON_CreateNumber((double)(rr->observation_months)));
	add_then(o, rr);
	if (rr->timing)
		add_str(o, "timing", rr->timing);
	if (has_criteria) {
		cJSON *def = add_arr(o, "criteria"), *pos = add_arr(o, "possible_criteria"), *ids;
		for (c = 0; c < SA_CAT_COUNT; c++) {
			if (rr->criteria[c] == SA_RECOMMENDED)
				cJSON_AddItemToArray(def, ref(
								  sa_category_id((enum sa_category)c)));
			else if (rr->criteria[c] == SA_POSSIBLE)
				cJSON_AddItemToArray(pos, ref(
								  sa_category_id((enum sa_category)c)));
		}
		ids = add_arr(o, "criteria_ids");
		for (i = 0; i < sa_tsc_count(); i++) {
			const struct sa_criterion *cr = sa_tsc_get(i);
			if (rr->criteria[cr->category] == SA_RECOMMENDED)
				cJSON_AddItemToArray(ids, ref(cr->id));
		}
	}
	if (!with_reasons)
		return;
	reasons = add_arr(o, "reasons");
	for (i = 0; i < r->nrules; i++) {
		if (r->rules[i].report != rep || r->rules[i].kind > SA_OUT_CRITERIA)
			continue;
		if (sa_rule_is_reason(r, res, i))
			add_reason(reasons, r, res, i, 0);
	}
}

static void add_items(cJSON *doc, const char *key, const sa_rules *r,
		      const struct sa_result *res, enum sa_item_kind k, int with_reasons)
{
	cJSON *arr = add_arr(doc, key);
	const size_t *idx = sa_items_in_order(r, k);
	size_t n = r->nitems[k], i, j;
	enum sa_outcome_kind ok = k == SA_ITEM_ADVICE ? SA_OUT_ADVICE : SA_OUT_STEP;
	for (i = 0; i < n; i++) {
		const struct item *it = &r->items[k][idx[i]];
		const struct sa_item_result *ir = &res->items[k][idx[i]];
		cJSON *o, *reasons;
		if (ir->status == SA_ABSENT)
			continue;
		o = add_obj(arr, NULL);
		add_str(o, "id", it->id);
		add_str(o, "status", ir->status == SA_RECOMMENDED ? "recommended" : "possible");
		if (it->title)
			add_str(o, "title", it->title);
		add_str(o, "text", sa_result_item_text(r, res, k, idx[i]));
		if (it->ncriteria) {
			cJSON *ids = add_arr(o, "criteria_ids");
			for (j = 0; j < it->ncriteria; j++)
				cJSON_AddItemToArray(ids, ref(it->criteria[j]));
		}
		if (!with_reasons)
			continue;
		reasons = add_arr(o, "reasons");
		for (j = 0; j < r->nrules; j++)
			if (r->rules[j].kind == ok && r->rules[j].target == (int)idx[i] &&
			    sa_rule_is_reason(r, res, j))
				add_reason(reasons, r, res, j, 0);
	}
}

static void add_open_questions(cJSON *doc, const sa_rules *r, const struct sa_result *res)
{
	cJSON *arr = add_arr(doc, "open_questions");
	size_t q, s;
	char name[160];
	for (q = 0; q < r->nquestions; q++) {
		cJSON *o, *dec;
		if (!res->open[q])
			continue;
		o = add_obj(arr, NULL);
		add_str(o, "id", r->questions[q].id);
		add_str(o, "prompt", r->questions[q].prompt);
		dec = add_arr(o, "decides");
		for (s = 0; s < r->nslots; s++)
			if (res->decides[q * r->nslots + s])
				cJSON_AddItemToArray(dec, cJSON_CreateString(
								  sa_slot_name(r, s, name, sizeof(name))));
	}
}

static void add_not_recommended(cJSON *doc, const sa_rules *r, const struct sa_result *res)
{
	cJSON *arr = add_arr(doc, "not_recommended");
	int rep;
	size_t i;
	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		cJSON *o, *reasons;
		if (res->report[rep].status != SA_ABSENT)
			continue;
		o = add_obj(arr, NULL);
		add_str(o, "report", sa_report_id((enum sa_report)rep));
		add_str(o, "title", sa_report_title((enum sa_report)rep));
		reasons = add_arr(o, "reasons");
		for (i = 0; i < r->nrules; i++)
			if (r->rules[i].kind == SA_OUT_RECOMMEND && r->rules[i].report == rep)
				add_reason(reasons, r, res, i, 1);
	}
}

/*
 * Print v with two-space indentation, one key or element per line, like jq. Scalars and keys are
 * escaped by cJSON itself; only the layout is ours (cJSON's own layout uses tabs after keys).
 */
static int print_scalar(FILE *f, const cJSON *v)
{
	char *s = cJSON_PrintUnformatted(v);
	int rc;
	if (!s)
		return -1;
	rc = fputs(s, f);
	cJSON_free(s);
	return rc == EOF ? -1 : 0;
}

static int print_key(FILE *f, const char *key)
{
	cJSON *k = cJSON_CreateString(key);
	int rc = k ? print_scalar(f, k) : -1;
	cJSON_Delete(k);
	return rc;
}

static int print_pretty(FILE *f, const cJSON *v, int depth)
{
	const cJSON *c;
	int obj = cJSON_IsObject(v);
	if (!obj && !cJSON_IsArray(v))
		return print_scalar(f, v);
	if (!v->child)
		return fputs(obj ? "{}" : "[]", f) == EOF ? -1 : 0;
	fputc(obj ? '{' : '[', f);
	for (c = v->child; c; c = c->next) {
		fprintf(f, "\n%*s", (depth + 1) * 2, "");
		if (obj) {
			if (print_key(f, c->string) < 0)
				return -1;
			fputs(": ", f);
		}
		if (print_pretty(f, c, depth + 1) < 0)
			return -1;
		if (c->next)
			fputc(',', f);
	}
	fprintf(f, "\n%*s%c", depth * 2, "", obj ? '}' : ']');
	return ferror(f) ? -1 : 0;
}

/*
 * The output document of a result. id (may be NULL) becomes the first key: batch results echo
 * their input line's id. SA_EXPLAIN_NONE leaves out every "reasons" list.
 */
static cJSON *result_doc(const sa_rules *r, const struct sa_result *res,
			 const struct sa_output_opts *o, cJSON *id)
{
	cJSON *doc = cJSON_CreateObject(), *ru, *ans, *defs, *recs;
	size_t q;
	int rep, with_reasons = !o || o->explain >= SA_EXPLAIN_REASONS;

	if (id)
		put(doc, "id", id);
	put(doc, "schema_version", cJSON_CreateNumber((double)(JSON_SCHEMA_VERSION)));
	ru = add_obj(doc, "rules");
	add_str(ru, "name", r->name);
	add_str(ru, "version", r->version);
	ans = add_obj(doc, "answers");
	defs = add_arr(doc, "defaults");
	for (q = 0; q < r->nquestions; q++) {
		if (!res->answers.origin[q])
			continue;
		put(ans, r->questions[q].id,
				      answer_value(r, q, res->answers.value[q]));
		if (res->answers.origin[q] == SA_ORIGIN_DEFAULT)
			cJSON_AddItemToArray(defs, ref(r->questions[q].id));
	}
	recs = add_arr(doc, "recommendations");
	for (rep = 0; rep < SA_REPORT_COUNT; rep++)
		if (res->report[rep].status != SA_ABSENT)
			add_recommendation(recs, r, res, rep, with_reasons);
	add_items(doc, "advice", r, res, SA_ITEM_ADVICE, with_reasons);
	add_items(doc, "next_steps", r, res, SA_ITEM_STEP, with_reasons);
	add_open_questions(doc, r, res);
	if (o && o->explain > 0)
		add_not_recommended(doc, r, res);
	if (res->plan.present)
		put(doc, "plan", sa_plan_json(res));
	return doc;
}

/* Write doc (compact: on one line) and a newline; doc is deleted. */
static int emit(FILE *f, cJSON *doc, int compact)
{
	int rc = SA_OK;
	char *text;

	if (!doc)
		return SA_ERR_NOMEM;
	if (compact) {
		text = cJSON_PrintUnformatted(doc);
		if (!text)
			rc = SA_ERR_NOMEM;
		else if (fputs(text, f) == EOF)
			rc = SA_ERR_IO;
		cJSON_free(text);
	} else if (print_pretty(f, doc, 0) < 0) {
		rc = SA_ERR_IO;
	}
	cJSON_Delete(doc);
	if (rc == SA_OK && fputc('\n', f) == EOF)
		rc = SA_ERR_IO;
	return rc;
}

int sa_write_json(FILE *f, const sa_rules *r, const struct sa_result *res,
		  const struct sa_output_opts *o)
{
	return emit(f, result_doc(r, res, o, NULL), o && o->compact);
}

/* The id of a batch line from its JSON text: a string or a number, or NULL. */
static cJSON *parse_id(const char *id_json)
{
	cJSON *id;
	if (!id_json)
		return NULL;
	id = cJSON_Parse(id_json);
	if (id && cJSON_IsNumber(id)) {
		/* a number is echoed as written: a double would round long integers */
		cJSON_Delete(id);
		return cJSON_CreateRaw(id_json);
	}
	if (id && !cJSON_IsString(id)) {
		cJSON_Delete(id);
		id = NULL;
	}
	return id;
}

int sa_write_json_line(FILE *f, const sa_rules *r, const struct sa_result *res,
		       const struct sa_output_opts *o, const char *id_json)
{
	cJSON *id = parse_id(id_json);
	if (id_json && !id)
		return SA_ERR_INPUT;
	return emit(f, result_doc(r, res, o, id), 1);
}

static void add_error(cJSON *o, const struct sa_diag *g)
{
	add_str(o, "code", g->code ? g->code : "error");
	add_str(o, "message", g->message);
}

int sa_write_json_error_line(FILE *f, const char *id_json, unsigned line,
			     const struct sa_diags *d)
{
	cJSON *doc = cJSON_CreateObject(), *id = parse_id(id_json), *errs;
	const struct sa_diag *first = NULL;
	size_t i;

	for (i = 0; i < d->len && !first; i++)
		if (d->items[i].severity == SA_SEV_ERROR)
			first = &d->items[i];
	if (id)
		put(doc, "id", id);
	put(doc, "line", cJSON_CreateNumber((double)(line)));
	put(doc, "column", cJSON_CreateNumber((double)(first && first->col ? first->col : 1)));
	if (first) {
		add_error(add_obj(doc, "error"), first);
	} else {
		cJSON *e = add_obj(doc, "error");
		add_str(e, "code", "error");
		add_str(e, "message", "invalid line");
	}
	errs = add_arr(doc, "errors");
	for (i = 0; i < d->len; i++) {
		cJSON *e;
		if (d->items[i].severity != SA_SEV_ERROR)
			continue;
		e = add_obj(errs, NULL);
		put(e, "column", cJSON_CreateNumber((double)(d->items[i].col ? d->items[i].col : 1)));
		add_error(e, &d->items[i]);
	}
	return emit(f, doc, 1);
}

/* ---- the question vocabulary ---------------------------------------------------------------- */

static cJSON *questions_doc(const sa_rules *r)
{
	cJSON *doc = cJSON_CreateObject(), *ru, *qs;
	size_t q, k;

	put(doc, "schema_version", cJSON_CreateNumber((double)(JSON_SCHEMA_VERSION)));
	ru = add_obj(doc, "rules");
	add_str(ru, "name", r->name);
	add_str(ru, "version", r->version);
	qs = add_arr(doc, "questions");
	for (q = 0; q < r->nquestions; q++) {
		const struct question *qq = &r->questions[q];
		cJSON *o = add_obj(qs, NULL);
		static const char *const types[] = { "bool", "enum", "int" };
		size_t len = strlen(qq->id);
		char *flag = sa_xcalloc(len + 3, 1); /* "--" + the id with '-' for '_' */
		flag[0] = flag[1] = '-';
		for (k = 0; k < len; k++)
			flag[k + 2] = qq->id[k] == '_' ? '-' : qq->id[k];
		add_str(o, "id", qq->id);
		add_copy(o, "flag", flag);
		free(flag);
		add_str(o, "type", types[qq->type]);
		add_str(o, "prompt", qq->prompt);
		if (qq->help)
			add_str(o, "help", qq->help);
		if (qq->type == SA_Q_ENUM) {
			cJSON *ch = add_arr(o, "choices");
			for (k = 0; k < qq->nchoices; k++)
				cJSON_AddItemToArray(ch, ref(qq->choices[k]));
		} else if (qq->type == SA_Q_INT) {
			put(o, "min", cJSON_CreateNumber((double)(qq->min)));
			put(o, "max", cJSON_CreateNumber((double)(qq->max)));
		}
		if (qq->has_default)
			put(o, "default", answer_value(r, q, qq->def));
		put(o, "conditional", cJSON_CreateBool(qq->applies_if >= 0));
	}
	return doc;
}

int sa_write_questions_json(FILE *f, const sa_rules *r, int compact)
{
	return emit(f, questions_doc(r), compact);
}

/* ---- a walk over a document, for the other structured formats (doc.h) ---------------------- */

static int walk(const cJSON *v, sa_doc_cb cb, void *ctx)
{
	const cJSON *c;
	char num[64];
	int rc;

	if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
		int obj = cJSON_IsObject(v);
		rc = cb(ctx, obj ? SA_DOC_MAP_START : SA_DOC_SEQ_START, NULL);
		for (c = v->child; c && rc == SA_OK; c = c->next) {
			if (obj)
				rc = cb(ctx, SA_DOC_KEY, c->string);
			if (rc == SA_OK)
				rc = walk(c, cb, ctx);
		}
		return rc == SA_OK ? cb(ctx, obj ? SA_DOC_MAP_END : SA_DOC_SEQ_END, NULL) : rc;
	}
	if (cJSON_IsString(v))
		return cb(ctx, SA_DOC_STRING, v->valuestring);
	if (cJSON_IsBool(v))
		return cb(ctx, SA_DOC_BOOL, cJSON_IsTrue(v) ? "true" : "false");
	if (cJSON_IsNumber(v)) {
		/* every number of our documents is a whole number */
		snprintf(num, sizeof(num), "%.17g", v->valuedouble);
		return cb(ctx, SA_DOC_NUMBER, num);
	}
	return cb(ctx, SA_DOC_NULL, "null");
}

static int walk_doc(cJSON *doc, sa_doc_cb cb, void *ctx)
{
	int rc;
	if (!doc)
		return SA_ERR_NOMEM;
	rc = walk(doc, cb, ctx);
	cJSON_Delete(doc);
	return rc;
}

int sa_doc_walk_result(const sa_rules *r, const struct sa_result *res,
		       const struct sa_output_opts *o, sa_doc_cb cb, void *ctx)
{
	return walk_doc(result_doc(r, res, o, NULL), cb, ctx);
}

int sa_doc_walk_questions(const sa_rules *r, sa_doc_cb cb, void *ctx)
{
	return walk_doc(questions_doc(r), cb, ctx);
}
