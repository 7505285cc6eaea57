/*
 * text.c - the readable text output: what to obtain or request and why, open questions,
 * advice, next steps and the sources cited, numbered once.
 *
 * Colour (when asked for) only adds emphasis: the words are the same without it, so the output
 * reads the same through a screen reader, a pipe or NO_COLOR. Text from the rules reaches the
 * page through sa_wrap or sa_escape_puts only, which show its non-printable bytes as visible
 * escapes (sa_escape.h): the colours are the only control sequences written.
 *
 * It reads the result and decides nothing: the reasons shown are the result's (reasons.c).
 */
#include "internal.h"
#include "plan.h"
#include "sa_escape.h"
#include "sa_interview.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct out {
	FILE *f;
	const sa_rules *r;
	const struct sa_result *res;
	int color;
	int explain; /* "why not" for reports that are not recommended */
	size_t width; /* wrap at this many columns */
	int reasons; /* the reasons behind each item (not with --explain=none) */
	size_t *cited; /* per source: 1-based citation number, 0 when not cited yet */
	size_t ncited;
	char *line;    /* the paragraph being built (add), without a length bound */
	size_t len, cap;
	int nomem;     /* a paragraph could not grow: the output is incomplete */
};

static const char *sgr(const struct out *o, const char *code)
{
	return o->color ? code : "";
}

#define BOLD "\033[1m"
#define DIM "\033[2m"
#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define CYAN "\033[36m"
#define RESET "\033[0m"

static void heading(struct out *o, const char *title)
{
	fprintf(o->f, "\n%s", sgr(o, BOLD));
	sa_wrap(o->f, title, 0, 2, o->width);
	fprintf(o->f, "%s\n", sgr(o, RESET));
}

/* Print text wrapped at o->width: the first line indented by first, the others by indent. */
static void wrap(struct out *o, const char *text, size_t first, size_t indent)
{
	fprintf(o->f, "%*s", (int)first, "");
	sa_wrap(o->f, text, first, indent, o->width);
	fputc('\n', o->f);
}

/*
 * Append to the paragraph being built in o->line (empty it first with o->len = 0). It grows as
 * needed, so no rules text is cut short; wrap_line() prints it.
 */
static void add(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->line + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= o->cap - o->len) {
		size_t cap = (o->len + (size_t)n + 1) * 2;
		char *p = sa_calloc(cap, 1);
		if (!p) {
			/* keep what fits, terminated, and report the failure at the end */
			o->nomem = 1;
			o->len = strlen(o->line);
			return;
		}
		memcpy(p, o->line, o->len);
		free(o->line);
		o->line = p;
		o->cap = cap;
		va_start(ap, fmt);
		vsnprintf(o->line + o->len, o->cap - o->len, fmt, ap);
		va_end(ap);
	}
	o->len += (size_t)n;
}

static void wrap_line(struct out *o, size_t first, size_t indent)
{
	wrap(o, o->line, first, indent);
}

static size_t cite(struct out *o, size_t source)
{
	if (!o->cited[source])
		o->cited[source] = ++o->ncited;
	return o->cited[source];
}

/* Append the unanswered questions that can still decide slot, as "a?, b?"; returns how many. */
static size_t add_open(struct out *o, size_t slot)
{
	const sa_rules *r = o->r;
	size_t q, m = 0;
	char fl[SA_FLAG_SIZE];
	for (q = 0; q < r->nquestions; q++)
		if (sa_result_decides(o->res, q, slot))
			add(o, "%s%s?", m++ ? ", " : "",
			    sa_question_flag(r->questions[q].id, 1, fl, sizeof(fl)));
	return m;
}

/*
 * "(--a=1, --b (default), open: --c?)": the answers a reason rests on and its open questions,
 * as the command line writes them.
 */
