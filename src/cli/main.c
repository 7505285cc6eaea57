/*
 * main.c - the socadvise command: a thin front end over the library.
 *
 * main() reads as the table of contents of a run: the options (args.c), then the one mode they
 * ask for, each below in a function of its own. Every path ends at one 'out:' label that frees
 * everything and checks that standard output was really written.
 *
 * Exit codes are the contract of enum cli_exit (cli.h) and the man page.
 */
#include "args.h"
#include "batch.h"
#include "cli.h"
#include "completion.h"
#include "help.h"
#include "inputs.h"
#include "interactive.h"
#include "next.h"
#include "options.h"
#include "sa_csv.h"
#include "sa_summary.h"
#include "save.h"
#include "socadvise.h"
#include "tools.h"
#include "voice.h"
#include "whatif.h"

#include <errno.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef int (*writer_fn)(FILE *f, const sa_rules *r, const struct sa_result *res,
			 const struct sa_output_opts *o);

/* --summary: the compact JSON line, with the writers' signature. */
static int write_summary(FILE *f, const sa_rules *r, const struct sa_result *res,
			 const struct sa_output_opts *o)
{
	(void)o;
	return sa_write_summary(f, r, res, NULL);
}

static writer_fn writer(const struct cli_args *a)
{
	enum cli_format fmt = a->format;
	return a->summary ? write_summary
	       : fmt == CLI_FORMAT_JSON ? sa_write_json
	       : fmt == CLI_FORMAT_MARKDOWN ? sa_write_markdown
	       : fmt == CLI_FORMAT_YAML ? sa_write_yaml
	       : fmt == CLI_FORMAT_CSV ? sa_write_csv
	       : fmt == CLI_FORMAT_ICS ? sa_write_ics : sa_write_text;
}

/*
 * The exit code of a library writer's status on standard output. Out of memory is reported as
 * such; another failure that left no error on the stream (the YAML emitter's own) is reported
 * here; a stream error is reported at 'out:'.
 */
static int written(int status)
{
	if (status == SA_OK)
		return CLI_EXIT_OK;
	if (status == SA_ERR_NOMEM)
		return cli_out_of_memory();
	if (status == SA_ERR_UNAVAILABLE)
		return cli_ics_unavailable();
	if (!ferror(stdout))
		cli_msg("error writing output");
	return CLI_EXIT_OUTPUT;
}

/* Standard output must really have been written: a full disk is an error. */
static int close_stdout(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_msg("error writing output: %s", strerror(errno ? errno : EIO));
		fclose(stdout);
		return rc == CLI_EXIT_OK ? CLI_EXIT_OUTPUT : rc;
	}
	if (fclose(stdout) != 0) {
		cli_msg("error writing output: %s", strerror(errno));
		return rc == CLI_EXIT_OK ? CLI_EXIT_OUTPUT : rc;
	}
	return rc;
}

static int is_stdin(const char *path)
{
	return path && strcmp(path, "-") == 0;
}

/*
 * Standard input can be read once: at most one argument may claim it ('-' as an input file,
 * --batch without a file, or the interview's replies). rules_env: the rules path came from
 * SOCADVISE_RULES.
 */
static int check_stdin(const struct cli_args *a, int rules_env)
{
	const char *claim[6];
	size_t n = 0;
	if (is_stdin(a->rules_path))
		claim[n++] = rules_env ? "SOCADVISE_RULES=-" : "--rules -";
	if (is_stdin(a->answers_path))
		claim[n++] = "--answers -";
	if (a->batch && (!a->batch_path || is_stdin(a->batch_path)))
		claim[n++] = a->batch_path ? "--batch -" : "--batch (without a file)";
	if (is_stdin(a->diff_old))
		claim[n++] = "--diff - (OLD)";
	if (is_stdin(a->diff_new))
		claim[n++] = "--diff - (NEW)";
	/* --interactive with --answers - has its own message (cli_interview_check) */
	if (a->interactive && !is_stdin(a->answers_path))
		claim[n++] = "--interactive (its replies)";
	if (n > 1) {
		cli_msg("%s and %s both read standard input; give one of them a file", claim[0],
			claim[1]);
		return CLI_EXIT_USAGE;
	}
	return CLI_EXIT_OK;
}

