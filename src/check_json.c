/*
 * check_json.c - the diagnostics of --check as a JSON document, built with cJSON.
 *
 * Keys come in a fixed order so the same diagnostics always give the same bytes:
 * {file, diagnostics: [{file, line, column, severity, code, message}], errors, warnings}.
 * cJSON escapes the strings (and sa_escape_json_puts the C1 controls it leaves raw); the layout
 * is written here, one diagnostic per line.
 */
#include "sa_check.h"
#include "sa_escape.h"

#include <cjson/cJSON.h>

/* Write s as a JSON string (escaped by cJSON and sa_escape_json_puts), or null. */
static int put_string(FILE *f, const char *s)
{
	cJSON *item;
	char *text;
	int rc;
	if (!s)
		return fputs("null", f) == EOF ? SA_ERR_IO : SA_OK;
	item = cJSON_CreateString(s);
	text = item ? cJSON_PrintUnformatted(item) : NULL;
	cJSON_Delete(item);
	if (!text)
		return SA_ERR_NOMEM;
	rc = sa_escape_json_puts(f, text) == EOF ? SA_ERR_IO : SA_OK;
	cJSON_free(text);
	return rc;
}

/* A position: the number, or null when unknown (0). */
static void put_pos(FILE *f, const char *key, unsigned v)
{
	if (v)
		fprintf(f, ", \"%s\": %u", key, v);
	else
		fprintf(f, ", \"%s\": null", key);
}

/* One diagnostic per line, so the document is both valid JSON and easy to grep. */
int sa_diags_write_json(FILE *f, const char *file, const struct sa_diags *d)
{
	size_t i, warnings = 0;
	int nomem = 0;

	fputs("{\n  \"file\": ", f);
	nomem |= put_string(f, file) == SA_ERR_NOMEM;
	fputs(",\n  \"diagnostics\": [", f);
	for (i = 0; i < d->len; i++) {
		const struct sa_diag *g = &d->items[i];
		fputs(i ? ",\n    {\"file\": " : "\n    {\"file\": ", f);
		nomem |= put_string(f, g->file) == SA_ERR_NOMEM;
		put_pos(f, "line", g->line);
		put_pos(f, "column", g->col);
		fprintf(f, ", \"severity\": \"%s\", \"code\": ",
			g->severity == SA_SEV_WARNING ? "warning" : "error");
		nomem |= put_string(f, g->code) == SA_ERR_NOMEM;
		fputs(", \"message\": ", f);
		nomem |= put_string(f, g->message) == SA_ERR_NOMEM;
		fputc('}', f);
		if (g->severity == SA_SEV_WARNING)
			warnings++;
	}
	fprintf(f, "%s],\n  \"errors\": %zu,\n  \"warnings\": %zu\n}\n", d->len ? "\n  " : "",
		d->errors, warnings);
	if (nomem)
		return SA_ERR_NOMEM;
	return ferror(f) ? SA_ERR_IO : SA_OK;
}
