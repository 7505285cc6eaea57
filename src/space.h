/*
 * space.h - the finite answer space of a rules file and an exact search over it.
 *
 * Bools and enums take each of their values; an int takes one representative per interval of
 * values that every comparison in the rules treats alike (space_values), so enumerating the
 * representatives is exact. "Unanswered" is one more value where a search asks for it.
 *
 * The search (space_find) is a depth-first enumeration of the chosen questions, pruned with the
 * engine's own three-valued logic: at an inner node the questions not yet enumerated are
 * unanswered, and Kleene logic is monotone (answering more questions never turns true into false
 * or false into true), so a predicate that is already decided there holds for every extension.
 * Questions with a default are enumerated first: unanswered, they take their default rather than
 * being unknown, so no inner node is judged before they have a value.
 *
 * When the caller says what its predicate can still depend on (space_set_live), a var is also
 * skipped where it cannot matter: at a node where the predicate is undecided, the callback names
 * the rules and questions its value at every leaf below can depend on (for an invariant: the
 * rules and questions of the atoms not yet decided, as a decided atom or subformula keeps its
 * value in every extension). A named rule already decided keeps its value below the node too
 * (monotonicity), so the leaves' predicate depends only on the questions read, directly or
 * through facts, by the named rules still unknown and on the named questions. A var outside them
 * cannot change the predicate anywhere below: the search leaves it unanswered there instead of
 * enumerating it (a leaf found with it unanswered stands for every value it could take). This is
 * recomputed at every evaluated node, so a var read only by rules whose atoms were settled
 * higher up is no longer branched on.
 */
#ifndef SA_SPACE_H
#define SA_SPACE_H

#include "internal.h"
#include "space_memo.h"

#define SPACE_UNKNOWN INT32_MIN /* the value "unanswered" in a list of values */

/*
 * The search budget: how many evaluations one --check run, or the search for one invariant of
 * --verify, may spend. Hostile rules can make the space exponential (a parity rule set); the
 * built-in rules get the whole SPACE_BUDGET and need about 216,000 evaluations for the whole
 * --check and at most about 672,000 for one invariant. An evaluation costs time in
 * proportion to the size of the rules (nodes,
 * facts, rules and questions, questions x outcome slots / 256, and rules x (questions + facts)
 * / 8 for the rules left unknown), so a large file gets fewer: at most SPACE_BUDGET_WORK divided
 * by that size (space_budget_for). The recursion of the search is as deep as the questions
 * enumerated, which the loader bounds (LOAD_MAX_ENTRIES).
 */
/* A build may lower it (the fuzz targets do, so that one input stays within the fuzzer's time
 * limit); the command and the library's tests use this default. */
#ifndef SPACE_BUDGET
#define SPACE_BUDGET 4500000ULL
#endif
#define SPACE_BUDGET_WORK 7200000000ULL

struct space_budget {
	unsigned long long left; /* evaluations still allowed */
	int exhausted;           /* a search stopped because left reached 0 */
};

/*
 * The values question q takes in the space, in ascending order, into a new array (*out, freed by
 * the caller); with_unknown puts SPACE_UNKNOWN first when q has no default. For an int: its min
 * and every cut point of its comparisons (eq/ne v: v and v+1; lt v and ge v: v; le v and gt v:
 * v+1) within (min, max], each the first value of an interval on which every comparison is
 * constant. Returns the count; out of memory: 0 with *out NULL.
 */
size_t space_values(const sa_rules *r, size_t q, int with_unknown, int32_t **out);

/* The interval [*lo, *hi] of int values that representative v of question q stands for. */
int space_interval(const sa_rules *r, size_t q, int32_t v, int32_t *lo, int32_t *hi);

/*
 * A predicate over an evaluation. leaf is nonzero when every enumerated question has its value;
 * it must then answer SA_TRUE or SA_FALSE. At an inner node it answers SA_TRUE or SA_FALSE only
 * when that answer holds for every extension of the node, else SA_UNKNOWN.
 */
typedef unsigned char (*space_pred)(void *ctx, const struct sa_result *res, int leaf);

/*
 * What a predicate undecided at an inner node can still depend on: mark rules[k] for each rule
 * and questions[q] for each question whose value or answer its value at a leaf below may read
 * (both arrays are cleared by the caller). Marking a decided rule is harmless.
 */
typedef void (*space_live)(void *ctx, const struct sa_result *res, unsigned char *rules,
			   unsigned char *questions);

