# membership.sh - starting a space, inviting and joining: one space, two
# partners, single-use invitations.
. "$(dirname "$0")/lib.sh"

need sqlite3 sqlite3

check "init makes the data folder (0700) and the database (0600) and shows a recovery code"
be Alex
expect_exit 0 init --name Alex --space "Alex & Sam"
[ "$(stat -c %a "$DYAD_DATA")" = 700 ] || fail "the data folder is not 0700"
[ "$(stat -c %a "$DYAD_DATA/dyad.db")" = 600 ] || fail "the database is not 0600"
expect_stdout_contains "recovery code"
grep -Eq '^ +[0-9A-Z]{5}(-[0-9A-Z]{5}){7}$' "$T/out" || fail "no recovery code in the output"
expect_stdout_contains "Alex & Sam"

check "init makes missing parent folders, and the default folder is under XDG_DATA_HOME"
(unset DYAD_DATA; XDG_DATA_HOME="$T/xdg" "$DYAD" init --name Kim >/dev/null 2>"$T/err") ||
	fail "init under XDG_DATA_HOME: $(cat "$T/err")"
[ -f "$T/xdg/dyad/dyad.db" ] || fail "no database in \$XDG_DATA_HOME/dyad"
(unset DYAD_DATA XDG_DATA_HOME; "$DYAD" init --name Kim >/dev/null 2>"$T/err") ||
	fail "init under HOME: $(cat "$T/err")"
[ -f "$HOME/.local/share/dyad/dyad.db" ] || fail "no database in ~/.local/share/dyad"

S0=$(state)
check "a second init is refused and changes nothing"
expect_error 1 init --name Robin
expect_stderr_contains "already"
[ "$(state)" = "$S0" ] || fail "a second init changed the data"

check "init refuses a bad name or a short passphrase, and leaves nothing behind"
expect_error 1 --data "$T/other" init --name ""
DYAD_PASSPHRASE=short
export DYAD_PASSPHRASE
expect_error 1 --data "$T/other" init --name Kim
expect_stderr_contains "8"
[ ! -e "$T/other" ] || fail "a failed init left $T/other behind"
be Alex

check "with one partner, --as is not needed"
unset DYAD_AS
expect_exit 0 whoami
expect_stdout_contains "Alex"
be Alex

check "invite prints a code that expires in 7 days"
expect_exit 0 invite
expect_stdout_contains "dyad join --name"
before=$(date -u +%s)
run invite --json
want_rc 0
after=$(date -u +%s)
CODE=$(json_field code)
expires=$(json_field expires_at)
case $expires in
[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z)
	exp_s=$(date -u -d "$expires" +%s)
	if [ "$exp_s" -lt $((before + 7 * 86400)) ] || [ "$exp_s" -gt $((after + 7 * 86400)) ]; then
		fail "the invitation expires at $expires, not 7 days after it was made"
	fi
	;;
*) fail "expires_at is not an ISO 8601 UTC time: '$expires'" ;;
esac

check "an unknown invitation code is refused, and changes nothing"
S0=$(state)
be Sam
expect_error 1 join --name Sam --invite AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH
[ "$(state)" = "$S0" ] || fail "a bad invitation changed the data"

check "a wrong invitation code is said before any passphrase is asked for"
SAVED_PASS=$DYAD_PASSPHRASE
unset DYAD_PASSPHRASE
expect_error 1 join --name Sam --invite AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH
expect_stderr_contains "not valid"
export DYAD_PASSPHRASE="$SAVED_PASS"

check "the partner's name must differ"
expect_error 1 join --name Alex --invite "$CODE"
expect_stderr_contains "Alex"

check "the second partner joins"
expect_exit 0 join --name Sam --invite "$CODE"
expect_stdout_contains "recovery code"
expect_stdout_contains "Alex"
expect_exit 0 whoami
expect_stdout_contains "with Alex"
# Alex's first unlock since Sam joined puts away the key of Alex's time alone
be Alex
expect_exit 0 whoami

S1=$(state)
check "a third partner is refused: a used code says so, as the web's check does, and an unknown one too"
be Kim
expect_error 1 join --name Kim --invite "$CODE"
expect_stderr_contains "already been used"
expect_error 1 join --name Kim --invite AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH
expect_stderr_contains "not valid"
be Alex
expect_error 1 invite
expect_stderr_contains "two partners"
[ "$(state)" = "$S1" ] || fail "a third partner changed the data"

check "a used invitation admits no one, even when there is room again"
be Sam
expect_exit 0 leave --yes
be Kim
expect_error 1 join --name Kim --invite "$CODE"
expect_stderr_contains "not valid"
n=$(sqlite3 "$DYAD_DATA/dyad.db" 'SELECT count(*) FROM invite') || fail "sqlite3 could not count invitations"
[ "$n" = 0 ] || fail "$n invitations outlived the partner who left"

check "a new invitation replaces the earlier one"
be Alex
run invite --json
want_rc 0
OLD=$(json_field code)
run invite --json
want_rc 0
be Kim
expect_error 1 join --name Kim --invite "$OLD"
expect_stderr_contains "not valid"

check "an expired invitation is refused"
be Alex
run invite --json
want_rc 0
CODE2=$(json_field code)
sqlite3 "$DYAD_DATA/dyad.db" 'UPDATE invite SET expires_at = 1 WHERE used_at IS NULL' ||
	fail "sqlite3 could not age the invitation"
# any open of the database takes the space key out of an expired invitation
expect_exit 0 whoami
n=$(sqlite3 "$DYAD_DATA/dyad.db" 'SELECT count(*) FROM invite WHERE length(wrapped_space_key) > 0') ||
	fail "sqlite3 could not read the invitations"
[ "$n" = 0 ] || fail "an expired invitation still holds the space key"
S2=$(state)
be Kim
expect_error 1 join --name Kim --invite "$CODE2"
expect_stderr_contains "expired"
[ "$(state)" = "$S2" ] || fail "an expired invitation changed the data"

check "a fresh invitation lets a new partner join"
be Alex
run invite --json
want_rc 0
CODE3=$(json_field code)
be Kim
expect_exit 0 join --name Kim --invite "$CODE3"

finish
