/*
 * tools.h - the rules tooling of the socadvise command: --check (lint) and --verify (prove the
 * invariants). Each returns an exit code of enum cli_exit.
 */
#ifndef CLI_TOOLS_H
#define CLI_TOOLS_H

#include <stdio.h>

enum cli_tools_format { CLI_TOOLS_TEXT, CLI_TOOLS_JSON, CLI_TOOLS_OTHER };

struct cli_tools_opts {
	const char *rules_path;            /* NULL: the built-in rules */
	int check, verify;                 /* what to run; both: check first, verify if no error */
	enum cli_tools_format format;
	int with_answers;                  /* answers or a mode were also given: a usage error */
	const char *const *reserved;       /* names question ids must not take */
};

/*
 * --check writes its diagnostics (FILE:LINE:COL: severity: message [code], or one JSON
 * document) to out and a summary to standard error; --verify writes its report to out.
 * Returns CLI_EXIT_OK, CLI_EXIT_USAGE or CLI_EXIT_RULES (an error, or a violated invariant).
 */
int cli_tools(const struct cli_tools_opts *o, FILE *out);

#endif
