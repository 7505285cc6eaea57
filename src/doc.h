/*
 * doc.h - a walk over the output documents built by json.c, for the other structured formats.
 *
 * json.c builds each document (a result, the question vocabulary) once; a format that is not
 * JSON (yaml_out.c) receives it as a stream of events in document order and never sees the JSON
 * library. Scalars arrive as text: a string's value, a number in decimal, "true"/"false", "null".
 */
#ifndef SA_DOC_H
#define SA_DOC_H

#include "socadvise.h"

enum sa_doc_event {
	SA_DOC_MAP_START,
	SA_DOC_MAP_END,
	SA_DOC_SEQ_START,
	SA_DOC_SEQ_END,
	SA_DOC_KEY,
	SA_DOC_STRING,
	SA_DOC_NUMBER,
	SA_DOC_BOOL,
	SA_DOC_NULL
};

/* Called once per event; text is NULL for the start and end events. Returns SA_OK to go on. */
typedef int (*sa_doc_cb)(void *ctx, enum sa_doc_event ev, const char *text);

/* Walk the sa_write_json document of res. Returns SA_OK, SA_ERR_NOMEM or the callback's status. */
int sa_doc_walk_result(const sa_rules *r, const struct sa_result *res,
		       const struct sa_output_opts *o, sa_doc_cb cb, void *ctx);
/* Walk the sa_write_questions_json document. */
int sa_doc_walk_questions(const sa_rules *r, sa_doc_cb cb, void *ctx);

#endif
