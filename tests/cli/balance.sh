# balance.sh - dyad pulse and dyad balance: a pulse is saved privately
# unless shared, the region and the trend are right on a hand-made
# sequence, the map is SVG with both paths once the partner shares, the
# partner never sees a private pulse, bad numbers change nothing, and the
# note is not stored in plaintext.
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

check "the note is not in the database file in plaintext"
for f in "$DYAD_DATA"/dyad.db*; do
	if grep -q "hibiscus" "$f"; then fail "plaintext note in $f"; fi
done

finish
