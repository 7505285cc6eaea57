/*
 * inputs.h - the files the command reads before it evaluates: the rules and an answers file
 * (inputs.c). Problems are reported on standard error with their FILE:LINE:COL.
 */
#ifndef CLI_INPUTS_H
#define CLI_INPUTS_H

#include "socadvise.h"

/*
 * Load the rules at path (NULL: the built-in rules), keeping question ids off the names in
 * reserved. Returns CLI_EXIT_OK, or CLI_EXIT_RULES with every problem reported.
 */
int cli_load_rules(const char *path, const char *const *reserved, sa_rules **r);

/*
 * --answers FILE ("-": standard input) into ans: read first, so that flags may override it. Its "meta" mapping goes into meta. Returns CLI_EXIT_OK or CLI_EXIT_INPUT (reported).
 */
int cli_read_answers_file(const char *path, const sa_rules *r, struct sa_answers *ans,
			  struct sa_meta *meta);

#endif
