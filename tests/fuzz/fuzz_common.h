/*
 * fuzz_common.h - what the fuzz targets share: a sink for output, checked renderings of a
 * result, and a walk through the interview engine.
 *
 * Every target defines LLVMFuzzerTestOneInput and is linked either with libFuzzer (the fuzz
 * build) or with replay.c (ctest replays the corpora and the regression inputs). The helpers
 * are static so that each target is one translation unit plus this header.
 *
 * Renderings are checked, not only run: the JSON documents must parse as JSON, a batch line
 * must be one line, the YAML document must load, and no rendering without colour may hold a raw
 * control byte (the visible escapes of sa_escape.h). A check that fails aborts, so that the fuzzer
 * reports it as a crash with the input that caused it.
 */
#ifndef SA_FUZZ_COMMON_H
#define SA_FUZZ_COMMON_H

#include <socadvise.h>
#include <sa_check.h>
#include <sa_interview.h>

#include <cjson/cJSON.h>
#include <yaml.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Report a broken output contract and abort (the fuzzer keeps the input). */
static inline void fuzz_fail(const char *what, const char *text, size_t len)
{
	fprintf(stderr, "fuzz: %s\n", what);
	if (text)
		fprintf(stderr, "fuzz: output was (%zu bytes): %.*s\n", len,
			len > 2000 ? 2000 : (int)len, text);
	abort();
}

/* The built-in rules, loaded once for the process and freed at its exit. */
static inline sa_rules **fuzz_rules_slot(void)
{
	static sa_rules *rules;
	return &rules;
}

static inline void fuzz_release_rules(void)
{
	sa_rules_free(*fuzz_rules_slot());
	*fuzz_rules_slot() = NULL;
}

static inline const sa_rules *fuzz_default_rules(void)
{
	sa_rules **slot = fuzz_rules_slot();
	if (!*slot) {
		struct sa_diags d;
		sa_diags_init(&d);
		if (sa_rules_load(NULL, NULL, slot, &d) != SA_OK)
			fuzz_fail("the built-in rules do not load", NULL, 0);
		sa_diags_release(&d);
		atexit(fuzz_release_rules);
	}
	return *slot;
}

/* Output that is not inspected goes to /dev/null, opened once for the process. */
static inline FILE *fuzz_null(void)
{
	static FILE *null;
	if (!null) {
		null = fopen("/dev/null", "w");
		if (!null)
			fuzz_fail("cannot open /dev/null", NULL, 0);
	}
	return null;
}

/* An in-memory output; fuzz_mem_end closes it and hands back its text (free it). */
struct fuzz_mem {
	FILE *f;
	char *text;
	size_t len;
};

static inline FILE *fuzz_mem_begin(struct fuzz_mem *m)
{
	m->text = NULL;
	m->len = 0;
	m->f = open_memstream(&m->text, &m->len);
	if (!m->f)
		fuzz_fail("open_memstream failed", NULL, 0);
	return m->f;
}

static inline void fuzz_mem_end(struct fuzz_mem *m)
{
	if (fclose(m->f) != 0)
		fuzz_fail("closing a memory stream failed", NULL, 0);
	m->f = NULL;
}

/* The text must be one JSON value (and, when one_line, a single line ending in '\n'). */
static inline void fuzz_expect_json(const char *what, const char *text, size_t len, int one_line)
{
	const char *end = NULL;
	cJSON *j;
	if (one_line) {
		const char *nl = memchr(text, '\n', len);
		if (!nl || (size_t)(nl - text) != len - 1)
			fuzz_fail(what, text, len);
	}
	j = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!j)
		fuzz_fail(what, text, len);
	cJSON_Delete(j);
}

/*
 * The text must hold no raw control byte: no C0 control other than newline and tab, no DEL, no
 * C1 control (UTF-8 c2 80 to c2 9f). Whatever the input held shows as a visible escape.
 */
static inline void fuzz_expect_inert(const char *what, const char *text, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)text[i];
		if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7f ||
		    (b == 0xc2 && i + 1 < len && (unsigned char)text[i + 1] >= 0x80 &&
		     (unsigned char)text[i + 1] <= 0x9f))
			fuzz_fail(what, text, len);
	}
}

/* The text must load as one YAML document. */
static inline void fuzz_expect_yaml(const char *what, const char *text, size_t len)
{
	yaml_parser_t p;
	yaml_document_t doc;
	int ok;
	if (!yaml_parser_initialize(&p))
		fuzz_fail("yaml_parser_initialize failed", NULL, 0);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	ok = yaml_parser_load(&p, &doc);
	if (ok) {
		ok = yaml_document_get_root_node(&doc) != NULL;
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&p);
	if (!ok)
		fuzz_fail(what, text, len);
}

