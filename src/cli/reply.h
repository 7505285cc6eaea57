/*
 * reply.h - reading one reply of the interview from a terminal (reply.c): libedit with history
 * and Tab completion on a terminal, a plain line mode otherwise, the cancelling signals, and the
 * terminal's modes put back at the end.
 */
#ifndef CLI_REPLY_H
#define CLI_REPLY_H

#include "voice.h"
#include "socadvise.h"

#include <histedit.h>
#include <signal.h>
#include <stdio.h>
#include <termios.h>

/* A reply is at most CLI_REPLY_SIZE - 1 bytes; a longer one is refused, never cut. */
#define CLI_REPLY_SIZE 1024
/* The prompts are the reader's own short texts ("[1-3, default 1] "). */
#define CLI_PROMPT_SIZE 160
/* The number of cancelling signals (SIGINT, SIGTERM, SIGHUP). */
#define CLI_CANCEL_SIGNAL_COUNT 3

enum cli_read { CLI_READ_LINE, CLI_READ_EOF, CLI_READ_SIGNAL };

struct cli_reader {
	FILE *in;
	const struct cli_voice *voice;
	int fd;
	const sa_rules *r;
	int question; /* the question being asked, for Tab completion; -1 when none */
	int checklist; /* the checklist being asked, for Tab completion; -1 when none */
	EditLine *el; /* NULL: the plain line mode */
	History *hist;
	struct termios saved_tty;
	int have_tty;
	struct sigaction old_act[CLI_CANCEL_SIGNAL_COUNT];
	struct sigaction old_winch;
	int have_winch; /* old_winch holds what to put back */
	char prompt[CLI_PROMPT_SIZE];
};

/*
 * Start reading replies from in: save the terminal's modes, catch the cancelling signals, and on
 * a terminal (TERM set and not dumb) start libedit, which also reads the user's ~/.editrc.
 */
void cli_reader_start(struct cli_reader *rd, FILE *in, const struct cli_voice *voice,
		      const sa_rules *r);
/* Stop: libedit leaves, the terminal's modes and the signal handlers are put back. */
void cli_reader_end(struct cli_reader *rd);

/*
 * Read one reply into buf (CLI_REPLY_SIZE bytes) without its line end, after prompt. A reply
 * that does not fit is refused with a message, and the prompt is shown again.
 */
enum cli_read cli_read_reply(struct cli_reader *rd, const char *prompt, char *buf);

/* The cancelling signal that arrived (0: none). */
int cli_reader_signal(void);
/* Add the cancelling signals to set (to hold them while a file is replaced). */
void cli_cancel_signals(sigset_t *set);

#endif
