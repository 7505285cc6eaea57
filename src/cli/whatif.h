/*
 * whatif.h - --diff OLD NEW and --what-if ID=VALUE: what changes between two results
 * (whatif.c).
 */
#ifndef CLI_WHATIF_H
#define CLI_WHATIF_H

#include "args.h"
#include "socadvise.h"

#include <stdio.h>

/*
 * Evaluate both sides of a --diff or --what-if (see whatif.c) and write what changes to out in
 * a->format (text, json or markdown). Returns CLI_EXIT_OK (the scope is the same),
 * CLI_EXIT_CHANGED (it changed), CLI_EXIT_USAGE, CLI_EXIT_INPUT (an answers file is invalid),
 * CLI_EXIT_OUTPUT or CLI_EXIT_INTERNAL; problems are reported on standard error.
 */
int cli_whatif(const struct cli_args *a, const sa_rules *r, FILE *out);

#endif
