# journal.sh - writing, listing, reading, editing, deleting, sharing entries.
. "$(dirname "$0")/lib.sh"

couple
be Alex

check "journal add takes the text from its argument and prints the new id"
add "Morning pages: I felt calm." --title "Calm"
A1=$ID
case $A1 in
????????-????-????-????-????????????) ;;
*) fail "'$A1' is not an entry id" ;;
esac

check "journal add takes the text from standard input when there is no argument"
printf 'From stdin,\nover two lines.\n' >"$T/in"
run_in "$T/in" journal add --title "Piped"
want_rc 0
A2=$(cat "$T/out")

check "journal add --share shares it at once"
add "We are in this together." --share
A3=$ID

check "journal show prints title and text; a prefix of the id works"
expect_exit 0 journal show "$A1"
expect_stdout_contains "Calm"
expect_stdout_contains "Morning pages: I felt calm."
expect_stdout_contains "private"
expect_exit 0 journal show "$(printf '%s' "$A2" | cut -c1-23)"
expect_stdout_contains "over two lines."
run journal show "$A2" --json
want_rc 0
expect_stdout_contains '"text": "From stdin,\nover two lines."'

check "journal list shows my entries, marked private or shared"
expect_exit 0 journal list
expect_stdout_contains "Calm"
expect_stdout_contains "Piped"
expect_stdout_contains "We are in this together."
[ "$(grep -c private "$T/out")" -eq 2 ] || fail "expected two private entries"
[ "$(grep -c shared "$T/out")" -eq 1 ] || fail "expected one shared entry"

check "my partner's list shows what I shared, marked from me, and nothing else"
be Sam
add "Sam's own private note."
S1=$ID
expect_exit 0 journal list
expect_stdout_contains "from Alex"
expect_stdout_contains "We are in this together."
expect_stdout_lacks "Calm"
expect_stdout_lacks "Piped"
expect_stdout_contains "Sam's own private note."

check "--mine, --shared and --theirs filter the list"
expect_exit 0 journal list --mine
expect_stdout_lacks "from Alex"
expect_stdout_contains "Sam's own"
expect_exit 0 journal list --shared
expect_stdout_contains "We are in this together."
expect_stdout_lacks "Sam's own"
expect_exit 0 journal list --theirs
expect_stdout_contains "We are in this together."
expect_stdout_contains "from Alex"
expect_stdout_lacks "Sam's own"
be Alex
expect_exit 0 journal list --theirs
expect_stdout_contains "Your partner has not shared anything with you yet."
expect_stdout_lacks "We are in this together."
be Sam

check "journal list --json lists entries with id, author, shared"
run journal list --json
want_rc 0
expect_stdout_contains "\"id\": \"$A3\""
expect_stdout_contains '"author": "Alex"'
expect_stdout_contains '"total": 2'

check "my partner can read but not change, delete or unshare my shared entry"
expect_error 1 journal edit "$A3" "Sam rewrites it"
expect_error 1 journal rm "$A3" --yes
expect_error 1 journal unshare "$A3"
be Alex
expect_exit 0 journal show "$A3"
expect_stdout_contains "We are in this together."

check "journal edit replaces the text from the argument or standard input"
expect_exit 0 journal edit "$A1" "Morning pages, edited."
expect_exit 0 journal show "$A1"
expect_stdout_contains "Morning pages, edited."
expect_stdout_contains "Calm"
printf 'Edited from stdin.\n' >"$T/in"
run_in "$T/in" journal edit "$A1" --title "Calmer"
want_rc 0
expect_exit 0 journal show "$A1"
expect_stdout_contains "Edited from stdin."
expect_stdout_contains "Calmer"

check "journal edit --title-only keeps the text"
expect_exit 0 journal edit "$A1" --title "Calmest" --title-only
expect_exit 0 journal show "$A1"
expect_stdout_contains "Calmest"
expect_stdout_contains "Edited from stdin."

check "journal share and unshare change what my partner sees"
expect_exit 0 journal share "$A1"
be Sam
expect_exit 0 journal list
expect_stdout_contains "Calmest"
be Alex
expect_exit 0 journal unshare "$A1"
be Sam
expect_exit 0 journal list
expect_stdout_lacks "Calmest"
expect_error 1 journal show "$A1"
be Alex

