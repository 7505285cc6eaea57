/*
 * answers_fast.c - unit tests of the fast JSON answers reader (src/answers_fast.c) against the
 * full one (answers_read_json_full): on every text the fast reader takes, both must read the same
 * answers and id and report the same problems at the same FILE:LINE:COL; on every text it
 * declines, it must have taken nothing. The texts: a table of the cases that tell JSON readers
 * apart (numbers, white space, control bytes, escapes, keys, nesting), then many random
 * mutations of batch lines.
 */
#include "support.h"

#include "answers_io.h"

#include <stdint.h>

struct reading {
	int rc;
	struct sa_answers a;
	struct sa_diags d;
	char id[64];
};

/* Read text with one of the readers (fast: the fast one, which may decline). */
static void read_with(const sa_rules *r, const char *text, size_t len, int fast,
		      struct reading *out)
{
	struct doc x;
	memset(&x, 0, sizeof(x));
	assert_int_equal(sa_answers_init(&out->a, r), SA_OK);
	sa_diags_init(&out->d);
	out->id[0] = '\0';
	x.r = r;
	x.name = "t.json";
	x.buf = text;
	x.len = len;
	x.line_base = 4;
	x.d = &out->d;
	x.a = &out->a;
	x.id = out->id;
	x.idsize = sizeof(out->id);
	out->rc = fast ? answers_read_json_fast(&x) : answers_read_json_full(&x);
}

static void reading_release(struct reading *g)
{
	sa_answers_release(&g->a);
	sa_diags_release(&g->d);
}

static unsigned long taken, declined;

/* The fast reader agrees with the full one on text, or declines it having taken nothing. */
static void compare(const sa_rules *r, const char *text, size_t len)
{
	struct reading f, s;
	size_t i;
	read_with(r, text, len, 1, &f);
	if (f.rc == ANSWERS_FAST_DECLINED) {
		declined++;
		if (f.d.len || f.id[0])
			fail_msg("declined '%.*s' but reported or took an id", (int)len, text);
		for (i = 0; i < f.a.count; i++)
			if (f.a.origin[i])
				fail_msg("declined '%.*s' but took an answer", (int)len, text);
		reading_release(&f);
		return;
	}
	taken++;
	read_with(r, text, len, 0, &s);
	if (f.rc != s.rc)
		fail_msg("'%.*s': status %d, the full reader %d", (int)len, text, f.rc, s.rc);
	if (strcmp(f.id, s.id) != 0)
		fail_msg("'%.*s': id '%s', the full reader '%s'", (int)len, text, f.id, s.id);
	for (i = 0; i < f.a.count; i++)
		if (f.a.origin[i] != s.a.origin[i] || f.a.value[i] != s.a.value[i])
			fail_msg("'%.*s': answer %zu differs", (int)len, text, i);
	if (f.d.len != s.d.len)
		fail_msg("'%.*s': %zu problems, the full reader %zu", (int)len, text, f.d.len, s.d.len);
	for (i = 0; i < f.d.len; i++) {
		const struct sa_diag *a = &f.d.items[i], *b = &s.d.items[i];
		if (strcmp(a->code, b->code) != 0 || strcmp(a->message, b->message) != 0 ||
		    a->line != b->line || a->col != b->col)
			fail_msg("'%.*s': %u:%u %s '%s', the full reader %u:%u %s '%s'", (int)len, text,
				 a->line, a->col, a->code, a->message, b->line, b->col, b->code,
				 b->message);
	}
	reading_release(&f);
	reading_release(&s);
}

static void compare_str(const sa_rules *r, const char *text)
{
	compare(r, text, strlen(text));
}

