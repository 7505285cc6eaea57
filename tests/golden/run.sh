#!/bin/sh
# Run one golden case of the socadvise binary and compare stdout, stderr and exit status.
#
# usage: run.sh BINARY CASEDIR
# A case directory holds:
#   args     the arguments, one per line (required; may be empty)
#   stdin    standard input (optional; otherwise /dev/null)
#   env      extra environment, KEY=VALUE per line (optional)
#   stdout, stderr, status   the expected results (status defaults to 0)
# The command runs inside the case directory, so files it names are relative to it.
# UPDATE=1 rewrites the expected files from the actual results instead of comparing.
# SA_WRAPPER (e.g. "valgrind -q --error-exitcode=99") is put in front of the binary.
set -u
bin=$1
dir=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

set --
if [ -f "$dir/args" ]; then
	while IFS= read -r line || [ -n "$line" ]; do
		set -- "$@" "$line"
	done < "$dir/args"
fi
input=/dev/null
[ -f "$dir/stdin" ] && input="$dir/stdin"

(
	cd "$dir" || exit 1
	unset SOCADVISE_RULES NO_COLOR
	export TERM=dumb LC_ALL=C
	if [ -f env ]; then
		while IFS= read -r kv || [ -n "$kv" ]; do
			[ -n "$kv" ] && export "$kv"
		done < env
	fi
	exec ${SA_WRAPPER:-} "$bin" "$@"
) < "$input" > "$tmp/stdout" 2> "$tmp/stderr"
echo $? > "$tmp/status"

if [ "${UPDATE:-0}" = 1 ]; then
	cp "$tmp/stdout" "$dir/stdout"
	cp "$tmp/stderr" "$dir/stderr"
	cp "$tmp/status" "$dir/status"
	echo "updated $dir"
	exit 0
fi

fail=0
expected_status=0
[ -f "$dir/status" ] && expected_status=$(cat "$dir/status")
actual_status=$(cat "$tmp/status")
if [ "$expected_status" != "$actual_status" ]; then
	echo "exit status: expected $expected_status, got $actual_status"
	fail=1
fi
for f in stdout stderr; do
	exp="$dir/$f"
	[ -f "$exp" ] || exp=/dev/null
	if ! diff -u "$exp" "$tmp/$f" > "$tmp/$f.diff"; then
		echo "$f differs:"
		cat "$tmp/$f.diff"
		fail=1
	fi
done
if [ "$fail" = 1 ]; then
	echo "args:"; sed 's/^/  /' "$dir/args" 2>/dev/null
fi
exit $fail
