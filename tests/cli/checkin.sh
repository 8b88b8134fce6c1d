# checkin.sh - dyad checkin: the schedule is set once for the couple and
# its next date keeps the local time across a daylight-saving change; the
# .ics parses back (CRLF, folding, VTIMEZONE, RRULE); agenda items are held
# and the partner sees none until revealed or joined; turns follow the
# roles; agreements need words and a past follow-up is a warning; either
# partner marks one done and takes back only their own mark; only its
# author removes one, with both partners' marks, asked first on a
# terminal; bad input
# (an unknown frequency, 25:00, an empty agreement) changes nothing; the
# data folder holds no plain text of what was written.
. "$(dirname "$0")/lib.sh"
need python3 python3

couple
be Alex

check "no schedule yet is said plainly, and next and ics fail with a hint"
run checkin schedule
want_rc 0
expect_stdout_contains "No check-in schedule yet"
expect_error 1 checkin next
expect_stderr_contains "dyad checkin schedule weekly"
expect_error 1 checkin ics

check "bad schedules are refused with a clear message and change nothing"
before=$(state)
expect_error 1 checkin schedule fortnightly --day thu --time 19:30 --tz Europe/London
expect_stderr_contains "weekly, biweekly or monthly"
expect_error 1 checkin schedule weekly --day thu --time 25:00 --tz Europe/London
expect_stderr_contains "25:00"
expect_error 1 checkin schedule weekly --day someday --time 19:30 --tz Europe/London
expect_stderr_contains "not a day"
expect_error 1 checkin schedule weekly --day thu --time 19:30 --tz Mars/Olympus_Mons
expect_stderr_contains "time zone"
expect_error 1 checkin schedule weekly --day thu --time 19:30 --week 2 --tz Europe/London
expect_stderr_contains "monthly"
expect_error 2 checkin schedule weekly --time 19:30
expect_stderr_contains "--day"
[ "$(state)" = "$before" ] || fail "a refused schedule changed the data folder"
run checkin schedule --json
want_rc 0
expect_stdout_contains '"schedule": null'

check "a weekly schedule in London keeps 19:30 local across the change to summer time"
run checkin schedule weekly --day sunday --time 19:30 --tz Europe/London
want_rc 0
expect_stdout_contains "every Sunday at 19:30 (Europe/London)"
be Sam
run checkin schedule --json
want_rc 0
expect_same "$(json_field zone)" "Europe/London" "Sam's view of the couple's zone"
expect_same "$(json_field frequency)" "weekly" "Sam's view of the frequency"
run checkin next --from "2027-03-22 12:00Z" --json
want_rc 0
expect_same "$(json_field next)" "2027-03-28T18:30:00Z" "the first check-in in summer time (UTC)"
expect_same "$(json_field local)" "2027-03-28T19:30" "its local time"
run checkin next --from "2027-03-15 12:00Z" --json
want_rc 0
expect_same "$(json_field next)" "2027-03-21T19:30:00Z" "the last one in winter time"
run checkin next --from "2027-03-15 12:00Z"
want_rc 0
expect_stdout_contains "Sunday 21 March 2027 at 19:30 (Europe/London)"
expect_error 2 checkin next --from yesterday-ish

check "a monthly schedule on the last Thursday, and the .ics parses back"
be Alex
run checkin schedule monthly --day thu --time 20:00 --week last --tz America/New_York
want_rc 0
expect_stdout_contains "the last Thursday of the month at 20:00"
run checkin ics --from "2026-11-29 17:00Z" -o "$T/our.ics"
want_rc 0
python3 - "$T/our.ics" <<'PY' || fail "the .ics did not parse back"
import sys
raw = open(sys.argv[1], 'rb').read()
assert raw.endswith(b'\r\n'), 'no CRLF at the end'
assert b'\n' not in raw.replace(b'\r\n', b''), 'a bare LF'
for physical in raw.split(b'\r\n')[:-1]:
    assert len(physical) <= 75, 'a line longer than 75 octets: %r' % physical
text = raw.decode('utf-8').replace('\r\n ', '').split('\r\n')[:-1]
stack, props = [], {}
for line in text:
    name, _, value = line.partition(':')
    assert _ == ':', 'a line without a value: %r' % line
    if name == 'BEGIN':
        stack.append(value)
    elif name == 'END':
        assert stack and stack.pop() == value, 'END:%s does not close' % value
    elif stack and stack[-1] == 'VEVENT':
        props[name] = value
