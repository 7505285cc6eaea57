/*
 * index.c - differential tests of the evaluation index: an indexed evaluation (the default)
 * equals the plain evaluation (SA_EVAL_PLAIN: every rule and outcome, nodes recorded) on random
 * answer sets, unanswered and "I don't know" answers included, over the built-in knowledge base
 * and over rule sets generated here from fixed seeds. Compared: the answers with defaults,
 * facts, rules, applicability, every report and item result with its reason lists, the decides
 * matrix and open questions, sa_rule_explain for every rule, and the whole JSON document with
 * reasons (the plan included). Results are reused across evaluations, and one result alternates
 * between the two paths, so that what an evaluation resets from the last one is checked too.
 */
#include "support.h"
#include "result.h"

#define PROFILES 400

static uint64_t rng;

static uint32_t below(uint32_t n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 2685821657736338717ULL) % n);
}

/* ---- a generated rules file ---------------------------------------------------------------- */

struct gen {
	char *buf;
	size_t len;
	FILE *f;
	unsigned nq, nf, na, ns;
	unsigned char *type;   /* per question: 0 bool, 1 enum, 2 int */
	unsigned *nchoices;    /* enum */
	unsigned cur_fact;     /* facts before this one may be used */
};

static void atom(struct gen *g, int depth);

static void cond(struct gen *g, int depth)
{
	unsigned k, n = 2 + below(3);
	unsigned pick = depth > 2 ? 9 : below(12);
	if (pick < 3) {
		fprintf(g->f, "{%s: [", pick == 0 ? "any" : "all");
		for (k = 0; k < n; k++) {
			fputs(k ? ", " : "", g->f);
			cond(g, depth + 1);
		}
		fputs("]}", g->f);
	} else if (pick == 3) {
		fputs("{not: ", g->f);
		cond(g, depth + 1);
		fputs("}", g->f);
	} else {
		atom(g, depth);
	}
}

static void atom(struct gen *g, int depth)
{
	unsigned q, c;
	(void)depth;
	if (g->cur_fact && below(4) == 0) {
		unsigned f = below(g->cur_fact);
		fprintf(g->f, below(3) ? "f%u" : "{not: f%u}", f);
		return;
	}
	q = below(g->nq);
	switch (g->type[q]) {
	case 0:
		fprintf(g->f, below(2) ? "q%u" : "{q%u: false}", q);
		return;
	case 1:
		c = below(g->nchoices[q]);
		switch (below(4)) {
		case 0:
			fprintf(g->f, "{q%u: c%u}", q, c);
			return;
		case 1:
			fprintf(g->f, "{q%u: {ne: c%u}}", q, c);
			return;
		case 2:
			fprintf(g->f, "{q%u: {in: [c%u, c%u]}}", q, c, below(g->nchoices[q]));
			return;
		default:
			fprintf(g->f, "{q%u: {not_in: [c%u]}}", q, c);
			return;
		}
	default: {
		static const char *const ops[] = { "eq", "ne", "lt", "le", "gt", "ge" };
		unsigned lo = below(21), hi = lo + below(21 - lo);
		if (below(5) == 0)
			fprintf(g->f, "{q%u: {ge: %u, le: %u}}", q, lo, hi);
		else
			fprintf(g->f, "{q%u: {%s: %u}}", q, ops[below(6)], lo);
		return;
	}
	}
}

