/*
 * checklist.c - a checklist of the interview: the prompt, its open items numbered, and a reply
 * of the numbers that apply ("1,3"), n for none or u for "I don't know". The items ticked are
 * answered yes and the others no, in one step (sa_interview_answer_checklist); "?" explains it.
 */
#include "checklist.h"
#include "cli.h"
#include "why.h"

#include <stdlib.h>
#include <string.h>

static void show(const struct cli_checklist_ask *a, size_t c)
{
	const struct cli_voice *v = a->v;
	size_t i, k = 0;
	cli_voice_say(v, "\n%s%s%s %s", cli_voice_sgr(v, CLI_SGR_CYAN), a->head,
		      cli_voice_sgr(v, CLI_SGR_RESET), cli_voice_sgr(v, CLI_SGR_BOLD));
	sa_wrap(v->talk, sa_checklist_prompt_for(a->r, c, sa_interview_answers(a->it)),
		a->head_width + 1, a->head_width + 1, v->width);
	cli_voice_say(v, "%s\n", cli_voice_sgr(v, CLI_SGR_RESET));
	for (i = 0; i < sa_checklist_item_count(a->r, c); i++)
		if (sa_interview_checklist_item_open(a->it, c, i)) {
			cli_voice_say(v, "  %zu) ", ++k);
			sa_wrap(v->talk, sa_checklist_item_label(a->r, c, i), 5, 5, v->width);
			cli_voice_say(v, "\n");
		}
	cli_voice_wrapf(v, 0, 0, "Reply with the numbers of those that apply (e.g. 1,3), or n for "
				 "none; u if you don't know.");
}

static void help(const struct cli_checklist_ask *a, size_t c)
{
	const struct cli_voice *v = a->v;
	size_t n = sa_interview_why_checklist(a->it, c, NULL, 0), i;
	size_t *slots = malloc((n ? n : 1) * sizeof(*slots));
	char fl[SA_FLAG_SIZE], *flags = NULL;
	size_t len = 0, k = 0;
	FILE *f;

	cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_DIM));
	if (sa_checklist_help(a->r, c))
		cli_voice_wrapf(v, 2, 2, "%s", sa_checklist_help(a->r, c));
	cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_RESET));
	if (slots) {
		n = sa_interview_why_checklist(a->it, c, slots, n);
		cli_why(v, a->r, slots, n);
		free(slots);
	}
	f = open_memstream(&flags, &len);
	if (!f)
		return;
	for (i = 0; i < sa_checklist_item_count(a->r, c); i++)
		if (sa_interview_checklist_item_open(a->it, c, i))
			fprintf(f, "%s%s", k++ ? ", " : "",
				sa_question_flag(sa_question_id(a->r,
								sa_checklist_item_question(a->r, c, i)),
						 1, fl, sizeof(fl)));
	if (fclose(f) == 0 && flags)
		cli_voice_wrapf(v, 2, 4, "The items not ticked are answered no. On the command line: "
					 "%s.", flags);
	free(flags);
}

enum cli_read cli_ask_checklist(const struct cli_checklist_ask *a, size_t c)
{
	const struct cli_voice *v = a->v;
	char line[CLI_REPLY_SIZE], hint[64], m[CLI_MESSAGE_SIZE];
	size_t open = 0, i, n = sa_checklist_item_count(a->r, c);
	unsigned char *ticked = malloc(n ? n : 1);
	enum cli_read st;

	if (!ticked) {
		cli_out_of_memory();
		return CLI_READ_EOF;
	}
	for (i = 0; i < n; i++)
		open += (size_t)sa_interview_checklist_item_open(a->it, c, i);
	show(a, c);
	a->rd->question = -1;
	a->rd->checklist = (int)c;
	snprintf(hint, sizeof(hint), "[numbers 1-%zu/n/u] ", open);
	for (;;) {
		st = cli_read_reply(a->rd, hint, line);
		if (st != CLI_READ_LINE)
			break;
		switch (sa_interview_command(line)) {
		case SA_CMD_HELP:
			help(a, c);
			continue;
		case SA_CMD_QUIT:
			st = CLI_READ_EOF;
			break;
		case SA_CMD_BACK:
			if (!a->go_back(a->ctx))
				continue;
			break;
		case SA_CMD_UNKNOWN:
			if (sa_interview_answer_checklist(a->it, c, NULL, 1, m, sizeof(m)) != SA_OK) {
				cli_voice_wrapf(v, 2, 4, "%s", m);
				continue;
			}
			cli_voice_say(v, "  (unknown: what they decide stays possible)\n");
			break;
		case SA_CMD_NONE:
			if (sa_interview_parse_checklist(a->it, c, line, ticked, m, sizeof(m)) !=
				    SA_OK ||
			    sa_interview_answer_checklist(a->it, c, ticked, 0, m, sizeof(m)) !=
				    SA_OK) {
				cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_YELLOW));
				cli_voice_wrapf(v, 2, 4, "%s; please try again (? for help)", m);
				cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_RESET));
				continue;
			}
			break;
		}
		break;
	}
	a->rd->checklist = -1;
	free(ticked);
	return st;
}
