/*
 * batch.c - --batch: JSON Lines of answers in, one compact JSON result per line out.
 *
 * Invariants:
 * - exactly one output line per input line, in input order: a blank, invalid or over-long line
 *   gets an error object {"id"?, "line", "column", "error", "errors"} and processing goes on;
 *   the last line counts even without a final newline;
 * - streaming in constant memory: the rules are loaded once by the caller, one answers set and
 *   one result are reused for every line, and a line is held only up to CLI_BATCH_MAX_LINE bytes
 *   (the rest of a longer line is read and dropped), so memory does not grow with the input;
 * - a result line is the --format json document on one line, with the line's "id" (a string or
 *   a number, echoed as given) as its first key; reasons are left out unless --explain asks.
 * Each bad line is also reported on standard error as FILE:LINE:COL: message.
 */
#include "batch.h"
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct line {
	char *buf;
	size_t len, cap;
	int too_long;
};

/*
 * Read one line without its '\n' into ln. Returns 1 for a line, 0 at the end of the input, -1
 * on a read error (errno set) or when out of memory.
 */
static int read_line(FILE *in, struct line *ln)
{
	int c = getc_unlocked(in);
	ln->len = 0;
	ln->too_long = 0;
	if (c == EOF)
		return ferror(in) ? -1 : 0;
	for (; c != EOF && c != '\n'; c = getc_unlocked(in)) {
		if (ln->len >= CLI_BATCH_MAX_LINE) {
			ln->too_long = 1;
			continue;
		}
		if (ln->len + 1 >= ln->cap) {
			size_t cap = ln->cap ? ln->cap * 2 : 4096;
			char *nb = realloc(ln->buf, cap);
			if (!nb) {
				errno = ENOMEM;
				return -1;
			}
			ln->buf = nb;
			ln->cap = cap;
		}
		ln->buf[ln->len++] = (char)c;
	}
	if (c == EOF && ferror(in))
		return -1;
	if (!ln->buf) {
		ln->buf = malloc(1);
		if (!ln->buf) {
			errno = ENOMEM;
			return -1;
		}
		ln->cap = 1;
	}
	ln->buf[ln->len] = '\0';
	return 1;
}

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
 * The raw JSON text of the top-level "id" key of a JSON object line, when its value is a string
 * or a number. Only called on lines the answers reader parsed as JSON. Returns its length, 0
 * when there is no such id, or (size_t)-1 when it is longer than CLI_BATCH_MAX_ID.
 */
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

static size_t find_id(const char *s, size_t len, char *out)
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
			if (e - v > CLI_BATCH_MAX_ID)
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

/* Check a line before the answers reader sees it: blank, too long, or not a JSON object. */
static int precheck(const struct line *ln, const char *name, unsigned lineno, struct sa_diags *d)
{
	size_t i = skip_ws(ln->buf, ln->len, 0);
	if (ln->too_long)
		return sa_diags_add(d, SA_SEV_ERROR, name, lineno, CLI_BATCH_MAX_LINE + 1,
				    "line-too-long", "line longer than %u bytes",
				    CLI_BATCH_MAX_LINE) == SA_OK ? SA_ERR_INPUT : SA_ERR_NOMEM;
	if (i == ln->len)
		return sa_diags_add(d, SA_SEV_ERROR, name, lineno, 1, "blank-line",
				    "blank line: each line must be a JSON object of answers") == SA_OK ?
			       SA_ERR_INPUT : SA_ERR_NOMEM;
	/* invalid UTF-8 is the answers reader's to report, with its position */
	if (ln->buf[i] != '{' && ln->buf[i] != '[' && sa_utf8_check(ln->buf, ln->len) == ln->len) {
		/* a JSON scalar, or not JSON at all (YAML is accepted by --answers, not here) */
		const char *p = ln->buf + i;
		int scalar = strchr("\"-0123456789", *p) || strncmp(p, "true", 4) == 0 ||
			     strncmp(p, "false", 5) == 0 || strncmp(p, "null", 4) == 0;
		return sa_diags_add(d, SA_SEV_ERROR, name, lineno, (unsigned)i + 1,
				    scalar ? "wrong-type" : "json-syntax",
				    scalar ? "each line must be a JSON object of answers" :
					     "invalid JSON: each line must be a JSON object of answers") ==
				       SA_OK ?
			       SA_ERR_INPUT :
			       SA_ERR_NOMEM;
	}
	return SA_OK;
}

