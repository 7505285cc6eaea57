/*
 * interactive.c - the terminal front end of the interview: prompts, line editing, help, back,
 * signals, the result and the offer to explain it, and the atomic --save.
 *
 * The decisions (next question, validity of a reply, back, why a question is asked) are made by
 * the library's interview logic (sa_interview.h); this file only talks to the user.
 *
 * Invariants:
 * - On a terminal (and TERM not dumb) replies are read with libedit: history within the
 *   session, tab completion of commands and choices. Otherwise a plain line mode reads with
 *   fgets, which also suits screen readers (TERM=dumb).
 * - SIGINT, SIGTERM and SIGHUP only set a flag; the reader returns at once, the terminal is
 *   restored (libedit leaves edit mode, and the saved termios are put back), everything is freed
 *   and the exit status is 130 for SIGINT. Ctrl-D (end of input) at a question cancels the
 *   same way. Nothing is saved by a cancelled interview.
 * - --save writes a temporary file in the target's directory, fsyncs it and renames it over the
 *   target with the cancelling signals blocked: the target is the old file or the whole new one.
 * - Colour only when allowed (--color, NO_COLOR, TERM=dumb) and the dialogue goes to a terminal;
 *   the words are the same without it.
 */
#include "cli.h"
#include "interactive.h"
#include "options.h"
#include "sa_interview.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <histedit.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#define BOLD "\033[1m"
#define DIM "\033[2m"
#define YELLOW "\033[33m"
#define CYAN "\033[36m"
#define RESET "\033[0m"

#define LINE_MAX_LEN 1024

/* The one piece of global state: which cancelling signal arrived (0: none). */
static volatile sig_atomic_t got_signal;
static volatile sig_atomic_t got_winch;

static void on_signal(int signo)
{
	if (signo == SIGWINCH)
		got_winch = 1;
	else
		got_signal = signo;
}

static const int cancel_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIGNALS (sizeof(cancel_signals) / sizeof(cancel_signals[0]))

enum read_status { READ_LINE, READ_EOF, READ_SIGNAL };

struct session {
	const struct sa_cli_interview *o;
	const sa_rules *r;
	sa_interview *it;
	FILE *in, *talk;
	int fd;
	int color;
	int utf8;
	EditLine *el;
	History *hist;
	struct termios saved_tty;
	int have_tty;
	struct sigaction old_act[NSIGNALS];
	struct sigaction old_winch;
	int have_winch;    /* old_winch holds what to put back */
	int question;      /* the question being asked, for completion; -1 when none */
	char prompt[160];
};

static const char *sgr(const struct session *s, const char *code)
{
	return s->color ? code : "";
}

static void say(struct session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(struct session *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(s->talk, fmt, ap);
	va_end(ap);
}

/* Write text wrapped at 78 columns: the first line indented by first, the others by indent. */
static void wrap2(struct session *s, const char *text, size_t first, size_t indent)
{
	say(s, "%*s", (int)first, "");
	sa_wrap(s->talk, text, first, indent, 78);
	fputc('\n', s->talk);
}

static void wrap(struct session *s, const char *text, size_t indent)
{
	wrap2(s, text, indent, indent);
}

/* ---- reading a line -------------------------------------------------------------------- */

/* libedit reads characters through this, so that a signal ends the read at once. */
static int read_char(EditLine *el, wchar_t *wc)
{
	struct session *s = NULL;
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	el_get(el, EL_CLIENTDATA, &s);
	for (;;) {
		char c;
		ssize_t k;
		size_t m;
		if (got_signal)
			return -1;
		if (got_winch) {
			got_winch = 0;
			el_resize(el);
		}
		k = read(s->fd, &c, 1);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (k == 0)
			return 0;
		m = mbrtowc(wc, &c, 1, &st);
		if (m == (size_t)-2)
			continue;
		if (m == (size_t)-1) {
			memset(&st, 0, sizeof(st));
			*wc = (wchar_t)(unsigned char)c;
		} else if (m == 0) {
			*wc = L'\0';
		}
		return 1;
	}
}

static char *prompt_fn(EditLine *el)
{
	struct session *s = NULL;
	el_get(el, EL_CLIENTDATA, &s);
	return s->prompt;
}

/* Words a reply to the current question may be: commands, then the choices. */
static size_t candidates(const struct session *s, const char **out, size_t max)
{
	static const char *const commands[] = { "help", "back", "quit" };
	size_t n = 0, i;
	if (s->question >= 0) {
		size_t q = (size_t)s->question;
		if (sa_question_type(s->r, q) == SA_Q_BOOL) {
			out[n++] = "yes";
			out[n++] = "no";
		} else if (sa_question_type(s->r, q) == SA_Q_ENUM) {
			for (i = 0; i < sa_question_choice_count(s->r, q) && n < max; i++)
				out[n++] = sa_question_choice(s->r, q, i);
		}
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]) && n < max; i++)
			out[n++] = commands[i];
	}
	return n;
}

