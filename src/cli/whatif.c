/*
 * whatif.c - --diff OLD NEW and --what-if ID=VALUE: two sets of answers evaluated, and what
 * changes between their results (the library's sa_diff) written as text, JSON or Markdown.
 *
 * The two sides: with --diff, the answers files OLD and NEW, each with the question flags laid
 * over it (flags apply to both sides); without it, the answers given (--answers and the flags)
 * are the old side. The --what-if answers are laid over the new side, in order, the later one
 * winning; "unknown" (or an empty value) takes an answer away.
 *
 * Exit codes: CLI_EXIT_OK when the scope (reports, their types and categories) is the same,
 * CLI_EXIT_CHANGED when it changed, or the usual error codes.
 */
#include "args.h"
#include "cli.h"
#include "inputs.h"
#include "sa_diff.h"
#include "whatif.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct side {
	struct sa_answers ans;
	struct sa_result res;
	int live;
};

static int usage(const struct cli_args *a)
{
	const char *what = a->diff_old ? "--diff" : "--what-if";
	if (a->batch || a->interactive || a->save_path || a->require_complete || a->summary ||
	    a->list_questions || a->input_format_set) {
		cli_msg("%s compares two results: it cannot be combined with --batch, --interactive, "
			"--save, --require-complete, --summary, --list-questions or --input-format",
			what);
		return CLI_EXIT_USAGE;
	}
	if (a->diff_old && a->answers_path) {
		cli_msg("--diff reads both sides from its two files: --answers cannot be added (flags "
			"apply to both sides)");
		return CLI_EXIT_USAGE;
	}
	if (a->format_set && a->format != CLI_FORMAT_TEXT && a->format != CLI_FORMAT_JSON &&
	    a->format != CLI_FORMAT_MARKDOWN) {
		cli_msg("%s writes text, json or markdown", what);
		return CLI_EXIT_USAGE;
	}
	return CLI_EXIT_OK;
}

/* --what-if ID=VALUE over ans: the answer replaced, or taken away by "unknown" or "". */
static int what_if(const sa_rules *r, struct sa_answers *ans, const char *spec)
{
	const char *eq = strchr(spec, '='), *val, *near;
	char m[CLI_MESSAGE_SIZE], *id;
	int32_t v;
	int q;
	if (!eq || eq == spec) {
		cli_msg("--what-if takes ID=VALUE, not '%s'", spec);
		return CLI_EXIT_USAGE;
	}
	id = strndup(spec, (size_t)(eq - spec));
	if (!id)
		return cli_out_of_memory();
	q = sa_rules_question_find(r, id);
	if (q < 0) {
		near = sa_rules_suggest_question(r, id);
		if (near)
			cli_msg("unknown question '%s' in --what-if (did you mean '%s'?)", id, near);
		else
			cli_msg("unknown question '%s' in --what-if (see --list-questions)", id);
		free(id);
		return CLI_EXIT_USAGE;
	}
	free(id);
	val = eq + 1;
	if (!*val || strcasecmp(val, "unknown") == 0) {
		ans->origin[q] = SA_ORIGIN_NONE;
		ans->value[q] = 0;
		return CLI_EXIT_OK;
	}
	if (sa_answer_parse(r, (size_t)q, val, &v, m, sizeof(m)) != SA_OK) {
		cli_msg("--what-if: %s", m);
		return CLI_EXIT_USAGE;
	}
	ans->value[q] = v;
	ans->origin[q] = SA_ORIGIN_GIVEN;
	return CLI_EXIT_OK;
}

/* One side's answers: the file (may be NULL), then the flags over it. */
static int read_side(const char *path, const sa_rules *r, const struct sa_answers *flags,
		     struct sa_answers *ans)
{
	if (path) {
		int rc = cli_read_answers_file(path, r, ans, NULL);
		if (rc != CLI_EXIT_OK)
			return rc;
	}
	cli_answers_overlay(ans, flags, 1);
	return CLI_EXIT_OK;
}

/* "--what-if a=1, b=2" after prefix (may be empty), the label of the new side; or NULL. */
static char *what_if_label(const struct cli_args *a, const char *prefix)
{
	char *text = NULL;
	size_t len = 0, i;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return NULL;
	fputs(prefix, m);
	if (a->nwhat_if)
		fprintf(m, "%s--what-if ", *prefix ? " with " : "");
	for (i = 0; i < a->nwhat_if; i++)
		fprintf(m, "%s%s", i ? ", " : "", a->what_if[i]);
	if (fclose(m) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

static const char *side_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* Both sides read and evaluated: the diff, written. */
static int compare(const struct cli_args *a, const sa_rules *r, struct side *s, FILE *out)
{
	const char *old_name = a->diff_old ? side_name(a->diff_old) :
			       a->answers_path ? side_name(a->answers_path) : "the answers given";
	char *new_name = what_if_label(a, a->diff_new ? side_name(a->diff_new) : "");
	struct sa_diff d;
	int st, rc;
	if (!new_name)
		return cli_out_of_memory();
	sa_diff_init(&d);
	st = sa_diff_compute(r, &s[0].res, &s[1].res, &d);
	if (st == SA_OK) {
		if (a->format == CLI_FORMAT_JSON)
			st = sa_write_diff_json(out, r, &d, old_name, new_name);
		else if (a->format == CLI_FORMAT_MARKDOWN)
			st = sa_write_diff_markdown(out, r, &d, old_name, new_name);
		else
			st = sa_write_diff_text(out, r, &d, old_name, new_name);
	}
	rc = st == SA_OK ? (d.scope_changed ? CLI_EXIT_CHANGED : CLI_EXIT_OK) :
	     st == SA_ERR_NOMEM ? cli_out_of_memory() : CLI_EXIT_OUTPUT;
	sa_diff_release(&d);
	free(new_name);
	return rc;
}

int cli_whatif(const struct cli_args *a, const sa_rules *r, FILE *out)
{
	struct side s[2];
	struct sa_answers flags;
	size_t i;
	int rc = usage(a), k;
	if (rc != CLI_EXIT_OK)
		return rc;
	memset(s, 0, sizeof(s));
	if (sa_answers_init(&flags, r) != SA_OK)
		return cli_out_of_memory();
	rc = cli_args_answers(a, r, &flags);
	for (k = 0; k < 2 && rc == CLI_EXIT_OK; k++) {
		if (sa_answers_init(&s[k].ans, r) != SA_OK ||
		    sa_result_init(&s[k].res, r) != SA_OK) {
			rc = cli_out_of_memory();
			break;
		}
		s[k].live = 1;
		if (a->diff_old)
			rc = read_side(k ? a->diff_new : a->diff_old, r, &flags, &s[k].ans);
		else if (k == 0)
			rc = read_side(a->answers_path, r, &flags, &s[k].ans);
		else /* the what-if side starts as a copy: standard input is read once */
			sa_answers_copy(&s[1].ans, &s[0].ans);
	}
	for (i = 0; i < a->nwhat_if && rc == CLI_EXIT_OK; i++)
		rc = what_if(r, &s[1].ans, a->what_if[i]);
	if (rc == CLI_EXIT_OK) {
		sa_evaluate(r, &s[0].ans, &s[0].res);
		sa_evaluate(r, &s[1].ans, &s[1].res);
		rc = compare(a, r, s, out);
	}
	for (k = 0; k < 2; k++) {
		sa_answers_release(&s[k].ans);
		if (s[k].live)
			sa_result_release(&s[k].res);
	}
	sa_answers_release(&flags);
	return rc;
}
