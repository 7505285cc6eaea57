/*
 * engine.c - unit tests of three-valued evaluation: Kleene logic, facts, union and first-match
 * precedence, open questions and explanations, defaults and applicability.
 */
#include "support.h"

static const char rules_text[] =
	"format: 1\nname: t\nversion: '1'\n"
	"sources:\n  - {id: s, title: S}\n"
	"questions:\n"
	"  - {id: a, type: bool, prompt: A?}\n"
	"  - {id: b, type: bool, prompt: B?}\n"
	"  - {id: c, type: bool, prompt: C?, applies_if: a}\n"
	"  - {id: role, type: enum, choices: [provider, customer], default: provider, prompt: R?}\n"
	"  - {id: n, type: int, min: 0, max: 10, prompt: N?}\n"
	"facts:\n"
	"  - {id: ab, when: {all: [a, b]}}\n"
	"  - {id: a_or_b, when: {any: [a, b]}}\n"
	"  - {id: not_a, when: {not: a}}\n"
	"  - {id: deep, when: {all: [ab, {n: {ge: 3}}]}}\n"
	"advice:\n"
	"  - {id: tip, text: T}\n"
	"rules:\n"
	"  - {id: rec-ab, when: ab, recommend: soc1, because: B, sources: [s]}\n"
	"  - {id: rec-or, when: a_or_b, recommend: soc2, because: B, sources: [s]}\n"
	"  - {id: rec-cust, when: {role: customer}, recommend: {report: soc3, action: request}, because: B, sources: [s]}\n"
	"  - {id: t-first, when: {n: {ge: 6}}, type: {report: soc2, type: type2, observation_months: 3}, because: B, sources: [s]}\n"
	"  - {id: t-second, when: {n: {lt: 6}}, type: {report: soc2, type: type1, then: {type: type2, observation_months: 3}}, because: B, sources: [s]}\n"
	"  - {id: t-fallback, type: {report: soc2, type: type2, observation_months: 12}, because: B, sources: [s]}\n"
	"  - {id: sec, criteria: {report: soc2, category: security}, because: B, sources: [s]}\n"
	"  - {id: avail, when: c, criteria: {report: soc2, category: availability}, because: B, sources: [s]}\n"
	"  - {id: tip1, when: {not: b}, advice: tip, because: B, sources: [s]}\n"
	"  - {id: tip2, when: deep, advice: tip, because: B, sources: [s]}\n";

struct fixture {
	sa_rules *r;
	struct sa_result res;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->r = load_ok(rules_text);
	sa_result_init(&f->res, f->r);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	sa_result_release(&f->res);
	sa_rules_free(f->r);
	free(f);
	return 0;
}

static int rule_index(const sa_rules *r, const char *id)
{
	size_t i;
	for (i = 0; i < sa_rules_rule_count(r); i++)
		if (strcmp(sa_rule_id(r, i), id) == 0)
			return (int)i;
	fail_msg("no rule %s", id);
	return -1;
}

struct kleene_case {
	const char *a, *b; /* NULL = unknown */
	enum sa_tv ab, a_or_b, not_a;
};

static void test_kleene(void **state)
{
	struct fixture *f = *state;
	static const struct kleene_case cases[] = {
		{ "a=true", "b=true", SA_TRUE, SA_TRUE, SA_FALSE },
		{ "a=true", "b=false", SA_FALSE, SA_TRUE, SA_FALSE },
		{ "a=false", "b=false", SA_FALSE, SA_FALSE, SA_TRUE },
		{ "a=true", NULL, SA_UNKNOWN, SA_TRUE, SA_FALSE },
		{ "a=false", NULL, SA_FALSE, SA_UNKNOWN, SA_TRUE },
		{ NULL, "b=false", SA_FALSE, SA_UNKNOWN, SA_UNKNOWN },
		{ NULL, NULL, SA_UNKNOWN, SA_UNKNOWN, SA_UNKNOWN },
	};
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct kleene_case *k = &cases[i];
		const char *list[3] = { NULL, NULL, NULL };
		size_t n = 0;
		if (k->a)
			list[n++] = k->a;
		if (k->b)
			list[n++] = k->b;
		eval_answers(f->r, &f->res, list[0], list[1], NULL);
		if (f->res.fact_tv[0] != k->ab || f->res.fact_tv[1] != k->a_or_b ||
		    f->res.fact_tv[2] != k->not_a)
			fail_msg("case %zu (%s, %s): got ab=%d or=%d not=%d", i, k->a ? k->a : "a=?",
				 k->b ? k->b : "b=?", f->res.fact_tv[0], f->res.fact_tv[1],
				 f->res.fact_tv[2]);
	}
}

