/*
 * tools.c - the front end of --check and --verify: load the rules, run the library's lint or
 * verification, and report. The checks themselves live in the library (check.c, verify.c); this
 * file only formats and measures time, which the pure core does not.
 *
 * Both exit 3 (the rules file is invalid) on an error or a violated invariant: an invariant is
 * part of the rules file, so a file whose rules break it is as unusable as one with a typo.
 *
 * What the reports quote from outside (file names, the rules' texts and ids in messages) is
 * written through put(), with its non-printable bytes as visible escapes (sa_escape.h).
 */
#include "cli.h"
#include "tools.h"
#include "sa_check.h"
#include "sa_escape.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Write text from outside on one line: every non-printable byte, newline too, escaped. */
static void put(FILE *f, const char *s)
{
	sa_escape_puts(f, s, 0);
}

/* FILE:LINE:COL: severity: message [code] */
static void print_diag(FILE *f, const struct sa_diag *g)
{
	const char *sev = g->severity == SA_SEV_WARNING ? "warning" : "error";
	if (g->file) {
		put(f, g->file);
		if (g->line)
			fprintf(f, ":%u:%u", g->line, g->col);
		fputs(": ", f);
	}
	fprintf(f, "%s: ", sev);
	put(f, g->message);
	fputs(" [", f);
	put(f, g->code);
	fputs("]\n", f);
}

static int load(const struct cli_tools_opts *o, sa_rules **r, struct sa_diags *d)
{
	struct sa_load_opts lo = { o->reserved };
	return sa_rules_load(o->rules_path, &lo, r, d);
}

static const char *file_name(const struct cli_tools_opts *o)
{
	const char *path = o->rules_path;
	return path ? (strcmp(path, "-") == 0 ? "<stdin>" : path) : SA_DEFAULT_RULES_NAME;
}

