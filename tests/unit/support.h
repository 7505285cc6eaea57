/*
 * support.h - helpers shared by the unit tests: load rules from text or the built-in file,
 * answer questions from "id=value" strings, evaluate.
 */
#ifndef SA_TEST_SUPPORT_H
#define SA_TEST_SUPPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "socadvise.h"

static inline sa_rules *load_text(const char *text, struct sa_diags *d)
{
	sa_rules *r = NULL;
	sa_rules_load_buffer("t.yaml", text, strlen(text), NULL, &r, d);
	return r;
}

/* Load rules that must be valid; prints the diagnostics and fails otherwise. */
static inline sa_rules *load_ok(const char *text)
{
	struct sa_diags d;
	sa_rules *r;
	size_t i;
	sa_diags_init(&d);
	r = load_text(text, &d);
	for (i = 0; i < d.len; i++)
		print_error("%s:%u:%u: %s\n", d.items[i].file, d.items[i].line, d.items[i].col,
			    d.items[i].message);
	assert_non_null(r);
	sa_diags_release(&d);
	return r;
}

static inline sa_rules *load_default(void)
{
	struct sa_diags d;
	sa_rules *r = NULL;
	sa_diags_init(&d);
	assert_int_equal(sa_rules_load(NULL, NULL, &r, &d), SA_OK);
	sa_diags_release(&d);
	return r;
}

/* Answer "id=value" (must be valid). */
static inline void answer(const sa_rules *r, struct sa_answers *a, const char *spec)
{
	char id[128], m[512];
	const char *eq = strchr(spec, '=');
	int q;
	int32_t v;
	assert_non_null(eq);
	snprintf(id, sizeof(id), "%.*s", (int)(eq - spec), spec);
	q = sa_rules_question_find(r, id);
	if (q < 0)
		fail_msg("unknown question in test: %s", spec);
	if (sa_answer_parse(r, (size_t)q, eq + 1, &v, m, sizeof(m)) != SA_OK)
		fail_msg("bad test answer %s: %s", spec, m);
	assert_int_equal(sa_answers_set(a, r, (size_t)q, v, m, sizeof(m)), SA_OK);
}

/* Evaluate with answers given as a NULL-terminated list of "id=value". */
static inline void eval_answers(const sa_rules *r, struct sa_result *res, ...)
{
	struct sa_answers a;
	va_list ap;
	const char *s;
	sa_answers_init(&a, r);
	va_start(ap, res);
	while ((s = va_arg(ap, const char *)) != NULL)
		answer(r, &a, s);
	va_end(ap);
	sa_evaluate(r, &a, res);
	sa_answers_release(&a);
}

/* Index of an advice or step item by id, or -1. */
static inline int item_index(const sa_rules *r, enum sa_item_kind k, const char *id)
{
	size_t i;
	for (i = 0; i < sa_rules_item_count(r, k); i++)
		if (strcmp(sa_item_id(r, k, i), id) == 0)
			return (int)i;
	return -1;
}

static inline int slot_index(const sa_rules *r, const char *name)
{
	size_t s;
	char buf[160];
	for (s = 0; s < sa_slot_count(r); s++)
		if (strcmp(sa_slot_name(r, s, buf, sizeof(buf)), name) == 0)
			return (int)s;
	return -1;
}

#endif
