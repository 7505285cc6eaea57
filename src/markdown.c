/*
 * markdown.c - the result as a Markdown onboarding checklist a team can paste into an issue or a
 * wiki: each report to obtain or request as a heading with its type, categories and reasons;
 * advice; the open questions and the next steps as task lists ("- [ ]"); the sources cited.
 *
 * Same content and order as the text output (text.c); only the layout differs. Free text from
 * the rules is escaped, so a rules file cannot inject Markdown structure or HTML, and its
 * non-printable bytes are shown as visible escapes (sa_escape.h). It reads the
 * result and decides nothing: the reasons shown are the result's (reasons.c).
 */
#include "internal.h"
#include "plan.h"
#include "sa_escape.h"

#include <stdlib.h>
#include <string.h>

struct md {
	FILE *f;
	const sa_rules *r;
	const struct sa_result *res;
	int reasons; /* the explanation level shows reasons */
	int explain; /* also "why not" */
	size_t *cited; /* per source: 1-based citation number, 0 when not cited yet */
	size_t ncited;
};

/*
 * Write s with the characters Markdown gives a meaning to escaped; newlines become spaces. The
 * runs between them (never split inside a UTF-8 character: the specials are ASCII) go through
 * sa_escape_write, which shows non-printable bytes as "\x1b" or "\u009b".
 */
static void text(struct md *m, const char *s)
{
	static const char special[] = "\\`*_[]<>|#!~\n\r";
	while (*s) {
		size_t run = strcspn(s, special);
		sa_escape_write(m->f, s, run, SA_ESCAPE_TAB);
		s += run;
		if (!*s)
			break;
		if (*s == '\n' || *s == '\r') {
			fputc(' ', m->f);
		} else {
			fputc('\\', m->f);
			fputc(*s, m->f);
		}
		s++;
	}
}

static void flag(struct md *m, const char *id, int with_value)
{
	char fl[SA_FLAG_SIZE];
	fprintf(m->f, "`%s%s`", sa_question_flag(id, 1, fl, sizeof(fl)), with_value ? "=..." : "");
}

static size_t cite(struct md *m, size_t source)
{
	if (!m->cited[source])
		m->cited[source] = ++m->ncited;
	return m->cited[source];
}

/* The answers a reason rests on, and (when unknown) its open questions, as nested list items. */
static void rule_answers(struct md *m, const struct sa_reason *x)
{
	const sa_rules *r = m->r;
	size_t k;
	char fl[SA_ANSWER_FLAG_SIZE];

	for (k = 0; k < x->nused; k++) {
		size_t q = x->used[k];
		fprintf(m->f, "%s`%s`", k ? ", " : "  - answers: ",
			sa_answer_flag(r, q, m->res->answers.value[q], fl, sizeof(fl)));
	}
	if (x->nused)
		fputc('\n', m->f);
	for (k = 0; k < x->nopen; k++) {
		fputs(k ? ", " : "  - open: ", m->f);
		flag(m, r->questions[x->open[k]].id, 0);
	}
	if (x->nopen)
		fputc('\n', m->f);
}

static void reasons(struct md *m, const struct sa_reason *x, size_t n, int why_not)
{
	size_t i, j;
	for (i = 0; i < n; i++) {
		const struct rule *ru = &m->r->rules[x[i].rule];
		fputs("- ", m->f);
		text(m, why_not && ru->why_not ? ru->why_not :
					       sa_rule_because_for(m->r, x[i].rule, &m->res->answers));
		for (j = 0; j < ru->nsources; j++)
			fprintf(m->f, " \\[%zu\\]", cite(m, ru->sources[j]));
		fputc('\n', m->f);
		rule_answers(m, &x[i]);
	}
}

static void type_heading(struct md *m, const struct sa_report_result *rr)
{
	if (rr->type_open) {
		fputs(" (type not decided yet)", m->f);
		return;
	}
	if (rr->type == SA_TYPE_1)
		fputs(" Type 1", m->f);
	else if (rr->type == SA_TYPE_2)
		fputs(" Type 2", m->f);
	if (rr->type == SA_TYPE_2 && rr->observation_months)
		fprintf(m->f, " (%d-month period)", rr->observation_months);
	if (rr->then.type == SA_TYPE_1 || rr->then.type == SA_TYPE_2) {
		fprintf(m->f, ", then Type %c", rr->then.type == SA_TYPE_1 ? '1' : '2');
		if (rr->then.observation_months)
			fprintf(m->f, " (%d-month period)", rr->then.observation_months);
	}
}

