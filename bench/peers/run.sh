#!/bin/sh
# The peer comparison of docs/performance.md: socadvise, CLIPS 6.30 (C API) and json-rules-engine
# 7.3.1 on the same generated rule sets (22, 200 and 2,000 rules) and the same profiles; an
# equivalence gate first (every engine, every profile, the same recommendation set, or nothing is
# timed), then hyperfine on one pinned core and /usr/bin/time for peak memory. Prints a Markdown
# table with the targets. Never run by ctest (timings on shared machines are noise for a test).
#
# usage: bench/peers/run.sh BUILD_DIR [RUNS]     the gate, then the benchmark (RUNS: hyperfine's
#                                               runs per point, default 5)
#        bench/peers/run.sh --gate N BUILD_DIR  only the gate, on N profiles per rule set (CI)
# BUILD_DIR: a build (RelWithDebInfo, the default, or Release) with bench/peers built, sa_clips_run included
# (needs libclips-dev). Needs jq, node and npm (json-rules-engine is installed with `npm ci` in
# bench/peers/ when missing); the benchmark also needs hyperfine, taskset and GNU time.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
gate=
if [ "${1:-}" = --gate ]; then
	[ $# -eq 3 ] || { echo "usage: $0 --gate N BUILD_DIR" >&2; exit 2; }
	gate=$2
	shift 2
fi
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [RUNS] | $0 --gate N BUILD_DIR" >&2; exit 2; }
build=$(cd "$1" && pwd)
runs=${2:-5}
bin=$build/socadvise
tools=$build/bench/peers
for t in "$bin" "$tools/sa_gen_rules" "$tools/sa_gen_peer_profiles" "$tools/sa_peer_translate" \
	"$tools/sa_clips_run"; do
	[ -x "$t" ] || { echo "$0: $t is missing: build BUILD_DIR (sa_clips_run needs libclips-dev)" >&2; exit 2; }
done
need="jq node npm"
[ -n "$gate" ] || need="$need hyperfine taskset"
for c in $need; do
	command -v "$c" > /dev/null 2>&1 || { echo "$0: $c is needed" >&2; exit 2; }
done
[ -n "$gate" ] || [ -x /usr/bin/time ] || { echo "$0: GNU time (/usr/bin/time) is needed" >&2; exit 2; }
[ -d "$here/node_modules/json-rules-engine" ] ||
	(cd "$here" && npm ci --no-audit --no-fund --loglevel=error > /dev/null)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sets="22 200 2000"
# Profiles per point for each engine and rule set: the largest N of each keeps a run under about
# ten seconds (json-rules-engine needs about 0.2 s a profile on 2,000 rules).
points() { # ENGINE SET
	if [ -n "$gate" ]; then
		echo "0 $gate"
		return
	fi
	case "$1.$2" in
	socadvise.22) echo "0 1000 10000 100000" ;;
	socadvise.*) echo "0 1000 5000" ;;
	clips.22) echo "0 1000 10000" ;;
	clips.200) echo "0 1000 5000" ;;
	clips.2000) echo "0 100 1000" ;;
	jre.22) echo "0 1000 5000" ;;
	jre.200) echo "0 100 1000" ;;
	jre.2000) echo "0 10 50" ;;
	esac
}
largest() { points "$1" "$2" | awk '{ print $NF }'; }

# The rule sets, their translations, and one profile file per set whose first N lines are the
# profiles of every point N (so the gate on the largest N covers the smaller ones).
for s in $sets; do
	"$tools/sa_gen_rules" --seed 1 --rules "$s" > "$tmp/r$s.yaml"
	"$tools/sa_peer_translate" --clips "$tmp/r$s.yaml" > "$tmp/r$s.clp"
	"$tools/sa_peer_translate" --jre "$tmp/r$s.yaml" > "$tmp/r$s.json"
	max=$(largest socadvise "$s")
	"$tools/sa_gen_peer_profiles" --rules "$tmp/r$s.yaml" --seed 2 "$max" > "$tmp/p$s.all"
	for e in socadvise clips jre; do
		for n in $(points "$e" "$s"); do
			head -n "$n" "$tmp/p$s.all" > "$tmp/p$s.$n.jsonl"
		done
	done
