/*
 * load.h - the rules loader's private interface, shared by its stages.
 *
 * A load runs in stages, one file each, as libyaml splits reader, scanner, parser and loader:
 *   rules.c        the front door: read the file, run the stages in order, hand back the model;
 *   load_yaml.c    the only loader file that sees libyaml: parse the document, walk its nodes,
 *                  read scalars, turn libyaml's 0-based marks into 1-based positions;
 *   load_tables.c  the tables: sources, questions, facts (and their order), advice, steps;
 *   load_rule_entries.c  the 'rules' table with its outcomes, and the exclusive groups;
 *   load_cond.c    the condition compiler (rules', facts' and questions' 'when'/'applies_if');
 *   load_invariants.c  the invariants and their outcome conditions;
 *   load_timeline.c    the timeline section: the planner's durations and the questions it reads.
 * Lookups by id are the model's (model.c); the loader never runs the checks' search (space.h).
 * The other stages see a YAML node only as an opaque ynode, read through the y_* functions.
 *
 * Every problem is reported through load_err() as a located diagnostic and the load goes on, so
 * one run reports every problem of a file; a file with any error yields no rules object.
 *
 * Out of memory: every allocation goes through load_calloc(), load_strdup() or load_grow(),
 * which set L->nomem when they fail. The stage that got NULL skips what needed the memory
 * (leaving the model consistent for sa_rules_free) and the load goes on to its end, where the
 * front door frees everything and returns SA_ERR_NOMEM.
 */
#ifndef SA_LOAD_H
#define SA_LOAD_H

#include "internal.h"

#include <stddef.h>
#include <stdint.h>

typedef struct yaml_node_s ynode; /* libyaml's node, opaque outside load_yaml.c */
struct ydoc;                      /* the parsed document, owned by load_yaml.c */

/*
 * Bounds that keep a hostile file from exhausting memory, time or the stack; docs/security.md
 * lists each with its message. The first three are met before libyaml builds the document.
 */
#define LOAD_MAX_BYTES (8u * 1024u * 1024u) /* size of a rules file */
#define LOAD_MAX_YAML_DEPTH 200    /* nesting of YAML lists and mappings */
#define LOAD_MAX_YAML_NODES 1000000 /* YAML nodes, each alias counted as a copy of its node */
#define LOAD_MAX_ENTRIES 2000      /* entries of one table (questions, facts, rules...) */
#define LOAD_MAX_NODES 100000 /* condition nodes, and condition mappings compiled */
#define LOAD_MAX_DEPTH 64     /* nesting of all/any/not in one condition */
#define LOAD_MAX_KEYS 64      /* keys of one condition mapping (ANDed) */
#define LOAD_MAX_DIAGS 100    /* errors reported for one file; one more says how many more */
/*
 * Room for "rule 'ID'" and the like, naming an entry in messages: any valid id fits. An
 * over-long id is cut short here, but it is itself reported as an invalid id.
 */
#define LOAD_WHAT_SIZE (SA_ID_MAX + 64)

struct fact_dep {
	uint32_t from, to;
	int live; /* cleared once a cycle through it is reported */
};

struct loader {
	const char *file;
	struct sa_diags *d;
	struct ydoc *doc;
	sa_rules *r;
	const struct sa_load_opts *opts;
	size_t cap_nodes, cap_kids;
	/* fact dependencies, one edge per reference: fact deps[i].from uses fact deps[i].to */
	struct fact_dep *deps;
	size_t ndeps, cap_deps;
	int current_fact; /* fact being compiled, or -1 */
	int too_large;    /* more than LOAD_MAX_NODES condition or outcome nodes */
	size_t visits;    /* condition mappings and names compiled, aliases expanded */
	size_t nerrors;   /* errors reported through load_err */
	size_t dropped;   /* errors past LOAD_MAX_DIAGS, counted, not kept */
	struct sa_pos dpos; /* where the first of those stands */
	int nomem;        /* an allocation failed: the load ends with SA_ERR_NOMEM */
	size_t cap_onodes, cap_okids; /* invariants' outcome conditions */
};

/* ---- load_yaml.c: the document and its nodes ---------------------------------------------- */

