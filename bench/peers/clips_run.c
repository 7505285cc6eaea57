/*
 * clips_run.c - evaluate JSON Lines profiles with CLIPS 6.30 through its C API, for the peer
 * comparison: one environment, the program (from sa_peer_translate --clips) loaded once, then
 * per profile: reset, assert one fact per answer, run, collect the recommendation ids.
 *
 * usage: sa_clips_run PROGRAM.clp PROFILES.jsonl|-
 *
 * Output: one line per profile, {"id":ID,"recs":[...]} with the ids sorted, the shape the other
 * runners of the comparison print. Facts are built with the C API (EnvCreateFact, one
 * multifield slot), not parsed from strings: answer names are looked up once and kept while the
 * profiles keep their keys in the same order (the generator writes them so), and symbols are
 * interned by CLIPS's own table. Answers no rule reads have no template and are not asserted.
 */
#include <cjson/cJSON.h>
#include <clips/clips.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct slot {
	char *key;   /* the answer's name in the profile */
	void *tmpl;  /* its implied deftemplate, NULL when no rule reads it */
};

static void *env;
static struct slot *slots;
static size_t nslots;

static void die(const char *what)
{
	fprintf(stderr, "sa_clips_run: %s\n", what);
	exit(1);
}

/* The template of the i-th answer of a profile, found once for each position and key. */
static void *template_at(size_t i, const char *key)
{
	if (i >= nslots) {
		struct slot *s = realloc(slots, (i + 1) * sizeof(*s));
		if (!s)
			die("out of memory");
		slots = s;
		while (nslots <= i)
			slots[nslots++] = (struct slot){ NULL, NULL };
	}
	if (!slots[i].key || strcmp(slots[i].key, key)) {
		free(slots[i].key);
		slots[i].key = strdup(key);
		if (!slots[i].key)
			die("out of memory");
		slots[i].tmpl = EnvFindDeftemplate(env, key);
	}
	return slots[i].tmpl;
}

static void assert_answer(void *tmpl, const cJSON *v)
{
	struct fact *f = EnvCreateFact(env, tmpl);
	void *mf = EnvCreateMultifield(env, 1);
	DATA_OBJECT dv;
	if (!f || !mf)
		die("cannot create a fact");
	if (cJSON_IsBool(v)) {
		SetMFType(mf, 1, SYMBOL);
		SetMFValue(mf, 1, cJSON_IsTrue(v) ? EnvTrueSymbol(env) : EnvFalseSymbol(env));
	} else if (cJSON_IsString(v)) {
		SetMFType(mf, 1, SYMBOL);
		SetMFValue(mf, 1, EnvAddSymbol(env, v->valuestring));
	} else if (cJSON_IsNumber(v)) {
		SetMFType(mf, 1, INTEGER);
		SetMFValue(mf, 1, EnvAddLong(env, (long long)v->valuedouble));
	} else {
		die("an answer is not a bool, a string or a number (profiles must be fully answered)");
	}
	SetType(dv, MULTIFIELD);
	SetValue(dv, mf);
	SetDOBegin(dv, 1);
	SetDOEnd(dv, 1);
	if (!EnvPutFactSlot(env, f, NULL, &dv) || !EnvAssert(env, f))
		die("cannot assert an answer");
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(int argc, char **argv)
{
	FILE *in;
	char *line = NULL;
	size_t cap = 0, ncap = 0, n, i;
	const char **recs = NULL;
	void *out_tmpl;
	if (argc != 3) {
		fprintf(stderr, "usage: sa_clips_run PROGRAM.clp PROFILES.jsonl|-\n");
		return 2;
	}
	env = CreateEnvironment();
	if (!env)
		die("cannot create a CLIPS environment");
	if (EnvLoad(env, argv[1]) != 1)
		die("cannot load the program");
	out_tmpl = EnvFindDeftemplate(env, "sa-out");
	if (!out_tmpl)
		die("the program asserts no sa-out facts");
	in = strcmp(argv[2], "-") ? fopen(argv[2], "r") : stdin;
	if (!in)
		die("cannot open the profiles");
	while (getline(&line, &cap, in) > 0) {
		cJSON *p = cJSON_Parse(line), *v, *id = NULL;
		void *f;
		char *ids;
		if (!p || !cJSON_IsObject(p))
			die("a profile line is not a JSON object");
		EnvReset(env);
		i = 0;
		for (v = p->child; v; v = v->next, i++) {
			void *tmpl;
			if (!strcmp(v->string, "id")) {
				id = v;
				continue;
			}
			tmpl = template_at(i, v->string);
			if (tmpl)
				assert_answer(tmpl, v);
		}
		EnvRun(env, -1);
		n = 0;
		for (f = EnvGetNextFactInTemplate(env, out_tmpl, NULL); f;
		     f = EnvGetNextFactInTemplate(env, out_tmpl, f)) {
			DATA_OBJECT dv;
			if (!EnvGetFactSlot(env, f, NULL, &dv) || GetType(dv) != MULTIFIELD)
				die("an sa-out fact without a value");
			if (n == ncap) {
				const char **r = realloc(recs, (ncap = ncap ? 2 * ncap : 64) * sizeof(*r));
				if (!r)
					die("out of memory");
				recs = r;
			}
			recs[n++] = ValueToString(GetMFValue(GetValue(dv), GetDOBegin(dv)));
		}
		qsort(recs, n, sizeof(*recs), by_string);
		ids = id ? cJSON_PrintUnformatted(id) : NULL;
		printf("{\"id\":%s,\"recs\":[", ids ? ids : "null");
		for (i = 0; i < n; i++)
			printf("%s\"%s\"", i ? "," : "", recs[i]);
		printf("]}\n");
		cJSON_free(ids);
		cJSON_Delete(p);
	}
	for (i = 0; i < nslots; i++)
		free(slots[i].key);
	free(slots);
	free(recs);
	free(line);
	if (in != stdin)
		fclose(in);
	DestroyEnvironment(env);
	return fflush(stdout) || ferror(stdout) ? 1 : 0;
}
