# install.sh - `make install` with PREFIX and DESTDIR puts dyad on PATH
# and the man page where man finds it, and nothing else outside DESTDIR.
. "$(dirname "$0")/lib.sh"

need make build-essential
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(dirname "$DYAD")
root="$T/root"

check "make install DESTDIR=... PREFIX=/usr installs the binary and the man page"
make -s -C "$top" install BUILD="$build" DESTDIR="$root" PREFIX=/usr >"$T/out" 2>"$T/err"
rc=$?
want_rc 0
[ -x "$root/usr/bin/dyad" ] || fail "no executable $root/usr/bin/dyad"
[ "$(stat -c %a "$root/usr/bin/dyad")" = 755 ] || fail "the binary is not mode 755"
cmp -s "$top/docs/dyad.1" "$root/usr/share/man/man1/dyad.1" || fail "the man page is not installed as docs/dyad.1"
[ "$(stat -c %a "$root/usr/share/man/man1/dyad.1")" = 644 ] || fail "the man page is not mode 644"
others=$(cd "$root" && find . -type f | sort | tr '\n' ' ')
expect_same "$others" "./usr/bin/dyad ./usr/share/man/man1/dyad.1 " "the installed files"

check "the installed dyad runs from PATH"
out=$(PATH="$root/usr/bin:/usr/bin:/bin" dyad --version)
rc=$?
want_rc 0
case $out in "dyad "*) ;; *) fail "dyad --version said '$out'" ;; esac

check "the default PREFIX is /usr/local"
rm -rf "$root"
make -s -C "$top" install BUILD="$build" DESTDIR="$root" >"$T/out" 2>"$T/err"
rc=$?
want_rc 0
[ -x "$root/usr/local/bin/dyad" ] || fail "no $root/usr/local/bin/dyad"
[ -f "$root/usr/local/share/man/man1/dyad.1" ] || fail "no $root/usr/local/share/man/man1/dyad.1"

finish
