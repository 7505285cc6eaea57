/*
 * text_summary.c - the last block of the text output, what a person sees when the result has
 * scrolled by: the reports with their type and categories, the plan (Now / Next / Later), the
 * first three actions, and the command that takes up the open questions if any is open.
 *
 * It reads the finished result and decides nothing. Text from the rules goes through sa_wrap,
 * which shows non-printable bytes as visible escapes.
 */
#include "internal.h"
#include "plan.h"

#include <stdlib.h>
#include <string.h>

/* How many next steps the summary names. */
#define SUMMARY_ACTIONS 3
/* A step's headline is cut at about this many characters. */
#define HEADLINE_MAX 70

/* "SOC 2 Type 1, then Type 2: Security, Availability" into f (a memory stream). */
static void report_line(FILE *f, const struct sa_report_result *rr, enum sa_report rep)
{
	int c, n = 0;
	fprintf(f, "%s%s", rr->action == SA_ACTION_REQUEST ? "request " : "", sa_report_title(rep));
	if (rr->type_open)
		fputs(" (type not decided yet)", f);
	else if (rr->type == SA_TYPE_1)
		fputs(" Type 1", f);
	else if (rr->type == SA_TYPE_2)
		fputs(" Type 2", f);
	if (!rr->type_open && rr->then.type != SA_TYPE_UNSET)
		fprintf(f, ", then Type %c", rr->then.type == SA_TYPE_1 ? '1' : '2');
	for (c = 0; c < SA_CAT_COUNT; c++)
		if (rr->criteria[c] == SA_RECOMMENDED)
			fprintf(f, "%s%s", n++ ? ", " : ": ", sa_category_title((enum sa_category)c));
}

/* Write a line built in a memory stream, wrapped from col with a hanging indent. */
static void put_built(FILE *f, char *text, size_t col, size_t indent, size_t width)
{
	fprintf(f, "%*s", (int)col, "");
	sa_wrap(f, text, col, indent, width);
	fputc('\n', f);
}

/* The reports of one status, one a line, the first after label ("Get:"); 0, or -1 when out
 * of memory. */
static int reports(FILE *f, const struct sa_result *res, size_t width,
		   enum sa_status_kind status, const char *label)
{
	char *text;
	size_t len, pad = strlen(label) + 1;
	int rep, n = 0;
	FILE *m;
	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		if (res->report[rep].status != status)
			continue;
		text = NULL;
		len = 0;
		m = open_memstream(&text, &len);
		if (!m)
			return -1;
		report_line(m, &res->report[rep], (enum sa_report)rep);
		if (fclose(m) != 0 || !text) {
			free(text);
			return -1;
		}
		fprintf(f, "  %-*s", (int)pad, n++ ? "" : label);
		sa_wrap(f, text, 2 + pad, 4 + pad, width);
		fputc('\n', f);
		free(text);
	}
	return 0;
}

/* A step's first words: up to its first ':' or '(' when early enough, else cut at a word. */
static void headline(FILE *f, const char *text)
{
	size_t stop = strcspn(text, ":(\n"), len = strlen(text), i;
	if (stop > 8 && stop <= HEADLINE_MAX) {
		while (stop && text[stop - 1] == ' ')
			stop--;
		fprintf(f, "%.*s", (int)stop, text);
		return;
	}
	if (len <= HEADLINE_MAX) {
		fputs(text, f);
		return;
	}
	for (i = HEADLINE_MAX; i > 0 && text[i] != ' '; i--)
		;
	fprintf(f, "%.*s...", (int)(i ? i : HEADLINE_MAX), text);
}

/* The first SUMMARY_ACTIONS next steps; 0, or -1 when out of memory. */
static int actions(FILE *f, const sa_rules *r, const struct sa_result *res, size_t width)
{
	const size_t *idx = sa_items_in_order(r, SA_ITEM_STEP);
	size_t i, n = 0, len;
	char *text;
	FILE *m;
	for (i = 0; i < r->nitems[SA_ITEM_STEP] && n < SUMMARY_ACTIONS; i++) {
		if (res->items[SA_ITEM_STEP][idx[i]].status != SA_RECOMMENDED)
			continue;
		text = NULL;
		len = 0;
		m = open_memstream(&text, &len);
		if (!m)
			return -1;
		fprintf(m, "%zu. ", ++n);
		headline(m, r->items[SA_ITEM_STEP][idx[i]].text);
		if (fclose(m) != 0 || !text) {
			free(text);
			return -1;
		}
		if (n == 1)
			fputs("  First actions (all of them under Next steps above):\n", f);
		put_built(f, text, 4, 7, width);
		free(text);
	}
	return 0;
}

int sa_text_summary(FILE *f, const sa_rules *r, const struct sa_result *res,
		    const struct sa_output_opts *opts, size_t width)
{
	int color = opts && opts->color, rep, any = 0, open = 0;
	size_t q;
	for (rep = 0; rep < SA_REPORT_COUNT; rep++)
		if (res->report[rep].status != SA_ABSENT)
			any = 1;
	for (q = 0; q < r->nquestions; q++)
		if (res->open[q])
			open++;
	fprintf(f, "\n%sIn short%s\n", color ? "\033[1m" : "", color ? "\033[0m" : "");
	if (!any)
		fputs("  No SOC report follows from these answers.\n", f);
	if (reports(f, res, width, SA_RECOMMENDED, "Get:") != 0 ||
	    reports(f, res, width, SA_POSSIBLE, "Possibly:") != 0 || actions(f, r, res, width) != 0)
		return SA_ERR_NOMEM;
	sa_plan_write_text(f, res, color, width);
	if (open) {
		char *text = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&text, &len);
		if (!m)
			return SA_ERR_NOMEM;
		fprintf(m, "%d question%s still open. To answer %s: %s", open, open == 1 ? " is" : "s are",
			open == 1 ? "it" : "them",
			opts && opts->resume ? opts->resume : "socadvise -i (with the answers given)");
		if (fclose(m) != 0 || !text) {
			free(text);
			return SA_ERR_NOMEM;
		}
		fputc('\n', f);
		put_built(f, text, 0, 2, width);
		free(text);
	}
	return SA_OK;
}
