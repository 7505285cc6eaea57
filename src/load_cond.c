/*
 * load_cond.c - the condition compiler: a rule's 'when', a fact's 'when' and a question's
 * 'applies_if' into the node trees of the rules object (internal.h), checked against the
 * questions and facts the tables declared.
 *
 * A condition is a question or fact name, true, false, or a mapping of atoms ({ID: VALUE} or
 * {ID: {OP: VALUE, ...}}), 'all', 'any' and 'not', its keys ANDed. compile_mapping gives that
 * shape to both condition languages; load_outcome.c supplies the other one's atoms. Every node
 * made is a fresh tree node (no sharing), so the engine may walk conditions as trees.
 */
#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The operators of a comparison mapping, indexed so that the first six are enum cmp_op: eq, ne,
 * lt, le, gt and ge compile to N_CMP (or N_IN for an enum); in and not_in only to N_IN.
 */
enum op_key { KEY_IN = OP_GE + 1, KEY_NOT_IN, OP_KEY_COUNT };
static const char *const op_names[OP_KEY_COUNT + 1] = { "eq", "ne", "lt", "le", "gt", "ge",
							"in", "not_in", NULL };
_Static_assert(OP_EQ == 0 && OP_NE == 1 && OP_LT == 2 && OP_LE == 3 && OP_GT == 4 && OP_GE == 5,
	       "op_names follows enum cmp_op");

/* One bit of a choice in an N_IN node's mask. */
static uint64_t choice_bit(int c)
{
	return (uint64_t)1 << c;
}

static int32_t new_node(struct loader *L, unsigned char kind)
{
	sa_rules *r = L->r;
	struct node *nodes;
	if (r->nnodes >= LOAD_MAX_NODES) {
		L->too_large = 1;
		return -1;
	}
	nodes = load_grow(L, r->nodes, &L->cap_nodes, r->nnodes + 1, sizeof(*r->nodes));
	if (!nodes)
		return -1;
	r->nodes = nodes;
	memset(&r->nodes[r->nnodes], 0, sizeof(*r->nodes));
	r->nodes[r->nnodes].kind = kind;
	return (int32_t)r->nnodes++;
}

static int32_t group_node(struct loader *L, unsigned char kind, const int32_t *kids, size_t n)
{
	uint32_t *k;
	int32_t id;
	size_t i;
	sa_rules *r = L->r;
	for (i = 0; i < n; i++)
		if (kids[i] < 0)
			return -1;
	if (n == 1 && kind != N_NOT)
		return kids[0];
	id = new_node(L, kind);
	if (id < 0)
		return -1;
	k = load_grow(L, r->kids, &L->cap_kids, r->nkids + n, sizeof(*r->kids));
	if (!k)
		return -1;
	r->kids = k;
	r->nodes[id].off = (uint32_t)r->nkids;
	r->nodes[id].n = (uint32_t)n;
	for (i = 0; i < n; i++)
		r->kids[r->nkids++] = (uint32_t)kids[i];
	return id;
}

static int32_t const_node(struct loader *L, int tv)
{
	int32_t id = new_node(L, N_CONST);
	if (id >= 0)
		L->r->nodes[id].value = tv;
	return id;
}

static int32_t cmp_node(struct loader *L, int q, int op, int32_t value)
{
	int32_t id = new_node(L, N_CMP);
	if (id >= 0) {
		L->r->nodes[id].q = q;
		L->r->nodes[id].op = (unsigned char)op;
		L->r->nodes[id].value = value;
	}
	return id;
}

static int32_t in_node(struct loader *L, int q, int negate, uint64_t mask)
{
	int32_t id = new_node(L, N_IN);
	if (id >= 0) {
		L->r->nodes[id].q = q;
		L->r->nodes[id].op = negate ? OP_NE : OP_EQ;
		L->r->nodes[id].mask = mask;
	}
	return id;
}

