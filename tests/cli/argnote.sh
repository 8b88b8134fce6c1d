#!/bin/sh
# Private text given as an argument is visible to other users (ps, /proc):
# every command that takes such text (journal add/edit, coach, react add,
# pulse --note, practice log/timer --note) says so once per data folder,
# through one function (arg_note_once) and one marker file; text from
# standard input gets no note. (part of #7)
. "$(dirname "$0")/lib.sh"

MARK="$DYAD_DATA/.argument-note-shown"
NOTE="text given as an argument can be seen by other people on this computer"

# the note once for "$@" (which must succeed), then not again
note_once() {
	rm -f "$MARK"
	expect_exit 0 "$@"
	expect_stderr_contains "$NOTE"
	[ "$(grep -c "$NOTE" "$T/err")" -eq 1 ] || { fail "$1: the note is not said exactly once"; show_output; }
	[ -f "$MARK" ] || fail "$1: no marker in the data folder"
	[ "$(stat -c '%a' "$MARK" 2>/dev/null)" = 600 ] || fail "$1: the marker is not 0600"
	expect_exit 0 "$@"
	if grep -qF "$NOTE" "$T/err"; then
		fail "$1: the note came twice"
		show_output
	fi
}

check "the coach with no data folder yet says it each time, and makes no folder"
expect_exit 0 coach "you never listen"
expect_stderr_contains "$NOTE"
expect_stderr_contains "Pipe it in"
expect_exit 0 coach "you never listen"
expect_stderr_contains "$NOTE"
[ ! -e "$DYAD_DATA" ] || fail "the coach made the data folder"

be Alex
expect_exit 0 init --name Alex

check "coach TEXT says it once"
note_once coach "you always do this"

check "coach --feel/--when/--need/--ask says it once, without the advice to pipe"
note_once coach --feel hurt --when "plans change late" --need "a heads-up" --ask "could you text me"
rm -f "$MARK"
expect_exit 0 coach --feel hurt --when "plans change late" --need "a heads-up" --ask "could you text me"
if grep -qF "Pipe it in" "$T/err"; then fail "coach parts: advice to pipe, which it cannot"; show_output; fi

check "react add says it once"
note_once react add "the dishes again" --intensity 4 --urge "slam the door"

check "pulse --note says it once; pulse without a note says nothing"
note_once pulse --connection 6 --self 5 --note "a long week"
rm -f "$MARK"
expect_exit 0 pulse --connection 6 --self 5
[ ! -s "$T/err" ] || { fail "pulse without a note: something on stderr"; show_output; }
[ ! -e "$MARK" ] || fail "pulse without a note made the marker"

check "practice log --note and practice timer --note say it once"
note_once practice log walk 20m --note "by the river"
export DYAD_TEST_TIMER=fast
note_once practice timer 2m --note "before work"
unset DYAD_TEST_TIMER

check "journal add TEXT still says it once, with the advice to pipe"
note_once journal add "seen by ps"
rm -f "$MARK"
expect_exit 0 journal add "seen by ps again"
expect_stderr_contains "Pipe it in"

check "text on standard input gets no note, from the coach or the journal"
rm -f "$MARK"
printf 'you never listen\n' >"$T/in"
run_in "$T/in" coach
want_rc 0
if grep -qF "$NOTE" "$T/err"; then fail "coach from stdin: a note"; show_output; fi
run_in "$T/in" journal add
want_rc 0
if grep -qF "$NOTE" "$T/err"; then fail "journal from stdin: a note"; show_output; fi
[ ! -e "$MARK" ] || fail "standard input made the marker"

finish