static void category_line(struct md *m, const struct sa_report_result *rr, unsigned char want,
			  const char *label)
{
	int c, n = 0;
	for (c = 0; c < SA_CAT_COUNT; c++) {
		if (rr->criteria[c] != want)
			continue;
		fprintf(m->f, "%s%s", n++ ? ", " : label, sa_category_title((enum sa_category)c));
		if (rr->basis[c] == SA_BASIS_REQUIRED)
			fputs(" (required)", m->f);
		else if (rr->basis[c] == SA_BASIS_CONSIDER)
			fputs(" (worth considering; commonly added later)", m->f);
	}
	if (n)
		fputc('\n', m->f);
}

static void report_section(struct md *m, int rep)
{
	const sa_rules *r = m->r;
	const struct sa_report_result *rr = &m->res->report[rep];
	size_t i, n = 0;

	fprintf(m->f, "\n## %s%s", rr->action == SA_ACTION_REQUEST ? "Request from your vendor: " :
								     "Obtain: ",
		sa_report_title((enum sa_report)rep));
	type_heading(m, rr);
	fprintf(m->f, "\n\n- **Status:** %s\n",
		rr->status == SA_RECOMMENDED ? "recommended" : "possible (depends on open questions)");
	if (r->nby_report[rep][SA_OUT_CRITERIA]) {
		category_line(m, rr, SA_RECOMMENDED, "- **Categories:** ");
		category_line(m, rr, SA_POSSIBLE, "- **Possibly also:** ");
		for (i = 0; i < sa_tsc_count(); i++) {
			const struct sa_criterion *cr = sa_tsc_get(i);
			if (rr->criteria[cr->category] == SA_RECOMMENDED)
				fprintf(m->f, "%s%s", n++ ? ", " : "- **Criteria:** ", cr->id);
		}
		if (n)
			fputc('\n', m->f);
	}
	if (rr->then.note) {
		fputs("- **Then:** ", m->f);
		text(m, rr->then.note);
		fputc('\n', m->f);
	}
	if (rr->timing) {
		fputs("- **Timing:** ", m->f);
		text(m, rr->timing);
		fputc('\n', m->f);
	}
	if (!m->reasons)
		return;
	fprintf(m->f, "\n%s\n\n", rr->status == SA_RECOMMENDED ? "Why:" : "Would apply if:");
	reasons(m, rr->reasons, rr->nreasons, 0);
}

/*
 * The open questions that would decide item i of kind k, as " (open: `--a`, `--b`)": the ones the
 * engine recorded as deciding its slot.
 */
static void item_open(struct md *m, enum sa_item_kind k, size_t item)
{
	const sa_rules *r = m->r;
	size_t q, n = 0;
	size_t slot = SLOT_ITEM0 + (k == SA_ITEM_STEP ? r->nitems[SA_ITEM_ADVICE] : 0) + item;
	for (q = 0; q < r->nquestions; q++)
		if (sa_result_decides(m->res, q, slot)) {
			fputs(n++ ? ", " : " (open: ", m->f);
			flag(m, r->questions[q].id, 0);
		}
	if (n)
		fputc(')', m->f);
}

static size_t count_items(struct md *m, enum sa_item_kind k, enum sa_status_kind st)
{
	size_t i, n = 0;
	for (i = 0; i < m->r->nitems[k]; i++)
		if (m->res->items[k][i].status == st)
			n++;
	return n;
}

