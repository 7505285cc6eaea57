/*
 * scenarios.c - the scenario suite: organization profiles with the outcome their source states,
 * evaluated against the default (embedded) rules.
 *
 * Reads every YAML file in tests/scenarios (a list of {id, source, answers, expect}) and checks each
 * expectation key; an unknown expectation key is an error, so a typo never passes silently.
 * For every profile it also checks the knowledge base's invariants: no SOC 2 without security,
 * no SOC 3 as a Type 1 or without a SOC 2 Type 2 (now or as the follow-up), and every
 * recommended item has a reason that holds and cites a source.
 */
#include "support.h"
#include "plan.h"

#include <dirent.h>
#include <stdlib.h>
#include <yaml.h>

struct ctx {
	const sa_rules *r;
	yaml_document_t *doc;
	const char *file;
	const char *id;
	struct sa_result res;
	size_t failures, profiles;
};

static yaml_node_t *node(struct ctx *c, int i)
{
	return yaml_document_get_node(c->doc, i);
}

static yaml_node_t *get(struct ctx *c, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(c, p->key);
		if (k->type == YAML_SCALAR_NODE && strcmp((char *)k->data.scalar.value, key) == 0)
			return node(c, p->value);
	}
	return NULL;
}

static const char *str(yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static void failf(struct ctx *c, yaml_node_t *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void failf(struct ctx *c, yaml_node_t *at, const char *fmt, ...)
{
	char m[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m, sizeof(m), fmt, ap);
	va_end(ap);
	print_error("%s:%lu: %s: %s\n", c->file, at ? (unsigned long)at->start_mark.line + 1 : 0UL,
		    c->id ? c->id : "?", m);
	c->failures++;
}

static int report_of(const char *s)
{
	int i;
	for (i = 0; i < SA_REPORT_COUNT; i++)
		if (strcmp(sa_report_id((enum sa_report)i), s) == 0)
			return i;
	return -1;
}

static int category_of(const char *s)
{
	int i;
	for (i = 0; i < SA_CAT_COUNT; i++)
		if (strcmp(sa_category_id((enum sa_category)i), s) == 0)
			return i;
	return -1;
}

static enum sa_type type_of(const char *s)
{
	if (!s)
		return SA_TYPE_UNSET;
	if (strcmp(s, "type1") == 0)
		return SA_TYPE_1;
	if (strcmp(s, "type2") == 0)
		return SA_TYPE_2;
	if (strcmp(s, "none") == 0)
		return SA_TYPE_NONE;
	return (enum sa_type)-1;
}

/* Call fn for each scalar of a list node. */
#define EACH(c, list, var)                                                                         \
	for (yaml_node_item_t *it_ = (list) && (list)->type == YAML_SEQUENCE_NODE ?                \
					     (list)->data.sequence.items.start :                   \
					     NULL;                                                 \
	     it_ && it_ < (list)->data.sequence.items.top && ((var) = str(node(c, *it_)), 1); it_++)

static int report_checked(struct ctx *c, yaml_node_t *at, const char *s)
{
	int rep = s ? report_of(s) : -1;
	if (rep < 0)
		failf(c, at, "unknown report '%s' in expectations", s ? s : "?");
	return rep;
}

static int category_checked(struct ctx *c, yaml_node_t *at, const char *s)
{
	int cat = s ? category_of(s) : -1;
	if (cat < 0)
		failf(c, at, "unknown category '%s' in expectations", s ? s : "?");
	return cat;
}

static int item_checked(struct ctx *c, yaml_node_t *at, enum sa_item_kind k, const char *s)
{
	int i = s ? item_index(c->r, k, s) : -1;
	if (i < 0)
		failf(c, at, "unknown %s '%s' in expectations", k == SA_ITEM_ADVICE ? "advice" : "step",
		      s ? s : "?");
	return i;
}

static const char *status_name(int st)
{
	return st == SA_RECOMMENDED ? "recommended" : st == SA_POSSIBLE ? "possible" : "absent";
}

static void check_expect(struct ctx *c, yaml_node_t *expect)
{
	const struct sa_result *res = &c->res;
	yaml_node_pair_t *p;
	const char *s;

	for (p = expect->data.mapping.pairs.start; p < expect->data.mapping.pairs.top; p++) {
		const char *key = str(node(c, p->key));
		yaml_node_t *v = node(c, p->value);
		if (!key)
			continue;
		if (strcmp(key, "reports") == 0 || strcmp(key, "not_reports") == 0 ||
		    strcmp(key, "possible") == 0) {
			int want = strcmp(key, "reports") == 0 ? SA_RECOMMENDED :
				   strcmp(key, "possible") == 0 ? SA_POSSIBLE :
								  -1;
			EACH(c, v, s)
			{
				int rep = report_checked(c, v, s);
				if (rep < 0)
					continue;
				if (want < 0 && res->report[rep].status == SA_RECOMMENDED)
					failf(c, v, "%s is recommended, expected not", s);
				else if (want >= 0 && (int)res->report[rep].status != want)
					failf(c, v, "%s is %s, expected %s", s,
					      status_name(res->report[rep].status), status_name(want));
			}
		} else if (strcmp(key, "types") == 0 || strcmp(key, "then_types") == 0 ||
			   strcmp(key, "actions") == 0) {
			yaml_node_pair_t *q;
			if (v->type != YAML_MAPPING_NODE) {
				failf(c, v, "'%s' must be a mapping", key);
				continue;
			}
			for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
				int rep = report_checked(c, v, str(node(c, q->key)));
				const char *want = str(node(c, q->value));
				const struct sa_report_result *rr;
				if (rep < 0 || !want)
					continue;
				rr = &res->report[rep];
				if (rr->status == SA_ABSENT) {
					failf(c, v, "%s is not recommended, so it has no %s", sa_report_id((enum sa_report)rep), key);
				} else if (strcmp(key, "actions") == 0) {
					const char *got = rr->action == SA_ACTION_REQUEST ? "request" : "obtain";
					if (strcmp(got, want) != 0)
						failf(c, v, "%s action is %s, expected %s",
						      sa_report_id((enum sa_report)rep), got, want);
				} else {
					enum sa_type got = strcmp(key, "types") == 0 ? rr->type : rr->then.type;
					if (rr->type_open || got != type_of(want))
						failf(c, v, "%s %s is %s, expected %s",
						      sa_report_id((enum sa_report)rep),
						      strcmp(key, "types") == 0 ? "type" : "then type",
						      rr->type_open ? "undecided" :
						      sa_type_id(got) ? sa_type_id(got) : "none/unset",
						      want);
				}
			}
		} else if (strcmp(key, "months") == 0 || strcmp(key, "then_months") == 0) {
			yaml_node_pair_t *q;
			if (v->type != YAML_MAPPING_NODE) {
				failf(c, v, "'%s' must be a mapping", key);
				continue;
			}
			for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
				int rep = report_checked(c, v, str(node(c, q->key)));
				const char *want = str(node(c, q->value));
				const struct sa_report_result *rr;
				char *end = NULL;
				long n = want ? strtol(want, &end, 10) : -1;
				int got;
				if (rep < 0)
					continue;
				if (!want || !*want || *end || n < 1) {
					failf(c, v, "'%s' takes a number of months", key);
					continue;
				}
				rr = &res->report[rep];
				got = strcmp(key, "months") == 0 ? rr->observation_months :
								   rr->then.observation_months;
				if (rr->status == SA_ABSENT || rr->type_open)
					failf(c, v, "%s has no decided %s", sa_report_id((enum sa_report)rep),
					      key);
				else if (got != n)
					failf(c, v, "%s %s is %d, expected %ld",
					      sa_report_id((enum sa_report)rep), key, got, n);
			}
		} else if (strcmp(key, "criteria") == 0 || strcmp(key, "not_criteria") == 0 ||
			   strcmp(key, "exact_criteria") == 0 ||
			   strcmp(key, "possible_criteria") == 0) {
			const unsigned char *cr = res->report[SA_REPORT_SOC2].criteria;
			unsigned char seen[SA_CAT_COUNT] = { 0 };
			EACH(c, v, s)
			{
				int cat = category_checked(c, v, s);
				if (cat < 0)
					continue;
				seen[cat] = 1;
				if ((strcmp(key, "criteria") == 0 || strcmp(key, "exact_criteria") == 0) &&
				    cr[cat] != SA_RECOMMENDED)
					failf(c, v, "soc2 category %s is %s, expected definite", s,
					      status_name(cr[cat]));
				if (strcmp(key, "possible_criteria") == 0 && cr[cat] != SA_POSSIBLE)
					failf(c, v, "soc2 category %s is %s, expected possible", s,
					      status_name(cr[cat]));
				if (strcmp(key, "not_criteria") == 0 && cr[cat] != SA_ABSENT)
					failf(c, v, "soc2 category %s is %s, expected absent", s,
					      status_name(cr[cat]));
			}
			if (strcmp(key, "exact_criteria") == 0)
				for (int k = 0; k < SA_CAT_COUNT; k++)
					if (!seen[k] && cr[k] == SA_RECOMMENDED)
						failf(c, v, "soc2 category %s is definite, not expected",
						      sa_category_id((enum sa_category)k));
			if (res->report[SA_REPORT_SOC2].status == SA_ABSENT &&
			    strcmp(key, "not_criteria") != 0)
				failf(c, v, "soc2 is absent, so '%s' cannot hold", key);
		} else if (strcmp(key, "criteria_basis") == 0) {
			/* {category: required|consider}: the soc2 category is definite with that basis */
			const struct sa_report_result *rr = &res->report[SA_REPORT_SOC2];
			yaml_node_pair_t *q;
			if (v->type != YAML_MAPPING_NODE) {
				failf(c, v, "'%s' must be a mapping", key);
				continue;
			}
			for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
				const char *cs = str(node(c, q->key)), *want = str(node(c, q->value));
				const char *got;
				int cat = category_checked(c, v, cs);
				if (cat < 0 || !want)
					continue;
				got = sa_basis_id((enum sa_basis)rr->basis[cat]);
				if (rr->status == SA_ABSENT || rr->criteria[cat] != SA_RECOMMENDED ||
				    !got || strcmp(got, want) != 0)
					failf(c, v, "soc2 category %s is %s with basis %s, expected %s", cs,
					      status_name(rr->status == SA_ABSENT ? SA_ABSENT :
										    rr->criteria[cat]),
					      got ? got : "none", want);
			}
		} else if (strcmp(key, "advice") == 0 || strcmp(key, "not_advice") == 0 ||
			   strcmp(key, "steps") == 0) {
			enum sa_item_kind k = strcmp(key, "steps") == 0 ? SA_ITEM_STEP : SA_ITEM_ADVICE;
			EACH(c, v, s)
			{
				int i = item_checked(c, v, k, s);
				if (i < 0)
					continue;
				if (strcmp(key, "not_advice") == 0) {
					if (res->items[k][i].status == SA_RECOMMENDED)
						failf(c, v, "advice %s is recommended, expected not", s);
				} else if (res->items[k][i].status != SA_RECOMMENDED) {
					failf(c, v, "%s %s is %s, expected recommended", key, s,
					      status_name(res->items[k][i].status));
				}
			}
		} else if (strcmp(key, "no_type1_for") == 0) {
			EACH(c, v, s)
			{
				int rep = report_checked(c, v, s);
				if (rep >= 0 && res->report[rep].status != SA_ABSENT &&
				    res->report[rep].type == SA_TYPE_1)
					failf(c, v, "%s is recommended as a Type 1", s);
			}
		} else if (strcmp(key, "open") == 0) {
			EACH(c, v, s)
			{
				int q = s ? sa_rules_question_find(c->r, s) : -1;
				if (q < 0)
					failf(c, v, "unknown question '%s' in expectations", s ? s : "?");
				else if (!sa_result_is_open(res, (size_t)q))
					failf(c, v, "question %s is not open", s);
			}
		} else {
			failf(c, v, "unknown expectation key '%s'", key);
		}
	}
}