static int32_t fact_node(struct loader *L, int f, int value)
{
	int32_t id = new_node(L, N_FACT);
	if (id >= 0) {
		L->r->nodes[id].q = f;
		L->r->nodes[id].value = value;
		if (L->current_fact >= 0) {
			struct fact_dep *deps =
				load_grow(L, L->deps, &L->cap_deps, L->ndeps + 1, sizeof(*L->deps));
			if (!deps)
				return -1;
			L->deps = deps;
			L->deps[L->ndeps].from = (uint32_t)L->current_fact;
			L->deps[L->ndeps].to = (uint32_t)f;
			L->deps[L->ndeps].live = 1;
			L->ndeps++;
		}
	}
	return id;
}

static void undefined_qf(struct loader *L, const ynode *n, const char *name)
{
	char hint[SA_ID_MAX + 32];
	/* past the error limit the message is only counted: spare the search for a hint */
	hint_ref(hint, sizeof(hint),
		 load_errors_full(L) ? NULL : model_suggest(L->r, MODEL_QUESTIONS_FACTS, name));
	load_err(L, n, "undefined-reference", "undefined question or fact '%s'%s", name, hint);
}

/* A reference by name: a bool question or a fact, as true. */
static int32_t compile_name(struct loader *L, const ynode *n, const char *name)
{
	sa_rules *r = L->r;
	int q = model_find_question(r, name), f;
	if (q >= 0) {
		if (r->questions[q].type != SA_Q_BOOL) {
			load_err(L, n, "wrong-type",
			         "question '%s' is not a bool: compare it with a value, e.g. {%s: %s}",
			         name, name,
			         r->questions[q].type == SA_Q_ENUM && r->questions[q].nchoices ?
				    r->questions[q].choices[0] :
				    "{ge: 1}");
			return -1;
		}
		return cmp_node(L, q, OP_EQ, 1);
	}
	f = model_find_fact(r, name);
	if (f >= 0)
		return fact_node(L, f, 1);
	undefined_qf(L, n, name);
	return -1;
}

int enum_value(struct loader *L, int q, const ynode *v)
{
	const struct question *qq = &L->r->questions[q];
	const char *s = y_scalar(v);
	size_t i, len = 1;
	char *allowed;
	if (s)
		for (i = 0; i < qq->nchoices; i++)
			if (strcmp(qq->choices[i], s) == 0)
				return (int)i;
	for (i = 0; i < qq->nchoices; i++)
		len += strlen(qq->choices[i]) + 2;
	allowed = load_calloc(L, len, 1);
	if (!allowed)
		return -1;
	for (i = 0; i < qq->nchoices; i++) {
		if (i)
			strcat(allowed, ", ");
		strcat(allowed, qq->choices[i]);
	}
	load_err(L, v, "bad-value", "'%s' is not a choice of question '%s' (choices: %s)",
		 s ? s : y_kind(v), qq->id, allowed);
	free(allowed);
	return -1;
}

int int_value(struct loader *L, int q, const ynode *v, int32_t *out)
{
	const struct question *qq = &L->r->questions[q];
	if (!y_int(v, out)) {
		load_err(L, v, "wrong-type", "question '%s' is an int: expected an integer, not %s",
		         qq->id, y_scalar(v) ? y_scalar(v) : y_kind(v));
		return 0;
	}
	if (*out < qq->min || *out > qq->max) {
		load_err(L, v, "bad-value", "%d is outside the range %d..%d of question '%s'",
		         (int)*out, (int)qq->min, (int)qq->max, qq->id);
		return 0;
	}
	return 1;
}

