/*
 * sa_diff.h - what changes between two results of the same rules (--diff, --what-if).
 *
 * sa_diff_compute is a pure function of two evaluated results: it lists every answer, report,
 * type, category, advice item, next step and plan date that differs, and for each outcome the
 * rules whose value differs between the two (the rules that make the difference). The scope is
 * the reports with their status, action, types and categories: sa_diff.scope_changed says
 * whether any of those changed. The writers show a diff as text, Markdown or JSON
 * (docs/json-output.md, "Diff"; docs/schema/diff.schema.json).
 */
#ifndef SA_DIFF_H
#define SA_DIFF_H

#include "socadvise.h"

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What an entry is about, in the order entries are listed. */
enum sa_diff_kind {
	SA_DIFF_ANSWER,    /* target: the question */
	SA_DIFF_REPORT,    /* report: its status and action */
	SA_DIFF_TYPE,      /* report: its type */
	SA_DIFF_THEN,      /* report: its follow-up type */
	SA_DIFF_CATEGORY,  /* report, target: the category */
	SA_DIFF_ADVICE,    /* target: the advice item */
	SA_DIFF_STEP,      /* target: the next step */
	SA_DIFF_DEADLINE,  /* whether the plan meets its deadline, and the deadline */
	SA_DIFF_MILESTONE  /* report, target: the milestone kind (with milestone_type) */
};

enum sa_diff_change { SA_DIFF_ADDED, SA_DIFF_REMOVED, SA_DIFF_CHANGED };

/* Room for an entry's old and new value ("recommended", "type2", "2026-01-15..2026-04-14"). */
#define SA_DIFF_VALUE_SIZE (SA_VALUE_SIZE + 16)

struct sa_diff_entry {
	enum sa_diff_kind kind;
	enum sa_diff_change change;
	int report;          /* enum sa_report, or -1 */
	int target;          /* question, category, item index or milestone kind; or -1 */
	enum sa_type milestone_type;
	int scope;           /* part of the scope: a report, its type, follow-up or a category */
	char old_value[SA_DIFF_VALUE_SIZE]; /* "" when added */
	char new_value[SA_DIFF_VALUE_SIZE]; /* "" when removed */
	size_t first_rule, nrules; /* its rules: sa_diff.rules[first_rule .. + nrules] */
};

/* A diff; caller-owned (sa_diff_init / sa_diff_release). */
struct sa_diff {
	struct sa_diff_entry *entries;
	size_t n, cap;
	size_t *rules; /* rule indexes (sa_rule_id), in rules-file order per entry */
	size_t nrules, rcap;
	int scope_changed;
};

void sa_diff_init(struct sa_diff *d);
void sa_diff_release(struct sa_diff *d);

/*
 * The differences between old and new, two results evaluated with r (in any order of
 * evaluation; neither is changed), into d (emptied first). Returns SA_OK or SA_ERR_NOMEM (d is
 * then empty).
 */
int sa_diff_compute(const sa_rules *r, const struct sa_result *old, const struct sa_result *new_,
		    struct sa_diff *d);

/*
 * Write d as text, Markdown or a JSON document on one line. old_name and new_name label the two
 * sides ("a.json", "--what-if controls_months=6"). Every text from the input is written with
 * visible escapes. Returns SA_OK, SA_ERR_NOMEM or SA_ERR_IO.
 */
int sa_write_diff_text(FILE *f, const sa_rules *r, const struct sa_diff *d,
		       const char *old_name, const char *new_name);
int sa_write_diff_markdown(FILE *f, const sa_rules *r, const struct sa_diff *d,
			   const char *old_name, const char *new_name);
int sa_write_diff_json(FILE *f, const sa_rules *r, const struct sa_diff *d,
		       const char *old_name, const char *new_name);

/* The name of an entry's kind and change as the JSON output writes them ("report", "added"). */
const char *sa_diff_kind_id(enum sa_diff_kind k);
const char *sa_diff_change_id(enum sa_diff_change c);

#ifdef __cplusplus
}
#endif

#endif
