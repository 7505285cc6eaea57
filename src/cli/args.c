/*
 * args.c - the command line in two passes: the built-in options first (no rules needed), then
 * the question flags and --answer against the questions of the loaded rules.
 *
 * Invariants:
 * - every option, its value words and its implicit value come from the option table; this file
 *   holds no list of its own;
 * - "--" ends the options and must be last (socadvise takes no operands);
 * - a long option pass 1 does not know is kept for pass 2 as a question flag, together with the
 *   next argument when that may be its value ("--controls-months 3"); pass 2 decides;
 * - nothing is cut: ids and values are read whole, however long.
 */
#include "args.h"
#include "cli.h"
#include "help.h"

#include <stdlib.h>
#include <string.h>

int cli_args_init(struct cli_args *a, int argc)
{
	memset(a, 0, sizeof(*a));
	/* at most two entries per argument ("--answer" and its value) */
	a->pending = calloc((size_t)argc * 2 + 1, sizeof(*a->pending));
	a->what_if = calloc((size_t)argc + 1, sizeof(*a->what_if));
	return a->pending && a->what_if ? CLI_EXIT_OK : cli_out_of_memory();
}

void cli_args_release(struct cli_args *a)
{
	free(a->what_if);
	a->what_if = NULL;
	a->nwhat_if = 0;
	free(a->pending);
	a->pending = NULL;
	a->npending = 0;
}

/* After the message of a usage error that --help explains. */
static int see_help(void)
{
	cli_try_help();
	return CLI_EXIT_USAGE;
}

/* A value that is not one of o's choices: name them, and the nearest one when it is close. */
static int bad_choice(const struct option_spec *o, const char *val)
{
	char *list = NULL, pre[SA_ID_MAX + sizeof("did you mean ''? ")];
	size_t len = 0;
	const char *near = cli_option_suggest_choice(o, val);
	FILE *m = open_memstream(&list, &len);
	if (!m)
		return cli_out_of_memory();
	cli_option_write_choices(m, o, ", ");
	if (fclose(m) != 0) {
		free(list);
		return cli_out_of_memory();
	}
	snprintf(pre, sizeof(pre), near ? "did you mean '%s'? " : "%s", near ? near : "");
	switch (o->id) {
	case OPT_FORMAT:
		cli_msg("unknown format '%s' (%sformats: %s)", val, pre, list);
		break;
	case OPT_EXPLAIN:
		cli_msg("unknown explanation level '%s' (%s%s)", val, pre, list);
		break;
	case OPT_COLOR:
		cli_msg("unknown colour setting '%s' (%s%s)", val, pre, list);
		break;
	case OPT_COMPLETION:
		cli_msg("unknown shell '%s' for --completion (%s%s)", val, pre, list);
		break;
	default:
		cli_msg("unknown value '%s' for --%s (%s%s)", val, o->name, pre, list);
		break;
	}
	free(list);
	return CLI_EXIT_USAGE;
}

/* Record option o with its value val (NULL when it has none). */
static int apply(struct cli_args *a, const struct option_spec *o, const char *val)
{
	const struct option_choice *choice = NULL;
	if (o->choices) {
		choice = cli_option_choice(o, val ? val : o->implicit);
		if (!choice)
			return bad_choice(o, val);
	}
	switch (o->id) {
	case OPT_HELP:
		a->help = 1;
		break;
	case OPT_VERSION:
		a->version = 1;
		break;
	case OPT_RULES:
		a->rules_path = val;
		break;
	case OPT_FORMAT:
		a->format = (enum cli_format)choice->value;
		a->format_set = 1;
		break;
	case OPT_EXPLAIN:
		a->explain = choice->value;
		a->explain_set = 1;
		break;
	case OPT_ANSWER:
		a->pending[a->npending++] = "--answer";
		a->pending[a->npending++] = val;
		break;
	case OPT_ANSWERS:
		if (a->answers_path) {
			cli_msg("--answers given twice");
			return CLI_EXIT_USAGE;
		}
		a->answers_path = val;
		break;
	case OPT_LIST_QUESTIONS:
		a->list_questions = 1;
		break;
	case OPT_COLOR:
		a->color = (enum cli_color)choice->value;
		break;
	case OPT_BATCH:
		a->batch = 1;
		a->batch_path = val;
		break;
	case OPT_REQUIRE_COMPLETE:
		a->require_complete = 1;
		break;
	case OPT_COMPLETION:
		a->completion = (enum cli_shell)choice->value;
		a->completion_set = 1;
		break;
	case OPT_INTERACTIVE:
		a->interactive = 1;
		break;
	case OPT_ALL_QUESTIONS:
		a->all_questions = 1;
		break;
	case OPT_NEXT_QUESTION:
		a->next_question = 1;
		break;
	case OPT_SAVE:
		a->save_path = val;
		break;
	case OPT_CHECK:
		a->check = 1;
		break;
	case OPT_VERIFY:
		a->verify = 1;
		break;
	case OPT_START_DATE:
		if (sa_date_parse(val, &a->start_date) != 0) {
			cli_msg("invalid --start-date '%s' (a date YYYY-MM-DD, years %d to %d)", val,
				SA_DATE_MIN_YEAR, SA_DATE_MAX_YEAR);
			return see_help();
		}
		a->start_set = 1;
		break;
	case OPT_INPUT_FORMAT:
		a->input_format = (enum cli_input_format)choice->value;
		a->input_format_set = 1;
		break;
	case OPT_SUMMARY:
		a->summary = 1;
		break;
	case OPT_DIFF:
		if (a->diff_old) {
			cli_msg("--diff given twice");
			return CLI_EXIT_USAGE;
		}
		a->diff_old = val; /* NEW is the next argument: cli_args_parse */
		break;
	case OPT_WHAT_IF:
		a->what_if[a->nwhat_if++] = val;
		break;
	}
	return CLI_EXIT_OK;
}

