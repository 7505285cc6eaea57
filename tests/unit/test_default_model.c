/*
 * default_model.c - the model compiled into the library at build time (sa_rules_load with no
 * path) equals the model the loader builds from data/rules.yaml, field by field, deep.
 *
 * The comparator is written independently of the emitter (src/gen/emit_model.c). Besides the
 * fields it names, it compares every byte of every struct once the pointers it follows are
 * cleared in copies of both sides: a scalar field the emitter writes wrongly differs there, and
 * so does a pointer field this comparator does not follow (a heap address against a static
 * one), so a new field cannot pass unseen. Bytes include padding: static data has it zeroed,
 * and the loader allocates zeroed memory (or clears a new condition node) and sets fields one
 * by one; the one struct it fills by assignment, struct member, whose padding then comes from
 * the stack, is compared field by field.
 */
#include "support.h"
#include "default_model.h"
#include "json_text.h"
#include "plan.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#define RULES_FILE SA_SOURCE_DIR "/data/rules.yaml"

struct pair {
	sa_rules *built_in, *loaded;
};

static int setup(void **state)
{
	static struct pair p;
	struct sa_diags d;
	size_t i;
	sa_diags_init(&d);
	if (sa_rules_load(NULL, NULL, &p.built_in, &d) != SA_OK ||
	    sa_rules_load_file(RULES_FILE, NULL, &p.loaded, &d) != SA_OK) {
		for (i = 0; i < d.len; i++)
			print_error("%s:%u:%u: %s\n", d.items[i].file, d.items[i].line,
				    d.items[i].col, d.items[i].message);
		sa_diags_release(&d);
		return -1;
	}
	sa_diags_release(&d);
	/* the start date is the load's (today): the same on both sides */
	sa_rules_set_start_date(p.built_in, sa_date_from_ymd(2026, 1, 15));
	sa_rules_set_start_date(p.loaded, sa_date_from_ymd(2026, 1, 15));
	*state = &p;
	return 0;
}

static int teardown(void **state)
{
	struct pair *p = *state;
	sa_rules_free(p->built_in);
	sa_rules_free(p->loaded);
	return 0;
}

/* ---- the comparator ------------------------------------------------------------------------ */

static unsigned differences; /* found by the comparator since it was last cleared */

