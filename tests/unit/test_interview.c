/*
 * interview.c - unit tests of the interview logic (sa_interview.h), without any I/O: the next
 * question and its relevance, defaults that do not hide questions, pre-filled answers, reply
 * validation, back (with the replay dropping answers that no longer apply), progress, why a
 * question is asked, --all-questions, and the invariant that a finished interview leaves
 * nothing open or possible.
 */
#include "support.h"

#include "sa_interview.h"

static int qidx(const sa_rules *r, const char *id)
{
	int q = sa_rules_question_find(r, id);
	if (q < 0)
		fail_msg("unknown question in test: %s", id);
	return q;
}

/* Parse text as a reply to id and record it; both must succeed. */
static void reply(sa_interview *it, const sa_rules *r, const char *id, const char *text)
{
	char m[512];
	int32_t v;
	size_t q = (size_t)qidx(r, id);
	if (sa_interview_parse(it, q, text, &v, m, sizeof(m)) != SA_OK)
		fail_msg("reply '%s' to %s rejected: %s", text, id, m);
	if (sa_interview_answer(it, q, v, m, sizeof(m)) != SA_OK)
		fail_msg("answer '%s' to %s refused: %s", text, id, m);
}

static const char *next_id(const sa_interview *it, const sa_rules *r)
{
	int q = sa_interview_next(it);
	return q < 0 ? "(done)" : sa_question_id(r, (size_t)q);
}

static void test_first_questions(void **state)
{
	sa_rules *r = load_default();
	sa_interview *it = NULL;
	size_t idx, est;
	(void)state;
	assert_int_equal(sa_interview_new(r, NULL, NULL, &it), SA_OK);
	/* role has a default, yet it is asked first: a default is what Enter picks */
	assert_string_equal(next_id(it, r), "role");
	sa_interview_progress(it, &idx, &est);
	assert_int_equal(idx, 1);
	assert_true(est > 1 && est <= sa_rules_question_count(r));
	reply(it, r, "role", "1");
	assert_string_equal(next_id(it, r), "service_org");
	sa_interview_progress(it, &idx, &est);
	assert_int_equal(idx, 2);
	sa_interview_free(it);
	sa_rules_free(r);
}

static void test_customer_skips_provider_questions(void **state)
{
	sa_rules *r = load_default();
	sa_interview *it = NULL;
	(void)state;
	sa_interview_new(r, NULL, NULL, &it);
	reply(it, r, "role", "customer");
	/* service_org applies only to providers */
	assert_false(sa_interview_askable(it, (size_t)qidx(r, "service_org")));
	assert_false(sa_interview_askable(it, (size_t)qidx(r, "board_cyber_assurance")));
	/* the question that decides the most comes next: whether the vendor hosts systems */
	assert_string_equal(next_id(it, r), "hosting");
	reply(it, r, "payroll", "n");
	reply(it, r, "billing", "n");
	reply(it, r, "financial_processing", "no");
	/* no financial service: auditor reliance no longer matters */
	assert_false(sa_interview_askable(it, (size_t)qidx(r, "auditor_reliance")));
	sa_interview_free(it);
	sa_rules_free(r);
}

static void test_prefilled_not_asked_nor_undone(void **state)
{
	sa_rules *r = load_default();
	struct sa_answers a;
	sa_interview *it = NULL;
	(void)state;
	sa_answers_init(&a, r);
	answer(r, &a, "role=customer");
	answer(r, &a, "payroll=true");
	sa_interview_new(r, &a, NULL, &it);
	assert_false(sa_interview_askable(it, (size_t)qidx(r, "role")));
	assert_false(sa_interview_askable(it, (size_t)qidx(r, "payroll")));
	assert_string_not_equal(next_id(it, r), "role");
	assert_string_not_equal(next_id(it, r), "payroll");
	/* nothing to take back: pre-filled answers stay */
	assert_int_equal(sa_interview_back(it, NULL), -1);
	assert_int_equal(sa_interview_answers(it)->origin[qidx(r, "payroll")], SA_ORIGIN_GIVEN);
	/* answering a pre-filled question again is refused */
	{
		char m[256];
		assert_int_equal(sa_interview_answer(it, (size_t)qidx(r, "payroll"), 0, m, sizeof(m)),
				 SA_ERR_ANSWER);
		assert_non_null(strstr(m, "already answered"));
	}
	sa_interview_free(it);
	sa_answers_release(&a);
	sa_rules_free(r);
}

