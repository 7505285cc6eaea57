/*
 * emit_model.c - a build-time tool: load a rules file with the normal loader (every check of
 * sa_rules_load_file) and write its compiled model as C source, so that the command starts
 * with the default rules already compiled (defaults.c hands the model out, default_model.h).
 *
 *     sa_emit_model RULES.yaml OUT.c
 *
 * A rules file with any diagnostic fails the build: the problems are printed as
 * FILE:LINE:COL: message and nothing is written. OUT.c is written whole or not at all.
 *
 * The output is a tree of `static const` objects (read-only after relocation: a write into the
 * built-in model faults) named m0, m1, ... in dependency order, and `sa_default_model`, the
 * root. Pointer fields are filled with casts of their address, which C allows in static
 * initializers; strings are char arrays of their own, so that a pointer shared by two fields
 * (a rule's then.note and then_note) stays shared.
 *
 * Every struct is written with POSITIONAL initializers, one value per field in declaration
 * order, never designated ones: a field added to a struct of the model (internal.h, plan.h,
 * socadvise.h's struct sa_then) without a value here leaves the generated initializer one
 * value short, and the build fails, since the generated file is compiled with
 * -Werror=missing-field-initializers (CMakeLists.txt). To add a field:
 *   1. add it at the end of its struct;
 *   2. write its value at the same position in that struct's function below (the functions
 *      are named after the structs and list the fields in declaration order; struct sa_rules
 *      is root(), whose 'builtin' is always 1): a scalar with put_int/put_uint/put_size, a
 *      string with ref(...obj_str()), an array with one of the obj_* functions (their count is
 *      the field that says how many entries are used; an array whose length is another
 *      table's, such as checklist_of, says so); an array of a new struct type gets a function
 *      like question() and an OBJ_TABLE line;
 *   3. the equality test (tests/unit/test_default_model.c) compares every byte of every
 *      struct, so a field written wrongly fails it; if the new field is a pointer, teach the
 *      test's comparator to follow it (until then the test fails on it, by design).
 * Only what the loader builds belongs here: a field set after loading (a cache) would be
 * written into read-only data.
 */
#include "internal.h"
#include "json_text.h"
#include "plan.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ISO C compilers need only take string literals of 4095 characters (-Woverlength-strings). */
#define LITERAL_MAX 4095
/* Characters of a string literal per line of the output. */
#define LITERAL_LINE 96

struct emitter {
	FILE *out;   /* the generated file: every object before its first use */
	unsigned n;  /* objects written so far: m0 .. m(n-1) */
	int failed;  /* out of memory, or a model this emitter cannot write */
};

/* An object being written: its initializer goes to a memory stream while the objects it
 * points to are written to the file, then it follows them. */
struct body {
	FILE *f;
	char *buf;
	size_t len;
};

static int body_open(struct emitter *e, struct body *b)
{
	b->buf = NULL;
	b->len = 0;
	b->f = open_memstream(&b->buf, &b->len);
	if (!b->f)
		e->failed = 1;
	return b->f != NULL;
}

/* Write "static const DECL mN[] = { body };" and return N. */
static int body_close(struct emitter *e, struct body *b, const char *decl)
{
	unsigned id = e->n++;
	if (fclose(b->f) != 0) {
		e->failed = 1;
		free(b->buf);
		return -1;
	}
	fprintf(e->out, "static const %s m%u[] = {\n%s};\n", decl, id, b->buf);
	free(b->buf);
	return (int)id;
}

/* An empty array that is not NULL (C has no empty arrays): one zeroed entry. */
static int obj_empty(struct emitter *e, const char *decl)
{
	unsigned id = e->n++;
	fprintf(e->out, "static const %s m%u[1];\n", decl, id);
	return (int)id;
}

/* A reference to object id as a field of type type: "(type)mN", or NULL. */
static void ref(FILE *f, const char *type, int id)
{
	if (id < 0)
		fputs("NULL, ", f);
	else
		fprintf(f, "(%s)m%d, ", type, id);
}

