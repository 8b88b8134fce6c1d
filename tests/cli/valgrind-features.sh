# valgrind-features.sh - every feature's everyday commands under
# valgrind's memcheck, as two partners use them: no invalid reads or
# writes, no use of uninitialised memory, no definite leaks (valgrind.sh
# covers the journal and the errors). need_memcheck and vg are lib.sh's:
# valgrind missing fails the test; a sanitizer build is the one announced
# skip; VG_OFF=1 runs the same scenario without valgrind.
. "$(dirname "$0")/lib.sh"
need_memcheck

check "a couple forms under memcheck"
be Alex
vg 0 init --name Alex --json
vg 0 invite --json
CODE=$(json_field code)
be Sam
vg 0 join --name Sam --invite "$CODE" --json
vg 0 whoami

check "the journal's deeper parts: prompts, search, a response, an edit"
be Alex
vg 0 journal prompt
vg 0 journal add "A periwinkle evening by the river." --title "River" --mood 4 --feel peaceful --tag us --share
ENTRY=$(cat "$T/out")
vg 0 journal search periwinkle --json
vg 0 journal edit "$ENTRY" "A periwinkle evening by the river, and tea."
be Sam
vg 0 journal respond "$ENTRY" read
vg 0 journal list --json

check "practice and the reactivity log, with their stats and charts"
be Alex
vg 0 practice log meditation 10m --note "quiet morning"
vg 0 practice list --json
vg 0 practice stats --svg "$T/practice.svg"
vg 0 react add "We argued about the dishes" -i 7 --feel hurt,angry -t chores --urge "slam the door" --paused
vg 0 react list
vg 0 react stats --svg "$T/react.svg"

check "the pulse, the balance map, the differentiation check's results"
vg 0 pulse --connection 6 --self 5 --note "a tender week"
vg 0 balance --json
vg 0 assess list
vg 0 assess results --json
vg 0 settings

check "boundaries, goals, interests and a question for two"
vg 0 boundary add "I need an hour alone after work" --area time --why "to land after the day"
vg 0 boundary list --json
vg 0 goal add "Run a 10k" --json
vg 0 interest add "Bouldering on Thursdays" --with others
vg 0 question today --json

check "check-ins: the schedule, the calendar, the agenda, and the coach"
vg 0 checkin schedule weekly --day thu --time 19:30 --tz Europe/London
vg 0 checkin next
vg 0 checkin ics
vg 0 checkin add appreciation "Thank you for the tea every morning."
vg 0 checkin list --json
printf 'You always forget, you are so lazy.\n' >"$T/in"
vg 0 coach --json
vg 0 coach "I feel worried when you come home late because I need to know you are safe. Would you be willing to text me?"

check "bad input under memcheck: clear errors, nothing leaked"
vg 1 practice log meditation 25h
vg 1 react add "too much" -i 11
vg 2 pulse --connection 11 --self 5
vg 1 checkin schedule weekly --day thu --time 25:00 --tz Europe/London
vg 2 boundary add
vg 2 journal show ""

finish
