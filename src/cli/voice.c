/*
 * voice.c - colour decided in one place, and the interview dialogue's way of writing: colours
 * only when decided so, the words the same without them, every text wrapped whole, and every
 * text that came from outside (a prompt, a title, a reply, a file name) with its non-printable
 * bytes shown as visible escapes (sa_escape.h): the colours are the only control sequences the
 * dialogue writes.
 */
#include "voice.h"
#include "sa_escape.h"
#include "socadvise.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* The colour codes cli_voice_sgr hands out; cli_voice_say knows them by their address. */
static const char *const sgr_codes[] = {
	CLI_SGR_BOLD, CLI_SGR_DIM, CLI_SGR_YELLOW, CLI_SGR_CYAN, CLI_SGR_RESET
};
#define SGR_COUNT (sizeof(sgr_codes) / sizeof(sgr_codes[0]))

/* A conversion specification of cli_voice_say fits here ("%-12.4llu"); a longer one is refused. */
#define SPEC_SIZE 24
/* A formatted number. */
#define NUM_SIZE 72

int cli_color_decide(enum cli_color when, FILE *stream, int term_required)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
	if (when == CLI_COLOR_ALWAYS)
		return 1;
	if (when == CLI_COLOR_NEVER)
		return 0;
	if (nc && *nc)
		return 0;
	if (term_required && !term)
		return 0;
	if (term && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(stream));
}

size_t cli_text_width(FILE *stream)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	size_t cols = 80;
	if (isatty(fileno(stream)) && ioctl(fileno(stream), TIOCGWINSZ, &ws) == 0 && ws.ws_col)
		cols = ws.ws_col;
	else if (env && *env && strspn(env, "0123456789") == strlen(env) && strlen(env) < 6 &&
		 atoi(env) > 0)
		cols = (size_t)atoi(env);
	return cols < CLI_WRAP_MIN + CLI_WRAP_MARGIN ? CLI_WRAP_MIN : cols - CLI_WRAP_MARGIN;
}

const char *cli_voice_sgr(const struct cli_voice *v, const char *code)
{
	size_t i;
	if (!v->color)
		return "";
	for (i = 0; i < SGR_COUNT; i++)
		if (strcmp(code, sgr_codes[i]) == 0)
			return sgr_codes[i];
	return "";
}

static int is_sgr(const char *s)
{
	size_t i;
	for (i = 0; i < SGR_COUNT; i++)
		if (s == sgr_codes[i])
			return 1;
	return 0;
}

/* s padded to width columns (on the left, or on the right with '-'), escaped. */
static void say_text(FILE *f, const char *s, size_t len, long width, int left)
{
	const unsigned flags = SA_ESCAPE_NEWLINE | SA_ESCAPE_TAB;
	size_t shown = sa_escape_buf(NULL, 0, s, len, flags);
	long pad = width > 0 && (size_t)width > shown ? width - (long)shown : 0;
	if (!left)
		fprintf(f, "%*s", (int)pad, "");
	sa_escape_write(f, s, len, flags);
	if (left)
		fprintf(f, "%*s", (int)pad, "");
}

/*
 * A number as spec says (a conversion specification of say() with the length modifier j): the
 * specification is built there from the characters of a printf specification only.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void put_signed(FILE *f, const char *spec, intmax_t x)
{
	char num[NUM_SIZE];
	snprintf(num, sizeof(num), spec, x);
	fputs(num, f);
}

static void put_unsigned(FILE *f, const char *spec, uintmax_t x)
{
	char num[NUM_SIZE];
	snprintf(num, sizeof(num), spec, x);
	fputs(num, f);
}
#pragma GCC diagnostic pop

/* One conversion specification of cli_voice_say's format, as say() reads it. */
struct conv {
	char spec[SPEC_SIZE]; /* for a number: the specification with the length modifier j */
	const char *mod;      /* the length modifier, in the format */
	char kind;            /* the conversion character */
	long width;
	int left;             /* '-': padded on the right */
};

/*
 * Read the conversion specification at p (just after its '%') into c; returns the character
 * after it, or NULL when it is not one that say() supports.
 */
static const char *read_conv(const char *p, struct conv *c)
{
	const char *start = p - 1;
	size_t n = strspn(p, "-+ #0");
	c->left = memchr(p, '-', n) != NULL;
	p += n;
	c->width = strtol(p, NULL, 10);
	p += strspn(p, "0123456789");
	if (*p == '.') {
		p++;
		p += strspn(p, "0123456789");
	}
	c->mod = p;
	p += strspn(p, "hlzjt");
	c->kind = *p;
	n = (size_t)(c->mod - start);
	if (!c->kind || !strchr("diouxXcs%", c->kind) || p - c->mod > 2 ||
	    n + 3 > sizeof(c->spec) || (strchr("cs", c->kind) && memchr(start, '.', n)))
		return NULL;
	/* every number is widened to intmax_t or uintmax_t */
	memcpy(c->spec, start, n);
	c->spec[n] = 'j';
	c->spec[n + 1] = c->kind;
	c->spec[n + 2] = '\0';
	return p + 1;
}

