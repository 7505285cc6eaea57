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

static FILE *msg_out; /* NULL: standard error */

void cli_msg_stream(FILE *f)
{
	msg_out = f;
}

void cli_msg(const char *fmt, ...)
{
	va_list ap;
	char small[MSG_SIZE], *text = small;
	FILE *f = msg_out ? msg_out : stderr;
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
	fputs("socadvise: ", f);
	sa_escape_write(f, text, (size_t)n, 0);
	fputc('\n', f);
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

int cli_ics_unavailable(void)
{
	const char *why = sa_ics_error();
	cli_msg("cannot load libical for --format ics: %s (Debian package: libical3)",
		why ? why : "unknown reason");
	return CLI_EXIT_UNAVAILABLE;
}

/* sep before every name but the first; returns the count so far */
static size_t put_name(FILE *f, size_t n, const char *a, const char *b)
{
	fprintf(f, "%s%s%s%s", n ? ", " : "", a, b ? ":" : "", b ? b : "");
	return n + 1;
}

int cli_report_incomplete(const sa_rules *r, const struct sa_result *res)
{
	char *list = NULL;
	size_t len = 0, n = 0, nopen, q, i;
	FILE *m = open_memstream(&list, &len);
	int rep, c, k;
	if (!m)
		return cli_out_of_memory();
	for (q = 0; q < sa_rules_question_count(r); q++)
		if (sa_result_is_open(res, q))
			n = put_name(m, n, sa_question_id(r, q), NULL);
	nopen = n;
	if (n == 0) {
		/* nothing left to ask, yet something is undecided: name what */
		for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
			const struct sa_report_result *rr = &res->report[rep];
			const char *id = sa_report_id((enum sa_report)rep);
			if (rr->status == SA_POSSIBLE)
				n = put_name(m, n, id, NULL);
			if (rr->status == SA_ABSENT)
				continue;
			if (rr->type_open)
				n = put_name(m, n, id, "type");
			for (c = 0; c < SA_CAT_COUNT; c++)
				if (rr->criteria[c] == SA_POSSIBLE)
					n = put_name(m, n, id, sa_category_id((enum sa_category)c));
		}
		for (k = 0; k < 2; k++)
			for (i = 0; i < sa_rules_item_count(r, (enum sa_item_kind)k); i++)
				if (res->items[k][i].status == SA_POSSIBLE)
					n = put_name(m, n, k == SA_ITEM_ADVICE ? "advice" : "step",
						     sa_item_id(r, (enum sa_item_kind)k, i));
	}
	if (fclose(m) != 0) {
		free(list);
		return cli_out_of_memory();
	}
	if (nopen)
		cli_msg("incomplete: %zu open question%s (%s)", nopen, nopen == 1 ? "" : "s", list);
	else
		cli_msg("incomplete: no question left to ask, but still possible: %s", list);
	free(list);
	return CLI_EXIT_INCOMPLETE;
}
