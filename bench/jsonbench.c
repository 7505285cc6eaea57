/*
 * jsonbench.c - the JSON libraries measured against each other on socadvise's own documents:
 * which reader for a batch line, which writer for a result line (docs/performance.md, "JSON
 * reading and writing"). A benchmark, never a test.
 *
 * usage: sa_jsonbench [--rules FILE] [--profiles N] [--rounds R]
 *
 * Readers, on N fully answered batch lines (random answers from a fixed seed, as the answers
 * writer prints them, with an "id"): cJSON (parse into a tree, visit each key, delete), yajl's
 * callback parser (a handle per line, as a reader must take one), the jsmn tokenizer (tokens
 * into a stack array), and the library's own sa_answers_read with all its checks.
 *
 * Writers, on the result line of each profile (the --batch line, no reasons): the document is
 * parsed once into a tree, then written again by each candidate from a walk of that tree, so
 * that they differ only in how they serialise: a cJSON tree of borrowed strings printed whole
 * (what the result writer did), yajl_gen (strings escaped as they are generated), and a stream
 * of strings escaped once beforehand (what escaping the rules' strings at load allows).
 * Last, the library's own writers: sa_write_json_line and sa_write_summary after evaluation
 * (the evaluation is timed apart and left out).
 *
 * Each candidate is a function of its own (noinline), so that valgrind --tool=callgrind counts
 * its instructions apart: the counts do not move with the machine's load, the times do.
 */
#include "sa_escape.h"
#include "sa_summary.h"
#include "socadvise.h"

#include <cjson/cJSON.h>
#include <jsmn.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_parse.h>

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

/* What every reader does with a line: visit each top-level key and its scalar value. */
struct visit {
	unsigned long keys, bytes;
};

/* ---- readers ----------------------------------------------------------------------------- */

__attribute__((noinline)) static void read_cjson(const char *s, size_t len, struct visit *v)
{
	cJSON *root = cJSON_ParseWithLength(s, len), *c;
	for (c = root ? root->child : NULL; c; c = c->next) {
		v->keys++;
		v->bytes += strlen(c->string) + (cJSON_IsString(c) ? strlen(c->valuestring) : 1);
	}
	cJSON_Delete(root);
}

static int y_key(void *ctx, const unsigned char *k, size_t n)
{
	struct visit *v = ctx;
	(void)k;
	v->keys++;
	v->bytes += n;
	return 1;
}

static int y_str(void *ctx, const unsigned char *s, size_t n)
{
	(void)s;
	((struct visit *)ctx)->bytes += n;
	return 1;
}

static int y_num(void *ctx, const char *s, size_t n)
{
	(void)s;
	((struct visit *)ctx)->bytes += n;
	return 1;
}

static int y_bool(void *ctx, int b)
{
	((struct visit *)ctx)->bytes += (unsigned long)b + 1;
	return 1;
}

static int y_null(void *ctx)
{
	((struct visit *)ctx)->bytes++;
	return 1;
}

static int y_open(void *ctx)
{
	(void)ctx;
	return 1;
}

static const yajl_callbacks ycb = { y_null, y_bool, NULL, NULL, y_num, y_str,
				    y_open, y_key, y_open, y_open, y_open };

__attribute__((noinline)) static void read_yajl(const char *s, size_t len, struct visit *v)
{
	yajl_handle h = yajl_alloc(&ycb, NULL, v);
	if (yajl_parse(h, (const unsigned char *)s, len) != yajl_status_ok ||
	    yajl_complete_parse(h) != yajl_status_ok)
		v->keys = 0;
	yajl_free(h);
}

__attribute__((noinline)) static void read_jsmn(const char *s, size_t len, struct visit *v)
{
	jsmn_parser p;
	jsmntok_t t[256];
	int n, i;
	jsmn_init(&p);
	n = jsmn_parse(&p, s, len, t, 256);
	for (i = 1; i + 1 < n; i += 2) {
		v->keys++;
		v->bytes += (unsigned long)(t[i].end - t[i].start + t[i + 1].end - t[i + 1].start);
	}
}

/* ---- writers ------------------------------------------------------------------------------ */

