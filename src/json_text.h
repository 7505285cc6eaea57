/*
 * json_text.h - the strings of the rules as JSON text, escaped once when the rules load, so that
 * the JSON writers copy them instead of escaping them again for every document.
 *
 * Each text is the JSON string, quotes included, exactly as the writers would print the string
 * (sa_escape_json_string: cJSON's escapes and the visible escapes of DEL, C1 and the other
 * invisible characters); a NULL string is "null". The table is derived from the model alone:
 * json_text_build may be run on any complete model (a loaded one, or one built another way) and
 * nothing else of the model refers to it.
 */
#ifndef SA_JSON_TEXT_H
#define SA_JSON_TEXT_H

#include "internal.h"

/* One text: len bytes at pool + off. */
struct sa_jtext {
	uint32_t off, len;
};

/* Fields of each entry, in the order of the per-entry arrays below. */
enum { JQ_ID, JQ_PROMPT, JQ_PROMPT_CUSTOMER, JQ_FIELDS };
enum { JI_ID, JI_TITLE, JI_TEXT, JI_FIELDS };
enum { JR_ID, JR_BECAUSE, JR_BECAUSE_CUSTOMER, JR_WHY_NOT, JR_TIMING, JR_THEN_NOTE, JR_FIELDS };
enum { JS_ID, JS_TITLE, JS_URL, JS_LOCATOR, JS_FIELDS };

struct sa_json_text {
	char *pool;
	size_t len;
	struct sa_jtext name, version, disclaimer;
	struct sa_jtext *question;    /* nquestions * JQ_FIELDS */
	struct sa_jtext *choice;      /* every question's choices, in order */
	size_t *choice_start;         /* per question: its first in choice */
	struct sa_jtext *item[2];     /* nitems[k] * JI_FIELDS */
	struct sa_jtext *criterion[2]; /* every item's criterion ids, in order */
	size_t *criterion_start[2];   /* per item: its first in criterion[k] */
	struct sa_jtext *rule;        /* nrules * JR_FIELDS */
	struct sa_jtext *source;      /* nsources * JS_FIELDS */
};

/* Build r->json from the model (replacing any). SA_OK or SA_ERR_NOMEM (r->json left NULL). */
int json_text_build(sa_rules *r);
/* Free a table (NULL is fine). */
void json_text_free(struct sa_json_text *t);

/* The text of jt in r's table. */
static inline const char *json_text_at(const sa_rules *r, struct sa_jtext jt)
{
	return r->json->pool + jt.off;
}

#endif
