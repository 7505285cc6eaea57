/*
 * answers_jsonl.c - the checks batch mode makes around the answers reader for one JSON Lines
 * line: a blank line or a line that is not a JSON object (sa_answers_json_line_check), and the
 * line's "id" echoed as written (sa_answers_json_id). Plain scanning of the text, no cJSON: the
 * answers themselves are read by answers_json.c.
 */
#include "answers_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t skip_ws(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	return i;
}

/* Index just past the JSON string starting at s[i] == '"', or len when it does not end. */
static size_t skip_string(const char *s, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '"')
			return i + 1;
	}
	return len;
}

/* Index just past the JSON value starting at s[i] (objects and arrays skipped whole). */
static size_t skip_value(const char *s, size_t len, size_t i)
{
	size_t depth = 0;
	while (i < len) {
		char c = s[i];
		if (c == '"') {
			i = skip_string(s, len, i);
			if (depth == 0)
				return i;
			continue;
		}
		if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (depth == 0)
				return i;
			if (--depth == 0)
				return i + 1;
		} else if (depth == 0 && strchr(", \t\r\n", c)) {
			return i;
		}
		i++;
	}
	return len;
}

/*
 * Nonzero when s is a number as JSON writes it (RFC 8259): cJSON also reads "01", "1." or
 * "-.5", and an id is echoed as written, so a lax number would make the output line invalid.
 */
static int strict_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return 0;
	if (*s == '.') {
		if (!(*++s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/*
 * The raw JSON text of the top-level "id" key of a JSON object, when its value is a string or a
 * number, into out (max + 1 bytes). Returns its length, 0 when there is no such id, or
 * (size_t)-1 when it is longer than max.
 */
static size_t find_id(const char *s, size_t len, char *out, size_t max)
{
	size_t i = skip_ws(s, len, 0);
	if (i >= len || s[i] != '{')
		return 0;
	i++;
	for (;;) {
		size_t k, ke, v, e;
		i = skip_ws(s, len, i);
		if (i >= len || s[i] != '"')
			return 0;
		k = i;
		ke = skip_string(s, len, i);
		i = skip_ws(s, len, ke);
		if (i >= len || s[i] != ':')
			return 0;
		v = skip_ws(s, len, i + 1);
		if (v >= len)
			return 0;
		e = skip_value(s, len, v);
		if (ke - k == 4 && memcmp(s + k, "\"id\"", 4) == 0 &&
		    (s[v] == '"' || s[v] == '-' || (s[v] >= '0' && s[v] <= '9'))) {
			if (e - v > max)
				return (size_t)-1;
			memcpy(out, s + v, e - v);
			out[e - v] = '\0';
			return e - v;
		}
		i = skip_ws(s, len, e);
		if (i >= len || s[i] != ',')
			return 0;
		i++;
	}
}

int sa_answers_json_id(const char *name, unsigned line, const char *buf, size_t len, char *id,
		       size_t max, size_t *idlen, struct sa_diags *d)
{
	size_t n = find_id(buf, len, id, max);
	int st;
	*idlen = 0;
	if (n == (size_t)-1)
		st = sa_diags_add(d, SA_SEV_ERROR, name, line, 1, "bad-id",
				  "'id' is longer than %zu bytes", max);
	else if (n && id[0] != '"' && !strict_number(id))
		st = sa_diags_add(d, SA_SEV_ERROR, name, line, 1, "bad-id",
				  "'id' is not a JSON number as written (e.g. a leading zero): write "
				  "it as a string");
	else {
		*idlen = n;
		return SA_OK;
	}
	return st == SA_OK ? SA_ERR_INPUT : SA_ERR_NOMEM;
}

int sa_answers_json_line_check(const char *name, unsigned line, const char *buf, size_t len,
			       struct sa_diags *d)
{
	size_t i = skip_ws(buf, len, 0);
	const char *p = buf + i;
	int st, scalar;
	if (i == len)
		st = sa_diags_add(d, SA_SEV_ERROR, name, line, 1, "blank-line",
				  "blank line: each line must be a JSON object of answers");
	/* invalid UTF-8 is the answers reader's to report, with its position */
	else if (*p == '{' || *p == '[' || sa_utf8_check(buf, len) != len)
		return SA_OK;
	else {
		/* a JSON scalar, or not JSON at all (YAML is accepted by --answers, not here) */
		scalar = strchr("\"-0123456789", *p) || strncmp(p, "true", 4) == 0 ||
			 strncmp(p, "false", 5) == 0 || strncmp(p, "null", 4) == 0;
		st = sa_diags_add(d, SA_SEV_ERROR, name, line, (unsigned)i + 1,
				  scalar ? "wrong-type" : "json-syntax",
				  scalar ? "each line must be a JSON object of answers" :
					   "invalid JSON: each line must be a JSON object of answers");
	}
	return st == SA_OK ? SA_ERR_INPUT : SA_ERR_NOMEM;
}
