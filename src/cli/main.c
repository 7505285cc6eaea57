/*
 * main.c - the socadvise command: a thin front end over the library.
 *
 * Reads options and answers from the command line, loads the rules (built in, --rules or
 * SOCADVISE_RULES), evaluates, and writes text or JSON. Every path ends at one 'out:' label that
 * frees everything and checks that standard output was really written.
 *
 * Exit codes are the contract in socadvise.h (enum sa_exit) and the man page.
 */
#include "interactive.h"
#include "cli.h"
#include "options.h"
#include "socadvise.h"
#include "tools.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum format { FMT_TEXT, FMT_JSON, FMT_MARKDOWN, FMT_YAML, FMT_ICS };
enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct cli {
	const char *rules_path;
	enum format format;
	enum color_when color;
	int explain;
	int help;
	int version;
	int list_questions;
	const char *answers_path;
	int format_set;
	int explain_set;
	int batch;
	const char *batch_path;
	int require_complete;
	const char *completion;
	int interactive;
	int all_questions;
	const char *save_path;
	int check, verify;
	int start_set;      /* --start-date */
	int32_t start_date;
	/* arguments left for the second pass, once the questions are known */
	const char **pending;
	size_t npending;
};

static void try_help(void)
{
	fputs("Try 'socadvise --help' for more information.\n", stderr);
}

