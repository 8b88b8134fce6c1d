# passphrase.sh - changing the passphrase and recovering with the recovery
# code: every entry stays readable and the old passphrase stops working.
. "$(dirname "$0")/lib.sh"

couple
be Alex
add "Alex private one."
add "Alex shared one." --share
be Sam
add "Sam private one."
be Alex

# every entry Alex can see, readable one by one
all_readable() {
	run journal list --json
	want_rc 0
	[ "$(grep -c '"id"' "$T/out")" -eq "$1" ] || fail "expected $1 entries, got $(grep -c '"id"' "$T/out")"
	for id in $(sed -n 's/ *"id": "\(.*\)",/\1/p' "$T/out"); do
		"$DYAD" journal show "$id" </dev/null >/dev/null 2>"$T/err2" || fail "entry $id is not readable: $(cat "$T/err2")"
	done
}

check "dyad passphrase changes it; entries stay readable; the old one fails"
NEW="a brand new passphrase"
DYAD_NEW_PASSPHRASE="$NEW" expect_exit 0 passphrase
unset DYAD_NEW_PASSPHRASE
expect_error 1 journal list
expect_stderr_contains "passphrase"
export DYAD_PASSPHRASE="$NEW"
all_readable 2
expect_stdout_contains "Alex shared one."

check "the new passphrase can come from a file (one trailing newline dropped)"
printf 'the third passphrase\n' >"$T/newpass"
expect_exit 0 passphrase --new-passphrase-file "$T/newpass"
export DYAD_PASSPHRASE="the third passphrase"
all_readable 2

check "a short new passphrase is refused and the old one keeps working"
printf 'short\n' >"$T/newpass"
expect_error 1 passphrase --new-passphrase-file "$T/newpass"
all_readable 2

check "a wrong current passphrase cannot change it"
printf 'the fourth passphrase\n' >"$T/newpass"
DYAD_PASSPHRASE="wrong wrong wrong"
expect_error 1 passphrase --new-passphrase-file "$T/newpass"
DYAD_PASSPHRASE="the third passphrase"
all_readable 2

check "my partner's passphrase and entries are untouched"
be Sam
all_readable 2

check "a wrong recovery code is refused and changes nothing"
be Alex
S0=$(state)
DYAD_PASSPHRASE="recovered passphrase"
expect_error 1 recover --code AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH
[ "$(state)" = "$S0" ] || fail "a wrong recovery code changed the data"
expect_error 1 recover --code "$SAM_CODE"
[ "$(state)" = "$S0" ] || fail "the partner's recovery code changed the data"

check "dyad recover sets a new passphrase; entries stay readable; the old one fails"
expect_exit 0 recover --code "$ALEX_CODE"
DYAD_PASSPHRASE="the third passphrase"
expect_error 1 journal list
DYAD_PASSPHRASE="recovered passphrase"
all_readable 2
expect_stdout_contains "Alex private one."

check "the recovery code can come on standard input, and keeps working"
printf '%s\n' "$ALEX_CODE" >"$T/code"
DYAD_PASSPHRASE="recovered again, from stdin"
run_in "$T/code" recover
want_rc 0
all_readable 2

check "recover needs to know who, with two partners and no terminal"
unset DYAD_AS
expect_error 2 recover --code "$ALEX_CODE"
be Alex

check "dyad recovery-code makes a new code; the old one stops working, the new one works"
export DYAD_PASSPHRASE="recovered again, from stdin"
S0=$(state)
expect_exit 0 recovery-code --json
NEW_CODE=$(json_field recovery_code)
[ -n "$NEW_CODE" ] && [ "$NEW_CODE" != "$ALEX_CODE" ] || fail "no new recovery code: '$NEW_CODE'"
DYAD_PASSPHRASE="set with the old code"
expect_error 1 recover --code "$ALEX_CODE"
DYAD_PASSPHRASE="set with the new code"
expect_exit 0 recover --code "$NEW_CODE"
all_readable 2

check "dyad recovery-code needs the right passphrase and changes nothing without it"
S0=$(state)
DYAD_PASSPHRASE="not the passphrase"
expect_error 1 recovery-code
[ "$(state)" = "$S0" ] || fail "a wrong passphrase changed the data"
DYAD_PASSPHRASE="set with the new code"
expect_exit 0 recovery-code
expect_stdout_contains "no longer works"

finish
