/*
 * plan_properties.c - properties of the plan, on every profile of the scenario suite
 * (every YAML file in tests/scenarios) and on 10,000 seeded random answer sets, with the default rules:
 *  - from <= to for every milestone;
 *  - a report's Type 1 date precedes the Type 2 period that follows it;
 *  - some recommended report's first report_expected falls after the deadline
 *    <=> meets_deadline is false <=> the planner's deadline advice is recommended
 *    (and its text names the deadline);
 *  - meets_deadline is known only with a deadline and a decided plan;
 *  - no milestone for a report that is not recommended;
 *  - one program, one timeline: every Type 2 period milestone has the same dates;
 *  - the text plan takes at most 15 lines.
 * --verify does not prove the deadline advice (the planner's arithmetic is outside its answer
 * space; the loader rejects invariants naming it): this test is where it is checked.
 */
#include "support.h"
#include "plan.h"

#include <dirent.h>
#include <yaml.h>

struct state {
	sa_rules *r;
	struct sa_answers a;
	struct sa_result res;
	size_t checked, failures;
	int item; /* the deadline advice */
};

static void fail_case(struct state *s, const char *label, const char *what)
{
	char d[SA_DATE_SIZE];
	print_error("%s (start %s): %s; answers: ", label, sa_date_format(s->res.plan.start, d),
		    what);
	sa_answers_write_json(stderr, s->r, &s->a);
	s->failures++;
}

static void check(struct state *s, const char *label)
{
	const struct sa_plan *p = &s->res.plan;
	const struct sa_milestone *period = NULL;
	int late = 0, rec;
	size_t i, j;

	s->checked++;
	if (!p->present) {
		fail_case(s, label, "no plan with the default rules");
		return;
	}
	for (i = 0; i < p->n; i++) {
		const struct sa_milestone *m = &p->m[i];
		if (m->from > m->to)
			fail_case(s, label, "a milestone ends before it starts");
		if (s->res.report[m->report].status != SA_RECOMMENDED)
			fail_case(s, label, "a milestone for a report that is not recommended");
		if (m->kind == SA_MS_REPORT_EXPECTED && m->first && p->has_deadline &&
		    m->from > p->deadline)
			late = 1;
		if (m->kind == SA_MS_TYPE2_PERIOD) {
			if (period && (period->from != m->from || period->to != m->to))
				fail_case(s, label, "two Type 2 periods in one program");
			period = m;
		}
		if (m->kind != SA_MS_TYPE1_AS_OF)
			continue;
		for (j = 0; j < p->n; j++)
			if (p->m[j].report == m->report && p->m[j].kind == SA_MS_TYPE2_PERIOD &&
			    m->to >= p->m[j].from)
				fail_case(s, label, "a Type 2 period starts before the Type 1 date");
	}
	{
		/* the text plan: a blank line, then at most 15 lines */
		char *buf = NULL;
		size_t len = 0, lines = 0, k;
		FILE *mf = open_memstream(&buf, &len);
		assert_non_null(mf);
		sa_plan_write_text(mf, &s->res, 0, 78);
		fclose(mf);
		for (k = 0; k < len; k++)
			lines += buf[k] == '\n';
		if (lines < 2 || lines > 16 || buf[0] != '\n')
			fail_case(s, label, "the text plan is empty or longer than 15 lines");
		free(buf);
	}
	rec = s->res.items[SA_ITEM_ADVICE][s->item].status == SA_RECOMMENDED;
	if (late != (p->meets_deadline == SA_FALSE))
		fail_case(s, label, "a late first report <=> meets_deadline false does not hold");
	if (late != rec)
		fail_case(s, label, "a late first report <=> deadline advice does not hold");
	if (s->res.items[SA_ITEM_ADVICE][s->item].status == SA_POSSIBLE)
		fail_case(s, label, "the deadline advice is never merely possible");
	if (p->meets_deadline != SA_UNKNOWN && (!p->has_deadline || !p->decided))
		fail_case(s, label, "meets_deadline known without a deadline or a decided plan");
	if (!p->decided && p->n)
		fail_case(s, label, "milestones in an undecided plan");
	if (rec) {
		char d[SA_DATE_SIZE];
		const char *text = sa_result_item_text(s->r, &s->res, SA_ITEM_ADVICE, (size_t)s->item);
		if (!strstr(text, sa_date_format(p->deadline, d)) || !strstr(text, "readiness letter"))
			fail_case(s, label, "the deadline advice does not name the deadline and the interim");
	}
}

/* ---- the scenario suite ---------------------------------------------------------------------- */

