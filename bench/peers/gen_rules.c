/*
 * gen_rules.c - write a seeded, stratified socadvise rules file of a chosen size, for comparing
 * rule engines on more than the default knowledge base.
 *
 * usage: sa_gen_rules --seed S --rules N > rules.yaml
 *
 * N counts derived facts and rules together: N / 5 facts (at least one from N = 2 on) and the
 * rest rules, so N = 22 gives 4 facts and 18 rules. The facts form strata (up to three layers
 * of chaining above the questions: a fact of layer k reads a fact of layer k - 1), the rules
 * read questions and facts of every layer. Questions: max(12, N / 10), bool, enum (3 to 8
 * choices) and int (0 to a few hundred) in the ratio 2:1:1. A rule tests a few of them (all of
 * 2 to 4 atoms; an atom may be an any of two tests, a negation, or a fact; above 100 rules the
 * first is mostly one choice of an enum), so that only a small share of a large rule set holds
 * for a given profile, as in a real knowledge base where each rule concerns a few answers. Outcomes: reports (recommend), SOC 2 categories (criteria) and
 * advice items, in a fixed pattern along the file.
 *
 * The output depends only on N and the seed (xorshift64*, not the C library's generator).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

static uint64_t next(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 2685821657736338717ULL;
}

static unsigned below(unsigned n)
{
	return (unsigned)(next() % n);
}

enum qkind { Q_BOOL, Q_ENUM, Q_INT };

struct q {
	enum qkind kind;
	unsigned nchoices; /* enum */
	int max;           /* int: range 0..max */
};

static struct q *qs;
static unsigned nq, nfacts, nrules, nadvice;
static unsigned *layer_of;
static unsigned next_fact; /* per fact: its layer, 0 = reads questions only */

/* A test of question q, true for part of its values. */
static void atom_question(unsigned q)
{
	const struct q *x = &qs[q];
	unsigned a, b;
	int t, u;
	switch (x->kind) {
	case Q_BOOL:
		if (below(2))
			printf("q%03u", q);
		else
			printf("{q%03u: false}", q);
		return;
	case Q_ENUM:
		a = below(x->nchoices);
		switch (below(4)) {
		case 0:
			printf("{q%03u: c%u}", q, a);
			return;
		case 1:
			printf("{q%03u: {ne: c%u}}", q, a);
			return;
		case 2:
			b = (a + 1 + below(x->nchoices - 1)) % x->nchoices;
			printf("{q%03u: {in: [c%u, c%u]}}", q, a, b);
			return;
		default:
			b = (a + 1 + below(x->nchoices - 1)) % x->nchoices;
			printf("{q%03u: {not_in: [c%u, c%u]}}", q, a, b);
			return;
		}
	default:
		t = 1 + (int)below((unsigned)x->max - 1);
		switch (below(5)) {
		case 0:
			printf("{q%03u: {ge: %d}}", q, t);
			return;
		case 1:
			printf("{q%03u: {lt: %d}}", q, t);
			return;
		case 2:
			printf("{q%03u: {gt: %d}}", q, t);
			return;
		case 3:
			printf("{q%03u: {le: %d}}", q, t);
			return;
		default:
			u = t + (int)below((unsigned)(x->max - t) + 1);
			printf("{q%03u: {ge: %d, le: %d}}", q, t, u);
			return;
		}
	}
}

/* Pick k distinct questions other than avoid into out. */
static void pick_questions(unsigned *out, unsigned k, unsigned avoid)
{
	unsigned i, j;
	for (i = 0; i < k; i++) {
	again:
		out[i] = below(nq);
		if (out[i] == avoid)
			goto again;
		for (j = 0; j < i; j++)
			if (out[j] == out[i])
				goto again;
	}
}

/* One atom of a rule's condition: a question test, sometimes negated or an any of two. */
static void atom_mixed(unsigned q, unsigned q2)
{
	unsigned r = below(10);
	if (r == 0) {
		printf("{not: ");
		atom_question(q);
		printf("}");
	} else if (r == 1) {
		printf("{any: [");
		atom_question(q);
		printf(", ");
		atom_question(q2);
		printf("]}");
	} else {
		atom_question(q);
	}
}

static void fact_ref(unsigned f)
{
	if (below(4) == 0)
		printf("{not: f%03u}", f);
	else
		printf("f%03u", f);
}

/* A fact of layer 0 reads two or three questions; a fact of layer k > 0 also reads a fact of
 * layer k - 1 (one of the first 64 of that layer, at random). */
static void fact_when(unsigned f)
{
	unsigned qv[4], k = 2 + below(2), i, lower[64], nlower = 0, g;
	int any = (f % 2) == 0;
	pick_questions(qv, k + 1, nq);
	printf("{%s: [", any ? "any" : "all");
	if (layer_of[f] > 0) {
		for (g = 0; g < f && nlower < 64; g++)
			if (layer_of[g] == layer_of[f] - 1)
				lower[nlower++] = g;
		fact_ref(lower[below(nlower)]);
		printf(", ");
		k--;
	}
	for (i = 0; i < k; i++) {
		if (i)
			printf(", ");
		atom_question(qv[i]);
	}
	printf("]}");
}

/* The first test of a rule in a large set: one choice of an enum question, as a real knowledge
 * base keys most rules on a selective answer (sector, region). */
static unsigned key_question(void)
{
	return 4 * below(nq / 4) + 2; /* every fourth question from the third is an enum */
}

/* A rule reads two to three atoms (three to four in a set of more than 100 rules, the first of
 * them an enum equality), the first a fact about one time in three. */
