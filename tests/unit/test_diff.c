/*
 * test_diff.c - sa_diff_compute, the pure diff of two results (sa_diff.h): no change, a scope
 * change with the rule that makes it, a change of advice alone, plan dates, and properties over
 * a table of profile pairs (each entry's rules really differ and belong to its outcome; the diff
 * of b and a mirrors the diff of a and b). Each case echoes its answers.
 */
#include "support.h"

#include "sa_diff.h"

#define MAXA 12

struct side {
	const char *a[MAXA]; /* "id=value", NULL-terminated */
};

static void eval_side(const sa_rules *r, const struct side *s, struct sa_result *res)
{
	struct sa_answers a;
	size_t i;
	sa_answers_init(&a, r);
	for (i = 0; i < MAXA && s->a[i]; i++)
		answer(r, &a, s->a[i]);
	sa_result_set_start_date(res, sa_date_from_ymd(2026, 1, 15));
	sa_evaluate(r, &a, res);
	sa_answers_release(&a);
}

/* The diff of two sides, into d (initialized by the caller). */
static void diff_of(const sa_rules *r, const struct side *x, const struct side *y,
		    struct sa_diff *d)
{
	struct sa_result a, b;
	sa_result_init(&a, r);
	sa_result_init(&b, r);
	eval_side(r, x, &a);
	eval_side(r, y, &b);
	assert_int_equal(sa_diff_compute(r, &a, &b, d), SA_OK);
	sa_result_release(&a);
	sa_result_release(&b);
}

/* The entry of kind k about report and target; a failure when there is none. */
static const struct sa_diff_entry *find(const struct sa_diff *d, enum sa_diff_kind k, int report,
					int target)
{
	static const struct sa_diff_entry none;
	size_t i;
	for (i = 0; i < d->n; i++)
		if (d->entries[i].kind == k && d->entries[i].report == report &&
		    d->entries[i].target == target)
			return &d->entries[i];
	fail_msg("no %s entry for report %d, target %d", sa_diff_kind_id(k), report, target);
	return &none;
}

static int names_rule(const sa_rules *r, const struct sa_diff *d, const struct sa_diff_entry *e,
		      const char *id)
{
	size_t i;
	for (i = 0; i < e->nrules; i++)
		if (strcmp(sa_rule_id(r, d->rules[e->first_rule + i]), id) == 0)
			return 1;
	return 0;
}

static const struct side payroll_yes = { { "payroll=yes", "auditor_reliance=yes",
					   "customer_data=no", "hosting=no", NULL } };
static const struct side payroll_no = { { "payroll=no", "auditor_reliance=yes",
					  "customer_data=no", "hosting=no", NULL } };

