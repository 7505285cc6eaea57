/*
 * reasons.c - unit tests of the reasons a result carries: which rules are reasons is decided
 * once (the lists equal sa_rule_is_reason, and why_not every rule recommending an absent
 * report), each reason's answers are sa_rule_explain's, and every output format shows exactly
 * those reasons (a possible report's type and category reasons included).
 */
#include "support.h"

#include <cjson/cJSON.h>

/* Short "because" texts (Rn), so that the text and Markdown outputs can be searched for them. */
static const char *const RULES =
	"format: 1\n"
	"name: t\n"
	"version: \"1\"\n"
	"sources:\n"
	"  - {id: s, title: S}\n"
	"questions:\n"
	"  - {id: hosting, type: bool, prompt: \"Host?\"}\n"
	"  - {id: uptime, type: bool, prompt: \"Uptime?\"}\n"
	"  - {id: months, type: int, min: 0, max: 99, prompt: \"Months?\"}\n"
	"advice:\n"
	"  - {id: tip, title: Tip, text: \"A tip.\"}\n"
	"rules:\n"
	"  - {id: r.soc2, when: hosting, recommend: soc2, because: R1, why_not: W1, sources: [s]}\n"
	"  - {id: r.type, when: {months: {ge: 0}}, type: {report: soc2, type: type2},\n"
	"     because: R2, sources: [s]}\n"
	"  - {id: r.sec, criteria: {report: soc2, category: security}, because: R3, sources: [s]}\n"
	"  - {id: r.avail, when: uptime, criteria: {report: soc2, category: availability},\n"
	"     because: R4, sources: [s]}\n"
	"  - {id: r.soc1, when: {months: {gt: 50}}, recommend: soc1, because: R5, why_not: W5,\n"
	"     sources: [s]}\n"
	"  - {id: r.tip, when: {all: [hosting, uptime]}, advice: tip, because: R6, sources: [s]}\n";

static char *render(const sa_rules *r, const struct sa_result *res, int fmt, int explain)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	struct sa_output_opts o = { explain, 0, 0, NULL, 0, NULL };
	int rc;
	assert_non_null(mem);
	rc = fmt == 0 ? sa_write_json(mem, r, res, &o) :
	     fmt == 1 ? sa_write_text(mem, r, res, &o) : sa_write_markdown(mem, r, res, &o);
	assert_int_equal(rc, SA_OK);
	fclose(mem);
	return buf;
}