static void answers_line(struct out *o, const struct sa_reason *x)
{
	const sa_rules *r = o->r;
	size_t k, n = 0;
	char fl[SA_ANSWER_FLAG_SIZE];

	o->len = 0;
	add(o, "(");
	for (k = 0; k < x->nused; k++, n++) {
		size_t q = x->used[k];
		add(o, "%s%s%s", n ? ", " : "",
		    sa_answer_flag(r, q, o->res->answers.value[q], fl, sizeof(fl)),
		    o->res->answers.origin[q] == SA_ORIGIN_DEFAULT ? " (default)" : "");
	}
	for (k = 0; k < x->nopen; k++, n++)
		add(o, "%s%s%s?", n ? ", " : "", k ? "" : "open: ",
		    sa_question_flag(r->questions[x->open[k]].id, 1, fl, sizeof(fl)));
	if (!n)
		return;
	add(o, ")");
	fprintf(o->f, "%s", sgr(o, DIM));
	wrap_line(o, 8, 9);
	fprintf(o->f, "%s", sgr(o, RESET));
}

/* "- because [1][2]" plus the answers it rests on. */
static void reason(struct out *o, const struct sa_reason *x, int why_not)
{
	const struct rule *ru = &o->r->rules[x->rule];
	size_t j;

	o->len = 0;
	add(o, "- %s ", why_not && ru->why_not ? ru->why_not :
			sa_rule_because_for(o->r, x->rule, &o->res->answers));
	for (j = 0; j < ru->nsources; j++)
		add(o, "[%zu]", cite(o, ru->sources[j]));
	wrap_line(o, 6, 8);
	answers_line(o, x);
}

static void reasons(struct out *o, const struct sa_reason *x, size_t n, int why_not)
{
	size_t i;
	for (i = 0; i < n; i++)
		reason(o, &x[i], why_not);
}

/*
 * A SOC 3's reasons: its category reasons only repeat those of its SOC 2, shown just above, so
 * they are named once instead of repeated.
 */
static void soc3_reasons(struct out *o, const struct sa_report_result *rr)
{
	size_t i, same = 0;
	for (i = 0; i < rr->nreasons; i++) {
		if (o->r->rules[rr->reasons[i].rule].kind == SA_OUT_CRITERIA) {
			same++;
			continue;
		}
		reason(o, &rr->reasons[i], 0);
	}
	if (same)
		wrap(o, "- Its categories are those of the SOC 2 above, for the same reasons.", 6, 8);
}

static void type_phrase(char *buf, size_t size, const struct sa_report_result *rr)
{
	size_t len;
	if (rr->type_open) {
		snprintf(buf, size, " (type not decided yet)");
		return;
	}
	if (rr->type == SA_TYPE_1)
		len = (size_t)snprintf(buf, size, " Type 1");
	else if (rr->type == SA_TYPE_2 && rr->observation_months)
		len = (size_t)snprintf(buf, size, " Type 2 (%d-month period)",
				       rr->observation_months);
	else if (rr->type == SA_TYPE_2)
		len = (size_t)snprintf(buf, size, " Type 2");
	else
		len = (size_t)snprintf(buf, size, "%s", "");
	if (len < size && rr->then.type != SA_TYPE_UNSET) {
		len += (size_t)snprintf(buf + len, size - len, ", then Type %c",
					rr->then.type == SA_TYPE_1 ? '1' : '2');
		if (len < size && rr->then.observation_months)
			snprintf(buf + len, size - len, " (%d-month period)",
				 rr->then.observation_months);
	}
}

/* The words after a definite category that say why it is in scope (enum sa_basis). */
static const char *basis_words(unsigned char basis)
{
	switch (basis) {
	case SA_BASIS_REQUIRED:
		return " (required)";
	case SA_BASIS_CONSIDER:
		return " (worth considering; commonly added later)";
	default:
		return "";
	}
}

/* "Categories: Security, Availability (required), ..." for the definite categories. */
static void categories(struct out *o, const struct sa_report_result *rr)
{
	int c, n = 0;
	o->len = 0;
	add(o, "Categories:");
	for (c = 0; c < SA_CAT_COUNT; c++)
		if (rr->criteria[c] == SA_RECOMMENDED)
			add(o, "%s %s%s", n++ ? "," : "", sa_category_title((enum sa_category)c),
			    basis_words(rr->basis[c]));
	if (n)
		wrap_line(o, 4, 6);
}

/* "Possibly also: Availability (--uptime-commitments?), ..." for the categories still open. */
static void possible_categories(struct out *o, int rep)
{
	const struct sa_report_result *rr = &o->res->report[rep];
	int c, n = 0;

	o->len = 0;
	add(o, "Possibly also:");
	for (c = 0; c < SA_CAT_COUNT; c++) {
		if (rr->criteria[c] != SA_POSSIBLE)
			continue;
		add(o, "%s %s (", n++ ? "," : "", sa_category_title((enum sa_category)c));
		add_open(o, SLOT_CAT(rep, c));
		add(o, ")");
	}
	if (n)
		wrap_line(o, 4, 6);
}