/* Pass 1: built-in options. Question flags and --answer are kept for pass 2. */
static int parse_options(struct cli *c, int argc, char **argv)
{
	int i;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL;
		const struct option_spec *o = NULL;
		if (strcmp(a, "--") == 0) {
			if (i + 1 < argc) {
				sa_cli_msg("unexpected argument '%s'", argv[i + 1]);
				try_help();
				return SA_EXIT_USAGE;
			}
			break;
		}
		if (a[0] == '-' && a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			o = sa_option_find_long(name, len);
			if (!o) {
				/* a question flag, checked once the rules are loaded */
				c->pending[c->npending++] = a;
				if (!eq && i + 1 < argc && argv[i + 1][0] != '-' &&
				    strncmp(name, "no-", 3) != 0) {
					/* maybe "--controls-months 3": decided in pass 2 */
					c->pending[c->npending++] = argv[++i];
				}
				continue;
			}
			if (eq)
				val = eq + 1;
			if (o->arg == ARG_NONE && val) {
				sa_cli_msg("option '--%s' takes no value", o->name);
				try_help();
				return SA_EXIT_USAGE;
			}
		} else if (a[0] == '-' && a[1] && !a[2]) {
			o = sa_option_find_short(a[1]);
			if (!o) {
				sa_cli_msg("unknown option '%s'", a);
				try_help();
				return SA_EXIT_USAGE;
			}
		} else {
			sa_cli_msg("unexpected argument '%s'", a);
			try_help();
			return SA_EXIT_USAGE;
		}
		if (o->arg == ARG_REQUIRED && !val) {
			if (i + 1 >= argc) {
				sa_cli_msg("option '--%s' needs a value (%s)", o->name, o->argname);
				try_help();
				return SA_EXIT_USAGE;
			}
			val = argv[++i];
		}
		if (o->arg == ARG_OPTIONAL && !val && i + 1 < argc &&
		    (argv[i + 1][0] != '-' || strcmp(argv[i + 1], "-") == 0))
			val = argv[++i];
		switch (o->id) {
		case OPT_HELP:
			c->help = 1;
			break;
		case OPT_VERSION:
			c->version = 1;
			break;
		case OPT_RULES:
			c->rules_path = val;
			break;
		case OPT_FORMAT:
			if (strcmp(val, "text") == 0)
				c->format = FMT_TEXT;
			else if (strcmp(val, "json") == 0)
				c->format = FMT_JSON;
			else if (strcmp(val, "markdown") == 0)
				c->format = FMT_MARKDOWN;
			else if (strcmp(val, "yaml") == 0)
				c->format = FMT_YAML;
			else if (strcmp(val, "ics") == 0)
				c->format = FMT_ICS;
			else {
				sa_cli_msg("unknown format '%s' (formats: text, json, markdown, yaml, ics)", val);
				return SA_EXIT_USAGE;
			}
			c->format_set = 1;
			break;
		case OPT_EXPLAIN:
			c->explain_set = 1;
			if (!val || strcmp(val, "full") == 0)
				c->explain = SA_EXPLAIN_FULL;
			else if (strcmp(val, "reasons") == 0)
				c->explain = SA_EXPLAIN_REASONS;
			else if (strcmp(val, "none") == 0)
				c->explain = SA_EXPLAIN_NONE;
			else {
				sa_cli_msg("unknown explanation level '%s' (none, reasons, full)", val);
				return SA_EXIT_USAGE;
			}
			break;
		case OPT_ANSWER:
			c->pending[c->npending++] = "--answer";
			c->pending[c->npending++] = val;
			break;
		case OPT_ANSWERS:
			if (c->answers_path) {
				sa_cli_msg("--answers given twice");
				return SA_EXIT_USAGE;
			}
			c->answers_path = val;
			break;
		case OPT_LIST_QUESTIONS:
			c->list_questions = 1;
			break;
		case OPT_BATCH:
			c->batch = 1;
			c->batch_path = val;
			break;
		case OPT_REQUIRE_COMPLETE:
			c->require_complete = 1;
			break;
		case OPT_COMPLETION:
			if (!sa_completion_supported(val)) {
				sa_cli_msg("unknown shell '%s' for --completion (bash, zsh)", val);
				return SA_EXIT_USAGE;
			}
			c->completion = val;
			break;
		case OPT_INTERACTIVE:
			c->interactive = 1;
			break;
		case OPT_ALL_QUESTIONS:
			c->all_questions = 1;
			break;
		case OPT_SAVE:
			c->save_path = val;
			break;
		case OPT_CHECK:
			c->check = 1;
			break;
		case OPT_VERIFY:
			c->verify = 1;
			break;
		case OPT_START_DATE:
			if (sa_date_parse(val, &c->start_date) != 0) {
				sa_cli_msg("invalid --start-date '%s' (a date YYYY-MM-DD, years %d to %d)",
					   val, SA_DATE_MIN_YEAR, SA_DATE_MAX_YEAR);
				try_help();
				return SA_EXIT_USAGE;
			}
			c->start_set = 1;
			break;
		case OPT_COLOR:
			if (strcmp(val, "auto") == 0)
				c->color = COLOR_AUTO;
			else if (strcmp(val, "always") == 0)
				c->color = COLOR_ALWAYS;
			else if (strcmp(val, "never") == 0)
				c->color = COLOR_NEVER;
			else {
				sa_cli_msg("unknown colour setting '%s' (auto, always, never)", val);
				return SA_EXIT_USAGE;
			}
			break;
		}
	}
	return SA_EXIT_OK;
}

static int set_answer(const sa_rules *r, struct sa_answers *ans, int q, const char *text,
		      const char *how)
{
	char m[512];
	int32_t v;
	if (sa_answer_parse(r, (size_t)q, text, &v, m, sizeof(m)) != SA_OK ||
	    sa_answers_set(ans, r, (size_t)q, v, m, sizeof(m)) != SA_OK) {
		sa_cli_msg("%s: %s", how, m);
		return SA_EXIT_USAGE;
	}
	return SA_EXIT_OK;
}

/* id named no question: in --answer ID=VALUE (in_answer), or as the flag --id. */
static int unknown_question(const sa_rules *r, const char *id, int in_answer)
{
	const char *s = sa_rules_suggest_question(r, id), *o;
	char fl[128];
	if (in_answer) {
		if (s)
			sa_cli_msg("unknown question '%s' in --answer (did you mean '%s'?)", id, s);
		else
			sa_cli_msg("unknown question '%s' in --answer (see --list-questions)", id);
	} else if (s) {
		sa_cli_msg("unknown option '--%s' (did you mean '--%s'?)", id,
			   sa_flag_name(s, fl, sizeof(fl)));
	} else if ((o = sa_option_suggest(id)) != NULL) {
		sa_cli_msg("unknown option '--%s' (did you mean '--%s'?)", id, o);
	} else {
		sa_cli_msg("unknown option '--%s' (see --help for options and question flags)", id);
	}
	return SA_EXIT_USAGE;
}

