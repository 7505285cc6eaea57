/*
 * cli_args.c - unit tests of the command line's two passes (src/cli/args.c): the built-in
 * options, their value words from the option table, "--" and stray arguments (pass 1), then
 * question flags, --no-x, --x=value, --x value and --answer id=value against loaded rules, with
 * the messages of unknown options (did you mean), missing values and conflicting answers
 * (pass 2), and the option lines of --help made from the same table. Each case echoes its
 * arguments when it fails; the messages on standard error are captured and compared whole.
 */
#include "support.h"

#include <unistd.h>

#include "args.h"
#include "cli.h"

#define MAX_ARGS 8

static const char rules_text[] =
	"format: 1\n"
	"name: args\n"
	"version: \"1\"\n"
	"sources:\n"
	"  - {id: s, title: A source, url: \"https://example.org/s\"}\n"
	"questions:\n"
	"  - {id: payroll, type: bool, prompt: \"Payroll?\"}\n"
	"  - {id: role, type: enum, choices: [provider, customer], prompt: \"Role?\"}\n"
	"  - {id: controls_months, type: int, min: 0, max: 120, prompt: \"Months?\"}\n"
	"rules:\n"
	"  - id: soc1\n"
	"    when: payroll\n"
	"    recommend: soc1\n"
	"    because: \"Payroll.\"\n"
	"    sources: [s]\n";

/* ---- standard error, captured ----------------------------------------------------------- */

struct capture {
	FILE *tmp;
	int saved;
};

static void capture_start(struct capture *c)
{
	fflush(stderr);
	c->tmp = tmpfile();
	assert_non_null(c->tmp);
	c->saved = dup(STDERR_FILENO);
	assert_true(c->saved >= 0);
	assert_true(dup2(fileno(c->tmp), STDERR_FILENO) >= 0);
}

/* What was written to standard error since capture_start, into buf. */
static const char *capture_end(struct capture *c, char *buf, size_t size)
{
	size_t n;
	fflush(stderr);
	dup2(c->saved, STDERR_FILENO);
	close(c->saved);
	rewind(c->tmp);
	n = fread(buf, 1, size - 1, c->tmp);
	buf[n] = '\0';
	fclose(c->tmp);
	return buf;
}

/* ---- the parsed state, as one comparable line ------------------------------------------- */

/* Append label and then value to buf. */
static void put(char *buf, size_t size, const char *label, const char *value)
{
	size_t len = strlen(buf);
	snprintf(buf + len, size - len, "%s%s", label, value);
}

static const char *describe(const struct cli_args *a, char *buf, size_t size)
{
	static const char *const formats[] = { "text", "json", "markdown", "yaml" };
	static const char *const colors[] = { "auto", "always", "never" };
	static const char *const shells[] = { "bash", "zsh" };
	size_t i;
	buf[0] = '\0';
	if (a->help)
		put(buf, size, " help", "");
	if (a->version)
		put(buf, size, " version", "");
	if (a->rules_path)
		put(buf, size, " rules=", a->rules_path);
	if (a->format_set)
		put(buf, size, " format=", formats[a->format]);
	if (a->explain_set)
		put(buf, size, " explain=",
		    a->explain == SA_EXPLAIN_NONE      ? "none"
		    : a->explain == SA_EXPLAIN_REASONS ? "reasons"
		    : a->explain == SA_EXPLAIN_FULL    ? "full" : "?");
	if (a->color != CLI_COLOR_AUTO)
		put(buf, size, " color=", colors[a->color]);
	if (a->answers_path)
		put(buf, size, " answers=", a->answers_path);
	if (a->batch)
		put(buf, size, " batch=", a->batch_path ? a->batch_path : "(stdin)");
	if (a->require_complete)
		put(buf, size, " require-complete", "");
	if (a->completion_set)
		put(buf, size, " completion=", shells[a->completion]);
	if (a->list_questions)
		put(buf, size, " list-questions", "");
	if (a->interactive)
		put(buf, size, " interactive", "");
	if (a->all_questions)
		put(buf, size, " all-questions", "");
	if (a->save_path)
		put(buf, size, " save=", a->save_path);
	if (a->check)
		put(buf, size, " check", "");
	if (a->verify)
		put(buf, size, " verify", "");
	for (i = 0; i < a->npending; i++)
		put(buf, size, i ? "|" : " pending=", a->pending[i]);
	return buf[0] ? buf + 1 : buf;
}