static void report_block(struct out *o, int rep)
{
	const sa_rules *r = o->r;
	const struct sa_report_result *rr = &o->res->report[rep];
	char tp[160];

	type_phrase(tp, sizeof(tp), rr);
	fprintf(o->f, "  %s%s%s%s%s%s\n", sgr(o, BOLD),
		rr->action == SA_ACTION_REQUEST ? "Request from your vendor: " : "",
		sgr(o, rr->status == SA_RECOMMENDED ? GREEN : YELLOW),
		sa_report_title((enum sa_report)rep), tp, sgr(o, RESET));
	if (r->nby_report[rep][SA_OUT_CRITERIA]) {
		categories(o, rr);
		possible_categories(o, rep);
	}
	if (rr->then.note)
		wrap(o, rr->then.note, 4, 4);
	if (rr->timing) {
		o->len = 0;
		add(o, "Timing: %s", rr->timing);
		wrap_line(o, 4, 4);
	}
	if (!o->reasons)
		return;
	fprintf(o->f, "    %s\n", rr->status == SA_RECOMMENDED ? "Why:" : "Would apply if:");
	if (rep == SA_REPORT_SOC3 && o->res->report[SA_REPORT_SOC2].status != SA_ABSENT)
		soc3_reasons(o, rr);
	else
		reasons(o, rr->reasons, rr->nreasons, 0);
}

/*
 * Advice: recommended items with their reasons, then the possible ones on a line each.
 * Next steps: the recommended ones as a numbered checklist (stable: by order, then id), and a
 * count of those that depend on open questions.
 */
static void items_block(struct out *o, enum sa_item_kind k, const char *title)
{
	const sa_rules *r = o->r;
	size_t n = r->nitems[k], i, shown = 0, possible = 0;
	const size_t *idx;

	for (i = 0; i < n; i++) {
		if (o->res->items[k][i].status == SA_RECOMMENDED)
			shown++;
		else if (o->res->items[k][i].status == SA_POSSIBLE)
			possible++;
	}
	if (!shown && !possible)
		return;
	heading(o, title);
	idx = sa_items_in_order(r, k);
	shown = 0;
	for (i = 0; i < n; i++) {
		const struct item *it = &r->items[k][idx[i]];
		if (o->res->items[k][idx[i]].status != SA_RECOMMENDED)
			continue;
		o->len = 0;
		if (k == SA_ITEM_STEP) {
			add(o, "%zu. %s", ++shown, it->text);
			wrap_line(o, 2, shown < 10 ? 5 : 6);
			continue;
		}
		if (!o->reasons && it->title)
			add(o, "* %s", it->title); /* compact: the title says what it is */
		else
			add(o, "* %s%s%s", it->title ? it->title : "", it->title ? ": " : "",
			    sa_result_item_text(r, o->res, k, idx[i]));
		wrap_line(o, 2, 4);
		if (o->reasons)
			reasons(o, o->res->items[k][idx[i]].reasons, o->res->items[k][idx[i]].nreasons, 0);
	}
	if ((k == SA_ITEM_STEP || !o->reasons) && possible) {
		/* compact (--explain=none): the advice that may still apply is counted too */
		o->len = 0;
		add(o, "(%zu more %s%s depend%s on the open questions; %s lists them)", possible,
		    k == SA_ITEM_STEP ? "step" : "advice item", possible == 1 ? "" : "s",
		    possible == 1 ? "s" : "", k == SA_ITEM_STEP ? "--format json" : "--explain");
		fprintf(o->f, "%s", sgr(o, DIM));
		wrap_line(o, 2, 3);
		fprintf(o->f, "%s", sgr(o, RESET));
	}
	for (i = 0; k == SA_ITEM_ADVICE && o->reasons && i < n; i++) {
		const struct item *it = &r->items[k][idx[i]];
		if (o->res->items[k][idx[i]].status != SA_POSSIBLE)
			continue;
		/* the questions that decide it: what the engine recorded for its slot */
		o->len = 0;
		add(o, "* Possibly: %s (", it->title ? it->title : it->id);
		if (!add_open(o, SLOT_ITEM0 + idx[i]))
			add(o, "undecided");
		add(o, ")");
		fprintf(o->f, "%s", sgr(o, YELLOW));
		wrap_line(o, 2, 4);
		fprintf(o->f, "%s", sgr(o, RESET));
	}
}

