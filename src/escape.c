/*
 * escape.c - visible escapes for untrusted text (include/sa_escape.h).
 *
 * One scanner decides what each piece of the input becomes; the FILE and buffer front ends only
 * differ in where the pieces go. A piece is either a run of bytes written unchanged or one
 * escape, and it is emitted whole or not at all, which is what keeps a truncated buffer free of
 * half escapes and half characters.
 *
 * UTF-8 is decoded strictly (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF.
 * A byte that does not start a valid sequence is escaped by itself and scanning goes on with the
 * next byte, so one bad byte never hides the valid text after it.
 */
#include "sa_escape.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Where the pieces go: a function that takes one piece, an unchanged run or an escape (returns
 * nonzero to stop).
 */
typedef int (*emit_fn)(void *ctx, const char *s, size_t n, int is_escape);

/*
 * Length of the valid UTF-8 sequence at s (2 to 4) with its code point in *cp, or 0 when the
 * byte at s does not start one.
 */
static size_t utf8_seq(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c;
	size_t n, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1fu;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0fu;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07u;
	} else {
		return 0; /* ASCII, a continuation byte, c0, c1, f5-ff */
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3fu);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Nonzero for the code points above U+007F that are shown as \uNNNN. */
static int invisible(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

static const char hex[] = "0123456789abcdef";

/* "\uNNNN" for a code point of the Basic Multilingual Plane, in esc; returns its length. */
static size_t u_escape(char *esc, uint32_t cp)
{
	esc[0] = '\\';
	esc[1] = 'u';
	esc[2] = hex[(cp >> 12) & 0xf];
	esc[3] = hex[(cp >> 8) & 0xf];
	esc[4] = hex[(cp >> 4) & 0xf];
	esc[5] = hex[cp & 0xf];
	return 6;
}

static int scan(const char *text, size_t len, unsigned flags, emit_fn emit, void *ctx)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, run = 0; /* run: start of the pending unchanged bytes */
	char esc[SA_ESCAPE_MAX + 1];

	while (i < len) {
		unsigned char b = s[i];
		size_t n = 1, elen = 0;
		uint32_t cp = 0;

		if (b >= 0x20 && b < 0x7f && !(b == '\\' && (flags & SA_ESCAPE_BACKSLASH))) {
			i++;
			continue;
		}
		if ((b == '\n' && (flags & SA_ESCAPE_NEWLINE)) || (b == '\t' && (flags & SA_ESCAPE_TAB))) {
			i++;
			continue;
		}
		if (b >= 0x80 && (n = utf8_seq(s + i, len - i, &cp)) != 0 && !invisible(cp)) {
			i += n;
			continue;
		}
		/* an escape: the unchanged run before it goes first */
		if (b == '\\') {
			memcpy(esc, "\\\\", 2);
			elen = 2;
			n = 1;
		} else if (b >= 0x80 && n != 0) {
			elen = u_escape(esc, cp);
		} else {
			esc[0] = '\\';
			esc[1] = 'x';
			esc[2] = hex[b >> 4];
			esc[3] = hex[b & 0xf];
			elen = 4;
			n = 1;
		}
		if (run < i && emit(ctx, text + run, i - run, 0))
			return -1;
		if (emit(ctx, esc, elen, 1))
			return -1;
		i += n;
		run = i;
	}
	if (run < i && emit(ctx, text + run, i - run, 0))
		return -1;
	return 0;
}

static int emit_file(void *ctx, const char *s, size_t n, int is_escape)
{
	(void)is_escape;
	return fwrite(s, 1, n, (FILE *)ctx) != n;
}

int sa_escape_write(FILE *f, const char *text, size_t len, unsigned flags)
{
	if (len == 0)
		return 0;
	return scan(text, len, flags, emit_file, f) == 0 ? 0 : EOF;
}

int sa_escape_puts(FILE *f, const char *s, unsigned flags)
{
	return s ? sa_escape_write(f, s, strlen(s), flags) : 0;
}

struct sink {
	char *buf;
	size_t size;  /* capacity, including the NUL */
	size_t len;   /* bytes written into buf */
	size_t need;  /* bytes the whole text needs */
	int full;     /* a piece did not fit: nothing more goes into buf */
};