assert not stack, 'unclosed %r' % stack
assert text[0] == 'BEGIN:VCALENDAR' and 'VERSION:2.0' in text and any(l.startswith('PRODID:') for l in text)
assert 'TZID:America/New_York' in text
assert props['RRULE'] == 'FREQ=MONTHLY;BYDAY=-1TH', props['RRULE']
assert props['DTSTART;TZID=America/New_York'] == '20261231T200000', props
assert props['DTSTAMP'] == '20261129T170000Z'
assert props['UID'].endswith('@dyad') and props['DURATION'] == 'PT1H'
# the zone's changes: 2027-03-14 02:00 EST -> EDT, 2027-11-07 02:00 EDT -> EST
assert 'DTSTART:20270314T020000' in text and 'DTSTART:20271107T020000' in text
assert 'TZOFFSETFROM:-0500' in text and 'TZOFFSETTO:-0400' in text
PY
run checkin ics --from "2026-11-29 17:00Z"
want_rc 0
expect_stdout_contains "BEGIN:VCALENDAR"

check "agenda items are held: Sam sees none of Alex's until revealed or joined"
run goal add "Run a 10k" --json
want_rc 0
GOAL=$(json_field id)
run checkin add appreciation "MARKER-THANKS-capybara"
want_rc 0
A1=$(cat "$T/out")
run checkin add goal "My training evenings" --link "$GOAL"
want_rc 0
A2=$(cat "$T/out")
before=$(state)
expect_error 1 checkin add gossip "x"
expect_error 1 checkin add other "   "
expect_stderr_contains "few words"
expect_error 1 checkin add goal "x" --link 00000000
expect_stderr_contains "No goal, boundary or answer"
[ "$(state)" = "$before" ] || fail "a refused item changed the data folder"
run checkin list
want_rc 0
expect_stdout_contains "MARKER-THANKS-capybara"
expect_stdout_contains "held: only you see it"
be Sam
run checkin list --json
want_rc 0
expect_stdout_lacks "capybara"
expect_stdout_lacks "training evenings"
expect_error 1 checkin reveal "$A1"
run checkin add concern "Weekends feel rushed"
want_rc 0
S1=$(cat "$T/out")
be Alex
run checkin list
want_rc 0
expect_stdout_lacks "Weekends feel rushed"
run checkin reveal "$A1"
want_rc 0
be Sam
run checkin list
want_rc 0
expect_stdout_contains "MARKER-THANKS-capybara"
expect_stdout_lacks "training evenings"

check "a started check-in opens each partner's items when they join"
run checkin start --json
want_rc 0
CI=$(json_field id)
expect_stdout_contains '"started": true'
expect_stdout_lacks "training evenings"
be Alex
run checkin start
want_rc 0
expect_stdout_contains "Joined the check-in"
expect_stdout_contains "Weekends feel rushed"
expect_stdout_contains "training evenings"
be Sam
run checkin start --json
want_rc 0
expect_stdout_contains "training evenings"
expect_same "$(json_field id)" "$CI" "the same check-in for both"

check "turns follow the roles: the listener paraphrases, the speaker says if they felt heard"
expect_error 1 checkin paraphrase "$S1" "I hear myself"
expect_stderr_contains "your partner paraphrases"
run checkin paraphrase "$A2" "MARKER-PARA-okapi: your evenings matter to you"
want_rc 0
expect_error 1 checkin heard "$A2" yes
expect_error 2 checkin heard "$S1" maybe
run checkin heard "$S1" yes
want_rc 0
run checkin note "$S1" "Try a slower Saturday"
want_rc 0