/* Tab: complete the word before the cursor to a command or a choice; list them when several. */
static unsigned char complete(EditLine *el, int ch)
{
	struct session *s = NULL;
	const LineInfo *li = el_line(el);
	const char *start = li->cursor, *cand[64], *match[64];
	size_t plen, n, nm = 0, i, common;
	(void)ch;
	el_get(el, EL_CLIENTDATA, &s);
	while (start > li->buffer && !isspace((unsigned char)start[-1]))
		start--;
	plen = (size_t)(li->cursor - start);
	n = candidates(s, cand, 64);
	for (i = 0; i < n; i++)
		if (strncasecmp(cand[i], start, plen) == 0)
			match[nm++] = cand[i];
	if (!nm)
		return CC_REFRESH_BEEP;
	common = strlen(match[0]);
	for (i = 1; i < nm; i++) {
		size_t k = 0;
		while (k < common && match[i][k] && tolower((unsigned char)match[i][k]) ==
							  tolower((unsigned char)match[0][k]))
			k++;
		common = k;
	}
	if (nm == 1) {
		if (el_insertstr(el, match[0] + plen) == -1)
			return CC_ERROR;
		return CC_REFRESH;
	}
	if (common > plen) {
		char buf[128];
		snprintf(buf, sizeof(buf), "%.*s", (int)(common - plen), match[0] + plen);
		if (el_insertstr(el, buf) == -1)
			return CC_ERROR;
		return CC_REFRESH;
	}
	fputc('\n', s->talk);
	for (i = 0; i < nm; i++)
		say(s, "%s%s", i ? "  " : "", match[i]);
	fputc('\n', s->talk);
	return CC_REDISPLAY;
}

static int use_plain(FILE *in)
{
	const char *term = getenv("TERM");
	return !isatty(fileno(in)) || !term || !*term || strcmp(term, "dumb") == 0;
}

static void editor_start(struct session *s)
{
	HistEvent ev;
	s->hist = history_init();
	if (s->hist)
		history(s->hist, &ev, H_SETSIZE, 200);
	s->el = el_init("socadvise", s->in, s->talk, s->talk);
	if (!s->el)
		return;
	el_set(s->el, EL_CLIENTDATA, s);
	el_set(s->el, EL_EDITOR, "emacs");
	el_set(s->el, EL_SIGNAL, 0);
	el_set(s->el, EL_GETCFN, read_char);
	el_set(s->el, EL_PROMPT, prompt_fn);
	if (s->hist)
		el_set(s->el, EL_HIST, history, s->hist);
	/* the wide call: the narrow el_set(EL_ADDFN) copies the names and never frees them */
	el_wset(s->el, EL_ADDFN, L"sa-complete", L"complete a command or a choice", complete);
	el_set(s->el, EL_BIND, "^I", "sa-complete", NULL);
	/* the user's ~/.editrc may rebind keys, as in every libedit program */
	el_source(s->el, NULL);
}

