#!/bin/sh
# run.sh TARGET SECONDS [JOBS] - run one fuzz target on its corpus for a while.
#
# TARGET is rules, answers or batch. The target must already be built (this script builds
# nothing): cmake -B build-fuzz -DSOCADVISE_FUZZ=ON -DCMAKE_C_COMPILER=clang && cmake --build
# build-fuzz -j2. The binary is taken from $FUZZ_BUILD (default: build-fuzz at the top of the
# source tree).
#
# New inputs that reach new coverage go to a work corpus ($FUZZ_WORK, default
# build-fuzz/corpus-TARGET, seeded from the committed tests/fuzz/corpus/TARGET, which is only
# read); crash, leak, timeout and out-of-memory inputs are copied to tests/fuzz/findings/TARGET/.
# Each input may take 10 seconds and the process 2048 MB before it counts as a finding. By
# default the run stops at its first finding (what CI wants); with FUZZ_KEEP_GOING=1 it runs in
# libFuzzer's fork mode, saves each finding and goes on until the time is up. FUZZ_RUNS=N ends
# the run after N executions if that comes before the time is up (a long run: 10000000). The
# executions, coverage and findings of the run are printed at the end. Exit status: 0 when the
# run found nothing, 1 when it found something, 2 on a usage error.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: $0 rules|answers|batch SECONDS [JOBS]" >&2
	exit 2
fi
target=$1
seconds=$2
jobs=${3:-1}
case $target in rules | answers | batch) ;; *)
	echo "$0: unknown target '$target' (rules, answers or batch)" >&2
	exit 2 ;;
esac
case $seconds$jobs in *[!0-9]*)
	echo "$0: SECONDS and JOBS are whole numbers" >&2
	exit 2 ;;
esac

build=${FUZZ_BUILD:-$top/build-fuzz}
bin=$build/fuzz_$target
if [ ! -x "$bin" ]; then
	echo "$0: $bin is not built (cmake -B build-fuzz -DSOCADVISE_FUZZ=ON -DCMAKE_C_COMPILER=clang)" >&2
	exit 2
fi
work=${FUZZ_WORK:-$build/corpus-$target}
findings=$here/findings/$target
artifacts=$build/artifacts-$target
log=$build/fuzz-$target.log
mkdir -p "$work" "$artifacts"
rm -f "$artifacts"/* "$build"/fuzz-$target-*.log "$build"/fuzz-[0-9]*.log

# -jobs > 1 runs that many fuzzing processes (each writes fuzz-JOB.log in the current directory).
# libFuzzer's ASan leak check is on by default; detect_leaks is stated for clarity.
cd "$build"
status=0
if [ "${FUZZ_KEEP_GOING:-0}" = 1 ]; then
	mode="-fork=$jobs -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
elif [ "$jobs" -gt 1 ]; then
	mode="-jobs=$jobs -workers=$jobs"
else
	mode=
fi
case ${FUZZ_RUNS:-} in
'') ;;
*[!0-9]*) echo "$0: FUZZ_RUNS is a whole number" >&2; exit 2 ;;
*) mode="$mode -runs=$FUZZ_RUNS" ;;
esac
# shellcheck disable=SC2086 # $mode is a list of options
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
"$bin" "$work" "$here/corpus/$target" \
	-dict="$here/$target.dict" \
	-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
	$mode -artifact_prefix="$artifacts/" -print_final_stats=1 > "$log" 2>&1 || status=$?
if [ "$jobs" -gt 1 ]; then
	for f in fuzz-*.log; do
		[ -f "$f" ] || continue
		cat "$f" >> "$log"
		mv "$f" "fuzz-$target-$f"
	done
fi

# Findings: crash-*, leak-*, timeout-*, oom-*, slow-unit-* files written by libFuzzer.
found=0
for f in "$artifacts"/*; do
	[ -f "$f" ] || continue
	mkdir -p "$findings"
	cp "$f" "$findings/"
	found=$((found + 1))
	echo "finding: $findings/$(basename "$f")"
done

# libFuzzer's final statistics (stat::*) and its last status line, summed over the jobs.
awk -v target="$target" -v secs="$seconds" -v jobs="$jobs" '
	/^stat::number_of_executed_units:/ { execs += $2 }
	/^stat::average_exec_per_sec:/ { rate += $2 }
	/^stat::peak_rss_mb:/ { if ($2 > rss) rss = $2 }
	/^#[0-9]+.*cov: / {
		last = substr($1, 2) + 0
		for (i = 1; i <= NF; i++) {
			if ($i == "cov:") cov = $(i + 1)
			if ($i == "ft:") ft = $(i + 1)
			if ($i == "corp:") corp = $(i + 1)
		}
	}
	END {
		if (!execs) execs = last	# fork mode prints no stat:: lines
		if (!rate && secs > 0) rate = execs / secs
		printf "%s: %d executions in %s s with %d job(s) (%d/s), coverage %s edges, %s features, corpus %s, peak RSS %d MB\n",
			target, execs, secs, jobs, rate, cov, ft, corp, rss
	}' "$log"
grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz:)' "$log" | sort | uniq -c | head -20 || true
echo "log: $log"
if [ "$found" -gt 0 ] || [ "$status" -ne 0 ]; then
	echo "$target: $found finding(s), libFuzzer exit status $status"
	exit 1
fi
echo "$target: no findings"
