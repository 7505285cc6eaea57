/*
 * sa_summary.h - the compact result (--summary): a one-line JSON object of a few hundred bytes
 * for ticketing systems and bots, docs/schema/summary.schema.json.
 */
#ifndef SA_SUMMARY_H
#define SA_SUMMARY_H

#include "socadvise.h"

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Write res as one line of JSON: "id" first when id_json is not NULL (a JSON string with its
 * quotes, or a number, as sa_write_json_line takes it), then schema_version, complete, reports
 * (report, status, type, then, categories), advice (the recommended advice's ids),
 * open_questions (ids) and, when the rules have a timeline, plan (start, deadline, meets_deadline and the dates
 * each report is expected). Keys in that order, so the same result gives the same bytes.
 * Returns SA_OK, SA_ERR_INPUT (id_json is not a JSON string or number), SA_ERR_NOMEM (nothing
 * written) or SA_ERR_IO.
 */
int sa_write_summary(FILE *f, const sa_rules *r, const struct sa_result *res,
		     const char *id_json);

#ifdef __cplusplus
}
#endif

#endif
