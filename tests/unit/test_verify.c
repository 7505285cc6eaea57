/*
 * verify.c - unit tests of the answer space and the invariant prover: the representative values
 * of int questions, the enumerator (every leaf visited when nothing prunes, the witness it
 * returns), and --verify's verdicts checked against brute force over every value of every
 * question (every integer, not only the representatives), in each scope.
 */
#include "support.h"

#include "sa_check.h"
#include "space.h"

#define HEAD                                                                                      \
	"format: 1\n"                                                                             \
	"name: t\n"                                                                               \
	"version: '1'\n"                                                                          \
	"sources:\n"                                                                              \
	"  - {id: s1, title: A source}\n"

/* ---- representative values --------------------------------------------------------------- */

struct rep_case {
	const char *conds;    /* conditions on n (int 0..24), one rule each */
	int with_unknown;
	int32_t want[8];
	size_t nwant;
};

static const struct rep_case rep_cases[] = {
	{ "[{n: {lt: 3}}]", 0, { 0, 3 }, 2 },
	{ "[{n: {ge: 3}}]", 0, { 0, 3 }, 2 },
	{ "[{n: {le: 3}}]", 0, { 0, 4 }, 2 },
	{ "[{n: {gt: 3}}]", 0, { 0, 4 }, 2 },
	{ "[{n: 5}]", 0, { 0, 5, 6 }, 3 },
	{ "[{n: {ne: 5}}]", 0, { 0, 5, 6 }, 3 },
	{ "[{n: 24}]", 0, { 0, 24 }, 2 },       /* 25 is past max */
	{ "[{n: {ge: 0}}]", 0, { 0 }, 1 },      /* a cut at min splits nothing */
	{ "[{n: {gt: 0}}]", 0, { 0, 1 }, 2 },
	{ "[{n: {lt: 5}}, {n: {ge: 6}}, {n: {lt: 6}}]", 0, { 0, 5, 6 }, 3 },
	{ "[{n: {ge: 2, le: 6}}, {n: 4}]", 0, { 0, 2, 4, 5, 7 }, 5 },
	{ "[{n: {lt: 3}}]", 1, { SPACE_UNKNOWN, 0, 3 }, 3 },
};

static sa_rules *load_conds(const char *conds)
{
	char text[2048];
	snprintf(text, sizeof(text),
		 HEAD "questions:\n"
		      "  - {id: n, type: int, min: 0, max: 24, prompt: N?}\n"
		      "  - {id: d, type: int, min: 0, max: 9, default: 4, prompt: D?}\n"
		      "  - {id: e, type: enum, choices: [x, y, z], prompt: E?}\n"
		      "  - {id: b, type: bool, prompt: B?}\n"
		      "rules:\n"
		      "  - {id: r, when: {all: [{any: %s}, {d: {gt: 4}}, {e: y}, b]}, recommend: soc1, because: B, sources: [s1]}\n",
		 conds);
	return load_ok(text);
}

static void test_representatives(void **state)
{
	size_t i, k;
	(void)state;
	for (i = 0; i < sizeof(rep_cases) / sizeof(rep_cases[0]); i++) {
		const struct rep_case *c = &rep_cases[i];
		sa_rules *r = load_conds(c->conds);
		int32_t *v;
		size_t n = space_values(r, 0, c->with_unknown, &v);
		if (n != c->nwant)
			fail_msg("%s: %zu values, want %zu", c->conds, n, c->nwant);
		for (k = 0; k < n; k++)
			if (v[k] != c->want[k])
				fail_msg("%s: value %zu is %d, want %d", c->conds, k, (int)v[k],
					 (int)c->want[k]);
		free(v);
		sa_rules_free(r);
	}
}

static void test_representatives_other_types(void **state)
{
	sa_rules *r = load_conds("[{n: 1}]");
	int32_t *v, lo, hi;
	size_t n;
	(void)state;
	/* a question with a default has no "unanswered" value: unanswered, it takes its default */
	n = space_values(r, 1, 1, &v);
	assert_int_equal(n, 2);
	assert_int_equal(v[0], 0);
	assert_int_equal(v[1], 5);
	free(v);
	n = space_values(r, 2, 1, &v); /* enum: unanswered, then each choice */
	assert_int_equal(n, 4);
	assert_int_equal(v[0], SPACE_UNKNOWN);
	assert_int_equal(v[3], 2);
	free(v);
	n = space_values(r, 3, 0, &v); /* bool */
	assert_int_equal(n, 2);
	assert_int_equal(v[0], 0);
	assert_int_equal(v[1], 1);
	free(v);
	/* the intervals the representatives of n stand for: 0, 1, 2..24 */
	space_interval(r, 0, 0, &lo, &hi);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 0);
	space_interval(r, 0, 2, &lo, &hi);
	assert_int_equal(lo, 2);
	assert_int_equal(hi, 24);
	sa_rules_free(r);
}

