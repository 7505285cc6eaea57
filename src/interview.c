/*
 * interview.c - the interview logic: which question (or checklist) next, is a reply valid,
 * "I don't know", back, progress and why a question is asked. No I/O: the front end
 * (src/cli/interactive.c) does the talking.
 *
 * The next step is the rules' ask_first questions, then the askable question or due checklist
 * that can still decide the most undecided reports, types, categories and advice items (ties:
 * rules order); after back, the question taken back.
 *
 * Invariants:
 * - cur == base + the log: every change goes through replay() or record(), which keep it so;
 * - res is the evaluation of cur with defaults left unknown (SA_EVAL_NO_DEFAULTS), so res.open
 *   and res.applies say what is still worth asking; a default never hides a question;
 * - a question appears at most once in the log (it must be unanswered to be answered), so the
 *   log never holds more entries than there are questions;
 * - log_step numbers the steps 1..nsteps in log order; the answers of one checklist share a
 *   step, and back takes a whole step back.
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
	size_t *log_step;           /* per log entry: the step it was given in (a checklist gives
				     * several answers in one step) */
	size_t nlog, nsteps;
	long again;                 /* the question taken back by back: asked next; -1: none */
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
	it->again = -1;
	if (opts)
		it->opts = *opts;
	if (sa_answers_init(&it->base, r) != SA_OK || sa_answers_init(&it->cur, r) != SA_OK ||
	    sa_result_init(&it->res, r) != SA_OK)
		goto nomem;
	it->log_q = sa_calloc(nq, sizeof(*it->log_q));
	it->log_v = sa_calloc(nq, sizeof(*it->log_v));
	it->log_unknown = sa_calloc(nq ? nq : 1, 1);
	it->log_step = sa_calloc(nq ? nq : 1, sizeof(*it->log_step));
	it->back_value = sa_calloc(nq, sizeof(*it->back_value));
	it->has_back = sa_calloc(nq, 1);
	if (!it->log_q || !it->log_v || !it->log_unknown || !it->log_step || !it->back_value ||
	    !it->has_back)
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
	free(it->log_step);
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

/* Mark in seen (one byte per slot) the undecided reports, types, categories and advice items q
 * can still decide; returns how many were not marked before. Next steps do not count. */
static size_t mark_slots(const sa_interview *it, size_t q, unsigned char *seen)
{
	const sa_rules *r = it->rules;
	size_t s, n = 0, end = SLOT_ITEM0 + r->nitems[SA_ITEM_ADVICE];
	for (s = 0; s < end && s < it->res.nslots; s++)
		if (!seen[s] && sa_result_decides(&it->res, q, s)) {
			seen[s] = 1;
			n++;
		}
	return n;
}

/* The askable items of checklist c. */
static size_t checklist_open(const sa_interview *it, size_t c)
{
	const struct checklist *cl = &it->rules->checklists[c];
	size_t i, n = 0;
	for (i = 0; i < cl->n; i++)
		if (sa_interview_askable(it, cl->questions[i]))
			n++;
	return n;
}

/* Nonzero when q is asked as part of a checklist now (two or more of its items askable). */
static int in_due_checklist(const sa_interview *it, size_t q)
{
	int c = it->rules->checklist_of ? it->rules->checklist_of[q] : -1;
	return c >= 0 && checklist_open(it, (size_t)c) >= 2;
}

int sa_interview_checklist_item_open(const sa_interview *it, size_t c, size_t i)
{
	return c < it->rules->nchecklists && i < it->rules->checklists[c].n &&
	       sa_interview_askable(it, it->rules->checklists[c].questions[i]);
}

/* What a step (a question, or a due checklist) can still decide: its weight, in seen's slots. */
static size_t step_weight(const sa_interview *it, size_t q, unsigned char *seen)
{
	const sa_rules *r = it->rules;
	size_t i, w = 0;
	memset(seen, 0, it->res.nslots ? it->res.nslots : 1);
	if (!in_due_checklist(it, q))
		return mark_slots(it, q, seen);
	for (i = 0; i < r->checklists[r->checklist_of[q]].n; i++) {
		size_t m = r->checklists[r->checklist_of[q]].questions[i];
		if (sa_interview_askable(it, m))
			w += mark_slots(it, m, seen);
	}
	return w;
}

int sa_interview_step(const sa_interview *it, struct sa_interview_step *step)
{
	const sa_rules *r = it->rules;
	size_t q, i, w, best_w = 0;
	int best = -1;
	unsigned char *seen;
	/* back: the question taken back comes again first */
	if (it->again >= 0 && sa_interview_askable(it, (size_t)it->again))
		best = (int)it->again;
	for (i = 0; i < r->nask_first && best < 0; i++)
		if (sa_interview_askable(it, r->ask_first[i]))
			best = (int)r->ask_first[i];
	seen = best < 0 ? sa_calloc(it->res.nslots ? it->res.nslots : 1, 1) : NULL;
	for (q = 0; seen && q < r->nquestions; q++) {
		if (!sa_interview_askable(it, q))
			continue;
		w = step_weight(it, q, seen);
		if (best < 0 || w > best_w) {
			best = (int)q;
			best_w = w;
		}
	}
	if (best < 0 && !seen) {
		/* out of memory: the first askable question, in rules order */
		for (q = 0; q < r->nquestions && best < 0; q++)
			if (sa_interview_askable(it, q))
				best = (int)q;
	}
	free(seen);
	if (best < 0)
		return 0;
	step->checklist = in_due_checklist(it, (size_t)best);
	step->index = step->checklist ? (size_t)r->checklist_of[best] : (size_t)best;
	return 1;
}