/* Pass 2: question flags and --answer. */
static int parse_answers(const struct cli *c, const sa_rules *r, struct sa_answers *ans)
{
	size_t i;
	for (i = 0; i < c->npending; i++) {
		const char *a = c->pending[i];
		char id[256], how[300];
		const char *eq, *val = NULL;
		int q, neg = 0;
		if (strcmp(a, "--answer") == 0) {
			const char *spec = c->pending[++i];
			eq = strchr(spec, '=');
			if (!eq || eq == spec) {
				sa_cli_msg("--answer takes ID=VALUE, not '%s'", spec);
				return SA_EXIT_USAGE;
			}
			snprintf(id, sizeof(id), "%.*s", (int)(eq - spec), spec);
			q = sa_rules_question_find(r, id);
			if (q < 0)
				return unknown_question(r, id, 1);
			if (set_answer(r, ans, q, eq + 1, "--answer") != SA_EXIT_OK)
				return SA_EXIT_USAGE;
			continue;
		}
		eq = strchr(a + 2, '=');
		snprintf(id, sizeof(id), "%.*s", eq ? (int)(eq - a - 2) : (int)strlen(a + 2), a + 2);
		q = sa_rules_question_find(r, id);
		if (q < 0 && strncmp(id, "no-", 3) == 0) {
			q = sa_rules_question_find(r, id + 3);
			if (q >= 0 && sa_question_type(r, (size_t)q) == SA_Q_BOOL)
				neg = 1;
			else
				q = -1;
		}
		if (q < 0) {
			/* a value taken by pass 1 belonged to this unknown flag: report the flag */
			return unknown_question(r, id, 0);
		}
		snprintf(how, sizeof(how), "--%s", id);
		if (neg) {
			if (eq) {
				sa_cli_msg("option '--%s' takes no value", id);
				return SA_EXIT_USAGE;
			}
			val = "false";
		} else if (eq) {
			val = eq + 1;
		} else if (sa_question_type(r, (size_t)q) == SA_Q_BOOL) {
			val = "true";
		} else if (i + 1 < c->npending && c->pending[i + 1][0] != '-') {
			val = c->pending[++i];
		} else {
			char fl[128];
			sa_cli_msg("option '--%s' needs a value (--%s=%s)", id,
			    sa_flag_name(sa_question_id(r, (size_t)q), fl, sizeof(fl)),
			    sa_question_type(r, (size_t)q) == SA_Q_INT ? "N" : "VALUE");
			return SA_EXIT_USAGE;
		}
		/* a bool flag followed by a separate word: that word is an unexpected argument */
		if (!eq && !neg && sa_question_type(r, (size_t)q) == SA_Q_BOOL &&
		    i + 1 < c->npending && c->pending[i + 1][0] != '-') {
			sa_cli_msg("unexpected argument '%s'", c->pending[i + 1]);
			return SA_EXIT_USAGE;
		}
		if (set_answer(r, ans, q, val, how) != SA_EXIT_OK)
			return SA_EXIT_USAGE;
	}
	return SA_EXIT_OK;
}

/* Append q's choices, "a|b|c", at buf + len; returns the new length (>= size: truncated). */
static size_t append_choices(const sa_rules *r, size_t q, char *buf, size_t size, size_t len)
{
	size_t k;
	for (k = 0; k < sa_question_choice_count(r, q) && len < size; k++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", k ? "|" : "",
					sa_question_choice(r, q, k));
	return len;
}

