/*
 * sa_interview.h - the logic of the interactive interview, without any I/O.
 *
 * An interview holds the rules, the pre-filled answers (from flags or --answers: never asked and
 * never undone) and a log of the answers given in the interview, in the order they were given.
 * The current answers are always "pre-filled + log"; everything else (the next question, the
 * progress estimate, why a question is asked) is derived from them by the engine.
 *
 * Relevance. A question is asked while it is open: unanswered, its applies_if not false, and an
 * undecided report, type, category, advice or step still depends on it (the engine's notion of
 * an open question). For this decision a question's default counts as unknown, not as an answer:
 * a default is what Enter picks, so a question with a default is asked whenever its answer still
 * matters. With all_questions every unanswered question whose applies_if is not false is asked.
 * Order: first the rules' ask_first questions, in their order, while askable; then the askable
 * question that can still decide the most undecided reports, types, categories and advice items
 * (next steps do not count), ties broken by rules order; a checklist whose items are askable
 * counts as one step deciding all they decide. After back, the question taken back comes first.
 * The final
 * result is sa_evaluate() of the answers with the real rules, defaults applied; when no question
 * is left to ask, that result has no open questions.
 *
 * Back replays the log without its last answer from the pre-filled answers: each logged answer
 * is kept only if its question would still be asked at that point of the replay, otherwise it is
 * dropped. The answer taken back is remembered and offered as the default when its question is
 * asked again.
 *
 * Ownership: sa_interview_new copies what it is given except the rules, which must outlive the
 * interview. Returned pointers borrow from the interview and live until the next call that
 * changes it (answer, back) or sa_interview_free.
 */
#ifndef SA_INTERVIEW_H
#define SA_INTERVIEW_H

#include "socadvise.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sa_interview sa_interview;

struct sa_interview_opts {
	int all_questions; /* ask every applicable unanswered question, not only the open ones */
};

/*
 * Start an interview over r. prefilled may be NULL; its given answers are copied and never
 * asked. Returns SA_OK and sets *out, or SA_ERR_NOMEM.
 */
int sa_interview_new(const sa_rules *r, const struct sa_answers *prefilled,
		     const struct sa_interview_opts *opts, sa_interview **out);
void sa_interview_free(sa_interview *it);

/*
 * The next step of the interview: a question, or a checklist (several yes/no questions asked as
 * one, see the rules' 'checklists') when two or more of its items are askable. Returns 1 and
 * fills *step, or 0 when the interview is complete.
 */
struct sa_interview_step {
	int checklist; /* nonzero: index is a checklist, else a question */
	size_t index;
};
int sa_interview_step(const sa_interview *it, struct sa_interview_step *step);
/*
 * The next question to ask (see "Order" above; for a checklist, its first askable item), or -1
 * when the interview is complete.
 */
int sa_interview_next(const sa_interview *it);
/* Steps taken so far: answers given, a checklist counting once. */
size_t sa_interview_step_count(const sa_interview *it);

/*
 * Progress for the next question: *index is its 1-based number in this interview (answers given
 * so far + 1) and *estimate the answers given so far plus the questions askable now, so that
 * "[*index/≈*estimate]" reads naturally. Both are 0 when the interview is complete.
 */
void sa_interview_progress(const sa_interview *it, size_t *index, size_t *estimate);

/* Nonzero when question q would be asked now (askable: see the header comment). */
int sa_interview_askable(const sa_interview *it, size_t q);

/*
 * The value Enter picks for q: the answer taken back by sa_interview_back if any, else the
 * rules' default. Returns 1 and sets *value, or 0 when there is none.
 */
int sa_interview_default(const sa_interview *it, size_t q, int32_t *value);

/*
 * Parse a reply to question q into *value. Surrounding blanks are ignored. An empty reply takes
 * the default (sa_interview_default); an enum accepts a choice number (1-based) or a choice,
 * in any case; otherwise sa_answer_parse decides. On failure returns SA_ERR_ANSWER with the
 * reason in msg (what was wrong and what is allowed).
 */
int sa_interview_parse(const sa_interview *it, size_t q, const char *text, int32_t *value,
		       char *msg, size_t msgsize);

/*
 * Record value as the answer to q and append it to the log. q must be unanswered and its
 * applies_if not false (it need not be the next question: a front end may take answers out of
 * order; back's replay then decides whether they are kept). On failure returns SA_ERR_ANSWER
 * with the reason in msg and changes nothing.
 */
int sa_interview_answer(sa_interview *it, size_t q, int32_t value, char *msg, size_t msgsize);

/*
 * Record "I don't know" as the answer to q (SA_ORIGIN_UNKNOWN): q is not asked again, and what
 * it decides stays possible in the result (its default is not applied). Same conditions and
 * errors as sa_interview_answer.
 */
int sa_interview_answer_unknown(sa_interview *it, size_t q, char *msg, size_t msgsize);
/* Nonzero when the log's i-th answer is "I don't know". */
int sa_interview_log_unknown(const sa_interview *it, size_t i);