/* "--name" or "--name=value" that may be a question flag: keep it (and maybe a value) for pass 2. */
static int keep_flag(struct cli_args *a, int argc, char **argv, int i)
{
	const char *name = argv[i] + 2;
	a->pending[a->npending++] = argv[i];
	if (!strchr(name, '=') && i + 1 < argc && argv[i + 1][0] != '-' &&
	    strncmp(name, "no-", 3) != 0) {
		/* maybe "--controls-months 3": decided in pass 2 */
		a->pending[a->npending++] = argv[++i];
	}
	return i;
}

int cli_args_parse(struct cli_args *a, int argc, char **argv)
{
	int i, rc;
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i], *val = NULL;
		const struct option_spec *o = NULL;
		if (strcmp(arg, "--") == 0) {
			if (i + 1 < argc) {
				cli_msg("unexpected argument '%s'", argv[i + 1]);
				return see_help();
			}
			break;
		}
		if (arg[0] == '-' && arg[1] == '-') {
			const char *name = arg + 2, *eq = strchr(name, '=');
			o = cli_option_find_long(name, eq ? (size_t)(eq - name) : strlen(name));
			if (!o) {
				/* a question flag, checked once the rules are loaded */
				i = keep_flag(a, argc, argv, i);
				continue;
			}
			if (eq)
				val = eq + 1;
			if (o->arg == ARG_NONE && val) {
				cli_msg("option '--%s' takes no value", o->name);
				return see_help();
			}
		} else if (arg[0] == '-' && arg[1]) {
			o = cli_option_find_short(arg[1]);
			if (!o || (arg[2] && o->arg == ARG_NONE)) {
				cli_msg("unknown option '%s'", arg);
				return see_help();
			}
			if (arg[2])
				val = arg + 2; /* an attached value: -fjson, -efull */
		} else {
			cli_msg("unexpected argument '%s'", arg);
			return see_help();
		}
		if (o->arg == ARG_REQUIRED && !val) {
			if (i + 1 >= argc) {
				cli_msg("option '--%s' needs a value (%s)", o->name, o->argname);
				return see_help();
			}
			val = argv[++i];
		}
		/* an optional value is the next argument unless that is an option ("-" is a value) */
		if (o->arg == ARG_OPTIONAL && !val && i + 1 < argc &&
		    (argv[i + 1][0] != '-' || strcmp(argv[i + 1], "-") == 0))
			val = argv[++i];
		rc = apply(a, o, val);
		if (rc != CLI_EXIT_OK)
			return rc;
		if (o->id == OPT_DIFF) {
			/* --diff OLD NEW: the one option with two values */
			if (i + 1 >= argc || (argv[i + 1][0] == '-' && argv[i + 1][1])) {
				cli_msg("option '--diff' needs two answers files (--diff OLD NEW)");
				return see_help();
			}
			a->diff_new = argv[++i];
		}
	}
	return CLI_EXIT_OK;
}

/* ---- pass 2 ------------------------------------------------------------------------------ */

/* Answer question q with text; how names where it came from ("--answer", or "--" + id). */
static int set_answer(const sa_rules *r, struct sa_answers *ans, int q, const char *text,
		      const char *how, const char *how_id)
{
	char m[CLI_MESSAGE_SIZE];
	int32_t v;
	/* "unknown" is "I don't know", unless the question has a choice of that name */
	if (sa_answer_is_unknown_word(text) &&
	    sa_answer_parse(r, (size_t)q, text, &v, m, sizeof(m)) != SA_OK) {
		if (sa_answers_set_unknown(ans, r, (size_t)q, m, sizeof(m)) != SA_OK) {
			cli_msg("%s%s: %s", how, how_id, m);
			return CLI_EXIT_USAGE;
		}
		return CLI_EXIT_OK;
	}
	if (sa_answer_parse(r, (size_t)q, text, &v, m, sizeof(m)) != SA_OK ||
	    sa_answers_set(ans, r, (size_t)q, v, m, sizeof(m)) != SA_OK) {
		cli_msg("%s%s: %s", how, how_id, m);
		return CLI_EXIT_USAGE;
	}
	return CLI_EXIT_OK;
}

