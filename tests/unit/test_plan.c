/*
 * plan.c - the planner: civil-date arithmetic, dated milestones on a small rules file with a
 * timeline, the timeline loader's errors, and the iCalendar output parsed back with libical.
 */
#include "support.h"
#include "plan.h"

#include <libical/ical.h>

static int32_t D(int y, int m, int d)
{
	return sa_date_from_ymd(y, m, d);
}

static const char *fmt(int32_t d, char *buf)
{
	return sa_date_format(d, buf);
}

/* ---- dates ------------------------------------------------------------------------------------ */

static void test_dates_roundtrip(void **state)
{
	int32_t d;
	int y, m, day, py = 0, pm = 0, pd = 0;
	(void)state;
	assert_int_equal(D(1970, 1, 1), 0);
	assert_int_equal(D(2000, 3, 1), 11017);
	assert_int_equal(D(1969, 12, 31), -1);
	assert_int_equal(D(2024, 3, 1) - D(2024, 2, 28), 2); /* leap year */
	assert_int_equal(D(2100, 3, 1) - D(2100, 2, 28), 1); /* not a leap year */
	assert_int_equal(D(2000, 3, 1) - D(2000, 2, 28), 2); /* 400-year rule */
	/* every day from 1899 to 9901 converts back to itself and follows the previous one */
	for (d = D(1899, 12, 31); d <= D(9901, 1, 1); d++) {
		sa_date_to_ymd(d, &y, &m, &day);
		assert_int_equal(D(y, m, day), d);
		if (d > D(1899, 12, 31)) {
			int next_day = day == pd + 1 && m == pm && y == py;
			int next_month = day == 1 && ((m == pm + 1 && y == py) ||
						      (m == 1 && pm == 12 && y == py + 1));
			assert_true(next_day || next_month);
		}
		py = y;
		pm = m;
		pd = day;
	}
}

static void test_dates_months(void **state)
{
	(void)state;
	assert_int_equal(sa_date_add_months(D(2026, 1, 31), 1), D(2026, 2, 28));
	assert_int_equal(sa_date_add_months(D(2024, 1, 31), 1), D(2024, 2, 29));
	assert_int_equal(sa_date_add_months(D(2026, 3, 31), -1), D(2026, 2, 28));
	assert_int_equal(sa_date_add_months(D(2026, 1, 15), -2), D(2025, 11, 15));
	assert_int_equal(sa_date_add_months(D(2026, 1, 15), 12), D(2027, 1, 15));
	assert_int_equal(sa_date_add_months(D(2026, 8, 31), 6), D(2027, 2, 28));
	assert_int_equal(sa_date_add_months(D(2026, 12, 31), -12), D(2025, 12, 31));
	assert_int_equal(sa_date_add_months(D(2026, 5, 10), 0), D(2026, 5, 10));
	assert_int_equal(sa_date_add_months(D(2026, 5, 10), -125), D(2015, 12, 10));
}

static void test_dates_parse_format(void **state)
{
	static const char *const bad[] = { "", "2026-02-30", "2026-1-05", "20260105", "1899-12-31",
					   "9901-01-01", "2026-13-01", "2026-00-10", " 2026-01-01",
					   "2026-01-01 ", "2026/01/01", "2025-02-29", "abcd-ef-gh",
					   "+026-01-01" };
	char buf[SA_DATE_SIZE];
	int32_t d = 7;
	size_t i;
	(void)state;
	assert_int_equal(sa_date_parse("2026-01-15", &d), 0);
	assert_int_equal(d, D(2026, 1, 15));
	assert_string_equal(fmt(d, buf), "2026-01-15");
	assert_int_equal(sa_date_parse("2024-02-29", &d), 0);
	assert_string_equal(fmt(d, buf), "2024-02-29");
	assert_int_equal(sa_date_parse("1900-01-01", &d), 0);
	assert_int_equal(sa_date_parse("9900-12-31", &d), 0);
	assert_string_equal(fmt(d, buf), "9900-12-31");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		d = 7;
		assert_int_equal(sa_date_parse(bad[i], &d), -1);
		assert_int_equal(d, 7);
	}
	assert_null(NULL);
}

