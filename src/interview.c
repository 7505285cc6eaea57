/*
 * interview.c - the interview logic: which question next, is a reply valid, back, progress and
 * why a question is asked. No I/O: the front end (src/cli/interactive.c) does the talking.
 *
 * Invariants:
 * - cur == base + the log: every change goes through replay() or record(), which keep it so;
 * - res is the evaluation of cur with defaults left unknown (SA_EVAL_NO_DEFAULTS), so res.open
 *   and res.applies say what is still worth asking; a default never hides a question;
 * - a question appears at most once in the log (it must be unanswered to be answered), so the
 *   log never holds more entries than there are questions.
 */
#include "internal.h"
#include "sa_interview.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct sa_interview {
	const sa_rules *rules;
	struct sa_interview_opts opts;
	struct sa_answers base;    /* pre-filled answers: never asked, never taken back */
	struct sa_answers cur;     /* base + log */
	struct sa_result res;      /* evaluation of cur, defaults left unknown */
	size_t *log_q;
	int32_t *log_v;
	unsigned char *log_unknown; /* per log entry: answered "I don't know" */
	size_t nlog;
	int32_t *back_value;       /* per question: the answer taken back, offered as default */
	unsigned char *has_back;
};

/* Skip leading white space of *text; return its length without trailing white space. */
static size_t trim(const char **text)
{
	size_t len;
	while (isspace((unsigned char)**text))
		(*text)++;
	len = strlen(*text);
	while (len && isspace((unsigned char)(*text)[len - 1]))
		len--;
	return len;
}

static void evaluate(sa_interview *it)
{
	sa_evaluate_ex(it->rules, &it->cur, &it->res, SA_EVAL_NO_DEFAULTS);
}

int sa_interview_new(const sa_rules *r, const struct sa_answers *prefilled,
		     const struct sa_interview_opts *opts, sa_interview **out)
{
	sa_interview *it = sa_calloc(1, sizeof(*it));
	size_t q, nq = r->nquestions;

	*out = NULL;
	if (!it)
		return SA_ERR_NOMEM;
	it->rules = r;
	if (opts)
		it->opts = *opts;
	if (sa_answers_init(&it->base, r) != SA_OK || sa_answers_init(&it->cur, r) != SA_OK ||
	    sa_result_init(&it->res, r) != SA_OK)
		goto nomem;
	it->log_q = sa_calloc(nq, sizeof(*it->log_q));
	it->log_v = sa_calloc(nq, sizeof(*it->log_v));
	it->log_unknown = sa_calloc(nq ? nq : 1, 1);
	it->back_value = sa_calloc(nq, sizeof(*it->back_value));
	it->has_back = sa_calloc(nq, 1);
	if (!it->log_q || !it->log_v || !it->log_unknown || !it->back_value || !it->has_back)
		goto nomem;
	for (q = 0; prefilled && q < nq && q < prefilled->count; q++)
		if (prefilled->origin[q] == SA_ORIGIN_GIVEN ||
		    prefilled->origin[q] == SA_ORIGIN_UNKNOWN) {
			it->base.value[q] = prefilled->value[q];
			it->base.origin[q] = prefilled->origin[q];
		}
	sa_answers_copy(&it->cur, &it->base);
	evaluate(it);
	*out = it;
	return SA_OK;
nomem:
	sa_interview_free(it);
	return SA_ERR_NOMEM;
}

void sa_interview_free(sa_interview *it)
{
	if (!it)
		return;
	sa_result_release(&it->res);
	sa_answers_release(&it->base);
	sa_answers_release(&it->cur);
	free(it->log_q);
	free(it->log_v);
	free(it->log_unknown);
	free(it->back_value);
	free(it->has_back);
	free(it);
}

int sa_interview_askable(const sa_interview *it, size_t q)
{
	if (q >= it->rules->nquestions || it->cur.origin[q])
		return 0;
	if (it->opts.all_questions)
		return it->res.applies[q] != SA_FALSE;
	return it->res.open[q] != 0;
}

int sa_interview_next(const sa_interview *it)
{
	size_t q;
	for (q = 0; q < it->rules->nquestions; q++)
		if (sa_interview_askable(it, q))
			return (int)q;
	return -1;
}

