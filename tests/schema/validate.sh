#!/bin/sh
# Validate real socadvise outputs, answers files, batch lines and rules files against the JSON
# Schemas in docs/schema/ with a real validator (ajv-cli, draft 2020-12), and check that each
# schema also rejects a document that breaks it (a schema that accepts everything proves nothing).
#
# usage: validate.sh SOCADVISE SA_GEN_PROFILES SOURCE_DIR
# Needs ajv-cli and ajv-formats (npm install -g ajv-cli ajv-formats, or under tests/node_modules)
# and a YAML-to-JSON converter (yq, or python3 with PyYAML). Exits 77 (skipped) without them.
set -u
bin=$1
gen=$2
src=$3
schema=$src/docs/schema
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

ajv=
if command -v ajv > /dev/null 2>&1; then
	ajv=ajv
elif [ -x "$src/tests/node_modules/.bin/ajv" ]; then
	ajv=$src/tests/node_modules/.bin/ajv
fi
if [ -z "$ajv" ] || ! command -v node > /dev/null 2>&1; then
	echo "SKIPPED: ajv-cli (node) is not installed: npm install -g ajv-cli ajv-formats"
	exit 77
fi
if command -v yq > /dev/null 2>&1; then
	yaml2json() { yq . "$1"; }
elif python3 -c 'import yaml' > /dev/null 2>&1; then
	yaml2json() { python3 -c 'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)' "$1"; }
else
	echo "SKIPPED: no YAML-to-JSON converter (yq, or python3 with PyYAML)"
	exit 77
fi

fail=0
# validate SCHEMA [-r REF]... -- FILE...: every FILE must be valid
validate() {
	s=$1
	shift
	refs=
	while [ "$1" != -- ]; do
		refs="$refs -r $2"
		shift 2
	done
	shift
	data=
	for f in "$@"; do
		data="$data -d $f"
	done
	# one validator run per schema: node starts once for all the files
	# shellcheck disable=SC2086
	if ! out=$("$ajv" validate --spec=draft2020 --allow-union-types -c ajv-formats \
		-s "$s" $refs $data 2>&1); then
		echo "INVALID against $(basename "$s"):"
		echo "$out" | grep -v ' valid$' | head -40
		fail=1
	fi
}
# reject SCHEMA REF... -- FILE: FILE must be invalid
reject() {
	s=$1
	shift
	refs=
	while [ "$1" != -- ]; do
		refs="$refs -r $2"
		shift 2
	done
	# shellcheck disable=SC2086
	if "$ajv" validate --spec=draft2020 --allow-union-types -c ajv-formats -s "$s" $refs \
		-d "$2" > /dev/null 2>&1; then
		echo "ACCEPTED by $(basename "$s") but should not be: $2"
		fail=1
	fi
}

n=0
out() { # out NAME ARGS...: run socadvise, keep its standard output as $tmp/NAME
	name=$1
	shift
	"$bin" "$@" > "$tmp/$name" 2> "$tmp/$name.err"
	st=$?
	if [ "$st" -ne 0 ] && [ "$st" -ne 6 ]; then
		echo "socadvise $* exited $st:"
		cat "$tmp/$name.err"
		fail=1
	fi
	n=$((n + 1))
}