/* Usage errors that need no rules. */
static int check_combinations(const struct cli_args *a, int rules_env)
{
	if (a->next_question && (a->interactive || a->batch || a->save_path)) {
		cli_msg("--next-question cannot be combined with --interactive, --batch or --save");
		return CLI_EXIT_USAGE;
	}
	if (a->all_questions && !a->interactive) {
		cli_msg("--all-questions needs --interactive");
		return CLI_EXIT_USAGE;
	}
	if (a->summary && a->format_set && a->format != CLI_FORMAT_JSON) {
		cli_msg("--summary writes one line of JSON: --format must be json");
		return CLI_EXIT_USAGE;
	}
	if (a->input_format_set && !a->batch) {
		cli_msg("--input-format says what --batch reads: give --batch too");
		return CLI_EXIT_USAGE;
	}
	if (is_stdin(a->save_path)) {
		cli_msg("--save - is not allowed: the result is written to standard output; give "
			"--save a file name");
		return CLI_EXIT_USAGE;
	}
	return check_stdin(a, rules_env);
}

/* --check and --verify: the rules tooling loads and reports on the rules file itself. */
static int run_tools(const struct cli_args *a)
{
	struct cli_tools_opts to = {
		a->rules_path, a->check, a->verify,
		!a->format_set || a->format == CLI_FORMAT_TEXT ? CLI_TOOLS_TEXT
		: a->format == CLI_FORMAT_JSON ? CLI_TOOLS_JSON : CLI_TOOLS_OTHER,
		a->npending || a->answers_path || a->batch || a->interactive || a->save_path ||
			a->completion_set || a->list_questions || a->help || a->summary ||
			a->diff_old || a->nwhat_if,
		cli_reserved_names()
	};
	return cli_tools(&to, stdout);
}

/*
 * --version: the program, then the rules in use by name and version. Rules that cannot be
 * loaded are said to be so (their problems are for --check): --version never fails over them.
 */
static int run_version(const struct cli_args *a)
{
	struct sa_diags d;
	struct sa_load_opts lo = { cli_reserved_names() };
	sa_rules *r = NULL;
	printf("socadvise %s\n", SA_VERSION);
	if (is_stdin(a->rules_path)) {
		printf("rules: from standard input (not read by --version)\n");
		return CLI_EXIT_OK;
	}
	sa_diags_init(&d);
	if (sa_rules_load(a->rules_path, &lo, &r, &d) == SA_OK)
		printf("rules: %s %s\n", sa_rules_name(r), sa_rules_version(r));
	else
		printf("rules: '%s' could not be loaded (socadvise --check --rules FILE says why)\n",
		       a->rules_path ? a->rules_path : SA_DEFAULT_RULES_NAME);
	sa_diags_release(&d);
	sa_rules_free(r);
	return CLI_EXIT_OK;
}

/*
 * --help: with the question flags of the rules in use, or, when they cannot be loaded, the
 * options alone (the rules' problems go to standard error): help never depends on them.
 */
static int run_help(const struct cli_args *a)
{
	sa_rules *r = NULL;
	cli_load_rules(a->rules_path, cli_reserved_names(), &r);
	cli_usage(stdout, r);
	sa_rules_free(r);
	return CLI_EXIT_OK;
}

static int run_list_questions(const struct cli_args *a, const sa_rules *r)
{
	switch (a->format) {
	case CLI_FORMAT_JSON:
		return written(sa_write_questions_json(stdout, r, 0));
	case CLI_FORMAT_YAML:
		return written(sa_write_questions_yaml(stdout, r));
	case CLI_FORMAT_MARKDOWN:
		return written(sa_write_questions_markdown(stdout, r));
	case CLI_FORMAT_ICS:
	case CLI_FORMAT_CSV:
		cli_msg("--list-questions writes text, json, yaml or markdown, not %s",
			a->format == CLI_FORMAT_ICS ? "ics" : "csv");
		return CLI_EXIT_USAGE;
	default:
		cli_list_questions(stdout, r);
		return CLI_EXIT_OK;
	}
}

