/*
 * load_tables.c - the rules loader's tables: sources, questions, facts (with their dependency
 * order), advice and steps, and the helpers every table's entries share (names, ids, positions,
 * source references).
 *
 * Every entry of a table gets the slot at its position in the file's list, so that the later
 * passes find an entry's YAML node at the same index. An entry that is not a mapping, or whose
 * id is invalid, keeps a NULL id: it has been reported, and the later passes skip it.
 */
#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *load_calloc(struct loader *L, size_t n, size_t size)
{
	void *p = sa_calloc(n, size);
	if (!p)
		L->nomem = 1;
	return p;
}

char *load_strdup(struct loader *L, const char *s)
{
	size_t len;
	char *p;
	if (!s)
		return NULL;
	len = strlen(s) + 1;
	p = load_calloc(L, len, 1);
	if (p)
		memcpy(p, s, len);
	return p;
}

void *load_grow(struct loader *L, void *p, size_t *cap, size_t need, size_t size)
{
	size_t ncap;
	void *q;
	if (need <= *cap)
		return p;
	ncap = *cap ? *cap * 2 : 16;
	while (ncap < need)
		ncap *= 2;
	q = load_calloc(L, ncap, size);
	if (!q)
		return NULL;
	if (p)
		memcpy(q, p, *cap * size);
	free(p);
	*cap = ncap;
	return q;
}

void hint_ref(char *buf, size_t size, const char *best)
{
	if (best)
		snprintf(buf, size, " (did you mean '%s'?)", best);
	else
		buf[0] = '\0';
}

static int valid_id(const char *s, int loose)
{
	const char *p;
	if (!s || !(*s >= 'a' && *s <= 'z'))
		return 0;
	for (p = s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')
			continue;
		if (loose && (*p == '-' || *p == '.'))
			continue;
		return 0;
	}
	return (size_t)(p - s) <= SA_ID_MAX;
}

static const char *const source_keys[] = { "id", "title", "url", "locator", NULL };
static const char *const question_keys[] = { "id", "type", "prompt", "help", "default",
					     "choices", "min", "max", "applies_if", "exclusive",
					     "prompt_customer", "help_customer", NULL };
static const char *const fact_keys[] = { "id", "description", "when", NULL };
static const char *const item_keys[] = { "id", "title", "text", "order", "criteria_ids", NULL };

/* "rule 'x'" when the entry has a scalar id, else "rule N": for messages about the entry. */
void entry_name(struct loader *L, const ynode *e, const char *kind, size_t index,
		       char *buf, size_t size)
{
	const char *id = y_scalar(y_get(L, e, "id"));
	if (id && *id)
		snprintf(buf, size, "%s '%s'", kind, id);
	else
		snprintf(buf, size, "%s %zu", kind, index + 1);
}

/* The position of an entry for --check: its id when it has one, else the entry itself. */
void entry_pos(struct loader *L, const ynode *e, unsigned *line, unsigned *col)
{
	const ynode *v = y_get(L, e, "id");
	struct sa_pos p = y_pos(v ? v : e);
	*line = p.line;
	*col = p.col;
}

/* Read the id of an entry; report a missing, malformed or duplicate id. */
char *entry_id(struct loader *L, const ynode *e, const char *table, size_t index,
		      int loose, const char *(*dup)(struct loader *, const char *))
{
	ynode *v = y_get(L, e, "id");
	const char *s = y_scalar(v), *already;
	if (!v) {
		load_err(L, e, "missing-key", "entry %zu of '%s' has no 'id'", index + 1, table);
		return NULL;
	}
	if (!s || !valid_id(s, loose)) {
		load_err(L, v, "bad-id", "'%s' is not a valid id in '%s' (%s)",
		         s ? s : y_kind(v), table,
		         loose ? "lower case letters, digits, '_', '-' and '.', starting with a letter" :
			    "lower case letters, digits and '_', starting with a letter");
		return NULL;
	}
	already = dup ? dup(L, s) : NULL;
	if (already) {
		load_err(L, v, "duplicate-id", "duplicate id '%s' in '%s' (already %s)", s, table,
		         already);
		return NULL;
	}
	model_id_added(L->r, table, index, s);
	return load_strdup(L, s);
}

