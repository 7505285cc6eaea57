/*
 * escape.c - unit tests of the visible escapes (sa_escape.h): what each kind of byte becomes,
 * the flags, truncation that never splits an escape or a character, the formatting variant,
 * write errors, and properties over every byte value and pseudo-random input.
 */
#include "support.h"

#include "sa_escape.h"

#include <cjson/cJSON.h>

struct esc_case {
	const char *in;
	size_t len; /* 0: strlen(in) */
	unsigned flags;
	const char *out;
};

#define NL SA_ESCAPE_NEWLINE
#define TAB SA_ESCAPE_TAB
#define BS SA_ESCAPE_BACKSLASH

static const struct esc_case cases[] = {
	/* unchanged */
	{ "", 0, 0, "" },
	{ "plain text, 100% ~ok~ {}[]", 0, 0, "plain text, 100% ~ok~ {}[]" },
	{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xc2\xa0nbsp", 0, 0,
	  "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xc2\xa0nbsp" },
	{ "zero\xe2\x80\x8bwidth", 0, 0, "zero\xe2\x80\x8bwidth" },
	{ "\xef\xbf\xbd", 0, 0, "\xef\xbf\xbd" },
	{ "\xf4\x8f\xbf\xbf", 0, 0, "\xf4\x8f\xbf\xbf" }, /* U+10FFFF, the last code point */
	/* C0 controls and DEL */
	{ "\x1b[2J\x1b]0;title\x07", 0, 0, "\\x1b[2J\\x1b]0;title\\x07" },
	{ "a\0b", 3, 0, "a\\x00b" },
	{ "\x01\x1f\x7f", 0, 0, "\\x01\\x1f\\x7f" },
	{ "\r", 0, NL | TAB, "\\x0d" },
	{ "\x0b\x0c\x08", 0, NL | TAB, "\\x0b\\x0c\\x08" },
	/* newline and tab as the flags say */
	{ "a\nb\tc", 0, 0, "a\\x0ab\\x09c" },
	{ "a\nb\tc", 0, NL, "a\nb\\x09c" },
	{ "a\nb\tc", 0, TAB, "a\\x0ab\tc" },
	{ "a\nb\tc", 0, NL | TAB, "a\nb\tc" },
	{ "line\r\n", 0, NL, "line\\x0d\n" },
	/* C1 controls, encoded in UTF-8 */
	{ "\xc2\x9b" "2J", 0, 0, "\\u009b2J" },
	{ "\xc2\x80\xc2\x85\xc2\x9f", 0, 0, "\\u0080\\u0085\\u009f" },
	{ "x\xc2\x9d" "0;t\xc2\x9cy", 0, 0, "x\\u009d0;t\\u009cy" },
	/* separators and bidirectional controls */
	{ "a\xe2\x80\xa8" "b\xe2\x80\xa9", 0, 0, "a\\u2028b\\u2029" },
	{ "\xe2\x80\xaa\xe2\x80\xae" "evil\xe2\x81\xa6\xe2\x81\xa9", 0, 0,
	  "\\u202a\\u202eevil\\u2066\\u2069" },
	{ "\xe2\x80\xa7\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa", 0, 0,
	  "\xe2\x80\xa7\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa" }, /* their neighbours stay */
	/* invalid UTF-8: each bad byte by itself, the text after it kept */
	{ "\xff\xfe", 0, 0, "\\xff\\xfe" },
	{ "a\x80z", 0, 0, "a\\x80z" },
	{ "\xc3", 0, 0, "\\xc3" },
	{ "\xe2\x82", 0, 0, "\\xe2\\x82" },
	{ "\xe2\x82x\xc3\xa9", 0, 0, "\\xe2\\x82x\xc3\xa9" },
	{ "\xf0\x9f\x98", 0, 0, "\\xf0\\x9f\\x98" },
	{ "\xc0\xaf", 0, 0, "\\xc0\\xaf" },                 /* overlong '/' */
	{ "\xc1\xbf", 0, 0, "\\xc1\\xbf" },
	{ "\xe0\x80\xaf", 0, 0, "\\xe0\\x80\\xaf" },         /* overlong, three bytes */
	{ "\xf0\x80\x80\xaf", 0, 0, "\\xf0\\x80\\x80\\xaf" }, /* overlong, four bytes */
	{ "\xed\xa0\x80", 0, 0, "\\xed\\xa0\\x80" },         /* a surrogate */
	{ "\xf4\x90\x80\x80", 0, 0, "\\xf4\\x90\\x80\\x80" }, /* past U+10FFFF */
	{ "\xf5\xf8\xfc", 0, 0, "\\xf5\\xf8\\xfc" },
	{ "\xc2\x1b", 0, 0, "\\xc2\\x1b" },
	{ "\xc2", 0, 0, "\\xc2" },
	{ "\xe2\x80", 0, 0, "\\xe2\\x80" }, /* a cut-off U+2028 */
	/* backslashes */
	{ "C:\\dir\\x1b", 0, 0, "C:\\dir\\x1b" },
	{ "C:\\dir\\x1b", 0, BS, "C:\\\\dir\\\\x1b" },
	{ "\\\x1b", 0, BS, "\\\\\\x1b" },
};

