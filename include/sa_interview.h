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
 * Questions are asked in rules order: the next question is the first askable one. The final
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

/* The next question to ask (rules order), or -1 when the interview is complete. */
int sa_interview_next(const sa_interview *it);

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