static void differ(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void differ(const char *fmt, ...)
{
	va_list ap;
	char buf[512];
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	print_message("differs: %s\n", buf);
	differences++;
}

/* Two counts: equal, or the difference is reported and the smaller is compared. */
static size_t same_n(size_t a, size_t b, const char *what)
{
	if (a != b)
		differ("%s: built-in has %zu, loaded %zu", what, a, b);
	return a < b ? a : b;
}

static void same_ptr_null(const void *a, const void *b, const char *what)
{
	if ((a == NULL) != (b == NULL))
		differ("%s: built-in is %s, loaded is %s", what, a ? "set" : "NULL",
			 b ? "set" : "NULL");
}

static void same_str(const char *a, const char *b, const char *what)
{
	same_ptr_null(a, b, what);
	if (a && b && strcmp(a, b) != 0)
		differ("%s: built-in '%s', loaded '%s'", what, a, b);
}

static void same_strv(char *const *a, char *const *b, size_t n, const char *what)
{
	char w[256];
	size_t i;
	same_ptr_null(a, b, what);
	for (i = 0; a && b && i < n; i++) {
		snprintf(w, sizeof(w), "%s[%zu]", what, i);
		same_str(a[i], b[i], w);
	}
}

/* n elements of size size: both NULL, or equal bytes */
static void same_mem(const void *a, const void *b, size_t n, size_t size, const char *what)
{
	same_ptr_null(a, b, what);
	if (a && b && n && memcmp(a, b, n * size) != 0)
		differ("%s: the %zu entries differ", what, n);
}

/* Every byte of two structs once the pointers followed are cleared (copies a2, b2). */
static void same_rest(const void *a2, const void *b2, size_t size, const char *what)
{
	const unsigned char *x = a2, *y = b2;
	size_t i;
	for (i = 0; i < size; i++)
		if (x[i] != y[i]) {
			differ("%s: byte %zu of %zu differs (a field the comparator or the emitter "
			       "does not know?)", what, i, size);
			return;
		}
}

/* Compare a and b of type T: PTRS(a2, b2) clears the pointers followed in the copies. */
#define REST(T, a, b, what, CLEAR)                          \
	do {                                                \
		T a2_, b2_;                                 \
		memcpy(&a2_, (a), sizeof(T));               \
		memcpy(&b2_, (b), sizeof(T));               \
		CLEAR(a2_);                                 \
		CLEAR(b2_);                                 \
		same_rest(&a2_, &b2_, sizeof(T), what);     \
	} while (0)

/* Field by field: the loader fills struct member by assignment, padding included. */
static void same_members(const struct member *a, const struct member *b, size_t n,
			 const char *what)
{
	size_t i;
	same_ptr_null(a, b, what);
	for (i = 0; a && b && i < n; i++)
		if (a[i].is_fact != b[i].is_fact || a[i].index != b[i].index)
			differ("%s[%zu]: built-in {%d, %zu}, loaded {%d, %zu}", what, i,
			       a[i].is_fact, a[i].index, b[i].is_fact, b[i].index);
}

#define CLEAR_QUESTION(q)                                                               \
	((q).id = (q).prompt = (q).help = (q).prompt_customer = (q).help_customer = NULL, \
	 (q).choices = NULL, (q).exclusive = NULL)

static void same_question(const struct question *a, const struct question *b, const char *w)
{
	char s[256];
	size_t n;
	snprintf(s, sizeof(s), "%s.id", w);
	same_str(a->id, b->id, s);
	snprintf(s, sizeof(s), "%s.prompt", w);
	same_str(a->prompt, b->prompt, s);
	snprintf(s, sizeof(s), "%s.help", w);
	same_str(a->help, b->help, s);
	snprintf(s, sizeof(s), "%s.prompt_customer", w);
	same_str(a->prompt_customer, b->prompt_customer, s);
	snprintf(s, sizeof(s), "%s.help_customer", w);
	same_str(a->help_customer, b->help_customer, s);
	snprintf(s, sizeof(s), "%s.choices", w);
	n = same_n(a->nchoices, b->nchoices, s);
	same_strv(a->choices, b->choices, n, s);
	snprintf(s, sizeof(s), "%s.exclusive", w);
	n = same_n(a->nexclusive, b->nexclusive, s);
	same_members(a->exclusive, b->exclusive, n, s);
	REST(struct question, a, b, w, CLEAR_QUESTION);
}

#define CLEAR_CHECKLIST(c)                                                          \
	((c).id = (c).prompt = (c).prompt_customer = (c).help = NULL, (c).questions = NULL, \
	 (c).labels = NULL, (c).no_value = NULL)

static void same_checklist(const struct checklist *a, const struct checklist *b, const char *w)
{
	char s[256];
	size_t n;
	snprintf(s, sizeof(s), "%s.id", w);
	same_str(a->id, b->id, s);
	snprintf(s, sizeof(s), "%s.prompt", w);
	same_str(a->prompt, b->prompt, s);
	snprintf(s, sizeof(s), "%s.prompt_customer", w);
	same_str(a->prompt_customer, b->prompt_customer, s);
	snprintf(s, sizeof(s), "%s.help", w);
	same_str(a->help, b->help, s);
	n = same_n(a->n, b->n, w);
	snprintf(s, sizeof(s), "%s.questions", w);
	same_mem(a->questions, b->questions, n, sizeof(*a->questions), s);
	snprintf(s, sizeof(s), "%s.labels", w);
	same_strv(a->labels, b->labels, n, s);
	snprintf(s, sizeof(s), "%s.no_value", w);
	same_mem(a->no_value, b->no_value, a->n, sizeof(*a->no_value), s);
	REST(struct checklist, a, b, w, CLEAR_CHECKLIST);
}

#define CLEAR_FACT(f) ((f).id = (f).description = NULL)

static void same_fact(const struct fact *a, const struct fact *b, const char *w)
{
	char s[256];
	snprintf(s, sizeof(s), "%s.id", w);
	same_str(a->id, b->id, s);
	snprintf(s, sizeof(s), "%s.description", w);
	same_str(a->description, b->description, s);
	REST(struct fact, a, b, w, CLEAR_FACT);
}

#define CLEAR_SOURCE(x) ((x).id = (x).title = (x).url = (x).locator = NULL)

static void same_source(const struct source *a, const struct source *b, const char *w)
{
	char s[256];
	snprintf(s, sizeof(s), "%s.id", w);
	same_str(a->id, b->id, s);
	snprintf(s, sizeof(s), "%s.title", w);
	same_str(a->title, b->title, s);
	snprintf(s, sizeof(s), "%s.url", w);
	same_str(a->url, b->url, s);
	snprintf(s, sizeof(s), "%s.locator", w);
	same_str(a->locator, b->locator, s);
	REST(struct source, a, b, w, CLEAR_SOURCE);
}

#define CLEAR_ITEM(x) ((x).id = (x).title = (x).text = NULL, (x).criteria = NULL)

static void same_item(const struct item *a, const struct item *b, const char *w)
{
	char s[256];
	size_t n;
	snprintf(s, sizeof(s), "%s.id", w);
	same_str(a->id, b->id, s);
	snprintf(s, sizeof(s), "%s.title", w);
	same_str(a->title, b->title, s);
	snprintf(s, sizeof(s), "%s.text", w);
	same_str(a->text, b->text, s);
	n = same_n(a->ncriteria, b->ncriteria, w);
	snprintf(s, sizeof(s), "%s.criteria", w);
	same_strv(a->criteria, b->criteria, n, s);
	REST(struct item, a, b, w, CLEAR_ITEM);
}

#define CLEAR_RULE(x)                                                                      \
	((x).id = (x).because = (x).because_customer = (x).why_not = (x).then_note =        \
		 (x).timing = NULL,                                                         \
	 (x).sources = NULL, (x).then.note = NULL)

static void same_rule(const struct rule *a, const struct rule *b, const char *w)
{
	char s[256];
	size_t n;
	snprintf(s, sizeof(s), "%s.id", w);
	same_str(a->id, b->id, s);
	snprintf(s, sizeof(s), "%s.because", w);
	same_str(a->because, b->because, s);
	snprintf(s, sizeof(s), "%s.because_customer", w);
	same_str(a->because_customer, b->because_customer, s);
	snprintf(s, sizeof(s), "%s.why_not", w);
	same_str(a->why_not, b->why_not, s);
	n = same_n(a->nsources, b->nsources, w);
	snprintf(s, sizeof(s), "%s.sources", w);
	same_mem(a->sources, b->sources, n, sizeof(*a->sources), s);
	snprintf(s, sizeof(s), "%s.then.note", w);
	same_str(a->then.note, b->then.note, s);
	snprintf(s, sizeof(s), "%s.then_note", w);
	same_str(a->then_note, b->then_note, s);
	/* the note is shared, as the loader shares it */
	if ((a->then.note == a->then_note) != (b->then.note == b->then_note))
		differ("%s: then.note and then_note are shared on one side only", w);
	snprintf(s, sizeof(s), "%s.timing", w);
	same_str(a->timing, b->timing, s);
	REST(struct rule, a, b, w, CLEAR_RULE);
}

#define CLEAR_INVARIANT(x) ((x).id = (x).description = NULL, (x).sources = NULL)

static void same_invariant(const struct invariant *a, const struct invariant *b, const char *w)
{
	char s[256];
	size_t n;
	snprintf(s, sizeof(s), "%s.id", w);
	same_str(a->id, b->id, s);
	snprintf(s, sizeof(s), "%s.description", w);
	same_str(a->description, b->description, s);
	n = same_n(a->nsources, b->nsources, w);
	snprintf(s, sizeof(s), "%s.sources", w);
	same_mem(a->sources, b->sources, n, sizeof(*a->sources), s);
	REST(struct invariant, a, b, w, CLEAR_INVARIANT);
}

/* A table of n structs compared one by one with same_one. */
#define SAME_TABLE(a, b, n, what, same_one)                                  \
	do {                                                                 \
		char w_[128];                                                \
		size_t i_;                                                   \
		same_ptr_null((a), (b), what);                               \
		for (i_ = 0; (a) && i_ < (n); i_++) {                        \
			snprintf(w_, sizeof(w_), "%s[%zu]", what, i_);       \
			same_one(&(a)[i_], &(b)[i_], w_);                    \
		}                                                            \
	} while (0)

static void clear_spec(struct tl_range_spec *s)
{
	s->sources = NULL;
}

static void same_timeline(const struct sa_timeline *a, const struct sa_timeline *b)
{
	struct sa_timeline a2, b2;
	char s[64];
	size_t n;
	int i, j;
	same_ptr_null(a, b, "timeline");
	if (!a)
		return;
	for (i = 0; i < TL_RANGE_COUNT; i++) {
		snprintf(s, sizeof(s), "timeline.range[%d].sources", i);
		n = same_n(a->range[i].nsources, b->range[i].nsources, s);
		same_mem(a->range[i].sources, b->range[i].sources, n,
			 sizeof(size_t), s);
	}
	for (i = 0; i < 2; i++)
		for (j = 0; j < TL_SIT_COUNT; j++) {
			snprintf(s, sizeof(s), "timeline.window[%d][%d].sources", i, j);
			n = same_n(a->window[i][j].nsources, b->window[i][j].nsources, s);
			same_mem(a->window[i][j].sources, b->window[i][j].sources, n,
				 sizeof(size_t), s);
		}
	memcpy(&a2, a, sizeof(a2));
	memcpy(&b2, b, sizeof(b2));
	for (i = 0; i < TL_RANGE_COUNT; i++) {
		clear_spec(&a2.range[i]);
		clear_spec(&b2.range[i]);
	}
	for (i = 0; i < 2; i++)
		for (j = 0; j < TL_SIT_COUNT; j++) {
			clear_spec(&a2.window[i][j]);
			clear_spec(&b2.window[i][j]);
		}
	same_rest(&a2, &b2, sizeof(a2), "timeline");
}

/* The rules' strings as JSON text (json_text.h): the pool and every table of offsets, sized
 * by the model's tables as json_text.c sizes them. */
static void same_json(const sa_rules *r, const struct sa_json_text *a, const struct sa_json_text *b)
{
	size_t nch = 0, ncr, i, n;
	int k;
	if (!a || !b) {
		same_mem(&a, &b, 1, sizeof(a), "json (one is NULL)");
		return;
	}
	n = same_n(a->len, b->len, "json.len");
	same_mem(a->pool, b->pool, n, 1, "json.pool");
	same_mem(&a->name, &b->name, 1, sizeof(a->name), "json.name");
	same_mem(&a->version, &b->version, 1, sizeof(a->version), "json.version");
	same_mem(&a->disclaimer, &b->disclaimer, 1, sizeof(a->disclaimer), "json.disclaimer");
	same_mem(a->question, b->question, r->nquestions * JQ_FIELDS, sizeof(struct sa_jtext),
		 "json.question");
	for (i = 0; i < r->nquestions; i++)
		nch += r->questions[i].nchoices;
	same_mem(a->choice, b->choice, nch, sizeof(struct sa_jtext), "json.choice");
	same_mem(a->choice_start, b->choice_start, r->nquestions + 1, sizeof(size_t),
		 "json.choice_start");
	for (k = 0; k < 2; k++) {
		same_mem(a->item[k], b->item[k], r->nitems[k] * JI_FIELDS, sizeof(struct sa_jtext),
			 "json.item[k]");
		for (i = 0, ncr = 0; i < r->nitems[k]; i++)
			ncr += r->items[k][i].ncriteria;
		same_mem(a->criterion[k], b->criterion[k], ncr, sizeof(struct sa_jtext),
			 "json.criterion[k]");
		same_mem(a->criterion_start[k], b->criterion_start[k], r->nitems[k] + 1,
			 sizeof(size_t), "json.criterion_start[k]");
	}
	same_mem(a->rule, b->rule, r->nrules * JR_FIELDS, sizeof(struct sa_jtext), "json.rule");
	same_mem(a->source, b->source, r->nsources * JS_FIELDS, sizeof(struct sa_jtext),
		 "json.source");
}

static void clear_root(sa_rules *r)
{
	int i, k;
	r->name = r->version = r->disclaimer = NULL;
	r->questions = NULL;
	r->ask_first = NULL;
	r->checklists = NULL;
	r->checklist_of = NULL;
	r->facts = NULL;
	r->fact_order = NULL;
	r->sources = NULL;
	for (k = 0; k < 2; k++) {
		r->items[k] = NULL;
		r->item_order[k] = NULL;
	}
	r->rules = NULL;
	r->nodes = NULL;
	r->kids = NULL;
	for (i = 0; i < SA_REPORT_COUNT; i++)
		for (k = 0; k < REPORT_OUTCOME_KINDS; k++)
			r->by_report[i][k] = NULL;
	r->invariants = NULL;
	r->onodes = NULL;
	r->okids = NULL;
	r->timeline = NULL;
	r->builtin = 0; /* the one field that is meant to differ */
	/* derived from the fields compared above by the same code (model.c, index.c): the built-in
	 * model has no id maps (lookups are linear) and builds its index when handed out */
	r->idmaps = NULL;
	r->index = NULL;
	r->json = NULL; /* compared by same_json */
}

static void same_model(const sa_rules *a, const sa_rules *b)
{
	sa_rules a2, b2;
	char w[64];
	size_t n;
	int i, k;
	same_str(a->name, b->name, "name");
	same_str(a->version, b->version, "version");
	same_str(a->disclaimer, b->disclaimer, "disclaimer");
	n = same_n(a->nquestions, b->nquestions, "nquestions");
	SAME_TABLE(a->questions, b->questions, n, "questions", same_question);
	n = same_n(a->nask_first, b->nask_first, "nask_first");
	same_mem(a->ask_first, b->ask_first, n, sizeof(size_t), "ask_first");
	n = same_n(a->nchecklists, b->nchecklists, "nchecklists");
	SAME_TABLE(a->checklists, b->checklists, n, "checklists", same_checklist);
	n = a->nquestions < b->nquestions ? a->nquestions : b->nquestions;
	same_mem(a->checklist_of, b->checklist_of, n, sizeof(int), "checklist_of");
	n = same_n(a->nfacts, b->nfacts, "nfacts");
	SAME_TABLE(a->facts, b->facts, n, "facts", same_fact);
	same_mem(a->fact_order, b->fact_order, n, sizeof(size_t), "fact_order");
	n = same_n(a->nsources, b->nsources, "nsources");
	SAME_TABLE(a->sources, b->sources, n, "sources", same_source);
	for (k = 0; k < 2; k++) {
		n = same_n(a->nitems[k], b->nitems[k], "nitems[k]");
		snprintf(w, sizeof(w), "items[%d]", k);
		SAME_TABLE(a->items[k], b->items[k], n, w, same_item);
		snprintf(w, sizeof(w), "item_order[%d]", k);
		same_mem(a->item_order[k], b->item_order[k], n, sizeof(size_t), w);
	}
	n = same_n(a->nrules, b->nrules, "nrules");
	SAME_TABLE(a->rules, b->rules, n, "rules", same_rule);
	n = same_n(a->nnodes, b->nnodes, "nnodes");
	same_mem(a->nodes, b->nodes, n, sizeof(struct node), "nodes");
	n = same_n(a->nkids, b->nkids, "nkids");
	same_mem(a->kids, b->kids, n, sizeof(uint32_t), "kids");
	for (i = 0; i < SA_REPORT_COUNT; i++)
		for (k = 0; k < REPORT_OUTCOME_KINDS; k++) {
			snprintf(w, sizeof(w), "by_report[%d][%d]", i, k);
			n = same_n(a->nby_report[i][k], b->nby_report[i][k], "nby_report[i][k]");
			same_mem(a->by_report[i][k], b->by_report[i][k], n,
				 sizeof(size_t), w);
		}
	n = same_n(a->ninvariants, b->ninvariants, "ninvariants");
	SAME_TABLE(a->invariants, b->invariants, n, "invariants", same_invariant);
	n = same_n(a->nonodes, b->nonodes, "nonodes");
	same_mem(a->onodes, b->onodes, n, sizeof(struct onode), "onodes");
	n = same_n(a->nokids, b->nokids, "nokids");
	same_mem(a->okids, b->okids, n, sizeof(uint32_t), "okids");
	same_timeline(a->timeline, b->timeline);
	same_json(a, a->json, b->json);
	memcpy(&a2, a, sizeof(a2));
	memcpy(&b2, b, sizeof(b2));
	clear_root(&a2);
	clear_root(&b2);
	same_rest(&a2, &b2, sizeof(a2), "the rules");
}

/* ---- the tests ----------------------------------------------------------------------------- */

static void test_built_in_equals_loaded(void **state)
{
	struct pair *p = *state;
	assert_true(p->built_in->builtin);
	assert_false(p->loaded->builtin);
	assert_non_null(p->built_in->index); /* it evaluates through the index, as a loaded one */
	assert_non_null(p->loaded->index);
	differences = 0;
	same_model(p->built_in, p->loaded);
	assert_int_equal(differences, 0);
}

/* The comparator is not blind: one changed field of the loaded side is found, be it a field it
 * names, one it does not name, or a string. */
static void test_comparator_sees_a_difference(void **state)
{
	struct pair *p = *state;
	struct rule *ru = &p->loaded->rules[p->loaded->nrules - 1];
	struct question *q = &p->loaded->questions[0];
	struct sa_timeline *t = p->loaded->timeline;
	unsigned line = ru->line, col = q->xcol;
	int last2 = t->last_type2;
	char *title = p->loaded->sources[0].title;
	char other[] = "another title";

	differences = 0;
	ru->line = line + 1;
	same_model(p->built_in, p->loaded);
	assert_int_equal(differences, 1);
	ru->line = line;
	q->xcol = col + 1;
	same_model(p->built_in, p->loaded);
	assert_int_equal(differences, 2);
	q->xcol = col;
	t->last_type2 = last2 + 1;
	same_model(p->built_in, p->loaded);
	assert_int_equal(differences, 3);
	t->last_type2 = last2;
	p->loaded->sources[0].title = other;
	same_model(p->built_in, p->loaded);
	assert_int_equal(differences, 4);
	p->loaded->sources[0].title = title;
	p->loaded->nslots++;
	same_model(p->built_in, p->loaded);
	assert_int_equal(differences, 5);
	p->loaded->nslots--;
	same_model(p->built_in, p->loaded);
	assert_int_equal(differences, 5);
}

/* Each load has its own root and timeline; the rest is the one static model. */
static void test_loads_share_the_static_model(void **state)
{
	struct pair *p = *state;
	struct sa_diags d;
	sa_rules *r = NULL;
	sa_diags_init(&d);
	assert_int_equal(sa_rules_load(NULL, NULL, &r, &d), SA_OK);
	assert_int_equal(d.len, 0);
	assert_ptr_not_equal(r, p->built_in);
	assert_ptr_equal(r->questions, sa_default_model.questions);
	assert_ptr_not_equal(r->timeline, sa_default_model.timeline);
	assert_ptr_not_equal(r->timeline, p->built_in->timeline);
	assert_int_equal(r->timeline->start, sa_date_today());
	sa_rules_set_start_date(r, sa_date_from_ymd(2030, 6, 1));
	assert_int_equal(p->built_in->timeline->start, sa_date_from_ymd(2026, 1, 15));
	sa_rules_free(r);
	sa_diags_release(&d);
}

/* A write into the static model faults: it is read-only after relocation. */
static void test_model_is_read_only(void **state)
{
	pid_t pid;
	int status;
	(void)state;
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		volatile int32_t *min = (volatile int32_t *)&sa_default_model.questions[0].min;
		signal(SIGSEGV, SIG_DFL);
		signal(SIGBUS, SIG_DFL);
		*min = 42;
		_exit(0); /* the write went through */
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_true(WTERMSIG(status) == SIGSEGV || WTERMSIG(status) == SIGBUS);
}

/* Reserved option names are the caller's: a clash gives the loader's own diagnostic. */
static void test_reserved_names(void **state)
{
	static const char *const none[] = { "output", "no-quiet", NULL };
	static const char *const clash[] = { "output", "no_payroll", NULL };
	struct sa_load_opts o = { none };
	struct sa_diags d;
	sa_rules *r = NULL;
	int q;
	(void)state;
	sa_diags_init(&d);
	assert_int_equal(sa_rules_load(NULL, &o, &r, &d), SA_OK);
	assert_true(r->builtin);
	sa_rules_free(r);
	o.reserved = clash;
	assert_int_equal(sa_rules_load(NULL, &o, &r, &d), SA_ERR_RULES);
	assert_null(r);
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].file, SA_DEFAULT_RULES_NAME);
	assert_string_equal(d.items[0].code, "reserved-id");
	assert_string_equal(d.items[0].message,
			    "question id 'payroll' clashes with the built-in option '--no_payroll'");
	q = model_find_question(&sa_default_model, "payroll");
	assert_true(q >= 0);
	assert_int_equal(d.items[0].line, sa_default_model.questions[q].line);
	sa_diags_release(&d);
}

static void test_out_of_memory(void **state)
{
	struct sa_diags d;
	sa_rules *r = NULL;
	long n;
	(void)state;
	sa_diags_init(&d);
	for (n = 0; n < 2; n++) { /* the root, then the timeline */
		sa_test_alloc_fail(n);
		assert_int_equal(sa_rules_load(NULL, NULL, &r, &d), SA_ERR_NOMEM);
		sa_test_alloc_fail(-1);
		assert_null(r);
		assert_int_equal(d.len, 0);
	}
	sa_diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_built_in_equals_loaded),
		cmocka_unit_test(test_comparator_sees_a_difference),
		cmocka_unit_test(test_loads_share_the_static_model),
		cmocka_unit_test(test_model_is_read_only),
		cmocka_unit_test(test_reserved_names),
		cmocka_unit_test(test_out_of_memory),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
