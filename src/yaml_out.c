/*
 * yaml_out.c - the YAML output formats, written through libyaml's emitter (no hand-made YAML).
 *
 * The documents are the ones json.c builds (doc.h walks them), so a YAML-to-JSON conversion of
 * this output equals the JSON output. Types survive the trip: a string that a YAML resolver
 * would read as something else ("true", "no", "1.0", "null", "") is emitted quoted, while
 * numbers, booleans and null are emitted plain.
 *
 * The only output file that includes <yaml.h>; libyaml's 1/0 convention stays inside this file.
 */
#include "doc.h"
#include "internal.h"

#include <yaml.h>

#include <string.h>

/* Nonzero when s, written plain, would not be read back as the string s. */
static int needs_quotes(const char *s)
{
	static const char *const words[] = { "y",    "Y",     "yes",   "Yes",   "YES",  "n",
					     "N",    "no",    "No",    "NO",    "true", "True",
					     "TRUE", "false", "False", "FALSE", "on",   "On",
					     "ON",   "off",   "Off",   "OFF",   "null", "Null",
					     "NULL", "~",     "=",     "<<",    NULL };
	size_t i;
	if (!*s)
		return 1;
	if (strchr("0123456789+-.", s[0]))
		return 1;
	for (i = 0; words[i]; i++)
		if (strcmp(s, words[i]) == 0)
			return 1;
	return 0;
}

/*
 * Emit an event that ok says was initialized. Initializing fails only when libyaml cannot copy
 * a value (every text is valid UTF-8: it comes from a YAML file libyaml read, or from us); the
 * emitter fails on memory or on writing.
 */
static int emit(yaml_emitter_t *em, yaml_event_t *ev, int ok)
{
	if (!ok)
		return SA_ERR_NOMEM;
	if (yaml_emitter_emit(em, ev))
		return SA_OK;
	return em->error == YAML_MEMORY_ERROR ? SA_ERR_NOMEM : SA_ERR_IO;
}

static int scalar(yaml_emitter_t *em, const char *text, int is_string)
{
	yaml_event_t ev;
	int quote = is_string && needs_quotes(text);
	int ok = yaml_scalar_event_initialize(
		&ev, NULL, NULL, (yaml_char_t *)(uintptr_t)text, (int)strlen(text),
		!quote, is_string, quote ? YAML_DOUBLE_QUOTED_SCALAR_STYLE :
				  is_string ? YAML_ANY_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE);
	return emit(em, &ev, ok);
}

static int on_event(void *ctx, enum sa_doc_event e, const char *text)
{
	yaml_emitter_t *em = ctx;
	yaml_event_t ev;
	switch (e) {
	case SA_DOC_MAP_START:
		return emit(em, &ev,
			    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
								YAML_BLOCK_MAPPING_STYLE));
	case SA_DOC_MAP_END:
		return emit(em, &ev, yaml_mapping_end_event_initialize(&ev));
	case SA_DOC_SEQ_START:
		return emit(em, &ev,
			    yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
								 YAML_BLOCK_SEQUENCE_STYLE));
	case SA_DOC_SEQ_END:
		return emit(em, &ev, yaml_sequence_end_event_initialize(&ev));
	case SA_DOC_KEY:
	case SA_DOC_STRING:
		return scalar(em, text, 1);
	default:
		return scalar(em, text, 0);
	}
}

/* Emit one document through walk_result (res != NULL) or walk_questions. */
static int write_doc(FILE *f, const sa_rules *r, const struct sa_result *res,
		     const struct sa_output_opts *o)
{
	yaml_emitter_t em;
	yaml_event_t ev;
	int rc;

	if (!yaml_emitter_initialize(&em))
		return SA_ERR_NOMEM;
	yaml_emitter_set_output_file(&em, f);
	yaml_emitter_set_unicode(&em, 1);
	yaml_emitter_set_indent(&em, 2);
	yaml_emitter_set_width(&em, 100);
	rc = emit(&em, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	if (rc == SA_OK)
		rc = emit(&em, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 0));
	if (rc == SA_OK)
		rc = res ? sa_doc_walk_result(r, res, o, on_event, &em) :
			   sa_doc_walk_questions(r, on_event, &em);
	if (rc == SA_OK)
		rc = emit(&em, &ev, yaml_document_end_event_initialize(&ev, 1));
	if (rc == SA_OK)
		rc = emit(&em, &ev, yaml_stream_end_event_initialize(&ev));
	if (rc == SA_OK && !yaml_emitter_flush(&em))
		rc = SA_ERR_IO;
	yaml_emitter_delete(&em);
	if (rc == SA_OK && ferror(f))
		rc = SA_ERR_IO;
	return rc;
}

int sa_write_yaml(FILE *f, const sa_rules *r, const struct sa_result *res,
		  const struct sa_output_opts *o)
{
	return write_doc(f, r, res, o);
}

int sa_write_questions_yaml(FILE *f, const sa_rules *r)
{
	return write_doc(f, r, NULL, NULL);
}