check "agreements need words and a who; a past follow-up is a warning, and nothing changes on refusal"
before=$(state)
expect_error 1 checkin agree ""
expect_stderr_contains "cannot be empty"
expect_error 1 checkin agree "   "
expect_error 1 checkin agree "x" --who nobody
expect_error 1 checkin agree "x" --follow-up 2027-02-30
expect_stderr_contains "YYYY-MM-DD"
[ "$(state)" = "$before" ] || fail "a refused agreement changed the data folder"
run checkin agree "MARKER-AGREE-pangolin book the plumber" --who me --follow-up 2020-01-01
want_rc 0
expect_stderr_contains "in the past"
AG=$(cat "$T/out")
run checkin agree "Walk on Sundays" --who both --follow-up 2099-12-31 --json
want_rc 0
expect_stdout_contains '"follow_up_past": false'
run checkin agree "Fix the gate" --who ALEX
want_rc 0
expect_error 1 checkin agree "Fix the fence" --who Robin
expect_stderr_contains "me, partner, both, or one of our names"
run checkin agreements --due
want_rc 0
expect_stdout_contains "book the plumber  (you), follow up 2020-01-01"
expect_stdout_lacks "Walk on Sundays"
be Alex
run checkin list
want_rc 0
expect_stdout_contains "Agreements to follow up"
# Sam said "me": Alex reads it as Sam's, by name
expect_stdout_contains "book the plumber  (Sam), follow up 2020-01-01"
run checkin agreements
want_rc 0
expect_stdout_contains "Fix the gate  (you)"
expect_stdout_contains "Walk on Sundays  (both of you)"
run checkin agreements --json
want_rc 0
expect_stdout_contains '"who_is": "partner"'
expect_stdout_contains '"who_words": "Sam"'
expect_stdout_contains '"who_words": "You"'
expect_stdout_contains '"who_words": "Both of you"'
expect_stdout_lacks '"who": "me"'

check "either partner marks an agreement done, with their own mark; both see who did; each takes back only their own"
# Sam wrote it; Alex marks it done
run checkin done "$AG"
want_rc 0
expect_stdout_contains "Marked done."
run checkin agreements --due
want_rc 0
expect_stdout_contains "No agreements are due"
run checkin agreements
want_rc 0
expect_stdout_contains "book the plumber  (Sam), follow up 2020-01-01, done: you marked it"
run checkin agreements --json
want_rc 0
expect_stdout_contains '"done": true'
expect_stdout_contains '"name": "Alex"'
be Sam
run checkin agreements
want_rc 0
expect_stdout_contains "book the plumber  (you), follow up 2020-01-01, done: Alex marked it"
# Sam takes back a mark he never made: still done
run checkin done --undo "$AG"
want_rc 0
run checkin agreements --due
want_rc 0
expect_stdout_contains "No agreements are due"
run checkin done "$AG"
want_rc 0
run checkin agreements
want_rc 0
expect_stdout_contains ", and you "
be Alex
run checkin done --undo "$AG"
want_rc 0
expect_stdout_contains "Your done mark is taken back."
run checkin agreements
want_rc 0
expect_stdout_contains "done: Sam marked it"
expect_stdout_lacks "done: you"
expect_error 1 checkin done 0123456789abcdef
expect_error 2 checkin done
expect_error 2 checkin done --bogus "$AG"
be Sam
run checkin done --undo "$AG"
want_rc 0
run checkin agreements --due
want_rc 0
expect_stdout_contains "book the plumber"
run checkin done "$AG"
want_rc 0
run checkin end
want_rc 0
expect_error 1 checkin end
expect_stderr_contains "No check-in has started"

check "history lists the check-in with its agreements"
be Alex
run checkin history
want_rc 0
expect_stdout_contains "3 items"
expect_stdout_contains "Walk on Sundays"
run checkin history --json
want_rc 0
expect_stdout_contains '"ended": true'
expect_stdout_contains '"partner_joined": true'

check "show tells one check-in: each item with what was said on it, and its agreements"
run checkin show "$CI"
want_rc 0
expect_stdout_contains "Weekends feel rushed"
expect_stdout_contains "your evenings matter to you"
expect_stdout_contains "Try a slower Saturday"
expect_stdout_contains "Agreed:"
expect_stdout_contains "Walk on Sundays"
run checkin show "$CI" --json
want_rc 0
expect_stdout_contains '"turns"'
expect_stdout_contains '"paraphrase"'
expect_error 1 checkin show 00000000

check "in a terminal, start goes through the items, asks for felt heard, a note and agreements, and ends"
need script bsdutils
be Alex
run checkin add concern "MARKER-TTY-dishes pile up"
want_rc 0
printf 'y\nMARKER-TTY-note rota\nMARKER-TTY-wash after dinner\nme\n2099-01-01\n\ny\n' >"$T/answers"
DYAD_BIN_FOR_SCRIPT="$DYAD" script -qec '"$DYAD_BIN_FOR_SCRIPT" checkin start' /dev/null <"$T/answers" >"$T/out" 2>"$T/err"
rc=$?
want_rc 0
expect_stdout_contains "[1/1] concern: MARKER-TTY-dishes pile up"
expect_stdout_contains "You speak; your partner listens"
expect_stdout_contains "Did you feel heard?"
expect_stdout_contains "The check-in has ended."
run checkin history
want_rc 0
expect_stdout_contains "MARKER-TTY-wash after dinner  (you), follow up 2099-01-01"
be Sam
run checkin agreements
want_rc 0
expect_stdout_contains "MARKER-TTY-wash after dinner  (Alex)"
expect_stdout_contains "Walk on Sundays  (both of you)"

