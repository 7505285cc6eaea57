/*
 * ics.c - the plan's milestones as an iCalendar file (RFC 5545), built with libical.
 *
 * One all-day VEVENT per milestone: DTSTART is its first day, DTEND the day after its last
 * (DTEND is exclusive for dates). The output is byte-stable for the same result: UIDs are made
 * of the start date, the report, the kind and the milestone's position, and DTSTAMP is the start
 * date at midnight UTC (not the time of the run). The only text from the rules, their name and
 * version in PRODID, is written with its non-printable bytes as visible escapes (sa_escape.h).
 *
 * libical is not linked: it brings ICU and the C++ runtime (about 3 MB mapped and relocated),
 * which every other run would pay for at startup. It is loaded with dlopen when the first
 * calendar is written (sa_ics_load), and its functions are called through the table 'ical',
 * whose members have the types of libical's own prototypes (__typeof__), so the compiler checks
 * every call against the header as it would a linked call. The load happens once per process
 * (not thread-safe; the library's callers are single-threaded) and the library stays loaded.
 */
#include "plan.h"
#include "sa_escape.h"

#include <libical/ical.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef SA_LIBICAL_SONAME
#error "SA_LIBICAL_SONAME (the libical to load, e.g. \"libical.so.3\") is set by the build"
#endif

/* Every libical function this file calls (icalerrno is a macro over icalerrno_return). */
#define ICAL_FUNCTIONS(X)                                                                   \
	X(icaltime_null_date) X(icaltime_null_time) X(icaltimezone_get_utc_timezone)        \
	X(icalerror_clear_errno) X(icalerrno_return)                                        \
	X(icalcomponent_new) X(icalcomponent_add_property) X(icalcomponent_add_component)   \
	X(icalcomponent_as_ical_string_r) X(icalcomponent_free) X(icalmemory_free_buffer)   \
	X(icalproperty_new_version) X(icalproperty_new_prodid) X(icalproperty_new_calscale) \
	X(icalproperty_new_uid) X(icalproperty_new_dtstamp) X(icalproperty_new_dtstart)     \
	X(icalproperty_new_dtend) X(icalproperty_new_summary)                               \
	X(icalproperty_new_description) X(icalproperty_new_transp)

static struct {
#define X(fn) __typeof__(fn) *fn;
	ICAL_FUNCTIONS(X)
#undef X
} ical;

/* dlsym hands out functions as void pointers, which POSIX makes as wide as them. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "a function pointer fits a void *");

/* libical's icalerrno, through the table */
#define ICALERRNO (*ical.icalerrno_return())

static const char *ical_soname = SA_LIBICAL_SONAME;
static void *ical_handle;
static int ical_state;         /* 0: not tried yet, 1: loaded, -1: failed (ical_error says why) */
static char ical_error[512];

int sa_ics_load(void)
{
	const char *missing = NULL, *why;
	void *h, *sym;

	if (ical_state)
		return ical_state > 0 ? SA_OK : SA_ERR_UNAVAILABLE;
	h = dlopen(ical_soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		why = dlerror();
		snprintf(ical_error, sizeof(ical_error), "%s", why ? why : ical_soname);
		ical_state = -1;
		return SA_ERR_UNAVAILABLE;
	}
#define X(fn)                                                     \
	if (!missing) {                                           \
		sym = dlsym(h, #fn);                              \
		if (sym)                                          \
			memcpy(&ical.fn, &sym, sizeof(sym));      \
		else                                              \
			missing = #fn;                            \
	}
	ICAL_FUNCTIONS(X)
#undef X
	if (missing) {
		snprintf(ical_error, sizeof(ical_error), "%s: no function %s", ical_soname, missing);
		dlclose(h);
		memset(&ical, 0, sizeof(ical));
		ical_state = -1;
		return SA_ERR_UNAVAILABLE;
	}
	ical_handle = h;
	ical_state = 1;
	return SA_OK;
}

const char *sa_ics_error(void)
{
	return ical_state < 0 ? ical_error : NULL;
}

void sa_test_ics_library(const char *soname)
{
	if (ical_handle)
		dlclose(ical_handle);
	ical_handle = NULL;
	memset(&ical, 0, sizeof(ical));
	ical_state = 0;
	ical_soname = soname ? soname : SA_LIBICAL_SONAME;
}

static struct icaltimetype ics_date(int32_t d)
{
	struct icaltimetype t = ical.icaltime_null_date();
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
	ical.icalcomponent_add_property(c, p);
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
	if (sa_ics_load() != SA_OK)
		return SA_ERR_UNAVAILABLE;
	ical.icalerror_clear_errno();
	cal = ical.icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	if (!cal)
		return SA_ERR_NOMEM;
	sa_escape_snprintf(prodid, sizeof(prodid), 0, "-//socadvise//%s %s//EN", r->name, r->version);
	add(cal, ical.icalproperty_new_version("2.0"), &ok);
	add(cal, ical.icalproperty_new_prodid(prodid), &ok);
	add(cal, ical.icalproperty_new_calscale("GREGORIAN"), &ok);
	sa_date_to_ymd(p->start, &y, &m, &d);
	stamp = ical.icaltime_null_time();
	stamp.year = y;
	stamp.month = m;
	stamp.day = d;
	stamp.zone = ical.icaltimezone_get_utc_timezone();
	sa_date_format(p->start, start);
	for (i = 0; ok && p->present && i < p->n; i++) {
		const struct sa_milestone *ms = &p->m[i];
		icalcomponent *ev = ical.icalcomponent_new(ICAL_VEVENT_COMPONENT);
		char uid[128], desc[128];
		if (!ev) {
			ok = 0;
			break;
		}
		snprintf(uid, sizeof(uid), "%s-%s-%s-%zu@socadvise", start, sa_report_id(ms->report),
			 sa_milestone_kind_id(ms->kind), i + 1);
		snprintf(desc, sizeof(desc), "socadvise plan milestone: %s (%s)",
			 sa_milestone_kind_id(ms->kind), sa_report_id(ms->report));
		add(ev, ical.icalproperty_new_uid(uid), &ok);
		add(ev, ical.icalproperty_new_dtstamp(stamp), &ok);
		add(ev, ical.icalproperty_new_dtstart(ics_date(ms->from)), &ok);
		add(ev, ical.icalproperty_new_dtend(ics_date(ms->to + 1)), &ok);
		add(ev, ical.icalproperty_new_summary(ms->text), &ok);
		add(ev, ical.icalproperty_new_description(desc), &ok);
		add(ev, ical.icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT), &ok);
		ical.icalcomponent_add_component(cal, ev);
	}
	text = ok && ICALERRNO == ICAL_NO_ERROR ? ical.icalcomponent_as_ical_string_r(cal) : NULL;
	if (!text || ICALERRNO != ICAL_NO_ERROR)
		rc = SA_ERR_NOMEM;
	else if (fputs(text, f) == EOF)
		rc = SA_ERR_IO;
	if (text)
		ical.icalmemory_free_buffer(text);
	ical.icalcomponent_free(cal);
	return rc == SA_OK && ferror(f) ? SA_ERR_IO : rc;
}