/* The knowledge base's invariants, checked on every profile. */
static void check_invariants(struct ctx *c, yaml_node_t *at)
{
	const sa_rules *r = c->r;
	const struct sa_result *res = &c->res;
	const struct sa_report_result *s2 = &res->report[SA_REPORT_SOC2];
	const struct sa_report_result *s3 = &res->report[SA_REPORT_SOC3];
	size_t i;
	int rep, k;

	if (s2->status != SA_ABSENT && s2->criteria[SA_CAT_SECURITY] != SA_RECOMMENDED)
		failf(c, at, "invariant: SOC 2 without security");
	if (s3->status != SA_ABSENT && s3->type == SA_TYPE_1)
		failf(c, at, "invariant: SOC 3 as a Type 1");
	if (s3->status == SA_RECOMMENDED &&
	    !(s2->status == SA_RECOMMENDED && (s2->type == SA_TYPE_2 || s2->then.type == SA_TYPE_2 ||
					      s2->type == SA_TYPE_UNSET)))
		failf(c, at, "invariant: SOC 3 without a SOC 2 Type 2 now, next or still to decide");
	/* every recommended item has a reason that holds, and that reason cites a source */
	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		int ok = 0;
		if (res->report[rep].status != SA_RECOMMENDED)
			continue;
		for (i = 0; i < sa_rules_rule_count(r); i++) {
			int rr;
			if (sa_rule_outcome(r, i, &rr, NULL) == SA_OUT_RECOMMEND && rr == rep &&
			    res->rule_tv[i] == SA_TRUE && sa_rule_source_count(r, i) > 0)
				ok = 1;
		}
		if (!ok)
			failf(c, at, "invariant: %s recommended without a sourced reason",
			      sa_report_id((enum sa_report)rep));
	}
	for (k = 0; k < 2; k++)
		for (size_t it = 0; it < sa_rules_item_count(r, (enum sa_item_kind)k); it++) {
			int ok = 0;
			if (res->items[k][it].status != SA_RECOMMENDED)
				continue;
			/* the planner's deadline advice rests on the plan: the deadline is missed */
			if (k == SA_ITEM_ADVICE && sa_timeline_produces(r, it)) {
				if (res->plan.meets_deadline != SA_FALSE)
					failf(c, at, "invariant: %s recommended with the deadline met",
					      sa_item_id(r, SA_ITEM_ADVICE, it));
				continue;
			}
			for (i = 0; i < sa_rules_rule_count(r); i++) {
				int target;
				enum sa_outcome_kind ok_kind = sa_rule_outcome(r, i, NULL, &target);
				if (ok_kind == (k == SA_ITEM_ADVICE ? SA_OUT_ADVICE : SA_OUT_STEP) &&
				    target == (int)it && res->rule_tv[i] == SA_TRUE &&
				    sa_rule_source_count(r, i) > 0)
					ok = 1;
			}
			if (!ok)
				failf(c, at, "invariant: %s recommended without a sourced reason",
				      sa_item_id(r, (enum sa_item_kind)k, it));
		}
}

