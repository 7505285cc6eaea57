/*
 * limits.c - unit tests of the bounds on hostile input (docs/security.md): YAML nesting, alias
 * cycles and expansion, the error limit, control characters located at their escape, encoding
 * errors located at their byte, strict JSON, repeated keys, the diagnostics sort and the search
 * budget of --verify.
 */
#include "support.h"

#include "sa_check.h"

#define HEAD                                                                                      \
	"format: 1\n"                                                                             \
	"name: t\n"                                                                               \
	"version: '1'\n"                                                                          \
	"sources:\n"                                                                              \
	"  - {id: s1, title: A source}\n"                                                         \
	"questions:\n"                                                                            \
	"  - {id: payroll, type: bool, prompt: P?}\n"

/* Load text (len bytes) that must fail; returns the diagnostics (to release). */
static struct sa_diags load_fails(const char *text, size_t len)
{
	struct sa_diags d;
	sa_rules *r = NULL;
	sa_diags_init(&d);
	assert_int_equal(sa_rules_load_buffer("t.yaml", text, len, NULL, &r, &d), SA_ERR_RULES);
	assert_null(r);
	assert_true(d.errors >= 1);
	return d;
}

static void expect_first(const struct sa_diags *d, const char *code, unsigned line, unsigned col)
{
	assert_string_equal(d->items[0].code, code);
	assert_int_equal(d->items[0].line, line);
	assert_int_equal(d->items[0].col, col);
}

/* A string of n copies of a, then n copies of b, between head and tail. */
static char *nest(const char *head, size_t n, char a, char b, const char *tail)
{
	size_t h = strlen(head), t = strlen(tail);
	char *s = malloc(h + 2 * n + t + 1);
	assert_non_null(s);
	memcpy(s, head, h);
	memset(s + h, a, n);
	memset(s + h + n, b, n);
	memcpy(s + h + 2 * n, tail, t + 1);
	return s;
}

static void test_yaml_depth(void **state)
{
	char *text = nest("rules: ", 100000, '[', ']', "\n");
	struct sa_diags d = load_fails(text, strlen(text));
	(void)state;
	/* the root mapping is the first level: the 200th '[' is one too many */
	expect_first(&d, "too-deep", 1, 8 + 199);
	assert_int_equal(d.len, 1);
	sa_diags_release(&d);
	free(text);
}

static void test_alias_cycle(void **state)
{
	static const char text[] = "rules: [{when: &a {all: [*a, *a]}}]\n";
	struct sa_diags d = load_fails(text, strlen(text));
	(void)state;
	expect_first(&d, "alias-cycle", 1, 26);
	assert_non_null(strstr(d.items[0].message, "'*a'"));
	sa_diags_release(&d);
}

static void test_alias_bomb(void **state)
{
	char text[4096];
	size_t len = (size_t)snprintf(text, sizeof(text), "rules:\n  - when: &a0 {all: [x, x]}\n"), i;
	struct sa_diags d;
	(void)state;
	for (i = 1; i < 24; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"  - when: &a%zu {all: [*a%zu, *a%zu]}\n", i, i - 1, i - 1);
	d = load_fails(text, len);
	expect_first(&d, "too-large", 2, 3);
	sa_diags_release(&d);
}

/* An alias bomb small enough for the YAML pass: condition compilation counts every use. */
static void test_compiled_conditions_counted(void **state)
{
	char text[8192];
	size_t len = (size_t)snprintf(text, sizeof(text), HEAD "rules:\n"), i;
	struct sa_diags d;
	(void)state;
	len += (size_t)snprintf(text + len, sizeof(text) - len,
				"  - {id: r0, recommend: soc2, because: B, sources: [s1], "
				"when: &a0 {any: [payroll, payroll, payroll, payroll]}}\n");
	for (i = 1; i < 9; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"  - {id: r%zu, recommend: soc2, because: B, sources: [s1], "
					"when: &a%zu {any: [*a%zu, *a%zu, *a%zu, *a%zu]}}\n",
					i, i, i - 1, i - 1, i - 1, i - 1);
	d = load_fails(text, len);
	assert_string_equal(d.items[d.len - 1].code, "too-large");
	assert_non_null(strstr(d.items[d.len - 1].message, "100000"));
	sa_diags_release(&d);
}

static void test_error_limit(void **state)
{
	char text[8192];
	size_t len = (size_t)snprintf(text, sizeof(text),
				      HEAD "rules:\n  - {id: r, recommend: soc2, because: B, "
					   "sources: [s1], when: {any: [n0"), i;
	struct sa_diags d;
	(void)state;
	for (i = 1; i < 150; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, ", n%zu", i);
	len += (size_t)snprintf(text + len, sizeof(text) - len, "]}}\n");
	d = load_fails(text, len);
	assert_int_equal(d.len, 101);
	assert_string_equal(d.items[99].message, "undefined question or fact 'n99'");
	assert_string_equal(d.items[100].code, "too-many-errors");
	assert_string_equal(d.items[100].message,
			    "50 more errors, the first of them here (only the first 100 are reported)");
	/* at 'n100': "  - {id: r, ... [n0, n1, ..." */
	assert_int_equal(d.items[100].line, d.items[99].line);
	assert_true(d.items[100].col > d.items[99].col);
	sa_diags_release(&d);
}