/* The reason lists of res are exactly what sa_rule_is_reason and sa_rule_explain say. */
static void check_lists(const sa_rules *r, const struct sa_result *res)
{
	size_t nr = sa_rules_rule_count(r), nq = sa_rules_question_count(r), i, k, seen = 0;
	unsigned char *used = calloc(nq + 1, 1), *open = calloc(nq + 1, 1);
	size_t *where = calloc(nr + 1, sizeof(*where)); /* 1 + position of rule i in its list */
	const struct sa_reason *list;
	size_t n;
	int rep, t;

	assert_non_null(used);
	assert_non_null(open);
	assert_non_null(where);
	for (rep = 0; rep <= SA_REPORT_COUNT + 1; rep++) {
		size_t items = rep < SA_REPORT_COUNT ? 1 :
			       sa_rules_item_count(r, rep == SA_REPORT_COUNT ? SA_ITEM_ADVICE :
									      SA_ITEM_STEP);
		for (t = 0; (size_t)t < items; t++) {
			int lists = rep < SA_REPORT_COUNT ? 2 : 1, l;
			for (l = 0; l < lists; l++) {
				if (rep < SA_REPORT_COUNT) {
					list = l ? res->report[rep].why_not : res->report[rep].reasons;
					n = l ? res->report[rep].nwhy_not : res->report[rep].nreasons;
				} else {
					enum sa_item_kind ik = rep == SA_REPORT_COUNT ? SA_ITEM_ADVICE :
											SA_ITEM_STEP;
					list = res->items[ik][t].reasons;
					n = res->items[ik][t].nreasons;
				}
				for (k = 0; k < n; k++) {
					const struct sa_reason *x = &list[k];
					int orep, target;
					enum sa_outcome_kind ok = sa_rule_outcome(r, x->rule, &orep, &target);
					assert_true(x->rule < nr);
					assert_int_equal(where[x->rule], 0); /* in one list only */
					where[x->rule] = k + 1;
					seen++;
					if (k)
						assert_true(list[k - 1].rule < x->rule); /* file order */
					assert_int_equal(x->holds, res->rule_tv[x->rule]);
					assert_int_equal(x->slot, sa_rule_slot(r, x->rule));
					if (rep < SA_REPORT_COUNT) {
						assert_int_equal(orep, rep);
						assert_true(ok <= SA_OUT_CRITERIA);
					} else {
						assert_int_equal(target, t);
						assert_int_equal(ok, rep == SA_REPORT_COUNT ? SA_OUT_ADVICE :
											      SA_OUT_STEP);
					}
					if (l) {
						assert_int_equal(ok, SA_OUT_RECOMMEND);
						assert_int_equal(res->report[rep].status, SA_ABSENT);
					} else {
						assert_true(sa_rule_is_reason(r, res, x->rule));
					}
					memset(used, 0, nq);
					memset(open, 0, nq);
					sa_rule_explain(r, res, x->rule, used, open);
					/* each listed once, and nothing left unlisted */
					for (i = 0; i < x->nused; i++) {
						assert_int_equal(used[x->used[i]], 1);
						used[x->used[i]] = 0;
					}
					for (i = 0; i < nq; i++)
						assert_int_equal(used[i], 0);
					if (x->holds != SA_UNKNOWN)
						assert_int_equal(x->nopen, 0);
					for (i = 0; i < x->nopen; i++) {
						assert_int_equal(open[x->open[i]], 1);
						open[x->open[i]] = 0;
					}
					for (i = 0; i < nq && x->holds == SA_UNKNOWN; i++)
						assert_int_equal(open[i], 0);
				}
			}
		}
	}
	/* every reason and every rule of an absent report's why_not is listed, nothing else */
	for (i = 0, n = 0; i < nr; i++) {
		int orep, target;
		enum sa_outcome_kind ok = sa_rule_outcome(r, i, &orep, &target);
		int why_not = ok == SA_OUT_RECOMMEND && res->report[orep].status == SA_ABSENT;
		if (sa_rule_is_reason(r, res, i) || why_not) {
			n++;
			if (!where[i])
				fail_msg("rule %s is a reason but is not listed", sa_rule_id(r, i));
		}
	}
	assert_int_equal(seen, n);
	free(used);
	free(open);
	free(where);
}

static void test_default_rules_lists(void **state)
{
	static const char *const profiles[][6] = {
		{ NULL },
		{ "hosting=true", "customer_data=true", "uptime_commitments=true", NULL },
		{ "payroll=true", "auditor_reliance=true", NULL },
		{ "role=customer", "payroll=true", "gap_months=3", NULL },
		{ "hosting=false", "customer_data=false", "security_reviews=false", "payroll=false",
		  NULL },
		{ "hosting=true", "customer_data=true", "controls_months=12", "public_report=true",
		  NULL },
	};
	sa_rules *r = load_default();
	struct sa_result res;
	size_t p, i;
	(void)state;
	assert_int_equal(sa_result_init(&res, r), SA_OK);
	for (p = 0; p < sizeof(profiles) / sizeof(profiles[0]); p++) {
		struct sa_answers a;
		sa_answers_init(&a, r);
		for (i = 0; profiles[p][i]; i++)
			answer(r, &a, profiles[p][i]);
		sa_evaluate(r, &a, &res);
		check_lists(r, &res);
		sa_answers_release(&a);
	}
	sa_result_release(&res);
	sa_rules_free(r);
}

/* The "rule" ids of the reasons of recommendation report in the JSON document, joined. */
static void json_reasons(const char *json, const char *report, char *out, size_t size)
{
	cJSON *doc = cJSON_Parse(json), *rec, *x;
	size_t len = 0;
	out[0] = '\0';
	assert_non_null(doc);
	cJSON_ArrayForEach(rec, cJSON_GetObjectItemCaseSensitive(doc, "recommendations"))
	{
		if (strcmp(cJSON_GetObjectItemCaseSensitive(rec, "report")->valuestring, report))
			continue;
		cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(rec, "reasons"))
		len += (size_t)snprintf(out + len, size - len, "%s ",
					cJSON_GetObjectItemCaseSensitive(x, "rule")->valuestring);
	}
	cJSON_Delete(doc);
}

