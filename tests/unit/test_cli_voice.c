/*
 * cli_voice.c - unit tests of the interview's voice (src/cli/voice.c): cli_voice_say writes its
 * format as printf does, but the text of each %s and %c argument with its non-printable bytes as
 * visible escapes, except the colour codes cli_voice_sgr handed out (known by their address, so
 * that the same bytes from outside are escaped); cli_voice_wrapf escapes through sa_wrap; and
 * cli_msg escapes every message on one line.
 */
#include "support.h"

#include <unistd.h>

#include "cli.h"
#include "voice.h"

struct talk {
	struct cli_voice v;
	char *out;
	size_t len;
};

static void open_talk(struct talk *t, int color)
{
	memset(t, 0, sizeof(*t));
	t->v.talk = open_memstream(&t->out, &t->len);
	assert_non_null(t->v.talk);
	t->v.color = color;
}

/* Close the stream, compare what was written with want, free it. */
static void expect(struct talk *t, const char *want)
{
	assert_int_equal(fclose(t->v.talk), 0);
	assert_string_equal(t->out, want);
	free(t->out);
}

static void test_colour_codes_pass_text_escaped(void **state)
{
	struct talk t;
	(void)state;
	open_talk(&t, 1);
	cli_voice_say(&t.v, "%s%s%s\n", cli_voice_sgr(&t.v, CLI_SGR_BOLD), "a\033[2Jb\a",
		      cli_voice_sgr(&t.v, CLI_SGR_RESET));
	expect(&t, "\033[1ma\\x1b[2Jb\\x07\033[0m\n");
}

/* The bytes of a colour code that did not come from cli_voice_sgr are text like any other. */
static void test_forged_colour_code_escaped(void **state)
{
	struct talk t;
	char forged[sizeof(CLI_SGR_BOLD)];
	(void)state;
	memcpy(forged, CLI_SGR_BOLD, sizeof(forged));
	open_talk(&t, 1);
	cli_voice_say(&t.v, "[%s]", forged);
	expect(&t, "[\\x1b[1m]");
}

static void test_no_colour(void **state)
{
	struct talk t;
	(void)state;
	open_talk(&t, 0);
	assert_string_equal(cli_voice_sgr(&t.v, CLI_SGR_YELLOW), "");
	cli_voice_say(&t.v, "%sx\xc2\x9by%s%s", cli_voice_sgr(&t.v, CLI_SGR_YELLOW), "\xc2\x9b",
		      cli_voice_sgr(&t.v, CLI_SGR_RESET));
	/* the format's own text is the dialogue's words, written as it is */
	expect(&t, "x\xc2\x9by\\u009b");
}

/* Numbers, widths, flags and length modifiers as printf writes them. */
static void test_numbers_as_printf(void **state)
{
	struct talk t;
	char want[256];
	size_t z = 7;
	long l = -12345678L;
	unsigned long long ull = 18446744073709551615ULL;
	intmax_t j = -3;
	ptrdiff_t pd = -9;
	unsigned char uc = 44;
	short sh = -2;
	(void)state;
	snprintf(want, sizeof(want), "%zu|%2zu|%-4d|%05d|%+d|%x|%#X|%o|%ld|%llu|%jd|%td|%.3d|%hhu|%hd|%%|",
		 z, z, 42, -42, 5, 255u, 255u, 8u, l, ull, j, pd, 7, uc, sh);
	open_talk(&t, 0);
	cli_voice_say(&t.v, "%zu|%2zu|%-4d|%05d|%+d|%x|%#X|%o|%ld|%llu|%jd|%td|%.3d|%hhu|%hd|%%|",
		      z, z, 42, -42, 5, 255u, 255u, 8u, l, ull, j, pd, 7, uc, sh);
	expect(&t, want);
}

/* A width pads a text by what it shows, escapes included; %c is text too. */
static void test_text_width_and_char(void **state)
{
	struct talk t;
	(void)state;
	open_talk(&t, 0);
	cli_voice_say(&t.v, "[%6s][%-6s][%2s][%c][%c][%s]", "ab", "\a", "abc", 'q', '\033', "l1\nl2\t");
	expect(&t, "[    ab][\\x07  ][abc][q][\\x1b][l1\nl2\t]");
}

/* A conversion it does not support ends the formatting: the rest of the format as it is. */
static void test_unsupported_conversion(void **state)
{
	struct talk t;
	(void)state;
	open_talk(&t, 0);
	cli_voice_say(&t.v, "%d then %.2f and %s", 1, 2.5, "never read");
	expect(&t, "1 then %.2f and %s");
}

static void test_wrapf_escapes(void **state)
{
	struct talk t;
	(void)state;
	open_talk(&t, 1);
	cli_voice_wrapf(&t.v, 2, 4, "- %s", "title\033]0;x\a done");
	expect(&t, "  - title\\x1b]0;x\\x07 done\n");
}

/* Each message on one line: a newline, a tab and every control byte in it escaped. */
static void test_cli_msg_escapes(void **state)
{
	char buf[4096];
	int fds[2], saved;
	ssize_t n;
	char long_value[2000];
	(void)state;
	memset(long_value, 'v', sizeof(long_value) - 1);
	long_value[sizeof(long_value) - 1] = '\0';
	assert_int_equal(pipe(fds), 0);
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fds[1], STDERR_FILENO) >= 0);
	cli_msg("unknown option '%s'", "--x\033[2J\n\tforged\xc2\x9b");
	cli_msg("%s", long_value); /* longer than the message buffer: written whole */
	fflush(stderr);
	assert_true(dup2(saved, STDERR_FILENO) >= 0);
	close(saved);
	close(fds[1]);
	n = read(fds[0], buf, sizeof(buf) - 1);
	close(fds[0]);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_true(strncmp(buf,
			    "socadvise: unknown option '--x\\x1b[2J\\x0a\\x09forged\\u009b'\n"
			    "socadvise: vvv",
			    strlen("socadvise: unknown option '--x\\x1b[2J\\x0a\\x09forged\\u009b'\n"
				   "socadvise: vvv")) == 0);
	assert_int_equal((size_t)n, strlen("socadvise: unknown option '--x\\x1b[2J\\x0a\\x09"
					   "forged\\u009b'\n") +
					    strlen("socadvise: ") + strlen(long_value) + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_colour_codes_pass_text_escaped),
		cmocka_unit_test(test_forged_colour_code_escaped),
		cmocka_unit_test(test_no_colour),
		cmocka_unit_test(test_numbers_as_printf),
		cmocka_unit_test(test_text_width_and_char),
		cmocka_unit_test(test_unsupported_conversion),
		cmocka_unit_test(test_wrapf_escapes),
		cmocka_unit_test(test_cli_msg_escapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
