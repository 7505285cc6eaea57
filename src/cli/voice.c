/*
 * voice.c - colour decided in one place, and the interview dialogue's way of writing: colours
 * only when decided so, the words the same without them, every text wrapped whole.
 */
#include "voice.h"
#include "socadvise.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

const char *cli_voice_sgr(const struct cli_voice *v, const char *code)
{
	return v->color ? code : "";
}

void cli_voice_say(const struct cli_voice *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(v->talk, fmt, ap);
	va_end(ap);
}

void cli_voice_wrapf(const struct cli_voice *v, size_t first, size_t indent, const char *fmt, ...)
{
	va_list ap;
	char *text;
	int len;
	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	fprintf(v->talk, "%*s", (int)first, "");
	text = len < 0 ? NULL : malloc((size_t)len + 1);
	va_start(ap, fmt);
	if (text) {
		vsnprintf(text, (size_t)len + 1, fmt, ap);
		sa_wrap(v->talk, text, first, indent, CLI_WRAP_WIDTH);
	} else {
		/* out of memory: the words unwrapped rather than lost */
		vfprintf(v->talk, fmt, ap);
	}
	va_end(ap);
	free(text);
	fputc('\n', v->talk);
}
