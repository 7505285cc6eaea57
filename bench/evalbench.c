/*
 * evalbench.c - a direct library microbenchmark: the cost of one evaluation, and of one
 * evaluation plus its compact JSON line, without process startup or input parsing.
 *
 * usage: sa_evalbench [--rules FILE] [--profiles N] [--rounds R]
 *
 * N fully answered random profiles (fixed seed) are built in memory; each round evaluates all
 * of them. Prints microseconds per profile for: reading one fully answered profile from its JSON
 * line (sa_answers_read); evaluate; evaluate + sa_write_json_line (no reasons, as --batch) to
 * /dev/null; evaluate + sa_write_json_line with reasons.
 */
#include "socadvise.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t state = 0x9e3779b97f4a7c15ULL;

static uint32_t below(uint32_t n)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return (uint32_t)((state * 2685821657736338717ULL) % n);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void fill(const sa_rules *r, struct sa_answers *a)
{
	size_t q;
	char m[256];
	for (q = 0; q < sa_rules_question_count(r); q++) {
		int32_t v, mn, mx;
		switch (sa_question_type(r, q)) {
		case SA_Q_BOOL:
			v = (int32_t)below(2);
			break;
		case SA_Q_ENUM:
			v = (int32_t)below((uint32_t)sa_question_choice_count(r, q));
			break;
		default:
			sa_question_range(r, q, &mn, &mx);
			v = mn + (int32_t)below((uint32_t)(mx - mn + 1));
			break;
		}
		sa_answers_set(a, r, q, v, m, sizeof(m));
	}
}

int main(int argc, char **argv)
{
	const char *rules = NULL;
	size_t n = 1000, rounds = 20, i, k;
	struct sa_diags d;
	struct sa_answers *ans;
	struct sa_result res;
	sa_rules *r = NULL;
	FILE *null;
	double t0, t_eval, t_outcome, t_line, t_reasons, t_read;
	int a, rc;
	volatile unsigned sink = 0;

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--rules") == 0 && a + 1 < argc)
			rules = argv[++a];
		else if (strcmp(argv[a], "--profiles") == 0 && a + 1 < argc)
			n = strtoul(argv[++a], NULL, 10);
		else if (strcmp(argv[a], "--rounds") == 0 && a + 1 < argc)
			rounds = strtoul(argv[++a], NULL, 10);
		else {
			fprintf(stderr, "usage: sa_evalbench [--rules FILE] [--profiles N] "
					"[--rounds R]\n");
			return 2;
		}
	}
	if (!n || !rounds)
		return 2;
	sa_diags_init(&d);
	rc = sa_rules_load(rules, NULL, &r, &d);
	sa_diags_release(&d);
	if (rc != SA_OK) {
		fprintf(stderr, "sa_evalbench: cannot load the rules\n");
		return 3;
	}
	null = fopen("/dev/null", "w");
	ans = calloc(n, sizeof(*ans));
	if (!null || !ans)
		return 1;
	for (i = 0; i < n; i++) {
		sa_answers_init(&ans[i], r);
		fill(r, &ans[i]);
	}
	sa_result_init(&res, r);

	t0 = now();
	for (k = 0; k < rounds; k++)
		for (i = 0; i < n; i++) {
			sa_evaluate(r, &ans[i], &res);
			sink += res.report[SA_REPORT_SOC2].status;
		}
	t_eval = (now() - t0) / (double)(n * rounds) * 1e6;
	t0 = now();
	for (k = 0; k < rounds; k++)
		for (i = 0; i < n; i++) {
			sa_evaluate_ex(r, &ans[i], &res, SA_EVAL_NO_REASONS);
			sink += res.report[SA_REPORT_SOC2].status;
		}
	t_outcome = (now() - t0) / (double)(n * rounds) * 1e6;

	{
		struct sa_output_opts o = { SA_EXPLAIN_NONE, 0, 1, NULL, 0, NULL };
		t0 = now();
		for (i = 0; i < n; i++) {
			sa_evaluate(r, &ans[i], &res);
			sa_write_json_line(null, r, &res, &o, "1");
		}
		t_line = (now() - t0) / (double)n * 1e6;
		o.explain = SA_EXPLAIN_REASONS;
		t0 = now();
		for (i = 0; i < n; i++) {
			sa_evaluate(r, &ans[i], &res);
			sa_write_json_line(null, r, &res, &o, "1");
		}
		t_reasons = (now() - t0) / (double)n * 1e6;
	}
	{
		/* reading a batch line: the answers written as one line of JSON, read back */
		char *text = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&text, &len);
		struct sa_answers back;
		struct sa_diags dd;
		if (!mem || sa_answers_write_json(mem, r, &ans[0]) != SA_OK || fclose(mem) != 0)
			return 1;
		sa_answers_init(&back, r);
		sa_diags_init(&dd);
		t0 = now();
		for (i = 0; i < n; i++) {
			sa_answers_clear(&back);
			sa_answers_read(r, "bench", 0, text, len, &back, NULL, 0, &dd);
		}
		t_read = (now() - t0) / (double)n * 1e6;
		if (dd.errors)
			return 1;
		sa_diags_release(&dd);
		sa_answers_release(&back);
		free(text);
	}
	printf("rules: %s %s (%zu questions, %zu rules)\n", sa_rules_name(r), sa_rules_version(r),
	       sa_rules_question_count(r), sa_rules_rule_count(r));
	printf("profiles: %zu, rounds: %zu\n", n, rounds);
	printf("read one answers line (JSON):  %8.2f us/profile\n", t_read);
	printf("evaluate (reasons included):   %8.2f us/profile\n", t_eval);
	printf("evaluate, outcome only:        %8.2f us/profile\n", t_outcome);
	printf("evaluate + JSON line:          %8.2f us/profile\n", t_line);
	printf("evaluate + JSON line, reasons: %8.2f us/profile\n", t_reasons);

	sa_result_release(&res);
	for (i = 0; i < n; i++)
		sa_answers_release(&ans[i]);
	free(ans);
	fclose(null);
	sa_rules_free(r);
	return sink == 0xffffffffu ? 1 : 0;
}