struct parse_case {
	const char *question;
	const char *text;
	int ok;
	int32_t value;
	const char *message; /* a substring of the message when not ok */
};

static const struct parse_case parse_cases[] = {
	{ "role", "1", 1, 0, NULL },
	{ "role", "2", 1, 1, NULL },
	{ "role", " Customer ", 1, 1, NULL },
	{ "role", "", 1, 0, NULL }, /* the default: provider */
	{ "role", "3", 0, 0, "1 to 2" },
	{ "role", "vendor", 0, 0, "choices: provider, customer" },
	{ "service_org", "", 1, 1, NULL }, /* default true */
	{ "payroll", "y", 1, 1, NULL },
	{ "payroll", "NO", 1, 0, NULL },
	{ "payroll", "", 0, 0, "an answer is needed: y or n" },
	{ "payroll", "maybe", 0, 0, "'maybe' is not an answer to 'payroll': reply y or n" },
	{ "controls_months", " 12 ", 1, 12, NULL },
	{ "controls_months", "0", 1, 0, NULL },
	{ "controls_months", "121", 0, 0, "out of range for 'controls_months' (allowed: 0 to 120)" },
	{ "controls_months", "-1", 0, 0, "out of range" },
	{ "controls_months", "six", 0, 0, "expected a whole number from 0 to 120" },
	{ "controls_months", "", 0, 0, "a whole number from 0 to 120" },
};

static void test_parse_table(void **state)
{
	sa_rules *r = load_default();
	sa_interview *it = NULL;
	size_t i;
	(void)state;
	sa_interview_new(r, NULL, NULL, &it);
	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		const struct parse_case *c = &parse_cases[i];
		char m[512] = "";
		int32_t v = -99;
		int rc = sa_interview_parse(it, (size_t)qidx(r, c->question), c->text, &v, m,
					    sizeof(m));
		if (c->ok && (rc != SA_OK || v != c->value))
			fail_msg("%s '%s': expected %d, got rc %d value %d (%s)", c->question, c->text,
				 (int)c->value, rc, (int)v, m);
		if (!c->ok && (rc != SA_ERR_ANSWER || !strstr(m, c->message)))
			fail_msg("%s '%s': expected an error containing '%s', got rc %d '%s'",
				 c->question, c->text, c->message, rc, m);
	}
	sa_interview_free(it);
	sa_rules_free(r);
}

static void test_commands(void **state)
{
	(void)state;
	assert_int_equal(sa_interview_command("?"), SA_CMD_HELP);
	assert_int_equal(sa_interview_command(" HELP "), SA_CMD_HELP);
	assert_int_equal(sa_interview_command("<"), SA_CMD_BACK);
	assert_int_equal(sa_interview_command("back"), SA_CMD_BACK);
	assert_int_equal(sa_interview_command("quit"), SA_CMD_QUIT);
	assert_int_equal(sa_interview_command("u"), SA_CMD_UNKNOWN);
	assert_int_equal(sa_interview_command(" Unknown"), SA_CMD_UNKNOWN);
	assert_int_equal(sa_interview_command("skip"), SA_CMD_UNKNOWN);
	assert_int_equal(sa_interview_command("y"), SA_CMD_NONE);
	assert_int_equal(sa_interview_command(""), SA_CMD_NONE);
	assert_int_equal(sa_interview_command("backup"), SA_CMD_NONE);
}

