# partnership.sh - a partner leaves, someone new joins: what was shared
# before stays with whoever wrote it, and the one who stays is told.
. "$(dirname "$0")/lib.sh"

need sqlite3 sqlite3
couple
be Alex
add "Alex private before." --title "alex-private"
APRIV=$ID
add "Alex shared with Sam." --title "alex-shared-sam" --share
ASHARED=$ID
be Sam
add "Sam shared with Alex." --share
SSHARED=$ID
be Alex
expect_exit 0 checkin add concern "Alex held for the talk."
be Sam
expect_exit 0 journal show "$ASHARED"
expect_stdout_contains "Alex shared with Sam."

check "Sam leaves; Alex is told calmly instead of 'has not joined yet'"
expect_exit 0 leave --yes
be Alex
expect_exit 0 whoami
expect_stdout_contains "Sam left on "
expect_stdout_contains "What Sam shared left with them. What you had shared with Sam is private again."
expect_stdout_lacks "has not joined yet"
expect_exit 0 whoami --json
expect_stdout_contains '"partner_left"'

check "what Alex shared with Sam is private again, and Alex still reads all of it"
expect_exit 0 journal list --shared
expect_stdout_lacks "Alex shared with Sam."
expect_exit 0 journal list
expect_stdout_contains "alex-private"
expect_stdout_contains "alex-shared-sam"
expect_stdout_lacks "Sam shared with Alex."
expect_exit 0 journal show "$ASHARED"
expect_stdout_contains "Alex shared with Sam."
expect_error 1 journal show "$SSHARED"
expect_exit 0 checkin list
expect_stdout_contains "Alex held for the talk."
expect_stdout_contains "(private)"
expect_stdout_lacks "revealed"
expect_stdout_lacks "held: only you"
n=$(sqlite3 "$DYAD_DATA/dyad.db" "SELECT count(*) FROM record WHERE visibility <> 0") || fail "sqlite3 failed"
[ "$n" = 0 ] || fail "$n records are still shared after Sam left and Alex unlocked"
n=$(sqlite3 "$DYAD_DATA/dyad.db" "SELECT count(*) FROM member_key") || fail "sqlite3 failed"
[ "$n" = 1 ] || fail "Alex keeps $n partnership keys, not just the current one"

check "Jordan joins with a new invitation and reads nothing shared before"
run invite --json
want_rc 0
CODE=$(json_field code)
export DYAD_AS=Jordan DYAD_PASSPHRASE="jordan's passphrase"
expect_exit 0 join --name Jordan --invite "$CODE"
expect_exit 0 journal list
expect_stdout_lacks "Alex"
expect_error 1 journal show "$ASHARED"
expect_error 1 journal show "$APRIV"

check "what Alex shares now, Jordan reads; the notice is gone"
be Alex
add "Alex shared with Jordan." --share
AFTER=$ID
expect_exit 0 whoami
expect_stdout_lacks "left on"
expect_stdout_contains "with Jordan"
export DYAD_AS=Jordan DYAD_PASSPHRASE="jordan's passphrase"
expect_exit 0 journal show "$AFTER"
expect_stdout_contains "Alex shared with Jordan."
expect_exit 0 journal list
expect_stdout_lacks "Alex shared with Sam."

check "Alex still reads every entry of Alex's"
be Alex
expect_exit 0 journal list --mine
expect_stdout_contains "alex-private"
expect_stdout_contains "alex-shared-sam"
expect_stdout_contains "Alex shared with Jordan."

check "the space can be renamed by either partner; a bad name changes nothing"
expect_exit 0 label "Our home"
expect_stdout_contains "Our home"
export DYAD_AS=Jordan DYAD_PASSPHRASE="jordan's passphrase"
expect_exit 0 whoami
expect_stdout_contains '"Our home"'
S0=$(state)
expect_error 1 label ""
[ "$(state)" = "$S0" ] || fail "an empty label changed the data"
expect_error 2 label
expect_error 2 label one two

finish
