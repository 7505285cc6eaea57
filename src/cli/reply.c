/*
 * reply.c - one reply of the interview, read from a terminal.
 *
 * Invariants:
 * - On a terminal (and TERM set and not dumb) replies are read with libedit: history within the
 *   session, Tab completion of commands and choices. Otherwise a plain line mode reads with
 *   fgets, which also suits screen readers (TERM=dumb).
 * - libedit is not linked: it is loaded with dlopen when the first interview starts on a
 *   terminal (editor_load), since it brings libtinfo, libbsd and libmd, whose binding cost
 *   every start more than half its instructions. Its functions are called through the table
 *   'edit', typed with __typeof__ of the header's prototypes, so every call is still checked.
 *   When it cannot be loaded, the interview says so once and reads plain lines.
 * - SIGINT, SIGTERM and SIGHUP only set a flag; the reader returns at once, and
 *   cli_reader_end puts the terminal back (libedit leaves edit mode, and the saved termios are
 *   restored) and the old handlers.
 * - A reply is read whole or refused: one longer than CLI_REPLY_SIZE - 1 bytes is dropped with
 *   a message and asked again, never cut into a shorter, maybe valid, one.
 */
#include "reply.h"
#include "sa_interview.h"

#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <wchar.h>

/* Replies remembered for the up arrow within one interview. */
#define HISTORY_SIZE 200

#ifndef SA_LIBEDIT_SONAME
#error "SA_LIBEDIT_SONAME (the libedit to load, e.g. \"libedit.so.2\") is set by the build"
#endif

/* Every libedit function this file calls. */
#define EDIT_FUNCTIONS(X)                                                               \
	X(el_init) X(el_end) X(el_set) X(el_wset) X(el_get) X(el_gets) X(el_line)       \
	X(el_insertstr) X(el_resize) X(el_source) X(history_init) X(history_end) X(history)

static struct {
#define X(fn) __typeof__(fn) *fn;
	EDIT_FUNCTIONS(X)
#undef X
} edit;

/* dlsym hands out functions as void pointers, which POSIX makes as wide as them. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "a function pointer fits a void *");

static int edit_state; /* 0: not tried yet, 1: loaded (for the process), -1: cannot be */

