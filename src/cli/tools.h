/*
 * tools.h - the rules tooling of the socadvise command: --check (lint) and --verify (prove the
 * invariants). Each returns an exit code of enum sa_exit.
 */
#ifndef SA_CLI_TOOLS_H
#define SA_CLI_TOOLS_H

#include <stdio.h>

enum sa_tools_format { SA_TOOLS_TEXT, SA_TOOLS_JSON, SA_TOOLS_OTHER };

struct sa_tools_opts {
	const char *rules_path;            /* NULL: the built-in rules */
	int check, verify;                 /* what to run; both: check first, verify if no error */
	enum sa_tools_format format;
	int with_answers;                  /* answers or a mode were also given: a usage error */
	const char *const *reserved;       /* names question ids must not take */
};

/*
 * --check writes its diagnostics (FILE:LINE:COL: severity: message [code], or one JSON
 * document) to out and a summary to standard error; --verify writes its report to out.
 * Returns SA_EXIT_OK, SA_EXIT_USAGE or SA_EXIT_RULES (an error, or a violated invariant).
 */
int sa_cli_tools(const struct sa_tools_opts *o, FILE *out);

#endif