static const char *dup_qf(struct loader *L, const char *id)
{
	if (model_find_question(L->r, id) >= 0)
		return "a question";
	if (model_find_fact(L->r, id) >= 0)
		return "a fact";
	return NULL;
}

static const char *dup_source(struct loader *L, const char *id)
{
	return model_find_source(L->r, id) >= 0 ? "a source" : NULL;
}

static const char *dup_advice(struct loader *L, const char *id)
{
	return model_find_item(L->r, SA_ITEM_ADVICE, id) >= 0 ? "an advice item" : NULL;
}

static const char *dup_step(struct loader *L, const char *id)
{
	return model_find_item(L->r, SA_ITEM_STEP, id) >= 0 ? "a step" : NULL;
}


void load_sources(struct loader *L, const ynode *list)
{
	sa_rules *r = L->r;
	size_t i, n = y_seq_len(list);
	r->sources = load_calloc(L, n, sizeof(*r->sources));
	if (!r->sources)
		return;
	r->nsources = n;
	for (i = 0; i < n; i++) {
		ynode *e = y_seq_at(L, list, i);
		struct source *s = &r->sources[i];
		char what[LOAD_WHAT_SIZE];
		entry_name(L, e, "source", i, what, sizeof(what));
		if (!y_check_mapping(L, e, source_keys, what))
			continue;
		s->id = entry_id(L, e, "sources", i, 1, dup_source);
		entry_pos(L, e, &s->line, &s->col);
		s->title = y_get_string(L, e, "title", 1, what);
		s->url = y_get_string(L, e, "url", 0, what);
		s->locator = y_get_string(L, e, "locator", 0, what);
	}
}

int load_reserved_clash(const char *const *reserved, const char *id, const char **which)
{
	const char *const *p;
	if (!reserved)
		return 0;
	for (p = reserved; *p; p++) {
		/* the option itself, or its "no-" form ('-' and '_' alike, as sa_id_equal); an id
		 * starts with a letter, so a first letter that differs settles it (this runs at
		 * every start with the built-in rules) */
		if (((*p)[0] == id[0] && sa_id_equal(*p, id)) ||
		    ((*p)[0] == 'n' && (*p)[1] == 'o' && ((*p)[2] == '-' || (*p)[2] == '_') &&
		     (*p)[3] == id[0] && sa_id_equal(*p + 3, id))) {
			*which = *p;
			return 1;
		}
	}
	return 0;
}

