/*
 * socadvise.h - public API of the socadvise library.
 *
 * The library loads a rules file (YAML, format 1), takes answers, and evaluates them with
 * three-valued logic into a result: recommended and possible SOC reports with their type,
 * Trust Services Criteria categories, advice, next steps, reasons and open questions.
 *
 * Ownership: objects with _new/_free are opaque and heap-owned (free accepts NULL); structs with
 * _init/_release are caller-owned values. Strings returned by accessors borrow from the object
 * they came from and live as long as it does. The core never prints and never exits: every
 * fallible call returns a status and, on failure, fills a caller-owned sa_diags. Out of memory
 * is the status SA_ERR_NOMEM, after the call has freed what it allocated; what to say is the
 * caller's choice.
 */
#ifndef SOCADVISE_H
#define SOCADVISE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SA_VERSION "0.1.0"

/* Status of library calls. */
enum sa_status {
	SA_OK = 0,
	SA_ERR_NOMEM,
	SA_ERR_IO,
	SA_ERR_RULES,   /* the rules file is invalid: see the diagnostics */
	SA_ERR_ANSWER,  /* an answer is invalid: see the diagnostics */
	SA_ERR_INPUT,   /* an answers document is invalid: see the diagnostics */
	SA_ERR_UNAVAILABLE /* a library the call needs cannot be loaded (libical: sa_ics_error) */
};

/* ---- diagnostics ---------------------------------------------------------------------- */

enum sa_severity { SA_SEV_ERROR, SA_SEV_WARNING };

struct sa_diag {
	enum sa_severity severity;
	char *file;     /* may be NULL when the problem has no location */
	unsigned line;  /* 1-based; 0 when unknown */
	unsigned col;   /* 1-based; 0 when unknown */
	char *code;     /* a stable short code, e.g. "unknown-key" */
	char *message;  /* lower case, no trailing period */
};

struct sa_diags {
	struct sa_diag *items;
	size_t len, cap;
	size_t errors;
};