static void run_profile(struct ctx *c, yaml_node_t *prof)
{
	struct sa_answers a;
	yaml_node_t *answers = get(c, prof, "answers"), *expect = get(c, prof, "expect");
	yaml_node_t *source = get(c, prof, "source");
	yaml_node_pair_t *p;

	c->id = str(get(c, prof, "id"));
	c->profiles++;
	if (!c->id || !str(source) || !*str(source))
		failf(c, prof, "a profile needs an id and a source");
	if (!answers || answers->type != YAML_MAPPING_NODE || !expect ||
	    expect->type != YAML_MAPPING_NODE) {
		failf(c, prof, "a profile needs 'answers' and 'expect' mappings");
		return;
	}
	sa_answers_init(&a, c->r);
	for (p = answers->data.mapping.pairs.start; p < answers->data.mapping.pairs.top; p++) {
		const char *k = str(node(c, p->key)), *v = str(node(c, p->value));
		int q = k ? sa_rules_question_find(c->r, k) : -1;
		int32_t val;
		char m[512];
		if (q < 0 || !v) {
			failf(c, node(c, p->key), "unknown question '%s'", k ? k : "?");
			continue;
		}
		if (sa_answer_parse(c->r, (size_t)q, v, &val, m, sizeof(m)) != SA_OK ||
		    sa_answers_set(&a, c->r, (size_t)q, val, m, sizeof(m)) != SA_OK)
			failf(c, node(c, p->value), "%s", m);
	}
	sa_evaluate(c->r, &a, &c->res);
	sa_answers_release(&a);
	check_expect(c, expect);
	check_invariants(c, prof);
}

