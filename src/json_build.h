/*
 * json_build.h - what the JSON writers share (json.c, json_result.c, summary.c, diff_out.c):
 * adding to a cJSON tree with one out-of-memory flag, the id of a batch line, and the result
 * document. Defined in json.c, except sa_json_result_doc and sa_json_plan_head (json_result.c).
 */
#ifndef SA_JSON_BUILD_H
#define SA_JSON_BUILD_H

#include "internal.h"

#include <stdio.h>

struct cJSON;
struct jw;

/* The "schema_version" of the result and question documents (docs/schema/). */
#define SA_JSON_SCHEMA_VERSION 1

/*
 * Add item under key to object o (key NULL: append to array o); returns item. When item or o is
 * NULL or adding fails, item is freed, *nomem set and NULL returned, so that a writer builds on
 * and drops the document at the end.
 */
struct cJSON *sa_json_put(int *nomem, struct cJSON *o, const char *key, struct cJSON *item);

/*
 * The id of a batch line from its JSON text: a string, or a number echoed as written. Returns
 * SA_OK with *out set (NULL when id_json is NULL), SA_ERR_INPUT when it is neither,
 * SA_ERR_NOMEM.
 */
int sa_json_parse_id(const char *id_json, struct cJSON **out);

/*
 * Write doc compact, on one line, and a newline; doc is deleted. nomem (an allocation failed
 * while building it) or a NULL doc writes nothing and returns SA_ERR_NOMEM; else SA_OK or
 * SA_ERR_IO.
 */
int sa_json_emit_line(FILE *f, struct cJSON *doc, int nomem);

/*
 * Put the id of a batch line (its JSON text, as sa_json_parse_id reads it) as the next value
 * of w. SA_OK, SA_ERR_INPUT (nothing put) or SA_ERR_NOMEM.
 */
int sa_json_put_id(struct jw *w, const char *id_json);

/*
 * Describe the result document (docs/json-output.md) to w, with id_json (may be NULL) as its
 * first key "id". SA_OK, or the error of a bad id before anything is put (json_result.c).
 */
int sa_json_result_doc(struct jw *w, const sa_rules *r, const struct sa_result *res,
		       const struct sa_output_opts *o, const char *id_json);

/*
 * Put a date under key as ISO 8601 text ("YYYY-MM-DD"); and the keys every plan object starts
 * with: "start", "deadline" (null without one) and "meets_deadline" (null when unknown), for
 * the result document and the --summary line (json_result.c).
 */
void sa_json_put_date(struct jw *w, const char *key, int32_t date);
void sa_json_plan_head(struct jw *w, const struct sa_plan *p);

#endif