/*
 * Take back the last answer given in the interview. Returns its question (which becomes
 * askable again, with the old value as its default), or -1 when the log is empty (pre-filled
 * answers cannot be taken back). *dropped (may be NULL) is set to the number of other logged
 * answers the replay dropped because their question would no longer be asked.
 */
int sa_interview_back(sa_interview *it, size_t *dropped);

/* Number of answers in the log, and the log's i-th question and value. */
size_t sa_interview_log_count(const sa_interview *it);
size_t sa_interview_log_question(const sa_interview *it, size_t i, int32_t *value);

/* The current answers: pre-filled plus the log (origin SA_ORIGIN_GIVEN or SA_ORIGIN_UNKNOWN). */
const struct sa_answers *sa_interview_answers(const sa_interview *it);

/*
 * Why q is asked: the decision slots (see sa_slot_name) that q can still decide under the
 * current answers, in slot order, written to slots (up to max); returns how many there are in
 * total (which may exceed max).
 */
size_t sa_interview_why(const sa_interview *it, size_t q, size_t *slots, size_t max);

/*
 * A readable description of a decision slot: "whether SOC 2 is recommended", "the type of
 * SOC 1 (Type 1 or Type 2)", "whether SOC 2 covers Availability", "advice: Bridge letter",
 * "next step: ...". Returns buf.
 */
const char *sa_interview_slot_describe(const sa_rules *r, size_t slot, char *buf, size_t size);
/* What a decision slot is about, so that front ends can group them. */
enum sa_slot_kind {
	SA_SLOT_REPORT,   /* whether a report is recommended */
	SA_SLOT_TYPE,     /* a report's type */
	SA_SLOT_CATEGORY, /* whether a report covers a category */
	SA_SLOT_ADVICE,
	SA_SLOT_STEP
};
enum sa_slot_kind sa_interview_slot_kind(const sa_rules *r, size_t slot);
/*
 * A short label for a slot, for lists grouped by kind: "SOC 2", "SOC 2 Availability", an advice
 * title, the first words of a step. Returns buf.
 */
const char *sa_interview_slot_label(const sa_rules *r, size_t slot, char *buf, size_t size);

/* ---- checklists: "which of these apply?" --------------------------------------------------- */

size_t sa_rules_checklist_count(const sa_rules *r);
const char *sa_checklist_id(const sa_rules *r, size_t c);
/* The prompt, in the customer's wording when a says role is customer and the rules have one. */
const char *sa_checklist_prompt_for(const sa_rules *r, size_t c, const struct sa_answers *a);
const char *sa_checklist_help(const sa_rules *r, size_t c); /* NULL when none */
size_t sa_checklist_item_count(const sa_rules *r, size_t c);
size_t sa_checklist_item_question(const sa_rules *r, size_t c, size_t i);
const char *sa_checklist_item_label(const sa_rules *r, size_t c, size_t i);
/* Nonzero when item i of checklist c is asked now (its question is askable). */
int sa_interview_checklist_item_open(const sa_interview *it, size_t c, size_t i);
/*
 * Parse a reply to checklist c into ticked (one byte per item of c): the numbers of the items
 * that apply, counted over the open items ("1,3" or "1 3"), or their question ids; "n", "no",
 * "none" or "0" for none; "all" for all. On failure returns SA_ERR_ANSWER with the reason in msg.
 */
int sa_interview_parse_checklist(const sa_interview *it, size_t c, const char *text,
				 unsigned char *ticked, char *msg, size_t msgsize);
/*
 * Answer the open items of checklist c in one step: yes for those ticked, no (an enum item: its
 * 'no' choice) for the others (ticked may be NULL: none), or all "I don't know" with unknown. A
 * ticked enum item takes no answer: its question is asked on its own. Back takes the step back
 * whole.
 * Returns SA_OK, SA_ERR_ANSWER (no item open) or SA_ERR_NOMEM.
 */
int sa_interview_answer_checklist(sa_interview *it, size_t c, const unsigned char *ticked,
				  int unknown, char *msg, size_t msgsize);
/* Why checklist c is asked: the union of what its open items can still decide (as
 * sa_interview_why). */
size_t sa_interview_why_checklist(const sa_interview *it, size_t c, size_t *slots, size_t max);

/* Replies that are commands rather than answers. */
enum sa_interview_cmd {
	SA_CMD_NONE = 0, /* an answer (or an empty reply) */
	SA_CMD_HELP,     /* "?" or "help" */
	SA_CMD_BACK,     /* "<" or "back" */
	SA_CMD_QUIT,     /* "quit" */
	SA_CMD_UNKNOWN   /* "u", "unknown" or "skip": I don't know */
};
/* Classify a reply; surrounding blanks and case are ignored. */
enum sa_interview_cmd sa_interview_command(const char *text);

#ifdef __cplusplus
}
#endif

#endif
