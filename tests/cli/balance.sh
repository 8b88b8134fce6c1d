# balance.sh - dyad pulse and dyad balance: a pulse is saved privately
# unless shared, the region and the trend are right on a hand-made
# sequence, the map is SVG with both paths once the partner shares, the
# partner never sees a private pulse, bad numbers change nothing, on a
# terminal (script(1)) the missing numbers are asked for and asked again
# after a bad one, giving none saves nothing, and the note is not stored in
# plaintext.
. "$(dirname "$0")/lib.sh"

couple

check "with no pulses, balance says how to start"
be Alex
expect_exit 0 balance
expect_stdout_contains "No pulses yet"

check "a pulse is saved privately, with its region"
expect_exit 0 pulse --connection 7 --self 4 --note "a tender week, hibiscus"
expect_stdout_contains "just for you: connected 7, myself 4"
expect_stdout_contains "Merged: close, with less room to be yourself."

check "this week's pulse: due before, given after"
expect_stdout_contains "It is your pulse for the week from Monday "
expect_stdout_lacks "had a pulse already"
be Sam
expect_exit 0 balance
expect_stdout_contains "This week's pulse (the week from Monday "
expect_stdout_contains "is still to give: 'dyad pulse'"
be Alex
expect_exit 0 --json balance
python3 - "$T/out" <<'PY' || fail "this week's pulse is not given: $(head -c 400 "$T/out")"
import datetime, json, sys
w = json.load(open(sys.argv[1]))["week"]
start = datetime.date.fromisoformat(w["from"])
assert w["given"] is True and w["day"] == "monday" and start.weekday() == 0, w
assert 0 <= (datetime.date.today() - start).days <= 6, w
PY
expect_exit 0 balance
expect_stdout_contains "This week's pulse (the week from Monday "
expect_stdout_contains ") is given."

check "a pulse day moved after this week's pulse keeps the week given"
expect_exit 0 settings pulse-day "$(LC_ALL=C date +%a)"
expect_exit 0 --json balance
grep -q '"given": true' "$T/out" || fail "moving the day to today lost the pulse: $(head -c 400 "$T/out")"
expect_exit 0 settings pulse-day "$(LC_ALL=C date -d tomorrow +%a)"
expect_exit 0 --json balance
grep -q '"given": true' "$T/out" || fail "moving the day to tomorrow lost the pulse: $(head -c 400 "$T/out")"
expect_exit 0 settings pulse-day mon

check "out-of-range and missing scores are refused and change nothing"
before=$(state)
expect_error 2 pulse --connection 11 --self 3
expect_error 2 pulse --connection -1 --self 3
expect_error 2 pulse --connection 5 --self x
expect_error 2 pulse --self 3
expect_stderr_contains "Give --connection and --self"
expect_error 2 pulse --connection 5 --self 5 --now 8
[ "$(state)" = "$before" ] || fail "a refused pulse changed the data folder"

check "the region and the trend follow the last 4 pulses against the 4 before"
for c in 3 4 3 4 6 5 6 7; do
	expect_exit 0 pulse --connection "$c" --self 6
done
expect_stdout_contains "This week had a pulse already; both are kept."
expect_exit 0 balance
expect_stdout_contains "Your latest pulse: connected 7, myself 6."
expect_stdout_contains "Connected and yourself"
expect_stdout_contains "Over your last 4 pulses you felt closer and about as free to be yourself as in the 4 before."
expect_exit 0 --json balance --last 3
python3 - "$T/out" <<'PY' || fail "the JSON balance is wrong"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["pulses_total"] == 9 and d["region"] == "connected", d
assert abs(d["trend"]["connection"] - 2.5) < 1e-9 and abs(d["trend"]["self"]) < 1e-9, d
assert len(d["pulses"]) == 3 and d["pulses"][0]["connection"] == 7, d
assert d["partner_shared"] == 0
PY

check "the partner sees none of my private pulses"
be Sam
expect_exit 0 --json balance
python3 - "$T/out" <<'PY' || fail "Sam saw Alex's pulses"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["pulses_total"] == 0 and d["partner_shared"] == 0, d
PY

check "shared pulses of the partner join the map"
for p in "2 8" "3 7" "5 6"; do
	set -- $p
	expect_exit 0 pulse --connection "$1" --self "$2" --share
done
expect_stdout_contains "Saved and shared"
be Alex
expect_exit 0 balance --svg "$T/map.svg"
expect_stdout_contains "Sam has shared 3 pulses"
python3 - "$T/map.svg" <<'PY' || fail "the map is not SVG with two paths"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/2000/svg}"
assert root.tag == ns + "svg", root.tag
assert len(root.findall(".//" + ns + "polyline")) == 2
assert root.find(ns + "title").text == "Where you stand"
desc = root.find(ns + "desc").text
assert "Sam:" in desc and "Alex:" in desc, desc
PY
expect_exit 0 balance --svg -
expect_stdout_contains "<svg "