static size_t case_len(const struct esc_case *c)
{
	return c->len ? c->len : strlen(c->in);
}

/* Echo the input in failure messages, escaped (by hand, to not trust what is tested). */
static const char *show(const char *s, size_t len, char *buf, size_t size)
{
	size_t i, o = 0;
	for (i = 0; i < len && o + 5 < size; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b >= 0x20 && b < 0x7f)
			buf[o++] = (char)b;
		else
			o += (size_t)snprintf(buf + o, size - o, "<%02x>", b);
	}
	buf[o] = '\0';
	return buf;
}

static void test_table_write(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct esc_case *c = &cases[i];
		char *out = NULL, shown[256];
		size_t len = 0;
		FILE *f = open_memstream(&out, &len);
		assert_non_null(f);
		assert_int_equal(sa_escape_write(f, c->in, case_len(c), c->flags), 0);
		assert_int_equal(fclose(f), 0);
		if (len != strlen(c->out) || memcmp(out, c->out, len) != 0)
			fail_msg("case %zu: escaping '%s' (flags %u) gave '%s', expected '%s'", i,
				 show(c->in, case_len(c), shown, sizeof(shown)), c->flags, out, c->out);
		free(out);
	}
}

static void test_table_buf(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct esc_case *c = &cases[i];
		char out[256], shown[256];
		size_t need = sa_escape_buf(out, sizeof(out), c->in, case_len(c), c->flags);
		if (need != strlen(c->out) || strcmp(out, c->out) != 0)
			fail_msg("case %zu: escaping '%s' into a buffer gave '%s' (%zu), expected '%s'", i,
				 show(c->in, case_len(c), shown, sizeof(shown)), out, need, c->out);
		/* only the length: size 0 writes nothing */
		assert_int_equal(sa_escape_buf(NULL, 0, c->in, case_len(c), c->flags), need);
	}
}

static void test_puts(void **state)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	(void)state;
	assert_non_null(f);
	assert_int_equal(sa_escape_puts(f, NULL, 0), 0);
	assert_int_equal(sa_escape_puts(f, "bell\a", 0), 0);
	assert_int_equal(sa_escape_puts(f, "", 0), 0);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(out, "bell\\x07");
	free(out);
}

/* A write that fails is reported, whether the failing piece is text or an escape. */
static void test_write_error(void **state)
{
	FILE *f = fopen("/dev/full", "w");
	(void)state;
	if (!f)
		skip();
	assert_int_equal(setvbuf(f, NULL, _IONBF, 0), 0);
	assert_int_equal(sa_escape_write(f, "text", 4, 0), EOF);
	assert_int_equal(sa_escape_write(f, "\x1b", 1, 0), EOF);
	assert_true(ferror(f));
	fclose(f);
}

/* The piece of the full escaping a cut at size leaves, per the contract. */
static void check_cut(const char *in, size_t inlen, unsigned flags)
{
	char full[1024], cut[1024], shown[256];
	size_t need = sa_escape_buf(full, sizeof(full), in, inlen, flags), size;
	assert_true(need < sizeof(full));
	for (size = 0; size <= need + 2; size++) {
		size_t got, clen;
		memset(cut, 'Z', sizeof(cut));
		got = sa_escape_buf(size ? cut : NULL, size, in, inlen, flags);
		if (got != need)
			fail_msg("'%s' cut at %zu: needs %zu, reported %zu",
				 show(in, inlen, shown, sizeof(shown)), size, need, got);
		if (size == 0)
			continue;
		clen = strlen(cut);
		/* a prefix of the full text that fits, NUL-terminated, nothing written past size */
		assert_true(clen < size);
		assert_memory_equal(cut, full, clen);
		assert_int_equal(cut[size], 'Z');
		if (size > need)
			assert_string_equal(cut, full);
		/* never half an escape or half a character: the cut is what some prefix of the
		 * input escapes to */
		{
			size_t k;
			int found = 0;
			for (k = 0; k <= inlen && !found; k++) {
				char pre[1024];
				size_t plen = sa_escape_buf(pre, sizeof(pre), in, k, flags);
				found = plen == clen && memcmp(pre, cut, clen) == 0;
			}
			if (!found)
				fail_msg("'%s' cut at %zu is not the escaping of a prefix: '%s'",
					 show(in, inlen, shown, sizeof(shown)), size, cut);
		}
		/* never half a character */
		if (sa_utf8_check(cut, clen) != clen)
			fail_msg("'%s' cut at %zu splits a character: '%s'",
				 show(in, inlen, shown, sizeof(shown)), size,
				 show(cut, clen, shown + 128, 128));
	}
}

