#!/bin/sh
# Replay the counterexample --verify prints for a rules file with a planted violation: the
# printed command line and the printed answers (through --answers) must give the same result,
# and that result must show the violation: a SOC 3 recommended next to a SOC 2 Type 1 with no
# Type 2 follow-up.
#
# usage: verify_replay.sh BINARY CASEDIR   (CASEDIR holds planted.yaml)
set -u
bin=$1
cd "$2" || exit 1
fail() { echo "verify_replay: $*"; exit 1; }

out=$("$bin" --rules planted.yaml --verify 2>/dev/null)
status=$?
[ "$status" = 3 ] || fail "--verify exited $status, expected 3"
cmd=$(printf '%s\n' "$out" | sed -n 's/^    socadvise //p')
answers=$(printf '%s\n' "$out" | sed -n 's/^    answers: //p')
[ -n "$cmd" ] && [ -n "$answers" ] || fail "no counterexample in: $out"

# the printed command, split into words as a shell would
# shellcheck disable=SC2086
by_flags=$("$bin" $cmd --format json) || fail "replaying '$cmd' failed"
by_answers=$(printf '%s\n' "$answers" | "$bin" --rules planted.yaml --answers - --format json) ||
	fail "replaying --answers '$answers' failed"
[ "$by_flags" = "$by_answers" ] || fail "the flags and the answers give different results"

printf '%s\n' "$by_flags" | awk '
	/"report": "/ { rep = $2; gsub(/[",]/, "", rep) }
	/"status": "/ { st = $2; gsub(/[",]/, "", st); if (!(rep in status)) status[rep] = st }
	/"type": "type1"/ { type1[rep] = 1 }
	/"then": / { then[rep] = 1 }
	END {
		if (status["soc3"] != "recommended") { print "soc3 is not recommended"; exit 1 }
		if (status["soc2"] != "recommended") { print "soc2 is not recommended"; exit 1 }
		if (!type1["soc2"] || then["soc2"]) { print "soc2 is not a Type 1 without follow-up"; exit 1 }
	}' || fail "the replay does not show the violation: $by_flags"
echo "replayed: socadvise $cmd"
