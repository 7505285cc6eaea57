/*
 * interactive.c - the interview's dialogue: the greeting, each question with its reply hint,
 * help and back, the cancel, the result and the offer to explain it.
 *
 * The decisions (next question, validity of a reply, back, why a question is asked) are made by
 * the library's interview logic (sa_interview.h); the other rooms read a reply (reply.c), write
 * in the dialogue's voice (voice.c), explain the result (explain.c) and save (save.c).
 *
 * Invariants:
 * - A cancelling signal at a question cancels: the terminal is restored, everything is freed,
 *   nothing is saved, and the exit status is 130 for SIGINT, 128 + N for another signal N.
 * - quit or Ctrl-D (end of input) at a question cancels the same way (130), or with --save
 *   pauses: the answers so far are saved atomically, the resume command is shown, exit 0.
 * - A question or a checklist is asked as the library's sa_interview_step says; a checklist's
 *   dialogue is checklist.c's.
 * - Colour only as decided by cli_color_decide; the words are the same without it.
 */
#include "checklist.h"
#include "cli.h"
#include "explain.h"
#include "interactive.h"
#include "next.h"
#include "options.h"
#include "reply.h"
#include "sa_interview.h"
#include "save.h"
#include "voice.h"
#include "why.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A reply hint ("[1-12, default 3] ") or a progress mark ("[3/≈12]"): numbers and brackets. */
#define HINT_SIZE 64
/* The exit status of a process ended by signal N is 128 + N. */
#define SIGNAL_EXIT_BASE 128
/* "≈" in UTF-8: three bytes, one column. */
#define APPROX_UTF8 "\xe2\x89\x88"

struct session {
	const struct cli_interview *o;
	const sa_rules *r;
	sa_interview *it;
	struct cli_voice voice;
	struct cli_reader reader;
};

static void session_end(struct session *s)
{
	cli_reader_end(&s->reader);
	sa_interview_free(s->it);
	s->it = NULL;
	fflush(s->voice.talk);
}

/* "[y/N/u] ", "[1-2/u, default 1] ", "[0-120/u] ": u is "I don't know" */
static void reply_hint(struct session *s, size_t q, char *buf, size_t size)
{
	int32_t def, mn, mx;
	int has = sa_interview_default(s->it, q, &def);
	switch (sa_question_type(s->r, q)) {
	case SA_Q_BOOL:
		snprintf(buf, size, "[%s/%s/u] ", has && def ? "Y" : "y", has && !def ? "N" : "n");
		break;
	case SA_Q_ENUM:
		if (has)
			snprintf(buf, size, "[1-%zu/u, default %d] ",
				 sa_question_choice_count(s->r, q), (int)def + 1);
		else
			snprintf(buf, size, "[1-%zu/u] ", sa_question_choice_count(s->r, q));
		break;
	case SA_Q_INT:
		sa_question_range(s->r, q, &mn, &mx);
		if (has)
			snprintf(buf, size, "[%d-%d/u, default %d] ", (int)mn, (int)mx, (int)def);
		else
			snprintf(buf, size, "[%d-%d/u] ", (int)mn, (int)mx);
		break;
	}
}

/* The progress mark "[3/≈12]" into head; returns its width on screen ("≈" is one column). */
static size_t progress_mark(struct session *s, char *head, size_t size)
{
	size_t idx, est;
	sa_interview_progress(s->it, &idx, &est);
	snprintf(head, size, "[%zu/%s%zu]", idx, s->voice.utf8 ? APPROX_UTF8 : "~", est);
	return strlen(head) - (s->voice.utf8 ? strlen(APPROX_UTF8) - 1 : 0);
}

static void show_question(struct session *s, size_t q)
{
	const struct cli_voice *v = &s->voice;
	size_t i, mark;
	char head[HINT_SIZE];
	int32_t def;
	int has = sa_interview_default(s->it, q, &def);

	mark = progress_mark(s, head, sizeof(head));
	cli_voice_say(v, "\n%s%s%s ", cli_voice_sgr(v, CLI_SGR_CYAN), head,
		      cli_voice_sgr(v, CLI_SGR_RESET));
	cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_BOLD));
	/* the question, wrapped after the progress mark */
	sa_wrap(v->talk, sa_question_prompt_for(s->r, q, sa_interview_answers(s->it)), mark + 1,
		mark + 1, v->width);
	cli_voice_say(v, "%s\n", cli_voice_sgr(v, CLI_SGR_RESET));
	if (sa_question_type(s->r, q) == SA_Q_ENUM)
		for (i = 0; i < sa_question_choice_count(s->r, q); i++)
			cli_voice_say(v, "  %zu) %s%s\n", i + 1, sa_question_choice(s->r, q, i),
				      has && (size_t)def == i ? " (default)" : "");
}