/* Unchanged runs may be cut, but only between UTF-8 characters. */
static size_t char_boundary(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

static int emit_buf(void *ctx, const char *s, size_t n, int is_escape)
{
	struct sink *k = ctx;
	k->need += n;
	if (k->full || !k->size)
		return 0;
	if (k->len + n < k->size) {
		memcpy(k->buf + k->len, s, n);
		k->len += n;
		return 0;
	}
	k->full = 1;
	if (!is_escape) {
		/* an unchanged run: keep the characters that fit whole */
		size_t room = k->size - 1 - k->len;
		room = char_boundary(s, room);
		memcpy(k->buf + k->len, s, room);
		k->len += room;
	}
	return 0;
}

size_t sa_escape_buf(char *buf, size_t size, const char *text, size_t len, unsigned flags)
{
	struct sink k = { buf, size, 0, 0, 0 };
	if (len)
		(void)scan(text, len, flags, emit_buf, &k);
	if (size)
		buf[k.len] = '\0';
	return k.need;
}

int sa_escape_snprintf(char *buf, size_t size, unsigned flags, const char *fmt, ...)
{
	char small[512], *text = small;
	va_list ap;
	size_t need;
	int n;

	if (size)
		buf[0] = '\0';
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	if ((size_t)n >= sizeof(small)) {
		text = malloc((size_t)n + 1);
		if (!text)
			return -1;
		va_start(ap, fmt);
		n = vsnprintf(text, (size_t)n + 1, fmt, ap);
		va_end(ap);
		if (n < 0) {
			free(text);
			return -1;
		}
	}
	need = sa_escape_buf(buf, size, text, (size_t)n, flags);
	if (text != small)
		free(text);
	return need > INT_MAX ? -1 : (int)need;
}

int sa_escape_json_puts(FILE *f, const char *json)
{
	const unsigned char *s = (const unsigned char *)json;
	size_t i = 0, run = 0, len = strlen(json);

	while (i < len) {
		uint32_t cp = 0;
		size_t n;
		char esc[SA_ESCAPE_MAX + 1];

		if (s[i] < 0x7f) {
			i++;
			continue;
		}
		if (s[i] == 0x7f) {
			cp = 0x7f; /* DEL, which JSON libraries leave as it is */
			n = 1;
		} else if ((n = utf8_seq(s + i, len - i, &cp)) != 0 && !invisible(cp)) {
			i += n;
			continue;
		} else if (!n) {
			cp = 0xfffd; /* a byte that is not UTF-8 */
			n = 1;
		}
		if (run < i && fwrite(json + run, 1, i - run, f) != i - run)
			return EOF;
		if (fwrite(esc, 1, u_escape(esc, cp), f) != 6)
			return EOF;
		i += n;
		run = i;
	}
	if (run < i && fwrite(json + run, 1, i - run, f) != i - run)
		return EOF;
	return 0;
}

/* Append n bytes to out (when out is not NULL) at *at. */
static void put_at(char *out, size_t *at, const char *s, size_t n)
{
	if (out)
		memcpy(out + *at, s, n);
	*at += n;
}

size_t sa_escape_json_string(char *out, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, run = 0, at = 0;

	put_at(out, &at, "\"", 1);
	while (i < len) {
		unsigned char b = s[i];
		uint32_t cp = 0;
		size_t n = 1;
		char esc[SA_ESCAPE_MAX + 1];
		size_t elen = 2;

		if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
			i++;
			continue;
		}
		if (b >= 0x80 && (n = utf8_seq(s + i, len - i, &cp)) != 0 && !invisible(cp)) {
			i += n;
			continue;
		}
		esc[0] = '\\';
		switch (b) {
		case '"':
		case '\\':
			esc[1] = (char)b;
			break;
		case '\b':
			esc[1] = 'b';
			break;
		case '\f':
			esc[1] = 'f';
			break;
		case '\n':
			esc[1] = 'n';
			break;
		case '\r':
			esc[1] = 'r';
			break;
		case '\t':
			esc[1] = 't';
			break;
		default:
			/* C0 and DEL as the character; a byte that is not UTF-8 as U+FFFD */
			elen = u_escape(esc, b < 0x80 ? b : n ? cp : 0xfffd);
			if (b < 0x80 || !n)
				n = 1;
			break;
		}
		if (run < i)
			put_at(out, &at, text + run, i - run);
		put_at(out, &at, esc, elen);
		i += n;
		run = i;
	}
	if (run < i)
		put_at(out, &at, text + run, i - run);
	put_at(out, &at, "\"", 1);
	return at;
}