/* Read one reply into buf (without its newline). */
static enum read_status read_line(struct session *s, const char *prompt, char *buf, size_t size)
{
	size_t len;
	snprintf(s->prompt, sizeof(s->prompt), "%s", prompt);
	if (s->el) {
		int count = 0;
		const char *line = el_gets(s->el, &count);
		if (got_signal)
			return READ_SIGNAL;
		if (!line || count <= 0)
			return READ_EOF;
		snprintf(buf, size, "%s", line);
	} else {
		fputs(prompt, s->talk);
		fflush(s->talk);
		if (!fgets(buf, (int)size, s->in))
			return got_signal ? READ_SIGNAL : READ_EOF;
		len = strlen(buf);
		if (len && buf[len - 1] != '\n' && !feof(s->in)) {
			/* a reply longer than the buffer: drop the rest, it is no valid answer anyway */
			int c;
			while ((c = fgetc(s->in)) != EOF && c != '\n')
				;
		}
	}
	len = strlen(buf);
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	if (got_signal)
		return READ_SIGNAL;
	if (len && s->el && s->hist) {
		HistEvent ev;
		history(s->hist, &ev, H_ENTER, buf);
	}
	return READ_LINE;
}

/* ---- signals and terminal ------------------------------------------------------------- */

/*
 * SIGWINCH is caught only for libedit (read_char resizes): the plain reader has no use for it,
 * and without SA_RESTART it would end fgets as if the input had ended.
 */
static void signals_start(struct session *s, int winch)
{
	struct sigaction sa;
	size_t i;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a blocked read returns EINTR */
	got_signal = 0;
	got_winch = 0;
	for (i = 0; i < NSIGNALS; i++)
		sigaction(cancel_signals[i], &sa, &s->old_act[i]);
	s->have_winch = winch;
	if (winch)
		sigaction(SIGWINCH, &sa, &s->old_winch);
}

static void signals_stop(struct session *s)
{
	size_t i;
	for (i = 0; i < NSIGNALS; i++)
		sigaction(cancel_signals[i], &s->old_act[i], NULL);
	if (s->have_winch)
		sigaction(SIGWINCH, &s->old_winch, NULL);
}

static void session_end(struct session *s)
{
	if (s->el)
		el_end(s->el);
	if (s->hist)
		history_end(s->hist);
	s->el = NULL;
	s->hist = NULL;
	if (s->have_tty)
		tcsetattr(s->fd, TCSADRAIN, &s->saved_tty);
	signals_stop(s);
	sa_interview_free(s->it);
	s->it = NULL;
	fflush(s->talk);
}

/* ---- asking a question ------------------------------------------------------------------ */

/* "[y/N] ", "[1-2, default 1] ", "[0-120] " */
static void reply_hint(struct session *s, size_t q, char *buf, size_t size)
{
	int32_t def, mn, mx;
	int has = sa_interview_default(s->it, q, &def);
	switch (sa_question_type(s->r, q)) {
	case SA_Q_BOOL:
		snprintf(buf, size, "[%s/%s] ", has && def ? "Y" : "y", has && !def ? "N" : "n");
		break;
	case SA_Q_ENUM:
		if (has)
			snprintf(buf, size, "[1-%zu, default %d] ", sa_question_choice_count(s->r, q),
				 (int)def + 1);
		else
			snprintf(buf, size, "[1-%zu] ", sa_question_choice_count(s->r, q));
		break;
	case SA_Q_INT:
		sa_question_range(s->r, q, &mn, &mx);
		if (has)
			snprintf(buf, size, "[%d-%d, default %d] ", (int)mn, (int)mx, (int)def);
		else
			snprintf(buf, size, "[%d-%d] ", (int)mn, (int)mx);
		break;
	}
}

static void show_question(struct session *s, size_t q)
{
	size_t idx, est, i;
	char head[64];
	int32_t def;
	int has = sa_interview_default(s->it, q, &def);

	sa_interview_progress(s->it, &idx, &est);
	snprintf(head, sizeof(head), "[%zu/%s%zu]", idx, s->utf8 ? "\xe2\x89\x88" : "~", est);
	say(s, "\n%s%s%s ", sgr(s, CYAN), head, sgr(s, RESET));
	say(s, "%s", sgr(s, BOLD));
	{
		/* the question, wrapped after the progress mark */
		const char *p = sa_question_prompt(s->r, q);
		/* the mark's width on screen: "\xe2\x89\x88" is one column */
		size_t mark = strlen(head) - (s->utf8 ? 2 : 0);
		sa_wrap(s->talk, p, mark + 1, mark + 1, 78);
	}
	say(s, "%s\n", sgr(s, RESET));
	if (sa_question_type(s->r, q) == SA_Q_ENUM)
		for (i = 0; i < sa_question_choice_count(s->r, q); i++)
			say(s, "  %zu) %s%s\n", i + 1, sa_question_choice(s->r, q, i),
			    has && (size_t)def == i ? " (default)" : "");
}

