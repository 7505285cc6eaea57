/*
 * json.c - the JSON output (docs/json-output.md): the result document's writers, and the
 * documents built with cJSON (the question vocabulary of --list-questions, a question or a
 * checklist, batch error lines).
 *
 * Keys are added in a fixed order, so the same rules and answers always give the same bytes.
 * Contract keys are never renamed or removed; new keys may be added. The result document is
 * described once (json_result.c) and either streamed as one line or built as a tree, printed
 * here indented or walked (doc.h) for the YAML output, so the formats cannot drift apart.
 * Schemas: docs/schema/.
 *
 * It reads the result and decides nothing: the reasons and open questions are the result's.
 */
#include "doc.h"
#include "internal.h"
#include "json_build.h"
#include "json_stream.h"
#include "plan.h"
#include "sa_escape.h"

#include <cjson/cJSON.h>

#include <stdio.h>
#include <string.h>

/*
 * The document borrows: keys are string literals or ids owned by the rules, and string values
 * (add_str) are owned by the rules, static, or the caller's for the whole write; all of them
 * outlive the document, which is built, printed and deleted within one call. Only values built
 * in a local buffer are copied (add_copy). This saves a copy and a free of every string.
 *
 * Out of memory: every cJSON call that allocates may fail. The builders below keep going on a
 * failure (a NULL parent takes nothing) and set b->nomem; the document is then deleted unprinted
 * and the writer returns SA_ERR_NOMEM, so a partial document is never written as a success.
 */
struct build {
	const sa_rules *r;
	const struct sa_result *res;
	int nomem;
};

/* Add item under key to object o (key NULL: append to array o); returns item, or NULL. */
cJSON *sa_json_put(int *nomem, cJSON *o, const char *key, cJSON *item)
{
	int ok = item && o &&
		 (key ? cJSON_AddItemToObjectCS(o, key, item) : cJSON_AddItemToArray(o, item));
	if (!ok) {
		cJSON_Delete(item);
		*nomem = 1;
		return NULL;
	}
	return item;
}

static cJSON *put(struct build *b, cJSON *o, const char *key, cJSON *item)
{
	return sa_json_put(&b->nomem, o, key, item);
}

static cJSON *add_obj(struct build *b, cJSON *parent, const char *key)
{
	return put(b, parent, key, cJSON_CreateObject());
}

static cJSON *add_arr(struct build *b, cJSON *parent, const char *key)
{
	return put(b, parent, key, cJSON_CreateArray());
}

static cJSON *ref(const char *s)
{
	return cJSON_CreateStringReference(s);
}

static void add_str(struct build *b, cJSON *o, const char *key, const char *s)
{
	put(b, o, key, s ? ref(s) : cJSON_CreateNull());
}

static void add_copy(struct build *b, cJSON *o, const char *key, const char *s)
{
	put(b, o, key, cJSON_CreateString(s));
}

static void add_num(struct build *b, cJSON *o, const char *key, double v)
{
	put(b, o, key, cJSON_CreateNumber(v));
}

static void add_bool(struct build *b, cJSON *o, const char *key, int v)
{
	put(b, o, key, cJSON_CreateBool(v));
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

/*
 * Print v with two-space indentation, one key or element per line, like jq. Scalars and keys are
 * escaped by cJSON itself, and what cJSON leaves raw (DEL, C1 controls) by sa_escape_json_puts;
 * only the layout is ours (cJSON's own layout uses tabs after keys). Returns SA_OK,
 * SA_ERR_NOMEM or SA_ERR_IO.
 */
static int print_scalar(FILE *f, const cJSON *v)
{
	char *s = cJSON_PrintUnformatted(v);
	int rc;
	if (!s)
		return SA_ERR_NOMEM;
	rc = sa_escape_json_puts(f, s) == EOF ? SA_ERR_IO : SA_OK;
	cJSON_free(s);
	return rc;
}

static int print_key(FILE *f, const char *key)
{
	cJSON *k = cJSON_CreateString(key);
	int rc = k ? print_scalar(f, k) : SA_ERR_NOMEM;
	cJSON_Delete(k);
	return rc;
}

static int print_pretty(FILE *f, const cJSON *v, int depth)
{
	const cJSON *c;
	int obj = cJSON_IsObject(v), rc;
	if (!obj && !cJSON_IsArray(v))
		return print_scalar(f, v);
	if (!v->child)
		return fputs(obj ? "{}" : "[]", f) == EOF ? SA_ERR_IO : SA_OK;
	fputc(obj ? '{' : '[', f);
	for (c = v->child; c; c = c->next) {
		fprintf(f, "\n%*s", (depth + 1) * 2, "");
		if (obj) {
			if ((rc = print_key(f, c->string)) != SA_OK)
				return rc;
			fputs(": ", f);
		}
		if ((rc = print_pretty(f, c, depth + 1)) != SA_OK)
			return rc;
		if (c->next)
			fputc(',', f);
	}
	fprintf(f, "\n%*s%c", depth * 2, "", obj ? '}' : ']');
	return ferror(f) ? SA_ERR_IO : SA_OK;
}

/* The document of b->nomem's build, or NULL (deleted) when an allocation failed. */
static cJSON *finish(struct build *b, cJSON *doc)
{
	if (b->nomem || !doc) {
		cJSON_Delete(doc);
		return NULL;
	}
	return doc;
}

/*
 * Write doc (compact: on one line) and a newline; doc is deleted. A NULL doc (out of memory
 * while building it) writes nothing. The compact form is printed whole before any of it is
 * written.
 */
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
		else if (sa_escape_json_puts(f, text) == EOF)
			rc = SA_ERR_IO;
		cJSON_free(text);
	} else {
		rc = print_pretty(f, doc, 0);
	}
	cJSON_Delete(doc);
	if (rc == SA_OK && fputc('\n', f) == EOF)
		rc = SA_ERR_IO;
	return rc;
}

