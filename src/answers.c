/*
 * answers.c - answers to questions: parsing values from text and recording them.
 *
 * An answer is a value per question (bool 0/1, enum choice index, int) and its origin. Answering
 * a question twice is allowed only with the same value, so a script cannot contradict itself
 * silently.
 */
#include "internal.h"

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

int sa_answer_parse(const sa_rules *r, size_t q, const char *text, int32_t *value, char *msg,
		    size_t msgsize)
{
	const struct question *qq = &r->questions[q];
	size_t i, len;
	char *end;
	long long v;

	switch (qq->type) {
	case SA_Q_BOOL:
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
		for (i = 0; i < qq->nchoices; i++)
			if (strcmp(qq->choices[i], text) == 0) {
				*value = (int32_t)i;
				return SA_OK;
			}
		len = (size_t)snprintf(msg, msgsize, "'%s' is not a choice of '%s' (choices: ", text,
				       qq->id);
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