/*
 * Parse buf as exactly one YAML document into L->doc. Returns SA_OK; SA_ERR_RULES after
 * reporting a syntax error, an empty file or a second document; SA_ERR_NOMEM when libyaml runs
 * out of memory.
 */
int y_load(struct loader *L, const char *buf, size_t len);
/* Free L->doc (also after a failed y_load). */
void y_unload(struct loader *L);
ynode *y_root(struct loader *L);

/* The position of n (0, 0 for NULL). */
struct sa_pos y_pos(const ynode *n);
int y_is_map(const ynode *n);
int y_is_seq(const ynode *n);
int y_is_scalar(const ynode *n);
/* The text of a scalar node, or NULL for anything else. */
const char *y_scalar(const ynode *n);
/* A scalar with no text (an empty or null value). */
int y_is_empty(const ynode *n);
int y_is_plain(const ynode *n);
/* "a mapping", "a list", "a scalar", "an empty value" or "nothing", for messages. */
const char *y_kind(const ynode *n);
/* A plain true/false scalar: returns 0 or 1, or -1 when n is not one. */
int y_bool(const ynode *n);
/* A plain decimal integer scalar within int32 range: sets *out and returns 1, else 0. */
int y_int(const ynode *n, int32_t *out);

size_t y_seq_len(const ynode *n); /* 0 for anything but a list */
ynode *y_seq_at(struct loader *L, const ynode *n, size_t i);
size_t y_map_len(const ynode *n); /* 0 for anything but a mapping */
ynode *y_map_key(struct loader *L, const ynode *n, size_t i);
ynode *y_map_value(struct loader *L, const ynode *n, size_t i);
/* The value of key in a mapping, or NULL. */
ynode *y_get(struct loader *L, const ynode *map, const char *key);
/* The same, also setting *keynode (when not NULL) to the key's node, for its position. */
ynode *y_get_entry(struct loader *L, const ynode *map, const char *key, ynode **keynode);

/*
 * Report a problem at n (or without a position when n is NULL). Past LOAD_MAX_DIAGS errors, a
 * problem is only counted (load_finish_diags reports the count).
 */
