/*
 * answers.c - unit tests of answers: parsing values, contradictions, answers documents in JSON
 * and YAML with their error positions, and the one-line JSON written back.
 */
#include "support.h"

struct fixture {
	sa_rules *r;
	struct sa_answers a;
	struct sa_diags d;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->r = load_default();
	sa_answers_init(&f->a, f->r);
	sa_diags_init(&f->d);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	sa_diags_release(&f->d);
	sa_answers_release(&f->a);
	sa_rules_free(f->r);
	free(f);
	return 0;
}

static int q(const struct fixture *f, const char *id)
{
	int i = sa_rules_question_find(f->r, id);
	assert_true(i >= 0);
	return i;
}

struct parse_case {
	const char *question, *text;
	int ok;
	int32_t value;
	const char *message;
};

static void test_parse_values(void **state)
{
	struct fixture *f = *state;
	static const struct parse_case cases[] = {
		{ "payroll", "true", 1, 1, NULL },
		{ "payroll", "YES", 1, 1, NULL },
		{ "payroll", "n", 1, 0, NULL },
		{ "payroll", "0", 1, 0, NULL },
		{ "payroll", "maybe", 0, 0, "'maybe' is not a valid answer to 'payroll' (expected true or false)" },
		{ "role", "customer", 1, 1, NULL },
		{ "role", "vendor", 0, 0, "'vendor' is not a choice of 'role' (choices: provider, customer)" },
		{ "role", "Customer", 1, 1, NULL },
		{ "role", "PROVIDER", 1, 0, NULL },
		{ "role", "custmer", 0, 0, "'custmer' is not a choice of 'role' (did you mean 'customer'? choices: provider, customer)" },
		{ "controls_months", "12", 1, 12, NULL },
		{ "controls_months", "121", 0, 0, "121 is out of range for 'controls_months' (allowed: 0 to 120)" },
		{ "controls_months", "-1", 0, 0, "-1 is out of range" },
		{ "controls_months", "3x", 0, 0, "'3x' is not a valid answer to 'controls_months' (expected a whole number from 0 to 120)" },
		{ "controls_months", "", 0, 0, "is not a valid answer" },
		{ "gap_months", "99999999999999", 0, 0, "is not a valid answer" },
	};
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char m[512] = "";
		int32_t v = -99;
		int rc = sa_answer_parse(f->r, (size_t)q(f, cases[i].question), cases[i].text, &v, m,
					 sizeof(m));
		if ((rc == SA_OK) != cases[i].ok)
			fail_msg("%s=%s: expected %s, got %s (%s)", cases[i].question, cases[i].text,
				 cases[i].ok ? "ok" : "error", rc == SA_OK ? "ok" : "error", m);
		if (cases[i].ok && v != cases[i].value)
			fail_msg("%s=%s: value %d, expected %d", cases[i].question, cases[i].text,
				 (int)v, (int)cases[i].value);
		if (!cases[i].ok && !strstr(m, cases[i].message))
			fail_msg("%s=%s: message \"%s\" lacks \"%s\"", cases[i].question, cases[i].text,
				 m, cases[i].message);
	}
}

static void test_contradiction(void **state)
{
	struct fixture *f = *state;
	char m[512];
	size_t p = (size_t)q(f, "payroll");
	assert_int_equal(sa_answers_set(&f->a, f->r, p, 1, m, sizeof(m)), SA_OK);
	assert_int_equal(sa_answers_set(&f->a, f->r, p, 1, m, sizeof(m)), SA_OK);
	assert_int_equal(sa_answers_set(&f->a, f->r, p, 0, m, sizeof(m)), SA_ERR_ANSWER);
	assert_string_equal(m, "'payroll' answered twice with different values (true, then false)");
}

static void test_suggest(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(sa_rules_suggest_question(f->r, "payrol"), "payroll");
	assert_string_equal(sa_rules_suggest_question(f->r, "controls-month"), "controls_months");
	assert_null(sa_rules_suggest_question(f->r, "zzzzzzzzzz"));
	assert_int_equal(sa_rules_question_find(f->r, "auditor-reliance"),
			 sa_rules_question_find(f->r, "auditor_reliance"));
}

static int read_doc(struct fixture *f, const char *text, char *id, size_t idsize)
{
	return sa_answers_read(f->r, "a.json", 0, text, strlen(text), &f->a, id, idsize, &f->d);
}

