/*
 * nomem.c - unit tests of the out-of-memory policy: the library reports SA_ERR_NOMEM and never
 * reports success with a partial result or document.
 *
 * Allocation failures are forced two ways: the library's own allocations through its test
 * hook (sa_test_alloc_fail: the n-th allocation and every one after it fail), and the JSON
 * library's through its allocation hooks. For every n until a run succeeds, the call must
 * return SA_ERR_NOMEM; the run that succeeds must write exactly the document written without
 * any failure. A compact JSON document is printed whole or not at all.
 */
#include "support.h"
#include "internal.h"
#include "sa_interview.h"

#include <cjson/cJSON.h>

/* Small rules, so that failing each allocation in turn stays fast; every kind of value appears. */
static const char *const RULES =
	"format: 1\n"
	"name: t\n"
	"version: \"1\"\n"
	"sources:\n"
	"  - {id: s, title: S, url: \"https://example.org\", locator: p.1}\n"
	"questions:\n"
	"  - {id: role, type: enum, choices: [provider, customer], default: provider, prompt: R?}\n"
	"  - {id: hosting, type: bool, prompt: \"Host?\", help: \"SaaS.\"}\n"
	"  - {id: uptime, type: bool, prompt: \"Uptime?\", applies_if: hosting}\n"
	"  - {id: months, type: int, min: 0, max: 99, prompt: \"Months?\"}\n"
	"advice:\n"
	"  - {id: tip, title: Tip, text: \"A tip.\"}\n"
	"steps:\n"
	"  - {id: go, order: 1, text: \"Go.\", criteria_ids: [A1.2]}\n"
	"rules:\n"
	"  - {id: r.soc2, when: {all: [hosting, {role: provider}]}, recommend: soc2, because: R1,\n"
	"     why_not: W1, sources: [s]}\n"
	"  - {id: r.type, when: {months: {ge: 3}}, type: {report: soc2, type: type1,\n"
	"     then: {type: type2, observation_months: 3, note: N}, timing: T}, because: R2,\n"
	"     sources: [s]}\n"
	"  - {id: r.sec, criteria: {report: soc2, category: security}, because: R3, sources: [s]}\n"
	"  - {id: r.avail, when: uptime, criteria: {report: soc2, category: availability},\n"
	"     because: R4, sources: [s]}\n"
	"  - {id: r.soc1, when: {months: {gt: 50}}, recommend: soc1, because: R5, why_not: W5,\n"
	"     sources: [s]}\n"
	"  - {id: r.tip, when: {all: [hosting, uptime]}, advice: tip, because: R6, sources: [s]}\n"
	"  - {id: r.go, when: hosting, step: go, because: R7, sources: [s]}\n";

static long cjson_countdown = -1;

static void *cjson_malloc(size_t n)
{
	if (cjson_countdown == 0)
		return NULL;
	if (cjson_countdown > 0)
		cjson_countdown--;
	return malloc(n);
}

static void cjson_fail(long after)
{
	static cJSON_Hooks hooks = { cjson_malloc, free };
	cjson_countdown = after;
	cJSON_InitHooks(&hooks);
}

enum writer { W_JSON, W_JSON_COMPACT, W_JSON_LINE, W_ERROR_LINE, W_TEXT, W_MARKDOWN, W_YAML,
	      W_QUESTIONS_JSON, W_QUESTIONS_YAML };
static const char *const writer_names[] = { "json", "json compact", "json line", "error line",
					    "text", "markdown", "yaml", "questions json",
					    "questions yaml" };

struct fixture {
	sa_rules *r;
	struct sa_result res;
	struct sa_diags d;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct sa_answers a;
	assert_non_null(f);
	f->r = load_ok(RULES);
	assert_int_equal(sa_result_init(&f->res, f->r), SA_OK);
	sa_answers_init(&a, f->r);
	answer(f->r, &a, "hosting=true");
	answer(f->r, &a, "months=5");
	sa_evaluate(f->r, &a, &f->res);
	sa_answers_release(&a);
	sa_diags_init(&f->d);
	sa_diags_add(&f->d, SA_SEV_ERROR, "t", 1, 3, "bad-value", "a message");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	sa_test_alloc_fail(-1);
	cJSON_InitHooks(NULL);
	sa_diags_release(&f->d);
	sa_result_release(&f->res);
	sa_rules_free(f->r);
	free(f);
	return 0;
}

/* Run writer w into a memory buffer; *out is the text written (caller frees). */
static int run(struct fixture *f, enum writer w, char **out)
{
	size_t len = 0;
	FILE *mem;
	struct sa_output_opts o = { SA_EXPLAIN_FULL, 0, w == W_JSON_COMPACT, NULL, 0, NULL };
	int rc = SA_OK;

	*out = NULL;
	mem = open_memstream(out, &len);
	assert_non_null(mem);
	switch (w) {
	case W_JSON:
	case W_JSON_COMPACT:
		rc = sa_write_json(mem, f->r, &f->res, &o);
		break;
	case W_JSON_LINE:
		rc = sa_write_json_line(mem, f->r, &f->res, &o, "\"line-7\"");
		break;
	case W_ERROR_LINE:
		rc = sa_write_json_error_line(mem, "42", 7, &f->d);
		break;
	case W_TEXT:
		rc = sa_write_text(mem, f->r, &f->res, &o);
		break;
	case W_MARKDOWN:
		rc = sa_write_markdown(mem, f->r, &f->res, &o);
		break;
	case W_YAML:
		rc = sa_write_yaml(mem, f->r, &f->res, &o);
		break;
	case W_QUESTIONS_JSON:
		rc = sa_write_questions_json(mem, f->r, 0);
		break;
	case W_QUESTIONS_YAML:
		rc = sa_write_questions_yaml(mem, f->r);
		break;
	}
	fclose(mem);
	return rc;
}