int sa_json_emit_line(FILE *f, cJSON *doc, int nomem)
{
	if (nomem) {
		cJSON_Delete(doc);
		return SA_ERR_NOMEM;
	}
	return emit(f, doc, 1);
}

/*
 * The result document: compact, streamed as one line; indented, built as a tree and printed (the
 * indentation is ours, json.c's print_pretty).
 */
int sa_write_json(FILE *f, const sa_rules *r, const struct sa_result *res,
		  const struct sa_output_opts *o)
{
	struct jw w;
	int rc;
	if (o && o->compact)
		return sa_write_json_line(f, r, res, o, NULL);
	jw_init(&w, 1);
	rc = sa_json_result_doc(&w, r, res, o, NULL);
	if (rc == SA_OK)
		rc = emit(f, jw_take_tree(&w), 0);
	jw_release(&w);
	return rc;
}

int sa_json_parse_id(const char *id_json, cJSON **out)
{
	cJSON *id;
	*out = NULL;
	if (!id_json)
		return SA_OK;
	id = cJSON_Parse(id_json);
	if (!id) {
		/* cJSON gives no reason for a NULL: valid JSON it could not parse is memory */
		return sa_json_starts_valid(id_json, strlen(id_json)) ? SA_ERR_NOMEM : SA_ERR_INPUT;
	}
	if (cJSON_IsNumber(id)) {
		/* a number is echoed as written: a double would round long integers */
		cJSON_Delete(id);
		*out = cJSON_CreateRaw(id_json);
		return *out ? SA_OK : SA_ERR_NOMEM;
	}
	if (!cJSON_IsString(id)) {
		cJSON_Delete(id);
		return SA_ERR_INPUT;
	}
	*out = id;
	return SA_OK;
}

int sa_json_put_id(struct jw *w, const char *id_json)
{
	const char *p = id_json + (id_json[0] == '-');
	cJSON *id;
	int rc;
	/* digits alone (the usual id) are a number, echoed as written: no need to parse */
	if (*p && strspn(p, "0123456789") == strlen(p) && strlen(p) < 16) {
		jw_raw(w, id_json);
		return SA_OK;
	}
	rc = sa_json_parse_id(id_json, &id);
	if (rc != SA_OK)
		return rc;
	if (cJSON_IsRaw(id))
		jw_raw(w, id->valuestring);
	else
		jw_copy(w, id->valuestring);
	cJSON_Delete(id);
	return SA_OK;
}

int sa_write_json_line(FILE *f, const sa_rules *r, const struct sa_result *res,
		       const struct sa_output_opts *o, const char *id_json)
{
	struct jw w;
	int rc;
	jw_init(&w, 0);
	rc = sa_json_result_doc(&w, r, res, o, id_json);
	if (rc == SA_OK)
		rc = jw_write_line(&w, f);
	jw_release(&w);
	return rc;
}

static void add_error(struct build *b, cJSON *o, const struct sa_diag *g)
{
	add_str(b, o, "code", g->code ? g->code : "error");
	add_str(b, o, "message", g->message);
}

int sa_write_json_error_line(FILE *f, const char *id_json, unsigned line,
			     const struct sa_diags *d)
{
	struct build b = { NULL, NULL, 0 };
	cJSON *doc, *id, *errs;
	const struct sa_diag *first = NULL;
	size_t i;

	/* an id that is not a string or a number is left out; a failed allocation is not */
	if (sa_json_parse_id(id_json, &id) == SA_ERR_NOMEM)
		return SA_ERR_NOMEM;
	doc = cJSON_CreateObject();
	for (i = 0; i < d->len && !first; i++)
		if (d->items[i].severity == SA_SEV_ERROR)
			first = &d->items[i];
	if (id)
		put(&b, doc, "id", id);
	add_num(&b, doc, "line", (double)line);
	add_num(&b, doc, "column", (double)(first && first->col ? first->col : 1));
	if (first) {
		add_error(&b, add_obj(&b, doc, "error"), first);
	} else {
		cJSON *e = add_obj(&b, doc, "error");
		add_str(&b, e, "code", "error");
		add_str(&b, e, "message", "invalid line");
	}
	errs = add_arr(&b, doc, "errors");
	for (i = 0; i < d->len; i++) {
		cJSON *e;
		if (d->items[i].severity != SA_SEV_ERROR)
			continue;
		e = add_obj(&b, errs, NULL);
		add_num(&b, e, "column", (double)(d->items[i].col ? d->items[i].col : 1));
		add_error(&b, e, &d->items[i]);
	}
	return emit(f, finish(&b, doc), 1);
}