/* Load libedit once: 1 when its functions are in 'edit', else 0 after saying why on talk. */
static int editor_load(FILE *talk)
{
	const char *missing = NULL, *why = NULL;
	void *h, *sym;
	if (edit_state)
		return edit_state > 0;
	h = dlopen(SA_LIBEDIT_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		why = dlerror();
#define X(fn)                                                     \
	if (h && !missing) {                                      \
		sym = dlsym(h, #fn);                              \
		if (sym)                                          \
			memcpy(&edit.fn, &sym, sizeof(sym));      \
		else                                              \
			missing = #fn;                            \
	}
	EDIT_FUNCTIONS(X)
#undef X
	if (h && !missing) {
		edit_state = 1;
		return 1;
	}
	if (h)
		dlclose(h);
	memset(&edit, 0, sizeof(edit));
	edit_state = -1;
	if (missing)
		fprintf(talk, "socadvise: no line editing (%s has no function %s): replies are "
			"read as plain lines\n", SA_LIBEDIT_SONAME, missing);
	else
		fprintf(talk, "socadvise: no line editing (%s): replies are read as plain lines\n",
			why ? why : SA_LIBEDIT_SONAME);
	return 0;
}

/* The one piece of global state: which cancelling signal arrived (0: none). */
static volatile sig_atomic_t got_signal;
static volatile sig_atomic_t got_winch;

static const int cancel_signals[CLI_CANCEL_SIGNAL_COUNT] = { SIGINT, SIGTERM, SIGHUP };

static void on_signal(int signo)
{
	if (signo == SIGWINCH)
		got_winch = 1;
	else
		got_signal = signo;
}

int cli_reader_signal(void)
{
	return got_signal;
}

void cli_cancel_signals(sigset_t *set)
{
	size_t i;
	for (i = 0; i < CLI_CANCEL_SIGNAL_COUNT; i++)
		sigaddset(set, cancel_signals[i]);
}

/* libedit reads characters through this, so that a signal ends the read at once. */
static int read_char(EditLine *el, wchar_t *wc)
{
	struct cli_reader *rd = NULL;
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	edit.el_get(el, EL_CLIENTDATA, &rd);
	for (;;) {
		char c;
		ssize_t k;
		size_t m;
		if (got_signal)
			return -1;
		if (got_winch) {
			got_winch = 0;
			edit.el_resize(el);
		}
		k = read(rd->fd, &c, 1);
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
	struct cli_reader *rd = NULL;
	edit.el_get(el, EL_CLIENTDATA, &rd);
	return rd->prompt;
}

/*
 * The i-th word a reply to the current question may be: yes and no or the choices, then the
 * commands; NULL past the last.
 */
static const char *candidate(const struct cli_reader *rd, size_t i)
{
	static const char *const commands[] = { "help", "back", "quit" };
	static const char *const yes_no[] = { "yes", "no", "unknown" };
	const size_t ncommands = sizeof(commands) / sizeof(commands[0]);
	size_t q, nchoices = 0;
	if (rd->checklist >= 0) {
		/* a checklist: its items' question ids, "none", then the commands */
		nchoices = sa_checklist_item_count(rd->r, (size_t)rd->checklist);
		if (i < nchoices)
			return sa_question_id(rd->r,
					      sa_checklist_item_question(rd->r, (size_t)rd->checklist,
									 i));
		if (i == nchoices)
			return "none";
		return i - nchoices - 1 < ncommands ? commands[i - nchoices - 1] : NULL;
	}
	if (rd->question < 0)
		return NULL;
	q = (size_t)rd->question;
	if (sa_question_type(rd->r, q) == SA_Q_BOOL) {
		nchoices = sizeof(yes_no) / sizeof(yes_no[0]);
		if (i < nchoices)
			return yes_no[i];
	} else if (sa_question_type(rd->r, q) == SA_Q_ENUM) {
		nchoices = sa_question_choice_count(rd->r, q);
		if (i < nchoices)
			return sa_question_choice(rd->r, q, i);
	}
	return i - nchoices < ncommands ? commands[i - nchoices] : NULL;
}

/* Tab: complete the word before the cursor to a command or a choice; list them when several. */
static unsigned char complete(EditLine *el, int ch)
{
	struct cli_reader *rd = NULL;
	const LineInfo *li = edit.el_line(el);
	const char *start = li->cursor, *first = NULL, *c;
	size_t plen, nm = 0, i, common = 0;
	(void)ch;
	edit.el_get(el, EL_CLIENTDATA, &rd);
	while (start > li->buffer && !isspace((unsigned char)start[-1]))
		start--;
	plen = (size_t)(li->cursor - start);
	/* the matches, and the longest prefix they share */
	for (i = 0; (c = candidate(rd, i)) != NULL; i++) {
		size_t k = 0;
		if (strncasecmp(c, start, plen) != 0)
			continue;
		if (!nm++) {
			first = c;
			common = strlen(c);
			continue;
		}
		while (k < common && c[k] && tolower((unsigned char)c[k]) ==
						     tolower((unsigned char)first[k]))
			k++;
		common = k;
	}
	if (!nm)
		return CC_REFRESH_BEEP;
	if (nm == 1 || common > plen) {
		/* the rest of the one match, or of what the matches share */
		char *rest = strndup(first + plen, (nm == 1 ? strlen(first) : common) - plen);
		int failed = !rest || edit.el_insertstr(el, rest) == -1;
		free(rest);
		return failed ? CC_ERROR : CC_REFRESH;
	}
	fputc('\n', rd->voice->talk);
	for (i = 0, nm = 0; (c = candidate(rd, i)) != NULL; i++)
		if (strncasecmp(c, start, plen) == 0)
			fprintf(rd->voice->talk, "%s%s", nm++ ? "  " : "", c);
	fputc('\n', rd->voice->talk);
	return CC_REDISPLAY;
}

static int use_plain(FILE *in)
{
	const char *term = getenv("TERM");
	return !isatty(fileno(in)) || !term || !*term || strcmp(term, "dumb") == 0;
}

static void editor_start(struct cli_reader *rd)
{
	HistEvent ev;
	FILE *talk = rd->voice->talk;
	if (!editor_load(talk))
		return;
	rd->hist = edit.history_init();
	if (rd->hist)
		edit.history(rd->hist, &ev, H_SETSIZE, HISTORY_SIZE);
	rd->el = edit.el_init("socadvise", rd->in, talk, talk);
	if (!rd->el)
		return;
	edit.el_set(rd->el, EL_CLIENTDATA, rd);
	edit.el_set(rd->el, EL_EDITOR, "emacs");
	edit.el_set(rd->el, EL_SIGNAL, 0);
	edit.el_set(rd->el, EL_GETCFN, read_char);
	edit.el_set(rd->el, EL_PROMPT, prompt_fn);
	if (rd->hist)
		edit.el_set(rd->el, EL_HIST, edit.history, rd->hist);
	/* the wide call: the narrow el_set(EL_ADDFN) copies the names and never frees them */
	edit.el_wset(rd->el, EL_ADDFN, L"sa-complete", L"complete a command or a choice", complete);
	edit.el_set(rd->el, EL_BIND, "^I", "sa-complete", NULL);
	/* the user's ~/.editrc may rebind keys, as in every libedit program */
	edit.el_source(rd->el, NULL);
}

/*
 * SIGWINCH is caught only for libedit (read_char resizes): the plain reader has no use for it,
 * and without SA_RESTART it would end fgets as if the input had ended.
 */
static void signals_start(struct cli_reader *rd, int winch)
{
	struct sigaction sa;
	size_t i;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a blocked read returns EINTR */
	got_signal = 0;
	got_winch = 0;
	for (i = 0; i < CLI_CANCEL_SIGNAL_COUNT; i++)
		sigaction(cancel_signals[i], &sa, &rd->old_act[i]);
	rd->have_winch = winch;
	if (winch)
		sigaction(SIGWINCH, &sa, &rd->old_winch);
}

static void signals_stop(struct cli_reader *rd)
{
	size_t i;
	for (i = 0; i < CLI_CANCEL_SIGNAL_COUNT; i++)
		sigaction(cancel_signals[i], &rd->old_act[i], NULL);
	if (rd->have_winch)
		sigaction(SIGWINCH, &rd->old_winch, NULL);
}

void cli_reader_start(struct cli_reader *rd, FILE *in, const struct cli_voice *voice,
		      const sa_rules *r)
{
	int plain = use_plain(in);
	memset(rd, 0, sizeof(*rd));
	rd->in = in;
	rd->voice = voice;
	rd->fd = fileno(in);
	rd->r = r;
	rd->question = -1;
	rd->checklist = -1;
	rd->have_tty = tcgetattr(rd->fd, &rd->saved_tty) == 0;
	signals_start(rd, !plain);
	if (!plain)
		editor_start(rd);
}

void cli_reader_end(struct cli_reader *rd)
{
	if (rd->el)
		edit.el_end(rd->el);
	if (rd->hist)
		edit.history_end(rd->hist);
	rd->el = NULL;
	rd->hist = NULL;
	if (rd->have_tty)
		tcsetattr(rd->fd, TCSADRAIN, &rd->saved_tty);
	signals_stop(rd);
}

/* Read one line into buf; *too_long when it did not fit (buf then holds nothing useful). */
static enum cli_read read_line(struct cli_reader *rd, char *buf, int *too_long)
{
	size_t len;
	*too_long = 0;
	if (rd->el) {
		int count = 0;
		const char *line = edit.el_gets(rd->el, &count);
		if (got_signal)
			return CLI_READ_SIGNAL;
		if (!line || count <= 0)
			return CLI_READ_EOF;
		len = strcspn(line, "\r\n");
		if (len >= CLI_REPLY_SIZE) {
			*too_long = 1;
			return CLI_READ_LINE;
		}
		memcpy(buf, line, len);
		buf[len] = '\0';
	} else {
		fputs(rd->prompt, rd->voice->talk);
		fflush(rd->voice->talk);
		if (!fgets(buf, CLI_REPLY_SIZE, rd->in))
			return got_signal ? CLI_READ_SIGNAL : CLI_READ_EOF;
		len = strlen(buf);
		if (len && buf[len - 1] != '\n' && !feof(rd->in)) {
			/* the rest of a reply longer than the buffer: read it, and refuse the reply */
			int c;
			while ((c = fgetc(rd->in)) != EOF && c != '\n')
				if (c != '\r')
					*too_long = 1;
		}
	}
	len = strlen(buf);
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	if (got_signal)
		return CLI_READ_SIGNAL;
	return CLI_READ_LINE;
}

enum cli_read cli_read_reply(struct cli_reader *rd, const char *prompt, char *buf)
{
	for (;;) {
		int too_long;
		enum cli_read st;
		snprintf(rd->prompt, sizeof(rd->prompt), "%s", prompt);
		st = read_line(rd, buf, &too_long);
		if (st != CLI_READ_LINE)
			return st;
		if (!too_long) {
			if (*buf && rd->el && rd->hist) {
				HistEvent ev;
				edit.history(rd->hist, &ev, H_ENTER, buf);
			}
			return CLI_READ_LINE;
		}
		cli_voice_say(rd->voice, "  %sA reply is at most %d characters; please try again%s\n",
			      cli_voice_sgr(rd->voice, CLI_SGR_YELLOW), CLI_REPLY_SIZE - 1,
			      cli_voice_sgr(rd->voice, CLI_SGR_RESET));
	}
}
