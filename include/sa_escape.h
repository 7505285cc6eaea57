/*
 * sa_escape.h - show untrusted text with every non-printable byte as a visible escape.
 *
 * Text that came from a rules file, an answers document, a batch line or the command line may
 * hold bytes a terminal acts on: ESC sequences that move the cursor, clear the screen or set the
 * window title, BEL, or C1 controls such as CSI (U+009B, bytes c2 9b). Front ends and text
 * renderers pass such text through these functions before it reaches a terminal or a document.
 *
 * What is escaped, and how:
 * - C0 controls (0x00-0x1f) and DEL (0x7f): \xNN, two lower-case hex digits ("\x1b"); newline
 *   and tab are written as they are when the caller's flags allow them;
 * - C1 controls (U+0080-U+009F, valid UTF-8 c2 80 - c2 9f): \u00NN ("\u009b");
 * - the Unicode line and paragraph separators (U+2028, U+2029) and the bidirectional embedding,
 *   override and isolate controls (U+202A-U+202E, U+2066-U+2069), which reorder what a reader
 *   sees: \uNNNN;
 * - a byte that is not part of valid UTF-8 (a stray continuation byte, an overlong form, a
 *   surrogate, a code point past U+10FFFF, a sequence cut short): \xNN for that byte, and the
 *   bytes after it are examined afresh;
 * - a backslash, only with SA_ESCAPE_BACKSLASH: "\\", so that an escape in the output can be told
 *   from the same characters in the input.
 * Everything else (printable ASCII and valid printable UTF-8) is written unchanged, so escaped
 * text that had nothing to escape is byte for byte the input.
 */
#ifndef SA_ESCAPE_H
#define SA_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

enum sa_escape_flags {
	SA_ESCAPE_NEWLINE = 1u << 0,  /* write '\n' as it is */
	SA_ESCAPE_TAB = 1u << 1,      /* write '\t' as it is */
	SA_ESCAPE_BACKSLASH = 1u << 2 /* write '\' as "\\" */
};

/* The longest escape one input byte or character becomes ("\u009b"). */
#define SA_ESCAPE_MAX 6

/*
 * Write len bytes of text to f with every non-printable byte escaped (see above). text may hold
 * NUL bytes. Returns 0, or EOF when writing failed (ferror(f) is set).
 */
int sa_escape_write(FILE *f, const char *text, size_t len, unsigned flags);
/* The same for a NUL-terminated string; NULL writes nothing. */
int sa_escape_puts(FILE *f, const char *s, unsigned flags);

/*
 * Write the escaped form of len bytes of text into buf of size bytes, as snprintf does: the
 * result is always NUL-terminated when size > 0, and the return value is the length the whole
 * escaped text needs (not counting the NUL), so a return value >= size means it was cut short.
 * A cut never splits an escape or a UTF-8 character: the text stops before the first one that
 * does not fit whole.
 */
size_t sa_escape_buf(char *buf, size_t size, const char *text, size_t len, unsigned flags);

/*
 * Format as snprintf does, then escape the result into buf (as sa_escape_buf). For error
 * messages built from untrusted parts; the format's own text is escaped too, so a newline in
 * it needs SA_ESCAPE_NEWLINE. Returns the escaped length the whole message needs, or -1 when
 * the format fails or memory for a long message cannot be had (buf then holds "" when size > 0).
 */
int sa_escape_snprintf(char *buf, size_t size, unsigned flags, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Write a JSON text (as a JSON library printed it) with DEL and every character that is shown as
 * \uNNNN above (C1 controls, line and paragraph separators, bidirectional controls) written as the
 * JSON escape \uNNNN instead of raw, and a byte that is not part of valid UTF-8 as \ufffd (the
 * replacement character: JSON text is UTF-8, and no escape names a lone byte). Such bytes are
 * never part of JSON's own syntax, only of its strings, where the escape stands for the same
 * character; everything else is written unchanged. Returns 0, or EOF when writing failed.
 */
int sa_escape_json_puts(FILE *f, const char *json);

/*
 * The JSON string of len bytes of s, quotes included, into out (NULL: only measure): what a JSON
 * library prints for s passed through sa_escape_json_puts, byte for byte. '"' and '\\' are
 * escaped, C0 controls as \b \f \n \r \t or \u00nn, and DEL, the characters shown as \uNNNN
 * above and bytes that are not UTF-8 as sa_escape_json_puts writes them. Returns the length
 * written (at most 6 * len + 2 bytes).
 */
size_t sa_escape_json_string(char *out, const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif
