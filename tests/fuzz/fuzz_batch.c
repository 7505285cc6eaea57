/*
 * fuzz_batch.c - fuzz target: one line of --batch input.
 *
 * The input is one batch line (everything after a first newline is ignored, as the next line
 * would be processed on its own). It goes through the library calls batch mode makes for a line,
 * with the built-in rules: a line that is not a JSON object is an error line; otherwise the
 * answers reader reads it with a line base (the line's number minus one), and either the result
 * is written as one compact JSON line with the line's id first, or an error line is written with
 * every diagnostic. Both must be a single valid JSON line.
 */
#include "fuzz_common.h"

/* A line number well into a large batch, so that line bases are exercised. */
#define FUZZ_LINE 4242u
/* Batch mode holds a line up to this many bytes; a longer one is an error line. */
#define FUZZ_MAX_LINE (1024u * 1024u)

static sa_rules *rules;

static void release_rules(void)
{
	sa_rules_free(rules);
	rules = NULL;
}

static const sa_rules *default_rules(void)
{
	if (!rules) {
		struct sa_diags d;
		sa_diags_init(&d);
		if (sa_rules_load(NULL, NULL, &rules, &d) != SA_OK)
			fuzz_fail("the built-in rules do not load", NULL, 0);
		sa_diags_release(&d);
		atexit(release_rules);
	}
	return rules;
}

static void error_line(const char *id_json, const struct sa_diags *d)
{
	struct fuzz_mem m;
	int rc = sa_write_json_error_line(fuzz_mem_begin(&m), id_json, FUZZ_LINE, d);
	fuzz_mem_end(&m);
	if (rc == SA_OK) {
		fuzz_expect_json("sa_write_json_error_line wrote an invalid line", m.text, m.len, 1);
		fuzz_expect_inert("sa_write_json_error_line wrote a raw control byte", m.text,
				  m.len);
	} else if (rc != SA_ERR_NOMEM)
		fuzz_fail("sa_write_json_error_line failed on a memory stream", m.text, m.len);
	free(m.text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const sa_rules *r = default_rules();
	const char *line = (const char *)data, *nl = memchr(data, '\n', size);
	size_t len = nl ? (size_t)(nl - line) : size, i = 0;
	struct sa_output_opts o = { SA_EXPLAIN_NONE, 0, 1, NULL, 0, NULL };
	struct sa_answers a;
	struct sa_diags d;
	char id[1100], id_json[1200];
	int rc;

	if (sa_answers_init(&a, r) != SA_OK)
		return 0;
	sa_diags_init(&d);
	while (i < len && strchr(" \t\r", line[i]) && line[i] != '\0')
		i++;
	id[0] = '\0';
	if (len > FUZZ_MAX_LINE || i == len || (line[i] != '{' && line[i] != '[')) {
		/* over-long, blank, or not a JSON object: batch mode's own error line */
		(void)sa_diags_add(&d, SA_SEV_ERROR, "<stdin>", FUZZ_LINE, (unsigned)i + 1,
				   "json-syntax", "each line must be a JSON object of answers");
		error_line(NULL, &d);
	} else {
		rc = sa_answers_read(r, "<stdin>", FUZZ_LINE - 1, line, len, &a, id, sizeof(id), &d);
		/* the id as JSON text: a number as it is, anything else quoted (the writer checks) */
		snprintf(id_json, sizeof(id_json), "\"%s\"", id);
		if (rc == SA_OK) {
			struct sa_result res;
			struct fuzz_mem m;
			if (sa_result_init(&res, r) == SA_OK) {
				sa_evaluate(r, &a, &res);
				(void)sa_result_is_complete(r, &res);
				rc = sa_write_json_line(fuzz_mem_begin(&m), r, &res, &o,
							id[0] ? id_json : NULL);
				fuzz_mem_end(&m);
				if (rc == SA_OK) {
					fuzz_expect_json("sa_write_json_line wrote an invalid line",
							 m.text, m.len, 1);
					fuzz_expect_inert("sa_write_json_line wrote a raw control byte",
							  m.text, m.len);
				} else if (rc != SA_ERR_NOMEM && rc != SA_ERR_INPUT)
					fuzz_fail("sa_write_json_line failed on a memory stream",
						  m.text, m.len);
				free(m.text);
				sa_result_release(&res);
			}
		} else {
			if (rc == SA_ERR_INPUT && d.errors == 0)
				fuzz_fail("an input error without an error diagnostic", NULL, 0);
			error_line(id[0] ? id_json : NULL, &d);
		}
	}
	sa_diags_release(&d);
	sa_answers_release(&a);
	return 0;
}