/*
 * What open question q decides, in words: the reports, their types and categories, then the
 * advice by title ("SOC 2, SOC 2 Privacy; advice: Bridge letter"). Returns how many.
 */
static size_t add_decides(struct out *o, size_t q)
{
	const sa_rules *r = o->r;
	size_t s, m = 0, a = 0, step0 = SLOT_ITEM0 + r->nitems[SA_ITEM_ADVICE];
	char label[160];
	for (s = 0; s < SLOT_ITEM0; s++)
		if (sa_result_decides(o->res, q, s)) {
			sa_interview_slot_label(r, s, label, sizeof(label));
			add(o, "%s%s%s", m++ ? ", " : "", label,
			    sa_interview_slot_kind(r, s) == SA_SLOT_TYPE ? " type" : "");
		}
	for (s = SLOT_ITEM0; s < step0; s++)
		if (sa_result_decides(o->res, q, s)) {
			add(o, "%s%s", a++ ? ", " : m ? "; advice: " : "advice: ",
			    sa_interview_slot_label(r, s, label, sizeof(label)));
		}
	return m + a;
}

static void open_block(struct out *o)
{
	const sa_rules *r = o->r;
	size_t q, n = 0;
	char flag[SA_FLAG_SIZE];
	for (q = 0; q < r->nquestions; q++)
		if (o->res->open[q])
			n++;
	if (!n)
		return;
	heading(o, "Open questions (answering them decides what is marked possible)");
	if (!o->reasons) {
		/* compact: their flags on one paragraph; --explain shows what each decides */
		o->len = 0;
		for (q = 0, n = 0; q < r->nquestions; q++)
			if (o->res->open[q])
				add(o, "%s%s%s", n++ ? ", " : "",
				    sa_question_flag(r->questions[q].id, 1, flag, sizeof(flag)),
				    r->questions[q].type != SA_Q_BOOL ? "=..." : "");
		wrap_line(o, 2, 2);
		return;
	}
	for (q = 0; q < r->nquestions; q++) {
		size_t m = 0;
		if (!o->res->open[q])
			continue;
		fprintf(o->f, "  %s%s%s%s\n", sgr(o, CYAN),
			sa_question_flag(r->questions[q].id, 1, flag, sizeof(flag)),
			r->questions[q].type != SA_Q_BOOL ? "=..." : "",
			sgr(o, RESET));
		wrap(o, sa_question_prompt_for(r, q, &o->res->answers), 6, 6);
		o->len = 0;
		add(o, "decides: ");
		m = add_decides(o, q);
		if (!m)
			add(o, "next steps only");
		fprintf(o->f, "%s", sgr(o, DIM));
		wrap_line(o, 6, 8);
		fprintf(o->f, "%s", sgr(o, RESET));
	}
}

static void why_not_block(struct out *o)
{
	int rep, any = 0;
	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		const struct sa_report_result *rr = &o->res->report[rep];
		if (rr->status != SA_ABSENT)
			continue;
		if (!any++)
			heading(o, "Not recommended, and why");
		fprintf(o->f, "  %s\n", sa_report_title((enum sa_report)rep));
		if (!rr->nwhy_not)
			fprintf(o->f, "      - no rule in these rules recommends it\n");
		reasons(o, rr->why_not, rr->nwhy_not, 1);
	}
}

/* Two sources are one document when they share their title and their address. */
static int same_document(const struct source *a, const struct source *b)
{
	return strcmp(a->title, b->title) == 0 &&
	       (a->url && b->url ? strcmp(a->url, b->url) == 0 : !a->url && !b->url);
}

/*
 * The sources, grouped by document in the order first cited: the document's title and address
 * once, then each cited place in it ("[7] pp.13-15 (...)"); a source without a locator is its
 * number alone.
 */
