/*
 * report.c - how the socadvise command speaks on standard error: every message starts with
 * "socadvise: ", and a diagnostic with a location reads "socadvise: FILE:LINE:COL: message".
 * Out of memory is reported here, once, for every room of the command.
 */
#include "cli.h"

#include <stdarg.h>

void cli_msg(const char *fmt, ...)
{
	va_list ap;
	fputs("socadvise: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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