void sa_diags_init(struct sa_diags *d);
void sa_diags_release(struct sa_diags *d);
/* Append a diagnostic; file may be NULL. Returns SA_OK, or SA_ERR_NOMEM with d unchanged. */
int sa_diags_add(struct sa_diags *d, enum sa_severity sev, const char *file, unsigned line,
		 unsigned col, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* Sort by file, line, column, keeping insertion order for ties. */
void sa_diags_sort(struct sa_diags *d);

/* ---- rules ------------------------------------------------------------------------------ */

enum sa_qtype { SA_Q_BOOL, SA_Q_ENUM, SA_Q_INT };

enum sa_report {
	SA_REPORT_SOC1,
	SA_REPORT_SOC2,
	SA_REPORT_SOC3,
	SA_REPORT_SOC_CYBER,
	SA_REPORT_SOC_SUPPLY,
	SA_REPORT_COUNT
};

enum sa_category {
	SA_CAT_SECURITY,
	SA_CAT_AVAILABILITY,
	SA_CAT_PROCESSING_INTEGRITY,
	SA_CAT_CONFIDENTIALITY,
	SA_CAT_PRIVACY,
	SA_CAT_COUNT
};

enum sa_type { SA_TYPE_UNSET = 0, SA_TYPE_NONE, SA_TYPE_1, SA_TYPE_2 };

enum sa_action { SA_ACTION_OBTAIN, SA_ACTION_REQUEST };

enum sa_item_kind { SA_ITEM_ADVICE, SA_ITEM_STEP };

typedef struct sa_rules sa_rules;

struct sa_load_opts {
	/* Names that question ids must not take (built-in options), NULL-terminated; may be NULL. */
	const char *const *reserved;
};

/*
 * Load rules from a buffer. name is used in diagnostics (FILE of FILE:LINE:COL). On success
 * returns SA_OK and sets *out; on failure returns SA_ERR_RULES with every problem found
 * appended to diags, or SA_ERR_NOMEM when memory runs out (diags then as they were), and *out
 * is NULL.
 */
int sa_rules_load_buffer(const char *name, const char *buf, size_t len,
			 const struct sa_load_opts *opts, sa_rules **out, struct sa_diags *diags);
/* Load rules from a file ("-": standard input, named "<stdin>" in diagnostics); an unreadable
 * file is one diagnostic and SA_ERR_IO. */
int sa_rules_load_file(const char *path, const struct sa_load_opts *opts, sa_rules **out,
		       struct sa_diags *diags);
/*
 * Load the rules file at path, or the rules embedded at build time when path is NULL: those
 * were loaded and checked when socadvise was built, so this parses nothing; the rules object
 * shares their read-only model, and sa_rules_free frees only what is its own. The reserved
 * names of opts are checked either way (a clash gives the loader's diagnostics).
 */
int sa_rules_load(const char *path, const struct sa_load_opts *opts, sa_rules **out,
		  struct sa_diags *diags);
void sa_rules_free(sa_rules *r);

const char *sa_rules_name(const sa_rules *r);
const char *sa_rules_version(const sa_rules *r);
/* The one-line disclaimer every result carries: the rules file's 'disclaimer', or
 * SA_DEFAULT_DISCLAIMER when it has none. */
const char *sa_rules_disclaimer(const sa_rules *r);
#define SA_DEFAULT_DISCLAIMER "Guidance, not audit or legal advice; confirm the scope with your CPA firm."

struct sa_answers;
size_t sa_rules_question_count(const sa_rules *r);
/* Index of a question by id ('-' and '_' interchangeable), or -1. */
int sa_rules_question_find(const sa_rules *r, const char *id);
const char *sa_question_id(const sa_rules *r, size_t q);
enum sa_qtype sa_question_type(const sa_rules *r, size_t q);
const char *sa_question_prompt(const sa_rules *r, size_t q);
const char *sa_question_help(const sa_rules *r, size_t q);
/*
 * The prompt and help in the voice of the answers: a customer's wording (prompt_customer,
 * help_customer) when a says role is customer and the rules have one, else the provider's.
 */
const char *sa_question_prompt_for(const sa_rules *r, size_t q, const struct sa_answers *a);
const char *sa_question_help_for(const sa_rules *r, size_t q, const struct sa_answers *a);
/* Nonzero when a answers the question 'role' with the choice 'customer'. */
int sa_answers_customer(const sa_rules *r, const struct sa_answers *a);
/*
 * Write question q as one JSON object (id, flag, type, prompt, help, choices or min and max,
 * default, conditional), in the customer's wording when customer is nonzero.
 */
int sa_write_question_json(FILE *f, const sa_rules *r, size_t q, int customer);
/*
 * Write checklist c as one JSON object: id, "type": "checklist", prompt, help and its items
 * (question, label, and "no": the answer when not ticked); only the items with open[i] set
 * (open may be NULL: all).
 */
int sa_write_checklist_json(FILE *f, const sa_rules *r, size_t c, const unsigned char *open,
			    int customer);
size_t sa_question_choice_count(const sa_rules *r, size_t q);
const char *sa_question_choice(const sa_rules *r, size_t q, size_t i);
void sa_question_range(const sa_rules *r, size_t q, int32_t *min, int32_t *max);
/* Returns 1 and sets *value when the question has a default. */
int sa_question_default(const sa_rules *r, size_t q, int32_t *value);
/* Ids and enum choices are at most SA_ID_MAX characters (the loader rejects longer ones), so a
 * buffer of SA_VALUE_SIZE bytes holds any formatted answer value. */
#define SA_ID_MAX 64
#define SA_VALUE_SIZE (SA_ID_MAX + 16)
/* Format a value of question q ("true", "customer", "12") into buf. */
const char *sa_question_format_value(const sa_rules *r, size_t q, int32_t value, char *buf,
				     size_t size);
/* A buffer of SA_FLAG_SIZE bytes holds any question's flag with its "--" (see sa_question_flag). */
#define SA_FLAG_SIZE (SA_ID_MAX + 3)
/*
 * The command-line flag of question id: the id with every '_' written as '-', after "--" when
 * dashes is nonzero ("customer_data" gives "--customer-data"). Written into buf, cut to size
 * bytes and always terminated; returns buf. Every output that names a flag uses this.
 */
const char *sa_question_flag(const char *id, int dashes, char *buf, size_t size);
/* A buffer of SA_ANSWER_FLAG_SIZE bytes holds any answer as a flag (see sa_answer_flag). */
#define SA_ANSWER_FLAG_SIZE (SA_FLAG_SIZE + SA_VALUE_SIZE + 4)
/*
 * Answer value of question q as the command line gives it: "--payroll" or "--no-payroll" for a
 * bool, "--role=customer" or "--controls-months=4" otherwise. Human text names answers this
 * way, never by the question's id. Cut to size bytes, always terminated; returns buf.
 */
const char *sa_answer_flag(const sa_rules *r, size_t q, int32_t value, char *buf, size_t size);

size_t sa_rules_rule_count(const sa_rules *r);
const char *sa_rule_id(const sa_rules *r, size_t i);
const char *sa_rule_because(const sa_rules *r, size_t i);
const char *sa_rule_why_not(const sa_rules *r, size_t i); /* may be NULL */
/* The reason in the voice of the answers: 'because_customer' when a says role is customer and
 * the rule has one, else 'because'. */
const char *sa_rule_because_for(const sa_rules *r, size_t i, const struct sa_answers *a);
size_t sa_rule_source_count(const sa_rules *r, size_t i);
/* Source j of rule i: index into the sources table. */
size_t sa_rule_source(const sa_rules *r, size_t i, size_t j);

size_t sa_rules_source_count(const sa_rules *r);
const char *sa_source_id(const sa_rules *r, size_t s);
const char *sa_source_title(const sa_rules *r, size_t s);
const char *sa_source_url(const sa_rules *r, size_t s);     /* may be NULL */
const char *sa_source_locator(const sa_rules *r, size_t s); /* may be NULL */

size_t sa_rules_item_count(const sa_rules *r, enum sa_item_kind kind);
const char *sa_item_id(const sa_rules *r, enum sa_item_kind kind, size_t i);
const char *sa_item_title(const sa_rules *r, enum sa_item_kind kind, size_t i); /* may be NULL */
const char *sa_item_text(const sa_rules *r, enum sa_item_kind kind, size_t i);
int sa_item_order(const sa_rules *r, enum sa_item_kind kind, size_t i);
size_t sa_item_criteria_count(const sa_rules *r, enum sa_item_kind kind, size_t i);
const char *sa_item_criterion(const sa_rules *r, enum sa_item_kind kind, size_t i, size_t j);

const char *sa_report_id(enum sa_report rep);    /* "soc1", ... */
const char *sa_report_title(enum sa_report rep); /* "SOC 1", ... */
const char *sa_category_id(enum sa_category c);  /* "security", ... */
const char *sa_category_title(enum sa_category c);
const char *sa_type_id(enum sa_type t);          /* "type1", "type2", NULL for unset/none */

/*
 * Why a definite category other than security is in scope (sa_report_result.basis): the answers
 * require it (a commitment customers rely on), or make it worth considering (commonly added
 * later). Security is part of every SOC 2 and SOC 3 and has no basis.
 */
enum sa_basis { SA_BASIS_NONE = 0, SA_BASIS_REQUIRED, SA_BASIS_CONSIDER };
const char *sa_basis_id(enum sa_basis b);        /* "required", "consider", NULL for none */

/* ---- the 2017 Trust Services Criteria catalogue ------------------------------------------ */

struct sa_criterion {
	const char *id;            /* "CC6.1" */
	enum sa_category category; /* common criteria belong to security */
	const char *name;          /* our own short name, never AICPA text */
};
size_t sa_tsc_count(void);
const struct sa_criterion *sa_tsc_get(size_t i);
const struct sa_criterion *sa_tsc_find(const char *id);

/* ---- answers ------------------------------------------------------------------------------- */

/*
 * Where an answer comes from. SA_ORIGIN_UNKNOWN is an answer of "I don't know" (null in an
 * answers file, "unknown" on the command line or in the interview): the question was asked and
 * its answer is unknown. The engine treats it as unanswered but does not apply its default, so
 * what it decides stays possible; an interview does not ask it again.
 */
enum sa_origin { SA_ORIGIN_NONE = 0, SA_ORIGIN_GIVEN, SA_ORIGIN_DEFAULT, SA_ORIGIN_UNKNOWN };

/* A value per question; caller-owned, sized for one rules object. */
struct sa_answers {
	size_t count;
	int32_t *value;
	unsigned char *origin; /* enum sa_origin */
};

/* SA_OK, or SA_ERR_NOMEM with a left empty (releasing it is harmless). */
int sa_answers_init(struct sa_answers *a, const sa_rules *r);
void sa_answers_release(struct sa_answers *a);
void sa_answers_clear(struct sa_answers *a);
int sa_answers_copy(struct sa_answers *dst, const struct sa_answers *src);

/*
 * Parse text as a value of question q. Bool accepts true/false, yes/no, y/n, on/off, 1/0;
 * enum accepts a choice, in any case ("Customer"); int accepts a decimal integer within range.
 * A near miss of a choice is named in the message ("did you mean ..."). On failure returns
 * SA_ERR_ANSWER and writes a message (listing what is allowed) into msg.
 */
int sa_answer_parse(const sa_rules *r, size_t q, const char *text, int32_t *value, char *msg,
		    size_t msgsize);
/*
 * Set question q. Answering an already answered question with a different value is an error
 * (SA_ERR_ANSWER, message in msg); the same value again is accepted.
 */
int sa_answers_set(struct sa_answers *a, const sa_rules *r, size_t q, int32_t value, char *msg,
		   size_t msgsize);
/*
 * Record q as answered "unknown" (SA_ORIGIN_UNKNOWN). An earlier real answer to q is a conflict
 * (SA_ERR_ANSWER, message in msg); unknown twice is accepted.
 */
int sa_answers_set_unknown(struct sa_answers *a, const sa_rules *r, size_t q, char *msg,
			   size_t msgsize);
/* Nonzero when text is the word for "I don't know": "unknown" in any case. */
int sa_answer_is_unknown_word(const char *text);
/*
 * Read an answers document: a JSON object or a YAML mapping of question ids to values (null or
 * an empty value answers a question "unknown": SA_ORIGIN_UNKNOWN). name is used in diagnostics; line_base is added to
 * every line number (a batch line's number minus one). An "id" key (string or number) is copied
 * into id when id is not NULL. Every problem is appended to d with its line and column; returns
 * SA_OK, SA_ERR_INPUT, or SA_ERR_NOMEM when memory runs out (d then as it was). The input must
 * be valid UTF-8 and must not repeat a key.
 */
int sa_answers_read(const sa_rules *r, const char *name, unsigned line_base, const char *buf,
		    size_t len, struct sa_answers *a, char *id, size_t idsize, struct sa_diags *d);
/*
 * The "meta" mapping an answers file may carry (vendor, owner, notes, reviewed_at, any string
 * keys): the file's own bookkeeping, never read by the engine; kept by --save and shown in the
 * JSON output. Caller-owned (init/release); entries keep the file's order.
 */
#define SA_META_MAX 64         /* entries */
#define SA_META_TEXT_MAX 4096  /* bytes of a key or a value */
struct sa_meta {
	size_t n, cap;
	char **keys;
	char **values;
};
void sa_meta_init(struct sa_meta *m);
void sa_meta_clear(struct sa_meta *m); /* remove every entry, keep the room */
void sa_meta_release(struct sa_meta *m);
/* Append an entry (copied). SA_OK or SA_ERR_NOMEM. */
int sa_meta_add(struct sa_meta *m, const char *key, const char *value);
/* The value of key, or NULL. m may be NULL. */
const char *sa_meta_get(const struct sa_meta *m, const char *key);
/*
 * sa_answers_read, also keeping the document's "meta" mapping in meta (NULL: checked and
 * dropped, as sa_answers_read does). A "meta" that is not a mapping of strings, a repeated meta
 * key, more than SA_META_MAX entries or a text longer than SA_META_TEXT_MAX is a "bad-meta"
 * diagnostic. On SA_ERR_NOMEM meta is left empty, as d is left as it was.
 */
int sa_answers_read_meta(const sa_rules *r, const char *name, unsigned line_base,
			 const char *buf, size_t len, struct sa_answers *a, char *id,
			 size_t idsize, struct sa_meta *meta, struct sa_diags *d);
/*
 * Write an answers file as --save does: meta (may be NULL) first, then the given (not
 * defaulted) answers in question order; pretty JSON with two-space indentation, or YAML when
 * yaml is nonzero. Both are read back by sa_answers_read. SA_OK or SA_ERR_IO.
 */
int sa_answers_write_file(FILE *f, const sa_rules *r, const struct sa_answers *a,
			  const struct sa_meta *meta, int yaml);
/* Write the given (not defaulted) answers as one line of JSON, accepted by sa_answers_read. */
int sa_answers_write_json(FILE *f, const sa_rules *r, const struct sa_answers *a);
/* Offset of the first byte of buf that is not valid UTF-8, or len when all of it is. */
size_t sa_utf8_check(const char *buf, size_t len);
/*
 * JSON Lines (batch mode), one line of input numbered line in file name at a time.
 * sa_answers_json_line_check, before sa_answers_read: a blank line, or one that is not a JSON
 * object or list, is one diagnostic in d (invalid UTF-8 is left to sa_answers_read). Returns
 * SA_OK, SA_ERR_INPUT or SA_ERR_NOMEM.
 * sa_answers_json_id, for a line sa_answers_read parsed as JSON: copies the JSON text of its
 * top-level "id" (a string with its quotes, or a number as written) into id (max + 1 bytes) and
 * sets *idlen (0: no id). An id longer than max bytes, or a number JSON does not allow (01, 1.),
 * is a "bad-id" diagnostic: SA_ERR_INPUT with *idlen 0 (SA_ERR_NOMEM if it cannot be added).
 */
int sa_answers_json_line_check(const char *name, unsigned line, const char *buf, size_t len,
			       struct sa_diags *d);
int sa_answers_json_id(const char *name, unsigned line, const char *buf, size_t len, char *id,
		       size_t max, size_t *idlen, struct sa_diags *d);

/* Edit distance between two ids, '-' and '_' counting as equal (SIZE_MAX past 64 chars). */
size_t sa_edit_distance(const char *a, const char *b);
/* The known question id closest to id (edit distance), or NULL when none is close. */
const char *sa_rules_suggest_question(const sa_rules *r, const char *id);

/* ---- evaluation ---------------------------------------------------------------------------- */

enum sa_tv { SA_FALSE = 0, SA_TRUE = 1, SA_UNKNOWN = 2 };
enum sa_status_kind { SA_ABSENT = 0, SA_RECOMMENDED, SA_POSSIBLE };

/* ---- the plan: dated milestones (plan.c) ---------------------------------------------------- */

/*
 * Civil dates are days since 1970-01-01 in the proleptic Gregorian calendar. Dates given to
 * and printed by socadvise lie between SA_DATE_MIN_YEAR and SA_DATE_MAX_YEAR (four-digit years).
 */
#define SA_DATE_MIN_YEAR 1900
#define SA_DATE_MAX_YEAR 9900
int32_t sa_date_from_ymd(int year, int month, int day);
void sa_date_to_ymd(int32_t date, int *year, int *month, int *day);
/* date plus n months (n may be negative); a day past the new month's end becomes its last day. */
int32_t sa_date_add_months(int32_t date, int n);
/* Parse a strict ISO 8601 calendar date YYYY-MM-DD within the supported years: 0 or -1. */
int sa_date_parse(const char *s, int32_t *date);
/* Format as YYYY-MM-DD into buf (at least SA_DATE_SIZE bytes); returns buf. */
#define SA_DATE_SIZE 11
const char *sa_date_format(int32_t date, char *buf);
/* Today's local date. */
int32_t sa_date_today(void);

enum sa_milestone_kind {
	SA_MS_READINESS,
	SA_MS_TYPE1_AS_OF,
	SA_MS_TYPE2_PERIOD,
	SA_MS_REPORT_EXPECTED,
	SA_MS_BRIDGE_LETTER,
	SA_MS_NEXT_PERIOD,
	SA_MS_KIND_COUNT
};
const char *sa_milestone_kind_id(enum sa_milestone_kind k); /* "readiness", ... */

/* When a milestone falls in the plan's Now / Next / Later view. */
enum sa_phase { SA_PHASE_NOW, SA_PHASE_NEXT, SA_PHASE_LATER };

#define SA_PLAN_MAX 32
#define SA_PLAN_LABEL 96
#define SA_PLAN_TEXT 160
#define SA_PLAN_ADVICE 1024

struct sa_milestone {
	enum sa_report report;
	enum sa_milestone_kind kind;
	enum sa_phase phase;
	enum sa_type type;   /* the report's type this milestone belongs to (SA_TYPE_UNSET: none) */
	int first;           /* the report's first report_expected */
	int32_t from, to;    /* earliest start, latest end; from <= to */
	char label[SA_PLAN_LABEL]; /* without the report's name, e.g. "Type 2 period (6 months)" */
	char text[SA_PLAN_TEXT];   /* with it, e.g. "SOC 1 Type 2 period (6 months)" */
};

/*
 * The dated plan of a result, computed at the end of every evaluation when the rules have a
 * timeline section (present), from the start date (sa_result_set_start_date, or the rules'
 * start date: today unless sa_rules_set_start_date changed it). Milestones are sorted by from,
 * to, report and kind. meets_deadline is SA_UNKNOWN (JSON null) when no deadline is known, the
 * plan is undecided (a recommended report's type is still open) or no report is expected.
 */
struct sa_plan {
	int present;
	int start_set;          /* start was set on this result, not taken from the rules */
	int32_t start;
	int has_deadline;
	int32_t deadline;
	int decided;
	enum sa_tv meets_deadline;
	size_t n;
	struct sa_milestone m[SA_PLAN_MAX];
	char advice_text[SA_PLAN_ADVICE]; /* the deadline advice's text when recommended */
};


struct sa_then {
	enum sa_type type;      /* SA_TYPE_UNSET when there is no follow-up */
	int observation_months; /* 0 when not given */
	const char *note;       /* may be NULL; borrowed from the rules */
};

/*
 * A reason: a rule shown for an outcome, with the answers its value rests on. The engine decides
 * once which rules are reasons (see sa_rule_is_reason) and explains each; every output format and
 * the interview's explain view show exactly these. Borrowed from the sa_result that holds it:
 * valid until the next evaluation into that result or sa_result_release.
 */
struct sa_reason {
	size_t rule;        /* the rule's index (sa_rule_id, sa_rule_because, sa_rule_source...) */
	size_t slot;        /* what it supports: sa_rule_slot(rule), named by sa_slot_name */
	enum sa_tv holds;   /* the rule's value under the answers */
	const size_t *used; /* answered questions (defaults too) whose values decided it, in
			       question order: the parts that made it hold, or fail */
	size_t nused;
	const size_t *open; /* when holds is SA_UNKNOWN: the unanswered, applicable questions that
			       would decide it, in question order; otherwise none */
	size_t nopen;
};

struct sa_report_result {
	enum sa_status_kind status;
	enum sa_action action;
	enum sa_type type; /* SA_TYPE_UNSET: not decided yet */
	int observation_months;
	struct sa_then then;
	const char *timing; /* may be NULL */
	int type_rule;      /* rule index that decided the type, or -1 */
	int type_open;      /* the report has type rules and none decided yet */
	unsigned char criteria[SA_CAT_COUNT]; /* enum sa_status_kind per category */
	/* enum sa_basis per category: for a definite category other than security, required when
	 * one of its rules that hold is required, else consider; SA_BASIS_NONE otherwise */
	unsigned char basis[SA_CAT_COUNT];
	/* While the report is recommended or possible: the rules behind it, its type and its
	 * categories, in rules-file order. None when it is absent. */
	const struct sa_reason *reasons;
	size_t nreasons;
	/* While the report is absent: every rule that recommends it, none of which holds, in
	 * rules-file order ("why not"). None otherwise. */
	const struct sa_reason *why_not;
	size_t nwhy_not;
};

struct sa_item_result {
	enum sa_status_kind status;
	/* While the item is recommended or possible: the rules behind it, in rules-file order. */
	const struct sa_reason *reasons;
	size_t nreasons;
};

/* The engine's own storage inside a result (reasons, work space): opaque. */
struct sa_result_store;

/*
 * The result of one evaluation; caller-owned (sa_result_init / sa_result_release), reusable
 * across evaluations of the same rules without reallocating. Complete when sa_evaluate returns:
 * statuses, types, categories, reasons with their answers, and open questions; output formats
 * only read it. Its arrays (and the reason lists they lead to) are owned by the result; rules,
 * and the texts in its report results (timing, then.note), are borrowed from the rules.
 */
struct sa_result {
	const sa_rules *rules;
	struct sa_answers answers;          /* the answers with defaults applied */
	unsigned char *fact_tv;             /* per fact: enum sa_tv */
	unsigned char *rule_tv;             /* per rule: enum sa_tv */
	unsigned char *applies;             /* per question: enum sa_tv of applies_if */
	struct sa_report_result report[SA_REPORT_COUNT];
	struct sa_item_result *items[2];    /* per advice / step item */
	/* per condition node: enum sa_tv, for the conditions this result's explanations walked
	 * (reasons, open questions, sa_rule_explain, which fills a rule's on demand): the engine
	 * records a condition's nodes only when something explains it */
	unsigned char *node_tv;
	size_t nslots;
	unsigned char *decides;             /* question x slot matrix, see sa_result_decides */
	unsigned char *open;                /* per question: decides anything */
	struct sa_result_store *store;      /* the engine's: reasons and work space */
	struct sa_plan plan;                /* the dated plan (see struct sa_plan) */
};

/* Allocate res for r (all of it: evaluations never allocate). SA_OK or SA_ERR_NOMEM; on failure
 * res is left released. */
int sa_result_init(struct sa_result *res, const sa_rules *r);
/* Free what res owns; res may be zeroed or already released. */
void sa_result_release(struct sa_result *res);

/*
 * Evaluate answers into res, reasons included. Pure and allocation-free after sa_result_init.
 * How the rules combine is the precedence rule of the rules format: docs/rules-format.md,
 * section "Precedence and conflicts".
 */
void sa_evaluate(const sa_rules *r, const struct sa_answers *answers, struct sa_result *res);

/* Flags of sa_evaluate_ex. */
enum sa_eval_flags {
	/* Leave unanswered questions unknown even where they have a default: what the interview
	 * uses to decide what is worth asking (a default is what Enter picks, not an answer). */
	SA_EVAL_NO_DEFAULTS = 1u << 0,
	/* Leave every reason list empty: for searches that only look at the outcome (statuses,
	 * types, categories, open questions), where building the reasons is wasted work. */
	SA_EVAL_NO_REASONS = 1u << 1
};
void sa_evaluate_ex(const sa_rules *r, const struct sa_answers *answers, struct sa_result *res,
		    unsigned flags);

/* What a rule produces: its kind and the report, category or item it targets (-1 if none). */
enum sa_outcome_kind {
	SA_OUT_RECOMMEND,
	SA_OUT_TYPE,
	SA_OUT_CRITERIA,
	SA_OUT_ADVICE,
	SA_OUT_STEP
};
enum sa_outcome_kind sa_rule_outcome(const sa_rules *r, size_t i, int *report, int *target);

/*
 * Explain rule i under res: sets used[q] = 1 for each answered question whose value decided the
 * rule's condition (the parts that made it true, or false), and open[q] = 1 for each unanswered,
 * applicable question in its unknown parts. Either array may be NULL; both have
 * sa_rules_question_count() entries and are not cleared first.
 */
void sa_rule_explain(const sa_rules *r, const struct sa_result *res, size_t rule,
		     unsigned char *used, unsigned char *open);

/*
 * Nonzero when rule i is a reason to show for its outcome under res: it holds and its item is
 * recommended, it is unknown and its item is possible, or it is the type rule that decided its
 * report's type. A rule whose report is absent is never a reason. This is the one decision:
 * sa_evaluate builds the result's reason lists (struct sa_reason) from it, and the output
 * formats show those lists.
 */
int sa_rule_is_reason(const sa_rules *r, const struct sa_result *res, size_t i);

/* The slot (see below) that rule i's outcome concerns. */
size_t sa_rule_slot(const sa_rules *r, size_t i);

/*
 * Decision slots: the things an open question can decide. Slot names are "soc2" (whether the
 * report is recommended), "soc2:type", "soc2:availability" (a category), "advice:ID", "step:ID".
 */
size_t sa_slot_count(const sa_rules *r);
const char *sa_slot_name(const sa_rules *r, size_t slot, char *buf, size_t size);
/* Nonzero when unanswered question q can still decide slot under res. */
int sa_result_decides(const struct sa_result *res, size_t q, size_t slot);
/* Nonzero when question q is unanswered, applicable and decides at least one slot. */
int sa_result_is_open(const struct sa_result *res, size_t q);

/* The date plans start from in results evaluated with r (default: today's local date). */
void sa_rules_set_start_date(sa_rules *r, int32_t date);
/* The date this result's plan starts from, overriding the rules' start date. */
void sa_result_set_start_date(struct sa_result *res, int32_t date);
/*
 * The text of advice or step i under res: the rules' text, except for the planner's deadline
 * advice, whose text names the earliest date and the interim alternative.
 */
const char *sa_result_item_text(const sa_rules *r, const struct sa_result *res,
				enum sa_item_kind kind, size_t i);

/* ---- output ------------------------------------------------------------------------------ */

/*
 * Explanation levels (sa_output_opts.explain). 0 and 1 keep their historic meaning. NONE omits
 * every "reasons" list from the JSON, YAML and Markdown documents (the batch default, so that
 * batch output stays compact); the text output shows its reasons at every level.
 */
enum sa_explain {
	SA_EXPLAIN_NONE = -1,   /* no reasons */
	SA_EXPLAIN_REASONS = 0, /* reasons for what is recommended or possible (the default) */
	SA_EXPLAIN_FULL = 1     /* reasons, and "why not" for the reports that are not recommended */
};

struct sa_output_opts {
	int explain; /* enum sa_explain: nonzero positive adds "why not" for absent reports */
	int color;   /* text only: ANSI colour and emphasis */
	int compact; /* JSON only: one line */
	/* JSON and YAML: the answers file's "meta" mapping, shown as "meta" when not empty; or NULL */
	const struct sa_meta *meta;
	size_t width; /* text only: wrap at this many columns; 0: 78 */
	/* text only: the command that takes up the open questions ("socadvise -i --answers a.json"),
	 * shown at the end when any is open; NULL: a generic hint */
	const char *resume;
};

/*
 * The writers below read a result and decide nothing (its reasons are the result's). Each
 * returns SA_OK, SA_ERR_NOMEM or SA_ERR_IO; SA_OK only when the whole document was written.
 * On SA_ERR_NOMEM a one-line JSON document (compact, batch lines) has written nothing.
 */
/* Write the result as a JSON document (docs/json-output.md). */
int sa_write_json(FILE *f, const sa_rules *r, const struct sa_result *res,
		  const struct sa_output_opts *o);
/* Write the result as readable text. */
int sa_write_text(FILE *f, const sa_rules *r, const struct sa_result *res,
		  const struct sa_output_opts *o);

/* Write the result as a Markdown onboarding checklist. */
int sa_write_markdown(FILE *f, const sa_rules *r, const struct sa_result *res,
		      const struct sa_output_opts *o);
/*
 * Write the result as YAML through libyaml's emitter: the same document as sa_write_json, so a
 * YAML-to-JSON conversion of it equals the JSON output. Returns SA_OK, SA_ERR_NOMEM or SA_ERR_IO.
 */
int sa_write_yaml(FILE *f, const sa_rules *r, const struct sa_result *res,
		  const struct sa_output_opts *o);

/*
 * Write the plan's milestones as an iCalendar file (RFC 5545, through libical): one all-day
 * VEVENT per milestone, with stable UIDs and a DTSTAMP derived from the start date, so the same
 * result gives the same bytes. Returns SA_OK, SA_ERR_NOMEM, SA_ERR_IO, or SA_ERR_UNAVAILABLE
 * (nothing written) when libical cannot be loaded.
 */
int sa_write_ics(FILE *f, const sa_rules *r, const struct sa_result *res,
		 const struct sa_output_opts *o);
/*
 * libical is loaded (dlopen) when the first calendar is written, not when the program starts:
 * a run that writes none does not map it. sa_ics_load loads it now, once per process, and
 * returns SA_OK, or SA_ERR_UNAVAILABLE when it cannot be loaded; sa_ics_error then says why
 * (the loader's message, borrowed; NULL otherwise). A program may call it first so as to fail
 * before any work.
 */
int sa_ics_load(void);
const char *sa_ics_error(void);

/*
 * Nonzero when nothing in res is undecided: no report, category, type, advice item or next step
 * is still possible and no question is open (the test behind --require-complete).
 */
int sa_result_is_complete(const sa_rules *r, const struct sa_result *res);

/* ---- batch (JSON Lines) output ------------------------------------------------------------ */

/*
 * Write one batch result line: the sa_write_json document on one line, with an "id" key first
 * when id_json is not NULL. id_json is the id as JSON text (a string with its quotes, or a
 * number), as it appeared in the input line. Returns SA_OK, SA_ERR_INPUT (id_json is not a JSON
 * string or number), SA_ERR_NOMEM or SA_ERR_IO.
 */
int sa_write_json_line(FILE *f, const sa_rules *r, const struct sa_result *res,
		       const struct sa_output_opts *o, const char *id_json);
/*
 * Write one batch error line for input line number line: {"id"?, "line", "column", "error":
 * {"code", "message"}, "errors": [...]}, where "error" is the first error in d and "errors"
 * lists every error of d. id_json as for sa_write_json_line; NULL or invalid leaves "id" out.
 * Returns SA_OK, SA_ERR_NOMEM (nothing written) or SA_ERR_IO.
 */
int sa_write_json_error_line(FILE *f, const char *id_json, unsigned line,
			     const struct sa_diags *d);

/* ---- the question vocabulary (--list-questions) ---------------------------------------------- */
/* Each returns SA_OK, SA_ERR_NOMEM or SA_ERR_IO, like the result writers. */

/* The questions as a JSON document (docs/schema/questions.schema.json); compact: one line. */
int sa_write_questions_json(FILE *f, const sa_rules *r, int compact);
/* The same document as YAML. */
int sa_write_questions_yaml(FILE *f, const sa_rules *r);
/* The questions as a Markdown table. */
int sa_write_questions_markdown(FILE *f, const sa_rules *r);

/*
 * Write text word-wrapped at width columns. The caller has already written up to column col;
 * continuation lines are indented by indent. Every byte that is not printable is written as a
 * visible escape (sa_escape.h; a tab is kept), and an escape counts as wide as it is written.
 * Returns the column after the last word (no newline is written at the end).
 */
size_t sa_wrap(FILE *f, const char *text, size_t col, size_t indent, size_t width);

/* The text of the default rules embedded at build time (data/rules.yaml; sa_rules_load uses
 * their compiled form) and the name used in messages. */
const char *sa_default_rules(size_t *len);
#define SA_DEFAULT_RULES_NAME "rules.yaml (built in)"

#ifdef __cplusplus
}
#endif

#endif