check "the closeness gap: how close I would like us to be against how close we are"
be Sam
expect_exit 0 balance
expect_stdout_lacks "would like"
expect_exit 0 pulse --connection 5 --self 5 --now 2 --wish 5
expect_exit 0 pulse --connection 5 --self 5 --now 4 --wish 5
expect_exit 0 balance
expect_stdout_contains "You would like to be closer: now 4 of 7, wished 5. Over your last 2 pictures the gap averaged +2.0."
expect_exit 0 --json balance
python3 - "$T/out" <<'PY' || fail "the JSON closeness gap is wrong"
import json, sys
c = json.load(open(sys.argv[1]))["closeness"]
assert c["pictures"] == 2 and c["now"] == 4 and c["wish"] == 5 and c["gap"] == 1 and abs(c["mean_gap"] - 2) < 1e-9, c
PY

# how many pulses of mine `dyad balance` counts
pulses_total() {
	"$DYAD" --json balance </dev/null 2>/dev/null |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["pulses_total"])'
}

# `dyad pulse ARGS` with a terminal (script(1): a pseudo-terminal on stdin
# and /dev/tty) typing the lines of $T/answers; sets $rc, and $T/out holds
# what the terminal showed (the prompts and the answers echoed)
pulse_on_terminal() {
	DYAD_BIN_FOR_SCRIPT="$DYAD" script -qec "\"\$DYAD_BIN_FOR_SCRIPT\" pulse $*" /dev/null \
		<"$T/answers" >"$T/out" 2>"$T/err"
	rc=$?
}

check "on a terminal, pulse asks for the missing numbers, and asks again after 11, -1 or letters"
need script bsdutils
be Sam
n=$(pulses_total)
printf '11\n-1\nlots\n6\n12\n4\n' >"$T/answers"
pulse_on_terminal --note MARKER-TTY-lantern
want_rc 0
expect_stdout_contains "This week, how connected to your partner did you feel? (0-10)"
expect_stdout_contains "And how free to be yourself and live your own life? (0-10)"
[ "$(grep -c "A whole number from 0 to 10, please." "$T/out")" -eq 4 ] ||
	fail "11, -1, lots and 12 were not each asked again: $(cat "$T/out")"
expect_stdout_contains "Saved this week's pulse, just for you: connected 6, myself 4."
[ "$(pulses_total)" -eq $((n + 1)) ] || fail "the pulse from the terminal was not saved"
expect_exit 0 --json balance
python3 - "$T/out" <<'PY' || fail "the saved pulse is not 6 and 4 with its note: $(head -c 600 "$T/out")"
import json, sys
ps = [p for p in json.load(open(sys.argv[1]))["pulses"] if p.get("note") == "MARKER-TTY-lantern"]
assert [(p["connection"], p["self"]) for p in ps] == [(6, 4)], ps
PY

check "on a terminal, only the missing number is asked: --connection given, self asked"
printf 'x\n3\n' >"$T/answers"
pulse_on_terminal --connection 8
want_rc 0
expect_stdout_lacks "how connected to your partner"
expect_stdout_contains "A whole number from 0 to 10, please."
expect_stdout_contains "connected 8, myself 3."
[ "$(pulses_total)" -eq $((n + 2)) ] || fail "the pulse with self asked was not saved"

check "on a terminal, giving no number (an empty answer or the end of input) saves nothing"
before=$(state)
printf '11\nabc\n\n' >"$T/answers"
pulse_on_terminal
want_rc 1
expect_stdout_contains "No pulse saved: no number was given."
expect_stdout_lacks "Saved this week"
[ "$(state)" = "$before" ] || fail "a pulse given up on changed the data folder"
printf '7\n-1\n' >"$T/answers"
pulse_on_terminal
want_rc 1
expect_stdout_contains "No pulse saved: no number was given."
[ "$(state)" = "$before" ] || fail "a pulse ended before self changed the data folder"
[ "$(pulses_total)" -eq $((n + 2)) ] || fail "a given-up pulse was counted"

check "the note is not in the database file in plaintext"
for f in "$DYAD_DATA"/dyad.db*; do
	if grep -q "hibiscus" "$f"; then fail "plaintext note in $f"; fi
	if grep -q "MARKER-TTY-lantern" "$f"; then fail "plaintext note typed with a terminal in $f"; fi
done

finish
