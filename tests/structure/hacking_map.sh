#!/bin/sh
# docs/hacking.md's module map matches the tree: every source and header under src/ and include/
# is named in it, and every file its tables name exists.
# usage: hacking_map.sh SOURCE_DIR
set -u
src=${1:?usage: hacking_map.sh SOURCE_DIR}
map="$src/docs/hacking.md"
status=0
for f in "$src"/include/*.h "$src"/src/*.c "$src"/src/*.h "$src"/src/cli/*.c "$src"/src/cli/*.h \
	"$src"/src/gen/*.c; do
	name=$(basename "$f")
	if ! grep -q "\`$name\`" "$map"; then
		echo "docs/hacking.md does not name ${f#"$src"/}"
		status=1
	fi
done
# the files the tables name (table rows start with "| `"), looked up where they can live
for name in $(grep '^| `' "$map" | grep -o '`[A-Za-z0-9_]*\.[ch]`' | tr -d '`' | sort -u); do
	if [ ! -e "$src/src/$name" ] && [ ! -e "$src/src/cli/$name" ] && [ ! -e "$src/src/gen/$name" ] &&
	   [ ! -e "$src/include/$name" ]; then
		echo "docs/hacking.md names $name, which is not in src/, src/cli/, src/gen/ or include/"
		status=1
	fi
done
[ $status -eq 0 ] && echo "docs/hacking.md names every source file, and only existing ones"
exit $status
