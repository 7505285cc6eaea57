/*
 * plan_out.c - the plan as text (Now / Next / Later, printed last, at most PLAN_TEXT_LINES
 * lines) and as Markdown (a Mermaid gantt block and a task list). Its JSON form is in
 * json.c (add_plan), its iCalendar form in ics.c.
 *
 * Renderers only read the finished result: the plan was computed by the evaluation.
 */
#include "plan.h"

#include <stdio.h>
#include <string.h>

#define PLAN_TEXT_LINES 15

/* Milestones that differ only by report are shown once, naming every report. */
static int same_but_report(const struct sa_milestone *a, const struct sa_milestone *b)
{
	return a->kind == b->kind && a->phase == b->phase && a->from == b->from &&
	       a->to == b->to && strcmp(a->label, b->label) == 0;
}

/* The reports of milestone i and of the later ones it merges with, e.g. "SOC 1 + SOC 2". */
static void merged_title(const struct sa_plan *p, size_t i, unsigned char *done, char *buf,
			 size_t size)
{
	size_t j;
	snprintf(buf, size, "%s", sa_report_title(p->m[i].report));
	for (j = i + 1; j < p->n; j++)
		if (!done[j] && same_but_report(&p->m[i], &p->m[j])) {
			size_t len = strlen(buf);
			snprintf(buf + len, size - len, " + %s", sa_report_title(p->m[j].report));
			done[j] = 1;
		}
}

static void range_text(const struct sa_milestone *m, char *buf, size_t size)
{
	char a[SA_DATE_SIZE], b[SA_DATE_SIZE];
	sa_date_format(m->from, a);
	sa_date_format(m->to, b);
	if (m->from == m->to)
		snprintf(buf, size, "%s", a);
	else
		snprintf(buf, size, "%s to %s", a, b);
}

void sa_plan_write_text(FILE *f, const struct sa_result *res, int color, size_t width)
{
	static const char *const phase_names[] = { "Now", "Next", "Later" };
	const struct sa_plan *p = &res->plan;
	unsigned char done[SA_PLAN_MAX];
	char s[SA_DATE_SIZE], dl[SA_DATE_SIZE], title[64], range[32], what[256];
	size_t i, lines = 0, shown = 0, rows = 0;
	int ph;
	const char *bold = color ? "\033[1m" : "", *reset = color ? "\033[0m" : "";

	if (!p->present)
		return;
	sa_date_format(p->start, s);
	fprintf(f, "\n%sPlan%s ", bold, reset);
	if (p->has_deadline)
		snprintf(what, sizeof(what), "(from %s; deadline %s: %s)", s,
			 sa_date_format(p->deadline, dl),
			 p->meets_deadline == SA_TRUE	 ? "met"
			 : p->meets_deadline == SA_FALSE ? "AT RISK, see the advice"
							 : "not yet known");
	else
		snprintf(what, sizeof(what), "(from %s)", s);
	sa_wrap(f, what, 5, 2, width);
	fputc('\n', f);
	lines = 1;
	if (!p->n) {
		fputs(p->decided ? "  No dated milestones for these reports.\n"
				 : "  Dates follow once the open questions decide the types.\n",
		      f);
		return;
	}
	/* count the rows to show, so that the cut (if any) leaves room for its own line */
	memset(done, 0, sizeof(done));
	for (i = 0; i < p->n; i++)
		if (!done[i]) {
			merged_title(p, i, done, title, sizeof(title));
			rows++;
		}
	memset(done, 0, sizeof(done));
	for (ph = SA_PHASE_NOW; ph <= SA_PHASE_LATER; ph++) {
		int header = 0;
		for (i = 0; i < p->n; i++) {
			const struct sa_milestone *m = &p->m[i];
			if (done[i] || m->phase != (enum sa_phase)ph)
				continue;
			if (lines + (header ? 1 : 2) > PLAN_TEXT_LINES - (shown + 1 < rows ? 1 : 0)) {
				fprintf(f, "  (%zu more: see --format json, markdown or ics)\n",
					rows - shown);
				return;
			}
			if (!header) {
				fprintf(f, "  %s%s%s\n", bold, phase_names[ph], reset);
				header = 1;
				lines++;
			}
			merged_title(p, i, done, title, sizeof(title));
			range_text(m, range, sizeof(range));
			/* the dates, then what happens, wrapped under the dates' column when the
			 * screen is narrow */
			fprintf(f, "    %-25s ", range);
			snprintf(what, sizeof(what), "%s: %s", title, m->label);
			sa_wrap(f, what, 30, 30, width);
			fputc('\n', f);
			lines++;
			shown++;
		}
	}
}

/* Markdown-safe text: the labels are our own words, but a Mermaid task name must not hold ':'. */
static void gantt_name(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(*s == ':' || *s == '#' || *s == ';' ? ' ' : *s, f);
}

void sa_plan_write_markdown(FILE *f, const struct sa_result *res)
{
	const struct sa_plan *p = &res->plan;
	char a[SA_DATE_SIZE], b[SA_DATE_SIZE];
	size_t i;
	int rep;

	if (!p->present)
		return;
	fprintf(f, "\n## Plan\n\nStart: %s", sa_date_format(p->start, a));
	if (p->has_deadline)
		fprintf(f, ". Deadline: %s (%s)", sa_date_format(p->deadline, b),
			p->meets_deadline == SA_TRUE	? "met"
			: p->meets_deadline == SA_FALSE ? "at risk"
							: "not yet known");
	fputs(".\n", f);
	if (!p->n) {
		fputs(p->decided ? "\nNo dated milestones for these reports.\n"
				 : "\nDates follow once the open questions decide the types.\n",
		      f);
		return;
	}
	fputs("\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    title SOC plan\n", f);
	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		int any = 0;
		for (i = 0; i < p->n; i++) {
			const struct sa_milestone *m = &p->m[i];
			if (m->report != (enum sa_report)rep)
				continue;
			if (!any) {
				fprintf(f, "    section %s\n", sa_report_title((enum sa_report)rep));
				any = 1;
			}
			fputs("    ", f);
			gantt_name(f, m->label);
			/* Mermaid's end date is exclusive: the day after the milestone's last day */
			fprintf(f, " :%s, %s\n", sa_date_format(m->from, a),
				sa_date_format(m->to + 1, b));
		}
	}
	fputs("```\n\n", f);
	for (i = 0; i < p->n; i++) {
		const struct sa_milestone *m = &p->m[i];
		fprintf(f, "- [ ] %s: %s", m->text, sa_date_format(m->from, a));
		if (m->to != m->from)
			fprintf(f, " to %s", sa_date_format(m->to, b));
		fputc('\n', f);
	}
}
