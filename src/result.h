/*
 * result.h - what the engine (engine.c) and the reasons builder (reasons.c) share about a
 * result: the store behind its reasons, and the walk that explains a condition.
 */
#ifndef SA_RESULT_H
#define SA_RESULT_H

#include "internal.h"

/*
 * The engine's storage inside a result, sized once by sa_result_init for its rules so that an
 * evaluation never allocates:
 * - rules grouped by the outcome they belong to (a report, an advice item, a step), in
 *   rules-file order within each; owner_start[o]..owner_start[o + 1] are owner o's;
 * - the reasons of the last evaluation (at most one per rule) and the question lists they
 *   point into (at most, per rule, the distinct questions its condition reads);
 * - per-question work space: marks (all zero between uses) and a list.
 */
struct sa_result_store {
	size_t *owner_rules;  /* nrules entries */
	size_t *owner_start;  /* nowners + 1 entries */
	size_t nowners;
	struct sa_reason *reasons; /* nrules entries */
	size_t *questions;         /* nquestion_refs entries */
	size_t nquestion_refs;
	unsigned char *scratch;    /* nquestions entries, all zero between uses */
	size_t *qbuf;              /* nquestions entries */
	unsigned char *fact_seen;  /* nfacts entries, all zero between walks */
	size_t *facts_seen;        /* nfacts entries: the facts one walk marked, to clear */
	size_t nfacts_seen;
	/*
	 * What the last evaluation set, so that the next one resets only that (engine.c,
	 * eval_index.c): with the index (index.c) an evaluation's cost follows the rules that
	 * can hold, not their number.
	 */
	uint32_t *stamp;          /* nrules: the evaluation that last recorded each rule's nodes */
	uint32_t *fact_stamp;     /* nfacts: the same for each fact */
	uint32_t epoch;           /* the current evaluation's number, never 0 */
	int all_evaluated;        /* a plain evaluation: every node's value is recorded */
	uint32_t *touched;        /* nrules: the rules that are not false */
	size_t ntouched;
	unsigned char *row_dirty; /* nquestions: the question's row of decides holds a 1 */
	size_t *dirty_rows;       /* nquestions: those rows */
	size_t ndirty_rows;
	unsigned char *item_on;   /* per advice item, then step: listed in items_on */
	size_t *items_on;         /* the items that may not be absent, advice j as j, step j as
				     nadvice + j */
	size_t nitems_on;
	uint32_t *order;          /* nrules: work space for the reasons of one report */
	uint64_t *vbit;           /* nquestions + nfacts: see sa_index_answers (internal.h) */
};

/* Flag of sa_evaluate_ex for tests: evaluate every rule and scan every outcome, without the
 * index; the reference an indexed evaluation must equal. */
#define SA_EVAL_PLAIN (1u << 15)

/* Set res->decides for question q and slot (every writer of decides goes through this). */
void sa_result_set_decides(struct sa_result *res, size_t q, size_t slot);

/*
 * Make sure res->node_tv holds the values of rule i's (fact f's) condition nodes: an indexed
 * evaluation works out values without recording them, and records a condition's nodes only
 * when something explains it (eval_index.c).
 */
void sa_result_rule_ensure(const sa_rules *r, const struct sa_result *res, size_t i);
void sa_result_fact_ensure(const sa_rules *r, const struct sa_result *res, size_t f);

/* List item owner o (advice j: j; step j: nadvice + j) among the items that may not be absent. */
void sa_result_item_on(struct sa_result_store *st, size_t o);

/* The value of condition node id, recording every node's value in tv (engine.c). */
unsigned char sa_eval_record(const sa_rules *r, const struct sa_answers *a, unsigned char *tv,
			     const unsigned char *facts, uint32_t id);
/* Mark the questions that would decide rule (when unknown) as deciding slot (engine.c). */
void sa_mark_open(const sa_rules *r, struct sa_result *res, size_t rule, size_t slot);
/* The type of report rep (engine.c; docs/rules-format.md, "Precedence and conflicts"). */
void sa_decide_type(const sa_rules *r, struct sa_result *res, int rep);
/*
 * Facts, applicability, rules and outcomes under res->answers (already filled) with r->index:
 * the indexed counterpart of the plain evaluation (eval_index.c). With record, the selected
 * rules' nodes are recorded as they are evaluated (reasons will be built).
 */
void sa_evaluate_indexed(const sa_rules *r, struct sa_result *res, int record);

/* Questions, in the order a walk first marked them. */
struct sa_qlist {
	size_t *q;
	size_t n;
};

/* Allocate and fill res->store for r. SA_OK or SA_ERR_NOMEM (nothing left allocated). */
int sa_result_store_new(struct sa_result *res, const sa_rules *r);
void sa_result_store_free(struct sa_result_store *st);

/*
 * Walk the parts of condition node id that decided its value under res; mark answered
 * questions in used and unanswered, applicable ones in open (either may be NULL, or both the
 * same array). Each question newly marked is appended to l (may be NULL), which must have room
 * for every question the condition reads; a caller can then clear its marks from l.
 * Each fact is walked once per call: facts may share facts, and walking them as a tree would
 * be exponential in hostile rules.
 */
void sa_explain_node(const sa_rules *r, const struct sa_result *res, uint32_t id,
		     unsigned char *used, unsigned char *open, struct sa_qlist *l);

/* Decide the reasons of the evaluation in res and explain each (the last step of sa_evaluate). */
void sa_result_build_reasons(const sa_rules *r, struct sa_result *res);

/*
 * The value of a test node (N_CONST, N_CMP, N_IN or N_FACT) under a and facts: the leaves of a
 * condition, shared by the plain evaluation (engine.c) and the indexed one (eval_index.c).
 */
static inline unsigned char sa_node_test(const struct node *n, const struct sa_answers *a,
					 const unsigned char *facts)
{
	unsigned char t;
	int32_t v;

	switch (n->kind) {
	case N_CONST:
		return (unsigned char)n->value;
	case N_CMP:
		if (!a->origin[n->q])
			return SA_UNKNOWN;
		v = a->value[n->q];
		switch (n->op) {
		case OP_EQ:
			return v == n->value;
		case OP_NE:
			return v != n->value;
		case OP_LT:
			return v < n->value;
		case OP_LE:
			return v <= n->value;
		case OP_GT:
			return v > n->value;
		default:
			return v >= n->value;
		}
	case N_IN:
		if (!a->origin[n->q])
			return SA_UNKNOWN;
		t = (n->mask >> a->value[n->q]) & 1u;
		return n->op == OP_NE ? !t : t;
	default: /* N_FACT */
		t = facts[n->q];
		return t == SA_UNKNOWN ? SA_UNKNOWN : t == (unsigned char)n->value;
	}
}

#endif