static void advice_section(struct md *m)
{
	const sa_rules *r = m->r;
	const size_t *idx;
	size_t i, n = r->nitems[SA_ITEM_ADVICE];

	if (!count_items(m, SA_ITEM_ADVICE, SA_RECOMMENDED) &&
	    !count_items(m, SA_ITEM_ADVICE, SA_POSSIBLE))
		return;
	fputs("\n## Advice\n", m->f);
	idx = sa_items_in_order(r, SA_ITEM_ADVICE);
	for (i = 0; i < n; i++) {
		const struct item *it = &r->items[SA_ITEM_ADVICE][idx[i]];
		if (m->res->items[SA_ITEM_ADVICE][idx[i]].status != SA_RECOMMENDED)
			continue;
		fputs("\n### ", m->f);
		text(m, it->title ? it->title : it->id);
		fputs("\n\n", m->f);
		text(m, sa_result_item_text(r, m->res, SA_ITEM_ADVICE, idx[i]));
		fputc('\n', m->f);
		if (!m->reasons)
			continue;
		fputc('\n', m->f);
		reasons(m, m->res->items[SA_ITEM_ADVICE][idx[i]].reasons,
			m->res->items[SA_ITEM_ADVICE][idx[i]].nreasons, 0);
	}
	if (count_items(m, SA_ITEM_ADVICE, SA_POSSIBLE)) {
		fputs("\n### Possibly, depending on the open questions\n\n", m->f);
		for (i = 0; i < n; i++) {
			const struct item *it = &r->items[SA_ITEM_ADVICE][idx[i]];
			if (m->res->items[SA_ITEM_ADVICE][idx[i]].status != SA_POSSIBLE)
				continue;
			fputs("- **", m->f);
			text(m, it->title ? it->title : it->id);
			fputs(":** ", m->f);
			text(m, it->text);
			item_open(m, SA_ITEM_ADVICE, idx[i]);
			fputc('\n', m->f);
		}
	}
}

static void open_section(struct md *m)
{
	const sa_rules *r = m->r;
	size_t q, s, n = 0;
	char name[160];

	for (q = 0; q < r->nquestions; q++)
		n += m->res->open[q] != 0;
	if (!n)
		return;
	fputs("\n## Open questions\n\nAnswering them decides what is marked possible.\n\n", m->f);
	for (q = 0; q < r->nquestions; q++) {
		size_t k = 0;
		if (!m->res->open[q])
			continue;
		fputs("- [ ] ", m->f);
		text(m, sa_question_prompt_for(r, q, &m->res->answers));
		fputc(' ', m->f);
		flag(m, r->questions[q].id, r->questions[q].type != SA_Q_BOOL);
		for (s = 0; s < r->nslots; s++)
			if (sa_result_decides(m->res, q, s))
				fprintf(m->f, "%s`%s`", k++ ? ", " : " (decides: ",
					sa_slot_name(r, s, name, sizeof(name)));
		fputs(k ? ")\n" : "\n", m->f);
	}
}

static void steps_section(struct md *m)
{
	const sa_rules *r = m->r;
	const size_t *idx;
	size_t i, n = r->nitems[SA_ITEM_STEP];
	size_t nrec = count_items(m, SA_ITEM_STEP, SA_RECOMMENDED);
	size_t nposs = count_items(m, SA_ITEM_STEP, SA_POSSIBLE);

	if (!nrec && !nposs)
		return;
	fputs("\n## Next steps\n\n", m->f);
	idx = sa_items_in_order(r, SA_ITEM_STEP);
	for (i = 0; i < n; i++) {
		if (m->res->items[SA_ITEM_STEP][idx[i]].status != SA_RECOMMENDED)
			continue;
		fputs("- [ ] ", m->f);
		text(m, r->items[SA_ITEM_STEP][idx[i]].text);
		fputc('\n', m->f);
	}
	if (nposs) {
		fputs(nrec ? "\n### If the open questions confirm them\n\n" : "", m->f);
		for (i = 0; i < n; i++) {
			if (m->res->items[SA_ITEM_STEP][idx[i]].status != SA_POSSIBLE)
				continue;
			fputs("- [ ] ", m->f);
			text(m, r->items[SA_ITEM_STEP][idx[i]].text);
			item_open(m, SA_ITEM_STEP, idx[i]);
			fputc('\n', m->f);
		}
	}
}

static void why_not_section(struct md *m)
{
	int rep, any = 0;
	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		const struct sa_report_result *rr = &m->res->report[rep];
		if (rr->status != SA_ABSENT)
			continue;
		if (!any++)
			fputs("\n## Not recommended, and why\n", m->f);
		fprintf(m->f, "\n### %s\n\n", sa_report_title((enum sa_report)rep));
		if (!rr->nwhy_not)
			fputs("- no rule in these rules recommends it\n", m->f);
		reasons(m, rr->why_not, rr->nwhy_not, 1);
	}
}

