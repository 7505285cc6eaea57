/*
 * test_alloc_torture.c - allocation-failure torture: one whole cycle of the library (load rules
 * with a timeline section, read answers with a "meta" mapping as JSON and as YAML, evaluate with
 * the dated plan, write every output format, the iCalendar plan, the CSV row, the --summary line,
 * a diff and the --save file in JSON and YAML, read a CSV batch, lint with --check and verify
 * the invariants) is first run to count its allocations, then
 * run again once for every allocation k with allocation k failing, as curl's torture tests do.
 * A first cycle, not counted, does the libraries' one-time work. --check running out of its
 * search budget is a deterministic outcome like any other: its diagnostics are compared.
 *
 * Every run must end cleanly: each step returns SA_OK or SA_ERR_NOMEM, the cycle stops at the
 * first SA_ERR_NOMEM (as the command would) and frees everything, a failed load returns no rules
 * and a failed load, read or check leaves no diagnostics behind. A step that returns SA_OK must
 * have done its whole job: its output (rules as their questions document, answers, every
 * document written, the diagnostics of --check, the verdicts of --verify) is identical to the
 * run without failures. A failed allocation that every step survives with identical output was
 * optional (e.g. libc's qsort falls back to sorting in place); the test counts those.
 *
 * What is failed depends on the build:
 * - plain build: this executable defines malloc, calloc, realloc, strdup and strndup over glibc's
 *   __libc_malloc family, so every allocation counts: the library's, libyaml's (which has no
 *   allocation hooks), cJSON's and libc's own on the library's behalf; libical's are made but
 *   never failed (it writes through a failed allocation: nothing its caller could handle). Exactly allocation k
 *   fails; the ones after it succeed. free is interposed too, so that a run ending with more
 *   blocks allocated than it started with fails the test: leaks are caught without a sanitizer.
 * - AddressSanitizer build: the sanitizer owns malloc, so the test fails the library's own
 *   allocations through sa_calloc's test hook (sa_test_alloc_fail: allocation k and every one
 *   after it fail) and cJSON's through its allocation hooks, in two sweeps; libyaml's own
 *   allocations are covered by the plain build only. LeakSanitizer reports any leak at exit.
 *
 * The small fixture cycle fails every one of its allocations. The default rules' cycle makes
 * tens of thousands (loading is thousands, the --check searches most of the rest), too many to
 * try each in a few seconds (each run loads the rules again): it fails the first CYCLE_FIRST
 * (loading) and the last CYCLE_LAST (--check) allocations, and CYCLE_SAMPLES more evenly spread
 * over the whole cycle (loading, reading, writing every format, --check). It leaves out
 * --verify, which takes seconds on the default rules; the fixture covers it. Under the
 * sanitizer, where a cycle is many times slower, it samples fewer allocations and leaves out
 * --check as well.
 */
#define _GNU_SOURCE /* dladdr */
#include "support.h"

#include "sa_csv.h"
#include "sa_diff.h"
#include "sa_summary.h"
#include "internal.h"
#include "sa_check.h"

#include <cjson/cJSON.h>
#include <dlfcn.h>
#include <limits.h>

#if defined(__SANITIZE_ADDRESS__)
#define TORTURE_LIBC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TORTURE_LIBC 0
#endif
#endif
#ifndef TORTURE_LIBC
#define TORTURE_LIBC 1
#endif

#if TORTURE_LIBC
#define CYCLE_FIRST 200   /* default rules: the first allocations, each failed */
#define CYCLE_LAST 10     /* default rules: the last allocations, each failed */
#define CYCLE_SAMPLES 100 /* default rules: allocations failed, evenly spread over the cycle */
#define DEFAULT_CHECK 1   /* default rules: --check is part of the cycle */
#else
/* under the sanitizer a cycle is many times slower: fewer runs, and --check on the fixture only */
#define CYCLE_FIRST 50
#define CYCLE_LAST 10
#define CYCLE_SAMPLES 40
#define DEFAULT_CHECK 0
#endif
#define OUT_MAX (1u << 20) /* the largest document a cycle writes */