/* Why q is asked: the decisions that still wait on it. */
static void show_why(struct session *s, size_t q)
{
	size_t n = sa_interview_why(s->it, q, NULL, 0);
	size_t *slots = malloc((n ? n : 1) * sizeof(*slots));
	if (!slots)
		return;
	n = sa_interview_why(s->it, q, slots, n);
	cli_why(&s->voice, s->r, slots, n);
	free(slots);
}

static void show_help(struct session *s, size_t q)
{
	const sa_rules *r = s->r;
	const struct cli_voice *v = &s->voice;
	char fl[SA_ID_MAX + 1];

	cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_DIM));
	if (sa_question_help_for(r, q, sa_interview_answers(s->it)))
		cli_voice_wrapf(v, 2, 2, "%s", sa_question_help_for(r, q, sa_interview_answers(s->it)));
	cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_RESET));
	show_why(s, q);
	sa_flag_name(sa_question_id(r, q), fl, sizeof(fl));
	switch (sa_question_type(r, q)) {
	case SA_Q_BOOL:
		cli_voice_wrapf(v, 2, 4, "Reply y or n. On the command line: --%s or --no-%s.", fl,
				fl);
		break;
	case SA_Q_ENUM:
		cli_voice_wrapf(v, 2, 4, "Reply with a number or a name (Tab completes). On the "
					 "command line: --%s=NAME.", fl);
		break;
	case SA_Q_INT: {
		int32_t mn, mx;
		sa_question_range(r, q, &mn, &mx);
		cli_voice_wrapf(v, 2, 4, "Reply with a whole number from %d to %d. On the command "
					 "line: --%s=N.", (int)mn, (int)mx, fl);
		break;
	}
	}
	cli_voice_wrapf(v, 2, 2, "Enter takes the default (in capitals or brackets); u means I "
				 "don't know; < goes back; Ctrl-C cancels.");
}

/* The exit status after a cancel: 130 for Ctrl-C or Ctrl-D, 128 + N for another signal N. */
static int cancel_code(void)
{
	int signo = cli_reader_signal();
	return signo && signo != SIGINT ? SIGNAL_EXIT_BASE + signo : CLI_EXIT_INTERRUPTED;
}

static int cancelled(struct session *s, enum cli_read st)
{
	int code = cancel_code();
	/* the terminal echoed ^C or ^D mid-line: start a fresh line for the message */
	fputc('\n', s->voice.talk);
	session_end(s);
	cli_msg("%s; nothing was saved%s%s%s",
		st == CLI_READ_SIGNAL ? "interrupted" : "interview cancelled",
		s->o->save_path ? " ('" : "", s->o->save_path ? s->o->save_path : "",
		s->o->save_path ? "' is unchanged)" : "");
	return code;
}

/*
 * quit or Ctrl-D with --save: the answers so far are saved (atomically, as at the end) and the
 * way to resume is shown. Exit 0 when they were saved, else the save's status.
 */
static int paused(struct session *s)
{
	const struct sa_answers *a = sa_interview_answers(s->it);
	const char *path = s->o->save_path;
	int rc;
	fputc('\n', s->voice.talk);
	rc = cli_save_answers(path, s->r, a, s->o->output.meta);
	if (rc != CLI_EXIT_OK) {
		fputs("socadvise: the answers were: ", stderr);
		sa_answers_write_json(stderr, s->r, a);
	} else {
		cli_voice_say(&s->voice, "Interview paused: %zu answer%s saved to '%s'.\n",
			      sa_interview_log_count(s->it),
			      sa_interview_log_count(s->it) == 1 ? "" : "s", path);
		cli_voice_say(&s->voice, "To resume: socadvise -i --answers %s --save %s\n", path,
			      path);
	}
	session_end(s);
	return rc;
}

/* What the interview is and how to reply, before the first question. */
static void greet(struct session *s)
{
	const struct cli_voice *v = &s->voice;
	cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_BOLD));
	cli_voice_wrapf(v, 0, 0, "Only the questions that can still change the advice are asked.");
	cli_voice_say(v, "%s%s", cli_voice_sgr(v, CLI_SGR_RESET), cli_voice_sgr(v, CLI_SGR_DIM));
	cli_voice_wrapf(v, 0, 0,
			"Enter takes the default (in capitals or brackets); u means I don't know; "
			"? explains a question and why it is asked; < goes back; Tab completes; %s",
			s->o->save_path ? "quit or Ctrl-D saves your answers so far and stops; "
					  "Ctrl-C cancels." :
					  "Ctrl-D or Ctrl-C cancels (with --save FILE, quit "
					  "saves your answers so far).");
	cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_RESET));
}

