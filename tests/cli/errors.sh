# errors.sh - every bad input or bad state gets one clear error line, a
# non-zero exit, no crash, and changes nothing.
. "$(dirname "$0")/lib.sh"

need sqlite3 sqlite3
couple
be Alex
add "A first entry."
FIRST=$ID
be Sam
add "Sam's entry."
be Alex
S0=$(state)

# after a failure: the data folder is exactly as it was
unchanged() {
	[ "$(state)" = "$S0" ] || fail "the data changed after: $1"
}

check "a wrong passphrase"
export DYAD_PASSPHRASE="not the passphrase"
expect_error 1 journal list
expect_stderr_contains "passphrase"
expect_error 1 journal add "Should not be saved."
unchanged "wrong passphrase"
be Alex
printf 'not the passphrase\n' >"$T/pass"
expect_error 1 --passphrase-file "$T/pass" journal list
expect_error 1 --passphrase-file "$T/no-such-file" journal list
expect_stderr_contains "no-such-file"
unchanged "wrong passphrase file"

check "the passphrase file loses one trailing newline, as restic does, and only one"
printf '%s\n' "$ALEX_PASS" >"$T/pass"
(unset DYAD_PASSPHRASE; DYAD_PASSPHRASE_FILE="$T/pass" "$DYAD" journal list >/dev/null 2>"$T/err") ||
	fail "DYAD_PASSPHRASE_FILE with a newline: $(cat "$T/err")"
printf '%s' "$ALEX_PASS" >"$T/pass"
(unset DYAD_PASSPHRASE; DYAD_PASSPHRASE_FILE="$T/pass" "$DYAD" journal list >/dev/null 2>"$T/err") ||
	fail "DYAD_PASSPHRASE_FILE without a newline: $(cat "$T/err")"
printf '%s\n\n' "$ALEX_PASS" >"$T/pass"
if (unset DYAD_PASSPHRASE; DYAD_PASSPHRASE_FILE="$T/pass" "$DYAD" journal list >/dev/null 2>"$T/err"); then
	fail "DYAD_PASSPHRASE_FILE with two newlines opened the journal: only one may be dropped"
fi

check "no passphrase and no terminal"
(unset DYAD_PASSPHRASE; "$DYAD" journal list </dev/null >/dev/null 2>"$T/err"; echo $? >"$T/rc")
[ "$(cat "$T/rc")" = 1 ] || fail "exit $(cat "$T/rc"), expected 1"
grep -qF DYAD_PASSPHRASE "$T/err" || fail "the error does not say how to give a passphrase"

check "an unknown id"
expect_error 1 journal show 0123abcd
expect_stderr_contains "0123abcd"
expect_error 1 journal edit 0123abcd "new text"
expect_error 1 journal rm 0123abcd --yes
expect_error 1 journal share 0123abcd
unchanged "unknown id"

check "an unknown option and a missing argument change nothing"
expect_error 2 journal add "text" --bogus
expect_error 2 journal add --title
expect_error 2 journal edit
unchanged "usage errors"

check "an empty ID is a missing one, for every kind that takes an ID"
for cmd in "journal show" "journal rm" "journal respond" "practice rm" "react show" "boundary show" "goal show" "assess rm"; do
	# shellcheck disable=SC2086
	expect_error 2 $cmd ""
	expect_stderr_contains "Missing ID."
done
unchanged "empty IDs"

check "text that is not UTF-8: as argument, on standard input, as title"
expect_error 1 journal add "$(printf 'caf\351')"
expect_stderr_contains "UTF-8"
printf 'bad \377\376 bytes\n' >"$T/in"
expect_error_in 1 "$T/in" journal add
expect_stderr_contains "UTF-8"
printf '\355\240\200 a surrogate\n' >"$T/in"
expect_error_in 1 "$T/in" journal add
printf '\300\257 an overlong slash\n' >"$T/in"
expect_error_in 1 "$T/in" journal add
expect_error 1 journal add "fine text" --title "$(printf 'bad \377')"
expect_stderr_contains "title"
expect_error 1 journal edit "$FIRST" "$(printf 'caf\351')"
printf 'a NUL\000 byte\n' >"$T/in"
expect_error_in 1 "$T/in" journal add
expect_stderr_contains "NUL"
unchanged "invalid UTF-8"

