/*
 * sa_check.h - rules tooling: lint a rules file (--check) and prove its invariants (--verify).
 *
 * Both work on a loaded rules object and never print: the lint appends warnings to a
 * caller-owned sa_diags, and verification fills a caller-owned sa_verify_result. Both enumerate
 * the finite answer space exactly (bools and enums take each value, an int one representative
 * per interval its comparisons distinguish), pruned by three-valued evaluation: see
 * docs/rules-format.md, "Checks" and "Invariants".
 */
#ifndef SA_CHECK_H
#define SA_CHECK_H

#include "socadvise.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Lint loaded rules: append one warning per problem to d, each with file (the name used in
 * FILE:LINE:COL), line, column and a stable code (docs/rules-format.md lists them). The
 * diagnostics are left unsorted. Returns SA_OK; SA_ERR_RULES after adding a "search-budget"
 * error when the searches of the run would need more evaluations than the search budget
 * (docs/security.md): the checks then stop, and the warnings found so far stay in d; or
 * SA_ERR_NOMEM with d as it was before the call.
 */
int sa_rules_check(const sa_rules *r, const char *file, struct sa_diags *d);

/*
 * Write diagnostics as one JSON document: {file, diagnostics: [{file, line, column, severity,
 * code, message}], errors, warnings}; line and column are null when unknown. Keys come in a
 * fixed order. Returns SA_OK, SA_ERR_NOMEM or SA_ERR_IO.
 */
int sa_diags_write_json(FILE *f, const char *file, const struct sa_diags *d);

/*
 * Write the given answers of a (not the defaulted ones) as command-line flags into buf, e.g.
 * "--payroll --no-hosting --controls-months=3" (truncated to size). Returns buf.
 */
const char *sa_answers_format_flags(const sa_rules *r, const struct sa_answers *a, char *buf,
				    size_t size);

/* ---- invariants ------------------------------------------------------------------------------ */

size_t sa_rules_invariant_count(const sa_rules *r);
const char *sa_invariant_id(const sa_rules *r, size_t i);
const char *sa_invariant_description(const sa_rules *r, size_t i);
const char *sa_invariant_scope(const sa_rules *r, size_t i); /* "complete", "partial", "all" */
void sa_invariant_position(const sa_rules *r, size_t i, unsigned *line, unsigned *col);

/* The outcome of verifying one invariant; caller-owned (sa_verify_result_init / _release). */
struct sa_verify_result {
	int holds;                          /* 1: no answer set in scope violates it */
	double space;                       /* answer sets in the invariant's scope */
	unsigned long long evaluations;     /* evaluations the pruned search needed */
	struct sa_answers counterexample;   /* when !holds: a minimal violating answer set */
	int forced;                         /* when !holds: the listed answers violate it whatever
					       the unlisted questions without a default are answered */
	int exhausted;                      /* the search budget ran out: neither holds nor a
					       counterexample is known (holds is 0) */
	unsigned long long budget;          /* the search budget, in evaluations */
	unsigned long long memo_hits;       /* subtrees not searched again: an equal node had no
					       violation below it */
};

int sa_verify_result_init(struct sa_verify_result *v, const sa_rules *r);
void sa_verify_result_release(struct sa_verify_result *v);

/*
 * Check invariant i against every answer set in its scope. Fills v: holds, the size of the space
 * and the evaluations needed, and on a violation a minimal counterexample (no answer can be
 * dropped without losing the violation). Returns SA_OK; SA_ERR_NOMEM (v is then not
 * complete); or, when the search would need more evaluations than v->budget, sets
 * v->exhausted and returns SA_ERR_RULES.
 */
int sa_verify_invariant(const sa_rules *r, size_t i, struct sa_verify_result *v);

/*
 * Nonzero when res (an evaluation of answers) violates invariant i: its 'when' holds and its
 * 'require' does not.
 */
int sa_invariant_violated(const sa_rules *r, size_t i, const struct sa_result *res);

/*
 * Describe invariant i's atoms under res, e.g. "recommended soc3: true; type soc2 type2: false",
 * into buf (truncated to size). Returns buf.
 */
const char *sa_invariant_describe(const sa_rules *r, size_t i, const struct sa_result *res,
				  char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