/* The diagnostics as --check --format json writes them: valid JSON, no raw control byte. */
static inline void fuzz_diags_json(const char *file, const struct sa_diags *d)
{
	struct fuzz_mem m;
	int rc = sa_diags_write_json(fuzz_mem_begin(&m), file, d);
	fuzz_mem_end(&m);
	if (rc == SA_OK) {
		fuzz_expect_json("sa_diags_write_json wrote invalid JSON", m.text, m.len, 0);
		fuzz_expect_inert("sa_diags_write_json wrote a raw control byte", m.text, m.len);
	} else if (rc != SA_ERR_NOMEM) {
		fuzz_fail("sa_diags_write_json failed on a memory stream", m.text, m.len);
	}
	free(m.text);
}

/*
 * Write res in every format and check what can be checked. A renderer may fail only for lack
 * of memory (SA_ERR_NOMEM), never with an I/O error on a memory stream.
 */
static inline void fuzz_render_all(const sa_rules *r, const struct sa_result *res)
{
	static const int explain[] = { SA_EXPLAIN_NONE, SA_EXPLAIN_REASONS, SA_EXPLAIN_FULL };
	struct fuzz_mem m;
	size_t i;

	for (i = 0; i < sizeof(explain) / sizeof(explain[0]); i++) {
		struct sa_output_opts o = { explain[i], (int)(i & 1), (int)(i != 1), NULL, 0, NULL };
		int rc;

		rc = sa_write_json(fuzz_mem_begin(&m), r, res, &o);
		fuzz_mem_end(&m);
		if (rc == SA_OK) {
			fuzz_expect_json("sa_write_json wrote invalid JSON", m.text, m.len, o.compact);
			fuzz_expect_inert("sa_write_json wrote a raw control byte", m.text, m.len);
		} else if (rc != SA_ERR_NOMEM)
			fuzz_fail("sa_write_json failed on a memory stream", m.text, m.len);
		free(m.text);

		rc = sa_write_yaml(fuzz_mem_begin(&m), r, res, &o);
		fuzz_mem_end(&m);
		if (rc == SA_OK) {
			fuzz_expect_yaml("sa_write_yaml wrote a document that does not load", m.text,
					 m.len);
			fuzz_expect_inert("sa_write_yaml wrote a raw control byte", m.text, m.len);
		} else if (rc != SA_ERR_NOMEM)
			fuzz_fail("sa_write_yaml failed on a memory stream", m.text, m.len);
		free(m.text);

		rc = sa_write_json_line(fuzz_mem_begin(&m), r, res, &o, "\"fuzz\"");
		fuzz_mem_end(&m);
		if (rc == SA_OK) {
			fuzz_expect_json("sa_write_json_line wrote an invalid line", m.text, m.len, 1);
			fuzz_expect_inert("sa_write_json_line wrote a raw control byte", m.text,
					  m.len);
		} else if (rc != SA_ERR_NOMEM)
			fuzz_fail("sa_write_json_line failed on a memory stream", m.text, m.len);
		free(m.text);

		/* text: its colours (o.color) are the only control sequences it writes */
		rc = sa_write_text(fuzz_mem_begin(&m), r, res, &o);
		fuzz_mem_end(&m);
		if (rc == SA_OK && !o.color)
			fuzz_expect_inert("sa_write_text wrote a raw control byte", m.text, m.len);
		free(m.text);
		rc = sa_write_markdown(fuzz_mem_begin(&m), r, res, &o);
		fuzz_mem_end(&m);
		if (rc == SA_OK)
			fuzz_expect_inert("sa_write_markdown wrote a raw control byte", m.text, m.len);
		free(m.text);
	}
	(void)sa_result_is_complete(r, res);
}

