/*
 * save.h - --save FILE: the answers written atomically (save.c).
 */
#ifndef CLI_SAVE_H
#define CLI_SAVE_H

#include "socadvise.h"

/*
 * Write the given answers to path, with meta (may be NULL) first, as pretty JSON, or as YAML
 * when path ends in .yaml or .yml (sa_answers_write_file), atomically: a temporary file in the
 * same directory, flushed to disk, then renamed over path, so that path is either the old file or the
 * complete new one, also when the process is interrupted. Returns CLI_EXIT_OK or CLI_EXIT_OUTPUT
 * (with a message on standard error).
 */
int cli_save_answers(const char *path, const sa_rules *r, const struct sa_answers *a,
		     const struct sa_meta *meta);

/*
 * Check, before an interview asks anything, that path's directory takes a new file. Returns
 * CLI_EXIT_OK or CLI_EXIT_OUTPUT (with a message).
 */
int cli_save_check(const char *path);

#endif