check "an agreement is deleted by its author alone, with both partners' done marks; on a terminal it asks first"
be Alex
run checkin start --json
want_rc 0
CI2=$(json_field id)
run checkin agree "MARKER-RM-walrus Book the plumbr" --who both
want_rc 0
TYPO=$(cat "$T/out")
run checkin done "$TYPO"
want_rc 0
be Sam
run checkin done "$TYPO"
want_rc 0
run checkin agree "Fix the fence" --who me
want_rc 0
FENCE=$(cat "$T/out")
before=$(state)
# Sam may mark Alex's agreement done, not delete it
expect_error 1 checkin agreements rm "$TYPO"
expect_stderr_contains "That agreement is Alex's; only Alex can delete it"
expect_error 1 checkin agreements rm --yes "$TYPO"
expect_error 1 --json checkin agreements rm -y "$TYPO"
expect_error 2 checkin agreements rm
expect_error 2 checkin agreements rm "$TYPO" extra
expect_error 2 checkin agreements rm --bogus "$TYPO"
expect_error 1 checkin agreements rm 0123456789abcdef
expect_error 1 checkin agreements rm "$CI2"
expect_stderr_contains "No agreement"
run checkin agreements rm --help
want_rc 0
expect_stdout_contains "usage: dyad checkin agreements rm ID [--yes]"
[ "$(state)" = "$before" ] || fail "a refused removal changed the data folder"
be Alex
expect_error 1 checkin agreements rm "$FENCE"
expect_stderr_contains "That agreement is Sam's"
# on a terminal it shows the agreement and asks; no keeps it
printf 'n\n' >"$T/answers"
DYAD_BIN_FOR_SCRIPT="$DYAD" ID_FOR_SCRIPT="$TYPO" \
	script -qec '"$DYAD_BIN_FOR_SCRIPT" checkin agreements rm "$ID_FOR_SCRIPT"' /dev/null <"$T/answers" >"$T/out" 2>"$T/err"
rc=$?
want_rc 0
expect_stdout_contains "Book the plumbr  (both of you), done: you marked it"
expect_stdout_contains "Delete the agreement $(printf %.8s "$TYPO") for good, with its done marks? [y/N]"
expect_stdout_contains "Nothing was deleted."
[ "$(state)" = "$before" ] || fail "answering no changed the data folder"
printf 'y\n' >"$T/answers"
DYAD_BIN_FOR_SCRIPT="$DYAD" ID_FOR_SCRIPT="$TYPO" \
	script -qec '"$DYAD_BIN_FOR_SCRIPT" checkin agreements rm "$ID_FOR_SCRIPT"' /dev/null <"$T/answers" >"$T/out" 2>"$T/err"
rc=$?
want_rc 0
expect_stdout_contains "Deleted agreement"
run checkin agreements --json
want_rc 0
expect_stdout_lacks "walrus"
expect_stdout_contains "Fix the fence"
be Sam
run checkin agreements
want_rc 0
expect_stdout_lacks "walrus"
expect_stdout_contains "Fix the fence  (you)"
expect_error 1 checkin done "$TYPO"
expect_stderr_contains "No agreement"
be Alex
expect_error 1 checkin agreements rm --yes "$TYPO"
expect_stderr_contains "No agreement"
# Sam removes his own, without being asked, in the check-in Alex started
be Sam
run checkin agreements rm --yes "$FENCE" --json
want_rc 0
expect_stdout_contains '"deleted": true'
run checkin agreements
want_rc 0
expect_stdout_lacks "Fix the fence"
run checkin end
want_rc 0

check "the data folder holds no plain text of agendas, paraphrases or agreements"
for w in capybara okapi pangolin "training evenings" "Weekends feel rushed" MARKER-TTY walrus; do
	if grep -rqF -- "$w" "$DYAD_DATA"; then
		fail "the data folder holds '$w'"
	fi
done

finish
