/*
 * fuzz_answers.c - fuzz target: an answers document (--answers FILE).
 *
 * The input is an answers document for the built-in rules. The reader chooses the syntax as it
 * does for a file: JSON when the first byte that is not blank is '{' or '[', YAML otherwise, so
 * the first byte of the input selects the parser. A document that reads is evaluated, rendered in
 * every format (checked), explained and used to start an interview.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const sa_rules *r = fuzz_default_rules();
	struct sa_answers a;
	struct sa_diags d;
	char id[64];
	int rc;

	if (sa_answers_init(&a, r) != SA_OK)
		return 0;
	sa_diags_init(&d);
	rc = sa_answers_read(r, "fuzz-answers", 0, (const char *)data, size, &a, id, sizeof(id), &d);
	if (rc == SA_OK) {
		if (d.errors)
			fuzz_fail("answers read with an error diagnostic", NULL, 0);
		if (memchr(id, '\0', sizeof(id)) == NULL)
			fuzz_fail("the id is not terminated", NULL, 0);
		fuzz_evaluate_render(r, &a);
		fuzz_interview(r, &a);
	} else {
		if (rc == SA_ERR_INPUT && d.errors == 0)
			fuzz_fail("an input error without an error diagnostic", NULL, 0);
		sa_diags_sort(&d);
		fuzz_diags_json("fuzz-answers", &d);
	}
	sa_diags_release(&d);
	sa_answers_release(&a);
	return 0;
}
