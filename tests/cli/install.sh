# install.sh - `make install` with PREFIX and DESTDIR puts dyad on PATH
# and the man page where man finds it, and nothing else outside DESTDIR;
# `make run` with a fresh HOME starts the server and first says how to
# open dyad from a phone.
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

check "make run with a fresh HOME and no XDG variables serves, after saying how phones reach it"
need python3 python3
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
mkdir -p "$T/fresh"
# in a session of its own, so that the server (make's child) stops with it
env -u DYAD_DATA -u XDG_DATA_HOME HOME="$T/fresh" \
	setsid make -s -C "$top" run BUILD="$build" ARGS="--listen 127.0.0.1:$port" >"$T/run.out" 2>"$T/run.err" &
run_pid=$!
i=0
until grep -q '^dyad: serving ' "$T/run.err"; do
	i=$((i + 1))
	[ $i -le 300 ] || { fail "make run did not start the server"; cat "$T/run.out" "$T/run.err"; break; }
	sleep 0.1
done
grep -q 'Open dyad on your phones' "$T/run.out" || { fail "make run's first lines do not point to the phone guide"; cat "$T/run.out"; }
grep -q 'serve HTTPS' "$T/run.out" || fail "make run's first lines do not say HTTPS"
[ -d "$T/fresh/.local/share/dyad" ] || fail "no data folder in the fresh HOME"
[ "$(stat -c %a "$T/fresh/.local/share/dyad")" = 700 ] || fail "the data folder is not 0700"
grep -q "your phones cannot" "$T/run.err" || fail "the server did not say that phones cannot open a loopback address"
kill -TERM "-$run_pid" 2>/dev/null
wait "$run_pid" 2>/dev/null

finish