/* < : back to the previous question; returns 0 when there is none. */
static int go_back(struct session *s)
{
	const struct cli_voice *v = &s->voice;
	size_t dropped = 0;
	if (sa_interview_back(s->it, &dropped) < 0) {
		cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_YELLOW));
		cli_voice_wrapf(v, 2, 4, "Nothing to go back to: this is the first question of the "
					 "interview");
		cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_RESET));
		return 0;
	}
	if (dropped)
		cli_voice_wrapf(v, 2, 3, "(%zu later answer%s no longer appl%s and %s dropped)",
				dropped, dropped == 1 ? "" : "s", dropped == 1 ? "ies" : "y",
				dropped == 1 ? "was" : "were");
	return 1;
}

static int back_cb(void *ctx)
{
	return go_back(ctx);
}

/* Ask checklist c: its items ticked are answered yes, the others no. */
static enum cli_read ask_checklist(struct session *s, size_t c)
{
	char head[HINT_SIZE];
	struct cli_checklist_ask a;
	a.v = &s->voice;
	a.rd = &s->reader;
	a.it = s->it;
	a.r = s->r;
	a.head_width = progress_mark(s, head, sizeof(head));
	a.head = head;
	a.go_back = back_cb;
	a.ctx = s;
	return cli_ask_checklist(&a, c);
}

/* Ask question q until it gets a valid answer or a command. */
static enum cli_read ask(struct session *s, size_t q)
{
	const struct cli_voice *v = &s->voice;
	char line[CLI_REPLY_SIZE], hint[HINT_SIZE], m[CLI_MESSAGE_SIZE];
	enum cli_read st;
	int32_t val;

	show_question(s, q);
	s->reader.question = (int)q;
	for (;;) {
		reply_hint(s, q, hint, sizeof(hint));
		st = cli_read_reply(&s->reader, hint, line);
		if (st != CLI_READ_LINE)
			return st;
		switch (sa_interview_command(line)) {
		case SA_CMD_HELP:
			show_help(s, q);
			continue;
		case SA_CMD_QUIT:
			return CLI_READ_EOF;
		case SA_CMD_BACK:
			if (!go_back(s))
				continue;
			return CLI_READ_LINE;
		case SA_CMD_UNKNOWN:
			/* a choice of that name is an answer, not "I don't know" */
			if (sa_interview_parse(s->it, q, line, &val, m, sizeof(m)) == SA_OK &&
			    sa_question_type(s->r, q) == SA_Q_ENUM)
				break;
			if (sa_interview_answer_unknown(s->it, q, m, sizeof(m)) != SA_OK) {
				cli_voice_wrapf(v, 2, 4, "%s", m);
				continue;
			}
			cli_voice_say(v, "  (unknown: what it decides stays possible)\n");
			return CLI_READ_LINE;
		case SA_CMD_NONE:
			break;
		}
		if (sa_interview_parse(s->it, q, line, &val, m, sizeof(m)) != SA_OK ||
		    sa_interview_answer(s->it, q, val, m, sizeof(m)) != SA_OK) {
			cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_YELLOW));
			cli_voice_wrapf(v, 2, 4, "%s; please try again (? for help)", m);
			cli_voice_say(v, "%s", cli_voice_sgr(v, CLI_SGR_RESET));
			continue;
		}
		return CLI_READ_LINE;
	}
}

int cli_interview_check(FILE *in, const char *answers_path)
{
	if (answers_path && strcmp(answers_path, "-") == 0) {
		cli_msg("--interactive reads replies from standard input, so it cannot also read "
			"--answers from it; give --answers a file");
		return CLI_EXIT_USAGE;
	}
	if (!isatty(fileno(in))) {
		cli_msg("--interactive needs a terminal on standard input; without one, give the "
			"answers with --answers FILE or as question flags (see --help)");
		return CLI_EXIT_USAGE;
	}
	return CLI_EXIT_OK;
}

/* --save after the questions; returns an enum cli_exit. */
static int save(struct session *s)
{
	const struct sa_answers *a = sa_interview_answers(s->it);
	int rc = cli_save_answers(s->o->save_path, s->r, a, s->o->output.meta);
	if (rc != CLI_EXIT_OK) {
		/* the answers must not be lost with the file: show them */
		fputs("socadvise: the answers were: ", stderr);
		sa_answers_write_json(stderr, s->r, a);
	} else {
		cli_voice_say(&s->voice, "Answers saved to '%s' (replay: socadvise --answers %s).\n",
			      s->o->save_path, s->o->save_path);
	}
	return rc;
}