/* ---- counting and failing allocations ------------------------------------------------------ */

enum alloc_source {
	SRC_LIBC,  /* every allocation of the process, through the interposed malloc family */
	SRC_SA,    /* the library's sa_calloc (sanitizer build) */
	SRC_CJSON  /* cJSON's allocation hooks (sanitizer build) */
};

static enum alloc_source mode;
static int armed;                          /* inside a library call of the cycle */
static unsigned long calls;                /* allocations counted while armed */
static unsigned long fail_at = ULONG_MAX;  /* the allocation (0-based) that fails */
static int failed;                         /* fail_at was reached */

static int fail_now(void)
{
	if (!armed)
		return 0;
	if (calls++ == fail_at) {
		failed = 1;
		return 1;
	}
	return 0;
}

#if TORTURE_LIBC
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);

static long live;         /* blocks allocated through the functions below and not yet freed */
static void *fail_caller; /* the code whose allocation failed */

void *malloc(size_t n);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t n);
void free(void *p);
char *strdup(const char *s);
char *strndup(const char *s, size_t n);

/*
 * libical does not survive a failed allocation (pvl_push, behind icalcomponent_add_property,
 * writes through the NULL it got): its allocations are made, never counted nor failed.
 */
static int in_libical(void *code)
{
	Dl_info info;
	return code && dladdr(code, &info) && info.dli_fname && strstr(info.dli_fname, "libical");
}

/* An allocation of n bytes (zeroed when zero) for code at caller: NULL when it is the one to fail. */
static void *alloc_for(void *caller, size_t n, int zero)
{
	void *p = NULL;
	if (!in_libical(caller) && fail_now())
		fail_caller = caller;
	else
		p = zero ? __libc_calloc(1, n ? n : 1) : __libc_malloc(n);
	if (p)
		live++;
	return p;
}

void *malloc(size_t n)
{
	return alloc_for(__builtin_return_address(0), n, 0);
}

void *calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return alloc_for(__builtin_return_address(0), n * size, 1);
}

void *realloc(void *p, size_t n)
{
	void *caller = __builtin_return_address(0), *q = NULL;
	if (p && n == 0) {
		free(p);
		return NULL;
	}
	if (!in_libical(caller) && fail_now())
		fail_caller = caller;
	else
		q = __libc_realloc(p, n);
	if (q && !p)
		live++;
	return q;
}

void free(void *p)
{
	if (p)
		live--;
	__libc_free(p);
}

char *strdup(const char *s)
{
	size_t len = strlen(s) + 1;
	char *p = alloc_for(__builtin_return_address(0), len, 0);
	if (p)
		memcpy(p, s, len);
	return p;
}

char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = alloc_for(__builtin_return_address(0), len + 1, 0);
	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}
#endif

static void *cjson_malloc(size_t n)
{
	return mode == SRC_CJSON && fail_now() ? NULL : malloc(n);
}

static unsigned long sa_base; /* sa_calloc's count when armed (SRC_SA) */
static const char *cur_step;  /* the step armed last, for messages */
static unsigned long load_end, check_start;
#if !TORTURE_LIBC
static unsigned long yaml_leaks; /* always 0: libyaml's allocations are not failed here */
#endif /* the reference run's phases, in allocations */


/* Count (and fail) allocations of the library call that follows (what), until disarm. */
static void arm(const char *what)
{
	if (!failed)
		cur_step = what;
	if (fail_at == ULONG_MAX && strcmp(what, "check") == 0)
		check_start = calls;
	if (mode == SRC_SA) {
		sa_base = sa_test_alloc_count();
		if (fail_at != ULONG_MAX)
			sa_test_alloc_fail(fail_at > calls ? (long)(fail_at - calls) : 0);
	}
	armed = 1;
}

static void disarm(void)
{
	armed = 0;
	if (mode == SRC_SA) {
		calls += sa_test_alloc_count() - sa_base;
		if (fail_at != ULONG_MAX && calls > fail_at)
			failed = 1;
		sa_test_alloc_fail(-1);
	}
}

/* ---- the cycle ------------------------------------------------------------------------------- */

