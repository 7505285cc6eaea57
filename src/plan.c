/*
 * plan.c - civil-date arithmetic and the planner: a result's recommendations turned into dated
 * milestones (docs/rules-format.md, "Timeline"; docs/json-output.md, "The plan").
 *
 * Pure: the planner reads the rules' timeline, the result and its answers, and writes
 * res->plan; no I/O, no allocation. Dates are days since 1970-01-01 (proleptic Gregorian).
 *
 * The plan of one organization is one program with one timeline:
 *  - readiness (when the rules' readiness advice is recommended): start .. start + readiness;
 *  - a Type 1 now: its as-of date falls type1_lead_weeks after the start, the report
 *    reporting_weeks later;
 *  - every Type 2 of the program (now, or after a Type 1) shares one period, as long as the
 *    longest minimum window of its reports' situations (first report, after a Type 1, annual;
 *    a type rule's observation_months within that range lengthens it). After a Type 1 it starts
 *    the day after the latest Type 1 date; otherwise after readiness, or reaching back over
 *    months controls already ran when their evidence was retained (first reports only; no
 *    readiness milestone then: the window is already under way);
 *  - the report is expected reporting_weeks after the period end; the next (annual) period
 *    starts the day after;
 *  - a bridge letter covers gap_months (renewals and requested reports) up to the tolerated
 *    maximum;
 *  - the deadline is start + deadline_months; it is met when every planned report's first
 *    report_expected can come by then (its earliest date); otherwise the deadline advice is
 *    recommended with the earliest date and the interim alternative.
 * While a recommended report's type is still open the plan is undecided: no milestones, and
 * meets_deadline stays unknown (the answers that decide the type decide the dates). Evaluated
 * without defaults, an unanswered evidence_retained that would bring a late first report within
 * the deadline makes the deadline advice possible and the question open (the interview asks it).
 * SOC 3 has no milestones of its own: it is issued with the SOC 2 Type 2 (the SOC 2 milestone
 * says so); SOC for Cybersecurity and SOC for Supply Chain are not planned.
 */
#include "plan.h"
#include "result.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---- civil dates ------------------------------------------------------------------------------ */

/* Days from 1970-01-01 to y-m-d: count whole 400-year eras from a March-based year. */
int32_t sa_date_from_ymd(int year, int month, int day)
{
	long y = (long)year - (month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;                                  /* 0..399 */
	long mp = month > 2 ? month - 3 : month + 9;               /* March = 0 */
	long doy = (153 * mp + 2) / 5 + day - 1;                   /* 0..365 */
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* 0..146096 */
	return (int32_t)(era * 146097 + doe - 719468);
}

void sa_date_to_ymd(int32_t date, int *year, int *month, int *day)
{
	long z = (long)date + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*day = (int)d;
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap(y) ? 29 : days[m - 1];
}

int32_t sa_date_add_months(int32_t date, int n)
{
	int y, m, d;
	long total;
	sa_date_to_ymd(date, &y, &m, &d);
	total = (long)y * 12 + (m - 1) + n;
	y = (int)(total >= 0 ? total / 12 : -((-total + 11) / 12));
	m = (int)(total - (long)y * 12) + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	return sa_date_from_ymd(y, m, d);
}

int sa_date_parse(const char *s, int32_t *date)
{
	int i, y, m, d;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < SA_DATE_MIN_YEAR || y > SA_DATE_MAX_YEAR || m < 1 || m > 12 || d < 1 ||
	    d > month_days(y, m))
		return -1;
	*date = sa_date_from_ymd(y, m, d);
	return 0;
}

