/*
 * batch.c - --batch: JSON Lines of answers in, one compact JSON result per line out.
 *
 * Invariants:
 * - exactly one output line per input line, in input order: a blank, invalid or over-long line
 *   gets an error object {"id"?, "line", "column", "error", "errors"} and processing goes on;
 *   the last line counts even without a final newline, and one empty line at the very end
 *   is the end of the input, not a line; a UTF-8 byte order mark before the first line and
 *   CRLF line ends are accepted;
 * - streaming in constant memory: the rules are loaded once by the caller, one answers set and
 *   one result are reused for every line, and a line is held only up to CLI_BATCH_MAX_LINE bytes
 *   (the rest of a longer line is read and dropped), so memory does not grow with the input;
 * - a result line is the --format json document on one line, with the line's "id" (a string or
 *   a number, echoed as given) as its first key; reasons are left out unless --explain asks;
 *   or the --summary line; or, with --format csv, a CSV row whose first cell is the id, after a
 *   header row (batch_out.c writes all three);
 * - question flags on the command line are defaults for every line: a line's own answer wins.
 * Each bad line is also reported on standard error as FILE:LINE:COL: message. Reading JSON is
 * the answers reader's job, the scanning around a line included (sa_answers_json_line_check,
 * sa_answers_json_id): this file reads lines and writes results.
 */
#include "args.h"
#include "batch.h"
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct line {
	char *buf;
	size_t len, cap;
	int too_long;
};

/*
 * The input, read in blocks: a line is found with memchr in the block instead of byte by byte
 * through stdio (a batch line is read in a fraction of the time). Only the batch loop reads
 * the stream while it runs.
 */
#define RD_BLOCK 65536
struct reader {
	FILE *in;
	char *b; /* RD_BLOCK bytes */
	size_t pos, end;
};

/* Read the next block: 1, 0 at the end of the input, -1 on a read error (errno set). */
static int rd_fill(struct reader *rd)
{
	rd->pos = 0;
	rd->end = fread(rd->b, 1, RD_BLOCK, rd->in);
	if (rd->end)
		return 1;
	return ferror(rd->in) ? -1 : 0;
}

/* Append n bytes to the line, up to CLI_BATCH_MAX_LINE (the rest is read through and the line
 * marked too long). 0, or -1 when out of memory (errno set). */
static int line_append(struct line *ln, const char *p, size_t n)
{
	size_t room = CLI_BATCH_MAX_LINE - ln->len;
	if (n > room) {
		ln->too_long = 1;
		n = room;
	}
	if (ln->len + n + 1 > ln->cap) {
		size_t ncap = ln->cap ? ln->cap : 4096;
		char *nb;
		while (ncap < ln->len + n + 1)
			ncap *= 2;
		nb = realloc(ln->buf, ncap);
		if (!nb) {
			errno = ENOMEM;
			return -1;
		}
		ln->buf = nb;
		ln->cap = ncap;
	}
	memcpy(ln->buf + ln->len, p, n);
	ln->len += n;
	return 0;
}

/*
 * Read one line without its '\n' into ln. Returns 1 for a line, 0 at the end of the input, -1
 * on a read error (errno set) or when out of memory.
 */
static int read_line(struct reader *rd, struct line *ln)
{
	int f;
	ln->len = 0;
	ln->too_long = 0;
	if (rd->pos == rd->end && (f = rd_fill(rd)) <= 0)
		return f;
	for (;;) {
		const char *s = rd->b + rd->pos;
		size_t n = rd->end - rd->pos;
		const char *nl = memchr(s, '\n', n);
		size_t take = nl ? (size_t)(nl - s) : n;
		if (!ln->too_long && line_append(ln, s, take) < 0)
			return -1;
		rd->pos += take + (nl != NULL);
		if (nl)
			break;
		if ((f = rd_fill(rd)) < 0)
			return -1;
		if (f == 0)
			break; /* the last line, without its '\n' */
	}
	/* a CRLF line end (a file from Windows or a spreadsheet) */
	if (ln->len && ln->buf[ln->len - 1] == '\r' && !ln->too_long)
		ln->len--;
	ln->buf[ln->len] = '\0';
	return 1;
}

/* Nonzero when nothing follows in the input (a read error is left for the next read). */
static int at_end(struct reader *rd)
{
	if (rd->pos < rd->end)
		return 0;
	return rd_fill(rd) == 0;
}

/* Check a line before the answers reader sees it: blank, too long, or not a JSON object. */
static int precheck(const struct line *ln, const char *name, unsigned lineno, struct sa_diags *d)
{
	if (ln->too_long)
		return sa_diags_add(d, SA_SEV_ERROR, name, lineno, CLI_BATCH_MAX_LINE + 1,
				    "line-too-long", "line longer than %u bytes",
				    CLI_BATCH_MAX_LINE) == SA_OK ? SA_ERR_INPUT : SA_ERR_NOMEM;
	return sa_answers_json_line_check(name, lineno, ln->buf, ln->len, d);
}

