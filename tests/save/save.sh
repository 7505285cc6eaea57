#!/bin/sh
# --save writes answers files fit for version control: pretty JSON with two-space indentation,
# or YAML for a name ending in .yaml/.yml; keys in question order after the file's "meta"
# mapping, which is kept; each form reads back to the same answers and the same result.
#
# usage: save.sh SOCADVISE SOURCE_DIR
set -u
bin=$1
rules=$2/tests/golden/fixtures/mini-rules.yaml
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
run() { ${SA_WRAPPER:-} "$bin" --rules "$rules" "$@"; }
same() { # same FILE EXPECTED-TEXT
	printf '%s\n' "$2" > "$tmp/expected"
	if ! diff -u "$tmp/expected" "$1"; then echo "FAIL: $1 differs"; fail=1; fi
}

# a YAML answers file with meta, answered out of question order, with a flag over it
cat > "$tmp/in.yaml" <<'END'
meta:
  vendor: Acme Payroll
  owner: "it-risk@example.com"
  reviewed_at: 2026-01-15
  notes: "two\nlines, a \"quote\""
hosting: true
role: Customer
END
run --answers "$tmp/in.yaml" --payroll --save "$tmp/out.json" > /dev/null || { echo "FAIL: save json"; fail=1; }
same "$tmp/out.json" '{
  "meta": {
    "vendor": "Acme Payroll",
    "owner": "it-risk@example.com",
    "reviewed_at": "2026-01-15",
    "notes": "two\nlines, a \"quote\""
  },
  "role": "customer",
  "payroll": true,
  "hosting": true
}'
run --answers "$tmp/out.json" --save "$tmp/out.yml" > /dev/null || { echo "FAIL: save yaml"; fail=1; }
same "$tmp/out.yml" '# socadvise answers (read back with --answers)
meta:
  vendor: "Acme Payroll"
  owner: "it-risk@example.com"
  reviewed_at: "2026-01-15"
  notes: "two\nlines, a \"quote\""
role: "customer"
payroll: true
hosting: true'
# YAML back to JSON: byte for byte the same file
run --answers "$tmp/out.yml" --save "$tmp/again.json" > /dev/null
cmp -s "$tmp/out.json" "$tmp/again.json" || { echo "FAIL: JSON -> YAML -> JSON changed the file"; fail=1; }
# the same result from each form, with meta in the JSON output
run --answers "$tmp/out.json" --format json > "$tmp/r1.json"
run --answers "$tmp/out.yml" --format json > "$tmp/r2.json"
cmp -s "$tmp/r1.json" "$tmp/r2.json" || { echo "FAIL: the JSON and YAML files give different results"; fail=1; }
grep -q '^  "meta": {$' "$tmp/r1.json" || { echo "FAIL: no meta in the JSON output"; fail=1; }
grep -q '"vendor": "Acme Payroll"' "$tmp/r1.json" || { echo "FAIL: meta.vendor missing"; fail=1; }
# without meta and without answers: an empty object
run --save "$tmp/empty.json" > /dev/null
same "$tmp/empty.json" '{}'
run --save "$tmp/empty.yaml" > /dev/null
run --answers "$tmp/empty.yaml" --format json > /dev/null || { echo "FAIL: an empty saved YAML file does not read back"; fail=1; }
[ "$fail" = 0 ] && echo "ok: --save writes stable JSON and YAML and keeps meta"
exit $fail
