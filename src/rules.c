/*
 * rules.c - load a rules file (YAML, format 1) into its compiled form.
 *
 * The only file that includes <yaml.h> besides the answers reader. The loader reads the whole
 * document with libyaml, then checks and compiles it in two passes: the first collects every
 * declared id (so definitions may come in any order), the second compiles conditions and
 * outcomes. It never stops at the first problem: every problem is a diagnostic with its
 * FILE:LINE:COL, and a file with any error yields no rules object.
 *
 * libyaml's 1-on-success convention stays inside load_document().
 */
#include "internal.h"
#include "space.h"
#include "plan.h"

#include <yaml.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NODES 100000 /* bounds condition expansion through YAML aliases */

struct loader {
	const char *file;
	struct sa_diags *d;
	yaml_document_t doc;
	sa_rules *r;
	const struct sa_load_opts *opts;
	size_t cap_nodes, cap_kids;
	/* fact dependency matrix, nfacts x nfacts: deps[a * n + b] when fact a uses fact b */
	unsigned char *deps;
	int current_fact; /* fact being compiled, or -1 */
	int too_large;
	size_t cap_onodes, cap_okids; /* invariants' outcome conditions */
};

/* ---- small helpers --------------------------------------------------------------------------- */

static void *xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t ncap;
	void *q;
	if (need <= *cap)
		return p;
	ncap = *cap ? *cap * 2 : 16;
	while (ncap < need)
		ncap *= 2;
	q = sa_xcalloc(ncap, size);
	if (p)
		memcpy(q, p, *cap * size);
	free(p);
	*cap = ncap;
	return q;
}

static void err(struct loader *L, yaml_node_t *n, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void err(struct loader *L, yaml_node_t *n, const char *code, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sa_diags_add(L->d, SA_SEV_ERROR, L->file, n ? (unsigned)n->start_mark.line + 1 : 0,
		     n ? (unsigned)n->start_mark.column + 1 : 0, code, "%s", msg);
}

static yaml_node_t *node_at(struct loader *L, int index)
{
	return yaml_document_get_node(&L->doc, index);
}

static const char *scalar(yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static int is_plain(yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

static const char *node_kind(yaml_node_t *n)
{
	if (!n)
		return "nothing";
	switch (n->type) {
	case YAML_MAPPING_NODE:
		return "a mapping";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_SCALAR_NODE:
		return n->data.scalar.length ? "a scalar" : "an empty value";
	default:
		return "nothing";
	}
}

/* A plain true/false scalar: returns 0 or 1, or -1 when n is not one. */
static int as_bool(yaml_node_t *n)
{
	const char *s = scalar(n);
	if (!s || !is_plain(n))
		return -1;
	if (strcmp(s, "true") == 0)
		return 1;
	if (strcmp(s, "false") == 0)
		return 0;
	return -1;
}

/* A plain decimal integer scalar within int32 range. */
static int as_int(yaml_node_t *n, int32_t *out)
{
	const char *s = scalar(n);
	char *end;
	long long v;
	if (!s || !is_plain(n) || !*s)
		return 0;
	if (!(isdigit((unsigned char)s[0]) || (s[0] == '-' && isdigit((unsigned char)s[1]))))
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < INT32_MIN || v > INT32_MAX)
		return 0;
	*out = (int32_t)v;
	return 1;
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

/*
 * Check a mapping's keys: every key a scalar, known (in allowed, NULL-terminated) and not
 * repeated. what names the mapping in messages ("rule 'x'"). Returns 0 if n is not a mapping.
 */
static int check_mapping(struct loader *L, yaml_node_t *n, const char *const *allowed,
			 const char *what)
{
	yaml_node_pair_t *p, *q;
	if (!n || n->type != YAML_MAPPING_NODE) {
		err(L, n, "wrong-type", "%s must be a mapping, not %s", what, node_kind(n));
		return 0;
	}
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node_at(L, p->key);
		const char *ks = scalar(k);
		size_t i;
		int known = 0;
		if (!ks) {
			err(L, k, "wrong-type", "keys in %s must be scalars", what);
			continue;
		}
		for (q = n->data.mapping.pairs.start; q < p; q++) {
			const char *prev = scalar(node_at(L, q->key));
			if (prev && strcmp(prev, ks) == 0) {
				err(L, k, "duplicate-key", "duplicate key '%s' in %s", ks, what);
				break;
			}
		}
		if (!allowed)
			continue;
		for (i = 0; allowed[i]; i++)
			if (strcmp(allowed[i], ks) == 0)
				known = 1;
		if (!known)
			err(L, k, "unknown-key", "unknown key '%s' in %s", ks, what);
	}
	return 1;
}

static yaml_node_t *get(struct loader *L, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		const char *ks = scalar(node_at(L, p->key));
		if (ks && strcmp(ks, key) == 0)
			return node_at(L, p->value);
	}
	return NULL;
}

/* A required or optional string field; returns a copy or NULL. */
static char *get_string(struct loader *L, yaml_node_t *map, const char *key, int required,
			const char *what)
{
	yaml_node_t *v = get(L, map, key);
	if (!v) {
		if (required)
			err(L, map, "missing-key", "%s has no '%s'", what, key);
		return NULL;
	}
	if (v->type != YAML_SCALAR_NODE) {
		err(L, v, "wrong-type", "'%s' of %s must be a string, not %s", key, what,
		    node_kind(v));
		return NULL;
	}
	if (required && !v->data.scalar.length) {
		err(L, v, "wrong-type", "'%s' of %s must not be empty", key, what);
		return NULL;
	}
	return sa_xstrdup(scalar(v));
}

static size_t seq_len(yaml_node_t *n)
{
	return n && n->type == YAML_SEQUENCE_NODE ?
		       (size_t)(n->data.sequence.items.top - n->data.sequence.items.start) :
		       0;
}

static yaml_node_t *seq_at(struct loader *L, yaml_node_t *n, size_t i)
{
	return node_at(L, n->data.sequence.items.start[i]);
}

/* A top-level table: a list, possibly absent. */
static yaml_node_t *get_list(struct loader *L, yaml_node_t *root, const char *key, int required)
{
	yaml_node_t *v = get(L, root, key);
	if (!v) {
		if (required)
			err(L, root, "missing-key", "the rules file has no '%s'", key);
		return NULL;
	}
	if (v->type != YAML_SEQUENCE_NODE) {
		err(L, v, "wrong-type", "'%s' must be a list, not %s", key, node_kind(v));
		return NULL;
	}
	return v;
}

/* ---- id lookups ------------------------------------------------------------------------------- */

static int find_question(const sa_rules *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->nquestions; i++)
		if (r->questions[i].id && strcmp(r->questions[i].id, id) == 0)
			return (int)i;
	return -1;
}

static int find_fact(const sa_rules *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->nfacts; i++)
		if (r->facts[i].id && strcmp(r->facts[i].id, id) == 0)
			return (int)i;
	return -1;
}

static int find_source(const sa_rules *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->nsources; i++)
		if (r->sources[i].id && strcmp(r->sources[i].id, id) == 0)
			return (int)i;
	return -1;
}

static int find_item(const sa_rules *r, enum sa_item_kind k, const char *id)
{
	size_t i;
	for (i = 0; i < r->nitems[k]; i++)
		if (r->items[k][i].id && strcmp(r->items[k][i].id, id) == 0)
			return (int)i;
	return -1;
}

