/*
 * model.c - the rules object's lookups by id (for the loader and the checks), what the checks
 * ask of its timeline section, and its release.
 *
 * Ids here are matched exactly, as the rules file writes them; the public
 * sa_rules_question_find (api.c) also takes '-' for '_', as the command line does. An entry
 * whose id was invalid has a NULL id and is never found. Lookups are hashed (see find_id), so
 * loading a file is linear in its size.
 */
#include "internal.h"
#include "json_text.h"
#include "plan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Lookups by id go through one hash map per table (struct sa_idmaps, allocated by the loader,
 * which adds each id as it accepts it: model_id_added). Without maps (a model built another
 * way), or for a table whose map could not grow (out of memory), lookups are linear: slower,
 * never different.
 */
enum id_table { T_QUESTIONS, T_FACTS, T_SOURCES, T_ADVICE, T_STEPS, T_RULES, T_INVARIANTS,
		T_COUNT };

static const char *const table_names[T_COUNT] = { "questions", "facts", "sources", "advice",
						   "steps", "rules", "invariants" };

struct idmap {
	uint32_t *slot; /* entry index + 1; 0: empty */
	size_t cap;     /* a power of two, or 0 */
	size_t len;
	int broken;     /* an id could not be added: lookups are linear */
};

struct sa_idmaps {
	struct idmap t[T_COUNT];
};

static const char *id_at(const sa_rules *r, enum id_table t, size_t i)
{
	switch (t) {
	case T_QUESTIONS:
		return r->questions[i].id;
	case T_FACTS:
		return r->facts[i].id;
	case T_SOURCES:
		return r->sources[i].id;
	case T_ADVICE:
		return r->items[SA_ITEM_ADVICE][i].id;
	case T_STEPS:
		return r->items[SA_ITEM_STEP][i].id;
	case T_RULES:
		return r->rules[i].id;
	default:
		return r->invariants[i].id;
	}
}

static size_t id_table_len(const sa_rules *r, enum id_table t)
{
	switch (t) {
	case T_QUESTIONS:
		return r->nquestions;
	case T_FACTS:
		return r->nfacts;
	case T_SOURCES:
		return r->nsources;
	case T_ADVICE:
		return r->nitems[SA_ITEM_ADVICE];
	case T_STEPS:
		return r->nitems[SA_ITEM_STEP];
	case T_RULES:
		return r->nrules;
	default:
		return r->ninvariants;
	}
}