static void describe_type(const sa_rules *r, size_t q, char *buf, size_t size)
{
	size_t len;
	int32_t mn, mx, def;
	switch (sa_question_type(r, q)) {
	case SA_Q_BOOL:
		len = (size_t)snprintf(buf, size, "bool");
		break;
	case SA_Q_ENUM:
		len = append_choices(r, q, buf, size, (size_t)snprintf(buf, size, "enum: "));
		break;
	default:
		sa_question_range(r, q, &mn, &mx);
		len = (size_t)snprintf(buf, size, "int: %d..%d", (int)mn, (int)mx);
		break;
	}
	if (len < size && sa_question_default(r, q, &def)) {
		char v[SA_VALUE_SIZE];
		snprintf(buf + len, size - len, " (default %s)",
			 sa_question_format_value(r, q, def, v, sizeof(v)));
	}
}

static void list_questions(FILE *f, const sa_rules *r)
{
	size_t q;
	for (q = 0; q < sa_rules_question_count(r); q++) {
		char t[256];
		describe_type(r, q, t, sizeof(t));
		fprintf(f, "%-24s %s\n%-24s %s\n", sa_question_id(r, q), t, "",
			sa_question_prompt(r, q));
	}
}

static void usage(FILE *f, const sa_rules *r)
{
	size_t q;
	fputs("Usage: socadvise [OPTION]... [QUESTION FLAG]...\n"
	      "Tell an organization which SOC reports it needs (SOC 1, SOC 2 and its categories,\n"
	      "SOC 3, SOC for Cybersecurity, SOC for Supply Chain), which type, and why.\n"
	      "\nOptions:\n",
	      f);
	sa_options_usage(f);
	fputs("\nQuestions (every question is a flag; '-' and '_' are interchangeable;\n"
	      "unanswered questions stay unknown and are listed as open questions):\n",
	      f);
	for (q = 0; r && q < sa_rules_question_count(r); q++) {
		char fl[128], left[300];
		sa_flag_name(sa_question_id(r, q), fl, sizeof(fl));
		switch (sa_question_type(r, q)) {
		case SA_Q_BOOL:
			snprintf(left, sizeof(left), "--[no-]%s", fl);
			break;
		case SA_Q_ENUM:
			append_choices(r, q, left, sizeof(left),
				       (size_t)snprintf(left, sizeof(left), "--%s=", fl));
			break;
		default: {
			int32_t mn, mx;
			sa_question_range(r, q, &mn, &mx);
			snprintf(left, sizeof(left), "--%s=%d..%d", fl, (int)mn, (int)mx);
			break;
		}
		}
		if (strlen(left) > 30)
			fprintf(f, "  %s\n  %-30s %s\n", left, "", sa_question_prompt(r, q));
		else
			fprintf(f, "  %-30s %s\n", left, sa_question_prompt(r, q));
	}
	fputs("\nExamples:\n"
	      "  socadvise --interactive\n"
	      "  socadvise --payroll --auditor-reliance\n"
	      "  socadvise --hosting --customer-data --uptime-commitments --format json | jq .\n"
	      "  socadvise --answer role=customer --payroll --explain\n"
	      "\nExit status: 0 success, 1 internal error, 2 usage or answer error,\n"
	      "3 rules file invalid, 4 answers file or batch line invalid, 5 output could not be\n"
	      "written, 6 incomplete under --require-complete,\n"
	      "130 interrupted (Ctrl-C, or Ctrl-D to cancel --interactive).\n",
	      f);
}

typedef int (*writer_fn)(FILE *f, const sa_rules *r, const struct sa_result *res,
			 const struct sa_output_opts *o);

static writer_fn writer(enum format fmt)
{
	return fmt == FMT_JSON ? sa_write_json
	       : fmt == FMT_MARKDOWN ? sa_write_markdown
	       : fmt == FMT_YAML ? sa_write_yaml : fmt == FMT_ICS ? sa_write_ics : sa_write_text;
}

/*
 * The exit code of a library writer's status on standard output. A failure that left no error
 * on the stream (the YAML emitter's own) is reported here; a stream error is reported at 'out:'.
 */