/* Pass 1 for questions: id, type, choices, range. Defaults and conditions come in pass 2. */
void load_questions(struct loader *L, const ynode *list)
{
	sa_rules *r = L->r;
	size_t i, n = y_seq_len(list);
	r->questions = load_calloc(L, n, sizeof(*r->questions));
	if (!r->questions)
		return;
	r->nquestions = n;
	for (i = 0; i < n; i++) {
		ynode *e = y_seq_at(L, list, i), *t, *ch, *mn, *mx;
		struct question *q = &r->questions[i];
		const char *ts, *which;
		char what[LOAD_WHAT_SIZE];
		q->applies_if = -1;
		entry_name(L, e, "question", i, what, sizeof(what));
		if (!y_check_mapping(L, e, question_keys, what))
			continue;
		q->id = entry_id(L, e, "questions", i, 0, dup_qf);
		entry_pos(L, e, &q->line, &q->col);
		if (q->id) {
			if (strncmp(q->id, "no_", 3) == 0) {
				load_err(L, y_get(L, e, "id"), "reserved-id",
				         "question id '%s' must not start with 'no_' (reserved for --no-ID)",
				         q->id);
			} else if (load_reserved_clash(L->opts ? L->opts->reserved : NULL, q->id, &which)) {
				load_err(L, y_get(L, e, "id"), "reserved-id",
				         "question id '%s' clashes with the built-in option '--%s'",
				         q->id, which);
			}
		}
		q->prompt = y_get_string(L, e, "prompt", 1, what);
		q->help = y_get_string(L, e, "help", 0, what);
		q->prompt_customer = y_get_string(L, e, "prompt_customer", 0, what);
		q->help_customer = y_get_string(L, e, "help_customer", 0, what);
		t = y_get(L, e, "type");
		ts = y_scalar(t);
		ch = y_get(L, e, "choices");
		mn = y_get(L, e, "min");
		mx = y_get(L, e, "max");
		if (!t) {
			load_err(L, e, "missing-key", "%s has no 'type'", what);
			ts = "";
			q->type = SA_Q_BOOL;
		} else if (ts && strcmp(ts, "bool") == 0) {
			q->type = SA_Q_BOOL;
		} else if (ts && strcmp(ts, "enum") == 0) {
			q->type = SA_Q_ENUM;
		} else if (ts && strcmp(ts, "int") == 0) {
			q->type = SA_Q_INT;
		} else {
			load_err(L, t, "bad-value", "type of %s must be bool, enum or int, not '%s'",
			         what, ts ? ts : y_kind(t));
			ts = "";
		}
		if (q->type != SA_Q_ENUM && ch)
			load_err(L, ch, "unexpected-key", "'choices' only applies to enum questions (%s)",
			         what);
		if (q->type != SA_Q_INT && (mn || mx))
			load_err(L, mn ? mn : mx, "unexpected-key",
			         "'min' and 'max' only apply to int questions (%s)", what);
		if (q->type == SA_Q_ENUM && *ts) {
			size_t k, nc = y_seq_len(ch);
			if (!y_is_seq(ch) || nc < 2 || nc > SA_CHOICES_MAX) {
				load_err(L, ch ? ch : e, "wrong-type",
				         "%s needs 'choices': a list of 2 to %d values", what,
				         SA_CHOICES_MAX);
			} else {
				q->choices = load_calloc(L, nc, sizeof(*q->choices));
				for (k = 0; q->choices && k < nc; k++) {
					ynode *c = y_seq_at(L, ch, k);
					const char *cs = y_scalar(c);
					size_t j;
					if (!cs || !valid_id(cs, 0)) {
						load_err(L, c, "bad-id",
						         "choice '%s' of %s must be lower case letters, digits and '_'",
						         cs ? cs : y_kind(c), what);
						continue;
					}
					for (j = 0; j < q->nchoices; j++)
						if (strcmp(q->choices[j], cs) == 0)
							break;
					if (j < q->nchoices) {
						load_err(L, c, "duplicate-id", "duplicate choice '%s' in %s",
						         cs, what);
						continue;
					}
					if ((q->choices[q->nchoices] = load_strdup(L, cs)))
						q->nchoices++;
				}
			}
		}
		if (q->type == SA_Q_INT && *ts) {
			if (!mn || !mx) {
				load_err(L, e, "missing-key", "%s needs 'min' and 'max'", what);
			} else if (!y_int(mn, &q->min)) {
				load_err(L, mn, "wrong-type", "'min' of %s must be an integer", what);
			} else if (!y_int(mx, &q->max)) {
				load_err(L, mx, "wrong-type", "'max' of %s must be an integer", what);
			} else if (q->min > q->max) {
				load_err(L, mn, "bad-value", "'min' of %s is greater than its 'max'", what);
			}
		}
	}
}

