/*
 * next.c - --next-question: the question the interview would ask next for the answers given.
 *
 * It asks the library's interview logic (sa_interview_next) over the answers as pre-filled, so
 * the question is the one `socadvise -i` with the same answers would ask first; its words are
 * in the voice of the answers (a customer's wording for role customer).
 */
#include "next.h"
#include "cli.h"
#include "sa_interview.h"
#include "voice.h"
#include "sa_check.h"

#include <stdlib.h>
#include <string.h>

/* Room for the answers as flags in a resume command; longer ones end at a whole flag. */
#define RESUME_FLAGS_SIZE 2048

/* "yes or no", "provider or customer", "a whole number from 0 to 120" */
static void reply_words(FILE *f, const sa_rules *r, size_t q)
{
	size_t i, n;
	int32_t mn, mx, def;
	char v[SA_VALUE_SIZE];
	fputs("Reply: ", f);
	switch (sa_question_type(r, q)) {
	case SA_Q_BOOL:
		fputs("yes or no", f);
		break;
	case SA_Q_ENUM:
		n = sa_question_choice_count(r, q);
		for (i = 0; i < n; i++) {
			fputs(i == 0 ? "" : i + 1 == n ? " or " : ", ", f);
			sa_wrap(f, sa_question_choice(r, q, i), 0, 0, 0);
		}
		break;
	case SA_Q_INT:
		sa_question_range(r, q, &mn, &mx);
		fprintf(f, "a whole number from %d to %d", (int)mn, (int)mx);
		break;
	}
	if (sa_question_default(r, q, &def)) {
		fputs(" (default ", f);
		sa_wrap(f, sa_question_format_value(r, q, def, v, sizeof(v)), 0, 0, 0);
		fputc(')', f);
	}
	fputs("; or unknown", f);
}

static void put_reply(FILE *f, const sa_rules *r, size_t q, size_t width)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return;
	reply_words(m, r, q);
	if (fclose(m) == 0 && text) {
		fputs("  ", f);
		sa_wrap(f, text, 2, 4, width);
		fputc('\n', f);
	}
	free(text);
}

static void put_text(FILE *f, const sa_rules *r, size_t q, const struct sa_answers *a)
{
	char fl[SA_FLAG_SIZE];
	size_t width = cli_text_width(f);
	const char *help = sa_question_help_for(r, q, a);
	fprintf(f, "%s\n  ", sa_question_flag(sa_question_id(r, q), 1, fl, sizeof(fl)));
	sa_wrap(f, sa_question_prompt_for(r, q, a), 2, 2, width);
	fputc('\n', f);
	put_reply(f, r, q, width);
	if (help) {
		fputs("  ", f);
		sa_wrap(f, help, 2, 2, width);
		fputc('\n', f);
	}
}

/* A checklist: its prompt, the open items numbered, how to reply. */
static void put_checklist(FILE *f, const sa_rules *r, size_t c, const unsigned char *open,
			  const struct sa_answers *a)
{
	size_t width = cli_text_width(f), i, k = 0;
	char fl[SA_FLAG_SIZE], line[512];
	fprintf(f, "%s (checklist)\n  ", sa_checklist_id(r, c));
	sa_wrap(f, sa_checklist_prompt_for(r, c, a), 2, 2, width);
	fputc('\n', f);
	for (i = 0; i < sa_checklist_item_count(r, c); i++) {
		size_t q = sa_checklist_item_question(r, c, i);
		if (!open[i])
			continue;
		snprintf(line, sizeof(line), "%s (%s)", sa_checklist_item_label(r, c, i),
			 sa_question_flag(sa_question_id(r, q), 1, fl, sizeof(fl)));
		fprintf(f, "  %zu) ", ++k);
		sa_wrap(f, line, 5, 5, width);
		fputc('\n', f);
	}
	fputs("  ", f);
	sa_wrap(f, "Reply: the numbers of the items that apply (e.g. 1,3), or n for none; the others "
		   "are answered no.", 2, 4, width);
	fputc('\n', f);
	if (sa_checklist_help(r, c)) {
		fputs("  ", f);
		sa_wrap(f, sa_checklist_help(r, c), 2, 2, width);
		fputc('\n', f);
	}
}

int cli_next_question(FILE *f, const sa_rules *r, const struct sa_answers *a,
		      enum cli_format format)
{
	sa_interview *it = NULL;
	struct sa_interview_step st;
	unsigned char *open = NULL;
	int rc = CLI_EXIT_OK, wr = SA_OK;
	size_t i;
	if (format != CLI_FORMAT_TEXT && format != CLI_FORMAT_JSON) {
		cli_msg("--next-question writes text or json");
		return CLI_EXIT_USAGE;
	}
	if (sa_interview_new(r, a, NULL, &it) != SA_OK)
		return cli_out_of_memory();
	if (!sa_interview_step(it, &st)) {
		sa_interview_free(it);
		return CLI_EXIT_OK;
	}
	if (st.checklist) {
		open = calloc(sa_checklist_item_count(r, st.index), 1);
		if (!open) {
			sa_interview_free(it);
			return cli_out_of_memory();
		}
		for (i = 0; i < sa_checklist_item_count(r, st.index); i++)
			open[i] = (unsigned char)sa_interview_checklist_item_open(it, st.index, i);
	}
	if (format == CLI_FORMAT_JSON && st.checklist)
		wr = sa_write_checklist_json(f, r, st.index, open, sa_answers_customer(r, a));
	else if (format == CLI_FORMAT_JSON)
		wr = sa_write_question_json(f, r, st.index, sa_answers_customer(r, a));
	else if (st.checklist)
		put_checklist(f, r, st.index, open, a);
	else
		put_text(f, r, st.index, a);
	if (wr == SA_ERR_NOMEM)
		rc = cli_out_of_memory();
	free(open);
	sa_interview_free(it);
	return rc;
}

char *cli_resume_command(const sa_rules *r, const struct sa_answers *a, const char *answers_path,
			 const char *save_path)
{
	char *out = NULL, flags[RESUME_FLAGS_SIZE];
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);
	if (!m)
		return NULL;
	if (save_path) {
		fprintf(m, "socadvise -i --answers %s --save %s", save_path, save_path);
	} else if (answers_path) {
		fprintf(m, "socadvise -i --answers %s", answers_path);
	} else {
		sa_answers_format_flags(r, a, flags, sizeof(flags));
		fprintf(m, "socadvise -i%s%s", *flags ? " " : "", flags);
	}
	if (fclose(m) != 0 || !out) {
		free(out);
		return NULL;
	}
	return out;
}