void sa_interview_progress(const sa_interview *it, size_t *index, size_t *estimate)
{
	size_t q, n = 0;
	for (q = 0; q < it->rules->nquestions; q++)
		if (sa_interview_askable(it, q))
			n++;
	*index = n ? it->nlog + 1 : 0;
	*estimate = n ? it->nlog + n : 0;
}

int sa_interview_default(const sa_interview *it, size_t q, int32_t *value)
{
	if (it->has_back[q]) {
		*value = it->back_value[q];
		return 1;
	}
	return sa_question_default(it->rules, q, value);
}

int sa_interview_parse(const sa_interview *it, size_t q, const char *text, int32_t *value,
		       char *msg, size_t msgsize)
{
	const struct question *qq = &it->rules->questions[q];
	char buf[256];
	size_t len, i;
	int rc;

	len = trim(&text);
	if (len >= sizeof(buf)) {
		snprintf(msg, msgsize, "that reply is too long to be an answer to '%s'", qq->id);
		return SA_ERR_ANSWER;
	}
	memcpy(buf, text, len);
	buf[len] = '\0';
	if (!len) {
		if (sa_interview_default(it, q, value))
			return SA_OK;
		switch (qq->type) {
		case SA_Q_BOOL:
			snprintf(msg, msgsize, "an answer is needed: y or n");
			break;
		case SA_Q_ENUM:
			snprintf(msg, msgsize, "an answer is needed: a number from 1 to %zu or a choice",
				 qq->nchoices);
			break;
		case SA_Q_INT:
			snprintf(msg, msgsize, "an answer is needed: a whole number from %d to %d",
				 (int)qq->min, (int)qq->max);
			break;
		}
		return SA_ERR_ANSWER;
	}
	if (qq->type == SA_Q_ENUM) {
		char *end;
		unsigned long n = strtoul(buf, &end, 10);
		if (isdigit((unsigned char)buf[0]) && !*end) {
			if (n >= 1 && n <= qq->nchoices) {
				*value = (int32_t)(n - 1);
				return SA_OK;
			}
			snprintf(msg, msgsize, "%s is not a choice number of '%s' (1 to %zu)", buf, qq->id,
				 qq->nchoices);
			return SA_ERR_ANSWER;
		}
		for (i = 0; i < qq->nchoices; i++)
			if (strcasecmp(qq->choices[i], buf) == 0) {
				*value = (int32_t)i;
				return SA_OK;
			}
	}
	rc = sa_answer_parse(it->rules, q, buf, value, msg, msgsize);
	if (rc != SA_OK && qq->type == SA_Q_BOOL) {
		snprintf(msg, msgsize, "'%s' is not an answer to '%s': reply y or n", buf, qq->id);
		return SA_ERR_ANSWER;
	}
	return rc;
}

static void record(sa_interview *it, size_t q, int32_t value, int unknown)
{
	it->cur.value[q] = unknown ? 0 : value;
	it->cur.origin[q] = unknown ? SA_ORIGIN_UNKNOWN : SA_ORIGIN_GIVEN;
	it->log_q[it->nlog] = q;
	it->log_v[it->nlog] = it->cur.value[q];
	it->log_unknown[it->nlog] = unknown != 0;
	it->nlog++;
	evaluate(it);
}

/* The checks common to an answer and to "I don't know": q exists, is unanswered and applies. */
static int answerable(const sa_interview *it, size_t q, char *msg, size_t msgsize)
{
	char v[SA_VALUE_SIZE];
	if (q >= it->rules->nquestions) {
		snprintf(msg, msgsize, "no question number %zu", q);
		return SA_ERR_ANSWER;
	}
	if (it->cur.origin[q]) {
		snprintf(msg, msgsize, "'%s' is already answered (%s)", it->rules->questions[q].id,
			 it->cur.origin[q] == SA_ORIGIN_UNKNOWN ?
				 "unknown" :
				 sa_question_format_value(it->rules, q, it->cur.value[q], v,
							  sizeof(v)));
		return SA_ERR_ANSWER;
	}
	if (it->res.applies[q] == SA_FALSE) {
		snprintf(msg, msgsize, "'%s' does not apply to the answers so far",
			 it->rules->questions[q].id);
		return SA_ERR_ANSWER;
	}
	return SA_OK;
}