int cli_batch_run(const sa_rules *r, const struct cli_batch_opts *o, FILE *out)
{
	const char *name = !o->path || strcmp(o->path, "-") == 0 ? "<stdin>" : o->path;
	FILE *in = !o->path || strcmp(o->path, "-") == 0 ? stdin : fopen(o->path, "rb");
	struct sa_output_opts oo = { o->explain, 0, 1 };
	struct sa_answers ans = { 0, NULL, NULL };
	struct sa_result res;
	struct sa_diags d;
	struct line ln = { NULL, 0, 0, 0 };
	char *id = NULL;
	unsigned long failed = 0, incomplete = 0;
	unsigned lineno = 0;
	int rc = CLI_EXIT_OK, got = 0, have_res = 0;

	memset(&res, 0, sizeof(res));
	if (!in) {
		cli_msg("%s: cannot open: %s", name, strerror(errno));
		return CLI_EXIT_INPUT;
	}
	sa_diags_init(&d);
	id = malloc(CLI_BATCH_MAX_ID + 1);
	if (id && sa_answers_init(&ans, r) == SA_OK && sa_result_init(&res, r) == SA_OK)
		have_res = 1;
	if (!have_res) {
		rc = cli_out_of_memory();
		goto out;
	}
	while ((got = read_line(in, &ln)) == 1) {
		size_t idlen = 0;
		int st, wr;
		lineno++;
		sa_answers_clear(&ans);
		st = precheck(&ln, name, lineno, &d);
		if (st == SA_OK)
			st = sa_answers_read(r, name, lineno - 1, ln.buf, ln.len, &ans, NULL, 0, &d);
		/* the id of a line that parsed as JSON, also when its answers are wrong */
		if (st != SA_ERR_NOMEM && !ln.too_long &&
		    (st == SA_OK || (d.len && strcmp(d.items[0].code, "json-syntax") != 0 &&
				     strcmp(d.items[0].code, "encoding") != 0 &&
				     strcmp(d.items[0].code, "blank-line") != 0))) {
			idlen = find_id(ln.buf, ln.len, id);
			if (idlen == (size_t)-1 || (idlen && id[0] != '"' && !strict_number(id))) {
				int too_long = idlen == (size_t)-1;
				idlen = 0;
				if ((too_long ? sa_diags_add(&d, SA_SEV_ERROR, name, lineno, 1, "bad-id",
							     "'id' is longer than %u bytes",
							     CLI_BATCH_MAX_ID) :
						sa_diags_add(&d, SA_SEV_ERROR, name, lineno, 1, "bad-id",
							     "'id' is not a JSON number as written (e.g. "
							     "a leading zero): write it as a string")) != SA_OK)
					st = SA_ERR_NOMEM;
				else
					st = SA_ERR_INPUT;
			}
		}
		if (st == SA_ERR_NOMEM) {
			rc = cli_out_of_memory();
			break;
		}
		if (st != SA_OK) {
			failed++;
			cli_diags(&d);
			wr = sa_write_json_error_line(out, idlen ? id : NULL, lineno, &d);
		} else {
			sa_evaluate(r, &ans, &res);
			if (o->require_complete && !sa_result_is_complete(r, &res))
				incomplete++;
			wr = sa_write_json_line(out, r, &res, &oo, idlen ? id : NULL);
		}
		sa_diags_release(&d); /* and empty for the next line */
		if (wr == SA_ERR_NOMEM) {
			rc = cli_out_of_memory();
			break;
		}
		if (wr != SA_OK) {
			/* main reports the write error once, when it closes standard output */
			rc = CLI_EXIT_OUTPUT;
			break;
		}
	}
	if (got < 0 && rc == CLI_EXIT_OK) {
		cli_msg("%s: cannot read line %u: %s", name, lineno + 1,
			strerror(errno));
		rc = errno == ENOMEM ? CLI_EXIT_INTERNAL : CLI_EXIT_INPUT;
	}
	if (rc == CLI_EXIT_OK && failed) {
		cli_msg("%s: %lu of %u line%s failed", name, failed, lineno,
			lineno == 1 ? "" : "s");
		rc = CLI_EXIT_INPUT;
	} else if (rc == CLI_EXIT_OK && incomplete) {
		rc = CLI_EXIT_INCOMPLETE;
	}
out:
	sa_diags_release(&d);
	free(ln.buf);
	free(id);
	if (ans.value)
		sa_answers_release(&ans);
	if (have_res)
		sa_result_release(&res);
	if (in != stdin)
		fclose(in);
	return rc;
}
