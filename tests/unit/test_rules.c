/*
 * rules.c - unit tests of the rules loader: a valid file loads; every class of error is reported
 * with its line and column; all problems come in one run; the default rules load.
 */
#include "support.h"

#define HEAD                                                                                      \
	"format: 1\n"                                                                             \
	"name: t\n"                                                                               \
	"version: '1'\n"                                                                          \
	"sources:\n"                                                                              \
	"  - {id: s1, title: A source}\n"

#define QUESTIONS                                                                                 \
	"questions:\n"                                                                            \
	"  - {id: payroll, type: bool, prompt: P?}\n"                                             \
	"  - {id: role, type: enum, choices: [provider, customer], default: provider, prompt: R?}\n" \
	"  - {id: months, type: int, min: 0, max: 24, prompt: M?}\n"

static const char valid[] = HEAD QUESTIONS
	"facts:\n"
	"  - {id: fin, when: {any: [payroll, {months: {ge: 3}}]}}\n"
	"  - {id: fin2, when: {all: [fin, {role: provider}]}}\n"
	"advice:\n"
	"  - {id: tip, text: A tip, criteria_ids: [CC6.1, P8.1]}\n"
	"rules:\n"
	"  - {id: r1, when: fin2, recommend: soc1, because: B, sources: [s1]}\n"
	"  - {id: r2, when: {not: payroll}, advice: tip, because: B, sources: [s1]}\n"
	"  - {id: r3, type: {report: soc1, type: type2, observation_months: 12}, because: B, sources: [s1]}\n";

static void test_valid_loads(void **state)
{
	sa_rules *r = load_ok(valid);
	(void)state;
	assert_string_equal(sa_rules_name(r), "t");
	assert_int_equal(sa_rules_question_count(r), 3);
	assert_int_equal(sa_rules_question_find(r, "role"), 1);
	assert_int_equal(sa_question_type(r, 1), SA_Q_ENUM);
	assert_int_equal(sa_rules_rule_count(r), 3);
	assert_int_equal(sa_item_criteria_count(r, SA_ITEM_ADVICE, 0), 2);
	assert_string_equal(sa_rules_disclaimer(r), SA_DEFAULT_DISCLAIMER);
	sa_rules_free(r);
	/* a rules file words its own disclaimer */
	r = load_ok(HEAD QUESTIONS "disclaimer: Not advice.\nrules: []\n");
	assert_string_equal(sa_rules_disclaimer(r), "Not advice.");
	sa_rules_free(r);
}

struct bad_case {
	const char *name;
	const char *text;
	const char *code;
	unsigned line, col;
	const char *message; /* a substring of the message */
};