static const char *const cases[] = {
	/* taken: what batch lines are, problems with the answers included */
	"{\"id\":1,\"hosting\":true,\"controls_months\":3,\"role\":\"provider\"}",
	"{\"hosting\":false}",
	"{\"id\":\"a b\",\"hosting\":null}",
	"{\"id\":-7,\"controls_months\":2.0}",
	"{\"id\":12345678901234567890,\"controls_months\":3.5}",
	"{\"id\":1.5e3,\"controls_months\":1e2}",
	"{\"id\":-0,\"controls_months\":-0}",
	"{\"controls_months\":1e999}",
	"{\"controls_months\":99999999999}",
	"{\"controls_months\":\"3\"}",
	"{\"hosting\":\"yes\"}",
	"{\"hosting\":1}",
	"{\"role\":\"PROVIDER\"}",
	"{\"role\":\"nobody\"}",
	"{\"role\":true}",
	"{\"id\":true}",
	"{\"id\":null}",
	"  {\r\n\t\"hosting\" : true ,\n  \"role\":\"customer\"\n}\r\n",
	"{\"role\":\"caf\xc3\xa9 \xc2\x9b \x7f\"}",
	/* declined: left to the full reader */
	"{}",
	"[]",
	"\"hosting\"",
	"{\"hosting\":true,\"hosting\":false}",
	"{\"hosting\":true,\"Hosting\":false}",
	"{\"unknown\":1}",
	"{\"controls-months\":3}",
	"{\"meta\":{\"a\":\"b\"},\"hosting\":true}",
	"{\"hosting\":[true]}",
	"{\"hosting\":{}}",
	"{\"id\":1,\"id\":2}",
	"{\"role\":\"a\\u0041\"}",
	"{\"role\":\"\\ud800\"}",
	"{\"hosting\":true}x",
	"{\"hosting\":true}{}",
	"{\"hosting\":true,}",
	"{,\"hosting\":true}",
	"{\"hosting\"::true}",
	"{\"hosting\" true}",
	"{\"hosting\":true \"role\":\"provider\"}",
	"{\"controls_months\":01}",
	"{\"controls_months\":1.}",
	"{\"controls_months\":.5}",
	"{\"controls_months\":+1}",
	"{\"controls_months\":-}",
	"{\"controls_months\":1e}",
	"{\"controls_months\":0x10}",
	"{\"controls_months\":Infinity}",
	"{\"hosting\":tru}",
	"{\"hosting\":True}",
	"{\"hosting\":nul}",
	"{\"role\":\"a\tb\"}",
	"{\"role\":\"a\x1b[2Jb\"}",
	"\v{\"hosting\":true}",
	"{\f\"hosting\":true}",
	"{\"hosting\":true}\x01",
	"{'hosting':true}",
	"{\"hosting\":true /* c */}",
	"{\"hosting\":true",
	"{\"hosting\"",
	"",
	"   ",
};

static void test_cases(void **state)
{
	const sa_rules *r = *state;
	size_t i;
	taken = declined = 0;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		compare_str(r, cases[i]);
	{
		/* long texts: a string cut short near the length the fast reader takes (yajl keeps
		 * the token it has not finished), a long value, a text past that length */
		static char buf[20000];
		size_t n;
		for (n = 1000; n < sizeof(buf) - 100; n = n * 3 / 2) {
			int k = snprintf(buf, sizeof(buf), "{\"id\":1,\"role\":\"");
			memset(buf + k, 'a', n);
			buf[k + (int)n] = '\0';
			compare_str(r, buf);
			strcat(buf, "\"}");
			compare_str(r, buf);
		}
	}
	/* both kinds were exercised: the table is not all one or the other */
	assert_true(taken >= 15);
	assert_true(declined >= 30);
}

static uint32_t next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/*
 * Random mutations of batch lines: a byte replaced (by one of JSON's own characters, a control
 * byte, a UTF-8 byte or any byte), removed, or inserted, one to three times per line.
 */
static void test_mutations(void **state)
{
	const sa_rules *r = *state;
	static const char special[] = "{}[]:,\"\\ \t\n\r\v\f-+.eE0123456789tfnul\x7f\x80\xc2\x9b\xff";
	const char *base[] = {
		"{\"id\":17,\"role\":\"customer\",\"hosting\":true,\"controls_months\":3,"
		"\"deadline_months\":12,\"service_org\":false}",
		"{\"role\":\"provider\",\"customer_data\":null,\"hosting\":false,\"id\":\"x-1\"}",
	};
	uint32_t seed = 2463534242u;
	unsigned iter;
	taken = declined = 0;
	for (iter = 0; iter < 40000; iter++) {
		char buf[256];
		size_t len, m, k;
		const char *b = base[iter % 2];
		len = strlen(b);
		memcpy(buf, b, len);
		for (m = 0; m <= next(&seed) % 3; m++) {
			size_t at = next(&seed) % (len + 1);
			uint32_t how = next(&seed) % 4;
			char c = (char)(how == 0 ? special[next(&seed) % (sizeof(special) - 1)] :
						   (char)(next(&seed) % 255 + 1));
			if (how == 1 && len > 1) { /* remove */
				at = at < len ? at : len - 1;
				memmove(buf + at, buf + at + 1, len - at - 1);
				len--;
			} else if (how == 2 && len < sizeof(buf) - 1) { /* insert */
				memmove(buf + at + 1, buf + at, len - at);
				buf[at] = c;
				len++;
			} else if (at < len) { /* replace */
				buf[at] = c;
			}
		}
		/* the reader's caller rejects NUL and invalid UTF-8 before any JSON reader sees it */
		for (k = 0; k < len; k++)
			if (!buf[k])
				buf[k] = ' ';
		if (sa_utf8_check(buf, len) != len)
			continue;
		buf[len] = '\0';
		compare(r, buf, len);
	}
	assert_true(taken > 1000);
	assert_true(declined > 1000);
}

static int setup(void **state)
{
	*state = load_default();
	return 0;
}

static int teardown(void **state)
{
	sa_rules_free(*state);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_mutations),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