/* Evaluate, write the result, then offer to explain it; returns an enum cli_exit. */
static int result(struct session *s, int rc)
{
	const struct cli_interview *o = s->o;
	struct sa_result res;
	struct sa_output_opts out;
	enum cli_read st;
	char *resume;
	int wr;

	if (sa_result_init(&res, s->r) != SA_OK)
		return cli_out_of_memory();
	sa_evaluate(s->r, sa_interview_answers(s->it), &res);
	out = o->output;
	resume = cli_resume_command(s->r, sa_interview_answers(s->it), NULL, o->save_path);
	out.resume = resume;
	wr = o->write(o->out, s->r, &res, &out);
	free(resume);
	if (wr == SA_ERR_NOMEM) {
		sa_result_release(&res);
		return cli_out_of_memory();
	}
	if (wr == SA_ERR_UNAVAILABLE && rc == CLI_EXIT_OK) /* checked before the questions */
		rc = cli_ics_unavailable();
	if (wr != SA_OK && rc == CLI_EXIT_OK) {
		/* a stream error is reported by the caller's final check of the stream */
		if (!ferror(o->out))
			cli_msg("error writing output");
		rc = CLI_EXIT_OUTPUT;
	}
	fflush(o->out);
	st = cli_explain_offer(&s->voice, &s->reader, s->r, &res);
	sa_result_release(&res);
	if (st == CLI_READ_SIGNAL) {
		/* interrupted after the result: it and the saved answers are complete */
		fputc('\n', s->voice.talk);
		rc = cancel_code();
	}
	return rc;
}

int cli_interview(const struct cli_interview *o)
{
	struct session s;
	struct sa_interview_opts io;
	const struct cli_voice *v = &s.voice;
	int q, rc = CLI_EXIT_OK;
	size_t asked, i, unknown = 0;
	struct sa_interview_step step;

	/* fail before the questions, not after them */
	if (o->save_path && cli_save_check(o->save_path) != CLI_EXIT_OK)
		return CLI_EXIT_OUTPUT;
	memset(&s, 0, sizeof(s));
	s.o = o;
	s.r = o->rules;
	s.voice.talk = o->talk;
	s.voice.color = o->color;
	setlocale(LC_CTYPE, "");
	s.voice.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	s.voice.width = cli_text_width(o->talk);
	io.all_questions = o->all_questions;
	if (sa_interview_new(s.r, o->prefilled, &io, &s.it) != SA_OK)
		return cli_out_of_memory();
	cli_reader_start(&s.reader, o->in, &s.voice, s.r);

	q = sa_interview_step(s.it, &step) ? 0 : -1;
	if (q < 0)
		cli_voice_say(v, "Nothing to ask: the answers given already decide everything.\n");
	else
		greet(&s);
	while (q >= 0) {
		enum cli_read st = step.checklist ? ask_checklist(&s, step.index) :
						    ask(&s, step.index);
		if (st == CLI_READ_EOF && o->save_path)
			return paused(&s);
		if (st != CLI_READ_LINE)
			return cancelled(&s, st);
		q = sa_interview_step(s.it, &step) ? 0 : -1;
	}
	asked = sa_interview_step_count(s.it);
	/* the unknown answers, the pre-filled ones included: what they decide stays possible */
	for (i = 0; i < sa_interview_answers(s.it)->count; i++)
		if (sa_interview_answers(s.it)->origin[i] == SA_ORIGIN_UNKNOWN)
			unknown++;
	if (asked && !unknown)
		cli_voice_say(v, "\n%sDone: %zu question%s answered; that decides everything.%s\n",
			      cli_voice_sgr(v, CLI_SGR_BOLD), asked, asked == 1 ? "" : "s",
			      cli_voice_sgr(v, CLI_SGR_RESET));
	else if (asked)
		cli_voice_say(v, "\n%sDone: %zu question%s answered, %zu unknown; what %s decide%s "
				 "stays possible.%s\n",
			      cli_voice_sgr(v, CLI_SGR_BOLD), asked, asked == 1 ? "" : "s", unknown,
			      unknown == 1 ? "it" : "they", unknown == 1 ? "s" : "",
			      cli_voice_sgr(v, CLI_SGR_RESET));
	fflush(v->talk);
	if (o->save_path)
		rc = save(&s);
	cli_voice_say(v, "\n");
	fflush(v->talk);
	rc = result(&s, rc);
	session_end(&s);
	return rc;
}