check "journal rm --yes deletes; the id is then unknown"
expect_exit 0 journal rm "$A2" --yes
expect_error 1 journal show "$A2"
expect_stderr_contains "no entry"
expect_exit 0 journal list
expect_stdout_lacks "Piped"

check "an empty entry is refused"
expect_error 1 journal add ""
printf '\n\n' >"$T/in"
expect_error_in 1 "$T/in" journal add

check "whoami says who I am and who I share with"
expect_exit 0 whoami
expect_stdout_contains "Alex"
expect_stdout_contains "Sam"
run whoami --json
want_rc 0
expect_stdout_contains '"name": "Alex"'
expect_stdout_contains '"members": 2'

check "with two partners and no --as, dyad asks which one (usage error without a terminal)"
unset DYAD_AS
expect_error 2 journal list
expect_stderr_contains "--as"
expect_exit 0 --as Alex journal list
expect_exit 0 journal list --as Alex
expect_error 1 journal list --as Nobody
expect_stderr_contains "no one called 'Nobody'"
be Alex

check "the editor writes the entry, in a private temporary file removed afterwards"
if command -v script >/dev/null 2>&1; then
	cat >"$T/editor.sh" <<'EDITOR'
#!/bin/sh
# a fake editor: note where the file is and how it is protected, then write
printf '%s\n' "$1" >"$EDITOR_LOG"
stat -c '%a' "$1" >>"$EDITOR_LOG"
stat -c '%a' "$(dirname "$1")" >>"$EDITOR_LOG"
printf 'Written in the editor.\n' >"$1"
EDITOR
	chmod +x "$T/editor.sh"
	export EDITOR_LOG="$T/editor.log"
	# script(1) gives dyad a terminal on standard input, as a person has
	EDITOR="$T/editor.sh" script -qec "'$DYAD' journal add --title Edited" /dev/null \
		</dev/null >"$T/out" 2>"$T/err"
	rc=$?
	want_rc 0
	file=$(sed -n 1p "$EDITOR_LOG")
	[ "$(sed -n 2p "$EDITOR_LOG")" = 600 ] || fail "the editor's file is not 0600"
	[ "$(sed -n 3p "$EDITOR_LOG")" = 700 ] || fail "the editor's folder is not 0700"
	[ ! -e "$file" ] && [ ! -e "$(dirname "$file")" ] || fail "the editor's file was left behind"
	expect_exit 0 journal list
	expect_stdout_contains "Edited"

	check "journal edit opens the editor with the current text; no change, no write"
	EDITOR=true script -qec "'$DYAD' journal edit $A3" /dev/null </dev/null >"$T/out" 2>&1
	rc=$?
	want_rc 0
	expect_stdout_contains "No changes"
	cat >"$T/editor2.sh" <<'EDITOR'
#!/bin/sh
sed 's/together/apart, and together/' "$1" >"$1.new" && mv "$1.new" "$1"
EDITOR
	chmod +x "$T/editor2.sh"
	EDITOR="$T/editor2.sh" script -qec "'$DYAD' journal edit $A3" /dev/null </dev/null >"$T/out" 2>&1
	rc=$?
	want_rc 0
	expect_exit 0 journal show "$A3"
	expect_stdout_contains "We are in this apart, and together."

	check "an editor that fails saves nothing"
	EDITOR=false script -qec "'$DYAD' journal add" /dev/null </dev/null >"$T/out" 2>&1
	grep -q "stopped with an error" "$T/out" || fail "no error for a failing editor: $(cat "$T/out")"
else
	fail "script(1) is missing (scripts/install-deps.sh installs bsdutils)"
fi

check "a line of control characters is shown as ?s and nothing of the line before it"
be Alex
DELS=$(printf '%300s' '' | tr ' ' '\177')
add "$DELS"
# listed just before it: a line of two-byte letters, longer in bytes
add "$(printf '\303\251%.0s' $(seq 1 200))"
expect_exit 0 journal list --mine
line=$(grep -c 'éé' "$T/out")
[ "$line" -eq 1 ] || fail "the line of é shows $line times in the list, not once: $(cat "$T/out")"
grep -q '???' "$T/out" || fail "the control characters are not shown as ?: $(cat "$T/out")"
if grep -q '?é' "$T/out"; then fail "a line of ?s runs on into the line before it: $(cat "$T/out")"; fi

finish