static const char *describe_answers(const sa_rules *r, const struct sa_answers *ans, char *buf,
				    size_t size)
{
	size_t q;
	char v[SA_VALUE_SIZE];
	buf[0] = '\0';
	for (q = 0; q < sa_rules_question_count(r); q++) {
		if (ans->origin[q] != SA_ORIGIN_GIVEN)
			continue;
		put(buf, size, buf[0] ? " " : "", sa_question_id(r, q));
		put(buf, size, "=", sa_question_format_value(r, q, ans->value[q], v, sizeof(v)));
	}
	return buf;
}

static int argc_of(const char *const *args)
{
	int n = 0;
	while (n < MAX_ARGS && args[n])
		n++;
	return n + 1;
}

/* argv[0] = "socadvise", then args; the strings are only read. */
static void make_argv(const char *const *args, char **argv)
{
	int i;
	argv[0] = (char *)"socadvise";
	for (i = 0; i < MAX_ARGS && args[i]; i++)
		argv[i + 1] = (char *)args[i];
	argv[i + 1] = NULL;
}

/* ---- pass 1 ------------------------------------------------------------------------------ */

struct pass1_case {
	const char *args[MAX_ARGS];
	int rc;
	const char *state;  /* describe() after a successful parse */
	const char *stderr; /* exactly what was reported */
};

#define TRY "Try 'socadvise --help' for more information.\n"

