/*
 * fuzz_batch.c - fuzz target: a --batch input, through the command's own batch mode.
 *
 * The input is a whole batch for the built-in rules, read as `socadvise --batch` reads it: it
 * goes through cli_batch_run (src/cli/batch.c) twice, once as JSON Lines (written as JSON lines,
 * or as --summary lines when the input's length is odd) and once as CSV (written with
 * --format csv). The command's messages are captured instead of going to standard error.
 * Checked on every input:
 * - JSON Lines: exactly one output line per input line (a UTF-8 byte order mark is not a line,
 *   and an empty last line ends the input), each one valid JSON document;
 * - every output and every message holds no raw control byte (CSV keeps the CR of a CRLF);
 * - the exit status is one that batch mode documents (0, 4, or 10 when memory runs out).
 */
#include "fuzz_common.h"

#include "batch.h"
#include "cli.h"

/* The lines batch mode reads from text (read_line and the end rules of batch.c). */
static size_t batch_lines(const char *s, size_t n)
{
	size_t lines = 0, start = 0;
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		n -= 3;
	}
	while (start < n) {
		const char *nl = memchr(s + start, '\n', n - start);
		size_t end = nl ? (size_t)(nl - s) : n, len = end - start;
		size_t next = nl ? end + 1 : n;
		if (len && s[end - 1] == '\r')
			len--;
		if (len == 0 && next == n)
			break; /* an empty last line: the end of the input */
		lines++;
		start = next;
	}
	return lines;
}

/* No raw control byte, except newline, tab and (with crlf) the CR of a CRLF. */
static void expect_inert(const char *what, const char *text, size_t len, int crlf)
{
	size_t i;
	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)text[i];
		if (crlf && b == '\r' && i + 1 < len && text[i + 1] == '\n')
			continue;
		if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7f ||
		    (b == 0xc2 && i + 1 < len && (unsigned char)text[i + 1] >= 0x80 &&
		     (unsigned char)text[i + 1] <= 0x9f))
			fuzz_fail(what, text, len);
	}
}

/* Run batch mode on the input; returns its exit status, the output and the messages. */
static int run(const uint8_t *data, size_t size, int csv, enum cli_batch_output kind,
	       struct fuzz_mem *out, struct fuzz_mem *msgs)
{
	struct cli_batch_opts o;
	FILE *in = fmemopen((void *)data, size, "rb");
	int rc;
	if (!in && size)
		fuzz_fail("fmemopen failed", NULL, 0);
	memset(&o, 0, sizeof(o));
	o.path = csv ? "in.csv" : "in.jsonl";
	o.in = in ? in : fuzz_null(); /* fmemopen refuses a size of 0 on some systems */
	o.csv_input = csv;
	o.output = kind;
	o.explain = SA_EXPLAIN_NONE;
	cli_msg_stream(fuzz_mem_begin(msgs));
	rc = cli_batch_run(fuzz_default_rules(), &o, fuzz_mem_begin(out));
	cli_msg_stream(NULL);
	fuzz_mem_end(out);
	fuzz_mem_end(msgs);
	if (in)
		fclose(in);
	if (rc != CLI_EXIT_OK && rc != CLI_EXIT_INPUT && rc != CLI_EXIT_INTERNAL)
		fuzz_fail("batch mode returned an undocumented exit status", out->text, out->len);
	expect_inert("batch mode wrote a raw control byte in a message", msgs->text, msgs->len, 0);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_mem out, msgs;
	size_t want = batch_lines((const char *)data, size), got = 0, at = 0;
	int rc;

	/* JSON Lines in: one JSON line out per line in */
	rc = run(data, size, 0, size % 2 ? CLI_BATCH_SUMMARY : CLI_BATCH_JSON, &out, &msgs);
	expect_inert("batch mode wrote a raw control byte", out.text, out.len, 0);
	while (at < out.len) {
		const char *nl = memchr(out.text + at, '\n', out.len - at);
		size_t end = nl ? (size_t)(nl - out.text) + 1 : out.len;
		fuzz_expect_json("batch mode wrote a line that is not one JSON document",
				 out.text + at, end - at, 1);
		got++;
		at = end;
	}
	if (rc != CLI_EXIT_INTERNAL && got != want) {
		char what[128];
		snprintf(what, sizeof(what), "batch mode wrote %zu lines for %zu lines in", got,
			 want);
		fuzz_fail(what, out.text, out.len);
	}
	free(out.text);
	free(msgs.text);

	/* CSV in, CSV out */
	(void)run(data, size, 1, CLI_BATCH_CSV, &out, &msgs);
	expect_inert("CSV batch mode wrote a raw control byte", out.text, out.len, 1);
	free(out.text);
	free(msgs.text);
	return 0;
}