int sa_interview_next(const sa_interview *it)
{
	struct sa_interview_step st;
	size_t i;
	if (!sa_interview_step(it, &st))
		return -1;
	if (!st.checklist)
		return (int)st.index;
	/* a checklist: its first askable item stands for it */
	for (i = 0; i < it->rules->checklists[st.index].n; i++)
		if (sa_interview_checklist_item_open(it, st.index, i))
			return (int)it->rules->checklists[st.index].questions[i];
	return -1;
}

void sa_interview_progress(const sa_interview *it, size_t *index, size_t *estimate)
{
	const sa_rules *r = it->rules;
	size_t q, c, n = 0;
	for (q = 0; q < r->nquestions; q++)
		if (sa_interview_askable(it, q) && !in_due_checklist(it, q))
			n++;
	for (c = 0; c < r->nchecklists; c++)
		if (checklist_open(it, c) >= 2)
			n++;
	*index = n ? it->nsteps + 1 : 0;
	*estimate = n ? it->nsteps + n : 0;
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

/* Append an answer to the log; same_step: it belongs to the step of the previous entry. */
static void record(sa_interview *it, size_t q, int32_t value, int unknown, int same_step)
{
	it->cur.value[q] = unknown ? 0 : value;
	it->cur.origin[q] = unknown ? SA_ORIGIN_UNKNOWN : SA_ORIGIN_GIVEN;
	if (!same_step || !it->nlog)
		it->nsteps++;
	it->again = -1;
	it->log_q[it->nlog] = q;
	it->log_v[it->nlog] = it->cur.value[q];
	it->log_unknown[it->nlog] = unknown != 0;
	it->log_step[it->nlog] = it->nsteps;
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
	record(it, q, 0, 1, 0);
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
	record(it, q, value, 0, 0);
	return SA_OK;
}

/*
 * Rebuild cur from base and the first n log entries, keeping those still askable in turn. The
 * answers of one checklist step stand together: the first must still be askable, the others
 * only unanswered and applicable (ticking one item may have decided what another would).
 */
static size_t replay(sa_interview *it, size_t n)
{
	size_t i, dropped = 0, prev_step = 0;
	int kept_step = 0;
	sa_answers_copy(&it->cur, &it->base);
	it->nlog = 0;
	it->nsteps = 0;
	evaluate(it);
	for (i = 0; i < n; i++) {
		size_t q = it->log_q[i], step = it->log_step[i];
		int32_t v = it->log_v[i];
		int unknown = it->log_unknown[i];
		int cont = i > 0 && step == prev_step;
		prev_step = step;
		if (cont ? !kept_step || it->cur.origin[q] || it->res.applies[q] == SA_FALSE :
			   !sa_interview_askable(it, q)) {
			if (!cont)
				kept_step = 0;
			dropped++;
			continue;
		}
		/* record() appends at nlog <= i, behind the entry just read: the log compacts
		 * in place */
		record(it, q, v, unknown, cont);
		kept_step = 1;
	}
	return dropped;
}

int sa_interview_back(sa_interview *it, size_t *dropped)
{
	size_t q, d, first;
	if (dropped)
		*dropped = 0;
	if (!it->nlog)
		return -1;
	/* the whole last step: one answer, or every answer of a checklist */
	for (first = it->nlog - 1; first > 0 && it->log_step[first - 1] == it->log_step[first];)
		first--;
	q = it->log_q[first];
	it->back_value[q] = it->log_v[first];
	/* an "I don't know" taken back leaves the rules' default, if any, for Enter */
	it->has_back[q] = !it->log_unknown[first] && first == it->nlog - 1;
	d = replay(it, first);
	it->again = (long)q;
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

/* ---- checklists ---------------------------------------------------------------------------- */

size_t sa_interview_step_count(const sa_interview *it)
{
	return it->nsteps;
}

size_t sa_rules_checklist_count(const sa_rules *r)
{
	return r->nchecklists;
}

const char *sa_checklist_id(const sa_rules *r, size_t c)
{
	return r->checklists[c].id;
}

const char *sa_checklist_prompt_for(const sa_rules *r, size_t c, const struct sa_answers *a)
{
	const struct checklist *cl = &r->checklists[c];
	return cl->prompt_customer && sa_answers_customer(r, a) ? cl->prompt_customer : cl->prompt;
}

const char *sa_checklist_help(const sa_rules *r, size_t c)
{
	return r->checklists[c].help;
}

size_t sa_checklist_item_count(const sa_rules *r, size_t c)
{
	return r->checklists[c].n;
}

size_t sa_checklist_item_question(const sa_rules *r, size_t c, size_t i)
{
	return r->checklists[c].questions[i];
}

const char *sa_checklist_item_label(const sa_rules *r, size_t c, size_t i)
{
	return r->checklists[c].labels[i];
}

/* One word of a checklist reply: an item number (counted over the open items) or a question
 * id; returns the item index, or -1. */
static long checklist_word(const sa_interview *it, size_t c, const char *w)
{
	const struct checklist *cl = &it->rules->checklists[c];
	size_t i, k = 0;
	char *end;
	unsigned long n = strtoul(w, &end, 10);
	int number = isdigit((unsigned char)w[0]) && !*end;
	for (i = 0; i < cl->n; i++) {
		if (!sa_interview_checklist_item_open(it, c, i))
			continue;
		k++;
		if (number ? n == k : sa_id_equal(it->rules->questions[cl->questions[i]].id, w))
			return (long)i;
	}
	return -1;
}

int sa_interview_parse_checklist(const sa_interview *it, size_t c, const char *text,
				 unsigned char *ticked, char *msg, size_t msgsize)
{
	const struct checklist *cl = &it->rules->checklists[c];
	size_t len, i, open = checklist_open(it, c);
	char buf[256], *w, *save = NULL;

	memset(ticked, 0, cl->n);
	len = trim(&text);
	if (!len) {
		snprintf(msg, msgsize, "an answer is needed: the numbers of the items that apply "
				       "(1 to %zu, e.g. 1,3), or n for none", open);
		return SA_ERR_ANSWER;
	}
	if (len >= sizeof(buf)) {
		snprintf(msg, msgsize, "that reply is too long to be an answer");
		return SA_ERR_ANSWER;
	}
	memcpy(buf, text, len);
	buf[len] = '\0';
	if (!strcasecmp(buf, "n") || !strcasecmp(buf, "no") || !strcasecmp(buf, "none") ||
	    !strcmp(buf, "0"))
		return SA_OK;
	if (!strcasecmp(buf, "all")) {
		for (i = 0; i < cl->n; i++)
			ticked[i] = (unsigned char)sa_interview_checklist_item_open(it, c, i);
		return SA_OK;
	}
	for (w = strtok_r(buf, ", \t", &save); w; w = strtok_r(NULL, ", \t", &save)) {
		long k = checklist_word(it, c, w);
		if (k < 0) {
			snprintf(msg, msgsize, "'%s' is not one of the items: reply with their numbers "
					       "(1 to %zu, e.g. 1,3), or n for none", w, open);
			return SA_ERR_ANSWER;
		}
		ticked[k] = 1;
	}
	return SA_OK;
}

int sa_interview_answer_checklist(sa_interview *it, size_t c, const unsigned char *ticked,
				  int unknown, char *msg, size_t msgsize)
{
	const struct checklist *cl;
	unsigned char *open;
	size_t i, n = 0;
	if (c >= it->rules->nchecklists) {
		snprintf(msg, msgsize, "no checklist number %zu", c);
		return SA_ERR_ANSWER;
	}
	cl = &it->rules->checklists[c];
	/* the items open now: recording one answer may close the others, which stay answered */
	open = sa_calloc(cl->n, 1);
	if (!open)
		return SA_ERR_NOMEM;
	for (i = 0; i < cl->n; i++)
		if ((open[i] = (unsigned char)sa_interview_checklist_item_open(it, c, i)) != 0)
			n++;
	if (!n) {
		free(open);
		snprintf(msg, msgsize, "no item of '%s' is open", cl->id);
		return SA_ERR_ANSWER;
	}
	n = 0;
	for (i = 0; i < cl->n; i++) {
		size_t q = cl->questions[i];
		if (!open[i] || it->cur.origin[q] || it->res.applies[q] == SA_FALSE)
			continue;
		/* a ticked enum item is asked on its own next: it takes no answer here */
		if (!unknown && ticked && ticked[i] && it->rules->questions[q].type != SA_Q_BOOL)
			continue;
		it->has_back[q] = 0;
		record(it, q, unknown ? 0 : ticked && ticked[i] ? 1 : cl->no_value[i], unknown,
		       n++ > 0);
	}
	free(open);
	return SA_OK;
}

size_t sa_interview_why_checklist(const sa_interview *it, size_t c, size_t *slots, size_t max)
{
	const struct checklist *cl = &it->rules->checklists[c];
	size_t s, i, n = 0;
	for (s = 0; s < it->res.nslots; s++)
		for (i = 0; i < cl->n; i++)
			if (sa_interview_askable(it, cl->questions[i]) &&
			    sa_result_decides(&it->res, cl->questions[i], s)) {
				if (n < max)
					slots[n] = s;
				n++;
				break;
			}
	return n;
}