static void test_pass1(void **state)
{
	static const struct pass1_case cases[] = {
		/* flags, short and long */
		{ { "--help" }, CLI_EXIT_OK, "help", "" },
		{ { "-h", "-V" }, CLI_EXIT_OK, "help version", "" },
		{ { "-i", "--all-questions", "--save", "s.json" }, CLI_EXIT_OK,
		  "interactive all-questions save=s.json", "" },
		{ { "--check", "--verify", "--rules", "r.yaml" }, CLI_EXIT_OK,
		  "rules=r.yaml check verify", "" },
		{ { "--list-questions", "--require-complete" }, CLI_EXIT_OK,
		  "require-complete list-questions", "" },
		/* values from the option table: --x=value and --x value */
		{ { "--format=json" }, CLI_EXIT_OK, "format=json", "" },
		{ { "-f", "markdown" }, CLI_EXIT_OK, "format=markdown", "" },
		{ { "--format", "xml" }, CLI_EXIT_USAGE, NULL,
		  "socadvise: unknown format 'xml' (formats: text, json, markdown, yaml, csv, ics)\n" },
		{ { "--color=always" }, CLI_EXIT_OK, "color=always", "" },
		{ { "--color", "sometimes" }, CLI_EXIT_USAGE, NULL,
		  "socadvise: unknown colour setting 'sometimes' (auto, always, never)\n" },
		{ { "--completion=zsh" }, CLI_EXIT_OK, "completion=zsh", "" },
		{ { "--completion", "fish" }, CLI_EXIT_USAGE, NULL,
		  "socadvise: unknown shell 'fish' for --completion (bash, zsh)\n" },
		/* an optional value: alone it is the implicit one; an option after it is no value */
		{ { "--explain" }, CLI_EXIT_OK, "explain=full", "" },
		{ { "-e", "none" }, CLI_EXIT_OK, "explain=none", "" },
		{ { "--explain", "--payroll" }, CLI_EXIT_OK, "explain=full pending=--payroll", "" },
		{ { "--explain=loud" }, CLI_EXIT_USAGE, NULL,
		  "socadvise: unknown explanation level 'loud' (none, reasons, full)\n" },
		{ { "--batch" }, CLI_EXIT_OK, "batch=(stdin)", "" },
		{ { "--batch", "-" }, CLI_EXIT_OK, "batch=-", "" },
		{ { "--batch", "in.jsonl", "--explain" }, CLI_EXIT_OK, "explain=full batch=in.jsonl",
		  "" },
		/* missing and unwanted values */
		{ { "--rules" }, CLI_EXIT_USAGE, NULL,
		  "socadvise: option '--rules' needs a value (FILE)\n" TRY },
		{ { "--help=yes" }, CLI_EXIT_USAGE, NULL,
		  "socadvise: option '--help' takes no value\n" TRY },
		{ { "--answers", "a.yaml", "--answers", "b.yaml" }, CLI_EXIT_USAGE, NULL,
		  "socadvise: --answers given twice\n" },
		/* unknown short options and stray arguments */
		{ { "-x" }, CLI_EXIT_USAGE, NULL, "socadvise: unknown option '-x'\n" TRY },
		/* attached short values, and choices in any case */
		{ { "-fjson" }, CLI_EXIT_OK, "format=json", "" },
		{ { "-fJSON" }, CLI_EXIT_OK, "format=json", "" },
		{ { "--format", "Markdown" }, CLI_EXIT_OK, "format=markdown", "" },
		{ { "-fjsn" }, CLI_EXIT_USAGE, NULL,
		  "socadvise: unknown format 'jsn' (did you mean 'json'? formats: text, json, markdown, yaml, csv, ics)\n" },
		{ { "-ih" }, CLI_EXIT_USAGE, NULL, "socadvise: unknown option '-ih'\n" TRY },
		{ { "stray" }, CLI_EXIT_USAGE, NULL, "socadvise: unexpected argument 'stray'\n" TRY },
		/* "--" ends the options and must be last */
		{ { "--payroll", "--" }, CLI_EXIT_OK, "pending=--payroll", "" },
		{ { "--", "more" }, CLI_EXIT_USAGE, NULL, "socadvise: unexpected argument 'more'\n" TRY },
		/* question flags and --answer are kept in order for pass 2 */
		{ { "--answer", "role=customer", "-a", "payroll=yes" }, CLI_EXIT_OK,
		  "pending=--answer|role=customer|--answer|payroll=yes", "" },
		{ { "--controls-months", "3", "--role=provider" }, CLI_EXIT_OK,
		  "pending=--controls-months|3|--role=provider", "" },
		/* --no-x takes no value: the next word is not kept for it */
		{ { "--no-payroll", "x" }, CLI_EXIT_USAGE, NULL,
		  "socadvise: unexpected argument 'x'\n" TRY },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct pass1_case *c = &cases[i];
		char *argv[MAX_ARGS + 2], got[512], err[1024];
		struct cli_args a;
		struct capture cap;
		int rc, argc = argc_of(c->args);
		make_argv(c->args, argv);
		assert_int_equal(cli_args_init(&a, argc), CLI_EXIT_OK);
		capture_start(&cap);
		rc = cli_args_parse(&a, argc, argv);
		capture_end(&cap, err, sizeof(err));
		if (rc != c->rc || strcmp(err, c->stderr) != 0 ||
		    (c->state && strcmp(describe(&a, got, sizeof(got)), c->state) != 0)) {
			print_error("case %zu: %s %s ...: status %d (expected %d), state '%s' "
				    "(expected '%s'), stderr:\n%s(expected:\n%s)\n",
				    i, c->args[0], c->args[1] ? c->args[1] : "", rc, c->rc,
				    describe(&a, got, sizeof(got)), c->state ? c->state : "-", err,
				    c->stderr);
			fail();
		}
		cli_args_release(&a);
	}
}

/* ---- pass 2 ------------------------------------------------------------------------------ */

struct pass2_case {
	const char *args[MAX_ARGS];
	int rc;
	const char *answers; /* the answers given, "id=value ..." */
	const char *stderr;
};

static int setup(void **state)
{
	*state = load_ok(rules_text);
	return 0;
}

static int teardown(void **state)
{
	sa_rules_free(*state);
	return 0;
}