void load_question_defaults(struct loader *L, const ynode *list)
{
	sa_rules *r = L->r;
	size_t i;
	for (i = 0; i < r->nquestions; i++) {
		ynode *e = y_seq_at(L, list, i), *def, *ai;
		struct question *q = &r->questions[i];
		if (!q->id)
			continue;
		def = y_get(L, e, "default");
		if (def) {
			int b;
			switch (q->type) {
			case SA_Q_BOOL:
				b = y_bool(def);
				if (b < 0)
					load_err(L, def, "wrong-type",
					         "default of question '%s' must be true or false", q->id);
				else {
					q->has_default = 1;
					q->def = b;
				}
				break;
			case SA_Q_ENUM:
				if (q->nchoices) {
					b = enum_value(L, (int)i, def);
					if (b >= 0) {
						q->has_default = 1;
						q->def = b;
					}
				}
				break;
			case SA_Q_INT:
				if (q->min <= q->max && int_value(L, (int)i, def, &q->def))
					q->has_default = 1;
				break;
			}
		}
		ai = y_get(L, e, "applies_if");
		if (ai)
			q->applies_if = compile_cond(L, ai, 0);
	}
}

void load_facts(struct loader *L, const ynode *list)
{
	sa_rules *r = L->r;
	size_t i, n = y_seq_len(list);
	r->facts = load_calloc(L, n, sizeof(*r->facts));
	if (!r->facts)
		return;
	r->nfacts = n;
	for (i = 0; i < n; i++) {
		ynode *e = y_seq_at(L, list, i);
		struct fact *f = &r->facts[i];
		char what[LOAD_WHAT_SIZE];
		f->when = -1;
		entry_name(L, e, "fact", i, what, sizeof(what));
		if (!y_check_mapping(L, e, fact_keys, what))
			continue;
		f->id = entry_id(L, e, "facts", i, 0, dup_qf);
		entry_pos(L, e, &f->line, &f->col);
		f->description = y_get_string(L, e, "description", 0, what);
		if (!y_get(L, e, "when"))
			load_err(L, e, "missing-key", "%s has no 'when'", what);
	}
}

void compile_facts(struct loader *L, const ynode *list)
{
	sa_rules *r = L->r;
	size_t i;
	for (i = 0; i < r->nfacts; i++) {
		ynode *w = y_get(L, y_seq_at(L, list, i), "when");
		L->current_fact = (int)i;
		if (w && r->facts[i].id)
			r->facts[i].when = compile_cond(L, w, 0);
	}
	L->current_fact = -1;
}

/* Report the cycle on the stack from fact b up to its top, which uses b again; names it whole. */
static void report_cycle(struct loader *L, const ynode *list, const size_t *stack, size_t top,
			 size_t b)
{
	const sa_rules *r = L->r;
	size_t s0 = 0, k, len = 1;
	char *path;
	while (stack[s0] != b)
		s0++;
	for (k = s0; k < top; k++)
		len += strlen(r->facts[stack[k]].id) + 4;
	len += strlen(r->facts[b].id);
	path = load_calloc(L, len, 1);
	if (!path)
		return;
	for (k = s0; k < top; k++) {
		strcat(path, r->facts[stack[k]].id);
		strcat(path, " -> ");
	}
	strcat(path, r->facts[b].id);
	load_err(L, y_get(L, y_seq_at(L, list, b), "when"), "cycle", "cycle among derived facts: %s",
		 path);
	free(path);
}

