#!/bin/sh
# Build the .deb with CPack, install it with apt-get like a user would on Debian 12, check what it
# installed and that it runs, then remove it. Needs root and apt-get: run it on a CI machine or a
# throwaway container, not on a workstation (it installs and removes a system package).
#
# usage: deb-test.sh BUILD_DIR      (a configured and built tree: cmake -B BUILD_DIR && cmake --build BUILD_DIR)
set -eu
build=$(cd "$1" && pwd)
if [ "$(id -u)" != 0 ] || ! command -v apt-get > /dev/null 2>&1; then
	echo "SKIPPED: needs root and apt-get"
	exit 77
fi
if dpkg -s socadvise > /dev/null 2>&1; then
	echo "socadvise is already installed as a package; refusing to replace it"
	exit 1
fi
rm -f "$build"/socadvise_*.deb
(cd "$build" && cpack -G DEB > cpack.log 2>&1) || { cat "$build/cpack.log"; exit 1; }
deb=$(ls "$build"/socadvise_*.deb)
echo "built $(basename "$deb")"
dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Architecture\|Depends\|Recommends\|Maintainer\|Section\):/  \1:/p'
# libedit and libical are loaded with dlopen, so dpkg-shlibdeps cannot see them: libedit is a
# declared dependency, libical (only for --format ics) a recommendation
dpkg-deb --field "$deb" Depends | grep -q 'libedit2' || { echo "FAIL: Depends does not name libedit2"; exit 1; }
dpkg-deb --field "$deb" Recommends | grep -q '^libical3$' || { echo "FAIL: Recommends is not libical3"; exit 1; }
if dpkg-deb --field "$deb" Depends | grep -q libical; then echo "FAIL: Depends names libical"; exit 1; fi
dpkg-deb --contents "$deb" | awk '{ print "  " $6 }'

cleanup() { apt-get remove -y socadvise > /dev/null 2>&1 || true; }
trap cleanup EXIT
DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb" > "$build/apt-install.log" 2>&1 ||
	{ cat "$build/apt-install.log"; exit 1; }

fail=0
for f in /usr/bin/socadvise /usr/share/man/man1/socadvise.1.gz /usr/share/man/man5/socadvise-rules.5.gz \
	/usr/share/bash-completion/completions/socadvise /usr/share/zsh/vendor-completions/_socadvise \
	/usr/share/doc/socadvise/copyright /usr/share/doc/socadvise/changelog.Debian.gz; do
	if [ -f "$f" ]; then echo "ok   $f"; else echo "FAIL $f is not installed"; fail=1; fi
done
v=$(/usr/bin/socadvise --version | head -n 1)
[ "$v" = "socadvise $(sed -n 's/^#define SA_VERSION "\([0-9.]*\)"$/\1/p' "$(dirname "$0")/../../include/socadvise.h")" ] ||
	{ echo "FAIL version: $v"; fail=1; }
out=$(/usr/bin/socadvise --payroll --auditor-reliance --format json)
echo "$out" | grep -q '"report": "soc1"' || { echo "FAIL: no SOC 1 for a payroll processor"; fail=1; }
/usr/bin/socadvise --payroll --format ics | grep -q '^BEGIN:VCALENDAR' ||
	{ echo "FAIL: no calendar with the recommended libical3 installed"; fail=1; }
n=$(printf '%s\n' '{"id":1,"hosting":true}' '{"id":2}' | /usr/bin/socadvise --batch | wc -l)
[ "$n" = 2 ] || { echo "FAIL: batch gave $n lines for 2"; fail=1; }
bash -c 'source /usr/share/bash-completion/completions/socadvise && COMP_WORDS=(socadvise --form) COMP_CWORD=1 && _socadvise && [ "${COMPREPLY[*]}" = --format ]' ||
	{ echo "FAIL: the installed bash completion"; fail=1; }
if command -v man > /dev/null 2>&1; then
	man -w socadvise > /dev/null 2>&1 || { echo "FAIL: man cannot find socadvise(1)"; fail=1; }
fi

DEBIAN_FRONTEND=noninteractive apt-get remove -y socadvise > /dev/null 2>&1 || { echo "FAIL: remove"; fail=1; }
trap - EXIT
[ ! -e /usr/bin/socadvise ] || { echo "FAIL: /usr/bin/socadvise is left after removal"; fail=1; }
[ "$fail" = 0 ] && echo "ok: $(basename "$deb") installs, runs and removes cleanly"
exit $fail
