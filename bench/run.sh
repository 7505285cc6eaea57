#!/bin/sh
# The figures of docs/performance.md: batch throughput and startup, peak memory, and the direct
# library microbenchmark. Never run by ctest (timings on shared machines are noise for a test).
#
# usage: bench/run.sh BUILD_DIR [RUNS]     (BUILD_DIR built with the default RelWithDebInfo flags)
# Needs hyperfine, jq and GNU time (/usr/bin/time; Debian package "time").
set -eu
build=$(cd "$1" && pwd)
runs=${2:-5}
bin=$build/socadvise
gen=$build/bench/sa_gen_profiles
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pin=
command -v taskset > /dev/null 2>&1 && pin="taskset -c 0"

echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
echo "socadvise: $($bin --version), rules: $($bin --list-questions --format json | jq -r '.rules | "\(.name) \(.version)"'), $($bin --list-questions | grep -c '^[a-z]') questions"
echo

# (a) T(N) = startup + N x cost, fully answered random profiles from a fixed seed
for n in 0 1000 10000 100000; do
	"$gen" --seed 1 "$n" > "$tmp/p$n.jsonl"
done
hyperfine -N --warmup 1 --runs "$runs" --export-json "$tmp/t.json" \
	-L n 0,1000,10000,100000 "$pin $bin --batch $tmp/p{n}.jsonl --format json" \
	--output=null > "$tmp/hyperfine.txt"
echo "batch wall time (hyperfine, $runs runs, output to /dev/null):"
jq -r '.results[] | "  N = \(.parameters.n | tonumber): mean \(.mean * 1000 | . * 100 | round / 100) ms, sd \(.stddev * 1000 | . * 100 | round / 100) ms"' "$tmp/t.json"
# least squares fit of the mean time against N, weighted by 1/T^2 (relative errors), so that
# the startup is not swamped by the noise of the largest N
jq -r '.results[] | "\(.parameters.n) \(.mean)"' "$tmp/t.json" | awk '
	{ w = 1 / ($2 * $2); sw += w; sx += w * $1; sy += w * $2; sxx += w * $1 * $1; sxy += w * $1 * $2 }
	END {
		b = (sw * sxy - sx * sy) / (sw * sxx - sx * sx); a = (sy - b * sx) / sw
		printf "fit T(N) = startup + N x cost: startup %.2f ms, cost %.2f us per profile\n", a * 1000, b * 1e6
	}'
echo

# (b) peak memory with a few bad lines: it must not grow with N
echo "peak memory (/usr/bin/time -f %M), a bad line every 997:"
for n in 1000 10000 100000; do
	"$gen" --seed 2 --bad-every 997 "$n" > "$tmp/b$n.jsonl"
	/usr/bin/time -f %M -o "$tmp/mem" "$bin" --batch "$tmp/b$n.jsonl" > "$tmp/out" 2> /dev/null || true
	printf '  N = %6d: %5d KiB peak RSS, %d output lines, %d error objects\n' "$n" "$(tail -n 1 "$tmp/mem")" \
		"$(wc -l < "$tmp/out")" "$(grep -c '"error":{' "$tmp/out")"
done
/usr/bin/time -f %M -o "$tmp/mem" "$bin" --version > /dev/null
printf '  --version (no rules loaded): %d KiB\n' "$(tail -n 1 "$tmp/mem")"
echo

# the direct library microbenchmark
echo "library microbenchmark (sa_evalbench, in memory, no startup, no parsing):"
$pin "$build/bench/sa_evalbench" --profiles 2000 --rounds 50 | sed 's/^/  /'