/* id named no question: in --answer ID=VALUE (in_answer), or as the flag --id. */
static int unknown_question(const sa_rules *r, const char *id, int in_answer)
{
	const char *s = sa_rules_suggest_question(r, id), *o;
	char fl[SA_ID_MAX + 1];
	if (in_answer) {
		if (s)
			cli_msg("unknown question '%s' in --answer (did you mean '%s'?)", id, s);
		else
			cli_msg("unknown question '%s' in --answer (see --list-questions)", id);
	} else if (s) {
		cli_msg("unknown option '--%s' (did you mean '--%s'?)", id,
			sa_flag_name(s, fl, sizeof(fl)));
	} else if ((o = cli_option_suggest(id)) != NULL) {
		cli_msg("unknown option '--%s' (did you mean '--%s'?)", id, o);
	} else {
		cli_msg("unknown option '--%s' (see --help for options and question flags)", id);
	}
	return CLI_EXIT_USAGE;
}

/* --answer ID=VALUE */
static int answer_spec(const sa_rules *r, struct sa_answers *ans, const char *spec)
{
	const char *eq = strchr(spec, '=');
	char *id;
	int q, rc;
	if (!eq || eq == spec) {
		cli_msg("--answer takes ID=VALUE, not '%s'", spec);
		return CLI_EXIT_USAGE;
	}
	id = strndup(spec, (size_t)(eq - spec));
	if (!id)
		return cli_out_of_memory();
	q = sa_rules_question_find(r, id);
	rc = q < 0 ? unknown_question(r, id, 1) : set_answer(r, ans, q, eq + 1, "--answer", "");
	free(id);
	return rc;
}

/*
 * The question flag pending[*i] ("--id", "--no-id", "--id=value"), maybe with its value in the
 * next entry; *i is moved past what was used.
 */
static int answer_flag(const struct cli_args *a, const sa_rules *r, struct sa_answers *ans,
		       size_t *i, const char *id)
{
	const char *flag = a->pending[*i], *eq = strchr(flag + 2, '='), *val;
	int q = sa_rules_question_find(r, id), neg = 0, is_bool;
	int more = *i + 1 < a->npending && a->pending[*i + 1][0] != '-';
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
	is_bool = sa_question_type(r, (size_t)q) == SA_Q_BOOL;
	if (neg) {
		if (eq) {
			cli_msg("option '--%s' takes no value", id);
			return CLI_EXIT_USAGE;
		}
		val = "false";
	} else if (eq) {
		val = eq + 1;
	} else if (is_bool) {
		val = "true";
	} else if (more) {
		val = a->pending[++*i];
		more = 0;
	} else {
		char fl[SA_ID_MAX + 1];
		cli_msg("option '--%s' needs a value (--%s=%s)", id,
			sa_flag_name(sa_question_id(r, (size_t)q), fl, sizeof(fl)),
			sa_question_type(r, (size_t)q) == SA_Q_INT ? "N" : "VALUE");
		return CLI_EXIT_USAGE;
	}
	/* a bool flag followed by a separate word: that word is an unexpected argument */
	if (!eq && !neg && is_bool && more) {
		cli_msg("unexpected argument '%s'", a->pending[*i + 1]);
		return CLI_EXIT_USAGE;
	}
	return set_answer(r, ans, q, val, "--", id);
}

int cli_args_answers(const struct cli_args *a, const sa_rules *r, struct sa_answers *ans)
{
	size_t i;
	int rc = CLI_EXIT_OK;
	for (i = 0; i < a->npending && rc == CLI_EXIT_OK; i++) {
		const char *flag = a->pending[i], *eq;
		char *id;
		if (strcmp(flag, "--answer") == 0) {
			rc = answer_spec(r, ans, a->pending[++i]);
			continue;
		}
		eq = strchr(flag + 2, '=');
		id = strndup(flag + 2, eq ? (size_t)(eq - flag - 2) : strlen(flag + 2));
		if (!id)
			return cli_out_of_memory();
		rc = answer_flag(a, r, ans, &i, id);
		free(id);
	}
	return rc;
}

void cli_answers_overlay(struct sa_answers *dst, const struct sa_answers *top, int override)
{
	size_t q;
	for (q = 0; q < top->count && q < dst->count; q++) {
		if (top->origin[q] != SA_ORIGIN_GIVEN && top->origin[q] != SA_ORIGIN_UNKNOWN)
			continue;
		if (!override && (dst->origin[q] == SA_ORIGIN_GIVEN ||
				  dst->origin[q] == SA_ORIGIN_UNKNOWN))
			continue;
		dst->value[q] = top->value[q];
		dst->origin[q] = top->origin[q];
	}
}