static void expect_diag(struct fixture *f, unsigned line, unsigned col, const char *message)
{
	size_t i;
	for (i = 0; i < f->d.len; i++)
		if (f->d.items[i].line == line && f->d.items[i].col == col &&
		    strstr(f->d.items[i].message, message))
			return;
	for (i = 0; i < f->d.len; i++)
		print_error("  got %u:%u %s\n", f->d.items[i].line, f->d.items[i].col,
			    f->d.items[i].message);
	fail_msg("expected %u:%u \"%s\"", line, col, message);
}

static void test_json_ok(void **state)
{
	struct fixture *f = *state;
	char id[64];
	assert_int_equal(read_doc(f, "{\"id\": \"acme\", \"payroll\": true, \"role\": \"customer\",\n"
				     " \"controls_months\": 6, \"hosting\": null}",
				  id, sizeof(id)),
			 SA_OK);
	assert_string_equal(id, "acme");
	assert_int_equal(f->a.origin[q(f, "payroll")], SA_ORIGIN_GIVEN);
	assert_int_equal(f->a.value[q(f, "role")], 1);
	assert_int_equal(f->a.value[q(f, "controls_months")], 6);
	/* null: asked and unknown */
	assert_int_equal(f->a.origin[q(f, "hosting")], SA_ORIGIN_UNKNOWN);
	assert_int_equal(f->a.origin[q(f, "public_report")], SA_ORIGIN_NONE);
}

static void test_json_errors(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(read_doc(f, "{\"payroll\": true,\n  \"payroll\": false}", NULL, 0),
			 SA_ERR_INPUT);
	expect_diag(f, 2, 3, "duplicate key 'payroll'");
	sa_diags_release(&f->d);
	assert_int_equal(read_doc(f, "{\"payroll\": tru}", NULL, 0), SA_ERR_INPUT);
	expect_diag(f, 1, 13, "invalid JSON");
	sa_diags_release(&f->d);
	assert_int_equal(read_doc(f, "{\"payrol\": true,\n \"controls_months\": \"6\",\n"
				     " \"gap_months\": 2.5, \"role\": \"vendor\"}",
				  NULL, 0),
			 SA_ERR_INPUT);
	expect_diag(f, 1, 2, "unknown question 'payrol' (did you mean 'payroll'?)");
	expect_diag(f, 2, 2, "'controls_months' expects a whole number, not a string");
	expect_diag(f, 3, 2, "'gap_months' expects a whole number");
	expect_diag(f, 3, 21, "'vendor' is not a choice of 'role'");
	sa_diags_release(&f->d);
	assert_int_equal(read_doc(f, "{\"hosting\": \"yes\"}", NULL, 0), SA_ERR_INPUT);
	expect_diag(f, 1, 2, "'hosting' expects true or false, not a string");
	sa_diags_release(&f->d);
	assert_int_equal(read_doc(f, "[1, 2]", NULL, 0), SA_ERR_INPUT);
	expect_diag(f, 1, 1, "answers must be a JSON object");
	sa_diags_release(&f->d);
	assert_int_equal(read_doc(f, "{\"payroll\": true} {", NULL, 0), SA_ERR_INPUT);
	expect_diag(f, 1, 19, "unexpected text after the object");
	sa_diags_release(&f->d);
	assert_int_equal(read_doc(f, "{\"payroll\": true,\n \"hosting\": \"\xc3\x28\"}", NULL, 0),
			 SA_ERR_INPUT);
	expect_diag(f, 2, 14, "invalid UTF-8 (byte 0xc3)");
}

static void test_utf8(void **state)
{
	(void)state;
	assert_int_equal(sa_utf8_check("abc", 3), 3);
	assert_int_equal(sa_utf8_check("\xc3\xa9t\xc3\xa9", 5), 5);          /* été */
	assert_int_equal(sa_utf8_check("\xe2\x82\xac", 3), 3);               /* euro sign */
	assert_int_equal(sa_utf8_check("\xf0\x9f\x98\x80", 4), 4);           /* emoji */
	assert_int_equal(sa_utf8_check("a\xc0\xaf", 3), 1);                  /* overlong */
	assert_int_equal(sa_utf8_check("a\xed\xa0\x80", 4), 1);              /* surrogate */
	assert_int_equal(sa_utf8_check("ab\xe2\x82", 4), 2);                 /* truncated */
	assert_int_equal(sa_utf8_check("\xff", 1), 0);
}