static void show_help(struct session *s, size_t q)
{
	const sa_rules *r = s->r;
	size_t slots[256], n, i, g, steps = 0;
	char buf[1024], fl[128];

	say(s, "%s", sgr(s, DIM));
	if (sa_question_help(r, q))
		wrap(s, sa_question_help(r, q), 2);
	say(s, "%s", sgr(s, RESET));
	n = sa_interview_why(s->it, q, slots, sizeof(slots) / sizeof(slots[0]));
	if (n > sizeof(slots) / sizeof(slots[0]))
		n = sizeof(slots) / sizeof(slots[0]);
	say(s, "  %sWhy this is asked:%s ", sgr(s, BOLD), sgr(s, RESET));
	if (!n) {
		say(s, "you asked for every applicable question (--all-questions); this one no "
		       "longer changes the result.\n");
	} else {
		static const struct {
			enum sa_slot_kind kind;
			const char *label;
		} groups[] = {
			{ SA_SLOT_REPORT, "whether to recommend" },
			{ SA_SLOT_TYPE, "Type 1 or Type 2 for" },
			{ SA_SLOT_CATEGORY, "the categories" },
			{ SA_SLOT_ADVICE, "advice" },
		};
		say(s, "these still wait on your answer\n");
		for (g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
			size_t len = 0, m = 0;
			len = (size_t)snprintf(buf, sizeof(buf), "%s: ", groups[g].label);
			for (i = 0; i < n && len < sizeof(buf); i++) {
				char one[160];
				if (sa_interview_slot_kind(r, slots[i]) != groups[g].kind)
					continue;
				len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
							m++ ? "; " : "",
							sa_interview_slot_label(r, slots[i], one,
										sizeof(one)));
			}
			if (m)
				wrap2(s, buf, 4, 6);
		}
		for (i = 0; i < n; i++)
			if (sa_interview_slot_kind(r, slots[i]) == SA_SLOT_STEP)
				steps++;
		if (steps)
			say(s, "    next steps: %zu of them\n", steps);
	}
	sa_flag_name(sa_question_id(r, q), fl, sizeof(fl));
	switch (sa_question_type(r, q)) {
	case SA_Q_BOOL:
		say(s, "  Reply y or n. On the command line: --%s or --no-%s.\n", fl, fl);
		break;
	case SA_Q_ENUM:
		say(s, "  Reply with a number or a name (Tab completes). On the command line: "
		       "--%s=NAME.\n", fl);
		break;
	case SA_Q_INT: {
		int32_t mn, mx;
		sa_question_range(r, q, &mn, &mx);
		say(s, "  Reply with a whole number from %d to %d. On the command line: --%s=N.\n",
		    (int)mn, (int)mx, fl);
		break;
	}
	}
	say(s, "  Enter takes the default (in capitals or brackets); < goes back; Ctrl-D or\n"
	       "  Ctrl-C cancels.\n");
}

/* ---- the result and its explanation ------------------------------------------------------ */

enum xkind { X_REPORT, X_ADVICE, X_STEP };

struct xitem {
	enum xkind kind;
	size_t index;
};

