/*
 * load_invariants.c - the rules loader's 'invariants' table and the outcome-condition compiler.
 *
 * An outcome condition is a claim about an evaluation's result (a report recommended, a type
 * decided, an advice item given, a category's basis, or an answer), compiled into the onode
 * trees that --verify checks (verify.c). It has the shape of a rule's condition (compile_mapping
 * in load_cond.c) with its own atoms; the 'answer' atom holds a rule condition (compile_cond).
 */
#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int32_t new_onode(struct loader *L, unsigned char kind, int32_t report, int32_t arg)
{
	sa_rules *r = L->r;
	struct onode *on;
	if (r->nonodes >= LOAD_MAX_NODES) {
		L->too_large = 1;
		return -1;
	}
	on = load_grow(L, r->onodes, &L->cap_onodes, r->nonodes + 1, sizeof(*r->onodes));
	if (!on)
		return -1;
	r->onodes = on;
	memset(&r->onodes[r->nonodes], 0, sizeof(*r->onodes));
	r->onodes[r->nonodes].kind = kind;
	r->onodes[r->nonodes].report = report;
	r->onodes[r->nonodes].arg = arg;
	return (int32_t)r->nonodes++;
}

static int32_t group_onode(struct loader *L, unsigned char kind, const int32_t *kids, size_t n)
{
	sa_rules *r = L->r;
	uint32_t *ok;
	int32_t id;
	size_t i;
	for (i = 0; i < n; i++)
		if (kids[i] < 0)
			return -1;
	if (n == 1 && kind != O_NOT)
		return kids[0];
	id = new_onode(L, kind, -1, 0);
	if (id < 0)
		return -1;
	ok = load_grow(L, r->okids, &L->cap_okids, r->nokids + n, sizeof(*r->okids));
	if (!ok)
		return -1;
	r->okids = ok;
	r->onodes[id].off = (uint32_t)r->nokids;
	r->onodes[id].n = (uint32_t)n;
	for (i = 0; i < n; i++)
		r->okids[r->nokids++] = (uint32_t)kids[i];
	return id;
}

/* The atoms of outcome conditions: a key and the onode kind it compiles to. */
#define OUTCOME_ATOM_COUNT 16
static const char *const outcome_atoms[OUTCOME_ATOM_COUNT + 1] = {
	"recommended", "possible", "present", "requested", "type", "then_type", "category",
	"possible_category", "advice", "possible_advice", "step", "possible_step",
	"any_recommendation", "required_category", "considered_category", "answer", NULL
};
static const unsigned char outcome_atom_kinds[OUTCOME_ATOM_COUNT] = {
	O_RECOMMENDED, O_POSSIBLE, O_PRESENT, O_REQUESTED, O_TYPE, O_THEN_TYPE, O_CATEGORY,
	O_POSSIBLE_CATEGORY, O_ADVICE, O_POSSIBLE_ADVICE, O_STEP, O_POSSIBLE_STEP,
	O_ANY_RECOMMENDATION, O_REQUIRED_CATEGORY, O_CONSIDERED_CATEGORY, O_ANSWER
};

/* The atoms that take {REPORT: CATEGORY, ...}. */
static int category_atom(unsigned char kind)
{
	return kind == O_CATEGORY || kind == O_POSSIBLE_CATEGORY || kind == O_REQUIRED_CATEGORY ||
	       kind == O_CONSIDERED_CATEGORY;
}