/* ---- the enumerator -------------------------------------------------------------------------- */

struct counter {
	unsigned long long leaves;
};

static unsigned char count_leaves(void *ctx, const struct sa_result *res, int leaf)
{
	struct counter *c = ctx;
	(void)res;
	if (!leaf)
		return SA_UNKNOWN;
	c->leaves++;
	return SA_FALSE;
}

static void test_enumerator_visits_every_leaf(void **state)
{
	sa_rules *r = load_conds("[{n: {lt: 3}}, {n: {ge: 10}}]");
	unsigned char mark[4] = { 1, 1, 1, 1 };
	struct space s;
	struct counter c = { 0 };
	(void)state;
	space_init(&s, r, mark, 1);
	/* n: unanswered, 0, 3, 10; d (default): 0, 5; e: unanswered, x, y, z; b: unanswered, 0, 1 */
	assert_true(space_size(&s) == 4.0 * 2 * 4 * 3);
	assert_int_equal(s.ndefaults, 1);
	assert_int_equal(s.vars[0], 1); /* the question with a default comes first */
	assert_int_equal(space_find(&s, count_leaves, &c, NULL), 0);
	assert_int_equal(c.leaves, 4 * 2 * 4 * 3);
	assert_true(s.covered == space_size(&s));
	space_release(&s);
	sa_rules_free(r);
}

/* The rule holds: pruned as soon as it is decided. */
static unsigned char rule_holds(void *ctx, const struct sa_result *res, int leaf)
{
	(void)ctx;
	(void)leaf;
	return res->rule_tv[0];
}

static void test_enumerator_finds_and_prunes(void **state)
{
	sa_rules *r = load_conds("[{n: {ge: 10}}]");
	unsigned char mark[4] = { 1, 1, 1, 1 };
	struct space s;
	struct sa_answers w;
	struct sa_result res;
	(void)state;
	space_init(&s, r, mark, 0);
	sa_answers_init(&w, r);
	assert_int_equal(space_find(&s, rule_holds, NULL, &w), 1);
	/* the witness really makes the rule hold */
	sa_result_init(&res, r);
	sa_evaluate(r, &w, &res);
	assert_int_equal(res.rule_tv[0], SA_TRUE);
	assert_true(w.value[0] >= 10 && w.value[1] > 4 && w.value[2] == 1 && w.value[3] == 1);
	/* pruning: far fewer evaluations than the 2 * 2 * 3 * 2 leaves */
	assert_true(s.evaluations < 24);
	sa_result_release(&res);
	sa_answers_release(&w);
	space_release(&s);
	sa_rules_free(r);
}

/* ---- invariants against brute force ---------------------------------------------------------- */