struct cycle_in {
	const char *name;
	const char *rules;
	int check;          /* lint the rules as --check does */
	int verify;         /* run --verify's search on every invariant */
	const char *json;   /* the same answers as a JSON document ... */
	const char *yaml;   /* ... and as a YAML one */
	int plan;           /* the answers give a dated plan (the rules have a timeline) */
};

enum doc { D_QUESTIONS, D_TEXT, D_JSON, D_JSON_LINE, D_MARKDOWN, D_YAML, D_ICS, D_CSV,
	   D_SUMMARY, D_DIFF, D_CSV_READ, D_SAVE_JSON, D_SAVE_YAML, D_CHECK, D_VERIFY, D_COUNT };
static const char *const doc_names[D_COUNT] = { "questions", "text", "json", "json line",
						"markdown", "yaml", "ics", "csv", "summary",
						"diff", "csv read", "saved json", "saved yaml",
						"check", "verify" };

/* What the cycle produces without failures: every later run's successes must match it. */
struct ref {
	char *doc[D_COUNT];
	size_t len[D_COUNT];
	struct sa_answers answers;
	int recorded;
};

static char out_buf[OUT_MAX];
static char io_buf[BUFSIZ];

/* A stream over a fixed buffer, opened before arming: writing to it never allocates. */
static FILE *sink_open(void)
{
	FILE *f = fmemopen(out_buf, sizeof(out_buf), "w");
	assert_non_null(f);
	assert_int_equal(setvbuf(f, io_buf, _IOFBF, sizeof(io_buf)), 0);
	return f;
}

static size_t sink_close(FILE *f)
{
	long len;
	assert_int_equal(fflush(f), 0);
	len = ftell(f);
	assert_true(len >= 0 && (size_t)len < sizeof(out_buf));
	assert_int_equal(fclose(f), 0);
	return (size_t)len;
}

/* A step's document: recorded by the first run, compared by every later one. */
static void same_doc(struct ref *ref, enum doc which, size_t len)
{
	if (!ref->recorded) {
		ref->doc[which] = malloc(len + 1);
		assert_non_null(ref->doc[which]);
		memcpy(ref->doc[which], out_buf, len);
		ref->doc[which][len] = '\0';
		ref->len[which] = len;
		return;
	}
	if (len != ref->len[which] || memcmp(out_buf, ref->doc[which], len) != 0)
		fail_msg("%s: reported success after allocation %lu failed, with different output",
			 doc_names[which], fail_at);
}

/* A status of a step: SA_OK, or SA_ERR_NOMEM only when an allocation failed. */
static int nomem(int rc)
{
	if (rc == SA_ERR_NOMEM) {
		assert_true(failed);
		return 1;
	}
	if (rc != SA_OK)
		fail_msg("%s returned %d after allocation %lu failed", cur_step, rc, fail_at);
	return 0;
}

/* What changes from no answers to res, as JSON (--what-if and --diff). */
static int diff_doc(FILE *f, const sa_rules *r, const struct sa_result *res)
{
	struct sa_answers none;
	struct sa_result empty;
	struct sa_diff d;
	int rc;
	memset(&empty, 0, sizeof(empty));
	sa_diff_init(&d);
	rc = sa_answers_init(&none, r);
	if (rc == SA_OK)
		rc = sa_result_init(&empty, r);
	if (rc == SA_OK) {
		sa_evaluate(r, &none, &empty);
		rc = sa_diff_compute(r, &empty, res, &d);
	}
	if (rc == SA_OK)
		rc = sa_write_diff_json(f, r, &d, "none", "the answers");
	sa_diff_release(&d);
	sa_result_release(&empty);
	sa_answers_release(&none);
	return rc;
}

/* A CSV batch of two rows naming every question (one row answers none), read, and what was
 * read written as text: the rows' numbers, given answers and pass-through cells. */