/* {type: {REPORT: TYPE, ...}} and {category: {REPORT: CATEGORY, ...}}: one atom per pair, ANDed. */
static int32_t compile_report_pairs(struct loader *L, unsigned char kind, const char *key,
				    const ynode *v)
{
	int32_t parts[SA_REPORT_COUNT * SA_CAT_COUNT];
	size_t np = 0, i, nk = y_map_len(v);
	int ok = 1;
	char what[32]; /* a known key quoted: the longest is 'considered_category' */
	snprintf(what, sizeof(what), "'%s'", key);
	if (!y_check_mapping(L, v, NULL, what))
		return -1;
	if (!nk) {
		load_err(L, v, "wrong-type", "'%s' takes a mapping of report to %s", key,
		         category_atom(kind) ? "category" : "type");
		return -1;
	}
	for (i = 0; i < nk; i++) {
		const ynode *k = y_map_key(L, v, i), *val = y_map_value(L, v, i);
		int rep = load_report(L, k, what);
		int32_t arg = -1, id;
		if (rep < 0) {
			ok = 0;
			continue;
		}
		if (category_atom(kind)) {
			if (rep != SA_REPORT_SOC2 && rep != SA_REPORT_SOC3) {
				load_err(L, k, "bad-value",
				         "criteria categories apply to soc2 and soc3 only, not '%s'",
				         y_scalar(k));
				ok = 0;
				continue;
			}
			arg = load_category(L, val);
			if (arg < 0) {
				ok = 0;
				continue;
			}
			if (arg == SA_CAT_SECURITY &&
			    (kind == O_REQUIRED_CATEGORY || kind == O_CONSIDERED_CATEGORY)) {
				load_err(L, val, "bad-value",
				         "security is part of every report and has no basis: use 'category' in %s",
				         what);
				ok = 0;
				continue;
			}
		} else {
			const char *s = y_scalar(val);
			if (s && strcmp(s, "unset") == 0)
				arg = SA_TYPE_UNSET;
			else if (s && strcmp(s, "type1") == 0)
				arg = SA_TYPE_1;
			else if (s && strcmp(s, "type2") == 0)
				arg = SA_TYPE_2;
			else if (s && strcmp(s, "none") == 0 && kind == O_TYPE)
				arg = SA_TYPE_NONE;
			if (arg < 0) {
				load_err(L, val, "bad-value", "'%s' in %s is not a type (%s)",
				         s ? s : y_kind(val), what,
				         kind == O_TYPE ? "type1, type2, none, unset" : "type1, type2, unset");
				ok = 0;
				continue;
			}
		}
		id = new_onode(L, kind, rep, arg);
		if (id < 0)
			return -1;
		if (np < sizeof(parts) / sizeof(parts[0]))
			parts[np++] = id;
	}
	return ok && np ? group_onode(L, O_ALL, parts, np) : -1;
}

static int32_t compile_outcome(struct loader *L, const ynode *n, int depth);

static int32_t compile_outcome_atom(struct loader *L, const ynode *k, const char *ks,
				    const ynode *v)
{
	size_t a;
	unsigned char kind;
	const char *s = y_scalar(v);
	char what[32]; /* a known key quoted: the longest is 'considered_category' */
	for (a = 0; outcome_atoms[a]; a++)
		if (strcmp(outcome_atoms[a], ks) == 0)
			break;
	if (!outcome_atoms[a]) {
		load_err(L, k, "unknown-key",
		         "unknown outcome condition '%s' (use recommended, possible, present, requested, type, then_type, category, possible_category, required_category, considered_category, advice, possible_advice, step, possible_step, any_recommendation, answer, all, any, not)",
		         ks);
		return -1;
	}
	kind = outcome_atom_kinds[a];
	snprintf(what, sizeof(what), "'%s'", ks);
	switch (kind) {
	case O_RECOMMENDED:
	case O_POSSIBLE:
	case O_PRESENT:
	case O_REQUESTED: {
		int rep = load_report(L, v, what);
		return rep < 0 ? -1 : new_onode(L, kind, rep, 0);
	}
	case O_TYPE:
	case O_THEN_TYPE:
	case O_CATEGORY:
	case O_POSSIBLE_CATEGORY:
	case O_REQUIRED_CATEGORY:
	case O_CONSIDERED_CATEGORY:
		return compile_report_pairs(L, kind, ks, v);
	case O_ANSWER: {
		/* a condition of the rules' own language, compiled among the rules' nodes */
		int32_t cond = compile_cond(L, v, 0);
		return cond < 0 ? -1 : new_onode(L, kind, -1, cond);
	}
	case O_ADVICE:
	case O_POSSIBLE_ADVICE:
	case O_STEP:
	case O_POSSIBLE_STEP: {
		enum sa_item_kind ik =
			kind == O_ADVICE || kind == O_POSSIBLE_ADVICE ? SA_ITEM_ADVICE : SA_ITEM_STEP;
		int it = s ? model_find_item(L->r, ik, s) : -1;
		if (it < 0) {
			load_err(L, v, "undefined-reference", "undefined %s '%s'",
			         ik == SA_ITEM_ADVICE ? "advice item" : "step", s ? s : y_kind(v));
			return -1;
		}
		return new_onode(L, kind, -1, it);
	}
	default: {
		int b = y_bool(v);
		if (b < 0) {
			load_err(L, v, "wrong-type", "'any_recommendation' takes true or false");
			return -1;
		}
		return new_onode(L, kind, -1, b);
	}
	}
}