static void test_yaml(void **state)
{
	struct fixture *f = *state;
	const char *ok = "# answers\npayroll: yes\nrole: customer\ncontrols_months: 3\nhosting: ~\n";
	const char *bad = "payroll: true\npayroll: false\ncontrols_months: \"3\"\nrole: [a]\n";
	assert_int_equal(sa_answers_read(f->r, "a.yaml", 0, ok, strlen(ok), &f->a, NULL, 0, &f->d),
			 SA_OK);
	assert_int_equal(f->a.value[q(f, "payroll")], 1);
	assert_int_equal(f->a.value[q(f, "controls_months")], 3);
	assert_int_equal(f->a.origin[q(f, "hosting")], SA_ORIGIN_UNKNOWN);
	sa_answers_clear(&f->a);
	assert_int_equal(sa_answers_read(f->r, "a.yaml", 0, bad, strlen(bad), &f->a, NULL, 0, &f->d),
			 SA_ERR_INPUT);
	expect_diag(f, 2, 1, "duplicate key 'payroll'");
	expect_diag(f, 3, 18, "'controls_months' expects a whole number, not a quoted string");
	expect_diag(f, 4, 7, "'role' takes a single value, not a list");
}

static void test_line_base(void **state)
{
	struct fixture *f = *state;
	const char *line = "{\"payroll\": 3}";
	assert_int_equal(sa_answers_read(f->r, "<stdin>", 41, line, strlen(line), &f->a, NULL, 0,
					 &f->d),
			 SA_ERR_INPUT);
	expect_diag(f, 42, 2, "'payroll' expects true or false, not 3");
}

static void test_write_roundtrip(void **state)
{
	struct fixture *f = *state;
	struct sa_answers b;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	assert_int_equal(read_doc(f, "{\"gap_months\": 4, \"payroll\": false, \"role\": \"customer\"}",
				  NULL, 0),
			 SA_OK);
	assert_int_equal(sa_answers_write_json(mem, f->r, &f->a), SA_OK);
	fclose(mem);
	/* in question order, defaults never written */
	assert_string_equal(buf, "{\"role\":\"customer\",\"payroll\":false,\"gap_months\":4}\n");
	sa_answers_init(&b, f->r);
	assert_int_equal(sa_answers_read(f->r, "saved", 0, buf, len, &b, NULL, 0, &f->d), SA_OK);
	assert_memory_equal(b.value, f->a.value, f->a.count * sizeof(*b.value));
	assert_memory_equal(b.origin, f->a.origin, f->a.count);
	sa_answers_release(&b);
	free(buf);
}

/* "I don't know": written as null, read back as the same; a real answer conflicts with it. */
static void test_unknown(void **state)
{
	struct fixture *f = *state;
	struct sa_answers b;
	struct sa_result res;
	char *buf = NULL, m[256];
	size_t len = 0, role = q(f, "role");
	FILE *mem = open_memstream(&buf, &len);
	assert_int_equal(read_doc(f, "{\"role\": null, \"payroll\": true}", NULL, 0), SA_OK);
	assert_int_equal(f->a.origin[role], SA_ORIGIN_UNKNOWN);
	assert_int_equal(sa_answers_write_file(mem, f->r, &f->a, NULL, 1), SA_OK);
	fclose(mem);
	assert_non_null(strstr(buf, "role: null\n"));
	sa_answers_init(&b, f->r);
	assert_int_equal(sa_answers_read(f->r, "saved", 0, buf, len, &b, NULL, 0, &f->d), SA_OK);
	assert_int_equal(b.origin[role], SA_ORIGIN_UNKNOWN);
	free(buf);
	/* unknown twice is fine; a value after unknown (or before) is a conflict */
	assert_int_equal(sa_answers_set_unknown(&b, f->r, role, m, sizeof(m)), SA_OK);
	assert_int_equal(sa_answers_set(&b, f->r, role, 1, m, sizeof(m)), SA_ERR_ANSWER);
	assert_non_null(strstr(m, "unknown, then customer"));
	assert_int_equal(sa_answers_set_unknown(&b, f->r, q(f, "payroll"), m, sizeof(m)),
			 SA_ERR_ANSWER);
	assert_non_null(strstr(m, "true, then unknown"));
	/* the engine: unknown, and the default (provider) does not stand in for it */
	assert_int_equal(sa_result_init(&res, f->r), SA_OK);
	sa_evaluate(f->r, &b, &res);
	assert_int_equal(res.answers.origin[role], SA_ORIGIN_NONE);
	assert_true(res.open[role]);
	sa_result_release(&res);
	sa_answers_release(&b);
	assert_true(sa_answer_is_unknown_word("Unknown"));
	assert_false(sa_answer_is_unknown_word("unknow"));
}

