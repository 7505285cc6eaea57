/*
 * json_text.c - the rules' strings escaped once as JSON text (json_text.h).
 *
 * One pool holds every text (measured in a first pass, then written); the per-entry arrays hold offsets into it, so the table is a few
 * allocations whatever the size of the rules, and a model can be copied or serialised with it.
 */
#include "json_text.h"
#include "sa_escape.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Two passes over the same strings: the first (pool NULL) measures, the second writes. */
struct builder {
	struct sa_json_text *t;
	size_t at; /* bytes of the pool measured or written */
	int nomem;
};

/* Escape s (NULL: null) into the pool; its place in *out. */
static void add(struct builder *b, const char *s, struct sa_jtext *out)
{
	char *p = b->t->pool ? b->t->pool + b->at : NULL;
	size_t n = s ? sa_escape_json_string(p, s, strlen(s)) : 4;
	if (!s && p)
		memcpy(p, "null", 4);
	if (p) {
		out->off = (uint32_t)b->at;
		out->len = (uint32_t)n;
	}
	b->at += n;
}

/* An array of n texts (at least one, so that NULL means out of memory). */
static struct sa_jtext *texts(struct builder *b, size_t n)
{
	struct sa_jtext *p = sa_calloc(n ? n : 1, sizeof(*p));
	if (!p)
		b->nomem = 1;
	return p;
}

static size_t *starts(struct builder *b, size_t n)
{
	size_t *p = sa_calloc(n + 1, sizeof(*p));
	if (!p)
		b->nomem = 1;
	return p;
}

static void build_questions(struct builder *b, const sa_rules *r)
{
	struct sa_json_text *t = b->t;
	size_t q, c, nch = 0;
	for (q = 0; q < r->nquestions; q++)
		nch += r->questions[q].nchoices;
	if (!t->pool) { /* the first pass allocates */
		t->question = texts(b, r->nquestions * JQ_FIELDS);
		t->choice = texts(b, nch);
		t->choice_start = starts(b, r->nquestions);
	}
	if (b->nomem)
		return;
	for (q = 0, nch = 0; q < r->nquestions; q++) {
		const struct question *qq = &r->questions[q];
		struct sa_jtext *e = &t->question[q * JQ_FIELDS];
		add(b, qq->id, &e[JQ_ID]);
		add(b, qq->prompt, &e[JQ_PROMPT]);
		add(b, qq->prompt_customer, &e[JQ_PROMPT_CUSTOMER]);
		t->choice_start[q] = nch;
		for (c = 0; c < qq->nchoices; c++)
			add(b, qq->choices[c], &t->choice[nch++]);
	}
	t->choice_start[r->nquestions] = nch;
}

static void build_items(struct builder *b, const sa_rules *r, int k)
{
	struct sa_json_text *t = b->t;
	size_t i, c, ncr = 0;
	for (i = 0; i < r->nitems[k]; i++)
		ncr += r->items[k][i].ncriteria;
	if (!t->pool) {
		t->item[k] = texts(b, r->nitems[k] * JI_FIELDS);
		t->criterion[k] = texts(b, ncr);
		t->criterion_start[k] = starts(b, r->nitems[k]);
	}
	if (b->nomem)
		return;
	for (i = 0, ncr = 0; i < r->nitems[k]; i++) {
		const struct item *it = &r->items[k][i];
		struct sa_jtext *e = &t->item[k][i * JI_FIELDS];
		add(b, it->id, &e[JI_ID]);
		add(b, it->title, &e[JI_TITLE]);
		add(b, it->text, &e[JI_TEXT]);
		t->criterion_start[k][i] = ncr;
		for (c = 0; c < it->ncriteria; c++)
			add(b, it->criteria[c], &t->criterion[k][ncr++]);
	}
	t->criterion_start[k][r->nitems[k]] = ncr;
}

static void build_rules(struct builder *b, const sa_rules *r)
{
	struct sa_json_text *t = b->t;
	size_t i;
	if (!t->pool) {
		t->rule = texts(b, r->nrules * JR_FIELDS);
		t->source = texts(b, r->nsources * JS_FIELDS);
	}
	if (b->nomem)
		return;
	for (i = 0; i < r->nrules; i++) {
		const struct rule *ru = &r->rules[i];
		struct sa_jtext *e = &t->rule[i * JR_FIELDS];
		add(b, ru->id, &e[JR_ID]);
		add(b, ru->because, &e[JR_BECAUSE]);
		add(b, ru->because_customer, &e[JR_BECAUSE_CUSTOMER]);
		add(b, ru->why_not, &e[JR_WHY_NOT]);
		add(b, ru->timing, &e[JR_TIMING]);
		add(b, ru->then_note, &e[JR_THEN_NOTE]);
	}
	for (i = 0; i < r->nsources; i++) {
		const struct source *s = &r->sources[i];
		struct sa_jtext *e = &t->source[i * JS_FIELDS];
		add(b, s->id, &e[JS_ID]);
		add(b, s->title, &e[JS_TITLE]);
		add(b, s->url, &e[JS_URL]);
		add(b, s->locator, &e[JS_LOCATOR]);
	}
}

/* One pass over every string of r. */
static void build_all(struct builder *b, const sa_rules *r)
{
	int k;
	b->at = 0;
	add(b, r->name, &b->t->name);
	add(b, r->version, &b->t->version);
	add(b, sa_rules_disclaimer(r), &b->t->disclaimer);
	build_questions(b, r);
	for (k = 0; k < 2; k++)
		build_items(b, r, k);
	build_rules(b, r);
}

int json_text_build(sa_rules *r)
{
	struct builder b = { NULL, 0, 0 };
	json_text_free(r->json);
	r->json = NULL;
	b.t = sa_calloc(1, sizeof(*b.t));
	if (!b.t)
		return SA_ERR_NOMEM;
	build_all(&b, r);
	if (!b.nomem && b.at > UINT32_MAX)
		b.nomem = 1; /* offsets are 32 bits: far beyond any rules file's limit */
	if (!b.nomem && !(b.t->pool = sa_calloc(b.at ? b.at : 1, 1)))
		b.nomem = 1;
	if (!b.nomem) {
		b.t->len = b.at;
		build_all(&b, r);
	}
	if (b.nomem) {
		json_text_free(b.t);
		return SA_ERR_NOMEM;
	}
	r->json = b.t;
	return SA_OK;
}

void json_text_free(struct sa_json_text *t)
{
	int k;
	if (!t)
		return;
	free(t->pool);
	free(t->question);
	free(t->choice);
	free(t->choice_start);
	for (k = 0; k < 2; k++) {
		free(t->item[k]);
		free(t->criterion[k]);
		free(t->criterion_start[k]);
	}
	free(t->rule);
	free(t->source);
	free(t);
}