static void explain_rule(struct session *s, const struct sa_result *res, size_t rule, int why_not)
{
	const sa_rules *r = s->r;
	size_t nq = sa_rules_question_count(r), q, j, n = 0, len = 0;
	unsigned char *used = calloc(nq ? nq : 1, 1);
	char line[1024], val[SA_VALUE_SIZE];
	const char *text = why_not && sa_rule_why_not(r, rule) ? sa_rule_why_not(r, rule)
							      : sa_rule_because(r, rule);
	snprintf(line, sizeof(line), "- %s", text);
	wrap2(s, line, 4, 6);
	if (used) {
		sa_rule_explain(r, res, rule, used, NULL);
		for (q = 0; q < nq && len < sizeof(line); q++) {
			if (!used[q])
				continue;
			len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s = %s",
						n++ ? ", " : "", sa_question_id(r, q),
						sa_question_format_value(r, q, res->answers.value[q],
									 val, sizeof(val)));
		}
		free(used);
	}
	if (n) {
		char buf[1100];
		snprintf(buf, sizeof(buf), "(your answers: %s)", line);
		say(s, "%s", sgr(s, DIM));
		wrap2(s, buf, 6, 7);
		say(s, "%s", sgr(s, RESET));
	}
	for (j = 0; j < sa_rule_source_count(r, rule); j++) {
		size_t src = sa_rule_source(r, rule, j);
		char buf[2048];
		snprintf(buf, sizeof(buf), "source: %s%s%s%s%s", sa_source_title(r, src),
			 sa_source_locator(r, src) ? ", " : "",
			 sa_source_locator(r, src) ? sa_source_locator(r, src) : "",
			 sa_source_url(r, src) ? " " : "",
			 sa_source_url(r, src) ? sa_source_url(r, src) : "");
		wrap2(s, buf, 6, 8);
	}
}

static void item_label(struct session *s, const struct sa_result *res, const struct xitem *x,
		       char *buf, size_t size)
{
	const sa_rules *r = s->r;
	static const char *const status[] = { "not recommended", "recommended", "possible" };
	if (x->kind == X_REPORT) {
		snprintf(buf, size, "%s (%s)", sa_report_title((enum sa_report)x->index),
			 status[res->report[x->index].status]);
	} else {
		enum sa_item_kind k = x->kind == X_ADVICE ? SA_ITEM_ADVICE : SA_ITEM_STEP;
		const char *t = sa_item_title(r, k, x->index), *text = sa_item_text(r, k, x->index);
		char shortt[64];
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
		if (res->items[k][x->index].status == SA_RECOMMENDED)
			snprintf(buf, size, "%s: %s", x->kind == X_ADVICE ? "advice" : "next step", t);
		else
			snprintf(buf, size, "%s: %s (%s)", x->kind == X_ADVICE ? "advice" : "next step",
				 t, status[res->items[k][x->index].status]);
	}
}

static void explain_item(struct session *s, const struct sa_result *res, const struct xitem *x)
{
	const sa_rules *r = s->r;
	size_t i, n = 0;
	char label[256];
	item_label(s, res, x, label, sizeof(label));
	say(s, "\n  %s%s%s\n", sgr(s, BOLD), label, sgr(s, RESET));
	for (i = 0; i < sa_rules_rule_count(r); i++) {
		int rep, target;
		enum sa_outcome_kind k = sa_rule_outcome(r, i, &rep, &target);
		if (x->kind == X_REPORT) {
			if (rep != (int)x->index || k > SA_OUT_CRITERIA)
				continue;
			if (res->report[x->index].status == SA_ABSENT) {
				if (k != SA_OUT_RECOMMEND)
					continue;
				explain_rule(s, res, i, 1);
				n++;
				continue;
			}
		} else if ((x->kind == X_ADVICE && k != SA_OUT_ADVICE) ||
			   (x->kind == X_STEP && k != SA_OUT_STEP) || target != (int)x->index) {
			continue;
		}
		if (!sa_rule_is_reason(r, res, i))
			continue;
		explain_rule(s, res, i, 0);
		n++;
	}
	if (!n)
		say(s, "    - no rule in these rules recommends it\n");
}

/* After the result: offer to explain any report, advice or step; Enter or Ctrl-D ends. */
static enum read_status offer_explain(struct session *s, const struct sa_result *res)
{
	const sa_rules *r = s->r;
	struct xitem *items;
	size_t n = 0, i, k;
	char line[LINE_MAX_LEN], label[256];
	enum read_status st = READ_LINE;

