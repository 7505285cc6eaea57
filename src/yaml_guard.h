/*
 * yaml_guard.h - bound the work of loading a YAML text before libyaml's loader sees it: the
 * rules loader (load_yaml.c) and the YAML answers reader (answers_yaml.c) run this first.
 */
#ifndef SA_YAML_GUARD_H
#define SA_YAML_GUARD_H

#include "internal.h"

#include <stddef.h>

struct yaml_guard {
	size_t max_depth; /* nesting of lists and mappings */
	size_t max_nodes; /* nodes of one document, each alias counted as a copy of what it names */
	/* set when a limit is met: a diagnostic code, its position and its message */
	const char *code; /* "too-deep", "too-large" or "alias-cycle" */
	struct sa_pos pos;
	char message[160];
};

/*
 * Walk the parse events of buf (at most up to the first limit met). Returns SA_OK when every
 * limit holds (a syntax error too: the loader then reports it), SA_ERR_INPUT with g->code,
 * g->pos and g->message set when one does not, SA_ERR_NOMEM when memory runs out.
 */
int yaml_guard_check(const char *buf, size_t len, struct yaml_guard *g);

#endif