static void test_truncation(void **state)
{
	char buf[8];
	(void)state;
	/* fixed points */
	assert_int_equal(sa_escape_buf(buf, 5, "ab\x1b", 3, 0), 6);
	assert_string_equal(buf, "ab");
	assert_int_equal(sa_escape_buf(buf, 6, "ab\x1b", 3, 0), 6);
	assert_string_equal(buf, "ab");
	assert_int_equal(sa_escape_buf(buf, 7, "ab\x1b", 3, 0), 6);
	assert_string_equal(buf, "ab\\x1b");
	assert_int_equal(sa_escape_buf(buf, 4, "a\xe2\x82\xac", 4, 0), 4);
	assert_string_equal(buf, "a");
	assert_int_equal(sa_escape_buf(buf, 5, "a\xe2\x82\xac", 4, 0), 4);
	assert_string_equal(buf, "a\xe2\x82\xac");
	assert_int_equal(sa_escape_buf(buf, 1, "abc", 3, 0), 3);
	assert_string_equal(buf, "");
	/* once a piece does not fit, nothing after it goes in (no gap in the text) */
	assert_int_equal(sa_escape_buf(buf, 4, "\x1b" "ab", 3, 0), 6);
	assert_string_equal(buf, "");
	assert_int_equal(sa_escape_buf(buf, 3, "\xe2\x82\xac" "a", 4, 0), 4);
	assert_string_equal(buf, "");
	/* every size, for texts that mix everything */
	check_cut("ab\x1b[31mred\xc2\x9b" "caf\xc3\xa9\xff\xe2\x82\xac\n\t\\x", 25, 0);
	check_cut("ab\x1b[31mred\xc2\x9b" "caf\xc3\xa9\xff\xe2\x82\xac\n\t\\x", 25, NL | TAB | BS);
	check_cut("\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xe2\x80\xae\xc2\x85", 14, BS);
}

static void test_snprintf(void **state)
{
	char buf[64], *big, *want;
	size_t i;
	int n;
	(void)state;
	n = sa_escape_snprintf(buf, sizeof(buf), 0, "unknown option '%s' (%d)", "--\x1b[2Jx", 7);
	assert_string_equal(buf, "unknown option '--\\x1b[2Jx' (7)");
	assert_int_equal(n, (int)strlen(buf));
	/* the format's own newline is escaped unless allowed */
	assert_int_equal(sa_escape_snprintf(buf, sizeof(buf), 0, "a\n%s", "b"), 6);
	assert_string_equal(buf, "a\\x0ab");
	assert_int_equal(sa_escape_snprintf(buf, sizeof(buf), NL, "a\n%s", "b"), 3);
	assert_string_equal(buf, "a\nb");
	/* truncated: snprintf's return convention, no half escape */
	n = sa_escape_snprintf(buf, 8, 0, "%s", "abcd\x1b");
	assert_int_equal(n, 8);
	assert_string_equal(buf, "abcd");
	/* a message longer than the internal buffer */
	big = malloc(3001);
	want = malloc(3100);
	assert_non_null(big);
	assert_non_null(want);
	for (i = 0; i < 3000; i++)
		big[i] = i % 100 == 99 ? '\x07' : 'x';
	big[3000] = '\0';
	n = sa_escape_snprintf(buf, sizeof(buf), 0, "[%s]", big);
	assert_int_equal(n, 2 + 2970 + 30 * 4);
	assert_memory_equal(buf, "[xxxx", 5);
	assert_true(strlen(buf) < sizeof(buf));
	{
		char *whole = malloc((size_t)n + 1);
		assert_non_null(whole);
		assert_int_equal(sa_escape_snprintf(whole, (size_t)n + 1, 0, "[%s]", big), n);
		assert_int_equal(strlen(whole), (size_t)n);
		assert_null(strchr(whole, '\x07'));
		assert_memory_equal(whole + 100, "\\x07", 4);
		free(whole);
	}
	free(big);
	free(want);
}

