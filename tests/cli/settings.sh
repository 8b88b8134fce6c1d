# settings.sh - dyad settings: a person's time zone, shown, chosen, refused
# before the passphrase when it is not a zone, each person's own, and used
# for every local time the command reads and shows (practice stats, --at);
# their pulse day and check interval, chosen, refused when not a weekday or
# 1 to 12 months, each person's own, and followed by dyad balance and dyad
# assess results; and their colour: chosen at init and join, changed, never
# the partner's, never inherited from a partner who left.
. "$(dirname "$0")/lib.sh"

couple

check "with no zone chosen, the system's is shown and used"
be Alex
TZ=America/New_York run settings
want_rc 0
expect_stdout_contains "none chosen; this computer's (America/New_York) is used"
run settings --json
want_rc 0
python3 - "$T/out" <<'PY' || fail "settings --json: $(head -c 300 "$T/out")"
import json, sys
s = json.load(open(sys.argv[1]))
assert s == {"zone": None, "system_zone": "UTC", "colour": "teal", "pulse_day": "monday", "check_every": 3}, s
PY

check "a zone is chosen and shown"
run settings zone Asia/Tokyo
want_rc 0
expect_stdout_contains "Time zone: Asia/Tokyo"
TZ=Europe/Paris run settings --json
want_rc 0
[ "$(json_field zone)" = "Asia/Tokyo" ] || fail "the zone is not Asia/Tokyo: $(cat "$T/out")"

check "it is Alex's own: Sam still has none"
be Sam
run settings --json
want_rc 0
grep -q '"zone": null' "$T/out" || fail "Sam has a zone: $(cat "$T/out")"

check "what is not a zone is refused before the passphrase and changes nothing"
be Alex
before=$(state)
for bad in Mars/Olympus ../../etc/passwd /etc/localtime Europe//Paris "Europe/Ber lin" \
	xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; do
	DYAD_PASSPHRASE="wrong passphrase" expect_error 1 settings zone "$bad"
	expect_stderr_contains "is not a time zone this system knows"
done
expect_error 2 settings zone
expect_error 2 settings zone Asia/Tokyo --unset
expect_error 2 settings volume 11
expect_error 2 settings --unset
expect_error 2 settings zone UTC extra
expect_same "$before" "$(state)" "the data after refused settings"

check "practice stats and --at count in the chosen zone, whatever TZ says"
# 23:30 in Tokyo on Mar 1, 2 and 3 (14:30 UTC), given as Tokyo's local time
for d in 01 02 03; do
	TZ=UTC run practice log yoga 10m --at "2026-03-$d 23:30"
	want_rc 0
done
run practice list --json
want_rc 0
python3 - "$T/out" <<'PY' || fail "practice list: $(head -c 400 "$T/out")"
import json, sys
items = json.load(open(sys.argv[1]))
items = items["items"] if isinstance(items, dict) else items
ats = sorted(i["at"] for i in items)
# 2026-03-01 14:30 UTC and the two days after
assert ats == [1772375400, 1772461800, 1772548200], ats
PY
TZ=America/Los_Angeles run practice list
want_rc 0
expect_stdout_contains "2026-03-01 23:30"

check "--unset goes back to the system's zone"
run settings zone --unset
want_rc 0
expect_stdout_contains "none chosen; this computer's (UTC) is used"
TZ=UTC run practice list
want_rc 0
expect_stdout_contains "2026-03-01 14:30"

check "the pulse day is Monday until chosen; balance's week starts on the chosen day"
be Alex
run settings
want_rc 0
expect_stdout_contains "Pulse day: Monday (your pulse week starts then)"
expect_stdout_contains "Differentiation check: suggested every 3 months"
run settings pulse-day thu
want_rc 0
expect_stdout_contains "Pulse day: Thursday"
run --json settings
want_rc 0
[ "$(json_field pulse_day)" = "thursday" ] || fail "the pulse day is not thursday: $(cat "$T/out")"
run --json balance
want_rc 0
python3 - "$T/out" <<'PY' || fail "balance's week does not start on Thursday: $(head -c 400 "$T/out")"
import datetime, json, sys
w = json.load(open(sys.argv[1]))["week"]
start = datetime.date.fromisoformat(w["from"])
today = datetime.date.today()
assert w["day"] == "thursday" and w["given"] is False, w
assert start.weekday() == 3 and 0 <= (today - start).days <= 6, (w, today)
PY
run settings pulse-day SUNDAY
want_rc 0
expect_stdout_contains "Pulse day: Sunday"