static int written(int status)
{
	if (status == SA_OK)
		return SA_EXIT_OK;
	if (!ferror(stdout))
		sa_cli_msg("error writing output");
	return SA_EXIT_OUTPUT;
}

static int use_color(enum color_when w)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
	if (w == COLOR_ALWAYS)
		return 1;
	if (w == COLOR_NEVER)
		return 0;
	if (nc && *nc)
		return 0;
	if (term && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(STDOUT_FILENO);
}

/* Read a whole file ("-": standard input) into a NUL-terminated buffer. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL, *nb;
	size_t cap = 0, n;
	*len = 0;
	if (!f)
		return NULL;
	for (;;) {
		if (cap - *len < 4096) {
			cap = cap ? cap * 2 : 8192;
			nb = realloc(buf, cap + 1);
			if (!nb) {
				free(buf);
				buf = NULL;
				errno = ENOMEM;
				break;
			}
			buf = nb;
		}
		n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
		if (n == 0)
			break;
	}
	if (buf && ferror(f)) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[*len] = '\0';
	if (f != stdin)
		fclose(f);
	return buf;
}

/* --answers FILE: answers first, so that flags may add to them (not contradict them). */
static int read_answers_file(const char *path, const sa_rules *r, struct sa_answers *ans)
{
	struct sa_diags d;
	size_t len;
	char *buf = slurp(path, &len);
	int rc;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	if (!buf) {
		sa_cli_msg("%s: cannot read: %s", name, strerror(errno));
		return SA_EXIT_INPUT;
	}
	sa_diags_init(&d);
	rc = sa_answers_read(r, name, 0, buf, len, ans, NULL, 0, &d);
	sa_cli_diags(&d);
	sa_diags_release(&d);
	free(buf);
	return rc == SA_OK ? SA_EXIT_OK : SA_EXIT_INPUT;
}

static int load_rules(const struct cli *c, sa_rules **r)
{
	struct sa_diags d;
	struct sa_load_opts lo = { sa_reserved_names() };
	int rc;

	sa_diags_init(&d);
	rc = sa_rules_load(c->rules_path, &lo, r, &d);
	sa_cli_diags(&d);
	if (rc != SA_OK && d.errors > 1)
		sa_cli_msg("%zu errors in the rules file", d.errors);
	sa_diags_release(&d);
	return rc == SA_OK ? SA_EXIT_OK : SA_EXIT_RULES;
}

