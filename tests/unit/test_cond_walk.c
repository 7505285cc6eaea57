/*
 * cond_walk.c - unit tests of the walkers over compiled conditions: the questions a condition
 * reads (directly and through facts), its direct references, structural equality, and the
 * questions that decide a rule's outcome slot. Also the model's lookups by id (model.c), which
 * the walkers' callers use to name entries.
 */
#include "support.h"

#include "cond_walk.h"

static const char text[] =
	"format: 1\n"
	"name: t\n"
	"version: '1'\n"
	"sources:\n"
	"  - {id: s1, title: A source}\n"
	"questions:\n"
	"  - {id: payroll, type: bool, prompt: P?}\n"
	"  - {id: role, type: enum, choices: [provider, customer, both], prompt: R?}\n"
	"  - {id: months, type: int, min: 0, max: 24, prompt: M?}\n"
	"  - {id: cloud, type: bool, prompt: C?}\n"
	"facts:\n"
	"  - {id: fin, when: {any: [payroll, {months: {ge: 3}}]}}\n"
	"rules:\n"
	"  - {id: r_fact, when: {all: [fin, {role: provider}]}, recommend: soc1, because: B, sources: [s1]}\n"
	"  - {id: r_same, when: {all: [fin, {role: provider}]}, recommend: soc2, because: B, sources: [s1]}\n"
	"  - {id: r_other, when: {all: [fin, {role: customer}]}, recommend: soc2, because: B, sources: [s1]}\n"
	"  - {id: r_always, recommend: soc3, because: B, sources: [s1]}\n"
	"  - {id: r_type, when: cloud, type: {report: soc1, type: type2}, because: B, sources: [s1]}\n";

struct fixture {
	sa_rules *r;
	unsigned char *mark;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	f->r = load_ok(text);
	f->mark = calloc(sa_rules_question_count(f->r), 1);
	assert_non_null(f->mark);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	sa_rules_free(f->r);
	free(f->mark);
	free(f);
	return 0;
}

static int32_t when_of(const sa_rules *r, const char *rule)
{
	int i = model_find_rule(r, rule);
	if (i < 0)
		fail_msg("no rule '%s' in the test rules", rule);
	return r->rules[i].when;
}

/* The questions marked, as "id id ...", for messages that echo what was read. */
static const char *marked(const sa_rules *r, const unsigned char *mark, char *buf, size_t size)
{
	size_t q, len = 0;
	buf[0] = '\0';
	for (q = 0; q < r->nquestions; q++)
		if (mark[q])
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? " " : "",
						r->questions[q].id);
	return buf;
}

static const struct {
	const char *rule;
	const char *reads; /* questions read, through facts too, in question order */
} reads_cases[] = {
	{ "r_fact", "payroll role months" },
	{ "r_other", "payroll role months" },
	{ "r_always", "" },
	{ "r_type", "cloud" },
};

static void test_questions_read(void **state)
{
	struct fixture *f = *state;
	size_t i;
	char buf[256];
	for (i = 0; i < sizeof(reads_cases) / sizeof(reads_cases[0]); i++) {
		memset(f->mark, 0, f->r->nquestions);
		cond_questions(f->r, when_of(f->r, reads_cases[i].rule), f->mark);
		if (strcmp(marked(f->r, f->mark, buf, sizeof(buf)), reads_cases[i].reads) != 0)
			fail_msg("rule %s reads '%s', expected '%s'", reads_cases[i].rule, buf,
				 reads_cases[i].reads);
	}
}

static void test_reads_question(void **state)
{
	struct fixture *f = *state;
	int32_t w = when_of(f->r, "r_fact");
	assert_true(cond_reads_question(f->r, w, (size_t)model_find_question(f->r, "months")));
	assert_false(cond_reads_question(f->r, w, (size_t)model_find_question(f->r, "cloud")));
	assert_false(cond_reads_question(f->r, -1, 0));
}

static void test_direct_refs(void **state)
{
	struct fixture *f = *state;
	unsigned char fmark[1] = { 0 };
	char buf[256];
	assert_int_equal(f->r->nfacts, 1);
	cond_direct_refs(f->r, when_of(f->r, "r_fact"), f->mark, fmark);
	/* the fact is named, the questions behind it are not */
	assert_string_equal(marked(f->r, f->mark, buf, sizeof(buf)), "role");
	assert_int_equal(fmark[0], 1);
}

static void test_equal(void **state)
{
	struct fixture *f = *state;
	const sa_rules *r = f->r;
	assert_true(cond_equal(r, when_of(r, "r_fact"), when_of(r, "r_same")));
	assert_false(cond_equal(r, when_of(r, "r_fact"), when_of(r, "r_other")));
	assert_true(cond_equal(r, when_of(r, "r_always"), -1));
	assert_false(cond_equal(r, when_of(r, "r_fact"), -1));
}

static void test_slot_questions(void **state)
{
	struct fixture *f = *state;
	char buf[256];
	/* a type rule depends on the report's recommend rules and on itself */
	cond_slot_questions(f->r, (size_t)model_find_rule(f->r, "r_type"), f->mark);
	assert_string_equal(marked(f->r, f->mark, buf, sizeof(buf)), "payroll role months cloud");
}

static void test_model_lookups(void **state)
{
	struct fixture *f = *state;
	const sa_rules *r = f->r;
	assert_int_equal(model_find_question(r, "months"), 2);
	assert_int_equal(model_find_question(r, "fin"), -1);
	assert_int_equal(model_find_fact(r, "fin"), 0);
	assert_int_equal(model_find_source(r, "s1"), 0);
	assert_int_equal(model_find_rule(r, "r_type"), 4);
	assert_int_equal(model_find_rule(r, "r-type"), -1); /* exact, unlike the command line */
	assert_int_equal(model_find_item(r, SA_ITEM_ADVICE, "tip"), -1);
	assert_string_equal(model_suggest(r, MODEL_QUESTIONS, "payrol"), "payroll");
	assert_string_equal(model_suggest(r, MODEL_QUESTIONS_FACTS, "fn"), "fin");
	assert_null(model_suggest(r, MODEL_QUESTIONS, "fn"));
	assert_null(model_suggest(r, MODEL_SOURCES, "nothing-like-it"));
	assert_string_equal(sa_rules_suggest_question(r, "rolw"), "role");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_questions_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reads_question, setup, teardown),
		cmocka_unit_test_setup_teardown(test_direct_refs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_equal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slot_questions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_model_lookups, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
