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

/*
 * Append the labels of the slots of kind to f as one group ("whether to get SOC 1 or SOC 2"),
 * after the groups already written (m); returns m plus one when the group is not empty.
 */
static size_t list_kind(FILE *f, const sa_rules *r, const size_t *slots, size_t n,
			enum sa_slot_kind kind, const char *prefix, const char *last, size_t m)
{
	char one[WHY_LABEL_SIZE];
	size_t i, k = 0, total = 0;
	for (i = 0; i < n; i++)
		if (sa_interview_slot_kind(r, slots[i]) == kind)
			total++;
	for (i = 0; i < n; i++) {
		if (sa_interview_slot_kind(r, slots[i]) != kind)
			continue;
		fprintf(f, "%s%s", k == 0 ? (m ? "; " : "") : k + 1 == total ? last : ", ",
			k == 0 ? prefix : "");
		fputs(sa_interview_slot_label(r, slots[i], one, sizeof(one)), f);
		k++;
	}
	return m + (k > 0);
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
	m = list_kind(f, r, slots, n, SA_SLOT_REPORT, "whether to get ", " or ", 0);
	m = list_kind(f, r, slots, n, SA_SLOT_CATEGORY, "the categories ", " and ", m);
	m = list_kind(f, r, slots, n, SA_SLOT_TYPE, "the type of ", " and ", m);
	for (i = 0; i < n; i++) {
		if (sa_interview_slot_kind(r, slots[i]) == SA_SLOT_ADVICE)
			advice++;
		else if (sa_interview_slot_kind(r, slots[i]) == SA_SLOT_STEP)
			steps++;
	}
	if (advice)
		fprintf(f, "%s%zu advice item%s", m++ ? "; " : "", advice, advice == 1 ? "" : "s");
	if (steps)
		fprintf(f, "%s%zu next step%s", m++ ? (advice ? " and " : "; ") : "", steps,
			steps == 1 ? "" : "s");
	fputc('.', f);
	if (fclose(f) == 0 && text)
		cli_voice_wrapf(v, 2, 4, "%s", text);
	free(text);
}
