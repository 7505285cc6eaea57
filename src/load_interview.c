/*
 * load_interview.c - the interview's part of a rules file: ask_first (the questions an interview
 * asks first) and checklists (several yes/no questions asked as one). Neither changes a result:
 * they only shape the interview. Runs in the loader's second pass, once the questions are known.
 *
 * Invariants: every question named exists; ask_first names a question once; a checklist has at
 * least two items, each a question in no other checklist with a one-line label, a yes/no question
 * or an enum question with its 'no' choice (ticked, the enum question is asked on its own);
 * checklist_of is the inverse of the items (-1 for a question in no checklist).
 */
#include "load.h"

#include <stdlib.h>
#include <string.h>

static const char *const checklist_keys[] = { "id", "prompt", "prompt_customer", "help",
					      "items", NULL };
static const char *const item_keys[] = { "question", "label", "no", NULL };

static void load_ask_first(struct loader *L, const ynode *root)
{
	sa_rules *r = L->r;
	const ynode *v = y_get(L, root, "ask_first");
	size_t i, j, n;
	if (!v)
		return;
	if (!y_is_seq(v)) {
		load_err(L, v, "wrong-type", "'ask_first' must be a list of question ids");
		return;
	}
	n = y_seq_len(v);
	r->ask_first = load_calloc(L, n ? n : 1, sizeof(*r->ask_first));
	if (!r->ask_first)
		return;
	for (i = 0; i < n; i++) {
		const ynode *e = y_seq_at(L, v, i);
		int q;
		if (!e || !y_is_scalar(e) || y_is_empty(e)) {
			load_err(L, e ? e : v, "wrong-type", "'ask_first' entries must be question ids");
			continue;
		}
		q = model_find_question(r, y_scalar(e));
		if (q < 0) {
			load_err(L, e, "undefined-reference",
				 "'ask_first' names unknown question '%s'", y_scalar(e));
			continue;
		}
		for (j = 0; j < r->nask_first && r->ask_first[j] != (size_t)q; j++)
			;
		if (j < r->nask_first) {
			load_err(L, e, "duplicate-id", "'ask_first' names question '%s' twice",
				 y_scalar(e));
			continue;
		}
		r->ask_first[r->nask_first++] = (size_t)q;
	}
}

/* An enum item's 'no': the choice its question takes when the item is not ticked; -1 if bad. */
static int32_t item_no(struct loader *L, int q, const ynode *e, const char *what)
{
	const struct question *qq = &L->r->questions[q];
	const ynode *nv = y_get(L, e, "no");
	size_t k;
	if (qq->type == SA_Q_BOOL) {
		if (nv)
			load_err(L, nv, "bad-value", "%s: 'no' is only for an enum question ('%s' is "
				 "yes/no)", what, qq->id);
		return nv ? -1 : 0;
	}
	if (qq->type != SA_Q_ENUM || !nv) {
		load_err(L, e, "bad-value", "%s: '%s' is not a yes/no question%s", what, qq->id,
			 qq->type == SA_Q_ENUM ? " (an enum item needs 'no': the choice when not "
						 "ticked)" : "");
		return -1;
	}
	for (k = 0; y_scalar(nv) && k < qq->nchoices; k++)
		if (strcmp(qq->choices[k], y_scalar(nv)) == 0)
			return (int32_t)k;
	load_err(L, nv, "bad-value", "%s: '%s' is not a choice of '%s'", what,
		 y_scalar(nv) ? y_scalar(nv) : y_kind(nv), qq->id);
	return -1;
}