/* JSON Lines in. */
static int jsonl_run(const sa_rules *r, const struct cli_batch_opts *o, FILE *out)
{
	const char *name = !o->path || strcmp(o->path, "-") == 0 ? "<stdin>" : o->path;
	FILE *in = o->in ? o->in :
		   !o->path || strcmp(o->path, "-") == 0 ? stdin : fopen(o->path, "rb");
	struct sa_meta meta;
	struct cli_sink sink = { out, r, o->output, { o->explain, 0, 1, &meta, 0, NULL }, 1 };
	struct sa_csv_cell idcell = { "", 0 };
	struct sa_answers ans = { 0, NULL, NULL };
	struct sa_result res;
	struct sa_diags d;
	struct line ln = { NULL, 0, 0, 0 };
	struct reader rd = { in, NULL, 0, 0 };
	char *id = NULL, *idtext = NULL;
	unsigned long failed = 0, incomplete = 0;
	unsigned lineno = 0;
	int rc = CLI_EXIT_OK, got = 0, have_res = 0;

	memset(&res, 0, sizeof(res));
	sa_meta_init(&meta);
	if (!in) {
		cli_msg("%s: cannot open: %s", name, strerror(errno));
		return CLI_EXIT_INPUT;
	}
	sa_diags_init(&d);
	id = malloc(CLI_BATCH_MAX_ID + 1);
	idtext = malloc(CLI_BATCH_MAX_ID + 1);
	rd.b = malloc(RD_BLOCK);
	if (id && idtext && rd.b && sa_answers_init(&ans, r) == SA_OK && sa_result_init(&res, r) == SA_OK)
		have_res = 1;
	if (!have_res) {
		rc = cli_out_of_memory();
		goto out;
	}
	idcell.text = "id";
	idcell.len = 2;
	rc = cli_sink_status(cli_sink_header(&sink, &idcell, 1));
	if (rc != CLI_EXIT_OK)
		goto out;
	while ((got = read_line(&rd, &ln)) == 1) {
		size_t idlen = 0;
		int st, wr;
		if (lineno == 0 && ln.len >= 3 && memcmp(ln.buf, "\xef\xbb\xbf", 3) == 0) {
			/* a UTF-8 byte order mark, as spreadsheets and some editors write */
			memmove(ln.buf, ln.buf + 3, ln.len - 3 + 1);
			ln.len -= 3;
		}
		if (ln.len == 0 && !ln.too_long && at_end(&rd))
			break; /* an empty last line ("...}\n\n"): the end of the input, not a line */
		lineno++;
		sa_answers_clear(&ans);
		sa_meta_clear(&meta);
		idtext[0] = '\0';
		st = precheck(&ln, name, lineno, &d);
		if (st == SA_OK)
			st = sa_answers_read_meta(r, name, lineno - 1, ln.buf, ln.len, &ans, idtext,
						  CLI_BATCH_MAX_ID + 1, &meta, &d);
		/* the id of a line that parsed as JSON, also when its answers are wrong */
		if (st != SA_ERR_NOMEM && !ln.too_long &&
		    (st == SA_OK || (d.len && strcmp(d.items[0].code, "json-syntax") != 0 &&
				     strcmp(d.items[0].code, "encoding") != 0 &&
				     strcmp(d.items[0].code, "blank-line") != 0))) {
			int idst = sa_answers_json_id(name, lineno, ln.buf, ln.len, id,
						      CLI_BATCH_MAX_ID, &idlen, &d);
			if (idst != SA_OK)
				st = idst;
		}
		if (st == SA_ERR_NOMEM) {
			rc = cli_out_of_memory();
			break;
		}
		if (st == SA_OK && o->defaults)
			cli_answers_overlay(&ans, o->defaults, 0);
		/* the id's cell of a CSV row: its text, or empty when it is not known to be valid */
		idcell.text = idlen ? idtext : "";
		idcell.len = idlen ? strlen(idtext) : 0;
		if (st != SA_OK) {
			failed++;
			cli_diags(&d);
			wr = cli_sink_error(&sink, idlen ? id : NULL, lineno, &d, &idcell, 1);
		} else {
			/* without reasons in the output, building them is wasted work */
			sa_evaluate_ex(r, &ans, &res,
				       o->explain == SA_EXPLAIN_NONE ? SA_EVAL_NO_REASONS : 0);
			if (o->require_complete && !sa_result_is_complete(r, &res))
				incomplete++;
			wr = cli_sink_result(&sink, &res, idlen ? id : NULL, &idcell, 1);
		}
		sa_diags_release(&d); /* and empty for the next line */
		rc = cli_sink_status(wr);
		if (rc != CLI_EXIT_OK)
			break;
	}
	if (got < 0 && rc == CLI_EXIT_OK) {
		cli_msg("%s: cannot read line %u: %s", name, lineno + 1,
			strerror(errno));
		rc = errno == ENOMEM ? CLI_EXIT_INTERNAL : CLI_EXIT_INPUT;
	}
	if (rc == CLI_EXIT_OK && failed) {
		cli_msg("%s: %lu of %u line%s failed", name, failed, lineno,
			lineno == 1 ? "" : "s");
		rc = CLI_EXIT_INPUT;
	} else if (rc == CLI_EXIT_OK && incomplete) {
		cli_msg("%s: incomplete: %lu of %u line%s (\"complete\": false)", name, incomplete,
			lineno, lineno == 1 ? "" : "s");
		rc = CLI_EXIT_INCOMPLETE;
	}
out:
	sa_diags_release(&d);
	sa_meta_release(&meta);
	free(ln.buf);
	free(rd.b);
	free(id);
	free(idtext);
	if (ans.value)
		sa_answers_release(&ans);
	if (have_res)
		sa_result_release(&res);
	if (in != stdin && in != o->in)
		fclose(in);
	return rc;
}

int cli_batch_run(const sa_rules *r, const struct cli_batch_opts *o, FILE *out)
{
	return o->csv_input ? cli_batch_csv_run(r, o, out) : jsonl_run(r, o, out);
}