int sa_interview_answer_unknown(sa_interview *it, size_t q, char *msg, size_t msgsize)
{
	int rc = answerable(it, q, msg, msgsize);
	if (rc != SA_OK)
		return rc;
	it->has_back[q] = 0;
	record(it, q, 0, 1);
	return SA_OK;
}

int sa_interview_log_unknown(const sa_interview *it, size_t i)
{
	return i < it->nlog && it->log_unknown[i];
}

int sa_interview_answer(sa_interview *it, size_t q, int32_t value, char *msg, size_t msgsize)
{
	const struct question *qq;
	int rc = answerable(it, q, msg, msgsize);
	if (rc != SA_OK)
		return rc;
	qq = &it->rules->questions[q];
	if ((qq->type == SA_Q_BOOL && value != 0 && value != 1) ||
	    (qq->type == SA_Q_ENUM && (value < 0 || (size_t)value >= qq->nchoices)) ||
	    (qq->type == SA_Q_INT && (value < qq->min || value > qq->max))) {
		snprintf(msg, msgsize, "%d is not a valid value of '%s'", (int)value, qq->id);
		return SA_ERR_ANSWER;
	}
	it->has_back[q] = 0;
	record(it, q, value, 0);
	return SA_OK;
}

/* Rebuild cur from base and the first n log entries, keeping those still askable in turn. */
static size_t replay(sa_interview *it, size_t n)
{
	size_t i, dropped = 0;
	sa_answers_copy(&it->cur, &it->base);
	it->nlog = 0;
	evaluate(it);
	for (i = 0; i < n; i++) {
		size_t q = it->log_q[i];
		int32_t v = it->log_v[i];
		int unknown = it->log_unknown[i];
		if (!sa_interview_askable(it, q)) {
			dropped++;
			continue;
		}
		/* record() appends at nlog <= i, behind the entry just read: the log compacts
		 * in place */
		record(it, q, v, unknown);
	}
	return dropped;
}

int sa_interview_back(sa_interview *it, size_t *dropped)
{
	size_t q, d;
	if (dropped)
		*dropped = 0;
	if (!it->nlog)
		return -1;
	q = it->log_q[it->nlog - 1];
	it->back_value[q] = it->log_v[it->nlog - 1];
	/* an "I don't know" taken back leaves the rules' default, if any, for Enter */
	it->has_back[q] = !it->log_unknown[it->nlog - 1];
	d = replay(it, it->nlog - 1);
	if (dropped)
		*dropped = d;
	return (int)q;
}

size_t sa_interview_log_count(const sa_interview *it)
{
	return it->nlog;
}

size_t sa_interview_log_question(const sa_interview *it, size_t i, int32_t *value)
{
	if (value)
		*value = it->log_v[i];
	return it->log_q[i];
}

const struct sa_answers *sa_interview_answers(const sa_interview *it)
{
	return &it->cur;
}

size_t sa_interview_why(const sa_interview *it, size_t q, size_t *slots, size_t max)
{
	size_t s, n = 0;
	if (q >= it->rules->nquestions)
		return 0;
	for (s = 0; s < it->res.nslots; s++)
		if (sa_result_decides(&it->res, q, s)) {
			if (n < max)
				slots[n] = s;
			n++;
		}
	return n;
}

enum sa_slot_kind sa_interview_slot_kind(const sa_rules *r, size_t slot)
{
	if (slot < SA_REPORT_COUNT)
		return SA_SLOT_REPORT;
	if (slot < (size_t)SA_REPORT_COUNT * 2)
		return SA_SLOT_TYPE;
	if (slot < SLOT_ITEM0)
		return SA_SLOT_CATEGORY;
	if (slot < SLOT_ITEM0 + r->nitems[SA_ITEM_ADVICE])
		return SA_SLOT_ADVICE;
	return SA_SLOT_STEP;
}