const char *sa_date_format(int32_t date, char *buf)
{
	int y, m, d;
	sa_date_to_ymd(date, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = y < 0 ? 0 : 9999; /* never reached from a supported start date */
	/* "%04d-%02d-%02d" without printf: every result line writes several dates */
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10 % 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10 % 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}

int32_t sa_date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	if (now == (time_t)-1 || !localtime_r(&now, &tm))
		return sa_date_from_ymd(1970, 1, 1);
	return sa_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

const char *sa_milestone_kind_id(enum sa_milestone_kind k)
{
	static const char *const ids[SA_MS_KIND_COUNT] = { "readiness", "type1_as_of",
							   "type2_period", "report_expected",
							   "bridge_letter", "next_period" };
	return (unsigned)k < SA_MS_KIND_COUNT ? ids[k] : "?";
}

void sa_rules_set_start_date(sa_rules *r, int32_t date)
{
	if (r->timeline)
		r->timeline->start = date;
}

void sa_result_set_start_date(struct sa_result *res, int32_t date)
{
	res->plan.start = date;
	res->plan.start_set = 1;
}

const char *sa_result_item_text(const sa_rules *r, const struct sa_result *res,
				enum sa_item_kind kind, size_t i)
{
	if (kind == SA_ITEM_ADVICE && sa_timeline_produces(r, i) && res->plan.advice_text[0])
		return res->plan.advice_text;
	return r->items[kind][i].text;
}

/* ---- the planner -------------------------------------------------------------------------------- */

struct planner {
	const sa_rules *r;
	const struct sa_timeline *t;
	struct sa_result *res;
	struct sa_plan *p;
};

/* The value of planner question k when it is answered (or defaulted) and applies. */
static int known(const struct planner *P, enum tl_question k, int32_t *v)
{
	int q = P->t->q[k];
	if (q < 0 || !P->res->answers.origin[q] || P->res->applies[q] == SA_FALSE)
		return 0;
	*v = P->res->answers.value[q];
	return 1;
}

static int32_t weeks(int32_t date, int32_t n)
{
	return date + 7 * n;
}

static struct sa_milestone *add(struct planner *P, enum sa_report rep, enum sa_milestone_kind k,
				enum sa_phase ph, enum sa_type type, int32_t from, int32_t to,
				const char *fmt, ...) __attribute__((format(printf, 8, 9)));

/* Append s to the string in dst (size bytes), cut to fit as snprintf would cut it. */
static void cat_trunc(char *dst, size_t size, const char *s)
{
	size_t len = strlen(dst), n = strlen(s);
	if (len + n >= size)
		n = size - 1 - len;
	memcpy(dst + len, s, n);
	dst[len + n] = '\0';
}

static struct sa_milestone *add(struct planner *P, enum sa_report rep, enum sa_milestone_kind k,
				enum sa_phase ph, enum sa_type type, int32_t from, int32_t to,
				const char *fmt, ...)
{
	struct sa_milestone *m;
	va_list ap;
	char label[SA_PLAN_LABEL];
	if (P->p->n >= SA_PLAN_MAX)
		return NULL;
	m = &P->p->m[P->p->n++];
	memset(m, 0, sizeof(*m));
	m->report = rep;
	m->kind = k;
	m->phase = ph;
	m->type = type;
	m->from = from;
	m->to = to < from ? from : to;
	/* printf only for labels with numbers: a plan is made at every evaluation */
	if (strchr(fmt, '%')) {
		va_start(ap, fmt);
		vsnprintf(label, sizeof(label), fmt, ap);
		va_end(ap);
	} else {
		label[0] = '\0';
		cat_trunc(label, sizeof(label), fmt);
	}
	memcpy(m->label, label, sizeof(label));
	/* "%s %s" of the report's title and the label, cut as snprintf cuts */
	m->text[0] = '\0';
	cat_trunc(m->text, sizeof(m->text), sa_report_title(rep));
	cat_trunc(m->text, sizeof(m->text), " ");
	cat_trunc(m->text, sizeof(m->text), label);
	return m;
}

static int cmp_ms(const struct sa_milestone *a, const struct sa_milestone *b)
{
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	if (a->report != b->report)
		return a->report < b->report ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return 0;
}

static void sort_milestones(struct sa_plan *p)
{
	size_t i, j;
	for (i = 1; i < p->n; i++) {
		struct sa_milestone m = p->m[i];
		for (j = i; j > 0 && cmp_ms(&p->m[j - 1], &m) > 0; j--)
			p->m[j] = p->m[j - 1];
		p->m[j] = m;
	}
}

/* A report's planned roadmap, before the dates. */
struct roadmap {
	int planned;          /* a decided Type 1 or Type 2 of your own */
	enum sa_type now;     /* SA_TYPE_1 or SA_TYPE_2 */
	int then_type2;       /* a Type 2 follows the Type 1 */
	enum tl_situation sit; /* of its (first) Type 2 */
	int months;           /* its Type 2 window: range minimum, or the rule's months in range */
	int requested;        /* a report requested from a vendor (bridge letters only) */
};

static int window_months(const struct tl_range_spec *w, int rule_months)
{
	return rule_months >= w->min && rule_months <= w->max ? rule_months : (int)w->min;
}

/* The earliest date of a planned report's first report, and the interim alternative. */
static void deadline_text(struct planner *P, const struct sa_milestone *late,
			  const struct roadmap *rm)
{
	const struct sa_timeline *t = P->t;
	char e[SA_DATE_SIZE], dl[SA_DATE_SIZE], t1[SA_DATE_SIZE], t1r[SA_DATE_SIZE];
	const char *base = P->r->items[SA_ITEM_ADVICE][t->deadline_item].text;
	const char *title = sa_report_title(late->report);
	int32_t as_of = weeks(P->p->start, t->range[TL_TYPE1_WEEKS].min);

	sa_date_format(late->from, e);
	sa_date_format(P->p->deadline, dl);
	sa_date_format(as_of, t1);
	sa_date_format(weeks(as_of, t->range[TL_REPORTING_WEEKS].min), t1r);
	if (rm[late->report].now == SA_TYPE_2)
		snprintf(P->p->advice_text, sizeof(P->p->advice_text),
			 "%s Earliest %s Type 2 report: %s, after the deadline %s. In the meantime: "
			 "a %s Type 1 as of about %s (report from about %s), or a readiness letter.",
			 base, title, e, dl, title, t1, t1r);
	else
		snprintf(P->p->advice_text, sizeof(P->p->advice_text),
			 "%s Earliest %s Type 1 report: %s, after the deadline %s. In the meantime: "
			 "a readiness letter.",
			 base, title, e, dl);
}

/* The plan of res; evidence is -1 to read evidence_retained from the answers, else 0 or 1. */
static void build(const sa_rules *r, struct sa_result *res, int evidence_as)
{
	const struct sa_timeline *t = r->timeline;
	struct sa_plan *p = &res->plan;
	struct planner P = { r, t, res, p };
	struct roadmap rm[SA_REPORT_COUNT];
	int32_t v, first = 1, controls = 0, gap = 0, last = 0;
	int32_t start, prep, t1_from = 0, t1_to = 0, period_from, period_to, back = 0;
	int evidence = 0, any_t1 = 0, any_t2 = 0, readiness = 0, months = 0, rep;
	int soc3 = 0;
	const struct sa_milestone *late = NULL;
	size_t i;

	if (!p->start_set)
		p->start = t ? t->start : 0;
	start = p->start;
	p->present = t && t->present;
	p->has_deadline = 0;
	p->deadline = 0;
	p->decided = 1;
	p->meets_deadline = SA_UNKNOWN;
	p->n = 0;
	p->advice_text[0] = '\0';
	if (!p->present)
		return;
	if (t->deadline_item >= 0)
		res->items[SA_ITEM_ADVICE][t->deadline_item].status = SA_ABSENT;

	if (known(&P, TLQ_FIRST_REPORT, &v))
		first = v != 0;
	if (known(&P, TLQ_LAST_REPORT_TYPE, &v))
		last = v == t->last_type1 ? 1 : v == t->last_type2 ? 2 : 0;
	if (known(&P, TLQ_CONTROLS_MONTHS, &v))
		controls = v;
	if (known(&P, TLQ_GAP_MONTHS, &v))
		gap = v;
	if (evidence_as >= 0)
		evidence = evidence_as;
	else if (known(&P, TLQ_EVIDENCE, &v))
		evidence = v != 0;
	if (known(&P, TLQ_DEADLINE_MONTHS, &v)) {
		p->has_deadline = 1;
		p->deadline = sa_date_add_months(start, v);
	}
	if (t->readiness_item >= 0 &&
	    res->items[SA_ITEM_ADVICE][t->readiness_item].status == SA_RECOMMENDED)
		readiness = 1;

	/* which reports are planned, and how */
	memset(rm, 0, sizeof(rm));
	for (rep = SA_REPORT_SOC1; rep <= SA_REPORT_SOC2; rep++) {
		const struct sa_report_result *rr = &res->report[rep];
		struct roadmap *m = &rm[rep];
		int w = rep == SA_REPORT_SOC1 ? 0 : 1;
		if (rr->status != SA_RECOMMENDED)
			continue;
		if (rr->action == SA_ACTION_REQUEST) {
			m->requested = 1;
			continue;
		}
		if (rr->type_open || rr->type == SA_TYPE_UNSET) {
			p->decided = 0;
			continue;
		}
		if (rr->type != SA_TYPE_1 && rr->type != SA_TYPE_2)
			continue;
		m->planned = 1;
		m->now = rr->type;
		if (rr->type == SA_TYPE_1) {
			any_t1 = 1;
			m->then_type2 = rr->then.type == SA_TYPE_2;
			m->sit = TL_AFTER_TYPE1;
			m->months = window_months(&t->window[w][m->sit], rr->then.observation_months);
		} else {
			m->sit = !first ? (last == 1 ? TL_AFTER_TYPE1 : TL_ANNUAL) : TL_FIRST;
			m->months = window_months(&t->window[w][m->sit], rr->observation_months);
		}
		if (rr->type == SA_TYPE_2 || m->then_type2) {
			any_t2 = 1;
			if (m->months > months)
				months = m->months;
		}
	}
	if (!p->decided)
		return; /* no dates while a recommended report's type is still open */
	soc3 = res->report[SA_REPORT_SOC3].status == SA_RECOMMENDED &&
	       res->report[SA_REPORT_SOC3].action == SA_ACTION_OBTAIN;

	/* a first Type 2 may reach back over months already run, where their evidence was kept */
	if (any_t2 && !any_t1 && first && evidence && controls > 0)
		back = controls < months ? controls : months;

	/* readiness (not for a window already under way), then the Type 1 date */
	prep = start;
	if (readiness && first && !back && (rm[0].planned || rm[1].planned)) {
		prep = weeks(start, t->range[TL_READINESS_WEEKS].min);
		for (rep = SA_REPORT_SOC1; rep <= SA_REPORT_SOC2; rep++)
			if (rm[rep].planned)
				add(&P, (enum sa_report)rep, SA_MS_READINESS, SA_PHASE_NOW,
				    SA_TYPE_UNSET, start, weeks(start, t->range[TL_READINESS_WEEKS].max),
				    "readiness assessment and remediation");
	}
	if (any_t1) {
		t1_from = weeks(start, t->range[TL_TYPE1_WEEKS].min);
		t1_to = weeks(start, t->range[TL_TYPE1_WEEKS].max);
		for (rep = SA_REPORT_SOC1; rep <= SA_REPORT_SOC2; rep++) {
			struct sa_milestone *m;
			if (!rm[rep].planned || rm[rep].now != SA_TYPE_1)
				continue;
			add(&P, (enum sa_report)rep, SA_MS_TYPE1_AS_OF, SA_PHASE_NOW, SA_TYPE_1,
			    t1_from, t1_to, "Type 1 as-of date (controls designed and in place)");
			m = add(&P, (enum sa_report)rep, SA_MS_REPORT_EXPECTED, SA_PHASE_NEXT,
				SA_TYPE_1, weeks(t1_from, t->range[TL_REPORTING_WEEKS].min),
				weeks(t1_to, t->range[TL_REPORTING_WEEKS].max),
				"Type 1 report expected");
			if (m)
				m->first = 1;
		}
	}

	/* one shared Type 2 period */
	if (any_t2) {
		if (any_t1) {
			period_from = t1_to + 1;
		} else if (back > 0) {
			period_from = sa_date_add_months(start, -back);
		} else {
			period_from = prep;
		}
		period_to = sa_date_add_months(period_from, months) - 1;
		for (rep = SA_REPORT_SOC1; rep <= SA_REPORT_SOC2; rep++) {
			const struct roadmap *m = &rm[rep];
			int w = rep == SA_REPORT_SOC1 ? 0 : 1;
			int after = m->now == SA_TYPE_1, nm;
			struct sa_milestone *e;
			const char *with3 = rep == SA_REPORT_SOC2 && soc3 ? " (with the SOC 3)" : "";
			if (!m->planned || (m->now != SA_TYPE_2 && !m->then_type2))
				continue;
			if (back > 0)
				add(&P, (enum sa_report)rep, SA_MS_TYPE2_PERIOD, SA_PHASE_NOW,
				    SA_TYPE_2, period_from, period_to,
				    "Type 2 period (%d months, %d already run with retained evidence)",
				    months, (int)back);
			else
				add(&P, (enum sa_report)rep, SA_MS_TYPE2_PERIOD,
				    after ? SA_PHASE_NEXT : SA_PHASE_NOW, SA_TYPE_2, period_from,
				    period_to, "Type 2 period (%d months)", months);
			e = add(&P, (enum sa_report)rep, SA_MS_REPORT_EXPECTED,
				after ? SA_PHASE_LATER : SA_PHASE_NEXT, SA_TYPE_2,
				weeks(period_to, t->range[TL_REPORTING_WEEKS].min),
				weeks(period_to, t->range[TL_REPORTING_WEEKS].max),
				"Type 2 report expected%s", with3);
			if (e)
				e->first = !after;
			nm = (int)t->window[w][TL_ANNUAL].min;
			add(&P, (enum sa_report)rep, SA_MS_NEXT_PERIOD, SA_PHASE_LATER, SA_TYPE_2,
			    period_to + 1, sa_date_add_months(period_to + 1, nm) - 1,
			    "next Type 2 period (%d months, annual)", nm);
		}
	}

	/* bridge letters: renewals of your own and reports requested from a vendor */
	if (gap > 0 && gap <= t->range[TL_BRIDGE_MONTHS].max)
		for (rep = SA_REPORT_SOC1; rep <= SA_REPORT_SOC2; rep++) {
			if (!rm[rep].requested && !(rm[rep].planned && !first))
				continue;
			add(&P, (enum sa_report)rep, SA_MS_BRIDGE_LETTER, SA_PHASE_NOW,
			    SA_TYPE_UNSET, start, sa_date_add_months(start, gap) - 1,
			    gap > t->range[TL_BRIDGE_MONTHS].min
				    ? "bridge letter for a %d-month gap (longer than the usual %d: "
				      "expect questions)"
				    : "bridge letter for a %d-month gap (up to %d is usual)",
			    (int)gap, (int)t->range[TL_BRIDGE_MONTHS].min);
		}
	sort_milestones(p);

	/* the deadline */
	if (!p->has_deadline)
		return;
	for (i = 0; i < p->n; i++) {
		const struct sa_milestone *m = &p->m[i];
		if (m->kind != SA_MS_REPORT_EXPECTED || !m->first)
			continue;
		if (p->meets_deadline == SA_UNKNOWN)
			p->meets_deadline = SA_TRUE;
		if (m->from > p->deadline && (!late || m->from > late->from)) {
			late = m;
			p->meets_deadline = SA_FALSE;
		}
	}
	if (late && t->deadline_item >= 0) {
		res->items[SA_ITEM_ADVICE][t->deadline_item].status = SA_RECOMMENDED;
		deadline_text(&P, late, rm);
	}
}

void sa_plan_compute(const sa_rules *r, struct sa_result *res)
{
	const struct sa_timeline *t = r->timeline;
	int q;

	build(r, res, -1);
	/*
	 * Evaluated without defaults (the interview), evidence_retained may be unanswered: when
	 * retained evidence would bring a late first report within the deadline, the deadline advice
	 * is only possible and the question is open, deciding it.
	 */
	if (!res->plan.present || res->plan.meets_deadline != SA_FALSE || t->deadline_item < 0)
		return;
	q = t->q[TLQ_EVIDENCE];
	if (q < 0 || res->answers.origin[q] || res->applies[q] == SA_FALSE)
		return;
	build(r, res, 1);
	if (res->plan.meets_deadline == SA_FALSE) {
		build(r, res, -1);
		return;
	}
	build(r, res, -1);
	res->plan.meets_deadline = SA_UNKNOWN;
	res->items[SA_ITEM_ADVICE][t->deadline_item].status = SA_POSSIBLE;
	sa_result_set_decides(res, (size_t)q, SLOT_ITEM0 + (size_t)t->deadline_item);
	res->open[q] = 1;
}
