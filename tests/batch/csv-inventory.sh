#!/bin/sh
# A vendor inventory in CSV keeps the batch contract: N rows with some bad ones give exactly N
# output rows in order, an error row (naming the row, the column and its header) for each bad
# one and only for them, the pass-through columns (vendor, owner, id, notes) identical cell for
# cell to the input, read back with libcsv; the exit status is 4, and each bad row is reported
# on standard error with its FILE:LINE:COL. --format json and --summary give N lines.
#
# usage: csv-inventory.sh SOCADVISE CSV_CELLS SOURCE_DIR [N] [BAD_EVERY] [SEED]
set -u
bin=$1
cells=$2
src=$3
n=${4:-10000}
every=${5:-997}
seed=${6:-15}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
bad=$((n / every))

sh "$src/tests/batch/gen-vendors.sh" "$n" "$every" "$seed" > "$tmp/vendors.csv" || { echo "generator failed"; exit 1; }
"$bin" --batch "$tmp/vendors.csv" > "$tmp/out.csv" 2> "$tmp/err"
status=$?
if [ "$status" -ne 4 ]; then
	echo "exit status: expected 4, got $status"
	fail=1
fi

# the pass-through columns: input columns 1 2 3 9, output columns 1 to 4
"$cells" "$tmp/vendors.csv" 1 2 3 9 > "$tmp/in.cells" || fail=1
"$cells" "$tmp/out.csv" 1 2 3 4 > "$tmp/out.cells" || fail=1
if ! cmp -s "$tmp/in.cells" "$tmp/out.cells"; then
	echo "the pass-through cells differ:"
	diff "$tmp/in.cells" "$tmp/out.cells" | head -10
	fail=1
fi
records=$(tail -n 1 "$tmp/out.cells")
if [ "$records" != "records: $((n + 1))" ]; then
	echo "output: $records, expected $((n + 1)) (a header and $n rows)"
	fail=1
fi

# every row has 11 cells; the error column (11) is set exactly on the bad rows, naming the row
# (its number as a spreadsheet shows it: the header is row 1), the column and its header
"$cells" "$tmp/out.csv" 0 3 11 5 | awk -F '\t' -v n="$n" '
	NR == 1 { if ($3 != "error") { print "header: no error column"; errs++ } next }
	/^records:/ { next }
	{
		if ($1 != 11) { printf "row %d: %s cells\n", NR, $1; errs++ }
		isbad = $2 ~ /^bad-/
		if (isbad && $3 !~ ("^row " NR ", column [0-9]+ .(payroll|controls_months|role).: ")) {
			printf "row %d (%s): expected an error naming the row and column, got [%s]\n", NR, $2, $3; errs++
		}
		if (!isbad && $3 != "") { printf "row %d (%s): unexpected error [%s]\n", NR, $2, $3; errs++ }
		if (!isbad && $4 !~ /^(true|false)$/) { printf "row %d: complete is [%s]\n", NR, $4; errs++ }
		if (errs > 10) exit 1
	}
	END { exit errs > 0 }' || fail=1

# standard error: one FILE:LINE:COL line per bad row, then the count
located=$(grep -c "^socadvise: $tmp/vendors.csv:[0-9]*:[0-9]*: row [0-9]*, column " "$tmp/err")
if [ "$located" -ne "$bad" ]; then
	echo "stderr: $located located errors, expected $bad"
	fail=1
fi
if [ "$(tail -n 1 "$tmp/err")" != "socadvise: $tmp/vendors.csv: $bad of $n rows failed" ]; then
	echo "stderr summary: $(tail -n 1 "$tmp/err")"
	fail=1
fi

# the JSON forms: one line per row, the errors as error objects, ids from the id column
for mode in "--format json" "--summary"; do
	# shellcheck disable=SC2086
	"$bin" --batch "$tmp/vendors.csv" $mode > "$tmp/out.jsonl" 2> /dev/null
	st=$?
	lines=$(wc -l < "$tmp/out.jsonl")
	errors=$(grep -c '^{"id":"bad-[0-9]*","line":' "$tmp/out.jsonl")
	if [ "$st" -ne 4 ] || [ "$lines" -ne "$n" ] || [ "$errors" -ne "$bad" ]; then
		echo "$mode: exit $st, $lines lines, $errors error objects (expected 4, $n, $bad)"
		fail=1
	fi
done

[ "$fail" = 0 ] && echo "ok: $n rows in, $n rows out, $bad error rows, pass-through cells identical, exit $status"
exit $fail