static void rule_when(void)
{
	unsigned qv[8], k = (nrules > 100 ? 3 : 2) + below(2), i;
	unsigned key = nrules > 100 ? key_question() : nq;
	pick_questions(qv, 2 * k, key);
	printf("{all: [");
	for (i = 0; i < k; i++) {
		if (i)
			printf(", ");
		if (i == 0 && nfacts && below(3) == 0)
			fact_ref(next_fact++ % nfacts); /* in turn: every fact is read */
		else if (i == 0 && key < nq)
			printf("{q%03u: c%u}", key, below(qs[key].nchoices));
		else
			atom_mixed(qv[i], qv[k + i]);
	}
	printf("]}");
}

static const char *const reports[] = { "soc2", "soc1", "soc3", "soc_cybersecurity",
				       "soc_supply_chain" };
static const char *const categories[] = { "availability", "confidentiality",
					  "processing_integrity", "privacy", "security" };

/* Outcome kinds along the file: of every 8 rules, 1 recommends a report, 2 add a SOC 2
 * category, 5 produce advice. */
static int rule_kind(unsigned j)
{
	unsigned m = j % 8;
	return m == 0 ? 0 : (m == 1 || m == 5) ? 1 : 2;
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || v > max)
		return -1;
	*out = v;
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: sa_gen_rules --seed S --rules N   (N from 1 to 20000)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long seed = 1, n = 0;
	unsigned i, j, nadv_rules = 0, a = 0, c = 0, rep = 0;
	int have_n = 0;
	for (i = 1; i < (unsigned)argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < (unsigned)argc) {
			if (parse_uint(argv[++i], 0xffffffffUL, &seed))
				usage();
		} else if (!strcmp(argv[i], "--rules") && i + 1 < (unsigned)argc) {
			if (parse_uint(argv[++i], 20000, &n) || n == 0)
				usage();
			have_n = 1;
		} else {
			usage();
		}
	}
	if (!have_n)
		usage();
	state = 0x9E3779B97F4A7C15ULL ^ ((uint64_t)seed * 0xD1B54A32D192ED03ULL);
	if (!state)
		state = 1;
	nfacts = (unsigned)n / 5;
	if (n >= 2 && nfacts == 0)
		nfacts = 1;
	nrules = (unsigned)n - nfacts;
	nq = (unsigned)n / 10 < 12 ? 12 : (unsigned)n / 10;
	for (j = 0; j < nrules; j++)
		nadv_rules += rule_kind(j) == 2;
	nadvice = nadv_rules / 3 ? nadv_rules / 3 : 1;
	qs = calloc(nq, sizeof(*qs));
	layer_of = calloc(nfacts ? nfacts : 1, sizeof(*layer_of));
	if (!qs || !layer_of) {
		fprintf(stderr, "sa_gen_rules: out of memory\n");
		return 1;
	}
	for (i = 0; i < nq; i++) {
		static const int maxes[] = { 12, 24, 60, 120, 500 };
		qs[i].kind = i % 4 == 2 ? Q_ENUM : i % 4 == 3 ? Q_INT : Q_BOOL;
		qs[i].nchoices = 3 + below(6);
		qs[i].max = maxes[below(5)];
	}
	/* layers 0..3 over the facts in file order (three layers of chaining) */
	for (i = 0; i < nfacts; i++)
		layer_of[i] = nfacts >= 4 ? i * 4 / nfacts : nfacts >= 2 ? i * 2 / nfacts : 0;
	/* the layers rise along the file without gaps, so every layer above 0 finds a fact in the
	 * layer below it */

	printf("# Generated by sa_gen_rules --seed %lu --rules %lu: %u facts, %u rules, %u questions.\n",
	       seed, n, nfacts, nrules, nq);
	printf("format: 1\nname: generated-%lu\nversion: \"seed-%lu\"\n", n, seed);
	printf("sources:\n  - {id: gen, title: \"Generated for benchmarks\"}\n");
	printf("questions:\n");
	for (i = 0; i < nq; i++) {
		printf("  - {id: q%03u, ", i);
		switch (qs[i].kind) {
		case Q_BOOL:
			printf("type: bool");
			break;
		case Q_ENUM:
			printf("type: enum, choices: [");
			for (j = 0; j < qs[i].nchoices; j++)
				printf("%sc%u", j ? ", " : "", j);
			printf("]");
			break;
		default:
			printf("type: int, min: 0, max: %d", qs[i].max);
			break;
		}
		printf(", prompt: \"Question %u?\"}\n", i);
	}
	if (nfacts) {
		printf("facts:\n");
		for (i = 0; i < nfacts; i++) {
			printf("  - {id: f%03u, when: ", i);
			fact_when(i);
			printf("}\n");
		}
	}
	if (nadv_rules) {
		printf("advice:\n");
		for (i = 0; i < nadvice; i++)
			printf("  - {id: a%04u, title: \"Advice %u\", text: \"Generated advice %u.\"}\n",
			       i, i, i);
	}
	printf("rules:\n");
	for (j = 0; j < nrules; j++) {
		printf("  - {id: r%04u, when: ", j);
		rule_when();
		switch (rule_kind(j)) {
		case 0:
			printf(", recommend: %s", reports[rep++ % 5]);
			break;
		case 1:
			printf(", criteria: {report: soc2, category: %s}", categories[c++ % 5]);
			break;
		default:
			printf(", advice: a%04u", a++ % nadvice);
			break;
		}
		printf(", because: \"Generated rule %u.\", sources: [gen]}\n", j);
	}
	free(qs);
	free(layer_of);
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