static int run_check(const struct cli_tools_opts *o, FILE *out)
{
	struct sa_diags d;
	sa_rules *r = NULL;
	size_t i, warnings = 0;
	int rc;

	sa_diags_init(&d);
	rc = load(o, &r, &d);
	if (rc == SA_OK)
		rc = sa_rules_check(r, file_name(o), &d);
	if (rc == SA_ERR_NOMEM) {
		sa_diags_release(&d);
		sa_rules_free(r);
		return cli_out_of_memory();
	}
	sa_diags_sort(&d);
	for (i = 0; i < d.len; i++)
		if (d.items[i].severity == SA_SEV_WARNING)
			warnings++;
	if (o->format == CLI_TOOLS_JSON) {
		/* a stream error is reported by the caller's final check of the stream */
		if (sa_diags_write_json(out, file_name(o), &d) == SA_ERR_NOMEM) {
			sa_diags_release(&d);
			sa_rules_free(r);
			return cli_out_of_memory();
		}
	} else {
		for (i = 0; i < d.len; i++)
			print_diag(out, &d.items[i]);
		if (d.errors || warnings)
			cli_msg("%s: %zu error%s, %zu warning%s", file_name(o), d.errors,
			    d.errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
		else
			cli_msg("%s: no problems found", file_name(o));
	}
	rc = d.errors ? CLI_EXIT_RULES : CLI_EXIT_OK;
	sa_diags_release(&d);
	sa_rules_free(r);
	return rc;
}

/* Doubles hold every whole number up to 2^53 exactly. */
#define DOUBLE_EXACT_LIMIT 9007199254740992.0
/* A count as count_text writes it: at most 16 digits, or "d.dde+NNN". */
#define COUNT_TEXT_SIZE 32

/* A count of answer sets: exact while a double holds it exactly, else in scientific notation. */
static const char *count_text(double n, char *buf, size_t size)
{
	if (n < DOUBLE_EXACT_LIMIT)
		snprintf(buf, size, "%.0f", n);
	else
		snprintf(buf, size, "%.3g", n);
	return buf;
}

/* The first size tried for a text the library writes into a caller's buffer; doubled as needed. */
#define TEXT_FIRST_SIZE 256

/*
 * The library's flags of a counterexample, or its description of an invariant's outcome, whole:
 * the library cuts its text at the buffer's size, so the buffer grows until the text fits.
 * NULL when out of memory.
 */
static char *whole_text(const sa_rules *r, size_t i, const struct sa_answers *a,
			const struct sa_result *res)
{
	size_t size = TEXT_FIRST_SIZE;
	for (;;) {
		char *buf = malloc(size);
		if (!buf)
			return NULL;
		if (a)
			sa_answers_format_flags(r, a, buf, size);
		else
			sa_invariant_describe(r, i, res, buf, size);
		if (strlen(buf) + 1 < size)
			return buf;
		free(buf);
		size *= 2;
	}
}

/* Report a violated invariant with its counterexample; returns an enum cli_exit. */
static int print_violation(FILE *f, const struct cli_tools_opts *o, const sa_rules *r, size_t i,
			   const struct sa_verify_result *v, struct sa_result *res)
{
	unsigned line, col;
	size_t q, n = 0;
	char *flags, *outcome;
	const char *path = o->rules_path;

	sa_invariant_position(r, i, &line, &col);
	for (q = 0; q < sa_rules_question_count(r); q++)
		if (v->counterexample.origin[q] == SA_ORIGIN_GIVEN)
			n++;
	put(f, file_name(o));
	fprintf(f, ":%u:%u: error: invariant '%s' is violated: ", line, col, sa_invariant_id(r, i));
	put(f, sa_invariant_description(r, i));
	fputs(" [invariant-violated]\n", f);
	fprintf(f, "  counterexample (%zu answer%s, scope %s; every other question unanswered%s):\n",
		n, n == 1 ? "" : "s", sa_invariant_scope(r, i),
		v->forced ? ", and answering them cannot repair it" : "");
	flags = whole_text(r, i, &v->counterexample, NULL);
	if (!flags)
		return cli_out_of_memory();
	fprintf(f, "    socadvise%s", path ? " --rules " : "");
	put(f, path);
	fputs(*flags ? " " : "", f);
	put(f, flags);
	fputc('\n', f);
	free(flags);
	fputs("    answers: ", f);
	if (sa_answers_write_json(f, r, &v->counterexample) == SA_ERR_NOMEM)
		return cli_out_of_memory();
	sa_evaluate(r, &v->counterexample, res);
	outcome = whole_text(r, i, NULL, res);
	if (!outcome)
		return cli_out_of_memory();
	fputs("  outcome: ", f);
	put(f, outcome);
	fputc('\n', f);
	free(outcome);
	return CLI_EXIT_OK;
}

static int run_verify(const struct cli_tools_opts *o, FILE *out)
{
	struct sa_diags d;
	sa_rules *r = NULL;
	struct sa_verify_result *v = NULL;
	struct sa_result res;
	double *secs = NULL, start, total = 0;
	size_t i, n, violated = 0, exhausted = 0;
	int rc = CLI_EXIT_OK;
	char buf[COUNT_TEXT_SIZE];

	sa_diags_init(&d);
	rc = load(o, &r, &d);
	if (rc != SA_OK) {
		for (i = 0; i < d.len; i++)
			print_diag(stderr, &d.items[i]);
		sa_diags_release(&d);
		return rc == SA_ERR_NOMEM ? cli_out_of_memory() : CLI_EXIT_RULES;
	}
	sa_diags_release(&d);
	n = sa_rules_invariant_count(r);
	if (!n) {
		put(out, file_name(o));
		fputs(" declares no invariants\n", out);
		sa_rules_free(r);
		return CLI_EXIT_OK;
	}
	v = calloc(n, sizeof(*v));
	secs = calloc(n, sizeof(*secs));
	if (!v || !secs) {
		free(v);
		free(secs);
		sa_rules_free(r);
		return cli_out_of_memory();
	}
	if (sa_result_init(&res, r) != SA_OK) {
		free(v);
		free(secs);
		sa_rules_free(r);
		return cli_out_of_memory();
	}
	for (i = 0; i < n; i++) {
		start = now();
		/* SA_ERR_RULES is an exhausted search budget: v[i].exhausted says so below */
		if (sa_verify_result_init(&v[i], r) != SA_OK ||
		    sa_verify_invariant(r, i, &v[i]) == SA_ERR_NOMEM) {
			rc = cli_out_of_memory();
			break;
		}
		secs[i] = now() - start;
		total += secs[i];
		if (v[i].exhausted) {
			unsigned line, col;
			sa_invariant_position(r, i, &line, &col);
			fprintf(out, "%s:%u:%u: error: invariant '%s' could not be verified: the search "
				     "budget of %llu evaluations is exhausted [search-budget]\n",
				file_name(o), line, col, sa_invariant_id(r, i), v[i].budget);
			exhausted++;
		} else if (!v[i].holds) {
			violated++;
			if (rc == CLI_EXIT_OK)
				rc = print_violation(out, o, r, i, &v[i], &res);
		}
	}
	if (rc != CLI_EXIT_OK) {
		/* out of memory, reported */
	} else if (violated || exhausted) {
		if (violated)
			cli_msg("%s: %zu of %zu invariant%s violated", file_name(o), violated, n,
			    n == 1 ? "" : "s");
		if (exhausted)
			cli_msg("%s: %zu of %zu invariant%s not verified: search budget exhausted",
			    file_name(o), exhausted, n, n == 1 ? "" : "s");
	} else {
		put(out, file_name(o));
		fprintf(out, ": %zu invariant%s hold%s for every answer set (%.3f s)\n", n,
			n == 1 ? "" : "s", n == 1 ? "s" : "", total);
		for (i = 0; i < n; i++)
			fprintf(out, "  %-32s %-8s %s answer sets, %llu evaluations, %.3f s\n",
				sa_invariant_id(r, i), sa_invariant_scope(r, i),
				count_text(v[i].space, buf, sizeof(buf)), v[i].evaluations, secs[i]);
	}
	for (i = 0; i < n; i++)
		sa_verify_result_release(&v[i]);
	free(v);
	free(secs);
	sa_result_release(&res);
	sa_rules_free(r);
	return rc != CLI_EXIT_OK ? rc : violated || exhausted ? CLI_EXIT_RULES : CLI_EXIT_OK;
}

int cli_tools(const struct cli_tools_opts *o, FILE *out)
{
	int rc = CLI_EXIT_OK;
	if (o->with_answers) {
		cli_msg("--check and --verify examine the rules file: they take no answers and no other mode");
		return CLI_EXIT_USAGE;
	}
	if (o->format == CLI_TOOLS_OTHER || (o->verify && o->format == CLI_TOOLS_JSON)) {
		cli_msg("%s", o->verify ? "--verify writes text only" :
				      "--check writes text or json");
		return CLI_EXIT_USAGE;
	}
	if (o->check)
		rc = run_check(o, out);
	if (rc == CLI_EXIT_OK && o->verify)
		rc = run_verify(o, out);
	return rc;
}