/* Explanations, slots and invariants of res: everything the text views and --explain use. */
static inline void fuzz_explain_all(const sa_rules *r, const struct sa_result *res)
{
	size_t nq = sa_rules_question_count(r), nr = sa_rules_rule_count(r), i, q;
	size_t ns = sa_slot_count(r);
	unsigned char *used = calloc(nq + 1, 1), *open = calloc(nq + 1, 1);
	char buf[512];

	if (!used || !open) {
		free(used);
		free(open);
		return;
	}
	for (i = 0; i < nr; i++) {
		int report, target;
		(void)sa_rule_outcome(r, i, &report, &target);
		(void)sa_rule_is_reason(r, res, i);
		sa_rule_explain(r, res, i, used, open);
		(void)sa_rule_slot(r, i);
	}
	for (i = 0; i < ns; i++) {
		(void)sa_slot_name(r, i, buf, sizeof(buf));
		(void)sa_interview_slot_describe(r, i, buf, sizeof(buf));
		(void)sa_interview_slot_label(r, i, buf, sizeof(buf));
		for (q = 0; q < nq && q < 64; q++)
			(void)sa_result_decides(res, q, i);
	}
	for (q = 0; q < nq; q++)
		(void)sa_result_is_open(res, q);
	for (i = 0; i < sa_rules_invariant_count(r); i++) {
		(void)sa_invariant_violated(r, i, res);
		(void)sa_invariant_describe(r, i, res, buf, sizeof(buf));
	}
	(void)sa_answers_format_flags(r, &res->answers, buf, sizeof(buf));
	free(used);
	free(open);
}

/* Evaluate a, check the renderings and the explanations. */
static inline void fuzz_evaluate_render(const sa_rules *r, const struct sa_answers *a)
{
	struct sa_result res;
	struct fuzz_mem m;
	int rc;

	if (sa_result_init(&res, r) != SA_OK)
		return;
	sa_evaluate(r, a, &res);
	fuzz_render_all(r, &res);
	fuzz_explain_all(r, &res);
	sa_evaluate_ex(r, a, &res, SA_EVAL_NO_DEFAULTS);
	(void)sa_result_is_complete(r, &res);
	sa_result_release(&res);

	/* the given answers as JSON must read back as the same answers */
	rc = sa_answers_write_json(fuzz_mem_begin(&m), r, a);
	fuzz_mem_end(&m);
	if (rc == SA_OK) {
		struct sa_answers back;
		struct sa_diags d;
		sa_diags_init(&d);
		if (sa_answers_init(&back, r) == SA_OK) {
			rc = sa_answers_read(r, "round-trip", 0, m.text, m.len, &back, NULL, 0, &d);
			if (rc == SA_OK) {
				size_t q;
				for (q = 0; q < a->count; q++)
					if ((a->origin[q] == SA_ORIGIN_GIVEN) !=
						    (back.origin[q] == SA_ORIGIN_GIVEN) ||
					    (a->origin[q] == SA_ORIGIN_GIVEN &&
					     a->value[q] != back.value[q]))
						fuzz_fail("answers written as JSON read back differently",
							  m.text, m.len);
			} else if (rc != SA_ERR_NOMEM) {
				fuzz_fail("answers written as JSON do not read back", m.text, m.len);
			}
			sa_answers_release(&back);
		}
		sa_diags_release(&d);
	} else if (rc != SA_ERR_NOMEM) {
		fuzz_fail("sa_answers_write_json failed on a memory stream", m.text, m.len);
	}
	free(m.text);
}

/*
 * Walk the interview engine from a: answer every question it asks with its default or its
 * first value, take one answer back, and render the answers it ends with.
 */
static inline void fuzz_interview(const sa_rules *r, const struct sa_answers *a)
{
	struct sa_interview_opts opts = { 1 };
	sa_interview *it = NULL;
	size_t steps = 0, nq = sa_rules_question_count(r);
	char msg[256];
	int q;

	if (sa_interview_new(r, a, &opts, &it) != SA_OK)
		return;
	/* every answer answers an unanswered question; the one taken back is asked again */
	while ((q = sa_interview_next(it)) >= 0) {
		size_t idx, est, slots[16];
		int32_t v;
		if (++steps > nq + 1)
			fuzz_fail("the interview asked more questions than there are", NULL, 0);
		sa_interview_progress(it, &idx, &est);
		(void)sa_interview_why(it, (size_t)q, slots, 16);
		if (sa_interview_parse(it, (size_t)q, "", &v, msg, sizeof(msg)) != SA_OK &&
		    sa_interview_parse(it, (size_t)q, "1", &v, msg, sizeof(msg)) != SA_OK &&
		    sa_interview_parse(it, (size_t)q, "no", &v, msg, sizeof(msg)) != SA_OK) {
			int32_t min, max;
			sa_question_range(r, (size_t)q, &min, &max);
			v = min;
		}
		if (sa_interview_answer(it, (size_t)q, v, msg, sizeof(msg)) != SA_OK)
			break;
		if (steps == 2)
			(void)sa_interview_back(it, NULL);
	}
	fuzz_evaluate_render(r, sa_interview_answers(it));
	sa_interview_free(it);
}

#endif