static int csv_read(FILE *f, const sa_rules *r)
{
	static char csv[8192];
	size_t n = 0, q, i, idlen;
	sa_csv_reader *rd = NULL;
	struct sa_answers a;
	struct sa_meta meta;
	struct sa_diags d;
	char id[64];
	FILE *in;
	int rc, more = 1;
	n += (size_t)snprintf(csv + n, sizeof(csv) - n, "\xef\xbb\xbfid,notes");
	for (q = 0; q < sa_rules_question_count(r); q++)
		n += (size_t)snprintf(csv + n, sizeof(csv) - n, ",%s", sa_question_id(r, q));
	n += (size_t)snprintf(csv + n, sizeof(csv) - n, "\r\nx,\"a, \"\"b\"\"\nc\"");
	for (q = 0; q < sa_rules_question_count(r); q++)
		n += (size_t)snprintf(csv + n, sizeof(csv) - n, ",%s",
				      sa_question_type(r, q) == SA_Q_BOOL ? "yes" : "");
	n += (size_t)snprintf(csv + n, sizeof(csv) - n, "\r\ny,,maybe\r\n");
	assert_true(n < sizeof(csv));
	disarm(); /* the test's own stream: not the library's allocation */
	in = fmemopen(csv, n, "r");
	assert_non_null(in);
	arm("csv read");
	sa_diags_init(&d);
	sa_meta_init(&meta);
	rc = sa_answers_init(&a, r);
	if (rc == SA_OK)
		rc = sa_csv_reader_new(r, "t.csv", in, &rd, &d);
	while (rc == SA_OK && more) {
		int st = sa_csv_read_row(rd, &a, &meta, id, sizeof(id), &idlen, &more, &d);
		if (st == SA_ERR_NOMEM) {
			rc = st;
			break;
		}
		if (!more)
			break;
		fprintf(f, "row %u: %d, id %s,", sa_csv_row_number(rd), st, idlen ? id : "-");
		for (q = 0; q < a.count; q++)
			if (a.origin[q])
				fprintf(f, " %s", sa_question_id(r, q));
		for (i = 0; i < meta.n; i++)
			fprintf(f, " [%s=%s]", meta.keys[i], meta.values[i]);
		for (i = 0; i < d.len; i++)
			fprintf(f, " {%s %u:%u}", d.items[i].code, d.items[i].line, d.items[i].col);
		fputc('\n', f);
		sa_diags_release(&d);
	}
	sa_csv_reader_free(rd);
	sa_answers_release(&a);
	sa_meta_release(&meta);
	sa_diags_release(&d);
	fclose(in);
	return rc;
}

/* Write the result (or the questions) in one format; 1 when it ran out of memory. */
static int write_doc(struct ref *ref, enum doc which, const sa_rules *r,
		     const struct sa_result *res, const struct sa_answers *a,
		     const struct sa_meta *meta)
{
	struct sa_output_opts o = { SA_EXPLAIN_FULL, 0, 0, meta, 0, NULL };
	FILE *f = sink_open();
	int rc = SA_OK;
	arm(doc_names[which]);
	switch (which) {
	case D_QUESTIONS:
		rc = sa_write_questions_json(f, r, 0);
		break;
	case D_TEXT:
		rc = sa_write_text(f, r, res, &o);
		break;
	case D_JSON:
		rc = sa_write_json(f, r, res, &o);
		break;
	case D_JSON_LINE:
		o.explain = SA_EXPLAIN_NONE;
		rc = sa_write_json_line(f, r, res, &o, "\"id-1\"");
		break;
	case D_MARKDOWN:
		rc = sa_write_markdown(f, r, res, &o);
		break;
	case D_YAML:
		rc = sa_write_yaml(f, r, res, &o);
		break;
	case D_ICS:
		rc = sa_write_ics(f, r, res, &o);
		break;
	case D_CSV:
		rc = sa_write_csv(f, r, res, &o);
		break;
	case D_SUMMARY:
		rc = sa_write_summary(f, r, res, "\"id-1\"");
		break;
	case D_DIFF:
		rc = diff_doc(f, r, res);
		break;
	case D_CSV_READ:
		rc = csv_read(f, r);
		break;
	case D_SAVE_JSON:
	case D_SAVE_YAML:
		/* --save: the answers and the "meta" they were read with */
		rc = sa_answers_write_file(f, r, a, meta, which == D_SAVE_YAML);
		break;
	default:
		fail();
	}
	disarm();
	if (nomem(rc)) {
		sink_close(f);
		return 1;
	}
	same_doc(ref, which, sink_close(f));
	return 0;
}

