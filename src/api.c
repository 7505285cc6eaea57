/*
 * api.c - read-only accessors over a loaded rules object.
 *
 * Every returned string borrows from the rules object and lives as long as it does.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *sa_rules_name(const sa_rules *r)
{
	return r->name;
}

const char *sa_rules_version(const sa_rules *r)
{
	return r->version;
}

const char *sa_rules_disclaimer(const sa_rules *r)
{
	return r->disclaimer ? r->disclaimer : SA_DEFAULT_DISCLAIMER;
}

size_t sa_rules_question_count(const sa_rules *r)
{
	return r->nquestions;
}

int sa_rules_question_find(const sa_rules *r, const char *id)
{
	size_t i;
	int q = model_find_question(r, id); /* the id as written: hashed when the maps exist */
	if (q >= 0)
		return q;
	for (i = 0; i < r->nquestions; i++)
		if (sa_id_equal(r->questions[i].id, id))
			return (int)i;
	return -1;
}

const char *sa_question_id(const sa_rules *r, size_t q)
{
	return r->questions[q].id;
}

enum sa_qtype sa_question_type(const sa_rules *r, size_t q)
{
	return r->questions[q].type;
}

const char *sa_question_prompt(const sa_rules *r, size_t q)
{
	return r->questions[q].prompt;
}

const char *sa_question_help(const sa_rules *r, size_t q)
{
	return r->questions[q].help;
}

int sa_answers_customer(const sa_rules *r, const struct sa_answers *a)
{
	int q = sa_rules_question_find(r, "role");
	const struct question *qq;
	if (!a || q < 0 || (size_t)q >= a->count || a->origin[q] != SA_ORIGIN_GIVEN)
		return 0;
	qq = &r->questions[q];
	return qq->type == SA_Q_ENUM && a->value[q] >= 0 && (size_t)a->value[q] < qq->nchoices &&
	       strcmp(qq->choices[a->value[q]], "customer") == 0;
}

const char *sa_question_prompt_for(const sa_rules *r, size_t q, const struct sa_answers *a)
{
	const struct question *qq = &r->questions[q];
	return qq->prompt_customer && sa_answers_customer(r, a) ? qq->prompt_customer : qq->prompt;
}

const char *sa_question_help_for(const sa_rules *r, size_t q, const struct sa_answers *a)
{
	const struct question *qq = &r->questions[q];
	return qq->help_customer && sa_answers_customer(r, a) ? qq->help_customer : qq->help;
}

size_t sa_question_choice_count(const sa_rules *r, size_t q)
{
	return r->questions[q].nchoices;
}

const char *sa_question_choice(const sa_rules *r, size_t q, size_t i)
{
	return i < r->questions[q].nchoices ? r->questions[q].choices[i] : NULL;
}

void sa_question_range(const sa_rules *r, size_t q, int32_t *min, int32_t *max)
{
	*min = r->questions[q].min;
	*max = r->questions[q].max;
}

int sa_question_default(const sa_rules *r, size_t q, int32_t *value)
{
	if (!r->questions[q].has_default)
		return 0;
	*value = r->questions[q].def;
	return 1;
}

const char *sa_question_format_value(const sa_rules *r, size_t q, int32_t value, char *buf,
				     size_t size)
{
	const struct question *qq = &r->questions[q];
	switch (qq->type) {
	case SA_Q_BOOL:
		snprintf(buf, size, "%s", value ? "true" : "false");
		break;
	case SA_Q_ENUM:
		snprintf(buf, size, "%s",
			 value >= 0 && (size_t)value < qq->nchoices ? qq->choices[value] : "?");
		break;
	case SA_Q_INT:
		snprintf(buf, size, "%d", (int)value);
		break;
	}
	return buf;
}

size_t sa_rules_rule_count(const sa_rules *r)
{
	return r->nrules;
}

const char *sa_rule_id(const sa_rules *r, size_t i)
{
	return r->rules[i].id;
}

const char *sa_rule_because(const sa_rules *r, size_t i)
{
	return r->rules[i].because;
}

const char *sa_rule_because_for(const sa_rules *r, size_t i, const struct sa_answers *a)
{
	const struct rule *ru = &r->rules[i];
	return ru->because_customer && sa_answers_customer(r, a) ? ru->because_customer :
								    ru->because;
}

const char *sa_rule_why_not(const sa_rules *r, size_t i)
{
	return r->rules[i].why_not;
}

size_t sa_rule_source_count(const sa_rules *r, size_t i)
{
	return r->rules[i].nsources;
}

size_t sa_rule_source(const sa_rules *r, size_t i, size_t j)
{
	return r->rules[i].sources[j];
}

enum sa_outcome_kind sa_rule_outcome(const sa_rules *r, size_t i, int *report, int *target)
{
	if (report)
		*report = r->rules[i].report;
	if (target)
		*target = r->rules[i].target;
	return r->rules[i].kind;
}

size_t sa_rules_source_count(const sa_rules *r)
{
	return r->nsources;
}

const char *sa_source_id(const sa_rules *r, size_t s)
{
	return r->sources[s].id;
}

const char *sa_source_title(const sa_rules *r, size_t s)
{
	return r->sources[s].title;
}

const char *sa_source_url(const sa_rules *r, size_t s)
{
	return r->sources[s].url;
}

const char *sa_source_locator(const sa_rules *r, size_t s)
{
	return r->sources[s].locator;
}

size_t sa_rules_item_count(const sa_rules *r, enum sa_item_kind kind)
{
	return r->nitems[kind];
}

const char *sa_item_id(const sa_rules *r, enum sa_item_kind kind, size_t i)
{
	return r->items[kind][i].id;
}

const char *sa_item_title(const sa_rules *r, enum sa_item_kind kind, size_t i)
{
	return r->items[kind][i].title;
}

const char *sa_item_text(const sa_rules *r, enum sa_item_kind kind, size_t i)
{
	return r->items[kind][i].text;
}

int sa_item_order(const sa_rules *r, enum sa_item_kind kind, size_t i)
{
	return r->items[kind][i].order;
}

size_t sa_item_criteria_count(const sa_rules *r, enum sa_item_kind kind, size_t i)
{
	return r->items[kind][i].ncriteria;
}

const char *sa_item_criterion(const sa_rules *r, enum sa_item_kind kind, size_t i, size_t j)
{
	return r->items[kind][i].criteria[j];
}

const size_t *sa_items_in_order(const sa_rules *r, enum sa_item_kind k)
{
	return r->item_order[k];
}
