/*
 * report.c - how the socadvise command speaks on standard error: every message starts with
 * "socadvise: ", and a diagnostic with a location reads "socadvise: FILE:LINE:COL: message".
 */
#include "cli.h"

#include <stdarg.h>

void sa_cli_msg(const char *fmt, ...)
{
	va_list ap;
	fputs("socadvise: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void sa_cli_diags(const struct sa_diags *d)
{
	size_t i;
	for (i = 0; i < d->len; i++) {
		const struct sa_diag *g = &d->items[i];
		const char *sev = g->severity == SA_SEV_WARNING ? "warning: " : "";
		if (g->file && g->line)
			sa_cli_msg("%s:%u:%u: %s%s", g->file, g->line, g->col, sev, g->message);
		else if (g->file)
			sa_cli_msg("%s: %s%s", g->file, sev, g->message);
		else
			sa_cli_msg("%s%s", sev, g->message);
	}
}