/* The question flags and --answer values alone: two flags that contradict are a usage error. */
static int read_flags(const struct cli_args *a, const sa_rules *r, struct sa_answers *flags)
{
	int rc = cli_args_answers(a, r, flags);
	if (rc == CLI_EXIT_USAGE)
		cli_try_help();
	return rc;
}

/* A batch file read as CSV: --input-format csv, or a name ending in ".csv" (any case). */
static int csv_input(const struct cli_args *a)
{
	size_t n = a->batch_path ? strlen(a->batch_path) : 0;
	if (a->input_format_set)
		return a->input_format == CLI_INPUT_CSV;
	return n > 4 && strcasecmp(a->batch_path + n - 4, ".csv") == 0;
}

/*
 * --batch: question flags are defaults for every line; a line's own answer wins. The output
 * follows the input unless --format or --summary says otherwise: JSON Lines for JSON Lines,
 * CSV for CSV.
 */
static int run_batch(const struct cli_args *a, const sa_rules *r)
{
	int csv = csv_input(a);
	struct cli_batch_opts bo = { a->batch_path, csv,
				     a->summary ? CLI_BATCH_SUMMARY
				     : (a->format_set ? a->format == CLI_FORMAT_CSV : csv) ?
						  CLI_BATCH_CSV :
						  CLI_BATCH_JSON,
				     a->explain_set ? a->explain : SA_EXPLAIN_NONE,
				     a->require_complete, NULL, NULL };
	struct sa_answers defaults;
	int rc;
	if (a->answers_path || a->interactive || a->save_path || a->diff_old || a->nwhat_if) {
		cli_msg("--batch reads its answers from its input: it cannot be combined with "
			"--answers, --interactive, --save, --diff or --what-if");
		return CLI_EXIT_USAGE;
	}
	if (a->format_set && a->format != CLI_FORMAT_JSON && a->format != CLI_FORMAT_CSV) {
		cli_msg("--batch writes JSON Lines or CSV: --format must be json or csv");
		return CLI_EXIT_USAGE;
	}
	if (sa_answers_init(&defaults, r) != SA_OK)
		return cli_out_of_memory();
	rc = read_flags(a, r, &defaults);
	if (rc == CLI_EXIT_OK) {
		bo.defaults = &defaults;
		rc = cli_batch_run(r, &bo, stdout);
	}
	sa_answers_release(&defaults);
	return rc;
}

/*
 * The answers of the command line: the --answers file, then the flags, which override it (a
 * what-if over a saved profile, as a command-line variable overrides a variables file).
 */
static int read_answers(const struct cli_args *a, const sa_rules *r, struct sa_answers *ans,
			struct sa_meta *meta)
{
	struct sa_answers flags;
	int rc;
	if (a->answers_path) {
		rc = cli_read_answers_file(a->answers_path, r, ans, meta);
		if (rc != CLI_EXIT_OK)
			return rc;
	}
	if (sa_answers_init(&flags, r) != SA_OK)
		return cli_out_of_memory();
	rc = read_flags(a, r, &flags);
	if (rc == CLI_EXIT_OK)
		cli_answers_overlay(ans, &flags, 1);
	sa_answers_release(&flags);
	return rc;
}

/* --interactive: pre-filled answers (flags, --answers) are not asked again. */
static int run_interview(const struct cli_args *a, const sa_rules *r,
			 const struct sa_answers *ans, const struct sa_meta *meta)
{
	struct cli_interview iv = {
		r, ans, a->all_questions, a->save_path, writer(a),
		{ a->explain, cli_color_decide(a->color, stdout, 0), 0, meta, cli_text_width(stdout),
		  NULL },
		cli_color_decide(a->color, stderr, 1), stdin, stderr, stdout
	};
	return cli_interview(&iv);
}