static const struct lang outcome_lang = { "outcome condition", "an outcome condition", O_ALL,
					  O_ANY, O_NOT, compile_outcome, compile_outcome_atom,
					  group_onode };

/* An outcome condition: true, false, or a mapping of atoms, all, any and not (ANDed). */
static int32_t compile_outcome(struct loader *L, const ynode *n, int depth)
{
	int b;
	if (!load_visit(L))
		return -1;
	if (depth > LOAD_MAX_DEPTH) {
		load_err(L, n, "too-deep", "outcome condition nested too deeply");
		return -1;
	}
	b = y_bool(n);
	if (b >= 0)
		return new_onode(L, O_CONST, -1, b);
	if (!y_is_map(n)) {
		load_err(L, n, "wrong-type",
		         "an outcome condition must be true, false or a mapping (e.g. {recommended: soc2}), not %s",
		         y_kind(n));
		return -1;
	}
	return compile_mapping(L, &outcome_lang, n, depth);
}

static const char *const invariant_keys[] = { "id", "description", "scope", "when", "require",
					      "sources", NULL };

static const char *dup_invariant(struct loader *L, const char *id)
{
	return model_find_invariant(L->r, id) >= 0 ? "an invariant" : NULL;
}

void load_invariants(struct loader *L, const ynode *list)
{
	sa_rules *r = L->r;
	size_t i, n = y_seq_len(list);
	r->invariants = load_calloc(L, n, sizeof(*r->invariants));
	if (!r->invariants)
		return;
	r->ninvariants = n;
	for (i = 0; i < n; i++) {
		ynode *e = y_seq_at(L, list, i), *v;
		struct invariant *iv = &r->invariants[i];
		char what[LOAD_WHAT_SIZE];
		iv->when = -1;
		iv->require = -1;
		entry_name(L, e, "invariant", i, what, sizeof(what));
		if (!y_check_mapping(L, e, invariant_keys, what))
			continue;
		iv->id = entry_id(L, e, "invariants", i, 1, dup_invariant);
		entry_pos(L, e, &iv->line, &iv->col);
		iv->description = y_get_string(L, e, "description", 1, what);
		v = y_get(L, e, "scope");
		if (v) {
			const char *s = y_scalar(v);
			if (s && strcmp(s, "complete") == 0)
				iv->scope = SCOPE_COMPLETE;
			else if (s && strcmp(s, "partial") == 0)
				iv->scope = SCOPE_PARTIAL;
			else if (s && strcmp(s, "all") == 0)
				iv->scope = SCOPE_ALL;
			else
				load_err(L, v, "bad-value", "'scope' of %s must be complete, partial or all",
				         what);
		}
		v = y_get(L, e, "when");
		if (v)
			iv->when = compile_outcome(L, v, 0);
		v = y_get(L, e, "require");
		if (!v)
			load_err(L, e, "missing-key", "%s has no 'require'", what);
		else
			iv->require = compile_outcome(L, v, 0);
		v = y_get(L, e, "sources");
		if (v)
			load_source_refs(L, v, what, &iv->sources, &iv->nsources);
	}
}