/* ---- the planner on a small rules file ---------------------------------------------------------- */

static const char *const fixture =
	"format: 1\nname: plan-test\nversion: '1'\n"
	"sources:\n  - {id: s1, title: S1}\n  - {id: s2, title: S2}\n"
	"questions:\n"
	"  - {id: soc1, type: bool, prompt: p}\n"
	"  - {id: soc2, type: bool, prompt: p}\n"
	"  - {id: customer, type: bool, prompt: p, default: false}\n"
	"  - {id: type1, type: bool, prompt: p}\n"
	"  - {id: ready, type: bool, prompt: p, default: false}\n"
	"  - {id: first_report, type: bool, prompt: p}\n"
	"  - {id: last_report_type, type: enum, choices: [none, type1, type2], prompt: p}\n"
	"  - {id: controls_months, type: int, min: 0, max: 120, prompt: p}\n"
	"  - {id: deadline_months, type: int, min: 0, max: 60, prompt: p}\n"
	"  - {id: gap_months, type: int, min: 0, max: 24, prompt: p}\n"
	"  - {id: evidence_retained, type: bool, prompt: p, default: false}\n"
	"advice:\n"
	"  - {id: readiness, text: 'Readiness first.'}\n"
	"  - {id: late, text: 'The first report comes after the deadline.'}\n"
	"rules:\n"
	"  - {id: r1, when: {all: [soc1, {customer: false}]}, recommend: soc1, because: b, sources: [s1]}\n"
	"  - {id: r1c, when: {all: [soc1, customer]}, recommend: {report: soc1, action: request},\n"
	"     because: b, sources: [s1]}\n"
	"  - {id: r2, when: soc2, recommend: soc2, because: b, sources: [s1]}\n"
	"  - {id: t1a, when: type1, type: {report: soc1, type: type1, then: {type: type2}},\n"
	"     because: b, sources: [s1]}\n"
	"  - {id: t1b, when: {not: type1}, type: {report: soc1, type: type2}, because: b, sources: [s1]}\n"
	"  - {id: t2a, when: type1, type: {report: soc2, type: type1, then: {type: type2}},\n"
	"     because: b, sources: [s1]}\n"
	"  - {id: t2b, when: {not: type1}, type: {report: soc2, type: type2}, because: b, sources: [s1]}\n"
	"  - {id: rd, when: ready, advice: readiness, because: b, sources: [s1]}\n"
	"timeline:\n"
	"  deadline_advice: late\n"
	"  readiness_advice: readiness\n"
	"  readiness_weeks: {min: 4, max: 12, sources: [s1]}\n"
	"  type1_lead_weeks: {min: 6, max: 12, sources: [s1]}\n"
	"  reporting_weeks: {min: 4, max: 6, sources: [s2]}\n"
	"  bridge_letter_months: {normal: 3, max: 6, sources: [s2]}\n"
	"  type2_window_months:\n"
	"    soc1:\n"
	"      first_report: {min: 6, max: 12, sources: [s1]}\n"
	"      after_type1: {min: 6, max: 6, sources: [s1]}\n"
	"      annual: {min: 12, max: 12, sources: [s1]}\n"
	"    soc2:\n"
	"      first_report: {min: 3, max: 12, sources: [s1]}\n"
	"      after_type1: {min: 3, max: 6, sources: [s1]}\n"
	"      annual: {min: 12, max: 12, sources: [s1]}\n";

struct fx {
	sa_rules *r;
	struct sa_answers a;
	struct sa_result res;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->r = load_ok(fixture);
	sa_answers_init(&f->a, f->r);
	sa_result_init(&f->res, f->r);
	sa_result_set_start_date(&f->res, D(2026, 1, 15));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	sa_result_release(&f->res);
	sa_answers_release(&f->a);
	sa_rules_free(f->r);
	free(f);
	return 0;
}

