# systemd.sh - docs/dyad.service: systemd-analyze verify finds nothing to
# say about it (with dyad and its man page installed where the unit expects
# them, here under a temporary root), its offline security exposure stays
# at 2.0 ("OK") or below, and the command line of its ExecStart starts a
# server that answers.
. "$(dirname "$0")/lib.sh"

need systemd-analyze systemd
need curl curl
need python3 python3
top=$(cd "$(dirname "$0")/../.." && pwd)
unit="$top/docs/dyad.service"
root="$T/root"
mkdir -p "$root/usr/local/bin" "$root/usr/local/share/man/man1" "$T/units"
cp "$DYAD" "$root/usr/local/bin/dyad"
cp "$top/docs/dyad.1" "$root/usr/local/share/man/man1/dyad.1"
sed "s#/usr/local/bin/dyad#$root/usr/local/bin/dyad#g" "$unit" >"$T/units/dyad.service"

check "the unit runs dyad as a dynamic user with a state directory and reloads with SIGHUP"
for want in "DynamicUser=yes" "StateDirectory=dyad" "Environment=DYAD_DATA=/var/lib/dyad" \
	'ExecReload=/bin/kill -HUP $MAINPID' "ProtectSystem=strict" "NoNewPrivileges=yes"; do
	grep -qxF "$want" "$unit" || fail "docs/dyad.service lacks the line $want"
done

check "systemd-analyze verify accepts the unit without a word"
MANPATH="$root/usr/local/share/man" systemd-analyze verify "$T/units/dyad.service" >"$T/out" 2>"$T/err"
rc=$?
want_rc 0
[ ! -s "$T/err" ] || { fail "systemd-analyze said something"; show_output; }

check "the unit's offline security exposure is 2.0 or below"
systemd-analyze security --offline=true --threshold=20 "$T/units/dyad.service" >"$T/out" 2>"$T/err"
rc=$?
want_rc 0
grep -q "Overall exposure level for dyad.service" "$T/out" || { fail "no exposure level"; show_output; }

check "the ExecStart command line starts a server that answers"
cmd=$(sed -n 's/^ExecStart=//p' "$T/units/dyad.service")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
# shellcheck disable=SC2086
set -- $(printf '%s\n' "$cmd" | sed "s/127\.0\.0\.1:8080/127.0.0.1:$port/")
DYAD_DATA="$T/state" "$@" 2>"$T/log" &
BG_PIDS="$BG_PIDS $!"
i=0
until grep -q '^dyad: serving ' "$T/log"; do
	i=$((i + 1))
	[ $i -le 300 ] || { fail "the server did not start"; cat "$T/log"; break; }
	sleep 0.1
done
curl -sS "http://127.0.0.1:$port/healthz" >"$T/out" 2>"$T/err"
rc=$?
want_rc 0
expect_stdout_contains '"ok":true'
[ "$(stat -c %a "$T/state")" = 700 ] || fail "the data folder is not 0700"

finish
