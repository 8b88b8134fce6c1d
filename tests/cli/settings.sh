# settings.sh - dyad settings: a person's time zone, shown, chosen, refused
# before the passphrase when it is not a zone, each person's own, and used
# for every local time the command reads and shows (practice stats, --at).
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
assert s == {"zone": None, "system_zone": "UTC"}, s
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
expect_error 2 settings colour blue
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

finish
