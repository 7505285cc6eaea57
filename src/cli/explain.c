/*
 * explain.c - the explain menu at the end of an interview: every report (recommended, possible,
 * then the others, for "why not"), advice and next step of the result, numbered; a number shows
 * the rules that are its reasons, the answers they read and their sources.
 *
 * Which rules are reasons, and the answers that decided each, are the result's (its reasons and
 * "why not" lists, finished at evaluation); this file only shows them. Nothing is cut except an untitled item's label, shortened on purpose to its first words.
 */
#include "explain.h"
#include "sa_interview.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* An item without a title is labelled by the first words of its text, cut at a word to fit
 * this many bytes with "...". */
#define SHORT_LABEL_SIZE 64

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

/* "payroll = true, role = customer": the answers that decided a reason, or NULL (none, or no
 * memory). */
static char *answers_read(const sa_rules *r, const struct sa_result *res,
			  const struct sa_reason *x)
{
	char *text = NULL, val[SA_VALUE_SIZE];
	size_t len = 0, k;
	FILE *m;
	if (!x->nused)
		return NULL;
	m = open_memstream(&text, &len);
	if (!m)
		return NULL;
	for (k = 0; k < x->nused; k++)
		fprintf(m, "%s%s = %s", k ? ", " : "", sa_question_id(r, x->used[k]),
			sa_question_format_value(r, x->used[k], res->answers.value[x->used[k]], val,
						 sizeof(val)));
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

/* Write x's label: "SOC 2 (possible)", "advice: Bridge letter", "next step: ... (possible)". */
static void put_label(const struct cli_voice *v, const sa_rules *r, const struct sa_result *res,
		      const struct xitem *x)
{
	enum sa_item_kind k;
	const char *t, *text;
	char shortt[SHORT_LABEL_SIZE];
	if (x->kind == X_REPORT) {
		cli_voice_say(v, "%s (%s)", sa_report_title((enum sa_report)x->index),
			      status_words[res->report[x->index].status]);
		return;
	}
	k = x->kind == X_ADVICE ? SA_ITEM_ADVICE : SA_ITEM_STEP;
	t = sa_item_title(r, k, x->index);
	text = sa_item_text(r, k, x->index);
	if (!t) {
		/* the first words of the text, cut at a word */
		snprintf(shortt, sizeof(shortt), "%s", text);
		if (strlen(text) >= sizeof(shortt) - 1) {
			char *sp = strrchr(shortt, ' ');
			if (sp && (size_t)(sp - shortt) + 4 < sizeof(shortt))
				snprintf(sp, sizeof(shortt) - (size_t)(sp - shortt), "...");
		}
		t = shortt;
	}
	cli_voice_say(v, "%s: %s", x->kind == X_ADVICE ? "advice" : "next step", t);
	if (res->items[k][x->index].status != SA_RECOMMENDED)
		cli_voice_say(v, " (%s)", status_words[res->items[k][x->index].status]);
}

static void explain_item(const struct cli_voice *v, const sa_rules *r,
			 const struct sa_result *res, const struct xitem *x)
{
	const struct sa_reason *list;
	size_t i, n;
	int why_not = 0;
	cli_voice_say(v, "\n  %s", cli_voice_sgr(v, CLI_SGR_BOLD));
	put_label(v, r, res, x);
	cli_voice_say(v, "%s\n", cli_voice_sgr(v, CLI_SGR_RESET));
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
	size_t n, i;
	struct xitem *items = menu_items(r, res, &n);
	char line[CLI_REPLY_SIZE];
	enum cli_read st = CLI_READ_LINE;

	if (!items)
		return CLI_READ_EOF;
	rd->question = -1;
	cli_voice_say(v, "\n%sExplain an item?%s Any of these (its reasons, your answers behind "
			 "them and the sources):\n",
		      cli_voice_sgr(v, CLI_SGR_BOLD), cli_voice_sgr(v, CLI_SGR_RESET));
	for (i = 0; i < n; i++) {
		cli_voice_say(v, "  %2zu) ", i + 1);
		put_label(v, r, res, &items[i]);
		cli_voice_say(v, "\n");
	}
	for (;;) {
		char *end;
		unsigned long pick;
		st = cli_read_reply(rd, "Item number, or Enter to finish: ", line);
		if (st == CLI_READ_EOF)
			fputc('\n', v->talk);
		if (st != CLI_READ_LINE)
			break;
		for (end = line; isspace((unsigned char)*end); end++)
			;
		if (!*end || strcasecmp(end, "q") == 0 || sa_interview_command(end) == SA_CMD_QUIT)
			break;
		pick = strtoul(line, &end, 10);
		while (isspace((unsigned char)*end))
			end++;
		if (*end || pick < 1 || pick > n) {
			cli_voice_say(v, "  %s'%s' is not an item number (1 to %zu)%s\n",
				      cli_voice_sgr(v, CLI_SGR_YELLOW), line, n,
				      cli_voice_sgr(v, CLI_SGR_RESET));
			continue;
		}
		explain_item(v, r, res, &items[pick - 1]);
		cli_voice_say(v, "\n");
	}
	free(items);
	/* Ctrl-D here just ends: the result is already written and saved */
	return st == CLI_READ_SIGNAL ? CLI_READ_SIGNAL : CLI_READ_LINE;
}
