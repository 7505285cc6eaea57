/*
 * help.c - --help and the text form of --list-questions.
 *
 * The options part of --help comes from the option table (options.c) and the questions part
 * from the rules in use, so neither can fall out of date. Nothing is cut: a question with many
 * choices is listed whole. Ids and choices are [a-z0-9_] (the loader checks); a prompt is written
 * by put_prompt, with its non-printable bytes as visible escapes (sa_escape.h).
 */
#include "help.h"
#include "options.h"
#include "sa_interview.h"
#include "voice.h"
#include "sa_escape.h"

#include <stdlib.h>
#include <string.h>

/* --help: a question flag's column ("--[no-]payroll"), then its prompt. */
#define FLAG_COLUMN_WIDTH 30
/* --list-questions: the id's column, then the type; the prompt below, indented as much. */
#define ID_COLUMN_WIDTH 24

void cli_try_help(void)
{
	fputs("Try 'socadvise --help' for more information.\n", stderr);
}

/* Write q's prompt, free text from the rules, wrapped from column col (escaped, sa_wrap). */
static void put_prompt(FILE *f, const sa_rules *r, size_t q, size_t col, size_t width)
{
	sa_wrap(f, sa_question_prompt(r, q), col, col, width);
	fputc('\n', f);
}

/* Write q's choices as "a|b|c"; returns the characters written. */
static int put_choices(FILE *f, const sa_rules *r, size_t q)
{
	size_t k;
	int n = 0;
	for (k = 0; k < sa_question_choice_count(r, q); k++)
		n += fprintf(f, "%s%s", k ? "|" : "", sa_question_choice(r, q, k));
	return n;
}

/* "bool", "enum: a, b, c" or "int: 0..120", then " (default X)" when q has one. */
static void put_type(FILE *f, const sa_rules *r, size_t q)
{
	int32_t mn, mx, def;
	size_t k;
	switch (sa_question_type(r, q)) {
	case SA_Q_BOOL:
		fputs("bool", f);
		break;
	case SA_Q_ENUM:
		fputs("enum:", f);
		for (k = 0; k < sa_question_choice_count(r, q); k++)
			fprintf(f, "%s %s", k ? "," : "", sa_question_choice(r, q, k));
		break;
	default:
		sa_question_range(r, q, &mn, &mx);
		fprintf(f, "int: %d..%d", (int)mn, (int)mx);
		break;
	}
	if (sa_question_default(r, q, &def)) {
		char v[SA_VALUE_SIZE];
		fprintf(f, " (default %s)", sa_question_format_value(r, q, def, v, sizeof(v)));
	}
}

/* Write text (built by the caller) wrapped from column col with a hanging indent. */
static void put_wrapped(FILE *f, const char *text, size_t col, size_t indent, size_t width)
{
	sa_wrap(f, text, col, indent, width);
	fputc('\n', f);
}

/* The checklists: the questions the interview may ask together. */
static void list_checklists(FILE *f, const sa_rules *r, size_t width)
{
	size_t c, i, len;
	char *text;
	FILE *m;
	if (!sa_rules_checklist_count(r))
		return;
	fputs("\n", f);
	put_wrapped(f, "Checklists (the interview may ask these questions together, as \"which of "
		       "these apply?\"; an item not ticked is answered no):", 0, 0, width);
	for (c = 0; c < sa_rules_checklist_count(r); c++) {
		text = NULL;
		len = 0;
		m = open_memstream(&text, &len);
		if (!m)
			return;
		fprintf(m, "%s:", sa_checklist_id(r, c));
		for (i = 0; i < sa_checklist_item_count(r, c); i++)
			fprintf(m, "%s %s", i ? "," : "",
				sa_question_id(r, sa_checklist_item_question(r, c, i)));
		if (fclose(m) == 0 && text) {
			fputs("  ", f);
			put_wrapped(f, text, 2, 6, width);
		}
		free(text);
	}
}

void cli_list_questions(FILE *f, const sa_rules *r)
{
	size_t q, len, width = cli_text_width(f);
	char *text;
	FILE *m;
	for (q = 0; q < sa_rules_question_count(r); q++) {
		fprintf(f, "%-*s ", ID_COLUMN_WIDTH, sa_question_id(r, q));
		text = NULL;
		len = 0;
		m = open_memstream(&text, &len);
		if (m) {
			put_type(m, r, q);
			if (fclose(m) == 0 && text)
				put_wrapped(f, text, ID_COLUMN_WIDTH + 1, ID_COLUMN_WIDTH + 3, width);
			free(text);
		}
		fprintf(f, "%-*s ", ID_COLUMN_WIDTH, "");
		put_prompt(f, r, q, ID_COLUMN_WIDTH + 1, width);
	}
	list_checklists(f, r, width);
}

