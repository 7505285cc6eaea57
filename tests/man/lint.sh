#!/bin/sh
# The man pages lint clean (mandoc -Tlint, style messages included) and document every option of
# the option table, and every exit code of enum cli_exit (src/cli/cli.h).
#
# usage: lint.sh SOCADVISE SOURCE_DIR
set -u
bin=$1
src=$2
if ! command -v mandoc > /dev/null 2>&1; then
	echo "SKIPPED: mandoc is not installed (apt-get install mandoc)"
	exit 77
fi
fail=0
# linted together, so that each page's cross-reference to the other resolves; the note about the
# system's own outdated mandoc.db is not about these pages
out=$(cd "$src/docs" && mandoc -Tlint -Wstyle socadvise.1 socadvise-rules.5 2>&1 |
	grep -v 'outdated mandoc.db')
if [ -n "$out" ]; then
	echo "$out"
	fail=1
fi
# the built-in options: the "Options:" section of --help, generated from the option table
for opt in $("$bin" --help | sed -n '/^Options:/,/^$/s/^  \(-., \)\{0,1\} *--\([a-z-]*\).*/\2/p'); do
	grep -q "^\.It Fl .*-$opt\b\|^\.It Fl -$opt\b" "$src/docs/socadvise.1" || {
		echo "option --$opt is not documented in docs/socadvise.1"
		fail=1
	}
done
for code in 0 1 2 3 4 5 6 7 130; do
	grep -q "^\.It $code\$" "$src/docs/socadvise.1" || {
		echo "exit status $code is not documented in docs/socadvise.1"
		fail=1
	}
done
[ "$fail" = 0 ] && echo "ok: man pages lint clean and document every option and exit status"
exit $fail