check "Sam's pulse day and check interval are Sam's own"
be Sam
run --json settings
want_rc 0
[ "$(json_field pulse_day)" = "monday" ] || fail "Sam's pulse day moved with Alex's: $(cat "$T/out")"
grep -q '"check_every": 3' "$T/out" || fail "Sam's check interval is not 3: $(cat "$T/out")"

check "the check interval is chosen from 1 to 12 months and assess results follow it"
be Alex
run settings check-every 1
want_rc 0
expect_stdout_contains "suggested every 1 month"
run --json assess results
want_rc 0
python3 - "$T/out" <<'PY' || fail "assess results does not use the interval: $(head -c 400 "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))["due"]
assert d["every_months"] == 1 and d["due"] is True, d
PY
run settings check-every 12
want_rc 0
expect_stdout_contains "suggested every 12 months"

check "a day that is not a weekday and months out of 1 to 12 are refused before the passphrase and change nothing"
before=$(state)
for bad in funday th thurs "" "mon day"; do
	DYAD_PASSPHRASE="wrong passphrase" expect_error 1 settings pulse-day "$bad"
	expect_stderr_contains "is not a weekday"
done
for bad in 0 13 x 1.5 " " 3x 99999999999999999999; do
	DYAD_PASSPHRASE="wrong passphrase" expect_error 1 settings check-every "$bad"
	expect_stderr_contains "is not a number of months from 1 to 12"
done
expect_error 2 settings check-every -3
expect_stderr_contains "Unknown option '-3'"
expect_error 1 settings check-every -- -3
expect_stderr_contains "is not a number of months from 1 to 12"
expect_error 2 settings pulse-day
expect_error 2 settings check-every
expect_error 2 settings pulse-day --unset
expect_error 2 settings check-every 3 4
expect_same "$before" "$(state)" "the data after refused pulse days and intervals"
run --json settings
want_rc 0
[ "$(json_field pulse_day)" = "sunday" ] || fail "a refused day changed the pulse day: $(cat "$T/out")"
grep -q '"check_every": 12' "$T/out" || fail "a refused interval changed it: $(cat "$T/out")"

check "colours: the defaults, a change, and the partner's refused before the passphrase"
be Sam
run settings
want_rc 0
expect_stdout_contains "Colour: rose"
run settings colour amber
want_rc 0
expect_stdout_contains "Colour: amber"
be Alex
before=$(state)
expect_error 1 settings colour amber
expect_stderr_contains "Sam has amber already"
DYAD_PASSPHRASE="wrong passphrase" expect_error 1 settings colour purple
expect_stderr_contains "not one of dyad's colours"
expect_error 2 settings colour
expect_same "$before" "$(state)" "the data after refused colours"
run --json whoami
want_rc 0
grep -q '"colour": "amber"' "$T/out" || fail "whoami does not show Sam's colour: $(head -c 400 "$T/out")"

check "a new partner never inherits the colour of the one who left"
be Sam
expect_exit 0 leave --yes
be Alex
run invite --json
want_rc 0
code=$(json_field code)
export DYAD_AS=Jordan DYAD_PASSPHRASE="jordan passphrase 5"
DYAD_PASSPHRASE="jordan passphrase 5" expect_error 1 join --name Jordan --invite "$code" --colour teal
expect_stderr_contains "Alex has teal already"
expect_exit 0 join --name Jordan --invite "$code"
run --json settings
want_rc 0
[ "$(json_field colour)" = "rose" ] || fail "Jordan's colour is not the default rose: $(cat "$T/out")"

check "a colour is chosen at init and at join"
rm -rf "$DYAD_DATA"
be Alex
expect_exit 0 init --name Alex --colour violet
run invite --json
want_rc 0
code=$(json_field code)
be Sam
expect_exit 0 join --name Sam --invite "$code" --colour green
run --json whoami
want_rc 0
grep -q '"colour": "violet"' "$T/out" && grep -q '"colour": "green"' "$T/out" ||
	fail "the chosen colours are not kept: $(head -c 600 "$T/out")"
expect_error 1 init --name Kim --colour purple

finish