/* {ID: VALUE} or {ID: {OP: VALUE, ...}} */
static int32_t compile_compare(struct loader *L, const ynode *keyn, const char *name,
			       const ynode *v)
{
	sa_rules *r = L->r;
	int q = model_find_question(r, name), f;

	if (q < 0) {
		f = model_find_fact(r, name);
		if (f >= 0) {
			int b = y_bool(v);
			if (b < 0) {
				load_err(L, v, "wrong-type",
				         "fact '%s' is true or false: compare it with true or false", name);
				return -1;
			}
			return fact_node(L, f, b);
		}
		undefined_qf(L, keyn, name);
		return -1;
	}

	if (y_is_map(v)) {
		int32_t parts[OP_KEY_COUNT];
		size_t np = 0, i, k, nk = y_map_len(v);
		char what[SA_ID_MAX + 32];
		snprintf(what, sizeof(what), "the comparison on '%s'", name);
		if (!y_check_mapping(L, v, op_names, what))
			return -1;
		if (!nk) {
			load_err(L, v, "wrong-type", "the comparison on '%s' is empty", name);
			return -1;
		}
		for (k = 0; k < nk; k++) {
			const ynode *opn = y_map_key(L, v, k), *val = y_map_value(L, v, k);
			const char *op = y_scalar(opn);
			int opi = -1;
			int32_t id = -1;
			for (i = 0; op && op_names[i]; i++)
				if (strcmp(op_names[i], op) == 0)
					opi = (int)i;
			if (opi < 0)
				continue; /* reported by check_mapping */
			if (r->questions[q].type == SA_Q_ENUM) {
				if (opi == OP_EQ || opi == OP_NE) {
					int c = enum_value(L, q, val);
					if (c >= 0)
						id = in_node(L, q, opi == OP_NE, choice_bit(c));
				} else if (opi == KEY_IN || opi == KEY_NOT_IN) {
					uint64_t mask = 0;
					size_t e;
					int ok = 1;
					if (!y_seq_len(val)) {
						load_err(L, val, "wrong-type",
						         "'%s' on question '%s' takes a non-empty list of choices",
						         op, name);
						ok = 0;
					}
					for (e = 0; ok && e < y_seq_len(val); e++) {
						int c = enum_value(L, q, y_seq_at(L, val, e));
						if (c < 0)
							ok = 0;
						else
							mask |= choice_bit(c);
					}
					if (ok)
						id = in_node(L, q, opi == KEY_NOT_IN, mask);
				} else {
					load_err(L, opn, "bad-operator",
					         "'%s' does not apply to enum question '%s' (use eq, ne, in, not_in)",
					         op, name);
				}
			} else if (r->questions[q].type == SA_Q_INT) {
				int32_t iv;
				if (opi >= KEY_IN) {
					load_err(L, opn, "bad-operator",
					         "'%s' does not apply to int question '%s' (use eq, ne, lt, le, gt, ge)",
					         op, name);
				} else if (int_value(L, q, val, &iv)) {
					id = cmp_node(L, q, opi, iv);
				}
			} else {
				int b = y_bool(val);
				if (opi != OP_EQ && opi != OP_NE) {
					load_err(L, opn, "bad-operator",
					         "'%s' does not apply to bool question '%s' (use eq, ne)",
					         op, name);
				} else if (b < 0) {
					load_err(L, val, "wrong-type",
					         "question '%s' is a bool: compare it with true or false",
					         name);
				} else {
					id = cmp_node(L, q, OP_EQ, opi == OP_EQ ? b : !b);
				}
			}
			if (id < 0)
				return -1;
			if (np < OP_KEY_COUNT) /* more only with a duplicate key, already an error */
				parts[np++] = id;
		}
		if (!np)
			return -1;
		return group_node(L, N_ALL, parts, np);
	}

	switch (r->questions[q].type) {
	case SA_Q_BOOL: {
		int b = y_bool(v);
		if (b < 0) {
			load_err(L, v, "wrong-type", "question '%s' is a bool: compare it with true or false",
			         name);
			return -1;
		}
		return cmp_node(L, q, OP_EQ, b);
	}
	case SA_Q_ENUM: {
		int c = enum_value(L, q, v);
		return c < 0 ? -1 : in_node(L, q, 0, choice_bit(c));
	}
	case SA_Q_INT: {
		int32_t iv;
		return int_value(L, q, v, &iv) ? cmp_node(L, q, OP_EQ, iv) : -1;
	}
	}
	return -1;
}

