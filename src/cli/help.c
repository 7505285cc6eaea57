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
#include "sa_escape.h"

#include <string.h>

/* --help: a question flag's column ("--[no-]payroll"), then its prompt. */
#define FLAG_COLUMN_WIDTH 30
/* --list-questions: the id's column, then the type; the prompt below, indented as much. */
#define ID_COLUMN_WIDTH 24

void cli_try_help(void)
{
	fputs("Try 'socadvise --help' for more information.\n", stderr);
}

/* Write q's prompt, free text from the rules, escaped (a newline or a tab kept); then a newline. */
static void put_prompt(FILE *f, const sa_rules *r, size_t q)
{
	sa_escape_puts(f, sa_question_prompt(r, q), SA_ESCAPE_NEWLINE | SA_ESCAPE_TAB);
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

/* "bool", "enum: a|b|c" or "int: 0..120", then " (default X)" when q has one. */
static void put_type(FILE *f, const sa_rules *r, size_t q)
{
	int32_t mn, mx, def;
	switch (sa_question_type(r, q)) {
	case SA_Q_BOOL:
		fputs("bool", f);
		break;
	case SA_Q_ENUM:
		fputs("enum: ", f);
		put_choices(f, r, q);
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

void cli_list_questions(FILE *f, const sa_rules *r)
{
	size_t q;
	for (q = 0; q < sa_rules_question_count(r); q++) {
		fprintf(f, "%-*s ", ID_COLUMN_WIDTH, sa_question_id(r, q));
		put_type(f, r, q);
		fprintf(f, "\n%-*s ", ID_COLUMN_WIDTH, "");
		put_prompt(f, r, q);
	}
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

static void questions_usage(FILE *f, const sa_rules *r)
{
	size_t q;
	if (!r) {
		fputs("\nQuestions: not listed, because the rules file could not be loaded (its\n"
		      "problems are reported on standard error).\n",
		      f);
		return;
	}
	fputs("\nQuestions (every question is a flag; '-' and '_' are interchangeable;\n"
	      "unanswered questions stay unknown and are listed as open questions):\n",
	      f);
	for (q = 0; q < sa_rules_question_count(r); q++) {
		int width;
		fputs("  ", f);
		width = put_flag_usage(f, r, q);
		/* a flag wider than its column gets a line of its own */
		if (width > FLAG_COLUMN_WIDTH)
			fprintf(f, "\n  %-*s ", FLAG_COLUMN_WIDTH, "");
		else
			fprintf(f, "%*s ", FLAG_COLUMN_WIDTH - width, "");
		put_prompt(f, r, q);
	}
}

void cli_usage(FILE *f, const sa_rules *r)
{
	fputs("Usage: socadvise [OPTION]... [QUESTION FLAG]...\n"
	      "Tell an organization which SOC reports it needs (SOC 1, SOC 2 and its categories,\n"
	      "SOC 3, SOC for Cybersecurity, SOC for Supply Chain), which type, and why.\n"
	      "\nOptions:\n",
	      f);
	cli_options_usage(f);
	questions_usage(f, r);
	fputs("\nExamples:\n"
	      "  socadvise --interactive\n"
	      "  socadvise --payroll --auditor-reliance\n"
	      "  socadvise --hosting --customer-data --uptime-commitments --format json | jq .\n"
	      "  socadvise --answer role=customer --payroll --explain\n"
	      "\nExit status: 0 success, 1 internal error, 2 usage or answer error,\n"
	      "3 rules file invalid, 4 answers file or batch line invalid, 5 output could not be\n"
	      "written, 6 incomplete under --require-complete,\n"
	      "130 interrupted (Ctrl-C, or Ctrl-D to cancel --interactive).\n",
	      f);
}