/* Each escape that writes a control character is found at its backslash. */
static void test_control_escapes(void **state)
{
	static const char *const esc[] = { "\\e", "\\x1b", "\\u001B", "\\U0000009b", "\\N",
					   "\\r", "\\0", "\\x7f", "\\a" };
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(esc) / sizeof(*esc); i++) {
		char text[512];
		struct sa_diags d;
		size_t len = (size_t)snprintf(text, sizeof(text),
					      HEAD "  - {id: x, type: bool, prompt: \"a\\\\e \xc3\xa9%s\"}\n"
						   "rules: []\n", esc[i]);
		d = load_fails(text, len);
		/* line 8: the quote at column 33, then a, \\, e, space and é: the escape at 40 */
		expect_first(&d, "control-character", 8, 33 + 7);
		sa_diags_release(&d);
	}
}

static void test_texts_allowed(void **state)
{
	sa_rules *r = load_ok(HEAD "  - {id: x, type: bool, prompt: \"tab\\there\\nnew \\\\e \\u00e9\"}\n"
				   "rules: []\n");
	(void)state;
	sa_rules_free(r);
}

static void test_encoding_located(void **state)
{
	static const char nul[] = "format: 1\nname: \xc3\xa9t\x00\n";
	static const char bad[] = "format: 1\nname: \xc3\xa9t\xff\xfe\n";
	static const char cut[] = "format: 1\nname: t # \xe2\x82";
	struct sa_diags d;
	(void)state;
	d = load_fails(nul, sizeof(nul) - 1);
	expect_first(&d, "encoding", 2, 9); /* columns count characters, as libyaml's marks do */
	assert_string_equal(d.items[0].message, "unexpected NUL byte");
	sa_diags_release(&d);
	d = load_fails(bad, sizeof(bad) - 1);
	expect_first(&d, "encoding", 2, 9);
	assert_string_equal(d.items[0].message, "invalid UTF-8 (byte 0xff)");
	sa_diags_release(&d);
	d = load_fails(cut, sizeof(cut) - 1);
	expect_first(&d, "encoding", 2, 11);
	assert_string_equal(d.items[0].message,
			    "invalid UTF-8: the file ends inside a character (byte 0xe2)");
	sa_diags_release(&d);
}

static void test_raw_control_located(void **state)
{
	static const char text[] = "format: 1\nname: a\x1b[2Jb\n";
	struct sa_diags d = load_fails(text, sizeof(text) - 1);
	(void)state;
	expect_first(&d, "control-character", 2, 8);
	sa_diags_release(&d);
}

/* ---- answers ---------------------------------------------------------------------------------- */

static int read_answers(const sa_rules *r, const char *text, struct sa_diags *d)
{
	struct sa_answers a;
	int rc;
	sa_answers_init(&a, r);
	sa_diags_init(d);
	rc = sa_answers_read(r, "a.json", 0, text, strlen(text), &a, NULL, 0, d);
	sa_answers_release(&a);
	return rc;
}

static void test_strict_json(void **state)
{
	static const char *const bad[] = { "{\"months\": 06}", "{\"months\": 1.}", "{\"months\": .5}",
					   "{\"months\": +1}", "{\"months\": -}", "{\"months\": 1e+}",
					   "{\"months\": 1.5e}", "{\"role\": \"a\tb\"}",
					   "{\"role\": \"a\x01\"}" };
	static const char *const good[] = { "{\"months\": 0}", "{\"months\": 12}",
					    "{\"months\": 1.2e1}", "{\"months\": 1E1}",
					    "{\"months\": 120e-1}", "{\"role\": \"provider\", \"x\": \"\\t\\u0001\"}" };
	sa_rules *r = load_ok(HEAD "  - {id: months, type: int, min: 0, max: 24, prompt: M?}\n"
				   "  - {id: role, type: enum, choices: [provider, customer], prompt: R?}\n"
				   "rules: []\n");
	struct sa_diags d;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(read_answers(r, bad[i], &d), SA_ERR_INPUT);
		assert_string_equal(d.items[0].code, "json-syntax");
		assert_int_equal(d.items[0].line, 1);
		assert_int_equal(d.items[0].col, 12);
		sa_diags_release(&d);
	}
	for (i = 0; i < sizeof(good) / sizeof(*good); i++) {
		int rc = read_answers(r, good[i], &d);
		/* "x" is an unknown question, found only once the JSON is accepted */
		assert_int_equal(rc, i + 1 < sizeof(good) / sizeof(*good) ? SA_OK : SA_ERR_INPUT);
		if (rc != SA_OK)
			assert_string_equal(d.items[0].code, "unknown-question");
		sa_diags_release(&d);
	}
	sa_rules_free(r);
}

