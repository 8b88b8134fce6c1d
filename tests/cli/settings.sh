# settings.sh - dyad settings: a person's time zone, shown, chosen, refused
# before the passphrase when it is not a zone, each person's own, and used
# for every local time the command reads and shows (practice stats, --at);
# and their colour: chosen at init and join, changed, never the partner's,
# never inherited from a partner who left.
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
assert s == {"zone": None, "system_zone": "UTC", "colour": "teal"}, s
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