static void test_same(void **state)
{
	sa_rules *r = load_default();
	struct sa_diff d;
	(void)state;
	sa_diff_init(&d);
	diff_of(r, &payroll_yes, &payroll_yes, &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(d.scope_changed, 0);
	sa_diff_release(&d);
	sa_rules_free(r);
}

static void test_scope_change(void **state)
{
	sa_rules *r = load_default();
	struct sa_diff d;
	const struct sa_diff_entry *e;
	(void)state;
	sa_diff_init(&d);
	diff_of(r, &payroll_yes, &payroll_no, &d);
	assert_int_equal(d.scope_changed, 1);
	/* the answer first */
	assert_int_equal(d.entries[0].kind, SA_DIFF_ANSWER);
	assert_string_equal(sa_question_id(r, (size_t)d.entries[0].target), "payroll");
	assert_string_equal(d.entries[0].old_value, "true");
	assert_string_equal(d.entries[0].new_value, "false");
	assert_int_equal(d.entries[0].nrules, 0);
	/* SOC 1 is no longer recommended, because of the rule that needed payroll */
	e = find(&d, SA_DIFF_REPORT, SA_REPORT_SOC1, -1);
	assert_int_equal(e->change, SA_DIFF_CHANGED);
	assert_string_equal(e->old_value, "recommended");
	assert_string_equal(e->new_value, "possible");
	assert_true(e->scope);
	assert_true(names_rule(r, &d, e, "soc1.financial-service"));
	sa_diff_release(&d);
	sa_rules_free(r);
}

static void test_advice_only(void **state)
{
	static const struct side before = { { "hosting=yes", "customer_data=yes",
					      "controls_months=2", NULL } };
	static const struct side after = { { "hosting=yes", "customer_data=yes",
					     "controls_months=6", "evidence_retained=yes", NULL } };
	sa_rules *r = load_default();
	struct sa_diff d;
	size_t i;
	int advice = 0;
	(void)state;
	sa_diff_init(&d);
	diff_of(r, &before, &after, &d);
	assert_int_equal(d.scope_changed, 0);
	for (i = 0; i < d.n; i++) {
		assert_false(d.entries[i].scope);
		if (d.entries[i].kind == SA_DIFF_ADVICE) {
			advice++;
			assert_int_equal(d.entries[i].change, SA_DIFF_REMOVED);
			assert_string_equal(sa_item_id(r, SA_ITEM_ADVICE,
						       (size_t)d.entries[i].target),
					    "type2_deadline_risk");
			assert_string_equal(d.entries[i].new_value, "");
			assert_int_not_equal(d.entries[i].nrules, 0);
		}
	}
	assert_int_equal(advice, 1);
	sa_diff_release(&d);
	sa_rules_free(r);
}

/* A first SOC 2 due in 3 months: a Type 1 with 2 months of controls, a Type 2 with 6 and the
 * evidence kept. The type changes with its rule, and the plan's dates with it. */
static void test_plan(void **state)
{
	/* no SOC 1 (its questions answered no), so the SOC 2's own roadmap decides its type */
	static const struct side before = { { "hosting=yes", "customer_data=yes", "payroll=no",
					      "billing=no", "financial_processing=no",
					      "financial_systems_hosted=no", "first_report=yes",
					      "type2_required=no", "deadline_months=3",
					      "controls_months=2", NULL } };
	static const struct side after = { { "hosting=yes", "customer_data=yes", "payroll=no",
					     "billing=no", "financial_processing=no",
					     "financial_systems_hosted=no", "first_report=yes",
					     "type2_required=no", "deadline_months=3",
					     "controls_months=6", "evidence_retained=yes", NULL } };
	sa_rules *r = load_default();
	struct sa_diff d;
	const struct sa_diff_entry *e;
	(void)state;
	sa_diff_init(&d);
	diff_of(r, &before, &after, &d);
	assert_int_equal(d.scope_changed, 1);
	e = find(&d, SA_DIFF_TYPE, SA_REPORT_SOC2, -1);
	assert_string_equal(e->old_value, "type1");
	assert_string_equal(e->new_value, "type2 (3 months)");
	assert_true(names_rule(r, &d, e, "soc2.type.controls-operating"));
	/* the readiness milestone goes; the Type 2 period moves back over the retained months */
	e = find(&d, SA_DIFF_MILESTONE, SA_REPORT_SOC2, SA_MS_READINESS);
	assert_int_equal(e->change, SA_DIFF_REMOVED);
	e = find(&d, SA_DIFF_MILESTONE, SA_REPORT_SOC2, SA_MS_TYPE2_PERIOD);
	assert_int_equal(e->change, SA_DIFF_CHANGED);
	assert_string_equal(e->new_value, "2025-10-15..2026-01-14");
	assert_false(e->scope);
	sa_diff_release(&d);
	sa_rules_free(r);
}

/* Nonzero when d has the mirror image of e: the same thing, old and new swapped. */
static int mirrored(const struct sa_diff *d, const struct sa_diff_entry *e)
{
	size_t i;
	for (i = 0; i < d->n; i++) {
		const struct sa_diff_entry *f = &d->entries[i];
		if (f->kind == e->kind && f->report == e->report && f->target == e->target &&
		    f->milestone_type == e->milestone_type &&
		    strcmp(e->old_value, f->new_value) == 0 &&
		    strcmp(e->new_value, f->old_value) == 0 && e->nrules == f->nrules)
			return 1;
	}
	return 0;
}

/* Properties over pairs of profiles. */
static void test_properties(void **state)
{
	static const struct side sides[] = {
		{ { NULL } },
		{ { "payroll=yes", NULL } },
		{ { "hosting=yes", "customer_data=yes", "uptime_commitments=yes", NULL } },
		{ { "role=customer", "payroll=yes", "auditor_reliance=yes", "gap_months=3", NULL } },
		{ { "hosting=yes", "customer_data=yes", "confidential_data=yes", "first_report=yes",
		    "controls_months=4", "deadline_months=3", "type2_required=no", NULL } },
		{ { "products=yes", "board_cyber_assurance=yes", "service_org=no", NULL } },
	};
	const size_t n = sizeof(sides) / sizeof(sides[0]);
	sa_rules *r = load_default();
	struct sa_result res[sizeof(sides) / sizeof(sides[0])];
	size_t i, j, k, m;
	(void)state;
	for (i = 0; i < n; i++) {
		sa_result_init(&res[i], r);
		eval_side(r, &sides[i], &res[i]);
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			struct sa_diff ab, ba;
			sa_diff_init(&ab);
			sa_diff_init(&ba);
			assert_int_equal(sa_diff_compute(r, &res[i], &res[j], &ab), SA_OK);
			assert_int_equal(sa_diff_compute(r, &res[j], &res[i], &ba), SA_OK);
			if (i == j && ab.n)
				fail_msg("profile %zu against itself: %zu entries", i, ab.n);
			if (ab.n != ba.n || ab.scope_changed != ba.scope_changed)
				fail_msg("profiles %zu, %zu: %zu entries one way, %zu the other", i, j,
					 ab.n, ba.n);
			for (k = 0; k < ab.n; k++) {
				const struct sa_diff_entry *e = &ab.entries[k];
				if (!mirrored(&ba, e))
					fail_msg("profiles %zu, %zu: entry %zu is not mirrored", i, j, k);
				for (m = 0; m < e->nrules; m++) {
					size_t rule = ab.rules[e->first_rule + m];
					if (res[i].rule_tv[rule] == res[j].rule_tv[rule])
						fail_msg("profiles %zu, %zu: rule %s has the same value",
							 i, j, sa_rule_id(r, rule));
				}
				if (e->scope && !ab.scope_changed)
					fail_msg("profiles %zu, %zu: a scope entry, scope unchanged", i, j);
			}
			sa_diff_release(&ab);
			sa_diff_release(&ba);
		}
	for (i = 0; i < n; i++)
		sa_result_release(&res[i]);
	sa_rules_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same),
		cmocka_unit_test(test_scope_change),
		cmocka_unit_test(test_advice_only),
		cmocka_unit_test(test_plan),
		cmocka_unit_test(test_properties),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