/* Read one answers document into a (initialized here); 1 when out of memory. */
static int read_answers(struct ref *ref, const sa_rules *r, const char *doc, struct sa_answers *a,
			struct sa_meta *meta)
{
	struct sa_diags d;
	int rc;
	sa_diags_init(&d);
	arm("answers");
	rc = sa_answers_init(a, r);
	if (rc == SA_OK)
		rc = sa_answers_read_meta(r, "answers", 0, doc, strlen(doc), a, NULL, 0, meta, &d);
	disarm();
	if (d.len)
		fail_msg("%s:%u:%u: %s", d.items[0].file, d.items[0].line, d.items[0].col,
			 d.items[0].message);
	sa_diags_release(&d);
	if (nomem(rc)) {
		/* a failed read keeps no "meta" entry */
		assert_int_equal(meta->n, 0);
		return 1;
	}
	assert_string_equal(sa_meta_get(meta, "owner"), "it");
	assert_string_equal(sa_meta_get(meta, "reviewed"), "2026-01-15");
	if (!ref->recorded && !ref->answers.count) {
		assert_int_equal(sa_answers_init(&ref->answers, r), SA_OK);
		assert_int_equal(sa_answers_copy(&ref->answers, a), SA_OK);
	}
	assert_int_equal(a->count, ref->answers.count);
	assert_memory_equal(a->value, ref->answers.value, a->count * sizeof(*a->value));
	assert_memory_equal(a->origin, ref->answers.origin, a->count);
	return 0;
}

/* --check: its diagnostics as the JSON document --check --format json writes. */
static int check(struct ref *ref, const struct cycle_in *in, const sa_rules *r)
{
	struct sa_diags d;
	FILE *f;
	int rc;
	sa_diags_init(&d);
	arm("check");
	rc = sa_rules_check(r, in->name, &d);
	disarm();
	/* the search budget running out is a deterministic outcome: its diagnostics are compared */
	if (rc == SA_ERR_RULES && d.errors == 1 &&
	    strcmp(d.items[d.len - 1].code, "search-budget") == 0)
		rc = SA_OK;
	if (nomem(rc)) {
		assert_int_equal(d.len, 0);
		sa_diags_release(&d);
		return 1;
	}
	sa_diags_sort(&d);
	f = sink_open();
	arm("check json");
	rc = sa_diags_write_json(f, in->name, &d);
	disarm();
	sa_diags_release(&d);
	if (nomem(rc)) {
		sink_close(f);
		return 1;
	}
	same_doc(ref, D_CHECK, sink_close(f));
	return 0;
}

/* --verify: every invariant's verdict, space, evaluations and counterexample, as text. */
static int verify(struct ref *ref, const sa_rules *r)
{
	size_t i, n = sa_rules_invariant_count(r);
	FILE *f = sink_open();
	int stop = 0;
	for (i = 0; i < n && !stop; i++) {
		struct sa_verify_result v;
		int rc;
		memset(&v, 0, sizeof(v));
		arm("verify");
		rc = sa_verify_result_init(&v, r);
		if (rc == SA_OK)
			rc = sa_verify_invariant(r, i, &v);
		disarm();
		stop = nomem(rc);
		if (!stop) {
			fprintf(f, "%s holds=%d space=%.0f evaluations=%llu forced=%d ",
				sa_invariant_id(r, i), v.holds, v.space, v.evaluations, v.forced);
			sa_answers_write_json(f, r, &v.counterexample);
		}
		sa_verify_result_release(&v);
	}
	if (stop) {
		sink_close(f);
		return 1;
	}
	same_doc(ref, D_VERIFY, sink_close(f));
	return 0;
}

