/*
 * why.c - "why this is asked" in one short sentence: what a newcomer needs is which reports and
 * categories still hang on the answer; advice items and next steps are only counted (the
 * result explains them).
 */
#include "why.h"
#include "sa_interview.h"

#include <stdlib.h>

/* A short label of a decision slot (the library shortens longer ones to fit). */
#define WHY_LABEL_SIZE 160

/* Append the labels of the slots of kind to f, after the separator rules of a list. */
static size_t list_kind(FILE *f, const sa_rules *r, const size_t *slots, size_t n,
			enum sa_slot_kind kind, const char *prefix, size_t m)
{
	char one[WHY_LABEL_SIZE];
	size_t i;
	for (i = 0; i < n; i++) {
		if (sa_interview_slot_kind(r, slots[i]) != kind)
			continue;
		fprintf(f, "%s%s%s", m++ ? ", " : "", prefix,
			sa_interview_slot_label(r, slots[i], one, sizeof(one)));
	}
	return m;
}

void cli_why(const struct cli_voice *v, const sa_rules *r, const size_t *slots, size_t n)
{
	char *text = NULL;
	size_t len = 0, i, m, advice = 0, steps = 0;
	FILE *f;
	if (!n) {
		cli_voice_wrapf(v, 2, 4, "Why this is asked: you asked for every applicable question "
					 "(--all-questions); this one no longer changes the result.");
		return;
	}
	f = open_memstream(&text, &len);
	if (!f)
		return;
	fputs("Why this is asked: it can still decide ", f);
	m = list_kind(f, r, slots, n, SA_SLOT_REPORT, "whether to get ", 0);
	m = list_kind(f, r, slots, n, SA_SLOT_CATEGORY, "", m);
	m = list_kind(f, r, slots, n, SA_SLOT_TYPE, "the type of ", m);
	for (i = 0; i < n; i++) {
		if (sa_interview_slot_kind(r, slots[i]) == SA_SLOT_ADVICE)
			advice++;
		else if (sa_interview_slot_kind(r, slots[i]) == SA_SLOT_STEP)
			steps++;
	}
	if (advice)
		fprintf(f, "%s%zu advice item%s", m++ ? ", " : "", advice, advice == 1 ? "" : "s");
	if (steps)
		fprintf(f, "%s%zu next step%s", m++ ? " and " : "", steps, steps == 1 ? "" : "s");
	fputc('.', f);
	if (fclose(f) == 0)
		cli_voice_wrapf(v, 2, 4, "%s", text);
	free(text);
}
