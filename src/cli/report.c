/*
 * report.c - how the socadvise command speaks on standard error: every message starts with
 * "socadvise: ", and a diagnostic with a location reads "socadvise: FILE:LINE:COL: message".
 * Out of memory is reported here, once, for every room of the command.
 *
 * Messages quote what was given: option names, values, file names, keys and texts of rules and
 * answers files. A message is formatted whole, then written with its non-printable bytes as
 * visible escapes (sa_escape.h), newline and tab included: one message is one line, and nothing
 * given can move the cursor, clear the screen or forge a line of its own.
 */
#include "cli.h"
#include "sa_escape.h"

#include <stdarg.h>
#include <stdlib.h>

/* Most messages fit here; a longer one is formatted into memory of its size. */
#define MSG_SIZE 1024

void cli_msg(const char *fmt, ...)
{
	va_list ap;
	char small[MSG_SIZE], *text = small;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof(small)) {
		text = malloc((size_t)n + 1);
		if (text) {
			va_start(ap, fmt);
			vsnprintf(text, (size_t)n + 1, fmt, ap);
			va_end(ap);
		} else {
			/* out of memory: the beginning of the message rather than nothing */
			text = small;
			n = (int)sizeof(small) - 1;
		}
	}
	fputs("socadvise: ", stderr);
	sa_escape_write(stderr, text, (size_t)n, 0);
	fputc('\n', stderr);
	if (text != small)
		free(text);
}

void cli_diags(const struct sa_diags *d)
{
	size_t i;
	for (i = 0; i < d->len; i++) {
		const struct sa_diag *g = &d->items[i];
		const char *sev = g->severity == SA_SEV_WARNING ? "warning: " : "";
		if (g->file && g->line)
			cli_msg("%s:%u:%u: %s%s", g->file, g->line, g->col, sev, g->message);
		else if (g->file)
			cli_msg("%s: %s%s", g->file, sev, g->message);
		else
			cli_msg("%s%s", sev, g->message);
	}
}

int cli_out_of_memory(void)
{
	cli_msg("out of memory");
	return CLI_EXIT_INTERNAL;
}