/* A copy of doc whose strings borrow doc's, as the result writer built its document. */
static cJSON *rebuild(const cJSON *v)
{
	const cJSON *c;
	cJSON *o;
	if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
		o = cJSON_IsObject(v) ? cJSON_CreateObject() : cJSON_CreateArray();
		for (c = v->child; c; c = c->next) {
			if (cJSON_IsObject(v))
				cJSON_AddItemToObjectCS(o, c->string, rebuild(c));
			else
				cJSON_AddItemToArray(o, rebuild(c));
		}
		return o;
	}
	if (cJSON_IsString(v))
		return cJSON_CreateStringReference(v->valuestring);
	if (cJSON_IsNumber(v))
		return cJSON_CreateNumber(v->valuedouble);
	if (cJSON_IsBool(v))
		return cJSON_CreateBool(cJSON_IsTrue(v));
	return cJSON_CreateNull();
}

__attribute__((noinline)) static void write_cjson(FILE *f, const cJSON *doc)
{
	cJSON *t = rebuild(doc);
	char *s = cJSON_PrintUnformatted(t);
	sa_escape_json_puts(f, s);
	fputc('\n', f);
	cJSON_free(s);
	cJSON_Delete(t);
}

static void gen_walk(yajl_gen g, const cJSON *v)
{
	const cJSON *c;
	if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
		int obj = cJSON_IsObject(v);
		if (obj)
			yajl_gen_map_open(g);
		else
			yajl_gen_array_open(g);
		for (c = v->child; c; c = c->next) {
			if (obj)
				yajl_gen_string(g, (const unsigned char *)c->string, strlen(c->string));
			gen_walk(g, c);
		}
		if (obj)
			yajl_gen_map_close(g);
		else
			yajl_gen_array_close(g);
	} else if (cJSON_IsString(v)) {
		yajl_gen_string(g, (const unsigned char *)v->valuestring, strlen(v->valuestring));
	} else if (cJSON_IsNumber(v)) {
		yajl_gen_integer(g, (long long)v->valuedouble);
	} else if (cJSON_IsBool(v)) {
		yajl_gen_bool(g, cJSON_IsTrue(v));
	} else {
		yajl_gen_null(g);
	}
}

__attribute__((noinline)) static void write_yajl(FILE *f, yajl_gen g, const cJSON *doc)
{
	const unsigned char *buf;
	size_t len;
	gen_walk(g, doc);
	yajl_gen_get_buf(g, &buf, &len);
	sa_escape_json_puts(f, (const char *)buf); /* DEL and C1, as the writers must */
	fputc('\n', f);
	yajl_gen_clear(g);
	yajl_gen_reset(g, NULL);
}

/*
 * Strings escaped once: each string node's valuestring and key are replaced beforehand by their
 * JSON text, quotes included (cJSON's escapes, then the visible escapes), as the model keeps
 * the rules' strings. The walk only copies.
 */
static char *escaped(const char *s)
{
	cJSON *t = cJSON_CreateString(s);
	char *p = cJSON_PrintUnformatted(t), *out;
	char *buf = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&buf, &n);
	sa_escape_json_puts(m, p);
	fclose(m);
	out = buf;
	cJSON_free(p);
	cJSON_Delete(t);
	return out;
}

static void preescape(cJSON *v)
{
	cJSON *c;
	if (v->string) {
		char *k = escaped(v->string);
		if (!(v->type & cJSON_StringIsConst))
			cJSON_free(v->string);
		v->string = k;
		v->type &= ~cJSON_StringIsConst;
	}
	if (cJSON_IsString(v)) {
		char *s = escaped(v->valuestring);
		cJSON_free(v->valuestring);
		v->valuestring = s;
	}
	for (c = v->child; c; c = c->next)
		preescape(c);
}

struct out {
	char *b;
	size_t n, cap;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->n + n > o->cap) {
		o->cap = (o->n + n) * 2;
		o->b = realloc(o->b, o->cap);
	}
	memcpy(o->b + o->n, s, n);
	o->n += n;
}

