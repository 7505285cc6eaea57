/*
 * output.c - unit tests of the JSON and text writers: the JSON contract (keys, order, values),
 * byte stability, reasons with answers and sources, and write errors reported.
 */
#include "support.h"

#include "sa_escape.h"

#include <cjson/cJSON.h>

struct fixture {
	sa_rules *r;
	struct sa_result res;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->r = load_default();
	sa_result_init(&f->res, f->r);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	sa_result_release(&f->res);
	sa_rules_free(f->r);
	free(f);
	return 0;
}

static char *render(struct fixture *f, int json, int explain)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	struct sa_output_opts o = { explain, 0, 0, NULL, 0, NULL };
	assert_non_null(mem);
	if (json)
		assert_int_equal(sa_write_json(mem, f->r, &f->res, &o), SA_OK);
	else
		assert_int_equal(sa_write_text(mem, f->r, &f->res, &o), SA_OK);
	fclose(mem);
	return buf;
}

static cJSON *find_rec(cJSON *doc, const char *report)
{
	cJSON *rec;
	cJSON_ArrayForEach(rec, cJSON_GetObjectItemCaseSensitive(doc, "recommendations"))
	{
		if (strcmp(cJSON_GetObjectItemCaseSensitive(rec, "report")->valuestring, report) == 0)
			return rec;
	}
	return NULL;
}

static int array_has(cJSON *arr, const char *s)
{
	cJSON *it;
	cJSON_ArrayForEach(it, arr)
	{
		if (cJSON_IsString(it) && strcmp(it->valuestring, s) == 0)
			return 1;
	}
	return 0;
}

static void test_json_contract(void **state)
{
	struct fixture *f = *state;
	char *text;
	cJSON *doc, *k, *soc1, *reason;
	static const char *const top[] = { "schema_version", "tool", "rules", "complete",
					   "answers", "defaults",
					   "recommendations", "advice", "next_steps",
					   "open_questions", "plan", "disclaimer" };
	size_t i = 0;

	/* an established payroll bureau: its next SOC 1 is an annual Type 2 */
	eval_answers(f->r, &f->res, "payroll=true", "auditor_reliance=true", "first_report=false",
		     NULL);
	text = render(f, 1, 0);
	doc = cJSON_Parse(text);
	assert_non_null(doc);
	/* top-level keys in the documented order */
	for (k = doc->child; k; k = k->next, i++) {
		assert_true(i < sizeof(top) / sizeof(top[0]));
		assert_string_equal(k->string, top[i]);
	}
	assert_int_equal(i, sizeof(top) / sizeof(top[0]));
	assert_int_equal(cJSON_GetObjectItemCaseSensitive(doc, "schema_version")->valueint, 1);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(doc, "disclaimer")->valuestring,
			    SA_DEFAULT_DISCLAIMER);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(doc, "answers"), "payroll")));
	assert_true(array_has(cJSON_GetObjectItemCaseSensitive(doc, "defaults"), "role"));

	soc1 = find_rec(doc, "soc1");
	assert_non_null(soc1);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(soc1, "status")->valuestring,
			    "recommended");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(soc1, "type")->valuestring, "type2");
	reason = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(soc1, "reasons"), 0);
	assert_non_null(reason);
	assert_true(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(reason, "rule")));
	assert_true(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(reason, "because")));
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(reason, "answers"), "payroll")));
	assert_true(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(reason, "sources")) >= 1);
	/* soc2 is possible here, and an open question names it */
	assert_string_equal(
		cJSON_GetObjectItemCaseSensitive(find_rec(doc, "soc2"), "status")->valuestring,
		"possible");
	{
		cJSON *oq;
		int found = 0;
		cJSON_ArrayForEach(oq, cJSON_GetObjectItemCaseSensitive(doc, "open_questions"))
		{
			if (strcmp(cJSON_GetObjectItemCaseSensitive(oq, "id")->valuestring,
				   "customer_data") == 0)
				found = array_has(cJSON_GetObjectItemCaseSensitive(oq, "decides"),
						  "soc2");
		}
		assert_true(found);
	}
	cJSON_Delete(doc);
	free(text);
}

