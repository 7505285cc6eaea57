/*
 * yaml_guard.c - a first pass over a YAML text's parse events that bounds the work of loading it
 * (yaml_guard.h): nesting depth, node count with aliases expanded, and alias cycles.
 *
 * libyaml's loader builds the whole node graph before anyone can look at it, and both its
 * scanner (on deep flow nesting) and the walkers after it (on aliases, which make the graph a
 * DAG or even a cycle) can spend time far out of proportion to the text. The events come one at
 * a time, so this pass stops at the first limit it meets, after a bounded amount of work.
 *
 * Each node's size is counted as if every alias were a copy of the node it names: a scalar is
 * 1, a collection 1 plus its items (keys and values), an alias the size of its anchor's node.
 * An alias met while the node it names is still open is a cycle.
 */
#include "yaml_guard.h"

#include <yaml.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An anchor: its name and, once its node is complete, that node's size (0 while open). */
struct anchor {
	char *name;
	uint64_t size;
	int open;
};

/* Anchors by name, open addressing; a later anchor of the same name replaces the earlier. */
struct anchors {
	struct anchor *slot;
	size_t cap, len;
};

static uint64_t hash_name(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct anchor *find(struct anchors *t, const char *name, int add)
{
	size_t i;
	if (add && (t->len + 1) * 2 > t->cap) {
		struct anchors n = { NULL, t->cap ? t->cap * 2 : 64, 0 };
		n.slot = sa_calloc(n.cap, sizeof(*n.slot));
		if (!n.slot)
			return NULL;
		for (i = 0; i < t->cap; i++) {
			struct anchor *a;
			size_t j;
			if (!t->slot[i].name)
				continue;
			for (j = hash_name(t->slot[i].name) & (n.cap - 1); n.slot[j].name;
			     j = (j + 1) & (n.cap - 1))
				;
			a = &n.slot[j];
			*a = t->slot[i];
			n.len++;
		}
		free(t->slot);
		*t = n;
	}
	if (!t->cap)
		return NULL;
	for (i = hash_name(name) & (t->cap - 1); t->slot[i].name; i = (i + 1) & (t->cap - 1))
		if (strcmp(t->slot[i].name, name) == 0)
			return &t->slot[i];
	if (!add)
		return NULL;
	t->slot[i].name = sa_strdup(name);
	if (!t->slot[i].name)
		return NULL;
	t->len++;
	return &t->slot[i];
}

static void anchors_free(struct anchors *t)
{
	size_t i;
	for (i = 0; i < t->cap; i++)
		free(t->slot[i].name);
	free(t->slot);
}

/* An open collection: its size so far and its anchor, if any. */
struct frame {
	uint64_t size;
	struct anchor *anchor;
	yaml_mark_t start;
};

static void fail(struct yaml_guard *g, const char *code, yaml_mark_t m)
{
	g->code = code;
	g->pos = sa_mark_pos(m.line, m.column);
	if (strcmp(code, "too-deep") == 0)
		snprintf(g->message, sizeof(g->message),
			 "nesting deeper than %zu levels of lists and mappings", g->max_depth);
	else
		snprintf(g->message, sizeof(g->message),
			 "more than %zu YAML nodes, counting each alias as a copy of what it names",
			 g->max_nodes);
}

/* Add a finished node of size n to its parent (or the document). 0 when over the limit. */
static int add_size(struct frame *stack, size_t depth, uint64_t *total, uint64_t n, uint64_t max)
{
	uint64_t *to = depth ? &stack[depth - 1].size : total;
	*to = *to + n > max ? max + 1 : *to + n;
	return *to <= max;
}

int yaml_guard_check(const char *buf, size_t len, struct yaml_guard *g)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct anchors anchors = { NULL, 0, 0 };
	struct frame *stack;
	size_t depth = 0;
	uint64_t total = 0, max = g->max_nodes;
	int rc = SA_OK, done = 0;

	g->code = NULL;
	g->message[0] = '\0';
	stack = sa_calloc(g->max_depth + 1, sizeof(*stack));
	if (!stack)
		return SA_ERR_NOMEM;
	if (!yaml_parser_initialize(&parser)) {
		free(stack);
		return SA_ERR_NOMEM;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	while (!done && rc == SA_OK) {
		const char *anchor = NULL;
		uint64_t n = 0;
		struct anchor *a;
		if (!yaml_parser_parse(&parser, &ev)) {
			/* a syntax error: the loader meets it again and reports it in its words */
			if (parser.error == YAML_MEMORY_ERROR)
				rc = SA_ERR_NOMEM;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_END_EVENT:
			total = 0; /* each document is loaded, and bounded, on its own */
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			anchor = ev.type == YAML_SEQUENCE_START_EVENT ?
					 (const char *)ev.data.sequence_start.anchor :
					 (const char *)ev.data.mapping_start.anchor;
			if (depth >= g->max_depth) {
				fail(g, "too-deep", ev.start_mark);
				rc = SA_ERR_INPUT;
				break;
			}
			stack[depth].size = 1;
			stack[depth].anchor = NULL;
			stack[depth].start = ev.start_mark;
			if (anchor) {
				a = find(&anchors, anchor, 1);
				if (!a) {
					rc = SA_ERR_NOMEM;
					break;
				}
				a->open = 1;
				a->size = 0;
				stack[depth].anchor = a;
			}
			depth++;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			n = stack[depth].size;
			if (stack[depth].anchor) {
				stack[depth].anchor->open = 0;
				stack[depth].anchor->size = n;
			}
			if (!add_size(stack, depth, &total, n, max)) {
				/* at the collection that grew too large */
				fail(g, "too-large", stack[depth ? depth - 1 : 0].start);
				rc = SA_ERR_INPUT;
			}
			break;
		case YAML_SCALAR_EVENT:
			anchor = (const char *)ev.data.scalar.anchor;
			if (anchor) {
				a = find(&anchors, anchor, 1);
				if (!a) {
					rc = SA_ERR_NOMEM;
					break;
				}
				a->open = 0;
				a->size = 1;
			}
			if (!add_size(stack, depth, &total, 1, max)) {
				fail(g, "too-large", ev.start_mark);
				rc = SA_ERR_INPUT;
			}
			break;
		case YAML_ALIAS_EVENT:
			a = find(&anchors, (const char *)ev.data.alias.anchor, 0);
			if (!a)
				break; /* an undefined alias: the loader reports it */
			if (a->open) {
				g->code = "alias-cycle";
				g->pos = sa_mark_pos(ev.start_mark.line, ev.start_mark.column);
				snprintf(g->message, sizeof(g->message),
					 "alias '*%.64s' refers to a node that contains it (an alias cycle)",
					 (const char *)ev.data.alias.anchor);
				rc = SA_ERR_INPUT;
				break;
			}
			if (!add_size(stack, depth, &total, a->size, max)) {
				fail(g, "too-large", ev.start_mark);
				rc = SA_ERR_INPUT;
			}
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	anchors_free(&anchors);
	free(stack);
	return rc;
}