	items = calloc((size_t)SA_REPORT_COUNT + sa_rules_item_count(r, SA_ITEM_ADVICE) +
			       sa_rules_item_count(r, SA_ITEM_STEP) + 1,
		       sizeof(*items));
	if (!items)
		return READ_EOF;
	/* reports first (recommended, possible, then the others for "why not"), advice, steps */
	for (k = 0; k < 3; k++) {
		static const enum sa_status_kind order[] = { SA_RECOMMENDED, SA_POSSIBLE, SA_ABSENT };
		for (i = 0; i < SA_REPORT_COUNT; i++)
			if (res->report[i].status == order[k]) {
				items[n].kind = X_REPORT;
				items[n++].index = i;
			}
	}
	for (i = 0; i < sa_rules_item_count(r, SA_ITEM_ADVICE); i++)
		if (res->items[SA_ITEM_ADVICE][i].status != SA_ABSENT) {
			items[n].kind = X_ADVICE;
			items[n++].index = i;
		}
	for (i = 0; i < sa_rules_item_count(r, SA_ITEM_STEP); i++)
		if (res->items[SA_ITEM_STEP][i].status != SA_ABSENT) {
			items[n].kind = X_STEP;
			items[n++].index = i;
		}
	s->question = -1;
	say(s, "\n%sExplain an item?%s Any of these (its reasons, your answers behind them and "
	       "the sources):\n", sgr(s, BOLD), sgr(s, RESET));
	for (i = 0; i < n; i++) {
		item_label(s, res, &items[i], label, sizeof(label));
		say(s, "  %2zu) %s\n", i + 1, label);
	}
	for (;;) {
		char *end;
		unsigned long pick;
		st = read_line(s, "Item number, or Enter to finish: ", line, sizeof(line));
		if (st == READ_EOF)
			fputc('\n', s->talk);
		if (st != READ_LINE)
			break;
		for (end = line; isspace((unsigned char)*end); end++)
			;
		if (!*end || strcasecmp(end, "q") == 0 || sa_interview_command(end) == SA_CMD_QUIT)
			break;
		pick = strtoul(line, &end, 10);
		while (isspace((unsigned char)*end))
			end++;
		if (*end || pick < 1 || pick > n) {
			say(s, "  %s'%s' is not an item number (1 to %zu)%s\n", sgr(s, YELLOW), line, n,
			    sgr(s, RESET));
			continue;
		}
		explain_item(s, res, &items[pick - 1]);
		say(s, "\n");
	}
	free(items);
	/* Ctrl-D here just ends: the result is already written and saved */
	return st == READ_SIGNAL ? READ_SIGNAL : READ_LINE;
}

/* ---- saving ------------------------------------------------------------------------------ */

static void split_dir(const char *path, char *dir, size_t size)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(dir, size, ".");
	else if (slash == path)
		snprintf(dir, size, "/");
	else
		snprintf(dir, size, "%.*s", (int)(slash - path), path);
}

