#!/bin/sh
# missing_libical.sh BIN SONAME - without a loadable libical, --format ics fails before writing
# anything: exit 8, nothing on standard output, one message naming the reason and the package;
# the other formats do not need libical at all. A directory on LD_LIBRARY_PATH holds an empty
# file named SONAME, which the dynamic loader finds first and cannot load.
set -u
bin=${1:?usage: missing_libical.sh BIN SONAME}
soname=${2:?}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/$soname"
status=0

LD_LIBRARY_PATH="$tmp" ${SA_WRAPPER:-} "$bin" --payroll --format ics --save "$tmp/saved.json" \
	> "$tmp/out" 2> "$tmp/err"
rc=$?
if [ $rc -ne 8 ]; then
	echo "--format ics without libical: exit $rc, expected 8"
	status=1
fi
if [ -s "$tmp/out" ] || [ -e "$tmp/saved.json" ]; then
	echo "--format ics without libical wrote something"
	status=1
fi
if ! grep -q "^socadvise: cannot load libical for --format ics: .*$soname.* (Debian package: libical3)$" "$tmp/err" ||
	[ "$(wc -l < "$tmp/err")" -ne 1 ]; then
	echo "unexpected message:"
	cat "$tmp/err"
	status=1
fi
# every other format runs without it
for fmt in text json yaml markdown csv; do
	if ! LD_LIBRARY_PATH="$tmp" "$bin" --payroll --format "$fmt" > /dev/null 2>&1; then
		echo "--format $fmt failed without libical"
		status=1
	fi
done
# and with the real one, a calendar
if ! "$bin" --payroll --format ics --start-date 2026-03-02 | grep -q '^BEGIN:VCALENDAR'; then
	echo "--format ics with libical wrote no calendar"
	status=1
fi
[ $status -eq 0 ] && echo "--format ics without libical: exit 8, a clear message, nothing written"
exit $status