/* Nothing an escaped text holds acts on a terminal: no control byte, no C1, valid UTF-8. */
static void check_inert(const char *out, size_t len, unsigned flags, const char *in, size_t inlen)
{
	char shown[256];
	size_t i;
	if (sa_utf8_check(out, len) != len)
		fail_msg("escaping '%s' gave invalid UTF-8", show(in, inlen, shown, sizeof(shown)));
	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)out[i];
		int allowed = (b == '\n' && (flags & NL)) || (b == '\t' && (flags & TAB));
		if ((b < 0x20 && !allowed) || b == 0x7f ||
		    (b == 0xc2 && i + 1 < len && (unsigned char)out[i + 1] >= 0x80 &&
		     (unsigned char)out[i + 1] <= 0x9f))
			fail_msg("escaping '%s' left byte 0x%02x at %zu",
				 show(in, inlen, shown, sizeof(shown)), b, i);
	}
}

static void test_every_byte(void **state)
{
	unsigned b;
	(void)state;
	for (b = 0; b < 256; b++) {
		char in[2] = { (char)b, 'x' }, out[16];
		size_t n = sa_escape_buf(out, sizeof(out), in, 2, 0);
		check_inert(out, n, 0, in, 2);
		if (b >= 0x20 && b < 0x7f) {
			assert_int_equal(n, 2);
		} else {
			char want[8];
			snprintf(want, sizeof(want), "\\x%02xx", b);
			assert_string_equal(out, want);
		}
	}
}

/* Pseudo-random bytes, biased to the interesting ones: the output is always inert, and
 * escaping is the identity on text that has nothing to escape. */
static void test_random(void **state)
{
	static const unsigned char pick[] = { 0x1b, 0x07, 0x00, 0x7f, 0x0a, 0x09, 0x5c, 0xc2, 0x9b,
					      0x80, 0xe2, 0x80, 0xae, 0xf0, 0x9f, 0xff, 0xc3, 0xa9,
					      'a', 'Z', ' ', '[', ';' };
	uint32_t seed = 12345;
	unsigned iter;
	(void)state;
	for (iter = 0; iter < 20000; iter++) {
		unsigned char in[24];
		char out[24 * SA_ESCAPE_MAX + 1];
		size_t len, i, n;
		unsigned flags = iter % 8;
		seed = seed * 1103515245u + 12345u;
		len = (seed >> 16) % sizeof(in);
		for (i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			in[i] = (seed >> 24) & 1 ? pick[(seed >> 8) % sizeof(pick)] :
						   (unsigned char)(seed >> 16);
		}
		n = sa_escape_buf(out, sizeof(out), (const char *)in, len, flags);
		assert_true(n < sizeof(out));
		check_inert(out, n, flags, (const char *)in, len);
		if (n == len && memcmp(out, in, len) != 0)
			fail_msg("iteration %u: same length but changed", iter);
	}
}

/* What sa_escape_json_puts writes for json. */
static char *json_out(const char *json)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	assert_non_null(f);
	assert_int_equal(sa_escape_json_puts(f, json), 0);
	assert_int_equal(fclose(f), 0);
	return out;
}