/*
 * What the predicate's own state at an inner node is (for the memo, space_set_key): write into
 * buf (at most cap bytes) bytes that, together with the rules and vars space_live names, fix the
 * predicate's value at every leaf below (for an invariant: the value of every outcome node,
 * decided or not). Returns the bytes written, or (size_t)-1 when this node is not to be
 * remembered.
 */
typedef size_t (*space_key)(void *ctx, const struct sa_result *res, unsigned char *buf,
			    size_t cap);

struct space {
	const sa_rules *r;
	size_t nvars;
	size_t *vars;          /* enumerated questions, those with a default first */
	int32_t **values;      /* per var */
	size_t *nvalues;
	size_t ndefaults;      /* vars[0..ndefaults) have a default */
	space_live live;       /* NULL: every var is enumerated */
	void *ctx;             /* the predicate's context, for live */
	unsigned char *live_rules, *live_qs; /* per rule, per question: marked by live */
	size_t **rule_vars;    /* per rule: the vars its condition reads (listed by space_set_live) */
	size_t *nrule_vars;

	long *var_of;          /* per question: its var, or -1 */
	unsigned char *live_vars; /* per var: can still matter at the node evaluated last */
	int live_valid;        /* live_vars is for the evaluation in res */
	struct sa_answers cur; /* the node: enumerated vars set, others as fixed by space_fix */
	struct sa_result res;
	unsigned long long evaluations;
	double covered;        /* answer sets of the enumerated questions decided so far */
	struct space_budget *budget; /* NULL: unbounded; set by the caller after space_init */
	space_key key;         /* NULL: no memo */
	unsigned char *keybuf; /* the key of the node evaluated last */
	size_t keycap;         /* the bytes key may write */
	int key_unanswered;    /* the key says whether a var above the node is unanswered */
	struct space_memo memo;
};

/* The evaluations a search run over r may spend: SPACE_BUDGET, fewer for large rules. */
unsigned long long space_budget_for(const sa_rules *r);

/*
 * Enumerate the questions with mark[q] set; with_unknown adds "unanswered" as a value. Returns
 * SA_OK or SA_ERR_NOMEM; either way s is then released with space_release.
 */
int space_init(struct space *s, const sa_rules *r, const unsigned char *mark, int with_unknown);
void space_release(struct space *s);
/*
 * Name the callback that says what the predicate can still depend on at a node (see above): a
 * var is then skipped at a node where it cannot change the predicate. Returns SA_OK or
 * SA_ERR_NOMEM (then no search may run on s; space_release still frees it).
 */
int space_set_live(struct space *s, space_live live);
/*
 * Remember the nodes found to hold no witness below (after space_set_live): a node whose key
 * equals one of them is not searched again. The key of a node is its depth, whether a var above
 * it is unanswered (with_unanswered: for a predicate that asks whether every question is
 * answered), the bytes key writes (at most cap), the value of every rule space_live names
 * and the values of the vars above the node that the rules still unknown among them, or the
 * questions it names, read. Below two nodes with equal keys the predicate has the same value at
 * corresponding leaves: a decided atom or rule keeps its value (monotonicity), an undecided rule
 * is a function of the questions it reads, and the vars below are enumerated alike. So the memo
 * keeps the search exact; it is bounded by SPACE_MEMO_BYTES. The memo belongs to one predicate:
 * a space with a key runs searches for that predicate and context only (--verify makes a space
 * per search). Returns SA_OK or SA_ERR_NOMEM.
 */
int space_set_key(struct space *s, space_key key, size_t cap, int with_unanswered);
/* Fix question q (not enumerated) to value, or to unanswered with SPACE_UNKNOWN. */
void space_fix(struct space *s, size_t q, int32_t value);
/* Number of answer sets of the enumerated questions. */
double space_size(const struct space *s);
/*
 * Search for a leaf where pred holds. Returns 1 and copies its answers into witness (initialized
 * by the caller for the same rules) when found, 0 when pred is false everywhere, -1 when the
 * budget (if any) ran out first: s->budget->exhausted is then set and nothing is known.
 */
int space_find(struct space *s, space_pred pred, void *ctx, struct sa_answers *witness);

/*
 * Make a minimal answer set: drop given answers one at a time, last question first, keeping each
 * drop while keep() still holds for the evaluation. res is work space for the same rules.
 */
void space_minimize(const sa_rules *r, struct sa_answers *a, struct sa_result *res,
		    int (*keep)(void *ctx, const struct sa_result *res), void *ctx);

#endif