/* A rules file of about nrules rules over nq questions and nf facts, from seed. */
static char *generate(uint64_t seed, unsigned nq, unsigned nf, unsigned nrules)
{
	static const char *const reports[] = { "soc1", "soc2", "soc3", "soc_cybersecurity",
					       "soc_supply_chain" };
	static const char *const cats[] = { "security", "availability", "processing_integrity",
					    "confidentiality", "privacy" };
	static const char *const types[] = { "type1", "type2", "none" };
	struct gen g;
	unsigned i;

	memset(&g, 0, sizeof(g));
	rng = seed;
	g.nq = nq;
	g.nf = nf;
	g.na = 3 + nrules / 6;
	g.ns = 2 + nrules / 10;
	g.type = calloc(nq, 1);
	g.nchoices = calloc(nq, sizeof(*g.nchoices));
	g.f = open_memstream(&g.buf, &g.len);
	assert_non_null(g.type);
	assert_non_null(g.nchoices);
	assert_non_null(g.f);
	fputs("format: 1\nname: gen\nversion: \"1\"\nsources:\n  - {id: s, title: S}\n"
	      "questions:\n", g.f);
	for (i = 0; i < nq; i++) {
		g.type[i] = (unsigned char)(below(4) == 0 ? 2 : below(3) == 0 ? 1 : 0);
		fprintf(g.f, "  - {id: q%u, prompt: \"Q%u?\", ", i, i);
		if (g.type[i] == 0)
			fputs("type: bool", g.f);
		else if (g.type[i] == 1) {
			unsigned c;
			g.nchoices[i] = 2 + below(5);
			fputs("type: enum, choices: [", g.f);
			for (c = 0; c < g.nchoices[i]; c++)
				fprintf(g.f, "%sc%u", c ? ", " : "", c);
			fputs("]", g.f);
		} else
			fputs("type: int, min: 0, max: 20", g.f);
		if (below(5) == 0)
			fprintf(g.f, ", default: %s", g.type[i] == 0 ? "true" : g.type[i] == 1 ? "c0" : "3");
		if (i > 0 && below(6) == 0) {
			unsigned j = below(i);
			if (g.type[j] == 0) /* applies_if names a bool question */
				fprintf(g.f, ", applies_if: q%u", j);
		}
		fputs("}\n", g.f);
	}
	fputs("facts:\n", g.f);
	for (i = 0; i < nf; i++) {
		g.cur_fact = i;
		fprintf(g.f, "  - {id: f%u, when: ", i);
		cond(&g, 0);
		fputs("}\n", g.f);
	}
	g.cur_fact = nf;
	fputs("advice:\n", g.f);
	for (i = 0; i < g.na; i++)
		fprintf(g.f, "  - {id: a%u, title: A%u, text: \"A%u.\"}\n", i, i, i);
	fputs("steps:\n", g.f);
	for (i = 0; i < g.ns; i++)
		fprintf(g.f, "  - {id: s%u, order: %u, text: \"S%u.\"}\n", i, below(100), i);
	fputs("rules:\n", g.f);
	for (i = 0; i < nrules; i++) {
		unsigned kind = below(10), rep = below(5), c = below(5);
		fprintf(g.f, "  - {id: r%u, because: B, sources: [s], ", i);
		if (below(12)) {
			fputs("when: ", g.f);
			cond(&g, 0);
			fputs(", ", g.f);
		}
		if (kind < 2)
			fprintf(g.f, "recommend: %s", below(3) ? reports[rep] : "{report: soc2, action: request}");
		else if (kind < 3)
			fprintf(g.f, "type: {report: %s, type: %s}", reports[rep], types[below(3)]);
		else if (kind < 5)
			fprintf(g.f, "criteria: {report: %s, category: %s%s}", below(2) ? "soc2" : "soc3",
				cats[c], c && below(3) == 0 ? ", basis: consider" : "");
		else if (kind < 8)
			fprintf(g.f, "advice: a%u", below(g.na));
		else
			fprintf(g.f, "step: s%u", below(g.ns));
		fputs("}\n", g.f);
	}
	fclose(g.f);
	free(g.type);
	free(g.nchoices);
	return g.buf;
}

/* ---- comparison ------------------------------------------------------------------------------ */

static void same_reasons(const struct sa_reason *a, size_t na, const struct sa_reason *b,
			 size_t nb, const char *what)
{
	size_t i;
	if (na != nb)
		fail_msg("%s: %zu reasons indexed, %zu plain", what, na, nb);
	for (i = 0; i < na; i++) {
		assert_int_equal(a[i].rule, b[i].rule);
		assert_int_equal(a[i].slot, b[i].slot);
		assert_int_equal(a[i].holds, b[i].holds);
		assert_int_equal(a[i].nused, b[i].nused);
		assert_int_equal(a[i].nopen, b[i].nopen);
		if (a[i].nused)
			assert_memory_equal(a[i].used, b[i].used, a[i].nused * sizeof(size_t));
		if (a[i].nopen)
			assert_memory_equal(a[i].open, b[i].open, a[i].nopen * sizeof(size_t));
	}
}