static void test_json_soc2_criteria(void **state)
{
	struct fixture *f = *state;
	char *text;
	cJSON *doc, *soc2, *ids, *basis;
	eval_answers(f->r, &f->res, "hosting=true", "customer_data=true", "uptime_commitments=true",
		     "processing_reliance=true", NULL);
	text = render(f, 1, 0);
	doc = cJSON_Parse(text);
	soc2 = find_rec(doc, "soc2");
	assert_non_null(soc2);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(soc2, "status")->valuestring,
			    "recommended");
	assert_true(array_has(cJSON_GetObjectItemCaseSensitive(soc2, "criteria"), "security"));
	assert_true(array_has(cJSON_GetObjectItemCaseSensitive(soc2, "criteria"), "availability"));
	ids = cJSON_GetObjectItemCaseSensitive(soc2, "criteria_ids");
	/* security (33 common criteria) + availability (3) + processing integrity (5) */
	assert_int_equal(cJSON_GetArraySize(ids), 41);
	assert_true(array_has(ids, "CC1.1"));
	assert_true(array_has(ids, "A1.3"));
	assert_true(array_has(ids, "PI1.5"));
	assert_false(array_has(ids, "C1.1"));
	/* the basis of each definite category but security: availability is a commitment,
	 * processing integrity only worth considering */
	basis = cJSON_GetObjectItemCaseSensitive(soc2, "criteria_basis");
	assert_int_equal(cJSON_GetArraySize(basis), 2);
	assert_null(cJSON_GetObjectItemCaseSensitive(basis, "security"));
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(basis, "availability")->valuestring,
			    "required");
	assert_string_equal(
		cJSON_GetObjectItemCaseSensitive(basis, "processing_integrity")->valuestring,
		"consider");
	cJSON_Delete(doc);
	free(text);
}

static void test_json_byte_stable(void **state)
{
	struct fixture *f = *state;
	char *a, *b;
	eval_answers(f->r, &f->res, "billing=true", "hosting=true", NULL);
	a = render(f, 1, 1);
	eval_answers(f->r, &f->res, "hosting=true", NULL);
	eval_answers(f->r, &f->res, "billing=true", "hosting=true", NULL);
	b = render(f, 1, 1);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

static void test_json_explain(void **state)
{
	struct fixture *f = *state;
	char *text;
	cJSON *doc, *nr, *it;
	int soc3 = 0;
	eval_answers(f->r, &f->res, "hosting=true", "customer_data=true", "public_report=false", NULL);
	text = render(f, 1, 0);
	doc = cJSON_Parse(text);
	assert_null(cJSON_GetObjectItemCaseSensitive(doc, "not_recommended"));
	cJSON_Delete(doc);
	free(text);
	text = render(f, 1, 1);
	doc = cJSON_Parse(text);
	nr = cJSON_GetObjectItemCaseSensitive(doc, "not_recommended");
	assert_non_null(nr);
	cJSON_ArrayForEach(it, nr)
	{
		if (strcmp(cJSON_GetObjectItemCaseSensitive(it, "report")->valuestring, "soc3") == 0) {
			cJSON *r0 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(it, "reasons"), 0);
			soc3 = 1;
			assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(r0, "holds")));
			assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(
				cJSON_GetObjectItemCaseSensitive(r0, "answers"), "public_report")));
		}
	}
	assert_true(soc3);
	cJSON_Delete(doc);
	free(text);
}

/* The document written with o to a string (SA_OK asserted). */
static char *write_with(struct fixture *f, const struct sa_output_opts *o, const char *id)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	assert_non_null(mem);
	if (id)
		assert_int_equal(sa_write_json_line(mem, f->r, &f->res, o, id), SA_OK);
	else
		assert_int_equal(sa_write_json(mem, f->r, &f->res, o), SA_OK);
	fclose(mem);
	return buf;
}

/*
 * The compact line is streamed, the indented document built as a tree: the line must be the
 * indented document compacted, byte for byte (cJSON prints the tree parsed back, and the visible
 * escapes are applied as the writers apply them), over random profiles, every explain level, a
 * meta mapping whose keys and values need escapes, and ids of both kinds.
 */