static int find_rule(const sa_rules *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->nrules; i++)
		if (r->rules[i].id && strcmp(r->rules[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* The closest of n candidate names to id, if close enough to be a plausible typo. */
static const char *closest(const char *id, const char *(*name)(const void *, size_t),
			   const void *ctx, size_t n)
{
	const char *best = NULL;
	size_t bestd = SIZE_MAX, i, len = strlen(id);
	size_t limit = len < 4 ? 1 : len < 8 ? 2 : 3;
	for (i = 0; i < n; i++) {
		const char *c = name(ctx, i);
		size_t dist;
		if (!c)
			continue;
		dist = sa_edit_distance(id, c);
		if (dist < bestd) {
			bestd = dist;
			best = c;
		}
	}
	return bestd <= limit ? best : NULL;
}

static const char *qname(const void *ctx, size_t i)
{
	const sa_rules *r = ctx;
	return r->questions[i].id;
}

static const char *qfname(const void *ctx, size_t i)
{
	const sa_rules *r = ctx;
	if (i < r->nquestions)
		return r->questions[i].id;
	return r->facts[i - r->nquestions].id;
}

static const char *srcname(const void *ctx, size_t i)
{
	const sa_rules *r = ctx;
	return r->sources[i].id;
}

const char *sa_rules_suggest_question(const sa_rules *r, const char *id)
{
	return closest(id, qname, r, r->nquestions);
}

static void hint_ref(char *buf, size_t size, const char *best)
{
	if (best)
		snprintf(buf, size, " (did you mean '%s'?)", best);
	else
		buf[0] = '\0';
}

/* ---- conditions -------------------------------------------------------------------------------- */

static int32_t new_node(struct loader *L, unsigned char kind)
{
	sa_rules *r = L->r;
	if (r->nnodes >= MAX_NODES) {
		L->too_large = 1;
		return -1;
	}
	r->nodes = xgrow(r->nodes, &L->cap_nodes, r->nnodes + 1, sizeof(*r->nodes));
	memset(&r->nodes[r->nnodes], 0, sizeof(*r->nodes));
	r->nodes[r->nnodes].kind = kind;
	return (int32_t)r->nnodes++;
}

static int32_t group_node(struct loader *L, unsigned char kind, const int32_t *kids, size_t n)
{
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
	r->kids = xgrow(r->kids, &L->cap_kids, r->nkids + n, sizeof(*r->kids));
	r->nodes[id].off = (uint32_t)r->nkids;
	r->nodes[id].n = (uint32_t)n;
	for (i = 0; i < n; i++)
		r->kids[r->nkids++] = (uint32_t)kids[i];
	return id;
}

static int32_t compile(struct loader *L, yaml_node_t *n, int depth);

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
		if (L->current_fact >= 0)
			L->deps[(size_t)L->current_fact * L->r->nfacts + (size_t)f] = 1;
	}
	return id;
}

static void undefined_qf(struct loader *L, yaml_node_t *n, const char *name)
{
	char hint[128];
	hint_ref(hint, sizeof(hint), closest(name, qfname, L->r, L->r->nquestions + L->r->nfacts));
	err(L, n, "undefined-reference", "undefined question or fact '%s'%s", name, hint);
}

/* A reference by name: a bool question or a fact, as true. */
static int32_t compile_name(struct loader *L, yaml_node_t *n, const char *name)
{
	sa_rules *r = L->r;
	int q = find_question(r, name), f;
	if (q >= 0) {
		if (r->questions[q].type != SA_Q_BOOL) {
			err(L, n, "wrong-type",
			    "question '%s' is not a bool: compare it with a value, e.g. {%s: %s}",
			    name, name,
			    r->questions[q].type == SA_Q_ENUM && r->questions[q].nchoices ?
				    r->questions[q].choices[0] :
				    "{ge: 1}");
			return -1;
		}
		return cmp_node(L, q, OP_EQ, 1);
	}
	f = find_fact(r, name);
	if (f >= 0)
		return fact_node(L, f, 1);
	undefined_qf(L, n, name);
	return -1;
}

static int enum_value(struct loader *L, int q, yaml_node_t *v)
{
	const struct question *qq = &L->r->questions[q];
	const char *s = scalar(v);
	size_t i, len = 0;
	char allowed[512];
	if (s)
		for (i = 0; i < qq->nchoices; i++)
			if (strcmp(qq->choices[i], s) == 0)
				return (int)i;
	allowed[0] = '\0';
	for (i = 0; i < qq->nchoices && len + 2 < sizeof(allowed); i++)
		len += (size_t)snprintf(allowed + len, sizeof(allowed) - len, "%s%s",
					i ? ", " : "", qq->choices[i]);
	err(L, v, "bad-value", "'%s' is not a choice of question '%s' (choices: %s)",
	    s ? s : node_kind(v), qq->id, allowed);
	return -1;
}

static int int_value(struct loader *L, int q, yaml_node_t *v, int32_t *out)
{
	const struct question *qq = &L->r->questions[q];
	if (!as_int(v, out)) {
		err(L, v, "wrong-type", "question '%s' is an int: expected an integer, not %s",
		    qq->id, scalar(v) ? scalar(v) : node_kind(v));
		return 0;
	}
	if (*out < qq->min || *out > qq->max) {
		err(L, v, "bad-value", "%d is outside the range %d..%d of question '%s'",
		    (int)*out, (int)qq->min, (int)qq->max, qq->id);
		return 0;
	}
	return 1;
}

static const char *const op_names[] = { "eq", "ne", "lt", "le", "gt", "ge", "in", "not_in",
					NULL };

/* {ID: VALUE} or {ID: {OP: VALUE, ...}} */
static int32_t compile_compare(struct loader *L, yaml_node_t *keyn, const char *name,
			       yaml_node_t *v)
{
	sa_rules *r = L->r;
	int q = find_question(r, name), f;

	if (q < 0) {
		f = find_fact(r, name);
		if (f >= 0) {
			int b = as_bool(v);
			if (b < 0) {
				err(L, v, "wrong-type",
				    "fact '%s' is true or false: compare it with true or false", name);
				return -1;
			}
			return fact_node(L, f, b);
		}
		undefined_qf(L, keyn, name);
		return -1;
	}

	if (v && v->type == YAML_MAPPING_NODE) {
		int32_t parts[8];
		size_t np = 0, i;
		yaml_node_pair_t *p;
		char what[160];
		snprintf(what, sizeof(what), "the comparison on '%s'", name);
		if (!check_mapping(L, v, op_names, what))
			return -1;
		if (v->data.mapping.pairs.top == v->data.mapping.pairs.start) {
			err(L, v, "wrong-type", "the comparison on '%s' is empty", name);
			return -1;
		}
		for (p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
			const char *op = scalar(node_at(L, p->key));
			yaml_node_t *val = node_at(L, p->value);
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
						id = in_node(L, q, opi == OP_NE, 1ull << c);
				} else if (opi == 6 || opi == 7) {
					uint64_t mask = 0;
					size_t k;
					int ok = 1;
					if (!seq_len(val)) {
						err(L, val, "wrong-type",
						    "'%s' on question '%s' takes a non-empty list of choices",
						    op, name);
						ok = 0;
					}
					for (k = 0; ok && k < seq_len(val); k++) {
						int c = enum_value(L, q, seq_at(L, val, k));
						if (c < 0)
							ok = 0;
						else
							mask |= 1ull << c;
					}
					if (ok)
						id = in_node(L, q, opi == 7, mask);
				} else {
					err(L, node_at(L, p->key), "bad-operator",
					    "'%s' does not apply to enum question '%s' (use eq, ne, in, not_in)",
					    op, name);
				}
			} else if (r->questions[q].type == SA_Q_INT) {
				int32_t iv;
				if (opi >= 6) {
					err(L, node_at(L, p->key), "bad-operator",
					    "'%s' does not apply to int question '%s' (use eq, ne, lt, le, gt, ge)",
					    op, name);
				} else if (int_value(L, q, val, &iv)) {
					id = cmp_node(L, q, opi, iv);
				}
			} else {
				int b = as_bool(val);
				if (opi != OP_EQ && opi != OP_NE) {
					err(L, node_at(L, p->key), "bad-operator",
					    "'%s' does not apply to bool question '%s' (use eq, ne)",
					    op, name);
				} else if (b < 0) {
					err(L, val, "wrong-type",
					    "question '%s' is a bool: compare it with true or false",
					    name);
				} else {
					id = cmp_node(L, q, OP_EQ, opi == OP_EQ ? b : !b);
				}
			}
			if (id < 0)
				return -1;
			if (np < 8)
				parts[np++] = id;
		}
		if (!np)
			return -1;
		return group_node(L, N_ALL, parts, np);
	}

	switch (r->questions[q].type) {
	case SA_Q_BOOL: {
		int b = as_bool(v);
		if (b < 0) {
			err(L, v, "wrong-type", "question '%s' is a bool: compare it with true or false",
			    name);
			return -1;
		}
		return cmp_node(L, q, OP_EQ, b);
	}
	case SA_Q_ENUM: {
		int c = enum_value(L, q, v);
		return c < 0 ? -1 : in_node(L, q, 0, 1ull << c);
	}
	case SA_Q_INT: {
		int32_t iv;
		return int_value(L, q, v, &iv) ? cmp_node(L, q, OP_EQ, iv) : -1;
	}
	}
	return -1;
}