check "an entry over 1 MiB, and a title over 500 bytes"
head -c 1048577 /dev/zero | tr '\0' 'a' >"$T/big"
expect_error_in 1 "$T/big" journal add
expect_stderr_contains "1 MiB"
head -c 3000000 /dev/zero | tr '\0' 'a' >"$T/big"
expect_error_in 1 "$T/big" journal add
expect_stderr_contains "1 MiB"
expect_error_in 1 "$T/big" journal edit "$FIRST"
expect_error 1 journal add "text" --title "$(head -c 501 /dev/zero | tr '\0' t)"
unchanged "too big"

check "exactly 1 MiB is accepted"
head -c 1048576 /dev/zero | tr '\0' 'b' >"$T/big"
run_in "$T/big" journal add
want_rc 0
expect_exit 0 journal show "$(cat "$T/out")" --json
[ "$(grep -c bbbbbbbbbb "$T/out")" -eq 1 ] || fail "the 1 MiB entry did not come back"
expect_exit 0 journal rm "$(sed -n 's/ *"id": "\(.*\)",/\1/p' "$T/out")" --yes
S0=$(state)

check "a missing data folder"
expect_error 1 --data "$T/nowhere" journal list
expect_stderr_contains "dyad init"
[ ! -e "$T/nowhere" ] || fail "a missing data folder was created"
expect_error 1 --data "$T/nowhere" invite
expect_error 1 --data "$T/nowhere" join --name Kim --invite AAAAA-AAAAA
[ ! -e "$T/nowhere" ] || fail "a missing data folder was created"
mkdir "$T/empty"
expect_error 1 --data "$T/empty" journal list
[ -z "$(ls -A "$T/empty")" ] || fail "an empty data folder got files"

check "a data folder that is a file"
: >"$T/a-file"
expect_error 1 --data "$T/a-file" journal list
expect_stderr_contains "not a folder"
expect_error 1 --data "$T/a-file" init --name Kim
expect_error 1 --data "$T/a-file/below" journal list

# a read-only data folder: readonly.sh (it is skipped where no folder can
# be made read-only, which must not count as a pass here)

check "a database from a newer dyad"
mkdir "$T/newer"
cp "$DYAD_DATA/dyad.db" "$T/newer/dyad.db"
sqlite3 "$T/newer/dyad.db" 'PRAGMA user_version=999' || fail "sqlite3 could not set user_version"
before=$(cksum <"$T/newer/dyad.db")
expect_error 1 --data "$T/newer" journal list
expect_stderr_contains "newer"
expect_error 1 --data "$T/newer" journal add "Into the future."
expect_error 1 --data "$T/newer" init --name Kim
expect_same "$(cksum <"$T/newer/dyad.db")" "$before" "a newer database was changed"

check "a corrupt database file: all garbage, garbage after the header, empty"
mkdir "$T/bad"
head -c 65536 /dev/urandom >"$T/bad/dyad.db"
before=$(cksum <"$T/bad/dyad.db")
expect_error 1 --data "$T/bad" journal list
expect_error 1 --data "$T/bad" journal add "Into garbage."
expect_error 1 --data "$T/bad" init --name Kim
expect_same "$(cksum <"$T/bad/dyad.db")" "$before" "a corrupt database was changed"
cp "$DYAD_DATA/dyad.db" "$T/bad/dyad.db"
dd if=/dev/urandom of="$T/bad/dyad.db" bs=512 seek=1 count=200 conv=notrunc 2>/dev/null
before=$(cksum <"$T/bad/dyad.db")
expect_error 1 --data "$T/bad" journal list
expect_same "$(cksum <"$T/bad/dyad.db")" "$before" "a damaged database was changed"
: >"$T/bad/dyad.db"
expect_error 1 --data "$T/bad" journal list

check "after all that, everything is as it was"
unchanged "all errors"
expect_exit 0 journal list
expect_stdout_contains "A first entry."

finish
