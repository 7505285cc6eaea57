/*
 * defaults.c - the default rules embedded at build time: their YAML text (sa_default_rules)
 * and their compiled model (default_model.h), which sa_rules_load hands out when no rules file
 * is given, without parsing anything.
 *
 * The model was loaded at build time with every check of the loader but one: the reserved
 * option names are the caller's (sa_load_opts), so they are checked here at each load. When
 * one clashes, the text is loaded by the loader after all, so that the diagnostics are exactly
 * those of any rules file.
 */
#include "default_model.h"
#include "load.h"
#include "plan.h"

#include <stdlib.h>
#include <string.h>

extern const unsigned char sa_default_rules_data[];
extern const size_t sa_default_rules_data_len;

const char *sa_default_rules(size_t *len)
{
	*len = sa_default_rules_data_len;
	return (const char *)sa_default_rules_data;
}

static int clashes(const struct sa_load_opts *opts)
{
	const char *which;
	size_t i;
	if (!opts || !opts->reserved)
		return 0;
	for (i = 0; i < sa_default_model.nquestions; i++)
		if (load_reserved_clash(opts->reserved, sa_default_model.questions[i].id, &which))
			return 1;
	return 0;
}

/* The built-in model: a copy of its root and of its timeline (whose start date is today's,
 * and may be changed) with its own evaluation index, the rest shared. */
static int load_builtin(sa_rules **out)
{
	sa_rules *r = sa_calloc(1, sizeof(*r));
	struct sa_timeline *t = NULL;
	if (!r)
		return SA_ERR_NOMEM;
	if (sa_default_model.timeline && !(t = sa_calloc(1, sizeof(*t)))) {
		free(r);
		return SA_ERR_NOMEM;
	}
	memcpy(r, &sa_default_model, sizeof(*r));
	if (t) {
		memcpy(t, sa_default_model.timeline, sizeof(*t));
		t->start = sa_date_today();
		r->timeline = t;
	}
	/* the evaluation index (index.c) is derived, not compiled in: a few microseconds */
	if (sa_index_build(r) != SA_OK) {
		free(t);
		free(r);
		return SA_ERR_NOMEM;
	}
	*out = r;
	return SA_OK;
}

int sa_rules_load(const char *path, const struct sa_load_opts *opts, sa_rules **out,
		  struct sa_diags *diags)
{
	*out = NULL;
	if (path)
		return sa_rules_load_file(path, opts, out, diags);
	if (clashes(opts))
		return sa_rules_load_buffer(SA_DEFAULT_RULES_NAME,
					    (const char *)sa_default_rules_data,
					    sa_default_rules_data_len, opts, out, diags);
	return load_builtin(out);
}