/*
 * The two condition languages, rules' conditions and invariants' outcome conditions, share one
 * shape: a mapping whose keys are ANDed, where 'all' and 'any' take a non-empty list of
 * conditions, 'not' takes one, and every other key is an atom of the language.
 */
struct lang {
	const char *noun;   /* "condition", in messages */
	const char *a_noun; /* "a condition" */
	unsigned char all_kind, any_kind, not_kind;
	int32_t (*compile)(struct loader *L, yaml_node_t *n, int depth);
	int32_t (*atom)(struct loader *L, yaml_node_t *k, const char *ks, yaml_node_t *v);
	int32_t (*group)(struct loader *L, unsigned char kind, const int32_t *kids, size_t n);
};

static int32_t compile_list(struct loader *L, const struct lang *g, yaml_node_t *v,
			    unsigned char kind, const char *key, int depth)
{
	size_t n = seq_len(v), i;
	int32_t *kids, id;
	int ok = 1;
	if (!v || v->type != YAML_SEQUENCE_NODE || n == 0) {
		err(L, v, "wrong-type", "'%s' takes a non-empty list of %ss", key, g->noun);
		return -1;
	}
	kids = sa_xcalloc(n, sizeof(*kids));
	for (i = 0; i < n; i++)
		if ((kids[i] = g->compile(L, seq_at(L, v, i), depth + 1)) < 0)
			ok = 0;
	id = ok ? g->group(L, kind, kids, n) : -1;
	free(kids);
	return id;
}

/* A condition of language g that is a mapping. */
static int32_t compile_mapping(struct loader *L, const struct lang *g, yaml_node_t *n, int depth)
{
	yaml_node_pair_t *p;
	int32_t parts[64];
	size_t np = 0;
	int ok = 1;
	if (!check_mapping(L, n, NULL, g->a_noun))
		return -1;
	if (n->data.mapping.pairs.top == n->data.mapping.pairs.start) {
		err(L, n, "wrong-type", "empty %s", g->noun);
		return -1;
	}
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node_at(L, p->key), *v = node_at(L, p->value);
		const char *ks = scalar(k);
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
		else if (np < 64)
			parts[np++] = id;
		else {
			err(L, k, "too-large", "too many keys in one %s", g->noun);
			ok = 0;
		}
	}
	return ok ? g->group(L, g->all_kind, parts, np) : -1;
}

static const struct lang condition_lang = { "condition", "a condition", N_ALL, N_ANY, N_NOT,
					    compile, compile_compare, group_node };

static int32_t compile(struct loader *L, yaml_node_t *n, int depth)
{
	if (L->too_large)
		return -1;
	if (depth > 64) {
		err(L, n, "too-deep", "condition nested too deeply");
		return -1;
	}
	if (!n) {
		err(L, n, "wrong-type", "missing condition");
		return -1;
	}
	if (n->type == YAML_SCALAR_NODE) {
		int b = as_bool(n);
		if (b >= 0)
			return const_node(L, b ? SA_TRUE : SA_FALSE);
		if (!n->data.scalar.length) {
			err(L, n, "wrong-type", "empty condition");
			return -1;
		}
		return compile_name(L, n, scalar(n));
	}
	if (n->type == YAML_SEQUENCE_NODE) {
		err(L, n, "wrong-type",
		    "a list of conditions must be under 'all:' or 'any:'");
		return -1;
	}
	if (n->type == YAML_MAPPING_NODE)
		return compile_mapping(L, &condition_lang, n, depth);
	err(L, n, "wrong-type", "a condition must be a name, true, false or a mapping");
	return -1;
}

/* ---- sections ---------------------------------------------------------------------------------- */

/*
 * Every entry of a table gets the slot at its position in the file's list, so that the later
 * passes find an entry's YAML node at the same index. An entry that is not a mapping, or whose
 * id is invalid, keeps a NULL id: it has been reported, and the later passes skip it.
 */

static const char *const top_keys[] = { "format", "name", "version", "description", "sources",
					"questions", "facts", "advice", "steps", "rules",
					"invariants", "timeline", NULL };
static const char *const source_keys[] = { "id", "title", "url", "locator", NULL };
static const char *const question_keys[] = { "id", "type", "prompt", "help", "default",
					     "choices", "min", "max", "applies_if", "exclusive",
					     NULL };
static const char *const fact_keys[] = { "id", "description", "when", NULL };
static const char *const item_keys[] = { "id", "title", "text", "order", "criteria_ids", NULL };
static const char *const rule_keys[] = { "id", "when", "because", "why_not", "sources",
					 "recommend", "type", "criteria", "advice", "step",
					 NULL };

/* "rule 'x'" when the entry has a scalar id, else "rule N": for messages about the entry. */
static void entry_name(struct loader *L, yaml_node_t *e, const char *kind, size_t index,
		       char *buf, size_t size)
{
	const char *id = scalar(get(L, e, "id"));
	if (id && *id)
		snprintf(buf, size, "%s '%s'", kind, id);
	else
		snprintf(buf, size, "%s %zu", kind, index + 1);
}

/* The position of an entry for --check: its id when it has one, else the entry itself. */
static void entry_pos(struct loader *L, yaml_node_t *e, unsigned *line, unsigned *col)
{
	yaml_node_t *v = get(L, e, "id");
	if (!v)
		v = e;
	*line = (unsigned)v->start_mark.line + 1;
	*col = (unsigned)v->start_mark.column + 1;
}

/* Read the id of an entry; report a missing, malformed or duplicate id. */
static char *entry_id(struct loader *L, yaml_node_t *e, const char *table, size_t index,
		      int loose, const char *(*dup)(struct loader *, const char *))
{
	yaml_node_t *v = get(L, e, "id");
	const char *s = scalar(v), *already;
	if (!v) {
		err(L, e, "missing-key", "entry %zu of '%s' has no 'id'", index + 1, table);
		return NULL;
	}
	if (!s || !valid_id(s, loose)) {
		err(L, v, "bad-id", "'%s' is not a valid id in '%s' (%s)",
		    s ? s : node_kind(v), table,
		    loose ? "lower case letters, digits, '_', '-' and '.', starting with a letter" :
			    "lower case letters, digits and '_', starting with a letter");
		return NULL;
	}
	already = dup ? dup(L, s) : NULL;
	if (already) {
		err(L, v, "duplicate-id", "duplicate id '%s' in '%s' (already %s)", s, table,
		    already);
		return NULL;
	}
	return sa_xstrdup(s);
}

static const char *dup_qf(struct loader *L, const char *id)
{
	if (find_question(L->r, id) >= 0)
		return "a question";
	if (find_fact(L->r, id) >= 0)
		return "a fact";
	return NULL;
}

static const char *dup_source(struct loader *L, const char *id)
{
	return find_source(L->r, id) >= 0 ? "a source" : NULL;
}

static const char *dup_advice(struct loader *L, const char *id)
{
	return find_item(L->r, SA_ITEM_ADVICE, id) >= 0 ? "an advice item" : NULL;
}

static const char *dup_step(struct loader *L, const char *id)
{
	return find_item(L->r, SA_ITEM_STEP, id) >= 0 ? "a step" : NULL;
}

static const char *dup_rule(struct loader *L, const char *id)
{
	return find_rule(L->r, id) >= 0 ? "a rule" : NULL;
}

static void load_sources(struct loader *L, yaml_node_t *list)
{
	sa_rules *r = L->r;
	size_t i, n = seq_len(list);
	r->sources = sa_xcalloc(n, sizeof(*r->sources));
	r->nsources = n;
	for (i = 0; i < n; i++) {
		yaml_node_t *e = seq_at(L, list, i);
		struct source *s = &r->sources[i];
		char what[128];
		entry_name(L, e, "source", i, what, sizeof(what));
		if (!check_mapping(L, e, source_keys, what))
			continue;
		s->id = entry_id(L, e, "sources", i, 1, dup_source);
		entry_pos(L, e, &s->line, &s->col);
		s->title = get_string(L, e, "title", 1, what);
		s->url = get_string(L, e, "url", 0, what);
		s->locator = get_string(L, e, "locator", 0, what);
	}
}