static void test_back_replays_and_offers_old_answer(void **state)
{
	sa_rules *r = load_default();
	sa_interview *it = NULL;
	size_t dropped = 99, idx, est;
	int32_t v;
	int q;
	(void)state;
	sa_interview_new(r, NULL, NULL, &it);
	reply(it, r, "role", "provider");
	reply(it, r, "service_org", "y");
	reply(it, r, "payroll", "y");
	/* payroll decides SOC 1: billing and financial_processing no longer matter */
	assert_false(sa_interview_askable(it, (size_t)qidx(r, "billing")));
	assert_true(sa_interview_askable(it, (size_t)qidx(r, "auditor_reliance")));
	q = sa_interview_back(it, &dropped);
	assert_int_equal(q, qidx(r, "payroll"));
	assert_int_equal(dropped, 0);
	assert_int_equal(sa_interview_log_count(it), 2);
	assert_string_equal(next_id(it, r), "payroll");
	sa_interview_progress(it, &idx, &est);
	assert_int_equal(idx, 3);
	/* the answer taken back is the default now */
	assert_int_equal(sa_interview_default(it, (size_t)q, &v), 1);
	assert_int_equal(v, 1);
	assert_int_equal(sa_interview_answers(it)->origin[q], SA_ORIGIN_NONE);
	/* answer differently: the interview goes on from there */
	reply(it, r, "payroll", "n");
	assert_int_equal(sa_interview_answers(it)->value[q], 0);
	assert_true(sa_interview_askable(it, (size_t)qidx(r, "billing")));
	/* back twice, then nothing left */
	assert_int_equal(sa_interview_back(it, NULL), qidx(r, "payroll"));
	assert_int_equal(sa_interview_back(it, NULL), qidx(r, "service_org"));
	assert_int_equal(sa_interview_back(it, NULL), qidx(r, "role"));
	assert_int_equal(sa_interview_back(it, NULL), -1);
	assert_string_equal(next_id(it, r), "role");
	sa_interview_free(it);
	sa_rules_free(r);
}

/* A small rules file where answering a makes b irrelevant. */
static const char small_rules[] =
	"format: 1\n"
	"name: t\n"
	"version: '1'\n"
	"sources:\n"
	"  - {id: s1, title: A source}\n"
	"questions:\n"
	"  - {id: a, type: bool, prompt: A?}\n"
	"  - {id: b, type: bool, prompt: B?}\n"
	"  - {id: c, type: bool, prompt: C?}\n"
	"  - {id: n, type: int, min: 0, max: 10, default: 5, prompt: N?}\n"
	"rules:\n"
	"  - {id: r1, when: {all: [a, b]}, recommend: soc1, because: B, sources: [s1]}\n"
	"  - {id: r2, when: c, recommend: soc2, because: B, sources: [s1]}\n"
	"  - {id: r3, when: {all: [c, {n: {ge: 3}}]}, recommend: soc3, because: B, sources: [s1]}\n";

static void test_back_drops_irrelevant_answers(void **state)
{
	sa_rules *r = load_ok(small_rules);
	sa_interview *it = NULL;
	size_t dropped = 0;
	(void)state;
	sa_interview_new(r, NULL, NULL, &it);
	/* c decides two reports, a only one: c comes first */
	assert_string_equal(next_id(it, r), "c");
	reply(it, r, "a", "n");
	/* with a false, b decides nothing: it is skipped */
	assert_false(sa_interview_askable(it, (size_t)qidx(r, "b")));
	assert_string_equal(next_id(it, r), "c");
	/* a front end may still record b out of order... */
	reply(it, r, "b", "y");
	reply(it, r, "c", "y");
	assert_int_equal(sa_interview_log_count(it), 3);
	/* ...but back's replay keeps only what would still be asked */
	assert_int_equal(sa_interview_back(it, &dropped), qidx(r, "c"));
	assert_int_equal(dropped, 1);
	assert_int_equal(sa_interview_log_count(it), 1);
	assert_int_equal(sa_interview_log_question(it, 0, NULL), (size_t)qidx(r, "a"));
	assert_int_equal(sa_interview_answers(it)->origin[qidx(r, "b")], SA_ORIGIN_NONE);
	sa_interview_free(it);
	sa_rules_free(r);
}

