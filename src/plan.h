/*
 * plan.h - the rules' timeline section (loaded by load_timeline.c, see load.h) and the planner
 * (plan.c) that turns a result into dated milestones, with the renderers of the plan
 * (plan_out.c, ics.c).
 *
 * Durations are data: every range the planner uses comes from the rules file's `timeline:`
 * section, with its sources. The planner reads the result (report status, type, follow-up type,
 * readiness advice) and a few answers looked up by id (first_report, last_report_type,
 * controls_months, deadline_months, gap_months, evidence_retained); a question that is missing
 * from the rules file is treated as unanswered.
 */
#ifndef SA_PLAN_H
#define SA_PLAN_H

#include "internal.h"

#include <stdio.h>

/* The ranges of the timeline section, besides the Type 2 windows. */
enum tl_range {
	TL_READINESS_WEEKS,  /* readiness assessment and remediation */
	TL_TYPE1_WEEKS,      /* from the start to a Type 1's as-of date (readiness included) */
	TL_REPORTING_WEEKS,  /* from a period end or as-of date to the report */
	TL_BRIDGE_MONTHS,    /* a bridge letter's gap: min = the normal, max = the most tolerated */
	TL_RANGE_COUNT
};

/* The situation of a Type 2 window. */
enum tl_situation {
	TL_FIRST,       /* a first report */
	TL_AFTER_TYPE1, /* the first Type 2 after a Type 1 */
	TL_ANNUAL,      /* renewals: back-to-back periods */
	TL_SIT_COUNT
};

/* The questions the planner reads. */
enum tl_question {
	TLQ_FIRST_REPORT,     /* bool */
	TLQ_LAST_REPORT_TYPE, /* enum: none, type1, type2 */
	TLQ_CONTROLS_MONTHS,  /* int */
	TLQ_DEADLINE_MONTHS,  /* int */
	TLQ_GAP_MONTHS,       /* int */
	TLQ_EVIDENCE,         /* bool: evidence_retained */
	TLQ_COUNT
};

struct tl_range_spec {
	int32_t min, max;
	size_t *sources;
	size_t nsources;
	unsigned line, col;
};

struct sa_timeline {
	int present;                 /* the rules file has a timeline section */
	int32_t start;               /* default start date of plans */
	struct tl_range_spec range[TL_RANGE_COUNT];
	struct tl_range_spec window[2][TL_SIT_COUNT]; /* SOC 1, SOC 2 */
	int deadline_item;           /* advice index set by the planner, or -1 */
	int readiness_item;          /* advice index whose recommendation adds readiness, or -1 */
	int q[TLQ_COUNT];            /* question indexes, -1 when the rules have none */
	int last_type1, last_type2;  /* choice indexes of last_report_type, or -1 */
	unsigned line, col;          /* position of the section */
};

/* Months and weeks of the tables, for the properties of docs/rules-format.md. */
#define TL_MAX_WEEKS 104
#define TL_MAX_MONTHS 24

/*
 * --check (model.c, which also frees the timeline with the rules): mark the questions the
 * planner reads as used, the sources the timeline cites as cited, and report whether advice
 * item i is produced by the planner.
 */
void sa_timeline_mark_used(const sa_rules *r, unsigned char *qused);
void sa_timeline_mark_cited(const sa_rules *r, unsigned char *cited);
int sa_timeline_produces(const sa_rules *r, size_t advice);

/* Compute res->plan from the rest of res (the last step of an evaluation). */
void sa_plan_compute(const sa_rules *r, struct sa_result *res);

/* Renderers of the plan: nothing is written when the plan is not present. */
void sa_plan_write_text(FILE *f, const struct sa_result *res, int color, size_t width);
void sa_plan_write_markdown(FILE *f, const struct sa_result *res);
struct cJSON;

/* For tests only: the libical that sa_ics_load loads next (NULL: the default one); unloads the
 * one loaded. */
void sa_test_ics_library(const char *soname);

#endif
