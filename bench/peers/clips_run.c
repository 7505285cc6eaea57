/*
 * clips_run.c - evaluate JSON Lines profiles with CLIPS 6.30 through its C API, for the peer
 * comparison: one environment, the program (from sa_peer_translate --clips) loaded once, then
 * per profile: reset, assert the profile as one sa-profile fact, run, collect the
 * recommendation ids.
 *
 * usage: sa_clips_run PROGRAM.clp PROFILES.jsonl|-
 *
 * Output: one line per profile, {"id":ID,"recs":[...]} with the ids sorted, the shape the other
 * runners of the comparison print. The fact is built with the C API (EnvCreateFact), not parsed
 * from a string: each answer's slot is looked up once and kept while the profiles keep their
 * keys in the same order (the generator writes them so), its value is stored in the fact's field
 * (struct fact of CLIPS's factmngr.h, what EnvPutFactSlot does after its own slot search), and
 * symbols are interned by CLIPS's own table. Every slot must be answered.
 */
#include <cjson/cJSON.h>
#include <clips/clips.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct slot {
	char *key; /* the answer's name in the profile */
	long index; /* its slot in sa-profile */
};

static void *env;
static void *profile_tmpl;
static const char **slot_names; /* sa-profile's slots, in order */
static long nslot_names;
static struct slot *slots;
static size_t nslots;

static void die(const char *what)
{
	fprintf(stderr, "sa_clips_run: %s\n", what);
	exit(1);
}

/* The slot of the i-th answer of a profile, found once for each position and key. */
static long slot_at(size_t i, const char *key)
{
	long k;
	if (i >= nslots) {
		struct slot *s = realloc(slots, (i + 1) * sizeof(*s));
		if (!s)
			die("out of memory");
		slots = s;
		while (nslots <= i)
			slots[nslots++] = (struct slot){ NULL, -1 };
	}
	if (!slots[i].key || strcmp(slots[i].key, key)) {
		free(slots[i].key);
		slots[i].key = strdup(key);
		if (!slots[i].key)
			die("out of memory");
		slots[i].index = -1;
		for (k = 0; k < nslot_names; k++)
			if (!strcmp(slot_names[k], key))
				slots[i].index = k;
		if (slots[i].index < 0)
			die("a profile answers a question the program does not know");
	}
	return slots[i].index;
}

static void set_answer(struct fact *f, long k, const cJSON *v)
{
	struct field *field = &f->theProposition.theFields[k];
	if (cJSON_IsBool(v)) {
		field->type = SYMBOL;
		field->value = cJSON_IsTrue(v) ? EnvTrueSymbol(env) : EnvFalseSymbol(env);
	} else if (cJSON_IsString(v)) {
		field->type = SYMBOL;
		field->value = EnvAddSymbol(env, v->valuestring);
	} else if (cJSON_IsNumber(v)) {
		field->type = INTEGER;
		field->value = EnvAddLong(env, (long long)v->valuedouble);
	} else {
		die("an answer is not a bool, a string or a number (profiles must be fully answered)");
	}
}

/* Learn sa-profile's slot names, in order. */
static void learn_slots(void)
{
	DATA_OBJECT names;
	long k;
	profile_tmpl = EnvFindDeftemplate(env, "sa-profile");
	if (!profile_tmpl)
		die("the program has no sa-profile template");
	EnvDeftemplateSlotNames(env, profile_tmpl, &names);
	nslot_names = GetDOLength(names);
	slot_names = calloc((size_t)nslot_names + 1, sizeof(*slot_names));
	if (!slot_names)
		die("out of memory");
	for (k = 0; k < nslot_names; k++)
		slot_names[k] = ValueToString(GetMFValue(GetValue(names), GetDOBegin(names) + k));
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
	learn_slots();
	out_tmpl = EnvFindDeftemplate(env, "sa-out");
	if (!out_tmpl)
		die("the program asserts no sa-out facts");
	in = strcmp(argv[2], "-") ? fopen(argv[2], "r") : stdin;
	if (!in)
		die("cannot open the profiles");
	while (getline(&line, &cap, in) > 0) {
		cJSON *p = cJSON_Parse(line), *v, *id = NULL;
		struct fact *fact;
		size_t answered;
		void *f;
		char *ids;
		if (!p || !cJSON_IsObject(p))
			die("a profile line is not a JSON object");
		EnvReset(env);
		fact = EnvCreateFact(env, profile_tmpl);
		if (!fact)
			die("cannot create a fact");
		answered = 0;
		i = 0;
		for (v = p->child; v; v = v->next, i++) {
			if (!strcmp(v->string, "id")) {
				id = v;
				continue;
			}
			set_answer(fact, slot_at(i, v->string), v);
			answered++;
		}
		if (answered != (size_t)nslot_names)
			die("a profile does not answer every question once");
		if (!EnvAssert(env, fact))
			die("cannot assert a profile");
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
	free(slot_names);
	free(recs);
	free(line);
	if (in != stdin)
		fclose(in);
	DestroyEnvironment(env);
	return fflush(stdout) || ferror(stdout) ? 1 : 0;
}