done

run_engine() { # ENGINE SET PROFILES
	case "$1" in
	socadvise) "$bin" --rules "$tmp/r$2.yaml" --batch "$3" | jq -c -f "$here/recs.jq" ;;
	clips) "$tools/sa_clips_run" "$tmp/r$2.clp" "$3" ;;
	jre) node "$here/jre_run.js" "$tmp/r$2.json" "$3" ;;
	esac
}

# The gate: socadvise is the reference; CLIPS answers every profile any engine is timed on,
# json-rules-engine every profile it is timed on.
echo "equivalence gate:"
for s in $sets; do
	run_engine socadvise "$s" "$tmp/p$s.$(largest socadvise "$s").jsonl" > "$tmp/ref$s"
	for e in clips jre; do
		n=$(largest "$e" "$s")
		[ "$e" = clips ] && n=$(largest socadvise "$s")
		[ -f "$tmp/p$s.$n.jsonl" ] || head -n "$n" "$tmp/p$s.all" > "$tmp/p$s.$n.jsonl"
		run_engine "$e" "$s" "$tmp/p$s.$n.jsonl" > "$tmp/out"
		head -n "$n" "$tmp/ref$s" > "$tmp/ref"
		if ! cmp -s "$tmp/ref" "$tmp/out"; then
			line=$(cmp "$tmp/ref" "$tmp/out" 2>&1 | sed -n 's/.* line \([0-9]*\).*/\1/p')
			echo "  $s rules, $e: DIFFERS from socadvise at profile line ${line:-?} of $n:" >&2
			echo "    socadvise: $(sed -n "${line:-1}p" "$tmp/ref")" >&2
			echo "    $e: $(sed -n "${line:-1}p" "$tmp/out")" >&2
			echo "nothing is timed" >&2
			exit 1
		fi
		printf '  %5s rules, %-9s: %6d profiles, same recommendation sets as socadvise (%s distinct)\n' \
			"$s" "$e" "$n" "$(sort -u "$tmp/out" | sed 's/^{"id":[^,]*,//' | sort -u | wc -l)"
	done
done
[ -z "$gate" ] || exit 0
echo

# ---- the benchmark ----------------------------------------------------------------------------
# hyperfine itself runs on one core (BENCH_CPU, default 0), so every command it starts, with all
# its threads, does too (no taskset in the measured command line). The figures are the processes'
# CPU time (user + system, hyperfine's means): pinned to one core, it is the wall time of a quiet
# machine, and it does not count the time other jobs of a shared machine hold the core.
core=${BENCH_CPU:-0}
hf() { # NAME COMMAND N-LIST: hyperfine over the points, results in $tmp/NAME.json
	taskset -c "$core" hyperfine -N --warmup 1 --runs "$runs" --output=null \
		--export-json "$tmp/$1.json" -L n "$(echo "$3" | tr ' ' ',')" "$2" > /dev/null
}
t0() { # NAME: CPU time at N = 0, ms
	jq -r '.results[] | select(.parameters.n == "0") | (.user + .system) * 1000' "$tmp/$1.json"
}
cost() { # NAME: least-squares fit of T(N) = startup + N x cost, weighted by 1/T^2 (relative
	# errors, so that the largest N does not swamp the rest); prints the cost in microseconds
	jq -r '.results[] | "\(.parameters.n) \(.user + .system)"' "$tmp/$1.json" | awk '
		{ w = 1 / ($2 * $2); sw += w; sx += w * $1; sy += w * $2; sxx += w * $1 * $1; sxy += w * $1 * $2 }
		END { printf "%.4f\n", (sw * sxy - sx * sy) / (sw * sxx - sx * sx) * 1e6 }'
}
rss() { # COMMAND...: peak RSS in KiB
	/usr/bin/time -f %M -o "$tmp/mem" "$@" > /dev/null
	tail -n 1 "$tmp/mem"
}
ms() { awk -v v="$1" 'BEGIN { printf(v < 10 ? "%.2f ms" : v < 100 ? "%.1f ms" : "%.0f ms", v) }'; }
us() { awk -v v="$1" 'BEGIN { printf(v < 10 ? "%.2f" : v < 1000 ? "%.1f" : "%.0f", v) }'; }
mb() { awk -v v="$1" 'BEGIN { printf "%.1f", v / 1024 }'; }
ok() { awk "BEGIN { exit !($1) }" && echo "**met**" || echo "not met"; }