int sa_cli_save_answers(const char *path, const sa_rules *r, const struct sa_answers *a)
{
	char dir[PATH_MAX], tmp[PATH_MAX + 32];
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	sigset_t block, old;
	struct stat st;
	mode_t mask;
	FILE *f = NULL;
	int fd, dfd, err = 0;
	size_t i;

	if (!*base) {
		sa_cli_msg("cannot save answers to '%s': not a file name", path);
		return SA_EXIT_OUTPUT;
	}
	split_dir(path, dir, sizeof(dir));
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, base) >= sizeof(tmp)) {
		sa_cli_msg("cannot save answers to '%s': name too long", path);
		return SA_EXIT_OUTPUT;
	}
	/* from here until the rename or the unlink, a cancelling signal waits */
	sigemptyset(&block);
	for (i = 0; i < NSIGNALS; i++)
		sigaddset(&block, cancel_signals[i]);
	sigprocmask(SIG_BLOCK, &block, &old);
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = errno;
		goto fail_nofile;
	}
	/* the new file gets the old one's permissions, or the usual ones for a new file */
	if (stat(path, &st) == 0) {
		fchmod(fd, st.st_mode & 07777);
	} else {
		mask = umask(022);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	f = fdopen(fd, "w");
	if (!f) {
		err = errno;
		close(fd);
		goto fail;
	}
	if (sa_answers_write_json(f, r, a) != SA_OK || fflush(f) != 0) {
		err = errno ? errno : EIO;
		fclose(f);
		goto fail;
	}
	if (fsync(fd) != 0) {
		err = errno;
		fclose(f);
		goto fail;
	}
	if (fclose(f) != 0) {
		err = errno;
		goto fail;
	}
	if (rename(tmp, path) != 0) {
		err = errno;
		goto fail;
	}
	/* make the rename itself durable */
	dfd = open(dir, O_RDONLY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return SA_EXIT_OK;
fail:
	unlink(tmp);
fail_nofile:
	sigprocmask(SIG_SETMASK, &old, NULL);
	sa_cli_msg("cannot save answers to '%s': %s", path, strerror(err));
	return SA_EXIT_OUTPUT;
}

/* ---- the interview ------------------------------------------------------------------------ */

int sa_cli_interview_check(FILE *in, const char *answers_path)
{
	if (answers_path && strcmp(answers_path, "-") == 0) {
		sa_cli_msg("--interactive reads replies from standard input, so it cannot also read "
			   "--answers from it; give --answers a file");
		return SA_EXIT_USAGE;
	}
	if (!isatty(fileno(in))) {
		sa_cli_msg("--interactive needs a terminal on standard input; without one, give the "
			   "answers with --answers FILE or as question flags (see --help)");
		return SA_EXIT_USAGE;
	}
	return SA_EXIT_OK;
}

static int dialogue_color(const struct sa_cli_interview *o)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
	if (o->color >= 0)
		return o->color;
	if ((nc && *nc) || !term || strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(o->talk));
}

/* The exit status after a cancel: 130 for Ctrl-C or Ctrl-D, 128 + N for another signal N. */
static int cancel_code(void)
{
	int signo = got_signal;
	return signo && signo != SIGINT ? 128 + signo : SA_EXIT_INTERRUPTED;
}

static int cancelled(struct session *s, enum read_status st)
{
	int code = cancel_code();
	/* the terminal echoed ^C or ^D mid-line: start a fresh line for the message */
	fputc('\n', s->talk);
	session_end(s);
	sa_cli_msg("%s; nothing was saved%s%s%s",
		st == READ_SIGNAL ? "interrupted" : "interview cancelled",
		s->o->save_path ? " ('" : "", s->o->save_path ? s->o->save_path : "",
		s->o->save_path ? "' is unchanged)" : "");
	return code;
}

/* Ask question q until it gets a valid answer or a command. */
static enum read_status ask(struct session *s, size_t q, int *went_back)
{
	char line[LINE_MAX_LEN], hint[64], m[512];
	enum read_status st;
	int32_t v;

	*went_back = 0;
	show_question(s, q);
	s->question = (int)q;
	for (;;) {
		reply_hint(s, q, hint, sizeof(hint));
		st = read_line(s, hint, line, sizeof(line));
		if (st != READ_LINE)
			return st;
		switch (sa_interview_command(line)) {
		case SA_CMD_HELP:
			show_help(s, q);
			continue;
		case SA_CMD_QUIT:
			return READ_EOF;
		case SA_CMD_BACK: {
			size_t dropped = 0;
			int bq = sa_interview_back(s->it, &dropped);
			if (bq < 0) {
				say(s, "  %sNothing to go back to: this is the first question of the "
				       "interview%s\n",
				    sgr(s, YELLOW), sgr(s, RESET));
				continue;
			}
			if (dropped)
				say(s, "  (%zu later answer%s no longer appl%s and %s dropped)\n", dropped,
				    dropped == 1 ? "" : "s", dropped == 1 ? "ies" : "y",
				    dropped == 1 ? "was" : "were");
			*went_back = 1;
			return READ_LINE;
		}
		case SA_CMD_NONE:
			break;
		}
		if (sa_interview_parse(s->it, q, line, &v, m, sizeof(m)) != SA_OK ||
		    sa_interview_answer(s->it, q, v, m, sizeof(m)) != SA_OK) {
			char err[700];
			snprintf(err, sizeof(err), "%s; please try again (? for help)", m);
			say(s, "%s", sgr(s, YELLOW));
			wrap2(s, err, 2, 4);
			say(s, "%s", sgr(s, RESET));
			continue;
		}
		return READ_LINE;
	}
}