/* ---- the question vocabulary ---------------------------------------------------------------- */

/* One question's fields: id, flag, type, prompt, help, choices or range, default. */
static void question_fields(struct build *b, cJSON *o, size_t q, int customer)
{
	const sa_rules *r = b->r;
	const struct question *qq = &r->questions[q];
	static const char *const types[] = { "bool", "enum", "int" };
	char flag[SA_FLAG_SIZE];
	size_t k;
	add_str(b, o, "id", qq->id);
	add_copy(b, o, "flag", sa_question_flag(qq->id, 1, flag, sizeof(flag)));
	add_str(b, o, "type", types[qq->type]);
	add_str(b, o, "prompt", customer && qq->prompt_customer ? qq->prompt_customer : qq->prompt);
	if (!customer && qq->prompt_customer)
		add_str(b, o, "prompt_customer", qq->prompt_customer);
	if (qq->help)
		add_str(b, o, "help", customer && qq->help_customer ? qq->help_customer : qq->help);
	if (!customer && qq->help_customer)
		add_str(b, o, "help_customer", qq->help_customer);
	if (qq->type == SA_Q_ENUM) {
		cJSON *ch = add_arr(b, o, "choices");
		for (k = 0; k < qq->nchoices; k++)
			put(b, ch, NULL, ref(qq->choices[k]));
	} else if (qq->type == SA_Q_INT) {
		add_num(b, o, "min", (double)qq->min);
		add_num(b, o, "max", (double)qq->max);
	}
	if (qq->has_default)
		put(b, o, "default", answer_value(r, q, qq->def));
	add_bool(b, o, "conditional", qq->applies_if >= 0);
}

/* A checklist's fields: id, type, prompt, help, and its items (only the open ones, if given). */
static void checklist_fields(struct build *b, cJSON *doc, size_t c, const unsigned char *open,
			     int customer)
{
	const sa_rules *r = b->r;
	const struct checklist *cl = &r->checklists[c];
	cJSON *items;
	size_t i;
	add_str(b, doc, "id", cl->id);
	add_str(b, doc, "type", "checklist");
	add_str(b, doc, "prompt", customer && cl->prompt_customer ? cl->prompt_customer :
								     cl->prompt);
	if (cl->help)
		add_str(b, doc, "help", cl->help);
	items = add_arr(b, doc, "items");
	for (i = 0; i < cl->n; i++) {
		cJSON *o;
		if (open && !open[i])
			continue;
		o = add_obj(b, items, NULL);
		add_str(b, o, "question", r->questions[cl->questions[i]].id);
		add_str(b, o, "label", cl->labels[i]);
		put(b, o, "no", answer_value(r, cl->questions[i], cl->no_value[i]));
	}
}

static cJSON *questions_doc(const sa_rules *r)
{
	struct build b = { r, NULL, 0 };
	cJSON *doc = cJSON_CreateObject(), *ru, *qs;
	size_t q;

	add_num(&b, doc, "schema_version", SA_JSON_SCHEMA_VERSION);
	ru = add_obj(&b, doc, "rules");
	add_str(&b, ru, "name", r->name);
	add_str(&b, ru, "version", r->version);
	qs = add_arr(&b, doc, "questions");
	for (q = 0; q < r->nquestions; q++)
		question_fields(&b, add_obj(&b, qs, NULL), q, 0);
	if (r->nchecklists) {
		cJSON *cs = add_arr(&b, doc, "checklists");
		for (q = 0; q < r->nchecklists; q++)
			checklist_fields(&b, add_obj(&b, cs, NULL), q, NULL, 0);
	}
	return finish(&b, doc);
}

int sa_write_checklist_json(FILE *f, const sa_rules *r, size_t c, const unsigned char *open,
			    int customer)
{
	struct build b = { r, NULL, 0 };
	cJSON *doc = cJSON_CreateObject();
	checklist_fields(&b, doc, c, open, customer);
	return emit(f, finish(&b, doc), 0);
}

int sa_write_question_json(FILE *f, const sa_rules *r, size_t q, int customer)
{
	struct build b = { r, NULL, 0 };
	cJSON *doc = cJSON_CreateObject();
	question_fields(&b, doc, q, customer);
	return emit(f, finish(&b, doc), 0);
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
	struct jw w;
	int rc;
	jw_init(&w, 1);
	rc = sa_json_result_doc(&w, r, res, o, NULL);
	if (rc == SA_OK)
		rc = walk_doc(jw_take_tree(&w), cb, ctx);
	jw_release(&w);
	return rc;
}

int sa_doc_walk_questions(const sa_rules *r, sa_doc_cb cb, void *ctx)
{
	return walk_doc(questions_doc(r), cb, ctx);
}