static void stream_walk(struct out *o, const cJSON *v)
{
	const cJSON *c;
	char num[24];
	if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
		int obj = cJSON_IsObject(v);
		put(o, obj ? "{" : "[", 1);
		for (c = v->child; c; c = c->next) {
			if (obj) {
				put(o, c->string, strlen(c->string));
				put(o, ":", 1);
			}
			stream_walk(o, c);
			if (c->next)
				put(o, ",", 1);
		}
		put(o, obj ? "}" : "]", 1);
	} else if (cJSON_IsString(v)) {
		put(o, v->valuestring, strlen(v->valuestring));
	} else if (cJSON_IsNumber(v)) {
		put(o, num, (size_t)snprintf(num, sizeof(num), "%d", (int)v->valuedouble));
	} else if (cJSON_IsBool(v)) {
		put(o, cJSON_IsTrue(v) ? "true" : "false", cJSON_IsTrue(v) ? 4 : 5);
	} else {
		put(o, "null", 4);
	}
}

__attribute__((noinline)) static void write_stream(FILE *f, struct out *o, const cJSON *doc)
{
	o->n = 0;
	stream_walk(o, doc);
	put(o, "\n", 1);
	fwrite(o->b, 1, o->n, f);
}

static double per(double t, size_t n)
{
	return t / (double)n * 1e6;
}