static void test_json(void **state)
{
	static const struct {
		const char *in, *out;
	} jc[] = {
		{ "", "" },
		/* what cJSON already escaped, ASCII and printable UTF-8 stay as they are */
		{ "{\"a\":\"\\u001b[2J\\u0007\",\"b\":[1,true,null]}",
		  "{\"a\":\"\\u001b[2J\\u0007\",\"b\":[1,true,null]}" },
		{ "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xc2\xa0\"",
		  "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xc2\xa0\"" },
		/* C1 controls, which cJSON leaves raw */
		{ "\"\xc2\x9b" "31m\xc2\x9d" "0;t\"", "\"\\u009b31m\\u009d0;t\"" },
		{ "\"\xc2\x80\xc2\x85\xc2\x9f\"", "\"\\u0080\\u0085\\u009f\"" },
		/* DEL, which cJSON leaves raw too */
		{ "\"a\x7f" "b\"", "\"a\\u007fb\"" },
		/* separators and bidirectional controls, as the text escaping shows them */
		{ "\"a\xe2\x80\xa8" "b\xe2\x80\xae" "c\xe2\x81\xa9\"",
		  "\"a\\u2028b\\u202ec\\u2069\"" },
		/* a byte that is not UTF-8: the replacement character, the text after it kept */
		{ "\"a\xff" "b\xc3\"", "\"a\\ufffdb\\ufffd\"" },
		{ "\"\xe2\x82x\"", "\"\\ufffd\\ufffdx\"" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(jc) / sizeof(jc[0]); i++) {
		char *out = json_out(jc[i].in);
		if (strcmp(out, jc[i].out) != 0)
			fail_msg("json case %zu gave '%s', expected '%s'", i, out, jc[i].out);
		free(out);
	}
}

/*
 * Every pair of bytes from 0x20 to 0xff inside a JSON string (what a JSON library prints: no raw
 * C0 there): the result is inert, i.e. the text escaping finds nothing left to escape in it (no
 * DEL, C1 or other invisible character, no invalid UTF-8), and printable ASCII passes unchanged.
 */
static void test_json_every_pair(void **state)
{
	unsigned b1, b2;
	(void)state;
	for (b1 = 0x20; b1 < 0x100; b1++)
		for (b2 = 0x20; b2 < 0x100; b2++) {
			char in[6] = { '"', (char)b1, (char)b2, 'x', '"', '\0' }, again[64], *out;
			out = json_out(in);
			sa_escape_buf(again, sizeof(again), out, strlen(out), 0);
			if (strcmp(again, out) != 0)
				fail_msg("bytes %02x %02x gave '%s', not inert", b1, b2, out);
			if (b1 < 0x7f && b2 < 0x7f)
				assert_string_equal(out, in);
			free(out);
		}
}

/* What a JSON library prints for the string s, passed through sa_escape_json_puts. */
static char *cjson_string(const char *s)
{
	cJSON *v = cJSON_CreateString(s);
	char *printed, *out;
	assert_non_null(v);
	printed = cJSON_PrintUnformatted(v);
	assert_non_null(printed);
	out = json_out(printed);
	cJSON_free(printed);
	cJSON_Delete(v);
	return out;
}

static void check_json_string(const char *s, size_t n)
{
	char *want = cjson_string(s), *got = malloc(6 * n + 3);
	size_t len;
	assert_non_null(got);
	assert_int_equal(sa_escape_json_string(NULL, s, n), strlen(want));
	len = sa_escape_json_string(got, s, n);
	got[len] = '\0';
	if (strcmp(got, want) != 0)
		fail_msg("'%s' gave '%s', the JSON library '%s'", s, got, want);
	free(got);
	free(want);
}

/*
 * sa_escape_json_string is byte for byte what cJSON prints through sa_escape_json_puts (the
 * writers rely on it): every pair of bytes (no NUL, which a C string cannot hold) between two
 * letters, then random strings.
 */
static void test_json_string_like_cjson(void **state)
{
	unsigned b1, b2, iter, seed = 12345, k;
	(void)state;
	check_json_string("", 0);
	for (b1 = 1; b1 < 0x100; b1++)
		for (b2 = 1; b2 < 0x100; b2++) {
			char in[5] = { 'a', (char)b1, (char)b2, 'z', '\0' };
			check_json_string(in, 4);
		}
	for (iter = 0; iter < 20000; iter++) {
		char in[17];
		for (k = 0; k < 16; k++) {
			seed = seed * 1103515245u + 12345u;
			in[k] = (char)(1 + (seed >> 16) % 255);
		}
		in[16] = '\0';
		check_json_string(in, 16);
	}
}

static void test_json_write_error(void **state)
{
	FILE *f = fopen("/dev/full", "w");
	(void)state;
	if (!f)
		skip();
	assert_int_equal(setvbuf(f, NULL, _IONBF, 0), 0);
	assert_int_equal(sa_escape_json_puts(f, "\"text\""), EOF);
	assert_int_equal(sa_escape_json_puts(f, "\"\xc2\x9b\""), EOF);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_write),
		cmocka_unit_test(test_table_buf),
		cmocka_unit_test(test_puts),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_snprintf),
		cmocka_unit_test(test_every_byte),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_every_pair),
		cmocka_unit_test(test_json_string_like_cjson),
		cmocka_unit_test(test_json_write_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