/* Write the argument of conversion c, taken from *ap. */
static void say_arg(FILE *f, const struct conv *c, va_list *ap)
{
	const char *m = c->mod;
	if (c->kind == '%') {
		fputc('%', f);
	} else if (c->kind == 's') {
		const char *s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		if (is_sgr(s))
			fputs(s, f);
		else
			say_text(f, s, strlen(s), c->width, c->left);
	} else if (c->kind == 'c') {
		char ch = (char)va_arg(*ap, int);
		say_text(f, &ch, 1, c->width, c->left);
	} else if (c->kind == 'd' || c->kind == 'i') {
		intmax_t x;
		if (*m == 'j')
			x = va_arg(*ap, intmax_t);
		else if (*m == 'z' || *m == 't')
			x = va_arg(*ap, ptrdiff_t);
		else if (*m == 'l' && m[1] == 'l')
			x = va_arg(*ap, long long);
		else if (*m == 'l')
			x = va_arg(*ap, long);
		else
			x = va_arg(*ap, int);
		put_signed(f, c->spec, x);
	} else {
		uintmax_t x;
		if (*m == 'j')
			x = va_arg(*ap, uintmax_t);
		else if (*m == 'z')
			x = va_arg(*ap, size_t);
		else if (*m == 't')
			x = (uintmax_t)va_arg(*ap, ptrdiff_t);
		else if (*m == 'l' && m[1] == 'l')
			x = va_arg(*ap, unsigned long long);
		else if (*m == 'l')
			x = va_arg(*ap, unsigned long);
		else
			x = va_arg(*ap, unsigned);
		put_unsigned(f, c->spec, x);
	}
}

/*
 * What cli_voice_say writes: the format's own text as it is (the dialogue's words); each
 * conversion formatted as printf does, except that the text of a %s or %c argument is written
 * through sa_escape_write (newline and tab kept) unless it is a colour code of cli_voice_sgr.
 * Conversions: d i u o x X c s %, with flags, a width, a precision for the numbers and the
 * length modifiers hh h l ll z j t. Anything else ('*', floating point, %p, %n) ends the
 * formatting: the rest of the format is written as it is.
 */
static void say(FILE *f, const char *fmt, va_list ap)
{
	const char *p = fmt;
	va_list args;
	va_copy(args, ap);
	while (*p) {
		size_t lit = strcspn(p, "%");
		struct conv c;
		const char *next;

		fwrite(p, 1, lit, f);
		p += lit;
		if (!*p)
			break;
		next = read_conv(p + 1, &c);
		if (!next) {
			fputs(p, f);
			break;
		}
		say_arg(f, &c, &args);
		p = next;
	}
	va_end(args);
}

void cli_voice_say(const struct cli_voice *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(v->talk, fmt, ap);
	va_end(ap);
}

/* Write fmt's text wrapped from column col (already reached), continuation lines indented. */
static void vwrap(const struct cli_voice *v, size_t col, size_t indent, const char *fmt,
		  va_list ap) __attribute__((format(printf, 4, 0)));

static void vwrap(const struct cli_voice *v, size_t col, size_t indent, const char *fmt,
		  va_list ap)
{
	va_list ap2;
	char *text;
	int len;
	va_copy(ap2, ap);
	len = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	text = len < 0 ? NULL : malloc((size_t)len + 1);
	if (text) {
		vsnprintf(text, (size_t)len + 1, fmt, ap);
		sa_wrap(v->talk, text, col, indent, v->width ? v->width : 78);
	} else {
		/* out of memory: the words unwrapped rather than lost */
		say(v->talk, fmt, ap);
	}
	free(text);
	fputc('\n', v->talk);
}

void cli_voice_wrapf(const struct cli_voice *v, size_t first, size_t indent, const char *fmt, ...)
{
	va_list ap;
	fprintf(v->talk, "%*s", (int)first, "");
	va_start(ap, fmt);
	vwrap(v, first, indent, fmt, ap);
	va_end(ap);
}

void cli_voice_wrapf_at(const struct cli_voice *v, size_t col, size_t indent, const char *fmt,
			...)
{
	va_list ap;
	va_start(ap, fmt);
	vwrap(v, col, indent, fmt, ap);
	va_end(ap);
}
