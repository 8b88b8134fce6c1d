# practice.sh - dyad practice and dyad react, and dyad pause: logging,
# lists, stats in the person's time zone, the timer (on its test clock:
# DYAD_TEST_TIMER=fast, no sleeping) with Ctrl-C, bad input refused with
# nothing changed, and the partner never seeing what was not shared.
. "$(dirname "$0")/lib.sh"

couple
be Alex

check "a session is logged with a duration as people type it"
run practice log meditation 10m --note "quiet morning" --at "2026-03-02 07:30"
want_rc 0
P1=$(cat "$T/out")
run practice log yoga 1h30m --at "2026-03-03 07:30"
want_rc 0
run practice log "tai chi" 90s --at "2026-03-03 18:00"
want_rc 0
run practice list
want_rc 0
expect_stdout_contains "quiet morning"
expect_stdout_contains "1h30m"
expect_stdout_contains "tai chi"

check "bad durations, kinds and times are refused and change nothing"
before=$(state)
for d in -5m 0 25h 10x; do
	expect_error 1 practice log meditation -- "$d"
	expect_stderr_contains "Give a duration like 90s, 10m or 1h30m"
done
expect_error 1 practice log "yoga/x" 10m
expect_stderr_contains "letters, digits"
expect_error 1 practice log meditation 10m --at "2026-02-30 07:00"
expect_stderr_contains "is not a time dyad reads"
expect_error 2 practice log meditation
expect_same "$before" "$(state)" "the data after refused sessions"

check "stats lead with this week and count days and streaks in local time"
# 23:30 in Paris on Mar 28, 29 (the clocks change) and 30: three days in a row
run practice log breathing 5m --at "2026-03-28 23:30"
want_rc 0
export TZ=Europe/Paris
run practice log breathing 5m --at "2026-03-28 23:30"
want_rc 0
run practice log breathing 5m --at "2026-03-29 23:30"
want_rc 0
run practice log breathing 5m --at "2026-03-30 23:30"
want_rc 0
run practice stats --json
want_rc 0
python3 - "$T/out" <<'PY' || fail "practice stats --json: $(cat "$T/out" | head -c 400)"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["sessions"] == 7, s["sessions"]
assert s["minutes"] == 10 + 90 + 1 + 20, s["minutes"]
assert s["streak"]["longest"] == 3, s["streak"]
assert len(s["weeks"]) == 12
assert [p["name"] for p in s["practices"]][:2] == ["yoga", "breathing"], s["practices"]
PY
run practice stats --svg "$T/p.svg"
want_rc 0
expect_stdout_contains "Minutes per week"
expect_stdout_lacks "fail"
expect_stdout_lacks "missed"
grep -q "<title" "$T/p.svg" && grep -q "<desc" "$T/p.svg" || fail "the SVG has no title or text alternative"
run practice stats --svg -
want_rc 0
expect_stdout_contains "<svg "
expect_error 1 practice stats --svg "$T/no-such-folder/p.svg"
expect_stderr_contains "Cannot write the chart to $T/no-such-folder/p.svg"
export TZ=UTC

check "the timer rings at each interval, then logs the session"
export DYAD_TEST_TIMER=fast
run practice timer 10m --bell 3m --kind yoga
want_rc 0
expect_stdout_contains "Bell at 3:00."
expect_stdout_contains "Bell at 9:00."
TID=$(tail -n 1 "$T/out")
run practice list --json
grep -q "$TID" "$T/out" || fail "the timer's session $TID is not in the list"

check "Ctrl-C asks whether to log the partial session: no logs nothing"
run practice list --json
n0=$(grep -c '"id"' "$T/out")
printf 'n\n' >"$T/no"
DYAD_TEST_TIMER_INTERRUPT_AT=240 run_in "$T/no" practice timer 10m
want_rc 0
expect_stderr_contains "You practised 4m. Log it?"
expect_stdout_contains "Not logged"
run practice list --json
expect_same "$n0" "$(grep -c '"id"' "$T/out")" "sessions after a partial session not logged"