static void run_file(struct state *s, const char *path)
{
	FILE *f = fopen(path, "rb");
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	yaml_node_item_t *it;

	assert_non_null(f);
	assert_true(yaml_parser_initialize(&parser));
	yaml_parser_set_input_file(&parser, f);
	assert_true(yaml_parser_load(&parser, &doc));
	root = yaml_document_get_root_node(&doc);
	assert_non_null(root);
	assert_int_equal(root->type, YAML_SEQUENCE_NODE);
	for (it = root->data.sequence.items.start; it < root->data.sequence.items.top; it++) {
		yaml_node_t *prof = yaml_document_get_node(&doc, *it), *answers = NULL;
		const char *id = "?";
		yaml_node_pair_t *p;
		char label[1400], m[512];
		for (p = prof->data.mapping.pairs.start; p < prof->data.mapping.pairs.top; p++) {
			const char *k = (const char *)yaml_document_get_node(&doc, p->key)->data.scalar.value;
			yaml_node_t *v = yaml_document_get_node(&doc, p->value);
			if (strcmp(k, "id") == 0)
				id = (const char *)v->data.scalar.value;
			else if (strcmp(k, "answers") == 0)
				answers = v;
		}
		sa_answers_clear(&s->a);
		if (!answers) {
			fail_case(s, id, "a profile without answers");
			continue;
		}
		for (p = answers->data.mapping.pairs.start; p < answers->data.mapping.pairs.top; p++) {
			const char *k = (const char *)yaml_document_get_node(&doc, p->key)->data.scalar.value;
			yaml_node_t *v = yaml_document_get_node(&doc, p->value);
			int q = sa_rules_question_find(s->r, k);
			int32_t val;
			assert_true(q >= 0);
			assert_int_equal(sa_answer_parse(s->r, (size_t)q,
							 (const char *)v->data.scalar.value, &val, m,
							 sizeof(m)),
					 SA_OK);
			assert_int_equal(sa_answers_set(&s->a, s->r, (size_t)q, val, m, sizeof(m)),
					 SA_OK);
		}
		snprintf(label, sizeof(label), "%s: %s", path, id);
		sa_evaluate(s->r, &s->a, &s->res);
		check(s, label);
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	fclose(f);
}

static int setup(void **state)
{
	struct state *s = calloc(1, sizeof(*s));
	s->r = load_default();
	sa_answers_init(&s->a, s->r);
	sa_result_init(&s->res, s->r);
	sa_result_set_start_date(&s->res, sa_date_from_ymd(2026, 1, 15));
	assert_non_null(s->r->timeline);
	s->item = s->r->timeline->deadline_item;
	assert_true(s->item >= 0);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	struct state *s = *state;
	sa_result_release(&s->res);
	sa_answers_release(&s->a);
	sa_rules_free(s->r);
	free(s);
	return 0;
}

static void test_scenario_profiles(void **state)
{
	struct state *s = *state;
	const char *dir = SA_TEST_DATA "/scenarios";
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t files = 0;
	int32_t starts[] = { sa_date_from_ymd(2026, 1, 15), sa_date_from_ymd(2026, 1, 31),
			     sa_date_from_ymd(2028, 2, 29), sa_date_from_ymd(2026, 8, 31) };
	size_t k;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		char path[1024];
		size_t n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".yaml") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		for (k = 0; k < sizeof(starts) / sizeof(starts[0]); k++) {
			sa_result_set_start_date(&s->res, starts[k]);
			run_file(s, path);
		}
		files++;
	}
	closedir(d);
	print_message("plan properties: %zu scenario evaluations in %zu files, %zu failures\n",
		      s->checked, files, s->failures);
	assert_true(files >= 4);
	assert_true(s->checked >= 4 * 50);
	assert_int_equal(s->failures, 0);
}

/* ---- random answer sets --------------------------------------------------------------------------- */

static uint64_t next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static void test_random_answer_sets(void **state)
{
	struct state *s = *state;
	uint64_t seed = 0x5eed2026u;
	size_t i, q, nq = sa_rules_question_count(s->r), met = 0, missed = 0, undecided = 0;
	char m[512];

	for (i = 0; i < 10000; i++) {
		sa_answers_clear(&s->a);
		for (q = 0; q < nq; q++) {
			int32_t lo, hi, v;
			uint64_t x = next(&seed);
			if (x % 4 == 0)
				continue; /* unanswered */
			switch (sa_question_type(s->r, q)) {
			case SA_Q_BOOL:
				v = (int32_t)((x >> 8) % 2);
				break;
			case SA_Q_ENUM:
				v = (int32_t)((x >> 8) % sa_question_choice_count(s->r, q));
				break;
			default:
				sa_question_range(s->r, q, &lo, &hi);
				/* mostly the short durations where the plan's thresholds are */
				if ((x >> 8) % 4)
					hi = lo + 15 < hi ? lo + 15 : hi;
				v = lo + (int32_t)((x >> 16) % (uint64_t)(hi - lo + 1));
			}
			assert_int_equal(sa_answers_set(&s->a, s->r, q, v, m, sizeof(m)), SA_OK);
		}
		sa_result_set_start_date(&s->res, sa_date_from_ymd(2000, 1, 1) +
						 (int32_t)(next(&seed) % 36500));
		sa_evaluate(s->r, &s->a, &s->res);
		check(s, "random");
		met += s->res.plan.meets_deadline == SA_TRUE;
		missed += s->res.plan.meets_deadline == SA_FALSE;
		undecided += !s->res.plan.decided;
	}
	print_message("plan properties: 10000 random answer sets: deadline met %zu, missed %zu, "
		      "undecided plans %zu, %zu failures\n",
		      met, missed, undecided, s->failures);
	/* the sample reaches every branch of the property */
	assert_true(met > 100);
	assert_true(missed > 100);
	assert_true(undecided > 100);
	assert_int_equal(s->failures, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scenario_profiles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_answer_sets, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