static size_t hash_id(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

/* Put index i, whose id is id, in m (which has room). */
static void idmap_put(struct idmap *m, const char *id, size_t i)
{
	size_t j;
	for (j = hash_id(id) & (m->cap - 1); m->slot[j]; j = (j + 1) & (m->cap - 1))
		;
	m->slot[j] = (uint32_t)i + 1;
	m->len++;
}

void model_id_added(sa_rules *r, const char *table, size_t i, const char *id)
{
	struct idmap *m;
	size_t t, k;
	if (!r->idmaps)
		return;
	for (t = 0; t < T_COUNT && strcmp(table_names[t], table) != 0; t++)
		;
	if (t == T_COUNT)
		return; /* a table nothing looks up by id */
	m = &r->idmaps->t[t];
	if (m->broken)
		return;
	if ((m->len + 1) * 2 > m->cap) {
		struct idmap grown = { NULL, m->cap ? m->cap * 2 : 64, 0, 0 };
		grown.slot = grown.cap <= UINT32_MAX ? sa_calloc(grown.cap, sizeof(uint32_t)) : NULL;
		if (!grown.slot) {
			m->broken = 1;
			return;
		}
		for (k = 0; k < m->cap; k++) {
			const char *s = m->slot[k] ? id_at(r, (enum id_table)t, m->slot[k] - 1) : NULL;
			if (s) /* (NULL: its copy ran out of memory, and it never matches) */
				idmap_put(&grown, s, m->slot[k] - 1);
		}
		free(m->slot);
		*m = grown;
	}
	idmap_put(m, id, i);
}

/* The first entry of table t whose id is id, or -1. */
static int find_id(const sa_rules *r, enum id_table t, const char *id)
{
	const struct idmap *m = r->idmaps ? &r->idmaps->t[t] : NULL;
	size_t i, j, n = id_table_len(r, t), best = SIZE_MAX;
	if (m && !m->broken) {
		/* an entry is added as its id is accepted, before the loader stores it: an id not
		 * stored yet is NULL, and duplicates are refused, so at most one entry matches */
		for (j = m->cap ? hash_id(id) & (m->cap - 1) : 0; m->cap && m->slot[j];
		     j = (j + 1) & (m->cap - 1)) {
			const char *s = id_at(r, t, m->slot[j] - 1);
			if (s && strcmp(s, id) == 0 && m->slot[j] - 1 < best)
				best = m->slot[j] - 1;
		}
		return best == SIZE_MAX ? -1 : (int)best;
	}
	for (i = 0; i < n; i++)
		if (id_at(r, t, i) && strcmp(id_at(r, t, i), id) == 0)
			return (int)i;
	return -1;
}

int model_idmaps_new(sa_rules *r)
{
	r->idmaps = sa_calloc(1, sizeof(*r->idmaps));
	return r->idmaps ? SA_OK : SA_ERR_NOMEM;
}

static void idmaps_free(struct sa_idmaps *x)
{
	size_t t;
	if (!x)
		return;
	for (t = 0; t < T_COUNT; t++)
		free(x->t[t].slot);
	free(x);
}

int model_find_question(const sa_rules *r, const char *id)
{
	return find_id(r, T_QUESTIONS, id);
}

int model_find_fact(const sa_rules *r, const char *id)
{
	return find_id(r, T_FACTS, id);
}

int model_find_source(const sa_rules *r, const char *id)
{
	return find_id(r, T_SOURCES, id);
}

int model_find_item(const sa_rules *r, enum sa_item_kind k, const char *id)
{
	return find_id(r, k == SA_ITEM_ADVICE ? T_ADVICE : T_STEPS, id);
}

int model_find_rule(const sa_rules *r, const char *id)
{
	return find_id(r, T_RULES, id);
}

int model_find_invariant(const sa_rules *r, const char *id)
{
	return find_id(r, T_INVARIANTS, id);
}

/* The id of entry i of table t (questions and facts: questions first), or NULL. */
static const char *name_at(const sa_rules *r, enum model_table t, size_t i)
{
	switch (t) {
	case MODEL_QUESTIONS:
		return r->questions[i].id;
	case MODEL_QUESTIONS_FACTS:
		return i < r->nquestions ? r->questions[i].id : r->facts[i - r->nquestions].id;
	case MODEL_SOURCES:
		return r->sources[i].id;
	}
	return NULL;
}

static size_t table_len(const sa_rules *r, enum model_table t)
{
	switch (t) {
	case MODEL_QUESTIONS:
		return r->nquestions;
	case MODEL_QUESTIONS_FACTS:
		return r->nquestions + r->nfacts;
	case MODEL_SOURCES:
		return r->nsources;
	}
	return 0;
}

/* Close enough to be a plausible typo: one edit in a short id, up to three in a long one. */
static size_t typo_limit(size_t len)
{
	return len < 4 ? 1 : len < 8 ? 2 : 3;
}

const char *model_suggest(const sa_rules *r, enum model_table t, const char *id)
{
	const char *best = NULL;
	size_t bestd = SIZE_MAX, i, n = table_len(r, t);
	for (i = 0; i < n; i++) {
		const char *c = name_at(r, t, i);
		size_t dist;
		if (!c)
			continue;
		dist = sa_edit_distance(id, c);
		if (dist < bestd) {
			bestd = dist;
			best = c;
		}
	}
	return bestd <= typo_limit(strlen(id)) ? best : NULL;
}

const char *sa_rules_suggest_question(const sa_rules *r, const char *id)
{
	return model_suggest(r, MODEL_QUESTIONS, id);
}

/* ---- the timeline section (plan.h): what --check asks of it, and its release -------------- */

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

static void timeline_free(struct sa_timeline *t)
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

void sa_rules_free(sa_rules *r)
{
	size_t i, j, k;
	if (!r)
		return;
	if (r->builtin) { /* the static model: only the copies of the root and timeline, and the
			   * index built on the copy, are ours */
		sa_index_free(r->index);
		free(r->timeline);
		free(r);
		return;
	}
	json_text_free(r->json);
	free(r->name);
	free(r->version);
	free(r->disclaimer);
	free(r->ask_first);
	for (i = 0; i < r->nchecklists; i++) {
		struct checklist *c = &r->checklists[i];
		free(c->id);
		free(c->prompt);
		free(c->prompt_customer);
		free(c->help);
		for (j = 0; j < c->n; j++)
			free(c->labels[j]);
		free(c->labels);
		free(c->questions);
		free(c->no_value);
	}
	free(r->checklists);
	free(r->checklist_of);
	for (i = 0; i < r->nquestions; i++) {
		struct question *q = &r->questions[i];
		free(q->id);
		free(q->prompt);
		free(q->help);
		free(q->prompt_customer);
		free(q->help_customer);
		for (j = 0; j < q->nchoices; j++)
			free(q->choices[j]);
		free(q->choices);
		free(q->exclusive);
	}
	free(r->questions);
	for (i = 0; i < r->nfacts; i++) {
		free(r->facts[i].id);
		free(r->facts[i].description);
	}
	free(r->facts);
	free(r->fact_order);
	for (i = 0; i < r->nsources; i++) {
		free(r->sources[i].id);
		free(r->sources[i].title);
		free(r->sources[i].url);
		free(r->sources[i].locator);
	}
	free(r->sources);
	for (k = 0; k < 2; k++) {
		for (i = 0; i < r->nitems[k]; i++) {
			struct item *it = &r->items[k][i];
			free(it->id);
			free(it->title);
			free(it->text);
			for (j = 0; j < it->ncriteria; j++)
				free(it->criteria[j]);
			free(it->criteria);
		}
		free(r->items[k]);
		free(r->item_order[k]);
	}
	for (i = 0; i < r->nrules; i++) {
		struct rule *ru = &r->rules[i];
		free(ru->id);
		free(ru->because);
		free(ru->because_customer);
		free(ru->why_not);
		free(ru->sources);
		free(ru->then_note);
		free(ru->timing);
	}
	free(r->rules);
	for (i = 0; i < r->ninvariants; i++) {
		free(r->invariants[i].id);
		free(r->invariants[i].description);
		free(r->invariants[i].sources);
	}
	free(r->invariants);
	free(r->onodes);
	free(r->okids);
	free(r->nodes);
	free(r->kids);
	for (i = 0; i < SA_REPORT_COUNT; i++)
		for (k = 0; k < 3; k++)
			free(r->by_report[i][k]);
	timeline_free(r->timeline);
	idmaps_free(r->idmaps);
	sa_index_free(r->index);
	free(r);
}
