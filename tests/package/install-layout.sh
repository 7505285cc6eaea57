#!/bin/sh
# 'cmake --install' puts each file where its reader looks by default for the prefix: the zsh
# completion in PREFIX/share/zsh/site-functions (/usr/local), or in
# /usr/share/zsh/vendor-completions for the prefix /usr (Debian's packages); man pages
# compressed; no file left out.
#
# usage: install-layout.sh BUILD_DIR
set -u
build=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
DESTDIR=$tmp/local cmake --install "$build" --prefix /usr/local > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
DESTDIR=$tmp/usr cmake --install "$build" --prefix /usr > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
for f in local/usr/local/bin/socadvise local/usr/local/share/zsh/site-functions/_socadvise \
	local/usr/local/share/bash-completion/completions/socadvise \
	local/usr/local/share/man/man1/socadvise.1.gz local/usr/local/share/man/man5/socadvise-rules.5.gz \
	usr/usr/share/zsh/vendor-completions/_socadvise usr/usr/share/man/man1/socadvise.1.gz; do
	[ -f "$tmp/$f" ] || { echo "FAIL: $f is not installed"; fail=1; }
done
gzip -t "$tmp/local/usr/local/share/man/man1/socadvise.1.gz" 2>/dev/null || { echo "FAIL: socadvise.1.gz is not gzip"; fail=1; }
[ "$fail" = 0 ] && echo "ok: install layout"
exit $fail