static void sources_section(struct md *m)
{
	size_t k, s;
	if (!m->ncited)
		return;
	fputs("\n## Sources\n\n", m->f);
	for (k = 1; k <= m->ncited; k++)
		for (s = 0; s < m->r->nsources; s++) {
			const struct source *src = &m->r->sources[s];
			if (m->cited[s] != k)
				continue;
			fprintf(m->f, "%zu. ", k);
			if (src->url)
				fputc('[', m->f);
			text(m, src->title);
			if (src->url) {
				fputs("](<", m->f);
				sa_escape_puts(m->f, src->url, 0);
				fputs(">)", m->f);
			}
			if (src->locator) {
				fputs(", ", m->f);
				text(m, src->locator);
			}
			fputc('\n', m->f);
		}
}

int sa_write_markdown(FILE *f, const sa_rules *r, const struct sa_result *res,
		      const struct sa_output_opts *o)
{
	struct md m;
	int rep, nrep = 0;

	memset(&m, 0, sizeof(m));
	m.f = f;
	m.r = r;
	m.res = res;
	m.reasons = !o || o->explain >= SA_EXPLAIN_REASONS;
	m.explain = o && o->explain > 0;
	m.cited = sa_calloc(r->nsources, sizeof(*m.cited));
	if (!m.cited)
		return SA_ERR_NOMEM;

	fputs("# SOC reports: onboarding checklist\n\n", f);
	fputs("Rules: ", f);
	text(&m, r->name);
	fputc(' ', f);
	text(&m, r->version);
	fputc('\n', f);
	/* recommended reports first, then the possible ones, each in report order */
	for (rep = 0; rep < SA_REPORT_COUNT; rep++)
		if (res->report[rep].status == SA_RECOMMENDED) {
			report_section(&m, rep);
			nrep++;
		}
	for (rep = 0; rep < SA_REPORT_COUNT; rep++)
		if (res->report[rep].status == SA_POSSIBLE) {
			report_section(&m, rep);
			nrep++;
		}
	if (!nrep)
		fputs("\nNo SOC report follows from these answers.\n", f);
	advice_section(&m);
	open_section(&m);
	steps_section(&m);
	sa_plan_write_markdown(f, res);
	if (m.explain)
		why_not_section(&m);
	sources_section(&m);
	fputs("\n---\n\n", f);
	text(&m, sa_rules_disclaimer(r));
	fputc('\n', f);
	free(m.cited);
	return ferror(f) ? SA_ERR_IO : SA_OK;
}

int sa_write_questions_markdown(FILE *f, const sa_rules *r)
{
	struct md m;
	size_t q, k;
	char v[SA_VALUE_SIZE];
	int32_t mn, mx, def;

	memset(&m, 0, sizeof(m));
	m.f = f;
	m.r = r;
	fputs("| Flag | Type | Values | Default | Question |\n|---|---|---|---|---|\n", f);
	for (q = 0; q < r->nquestions; q++) {
		const struct question *qq = &r->questions[q];
		fputs("| ", f);
		flag(&m, qq->id, 0);
		fprintf(f, " | %s | ", qq->type == SA_Q_BOOL ? "bool" :
				       qq->type == SA_Q_ENUM ? "enum" : "int");
		if (qq->type == SA_Q_BOOL) {
			fputs("`true`, `false`", f);
		} else if (qq->type == SA_Q_ENUM) {
			for (k = 0; k < qq->nchoices; k++)
				fprintf(f, "%s`%s`", k ? ", " : "", qq->choices[k]);
		} else {
			sa_question_range(r, q, &mn, &mx);
			fprintf(f, "%d to %d", (int)mn, (int)mx);
		}
		fputs(" | ", f);
		if (sa_question_default(r, q, &def))
			fprintf(f, "`%s`", sa_question_format_value(r, q, def, v, sizeof(v)));
		fputs(" | ", f);
		text(&m, qq->prompt);
		fputs(" |\n", f);
	}
	return ferror(f) ? SA_ERR_IO : SA_OK;
}
