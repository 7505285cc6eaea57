/*
 * internal.h - the compiled form of a rules file (the model), shared by the loader, the engine,
 * the checks and the writers, and the helpers the library's modules share.
 *
 * Invariants kept by the loader (rules.c and its stages, see load.h) and relied on by the engine
 * (engine.c), the checks (check.c, verify.c) and the walkers (cond_walk.c):
 * - every question, fact, source and item reference is a valid index;
 * - every enum value in a condition is a valid choice index and every int value is an int; an
 *   enum question has at most SA_CHOICES_MAX choices, so a set of choices fits a node's mask;
 * - fact_order is a stratification: a fact's condition only references facts that come
 *   before it in fact_order, so evaluating them in that order is deterministic and terminates;
 * - condition nodes form trees (no sharing); children of ALL/ANY are in kids[off..off+n).
 * - invariants' outcome conditions are trees of onodes, children in okids[off..off+n); their
 *   report, category, type and item references are valid, and an answer atom's condition is a
 *   node tree of its own among the rules' nodes (so its int constants are cut points too).
 * - line and col are the 1-based position of an entry's id in the rules file (0 when unknown),
 *   for the diagnostics of --check.
 */
#ifndef SA_INTERNAL_H
#define SA_INTERNAL_H

#include "socadvise.h"

#include <limits.h>
#include <stdint.h>

enum node_kind {
	N_CONST, /* value = enum sa_tv */
	N_CMP,   /* question q compared with value by op */
	N_IN,    /* enum question q in the set mask (negated when op == OP_NE) */
	N_FACT,  /* fact q is true (value 1) or false (value 0) */
	N_ALL,
	N_ANY,
	N_NOT    /* kids[off] */
};

enum cmp_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };

struct node {
	unsigned char kind;
	unsigned char op;
	int32_t q;
	int32_t value;
	uint32_t off, n;
	uint64_t mask; /* N_IN: bit c set for choice c */
};

/* The most choices an enum question may have: one bit each in a node's mask. */
#define SA_CHOICES_MAX 64
_Static_assert(SA_CHOICES_MAX <= sizeof(((struct node *)0)->mask) * CHAR_BIT,
	       "every choice of an enum question has a bit in struct node's mask");

struct question {
	char *id;
	enum sa_qtype type;
	char *prompt;
	char *help;
	char *prompt_customer; /* the customer's wording (role: customer), or NULL */
	char *help_customer;
	char **choices;
	size_t nchoices;
	int32_t min, max;
	int has_default;
	int32_t def;
	int32_t applies_if; /* node index or -1 */
	struct member *exclusive; /* rules and facts declared to split this question's values */
	size_t nexclusive;
	unsigned xline, xcol;     /* position of 'exclusive' */
	unsigned line, col;
};

/*
 * A checklist: several yes/no questions an interview may ask as one ("which of these apply?");
 * the items ticked are answered yes, the others no. Each question is in at most one checklist.
 */
struct checklist {
	char *id;
	char *prompt, *prompt_customer, *help;
	size_t *questions; /* per item */
	char **labels;     /* per item: a few words */
	int32_t *no_value; /* per item: the answer when not ticked (bool: false; enum: its 'no') */
	size_t n;
	unsigned line, col;
};

/* A member of an exclusive group: a rule or a derived fact. */
struct member {
	unsigned char is_fact;
	size_t index;
};

struct fact {
	char *id;
	char *description;
	int32_t when; /* node index */
	unsigned line, col;
};

struct source {
	char *id, *title, *url, *locator;
	unsigned line, col;
};

struct item {
	char *id, *title, *text;
	int order;
	char **criteria;
	size_t ncriteria;
	unsigned line, col;
};

struct rule {
	char *id;
	char *because;
	char *because_customer; /* the customer's wording, or NULL */
	char *why_not;
	size_t *sources;
	size_t nsources;
	int32_t when; /* node index or -1: always */
	enum sa_outcome_kind kind;
	int report;   /* enum sa_report, or -1 */
	int target;   /* category, item index, or -1 */
	unsigned char basis; /* criteria rules: enum sa_basis, SA_BASIS_REQUIRED unless 'consider' */
	enum sa_action action;
	enum sa_type type;
	int observation_months;
	struct sa_then then;
	char *then_note;
	char *timing;
	unsigned line, col;
};