static void test_json_depth(void **state)
{
	sa_rules *r = load_ok(HEAD "rules: []\n");
	char *text = nest("{\"payroll\": ", 64, '[', ']', "}");
	struct sa_diags d;
	(void)state;
	/* 64 arrays inside the object: the 64th is one level too deep */
	assert_int_equal(read_answers(r, text, &d), SA_ERR_INPUT);
	expect_first(&d, "too-deep", 1, 13 + 63);
	sa_diags_release(&d);
	free(text);
	text = nest("{\"payroll\": ", 63, '[', ']', "}");
	assert_int_equal(read_answers(r, text, &d), SA_ERR_INPUT);
	assert_string_equal(d.items[0].code, "bad-value"); /* a list is no answer, but JSON */
	sa_diags_release(&d);
	free(text);
	sa_rules_free(r);
}

/* A key written with escapes is found where it stands, and repeats the same key unescaped. */
static void test_json_keys_located(void **state)
{
	sa_rules *r = load_ok(HEAD "rules: []\n");
	struct sa_diags d;
	(void)state;
	assert_int_equal(read_answers(r, "{\"payroll\": true,\n  \"pay\\u0072oll\": false}", &d),
			 SA_ERR_INPUT);
	assert_int_equal(d.len, 1);
	expect_first(&d, "duplicate-key", 2, 3);
	sa_diags_release(&d);
	sa_rules_free(r);
}

static void test_answers_error_limit(void **state)
{
	sa_rules *r = load_ok(HEAD "rules: []\n");
	char *text = malloc(200 * 16 + 16);
	size_t len = 0, i;
	struct sa_diags d;
	(void)state;
	assert_non_null(text);
	text[len++] = '{';
	for (i = 0; i < 200; i++)
		len += (size_t)sprintf(text + len, "%s\"k%03zu\": 1", i ? ", " : "", i);
	text[len++] = '}';
	text[len] = '\0';
	assert_int_equal(read_answers(r, text, &d), SA_ERR_INPUT);
	assert_int_equal(d.len, 101);
	assert_string_equal(d.items[100].code, "too-many-errors");
	assert_int_equal(d.items[100].col, 2 + 100 * 11);
	assert_non_null(strstr(d.items[100].message, "100 more errors"));
	sa_diags_release(&d);
	free(text);
	sa_rules_free(r);
}

/* ---- the diagnostics sort and the search budget ------------------------------------------------- */

static void test_diags_sort_stable(void **state)
{
	struct sa_diags d;
	size_t i;
	char msg[16];
	(void)state;
	sa_diags_init(&d);
	/* 5,000 positions in reverse, each twice: equal positions keep their order */
	for (i = 0; i < 10000; i++)
		sa_diags_add(&d, SA_SEV_ERROR, "f", (unsigned)(5000 - i / 2), 1, "c", "%zu", i);
	sa_diags_sort(&d);
	for (i = 0; i < 10000; i++) {
		size_t k = 10000 - 2 * (i / 2) - 2 + i % 2; /* the input index expected at i */
		assert_int_equal(d.items[i].line, i / 2 + 1);
		snprintf(msg, sizeof(msg), "%zu", k);
		assert_string_equal(d.items[i].message, msg);
	}
	sa_diags_release(&d);
}

static void test_verify_budget(void **state)
{
	sa_rules *r = load_default();
	struct sa_verify_result v;
	size_t i, n = sa_rules_invariant_count(r);
	(void)state;
	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		assert_int_equal(sa_verify_result_init(&v, r), SA_OK);
		assert_true(v.budget > 0);
		assert_int_equal(sa_verify_invariant(r, i, &v), SA_OK);
		assert_true(v.holds);
		assert_false(v.exhausted);
		assert_true(v.evaluations < v.budget / 4); /* the built-in rules are well within */
		sa_verify_result_release(&v);
	}
	/* the costliest invariants cannot be proved in 100 evaluations */
	assert_int_equal(sa_verify_result_init(&v, r), SA_OK);
	v.budget = 100;
	for (i = 0; i < n && !v.exhausted; i++)
		sa_verify_invariant(r, i, &v);
	assert_true(v.exhausted);
	assert_false(v.holds);
	sa_verify_result_release(&v);
	sa_rules_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yaml_depth),
		cmocka_unit_test(test_alias_cycle),
		cmocka_unit_test(test_alias_bomb),
		cmocka_unit_test(test_compiled_conditions_counted),
		cmocka_unit_test(test_error_limit),
		cmocka_unit_test(test_control_escapes),
		cmocka_unit_test(test_texts_allowed),
		cmocka_unit_test(test_encoding_located),
		cmocka_unit_test(test_raw_control_located),
		cmocka_unit_test(test_strict_json),
		cmocka_unit_test(test_json_depth),
		cmocka_unit_test(test_json_keys_located),
		cmocka_unit_test(test_answers_error_limit),
		cmocka_unit_test(test_diags_sort_stable),
		cmocka_unit_test(test_verify_budget),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
