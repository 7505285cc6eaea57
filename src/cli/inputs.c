/*
 * inputs.c - reading the rules and an answers file for the command, with their problems
 * reported as "socadvise: FILE:LINE:COL: message".
 */
#include "cli.h"
#include "inputs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A whole file is read in chunks of at least this much free room... */
#define READ_CHUNK 4096
/* ...into a buffer that starts this large and doubles. */
#define READ_FIRST_SIZE 8192

int cli_load_rules(const char *path, const char *const *reserved, sa_rules **r)
{
	struct sa_diags d;
	struct sa_load_opts lo = { reserved };
	int rc;

	sa_diags_init(&d);
	rc = sa_rules_load(path, &lo, r, &d);
	if (rc == SA_ERR_NOMEM) {
		sa_diags_release(&d);
		return cli_out_of_memory();
	}
	cli_diags(&d);
	if (rc != SA_OK && d.errors > 1)
		cli_msg("%zu errors in the rules file", d.errors);
	sa_diags_release(&d);
	return rc == SA_OK ? CLI_EXIT_OK : CLI_EXIT_RULES;
}

/* Read a whole file ("-": standard input) into a NUL-terminated buffer; NULL with errno set. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL, *nb;
	size_t cap = 0, n;
	*len = 0;
	if (!f)
		return NULL;
	for (;;) {
		if (cap - *len < READ_CHUNK) {
			cap = cap ? cap * 2 : READ_FIRST_SIZE;
			nb = realloc(buf, cap + 1);
			if (!nb) {
				free(buf);
				buf = NULL;
				errno = ENOMEM;
				break;
			}
			buf = nb;
		}
		n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
		if (n == 0)
			break;
	}
	if (buf && ferror(f)) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[*len] = '\0';
	if (f != stdin)
		fclose(f);
	return buf;
}

int cli_read_answers_file(const char *path, const sa_rules *r, struct sa_answers *ans,
			  struct sa_meta *meta)
{
	struct sa_diags d;
	size_t len;
	char *buf = slurp(path, &len);
	int rc;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	if (!buf && errno == ENOMEM)
		return cli_out_of_memory();
	if (!buf) {
		cli_msg("%s: cannot read: %s", name, strerror(errno));
		return CLI_EXIT_INPUT;
	}
	sa_diags_init(&d);
	rc = sa_answers_read_meta(r, name, 0, buf, len, ans, NULL, 0, meta, &d);
	cli_diags(&d);
	sa_diags_release(&d);
	free(buf);
	if (rc == SA_ERR_NOMEM)
		return cli_out_of_memory();
	return rc == SA_OK ? CLI_EXIT_OK : CLI_EXIT_INPUT;
}