/* One cycle; returns 1 when it stopped at SA_ERR_NOMEM, 0 when every step succeeded. */
static int cycle(const struct cycle_in *in, struct ref *ref)
{
	sa_rules *r = NULL;
	struct sa_diags d;
	struct sa_answers aj, ay;
	struct sa_meta mj, my;
	struct sa_result res;
	int rc, stop;
	enum doc k;

	sa_meta_init(&mj);
	sa_meta_init(&my);
	memset(&aj, 0, sizeof(aj));
	memset(&ay, 0, sizeof(ay));
	memset(&res, 0, sizeof(res));
	sa_diags_init(&d);
	arm("load");
	rc = in->rules ? sa_rules_load_buffer(in->name, in->rules, strlen(in->rules), NULL, &r, &d)
		       : sa_rules_load(NULL, NULL, &r, &d);
	disarm();
	if (fail_at == ULONG_MAX)
		load_end = calls;
	if (d.len)
		fail_msg("%s:%u:%u: %s", d.items[0].file, d.items[0].line, d.items[0].col,
			 d.items[0].message);
	stop = nomem(rc);
	if (stop) {
		assert_null(r);
		goto out;
	}
	/* the plan's dates: the same in every run, whatever the day */
	sa_rules_set_start_date(r, sa_date_from_ymd(2026, 1, 15));
	stop = write_doc(ref, D_QUESTIONS, r, NULL, NULL, NULL) ||
	       read_answers(ref, r, in->json, &aj, &mj) || read_answers(ref, r, in->yaml, &ay, &my);
	if (stop)
		goto out;
	arm("evaluate");
	rc = sa_result_init(&res, r);
	if (rc == SA_OK)
		sa_evaluate(r, &aj, &res);
	disarm();
	stop = nomem(rc);
	if (!stop && in->plan && (!res.plan.present || !res.plan.n))
		fail_msg("%s: the answers give no plan: the cycle would not write one", in->name);
	for (k = D_TEXT; !stop && k <= D_SAVE_YAML; k++)
		stop = write_doc(ref, k, r, &res, &aj, &mj);
	if (!stop && in->check)
		stop = check(ref, in, r);
	if (!stop && in->verify)
		stop = verify(ref, r);
out:
	sa_result_release(&res);
	sa_answers_release(&aj);
	sa_answers_release(&ay);
	sa_meta_release(&mj);
	sa_meta_release(&my);
	sa_rules_free(r);
	sa_diags_release(&d);
	return stop;
}

static void ref_release(struct ref *ref)
{
	int k;
	for (k = 0; k < D_COUNT; k++)
		free(ref->doc[k]);
	sa_answers_release(&ref->answers);
	memset(ref, 0, sizeof(*ref));
}

#if TORTURE_LIBC
/*
 * libyaml's loader leaks one block when some of its own allocations fail (yaml_parser_load
 * drops a new node's item stack when it cannot add the node to the document): nothing its
 * caller can free. That one block is allowed, and counted, when the failed allocation was
 * libyaml's.
 */
static unsigned long yaml_leaks;

static int in_libyaml(void *code)
{
	Dl_info info;
	return code && dladdr(code, &info) && info.dli_fname && strstr(info.dli_fname, "libyaml");
}
#endif

/* Fail allocation k of the cycle (in this source); checks the run as the header says. */
static int run_failing(const struct cycle_in *in, struct ref *ref, unsigned long k)
{
	int stopped;
#if TORTURE_LIBC
	long before = live;
#endif
	calls = 0;
	failed = 0;
#if TORTURE_LIBC
	fail_caller = NULL;
#endif
	fail_at = k;
	stopped = cycle(in, ref);
	fail_at = ULONG_MAX;
	if (!failed)
		fail_msg("allocation %lu of %s was never made: the cycle is not deterministic", k,
			 in->name);
#if TORTURE_LIBC
	if (live == before + 1 && in_libyaml(fail_caller)) {
		yaml_leaks++;
		return stopped;
	}
	if (live != before)
		fail_msg("%s, allocation %lu failed (in %s): %ld blocks leaked", in->name, k, cur_step,
			 live - before);
#endif
	return stopped;
}