static const char brute_rules[] = HEAD
	"questions:\n"
	"  - {id: role, type: enum, choices: [provider, customer], default: provider, prompt: R?}\n"
	"  - {id: a, type: bool, prompt: A?}\n"
	"  - {id: b, type: bool, prompt: B?, applies_if: a}\n"
	"  - {id: n, type: int, min: 0, max: 10, prompt: N?}\n"
	"  - {id: m, type: int, min: 0, max: 5, default: 2, prompt: M?}\n"
	"facts:\n"
	"  - {id: big, when: {n: {ge: 4}}}\n"
	"advice:\n"
	"  - {id: tip, text: T}\n"
	"rules:\n"
	"  - {id: r1, when: {all: [a, big]}, recommend: soc1, because: B, sources: [s1]}\n"
	"  - {id: r2, when: {all: [{role: customer}, b]}, recommend: {report: soc1, action: request}, because: B, sources: [s1]}\n"
	"  - {id: r3, when: {n: {lt: 4}}, type: {report: soc1, type: type1, then: {type: type2}}, because: B, sources: [s1]}\n"
	"  - {id: r4, when: {m: {gt: 3}}, type: {report: soc1, type: type2}, because: B, sources: [s1]}\n"
	"  - {id: r5, when: {any: [b, {n: 9}]}, recommend: soc2, because: B, sources: [s1]}\n"
	"  - {id: r6, when: {n: {ne: 7}}, criteria: {report: soc2, category: security}, because: B, sources: [s1]}\n"
	"  - {id: r7, when: {not: a}, advice: tip, because: B, sources: [s1]}\n"
	"  - {id: r8, when: {m: {le: 2}}, type: {report: soc2, type: type2}, because: B, sources: [s1]}\n"
	"  - {id: r9, when: a, criteria: {report: soc2, category: availability, basis: consider}, because: B, sources: [s1]}\n"
	"  - {id: r10, when: {n: {ge: 6}}, criteria: {report: soc2, category: availability}, because: B, sources: [s1]}\n"
	"invariants:\n"
	"  - {id: i1, description: D, when: {recommended: soc1}, require: {type: {soc1: type1}}}\n"
	"  - {id: i2, description: D, scope: all, when: {present: soc2}, require: {category: {soc2: security}}}\n"
	"  - {id: i3, description: D, scope: partial, when: {requested: soc1}, require: {type: {soc1: type2}}}\n"
	"  - {id: i4, description: D, scope: all, require: {any: [{any_recommendation: true}, {advice: tip}, {possible: soc1}]}}\n"
	"  - {id: i5, description: D, scope: all, require: true}\n"
	"  - {id: i6, description: D, require: {not: {possible_category: {soc2: security}}}}\n"
	"  - {id: i7, description: D, scope: partial, require: {not: {possible_category: {soc2: security}}}}\n"
	"  - {id: i8, description: D, scope: all, when: {type: {soc1: type1}}, require: {then_type: {soc1: type2}}}\n"
	"  - {id: i9, description: D, scope: partial, when: {recommended: soc1}, require: {not: {type: {soc1: unset}}}}\n"
	"  - {id: i10, description: D, scope: all, when: {possible: soc2}, require: {all: [{possible_category: {soc2: security}}, {not: {present: soc1}}]}}\n"
	"  - {id: i11, description: D, when: {step: never}, require: false}\n"
	/* answer atoms: i13 fails only at n = 5, a cut point that only its own condition makes */
	"  - {id: i12, description: D, scope: all, require: {any: [{not: {advice: tip}}, {answer: {a: false}}]}}\n"
	"  - {id: i13, description: D, when: {answer: {n: {gt: 4}}}, require: {answer: {n: {ge: 6}}}}\n"
	/* a category's basis: required as soon as a required rule holds */
	"  - {id: i14, description: D, scope: all, when: {considered_category: {soc2: availability}}, require: {not: {answer: {n: {ge: 6}}}}}\n"
	"  - {id: i15, description: D, scope: all, when: {required_category: {soc2: availability}}, require: {answer: {n: {ge: 6}}}}\n"
	"  - {id: i16, description: D, scope: partial, when: {considered_category: {soc2: availability}}, require: {required_category: {soc2: availability}}}\n"
	"  - {id: i17, description: D, scope: all, when: {answer: a}, require: {not: {any: [{considered_category: {soc2: availability}}, {possible_category: {soc2: availability}}]}}}\n"
	"steps:\n"
	"  - {id: never, text: N}\n";

/* Does some answer set in the invariant's scope violate it? Every value of every question. */
static int brute_violated(const sa_rules *r, size_t inv, const char *scope)
{
	struct sa_answers a;
	struct sa_result res;
	size_t nq = sa_rules_question_count(r), q;
	int32_t lo[8], hi[8], cur[8];
	int found = 0, done = 0;
	sa_answers_init(&a, r);
	sa_result_init(&res, r);
	for (q = 0; q < nq; q++) {
		int32_t mn = 0, mx = 1, def;
		if (sa_question_type(r, q) == SA_Q_ENUM)
			mx = (int32_t)sa_question_choice_count(r, q) - 1;
		else if (sa_question_type(r, q) == SA_Q_INT)
			sa_question_range(r, q, &mn, &mx);
		/* mn - 1 stands for "unanswered", except where a default answers instead */
		lo[q] = sa_question_default(r, q, &def) ? mn : mn - 1;
		hi[q] = mx;
		cur[q] = lo[q];
	}
	while (!done && !found) {
		int unknown = 0;
		sa_answers_clear(&a);
		for (q = 0; q < nq; q++) {
			int32_t mn = 0, mx;
			if (sa_question_type(r, q) == SA_Q_INT)
				sa_question_range(r, q, &mn, &mx);
			if (cur[q] < mn) {
				unknown = 1;
				continue;
			}
			a.value[q] = cur[q];
			a.origin[q] = SA_ORIGIN_GIVEN;
		}
		if (strcmp(scope, "all") == 0 || (strcmp(scope, "partial") == 0) == unknown) {
			sa_evaluate(r, &a, &res);
			found = sa_invariant_violated(r, inv, &res);
		}
		for (q = 0; q < nq; q++) {
			if (++cur[q] <= hi[q])
				break;
			cur[q] = lo[q];
		}
		done = q == nq;
	}
	sa_result_release(&res);
	sa_answers_release(&a);
	return found;
}