/* The first words of a text, cut at a word boundary, for a one-line mention. */
static void shorten(char *buf, size_t size, const char *prefix, const char *text)
{
	size_t len = (size_t)snprintf(buf, size, "%s", prefix), limit = len + 50, last = 0, i;
	for (i = 0; text[i] && len + 1 < size && len < limit; i++) {
		char c = text[i] == '\n' ? ' ' : text[i];
		if (c == ' ')
			last = len;
		buf[len++] = c;
	}
	buf[len] = '\0';
	if (text[i] && last && last + 4 < size)
		snprintf(buf + last, size - last, "...");
}

/* An advice or step slot: prefix, then the item's title or the first words of its text. */
static const char *item_slot(const sa_rules *r, size_t slot, const char *prefix, char *buf,
			     size_t size)
{
	size_t na = r->nitems[SA_ITEM_ADVICE];
	const struct item *x;
	if (slot >= r->nslots) {
		snprintf(buf, size, "?");
		return buf;
	}
	x = slot < SLOT_ITEM0 + na ? &r->items[SA_ITEM_ADVICE][slot - SLOT_ITEM0]
				   : &r->items[SA_ITEM_STEP][slot - SLOT_ITEM0 - na];
	if (x->title)
		snprintf(buf, size, "%s%s", prefix, x->title);
	else
		shorten(buf, size, prefix, x->text);
	return buf;
}

const char *sa_interview_slot_label(const sa_rules *r, size_t slot, char *buf, size_t size)
{
	switch (sa_interview_slot_kind(r, slot)) {
	case SA_SLOT_REPORT:
		snprintf(buf, size, "%s", sa_report_title((enum sa_report)slot));
		return buf;
	case SA_SLOT_TYPE:
		snprintf(buf, size, "%s", sa_report_title((enum sa_report)(slot - SA_REPORT_COUNT)));
		return buf;
	case SA_SLOT_CATEGORY: {
		size_t k = slot - (size_t)SA_REPORT_COUNT * 2;
		snprintf(buf, size, "%s %s", sa_report_title((enum sa_report)(k / SA_CAT_COUNT)),
			 sa_category_title((enum sa_category)(k % SA_CAT_COUNT)));
		return buf;
	}
	default:
		return item_slot(r, slot, "", buf, size);
	}
}

const char *sa_interview_slot_describe(const sa_rules *r, size_t slot, char *buf, size_t size)
{
	switch (sa_interview_slot_kind(r, slot)) {
	case SA_SLOT_REPORT:
		snprintf(buf, size, "whether %s is recommended", sa_report_title((enum sa_report)slot));
		return buf;
	case SA_SLOT_TYPE:
		snprintf(buf, size, "the type of %s (Type 1 or Type 2)",
			 sa_report_title((enum sa_report)(slot - SA_REPORT_COUNT)));
		return buf;
	case SA_SLOT_CATEGORY: {
		size_t k = slot - (size_t)SA_REPORT_COUNT * 2;
		snprintf(buf, size, "whether %s covers %s",
			 sa_report_title((enum sa_report)(k / SA_CAT_COUNT)),
			 sa_category_title((enum sa_category)(k % SA_CAT_COUNT)));
		return buf;
	}
	case SA_SLOT_ADVICE:
		return item_slot(r, slot, "advice: ", buf, size);
	default:
		return item_slot(r, slot, "next step: ", buf, size);
	}
}

enum sa_interview_cmd sa_interview_command(const char *text)
{
	static const struct {
		const char *word;
		enum sa_interview_cmd cmd;
	} words[] = {
		{ "?", SA_CMD_HELP }, { "help", SA_CMD_HELP }, { "<", SA_CMD_BACK },
		{ "back", SA_CMD_BACK }, { "quit", SA_CMD_QUIT }, { "u", SA_CMD_UNKNOWN },
		{ "unknown", SA_CMD_UNKNOWN }, { "skip", SA_CMD_UNKNOWN },
	};
	size_t len, i;
	len = trim(&text);
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i].word) == len && strncasecmp(words[i].word, text, len) == 0)
			return words[i].cmd;
	return SA_CMD_NONE;
}