/* Outcome conditions of invariants: atoms over an evaluation's result, joined by all/any/not. */
enum onode_kind {
	O_CONST,              /* arg = 0 or 1 */
	O_RECOMMENDED,        /* report is recommended */
	O_POSSIBLE,           /* report is possible */
	O_PRESENT,            /* report is recommended or possible */
	O_REQUESTED,          /* report is present with action "request" */
	O_TYPE,               /* report is present and its type is arg (SA_TYPE_UNSET: undecided) */
	O_THEN_TYPE,          /* report is present and its follow-up type is arg */
	O_CATEGORY,           /* category arg of report is definite */
	O_POSSIBLE_CATEGORY,  /* category arg of report is open */
	O_ADVICE,             /* advice item arg is recommended */
	O_POSSIBLE_ADVICE,
	O_STEP,               /* step arg is recommended */
	O_POSSIBLE_STEP,
	O_ANY_RECOMMENDATION, /* some report is recommended (arg 1) or none is (arg 0) */
	O_REQUIRED_CATEGORY,  /* category arg of report is definite with basis required */
	O_CONSIDERED_CATEGORY, /* category arg of report is definite with basis consider */
	O_ANSWER,             /* the rules condition at node arg is true under the answers */
	O_ALL,
	O_ANY,
	O_NOT                 /* okids[off] */
};

struct onode {
	unsigned char kind;
	int32_t report;
	int32_t arg;
	uint32_t off, n;
};

/* Which answer sets an invariant is checked on. */
enum inv_scope {
	SCOPE_COMPLETE, /* every question answered */
	SCOPE_PARTIAL,  /* at least one question without a default unanswered */
	SCOPE_ALL       /* both */
};

struct invariant {
	char *id;
	char *description;
	int32_t when;    /* onode index, or -1: always */
	int32_t require; /* onode index */
	enum inv_scope scope;
	size_t *sources;
	size_t nsources;
	unsigned line, col;
};

/* The outcome kinds about a report itself (SA_OUT_RECOMMEND, _TYPE, _CRITERIA): by_report's rows. */
#define REPORT_OUTCOME_KINDS (SA_OUT_CRITERIA + 1)

struct sa_rules {
	char *name, *version;
	char *disclaimer; /* NULL: SA_DEFAULT_DISCLAIMER */
	struct question *questions;
	size_t nquestions;
	size_t *ask_first; /* ask_first: questions an interview asks first, in this order */
	size_t nask_first;
	struct checklist *checklists; /* several yes/no questions asked as one */
	size_t nchecklists;
	int *checklist_of; /* per question: its checklist, or -1 */
	struct fact *facts;
	size_t nfacts;
	size_t *fact_order; /* stratified: each fact after every fact it uses */
	struct source *sources;
	size_t nsources;
	struct item *items[2];
	size_t nitems[2];
	size_t *item_order[2]; /* output order of the items, see sa_items_in_order */
	struct rule *rules;
	size_t nrules;
	struct node *nodes;
	size_t nnodes;
	uint32_t *kids;
	size_t nkids;
	/* per report: rule indexes of each outcome kind about a report, in file order */
	size_t *by_report[SA_REPORT_COUNT][REPORT_OUTCOME_KINDS];
	size_t nby_report[SA_REPORT_COUNT][REPORT_OUTCOME_KINDS];
	size_t nslots;
	struct invariant *invariants;
	size_t ninvariants;
	struct onode *onodes;
	size_t nonodes;
	uint32_t *okids;
	size_t nokids;
	struct sa_timeline *timeline; /* the timeline section and the planner's bindings (plan.h) */
	/*
	 * Nonzero for the default rules compiled at build time (defaults.c): this struct and its
	 * timeline are the caller's heap copies, everything they point to is the static, read-only
	 * model, which sa_rules_free leaves alone.
	 */
	int builtin;
	/* Derived at load, never serialised: both may be NULL (lookups are then linear, and the
	 * engine evaluates every rule). */
	struct sa_idmaps *idmaps; /* hash maps of the tables' ids (model.c) */
	struct sa_index *index;   /* the rules' guards, for evaluation (index.c) */
	/* the rules' strings as JSON text, escaped once when the rules load (json_text.h) */
	struct sa_json_text *json;
};

/* Slot layout: reports, then report types, then report x category, then advice, then steps. */
#define SLOT_REPORT(rep) ((size_t)(rep))
#define SLOT_TYPE(rep) ((size_t)SA_REPORT_COUNT + (size_t)(rep))
#define SLOT_CAT(rep, c) ((size_t)SA_REPORT_COUNT * 2 + (size_t)(rep) * SA_CAT_COUNT + (size_t)(c))
#define SLOT_ITEM0 ((size_t)SA_REPORT_COUNT * (2 + SA_CAT_COUNT))

/*
 * Lookups by id (model.c): exact matches, as the rules file writes ids; -1 when there is no
 * such entry. Entries whose id was invalid have none.
 */
int model_find_question(const sa_rules *r, const char *id);
int model_find_fact(const sa_rules *r, const char *id);
int model_find_source(const sa_rules *r, const char *id);
int model_find_item(const sa_rules *r, enum sa_item_kind k, const char *id);
int model_find_rule(const sa_rules *r, const char *id);
int model_find_invariant(const sa_rules *r, const char *id);

/* Allocate r->idmaps, the maps behind the lookups (model.c). SA_OK or SA_ERR_NOMEM. */
int model_idmaps_new(sa_rules *r);
/* The loader accepted id for entry i of table ("questions", "rules"...): the lookups find it
 * once the entry holds it. */
