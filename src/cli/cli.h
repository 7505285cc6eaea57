/*
 * cli.h - what every room of the socadvise command shares: its exit codes, its voice on
 * standard error and its out-of-memory policy.
 *
 * The command is a front end over the library (include/): it includes the library's public
 * headers, never the other way round, so that another front end can use the library without any
 * of this directory. Names here carry the cli_ / CLI_ prefix; the library's are sa_ / SA_.
 *
 * Helpers the command borrows from the library's public API (socadvise.h), beyond the rules,
 * answers, evaluation and writers themselves:
 *   sa_edit_distance  the "did you mean" of an unknown option (options.c)
 *   sa_wrap           word wrapping of the interview's dialogue (voice.c)
 *   sa_utf8_check     the pre-check of a batch line (batch.c)
 *   sa_answers_format_flags, sa_invariant_describe   the --verify report (tools.c, sa_check.h)
 */
#ifndef CLI_H
#define CLI_H

#include "socadvise.h"

#include <stdio.h>

/*
 * Exit codes of the socadvise command: a documented contract (docs/socadvise.1, README), never
 * renumbered. They belong to the command, not to the library, which returns enum sa_status.
 */
enum cli_exit {
	CLI_EXIT_OK = 0,
	CLI_EXIT_INTERNAL = 1,    /* out of memory */
	CLI_EXIT_USAGE = 2,       /* usage or answer error */
	CLI_EXIT_RULES = 3,       /* the rules file is invalid */
	CLI_EXIT_INPUT = 4,       /* an answers file or a batch line is invalid */
	CLI_EXIT_OUTPUT = 5,      /* output could not be written */
	CLI_EXIT_INCOMPLETE = 6,  /* --require-complete and the result is not complete */
	CLI_EXIT_CHANGED = 7,     /* --diff, --what-if: the scope changed */
	CLI_EXIT_UNAVAILABLE = 8, /* a library the output needs cannot be loaded (libical: ics) */
	CLI_EXIT_INTERRUPTED = 130 /* SIGINT, or the interview cancelled (128 + SIGINT) */
};

/*
 * Room for a message the library writes into a caller's buffer (an invalid answer, a rejected
 * reply). The library cuts a longer message at this size; the input itself is never cut.
 */
#define CLI_MESSAGE_SIZE 512

/* "socadvise: " + the message + newline, on standard error. */
void cli_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write the messages to f instead of standard error (NULL: standard error again); for tests. */
void cli_msg_stream(FILE *f);
/* Each diagnostic as "socadvise: FILE:LINE:COL: [warning: ]message" on standard error. */
void cli_diags(const struct sa_diags *d);
/*
 * The command's one out-of-memory policy: report it once on standard error and give the exit
 * code to return (CLI_EXIT_INTERNAL). Every room returns that code up to main, which frees what
 * it holds and exits with it.
 */
int cli_out_of_memory(void);
/*
 * --format ics without a loadable libical (the library loads it only to write a calendar): say
 * so and why on standard error, and give CLI_EXIT_UNAVAILABLE.
 */
int cli_ics_unavailable(void);

/*
 * --require-complete found res incomplete: say why on standard error, "socadvise: incomplete:
 * N open questions (id, ...)" in question order or, when no question is open, what is still
 * possible ("soc2:type", "advice:ID", ...). Returns CLI_EXIT_INCOMPLETE (or CLI_EXIT_INTERNAL).
 */
int cli_report_incomplete(const sa_rules *r, const struct sa_result *res);

#endif