static void run_file(struct ctx *c, const char *path)
{
	FILE *f = fopen(path, "rb");
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	yaml_node_item_t *it;

	assert_non_null(f);
	assert_true(yaml_parser_initialize(&parser));
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &doc))
		fail_msg("%s: YAML error: %s", path, parser.problem);
	c->doc = &doc;
	c->file = path;
	root = yaml_document_get_root_node(&doc);
	assert_non_null(root);
	assert_int_equal(root->type, YAML_SEQUENCE_NODE);
	for (it = root->data.sequence.items.start; it < root->data.sequence.items.top; it++)
		run_profile(c, node(c, *it));
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	fclose(f);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_scenarios(void **state)
{
	struct ctx c;
	char dir[1024], *names[256];
	size_t n = 0, i;
	DIR *d;
	struct dirent *e;
	sa_rules *r = load_default();
	(void)state;

	memset(&c, 0, sizeof(c));
	c.r = r;
	sa_result_init(&c.res, r);
	sa_result_set_start_date(&c.res, sa_date_from_ymd(2026, 1, 15)); /* results never depend on the day */
	snprintf(dir, sizeof(dir), "%s/scenarios", SA_TEST_DATA);
	d = opendir(dir);
	assert_non_null(d);
	while ((e = readdir(d)) != NULL && n < 256) {
		size_t len = strlen(e->d_name);
		if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0)
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		char path[2048];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		run_file(&c, path);
		free(names[i]);
	}
	print_message("%zu scenario profiles in %zu files, %zu failures\n", c.profiles, n,
		      c.failures);
	assert_true(n >= 1);
	assert_true(c.profiles >= 40);
	assert_int_equal(c.failures, 0);
	sa_result_release(&c.res);
	sa_rules_free(r);
}

/* The public cases file in tests/ is the shared one, sources kept. */
static void test_public_cases_present(void **state)
{
	char path[1024];
	FILE *f;
	(void)state;
	snprintf(path, sizeof(path), "%s/scenarios/public-cases.yaml", SA_TEST_DATA);
	f = fopen(path, "r");
	assert_non_null(f);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_public_cases_present),
		cmocka_unit_test(test_scenarios),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