/* Order facts by dependency (depth-first); report each cycle once, at its first fact. */
void stratify_facts(struct loader *L, const ynode *list)
{
	sa_rules *r = L->r;
	size_t n = r->nfacts, i, top = 0, nout = 0;
	unsigned char *state = load_calloc(L, n, 1); /* 0 new, 1 on stack, 2 done */
	size_t *stack = load_calloc(L, n, sizeof(*stack));
	size_t *next = load_calloc(L, n, sizeof(*next));
	/* the edges by the fact that uses: fact a's are edge[first[a] .. first[a + 1]) */
	size_t *first = load_calloc(L, n + 1, sizeof(*first));
	size_t *edge = load_calloc(L, L->ndeps, sizeof(*edge));
	size_t *by_to = load_calloc(L, L->ndeps, sizeof(*by_to));
	r->fact_order = load_calloc(L, n, sizeof(*r->fact_order));
	if (L->nomem) {
		free(state);
		free(stack);
		free(next);
		free(first);
		free(edge);
		free(by_to);
		return;
	}
	/* two stable counting sorts, by the fact used, then by the fact using: each fact's edges in
	   the order of the facts they use, as the search below expects */
	for (i = 0; i < L->ndeps; i++)
		first[L->deps[i].to + 1]++;
	for (i = 0; i < n; i++)
		first[i + 1] += first[i];
	for (i = 0; i < n; i++)
		next[i] = first[i];
	for (i = 0; i < L->ndeps; i++)
		by_to[next[L->deps[i].to]++] = i;
	memset(first, 0, (n + 1) * sizeof(*first));
	for (i = 0; i < L->ndeps; i++)
		first[L->deps[i].from + 1]++;
	for (i = 0; i < n; i++)
		first[i + 1] += first[i];
	for (i = 0; i < n; i++)
		next[i] = first[i];
	for (i = 0; i < L->ndeps; i++)
		edge[next[L->deps[by_to[i]].from]++] = by_to[i];
	/* a fact used twice by the same fact is one edge */
	for (i = 0; i + 1 < L->ndeps; i++)
		if (L->deps[edge[i]].from == L->deps[edge[i + 1]].from &&
		    L->deps[edge[i]].to == L->deps[edge[i + 1]].to)
			L->deps[edge[i + 1]].live = 0;
	free(by_to);
	for (i = 0; i < n; i++) {
		if (state[i])
			continue;
		stack[top++] = i;
		state[i] = 1;
		next[i] = first[i];
		while (top) {
			size_t a = stack[top - 1];
			if (next[a] < first[a + 1]) {
				struct fact_dep *e = &L->deps[edge[next[a]++]];
				size_t b = e->to;
				if (!e->live)
					continue;
				if (state[b] == 0) {
					state[b] = 1;
					next[b] = first[b];
					stack[top++] = b;
				} else if (state[b] == 1) {
					report_cycle(L, list, stack, top, b);
					/* report once, keep going: every edge a -> b is done with */
					e->live = 0;
				}
				continue;
			}
			state[a] = 2;
			r->fact_order[nout++] = a;
			top--;
		}
	}
	free(state);
	free(stack);
	free(next);
	free(first);
	free(edge);
}

void load_items(struct loader *L, const ynode *list, enum sa_item_kind kind)
{
	sa_rules *r = L->r;
	const char *table = kind == SA_ITEM_ADVICE ? "advice" : "steps";
	size_t i, n = y_seq_len(list);
	r->items[kind] = load_calloc(L, n, sizeof(**r->items));
	if (!r->items[kind])
		return;
	r->nitems[kind] = n;
	for (i = 0; i < n; i++) {
		ynode *e = y_seq_at(L, list, i), *o, *c;
		struct item *it = &r->items[kind][i];
		char what[LOAD_WHAT_SIZE];
		int32_t ord;
		entry_name(L, e, kind == SA_ITEM_ADVICE ? "advice" : "step", i, what, sizeof(what));
		if (!y_check_mapping(L, e, item_keys, what))
			continue;
		it->id = entry_id(L, e, table, i, 0, kind == SA_ITEM_ADVICE ? dup_advice : dup_step);
		entry_pos(L, e, &it->line, &it->col);
		it->title = y_get_string(L, e, "title", 0, what);
		it->text = y_get_string(L, e, "text", 1, what);
		o = y_get(L, e, "order");
		if (o) {
			if (!y_int(o, &ord))
				load_err(L, o, "wrong-type", "'order' of %s must be an integer", what);
			else
				it->order = ord;
		}
		c = y_get(L, e, "criteria_ids");
		if (c) {
			size_t k, nc = y_seq_len(c);
			if (!y_is_seq(c)) {
				load_err(L, c, "wrong-type", "'criteria_ids' of %s must be a list", what);
			} else {
				it->criteria = load_calloc(L, nc, sizeof(*it->criteria));
				for (k = 0; it->criteria && k < nc; k++) {
					ynode *cn = y_seq_at(L, c, k);
					const char *cs = y_scalar(cn);
					if (!cs || !sa_tsc_find(cs)) {
						load_err(L, cn, "unknown-criterion",
						         "'%s' is not a criterion of the 2017 Trust Services Criteria",
						         cs ? cs : y_kind(cn));
						continue;
					}
					if ((it->criteria[it->ncriteria] = load_strdup(L, cs)))
						it->ncriteria++;
				}
			}
		}
	}
}

