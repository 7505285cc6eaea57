#!/bin/sh
# same_output.sh BIN GEN SOURCE_DIR - the rules compiled into BIN at build time behave as
# data/rules.yaml loaded from the file: a sample of commands (every output format, the question
# list, help, completion, check, batch over generated profiles, diff, next question) gives the
# same standard output, standard error and exit status with the built-in rules and with
# --rules data/rules.yaml. GEN is sa_gen_profiles (random fully answered profiles).
set -u
bin=${1:?usage: same_output.sh BIN GEN SOURCE_DIR}
gen=${2:?}
src=${3:?}
rules="$src/data/rules.yaml"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0
n=0

"$gen" --seed 7 --bad-every 23 120 > "$tmp/profiles.jsonl" || exit 1
printf '{"payroll": true, "role": "customer"}\n' > "$tmp/old.json"
printf '{"payroll": true, "hosting": true, "customer_data": true}\n' > "$tmp/new.json"

# run NAME ARGS...: once with the built-in rules, once with the file; the file's name in
# messages (--check) is the only expected difference
run() {
	name=$1
	shift
	"$bin" "$@" < /dev/null > "$tmp/a.out" 2> "$tmp/a.err"
	echo "status $?" >> "$tmp/a.out"
	"$bin" --rules "$rules" "$@" < /dev/null > "$tmp/b.out" 2> "$tmp/b.err"
	echo "status $?" >> "$tmp/b.out"
	cat "$tmp/a.out" "$tmp/a.err" | sed "s|rules.yaml (built in)|RULES|g" > "$tmp/a"
	cat "$tmp/b.out" "$tmp/b.err" | sed "s|$rules|RULES|g" > "$tmp/b"
	n=$((n + 1))
	if ! cmp -s "$tmp/a" "$tmp/b"; then
		echo "differs: $name: socadvise $*"
		diff "$tmp/a" "$tmp/b" | head -20
		status=1
	elif [ "$(wc -c < "$tmp/a")" -le 9 ]; then # "status N" alone
		echo "no output: $name: socadvise $*"
		status=1
	fi
}

run version --version
run help --help
run list-text --list-questions
run list-json --list-questions --format json
run list-yaml --list-questions --format yaml
run list-markdown --list-questions --format markdown
run completion-bash --completion bash
run completion-zsh --completion zsh
run check-json --check --format json # slow (about 2 s): the lint searches the answer space
for fmt in text json markdown yaml csv ics; do
	run "provider-$fmt" --payroll --hosting --customer-data --start-date 2026-03-02 \
		--explain=full --format "$fmt"
	run "customer-$fmt" --answer role=customer --payroll --start-date 2026-03-02 \
		--format "$fmt"
done
run empty-json --format json --start-date 2026-03-02
run require-complete --payroll --require-complete --start-date 2026-03-02
run summary --payroll --hosting --summary --start-date 2026-03-02
run batch --batch="$tmp/profiles.jsonl" --start-date 2026-03-02
run batch-full --batch="$tmp/profiles.jsonl" --explain=full --start-date 2026-03-02
run batch-summary --batch="$tmp/profiles.jsonl" --summary --start-date 2026-03-02
run diff --diff "$tmp/old.json" "$tmp/new.json" --start-date 2026-03-02
run what-if --payroll --what-if hosting=true --start-date 2026-03-02
run next-question --payroll --next-question
run next-question-json --next-question --format json
run unknown-flag --no-such-question

[ $status -eq 0 ] && echo "$n commands: the same output with the built-in rules and with $rules"
exit $status