int main(int argc, char **argv)
{
	struct cli c;
	sa_rules *r = NULL;
	struct sa_answers ans = { 0, NULL, NULL };
	struct sa_result res;
	int rc;

	memset(&c, 0, sizeof(c));
	memset(&res, 0, sizeof(res)); /* sa_result_release takes it as it is */
	c.pending = calloc((size_t)argc * 2 + 1, sizeof(*c.pending));
	if (!c.pending) {
		sa_cli_msg("out of memory");
		return SA_EXIT_INTERNAL;
	}
	rc = parse_options(&c, argc, argv);
	if (rc != SA_EXIT_OK)
		goto out;
	if (!c.rules_path) { /* --rules wins over SOCADVISE_RULES; neither: the built-in rules */
		const char *env = getenv("SOCADVISE_RULES");
		if (env && *env)
			c.rules_path = env;
	}
	if (c.all_questions && !c.interactive) {
		sa_cli_msg("--all-questions needs --interactive");
		rc = SA_EXIT_USAGE;
		goto out;
	}
	if (c.version) {
		printf("socadvise %s\n", SA_VERSION);
		goto out;
	}
	if (c.check || c.verify) {
		/* the rules tooling loads and reports on the rules file itself (tools.c) */
		struct sa_tools_opts to = {
			c.rules_path, c.check, c.verify,
			!c.format_set || c.format == FMT_TEXT ? SA_TOOLS_TEXT
			: c.format == FMT_JSON ? SA_TOOLS_JSON : SA_TOOLS_OTHER,
			c.npending || c.answers_path || c.batch || c.interactive || c.save_path ||
				c.completion || c.list_questions || c.help,
			sa_reserved_names()
		};
		rc = sa_cli_tools(&to, stdout);
		goto out;
	}
	rc = load_rules(&c, &r);
	if (rc == SA_EXIT_OK && c.start_set)
		sa_rules_set_start_date(r, c.start_date);
	if (rc != SA_EXIT_OK)
		goto out;
	if (c.help) {
		usage(stdout, r);
		goto out;
	}
	if (c.completion) {
		rc = sa_completion_write(stdout, c.completion, r);
		goto out;
	}
	if (c.list_questions) {
		if (c.format == FMT_JSON)
			rc = written(sa_write_questions_json(stdout, r, 0));
		else if (c.format == FMT_YAML)
			rc = written(sa_write_questions_yaml(stdout, r));
		else if (c.format == FMT_MARKDOWN)
			rc = written(sa_write_questions_markdown(stdout, r));
		else if (c.format == FMT_ICS) {
			sa_cli_msg("--list-questions writes text, json, yaml or markdown, not ics");
			rc = SA_EXIT_USAGE;
		} else
			list_questions(stdout, r);
		goto out;
	}
	if (c.batch) {
		struct sa_batch_opts bo = { c.batch_path, c.explain_set ? c.explain : SA_EXPLAIN_NONE,
					    c.require_complete };
		if (c.npending || c.answers_path || c.interactive || c.save_path) {
			sa_cli_msg("--batch reads every answer from its input: it cannot be combined with "
			    "question flags, --answer, --answers, --interactive or --save");
			rc = SA_EXIT_USAGE;
		} else if (c.format_set && c.format != FMT_JSON) {
			sa_cli_msg("--batch writes JSON Lines: --format must be json");
			rc = SA_EXIT_USAGE;
		} else {
			rc = sa_batch_run(r, &bo, stdout);
		}
		goto out;
	}
	if (c.interactive) {
		rc = sa_cli_interview_check(stdin, c.answers_path);
		if (rc != SA_EXIT_OK)
			goto out;
	}
	sa_answers_init(&ans, r);
	if (c.answers_path) {
		rc = read_answers_file(c.answers_path, r, &ans);
		if (rc != SA_EXIT_OK)
			goto out;
	}
	rc = parse_answers(&c, r, &ans);
	if (rc != SA_EXIT_OK) {
		try_help();
		goto out;
	}
	if (c.interactive) {
		/* pre-filled answers (flags, --answers) are not asked again */
		struct sa_cli_interview iv = {
			r, &ans, c.all_questions, c.save_path, writer(c.format),
			{ c.explain, use_color(c.color), 0 },
			c.color == COLOR_AUTO ? -1 : c.color == COLOR_ALWAYS, stdin, stderr, stdout
		};
		rc = sa_cli_interview(&iv);
		goto out;
	}
	if (c.save_path) {
		rc = sa_cli_save_answers(c.save_path, r, &ans);
		if (rc != SA_EXIT_OK)
			goto out;
	}
	sa_result_init(&res, r);
	sa_evaluate(r, &ans, &res);
	{
		struct sa_output_opts o = { c.explain, use_color(c.color), 0 };
		rc = written(writer(c.format)(stdout, r, &res, &o));
		if (c.require_complete && !sa_result_is_complete(r, &res))
			rc = SA_EXIT_INCOMPLETE;
	}
out:
	sa_result_release(&res);
	sa_answers_release(&ans);
	sa_rules_free(r);
	free(c.pending);
	/* standard output must really have been written: a full disk is an error */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		sa_cli_msg("error writing output: %s", strerror(errno ? errno : EIO));
		fclose(stdout);
		return rc == SA_EXIT_OK ? SA_EXIT_OUTPUT : rc;
	}
	if (fclose(stdout) != 0) {
		sa_cli_msg("error writing output: %s", strerror(errno));
		return rc == SA_EXIT_OK ? SA_EXIT_OUTPUT : rc;
	}
	return rc;
}