/* One item of checklist c: { question: ID, label: TEXT, no: CHOICE (enum only) }. */
static void load_item(struct loader *L, struct checklist *c, size_t ci, const ynode *e,
		      const char *what)
{
	sa_rules *r = L->r;
	const ynode *qv;
	const char *qs;
	char *label;
	int32_t no = -1;
	int q;
	if (!y_check_mapping(L, e, item_keys, what))
		return;
	qv = y_get(L, e, "question");
	label = y_get_string(L, e, "label", 1, what);
	if (!qv) {
		load_err(L, e, "missing-key", "an item of %s has no 'question'", what);
		free(label);
		return;
	}
	qs = y_scalar(qv);
	q = qs ? model_find_question(r, qs) : -1;
	if (q < 0)
		load_err(L, qv, "undefined-reference", "%s names unknown question '%s'", what,
			 qs ? qs : y_kind(qv));
	else if ((no = item_no(L, q, e, what)) < 0)
		; /* reported */
	else if (r->checklist_of[q] >= 0)
		load_err(L, qv, "duplicate-id", "%s: question '%s' is already in checklist '%s'",
			 what, qs, r->checklists[r->checklist_of[q]].id ?
				 r->checklists[r->checklist_of[q]].id : "?");
	else if (label && strpbrk(label, "\r\n"))
		load_err(L, e, "bad-value", "%s: the label of '%s' must be one line", what, qs);
	if (q < 0 || no < 0 || r->checklist_of[q] >= 0 || !label || strpbrk(label, "\r\n")) {
		free(label);
		return;
	}
	r->checklist_of[q] = (int)ci;
	c->no_value[c->n] = no;
	c->questions[c->n] = (size_t)q;
	c->labels[c->n++] = label;
}

static void load_checklist(struct loader *L, size_t ci, const ynode *e)
{
	sa_rules *r = L->r;
	struct checklist *c = &r->checklists[ci];
	char what[LOAD_WHAT_SIZE];
	const ynode *items, *idv;
	size_t i, j, n;

	entry_name(L, e, "checklist", ci, what, sizeof(what));
	if (!y_check_mapping(L, e, checklist_keys, what))
		return;
	c->id = entry_id(L, e, "checklists", ci, 0, NULL);
	entry_pos(L, e, &c->line, &c->col);
	idv = y_get(L, e, "id");
	if (c->id && (model_find_question(r, c->id) >= 0 || model_find_fact(r, c->id) >= 0))
		load_err(L, idv, "duplicate-id", "checklist id '%s' is already a question or a fact",
			 c->id);
	for (j = 0; c->id && j < ci; j++)
		if (r->checklists[j].id && strcmp(r->checklists[j].id, c->id) == 0)
			load_err(L, idv, "duplicate-id", "duplicate checklist id '%s'", c->id);
	c->prompt = y_get_string(L, e, "prompt", 1, what);
	c->prompt_customer = y_get_string(L, e, "prompt_customer", 0, what);
	c->help = y_get_string(L, e, "help", 0, what);
	items = y_get(L, e, "items");
	if (!items) {
		load_err(L, e, "missing-key", "%s has no 'items'", what);
		return;
	}
	n = y_seq_len(items);
	if (!y_is_seq(items) || n < 2) {
		load_err(L, items, "wrong-type", "'items' of %s must be a list of at least two items",
			 what);
		return;
	}
	c->questions = load_calloc(L, n, sizeof(*c->questions));
	c->labels = load_calloc(L, n, sizeof(*c->labels));
	c->no_value = load_calloc(L, n, sizeof(*c->no_value));
	if (!c->questions || !c->labels || !c->no_value)
		return;
	for (i = 0; i < n; i++)
		load_item(L, c, ci, y_seq_at(L, items, i), what);
}

void load_interview(struct loader *L, const ynode *root)
{
	sa_rules *r = L->r;
	const ynode *v;
	size_t i, n;

	load_ask_first(L, root);
	r->checklist_of = load_calloc(L, r->nquestions ? r->nquestions : 1,
				      sizeof(*r->checklist_of));
	if (!r->checklist_of)
		return;
	for (i = 0; i < r->nquestions; i++)
		r->checklist_of[i] = -1;
	v = y_get(L, root, "checklists");
	if (!v)
		return;
	if (!y_is_seq(v)) {
		load_err(L, v, "wrong-type", "'checklists' must be a list");
		return;
	}
	n = y_seq_len(v);
	r->checklists = load_calloc(L, n ? n : 1, sizeof(*r->checklists));
	if (!r->checklists)
		return;
	r->nchecklists = n;
	for (i = 0; i < n; i++)
		load_checklist(L, i, y_seq_at(L, v, i));
}