/* Evaluate the NULL-terminated "id=value" answers from a clean slate. */
static const struct sa_plan *plan_of(struct fx *f, ...)
{
	va_list ap;
	const char *s;
	sa_answers_clear(&f->a);
	va_start(ap, f);
	while ((s = va_arg(ap, const char *)) != NULL)
		answer(f->r, &f->a, s);
	va_end(ap);
	sa_evaluate(f->r, &f->a, &f->res);
	return &f->res.plan;
}

static const struct sa_milestone *find(const struct sa_plan *p, enum sa_report rep,
				       enum sa_milestone_kind k, int nth)
{
	size_t i;
	for (i = 0; i < p->n; i++)
		if (p->m[i].report == rep && p->m[i].kind == k && nth-- == 0)
			return &p->m[i];
	return NULL;
}

static void expect_range(const struct sa_milestone *m, const char *from, const char *to)
{
	char a[SA_DATE_SIZE], b[SA_DATE_SIZE];
	assert_non_null(m);
	assert_string_equal(fmt(m->from, a), from);
	assert_string_equal(fmt(m->to, b), to);
}

static int late_status(struct fx *f)
{
	return f->res.items[SA_ITEM_ADVICE][1].status;
}

static void test_plan_type2_late(void **state)
{
	struct fx *f = *state;
	const struct sa_plan *p = plan_of(f, "soc2=true", "type1=false", "first_report=true",
					  "controls_months=0", "deadline_months=3", NULL);
	char buf[SA_DATE_SIZE];
	assert_true(p->present);
	assert_true(p->has_deadline);
	assert_string_equal(fmt(p->deadline, buf), "2026-04-15");
	expect_range(find(p, SA_REPORT_SOC2, SA_MS_TYPE2_PERIOD, 0), "2026-01-15", "2026-04-14");
	expect_range(find(p, SA_REPORT_SOC2, SA_MS_REPORT_EXPECTED, 0), "2026-05-12", "2026-05-26");
	expect_range(find(p, SA_REPORT_SOC2, SA_MS_NEXT_PERIOD, 0), "2026-04-15", "2027-04-14");
	assert_null(find(p, SA_REPORT_SOC1, SA_MS_TYPE2_PERIOD, 0));
	assert_int_equal(p->n, 3);
	assert_int_equal(p->meets_deadline, SA_FALSE);
	assert_int_equal(late_status(f), SA_RECOMMENDED);
	/* the advice names the earliest date, the deadline and the interim Type 1 */
	assert_non_null(strstr(p->advice_text, "2026-05-12"));
	assert_non_null(strstr(p->advice_text, "2026-04-15"));
	assert_non_null(strstr(p->advice_text, "SOC 2 Type 1 as of about 2026-02-26"));
	assert_non_null(strstr(p->advice_text, "readiness letter"));
	assert_ptr_equal(sa_result_item_text(f->r, &f->res, SA_ITEM_ADVICE, 1), p->advice_text);

	/* two more months: met, and the advice is gone */
	p = plan_of(f, "soc2=true", "type1=false", "first_report=true", "controls_months=0",
		    "deadline_months=5", NULL);
	assert_int_equal(p->meets_deadline, SA_TRUE);
	assert_int_equal(late_status(f), SA_ABSENT);
	assert_string_equal(sa_result_item_text(f->r, &f->res, SA_ITEM_ADVICE, 1),
			    "The first report comes after the deadline.");
	/* no deadline: unknown */
	p = plan_of(f, "soc2=true", "type1=false", "first_report=true", NULL);
	assert_false(p->has_deadline);
	assert_int_equal(p->meets_deadline, SA_UNKNOWN);
	assert_int_equal(late_status(f), SA_ABSENT);
}