/* Write q's flag as --help shows it ("--[no-]id", "--id=a|b", "--id=0..120"); returns its width. */
static int put_flag_usage(FILE *f, const sa_rules *r, size_t q)
{
	char fl[SA_ID_MAX + 1];
	int32_t mn, mx;
	sa_flag_name(sa_question_id(r, q), fl, sizeof(fl));
	switch (sa_question_type(r, q)) {
	case SA_Q_BOOL:
		return fprintf(f, "--[no-]%s", fl);
	case SA_Q_ENUM:
		return fprintf(f, "--%s=", fl) + put_choices(f, r, q);
	default:
		sa_question_range(r, q, &mn, &mx);
		return fprintf(f, "--%s=%d..%d", fl, (int)mn, (int)mx);
	}
}

static void questions_usage(FILE *f, const sa_rules *r, size_t width)
{
	size_t q;
	if (!r) {
		fputs("\n", f);
		put_wrapped(f, "Questions: not listed, because the rules file could not be loaded (its "
			       "problems are reported on standard error).", 0, 0, width);
		return;
	}
	fputs("\n", f);
	put_wrapped(f, "Questions (every question is a flag; '-' and '_' are interchangeable; "
		       "unanswered questions stay unknown and are listed as open questions; "
		       "--ID=unknown answers \"I don't know\"):", 0, 0, width);
	for (q = 0; q < sa_rules_question_count(r); q++) {
		int w;
		fputs("  ", f);
		w = put_flag_usage(f, r, q);
		/* a flag wider than its column gets a line of its own */
		if (w > FLAG_COLUMN_WIDTH)
			fprintf(f, "\n  %-*s ", FLAG_COLUMN_WIDTH, "");
		else
			fprintf(f, "%*s ", FLAG_COLUMN_WIDTH - w, "");
		put_prompt(f, r, q, FLAG_COLUMN_WIDTH + 3, width);
	}
}

/* The examples, each wrapped with a deeper indent when the screen is narrow. */
static const char *const examples[] = {
	"socadvise --interactive",
	"socadvise --payroll --auditor-reliance",
	"socadvise --hosting --customer-data --uptime-commitments --format json | jq .",
	"socadvise --answer role=customer --payroll --explain",
};

void cli_usage(FILE *f, const sa_rules *r)
{
	size_t width = cli_text_width(f), i;
	fputs("Usage: socadvise [OPTION]... [QUESTION FLAG]...\n", f);
	put_wrapped(f, "Tell an organization which SOC reports it needs (SOC 1, SOC 2 and its "
		       "categories, SOC 3, SOC for Cybersecurity, SOC for Supply Chain), which type, "
		       "and why. New here? Start with socadvise -i (an interview).", 0, 0, width);
	fputs("\nOptions:\n", f);
	cli_options_usage(f);
	questions_usage(f, r, width);
	fputs("\nExamples:\n", f);
	for (i = 0; i < sizeof(examples) / sizeof(examples[0]); i++) {
		fputs("  ", f);
		put_wrapped(f, examples[i], 2, 6, width);
	}
	fputs("\n", f);
	put_wrapped(f, "Exit status: 0 success, 1 internal error, 2 usage or answer error, 3 rules "
		       "file invalid, 4 answers file or batch line invalid, 5 output could not be "
		       "written, 6 incomplete under --require-complete, 130 interrupted (Ctrl-C, or "
		       "Ctrl-D or quit in --interactive without --save).", 0, 0, width);
}

int cli_usage_hint(FILE *f)
{
	size_t width = cli_text_width(f);
	put_wrapped(f, "socadvise tells an organization which SOC reports it needs (SOC 1, SOC 2, "
		       "SOC 3...), which type, and why. Give it your answers:", 0, 0, width);
	fputs("  socadvise -i            a short interview in the terminal (start here)\n"
	      "  socadvise --help        every option, and a flag for every question\n"
	      "  socadvise --payroll     answers given as flags\n",
	      f);
	return 0;
}