/*
 * A possible SOC 2 (hosting unknown) with its type decided and one category open: every format
 * shows the same four reasons, the type and category ones included (text and Markdown used to
 * show only R1).
 */
static void test_possible_report_same_reasons_everywhere(void **state)
{
	sa_rules *r = load_ok(RULES);
	struct sa_result res;
	char ids[256], *json, *text, *md;
	(void)state;
	assert_int_equal(sa_result_init(&res, r), SA_OK);
	eval_answers(r, &res, "months=5", NULL);
	assert_int_equal(res.report[SA_REPORT_SOC2].status, SA_POSSIBLE);
	check_lists(r, &res);
	assert_int_equal(res.report[SA_REPORT_SOC2].nreasons, 4);

	json = render(r, &res, 0, SA_EXPLAIN_REASONS);
	json_reasons(json, "soc2", ids, sizeof(ids));
	assert_string_equal(ids, "r.soc2 r.type r.sec r.avail ");
	text = render(r, &res, 1, SA_EXPLAIN_REASONS);
	md = render(r, &res, 2, SA_EXPLAIN_REASONS);
	assert_non_null(strstr(text, "Would apply if:\n      - R1 [1]\n        (open: --hosting?)\n"
				     "      - R2 [1]\n        (--months=5)\n      - R3 [1]\n"
				     "      - R4 [1]\n        (open: --uptime?)\n"));
	assert_non_null(strstr(md, "Would apply if:\n\n- R1 \\[1\\]\n  - open: `--hosting`\n"
				   "- R2 \\[1\\]\n  - answers: `--months=5`\n- R3 \\[1\\]\n"
				   "- R4 \\[1\\]\n  - open: `--uptime`\n"));
	free(json);
	free(text);
	free(md);
	sa_result_release(&res);
	sa_rules_free(r);
}

/* A recommended SOC 2 shows the open reason of its possible category in every format too. */
static void test_recommended_report_open_category(void **state)
{
	sa_rules *r = load_ok(RULES);
	struct sa_result res;
	char ids[256], *json, *text, *md;
	(void)state;
	assert_int_equal(sa_result_init(&res, r), SA_OK);
	eval_answers(r, &res, "hosting=true", NULL);
	assert_int_equal(res.report[SA_REPORT_SOC2].status, SA_RECOMMENDED);
	assert_int_equal(res.report[SA_REPORT_SOC2].criteria[SA_CAT_AVAILABILITY], SA_POSSIBLE);
	json = render(r, &res, 0, SA_EXPLAIN_REASONS);
	json_reasons(json, "soc2", ids, sizeof(ids));
	/* the type rule is unknown (months unanswered): not a reason, the type is open */
	assert_string_equal(ids, "r.soc2 r.sec r.avail ");
	text = render(r, &res, 1, SA_EXPLAIN_REASONS);
	md = render(r, &res, 2, SA_EXPLAIN_REASONS);
	assert_non_null(strstr(text, "Why:\n      - R1 [1]\n        (--hosting)\n"
				     "      - R3 [1]\n      - R4 [1]\n        (open: --uptime?)\n"));
	assert_non_null(strstr(md, "Why:\n\n- R1 \\[1\\]\n  - answers: `--hosting`\n"
				   "- R3 \\[1\\]\n- R4 \\[1\\]\n  - open: `--uptime`\n"));
	free(json);
	free(text);
	free(md);
	sa_result_release(&res);
	sa_rules_free(r);
}