static void test_json_compact_is_tree(void **state)
{
	struct fixture *f = *state;
	static const char *const ids[] = { NULL, "7", "-12", "\"a\\u00e9\\\"b\"", "1.5e3" };
	struct sa_meta meta;
	struct sa_answers a;
	unsigned seed = 99, iter;
	char m[256];
	size_t q;

	sa_meta_init(&meta);
	assert_int_equal(sa_meta_add(&meta, "owner", "caf\xc3\xa9 \"q\" \x1b[2J \xc2\x9b \x7f"),
			 SA_OK);
	assert_int_equal(sa_meta_add(&meta, "tab\tkey\\", "line\nbreak"), SA_OK);
	assert_int_equal(sa_answers_init(&a, f->r), SA_OK);
	for (iter = 0; iter < 60; iter++) {
		struct sa_output_opts o = { (int)(iter % 3), 0, 1, iter % 2 ? &meta : NULL, 0, NULL };
		const char *id = ids[iter % 5];
		char *line, *pretty, *printed, *again = NULL;
		size_t len = 0;
		FILE *mem;
		cJSON *doc;

		sa_answers_clear(&a);
		for (q = 0; q < sa_rules_question_count(f->r); q++) {
			int32_t mn, mx, v;
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 4 == 0)
				continue; /* left open */
			switch (sa_question_type(f->r, q)) {
			case SA_Q_BOOL:
				v = (int32_t)((seed >> 8) % 2);
				break;
			case SA_Q_ENUM:
				v = (int32_t)((seed >> 8) % sa_question_choice_count(f->r, q));
				break;
			default:
				sa_question_range(f->r, q, &mn, &mx);
				v = mn + (int32_t)((seed >> 8) % (uint32_t)(mx - mn + 1));
				break;
			}
			sa_answers_set(&a, f->r, q, v, m, sizeof(m));
		}
		sa_evaluate(f->r, &a, &f->res);
		line = write_with(f, &o, id);
		o.compact = 0;
		pretty = write_with(f, &o, NULL);
		doc = cJSON_Parse(pretty);
		assert_non_null(doc);
		if (id) {
			cJSON *idv = cJSON_Parse(id);
			assert_non_null(idv);
			if (cJSON_IsNumber(idv)) {
				cJSON_Delete(idv);
				idv = cJSON_CreateRaw(id);
			}
			assert_true(cJSON_InsertItemInArray(doc, 0, idv));
			doc->child->string = strdup("id");
		}
		printed = cJSON_PrintUnformatted(doc);
		mem = open_memstream(&again, &len);
		assert_non_null(mem);
		assert_int_equal(sa_escape_json_puts(mem, printed), 0);
		fputc('\n', mem);
		fclose(mem);
		if (strcmp(line, again) != 0)
			fail_msg("iteration %u: the compact line differs from the tree:\n%s\n%s", iter,
				 line, again);
		cJSON_free(printed);
		cJSON_Delete(doc);
		free(line);
		free(pretty);
		free(again);
	}
	sa_answers_release(&a);
	sa_meta_release(&meta);
}

static void test_text(void **state)
{
	struct fixture *f = *state;
	char *text;
	eval_answers(f->r, &f->res, "payroll=true", "auditor_reliance=true", "first_report=false",
		     "products=false", NULL);
	text = render(f, 0, 1);
	assert_non_null(strstr(text, "Recommended\n  SOC 1 Type 2"));
	assert_non_null(strstr(text, "(--role=provider (default), --service-org (default), --payroll)"));
	assert_non_null(strstr(text, "Open questions"));
	assert_non_null(strstr(text, "--customer-data"));
	assert_non_null(strstr(text, "Not recommended, and why\n  SOC for Supply Chain\n"));
	assert_non_null(strstr(text, "(--no-products)"));
	assert_non_null(strstr(text, "\nSources\n  "));
	/* a document cited at several places: its title and address once, then each place */
	assert_non_null(strstr(text, "\n      [1] p.20 (SOC 1 versus SOC 2)\n"));
	/* plain words: the rules by name, what an open question decides by title */
	assert_true(strncmp(text, "Rules: ", 7) == 0);
	assert_null(strstr(text, "decides: soc"));
	assert_null(strstr(text, "soc2:"));
	assert_null(strstr(text, "advice:bridge_letter"));
	/* the last block: the reports, the first actions, how to take up the open questions */
	assert_non_null(strstr(text, "\nIn short\n  Get: SOC 1 Type 2\n"));
	assert_non_null(strstr(text, "    1. Choose a licensed CPA firm\n"));
	assert_non_null(strstr(text, "still open. To answer them: socadvise -i (with the answers"));
	assert_null(strstr(text, "\033[")); /* no colour unless asked */
	free(text);
}

static void test_write_error(void **state)
{
	struct fixture *f = *state;
	FILE *full = fopen("/dev/full", "w");
	struct sa_output_opts o = { 0, 0, 0, NULL, 0, NULL };
	if (!full)
		skip();
	setvbuf(full, NULL, _IONBF, 0);
	eval_answers(f->r, &f->res, "payroll=true", NULL);
	assert_int_equal(sa_write_json(full, f->r, &f->res, &o), SA_ERR_IO);
	clearerr(full);
	assert_int_equal(sa_write_text(full, f->r, &f->res, &o), SA_ERR_IO);
	fclose(full);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_json_contract, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_soc2_criteria, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_byte_stable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_explain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_compact_is_tree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_error, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