cmd_of() { # ENGINE SET: the measured command, {n} standing for the number of profiles
	case "$1" in
	socadvise) echo "$bin --rules $tmp/r$2.yaml --batch $tmp/p$2.{n}.jsonl" ;;
	clips) echo "$tools/sa_clips_run $tmp/r$2.clp $tmp/p$2.{n}.jsonl" ;;
	jre) echo "node $here/jre_run.js $tmp/r$2.json $tmp/p$2.{n}.jsonl" ;;
	esac
}
for e in clips jre socadvise; do
	for s in $sets; do
		echo "timing $e on $s rules: N = $(points "$e" "$s")" >&2
		hf "$e$s" "$(cmd_of "$e" "$s")" "$(points "$e" "$s")"
		n=$(largest "$e" "$s")
		# shellcheck disable=SC2046
		rss $(cmd_of "$e" "$s" | sed "s/{n}/$n/") > "$tmp/rss$e$s"
	done
done
echo "timing socadvise on its default rules and /bin/true" >&2
for n in 0 1000 10000 100000; do
	"$build/bench/sa_gen_profiles" --seed 1 "$n" > "$tmp/d.$n.jsonl"
done
hf default "$bin --batch $tmp/d.{n}.jsonl" "0 1000 10000 100000"
hf summary "$bin --batch $tmp/d.{n}.jsonl --summary" "0 1000 10000 100000"
taskset -c "$core" hyperfine -N --warmup 3 --runs "$((runs * 4))" --export-json "$tmp/true.json" \
	/bin/true > /dev/null 2>&1
true_ms=$(jq -r '.results[0] | (.user + .system) * 1000' "$tmp/true.json")
rss_d0=$(rss "$bin" --batch "$tmp/d.0.jsonl")
rss_d=$(rss "$bin" --batch "$tmp/d.100000.jsonl")
# constant in N: the first line allocates the buffers every later line reuses
rss_s1=$(rss "$bin" --rules "$tmp/r22.yaml" --batch "$tmp/p22.1000.jsonl")
load_avg=$(cut -d ' ' -f 1-3 /proc/loadavg)

cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)
jre_version=$(node -p "require('$here/node_modules/json-rules-engine/package.json').version")
clips_version=$(dpkg-query -W -f '${Version}' libclips-dev 2> /dev/null || echo 6.30)
version=$("$bin" --version | head -n 1)
btype=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2> /dev/null || true)
echo "Measured $(date -u +%Y-%m-%d) with \`bench/peers/run.sh BUILD_DIR $runs\` (${btype:-unknown type} build; hyperfine,"
echo "$runs runs per point after one warm-up, CPU time on one pinned core; output to /dev/null) on $(nproc) cores of"
echo "$cpu, $(uname -sr), load average $load_avg at the end; $version, CLIPS $clips_version (C API, static"
echo "library), json-rules-engine $jre_version on Node.js $(node --version). Rule sets from"
echo "\`sa_gen_rules --seed 1\`, profiles from \`sa_gen_peer_profiles --seed 2\`; gated as above."
echo
echo "| runner | startup, 22 rules | µs/profile, 22 rules | µs/profile, 200 rules | µs/profile, 2,000 rules | load, 2,000 rules | max RSS, 22 / 2,000 rules |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for e in clips jre socadvise; do
	case "$e" in
	clips) name="CLIPS $clips_version, C API" ;;
	jre) name="json-rules-engine $jre_version, one Engine" ;;
	socadvise) name="$version \`--batch\`" ;;
	esac
	load=$(awk -v a="$(t0 "${e}2000")" -v b="$(t0 "${e}22")" 'BEGIN { print a - b }')
	echo "| $name | $(ms "$(t0 "${e}22")") | $(us "$(cost "${e}22")") | $(us "$(cost "${e}200")") | $(us "$(cost "${e}2000")") | $(ms "$load") | $(mb "$(cat "$tmp/rss${e}22")") / $(mb "$(cat "$tmp/rss${e}2000")") MB |"