# 1. The output document of several profiles, every explanation level, JSON and YAML.
mkdir "$tmp/out"
out out/none.json --format json
out out/payroll.json --payroll --auditor-reliance --format json
out out/saas.json --hosting --customer-data --uptime-commitments --confidential-data --format json
out out/saas-full.json --hosting --customer-data --no-public-report --explain --format json
out out/customer.json --answer role=customer --payroll --auditor-reliance --gap-months=3 --format json
out out/brief.json --hosting --security-reviews --explain=none --format json
out out/first.json --hosting --first-report --controls-months=2 --deadline-months=4 --type2-required --format json
out out/products.json --products --board-cyber-assurance --no-service-org --format json
out out/mini.json --rules "$src/tests/golden/fixtures/mini-rules.yaml" --hosting --uptime --format json --explain
out out/meta.json --rules "$src/tests/golden/fixtures/mini-rules.yaml" --answers "$src/tests/golden/cases/answers-meta-output/a.json" --format json
out out/saas.yaml --hosting --customer-data --health-info --format yaml
yaml2json "$tmp/out/saas.yaml" > "$tmp/out/saas-yaml.json" && rm "$tmp/out/saas.yaml"
validate "$schema/output.schema.json" -- "$tmp"/out/*.json

# 2. The question vocabulary.
out questions.json --list-questions --format json
out questions-mini.json --rules "$src/tests/golden/fixtures/mini-rules.yaml" --list-questions --format json
validate "$schema/questions.schema.json" -- "$tmp/questions.json" "$tmp/questions-mini.json"

# 3. Answers files: those of the test suite, and one written by --save when it exists.
mkdir "$tmp/answers"
i=0
for f in "$src"/tests/golden/cases/*/answers.json "$src"/tests/golden/cases/*/answers.yaml; do
	[ -f "$f" ] || continue
	i=$((i + 1))
	case $f in
	*.yaml) yaml2json "$f" > "$tmp/answers/$i.json" ;;
	*) cp "$f" "$tmp/answers/$i.json" ;;
	esac
done
if "$bin" --help 2>/dev/null | grep -q -- '--save'; then
	"$bin" --hosting --controls-months=4 --answer role=provider --save "$tmp/answers/saved.json" > /dev/null 2>&1 &&
		[ -s "$tmp/answers/saved.json" ] || rm -f "$tmp/answers/saved.json"
fi
printf '{"id": "x", "hosting": true, "controls-months": 3, "role": "customer", "payroll": null}\n' > "$tmp/answers/handmade.json"
# --save with a meta mapping kept, as JSON and as YAML
printf 'meta:\n  vendor: Acme\n  reviewed_at: 2026-01-15\nhosting: true\n' > "$tmp/meta-in.yaml"
"$bin" --answers "$tmp/meta-in.yaml" --role=customer --save "$tmp/answers/saved-meta.json" > /dev/null 2>&1 || fail=1
"$bin" --answers "$tmp/meta-in.yaml" --save "$tmp/saved-meta.yaml" > /dev/null 2>&1 || fail=1
yaml2json "$tmp/saved-meta.yaml" > "$tmp/answers/saved-meta-yaml.json"
validate "$schema/answers.schema.json" -- "$tmp"/answers/*.json

# 4. Batch lines and batch results: 200 generated profiles, every 17th line bad.
mkdir "$tmp/lines" "$tmp/results"
"$gen" --seed 7 200 > "$tmp/in.jsonl"
"$gen" --seed 7 --bad-every 17 200 > "$tmp/in-bad.jsonl"
split -l 1 -a 4 "$tmp/in.jsonl" "$tmp/lines/l"
for f in "$tmp"/lines/l*; do mv "$f" "$f.json"; done
validate "$schema/batch-line.schema.json" -r "$schema/answers.schema.json" -- "$tmp"/lines/*.json
"$bin" --batch "$tmp/in-bad.jsonl" > "$tmp/results.jsonl" 2> /dev/null
"$bin" --batch --explain=full "$tmp/in.jsonl" 2> /dev/null | head -n 20 >> "$tmp/results.jsonl"
split -l 1 -a 4 "$tmp/results.jsonl" "$tmp/results/r"
for f in "$tmp"/results/r*; do mv "$f" "$f.json"; done
validate "$schema/batch-result.schema.json" -r "$schema/output.schema.json" -- "$tmp"/results/*.json

# 4b. --summary lines: single results, JSON Lines and CSV batches (bad lines give error objects,
# which batch-result.schema.json describes), and --diff / --what-if documents.
mkdir "$tmp/summary" "$tmp/diff"
out summary/payroll.json --payroll --auditor-reliance --summary
out summary/none.json --summary
out summary/plan.json --start-date 2026-01-15 --hosting --customer-data --first-report --controls-months=4 --deadline-months=3 --no-type2-required --summary
"$bin" --batch --summary "$tmp/in.jsonl" 2> /dev/null | head -n 40 > "$tmp/summary-lines.jsonl"
sh "$src/tests/batch/gen-vendors.sh" 60 1000 3 > "$tmp/vendors.csv"
"$bin" --batch "$tmp/vendors.csv" --summary 2> /dev/null >> "$tmp/summary-lines.jsonl"
split -l 1 -a 4 "$tmp/summary-lines.jsonl" "$tmp/summary/s"
for f in "$tmp"/summary/s*; do mv "$f" "$f.json"; done
validate "$schema/summary.schema.json" -- "$tmp"/summary/*.json
for f in "$tmp"/summary/*.json; do
	size=$(wc -c < "$f")
	[ "$size" -le 2048 ] || { echo "a --summary line of $size bytes: $(basename "$f")"; fail=1; }
done
printf '{"payroll": true, "controls_months": 2}\n' > "$tmp/old.json"
printf '{"hosting": true, "customer_data": true, "controls_months": 6}\n' > "$tmp/new.json"
"$bin" --start-date 2026-01-15 --diff "$tmp/old.json" "$tmp/new.json" --format json > "$tmp/diff/files.json"
"$bin" --start-date 2026-01-15 --hosting --customer-data --first-report --no-type2-required \
	--deadline-months=3 --controls-months=2 --what-if controls_months=6 --what-if evidence_retained=yes \
	--format json > "$tmp/diff/whatif.json"
"$bin" --payroll --what-if payroll=unknown --format json > "$tmp/diff/unknown.json"
"$bin" --payroll --what-if payroll=yes --format json > "$tmp/diff/same.json"
validate "$schema/diff.schema.json" -- "$tmp"/diff/*.json

# 5. Rules files: the default rules and the test fixtures that load.
mkdir "$tmp/rules"
yaml2json "$src/data/rules.yaml" > "$tmp/rules/default.json"
yaml2json "$src/tests/golden/fixtures/mini-rules.yaml" > "$tmp/rules/mini.json"
[ -f "$src/tests/golden/cases/rules-env/tiny.yaml" ] &&
	yaml2json "$src/tests/golden/cases/rules-env/tiny.yaml" > "$tmp/rules/tiny.json"
validate "$schema/rules.schema.json" -- "$tmp"/rules/*.json
head -n 1 "$src/data/rules.yaml" | grep -q 'yaml-language-server: \$schema=../docs/schema/rules.schema.json' || {
	echo "data/rules.yaml does not name its schema on its first line"
	fail=1
}

# 6. Each schema rejects a document that breaks it.
jq_set() { # jq_set FILTER IN OUT, with node when jq is missing
	node -e 'const fs=require("fs"); const d=JSON.parse(fs.readFileSync(process.argv[2])); (new Function("d", process.argv[1]))(d); fs.writeFileSync(process.argv[3], JSON.stringify(d));' "$1" "$2" "$3"
}
jq_set 'd.recommendations[0].status = "maybe"' "$tmp/out/payroll.json" "$tmp/bad-output.json"
reject "$schema/output.schema.json" -- "$tmp/bad-output.json"
jq_set 'd.surprise = 1' "$tmp/out/payroll.json" "$tmp/bad-output2.json"
reject "$schema/output.schema.json" -- "$tmp/bad-output2.json"
echo '{"hosting": [true]}' > "$tmp/bad-answers.json"
reject "$schema/answers.schema.json" -- "$tmp/bad-answers.json"
echo '{"meta": {"reviewed": true}}' > "$tmp/bad-answers2.json"
reject "$schema/answers.schema.json" -- "$tmp/bad-answers2.json"
echo '{"line": 0, "column": 1, "error": {"code": "x", "message": "m"}, "errors": []}' > "$tmp/bad-result.json"
reject "$schema/batch-result.schema.json" -r "$schema/output.schema.json" -- "$tmp/bad-result.json"
jq_set 'd.rules[0].recommend = "soc9"' "$tmp/rules/default.json" "$tmp/bad-rules.json"
reject "$schema/rules.schema.json" -- "$tmp/bad-rules.json"
jq_set 'd.questions[0].colour = "red"' "$tmp/rules/default.json" "$tmp/bad-rules2.json"
reject "$schema/rules.schema.json" -- "$tmp/bad-rules2.json"
jq_set 'd.questions[0].type = "text"' "$tmp/questions.json" "$tmp/bad-questions.json"
reject "$schema/questions.schema.json" -- "$tmp/bad-questions.json"
jq_set 'd.reports[0].status = "maybe"' "$tmp/summary/payroll.json" "$tmp/bad-summary.json"
reject "$schema/summary.schema.json" -- "$tmp/bad-summary.json"
jq_set 'd.changes[0].old = 1' "$tmp/diff/files.json" "$tmp/bad-diff.json"
reject "$schema/diff.schema.json" -- "$tmp/bad-diff.json"

# 7. --format yaml is the JSON document: converted back to JSON it is equal, key order included.
same_json() { node -e 'const fs=require("fs"); const [a,b]=process.argv.slice(1).map(f=>JSON.stringify(JSON.parse(fs.readFileSync(f)))); process.exit(a===b?0:1)' "$1" "$2"; }
for args in "--format=X" "--payroll --auditor-reliance --explain --format=X" \
	"--answer role=customer --billing --gap-months=2 --format=X" "--hosting --explain=none --format=X" \
	"--rules $src/tests/golden/fixtures/mini-rules.yaml --hosting --uptime --controls-months=2 --format=X" \
	"--list-questions --format=X"; do
	# shellcheck disable=SC2086
	"$bin" $(echo "$args" | sed 's/=X$/=yaml/') > "$tmp/y.yaml" 2> /dev/null
	# shellcheck disable=SC2086
	"$bin" $(echo "$args" | sed 's/=X$/=json/') > "$tmp/j.json" 2> /dev/null
	yaml2json "$tmp/y.yaml" > "$tmp/y.json"
	same_json "$tmp/y.json" "$tmp/j.json" || { echo "YAML and JSON outputs differ: socadvise $args"; fail=1; }
done

[ "$fail" = 0 ] && echo "ok: $n outputs, $(ls "$tmp"/results | wc -l) batch results, $(ls "$tmp"/lines | wc -l) batch lines, $(ls "$tmp"/answers | wc -l) answers files and $(ls "$tmp"/rules | wc -l) rules files valid, $(ls "$tmp"/summary | wc -l) --summary lines and $(ls "$tmp"/diff | wc -l) diffs valid; 9 broken documents rejected; YAML output equals JSON output"
exit $fail