static void put_int(FILE *f, long long v)
{
	if (v < -2147483647) /* INT32_MIN and below are not constants of type int */
		fprintf(f, "(%lld - 1), ", v + 1);
	else
		fprintf(f, "%lld, ", v);
}

static void put_uint(FILE *f, unsigned long long v)
{
	fprintf(f, "%lluu, ", v);
}

static void put_size(FILE *f, size_t v)
{
	fprintf(f, "%zuu, ", v);
}

/* A string as a char array of its own; -1 for NULL. */
static int obj_str(struct emitter *e, const char *s)
{
	size_t i, len, col = 0;
	unsigned id;
	if (!s)
		return -1;
	id = e->n++;
	len = strlen(s);
	fprintf(e->out, "static const char m%u[] = ", id);
	if (len > LITERAL_MAX) { /* a brace list has no length limit */
		fputs("{", e->out);
		for (i = 0; i <= len; i++)
			fprintf(e->out, "%s%d,", i % 16 ? "" : "\n", (int)(unsigned char)s[i]);
		fputs("\n};\n", e->out);
		return (int)id;
	}
	fputc('"', e->out);
	for (i = 0; i < len; i++, col++) {
		unsigned char c = (unsigned char)s[i];
		if (col >= LITERAL_LINE) {
			fputs("\"\n\t\"", e->out);
			col = 0;
		}
		/* '?' escaped: no trigraph can form; other bytes as three octal digits, so that a
		 * digit after them is never taken as part of the escape */
		if (c == '"' || c == '\\' || c == '?')
			fprintf(e->out, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(e->out, "\\%03o", c);
		else
			fputc(c, e->out);
	}
	fputs("\";\n", e->out);
	return (int)id;
}

/* An array of n strings; -1 for NULL. */
static int obj_strv(struct emitter *e, char *const *v, size_t n)
{
	struct body b;
	size_t i;
	if (!v)
		return -1;
	if (!n)
		return obj_empty(e, "char *");
	if (!body_open(e, &b))
		return -1;
	for (i = 0; i < n; i++)
		ref(b.f, "char *", obj_str(e, v[i]));
	return body_close(e, &b, "char *const");
}

/* Arrays of integers: the first n entries of v; -1 for NULL. */
#define OBJ_INTS(fn, T, decl, put)                                      \
	static int fn(struct emitter *e, const T *v, size_t n)          \
	{                                                               \
		struct body b;                                          \
		size_t i;                                               \
		if (!v)                                                 \
			return -1;                                      \
		if (!n)                                                 \
			return obj_empty(e, decl);                      \
		if (!body_open(e, &b))                                  \
			return -1;                                      \
		for (i = 0; i < n; i++) {                               \
			put(b.f, v[i]);                                 \
			if (i % 16 == 15)                               \
				fputc('\n', b.f);                       \
		}                                                       \
		fputc('\n', b.f);                                       \
		return body_close(e, &b, decl);                      \
	}
OBJ_INTS(obj_sizes, size_t, "size_t", put_size)
OBJ_INTS(obj_ints, int, "int", put_int)
OBJ_INTS(obj_i32s, int32_t, "int32_t", put_int)
OBJ_INTS(obj_u32s, uint32_t, "uint32_t", put_uint)

/* ---- the structs of the model, one function each, fields in declaration order ------------ */

static int obj_members(struct emitter *e, const struct member *v, size_t n)
{
	struct body b;
	size_t i;
	if (!v)
		return -1;
	if (!n)
		return obj_empty(e, "struct member");
	if (!body_open(e, &b))
		return -1;
	for (i = 0; i < n; i++) {
		fputs("\t{ ", b.f);
		put_uint(b.f, v[i].is_fact);
		put_size(b.f, v[i].index);
		fputs("},\n", b.f);
	}
	return body_close(e, &b, "struct member");
}

static void question(struct emitter *e, FILE *f, const struct question *q)
{
	int id = obj_str(e, q->id), prompt = obj_str(e, q->prompt), help = obj_str(e, q->help);
	int pc = obj_str(e, q->prompt_customer), hc = obj_str(e, q->help_customer);
	int choices = obj_strv(e, q->choices, q->nchoices);
	int excl = obj_members(e, q->exclusive, q->nexclusive);
	fputs("\t{ ", f);
	ref(f, "char *", id);
	put_int(f, q->type);
	ref(f, "char *", prompt);
	ref(f, "char *", help);
	ref(f, "char *", pc);
	ref(f, "char *", hc);
	ref(f, "char **", choices);
	put_size(f, q->nchoices);
	put_int(f, q->min);
	put_int(f, q->max);
	put_int(f, q->has_default);
	put_int(f, q->def);
	put_int(f, q->applies_if);
	ref(f, "struct member *", excl);
	put_size(f, q->nexclusive);
	put_uint(f, q->xline);
	put_uint(f, q->xcol);
	put_uint(f, q->line);
	put_uint(f, q->col);
	fputs("},\n", f);
}

static void checklist(struct emitter *e, FILE *f, const struct checklist *c)
{
	int id = obj_str(e, c->id), prompt = obj_str(e, c->prompt);
	int pc = obj_str(e, c->prompt_customer), help = obj_str(e, c->help);
	int qs = obj_sizes(e, c->questions, c->n), labels = obj_strv(e, c->labels, c->n);
	int no = obj_i32s(e, c->no_value, c->n);
	fputs("\t{ ", f);
	ref(f, "char *", id);
	ref(f, "char *", prompt);
	ref(f, "char *", pc);
	ref(f, "char *", help);
	ref(f, "size_t *", qs);
	ref(f, "char **", labels);
	ref(f, "int32_t *", no);
	put_size(f, c->n);
	put_uint(f, c->line);
	put_uint(f, c->col);
	fputs("},\n", f);
}

static void fact(struct emitter *e, FILE *f, const struct fact *x)
{
	int id = obj_str(e, x->id), desc = obj_str(e, x->description);
	fputs("\t{ ", f);
	ref(f, "char *", id);
	ref(f, "char *", desc);
	put_int(f, x->when);
	put_uint(f, x->line);
	put_uint(f, x->col);
	fputs("},\n", f);
}

static void source(struct emitter *e, FILE *f, const struct source *s)
{
	int id = obj_str(e, s->id), title = obj_str(e, s->title), url = obj_str(e, s->url);
	int loc = obj_str(e, s->locator);
	fputs("\t{ ", f);
	ref(f, "char *", id);
	ref(f, "char *", title);
	ref(f, "char *", url);
	ref(f, "char *", loc);
	put_uint(f, s->line);
	put_uint(f, s->col);
	fputs("},\n", f);
}

static void item(struct emitter *e, FILE *f, const struct item *it)
{
	int id = obj_str(e, it->id), title = obj_str(e, it->title), text = obj_str(e, it->text);
	int crit = obj_strv(e, it->criteria, it->ncriteria);
	fputs("\t{ ", f);
	ref(f, "char *", id);
	ref(f, "char *", title);
	ref(f, "char *", text);
	put_int(f, it->order);
	ref(f, "char **", crit);
	put_size(f, it->ncriteria);
	put_uint(f, it->line);
	put_uint(f, it->col);
	fputs("},\n", f);
}

static void rule(struct emitter *e, FILE *f, const struct rule *ru)
{
	int id = obj_str(e, ru->id), because = obj_str(e, ru->because);
	int bc = obj_str(e, ru->because_customer), why_not = obj_str(e, ru->why_not);
	int sources = obj_sizes(e, ru->sources, ru->nsources);
	int note = obj_str(e, ru->then_note), timing = obj_str(e, ru->timing);
	if (ru->then.note && ru->then.note != ru->then_note) {
		fprintf(stderr, "sa_emit_model: rule '%s': then.note is not then_note\n",
			ru->id ? ru->id : "?");
		e->failed = 1;
	}
	fputs("\t{ ", f);
	ref(f, "char *", id);
	ref(f, "char *", because);
	ref(f, "char *", bc);
	ref(f, "char *", why_not);
	ref(f, "size_t *", sources);
	put_size(f, ru->nsources);
	put_int(f, ru->when);
	put_int(f, ru->kind);
	put_int(f, ru->report);
	put_int(f, ru->target);
	put_uint(f, ru->basis);
	put_int(f, ru->action);
	put_int(f, ru->type);
	put_int(f, ru->observation_months);
	fputs("{ ", f); /* struct sa_then */
	put_int(f, ru->then.type);
	put_int(f, ru->then.observation_months);
	ref(f, "const char *", ru->then.note ? note : -1);
	fputs("}, ", f);
	ref(f, "char *", note);
	ref(f, "char *", timing);
	put_uint(f, ru->line);
	put_uint(f, ru->col);
	fputs("},\n", f);
}

static void node(struct emitter *e, FILE *f, const struct node *x)
{
	(void)e;
	fputs("\t{ ", f);
	put_uint(f, x->kind);
	put_uint(f, x->op);
	put_int(f, x->q);
	put_int(f, x->value);
	put_uint(f, x->off);
	put_uint(f, x->n);
	fprintf(f, "UINT64_C(0x%" PRIx64 "), ", x->mask);
	fputs("},\n", f);
}

static void invariant(struct emitter *e, FILE *f, const struct invariant *v)
{
	int id = obj_str(e, v->id), desc = obj_str(e, v->description);
	int sources = obj_sizes(e, v->sources, v->nsources);
	fputs("\t{ ", f);
	ref(f, "char *", id);
	ref(f, "char *", desc);
	put_int(f, v->when);
	put_int(f, v->require);
	put_int(f, v->scope);
	ref(f, "size_t *", sources);
	put_size(f, v->nsources);
	put_uint(f, v->line);
	put_uint(f, v->col);
	fputs("},\n", f);
}

static void onode(struct emitter *e, FILE *f, const struct onode *x)
{
	(void)e;
	fputs("\t{ ", f);
	put_uint(f, x->kind);
	put_int(f, x->report);
	put_int(f, x->arg);
	put_uint(f, x->off);
	put_uint(f, x->n);
	fputs("},\n", f);
}

/* An array of n structs of the model, each written by one; -1 for NULL. */
#define OBJ_TABLE(fn, T, one)                                                   \
	static int fn(struct emitter *e, const T *v, size_t n)                  \
	{                                                                       \
		struct body b;                                                  \
		size_t i;                                                       \
		if (!v)                                                         \
			return -1;                                              \
		if (!n)                                                         \
			return obj_empty(e, #T);                                \
		if (!body_open(e, &b))                                          \
			return -1;                                              \
		for (i = 0; i < n; i++)                                         \
			one(e, b.f, &v[i]);                                     \
		return body_close(e, &b, #T);                                \
	}
OBJ_TABLE(obj_questions, struct question, question)
OBJ_TABLE(obj_checklists, struct checklist, checklist)
OBJ_TABLE(obj_facts, struct fact, fact)
OBJ_TABLE(obj_sources, struct source, source)
OBJ_TABLE(obj_items, struct item, item)
OBJ_TABLE(obj_rules, struct rule, rule)
OBJ_TABLE(obj_nodes, struct node, node)
OBJ_TABLE(obj_invariants, struct invariant, invariant)
OBJ_TABLE(obj_onodes, struct onode, onode)

/* A range of the timeline: its sources are written first, then "{ ... }" into f. */
static void range_spec(struct emitter *e, FILE *f, const struct tl_range_spec *s)
{
	int sources = obj_sizes(e, s->sources, s->nsources);
	fputs("{ ", f);
	put_int(f, s->min);
	put_int(f, s->max);
	ref(f, "size_t *", sources);
	put_size(f, s->nsources);
	put_uint(f, s->line);
	put_uint(f, s->col);
	fputs("}, ", f);
}

/* The timeline, as an array of one; its start date is the load's (defaults.c sets today's),
 * not the build's. */
static int obj_timeline(struct emitter *e, const struct sa_timeline *t)
{
	struct body b;
	int i, j;
	if (!t)
		return -1;
	if (!body_open(e, &b))
		return -1;
	fputs("\t{ ", b.f);
	put_int(b.f, t->present);
	put_int(b.f, 0); /* start */
	fputs("\n{ ", b.f);
	for (i = 0; i < TL_RANGE_COUNT; i++)
		range_spec(e, b.f, &t->range[i]);
	fputs("},\n{ ", b.f);
	for (i = 0; i < 2; i++) {
		fputs("{ ", b.f);
		for (j = 0; j < TL_SIT_COUNT; j++)
			range_spec(e, b.f, &t->window[i][j]);
		fputs("}, ", b.f);
	}
	fputs("},\n", b.f);
	put_int(b.f, t->deadline_item);
	put_int(b.f, t->readiness_item);
	fputs("{ ", b.f);
	for (i = 0; i < TLQ_COUNT; i++)
		put_int(b.f, t->q[i]);
	fputs("}, ", b.f);
	put_int(b.f, t->last_type1);
	put_int(b.f, t->last_type2);
	put_uint(b.f, t->line);
	put_uint(b.f, t->col);
	fputs("},\n", b.f);
	return body_close(e, &b, "struct sa_timeline");
}

/* ---- the rules' strings as JSON text (json_text.h), derived by the loader, written too ---- */

/* n bytes as a brace list (the pool holds no terminators to rely on; -1 for NULL). */
static int obj_bytes(struct emitter *e, const char *v, size_t n)
{
	size_t i;
	unsigned id;
	if (!v)
		return -1;
	if (!n)
		return obj_empty(e, "char");
	id = e->n++;
	fprintf(e->out, "static const char m%u[] = {", id);
	for (i = 0; i < n; i++)
		fprintf(e->out, "%s%d,", i % 24 ? "" : "\n", (int)(signed char)v[i]);
	fputs("\n};\n", e->out);
	return (int)id;
}

static void put_jtext(FILE *f, struct sa_jtext t)
{
	fprintf(f, "{ %" PRIu32 "u, %" PRIu32 "u }, ", t.off, t.len);
}

/* The first n texts of v; -1 for NULL. */
static int obj_jtexts(struct emitter *e, const struct sa_jtext *v, size_t n)
{
	struct body b;
	size_t i;
	if (!v)
		return -1;
	if (!n)
		return obj_empty(e, "struct sa_jtext");
	if (!body_open(e, &b))
		return -1;
	for (i = 0; i < n; i++) {
		put_jtext(b.f, v[i]);
		if (i % 6 == 5)
			fputc('\n', b.f);
	}
	fputc('\n', b.f);
	return body_close(e, &b, "struct sa_jtext");
}

/* struct sa_json_text, fields in declaration order; its arrays' lengths follow the model's
 * tables (json_text.c: the *_start arrays have one entry more than their table). */
static int obj_json_text(struct emitter *e, const sa_rules *r, const struct sa_json_text *t)
{
	size_t nch = 0, ncr[2] = { 0, 0 }, i;
	int pool, question, choice, choice_start, item[2], criterion[2], criterion_start[2];
	int rule, source, k;
	struct body b;
	if (!t)
		return -1;
	for (i = 0; i < r->nquestions; i++)
		nch += r->questions[i].nchoices;
	for (k = 0; k < 2; k++)
		for (i = 0; i < r->nitems[k]; i++)
			ncr[k] += r->items[k][i].ncriteria;
	pool = obj_bytes(e, t->pool, t->len);
	question = obj_jtexts(e, t->question, r->nquestions * JQ_FIELDS);
	choice = obj_jtexts(e, t->choice, nch);
	choice_start = obj_sizes(e, t->choice_start, r->nquestions + 1);
	for (k = 0; k < 2; k++) {
		item[k] = obj_jtexts(e, t->item[k], r->nitems[k] * JI_FIELDS);
		criterion[k] = obj_jtexts(e, t->criterion[k], ncr[k]);
		criterion_start[k] = obj_sizes(e, t->criterion_start[k], r->nitems[k] + 1);
	}
	rule = obj_jtexts(e, t->rule, r->nrules * JR_FIELDS);
	source = obj_jtexts(e, t->source, r->nsources * JS_FIELDS);
	if (!body_open(e, &b))
		return -1;
	fputs("{ ", b.f);
	ref(b.f, "char *", pool);
	put_size(b.f, t->len);
	put_jtext(b.f, t->name);
	put_jtext(b.f, t->version);
	put_jtext(b.f, t->disclaimer);
	fputs("\n\t", b.f);
	ref(b.f, "struct sa_jtext *", question);
	ref(b.f, "struct sa_jtext *", choice);
	ref(b.f, "size_t *", choice_start);
	fputs("{ ", b.f);
	for (k = 0; k < 2; k++)
		ref(b.f, "struct sa_jtext *", item[k]);
	fputs("}, { ", b.f);
	for (k = 0; k < 2; k++)
		ref(b.f, "struct sa_jtext *", criterion[k]);
	fputs("}, { ", b.f);
	for (k = 0; k < 2; k++)
		ref(b.f, "size_t *", criterion_start[k]);
	fputs("},\n\t", b.f);
	ref(b.f, "struct sa_jtext *", rule);
	ref(b.f, "struct sa_jtext *", source);
	fputs("},\n", b.f);
	return body_close(e, &b, "struct sa_json_text");
}

/* The root, struct sa_rules, as the extern sa_default_model. */
static void root(struct emitter *e, const sa_rules *r)
{
	int name = obj_str(e, r->name), version = obj_str(e, r->version);
	int disclaimer = obj_str(e, r->disclaimer);
	int questions = obj_questions(e, r->questions, r->nquestions);
	int ask_first = obj_sizes(e, r->ask_first, r->nask_first);
	int checklists = obj_checklists(e, r->checklists, r->nchecklists);
	int checklist_of = obj_ints(e, r->checklist_of, r->nquestions); /* one per question */
	int facts = obj_facts(e, r->facts, r->nfacts);
	int fact_order = obj_sizes(e, r->fact_order, r->nfacts);
	int sources = obj_sources(e, r->sources, r->nsources);
	int items[2], item_order[2], by_report[SA_REPORT_COUNT][REPORT_OUTCOME_KINDS];
	int rules, nodes, kids, invariants, onodes, okids, timeline, json;
	int i, k;
	FILE *f = e->out;

	for (k = 0; k < 2; k++) {
		items[k] = obj_items(e, r->items[k], r->nitems[k]);
		item_order[k] = obj_sizes(e, r->item_order[k], r->nitems[k]); /* one per item */
	}
	rules = obj_rules(e, r->rules, r->nrules);
	nodes = obj_nodes(e, r->nodes, r->nnodes);
	kids = obj_u32s(e, r->kids, r->nkids);
	for (i = 0; i < SA_REPORT_COUNT; i++)
		for (k = 0; k < REPORT_OUTCOME_KINDS; k++)
			by_report[i][k] = obj_sizes(e, r->by_report[i][k], r->nby_report[i][k]);
	invariants = obj_invariants(e, r->invariants, r->ninvariants);
	onodes = obj_onodes(e, r->onodes, r->nonodes);
	okids = obj_u32s(e, r->okids, r->nokids);
	timeline = obj_timeline(e, r->timeline);
	json = obj_json_text(e, r, r->json);

	fputs("\nconst sa_rules sa_default_model = {\n\t", f);
	ref(f, "char *", name);
	ref(f, "char *", version);
	ref(f, "char *", disclaimer);
	ref(f, "struct question *", questions);
	put_size(f, r->nquestions);
	ref(f, "size_t *", ask_first);
	put_size(f, r->nask_first);
	fputs("\n\t", f);
	ref(f, "struct checklist *", checklists);
	put_size(f, r->nchecklists);
	ref(f, "int *", checklist_of);
	ref(f, "struct fact *", facts);
	put_size(f, r->nfacts);
	ref(f, "size_t *", fact_order);
	fputs("\n\t", f);
	ref(f, "struct source *", sources);
	put_size(f, r->nsources);
	fputs("{ ", f);
	for (k = 0; k < 2; k++)
		ref(f, "struct item *", items[k]);
	fputs("}, { ", f);
	for (k = 0; k < 2; k++)
		put_size(f, r->nitems[k]);
	fputs("}, { ", f);
	for (k = 0; k < 2; k++)
		ref(f, "size_t *", item_order[k]);
	fputs("},\n\t", f);
	ref(f, "struct rule *", rules);
	put_size(f, r->nrules);
	ref(f, "struct node *", nodes);
	put_size(f, r->nnodes);
	ref(f, "uint32_t *", kids);
	put_size(f, r->nkids);
	fputs("\n\t{ ", f);
	for (i = 0; i < SA_REPORT_COUNT; i++) {
		fputs("{ ", f);
		for (k = 0; k < REPORT_OUTCOME_KINDS; k++)
			ref(f, "size_t *", by_report[i][k]);
		fputs("}, ", f);
	}
	fputs("},\n\t{ ", f);
	for (i = 0; i < SA_REPORT_COUNT; i++) {
		fputs("{ ", f);
		for (k = 0; k < REPORT_OUTCOME_KINDS; k++)
			put_size(f, r->nby_report[i][k]);
		fputs("}, ", f);
	}
	fputs("},\n\t", f);
	put_size(f, r->nslots);
	ref(f, "struct invariant *", invariants);
	put_size(f, r->ninvariants);
	ref(f, "struct onode *", onodes);
	put_size(f, r->nonodes);
	ref(f, "uint32_t *", okids);
	put_size(f, r->nokids);
	fputs("\n\t", f);
	ref(f, "struct sa_timeline *", timeline);
	put_int(f, 1); /* builtin: the model is static, sa_rules_free frees only its copy */
	/* idmaps, index: derived, never written here; the evaluation index is built on the copy
	 * of the root when the model is handed out (defaults.c), lookups by id stay linear */
	fputs("NULL, NULL, ", f);
	ref(f, "struct sa_json_text *", json);
	fputs("\n};\n", f);
}

static int emit(FILE *out, const sa_rules *r, const char *input)
{
	struct emitter e = { out, 0, 0 };
	const char *base = strrchr(input, '/');
	fprintf(out, "/* The compiled model of %s, written by sa_emit_model at build time: "
		"do not edit. */\n", base ? base + 1 : input);
	fputs("#include \"default_model.h\"\n#include \"json_text.h\"\n#include \"plan.h\"\n\n#include <stddef.h>\n"
	      "#include <stdint.h>\n\n", out);
	root(&e, r);
	return e.failed ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct sa_diags d;
	sa_rules *r = NULL;
	char *tmp;
	FILE *out;
	size_t i;
	int rc, status = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: sa_emit_model RULES.yaml OUT.c\n");
		return 2;
	}
	sa_diags_init(&d);
	rc = sa_rules_load_file(argv[1], NULL, &r, &d);
	for (i = 0; i < d.len; i++)
		fprintf(stderr, "sa_emit_model: %s:%u:%u: %s [%s]\n",
			d.items[i].file ? d.items[i].file : argv[1], d.items[i].line,
			d.items[i].col, d.items[i].message, d.items[i].code);
	if (rc != SA_OK || d.len) { /* the built-in model is loaded without a word */
		fprintf(stderr, "sa_emit_model: %s: the rules do not load cleanly\n", argv[1]);
		goto out;
	}
	tmp = malloc(strlen(argv[2]) + sizeof(".tmp"));
	if (!tmp)
		goto out;
	sprintf(tmp, "%s.tmp", argv[2]);
	out = fopen(tmp, "w");
	if (!out) {
		perror(tmp);
		free(tmp);
		goto out;
	}
	rc = emit(out, r, argv[1]);
	if (ferror(out))
		rc = -1;
	if (fclose(out) != 0)
		rc = -1;
	if (rc != 0) {
		fprintf(stderr, "sa_emit_model: cannot write %s\n", tmp);
		remove(tmp);
	} else if (rename(tmp, argv[2]) != 0) {
		perror(argv[2]);
		remove(tmp);
	} else {
		status = 0;
	}
	free(tmp);
out:
	sa_diags_release(&d);
	sa_rules_free(r);
	return status;
}