static void test_verify_matches_brute_force(void **state)
{
	sa_rules *r = load_ok(brute_rules);
	struct sa_result res;
	size_t i, q;
	int nviolated = 0;
	(void)state;
	sa_result_init(&res, r);
	for (i = 0; i < sa_rules_invariant_count(r); i++) {
		struct sa_verify_result v;
		const char *scope = sa_invariant_scope(r, i);
		int brute = brute_violated(r, i, scope);
		sa_verify_result_init(&v, r);
		sa_verify_invariant(r, i, &v);
		if (v.holds == brute)
			fail_msg("invariant %s (%s): verify says %s, brute force %s",
				 sa_invariant_id(r, i), scope, v.holds ? "holds" : "violated",
				 brute ? "violated" : "holds");
		if (!v.holds) {
			nviolated++;
			/* the counterexample violates it, and is in scope */
			sa_evaluate(r, &v.counterexample, &res);
			if (!sa_invariant_violated(r, i, &res))
				fail_msg("invariant %s: the counterexample does not violate it",
					 sa_invariant_id(r, i));
			/* minimal: without any one of its answers it no longer shows the violation */
			for (q = 0; q < sa_rules_question_count(r) && strcmp(scope, "complete"); q++) {
				if (!v.counterexample.origin[q])
					continue;
				v.counterexample.origin[q] = SA_ORIGIN_NONE;
				sa_evaluate(r, &v.counterexample, &res);
				if (sa_invariant_violated(r, i, &res))
					fail_msg("invariant %s: answer '%s' can be dropped",
						 sa_invariant_id(r, i), sa_question_id(r, q));
				v.counterexample.origin[q] = SA_ORIGIN_GIVEN;
			}
		}
		sa_verify_result_release(&v);
	}
	/* the table exercises both verdicts */
	assert_true(nviolated >= 3);
	assert_true(nviolated < (int)sa_rules_invariant_count(r));
	sa_result_release(&res);
	sa_rules_free(r);
}

/*
 * The memo: soc1 is recommended by x1 or by z, so the prefixes (x1 yes, z skipped), (x1 no, z
 * yes) and (x1 unanswered, z yes) lead to equal nodes, and the subtree over x2 and y below them
 * is searched once. The verdicts still match brute force, in every scope, with and without a
 * violation to find.
 */
static const char memo_rules[] = HEAD
	"questions:\n"
	"  - {id: x1, type: bool, prompt: X1?}\n"
	"  - {id: z, type: bool, prompt: Z?}\n"
	"  - {id: x2, type: bool, prompt: X2?}\n"
	"  - {id: y, type: bool, prompt: Y?}\n"
	"rules:\n"
	"  - {id: ra, when: {any: [x1, z]}, recommend: soc1, because: B, sources: [s1]}\n"
	"  - {id: rs, when: x2, recommend: soc2, because: B, sources: [s1]}\n"
	"  - {id: rb, when: {all: [x2, y]}, criteria: {report: soc2, category: availability}, because: B, sources: [s1]}\n"
	"invariants:\n"
	"  - {id: m1, description: D, scope: all, when: {recommended: soc1}, require: {any: [{category: {soc2: availability}}, {not: {category: {soc2: availability}}}]}}\n"
	"  - {id: m2, description: D, scope: partial, when: {recommended: soc1}, require: {any: [{category: {soc2: availability}}, {not: {category: {soc2: availability}}}]}}\n"
	"  - {id: m3, description: D, scope: all, when: {recommended: soc1}, require: {not: {all: [{category: {soc2: availability}}, {answer: {not: z}}]}}}\n"
	"  - {id: m4, description: D, scope: complete, when: {recommended: soc1}, require: {category: {soc2: availability}}}\n";