/* "meta": kept in order from JSON and YAML, never an answer; problems located. */
struct meta_case {
	const char *doc;
	int st;
	const char *kept;  /* "k=v;k=v;" */
	const char *error; /* "LINE:COL: message" of the first diagnostic */
};

static void test_meta(void **state)
{
	struct fixture *f = *state;
	static const struct meta_case cases[] = {
		{ "{\"meta\": {\"vendor\": \"Acme\", \"owner\": \"it\"}, \"payroll\": true}", SA_OK,
		  "vendor=Acme;owner=it;", NULL },
		{ "meta:\n  vendor: Acme\n  reviewed_at: 2026-01-15\npayroll: true\n", SA_OK,
		  "vendor=Acme;reviewed_at=2026-01-15;", NULL },
		{ "{\"meta\": \"x\"}", SA_ERR_INPUT, "", "1:2: 'meta' must be an object of strings" },
		{ "{\n\"meta\": {\"n\": 1}}", SA_ERR_INPUT, "", "2:1: 'meta' value 'n' must be a string" },
		{ "meta: [a]\n", SA_ERR_INPUT, "", "1:7: 'meta' must be a mapping of strings" },
		{ "meta:\n  a: x\n  a: y\n", SA_ERR_INPUT, "a=x;", "3:3: duplicate key 'a' in 'meta'" },
	};
	size_t i, j;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct meta_case *c = &cases[i];
		struct sa_meta m;
		char kept[256] = "", err[256] = "";
		int st;
		sa_meta_init(&m);
		sa_answers_clear(&f->a);
		st = sa_answers_read_meta(f->r, "t", 0, c->doc, strlen(c->doc), &f->a, NULL, 0, &m,
					  &f->d);
		for (j = 0; j < m.n; j++)
			snprintf(kept + strlen(kept), sizeof(kept) - strlen(kept), "%s=%s;", m.keys[j],
				 m.values[j]);
		if (f->d.len)
			snprintf(err, sizeof(err), "%u:%u: %s", f->d.items[0].line, f->d.items[0].col,
				 f->d.items[0].message);
		if (st != c->st || strcmp(kept, c->kept) != 0 ||
		    strcmp(err, c->error ? c->error : "") != 0) {
			print_error("case %zu [%s]: status %d, kept '%s', error '%s'\n", i, c->doc, st,
				    kept, err);
			fail();
		}
		/* meta is never an answer */
		assert_int_equal(f->a.origin[q(f, "payroll")], c->st == SA_OK ? SA_ORIGIN_GIVEN : 0);
		sa_meta_release(&m);
		sa_diags_release(&f->d);
	}
}

/* --save's forms: pretty JSON and YAML, meta first, both read back to the same answers. */
static void test_write_file(void **state)
{
	struct fixture *f = *state;
	struct sa_meta m, m2;
	int yaml;
	sa_meta_init(&m);
	assert_int_equal(sa_meta_add(&m, "notes", "a \"b\"\n\x01"), SA_OK);
	assert_int_equal(read_doc(f, "{\"gap_months\": 4, \"role\": \"customer\"}", NULL, 0), SA_OK);
	for (yaml = 0; yaml < 2; yaml++) {
		struct sa_answers b;
		char *buf = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&buf, &len);
		assert_int_equal(sa_answers_write_file(mem, f->r, &f->a, &m, yaml), SA_OK);
		fclose(mem);
		assert_string_equal(buf, yaml ? "# socadvise answers (read back with --answers)\n"
						 "meta:\n  notes: \"a \\\"b\\\"\\n\\u0001\"\n"
						 "role: \"customer\"\ngap_months: 4\n"
					       : "{\n  \"meta\": {\n    \"notes\": \"a \\\"b\\\"\\n\\u0001\"\n  },\n"
						 "  \"role\": \"customer\",\n  \"gap_months\": 4\n}\n");
		sa_answers_init(&b, f->r);
		sa_meta_init(&m2);
		assert_int_equal(sa_answers_read_meta(f->r, "saved", 0, buf, len, &b, NULL, 0, &m2,
						      &f->d), SA_OK);
		assert_memory_equal(b.value, f->a.value, f->a.count * sizeof(*b.value));
		assert_memory_equal(b.origin, f->a.origin, f->a.count);
		assert_int_equal(m2.n, 1);
		assert_string_equal(m2.values[0], m.values[0]);
		sa_meta_release(&m2);
		sa_answers_release(&b);
		free(buf);
	}
	sa_meta_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_parse_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contradiction, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suggest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_errors, setup, teardown),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test_setup_teardown(test_yaml, setup, teardown),
		cmocka_unit_test_setup_teardown(test_line_base, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_meta, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