static const struct bad_case bad[] = {
	{ "yaml syntax", HEAD "questions: [\n", "yaml-syntax", 7, 1, "did not find expected" },
	{ "unknown top key", HEAD QUESTIONS "rulez: []\nrules: []\n", "unknown-key", 10, 1,
	  "unknown key 'rulez' in the rules file" },
	{ "unknown rule key", HEAD QUESTIONS
	  "rules:\n  - {id: r1, recommend: soc1, because: B, sources: [s1], scop: x}\n",
	  "unknown-key", 11, 58, "unknown key 'scop' in rule 'r1'" },
	{ "duplicate yaml key", HEAD QUESTIONS
	  "rules:\n  - {id: r1, recommend: soc1, because: B, because: C, sources: [s1]}\n",
	  "duplicate-key", 11, 43, "duplicate key 'because'" },
	{ "wrong type", HEAD QUESTIONS "rules: {}\n", "wrong-type", 10, 8,
	  "'rules' must be a list" },
	{ "bad question type", HEAD "questions:\n  - {id: q, type: boolean, prompt: Q?}\nrules: []\n",
	  "bad-value", 7, 19, "must be bool, enum or int" },
	{ "duplicate id", HEAD QUESTIONS "  - {id: payroll, type: bool, prompt: P?}\nrules: []\n",
	  "duplicate-id", 10, 10, "duplicate id 'payroll'" },
	{ "undefined question", HEAD QUESTIONS
	  "rules:\n  - {id: r1, when: payrol, recommend: soc1, because: B, sources: [s1]}\n",
	  "undefined-reference", 11, 20, "undefined question or fact 'payrol' (did you mean 'payroll'?)" },
	{ "undefined source", HEAD QUESTIONS
	  "rules:\n  - {id: r1, recommend: soc1, because: B, sources: [s2]}\n",
	  "undefined-reference", 11, 53, "undefined source 's2' (did you mean 's1'?)" },
	{ "undefined advice", HEAD QUESTIONS
	  "rules:\n  - {id: r1, advice: nope, because: B, sources: [s1]}\n",
	  "undefined-reference", 11, 22, "undefined advice item 'nope'" },
	{ "enum value not a choice", HEAD QUESTIONS
	  "rules:\n  - {id: r1, when: {role: vendor}, recommend: soc1, because: B, sources: [s1]}\n",
	  "bad-value", 11, 27, "'vendor' is not a choice of question 'role' (choices: provider, customer)" },
	{ "int out of range", HEAD QUESTIONS
	  "rules:\n  - {id: r1, when: {months: {gt: 99}}, recommend: soc1, because: B, sources: [s1]}\n",
	  "bad-value", 11, 34, "99 is outside the range 0..24" },
	{ "cycle", HEAD QUESTIONS
	  "facts:\n  - {id: a, when: b}\n  - {id: b, when: {all: [payroll, a]}}\n"
	  "rules: []\n",
	  "cycle", 11, 19, "cycle among derived facts: a -> b -> a" },
	{ "missing outcome", HEAD QUESTIONS "rules:\n  - {id: r1, because: B, sources: [s1]}\n",
	  "missing-outcome", 11, 5, "rule 'r1' has no outcome" },
	{ "two outcomes", HEAD QUESTIONS
	  "rules:\n  - {id: r1, recommend: soc1, advice: x, because: B, sources: [s1]}\n",
	  "several-outcomes", 11, 39, "more than one outcome" },
	{ "unknown criterion", HEAD QUESTIONS
	  "advice:\n  - {id: a, text: T, criteria_ids: [P1.2]}\nrules: []\n", "unknown-criterion", 11,
	  37, "'P1.2' is not a criterion" },
	{ "bool compared with a word", HEAD QUESTIONS
	  "rules:\n  - {id: r1, when: {payroll: maybe}, recommend: soc1, because: B, sources: [s1]}\n",
	  "wrong-type", 11, 30, "question 'payroll' is a bool" },
	{ "enum used as a bool", HEAD QUESTIONS
	  "rules:\n  - {id: r1, when: role, recommend: soc1, because: B, sources: [s1]}\n",
	  "wrong-type", 11, 20, "question 'role' is not a bool" },
	{ "wrong format", "format: 2\nname: t\nversion: '1'\nsources: []\nquestions: []\nrules: []\n",
	  "bad-value", 1, 9, "unsupported format '2'" },
	{ "missing because", HEAD QUESTIONS "rules:\n  - {id: r1, recommend: soc1, sources: [s1]}\n",
	  "missing-key", 11, 5, "rule 'r1' has no 'because'" },
	{ "criteria on soc1", HEAD QUESTIONS
	  "rules:\n  - {id: r1, criteria: {report: soc1, category: privacy}, because: B, sources: [s1]}\n",
	  "bad-value", 11, 33, "criteria categories apply to soc2 and soc3 only" },
	{ "empty file", "", "empty", 1, 1, "the rules file is empty" },
	{ "bad basis", HEAD QUESTIONS
	  "rules:\n  - {id: r1, criteria: {report: soc2, category: privacy, basis: maybe}, because: B, sources: [s1]}\n",
	  "bad-value", 11, 65, "'basis' in 'criteria' of rule 'r1' must be required or consider" },
	{ "security only considered", HEAD QUESTIONS
	  "rules:\n  - {id: r1, criteria: {report: soc2, category: security, basis: consider}, because: B, sources: [s1]}\n",
	  "bad-value", 11, 66, "its 'basis' cannot be consider" },
	{ "disclaimer on two lines", HEAD QUESTIONS "disclaimer: \"two\\nlines\"\nrules: []\n",
	  "bad-value", 10, 13, "'disclaimer' must be one line" },
	{ "security has no basis", HEAD QUESTIONS
	  "rules: []\ninvariants:\n  - {id: i1, description: D, require: {required_category: {soc2: security}}}\n",
	  "bad-value", 12, 66, "security is part of every report and has no basis" },
	{ "answer atom names no question", HEAD QUESTIONS
	  "rules: []\ninvariants:\n  - {id: i1, description: D, require: {answer: {payrol: true}}}\n",
	  "undefined-reference", 12, 49, "'payrol'" },
	{ "empty disclaimer", HEAD QUESTIONS "disclaimer: \"\"\nrules: []\n",
	  "wrong-type", 10, 13, "'disclaimer' must be a non-empty string" },
};

static void test_bad_files(void **state)
{
	size_t i, k;
	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct sa_diags d;
		sa_rules *r;
		int found = 0;
		sa_diags_init(&d);
		r = load_text(bad[i].text, &d);
		if (r)
			fail_msg("case '%s': loaded a bad file", bad[i].name);
		for (k = 0; k < d.len; k++)
			if (strcmp(d.items[k].code, bad[i].code) == 0 && d.items[k].line == bad[i].line &&
			    d.items[k].col == bad[i].col && strstr(d.items[k].message, bad[i].message))
				found = 1;
		if (!found) {
			for (k = 0; k < d.len; k++)
				print_error("  got %s:%u:%u [%s] %s\n", d.items[k].file, d.items[k].line,
					    d.items[k].col, d.items[k].code, d.items[k].message);
			fail_msg("case '%s': expected t.yaml:%u:%u [%s] containing \"%s\"", bad[i].name,
				 bad[i].line, bad[i].col, bad[i].code, bad[i].message);
		}
		sa_diags_release(&d);
	}
}

