/*
 * gen_profiles.c - write N fully answered random profiles as JSON Lines (batch input), from a
 * fixed seed, optionally with a bad line every K lines.
 *
 * usage: sa_gen_profiles [--rules FILE] [--seed S] [--bad-every K] N
 *
 * Every question of the rules gets a random valid value; line i carries "id": i. With
 * --bad-every K, every K-th line is bad instead, cycling through four kinds: invalid JSON, an
 * unknown question, an int out of range (or a wrong type when the rules have no int question),
 * and a blank line. The output depends only on the rules, the seed and the arguments: the
 * generator (xorshift64*) is ours, not the C library's.
 */
#include "socadvise.h"

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

static uint32_t below(uint32_t n)
{
	return (uint32_t)(next() % n);
}

static void bad_line(FILE *f, const sa_rules *r, unsigned long i, unsigned long kind)
{
	size_t q;
	switch (kind % 4) {
	case 0:
		fprintf(f, "{\"id\":%lu,\"broken\":\n", i);
		return;
	case 1:
		fprintf(f, "{\"id\":%lu,\"no_such_question\":true}\n", i);
		return;
	case 2:
		for (q = 0; q < sa_rules_question_count(r); q++)
			if (sa_question_type(r, q) == SA_Q_INT) {
				int32_t mn, mx;
				sa_question_range(r, q, &mn, &mx);
				fprintf(f, "{\"id\":%lu,\"%s\":%ld}\n", i, sa_question_id(r, q),
					(long)mx + 1);
				return;
			}
		fprintf(f, "{\"id\":%lu,\"%s\":[]}\n", i, sa_question_id(r, 0));
		return;
	default:
		fputc('\n', f);
		return;
	}
}

static void profile(FILE *f, const sa_rules *r, unsigned long i)
{
	size_t q;
	fprintf(f, "{\"id\":%lu", i);
	for (q = 0; q < sa_rules_question_count(r); q++) {
		const char *id = sa_question_id(r, q);
		int32_t mn, mx;
		switch (sa_question_type(r, q)) {
		case SA_Q_BOOL:
			fprintf(f, ",\"%s\":%s", id, below(2) ? "true" : "false");
			break;
		case SA_Q_ENUM:
			fprintf(f, ",\"%s\":\"%s\"", id,
				sa_question_choice(r, q, below((uint32_t)sa_question_choice_count(r, q))));
			break;
		case SA_Q_INT:
			sa_question_range(r, q, &mn, &mx);
			fprintf(f, ",\"%s\":%ld", id, (long)mn + (long)below((uint32_t)(mx - mn + 1)));
			break;
		}
	}
	fputs("}\n", f);
}

int main(int argc, char **argv)
{
	const char *rules = NULL;
	unsigned long n = 0, bad_every = 0, i, bad = 0;
	struct sa_diags d;
	sa_rules *r = NULL;
	int a, rc;

	state = 0x9e3779b97f4a7c15ULL;
	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--rules") == 0 && a + 1 < argc)
			rules = argv[++a];
		else if (strcmp(argv[a], "--seed") == 0 && a + 1 < argc)
			state ^= strtoull(argv[++a], NULL, 10) * 0xbf58476d1ce4e5b9ULL;
		else if (strcmp(argv[a], "--bad-every") == 0 && a + 1 < argc)
			bad_every = strtoul(argv[++a], NULL, 10);
		else if (argv[a][0] != '-')
			n = strtoul(argv[a], NULL, 10);
		else {
			fprintf(stderr, "usage: sa_gen_profiles [--rules FILE] [--seed S] "
					"[--bad-every K] N\n");
			return 2;
		}
	}
	if (!state)
		state = 1;
	sa_diags_init(&d);
	rc = sa_rules_load(rules, NULL, &r, &d);
	sa_diags_release(&d);
	if (rc != SA_OK) {
		fprintf(stderr, "sa_gen_profiles: cannot load the rules\n");
		return 3;
	}
	for (i = 1; i <= n; i++) {
		if (bad_every && i % bad_every == 0)
			bad_line(stdout, r, i, bad++);
		else
			profile(stdout, r, i);
	}
	sa_rules_free(r);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 5;
}
