#!/bin/sh
# Batch mode keeps its line contract: N input lines with some bad ones give exactly N output lines,
# in order; each good line's result carries its "id", each bad line is an error object naming
# its line; the exit status is 4.
#
# usage: count.sh SOCADVISE SA_GEN_PROFILES [N] [BAD_EVERY]
set -u
bin=$1
gen=$2
n=${3:-1000}
every=${4:-97}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

"$gen" --seed 42 --bad-every "$every" "$n" > "$tmp/in.jsonl" || { echo "generator failed"; exit 1; }
"$bin" --batch "$tmp/in.jsonl" > "$tmp/out.jsonl" 2> "$tmp/err"
status=$?

fail=0
in_lines=$(wc -l < "$tmp/in.jsonl")
out_lines=$(wc -l < "$tmp/out.jsonl")
expected_bad=$((n / every))
if [ "$in_lines" -ne "$n" ] || [ "$out_lines" -ne "$n" ]; then
	echo "line count: input $in_lines, output $out_lines, expected $n"
	fail=1
fi
if [ "$status" -ne 4 ]; then
	echo "exit status: expected 4, got $status"
	fail=1
fi
# Line i is bad exactly when i is a multiple of BAD_EVERY; a good line's result starts with its
# id, a bad line's error object names its line (and its id, when the line parsed as JSON).
awk -v every="$every" '
	{
		bad = NR % every == 0
		if (bad) {
			if ($0 !~ ("^\\{(\"id\":" NR ",)?\"line\":" NR ",\"column\":[0-9]+,\"error\":\\{\"code\":\"[a-z-]+\",\"message\":")) {
				printf "line %d: expected an error object, got: %.120s\n", NR, $0
				errs++
			}
		} else if (index($0, "{\"id\":" NR ",\"schema_version\":1,") != 1) {
			printf "line %d: expected the result with id %d, got: %.120s\n", NR, NR, $0
			errs++
		}
		if (errs > 10)
			exit 1
	}
	END { exit errs > 0 }
' "$tmp/out.jsonl" || fail=1
errors=$(grep -c '"error":{' "$tmp/out.jsonl")
if [ "$errors" -ne "$expected_bad" ]; then
	echo "error objects: expected $expected_bad, got $errors"
	fail=1
fi
summary=$(tail -n 1 "$tmp/err")
if [ "$summary" != "socadvise: $tmp/in.jsonl: $expected_bad of $n lines failed" ]; then
	echo "stderr summary: $summary"
	fail=1
fi
[ "$fail" = 0 ] && echo "ok: $n lines in, $out_lines lines out, $errors error objects, exit $status"
exit $fail