/* "I don't know": not asked again, kept by back's replay, and what it decides stays possible. */
static void test_unknown_answer(void **state)
{
	sa_rules *r = load_ok(small_rules);
	sa_interview *it = NULL;
	struct sa_result res;
	char m[256];
	size_t qc = (size_t)qidx(r, "c");
	(void)state;
	sa_interview_new(r, NULL, NULL, &it);
	reply(it, r, "a", "n");
	assert_string_equal(next_id(it, r), "c");
	assert_int_equal(sa_interview_answer_unknown(it, qc, m, sizeof(m)), SA_OK);
	assert_false(sa_interview_askable(it, qc));
	assert_true(sa_interview_log_unknown(it, 1));
	assert_false(sa_interview_log_unknown(it, 0));
	assert_false(sa_interview_log_unknown(it, 9));
	/* asked once: a second answer is refused */
	assert_int_equal(sa_interview_answer_unknown(it, qc, m, sizeof(m)), SA_ERR_ANSWER);
	assert_non_null(strstr(m, "already answered (unknown)"));
	/* n can still rule SOC 3 out; after it nothing is left to ask */
	assert_string_equal(next_id(it, r), "n");
	reply(it, r, "n", "4");
	assert_string_equal(next_id(it, r), "(done)");
	sa_result_init(&res, r);
	sa_evaluate(r, sa_interview_answers(it), &res);
	assert_int_equal(res.report[SA_REPORT_SOC2].status, SA_POSSIBLE);
	assert_int_equal(sa_interview_answers(it)->origin[qc], SA_ORIGIN_UNKNOWN);
	/* back twice takes the unknown back: c is asked again, with no default */
	assert_int_equal(sa_interview_back(it, NULL), qidx(r, "n"));
	assert_int_equal(sa_interview_back(it, NULL), (int)qc);
	assert_true(sa_interview_askable(it, qc));
	{
		int32_t v;
		assert_int_equal(sa_interview_default(it, qc, &v), 0);
	}
	sa_result_release(&res);
	sa_interview_free(it);
	sa_rules_free(r);
}

/* The same rules with a checklist of a and c, and n pinned first. */
static const char checklist_rules[] =
	"format: 1\n"
	"name: t\n"
	"version: '1'\n"
	"ask_first: [n]\n"
	"sources:\n"
	"  - {id: s1, title: A source}\n"
	"questions:\n"
	"  - {id: a, type: bool, prompt: A?}\n"
	"  - {id: b, type: bool, prompt: B?}\n"
	"  - {id: c, type: bool, prompt: C?}\n"
	"  - {id: n, type: int, min: 0, max: 10, default: 5, prompt: N?}\n"
	"checklists:\n"
	"  - id: ac\n"
	"    prompt: Which?\n"
	"    items: [{question: a, label: the a}, {question: c, label: the c}]\n"
	"rules:\n"
	"  - {id: r1, when: {all: [a, b]}, recommend: soc1, because: B, sources: [s1]}\n"
	"  - {id: r2, when: c, recommend: soc2, because: B, sources: [s1]}\n"
	"  - {id: r3, when: {all: [c, {n: {ge: 3}}]}, recommend: soc3, because: B, sources: [s1]}\n";