int main(int argc, char **argv)
{
	const char *rules = NULL;
	size_t n = 500, rounds = 20, i, k;
	struct sa_diags d;
	struct sa_answers *ans, back;
	struct sa_result res;
	struct sa_output_opts oo = { SA_EXPLAIN_NONE, 0, 1, NULL, 0, NULL };
	sa_rules *r = NULL;
	char **line, **outline;
	size_t *linelen;
	cJSON **doc;
	FILE *null;
	struct visit v = { 0, 0 };
	struct out o = { NULL, 0, 0 };
	yajl_gen g;
	double t0, t, t_eval;
	int a;

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--rules") == 0 && a + 1 < argc)
			rules = argv[++a];
		else if (strcmp(argv[a], "--profiles") == 0 && a + 1 < argc)
			n = strtoul(argv[++a], NULL, 10);
		else if (strcmp(argv[a], "--rounds") == 0 && a + 1 < argc)
			rounds = strtoul(argv[++a], NULL, 10);
		else {
			fprintf(stderr, "usage: sa_jsonbench [--rules FILE] [--profiles N] [--rounds R]\n");
			return 2;
		}
	}
	if (!n || !rounds)
		return 2;
	sa_diags_init(&d);
	if (sa_rules_load(rules, NULL, &r, &d) != SA_OK) {
		fprintf(stderr, "sa_jsonbench: cannot load the rules\n");
		return 3;
	}
	null = fopen("/dev/null", "w");
	ans = calloc(n, sizeof(*ans));
	line = calloc(n, sizeof(*line));
	outline = calloc(n, sizeof(*outline));
	linelen = calloc(n, sizeof(*linelen));
	doc = calloc(n, sizeof(*doc));
	g = yajl_gen_alloc(NULL);
	if (!null || !ans || !line || !outline || !linelen || !doc || !g ||
	    sa_result_init(&res, r) != SA_OK || sa_answers_init(&back, r) != SA_OK)
		return 1;
	for (i = 0; i < n; i++) {
		char *body = NULL;
		size_t len = 0, olen = 0;
		FILE *m = open_memstream(&body, &len);
		sa_answers_init(&ans[i], r);
		fill(r, &ans[i]);
		sa_answers_write_json(m, r, &ans[i]);
		fclose(m);
		/* a batch line: the answers with an id first, without the final newline */
		line[i] = malloc(len + 32);
		linelen[i] = (size_t)sprintf(line[i], "{\"id\":%zu,%.*s", i + 1, (int)(len - 2),
					     body + 1);
		free(body);
		sa_evaluate_ex(r, &ans[i], &res, SA_EVAL_NO_REASONS);
		m = open_memstream(&outline[i], &olen);
		sa_write_json_line(m, r, &res, &oo, "1");
		fclose(m);
		doc[i] = cJSON_Parse(outline[i]);
		if (!doc[i]) {
			fprintf(stderr, "sa_jsonbench: a result line does not parse\n");
			return 1;
		}
	}

	printf("rules: %s %s (%zu questions, %zu rules)\n", sa_rules_name(r), sa_rules_version(r),
	       sa_rules_question_count(r), sa_rules_rule_count(r));
	printf("profiles: %zu, rounds: %zu; batch line %zu bytes, result line %zu bytes\n", n,
	       rounds, linelen[0], strlen(outline[0]));

	printf("reading a batch line:\n");
	t0 = now();
	for (k = 0; k < rounds; k++)
		for (i = 0; i < n; i++)
			read_cjson(line[i], linelen[i], &v);
	printf("  cJSON parse + visit + delete:     %7.2f us\n", per(now() - t0, n * rounds));
	t0 = now();
	for (k = 0; k < rounds; k++)
		for (i = 0; i < n; i++)
			read_yajl(line[i], linelen[i], &v);
	printf("  yajl callbacks (handle per line): %7.2f us\n", per(now() - t0, n * rounds));
	t0 = now();
	for (k = 0; k < rounds; k++)
		for (i = 0; i < n; i++)
			read_jsmn(line[i], linelen[i], &v);
	printf("  jsmn tokens + visit:              %7.2f us\n", per(now() - t0, n * rounds));
	t0 = now();
	for (k = 0; k < rounds; k++)
		for (i = 0; i < n; i++) {
			sa_answers_clear(&back);
			if (sa_answers_read(r, "bench", 0, line[i], linelen[i], &back, NULL, 0, &d) !=
			    SA_OK)
				return 1;
		}
	printf("  sa_answers_read (every check):    %7.2f us\n", per(now() - t0, n * rounds));

	printf("writing a result line (the same document, serialised):\n");
	t0 = now();
	for (k = 0; k < rounds; k++)
		for (i = 0; i < n; i++)
			write_cjson(null, doc[i]);
	printf("  cJSON tree of borrowed strings:   %7.2f us\n", per(now() - t0, n * rounds));
	t0 = now();
	for (k = 0; k < rounds; k++)
		for (i = 0; i < n; i++)
			write_yajl(null, g, doc[i]);
	printf("  yajl_gen:                         %7.2f us\n", per(now() - t0, n * rounds));
	for (i = 0; i < n; i++)
		preescape(doc[i]);
	t0 = now();
	for (k = 0; k < rounds; k++)
		for (i = 0; i < n; i++)
			write_stream(null, &o, doc[i]);
	printf("  stream of pre-escaped strings:    %7.2f us\n", per(now() - t0, n * rounds));

	printf("the library's writers (evaluation excluded):\n");
	t_eval = 0;
	t = 0;
	for (k = 0; k < rounds; k++)
		for (i = 0; i < n; i++) {
			t0 = now();
			sa_evaluate_ex(r, &ans[i], &res, SA_EVAL_NO_REASONS);
			t_eval += now() - t0;
			t0 = now();
			sa_write_json_line(null, r, &res, &oo, "1");
			t += now() - t0;
		}
	printf("  evaluate, outcome only:           %7.2f us\n", per(t_eval, n * rounds));
	printf("  sa_write_json_line (--batch):     %7.2f us\n", per(t, n * rounds));
	t = 0;
	for (k = 0; k < rounds; k++)
		for (i = 0; i < n; i++) {
			sa_evaluate_ex(r, &ans[i], &res, SA_EVAL_NO_REASONS);
			t0 = now();
			sa_write_summary(null, r, &res, "1");
			t += now() - t0;
		}
	printf("  sa_write_summary (--summary):     %7.2f us\n", per(t, n * rounds));

	for (i = 0; i < n; i++) {
		sa_answers_release(&ans[i]);
		free(line[i]);
		free(outline[i]);
		cJSON_Delete(doc[i]);
	}
	free(ans);
	free(line);
	free(outline);
	free(linelen);
	free(doc);
	free(o.b);
	yajl_gen_free(g);
	sa_answers_release(&back);
	sa_result_release(&res);
	sa_diags_release(&d);
	fclose(null);
	sa_rules_free(r);
	return v.keys == 0;
}