static void run_pass2(const sa_rules *r, const struct pass2_case *c, size_t i)
{
	char *argv[MAX_ARGS + 2], got[512], err[1024];
	struct cli_args a;
	struct sa_answers ans;
	struct capture cap;
	int rc, argc = argc_of(c->args);
	make_argv(c->args, argv);
	assert_int_equal(cli_args_init(&a, argc), CLI_EXIT_OK);
	assert_int_equal(sa_answers_init(&ans, r), SA_OK);
	capture_start(&cap);
	rc = cli_args_parse(&a, argc, argv);
	if (rc == CLI_EXIT_OK)
		rc = cli_args_answers(&a, r, &ans);
	capture_end(&cap, err, sizeof(err));
	describe_answers(r, &ans, got, sizeof(got));
	if (rc != c->rc || strcmp(err, c->stderr) != 0 || strcmp(got, c->answers) != 0) {
		print_error("case %zu: %s %s ...: status %d (expected %d), answers '%s' (expected "
			    "'%s'), stderr:\n%s(expected:\n%s)\n",
			    i, c->args[0], c->args[1] ? c->args[1] : "", rc, c->rc, got, c->answers,
			    err, c->stderr);
		fail();
	}
	sa_answers_release(&ans);
	cli_args_release(&a);
}

static void test_pass2(void **state)
{
	static const struct pass2_case cases[] = {
		/* flags, --no-x, --x=value, --x value; '-' and '_' interchangeable */
		{ { "--payroll" }, CLI_EXIT_OK, "payroll=true", "" },
		{ { "--no-payroll" }, CLI_EXIT_OK, "payroll=false", "" },
		{ { "--payroll=no" }, CLI_EXIT_OK, "payroll=false", "" },
		{ { "--role", "customer" }, CLI_EXIT_OK, "role=customer", "" },
		{ { "--role=provider", "--controls_months=12" }, CLI_EXIT_OK,
		  "role=provider controls_months=12", "" },
		{ { "--controls-months", "7" }, CLI_EXIT_OK, "controls_months=7", "" },
		/* --answer id=value */
		{ { "--answer", "role=customer", "-a", "payroll=yes" }, CLI_EXIT_OK,
		  "payroll=true role=customer", "" },
		{ { "--answer", "role" }, CLI_EXIT_USAGE, "",
		  "socadvise: --answer takes ID=VALUE, not 'role'\n" },
		{ { "--answer", "=customer" }, CLI_EXIT_USAGE, "",
		  "socadvise: --answer takes ID=VALUE, not '=customer'\n" },
		{ { "--answer", "rol=customer" }, CLI_EXIT_USAGE, "",
		  "socadvise: unknown question 'rol' in --answer (did you mean 'role'?)\n" },
		{ { "--answer", "zzzz=1" }, CLI_EXIT_USAGE, "",
		  "socadvise: unknown question 'zzzz' in --answer (see --list-questions)\n" },
		/* unknown options: did you mean a question, or a built-in option */
		{ { "--payrol" }, CLI_EXIT_USAGE, "",
		  "socadvise: unknown option '--payrol' (did you mean '--payroll'?)\n" },
		{ { "--controls_month=3" }, CLI_EXIT_USAGE, "",
		  "socadvise: unknown option '--controls_month' (did you mean "
		  "'--controls-months'?)\n" },
		{ { "--formt", "json" }, CLI_EXIT_USAGE, "",
		  "socadvise: unknown option '--formt' (did you mean '--format'?)\n" },
		{ { "--zzzzzz" }, CLI_EXIT_USAGE, "",
		  "socadvise: unknown option '--zzzzzz' (see --help for options and question "
		  "flags)\n" },
		{ { "--no-role" }, CLI_EXIT_USAGE, "",
		  "socadvise: unknown option '--no-role' (see --help for options and question "
		  "flags)\n" },
		/* missing, unwanted and bad values */
		{ { "--role" }, CLI_EXIT_USAGE, "",
		  "socadvise: option '--role' needs a value (--role=VALUE)\n" },
		{ { "--controls_months" }, CLI_EXIT_USAGE, "",
		  "socadvise: option '--controls_months' needs a value (--controls-months=N)\n" },
		{ { "--no-payroll=yes" }, CLI_EXIT_USAGE, "",
		  "socadvise: option '--no-payroll' takes no value\n" },
		{ { "--payroll", "extra" }, CLI_EXIT_USAGE, "",
		  "socadvise: unexpected argument 'extra'\n" },
		{ { "--role=vendor" }, CLI_EXIT_USAGE, "",
		  "socadvise: --role: 'vendor' is not a choice of 'role' (choices: provider, "
		  "customer)\n" },
		{ { "--controls-months", "500" }, CLI_EXIT_USAGE, "",
		  "socadvise: --controls-months: 500 is out of range for 'controls_months' (allowed: "
		  "0 to 120)\n" },
		/* answering twice: the same value is fine, a different one conflicts */
		{ { "--payroll", "--answer", "payroll=true" }, CLI_EXIT_OK, "payroll=true", "" },
		{ { "--payroll", "--no-payroll" }, CLI_EXIT_USAGE, "payroll=true",
		  "socadvise: --no-payroll: 'payroll' answered twice with different values (true, "
		  "then false)\n" },
		{ { "--answer", "role=customer", "--role", "provider" }, CLI_EXIT_USAGE,
		  "role=customer",
		  "socadvise: --role: 'role' answered twice with different values (customer, then "
		  "provider)\n" },
	};
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_pass2(*state, &cases[i], i);
}

