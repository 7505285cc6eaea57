/*
 * complete.c - when is a result complete: the definition behind --require-complete.
 *
 * A result is complete when every outcome is decided: no report is possible, and for every report
 * that is recommended no category is possible and its type is decided; no advice item and no
 * next step is possible; and no question is open. An unanswered question whose answer can no
 * longer change anything does not make a result incomplete. Stated also in docs/socadvise.1.
 */
#include "internal.h"

int sa_result_is_complete(const sa_rules *r, const struct sa_result *res)
{
	size_t i, q;
	int rep, c, k;

	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		const struct sa_report_result *rr = &res->report[rep];
		if (rr->status == SA_ABSENT)
			continue;
		if (rr->status == SA_POSSIBLE || rr->type_open)
			return 0;
		for (c = 0; c < SA_CAT_COUNT; c++)
			if (rr->criteria[c] == SA_POSSIBLE)
				return 0;
	}
	for (k = 0; k < 2; k++)
		for (i = 0; i < r->nitems[k]; i++)
			if (res->items[k][i].status == SA_POSSIBLE)
				return 0;
	for (q = 0; q < r->nquestions; q++)
		if (res->open[q])
			return 0;
	return 1;
}
