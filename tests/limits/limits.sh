#!/bin/sh
# The documented limits (docs/security.md) on generated hostile inputs: each ends with its
# error, its exit status and no partial output, and batch mode goes on past a bad line.
#
# usage: limits.sh SOCADVISE SOURCE_DIR CASE
set -u
bin=$1
src=$2
case=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mini=$src/tests/golden/fixtures/mini-rules.yaml

fail() {
	echo "$case: $*"
	[ -f "$tmp/out" ] && head -c 2000 "$tmp/out"
	[ -f "$tmp/err" ] && head -c 2000 "$tmp/err"
	exit 1
}

# expect STATUS FILE PATTERN: the run's status, and PATTERN (grep -E) in FILE
expect() {
	[ "$status" = "$1" ] || fail "exit status $status, expected $1"
	grep -Eq -- "$3" "$tmp/$2" || fail "no '$3' in $2"
}

# repeat N TEXT: TEXT N times
repeat() {
	awk -v n="$1" -v t="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", t }'
}

case $case in
search_budget_check)
	# parity of 24 answers: the search stops at its budget instead of visiting 2^24 leaves
	"$bin" --rules "$src/tests/limits/parity.yaml" --check > "$tmp/out" 2> "$tmp/err"
	status=$?
	expect 3 out ':60:10: error: the checks.* search budget of [0-9]+ evaluations is exhausted.*\[search-budget\]$'
	;;
search_budget_verify)
	"$bin" --rules "$src/tests/limits/parity.yaml" --verify > "$tmp/out" 2> "$tmp/err"
	status=$?
	expect 3 out "invariant 'odd-soc2' could not be verified: the search budget of [0-9]+ evaluations is exhausted \[search-budget\]"
	expect 3 err '1 of 1 invariant not verified: search budget exhausted'
	;;
rules_deep_yaml)
	{ printf 'rules: '; repeat 100000 '['; repeat 100000 ']'; echo; } > "$tmp/rules.yaml"
	"$bin" --rules "$tmp/rules.yaml" --check > "$tmp/out" 2> "$tmp/err"
	status=$?
	expect 3 out '^.*rules\.yaml:1:207: error: nesting deeper than 200 levels of lists and mappings \[too-deep\]$'
	;;
answers_deep_yaml)
	{ printf 'payroll: '; repeat 100000 '['; repeat 100000 ']'; echo; } > "$tmp/a.yaml"
	"$bin" --rules "$mini" --answers "$tmp/a.yaml" > "$tmp/out" 2> "$tmp/err"
	status=$?
	expect 4 err 'a\.yaml:1:73: nesting deeper than 64 levels of lists and mappings$'
	[ -s "$tmp/out" ] && fail "output written"
	;;
batch_deep_json)
	{ printf '{"payroll": '; repeat 100000 '['; repeat 100000 ']'; printf '}\n{"payroll": true}\n'; } > "$tmp/in.jsonl"
	"$bin" --rules "$mini" --batch "$tmp/in.jsonl" > "$tmp/out" 2> "$tmp/err"
	status=$?
	expect 4 out '^\{"line":1,"column":76,"error":\{"code":"too-deep"'
	[ "$(wc -l < "$tmp/out")" -eq 2 ] || fail "expected 2 output lines"
	sed -n 2p "$tmp/out" | grep -q '"payroll":true' || fail "line 2 not processed"
	;;
rules_size)
	# one byte over the limit of 8 MiB: a comment line of 8 MiB
	{ cat "$mini"; printf '# '; repeat 8388608 'x'; echo; } > "$tmp/rules.yaml"
	"$bin" --rules "$tmp/rules.yaml" --check > "$tmp/out" 2> "$tmp/err"
	status=$?
	expect 3 out 'rules\.yaml:1:1: error: the rules file is larger than 8388608 bytes \[too-large\]$'
	;;
rules_entries)
	{ sed '/^rules:/,$d' "$mini"; echo 'rules:'
	  awk 'BEGIN { for (i = 0; i < 2001; i++)
		printf "  - {id: r%d, when: payroll, recommend: soc1, because: \"B.\", sources: [s1]}\n", i }'
	} > "$tmp/rules.yaml"
	"$bin" --rules "$tmp/rules.yaml" --check > "$tmp/out" 2> "$tmp/err"
	status=$?
	expect 3 out "error: 'rules' has 2001 entries \\(at most 2000\\) \\[too-large\\]$"
	;;
batch_many_keys)
	# a line of about 1 MB with 48,000 unknown questions: one error object, 100 problems and
	# the count of the rest (this took minutes when each key's position was searched for)
	awk 'BEGIN { printf "{"; for (i = 0; i < 48000; i++) printf "%s\"bad_key_%06d\": 1", i ? ", " : "", i;
		printf "}\n{\"payroll\": true}\n" }' > "$tmp/in.jsonl"
	"$bin" --rules "$mini" --batch "$tmp/in.jsonl" > "$tmp/out" 2> "$tmp/err"
	status=$?
	expect 4 out '^\{"line":1,"column":2,"error":\{"code":"unknown-question","message":"unknown question .bad_key_000000."\}'
	head -n 1 "$tmp/out" | grep -q '"column":2102,"code":"too-many-errors","message":"47900 more errors, the first of them here (only the first 100 are reported)"}]}$' ||
		fail "no count of the errors not reported"
	[ "$(head -n 1 "$tmp/out" | grep -o '"code":"unknown-question"' | wc -l)" -eq 101 ] ||
		fail "expected 100 problems (and the first again as the error)"
	sed -n 2p "$tmp/out" | grep -q '"payroll":true' || fail "line 2 not processed"
	;;
batch_duplicate_keys)
	awk 'BEGIN { printf "{"; for (i = 0; i < 40000; i++) printf "%s\"payroll\": true", i ? ", " : "";
		printf "}\n" }' > "$tmp/in.jsonl"
	"$bin" --rules "$mini" --batch "$tmp/in.jsonl" > "$tmp/out" 2> "$tmp/err"
	status=$?
	expect 4 out '^\{"line":1,"column":19,"error":\{"code":"duplicate-key","message":"duplicate key .payroll."\}'
	grep -q '"code":"too-many-errors","message":"39899 more errors' "$tmp/out" || fail "no count"
	;;
batch_long_line)
	# a line over SA_BATCH_MAX_LINE (1 MiB) is an error object; the next line is still read
	{ printf '{"payroll": true, "x": "'; repeat 1048576 'y'; printf '"}\n{"hosting": true}\n'; } > "$tmp/in.jsonl"
	"$bin" --rules "$mini" --batch "$tmp/in.jsonl" > "$tmp/out" 2> "$tmp/err"
	status=$?
	expect 4 out '^\{"line":1,"column":1048577,"error":\{"code":"line-too-long","message":"line longer than 1048576 bytes"\}'
	[ "$(wc -l < "$tmp/out")" -eq 2 ] || fail "expected 2 output lines"
	sed -n 2p "$tmp/out" | grep -q '"hosting":true' || fail "line 2 not processed"
	;;
*)
	fail "unknown case"
	;;
esac
echo "ok: $case"