static void test_reserved_names_from_options(void **state)
{
	static const char *const reserved[] = { "help", "format", "no-color", NULL };
	struct sa_load_opts o = { reserved };
	const char *text = HEAD "questions:\n  - {id: color, type: bool, prompt: C?}\n"
			   "  - {id: format, type: bool, prompt: F?}\nrules: []\n";
	struct sa_diags d;
	sa_rules *r = NULL;
	(void)state;
	sa_diags_init(&d);
	assert_int_equal(sa_rules_load_buffer("t.yaml", text, strlen(text), &o, &r, &d),
			 SA_ERR_RULES);
	assert_null(r);
	assert_int_equal(d.errors, 2);
	assert_int_equal(d.items[0].line, 7);
	assert_int_equal(d.items[0].col, 10);
	assert_non_null(strstr(d.items[0].message, "'--no-color'"));
	assert_int_equal(d.items[1].line, 8);
	assert_non_null(strstr(d.items[1].message, "clashes with the built-in option '--format'"));
	sa_diags_release(&d);
}

static void test_all_problems_in_one_run(void **state)
{
	const char *text = HEAD QUESTIONS
		"rules:\n"
		"  - {id: r1, when: nope, recommend: soc9, because: B, sources: [zz]}\n"
		"  - {id: r1, recommend: soc1, because: B, sources: [s1], extra: 1}\n";
	struct sa_diags d;
	size_t k;
	(void)state;
	sa_diags_init(&d);
	assert_null(load_text(text, &d));
	assert_true(d.errors >= 5);
	/* sorted by position */
	for (k = 1; k < d.len; k++)
		assert_true(d.items[k - 1].line < d.items[k].line ||
			    (d.items[k - 1].line == d.items[k].line &&
			     d.items[k - 1].col <= d.items[k].col));
	sa_diags_release(&d);
}

static void test_default_rules_load(void **state)
{
	sa_rules *r = load_default();
	size_t i;
	(void)state;
	/* the public question vocabulary is a contract */
	static const char *const ids[] = {
		"role", "service_org", "payroll", "billing", "financial_processing",
		"auditor_reliance", "customer_data", "hosting", "security_reviews",
		"uptime_commitments", "processing_reliance", "confidential_data", "personal_info",
		"privacy_commitments", "health_info", "government_customers", "public_report",
		"first_report", "controls_months", "deadline_months", "type2_required", "gap_months",
		"subservice", "subservice_soc_reports", "subservice_dominant",
		"board_cyber_assurance", "products", "payment_cards", "government",
		"international_customers", "student_or_child_data"
	};
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (sa_rules_question_find(r, ids[i]) < 0)
			fail_msg("question '%s' missing from the default rules", ids[i]);
	/* every rule cites at least one source */
	for (i = 0; i < sa_rules_rule_count(r); i++)
		assert_true(sa_rule_source_count(r, i) >= 1);
	sa_rules_free(r);
}

static void test_tsc_catalogue(void **state)
{
	size_t i, per[SA_CAT_COUNT] = { 0 };
	(void)state;
	assert_int_equal(sa_tsc_count(), 61);
	for (i = 0; i < sa_tsc_count(); i++)
		per[sa_tsc_get(i)->category]++;
	assert_int_equal(per[SA_CAT_SECURITY], 33);
	assert_int_equal(per[SA_CAT_AVAILABILITY], 3);
	assert_int_equal(per[SA_CAT_PROCESSING_INTEGRITY], 5);
	assert_int_equal(per[SA_CAT_CONFIDENTIALITY], 2);
	assert_int_equal(per[SA_CAT_PRIVACY], 18);
	assert_non_null(sa_tsc_find("CC9.2"));
	assert_null(sa_tsc_find("CC9.9"));
	assert_null(sa_tsc_find("P1.2"));
	assert_null(sa_tsc_find("PP1.1"));
}

static void test_missing_file(void **state)
{
	struct sa_diags d;
	sa_rules *r = NULL;
	(void)state;
	sa_diags_init(&d);
	assert_int_equal(sa_rules_load_file("/nonexistent/rules.yaml", NULL, &r, &d), SA_ERR_IO);
	assert_null(r);
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.items[0].message, "cannot open"));
	sa_diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_loads),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_reserved_names_from_options),
		cmocka_unit_test(test_all_problems_in_one_run),
		cmocka_unit_test(test_default_rules_load),
		cmocka_unit_test(test_tsc_catalogue),
		cmocka_unit_test(test_missing_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