/* why_not: every rule recommending an absent report, with the answers that made it fail. */
static void test_why_not(void **state)
{
	sa_rules *r = load_ok(RULES);
	struct sa_result res;
	const struct sa_report_result *rr;
	char *text;
	(void)state;
	assert_int_equal(sa_result_init(&res, r), SA_OK);
	eval_answers(r, &res, "months=5", "hosting=false", NULL);
	rr = &res.report[SA_REPORT_SOC1];
	assert_int_equal(rr->status, SA_ABSENT);
	assert_int_equal(rr->nreasons, 0);
	assert_int_equal(rr->nwhy_not, 1);
	assert_string_equal(sa_rule_id(r, rr->why_not[0].rule), "r.soc1");
	assert_int_equal(rr->why_not[0].holds, SA_FALSE);
	assert_int_equal(rr->why_not[0].nused, 1);
	assert_string_equal(sa_question_id(r, rr->why_not[0].used[0]), "months");
	assert_int_equal(res.report[SA_REPORT_SOC3].nwhy_not, 0);
	check_lists(r, &res);
	text = render(r, &res, 1, SA_EXPLAIN_FULL);
	assert_non_null(strstr(text, "  SOC 1\n      - W5 [1]\n        (--months=5)\n"));
	assert_non_null(strstr(text, "  SOC 3\n      - no rule in these rules recommends it\n"));
	free(text);
	sa_result_release(&res);
	sa_rules_free(r);
}

/* The same result evaluated again (the batch path) reuses its storage: no stale reasons. */
static void test_reuse(void **state)
{
	sa_rules *r = load_ok(RULES);
	struct sa_result res;
	(void)state;
	assert_int_equal(sa_result_init(&res, r), SA_OK);
	eval_answers(r, &res, "hosting=true", "uptime=true", "months=5", NULL);
	assert_int_equal(res.items[SA_ITEM_ADVICE][0].nreasons, 1);
	assert_int_equal(res.report[SA_REPORT_SOC2].nreasons, 4);
	eval_answers(r, &res, "hosting=false", NULL);
	assert_int_equal(res.items[SA_ITEM_ADVICE][0].status, SA_ABSENT);
	assert_int_equal(res.items[SA_ITEM_ADVICE][0].nreasons, 0);
	assert_int_equal(res.report[SA_REPORT_SOC2].nreasons, 0);
	assert_int_equal(res.report[SA_REPORT_SOC2].nwhy_not, 1);
	check_lists(r, &res);
	{
		/* an outcome-only evaluation leaves every list empty, none stale */
		struct sa_answers a;
		sa_answers_init(&a, r);
		answer(r, &a, "hosting=true");
		answer(r, &a, "uptime=true");
		sa_evaluate_ex(r, &a, &res, SA_EVAL_NO_REASONS);
		assert_int_equal(res.items[SA_ITEM_ADVICE][0].status, SA_RECOMMENDED);
		assert_int_equal(res.items[SA_ITEM_ADVICE][0].nreasons, 0);
		assert_null(res.items[SA_ITEM_ADVICE][0].reasons);
		assert_int_equal(res.report[SA_REPORT_SOC2].nreasons, 0);
		assert_int_equal(res.report[SA_REPORT_SOC1].nwhy_not, 0);
		sa_answers_release(&a);
	}
	sa_result_release(&res);
	sa_rules_free(r);
}

static void test_question_flag(void **state)
{
	char buf[SA_FLAG_SIZE], tiny[5];
	(void)state;
	assert_string_equal(sa_question_flag("customer_data", 1, buf, sizeof(buf)),
			    "--customer-data");
	assert_string_equal(sa_question_flag("customer_data", 0, buf, sizeof(buf)),
			    "customer-data");
	assert_string_equal(sa_question_flag("a-b_c", 1, buf, sizeof(buf)), "--a-b-c");
	assert_string_equal(sa_question_flag("abcdef", 1, tiny, sizeof(tiny)), "--ab");
	assert_string_equal(sa_question_flag("abcdef", 0, tiny, sizeof(tiny)), "abcd");
	assert_string_equal(sa_question_flag("x", 1, tiny, 1), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_rules_lists),
		cmocka_unit_test(test_possible_report_same_reasons_everywhere),
		cmocka_unit_test(test_recommended_report_open_category),
		cmocka_unit_test(test_why_not),
		cmocka_unit_test(test_reuse),
		cmocka_unit_test(test_question_flag),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