static void test_plan_evidence_reaches_back(void **state)
{
	struct fx *f = *state;
	const struct sa_plan *p;
	/* without retained evidence the months already run do not count */
	p = plan_of(f, "soc2=true", "type1=false", "first_report=true", "controls_months=2",
		    "deadline_months=3", NULL);
	expect_range(find(p, SA_REPORT_SOC2, SA_MS_TYPE2_PERIOD, 0), "2026-01-15", "2026-04-14");
	assert_int_equal(p->meets_deadline, SA_FALSE);
	p = plan_of(f, "soc2=true", "type1=false", "first_report=true", "controls_months=2",
		    "deadline_months=3", "evidence_retained=true", NULL);
	expect_range(find(p, SA_REPORT_SOC2, SA_MS_TYPE2_PERIOD, 0), "2025-11-15", "2026-02-14");
	expect_range(find(p, SA_REPORT_SOC2, SA_MS_REPORT_EXPECTED, 0), "2026-03-14", "2026-03-28");
	assert_int_equal(p->meets_deadline, SA_TRUE);
	/* a window already under way has no readiness phase before it */
	p = plan_of(f, "soc2=true", "type1=false", "first_report=true", "controls_months=2",
		    "evidence_retained=true", "ready=true", NULL);
	assert_null(find(p, SA_REPORT_SOC2, SA_MS_READINESS, 0));
	p = plan_of(f, "soc2=true", "type1=false", "first_report=true", "controls_months=2",
		    "ready=true", NULL);
	expect_range(find(p, SA_REPORT_SOC2, SA_MS_READINESS, 0), "2026-01-15", "2026-04-09");
	expect_range(find(p, SA_REPORT_SOC2, SA_MS_TYPE2_PERIOD, 0), "2026-02-12", "2026-05-11");
	/* never further back than the window */
	p = plan_of(f, "soc2=true", "type1=false", "first_report=true", "controls_months=40",
		    "evidence_retained=true", NULL);
	expect_range(find(p, SA_REPORT_SOC2, SA_MS_TYPE2_PERIOD, 0), "2025-10-15", "2026-01-14");
}

/* Without defaults (the interview), an unanswered evidence_retained that would make a late plan
 * meet its deadline is an open question deciding the deadline advice, which is possible. */
static void test_plan_evidence_open(void **state)
{
	struct fx *f = *state;
	int q = sa_rules_question_find(f->r, "evidence_retained");
	size_t slot, s;
	char name[64];
	sa_answers_clear(&f->a);
	answer(f->r, &f->a, "soc2=true");
	answer(f->r, &f->a, "type1=false");
	answer(f->r, &f->a, "ready=false");
	answer(f->r, &f->a, "first_report=true");
	answer(f->r, &f->a, "controls_months=2");
	answer(f->r, &f->a, "deadline_months=3");
	sa_evaluate_ex(f->r, &f->a, &f->res, SA_EVAL_NO_DEFAULTS);
	assert_int_equal(late_status(f), SA_POSSIBLE);
	assert_int_equal(f->res.plan.meets_deadline, SA_UNKNOWN);
	assert_true(sa_result_is_open(&f->res, (size_t)q));
	for (slot = (size_t)-1, s = 0; s < sa_slot_count(f->r); s++)
		if (sa_result_decides(&f->res, (size_t)q, s))
			slot = s;
	assert_string_equal(sa_slot_name(f->r, slot, name, sizeof(name)), "advice:late");
	assert_false(sa_result_is_complete(f->r, &f->res));
	/* with defaults it is answered (no): late */
	sa_evaluate(f->r, &f->a, &f->res);
	assert_int_equal(late_status(f), SA_RECOMMENDED);
	assert_false(sa_result_is_open(&f->res, (size_t)q));
	/* when even retained evidence cannot help, it is not asked: the advice stays */
	sa_answers_clear(&f->a);
	answer(f->r, &f->a, "soc2=true");
	answer(f->r, &f->a, "type1=false");
	answer(f->r, &f->a, "ready=false");
	answer(f->r, &f->a, "first_report=true");
	answer(f->r, &f->a, "controls_months=0");
	answer(f->r, &f->a, "deadline_months=3");
	sa_evaluate_ex(f->r, &f->a, &f->res, SA_EVAL_NO_DEFAULTS);
	assert_int_equal(late_status(f), SA_RECOMMENDED);
	assert_false(sa_result_is_open(&f->res, (size_t)q));
}

