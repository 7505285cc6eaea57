#!/bin/sh
# The man pages render as written: every example line (.Dl, and the lines of .Bd -literal
# blocks) appears in mandoc's rendered text exactly as a reader should type it, and the few
# constructs mdoc is known to mangle (a trailing '.', a '[ ]') come out whole.
#
# usage: render.sh SOURCE_DIR
set -u
src=$1
if ! command -v mandoc > /dev/null 2>&1; then
	echo "SKIPPED: mandoc is not installed (apt-get install mandoc)"
	exit 77
fi
tmp=$(mktemp -d) || exit 1
# a no-break space (\~ in the source, kept whole across a line end) reads as a space
nbsp=$(printf '\302\240')
trap 'rm -rf "$tmp"' EXIT
fail=0
for page in socadvise.1 socadvise-rules.5; do
	# wide, so that no example is folded; backspace overstrikes removed
	mandoc -Tutf8 -O width=250 "$src/docs/$page" | col -b | sed "s/$nbsp/ /g" > "$tmp/rendered" ||
		exit 1
	# the example lines of the source, with mdoc's escapes undone: \e is a backslash, \& is
	# nothing, \- is a hyphen
	awk '
		/^\.Bd -literal/ { lit = 1; next }
		/^\.Ed/ { lit = 0; next }
		/^\.Dl / { sub(/^\.Dl /, ""); print; next }
		lit && !/^\./ { print }
	' "$src/docs/$page" |
		sed 's/\\e/\\/g; s/\\&//g; s/\\-/-/g' > "$tmp/examples"
	n=0
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		n=$((n + 1))
		want=$(printf '%s' "$line" | sed 's/^ *//')
		grep -qF -- "$want" "$tmp/rendered" || {
			echo "$page: example not rendered as written: '$want'"
			fail=1
		}
	done < "$tmp/examples"
	[ "$n" -gt 0 ] || { echo "$page: no examples found"; fail=1; }
done
# the constructs mdoc mangles unless escaped, at the usual width (no line end inside them)
mandoc -Tutf8 "$src/docs/socadvise.1" | col -b | sed "s/$nbsp/ /g" > "$tmp/rendered"
for want in '- [ ]'; do
	grep -qF -- "$want" "$tmp/rendered" || {
		echo "socadvise.1: '$want' does not render as written"
		fail=1
	}
done
[ "$fail" = 0 ] && echo "ok: every example of the man pages renders as written"
exit $fail
