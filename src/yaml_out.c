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

struct yout {
	yaml_emitter_t em;
	int failed;
};

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

static int emit(struct yout *y, yaml_event_t *ev, int ok)
{
	if (!ok || !yaml_emitter_emit(&y->em, ev)) {
		y->failed = 1;
		return SA_ERR_IO;
	}
	return SA_OK;
}

static int scalar(struct yout *y, const char *text, int is_string)
{
	yaml_event_t ev;
	int quote = is_string && needs_quotes(text);
	int ok = yaml_scalar_event_initialize(
		&ev, NULL, NULL, (yaml_char_t *)(uintptr_t)text, (int)strlen(text),
		!quote, is_string, quote ? YAML_DOUBLE_QUOTED_SCALAR_STYLE :
				  is_string ? YAML_ANY_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE);
	return emit(y, &ev, ok);
}

static int on_event(void *ctx, enum sa_doc_event e, const char *text)
{
	struct yout *y = ctx;
	yaml_event_t ev;
	switch (e) {
	case SA_DOC_MAP_START:
		return emit(y, &ev,
			    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
								YAML_BLOCK_MAPPING_STYLE));
	case SA_DOC_MAP_END:
		return emit(y, &ev, yaml_mapping_end_event_initialize(&ev));
	case SA_DOC_SEQ_START:
		return emit(y, &ev,
			    yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
								 YAML_BLOCK_SEQUENCE_STYLE));
	case SA_DOC_SEQ_END:
		return emit(y, &ev, yaml_sequence_end_event_initialize(&ev));
	case SA_DOC_KEY:
	case SA_DOC_STRING:
		return scalar(y, text, 1);
	default:
		return scalar(y, text, 0);
	}
}

/* Emit one document through walk_result (res != NULL) or walk_questions. */
static int write_doc(FILE *f, const sa_rules *r, const struct sa_result *res,
		     const struct sa_output_opts *o)
{
	struct yout y;
	yaml_event_t ev;
	int rc;

	memset(&y, 0, sizeof(y));
	if (!yaml_emitter_initialize(&y.em))
		return SA_ERR_NOMEM;
	yaml_emitter_set_output_file(&y.em, f);
	yaml_emitter_set_unicode(&y.em, 1);
	yaml_emitter_set_indent(&y.em, 2);
	yaml_emitter_set_width(&y.em, 100);
	rc = emit(&y, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	if (rc == SA_OK)
		rc = emit(&y, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 0));
	if (rc == SA_OK)
		rc = res ? sa_doc_walk_result(r, res, o, on_event, &y) :
			   sa_doc_walk_questions(r, on_event, &y);
	if (rc == SA_OK)
		rc = emit(&y, &ev, yaml_document_end_event_initialize(&ev, 1));
	if (rc == SA_OK)
		rc = emit(&y, &ev, yaml_stream_end_event_initialize(&ev));
	if (rc == SA_OK && !yaml_emitter_flush(&y.em))
		rc = SA_ERR_IO;
	yaml_emitter_delete(&y.em);
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