static char *json(const sa_rules *r, const struct sa_result *res)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	struct sa_output_opts o = { 1, 0, 1, NULL, 0, NULL };
	assert_non_null(mem);
	assert_int_equal(sa_write_json(mem, r, res, &o), SA_OK);
	fclose(mem);
	return buf;
}

/* a (indexed) equals b (plain) in everything a caller can read. */
static void same_result(const sa_rules *r, const struct sa_result *a, const struct sa_result *b,
			int with_json)
{
	size_t nq = sa_rules_question_count(r), nr = sa_rules_rule_count(r), i, k;
	unsigned char *u1 = calloc(nq + 1, 1), *o1 = calloc(nq + 1, 1);
	unsigned char *u2 = calloc(nq + 1, 1), *o2 = calloc(nq + 1, 1);
	int rep;

	assert_true(u1 && o1 && u2 && o2);
	assert_memory_equal(a->answers.value, b->answers.value, nq * sizeof(int32_t));
	assert_memory_equal(a->answers.origin, b->answers.origin, nq);
	if (r->nfacts)
		assert_memory_equal(a->fact_tv, b->fact_tv, r->nfacts);
	for (i = 0; i < nr; i++)
		if (a->rule_tv[i] != b->rule_tv[i])
			fail_msg("rule %s: %d indexed, %d plain", sa_rule_id(r, i), a->rule_tv[i],
				 b->rule_tv[i]);
	assert_memory_equal(a->applies, b->applies, nq);
	for (rep = 0; rep < SA_REPORT_COUNT; rep++) {
		const struct sa_report_result *x = &a->report[rep], *y = &b->report[rep];
		assert_int_equal(x->status, y->status);
		assert_int_equal(x->action, y->action);
		assert_int_equal(x->type, y->type);
		assert_int_equal(x->observation_months, y->observation_months);
		assert_int_equal(x->then.type, y->then.type);
		assert_int_equal(x->then.observation_months, y->then.observation_months);
		assert_ptr_equal(x->then.note, y->then.note);
		assert_ptr_equal(x->timing, y->timing);
		assert_int_equal(x->type_rule, y->type_rule);
		assert_int_equal(x->type_open, y->type_open);
		assert_memory_equal(x->criteria, y->criteria, sizeof(x->criteria));
		assert_memory_equal(x->basis, y->basis, sizeof(x->basis));
		same_reasons(x->reasons, x->nreasons, y->reasons, y->nreasons, "report");
		same_reasons(x->why_not, x->nwhy_not, y->why_not, y->nwhy_not, "why not");
	}
	for (k = 0; k < 2; k++)
		for (i = 0; i < r->nitems[k]; i++) {
			assert_int_equal(a->items[k][i].status, b->items[k][i].status);
			same_reasons(a->items[k][i].reasons, a->items[k][i].nreasons,
				     b->items[k][i].reasons, b->items[k][i].nreasons, "item");
		}
	assert_memory_equal(a->decides, b->decides, nq * r->nslots);
	assert_memory_equal(a->open, b->open, nq);
	for (i = 0; i < nr; i++) {
		memset(u1, 0, nq);
		memset(o1, 0, nq);
		memset(u2, 0, nq);
		memset(o2, 0, nq);
		sa_rule_explain(r, a, i, u1, o1);
		sa_rule_explain(r, b, i, u2, o2);
		if (memcmp(u1, u2, nq) || memcmp(o1, o2, nq))
			fail_msg("rule %s explained differently", sa_rule_id(r, i));
	}
	if (with_json) {
		char *ja = json(r, a), *jb = json(r, b);
		assert_string_equal(ja, jb);
		free(ja);
		free(jb);
	}
	free(u1);
	free(o1);
	free(u2);
	free(o2);
}