/* The answers given, evaluated once and written in the format asked for. */
static int run_once(const struct cli_args *a, const sa_rules *r, const struct sa_answers *ans,
		    const struct sa_meta *meta)
{
	struct sa_output_opts o = { a->explain, cli_color_decide(a->color, stdout, 0), 0, meta,
				    cli_text_width(stdout), NULL };
	struct sa_result res;
	char *resume;
	int rc;
	if (a->save_path) {
		rc = cli_save_answers(a->save_path, r, ans, meta);
		if (rc != CLI_EXIT_OK)
			return rc;
	}
	if (sa_result_init(&res, r) != SA_OK)
		return cli_out_of_memory();
	sa_evaluate(r, ans, &res);
	/* the text ends with the command that takes up the open questions */
	resume = cli_resume_command(r, ans, is_stdin(a->answers_path) ? NULL : a->answers_path,
				    a->save_path);
	o.resume = resume;
	rc = written(writer(a)(stdout, r, &res, &o));
	free(resume);
	if (a->require_complete && !sa_result_is_complete(r, &res) && rc == CLI_EXIT_OK)
		rc = cli_report_incomplete(r, &res);
	sa_result_release(&res);
	return rc;
}

/* The modes that evaluate answers: given on the command line, or asked in an interview. */
static int run_answers(const struct cli_args *a, const sa_rules *r)
{
	struct sa_answers ans;
	struct sa_meta meta;
	int rc;
	/* a calendar needs libical, loaded only now: fail before any question or --save */
	if (a->format == CLI_FORMAT_ICS && !a->summary && !a->next_question &&
	    sa_ics_load() != SA_OK)
		return cli_ics_unavailable();
	if (a->interactive) {
		rc = cli_interview_check(stdin, a->answers_path);
		if (rc != CLI_EXIT_OK)
			return rc;
	}
	if (sa_answers_init(&ans, r) != SA_OK)
		return cli_out_of_memory();
	sa_meta_init(&meta);
	rc = read_answers(a, r, &ans, &meta);
	if (rc == CLI_EXIT_OK && a->next_question)
		rc = cli_next_question(stdout, r, &ans, a->format);
	else if (rc == CLI_EXIT_OK)
		rc = a->interactive ? run_interview(a, r, &ans, &meta) : run_once(a, r, &ans, &meta);
	sa_meta_release(&meta);
	sa_answers_release(&ans);
	return rc;
}

int main(int argc, char **argv)
{
	struct cli_args a;
	sa_rules *r = NULL;
	int rc, rules_env = 0;

	rc = cli_args_init(&a, argc);
	if (rc != CLI_EXIT_OK)
		return rc;
	rc = cli_args_parse(&a, argc, argv);
	if (rc != CLI_EXIT_OK)
		goto out;
	if (argc == 1 && isatty(fileno(stdout))) {
		/* a person at a terminal with no answers: where to start, not a page of "possible" */
		rc = cli_usage_hint(stdout);
		goto out;
	}
	if (!a.rules_path) { /* --rules wins over SOCADVISE_RULES; neither: the built-in rules */
		const char *env = getenv("SOCADVISE_RULES");
		if (env && *env) {
			a.rules_path = env;
			rules_env = 1;
		}
	}
	rc = check_combinations(&a, rules_env);
	if (rc != CLI_EXIT_OK)
		goto out;
	if (a.version) {
		rc = run_version(&a);
		goto out;
	}
	if (a.check || a.verify) {
		rc = run_tools(&a);
		goto out;
	}
	if (a.help) {
		rc = run_help(&a);
		goto out;
	}
	rc = cli_load_rules(a.rules_path, cli_reserved_names(), &r);
	if (rc != CLI_EXIT_OK)
		goto out;
	if (a.start_set)
		sa_rules_set_start_date(r, a.start_date);
	if (a.completion_set)
		rc = cli_completion_write(stdout, a.completion, r);
	else if (a.list_questions)
		rc = run_list_questions(&a, r);
	else if (a.batch)
		rc = run_batch(&a, r);
	else if (a.diff_old || a.nwhat_if)
		rc = cli_whatif(&a, r, stdout);
	else
		rc = run_answers(&a, r);
out:
	sa_rules_free(r);
	cli_args_release(&a);
	return close_stdout(rc);
}