static void test_plan_one_timeline(void **state)
{
	struct fx *f = *state;
	const struct sa_plan *p = plan_of(f, "soc1=true", "soc2=true", "type1=true",
					  "first_report=true", "deadline_months=3", "ready=true",
					  NULL);
	const struct sa_milestone *a, *b;
	expect_range(find(p, SA_REPORT_SOC1, SA_MS_READINESS, 0), "2026-01-15", "2026-04-09");
	expect_range(find(p, SA_REPORT_SOC1, SA_MS_TYPE1_AS_OF, 0), "2026-02-26", "2026-04-09");
	expect_range(find(p, SA_REPORT_SOC1, SA_MS_REPORT_EXPECTED, 0), "2026-03-26", "2026-05-21");
	/* one shared period: the longer of SOC 1's (6) and SOC 2's (3) after-Type 1 windows, from
	 * the day after the latest Type 1 date */
	a = find(p, SA_REPORT_SOC1, SA_MS_TYPE2_PERIOD, 0);
	b = find(p, SA_REPORT_SOC2, SA_MS_TYPE2_PERIOD, 0);
	expect_range(a, "2026-04-10", "2026-10-09");
	expect_range(b, "2026-04-10", "2026-10-09");
	b = find(p, SA_REPORT_SOC1, SA_MS_TYPE1_AS_OF, 0);
	assert_true(a && b && b->to < a->from);
	/* the Type 1 report meets the deadline; the later Type 2 is not held against it */
	assert_int_equal(p->meets_deadline, SA_TRUE);
	assert_int_equal(late_status(f), SA_ABSENT);
	/* a tighter deadline misses even the Type 1: the interim is a readiness letter */
	p = plan_of(f, "soc1=true", "type1=true", "first_report=true", "deadline_months=1", NULL);
	assert_int_equal(p->meets_deadline, SA_FALSE);
	assert_non_null(strstr(p->advice_text, "Earliest SOC 1 Type 1 report: 2026-03-26"));
	assert_non_null(strstr(p->advice_text, "In the meantime: a readiness letter."));
}

static void test_plan_renewals_and_bridge(void **state)
{
	struct fx *f = *state;
	const struct sa_plan *p;
	const struct sa_milestone *m;
	p = plan_of(f, "soc1=true", "type1=false", "first_report=false", "gap_months=3", NULL);
	expect_range(find(p, SA_REPORT_SOC1, SA_MS_TYPE2_PERIOD, 0), "2026-01-15", "2027-01-14");
	expect_range(find(p, SA_REPORT_SOC1, SA_MS_BRIDGE_LETTER, 0), "2026-01-15", "2026-04-14");
	assert_null(find(p, SA_REPORT_SOC1, SA_MS_READINESS, 0));
	/* after a Type 1: the short window */
	p = plan_of(f, "soc2=true", "type1=false", "first_report=false",
		    "last_report_type=type1", "gap_months=5", NULL);
	expect_range(find(p, SA_REPORT_SOC2, SA_MS_TYPE2_PERIOD, 0), "2026-01-15", "2026-04-14");
	m = find(p, SA_REPORT_SOC2, SA_MS_BRIDGE_LETTER, 0);
	assert_true(m && strstr(m->label, "longer than the usual 3"));
	/* beyond the tolerated gap: no bridge letter */
	p = plan_of(f, "soc2=true", "type1=false", "first_report=false", "gap_months=7", NULL);
	assert_null(find(p, SA_REPORT_SOC2, SA_MS_BRIDGE_LETTER, 0));
	/* a report requested from a vendor: only the bridge letter */
	p = plan_of(f, "soc1=true", "customer=true", "gap_months=2", NULL);
	assert_int_equal(p->n, 1);
	expect_range(find(p, SA_REPORT_SOC1, SA_MS_BRIDGE_LETTER, 0), "2026-01-15", "2026-03-14");
}