/* Random answers: each question answered (a valid value), "I don't know", or left unanswered,
 * in proportions that change from profile to profile. */
static void random_answers(const sa_rules *r, struct sa_answers *a)
{
	size_t q, nq = sa_rules_question_count(r);
	uint32_t given = below(101), unknown = below(30);
	char m[256];
	sa_answers_clear(a);
	for (q = 0; q < nq; q++) {
		uint32_t p = below(100);
		int32_t v, mn, mx;
		if (p < unknown) {
			assert_int_equal(sa_answers_set_unknown(a, r, q, m, sizeof(m)), SA_OK);
			continue;
		}
		if (p >= unknown + given * (100 - unknown) / 100)
			continue;
		switch (sa_question_type(r, q)) {
		case SA_Q_BOOL:
			v = (int32_t)below(2);
			break;
		case SA_Q_ENUM:
			v = (int32_t)below((uint32_t)sa_question_choice_count(r, q));
			break;
		default:
			sa_question_range(r, q, &mn, &mx);
			v = below(4) == 0 ? (below(2) ? mn : mx)
					  : mn + (int32_t)below((uint32_t)(mx - mn + 1) > 1000 ? 1000
								: (uint32_t)(mx - mn + 1));
			break;
		}
		assert_int_equal(sa_answers_set(a, r, q, v, m, sizeof(m)), SA_OK);
	}
}

static void differential(const sa_rules *r, uint64_t seed, int profiles)
{
	struct sa_answers a;
	struct sa_result ix, pl, mix;
	int i;

	assert_non_null(r->index);
	assert_int_equal(sa_answers_init(&a, r), SA_OK);
	assert_int_equal(sa_result_init(&ix, r), SA_OK);
	assert_int_equal(sa_result_init(&pl, r), SA_OK);
	assert_int_equal(sa_result_init(&mix, r), SA_OK);
	rng = seed;
	for (i = 0; i < profiles; i++) {
		unsigned flags = below(4) == 0 ? SA_EVAL_NO_DEFAULTS : 0;
		unsigned reasons = below(5) == 0 ? SA_EVAL_NO_REASONS : 0;
		random_answers(r, &a);
		sa_evaluate_ex(r, &a, &pl, flags | reasons | SA_EVAL_PLAIN);
		sa_evaluate_ex(r, &a, &ix, flags | reasons);
		same_result(r, &ix, &pl, !reasons && i % 8 == 0);
		/* one result that alternates between the two paths */
		sa_evaluate_ex(r, &a, &mix, flags | reasons | (below(2) ? SA_EVAL_PLAIN : 0));
		same_result(r, &mix, &pl, 0);
	}
	sa_result_release(&ix);
	sa_result_release(&pl);
	sa_result_release(&mix);
	sa_answers_release(&a);
}

static void test_default_rules(void **state)
{
	struct sa_diags d;
	sa_rules *r = NULL;
	(void)state;
	sa_diags_init(&d);
	assert_int_equal(sa_rules_load_file(SA_SOURCE_DIR "/data/rules.yaml", NULL, &r, &d), SA_OK);
	sa_diags_release(&d);
	differential(r, 1, PROFILES);
	sa_rules_free(r);
}

static void generated(uint64_t seed, unsigned nq, unsigned nf, unsigned nrules, int profiles)
{
	char *text = generate(seed, nq, nf, nrules);
	sa_rules *r = load_ok(text);
	differential(r, seed * 7 + 1, profiles);
	sa_rules_free(r);
	free(text);
}

static void test_generated_small(void **state)
{
	uint64_t seed;
	(void)state;
	for (seed = 1; seed <= 12; seed++)
		generated(seed, 6 + (unsigned)seed % 5, 1 + (unsigned)seed % 4, 25, 150);
}

static void test_generated_large(void **state)
{
	(void)state;
	generated(101, 40, 30, 600, 120);
	generated(102, 120, 60, 1500, 40);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_rules),
		cmocka_unit_test(test_generated_small),
		cmocka_unit_test(test_generated_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