static void test_statuses(void **state)
{
	struct fixture *f = *state;
	eval_answers(f->r, &f->res, "a=true", NULL);
	assert_int_equal(f->res.report[SA_REPORT_SOC1].status, SA_POSSIBLE);    /* b unknown */
	assert_int_equal(f->res.report[SA_REPORT_SOC2].status, SA_RECOMMENDED);  /* a or b */
	assert_int_equal(f->res.report[SA_REPORT_SOC3].status, SA_ABSENT);       /* role default */
	assert_int_equal(f->res.report[SA_REPORT_SOC_CYBER].status, SA_ABSENT);  /* no rule */
	eval_answers(f->r, &f->res, "a=false", "b=false", NULL);
	assert_int_equal(f->res.report[SA_REPORT_SOC1].status, SA_ABSENT);
	assert_int_equal(f->res.report[SA_REPORT_SOC2].status, SA_ABSENT);
}

static void test_defaults_and_action(void **state)
{
	struct fixture *f = *state;
	int role = sa_rules_question_find(f->r, "role");
	eval_answers(f->r, &f->res, NULL);
	assert_int_equal(f->res.answers.origin[role], SA_ORIGIN_DEFAULT);
	assert_int_equal(f->res.report[SA_REPORT_SOC3].status, SA_ABSENT);
	eval_answers(f->r, &f->res, "role=customer", NULL);
	assert_int_equal(f->res.answers.origin[role], SA_ORIGIN_GIVEN);
	assert_int_equal(f->res.report[SA_REPORT_SOC3].status, SA_RECOMMENDED);
	assert_int_equal(f->res.report[SA_REPORT_SOC3].action, SA_ACTION_REQUEST);
}

static void test_type_first_match(void **state)
{
	struct fixture *f = *state;
	const struct sa_report_result *s2 = &f->res.report[SA_REPORT_SOC2];
	int type_slot = slot_index(f->r, "soc2:type");
	int n = sa_rules_question_find(f->r, "n");

	eval_answers(f->r, &f->res, "a=true", "n=8", NULL);
	assert_int_equal(s2->type, SA_TYPE_2);
	assert_int_equal(s2->observation_months, 3);
	assert_int_equal(s2->then.type, SA_TYPE_UNSET);
	assert_int_equal(s2->type_rule, rule_index(f->r, "t-first"));
	assert_false(s2->type_open);

	eval_answers(f->r, &f->res, "a=true", "n=2", NULL);
	assert_int_equal(s2->type, SA_TYPE_1);
	assert_int_equal(s2->then.type, SA_TYPE_2);
	assert_int_equal(s2->then.observation_months, 3);
	assert_int_equal(s2->type_rule, rule_index(f->r, "t-second"));

	/* the first rule is unknown and a later one (the fallback) holds: a later rule never
	 * overrides an undecided earlier one, so the type is undecided and n decides it */
	eval_answers(f->r, &f->res, "a=true", NULL);
	assert_int_equal(s2->type, SA_TYPE_UNSET);
	assert_int_equal(s2->type_rule, -1);
	assert_true(s2->type_open);
	assert_true(sa_result_decides(&f->res, (size_t)n, (size_t)type_slot));
	assert_true(sa_result_is_open(&f->res, (size_t)n));
}

