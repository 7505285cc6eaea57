/*
 * voice.h - how the command looks on a terminal: whether to colour (decided once, here, for the
 * result and for the interview's dialogue), and the dialogue's voice: its colours, its wrapping
 * at CLI_WRAP_WIDTH columns and the progress mark (voice.c).
 */
#ifndef CLI_VOICE_H
#define CLI_VOICE_H

#include "options.h"

#include <stddef.h>
#include <stdio.h>

/* Text is wrapped this many columns short of the screen's width (78 on 80 columns). */
#define CLI_WRAP_MARGIN 2
/* The narrowest wrap width: a narrower screen is treated as this wide. */
#define CLI_WRAP_MIN 30

/* SGR sequences of the dialogue; written only through cli_voice_sgr. */
#define CLI_SGR_BOLD "\033[1m"
#define CLI_SGR_DIM "\033[2m"
#define CLI_SGR_YELLOW "\033[33m"
#define CLI_SGR_CYAN "\033[36m"
#define CLI_SGR_RESET "\033[0m"

/*
 * Whether to colour what goes to stream. --color always and never decide; auto colours only a
 * terminal, never with NO_COLOR set (not empty) or TERM=dumb. With term_required (the interview's
 * dialogue), an unset TERM also means no colour: the dialogue then runs in its plain line mode.
 */
int cli_color_decide(enum cli_color when, FILE *stream, int term_required);

struct cli_voice {
	FILE *talk;   /* questions, help and messages of the dialogue */
	int color;    /* from cli_color_decide */
	int utf8;     /* the terminal takes UTF-8 (the progress mark's "≈") */
	size_t width; /* wrap width (cli_text_width of talk) */
};

/*
 * The width to wrap text written to stream at: the terminal's width (TIOCGWINSZ) when stream is
 * a terminal, else COLUMNS when set to a number, else 80; less CLI_WRAP_MARGIN, and at least
 * CLI_WRAP_MIN.
 */
size_t cli_text_width(FILE *stream);

/* code (one of the CLI_SGR_ above) when colouring, else "" */
const char *cli_voice_sgr(const struct cli_voice *v, const char *code);
/*
 * Write as printf does, except that the text of every %s (and %c) argument is written with its
 * non-printable bytes as visible escapes (sa_escape.h; newline and tab kept), unless it is what
 * cli_voice_sgr returned: the format is the dialogue's own words, the arguments may come from
 * outside. Conversions: d i u o x X c s %, flags, a width, a precision for numbers, length
 * modifiers hh h l ll z j t (voice.c).
 */
void cli_voice_say(const struct cli_voice *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Format a text and write it wrapped, the first line indented by first, the others by indent,
 * then a newline. The text is never cut; its non-printable bytes are written as visible escapes
 * (sa_wrap).
 */
void cli_voice_wrapf(const struct cli_voice *v, size_t first, size_t indent, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same, the cursor already at column col (nothing written before the text). */
void cli_voice_wrapf_at(const struct cli_voice *v, size_t col, size_t indent, const char *fmt,
			...) __attribute__((format(printf, 4, 5)));

#endif