static void sources_block(struct out *o)
{
	const sa_rules *r = o->r;
	size_t k, s, t, *by_num;
	unsigned char *done;
	if (!o->ncited)
		return;
	by_num = sa_calloc(o->ncited + 1, sizeof(*by_num));
	done = sa_calloc(o->ncited + 1, 1);
	if (!by_num || !done) {
		free(by_num);
		free(done);
		o->nomem = 1;
		return;
	}
	for (s = 0; s < r->nsources; s++)
		if (o->cited[s])
			by_num[o->cited[s]] = s;
	heading(o, "Sources");
	for (k = 1; k <= o->ncited; k++) {
		const struct source *src = &r->sources[by_num[k]];
		size_t places = 0;
		if (done[k])
			continue;
		for (t = k; t <= o->ncited; t++)
			if (!done[t] && same_document(src, &r->sources[by_num[t]]))
				places++;
		o->len = 0;
		if (places == 1 && !src->locator)
			add(o, "[%zu] %s", k, src->title);
		else
			add(o, "%s", src->title);
		wrap_line(o, 2, 6);
		if (src->url) {
			/* an address is never broken: it stands on its own line */
			fprintf(o->f, "      ");
			sa_escape_puts(o->f, src->url, 0);
			fputc('\n', o->f);
		}
		for (t = k; t <= o->ncited; t++) {
			const struct source *x = &r->sources[by_num[t]];
			if (done[t] || !same_document(src, x))
				continue;
			done[t] = 1;
			if (places == 1 && !x->locator)
				continue;
			o->len = 0;
			add(o, "[%zu] %s", t, x->locator ? x->locator : "(the whole document)");
			wrap_line(o, 6, 10);
		}
	}
	free(by_num);
	free(done);
}

int sa_write_text(FILE *f, const sa_rules *r, const struct sa_result *res,
		  const struct sa_output_opts *opts)
{
	struct out o;
	int rep, nrec = 0, nposs = 0;

	memset(&o, 0, sizeof(o));
	o.f = f;
	o.r = r;
	o.res = res;
	o.color = opts && opts->color;
	o.explain = opts && opts->explain >= SA_EXPLAIN_FULL;
	o.reasons = !opts || opts->explain >= SA_EXPLAIN_REASONS;
	o.width = opts && opts->width ? opts->width : 78;
	o.cited = sa_calloc(r->nsources, sizeof(*o.cited));
	o.cap = 256;
	o.line = sa_calloc(o.cap, 1);
	if (!o.cited || !o.line) {
		free(o.cited);
		free(o.line);
		return SA_ERR_NOMEM;
	}

	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		if (res->report[rep].status == SA_RECOMMENDED)
			nrec++;
		else if (res->report[rep].status == SA_POSSIBLE)
			nposs++;
	}
	fprintf(f, "%sRules:%s ", sgr(&o, BOLD), sgr(&o, RESET));
	sa_escape_puts(f, r->name, 0);
	fputc(' ', f);
	sa_escape_puts(f, r->version, 0);
	fputc('\n', f);
	if (nrec) {
		heading(&o, "Recommended");
		for (rep = 0; rep < SA_REPORT_COUNT; rep++)
			if (res->report[rep].status == SA_RECOMMENDED)
				report_block(&o, rep);
	}
	if (nposs) {
		heading(&o, "Possible (depends on open questions)");
		for (rep = 0; rep < SA_REPORT_COUNT; rep++)
			if (res->report[rep].status == SA_POSSIBLE)
				report_block(&o, rep);
	}
	if (!nrec && !nposs)
		fprintf(f, "\nNo SOC report follows from these answers.\n");
	items_block(&o, SA_ITEM_ADVICE, "Advice");
	items_block(&o, SA_ITEM_STEP, "Next steps");
	open_block(&o);
	if (o.explain)
		why_not_block(&o);
	sources_block(&o);
	if (sa_text_summary(f, r, res, opts, o.width) != SA_OK)
		o.nomem = 1;
	/* last: what a person sees at the end */
	fprintf(f, "\n%s", sgr(&o, DIM));
	sa_wrap(f, sa_rules_disclaimer(r), 0, 0, o.width);
	fprintf(f, "%s\n", sgr(&o, RESET));
	free(o.cited);
	free(o.line);
	if (o.nomem)
		return SA_ERR_NOMEM;
	return ferror(f) ? SA_ERR_IO : SA_OK;
}