check "Ctrl-C, then yes, logs the minutes done"
printf 'y\n' >"$T/yes"
DYAD_TEST_TIMER_INTERRUPT_AT=240 run_in "$T/yes" practice timer 10m --json
want_rc 0
grep -q '"seconds": 240' "$T/out" || { fail "the partial session is not 240 seconds"; show_output; }
expect_error 2 practice timer 5m --bell 5m
unset DYAD_TEST_TIMER

check "a reaction is noted with feelings from the vocabulary"
run react add "We argued about the dishes" -i 7 --feel hurt,angry -t chores --urge "slam the door" \
	--did "walked out" --need "rest" --at "2026-03-02 20:00"
want_rc 0
R1=$(cat "$T/out")
run react add "Late again" -i 4 --paused --feel anxious -t Chores
want_rc 0
run react show "$R1"
want_rc 0
expect_stdout_contains "slam the door"
expect_stdout_contains "Paused first: no"

check "intensity 11, unknown feeling words and missing fields are refused and change nothing"
before=$(state)
expect_error 1 react add "x" -i 11
expect_stderr_contains "from 0 to 10"
expect_error 1 react add "x" -i 5 --feel grumpy
expect_stderr_contains "not one of dyad's feeling words"
expect_error 2 react add "x"
expect_error 2 react add -i 5
expect_error 1 react add "x" -i 5 -t a -t b -t c -t d -t e -t f
expect_same "$before" "$(state)" "the data after refused reactions"

check "react stats counts pauses, feelings and triggers"
run react stats --json --svg "$T/r.svg"
want_rc 0
python3 - "$T/out" <<'PY' || fail "react stats --json: $(head -c 400 "$T/out")"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["count"] == 2 and s["paused"] == 1, s
assert s["triggers"][0] == {"word": "chores", "count": 2}, s["triggers"]
assert {f["word"] for f in s["feelings"]} == {"hurt", "angry", "anxious"}, s["feelings"]
PY
grep -q "How strong my reactions were" "$T/r.svg" || fail "the reaction chart is not in the SVG"

check "the partner sees neither private sessions nor private reactions"
be Sam
run practice list --json
want_rc 0
expect_stdout_lacks "quiet morning"
run react list --json
want_rc 0
expect_stdout_lacks "dishes"
expect_error 1 react show "$R1"
expect_stderr_contains "No reaction"
expect_error 1 react rm "$R1"
expect_error 1 practice rm "$P1"

check "a shared reaction reaches the partner, who cannot change it; unshared, it is gone"
be Alex
run react share "$R1"
want_rc 0
be Sam
run react show "$R1"
want_rc 0
expect_stdout_contains "dishes"
expect_error 1 react rm "$R1"
expect_stderr_contains "only Alex can change it"
be Alex
run react unshare "$R1"
want_rc 0
be Sam
expect_error 1 react show "$R1"
be Alex
run react rm "$R1"
want_rc 0
expect_error 1 react show "$R1"

check "the database file holds none of it in plain text"
for w in "quiet morning" "slam the door" dishes "walked out"; do
	if grep -rqF "$w" "$DYAD_DATA"; then fail "the data folder holds '$w'"; fi
done

check "dyad pause paces breaths, explains the cool-down, and times it"
DYAD_TEST_TIMER=fast run pause --breaths 3 --cool-down=1m
want_rc 0
expect_stdout_contains "3/3  breathe in"
expect_stdout_contains "20 minutes"
expect_stdout_contains "Welcome back"
DYAD_TEST_TIMER=fast DYAD_TEST_TIMER_INTERRUPT_AT=5 run pause
want_rc 0
expect_stdout_contains "Stopped"
expect_error 2 pause --breaths 0
run react feelings
want_rc 0
expect_stdout_contains "overwhelmed"

finish
