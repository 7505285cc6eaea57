#!/bin/sh
# The precedence rule (how recommend, type and criteria rules and unknown answers combine) is
# stated once, in docs/rules-format.md, section "Precedence and conflicts". The engine, the
# library header and the rules man page point there. This test fails when the statement or a
# pointer goes missing, or when the rule's wording reappears anywhere else in the sources or
# the documentation (a stray copy that could drift from the one that counts).
#
# usage: precedence.sh SOURCE_DIR
set -u
src=$1
home=docs/rules-format.md
fail=0

# a file's text on one line, comment markers and roff requests out, blanks squeezed, so that a
# phrase split across lines or comment lines is still found
flat() {
	sed -e 's/^\.[A-Za-z][A-Za-z]* //' -e 's/^[[:space:]]*\(\*\|#\|\/\/\)//' "$1" |
		tr '\n\t' '  ' | tr -s ' '
}

# the wording of the rule: phrases that only a restatement of it would use
phrases='are unions
first-match in file order
first match in file order
before it is false
reported only with its report
only reported while the report
at least one of its rules holds
the first type rule that holds'

if ! grep -q '^## Precedence and conflicts$' "$src/$home"; then
	echo "$home: the section 'Precedence and conflicts' is missing"
	fail=1
fi
text=$(flat "$src/$home")
for p in 'are unions' 'first-match in file order' 'before it is false' \
	'reported only with its report'; do
	case $text in
	*"$p"*) ;;
	*) echo "$home: the precedence rule no longer says '$p'"; fail=1 ;;
	esac
done

for f in src/engine.c include/socadvise.h docs/socadvise-rules.5; do
	text=$(flat "$src/$f")
	case $text in
	*rules-format.md*'Precedence and conflicts'*) ;;
	*) echo "$f: no pointer to $home, section \"Precedence and conflicts\""; fail=1 ;;
	esac
done

strays=$(for f in $(cd "$src" && find src include docs README.md -type f \
	\( -name '*.c' -o -name '*.h' -o -name '*.md' -o -name '*.1' -o -name '*.5' \) | sort); do
	[ "$f" = "$home" ] && continue
	text=$(flat "$src/$f" | tr 'A-Z' 'a-z')
	echo "$phrases" | while IFS= read -r p; do
		case $text in
		*"$p"*) echo "$f: restates the precedence rule ('$p'); point to $home instead" ;;
		esac
	done
done)
if [ -n "$strays" ]; then
	echo "$strays"
	fail=1
fi
[ "$fail" = 0 ] && echo "ok: the precedence rule is stated once, in $home, and pointed to"
exit $fail
