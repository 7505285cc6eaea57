#!/bin/sh
# generate.sh DIR - write the regression inputs too large to keep in git into DIR.
#   facts-matrix: 50,000 derived facts (1.3 MB); the loader once searched fact ids linearly and
#   allocated a facts x facts dependency matrix (2.5 GB). It must now stop at the table limit.
set -eu
dir=${1:?usage: generate.sh DIR}
mkdir -p "$dir"
{
	printf 'format: 1\nname: facts\nversion: "1"\nsources: [{id: s, title: t}]\n'
	printf 'questions: [{id: q, type: bool, prompt: p}]\nfacts:\n'
	awk 'BEGIN { for (i = 0; i < 50000; i++) printf "  - {id: f%d, when: q}\n", i }'
	printf 'rules: [{id: r, when: f0, recommend: soc3, because: b, sources: [s]}]\n'
} > "$dir/facts-matrix"
