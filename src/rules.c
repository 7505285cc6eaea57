/*
 * rules.c - load a rules file (YAML, format 1) into its compiled form: the front door of the
 * loader, which reads as the table of contents of a load.
 *
 * A load parses the whole document (load_yaml.c), then checks and compiles it in two passes:
 * the first collects every declared id of the tables (load_tables.c), so definitions may come in
 * any order; the second compiles what refers to ids: defaults and conditions (load_cond.c),
 * rules and their outcomes (load_rule_entries.c), invariants (load_invariants.c), and last the
 * timeline (load_timeline.c). It never stops at the first problem: every problem is a diagnostic
 * with its FILE:LINE:COL, and a file with any error yields no rules object.
 */
#include "json_text.h"
#include "load.h"
#include "plan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define READ_CHUNK 65536 /* first buffer for a rules file; it doubles as needed */

static const char *const top_keys[] = { "format", "name", "version", "description", "sources",
					"questions", "facts", "advice", "steps", "rules",
					"invariants", "timeline", "disclaimer", "ask_first",
					"checklists", NULL };

/* The rules file's header: format, name, version, description, disclaimer. */
static void load_header(struct loader *L, const ynode *root)
{
	sa_rules *r = L->r;
	const ynode *v = y_get(L, root, "format");
	int32_t fmt;
	if (!v)
		load_err(L, root, "missing-key",
			 "the rules file has no 'format' (expected 'format: 1')");
	else if (!y_int(v, &fmt) || fmt != 1)
		load_err(L, v, "bad-value", "unsupported format '%s' (this socadvise reads format 1)",
			 y_scalar(v) ? y_scalar(v) : y_kind(v));
	r->name = y_get_string(L, root, "name", 1, "the rules file");
	r->version = y_get_string(L, root, "version", 1, "the rules file");
	v = y_get(L, root, "description");
	if (v && !y_is_scalar(v))
		load_err(L, v, "wrong-type", "'description' must be a string");
	v = y_get(L, root, "disclaimer");
	if (v && (!y_is_scalar(v) || y_is_empty(v)))
		load_err(L, v, "wrong-type", "'disclaimer' must be a non-empty string");
	else if (v && strpbrk(y_scalar(v), "\r\n"))
		load_err(L, v, "bad-value", "'disclaimer' must be one line");
	else if (v)
		r->disclaimer = load_strdup(L, y_scalar(v));
}

static void load_all(struct loader *L)
{
	const ynode *root = y_root(L), *v, *qs, *fs;
	sa_rules *r = L->r;

	if (!y_check_mapping(L, root, top_keys, "the rules file"))
		return;
	load_header(L, root);
	/* pass 1: the tables and their ids */
	if ((v = y_get_list(L, root, "sources", 1)))
		load_sources(L, v);
	if ((qs = y_get_list(L, root, "questions", 1)))
		load_questions(L, qs);
	if ((fs = y_get_list(L, root, "facts", 0)))
		load_facts(L, fs);
	if ((v = y_get_list(L, root, "advice", 0)))
		load_items(L, v, SA_ITEM_ADVICE);
	if ((v = y_get_list(L, root, "steps", 0)))
		load_items(L, v, SA_ITEM_STEP);
	/* pass 2: everything that refers to ids */
	if (qs)
		load_question_defaults(L, qs);
	load_interview(L, root);
	if (fs) {
		compile_facts(L, fs);
		stratify_facts(L, fs);
	} else {
		r->fact_order = load_calloc(L, 1, sizeof(*r->fact_order));
	}
	if ((v = y_get_list(L, root, "rules", 1)))
		load_rules(L, v);
	if (qs)
		load_exclusive(L, qs);
	if ((v = y_get_list(L, root, "invariants", 0)))
		load_invariants(L, v);
	load_timeline(L, root);
	if (L->too_large)
		load_err(L, root, "too-large", "the conditions are too large (more than %d nodes)",
			 LOAD_MAX_NODES);
	if (index_rules(r) != SA_OK)
		L->nomem = 1;
}

int sa_rules_load_buffer(const char *name, const char *buf, size_t len,
			 const struct sa_load_opts *opts, sa_rules **out, struct sa_diags *diags)
{
	struct loader L;
	size_t before = diags->errors, nbefore = diags->len;
	int rc;

	memset(&L, 0, sizeof(L));
	L.file = name ? name : "<rules>";
	L.d = diags;
	L.opts = opts;
	L.current_fact = -1;
	*out = NULL;
	rc = y_load(&L, buf, len);
	if (rc == SA_ERR_NOMEM || L.nomem) {
		y_unload(&L);
		sa_diags_truncate(diags, nbefore);
		return SA_ERR_NOMEM;
	}
	if (rc == SA_OK) {
		L.r = load_calloc(&L, 1, sizeof(*L.r));
		if (L.r && model_idmaps_new(L.r) != SA_OK)
			L.nomem = 1;
		else if (L.r)
			load_all(&L);
	}
	y_unload(&L);
	free(L.deps);
	if (L.nomem || (diags->errors == before &&
			(order_items(L.r, SA_ITEM_ADVICE) != SA_OK ||
			 order_items(L.r, SA_ITEM_STEP) != SA_OK || json_text_build(L.r) != SA_OK))) {
		sa_rules_free(L.r);
		sa_diags_truncate(diags, nbefore);
		return SA_ERR_NOMEM;
	}
	if (diags->errors > before) {
		sa_rules_free(L.r);
		sa_diags_sort(diags);
		load_finish_diags(&L); /* after the sort: the count comes last */
		if (L.nomem) {
			sa_diags_truncate(diags, nbefore);
			return SA_ERR_NOMEM;
		}
		return SA_ERR_RULES;
	}
	if (sa_index_build(L.r) != SA_OK) {
		sa_rules_free(L.r);
		sa_diags_truncate(diags, nbefore);
		return SA_ERR_NOMEM;
	}
	*out = L.r;
	return SA_OK;
}

int sa_rules_load_file(const char *path, const struct sa_load_opts *opts, sa_rules **out,
		       struct sa_diags *diags)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	int rc;

	*out = NULL;
	if (is_stdin)
		path = "<stdin>";
	if (!f)
		return sa_diags_add(diags, SA_SEV_ERROR, path, 0, 0, "io", "cannot open: %s",
				    strerror(errno)) == SA_OK ? SA_ERR_IO : SA_ERR_NOMEM;
	for (;;) {
		if (cap - len < READ_CHUNK) {
			char *nb;
			cap = cap ? cap * 2 : READ_CHUNK;
			nb = sa_calloc(cap, 1);
			if (!nb) {
				fclose(f);
				free(buf);
				return SA_ERR_NOMEM;
			}
			if (buf)
				memcpy(nb, buf, len);
			free(buf);
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0 || len > LOAD_MAX_BYTES) /* past the limit: the loader reports it */
			break;
	}
	if (ferror(f)) {
		rc = sa_diags_add(diags, SA_SEV_ERROR, path, 0, 0, "io", "cannot read: %s",
				  strerror(errno));
		if (!is_stdin)
			fclose(f);
		free(buf);
		return rc == SA_OK ? SA_ERR_IO : SA_ERR_NOMEM;
	}
	if (!is_stdin)
		fclose(f);
	rc = sa_rules_load_buffer(path, buf, len, opts, out, diags);
	free(buf);
	return rc;
}
