#!/bin/sh
# Run every command the README shows, so that the README never lies.
#
# usage: run-readme.sh SOCADVISE SOURCE_DIR [MARKDOWN_FILE...]   (default: SOURCE_DIR/README.md)
#
# The convention: a fenced code block whose info string is `console` is a shell session. Each
# line that starts with "$ " is a command; the lines after it, up to the next "$ " line or the
# end of the block, are its expected standard output. A command passes when it exits 0 and, if
# expected output is shown, prints exactly that; a last expected line "..." means "and more",
# so only the lines before it are compared. A command's own "\" continuation lines ("> " is not
# used) are joined to it. To show a failing status, write it into the command (`...; echo $?`).
#
# Commands run with sh -c in SOURCE_DIR (files like tests/scenarios/... resolve), with the
# socadvise under test first on PATH, TERM=dumb, NO_COLOR=1 and LC_ALL=C, and with pipefail
# where the shell has it (bash). `sh` blocks (install and build commands) are not run.
# A block preceded by the line <!-- readme-test: skip --> is shown but not run.
set -u
bin=$1
src=$2
shift 2
[ $# -gt 0 ] || set -- "$src/README.md"
bindir=$(cd "$(dirname "$bin")" && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

fail=0
total=0
for md in "$@"; do
	if [ ! -f "$md" ]; then
		echo "no such file: $md"
		exit 1
	fi
	# Split the sessions into numbered command files (cmd.N) and expected outputs (exp.N).
	rm -f "$tmp"/cmd.* "$tmp"/exp.*
	awk -v dir="$tmp" '
		function flush() { if (n) close(dir "/cmd." n); if (n) close(dir "/exp." n) }
		/^<!-- readme-test: skip -->/ { skip = 1; next }
		/^```/ {
			if (!inblock) { inblock = 1; session = ($0 ~ /^```console[ \t]*$/) && !skip; skip = 0; cont = 0; next }
			inblock = 0; session = 0; next
		}
		!inblock { if ($0 !~ /^[ \t]*$/) skip = 0; next }
		!session { next }
		cont {
			print > (dir "/cmd." n)
			cont = ($0 ~ /\\$/)
			next
		}
		/^\$ / {
			flush(); n++
			printf "%s\n", substr($0, 3) > (dir "/cmd." n)
			printf "" > (dir "/exp." n)
			printf "%d\n", FNR > (dir "/line." n)
			close(dir "/line." n)
			cont = ($0 ~ /\\$/)
			next
		}
		n { print > (dir "/exp." n) }
		END { flush() }
	' "$md"
	i=1
	while [ -f "$tmp/cmd.$i" ]; do
		total=$((total + 1))
		line=$(cat "$tmp/line.$i")
		cmd=$(cat "$tmp/cmd.$i")
		if command -v bash > /dev/null 2>&1; then
			run() { (cd "$src" && PATH="$bindir:$PATH" TERM=dumb NO_COLOR=1 LC_ALL=C bash -o pipefail -c "$1"); }
		else
			run() { (cd "$src" && PATH="$bindir:$PATH" TERM=dumb NO_COLOR=1 LC_ALL=C sh -c "$1"); }
		fi
		run "$cmd" < /dev/null > "$tmp/out" 2> "$tmp/err"
		st=$?
		# compare with the expected output, up to a last "..." line
		exp="$tmp/exp.$i"
		# trailing blank lines of a block are not part of the output
		sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$exp" > "$tmp/exp"
		if [ "$(tail -n 1 "$tmp/exp")" = "..." ]; then
			sed '$d' "$tmp/exp" > "$tmp/exp.prefix"
			head -n "$(wc -l < "$tmp/exp.prefix")" "$tmp/out" > "$tmp/out.cmp"
			mv "$tmp/exp.prefix" "$tmp/exp"
		else
			cp "$tmp/out" "$tmp/out.cmp"
		fi
		problem=
		if [ "$st" -ne 0 ]; then
			problem="exit status $st"
		elif [ -s "$tmp/exp" ] && ! diff -u "$tmp/exp" "$tmp/out.cmp" > "$tmp/diff"; then
			problem="output differs"
		fi
		if [ -n "$problem" ]; then
			printf 'FAIL %s:%s: $ %s\n' "$(basename "$md")" "$line" "$cmd"
			echo "  $problem"
			[ -s "$tmp/diff" ] && sed 's/^/  /' "$tmp/diff" | head -40
			sed 's/^/  stderr: /' "$tmp/err" | head -10
			fail=1
		else
			printf 'ok   %s:%s: $ %s\n' "$(basename "$md")" "$line" "$cmd"
		fi
		rm -f "$tmp/diff"
		i=$((i + 1))
	done
done
if [ "$total" = 0 ]; then
	echo "no commands found: mark the README's example sessions as \`\`\`console blocks with \"\$ \" prompts"
	exit 1
fi
exit $fail
