/*
 * ics.c - the plan's milestones as an iCalendar file (RFC 5545), built with libical.
 *
 * One all-day VEVENT per milestone: DTSTART is its first day, DTEND the day after its last
 * (DTEND is exclusive for dates). The output is byte-stable for the same result: UIDs are made
 * of the start date, the report, the kind and the milestone's position, and DTSTAMP is the start
 * date at midnight UTC (not the time of the run). The only text from the rules, their name and
 * version in PRODID, is written with its non-printable bytes as visible escapes (sa_escape.h).
 */
#include "plan.h"
#include "sa_escape.h"

#include <libical/ical.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct icaltimetype ics_date(int32_t d)
{
	struct icaltimetype t = icaltime_null_date();
	int y, m, day;
	sa_date_to_ymd(d, &y, &m, &day);
	t.year = y;
	t.month = m;
	t.day = day;
	t.is_date = 1;
	return t;
}

/*
 * Add property p (NULL when libical could not allocate it) to c; clears *ok when p is NULL.
 * libical reports a failed allocation only by a NULL or by icalerrno, never to the caller of
 * icalcomponent_add_property: both are checked, so that a calendar missing a line is never
 * written as a whole one.
 */
static void add(icalcomponent *c, icalproperty *p, int *ok)
{
	if (!p) {
		*ok = 0;
		return;
	}
	icalcomponent_add_property(c, p);
}

int sa_write_ics(FILE *f, const sa_rules *r, const struct sa_result *res,
		 const struct sa_output_opts *o)
{
	const struct sa_plan *p = &res->plan;
	icalcomponent *cal;
	struct icaltimetype stamp;
	char start[SA_DATE_SIZE], prodid[128];
	char *text;
	size_t i;
	int y, m, d, rc = SA_OK, ok = 1;

	(void)o;
	icalerror_clear_errno();
	cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	if (!cal)
		return SA_ERR_NOMEM;
	sa_escape_snprintf(prodid, sizeof(prodid), 0, "-//socadvise//%s %s//EN", r->name, r->version);
	add(cal, icalproperty_new_version("2.0"), &ok);
	add(cal, icalproperty_new_prodid(prodid), &ok);
	add(cal, icalproperty_new_calscale("GREGORIAN"), &ok);
	sa_date_to_ymd(p->start, &y, &m, &d);
	stamp = icaltime_null_time();
	stamp.year = y;
	stamp.month = m;
	stamp.day = d;
	stamp.zone = icaltimezone_get_utc_timezone();
	sa_date_format(p->start, start);
	for (i = 0; ok && p->present && i < p->n; i++) {
		const struct sa_milestone *ms = &p->m[i];
		icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
		char uid[128], desc[128];
		if (!ev) {
			ok = 0;
			break;
		}
		snprintf(uid, sizeof(uid), "%s-%s-%s-%zu@socadvise", start, sa_report_id(ms->report),
			 sa_milestone_kind_id(ms->kind), i + 1);
		snprintf(desc, sizeof(desc), "socadvise plan milestone: %s (%s)",
			 sa_milestone_kind_id(ms->kind), sa_report_id(ms->report));
		add(ev, icalproperty_new_uid(uid), &ok);
		add(ev, icalproperty_new_dtstamp(stamp), &ok);
		add(ev, icalproperty_new_dtstart(ics_date(ms->from)), &ok);
		add(ev, icalproperty_new_dtend(ics_date(ms->to + 1)), &ok);
		add(ev, icalproperty_new_summary(ms->text), &ok);
		add(ev, icalproperty_new_description(desc), &ok);
		add(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT), &ok);
		icalcomponent_add_component(cal, ev);
	}
	text = ok && icalerrno == ICAL_NO_ERROR ? icalcomponent_as_ical_string_r(cal) : NULL;
	if (!text || icalerrno != ICAL_NO_ERROR)
		rc = SA_ERR_NOMEM;
	else if (fputs(text, f) == EOF)
		rc = SA_ERR_IO;
	if (text)
		icalmemory_free_buffer(text);
	icalcomponent_free(cal);
	return rc == SA_OK && ferror(f) ? SA_ERR_IO : rc;
}
