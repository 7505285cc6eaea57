/*
 * explain.c - the explain menu at the end of an interview: every report (recommended, possible,
 * then the others, for "why not"), advice and next step of the result, numbered; a number shows
 * the rules that are its reasons, the answers they read, its criteria and their sources. An item
 * is picked by number or by name ("soc2", "bridge_letter"); "?" lists the items again.
 *
 * Which rules are reasons, and the answers that decided each, are the result's (its reasons and
 * "why not" lists, finished at evaluation); this file only shows them. Nothing is cut: a label
 * is the item's whole title, or an untitled step's whole text, wrapped.
 */
#include "explain.h"
#include "sa_interview.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum xkind { X_REPORT, X_ADVICE, X_STEP };

struct xitem {
	enum xkind kind;
	size_t index;
};

/* The words of enum sa_status_kind, indexed by it. */
static const char *const status_words[] = {
	[SA_ABSENT] = "not recommended",
	[SA_RECOMMENDED] = "recommended",
	[SA_POSSIBLE] = "possible",
};

/* "--payroll, --role=customer": the answers that decided a reason, or NULL (none, or no
 * memory). */
static char *answers_read(const sa_rules *r, const struct sa_result *res,
			  const struct sa_reason *x)
{
	char *text = NULL, fl[SA_ANSWER_FLAG_SIZE];
	size_t len = 0, k;
	FILE *m;
	if (!x->nused)
		return NULL;
	m = open_memstream(&text, &len);
	if (!m)
		return NULL;
	for (k = 0; k < x->nused; k++)
		fprintf(m, "%s%s", k ? ", " : "",
			sa_answer_flag(r, x->used[k], res->answers.value[x->used[k]], fl, sizeof(fl)));
	if (fclose(m) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

static void explain_rule(const struct cli_voice *v, const sa_rules *r,
			 const struct sa_result *res, const struct sa_reason *x, int why_not)
{
	size_t rule = x->rule;
	const char *text = why_not && sa_rule_why_not(r, rule) ? sa_rule_why_not(r, rule)
							      : sa_rule_because_for(r, rule,
										    &res->answers);
	char *answers = answers_read(r, res, x);
	size_t j;
	cli_voice_wrapf(v, 4, 6, "- %s", text);
	if (answers) {
		cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_DIM));
		cli_voice_wrapf(v, 6, 7, "(your answers: %s)", answers);
		cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_RESET));
		free(answers);
	}
	for (j = 0; j < sa_rule_source_count(r, rule); j++) {
		size_t src = sa_rule_source(r, rule, j);
		const char *loc = sa_source_locator(r, src), *url = sa_source_url(r, src);
		cli_voice_wrapf(v, 6, 8, "source: %s%s%s%s%s", sa_source_title(r, src),
				loc ? ", " : "", loc ? loc : "", url ? " " : "", url ? url : "");
	}
}

/*
 * Write x's label, whole and wrapped from column col: "SOC 2 (possible)", "advice: Bridge
 * letter", "next step: <its text> (possible)".
 */
static void put_label(const struct cli_voice *v, const sa_rules *r, const struct sa_result *res,
		      const struct xitem *x, size_t col)
{
	enum sa_item_kind k;
	const char *t;
	if (x->kind == X_REPORT) {
		cli_voice_wrapf_at(v, col, col + 2, "%s (%s)", sa_report_title((enum sa_report)x->index),
				status_words[res->report[x->index].status]);
		return;
	}
	k = x->kind == X_ADVICE ? SA_ITEM_ADVICE : SA_ITEM_STEP;
	t = sa_item_title(r, k, x->index);
	if (!t)
		t = sa_item_text(r, k, x->index);
	cli_voice_wrapf_at(v, col, col + 2, "%s: %s%s%s%s", x->kind == X_ADVICE ? "advice" : "next step",
			t, res->items[k][x->index].status != SA_RECOMMENDED ? " (" : "",
			res->items[k][x->index].status != SA_RECOMMENDED ?
				status_words[res->items[k][x->index].status] :
				"",
			res->items[k][x->index].status != SA_RECOMMENDED ? ")" : "");
}

/* The Trust Services Criteria an item rests on: a report's categories' criteria, or the
 * advice's own criteria_ids. */
static void put_criteria(const struct cli_voice *v, const sa_rules *r,
			 const struct sa_result *res, const struct xitem *x)
{
	char *text = NULL;
	size_t len = 0, i, n = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return;
	if (x->kind == X_REPORT) {
		const struct sa_report_result *rr = &res->report[x->index];
		for (i = 0; rr->status != SA_ABSENT && i < sa_tsc_count(); i++) {
			const struct sa_criterion *cr = sa_tsc_get(i);
			if (rr->criteria[cr->category] == SA_RECOMMENDED)
				fprintf(m, "%s%s", n++ ? ", " : "", cr->id);
		}
	} else {
		enum sa_item_kind k = x->kind == X_ADVICE ? SA_ITEM_ADVICE : SA_ITEM_STEP;
		for (i = 0; i < sa_item_criteria_count(r, k, x->index); i++)
			fprintf(m, "%s%s", n++ ? ", " : "", sa_item_criterion(r, k, x->index, i));
	}
	if (fclose(m) == 0 && text && n)
		cli_voice_wrapf(v, 4, 6, "Criteria (2017 Trust Services Criteria): %s", text);
	free(text);
}

