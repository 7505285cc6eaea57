/*
 * answers_json.c - unit tests of the JSON Lines helpers of the answers reader: the line check
 * batch mode makes before reading a line, and the "id" it echoes.
 */
#include "support.h"

static const struct {
	const char *line;
	int status;
	const char *code; /* the diagnostic, when status is not SA_OK */
	unsigned col;
} check_cases[] = {
	{ "{\"payroll\": true}", SA_OK, NULL, 0 },
	{ "  [1]", SA_OK, NULL, 0 },           /* a list is the reader's to reject */
	{ "\xff", SA_OK, NULL, 0 },            /* so is invalid UTF-8, with its position */
	{ "", SA_ERR_INPUT, "blank-line", 1 },
	{ " \t ", SA_ERR_INPUT, "blank-line", 1 },
	{ "  42", SA_ERR_INPUT, "wrong-type", 3 },
	{ "\"text\"", SA_ERR_INPUT, "wrong-type", 1 },
	{ "null", SA_ERR_INPUT, "wrong-type", 1 },
	{ "payroll: true", SA_ERR_INPUT, "json-syntax", 1 },
};

static void test_line_check(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(check_cases) / sizeof(check_cases[0]); i++) {
		struct sa_diags d;
		const char *l = check_cases[i].line;
		int st;
		sa_diags_init(&d);
		st = sa_answers_json_line_check("in", 7, l, strlen(l), &d);
		if (st != check_cases[i].status)
			fail_msg("line '%s': status %d, expected %d", l, st, check_cases[i].status);
		if (check_cases[i].code) {
			if (d.len != 1 || strcmp(d.items[0].code, check_cases[i].code) != 0 ||
			    d.items[0].line != 7 || d.items[0].col != check_cases[i].col)
				fail_msg("line '%s': expected %s at 7:%u", l, check_cases[i].code,
					 check_cases[i].col);
		} else if (d.len) {
			fail_msg("line '%s': unexpected diagnostic %s", l, d.items[0].code);
		}
		sa_diags_release(&d);
	}
}

static const struct {
	const char *line;
	int status;
	const char *id; /* the id's JSON text; "" for none */
} id_cases[] = {
	{ "{\"id\": \"a-1\", \"payroll\": true}", SA_OK, "\"a-1\"" },
	{ "{\"payroll\": true, \"id\": 12}", SA_OK, "12" },
	{ "{\"x\": {\"id\": 3}, \"id\": -1.5e3}", SA_OK, "-1.5e3" }, /* top level only */
	{ "{\"id\": \"with \\\" quote\"}", SA_OK, "\"with \\\" quote\"" },
	{ "{\"payroll\": true}", SA_OK, "" },
	{ "{\"id\": true}", SA_OK, "" }, /* not a string or number: no id */
	{ "{\"id\": 01}", SA_ERR_INPUT, "" },
	{ "{\"id\": 1.}", SA_ERR_INPUT, "" },
	{ "{\"id\": \"0123456789abcdef\"}", SA_ERR_INPUT, "" }, /* longer than max */
};

static void test_id(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(id_cases) / sizeof(id_cases[0]); i++) {
		struct sa_diags d;
		const char *l = id_cases[i].line;
		char id[17];
		size_t idlen = 99;
		int st;
		sa_diags_init(&d);
		st = sa_answers_json_id("in", 3, l, strlen(l), id, sizeof(id) - 1, &idlen, &d);
		if (st != id_cases[i].status)
			fail_msg("line '%s': status %d, expected %d", l, st, id_cases[i].status);
		if (st == SA_OK) {
			if (idlen != strlen(id_cases[i].id) ||
			    (idlen && strcmp(id, id_cases[i].id) != 0))
				fail_msg("line '%s': id '%.*s', expected '%s'", l, (int)idlen, id,
					 id_cases[i].id);
			assert_int_equal(d.len, 0);
		} else {
			assert_int_equal(idlen, 0);
			assert_int_equal(d.len, 1);
			assert_string_equal(d.items[0].code, "bad-id");
			assert_int_equal(d.items[0].line, 3);
		}
		sa_diags_release(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_check),
		cmocka_unit_test(test_id),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