static int32_t compile_list(struct loader *L, const struct lang *g, const ynode *v,
			    unsigned char kind, const char *key, int depth)
{
	size_t n = y_seq_len(v), i;
	int32_t *kids, id;
	int ok = 1;
	if (!y_is_seq(v) || n == 0) {
		load_err(L, v, "wrong-type", "'%s' takes a non-empty list of %ss", key, g->noun);
		return -1;
	}
	kids = load_calloc(L, n, sizeof(*kids));
	if (!kids)
		return -1;
	for (i = 0; i < n; i++)
		if ((kids[i] = g->compile(L, y_seq_at(L, v, i), depth + 1)) < 0)
			ok = 0;
	id = ok ? g->group(L, kind, kids, n) : -1;
	free(kids);
	return id;
}

int32_t compile_mapping(struct loader *L, const struct lang *g, const ynode *n, int depth)
{
	int32_t parts[LOAD_MAX_KEYS];
	size_t np = 0, i, nk = y_map_len(n);
	int ok = 1;
	if (!y_check_mapping(L, n, NULL, g->a_noun))
		return -1;
	if (!nk) {
		load_err(L, n, "wrong-type", "empty %s", g->noun);
		return -1;
	}
	for (i = 0; i < nk; i++) {
		const ynode *k = y_map_key(L, n, i), *v = y_map_value(L, n, i);
		const char *ks = y_scalar(k);
		int32_t id;
		if (!ks) {
			ok = 0;
			continue;
		}
		if (strcmp(ks, "all") == 0)
			id = compile_list(L, g, v, g->all_kind, ks, depth);
		else if (strcmp(ks, "any") == 0)
			id = compile_list(L, g, v, g->any_kind, ks, depth);
		else if (strcmp(ks, "not") == 0) {
			int32_t c = g->compile(L, v, depth + 1);
			id = c < 0 ? -1 : g->group(L, g->not_kind, &c, 1);
		} else
			id = g->atom(L, k, ks, v);
		if (id < 0)
			ok = 0;
		else if (np < LOAD_MAX_KEYS)
			parts[np++] = id;
		else {
			load_err(L, k, "too-large", "too many keys in one %s", g->noun);
			ok = 0;
		}
	}
	return ok ? g->group(L, g->all_kind, parts, np) : -1;
}

static const struct lang condition_lang = { "condition", "a condition", N_ALL, N_ANY, N_NOT,
					    compile_cond, compile_compare, group_node };

int load_visit(struct loader *L)
{
	if (++L->visits > LOAD_MAX_NODES)
		L->too_large = 1;
	return !L->too_large;
}

int32_t compile_cond(struct loader *L, const ynode *n, int depth)
{
	if (!load_visit(L))
		return -1;
	if (depth > LOAD_MAX_DEPTH) {
		load_err(L, n, "too-deep", "condition nested too deeply");
		return -1;
	}
	if (!n) {
		load_err(L, n, "wrong-type", "missing condition");
		return -1;
	}
	if (y_is_scalar(n)) {
		int b = y_bool(n);
		if (b >= 0)
			return const_node(L, b ? SA_TRUE : SA_FALSE);
		if (y_is_empty(n)) {
			load_err(L, n, "wrong-type", "empty condition");
			return -1;
		}
		return compile_name(L, n, y_scalar(n));
	}
	if (y_is_seq(n)) {
		load_err(L, n, "wrong-type",
		         "a list of conditions must be under 'all:' or 'any:'");
		return -1;
	}
	if (y_is_map(n))
		return compile_mapping(L, &condition_lang, n, depth);
	load_err(L, n, "wrong-type", "a condition must be a name, true, false or a mapping");
	return -1;
}