static void test_open_questions(void **state)
{
	struct fixture *f = *state;
	int a = sa_rules_question_find(f->r, "a"), b = sa_rules_question_find(f->r, "b");
	int c = sa_rules_question_find(f->r, "c");
	int soc1 = slot_index(f->r, "soc1"), soc2 = slot_index(f->r, "soc2");
	int avail = slot_index(f->r, "soc2:availability");

	eval_answers(f->r, &f->res, NULL);
	/* nothing answered: a and b decide soc1 and soc2; c does not apply while a is unknown
	 * (applies_if unknown), so it is open too */
	assert_true(sa_result_decides(&f->res, (size_t)a, (size_t)soc1));
	assert_true(sa_result_decides(&f->res, (size_t)b, (size_t)soc2));
	assert_true(sa_result_is_open(&f->res, (size_t)c));

	/* a = false: c no longer applies and is never open; soc2 hangs on b alone */
	eval_answers(f->r, &f->res, "a=false", NULL);
	assert_false(sa_result_is_open(&f->res, (size_t)c));
	assert_false(sa_result_is_open(&f->res, (size_t)a));
	assert_true(sa_result_decides(&f->res, (size_t)b, (size_t)soc2));

	/* a = true: soc2 is decided, so b only decides soc1 and the advice; c decides availability */
	eval_answers(f->r, &f->res, "a=true", NULL);
	assert_false(sa_result_decides(&f->res, (size_t)b, (size_t)soc2));
	assert_true(sa_result_decides(&f->res, (size_t)b, (size_t)soc1));
	assert_true(sa_result_decides(&f->res, (size_t)c, (size_t)avail));
	assert_int_equal(f->res.report[SA_REPORT_SOC2].criteria[SA_CAT_SECURITY], SA_RECOMMENDED);
	assert_int_equal(f->res.report[SA_REPORT_SOC2].criteria[SA_CAT_AVAILABILITY], SA_POSSIBLE);

	/* everything decided: no open question at all */
	eval_answers(f->r, &f->res, "a=true", "b=true", "c=false", "n=7", NULL);
	for (size_t q = 0; q < sa_rules_question_count(f->r); q++)
		assert_false(sa_result_is_open(&f->res, q));
	assert_int_equal(f->res.report[SA_REPORT_SOC2].criteria[SA_CAT_AVAILABILITY], SA_ABSENT);
}

static void test_items_union(void **state)
{
	struct fixture *f = *state;
	int tip = item_index(f->r, SA_ITEM_ADVICE, "tip");
	eval_answers(f->r, &f->res, "b=false", NULL);
	assert_int_equal(f->res.items[SA_ITEM_ADVICE][tip].status, SA_RECOMMENDED);
	eval_answers(f->r, &f->res, "b=true", "a=true", "n=3", NULL);
	assert_int_equal(f->res.items[SA_ITEM_ADVICE][tip].status, SA_RECOMMENDED);
	eval_answers(f->r, &f->res, "b=true", "a=true", NULL);
	assert_int_equal(f->res.items[SA_ITEM_ADVICE][tip].status, SA_POSSIBLE);
	eval_answers(f->r, &f->res, "b=true", "a=false", NULL);
	assert_int_equal(f->res.items[SA_ITEM_ADVICE][tip].status, SA_ABSENT);
}

static void test_explain(void **state)
{
	struct fixture *f = *state;
	size_t nq = sa_rules_question_count(f->r);
	unsigned char used[16], open[16];
	int a = sa_rules_question_find(f->r, "a"), b = sa_rules_question_find(f->r, "b");
	int n = sa_rules_question_find(f->r, "n");
	size_t rec_or = (size_t)rule_index(f->r, "rec-or"), tip2 = (size_t)rule_index(f->r, "tip2");

	assert_true(nq <= sizeof(used));
	/* a true "any": only the true part is the reason */
	eval_answers(f->r, &f->res, "a=true", "b=false", NULL);
	memset(used, 0, sizeof(used));
	memset(open, 0, sizeof(open));
	sa_rule_explain(f->r, &f->res, rec_or, used, open);
	assert_true(used[a]);
	assert_false(used[b]);

	/* a false "all" through facts: the false part (b) is why not */
	eval_answers(f->r, &f->res, "a=true", "b=false", "n=5", NULL);
	memset(used, 0, sizeof(used));
	sa_rule_explain(f->r, &f->res, tip2, used, NULL);
	assert_true(used[b]);
	assert_false(used[n]);

	/* unknown: the open questions in the unknown part */
	eval_answers(f->r, &f->res, "a=true", "b=true", NULL);
	memset(used, 0, sizeof(used));
	memset(open, 0, sizeof(open));
	sa_rule_explain(f->r, &f->res, tip2, used, open);
	assert_true(open[n]);
	assert_false(open[a]);
	assert_false(open[b]);
}

