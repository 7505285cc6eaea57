/*
 * fuzz_rules.c - fuzz target: a rules file.
 *
 * The input is a rules file. It is loaded as the command loads one (with the reserved option
 * names), then linted as --check does and, when it loads, evaluated for a few answer sets (none,
 * every question at its lowest value, every question at its highest, a mix chosen by the input's
 * size), each rendered in every format, explained, and walked through the interview engine.
 * Invariants are verified as --verify does when the rules have few questions (the search is
 * exponential in their number).
 */
#include "fuzz_common.h"

/* The names the command reserves for its options (a subset is enough to reach the check). */
static const char *const reserved[] = { "help", "version", "format", "rules", "answers", "batch",
					"explain", "check", "verify", NULL };

/* Set every question of a: 0 its lowest value, 1 its highest, 2 a mix picked by seed. */
static void fill(const sa_rules *r, struct sa_answers *a, int how, size_t seed)
{
	size_t q, nq = sa_rules_question_count(r);
	char msg[256];
	for (q = 0; q < nq; q++) {
		int32_t min = 0, max = 1, v;
		int pick = how == 2 ? (int)((seed + q * 7) % 3) : how;
		switch (sa_question_type(r, q)) {
		case SA_Q_BOOL:
			min = 0;
			max = 1;
			break;
		case SA_Q_ENUM:
			min = 0;
			max = (int32_t)sa_question_choice_count(r, q) - 1;
			break;
		case SA_Q_INT:
			sa_question_range(r, q, &min, &max);
			break;
		}
		if (pick == 2) /* leave it unanswered */
			continue;
		v = pick == 0 ? min : max;
		(void)sa_answers_set(a, r, q, v, msg, sizeof(msg));
	}
}

static void check(const sa_rules *r)
{
	struct sa_diags d;
	sa_diags_init(&d);
	(void)sa_rules_check(r, "fuzz.yaml", &d);
	sa_diags_sort(&d);
	fuzz_diags_json("fuzz.yaml", &d);
	sa_diags_release(&d);
}

static void verify(const sa_rules *r)
{
	size_t i, n = sa_rules_invariant_count(r);
	if (sa_rules_question_count(r) > 6)
		return;
	for (i = 0; i < n; i++) {
		struct sa_verify_result v;
		unsigned line, col;
		(void)sa_invariant_id(r, i);
		(void)sa_invariant_description(r, i);
		(void)sa_invariant_scope(r, i);
		sa_invariant_position(r, i, &line, &col);
		if (sa_verify_result_init(&v, r) != SA_OK)
			continue;
		(void)sa_verify_invariant(r, i, &v);
		if (!v.holds)
			fuzz_evaluate_render(r, &v.counterexample);
		sa_verify_result_release(&v);
	}
}

/* Every accessor the renderers and --list-questions use. */
static void accessors(const sa_rules *r)
{
	size_t i, j, n = sa_rules_question_count(r);
	char buf[SA_VALUE_SIZE];
	struct fuzz_mem m;
	int rc;
	(void)sa_rules_name(r);
	(void)sa_rules_version(r);
	for (i = 0; i < n; i++) {
		int32_t min, max, def;
		(void)sa_question_id(r, i);
		(void)sa_question_prompt(r, i);
		(void)sa_question_help(r, i);
		for (j = 0; j < sa_question_choice_count(r, i); j++)
			(void)sa_question_choice(r, i, j);
		sa_question_range(r, i, &min, &max);
		if (sa_question_default(r, i, &def))
			(void)sa_question_format_value(r, i, def, buf, sizeof(buf));
		(void)sa_question_format_value(r, i, min, buf, sizeof(buf));
		(void)sa_question_format_value(r, i, max, buf, sizeof(buf));
		if (sa_rules_question_find(r, sa_question_id(r, i)) < 0)
			fuzz_fail("a question is not found by its own id", NULL, 0);
	}
	(void)sa_rules_suggest_question(r, "hostng");
	rc = sa_write_questions_json(fuzz_mem_begin(&m), r, 1);
	fuzz_mem_end(&m);
	if (rc == SA_OK)
		fuzz_expect_inert("sa_write_questions_json wrote a raw control byte", m.text, m.len);
	free(m.text);
	rc = sa_write_questions_yaml(fuzz_mem_begin(&m), r);
	fuzz_mem_end(&m);
	if (rc == SA_OK)
		fuzz_expect_inert("sa_write_questions_yaml wrote a raw control byte", m.text, m.len);
	free(m.text);
	rc = sa_write_questions_markdown(fuzz_mem_begin(&m), r);
	fuzz_mem_end(&m);
	if (rc == SA_OK)
		fuzz_expect_inert("sa_write_questions_markdown wrote a raw control byte", m.text,
				  m.len);
	free(m.text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sa_load_opts opts = { reserved };
	struct sa_diags d;
	sa_rules *r = NULL;
	int rc, how;

	sa_diags_init(&d);
	rc = sa_rules_load_buffer("fuzz.yaml", (const char *)data, size, &opts, &r, &d);
	if (rc != SA_OK) {
		if (r)
			fuzz_fail("a failed load returned rules", NULL, 0);
		if (rc == SA_ERR_RULES && d.errors == 0)
			fuzz_fail("a rules error without an error diagnostic", NULL, 0);
		sa_diags_sort(&d);
		fuzz_diags_json("fuzz.yaml", &d);
		sa_diags_release(&d);
		return 0;
	}
	sa_diags_release(&d);

	check(r);
	accessors(r);
	for (how = -1; how <= 2; how++) {
		struct sa_answers a;
		if (sa_answers_init(&a, r) != SA_OK)
			break;
		if (how >= 0)
			fill(r, &a, how, size);
		fuzz_evaluate_render(r, &a);
		if (how <= 0)
			fuzz_interview(r, &a);
		sa_answers_release(&a);
	}
	verify(r);
	sa_rules_free(r);
	return 0;
}