/* ask_first, then a checklist as one step: parse, answer, progress, back as a whole. */
static void test_checklist(void **state)
{
	sa_rules *r = load_ok(checklist_rules);
	sa_interview *it = NULL;
	struct sa_interview_step st;
	unsigned char ticked[2];
	char m[256];
	size_t idx, est;
	(void)state;
	assert_int_equal(sa_rules_checklist_count(r), 1);
	assert_string_equal(sa_checklist_item_label(r, 0, 1), "the c");
	sa_interview_new(r, NULL, NULL, &it);
	/* n is pinned first, though c decides more */
	assert_int_equal(sa_interview_step(it, &st), 1);
	assert_false(st.checklist);
	assert_string_equal(sa_question_id(r, st.index), "n");
	reply(it, r, "n", "4");
	/* a and c are both open: one checklist step */
	assert_int_equal(sa_interview_step(it, &st), 1);
	assert_true(st.checklist);
	assert_int_equal(st.index, 0);
	sa_interview_progress(it, &idx, &est);
	/* n, then the checklist and b (which decides SOC 1 while a is unknown) */
	assert_int_equal(idx, 2);
	assert_int_equal(est, 3);
	assert_int_equal(sa_interview_parse_checklist(it, 0, "9", ticked, m, sizeof(m)),
			 SA_ERR_ANSWER);
	assert_non_null(strstr(m, "'9' is not one of the items"));
	assert_int_equal(sa_interview_parse_checklist(it, 0, "", ticked, m, sizeof(m)),
			 SA_ERR_ANSWER);
	assert_int_equal(sa_interview_parse_checklist(it, 0, " 2 ", ticked, m, sizeof(m)), SA_OK);
	assert_false(ticked[0]);
	assert_true(ticked[1]);
	assert_int_equal(sa_interview_parse_checklist(it, 0, "a, c", ticked, m, sizeof(m)), SA_OK);
	assert_true(ticked[0] && ticked[1]);
	assert_int_equal(sa_interview_parse_checklist(it, 0, "none", ticked, m, sizeof(m)), SA_OK);
	assert_false(ticked[0] || ticked[1]);
	ticked[0] = 0;
	ticked[1] = 1;
	assert_int_equal(sa_interview_answer_checklist(it, 0, ticked, 0, m, sizeof(m)), SA_OK);
	/* c yes, a no: two answers, one step; a false leaves b nothing to decide */
	assert_int_equal(sa_interview_log_count(it), 3);
	assert_int_equal(sa_interview_step_count(it), 2);
	assert_int_equal(sa_interview_answers(it)->value[qidx(r, "c")], 1);
	assert_int_equal(sa_interview_answers(it)->value[qidx(r, "a")], 0);
	assert_int_equal(sa_interview_next(it), -1);
	/* back takes the whole checklist back */
	assert_int_equal(sa_interview_back(it, NULL), qidx(r, "a"));
	assert_int_equal(sa_interview_log_count(it), 1);
	assert_int_equal(sa_interview_step(it, &st), 1);
	assert_true(st.checklist);
	/* "I don't know" to a checklist: every open item unknown */
	assert_int_equal(sa_interview_answer_checklist(it, 0, NULL, 1, m, sizeof(m)), SA_OK);
	assert_int_equal(sa_interview_answers(it)->origin[qidx(r, "a")], SA_ORIGIN_UNKNOWN);
	assert_int_equal(sa_interview_answers(it)->origin[qidx(r, "c")], SA_ORIGIN_UNKNOWN);
	/* with a unknown, b may still decide SOC 1: asked alone */
	assert_string_equal(next_id(it, r), "b");
	assert_int_equal(sa_interview_step(it, &st), 1);
	assert_false(st.checklist);
	sa_interview_free(it);
	sa_rules_free(r);
}

/* Load doc, which must fail with a diagnostic containing want. */
static void expect_load_error(const char *doc, const char *want)
{
	struct sa_diags d;
	sa_rules *r;
	size_t i;
	int found = 0;
	sa_diags_init(&d);
	r = load_text(doc, &d);
	for (i = 0; i < d.len; i++)
		if (strstr(d.items[i].message, want))
			found = 1;
	if (r || !found)
		fail_msg("expected an error '%s' for:\n%s", want, doc);
	sa_diags_release(&d);
}