static void test_slot_names(void **state)
{
	struct fixture *f = *state;
	char buf[64];
	(void)state;
	assert_string_equal(sa_slot_name(f->r, (size_t)slot_index(f->r, "soc2"), buf, sizeof(buf)),
			    "soc2");
	assert_true(slot_index(f->r, "soc3:privacy") >= 0);
	assert_true(slot_index(f->r, "advice:tip") >= 0);
	assert_int_equal(slot_index(f->r, "step:tip"), -1);
}

/* A definite category's basis: required as soon as one required rule for it holds. */
static void test_category_basis(void **state)
{
	sa_rules *r = load_ok("format: 1\nname: t\nversion: '1'\n"
			      "sources:\n  - {id: s, title: S}\n"
			      "questions:\n"
			      "  - {id: a, type: bool, prompt: A?}\n"
			      "  - {id: b, type: bool, prompt: B?}\n"
			      "rules:\n"
			      "  - {id: rec, recommend: soc2, because: B, sources: [s]}\n"
			      "  - {id: sec, criteria: {report: soc2, category: security}, because: B, sources: [s]}\n"
			      "  - {id: pi-c, when: a, criteria: {report: soc2, category: processing_integrity, basis: consider}, because: B, sources: [s]}\n"
			      "  - {id: pi-r, when: b, criteria: {report: soc2, category: processing_integrity, basis: required}, because: B, sources: [s]}\n");
	struct sa_result res;
	const struct sa_report_result *rr = &res.report[SA_REPORT_SOC2];
	(void)state;
	assert_int_equal(sa_result_init(&res, r), SA_OK);
	eval_answers(r, &res, "a=true", "b=false", NULL);
	assert_int_equal(rr->criteria[SA_CAT_PROCESSING_INTEGRITY], SA_RECOMMENDED);
	assert_int_equal(rr->basis[SA_CAT_PROCESSING_INTEGRITY], SA_BASIS_CONSIDER);
	assert_int_equal(rr->basis[SA_CAT_SECURITY], SA_BASIS_NONE);
	eval_answers(r, &res, "a=true", "b=true", NULL);
	assert_int_equal(rr->basis[SA_CAT_PROCESSING_INTEGRITY], SA_BASIS_REQUIRED);
	eval_answers(r, &res, "a=false", "b=true", NULL);
	assert_int_equal(rr->basis[SA_CAT_PROCESSING_INTEGRITY], SA_BASIS_REQUIRED);
	/* an open category has no basis, even with a consider rule unknown */
	eval_answers(r, &res, "b=false", NULL);
	assert_int_equal(rr->criteria[SA_CAT_PROCESSING_INTEGRITY], SA_POSSIBLE);
	assert_int_equal(rr->basis[SA_CAT_PROCESSING_INTEGRITY], SA_BASIS_NONE);
	sa_result_release(&res);
	sa_rules_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_kleene, setup, teardown),
		cmocka_unit_test_setup_teardown(test_statuses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_defaults_and_action, setup, teardown),
		cmocka_unit_test_setup_teardown(test_type_first_match, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_questions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_union, setup, teardown),
		cmocka_unit_test_setup_teardown(test_explain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slot_names, setup, teardown),
		cmocka_unit_test(test_category_basis),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