/*
 * The torture of one cycle in one source: count, then fail each allocation (every one when
 * sample is 0; else the first CYCLE_FIRST and the last CYCLE_LAST, and CYCLE_SAMPLES evenly
 * spread over the rest).
 */
static void torture(const struct cycle_in *in, enum alloc_source src, int sample)
{
	struct ref ref;
	unsigned long n, k, runs = 0, absorbed = 0, stride = 1;

	memset(&ref, 0, sizeof(ref));
	fail_at = ULONG_MAX;
	mode = src;
	yaml_leaks = 0;
	cJSON_InitHooks(NULL);
	if (src == SRC_CJSON) {
		static cJSON_Hooks hooks = { cjson_malloc, free };
		cJSON_InitHooks(&hooks);
	}
	/* a first cycle, not counted, for the one-time work of the libraries (libc's time zone,
	   libical's UTC zone): every counted cycle then makes the same allocations */
	{
		struct ref warm;
		memset(&warm, 0, sizeof(warm));
		assert_int_equal(cycle(in, &warm), 0);
		ref_release(&warm);
	}
	calls = 0;
	failed = 0;
	check_start = ULONG_MAX;
	assert_int_equal(cycle(in, &ref), 0);
	ref.recorded = 1;
	n = calls;
	if (check_start > n)
		check_start = n; /* no --check in this cycle */
	assert_true(n > 0);
	if (sample && n > CYCLE_SAMPLES)
		stride = n / CYCLE_SAMPLES;
	for (k = 0; k < n; k++) {
		if (sample && k >= CYCLE_FIRST && k + CYCLE_LAST < n && k % stride)
			continue;
		runs++;
		if (!run_failing(in, &ref, k))
			absorbed++;
	}
	print_message("%s (%s): %lu allocations (load %lu, read/evaluate/write %lu, check%s %lu), "
		      "%lu failed in turn, %lu of them optional, %lu leaked by libyaml\n",
		      in->name, src == SRC_LIBC ? "every allocation" :
				src == SRC_SA ? "the library's" : "cJSON's",
		      n, load_end, check_start - load_end, in->verify ? " and verify" : "",
		      n - check_start, runs, absorbed, yaml_leaks);
	cJSON_InitHooks(NULL);
	ref_release(&ref);
}

/* ---- inputs ---------------------------------------------------------------------------------- */

