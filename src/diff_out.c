/*
 * diff_out.c - a diff (include/sa_diff.h) as text, Markdown and JSON.
 *
 * A JSON room (tests/structure/third_party_includes.sh) besides json.c: the diff document is
 * built with cJSON, keys in a fixed order. The text and Markdown forms label each entry the
 * same way (label()). The only texts from outside are the two side names (file names, what-if
 * answers from the command line): they are written with visible escapes, and Markdown's own
 * characters escaped, so a name cannot inject Markdown structure.
 */
#include "internal.h"
#include "json_build.h"
#include "sa_diff.h"
#include "sa_escape.h"

#include <cjson/cJSON.h>

#include <string.h>

/* What an entry is about, for people: "SOC 2 type", "advice bridge_letter", "controls_months". */
static void label(const sa_rules *r, const struct sa_diff_entry *e, char *buf, size_t size)
{
	const char *rep = e->report >= 0 ? sa_report_title((enum sa_report)e->report) : "";
	switch (e->kind) {
	case SA_DIFF_ANSWER:
		snprintf(buf, size, "%s", r->questions[e->target].id);
		break;
	case SA_DIFF_REPORT:
		snprintf(buf, size, "%s", rep);
		break;
	case SA_DIFF_TYPE:
		snprintf(buf, size, "%s type", rep);
		break;
	case SA_DIFF_THEN:
		snprintf(buf, size, "%s follow-up type", rep);
		break;
	case SA_DIFF_CATEGORY:
		snprintf(buf, size, "%s %s", rep, sa_category_title((enum sa_category)e->target));
		break;
	case SA_DIFF_ADVICE:
		snprintf(buf, size, "advice %s", r->items[SA_ITEM_ADVICE][e->target].id);
		break;
	case SA_DIFF_STEP:
		snprintf(buf, size, "step %s", r->items[SA_ITEM_STEP][e->target].id);
		break;
	case SA_DIFF_DEADLINE:
		snprintf(buf, size, "deadline");
		break;
	case SA_DIFF_MILESTONE:
		snprintf(buf, size, "%s %s%s%s%s", rep,
			 sa_milestone_kind_id((enum sa_milestone_kind)e->target),
			 sa_type_id(e->milestone_type) ? " (" : "",
			 sa_type_id(e->milestone_type) ? sa_type_id(e->milestone_type) : "",
			 sa_type_id(e->milestone_type) ? ")" : "");
		break;
	}
}

/* The section an entry is listed under in text and Markdown. */
static int section(const struct sa_diff_entry *e)
{
	return e->kind == SA_DIFF_ANSWER ? 0 : e->scope ? 1 :
	       e->kind == SA_DIFF_ADVICE || e->kind == SA_DIFF_STEP ? 2 : 3;
}

static const char *const section_titles[] = { "Answers", "Scope", "Advice and next steps",
					       "Plan" };

/* Nonzero when d has an entry besides the answers: an outcome changed. */
static int outcome_changed(const struct sa_diff *d)
{
	size_t i;
	for (i = 0; i < d->n; i++)
		if (d->entries[i].kind != SA_DIFF_ANSWER)
			return 1;
	return 0;
}

static void put_rules(FILE *f, const sa_rules *r, const struct sa_diff *d,
		      const struct sa_diff_entry *e, const char *pre, const char *sep,
		      const char *post)
{
	size_t i;
	if (!e->nrules)
		return;
	fputs(pre, f);
	for (i = 0; i < e->nrules; i++) {
		if (i)
			fputs(sep, f);
		sa_escape_puts(f, sa_rule_id(r, d->rules[e->first_rule + i]), 0);
	}
	fputs(post, f);
}

int sa_write_diff_text(FILE *f, const sa_rules *r, const struct sa_diff *d,
		       const char *old_name, const char *new_name)
{
	char lab[SA_ID_MAX * 2 + 64];
	size_t i;
	int s;
	fputs(d->n ? "Changes from " : "No change from ", f);
	sa_escape_puts(f, old_name, 0);
	fputs(" to ", f);
	sa_escape_puts(f, new_name, 0);
	fputs(!d->n ? "\n" : d->scope_changed ? ": the scope changed\n" :
	      outcome_changed(d) ? ": the scope is the same\n" : ": the result is the same\n", f);
	for (s = 0; s < 4; s++) {
		int head = 0;
		for (i = 0; i < d->n; i++) {
			const struct sa_diff_entry *e = &d->entries[i];
			if (section(e) != s)
				continue;
			if (!head++)
				fprintf(f, "\n%s\n", section_titles[s]);
			label(r, e, lab, sizeof(lab));
			fprintf(f, "  %s: ", lab);
			if (e->change == SA_DIFF_ADDED)
				fprintf(f, "added, %s", e->new_value);
			else if (e->change == SA_DIFF_REMOVED)
				fprintf(f, "removed (was %s)", e->old_value);
			else
				fprintf(f, "%s -> %s", e->old_value, e->new_value);
			put_rules(f, r, d, e, e->nrules > 1 ? "  [rules " : "  [rule ", ", ", "]");
			fputc('\n', f);
		}
	}
	return ferror(f) ? SA_ERR_IO : SA_OK;
}