static void test_plan_undecided(void **state)
{
	struct fx *f = *state;
	const struct sa_plan *p = plan_of(f, "soc1=true", "first_report=true", "deadline_months=1",
					  NULL);
	assert_false(p->decided);
	assert_int_equal(p->n, 0);
	assert_int_equal(p->meets_deadline, SA_UNKNOWN);
	assert_int_equal(late_status(f), SA_ABSENT);
	/* a start at a month end clamps */
	sa_result_set_start_date(&f->res, D(2026, 8, 31));
	p = plan_of(f, "soc2=true", "type1=false", "first_report=true", "deadline_months=6", NULL);
	expect_range(find(p, SA_REPORT_SOC2, SA_MS_TYPE2_PERIOD, 0), "2026-08-31", "2026-11-29");
	assert_int_equal(p->deadline, D(2027, 2, 28));
	sa_result_set_start_date(&f->res, D(2026, 1, 15));
}

/* The text plan never takes more than 15 lines: the rest is counted on its last line. */
static void test_plan_text_cap(void **state)
{
	static struct sa_result res; /* only its plan is read */
	char *buf = NULL;
	size_t len = 0, lines = 0, i;
	FILE *mf;
	(void)state;
	memset(&res, 0, sizeof(res));
	res.plan.present = 1;
	res.plan.decided = 1;
	res.plan.start = D(2026, 1, 15);
	res.plan.n = 20;
	for (i = 0; i < res.plan.n; i++) {
		struct sa_milestone *m = &res.plan.m[i];
		m->report = (enum sa_report)(i % 2);
		m->kind = (enum sa_milestone_kind)(i % SA_MS_KIND_COUNT);
		m->phase = (enum sa_phase)(i % 3);
		m->from = D(2026, 1, 15) + (int32_t)i;
		m->to = m->from + 10;
		snprintf(m->label, sizeof(m->label), "step %zu", i);
	}
	mf = open_memstream(&buf, &len);
	assert_non_null(mf);
	sa_plan_write_text(mf, &res, 0, 78);
	fclose(mf);
	for (i = 0; i < len; i++)
		lines += buf[i] == '\n';
	assert_int_equal(lines, 16); /* the blank line before it, then 15 */
	assert_non_null(strstr(buf, "more: see --format json"));
	assert_non_null(strstr(buf, "  Now\n"));
	free(buf);
	/* a short plan is shown whole */
	res.plan.n = 4;
	buf = NULL;
	mf = open_memstream(&buf, &len);
	sa_plan_write_text(mf, &res, 0, 78);
	fclose(mf);
	assert_null(strstr(buf, "more:"));
	assert_non_null(strstr(buf, "SOC 2: step 3"));
	free(buf);
}

/* ---- the loader ---------------------------------------------------------------------------------- */

static char *with(const char *from, const char *to)
{
	const char *at = strstr(fixture, from);
	size_t n = strlen(fixture) - strlen(from) + strlen(to) + 1;
	char *s = malloc(n);
	assert_non_null(at);
	memcpy(s, fixture, (size_t)(at - fixture));
	strcpy(s + (at - fixture), to);
	strcat(s, at + strlen(from));
	return s;
}