static void test_memo_keeps_verify_exact(void **state)
{
	sa_rules *r = load_ok(memo_rules);
	size_t i;
	(void)state;
	for (i = 0; i < sa_rules_invariant_count(r); i++) {
		struct sa_verify_result v;
		const char *id = sa_invariant_id(r, i), *scope = sa_invariant_scope(r, i);
		int brute = brute_violated(r, i, scope);
		sa_verify_result_init(&v, r);
		assert_int_equal(sa_verify_invariant(r, i, &v), SA_OK);
		if (v.holds == brute)
			fail_msg("invariant %s (%s): verify says %s, brute force %s", id, scope,
				 v.holds ? "holds" : "violated", brute ? "violated" : "holds");
		/* the invariants that hold search the whole space: their equal nodes were met */
		if (v.holds && v.memo_hits == 0)
			fail_msg("invariant %s: no subtree was found again", id);
		sa_verify_result_release(&v);
	}
	sa_rules_free(r);
}

/* The memo's set of keys: found once committed, never when only pushed, bounded by its limit. */
static void test_memo_set(void **state)
{
	struct space_memo m;
	unsigned char key[64];
	long off[200];
	size_t i;
	(void)state;
	space_memo_init(&m, SPACE_MEMO_BYTES);
	for (i = 0; i < 200; i++) {
		memset(key, (int)(i & 7), sizeof(key));
		key[0] = (unsigned char)i; /* every key differs in its first byte */
		off[i] = space_memo_push(&m, key, 1 + i % 64);
		assert_true(off[i] >= 0);
		assert_false(space_memo_has(&m, key, 1 + i % 64));
		if (i % 2 == 0)
			space_memo_commit(&m, off[i]);
	}
	for (i = 0; i < 200; i++) {
		memset(key, (int)(i & 7), sizeof(key));
		key[0] = (unsigned char)i; /* every key differs in its first byte */
		assert_int_equal(space_memo_has(&m, key, 1 + i % 64), i % 2 == 0);
		/* a proper prefix of a stored key is another key, never stored here */
		if (i % 64 >= 1)
			assert_false(space_memo_has(&m, key, i % 64));
	}
	assert_int_equal(m.count, 100);
	space_memo_release(&m);

	/* a limit smaller than the first arena: nothing is kept, and nothing is claimed */
	space_memo_init(&m, 1000);
	memset(key, 1, sizeof(key));
	assert_int_equal(space_memo_push(&m, key, sizeof(key)), -1);
	space_memo_commit(&m, -1);
	assert_false(space_memo_has(&m, key, sizeof(key)));
	space_memo_release(&m);
}

static void test_counterexample_as_flags(void **state)
{
	sa_rules *r = load_ok(brute_rules);
	struct sa_verify_result v;
	char flags[256];
	(void)state;
	sa_verify_result_init(&v, r);
	sa_verify_invariant(r, 0, &v); /* i1: a recommended soc1 must be a Type 1 */
	assert_int_equal(v.holds, 0);
	assert_int_equal(v.forced, 1);
	sa_answers_format_flags(r, &v.counterexample, flags, sizeof(flags));
	/* m unanswered takes its default 2: no type rule holds, the type is unset */
	assert_string_equal(flags, "--a --n=4");
	sa_verify_result_release(&v);
	sa_rules_free(r);
}

static void test_default_rules_verify(void **state)
{
	sa_rules *r = load_default();
	size_t i;
	(void)state;
	assert_true(sa_rules_invariant_count(r) > 0);
	for (i = 0; i < sa_rules_invariant_count(r); i++) {
		struct sa_verify_result v;
		sa_verify_result_init(&v, r);
		sa_verify_invariant(r, i, &v);
		if (!v.holds)
			fail_msg("default rules: invariant %s is violated", sa_invariant_id(r, i));
		sa_verify_result_release(&v);
	}
	sa_rules_free(r);
}

static void test_default_rules_check_clean(void **state)
{
	sa_rules *r = load_default();
	struct sa_diags d;
	size_t i;
	(void)state;
	sa_diags_init(&d);
	sa_rules_check(r, "rules.yaml", &d);
	for (i = 0; i < d.len; i++)
		print_message("%u:%u: %s [%s]\n", d.items[i].line, d.items[i].col,
			      d.items[i].message, d.items[i].code);
	assert_int_equal(d.errors, 0);
	sa_diags_release(&d);
	sa_rules_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_representatives),
		cmocka_unit_test(test_representatives_other_types),
		cmocka_unit_test(test_enumerator_visits_every_leaf),
		cmocka_unit_test(test_enumerator_finds_and_prunes),
		cmocka_unit_test(test_verify_matches_brute_force),
		cmocka_unit_test(test_memo_keeps_verify_exact),
		cmocka_unit_test(test_memo_set),
		cmocka_unit_test(test_counterexample_as_flags),
		cmocka_unit_test(test_default_rules_verify),
		cmocka_unit_test(test_default_rules_check_clean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