void model_id_added(sa_rules *r, const char *table, size_t i, const char *id);

/*
 * The evaluation index (index.c): for each rule a guard, one test on a question or a fact that
 * must hold for its condition to hold, and the rules grouped by what their guards admit.
 * sa_index_build sets r->index (SA_OK or SA_ERR_NOMEM, r->index then NULL); a model without an
 * index evaluates every rule, with the same result.
 */
int sa_index_build(sa_rules *r);
void sa_index_free(struct sa_index *x);
/*
 * The rules r->index says to evaluate under res's answers (defaults applied) and facts, each
 * once, written to out (room for every rule); every other rule is false. Returns their count.
 */
size_t sa_index_select(const sa_rules *r, const struct sa_result *res, uint32_t *out);
/* Fill res's store->vbit for the questions (bit v for a bool or enum question answered v,
 * 0 when unanswered), which sa_index_select and sa_index_fact_false read; a fact's entry is set
 * by the evaluation once the fact is known (nquestions + f: bit of its value, 0 when unknown). */
void sa_index_answers(const sa_rules *r, struct sa_result *res);
/* Nonzero when a test that fact f's condition needs is false under res (the facts it reads
 * already evaluated): the fact is then false. */
int sa_index_fact_false(const sa_rules *r, const struct sa_result *res, size_t f);
/* Nonzero when a test that suffices for rule i (fact f: i = nrules + f) to hold is true under
 * res: the condition then holds. */
int sa_index_holds(const sa_rules *r, const struct sa_result *res, size_t i);

/* The tables model_suggest looks in. */
enum model_table {
	MODEL_QUESTIONS,
	MODEL_QUESTIONS_FACTS, /* questions, then facts */
	MODEL_SOURCES
};
/* The id in table t closest to id, if close enough to be a plausible typo of it, else NULL. */
const char *model_suggest(const sa_rules *r, enum model_table t, const char *id);

/* A 1-based line and column, as diagnostics give them (0, 0 when unknown). */
struct sa_pos {
	unsigned line, col;
};
/*
 * libyaml counts lines and columns from 0, diagnostics from 1: the YAML readers convert with
 * this, and only this. A position past UINT_MAX saturates there.
 */
struct sa_pos sa_mark_pos(size_t line0, size_t col0);

/*
 * Nonzero when the invalid UTF-8 that sa_utf8_check found at off is a character cut short by
 * the end of buf (a valid lead byte whose continuation bytes run out), not a wrong byte.
 */
int sa_utf8_truncated(const char *buf, size_t len, size_t off);

/*
 * The value (enum sa_tv) of the condition at node id under res's answers (defaults applied) and
 * facts, recording nothing: for conditions outside the rules, such as invariants' answer atoms
 * (engine.c).
 */
unsigned char sa_cond_value(const sa_rules *r, const struct sa_result *res, uint32_t id);

/* helpers shared by the modules (util.c) */
/*
 * Which of n keys repeat an earlier one (key(ctx, i) is the i-th, NULL for a key that is not a
 * string): a new array of n flags, 1 at each repetition, or NULL when out of memory.
 */
unsigned char *sa_repeated_keys(size_t n, const char *(*key)(const void *ctx, size_t i),
				const void *ctx);
/* calloc that may fail: NULL, and the caller returns SA_ERR_NOMEM (the library's policy, util.c). */
void *sa_calloc(size_t n, size_t size);
/* For tests only: sa_calloc grants after more allocations, then fails until called again with
 * a negative count (never fail, the default). */
void sa_test_alloc_fail(long after);
/* For tests only: how many times sa_calloc has been called (failed calls included). */
unsigned long sa_test_alloc_count(void);
/*
 * Nonzero when s starts with one valid JSON value (after white space), as cJSON parses it;
 * allocates nothing. cJSON reports a failed allocation as it reports bad syntax: valid JSON
 * that cJSON could not parse means it ran out of memory (answers_json.c).
 */
int sa_json_starts_valid(const char *s, size_t len);
/* strdup through sa_calloc: NULL when out of memory. */
char *sa_strdup(const char *s);
/* Drop the diagnostics after the first len (those a failed step added). */
void sa_diags_truncate(struct sa_diags *d, size_t len);
int sa_id_equal(const char *a, const char *b); /* '-' and '_' interchangeable */
int sa_report_parse(const char *s);
int sa_category_parse(const char *s);
/* Item indexes of kind k in output order (steps by order then id; advice in file order),
 * worked out once when the rules load. */
const size_t *sa_items_in_order(const sa_rules *r, enum sa_item_kind k);
/* The last block of the text output: reports, first actions, plan, how to resume
 * (text_summary.c). Returns SA_OK, or SA_ERR_NOMEM (the block is then incomplete). */
int sa_text_summary(FILE *f, const sa_rules *r, const struct sa_result *res,
		     const struct sa_output_opts *opts, size_t width);

#endif