static void explain_item(const struct cli_voice *v, const sa_rules *r,
			 const struct sa_result *res, const struct xitem *x)
{
	const struct sa_reason *list;
	size_t i, n;
	int why_not = 0;
	cli_voice_say(v, "\n  %s", cli_voice_sgr(v, CLI_SGR_BOLD));
	put_label(v, r, res, x, 2);
	cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_RESET));
	/* the result's reasons, as every output format shows them */
	if (x->kind == X_REPORT) {
		const struct sa_report_result *rr = &res->report[x->index];
		why_not = rr->status == SA_ABSENT;
		list = why_not ? rr->why_not : rr->reasons;
		n = why_not ? rr->nwhy_not : rr->nreasons;
	} else {
		const struct sa_item_result *it =
			&res->items[x->kind == X_ADVICE ? SA_ITEM_ADVICE : SA_ITEM_STEP][x->index];
		list = it->reasons;
		n = it->nreasons;
	}
	for (i = 0; i < n; i++)
		explain_rule(v, r, res, &list[i], why_not);
	if (!n)
		cli_voice_say(v, "    - no rule in these rules recommends it\n");
	put_criteria(v, r, res, x);
}

/* Item i's name: a report's id ("soc2"), an advice's or a step's id ("bridge_letter"). */
static const char *item_name(const sa_rules *r, const struct xitem *x)
{
	if (x->kind == X_REPORT)
		return sa_report_id((enum sa_report)x->index);
	return sa_item_id(r, x->kind == X_ADVICE ? SA_ITEM_ADVICE : SA_ITEM_STEP, x->index);
}

static void list_items(const struct cli_voice *v, const sa_rules *r,
		       const struct sa_result *res, const struct xitem *items, size_t n)
{
	size_t i;
	cli_voice_say(v, "\n%s", cli_voice_sgr(v, CLI_SGR_BOLD));
	cli_voice_wrapf(v, 0, 0, "Explain an item? Any of these (its reasons, your answers behind "
				 "them, its criteria and the sources):");
	cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_RESET));
	for (i = 0; i < n; i++) {
		cli_voice_say(v, "  %2zu) ", i + 1);
		put_label(v, r, res, &items[i], 6);
	}
	cli_voice_wrapf(v, 0, 2, "Pick a number or a name (soc2, %s), ? to list them again.",
			n > SA_REPORT_COUNT ? item_name(r, &items[SA_REPORT_COUNT]) : "soc1");
}

/* The item a reply names: its number or its name (any case); n when none. */
static size_t find_item(const sa_rules *r, const struct xitem *items, size_t n, const char *w)
{
	char *end;
	unsigned long pick = strtoul(w, &end, 10);
	size_t i;
	if (isdigit((unsigned char)*w) && !*end)
		return pick >= 1 && pick <= n ? pick - 1 : n;
	for (i = 0; i < n; i++)
		if (strcasecmp(item_name(r, &items[i]), w) == 0)
			return i;
	return n;
}

/* The items worth explaining, in menu order; *n is set. NULL when out of memory. */
static struct xitem *menu_items(const sa_rules *r, const struct sa_result *res, size_t *n)
{
	/* reports first: recommended, possible, then the others for "why not" */
	static const enum sa_status_kind order[] = { SA_RECOMMENDED, SA_POSSIBLE, SA_ABSENT };
	size_t nadvice = sa_rules_item_count(r, SA_ITEM_ADVICE);
	size_t nsteps = sa_rules_item_count(r, SA_ITEM_STEP), i, k;
	struct xitem *items = calloc((size_t)SA_REPORT_COUNT + nadvice + nsteps + 1, sizeof(*items));
	*n = 0;
	if (!items)
		return NULL;
	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++)
		for (i = 0; i < SA_REPORT_COUNT; i++)
			if (res->report[i].status == order[k]) {
				items[*n].kind = X_REPORT;
				items[(*n)++].index = i;
			}
	for (i = 0; i < nadvice; i++)
		if (res->items[SA_ITEM_ADVICE][i].status != SA_ABSENT) {
			items[*n].kind = X_ADVICE;
			items[(*n)++].index = i;
		}
	for (i = 0; i < nsteps; i++)
		if (res->items[SA_ITEM_STEP][i].status != SA_ABSENT) {
			items[*n].kind = X_STEP;
			items[(*n)++].index = i;
		}
	return items;
}

enum cli_read cli_explain_offer(const struct cli_voice *v, struct cli_reader *rd,
				const sa_rules *r, const struct sa_result *res)
{
	size_t n;
	struct xitem *items = menu_items(r, res, &n);
	char line[CLI_REPLY_SIZE];
	enum cli_read st = CLI_READ_LINE;

	if (!items)
		return CLI_READ_EOF;
	rd->question = -1;
	list_items(v, r, res, items, n);
	for (;;) {
		char *w, *end;
		size_t pick;
		st = cli_read_reply(rd, "Item number, or Enter to finish: ", line);
		if (st == CLI_READ_EOF)
			fputc('\n', v->talk);
		if (st != CLI_READ_LINE)
			break;
		for (w = line; isspace((unsigned char)*w); w++)
			;
		for (end = w + strlen(w); end > w && isspace((unsigned char)end[-1]);)
			*--end = '\0';
		if (!*w || strcasecmp(w, "q") == 0 || sa_interview_command(w) == SA_CMD_QUIT)
			break;
		if (sa_interview_command(w) == SA_CMD_HELP) {
			list_items(v, r, res, items, n);
			continue;
		}
		pick = find_item(r, items, n, w);
		if (pick == n) {
			cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_YELLOW));
			cli_voice_wrapf(v, 2, 4, "'%s' is not an item number (1 to %zu) or name; ? "
						 "lists them", w, n);
			cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_RESET));
			continue;
		}
		explain_item(v, r, res, &items[pick]);
		cli_voice_say(v, "\n");
	}
	free(items);
	/* Ctrl-D here just ends: the result is already written and saved */
	return st == CLI_READ_SIGNAL ? CLI_READ_SIGNAL : CLI_READ_LINE;
}
