/*
 * util.c - unit tests of the shared helpers: sa_mark_pos, the one conversion of libyaml's
 * 0-based marks to the 1-based positions of diagnostics, and the id helpers.
 */
#include "support.h"

#include "internal.h"

#include <limits.h>

static void test_mark_pos(void **state)
{
	static const struct {
		size_t line0, col0;
		unsigned line, col;
	} cases[] = {
		{ 0, 0, 1, 1 },
		{ 11, 4, 12, 5 },
		{ (size_t)UINT_MAX - 1, 0, UINT_MAX, 1 },
		{ (size_t)UINT_MAX, 7, UINT_MAX, 8 },     /* saturates, never wraps to 0 */
		{ SIZE_MAX, SIZE_MAX, UINT_MAX, UINT_MAX },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sa_pos p = sa_mark_pos(cases[i].line0, cases[i].col0);
		if (p.line != cases[i].line || p.col != cases[i].col)
			fail_msg("mark %zu:%zu gave %u:%u, expected %u:%u", cases[i].line0,
				 cases[i].col0, p.line, p.col, cases[i].line, cases[i].col);
	}
}

static void test_mark_pos_in_diagnostics(void **state)
{
	/* the ':' of "  x:" stands at line 2, column 4 of the file (libyaml's mark: 1, 3) */
	struct sa_diags d;
	sa_rules *r;
	(void)state;
	sa_diags_init(&d);
	r = load_text("format: 1\n  x: [\n", &d);
	assert_null(r);
	assert_true(d.len >= 1);
	assert_string_equal(d.items[0].code, "yaml-syntax");
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].col, 4);
	sa_diags_release(&d);
}

static void test_id_helpers(void **state)
{
	(void)state;
	assert_true(sa_id_equal("soc_for-x", "soc-for_x"));
	assert_false(sa_id_equal("soc", "soc2"));
	assert_int_equal(sa_edit_distance("payrol", "payroll"), 1);
	assert_int_equal(sa_edit_distance("a-b", "a_b"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mark_pos),
		cmocka_unit_test(test_mark_pos_in_diagnostics),
		cmocka_unit_test(test_id_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