static const char *const FIXTURE =
	"format: 1\n"
	"name: t\n"
	"version: \"1\"\n"
	"sources:\n"
	"  - {id: s, title: S, url: \"https://example.org\", locator: p.1}\n"
	"  - {id: unused, title: U}\n"
	"questions:\n"
	"  - {id: role, type: enum, choices: [provider, customer], default: provider, prompt: R?}\n"
	"  - {id: hosting, type: bool, prompt: \"Host?\", help: \"SaaS.\"}\n"
	"  - {id: uptime, type: bool, prompt: \"Uptime?\", applies_if: hosting}\n"
	"  - {id: months, type: int, min: 0, max: 99, prompt: \"Months?\",\n"
	"     exclusive: [r.type, r.soc1]}\n"
	"facts:\n"
	"  - {id: cloud, description: Hosted, when: {all: [hosting, {role: provider}]}}\n"
	"advice:\n"
	"  - {id: tip, title: Tip, text: \"A tip.\"}\n"
	"  - {id: late, title: Late, text: \"Too late.\"}\n"
	"steps:\n"
	"  - {id: go, order: 1, text: \"Go.\", criteria_ids: [A1.2]}\n"
	"  - {id: plan, order: 0, text: \"Plan.\"}\n"
	"rules:\n"
	"  - {id: r.soc2, when: cloud, recommend: soc2, because: R1, why_not: W1, sources: [s]}\n"
	"  - {id: r.type, when: {months: {ge: 3}}, type: {report: soc2, type: type1,\n"
	"     then: {type: type2, observation_months: 3, note: N}, timing: T}, because: R2,\n"
	"     sources: [s]}\n"
	"  - {id: r.sec, criteria: {report: soc2, category: security}, because: R3, sources: [s]}\n"
	"  - {id: r.avail, when: uptime, criteria: {report: soc2, category: availability},\n"
	"     because: R4, sources: [s]}\n"
	"  - {id: r.soc1, when: {months: {gt: 50}}, recommend: soc1, because: R5, why_not: W5,\n"
	"     sources: [s]}\n"
	"  - {id: r.tip, when: {all: [hosting, uptime]}, advice: tip, because: R6, sources: [s]}\n"
	"  - {id: r.go, when: {any: [hosting, {not: {months: {lt: 10}}}]}, step: go, because: R7,\n"
	"     sources: [s]}\n"
	"  - {id: r.plan, when: {not: {role: customer}}, step: plan, because: R8, sources: [s]}\n"
	"invariants:\n"
	"  - {id: i1, description: D, when: {recommended: soc1}, require: {type: {soc2: type1}},\n"
	"     sources: [s]}\n"
	"  - {id: i2, description: D, scope: all, require: {any: [{possible: soc2}, true]},\n"
	"     sources: [s]}\n"
	"timeline:\n"
	"  deadline_advice: late\n"
	"  readiness_advice: tip\n"
	"  readiness_weeks: {min: 4, max: 12, sources: [s]}\n"
	"  type1_lead_weeks: {min: 6, max: 12, sources: [s]}\n"
	"  reporting_weeks: {min: 4, max: 6, sources: [s]}\n"
	"  bridge_letter_months: {normal: 3, max: 6, sources: [s]}\n"
	"  type2_window_months:\n"
	"    soc1:\n"
	"      first_report: {min: 6, max: 12, sources: [s]}\n"
	"      after_type1: {min: 6, max: 6, sources: [s]}\n"
	"      annual: {min: 12, max: 12, sources: [s]}\n"
	"    soc2:\n"
	"      first_report: {min: 3, max: 12, sources: [s]}\n"
	"      after_type1: {min: 3, max: 6, sources: [s]}\n"
	"      annual: {min: 12, max: 12, sources: [s]}\n";

static const struct cycle_in fixture = {
	"fixture.yaml", FIXTURE, 1, 1,
	"{\"meta\": {\"owner\": \"it\", \"reviewed\": \"2026-01-15\"}, \"hosting\": true,\n"
	" \"uptime\": true, \"months\": 5}",
	"meta: {owner: it, reviewed: \"2026-01-15\"}\nhosting: true\nuptime: yes\nmonths: 5\n", 1
};

static const struct cycle_in defaults = {
	SA_DEFAULT_RULES_NAME, NULL, DEFAULT_CHECK, 0,
	"{\"id\": \"x\", \"meta\": {\"owner\": \"it\", \"reviewed\": \"2026-01-15\"},\n"
	" \"role\": \"provider\", \"customer_data\": true, \"hosting\": true,\n"
	" \"security_reviews\": true, \"payroll\": false, \"financial_processing\": true,\n"
	" \"auditor_reliance\": true, \"first_report\": true, \"controls_months\": 2,\n"
	" \"deadline_months\": 3, \"type2_required\": false, \"public_report\": false}",
	"id: x\nmeta: {owner: it, reviewed: \"2026-01-15\"}\nrole: provider\ncustomer_data: true\n"
	"hosting: true\nsecurity_reviews: yes\npayroll: false\nfinancial_processing: true\n"
	"auditor_reliance: true\nfirst_report: true\ncontrols_months: 2\ndeadline_months: 3\n"
	"type2_required: false\npublic_report: false\n", 1
};

static void test_fixture(void **state)
{
	(void)state;
#if TORTURE_LIBC
	torture(&fixture, SRC_LIBC, 0);
#else
	torture(&fixture, SRC_SA, 0);
	torture(&fixture, SRC_CJSON, 0);
#endif
}

static void test_default_rules(void **state)
{
	(void)state;
#if TORTURE_LIBC
	torture(&defaults, SRC_LIBC, 1);
#else
	torture(&defaults, SRC_SA, 1);
	torture(&defaults, SRC_CJSON, 1);
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture),
		cmocka_unit_test(test_default_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