static int reserved_clash(struct loader *L, const char *id, const char **which)
{
	const char *const *p;
	char buf[80];
	if (!L->opts || !L->opts->reserved)
		return 0;
	for (p = L->opts->reserved; *p; p++) {
		if (sa_id_equal(*p, id)) {
			*which = *p;
			return 1;
		}
		snprintf(buf, sizeof(buf), "no-%s", id);
		if (sa_id_equal(*p, buf)) {
			*which = *p;
			return 1;
		}
	}
	return 0;
}

/* Pass 1 for questions: id, type, choices, range. Defaults and conditions come in pass 2. */
static void load_questions(struct loader *L, yaml_node_t *list)
{
	sa_rules *r = L->r;
	size_t i, n = seq_len(list);
	r->questions = sa_xcalloc(n, sizeof(*r->questions));
	r->nquestions = n;
	for (i = 0; i < n; i++) {
		yaml_node_t *e = seq_at(L, list, i), *t, *ch, *mn, *mx;
		struct question *q = &r->questions[i];
		const char *ts, *which;
		char what[128];
		q->applies_if = -1;
		entry_name(L, e, "question", i, what, sizeof(what));
		if (!check_mapping(L, e, question_keys, what))
			continue;
		q->id = entry_id(L, e, "questions", i, 0, dup_qf);
		entry_pos(L, e, &q->line, &q->col);
		if (q->id) {
			if (strncmp(q->id, "no_", 3) == 0) {
				err(L, get(L, e, "id"), "reserved-id",
				    "question id '%s' must not start with 'no_' (reserved for --no-ID)",
				    q->id);
			} else if (reserved_clash(L, q->id, &which)) {
				err(L, get(L, e, "id"), "reserved-id",
				    "question id '%s' clashes with the built-in option '--%s'",
				    q->id, which);
			}
		}
		q->prompt = get_string(L, e, "prompt", 1, what);
		q->help = get_string(L, e, "help", 0, what);
		t = get(L, e, "type");
		ts = scalar(t);
		ch = get(L, e, "choices");
		mn = get(L, e, "min");
		mx = get(L, e, "max");
		if (!t) {
			err(L, e, "missing-key", "%s has no 'type'", what);
			ts = "";
			q->type = SA_Q_BOOL;
		} else if (ts && strcmp(ts, "bool") == 0) {
			q->type = SA_Q_BOOL;
		} else if (ts && strcmp(ts, "enum") == 0) {
			q->type = SA_Q_ENUM;
		} else if (ts && strcmp(ts, "int") == 0) {
			q->type = SA_Q_INT;
		} else {
			err(L, t, "bad-value", "type of %s must be bool, enum or int, not '%s'",
			    what, ts ? ts : node_kind(t));
			ts = "";
		}
		if (q->type != SA_Q_ENUM && ch)
			err(L, ch, "unexpected-key", "'choices' only applies to enum questions (%s)",
			    what);
		if (q->type != SA_Q_INT && (mn || mx))
			err(L, mn ? mn : mx, "unexpected-key",
			    "'min' and 'max' only apply to int questions (%s)", what);
		if (q->type == SA_Q_ENUM && *ts) {
			size_t k, nc = seq_len(ch);
			if (!ch || ch->type != YAML_SEQUENCE_NODE || nc < 2 || nc > 64) {
				err(L, ch ? ch : e, "wrong-type",
				    "%s needs 'choices': a list of 2 to 64 values", what);
			} else {
				q->choices = sa_xcalloc(nc, sizeof(*q->choices));
				for (k = 0; k < nc; k++) {
					yaml_node_t *c = seq_at(L, ch, k);
					const char *cs = scalar(c);
					size_t j;
					if (!cs || !valid_id(cs, 0)) {
						err(L, c, "bad-id",
						    "choice '%s' of %s must be lower case letters, digits and '_'",
						    cs ? cs : node_kind(c), what);
						continue;
					}
					for (j = 0; j < q->nchoices; j++)
						if (strcmp(q->choices[j], cs) == 0)
							break;
					if (j < q->nchoices) {
						err(L, c, "duplicate-id", "duplicate choice '%s' in %s",
						    cs, what);
						continue;
					}
					q->choices[q->nchoices++] = sa_xstrdup(cs);
				}
			}
		}
		if (q->type == SA_Q_INT && *ts) {
			if (!mn || !mx) {
				err(L, e, "missing-key", "%s needs 'min' and 'max'", what);
			} else if (!as_int(mn, &q->min)) {
				err(L, mn, "wrong-type", "'min' of %s must be an integer", what);
			} else if (!as_int(mx, &q->max)) {
				err(L, mx, "wrong-type", "'max' of %s must be an integer", what);
			} else if (q->min > q->max) {
				err(L, mn, "bad-value", "'min' of %s is greater than its 'max'", what);
			}
		}
	}
}