/* The rules with from replaced by to must fail with code at line:col, message containing msg. */
static void expect_error(const char *from, const char *to, unsigned line, unsigned col,
			 const char *code, const char *msg)
{
	struct sa_diags d;
	char *text = with(from, to);
	sa_rules *r;
	size_t i;
	int found = 0;
	sa_diags_init(&d);
	r = load_text(text, &d);
	assert_null(r);
	for (i = 0; i < d.len; i++) {
		if (d.items[i].line == line && d.items[i].col == col &&
		    strcmp(d.items[i].code, code) == 0 && strstr(d.items[i].message, msg))
			found = 1;
		else
			print_message("%u:%u: %s: %s\n", d.items[i].line, d.items[i].col,
				      d.items[i].code, d.items[i].message);
	}
	assert_true(found);
	sa_diags_release(&d);
	free(text);
}

static void test_timeline_errors(void **state)
{
	(void)state;
	expect_error("reporting_weeks: {min: 4, max: 6", "reporting_weeks: {min: 8, max: 6", 39, 26,
		     "bad-value", "'min' (8) is greater than 'max' (6)");
	expect_error("bridge_letter_months: {normal: 3, max: 6",
		     "bridge_letter_months: {normal: 3, max: 30", 40, 42, "bad-value",
		     "outside 0 to 24");
	expect_error("after_type1: {min: 6, max: 6, sources: [s1]}",
		     "after_type1: {min: 0, max: 6, sources: [s1]}", 44, 26, "bad-value",
		     "outside 1 to 24");
	expect_error("reporting_weeks: {min: 4, max: 6, sources: [s2]}",
		     "reporting_weeks: {min: 4, max: 6, sources: [nope]}", 39, 47,
		     "undefined-reference", "undefined source 'nope'");
	expect_error("reporting_weeks: {min: 4, max: 6, sources: [s2]}",
		     "reporting_weeks: {min: 4, max: 6}", 39, 20, "missing-key", "no 'sources'");
	expect_error("  deadline_advice: late\n", "  deadline_advice: late\n  colour: red\n", 36, 3,
		     "unknown-key", "unknown key 'colour'");
	expect_error("deadline_advice: late", "deadline_advice: nope", 35, 20,
		     "undefined-reference", "unknown advice item 'nope'");
	expect_error("min: 6, max: 12, sources: [s1]}\n      after", "min: six, max: 12, sources: [s1]}\n      after", 43, 27,
		     "wrong-type", "must be an integer");
	expect_error("  - {id: rd, when: ready, advice: readiness,",
		     "  - {id: rd2, when: ready, advice: late, because: b, sources: [s1]}\n"
		     "  - {id: rd, when: ready, advice: readiness,", 33, 10, "bad-value",
		     "the planner sets");
	expect_error("{id: evidence_retained, type: bool,", "{id: evidence_retained, type: int, min: 0, max: 1,", 18, 10,
		     "wrong-type", "reads question 'evidence_retained' as bool");
	expect_error("timeline:\n", "invariants:\n  - {id: i1, description: d, require: {not: {advice: late}}}\n"
		     "timeline:\n", 35, 10, "bad-value", "--verify cannot prove it");
	expect_error("  readiness_advice: readiness\n",
		     "  readiness_advice: readiness\n  deadline_advice: late\n", 37, 3, "duplicate-key",
		     "duplicate key 'deadline_advice' in the timeline");
	expect_error("bridge_letter_months: {normal: 3, max: 6, sources: [s2]}",
		     "bridge_letter_months: [3, 6]", 40, 25, "wrong-type",
		     "timeline 'bridge_letter_months' must be a mapping, not a list");
	expect_error("    soc1:\n      first_report: {min: 6, max: 12, sources: [s1]}\n"
		     "      after_type1: {min: 6, max: 6, sources: [s1]}\n"
		     "      annual: {min: 12, max: 12, sources: [s1]}\n",
		     "    soc1: [6, 12]\n", 42, 11, "wrong-type",
		     "the soc1 Type 2 windows must be a mapping, not a list");
}

/* ---- iCalendar ------------------------------------------------------------------------------------- */