/*
 * Fail the n-th allocation (library's or JSON library's, per cjson) for n = 0, 1, ... until the
 * writer succeeds; returns how many runs failed.
 */
static long fail_each(struct fixture *f, enum writer w, int cjson)
{
	char *want, *got;
	long n;

	assert_int_equal(run(f, w, &want), SA_OK);
	for (n = 0;; n++) {
		int rc;
		if (cjson)
			cjson_fail(n);
		else
			sa_test_alloc_fail(n);
		rc = run(f, w, &got);
		sa_test_alloc_fail(-1);
		cjson_fail(-1);
		if (rc == SA_OK) {
			/* success only with the whole document */
			if (strcmp(got, want) != 0)
				fail_msg("%s: success after failing allocation %ld, but different output",
					 writer_names[w], n);
			free(got);
			break;
		}
		if (rc != SA_ERR_NOMEM)
			fail_msg("%s: allocation %ld failed, status %d instead of SA_ERR_NOMEM",
				 writer_names[w], n, rc);
		/* a JSON line or a compact document is printed whole or not at all */
		if ((w == W_JSON_COMPACT || w == W_JSON_LINE || w == W_ERROR_LINE) && got[0])
			fail_msg("%s: allocation %ld failed, yet output was written: %.60s",
				 writer_names[w], n, got);
		free(got);
	}
	free(want);
	return n;
}

static void test_json_library_failures(void **state)
{
	struct fixture *f = *state;
	enum writer w;
	for (w = W_JSON; w <= W_QUESTIONS_YAML; w++) {
		if (w == W_TEXT || w == W_MARKDOWN)
			continue; /* they do not use the JSON library */
		/* each allocation is failed once: a hundred or more for a result, a dozen for an
		 * error line; the compact result is streamed without the JSON library, which only
		 * reads a line's id */
		long n = fail_each(f, w, 1);
		long least = w == W_ERROR_LINE ? 8 : w == W_JSON_COMPACT ? 0 : w == W_JSON_LINE ? 1 : 30;
		if (n < least)
			fail_msg("%s: only %ld JSON allocations failed in turn", writer_names[w], n);
	}
}

/*
 * A result line longer than the streaming writer's first buffer: growing it is an allocation of
 * the library's own, and failing it must write nothing (the line is written whole or not at all).
 */
static void test_long_line_failures(void **state)
{
	struct fixture *f = *state;
	static const char tip[] = "text: \"A tip.\"";
	const char *at = strstr(RULES, tip);
	size_t pre = (size_t)(at - RULES), n = 40000;
	char *rules = malloc(strlen(RULES) + n + 32);
	struct sa_answers a;
	assert_non_null(at);
	assert_non_null(rules);
	memcpy(rules, RULES, pre);
	memcpy(rules + pre, "text: \"", 7);
	memset(rules + pre + 7, 'x', n);
	strcpy(rules + pre + 7 + n, "\"");
	strcat(rules, at + strlen(tip));
	sa_result_release(&f->res);
	sa_rules_free(f->r);
	f->r = load_ok(rules);
	free(rules);
	assert_int_equal(sa_result_init(&f->res, f->r), SA_OK);
	sa_answers_init(&a, f->r);
	answer(f->r, &a, "hosting=true");
	sa_evaluate(f->r, &a, &f->res);
	sa_answers_release(&a);
	assert_true(fail_each(f, W_JSON_LINE, 0) >= 1);
	assert_true(fail_each(f, W_JSON_COMPACT, 0) >= 1);
}

static void test_library_failures(void **state)
{
	struct fixture *f = *state;
	/* text: the citation table and the paragraph buffer */
	assert_true(fail_each(f, W_TEXT, 0) >= 2);
	/* markdown: the citation table */
	assert_true(fail_each(f, W_MARKDOWN, 0) >= 1);
}

/* sa_result_init and sa_interview_new report a failed allocation and leave nothing behind. */
static void test_init_failures(void **state)
{
	struct fixture *f = *state;
	long n;
	for (n = 0;; n++) {
		struct sa_result res;
		int rc;
		sa_test_alloc_fail(n);
		rc = sa_result_init(&res, f->r);
		sa_test_alloc_fail(-1);
		if (rc == SA_OK) {
			sa_result_release(&res);
			break;
		}
		assert_int_equal(rc, SA_ERR_NOMEM);
		assert_null(res.store);
		assert_null(res.rule_tv);
	}
	assert_true(n >= 10);
	for (n = 0;; n++) {
		sa_interview *it = (sa_interview *)f;
		int rc;
		sa_test_alloc_fail(n);
		rc = sa_interview_new(f->r, NULL, NULL, &it);
		sa_test_alloc_fail(-1);
		if (rc == SA_OK) {
			assert_true(sa_interview_next(it) >= 0);
			sa_interview_free(it);
			break;
		}
		assert_int_equal(rc, SA_ERR_NOMEM);
		assert_null(it);
	}
	assert_true(n >= 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_json_library_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_library_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_line_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_failures, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