/* A side's name in Markdown: its Markdown characters escaped, control bytes made visible. */
static void md_name(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>|#!", *s))
			fputc('\\', f);
		sa_escape_write(f, s, 1, 0);
	}
}

int sa_write_diff_markdown(FILE *f, const sa_rules *r, const struct sa_diff *d,
			   const char *old_name, const char *new_name)
{
	char lab[SA_ID_MAX * 2 + 64];
	size_t i;
	fputs("# What changes\n\nFrom ", f);
	md_name(f, old_name);
	fputs(" to ", f);
	md_name(f, new_name);
	fputs(!d->n ? ": no change.\n" : d->scope_changed ? ": **the scope changed**.\n" :
	      outcome_changed(d) ? ": the scope is the same.\n" : ": the result is the same.\n", f);
	if (d->n)
		fputs("\n| | What | Change | Old | New | Rules |\n|---|---|---|---|---|---|\n", f);
	for (i = 0; i < d->n; i++) {
		const struct sa_diff_entry *e = &d->entries[i];
		label(r, e, lab, sizeof(lab));
		fprintf(f, "| %s | %s | %s | %s | %s | ", section_titles[section(e)], lab,
			sa_diff_change_id(e->change), e->old_value, e->new_value);
		put_rules(f, r, d, e, "`", "`, `", "` ");
		fputs("|\n", f);
	}
	return ferror(f) ? SA_ERR_IO : SA_OK;
}

/* ---- JSON --------------------------------------------------------------------------------- */

struct build {
	int nomem;
};

static cJSON *put(struct build *b, cJSON *o, const char *key, cJSON *item)
{
	return sa_json_put(&b->nomem, o, key, item);
}

static cJSON *str_or_null(const char *s)
{
	return *s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static void add_entry(struct build *b, cJSON *arr, const sa_rules *r, const struct sa_diff *d,
		      const struct sa_diff_entry *e)
{
	cJSON *o = put(b, arr, NULL, cJSON_CreateObject()), *rules;
	size_t i;
	put(b, o, "kind", cJSON_CreateStringReference(sa_diff_kind_id(e->kind)));
	put(b, o, "change", cJSON_CreateStringReference(sa_diff_change_id(e->change)));
	if (e->report >= 0)
		put(b, o, "report", cJSON_CreateStringReference(
					    sa_report_id((enum sa_report)e->report)));
	switch (e->kind) {
	case SA_DIFF_ANSWER:
		put(b, o, "question", cJSON_CreateStringReference(r->questions[e->target].id));
		break;
	case SA_DIFF_CATEGORY:
		put(b, o, "category", cJSON_CreateStringReference(
					      sa_category_id((enum sa_category)e->target)));
		break;
	case SA_DIFF_ADVICE:
	case SA_DIFF_STEP:
		put(b, o, "item", cJSON_CreateStringReference(
					  r->items[e->kind == SA_DIFF_STEP][e->target].id));
		break;
	case SA_DIFF_MILESTONE:
		put(b, o, "milestone", cJSON_CreateStringReference(sa_milestone_kind_id(
					       (enum sa_milestone_kind)e->target)));
		put(b, o, "type", sa_type_id(e->milestone_type) ?
					  cJSON_CreateStringReference(sa_type_id(e->milestone_type)) :
					  cJSON_CreateNull());
		break;
	default:
		break;
	}
	put(b, o, "scope", cJSON_CreateBool(e->scope));
	put(b, o, "old", str_or_null(e->old_value));
	put(b, o, "new", str_or_null(e->new_value));
	rules = put(b, o, "rules", cJSON_CreateArray());
	for (i = 0; i < e->nrules; i++)
		put(b, rules, NULL, cJSON_CreateStringReference(
					    sa_rule_id(r, d->rules[e->first_rule + i])));
}

int sa_write_diff_json(FILE *f, const sa_rules *r, const struct sa_diff *d,
		       const char *old_name, const char *new_name)
{
	struct build b = { 0 };
	cJSON *doc = cJSON_CreateObject(), *arr;
	size_t i;
	put(&b, doc, "schema_version", cJSON_CreateNumber(1));
	put(&b, doc, "old", cJSON_CreateString(old_name));
	put(&b, doc, "new", cJSON_CreateString(new_name));
	put(&b, doc, "scope_changed", cJSON_CreateBool(d->scope_changed));
	put(&b, doc, "changed", cJSON_CreateBool(outcome_changed(d)));
	arr = put(&b, doc, "changes", cJSON_CreateArray());
	for (i = 0; i < d->n; i++)
		add_entry(&b, arr, r, d, &d->entries[i]);
	return sa_json_emit_line(f, doc, b.nomem);
}