static void load_question_defaults(struct loader *L, yaml_node_t *list)
{
	sa_rules *r = L->r;
	size_t i;
	for (i = 0; i < r->nquestions; i++) {
		yaml_node_t *e = seq_at(L, list, i), *def, *ai;
		struct question *q = &r->questions[i];
		if (!q->id)
			continue;
		def = get(L, e, "default");
		if (def) {
			int b;
			switch (q->type) {
			case SA_Q_BOOL:
				b = as_bool(def);
				if (b < 0)
					err(L, def, "wrong-type",
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
		ai = get(L, e, "applies_if");
		if (ai)
			q->applies_if = compile(L, ai, 0);
	}
}

static void load_facts(struct loader *L, yaml_node_t *list)
{
	sa_rules *r = L->r;
	size_t i, n = seq_len(list);
	r->facts = sa_xcalloc(n, sizeof(*r->facts));
	r->nfacts = n;
	for (i = 0; i < n; i++) {
		yaml_node_t *e = seq_at(L, list, i);
		struct fact *f = &r->facts[i];
		char what[128];
		f->when = -1;
		entry_name(L, e, "fact", i, what, sizeof(what));
		if (!check_mapping(L, e, fact_keys, what))
			continue;
		f->id = entry_id(L, e, "facts", i, 0, dup_qf);
		entry_pos(L, e, &f->line, &f->col);
		f->description = get_string(L, e, "description", 0, what);
		if (!get(L, e, "when"))
			err(L, e, "missing-key", "%s has no 'when'", what);
	}
}

static void compile_facts(struct loader *L, yaml_node_t *list)
{
	sa_rules *r = L->r;
	size_t i;
	L->deps = sa_xcalloc(r->nfacts * r->nfacts, 1);
	for (i = 0; i < r->nfacts; i++) {
		yaml_node_t *w = get(L, seq_at(L, list, i), "when");
		L->current_fact = (int)i;
		if (w && r->facts[i].id)
			r->facts[i].when = compile(L, w, 0);
	}
	L->current_fact = -1;
}

/* Order facts by dependency (depth-first); report each cycle once, at its first fact. */
static void stratify(struct loader *L, yaml_node_t *list)
{
	sa_rules *r = L->r;
	size_t n = r->nfacts, i, k, top = 0, nout = 0;
	unsigned char *state = sa_xcalloc(n, 1); /* 0 new, 1 on stack, 2 done */
	size_t *stack = sa_xcalloc(n, sizeof(*stack));
	size_t *next = sa_xcalloc(n, sizeof(*next));
	r->fact_order = sa_xcalloc(n, sizeof(*r->fact_order));
	for (i = 0; i < n; i++) {
		if (state[i])
			continue;
		stack[top++] = i;
		state[i] = 1;
		next[i] = 0;
		while (top) {
			size_t a = stack[top - 1];
			if (next[a] < n) {
				size_t b = next[a]++;
				if (!L->deps[a * n + b])
					continue;
				if (state[b] == 0) {
					state[b] = 1;
					next[b] = 0;
					stack[top++] = b;
				} else if (state[b] == 1) {
					/* a cycle: stack from b up to a */
					char path[1024];
					size_t len = 0, s0 = 0;
					while (stack[s0] != b)
						s0++;
					for (k = s0; k < top && len < sizeof(path) - 70; k++)
						len += (size_t)snprintf(path + len, sizeof(path) - len,
									"%s -> ", r->facts[stack[k]].id);
					snprintf(path + len, sizeof(path) - len, "%s", r->facts[b].id);
					err(L, get(L, seq_at(L, list, b), "when"), "cycle",
					    "cycle among derived facts: %s", path);
					L->deps[a * n + b] = 0; /* report once, keep going */
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
}

static void load_items(struct loader *L, yaml_node_t *list, enum sa_item_kind kind)
{
	sa_rules *r = L->r;
	const char *table = kind == SA_ITEM_ADVICE ? "advice" : "steps";
	size_t i, n = seq_len(list);
	r->items[kind] = sa_xcalloc(n, sizeof(**r->items));
	r->nitems[kind] = n;
	for (i = 0; i < n; i++) {
		yaml_node_t *e = seq_at(L, list, i), *o, *c;
		struct item *it = &r->items[kind][i];
		char what[128];
		int32_t ord;
		entry_name(L, e, kind == SA_ITEM_ADVICE ? "advice" : "step", i, what, sizeof(what));
		if (!check_mapping(L, e, item_keys, what))
			continue;
		it->id = entry_id(L, e, table, i, 0, kind == SA_ITEM_ADVICE ? dup_advice : dup_step);
		entry_pos(L, e, &it->line, &it->col);
		it->title = get_string(L, e, "title", 0, what);
		it->text = get_string(L, e, "text", 1, what);
		o = get(L, e, "order");
		if (o) {
			if (!as_int(o, &ord))
				err(L, o, "wrong-type", "'order' of %s must be an integer", what);
			else
				it->order = ord;
		}
		c = get(L, e, "criteria_ids");
		if (c) {
			size_t k, nc = seq_len(c);
			if (c->type != YAML_SEQUENCE_NODE) {
				err(L, c, "wrong-type", "'criteria_ids' of %s must be a list", what);
			} else {
				it->criteria = sa_xcalloc(nc, sizeof(*it->criteria));
				for (k = 0; k < nc; k++) {
					yaml_node_t *cn = seq_at(L, c, k);
					const char *cs = scalar(cn);
					if (!cs || !sa_tsc_find(cs)) {
						err(L, cn, "unknown-criterion",
						    "'%s' is not a criterion of the 2017 Trust Services Criteria",
						    cs ? cs : node_kind(cn));
						continue;
					}
					it->criteria[it->ncriteria++] = sa_xstrdup(cs);
				}
			}
		}
	}
}

static int parse_report(struct loader *L, yaml_node_t *v, const char *what)
{
	const char *s = scalar(v);
	int rep = s ? sa_report_parse(s) : -1;
	if (rep < 0)
		err(L, v, "bad-value",
		    "'%s' in %s is not a report (soc1, soc2, soc3, soc_cybersecurity, soc_supply_chain)",
		    s ? s : node_kind(v), what);
	return rep;
}

static int parse_category(struct loader *L, yaml_node_t *v)
{
	const char *s = scalar(v);
	int c = s ? sa_category_parse(s) : -1;
	if (c < 0)
		err(L, v, "bad-value",
		    "'%s' is not a category (security, availability, processing_integrity, confidentiality, privacy)",
		    s ? s : node_kind(v));
	return c;
}

static int parse_type(struct loader *L, yaml_node_t *v, const char *what, enum sa_type *out)
{
	const char *s = scalar(v);
	if (s && strcmp(s, "type1") == 0)
		*out = SA_TYPE_1;
	else if (s && strcmp(s, "type2") == 0)
		*out = SA_TYPE_2;
	else if (s && strcmp(s, "none") == 0)
		*out = SA_TYPE_NONE;
	else {
		err(L, v, "bad-value", "'%s' in %s is not a type (type1, type2, none)",
		    s ? s : node_kind(v), what);
		return 0;
	}
	return 1;
}

static int parse_months(struct loader *L, yaml_node_t *v, const char *what, int *out)
{
	int32_t m;
	if (!as_int(v, &m) || m < 1 || m > 24) {
		err(L, v, "bad-value", "'observation_months' in %s must be an integer from 1 to 24",
		    what);
		return 0;
	}
	*out = m;
	return 1;
}

static const char *const recommend_keys[] = { "report", "action", NULL };
static const char *const type_keys[] = { "report", "type", "observation_months", "then",
					 "timing", NULL };
static const char *const then_keys[] = { "type", "observation_months", "note", NULL };
static const char *const criteria_keys[] = { "report", "category", NULL };
static const char *const outcome_names[] = { "recommend", "type", "criteria", "advice", "step" };

static void load_outcome(struct loader *L, struct rule *ru, yaml_node_t *e, const char *what)
{
	yaml_node_t *o = NULL, *v;
	size_t k, found = 0;
	char owhat[192];
	for (k = 0; k < 5; k++) {
		v = get(L, e, outcome_names[k]);
		if (!v)
			continue;
		if (found++) {
			err(L, v, "several-outcomes",
			    "%s has more than one outcome ('%s' and '%s'): split it into two rules",
			    what, outcome_names[ru->kind], outcome_names[k]);
			return;
		}
		o = v;
		ru->kind = (enum sa_outcome_kind)k;
	}
	if (!o) {
		err(L, e, "missing-outcome",
		    "%s has no outcome (one of recommend, type, criteria, advice, step)", what);
		return;
	}
	snprintf(owhat, sizeof(owhat), "'%s' of %s", outcome_names[ru->kind], what);
	switch (ru->kind) {
	case SA_OUT_RECOMMEND:
		if (o->type == YAML_SCALAR_NODE) {
			ru->report = parse_report(L, o, owhat);
			break;
		}
		if (!check_mapping(L, o, recommend_keys, owhat))
			break;
		v = get(L, o, "report");
		if (!v)
			err(L, o, "missing-key", "%s has no 'report'", owhat);
		else
			ru->report = parse_report(L, v, owhat);
		v = get(L, o, "action");
		if (v) {
			const char *s = scalar(v);
			if (s && strcmp(s, "obtain") == 0)
				ru->action = SA_ACTION_OBTAIN;
			else if (s && strcmp(s, "request") == 0)
				ru->action = SA_ACTION_REQUEST;
			else
				err(L, v, "bad-value", "'action' in %s must be obtain or request",
				    owhat);
		}
		break;
	case SA_OUT_TYPE:
		if (!check_mapping(L, o, type_keys, owhat))
			break;
		v = get(L, o, "report");
		if (!v)
			err(L, o, "missing-key", "%s has no 'report'", owhat);
		else
			ru->report = parse_report(L, v, owhat);
		v = get(L, o, "type");
		if (!v)
			err(L, o, "missing-key", "%s has no 'type'", owhat);
		else
			parse_type(L, v, owhat, &ru->type);
		v = get(L, o, "observation_months");
		if (v)
			parse_months(L, v, owhat, &ru->observation_months);
		v = get(L, o, "timing");
		if (v) {
			if (v->type != YAML_SCALAR_NODE)
				err(L, v, "wrong-type", "'timing' in %s must be a string", owhat);
			else
				ru->timing = sa_xstrdup(scalar(v));
		}
		v = get(L, o, "then");
		if (v && check_mapping(L, v, then_keys, "'then'")) {
			yaml_node_t *w = get(L, v, "type");
			if (w && parse_type(L, w, "'then'", &ru->then.type) &&
			    ru->then.type == SA_TYPE_NONE)
				err(L, w, "bad-value", "'then' type must be type1 or type2");
			w = get(L, v, "observation_months");
			if (w)
				parse_months(L, w, "'then'", &ru->then.observation_months);
			w = get(L, v, "note");
			if (w) {
				if (w->type != YAML_SCALAR_NODE)
					err(L, w, "wrong-type", "'note' in 'then' must be a string");
				else
					ru->then_note = sa_xstrdup(scalar(w));
			}
			ru->then.note = ru->then_note;
		}
		break;
	case SA_OUT_CRITERIA:
		if (!check_mapping(L, o, criteria_keys, owhat))
			break;
		v = get(L, o, "report");
		if (!v)
			err(L, o, "missing-key", "%s has no 'report'", owhat);
		else {
			ru->report = parse_report(L, v, owhat);
			if (ru->report >= 0 && ru->report != SA_REPORT_SOC2 &&
			    ru->report != SA_REPORT_SOC3) {
				err(L, v, "bad-value",
				    "criteria categories apply to soc2 and soc3 only, not '%s'",
				    scalar(v));
				ru->report = -1;
			}
		}
		v = get(L, o, "category");
		if (!v)
			err(L, o, "missing-key", "%s has no 'category'", owhat);
		else
			ru->target = parse_category(L, v);
		break;
	case SA_OUT_ADVICE:
	case SA_OUT_STEP: {
		enum sa_item_kind ik = ru->kind == SA_OUT_ADVICE ? SA_ITEM_ADVICE : SA_ITEM_STEP;
		const char *s = scalar(o);
		if (!s) {
			err(L, o, "wrong-type", "%s must be the id of an item", owhat);
			break;
		}
		ru->target = find_item(L->r, ik, s);
		if (ru->target < 0)
			err(L, o, "undefined-reference", "undefined %s '%s'",
			    ik == SA_ITEM_ADVICE ? "advice item" : "step", s);
		break;
	}
	}
}

/* The 'sources' of an entry: a non-empty list of source ids, resolved into *out. */
static void load_source_refs(struct loader *L, yaml_node_t *list, const char *what, size_t **out,
			     size_t *n)
{
	sa_rules *r = L->r;
	size_t k, ns = seq_len(list);
	if (list->type != YAML_SEQUENCE_NODE || !ns) {
		err(L, list, "wrong-type", "'sources' of %s must be a non-empty list of source ids",
		    what);
		return;
	}
	*out = sa_xcalloc(ns, sizeof(**out));
	for (k = 0; k < ns; k++) {
		yaml_node_t *sn = seq_at(L, list, k);
		const char *ss = scalar(sn);
		int si = ss ? find_source(r, ss) : -1;
		char hint[128];
		if (si < 0) {
			hint_ref(hint, sizeof(hint), ss ? closest(ss, srcname, r, r->nsources) : NULL);
			err(L, sn, "undefined-reference", "undefined source '%s'%s",
			    ss ? ss : node_kind(sn), hint);
			continue;
		}
		(*out)[(*n)++] = (size_t)si;
	}
}

static void load_rules(struct loader *L, yaml_node_t *list)
{
	sa_rules *r = L->r;
	size_t i, n = seq_len(list);
	r->rules = sa_xcalloc(n, sizeof(*r->rules));
	r->nrules = n;
	for (i = 0; i < n; i++) {
		yaml_node_t *e = seq_at(L, list, i), *s, *w;
		struct rule *ru = &r->rules[i];
		char what[128];
		ru->when = -1;
		ru->report = -1;
		ru->target = -1;
		entry_name(L, e, "rule", i, what, sizeof(what));
		if (!check_mapping(L, e, rule_keys, what))
			continue;
		ru->id = entry_id(L, e, "rules", i, 1, dup_rule);
		entry_pos(L, e, &ru->line, &ru->col);
		ru->because = get_string(L, e, "because", 1, what);
		ru->why_not = get_string(L, e, "why_not", 0, what);
		s = get(L, e, "sources");
		if (!s)
			err(L, e, "missing-key", "%s has no 'sources': cite at least one", what);
		else
			load_source_refs(L, s, what, &ru->sources, &ru->nsources);
		w = get(L, e, "when");
		if (w)
			ru->when = compile(L, w, 0);
		load_outcome(L, ru, e, what);
	}
}

/* Steps by their order, then id (a stable checklist); advice in file order. Valid rules only:
 * every id is set. */
static void order_items(sa_rules *r, enum sa_item_kind k)
{
	size_t n = r->nitems[k], i, j;
	size_t *idx = sa_xcalloc(n, sizeof(*idx));
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
}

static void index_rules(sa_rules *r)
{
	size_t i, rep, k;
	for (rep = 0; rep < SA_REPORT_COUNT; rep++)
		for (k = 0; k < 3; k++)
			r->by_report[rep][k] = sa_xcalloc(r->nrules, sizeof(size_t));
	for (i = 0; i < r->nrules; i++) {
		struct rule *ru = &r->rules[i];
		if (ru->kind > SA_OUT_CRITERIA || ru->report < 0)
			continue;
		k = (size_t)ru->kind;
		r->by_report[ru->report][k][r->nby_report[ru->report][k]++] = i;
	}
	r->nslots = SLOT_ITEM0 + r->nitems[SA_ITEM_ADVICE] + r->nitems[SA_ITEM_STEP];
}

/* ---- exclusive groups --------------------------------------------------------------------------- */

/* Nonzero when the condition at node id reads question q, directly or through facts. */
static int reads_question(const sa_rules *r, int32_t id, size_t q)
{
	unsigned char *mark = sa_xcalloc(r->nquestions, 1);
	int reads;
	space_node_questions(r, id, mark);
	reads = mark[q];
	free(mark);
	return reads;
}

/*
 * 'exclusive' of a question: rules and facts whose conditions split the question's values
 * (checked by --check). Resolved after the rules, which it names.
 */
static void load_exclusive(struct loader *L, yaml_node_t *list)
{
	sa_rules *r = L->r;
	size_t i;
	for (i = 0; i < r->nquestions; i++) {
		yaml_node_t *x = get(L, seq_at(L, list, i), "exclusive");
		struct question *q = &r->questions[i];
		size_t k, nx;
		if (!x || !q->id)
			continue;
		q->xline = (unsigned)x->start_mark.line + 1;
		q->xcol = (unsigned)x->start_mark.column + 1;
		if (q->type == SA_Q_BOOL) {
			err(L, x, "unexpected-key",
			    "'exclusive' only applies to enum and int questions (question '%s')", q->id);
			continue;
		}
		nx = seq_len(x);
		if (x->type != YAML_SEQUENCE_NODE || nx < 2) {
			err(L, x, "wrong-type",
			    "'exclusive' of question '%s' must be a list of at least two rule or fact ids",
			    q->id);
			continue;
		}
		q->exclusive = sa_xcalloc(nx, sizeof(*q->exclusive));
		for (k = 0; k < nx; k++) {
			yaml_node_t *m = seq_at(L, x, k);
			const char *ms = scalar(m);
			struct member mb = { 0, 0 };
			int f = ms ? find_fact(r, ms) : -1, ru = f < 0 && ms ? find_rule(r, ms) : -1;
			int32_t when;
			size_t j;
			if (f >= 0) {
				mb.is_fact = 1;
				mb.index = (size_t)f;
				when = r->facts[f].when;
			} else if (ru >= 0) {
				mb.index = (size_t)ru;
				when = r->rules[ru].when;
			} else {
				err(L, m, "undefined-reference",
				    "undefined rule or fact '%s' in 'exclusive' of question '%s'",
				    ms ? ms : node_kind(m), q->id);
				continue;
			}
			for (j = 0; j < q->nexclusive; j++)
				if (q->exclusive[j].is_fact == mb.is_fact &&
				    q->exclusive[j].index == mb.index)
					break;
			if (j < q->nexclusive) {
				err(L, m, "duplicate-id", "'%s' appears twice in 'exclusive' of question '%s'",
				    ms, q->id);
				continue;
			}
			if (!reads_question(r, when, i)) {
				err(L, m, "bad-value",
				    "%s '%s' in 'exclusive' of question '%s' does not read '%s'",
				    mb.is_fact ? "fact" : "rule", ms, q->id, q->id);
				continue;
			}
			q->exclusive[q->nexclusive++] = mb;
		}
	}
}

/* ---- invariants --------------------------------------------------------------------------------- */

static int32_t new_onode(struct loader *L, unsigned char kind, int32_t report, int32_t arg)
{
	sa_rules *r = L->r;
	if (r->nonodes >= MAX_NODES) {
		L->too_large = 1;
		return -1;
	}
	r->onodes = xgrow(r->onodes, &L->cap_onodes, r->nonodes + 1, sizeof(*r->onodes));
	memset(&r->onodes[r->nonodes], 0, sizeof(*r->onodes));
	r->onodes[r->nonodes].kind = kind;
	r->onodes[r->nonodes].report = report;
	r->onodes[r->nonodes].arg = arg;
	return (int32_t)r->nonodes++;
}

static int32_t group_onode(struct loader *L, unsigned char kind, const int32_t *kids, size_t n)
{
	sa_rules *r = L->r;
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
	r->okids = xgrow(r->okids, &L->cap_okids, r->nokids + n, sizeof(*r->okids));
	r->onodes[id].off = (uint32_t)r->nokids;
	r->onodes[id].n = (uint32_t)n;
	for (i = 0; i < n; i++)
		r->okids[r->nokids++] = (uint32_t)kids[i];
	return id;
}

static const char *const outcome_atoms[] = {
	"recommended", "possible", "present", "requested", "type", "then_type", "category",
	"possible_category", "advice", "possible_advice", "step", "possible_step",
	"any_recommendation", NULL
};
static const unsigned char outcome_atom_kinds[] = {
	O_RECOMMENDED, O_POSSIBLE, O_PRESENT, O_REQUESTED, O_TYPE, O_THEN_TYPE, O_CATEGORY,
	O_POSSIBLE_CATEGORY, O_ADVICE, O_POSSIBLE_ADVICE, O_STEP, O_POSSIBLE_STEP,
	O_ANY_RECOMMENDATION
};

/* {type: {REPORT: TYPE, ...}} and {category: {REPORT: CATEGORY, ...}}: one atom per pair, ANDed. */
static int32_t compile_report_pairs(struct loader *L, unsigned char kind, const char *key,
				    yaml_node_t *v)
{
	yaml_node_pair_t *p;
	int32_t parts[SA_REPORT_COUNT * SA_CAT_COUNT];
	size_t np = 0;
	int ok = 1;
	char what[64];
	snprintf(what, sizeof(what), "'%s'", key);
	if (!check_mapping(L, v, NULL, what))
		return -1;
	if (v->data.mapping.pairs.top == v->data.mapping.pairs.start) {
		err(L, v, "wrong-type", "'%s' takes a mapping of report to %s", key,
		    kind == O_CATEGORY || kind == O_POSSIBLE_CATEGORY ? "category" : "type");
		return -1;
	}
	for (p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node_at(L, p->key), *val = node_at(L, p->value);
		int rep = parse_report(L, k, what);
		int32_t arg = -1, id;
		if (rep < 0) {
			ok = 0;
			continue;
		}
		if (kind == O_CATEGORY || kind == O_POSSIBLE_CATEGORY) {
			if (rep != SA_REPORT_SOC2 && rep != SA_REPORT_SOC3) {
				err(L, k, "bad-value",
				    "criteria categories apply to soc2 and soc3 only, not '%s'",
				    scalar(k));
				ok = 0;
				continue;
			}
			arg = parse_category(L, val);
			if (arg < 0) {
				ok = 0;
				continue;
			}
		} else {
			const char *s = scalar(val);
			if (s && strcmp(s, "unset") == 0)
				arg = SA_TYPE_UNSET;
			else if (s && strcmp(s, "type1") == 0)
				arg = SA_TYPE_1;
			else if (s && strcmp(s, "type2") == 0)
				arg = SA_TYPE_2;
			else if (s && strcmp(s, "none") == 0 && kind == O_TYPE)
				arg = SA_TYPE_NONE;
			if (arg < 0) {
				err(L, val, "bad-value", "'%s' in %s is not a type (%s)",
				    s ? s : node_kind(val), what,
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

static int32_t compile_outcome(struct loader *L, yaml_node_t *n, int depth);

static int32_t compile_outcome_atom(struct loader *L, yaml_node_t *k, const char *ks,
				    yaml_node_t *v)
{
	size_t a;
	unsigned char kind;
	const char *s = scalar(v);
	char what[64];
	for (a = 0; outcome_atoms[a]; a++)
		if (strcmp(outcome_atoms[a], ks) == 0)
			break;
	if (!outcome_atoms[a]) {
		err(L, k, "unknown-key",
		    "unknown outcome condition '%s' (use recommended, possible, present, requested, type, then_type, category, possible_category, advice, possible_advice, step, possible_step, any_recommendation, all, any, not)",
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
		int rep = parse_report(L, v, what);
		return rep < 0 ? -1 : new_onode(L, kind, rep, 0);
	}
	case O_TYPE:
	case O_THEN_TYPE:
	case O_CATEGORY:
	case O_POSSIBLE_CATEGORY:
		return compile_report_pairs(L, kind, ks, v);
	case O_ADVICE:
	case O_POSSIBLE_ADVICE:
	case O_STEP:
	case O_POSSIBLE_STEP: {
		enum sa_item_kind ik =
			kind == O_ADVICE || kind == O_POSSIBLE_ADVICE ? SA_ITEM_ADVICE : SA_ITEM_STEP;
		int it = s ? find_item(L->r, ik, s) : -1;
		if (it < 0) {
			err(L, v, "undefined-reference", "undefined %s '%s'",
			    ik == SA_ITEM_ADVICE ? "advice item" : "step", s ? s : node_kind(v));
			return -1;
		}
		return new_onode(L, kind, -1, it);
	}
	default: {
		int b = as_bool(v);
		if (b < 0) {
			err(L, v, "wrong-type", "'any_recommendation' takes true or false");
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
static int32_t compile_outcome(struct loader *L, yaml_node_t *n, int depth)
{
	int b;
	if (L->too_large)
		return -1;
	if (depth > 64) {
		err(L, n, "too-deep", "outcome condition nested too deeply");
		return -1;
	}
	b = as_bool(n);
	if (b >= 0)
		return new_onode(L, O_CONST, -1, b);
	if (!n || n->type != YAML_MAPPING_NODE) {
		err(L, n, "wrong-type",
		    "an outcome condition must be true, false or a mapping (e.g. {recommended: soc2}), not %s",
		    node_kind(n));
		return -1;
	}
	return compile_mapping(L, &outcome_lang, n, depth);
}

static const char *const invariant_keys[] = { "id", "description", "scope", "when", "require",
					      "sources", NULL };

static const char *dup_invariant(struct loader *L, const char *id)
{
	size_t i;
	for (i = 0; i < L->r->ninvariants; i++)
		if (L->r->invariants[i].id && strcmp(L->r->invariants[i].id, id) == 0)
			return "an invariant";
	return NULL;
}

static void load_invariants(struct loader *L, yaml_node_t *list)
{
	sa_rules *r = L->r;
	size_t i, n = seq_len(list);
	r->invariants = sa_xcalloc(n, sizeof(*r->invariants));
	r->ninvariants = n;
	for (i = 0; i < n; i++) {
		yaml_node_t *e = seq_at(L, list, i), *v;
		struct invariant *iv = &r->invariants[i];
		char what[128];
		iv->when = -1;
		iv->require = -1;
		entry_name(L, e, "invariant", i, what, sizeof(what));
		if (!check_mapping(L, e, invariant_keys, what))
			continue;
		iv->id = entry_id(L, e, "invariants", i, 1, dup_invariant);
		entry_pos(L, e, &iv->line, &iv->col);
		iv->description = get_string(L, e, "description", 1, what);
		v = get(L, e, "scope");
		if (v) {
			const char *s = scalar(v);
			if (s && strcmp(s, "complete") == 0)
				iv->scope = SCOPE_COMPLETE;
			else if (s && strcmp(s, "partial") == 0)
				iv->scope = SCOPE_PARTIAL;
			else if (s && strcmp(s, "all") == 0)
				iv->scope = SCOPE_ALL;
			else
				err(L, v, "bad-value", "'scope' of %s must be complete, partial or all",
				    what);
		}
		v = get(L, e, "when");
		if (v)
			iv->when = compile_outcome(L, v, 0);
		v = get(L, e, "require");
		if (!v)
			err(L, e, "missing-key", "%s has no 'require'", what);
		else
			iv->require = compile_outcome(L, v, 0);
		v = get(L, e, "sources");
		if (v)
			load_source_refs(L, v, what, &iv->sources, &iv->nsources);
	}
}

/* ---- the document ------------------------------------------------------------------------------ */

static int load_document(struct loader *L, const char *buf, size_t len)
{
	yaml_parser_t parser;
	yaml_document_t extra;
	size_t before = L->d->errors;
	int ok;

	if (!yaml_parser_initialize(&parser))
		return SA_ERR_NOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	ok = yaml_parser_load(&parser, &L->doc);
	if (!ok) {
		const char *ctx = parser.context;
		sa_diags_add(L->d, SA_SEV_ERROR, L->file, (unsigned)parser.problem_mark.line + 1,
			     (unsigned)parser.problem_mark.column + 1, "yaml-syntax", "%s%s%s",
			     parser.problem ? parser.problem : "invalid YAML", ctx ? " " : "",
			     ctx ? ctx : "");
		yaml_parser_delete(&parser);
		memset(&L->doc, 0, sizeof(L->doc));
		return SA_ERR_RULES;
	}
	if (!yaml_document_get_root_node(&L->doc)) {
		sa_diags_add(L->d, SA_SEV_ERROR, L->file, 1, 1, "empty", "the rules file is empty");
		yaml_parser_delete(&parser);
		return SA_ERR_RULES;
	}
	if (yaml_parser_load(&parser, &extra)) {
		if (yaml_document_get_root_node(&extra)) {
			yaml_node_t *root = yaml_document_get_root_node(&extra);
			sa_diags_add(L->d, SA_SEV_ERROR, L->file,
				     (unsigned)root->start_mark.line + 1,
				     (unsigned)root->start_mark.column + 1, "yaml-syntax",
				     "a rules file holds one YAML document, found a second");
		}
		yaml_document_delete(&extra);
	} else {
		sa_diags_add(L->d, SA_SEV_ERROR, L->file, (unsigned)parser.problem_mark.line + 1,
			     (unsigned)parser.problem_mark.column + 1, "yaml-syntax", "%s",
			     parser.problem ? parser.problem : "invalid YAML");
	}
	yaml_parser_delete(&parser);
	return L->d->errors > before ? SA_ERR_RULES : SA_OK;
}

static void load_tables(struct loader *L)
{
	yaml_node_t *root = yaml_document_get_root_node(&L->doc);
	yaml_node_t *v, *qs, *fs;
	int32_t fmt;
	sa_rules *r = L->r;

	if (!check_mapping(L, root, top_keys, "the rules file"))
		return;
	v = get(L, root, "format");
	if (!v)
		err(L, root, "missing-key", "the rules file has no 'format' (expected 'format: 1')");
	else if (!as_int(v, &fmt) || fmt != 1)
		err(L, v, "bad-value", "unsupported format '%s' (this socadvise reads format 1)",
		    scalar(v) ? scalar(v) : node_kind(v));
	r->name = get_string(L, root, "name", 1, "the rules file");
	r->version = get_string(L, root, "version", 1, "the rules file");
	v = get(L, root, "description");
	if (v && v->type != YAML_SCALAR_NODE)
		err(L, v, "wrong-type", "'description' must be a string");

	v = get_list(L, root, "sources", 1);
	if (v)
		load_sources(L, v);
	qs = get_list(L, root, "questions", 1);
	if (qs)
		load_questions(L, qs);
	fs = get_list(L, root, "facts", 0);
	if (fs)
		load_facts(L, fs);
	v = get_list(L, root, "advice", 0);
	if (v)
		load_items(L, v, SA_ITEM_ADVICE);
	v = get_list(L, root, "steps", 0);
	if (v)
		load_items(L, v, SA_ITEM_STEP);
	/* pass 2: everything that refers to ids */
	if (qs)
		load_question_defaults(L, qs);
	if (fs) {
		compile_facts(L, fs);
		stratify(L, fs);
	} else {
		r->fact_order = sa_xcalloc(1, sizeof(*r->fact_order));
	}
	v = get_list(L, root, "rules", 1);
	if (v)
		load_rules(L, v);
	if (qs)
		load_exclusive(L, qs);
	v = get_list(L, root, "invariants", 0);
	if (v)
		load_invariants(L, v);
	sa_load_timeline(r, &L->doc, root, L->file, L->d);
	if (L->too_large)
		err(L, root, "too-large", "the conditions are too large (more than %d nodes)",
		    MAX_NODES);
	index_rules(r);
}

int sa_rules_load_buffer(const char *name, const char *buf, size_t len,
			 const struct sa_load_opts *opts, sa_rules **out, struct sa_diags *diags)
{
	struct loader L;
	size_t before = diags->errors;
	int rc;

	memset(&L, 0, sizeof(L));
	L.file = name ? name : "<rules>";
	L.d = diags;
	L.opts = opts;
	L.current_fact = -1;
	*out = NULL;
	rc = load_document(&L, buf, len);
	if (rc == SA_ERR_NOMEM)
		return rc;
	if (rc == SA_OK) {
		L.r = sa_xcalloc(1, sizeof(*L.r));
		load_tables(&L);
	}
	yaml_document_delete(&L.doc);
	free(L.deps);
	if (diags->errors > before) {
		sa_rules_free(L.r);
		sa_diags_sort(diags);
		return SA_ERR_RULES;
	}
	order_items(L.r, SA_ITEM_ADVICE);
	order_items(L.r, SA_ITEM_STEP);
	*out = L.r;
	return SA_OK;
}

int sa_rules_load_file(const char *path, const struct sa_load_opts *opts, sa_rules **out,
		       struct sa_diags *diags)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	int rc;

	*out = NULL;
	if (!f) {
		sa_diags_add(diags, SA_SEV_ERROR, path, 0, 0, "io", "cannot open: %s",
			     strerror(errno));
		return SA_ERR_IO;
	}
	for (;;) {
		if (cap - len < 65536) {
			char *nb;
			cap = cap ? cap * 2 : 65536;
			nb = sa_xcalloc(cap, 1);
			if (buf)
				memcpy(nb, buf, len);
			free(buf);
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		sa_diags_add(diags, SA_SEV_ERROR, path, 0, 0, "io", "cannot read: %s",
			     strerror(errno));
		fclose(f);
		free(buf);
		return SA_ERR_IO;
	}
	fclose(f);
	rc = sa_rules_load_buffer(path, buf, len, opts, out, diags);
	free(buf);
	return rc;
}

int sa_rules_load(const char *path, const struct sa_load_opts *opts, sa_rules **out,
		  struct sa_diags *diags)
{
	size_t len;
	const char *buf;
	if (path)
		return sa_rules_load_file(path, opts, out, diags);
	buf = sa_default_rules(&len);
	return sa_rules_load_buffer(SA_DEFAULT_RULES_NAME, buf, len, opts, out, diags);
}

void sa_rules_free(sa_rules *r)
{
	size_t i, j, k;
	if (!r)
		return;
	free(r->name);
	free(r->version);
	for (i = 0; i < r->nquestions; i++) {
		struct question *q = &r->questions[i];
		free(q->id);
		free(q->prompt);
		free(q->help);
		for (j = 0; j < q->nchoices; j++)
			free(q->choices[j]);
		free(q->choices);
		free(q->exclusive);
	}
	free(r->questions);
	for (i = 0; i < r->nfacts; i++) {
		free(r->facts[i].id);
		free(r->facts[i].description);
	}
	free(r->facts);
	free(r->fact_order);
	for (i = 0; i < r->nsources; i++) {
		free(r->sources[i].id);
		free(r->sources[i].title);
		free(r->sources[i].url);
		free(r->sources[i].locator);
	}
	free(r->sources);
	for (k = 0; k < 2; k++) {
		for (i = 0; i < r->nitems[k]; i++) {
			struct item *it = &r->items[k][i];
			free(it->id);
			free(it->title);
			free(it->text);
			for (j = 0; j < it->ncriteria; j++)
				free(it->criteria[j]);
			free(it->criteria);
		}
		free(r->items[k]);
		free(r->item_order[k]);
	}
	for (i = 0; i < r->nrules; i++) {
		struct rule *ru = &r->rules[i];
		free(ru->id);
		free(ru->because);
		free(ru->why_not);
		free(ru->sources);
		free(ru->then_note);
		free(ru->timing);
	}
	free(r->rules);
	for (i = 0; i < r->ninvariants; i++) {
		free(r->invariants[i].id);
		free(r->invariants[i].description);
		free(r->invariants[i].sources);
	}
	free(r->invariants);
	free(r->onodes);
	free(r->okids);
	free(r->nodes);
	free(r->kids);
	for (i = 0; i < SA_REPORT_COUNT; i++)
		for (k = 0; k < 3; k++)
			free(r->by_report[i][k]);
	sa_timeline_free(r->timeline);
	free(r);
}
