/*
 * model.c - the rules object's lookups by id (for the loader and the checks), what the checks
 * ask of its timeline section, and its release.
 *
 * Ids here are matched exactly, as the rules file writes them; the public
 * sa_rules_question_find (api.c) also takes '-' for '_', as the command line does. An entry
 * whose id was invalid has a NULL id and is never found. Every lookup is linear: the tables are
 * short, and the loader runs each once per reference.
 */
#include "internal.h"
#include "json_text.h"
#include "plan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int model_find_question(const sa_rules *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->nquestions; i++)
		if (r->questions[i].id && strcmp(r->questions[i].id, id) == 0)
			return (int)i;
	return -1;
}

int model_find_fact(const sa_rules *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->nfacts; i++)
		if (r->facts[i].id && strcmp(r->facts[i].id, id) == 0)
			return (int)i;
	return -1;
}

int model_find_source(const sa_rules *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->nsources; i++)
		if (r->sources[i].id && strcmp(r->sources[i].id, id) == 0)
			return (int)i;
	return -1;
}

int model_find_item(const sa_rules *r, enum sa_item_kind k, const char *id)
{
	size_t i;
	for (i = 0; i < r->nitems[k]; i++)
		if (r->items[k][i].id && strcmp(r->items[k][i].id, id) == 0)
			return (int)i;
	return -1;
}

int model_find_rule(const sa_rules *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->nrules; i++)
		if (r->rules[i].id && strcmp(r->rules[i].id, id) == 0)
			return (int)i;
	return -1;
}

int model_find_invariant(const sa_rules *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->ninvariants; i++)
		if (r->invariants[i].id && strcmp(r->invariants[i].id, id) == 0)
			return (int)i;
	return -1;
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
	free(r);
}