int load_report(struct loader *L, const ynode *v, const char *what)
{
	const char *s = y_scalar(v);
	int rep = s ? sa_report_parse(s) : -1;
	if (rep < 0)
		load_err(L, v, "bad-value",
		         "'%s' in %s is not a report (soc1, soc2, soc3, soc_cybersecurity, soc_supply_chain)",
		         s ? s : y_kind(v), what);
	return rep;
}

int load_category(struct loader *L, const ynode *v)
{
	const char *s = y_scalar(v);
	int c = s ? sa_category_parse(s) : -1;
	if (c < 0)
		load_err(L, v, "bad-value",
		         "'%s' is not a category (security, availability, processing_integrity, confidentiality, privacy)",
		         s ? s : y_kind(v));
	return c;
}

/* The 'sources' of an entry: a non-empty list of source ids, resolved into *out. */
void load_source_refs(struct loader *L, const ynode *list, const char *what, size_t **out,
			     size_t *n)
{
	sa_rules *r = L->r;
	size_t k, ns = y_seq_len(list);
	if (!y_is_seq(list) || !ns) {
		load_err(L, list, "wrong-type", "'sources' of %s must be a non-empty list of source ids",
		         what);
		return;
	}
	*out = load_calloc(L, ns, sizeof(**out));
	if (!*out)
		return;
	for (k = 0; k < ns; k++) {
		ynode *sn = y_seq_at(L, list, k);
		const char *ss = y_scalar(sn);
		int si = ss ? model_find_source(r, ss) : -1;
		char hint[SA_ID_MAX + 32];
		if (si < 0) {
			hint_ref(hint, sizeof(hint), ss && !load_errors_full(L) ?
							     model_suggest(r, MODEL_SOURCES, ss) : NULL);
			load_err(L, sn, "undefined-reference", "undefined source '%s'%s",
			         ss ? ss : y_kind(sn), hint);
			continue;
		}
		(*out)[(*n)++] = (size_t)si;
	}
}

/* Steps by their order, then id (a stable checklist); advice in file order. Valid rules only:
 * every id is set. */
int order_items(sa_rules *r, enum sa_item_kind k)
{
	size_t n = r->nitems[k], i, j;
	size_t *idx = sa_calloc(n, sizeof(*idx));
	if (!idx)
		return SA_ERR_NOMEM;
	for (i = 0; i < n; i++)
		idx[i] = i;
	for (i = 1; k == SA_ITEM_STEP && i < n; i++) { /* insertion sort: stable, lists are short */
		size_t t = idx[i];
		const struct item *b = &r->items[k][t];
		for (j = i; j > 0; j--) {
			const struct item *a = &r->items[k][idx[j - 1]];
			if (a->order < b->order || (a->order == b->order && strcmp(a->id, b->id) <= 0))
				break;
			idx[j] = idx[j - 1];
		}
		idx[j] = t;
	}
	r->item_order[k] = idx;
	return SA_OK;
}