void load_err(struct loader *L, const ynode *n, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same at position p. */
void load_err_at(struct loader *L, struct sa_pos p, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Check a mapping's keys: every key a scalar, known (in allowed, NULL-terminated; NULL allows
 * any key) and not repeated. what names the mapping in messages ("rule 'x'"). Returns 0 if n is
 * not a mapping.
 */
int y_check_mapping(struct loader *L, const ynode *n, const char *const *allowed,
		    const char *what);
/* A required or optional string field; returns a copy or NULL. */
char *y_get_string(struct loader *L, const ynode *map, const char *key, int required,
		   const char *what);
/* A top-level table: a list, possibly absent. */
ynode *y_get_list(struct loader *L, const ynode *root, const char *key, int required);

/* Nonzero once LOAD_MAX_DIAGS errors are kept: a further one is only counted. */
int load_errors_full(const struct loader *L);
/* After the load: one error saying how many were not kept, if any (L->nomem if it cannot). */
void load_finish_diags(struct loader *L);

/* ---- load_tables.c and load_rule_entries.c: entries and tables ---------------------------- */

/* sa_calloc and strdup that set L->nomem when they fail (strdup of NULL is NULL). */
void *load_calloc(struct loader *L, size_t n, size_t size);
char *load_strdup(struct loader *L, const char *s);
/*
 * Grow an array of *cap elements to hold need; returns the (possibly moved) array, or NULL
 * with L->nomem set when out of memory (p is then left as it was, still the caller's).
 */
void *load_grow(struct loader *L, void *p, size_t *cap, size_t need, size_t size);
/* "rule 'x'" when the entry has a scalar id, else "rule N": for messages about the entry. */
void entry_name(struct loader *L, const ynode *e, const char *kind, size_t index, char *buf,
		size_t size);
/* The position of an entry for --check: its id when it has one, else the entry itself. */
void entry_pos(struct loader *L, const ynode *e, unsigned *line, unsigned *col);
/*
 * Read the id of entry index of table; report a missing, malformed or (through dup, which names
 * what already has the id, or returns NULL) duplicate id. loose allows '-' and '.'.
 */
char *entry_id(struct loader *L, const ynode *e, const char *table, size_t index, int loose,
	       const char *(*dup)(struct loader *, const char *));
/* The 'sources' of an entry: a non-empty list of source ids, resolved into *out. */
void load_source_refs(struct loader *L, const ynode *list, const char *what, size_t **out,
		      size_t *n);
/* A report id, category id or report type; each reports a bad value and returns -1 / 0. */
int load_report(struct loader *L, const ynode *v, const char *what);
int load_category(struct loader *L, const ynode *v);
/* " (did you mean 'x'?)" when best is set, else "". */
void hint_ref(char *buf, size_t size, const char *best);

/* The tables, pass 1 (ids and shapes) and pass 2 (what refers to ids), in the front door's order. */
void load_sources(struct loader *L, const ynode *list);
void load_questions(struct loader *L, const ynode *list);
void load_facts(struct loader *L, const ynode *list);
void load_items(struct loader *L, const ynode *list, enum sa_item_kind kind);
void load_question_defaults(struct loader *L, const ynode *list);
void compile_facts(struct loader *L, const ynode *list);
void stratify_facts(struct loader *L, const ynode *list);
void load_rules(struct loader *L, const ynode *list);
void load_exclusive(struct loader *L, const ynode *list);
/* After a load without errors: indexes the engine reads. SA_OK or SA_ERR_NOMEM. */
int index_rules(sa_rules *r);
int order_items(sa_rules *r, enum sa_item_kind k);
/*
 * Whether question id clashes with one of the reserved option names (NULL: none), itself or
 * as its "no-" form; *which is then the name. The loader reports it, and the built-in model
 * (defaults.c) is checked with it at every load, as a loaded file is.
 */
int load_reserved_clash(const char *const *reserved, const char *id, const char **which);

/* ---- load_cond.c: conditions ------------------------------------------------------------- */

/*
 * The two condition languages, rules' conditions and invariants' outcome conditions, share one
 * shape: a mapping whose keys are ANDed, where 'all' and 'any' take a non-empty list of
 * conditions, 'not' takes one, and every other key is an atom of the language.
 */
struct lang {
	const char *noun;   /* "condition", in messages */
	const char *a_noun; /* "a condition" */
	unsigned char all_kind, any_kind, not_kind;
	int32_t (*compile)(struct loader *L, const ynode *n, int depth);
	int32_t (*atom)(struct loader *L, const ynode *k, const char *ks, const ynode *v);
	int32_t (*group)(struct loader *L, unsigned char kind, const int32_t *kids, size_t n);
};

/* A condition of language g that is a mapping. */
int32_t compile_mapping(struct loader *L, const struct lang *g, const ynode *n, int depth);
/*
 * Count one condition (a mapping, name or value) compiled against LOAD_MAX_NODES: a condition
 * reached through YAML aliases is compiled, and counted, at every use. Returns 0 (and sets
 * L->too_large) past the limit.
 */
int load_visit(struct loader *L);
/* Compile a condition into L->r->nodes; returns its node index, or -1 after reporting. */
int32_t compile_cond(struct loader *L, const ynode *n, int depth);
/* The choice index of an enum answer v of question q, or -1 after reporting. */
int enum_value(struct loader *L, int q, const ynode *v);
/* An int answer v of question q within its range: sets *out and returns 1, else reports. */
int int_value(struct loader *L, int q, const ynode *v, int32_t *out);

/* ---- load_invariants.c: invariants ---------------------------------------------------------- */

void load_invariants(struct loader *L, const ynode *list);

/* ---- load_timeline.c: the timeline section ------------------------------------------------ */

/*
 * Load the `timeline:` key of root (when present) into L->r->timeline; always allocates it.
 * Runs after the advice, questions, sources, rules and invariants are loaded: it binds the
 * questions the planner reads, and checks that no rule produces the deadline advice and no
 * invariant names it (the verifier cannot see the planner's arithmetic: the plan properties
 * test covers it instead).
 */
void load_timeline(struct loader *L, const ynode *root);
/* The interview's part of a rules file: ask_first and checklists (load_interview.c). */
void load_interview(struct loader *L, const ynode *root);

#endif