/* An id longer than any question's (and than any old fixed buffer) is echoed whole, not cut. */
static void test_long_flag(void **state)
{
	char flag[2 + 300 + 4], expected[sizeof(flag) + 100];
	struct pass2_case c = { { flag }, CLI_EXIT_USAGE, "", expected };
	memset(flag, 'x', sizeof(flag) - 1);
	flag[0] = flag[1] = '-';
	memcpy(flag + sizeof(flag) - 4, "END", 4);
	snprintf(expected, sizeof(expected),
		 "socadvise: unknown option '%s' (see --help for options and question flags)\n",
		 flag);
	run_pass2(*state, &c, 0);
}

/* --help's option lines are made from the option table's value words. */
static void test_options_usage(void **state)
{
	static const char *const lines[] = {
		"  -f, --format FORMAT        output format: text (default), json, markdown, yaml, csv "
		"(spreadsheet rows) or ics (the plan as a calendar)\n",
		"      --input-format FORMAT  what --batch reads: json (JSON Lines) or csv (a header "
		"row naming the questions) (default: csv for a file name ending in .csv, else json)\n",
		"      --diff OLD NEW         show what changes from answers file OLD to NEW",
		"      --color WHEN           colour the text output: auto (default: only on a "
		"terminal, never with NO_COLOR), always, never\n",
		"      --completion SHELL     print a completion script for bash or zsh (with the "
		"question flags) and exit\n",
		"  -e, --explain[=LEVEL]      none, reasons (the default; none with --batch) or full "
		"(also why each report not recommended does not apply); alone: full\n",
		"      --require-complete     exit with status 6",
	};
	char text[8192], *line, *save = NULL;
	size_t n, i;
	FILE *f = tmpfile();
	(void)state;
	assert_non_null(f);
	/* wide: one line per option */
	setenv("COLUMNS", "250", 1);
	cli_options_usage(f);
	rewind(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		if (!strstr(text, lines[i])) {
			print_error("no line '%s' in:\n%s", lines[i], text);
			fail();
		}
	/* 60 columns: wrapped at 58, continuation lines under the help column */
	setenv("COLUMNS", "60", 1);
	f = tmpfile();
	assert_non_null(f);
	cli_options_usage(f);
	rewind(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	unsetenv("COLUMNS");
	assert_non_null(strstr(text, "  -f, --format FORMAT        output format: text\n"
				     "                             (default), json, markdown,\n"));
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (strlen(line) > 58) {
			print_error("line wider than 58 columns: '%s'", line);
			fail();
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pass1),
		cmocka_unit_test_setup_teardown(test_pass2, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_flag, setup, teardown),
		cmocka_unit_test(test_options_usage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
