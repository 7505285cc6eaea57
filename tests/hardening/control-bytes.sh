#!/bin/sh
# control-bytes.sh BINARY - no output path writes a raw control byte that came from input.
#
# ESC sequences (clear screen, set the window title), BEL, DEL and C1 controls (CSI as c2 9b, OSC as
# c2 9d) are fed through every input the command reads: a rules file's texts (name, prompts,
# help, choices are ids and cannot hold them, titles, because, why_not, advice and step texts,
# source titles, invariant descriptions) and keys, an answers file's values and keys, a batch
# line's values, keys and id, a CSV batch's cells, header and id, a command-line answer and
# --what-if, an unknown option's name and a file name (--diff's too). Every output format (text,
# markdown, json, yaml, ics, csv, --summary, the diff's three) and standard error must hold no C0
# control byte other than newline and tab, no DEL and no C1 control; where the input's text is
# expected in an output, it must be there as a visible escape (\x1b, \u009b; JSON's \u001b and
# YAML's \e count). Exit status: 0 when every path passes, 1 when any fails (each failure is
# listed; VERBOSE=1 lists the passes too), 2 on a usage error. SA_WRAPPER (e.g. valgrind) is put in front of the binary.
set -u
if [ $# -ne 1 ] || [ ! -x "$1" ]; then
	echo "usage: $0 BINARY" >&2
	exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
unset SOCADVISE_RULES
export LC_ALL=C NO_COLOR=1 TERM=xterm

esc=$(printf '\033')
bel=$(printf '\007')
csi=$(printf '\302\233')
osc=$(printf '\302\235')
del=$(printf '\177')
# The payload as raw bytes (for the command line) ...
raw="${esc}]0;pwned${bel}${esc}[2J${csi}31m${osc}x${del}y"
# ... as a YAML double-quoted escape, and as a JSON string escape.
yq='\e]0;pwned\a\e[2J\u009b31m\u009dx\x7fy'
jq='\u001b]0;pwned\u0007\u001b[2J\u009b31m\u009dx\u007fy'

pass=0
fail=0
failures=

# bad FILE: nonzero when FILE holds a raw C0 byte other than \n and \t, DEL, or a C1 control.
c1=$(printf '\302[\200-\237]')
bad() {
	[ -n "$(tr -d '\n\t\040-\176\200-\377' < "$1" | head -c 1)" ] && return 0
	grep -q "$c1" "$1" && return 0
	return 1
}
# visible FILE: the payload's ESC shows as an escape.
visible() {
	grep -q -e '\\x1b' -e '\\x1B' -e '\\u001b' -e '\\u001B' -e '\\e' -e '\\u009b' "$1"
}

# check NAME WANT_OUT WANT_ERR -- COMMAND...: run it (stdin from $stdin, default /dev/null);
# WANT_OUT/WANT_ERR: 1 when that stream must show the payload, 0 when it need not.
stdin=/dev/null
check() {
	name=$1
	want_out=$2
	want_err=$3
	shift 4
	( cd "$tmp" && exec ${SA_WRAPPER:-} "$@" ) < "$stdin" > "$tmp/out" 2> "$tmp/err"
	status=$?
	why=
	bad "$tmp/out" && why="$why raw control byte on stdout;"
	bad "$tmp/err" && why="$why raw control byte on stderr;"
	[ "$want_out" = 1 ] && ! visible "$tmp/out" && why="$why no visible escape on stdout;"
	[ "$want_err" = 1 ] && ! visible "$tmp/err" && why="$why no visible escape on stderr;"
	[ "$status" -ge 99 ] && why="$why exit status $status (crash or valgrind error);"
	if [ -n "$why" ]; then
		fail=$((fail + 1))
		failures="$failures
FAIL $name (exit $status):$why"
	else
		pass=$((pass + 1))
		[ -n "${VERBOSE:-}" ] && echo "ok $name"
	fi
	stdin=/dev/null
}

# ---- a rules file whose every text holds the payload ----------------------------------------
cat > "$tmp/evil.yaml" <<YAML
format: 1
name: "evil$yq"
version: "1$yq"
sources:
  - {id: s1, title: "Source$yq", url: "https://example.org/$yq", locator: "p.$yq"}
questions:
  - {id: role, type: enum, choices: [provider, customer], default: provider, prompt: "Role$yq?", help: "Help$yq"}
  - {id: hosting, type: bool, prompt: "Hosting$yq?", help: "SaaS$yq"}
  - {id: months, type: int, min: 0, max: 120, prompt: "Months$yq?"}
advice:
  - {id: bridge, title: "Bridge$yq", text: "Advice$yq"}
steps:
  - {id: pick, order: 10, text: "Step$yq"}
rules:
  - id: soc2
    when: {all: [hosting, {role: provider}]}
    recommend: soc2
    because: "Because$yq"
    why_not: "Why not$yq"
    sources: [s1]
  - id: soc2.type2
    when: {months: {ge: 3}}
    type: {report: soc2, type: type2, observation_months: 6}
    because: "Type$yq"
    sources: [s1]
  - id: soc2.security
    criteria: {report: soc2, category: security}
    because: "Security$yq"
    sources: [s1]
  - id: advice.bridge
    when: hosting
    advice: bridge
    because: "Bridge because$yq"
    sources: [s1]
  - id: step.pick
    when: hosting
    step: pick
    because: "Pick because$yq"
    sources: [s1]
  - id: soc1
    when: {role: customer}
    recommend: soc1
    because: "Customer$yq"
    why_not: "Not a customer$yq"
    sources: [s1]
invariants:
  - id: inv
    description: "Invariant$yq"
    scope: complete
    when: {recommended: soc1}
    require: {recommended: soc2}
YAML

for fmt in text markdown json yaml; do
	check "rules texts, a result (--format $fmt)" 0 0 -- \
		"$bin" --rules evil.yaml --hosting --months=2 --explain=full --color=never --format "$fmt"
	check "rules texts, open questions (--format $fmt)" 0 0 -- \
		"$bin" --rules evil.yaml --explain=full --color=never --format "$fmt"
	check "rules texts, why not (--format $fmt)" 0 0 -- \
		"$bin" --rules evil.yaml --no-hosting --role=provider --explain=full --color=never --format "$fmt"
	check "rules texts, --list-questions (--format $fmt)" 0 0 -- \
		"$bin" --rules evil.yaml --list-questions --format "$fmt"
done
# iCalendar lines end in CRLF: the carriage returns are the format's, the rest is checked
check "rules texts, --format ics" 0 0 -- sh -c '"$0" --rules evil.yaml --hosting --format ics > ics; s=$?; tr -d "\r" < ics; exit $s' "$bin"
check "rules texts, --help" 0 0 -- "$bin" --rules evil.yaml --help
check "rules texts, --verify counterexample" 0 0 -- "$bin" --rules evil.yaml --verify
check "rules texts, --verify --format json" 0 0 -- "$bin" --rules evil.yaml --verify --format json
check "rules texts, batch line" 0 0 -- sh -c 'printf "{\"hosting\":true}\n" | exec "$0" --rules evil.yaml --batch --explain=full' "$bin"
check "rules texts, --completion bash" 0 0 -- "$bin" --rules evil.yaml --completion bash
check "rules texts, --completion zsh" 0 0 -- "$bin" --rules evil.yaml --completion zsh
# The loader refuses control characters in rules texts (a located control-character error,
# exit 3), so none of the runs above writes a rules text at all; the writers' own escaping of
# rules texts is covered by the unit tests of sa_escape and the fuzz targets' output checks.
check "rules texts are refused by the loader" 0 0 -- sh -c '"$0" --rules evil.yaml --check; s=$?; [ $s -eq 3 ] || { echo "exit $s, expected 3"; exit 1; }; exit 0' "$bin"
if ! "$bin" --rules "$tmp/evil.yaml" --check 2>&1 | grep -q 'control-character'; then
	echo "FAIL the loader does not name the control characters of evil.yaml"
	fail=$((fail + 1))
fi
stdin="$tmp/replies"
printf '\n\n\n\n\n' > "$tmp/replies"
check "rules texts, --interactive without a terminal" 0 0 -- "$bin" --rules evil.yaml --interactive

# ---- rules files whose errors quote the payload ----------------------------------------------
cp "$tmp/evil.yaml" "$tmp/badkey.yaml"
printf '"key%s": 1\n' "$yq" >> "$tmp/badkey.yaml"
{
	sed -n '1,/^rules:/p' "$tmp/evil.yaml"
	printf '  - {id: "r%s", when: {role: "cust%s"}, recommend: soc1, because: b, sources: [s1]}\n' "$yq" "$yq"
	printf '  - {id: r2, when: {"unknown%s": true}, recommend: soc3, because: b, sources: ["s%s"]}\n' "$yq" "$yq"
} > "$tmp/badref.yaml"
for f in badkey badref; do
	# every scalar with a control character is refused at its position, so the messages about
	# these keys and references never need to quote the payload: no raw byte is the test
	check "rules errors ($f), text" 0 0 -- "$bin" --rules "$f.yaml"
	check "rules errors ($f), --check" 0 0 -- "$bin" --rules "$f.yaml" --check
	check "rules errors ($f), --check --format json" 0 0 -- "$bin" --rules "$f.yaml" --check --format json
done
printf 'format: 1\nname: "%s"\n' "$raw" > "$tmp/rawbytes.yaml"
check "rules file with raw control bytes" 0 0 -- "$bin" --rules rawbytes.yaml
check "rules file with raw control bytes, --check" 0 0 -- "$bin" --rules rawbytes.yaml --check

# ---- answers files --------------------------------------------------------------------------
printf '{"role": "%s"}\n' "$jq" > "$tmp/value.json"
printf '{"host%sing": true}\n' "$jq" > "$tmp/key.json"
printf '{"role": "%s"}\n' "$raw" > "$tmp/rawvalue.json"
printf 'role: "%s"\n' "$yq" > "$tmp/value.yaml"
printf '"host%sing": true\n' "$yq" > "$tmp/key.yaml"
printf '{"controls_months": "%s"}\n' "$jq" > "$tmp/int.json"
for f in value.json key.json rawvalue.json value.yaml key.yaml; do
	for fmt in text json; do
		check "answers file $f (--format $fmt)" 0 1 -- "$bin" --answers "$f" --format "$fmt"
	done
done
check "answers file int.json (a string for a number)" 0 0 -- "$bin" --answers int.json
stdin="$tmp/value.json"
check "answers on standard input" 0 1 -- "$bin" --answers -

# ---- batch lines ----------------------------------------------------------------------------
{
	printf '{"id": "a%s", "role": "%s"}\n' "$jq" "$jq"
	printf '{"id": "b", "host%sing": true}\n' "$jq"
	printf '{"id": "c", "role": "%s"}\n' "$raw"
	printf '{"id": "d%s", "hosting": true}\n' "$jq"
	printf '%s\n' "$raw"
	printf '{"id": "e", "controls_months": "%s"}\n' "$jq"
} > "$tmp/batch.jsonl"
check "batch lines (file)" 0 1 -- "$bin" --batch=batch.jsonl
stdin="$tmp/batch.jsonl"
check "batch lines (standard input)" 0 1 -- "$bin" --batch
stdin="$tmp/batch.jsonl"
check "batch lines --explain=full" 0 1 -- "$bin" --batch --explain=full

# ---- CSV batches, --format csv, --summary, --diff and --what-if -----------------------------
cr=$(printf '\r')
{
	printf 'vendor,id,payroll,notes\n'
	printf '"v%s",i%s,yes,"n%s, two\nlines"\n' "$raw" "$raw" "$raw"
	printf 'x,y,"%s",z\n' "$raw"
	printf 'lone%scr,c,no,"%s"\n' "$cr" "$raw"
	printf '"%s"broken,d,yes,e\n' "$raw"
} > "$tmp/batch.csv"
check "CSV batch (CSV out)" 1 1 -- "$bin" --batch batch.csv
check "CSV batch (--format json)" 1 1 -- "$bin" --batch batch.csv --format json
check "CSV batch (--summary)" 1 1 -- "$bin" --batch batch.csv --summary
stdin="$tmp/batch.csv"
check "CSV batch on standard input" 1 1 -- "$bin" --batch --input-format csv
printf 'vendor%s,payroll\nv,yes\n' "$raw" > "$tmp/header.csv"
check "CSV batch, a header with control bytes" 0 0 -- "$bin" --batch header.csv
printf '{"id": "j%s", "payroll": true}\n{"id": "k", "payroll": "%s"}\n' "$jq" "$jq" > "$tmp/lines.jsonl"
check "batch lines (--format csv)" 1 0 -- "$bin" --batch lines.jsonl --format csv
check "batch lines (--summary)" 1 0 -- "$bin" --batch lines.jsonl --summary
printf '{"meta": {"vendor": "v%s"}, "payroll": true}\n' "$jq" > "$tmp/meta.json"
check "answers file meta (--format csv)" 1 0 -- "$bin" --answers meta.json --format csv
check "answers file (--summary)" 0 0 -- "$bin" --answers meta.json --summary
cp "$tmp/meta.json" "$tmp/old$raw.json"
printf '{"payroll": false}\n' > "$tmp/new.json"
for fmt in text json markdown; do
	check "--diff with a file name (--format $fmt)" 1 0 -- "$bin" --diff "old$raw.json" new.json --format "$fmt"
	check "--what-if with a file name (--format $fmt)" 1 0 -- "$bin" --answers "old$raw.json" --what-if payroll=no --format "$fmt"
done
check "--what-if with a bad value" 0 1 -- "$bin" --what-if "payroll=$raw"
check "--what-if with an unknown question" 0 1 -- "$bin" --what-if "x$raw=1"
check "--diff with a missing file" 0 1 -- "$bin" --diff "no-such-$raw" new.json

# ---- the command line -----------------------------------------------------------------------
check "unknown option" 0 1 -- "$bin" "--x$raw"
check "unknown short option" 0 1 -- "$bin" "-$esc"
check "unknown question in --answer" 0 1 -- "$bin" --answer "x$raw=1"
check "bad enum value in --answer" 0 1 -- "$bin" --answer "role=$raw"
check "bad enum value as a flag" 0 1 -- "$bin" "--role=$raw"
check "bad number" 0 1 -- "$bin" "--controls-months=$raw"
check "bad format" 0 1 -- "$bin" --format "$raw"
check "bad explain level" 0 1 -- "$bin" "--explain=$raw"
check "bad colour" 0 1 -- "$bin" --color "$raw"
check "bad completion shell" 0 1 -- "$bin" --completion "$raw"
check "missing answers file" 0 1 -- "$bin" --answers "no-such-$raw"
check "missing rules file" 0 1 -- "$bin" --rules "no-such-$raw"
check "missing batch file" 0 1 -- "$bin" "--batch=no-such-$raw"
check "SOCADVISE_RULES naming a missing file" 0 1 -- env "SOCADVISE_RULES=no-such-$raw" "$bin"
check "--save to a bad path" 0 1 -- "$bin" --hosting --save "no-such-dir-$raw/x"

echo "$pass passed, $fail failed"
if [ "$fail" -gt 0 ]; then
	printf '%s\n' "$failures"
	exit 1
fi
exit 0