static void test_ics_parses_back(void **state)
{
	struct fx *f = *state;
	char *buf = NULL;
	size_t len = 0, n = 0;
	FILE *mf;
	icalcomponent *cal, *ev;

	plan_of(f, "soc1=true", "soc2=true", "type1=true", "first_report=true", "ready=true",
		NULL);
	mf = open_memstream(&buf, &len);
	assert_non_null(mf);
	assert_int_equal(sa_write_ics(mf, f->r, &f->res, NULL), SA_OK);
	fclose(mf);
	assert_non_null(strstr(buf, "\r\n"));
	cal = icalparser_parse_string(buf);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), n++) {
		const struct sa_milestone *m = &f->res.plan.m[n];
		struct icaltimetype s = icalcomponent_get_dtstart(ev);
		struct icaltimetype e = icalcomponent_get_dtend(ev);
		struct icaltimetype st = icalcomponent_get_dtstamp(ev);
		assert_true(n < f->res.plan.n);
		assert_true(s.is_date);
		assert_int_equal(sa_date_from_ymd(s.year, s.month, s.day), m->from);
		assert_int_equal(sa_date_from_ymd(e.year, e.month, e.day), m->to + 1);
		assert_string_equal(icalcomponent_get_summary(ev), m->text);
		assert_int_equal(sa_date_from_ymd(st.year, st.month, st.day), D(2026, 1, 15));
		assert_non_null(strstr(icalcomponent_get_uid(ev), "2026-01-15-"));
	}
	assert_int_equal(n, f->res.plan.n);
	/* per report: readiness, Type 1 date, its report, Type 2 period, its report, next period */
	assert_int_equal(n, 12);
	icalcomponent_free(cal);
	free(buf);
}

/* libical is loaded when the first calendar is written: a library that cannot be loaded, or
 * that lacks a function, is SA_ERR_UNAVAILABLE with its reason, and nothing is written. */
static void test_ics_unavailable(void **state)
{
	static const struct {
		const char *soname, *reason;
	} cases[] = {
		{ "libsocadvise-no-such-library.so.0", "libsocadvise-no-such-library.so.0" },
		{ "libc.so.6", "libc.so.6: no function icaltime_null_date" },
	};
	struct fx *f = *state;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *mf;

	plan_of(f, "soc1=true", "first_report=true", NULL);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sa_test_ics_library(cases[i].soname);
		assert_null(sa_ics_error());
		mf = open_memstream(&buf, &len);
		assert_non_null(mf);
		assert_int_equal(sa_write_ics(mf, f->r, &f->res, NULL), SA_ERR_UNAVAILABLE);
		fclose(mf);
		assert_int_equal(len, 0);
		free(buf);
		assert_non_null(sa_ics_error());
		if (!strstr(sa_ics_error(), cases[i].reason))
			fail_msg("%s: the reason '%s' does not say '%s'", cases[i].soname,
				 sa_ics_error(), cases[i].reason);
		/* the failure is remembered: no second attempt */
		assert_int_equal(sa_ics_load(), SA_ERR_UNAVAILABLE);
	}
	sa_test_ics_library(NULL);
	assert_int_equal(sa_ics_load(), SA_OK);
	assert_null(sa_ics_error());
	mf = open_memstream(&buf, &len);
	assert_non_null(mf);
	assert_int_equal(sa_write_ics(mf, f->r, &f->res, NULL), SA_OK);
	fclose(mf);
	assert_non_null(strstr(buf, "BEGIN:VCALENDAR"));
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_roundtrip),
		cmocka_unit_test(test_dates_months),
		cmocka_unit_test(test_dates_parse_format),
		cmocka_unit_test_setup_teardown(test_plan_type2_late, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_evidence_reaches_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_evidence_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_one_timeline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_renewals_and_bridge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_undecided, setup, teardown),
		cmocka_unit_test(test_plan_text_cap),
		cmocka_unit_test(test_timeline_errors),
		cmocka_unit_test_setup_teardown(test_ics_parses_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ics_unavailable, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
