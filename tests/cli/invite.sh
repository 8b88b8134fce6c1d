# invite.sh - `dyad invite` with the address where the phones open dyad:
# the link to send, its QR code in the terminal (decoded back with zbarimg
# to prove it reads as the link), and a plain warning for an address that
# opens on this machine only.
. "$(dirname "$0")/lib.sh"

need zbarimg zbar-tools
need python3 python3
need script bsdutils
be Alex
expect_exit 0 init --name Alex

# the QR code drawn on stdout ($T/out), read back: half-block lines to a
# PBM image (light modules are blocks), decoded by zbarimg into $T/decoded
decode_qr() {
	python3 - "$T/out" "$T/qr.pbm" <<'PY'
import sys
cells = {" ": (0, 0), "\u2580": (1, 0), "\u2584": (0, 1), "\u2588": (1, 1)}
rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n").strip(" ")
    if line and set(line) <= set(cells) and "\u2588" in line:
        rows.append(line)
width = max(len(r) for r in rows)
light = []
for r in rows:
    r = r.ljust(width, "\u2588")
    light.append([cells[ch][0] for ch in r])
    light.append([cells[ch][1] for ch in r])
scale, pad = 4, 4
out = []
for row in [[1] * width] * pad + light + [[1] * width] * pad:
    px = []
    for v in [1] * pad + row + [1] * pad:
        px += ["0" if v else "1"] * scale
    out += [" ".join(px)] * scale
with open(sys.argv[2], "w") as f:
    f.write("P1\n%d %d\n%s\n" % (len(out[0].split()), len(out), "\n".join(out)))
PY
	zbarimg --quiet --raw "$T/qr.pbm" >"$T/decoded" 2>/dev/null
}

check "invite --url --qr prints the link and a QR code that reads as the link"
expect_exit 0 invite --url https://192.168.1.20:8443 --qr
link=$(grep -o 'https://192\.168\.1\.20:8443/join#[A-Z0-9-]*' "$T/out")
[ -n "$link" ] || { fail "no link on stdout"; show_output; }
code=${link#*#}
expect_stdout_contains "dyad join --name THEIR-NAME --invite $code"
decode_qr || fail "zbarimg could not read the QR code"
expect_same "$(cat "$T/decoded")" "$link" "the QR code's text"
[ ! -s "$T/err" ] || { fail "stderr is not empty"; show_output; }

check "the invitation from the link works: Sam joins with its code"
be Sam
expect_exit 0 join --name Sam --invite "$code"
be Alex
expect_exit 1 invite --url https://192.168.1.20:8443
expect_stderr_contains "already"

check "without a terminal and without --qr, no QR code; on a terminal, one"
DYAD_DATA="$T/data2"
export DYAD_DATA
expect_exit 0 init --name Alex
expect_exit 0 invite --url https://dyad.home:8443/
expect_stdout_contains "https://dyad.home:8443/join#"
if grep -q "$(printf '\342\226\210')" "$T/out"; then fail "a QR code without a terminal"; fi
script -qec "'$DYAD' invite --url https://dyad.home:8443" /dev/null </dev/null >"$T/out" 2>&1
rc=$?
want_rc 0
grep -q "$(printf '\342\226\210')" "$T/out" || { fail "no QR code on a terminal"; show_output; }
script -qec "'$DYAD' invite --url https://dyad.home:8443 --no-qr" /dev/null </dev/null >"$T/out" 2>&1
rc=$?
want_rc 0
if grep -q "$(printf '\342\226\210')" "$T/out"; then fail "a QR code despite --no-qr"; fi

check "DYAD_URL gives the address when --url does not"
DYAD_URL=https://10.0.0.7:8443 "$DYAD" invite </dev/null >"$T/out" 2>"$T/err"
rc=$?
want_rc 0
expect_stdout_contains "https://10.0.0.7:8443/join#"

check "--json carries the link and whether it opens on this machine only"
expect_exit 0 --json invite --url https://dyad.home:8443
expect_stdout_contains '"link": "https://dyad.home:8443/join#'
expect_stdout_contains '"loopback": false'

check "a loopback address gets a plain warning that the partner's phone cannot open it"
expect_exit 0 invite --url http://127.0.0.1:8080
expect_stdout_contains "http://127.0.0.1:8080/join#"
expect_stderr_contains "opens only on this machine; your partner's phone cannot open it"
expect_exit 0 invite --url http://localhost:8080
expect_stderr_contains "your partner's phone cannot open it"

check "without --url: the code, and a tip about --url"
expect_exit 0 invite
expect_stdout_contains "dyad join --name THEIR-NAME --invite"
expect_stderr_contains "with --url https://ADDRESS:PORT"

check "a malformed --url, or --qr without one, is a usage error that makes no invitation"
before=$(state)
for bad in dyad.home https://dyad.home/path "ftp://x" "https://a b"; do
	expect_error 2 invite --url "$bad"
	expect_stderr_contains "expects http(s)://HOST[:PORT]"
done
DYAD_URL=nonsense "$DYAD" invite </dev/null >"$T/out" 2>"$T/err"
rc=$?
want_rc 2
expect_error 2 invite --qr
expect_stderr_contains "--qr draws the invitation link"
expect_same "$(state)" "$before" "the data folder after refused invites"

finish
