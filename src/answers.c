/*
 * answers.c - answers to questions: parsing values from text and recording them.
 *
 * An answer is a value per question (bool 0/1, enum choice index, int) and its origin. Answering
 * a question twice is allowed only with the same value, so a script cannot contradict itself
 * silently.
 */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int sa_answers_init(struct sa_answers *a, const sa_rules *r)
{
	a->count = r->nquestions;
	a->value = sa_calloc(a->count, sizeof(*a->value));
	a->origin = sa_calloc(a->count, 1);
	if (!a->value || !a->origin) {
		sa_answers_release(a);
		return SA_ERR_NOMEM;
	}
	return SA_OK;
}

void sa_answers_release(struct sa_answers *a)
{
	free(a->value);
	free(a->origin);
	memset(a, 0, sizeof(*a));
}

void sa_answers_clear(struct sa_answers *a)
{
	memset(a->value, 0, a->count * sizeof(*a->value));
	memset(a->origin, 0, a->count);
}

int sa_answers_copy(struct sa_answers *dst, const struct sa_answers *src)
{
	if (dst->count != src->count)
		return SA_ERR_ANSWER;
	memcpy(dst->value, src->value, src->count * sizeof(*src->value));
	memcpy(dst->origin, src->origin, src->count);
	return SA_OK;
}

static const char *const yes_words[] = { "true", "yes", "y", "on", "1", NULL };
static const char *const no_words[] = { "false", "no", "n", "off", "0", NULL };

static int word_in(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strcasecmp(s, *words) == 0)
			return 1;
	return 0;
}

/*
 * The choice of qq closest to text (case ignored) for "did you mean", or NULL when none is close:
 * one edit for a short word, two for a longer one.
 */
static const char *closest_choice(const struct question *qq, const char *text)
{
	char low[SA_ID_MAX + 1];
	const char *best = NULL;
	size_t i, bestd = (size_t)-1, n = strlen(text);
	if (n > SA_ID_MAX)
		return NULL;
	for (i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)text[i]);
	for (i = 0; i < qq->nchoices; i++) {
		size_t d = sa_edit_distance(low, qq->choices[i]);
		if (d < bestd) {
			bestd = d;
			best = qq->choices[i];
		}
	}
	return bestd <= (n < 5 ? 1u : 2u) ? best : NULL;
}

int sa_answer_parse(const sa_rules *r, size_t q, const char *text, int32_t *value, char *msg,
		    size_t msgsize)
{
	const char *near;
	const struct question *qq = &r->questions[q];
	size_t i, len;
	char *end;
	long long v;

	switch (qq->type) {
	case SA_Q_BOOL:
		/* JSON's own words first: what every JSON line answers */
		if (strcmp(text, "true") == 0 || strcmp(text, "false") == 0) {
			*value = text[0] == 't';
			return SA_OK;
		}
		if (word_in(text, yes_words)) {
			*value = 1;
			return SA_OK;
		}
		if (word_in(text, no_words)) {
			*value = 0;
			return SA_OK;
		}
		snprintf(msg, msgsize, "'%s' is not a valid answer to '%s' (expected true or false)",
			 text, qq->id);
		return SA_ERR_ANSWER;
	case SA_Q_ENUM:
		/* choices are lower case (the loader checks): any case is accepted */
		for (i = 0; i < qq->nchoices; i++)
			if (strcasecmp(qq->choices[i], text) == 0) {
				*value = (int32_t)i;
				return SA_OK;
			}
		near = closest_choice(qq, text);
		if (near)
			len = (size_t)snprintf(msg, msgsize,
					       "'%s' is not a choice of '%s' (did you mean '%s'? choices: ",
					       text, qq->id, near);
		else
			len = (size_t)snprintf(msg, msgsize, "'%s' is not a choice of '%s' (choices: ",
					       text, qq->id);
		for (i = 0; i < qq->nchoices && len < msgsize; i++)
			len += (size_t)snprintf(msg + len, msgsize - len, "%s%s", i ? ", " : "",
						qq->choices[i]);
		if (len < msgsize)
			snprintf(msg + len, msgsize - len, ")");
		return SA_ERR_ANSWER;
	case SA_Q_INT:
		errno = 0;
		v = strtoll(text, &end, 10);
		if (!*text || *end || errno || v < INT32_MIN || v > INT32_MAX) {
			snprintf(msg, msgsize, "'%s' is not a valid answer to '%s' (expected a whole number from %d to %d)",
				 text, qq->id, (int)qq->min, (int)qq->max);
			return SA_ERR_ANSWER;
		}
		if (v < qq->min || v > qq->max) {
			snprintf(msg, msgsize, "%lld is out of range for '%s' (allowed: %d to %d)", v,
				 qq->id, (int)qq->min, (int)qq->max);
			return SA_ERR_ANSWER;
		}
		*value = (int32_t)v;
		return SA_OK;
	}
	return SA_ERR_ANSWER;
}

int sa_answers_set(struct sa_answers *a, const sa_rules *r, size_t q, int32_t value, char *msg,
		   size_t msgsize)
{
	if (a->origin[q] == SA_ORIGIN_UNKNOWN) {
		char y[SA_VALUE_SIZE];
		snprintf(msg, msgsize, "'%s' answered twice with different values (unknown, then %s)",
			 r->questions[q].id, sa_question_format_value(r, q, value, y, sizeof(y)));
		return SA_ERR_ANSWER;
	}
	if (a->origin[q] == SA_ORIGIN_GIVEN && a->value[q] != value) {
		char x[SA_VALUE_SIZE], y[SA_VALUE_SIZE];
		snprintf(msg, msgsize, "'%s' answered twice with different values (%s, then %s)",
			 r->questions[q].id, sa_question_format_value(r, q, a->value[q], x, sizeof(x)),
			 sa_question_format_value(r, q, value, y, sizeof(y)));
		return SA_ERR_ANSWER;
	}
	a->value[q] = value;
	a->origin[q] = SA_ORIGIN_GIVEN;
	return SA_OK;
}

int sa_answers_set_unknown(struct sa_answers *a, const sa_rules *r, size_t q, char *msg,
			   size_t msgsize)
{
	if (a->origin[q] == SA_ORIGIN_GIVEN) {
		char x[SA_VALUE_SIZE];
		snprintf(msg, msgsize, "'%s' answered twice with different values (%s, then unknown)",
			 r->questions[q].id, sa_question_format_value(r, q, a->value[q], x, sizeof(x)));
		return SA_ERR_ANSWER;
	}
	a->value[q] = 0;
	a->origin[q] = SA_ORIGIN_UNKNOWN;
	return SA_OK;
}

int sa_answer_is_unknown_word(const char *text)
{
	return strcasecmp(text, "unknown") == 0;
}