int sa_cli_interview(const struct sa_cli_interview *o)
{
	struct session s;
	struct sa_interview_opts io;
	struct sa_result res;
	enum read_status st;
	int q, plain, rc = SA_EXIT_OK;
	size_t asked;
	char dir[PATH_MAX];

	memset(&s, 0, sizeof(s));
	s.o = o;
	s.r = o->rules;
	s.in = o->in;
	s.talk = o->talk;
	s.fd = fileno(o->in);
	s.question = -1;
	if (o->save_path) {
		/* fail before the questions, not after them */
		split_dir(o->save_path, dir, sizeof(dir));
		if (access(dir, W_OK | X_OK) != 0) {
			sa_cli_msg("cannot save answers to '%s': %s", o->save_path,
				strerror(errno));
			return SA_EXIT_OUTPUT;
		}
	}
	setlocale(LC_CTYPE, "");
	s.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	s.color = dialogue_color(o);
	io.all_questions = o->all_questions;
	sa_interview_new(s.r, o->prefilled, &io, &s.it);
	s.have_tty = tcgetattr(s.fd, &s.saved_tty) == 0;
	plain = use_plain(o->in);
	signals_start(&s, !plain);
	if (!plain)
		editor_start(&s);

	q = sa_interview_next(s.it);
	if (q < 0)
		say(&s, "Nothing to ask: the answers given already decide everything.\n");
	else
		say(&s, "%sOnly the questions that can still change the advice are asked.%s\n"
			"%sEnter takes the default (in capitals or brackets); ? explains a question\n"
			"and why it is asked; < goes back; Tab completes; Ctrl-D or Ctrl-C cancels.%s\n",
		    sgr(&s, BOLD), sgr(&s, RESET), sgr(&s, DIM), sgr(&s, RESET));
	while (q >= 0) {
		int went_back;
		st = ask(&s, (size_t)q, &went_back);
		if (st != READ_LINE)
			return cancelled(&s, st);
		q = sa_interview_next(s.it);
	}
	asked = sa_interview_log_count(s.it);
	if (asked)
		say(&s, "\n%sDone: %zu question%s answered; that decides everything.%s\n",
		    sgr(&s, BOLD), asked, asked == 1 ? "" : "s", sgr(&s, RESET));
	fflush(s.talk);

	if (o->save_path) {
		rc = sa_cli_save_answers(o->save_path, s.r, sa_interview_answers(s.it));
		if (rc != SA_EXIT_OK) {
			/* the answers must not be lost with the file: show them */
			fputs("socadvise: the answers were: ", stderr);
			sa_answers_write_json(stderr, s.r, sa_interview_answers(s.it));
		} else {
			say(&s, "Answers saved to '%s' (replay: socadvise --answers %s).\n", o->save_path,
			    o->save_path);
		}
	}
	say(&s, "\n");
	fflush(s.talk);

	sa_result_init(&res, s.r);
	sa_evaluate(s.r, sa_interview_answers(s.it), &res);
	if (o->write(o->out, s.r, &res, &o->output) != SA_OK && rc == SA_EXIT_OK) {
		/* a stream error is reported by the caller's final check of the stream */
		if (!ferror(o->out))
			sa_cli_msg("error writing output");
		rc = SA_EXIT_OUTPUT;
	}
	fflush(o->out);
	st = offer_explain(&s, &res);
	sa_result_release(&res);
	if (st == READ_SIGNAL) {
		/* interrupted after the result: it and the saved answers are complete */
		fputc('\n', s.talk);
		session_end(&s);
		return cancel_code();
	}
	session_end(&s);
	return rc;
}