/* The loader's checks of ask_first and checklists. */
static void test_checklist_load_errors(void **state)
{
	static const char *const bad[][2] = {
		{ "ask_first: [zz]\n", "'ask_first' names unknown question 'zz'" },
		{ "ask_first: [a, a]\n", "'ask_first' names question 'a' twice" },
		{ "checklists:\n  - {id: x, prompt: P, items: [{question: a, label: L}]}\n",
		  "must be a list of at least two items" },
		{ "checklists:\n  - {id: x, prompt: P, items: [{question: a, label: L}, "
		  "{question: n, label: M}]}\n",
		  "'n' is not a yes/no question" },
		{ "checklists:\n  - {id: x, prompt: P, items: [{question: a, label: L}, "
		  "{question: a, label: M}]}\n",
		  "question 'a' is already in checklist 'x'" },
		{ "checklists:\n  - {id: a, prompt: P, items: [{question: b, label: L}, "
		  "{question: c, label: M}]}\n",
		  "checklist id 'a' is already a question or a fact" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char doc[2048];
		snprintf(doc, sizeof(doc), "%s%s", small_rules, bad[i][0]);
		expect_load_error(doc, bad[i][1]);
	}
}

static void test_default_int_asked_only_when_it_matters(void **state)
{
	sa_rules *r = load_ok(small_rules);
	sa_interview *it = NULL;
	(void)state;
	sa_interview_new(r, NULL, NULL, &it);
	reply(it, r, "a", "n");
	reply(it, r, "c", "n");
	/* with c false, n decides nothing: its default stands and the interview is done */
	assert_int_equal(sa_interview_next(it), -1);
	sa_interview_free(it);
	sa_interview_new(r, NULL, NULL, &it);
	reply(it, r, "a", "n");
	reply(it, r, "c", "y");
	assert_string_equal(next_id(it, r), "n");
	reply(it, r, "n", ""); /* Enter: the default, 5 */
	assert_int_equal(sa_interview_answers(it)->value[qidx(r, "n")], 5);
	assert_int_equal(sa_interview_answers(it)->origin[qidx(r, "n")], SA_ORIGIN_GIVEN);
	assert_int_equal(sa_interview_next(it), -1);
	sa_interview_free(it);
	sa_rules_free(r);
}

static void test_why(void **state)
{
	sa_rules *r = load_default();
	sa_interview *it = NULL;
	size_t slots[256], n, i;
	char buf[256];
	int soc1 = 0;
	(void)state;
	sa_interview_new(r, NULL, NULL, &it);
	reply(it, r, "role", "provider");
	reply(it, r, "service_org", "y");
	n = sa_interview_why(it, (size_t)qidx(r, "payroll"), slots, 256);
	assert_true(n > 0 && n <= 256);
	for (i = 0; i < n; i++)
		if (strcmp(sa_interview_slot_describe(r, slots[i], buf, sizeof(buf)),
			   "whether SOC 1 is recommended") == 0)
			soc1 = 1;
	assert_true(soc1);
	/* an answered question waits on nothing */
	assert_int_equal(sa_interview_why(it, (size_t)qidx(r, "role"), slots, 256), 0);
	assert_string_equal(sa_interview_slot_describe(r, (size_t)slot_index(r, "soc2:type"), buf,
						       sizeof(buf)),
			    "the type of SOC 2 (Type 1 or Type 2)");
	assert_string_equal(sa_interview_slot_describe(r, (size_t)slot_index(r, "soc2:availability"),
						       buf, sizeof(buf)),
			    "whether SOC 2 covers Availability");
	assert_string_equal(sa_interview_slot_describe(r, (size_t)slot_index(r, "advice:bridge_letter"),
						       buf, sizeof(buf)),
			    "advice: Bridge letter");
	assert_int_equal(sa_interview_slot_kind(r, (size_t)slot_index(r, "step:pick_cpa_firm")),
			 SA_SLOT_STEP);
	assert_int_equal(sa_interview_slot_kind(r, (size_t)slot_index(r, "soc1")), SA_SLOT_REPORT);
	assert_int_equal(sa_interview_slot_kind(r, (size_t)slot_index(r, "soc1:type")), SA_SLOT_TYPE);
	assert_string_equal(sa_interview_slot_label(r, (size_t)slot_index(r, "soc2:privacy"), buf,
						    sizeof(buf)),
			    "SOC 2 Privacy");
	assert_string_equal(sa_interview_slot_label(r, (size_t)slot_index(r, "step:pick_cpa_firm"),
						    buf, sizeof(buf)),
			    "Choose a licensed CPA firm (independent of any...");
	sa_interview_free(it);
	sa_rules_free(r);
}

static void test_all_questions(void **state)
{
	sa_rules *r = load_ok(small_rules);
	struct sa_interview_opts o = { 1 };
	sa_interview *it = NULL;
	size_t idx, est;
	(void)state;
	sa_interview_new(r, NULL, &o, &it);
	reply(it, r, "a", "n");
	/* b decides nothing, but every applicable question is asked: after c, which decides */
	assert_string_equal(next_id(it, r), "c");
	sa_interview_progress(it, &idx, &est);
	assert_int_equal(idx, 2);
	assert_int_equal(est, 4);
	reply(it, r, "c", "n");
	assert_string_equal(next_id(it, r), "b");
	reply(it, r, "b", "n");
	reply(it, r, "n", "2");
	assert_int_equal(sa_interview_next(it), -1);
	sa_interview_progress(it, &idx, &est);
	assert_int_equal(idx, 0);
	assert_int_equal(est, 0);
	sa_interview_free(it);
	sa_rules_free(r);
}

/*
 * Whatever the replies, a finished interview leaves nothing open and nothing merely possible
 * under the real rules (defaults applied), and never asks a question twice. Random replies from
 * a fixed seed, with random backs.
 */
static void test_finished_interview_decides_everything(void **state)
{
	sa_rules *r = load_default();
	struct sa_result res;
	unsigned seed = 12345;
	size_t nq = sa_rules_question_count(r), run;
	(void)state;
	sa_result_init(&res, r);
	for (run = 0; run < 400; run++) {
		sa_interview *it = NULL;
		size_t steps = 0, q2;
		int q, rep;
		sa_interview_new(r, NULL, NULL, &it);
		while ((q = sa_interview_next(it)) >= 0) {
			char m[256];
			int32_t v, mn, mx;
			assert_true(steps++ < 4 * nq);
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 10 == 0 && sa_interview_log_count(it)) {
				assert_true(sa_interview_back(it, NULL) >= 0);
				continue;
			}
			switch (sa_question_type(r, (size_t)q)) {
			case SA_Q_BOOL:
				v = (int32_t)((seed >> 8) & 1);
				break;
			case SA_Q_ENUM:
				v = (int32_t)((seed >> 8) % sa_question_choice_count(r, (size_t)q));
				break;
			default:
				sa_question_range(r, (size_t)q, &mn, &mx);
				v = mn + (int32_t)((seed >> 8) % (unsigned)(mx - mn + 1) % 13);
				break;
			}
			if (sa_interview_answer(it, (size_t)q, v, m, sizeof(m)) != SA_OK)
				fail_msg("run %zu: answer %d to %s refused: %s", run, (int)v,
					 sa_question_id(r, (size_t)q), m);
		}
		sa_evaluate(r, sa_interview_answers(it), &res);
		for (q2 = 0; q2 < nq; q2++)
			if (sa_result_is_open(&res, q2))
				fail_msg("run %zu: %s still open after the interview", run,
					 sa_question_id(r, q2));
		for (rep = 0; rep < SA_REPORT_COUNT; rep++)
			if (res.report[rep].status == SA_POSSIBLE)
				fail_msg("run %zu: %s still possible after the interview", run,
					 sa_report_title((enum sa_report)rep));
		sa_interview_free(it);
	}
	sa_result_release(&res);
	sa_rules_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_questions),
		cmocka_unit_test(test_customer_skips_provider_questions),
		cmocka_unit_test(test_prefilled_not_asked_nor_undone),
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_back_replays_and_offers_old_answer),
		cmocka_unit_test(test_back_drops_irrelevant_answers),
		cmocka_unit_test(test_unknown_answer),
		cmocka_unit_test(test_checklist),
		cmocka_unit_test(test_checklist_load_errors),
		cmocka_unit_test(test_default_int_asked_only_when_it_matters),
		cmocka_unit_test(test_why),
		cmocka_unit_test(test_all_questions),
		cmocka_unit_test(test_finished_interview_decides_everything),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