done
echo
echo "| socadvise, default rules | startup | µs/profile | max RSS, N = 0 / 100,000 |"
echo "|---|---:|---:|---:|"
echo "| \`--batch\` (full result line) | $(ms "$(t0 default)") | $(us "$(cost default)") | $(mb "$rss_d0") / $(mb "$rss_d") MB |"
echo "| \`--batch --summary\` | $(ms "$(t0 summary)") | $(us "$(cost summary)") | |"
echo "| \`/bin/true\` | $(ms "$true_ms") | | |"
echo
echo "Load, 2,000 rules: T(0) on the 2,000-rule set minus T(0) on the 22-rule set. µs/profile: the"
echo "slope of the fit of T(N) = startup + N × cost over the points (22 / 200 / 2,000 rules):"
for e in clips jre socadvise; do
	printf '%s' "$e: $(points "$e" 22 | tr ' ' '/'), $(points "$e" 200 | tr ' ' '/'), $(points "$e" 2000 | tr ' ' '/'); "
done
echo "default rules 0/1000/10000/100000."
echo
s22=$(cost socadvise22)
s2k=$(cost socadvise2000)
c22=$(cost clips22)
c2k=$(cost clips2000)
start=$(t0 default)
load=$(awk -v a="$(t0 socadvise2000)" -v b="$(t0 socadvise22)" 'BEGIN { print a - b }')
rss22=$(cat "$tmp/rsssocadvise22")
echo "| target | measured | |"
echo "|---|---:|---|"
echo "| startup, default rules ≤ 2 ms | $(ms "$start") | $(ok "$start <= 2") |"
echo "| startup ≤ 2.5 × \`/bin/true\` | $(awk -v a="$start" -v b="$true_ms" 'BEGIN { printf "%.1f ×", a / b }') | $(ok "$start <= 2.5 * $true_ms") |"
echo "| 22 rules ≤ 5 µs per profile (moonshot ≤ 2 µs) | $(us "$s22") µs | $(ok "$s22 <= 5") |"
echo "| 22 rules ≥ 10 × CLIPS | $(awk -v a="$c22" -v b="$s22" 'BEGIN { printf "%.1f ×", a / b }') | $(ok "$c22 >= 10 * $s22") |"
echo "| 2,000 rules ≤ 20 µs per profile | $(us "$s2k") µs | $(ok "$s2k <= 20") |"
echo "| 2,000 rules ≥ 9 × CLIPS | $(awk -v a="$c2k" -v b="$s2k" 'BEGIN { printf "%.1f ×", a / b }') | $(ok "$c2k >= 9 * $s2k") |"
echo "| 2,000 rules: load ≤ 10 ms | $(ms "$load") | $(ok "$load <= 10") |"
echo "| default rules, full line ≤ 10 µs | $(us "$(cost default)") µs | $(ok "$(cost default) <= 10") |"
echo "| default rules, \`--summary\` line ≤ 3 µs | $(us "$(cost summary)") µs | $(ok "$(cost summary) <= 3") |"
echo "| peak RSS ≤ 5 MB at 22 rules | $(mb "$rss22") MB | $(ok "$rss22 <= 5120") |"
echo "| peak RSS constant in N (22 rules, N = 1,000 / $(largest socadvise 22)) | $(mb "$rss_s1") / $(mb "$rss22") MB | $(ok "$rss22 <= $rss_s1 * 1.05") |"
