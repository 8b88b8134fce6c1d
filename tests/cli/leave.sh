# leave.sh - export, leave and backup: anyone can leave with their data.
. "$(dirname "$0")/lib.sh"

need sqlite3 sqlite3
need python3 python3
couple
be Alex
add "Alex private thoughts." --title "Alex-title-private"
APRIV=$ID
add "Alex shared thoughts." --share
ASHARED=$ID
be Sam
add "Sam private thoughts."
SPRIV=$ID
add "Sam shared thoughts." --share
SSHARED=$ID

check "export prints exactly what I own, private and shared, as one JSON document"
be Alex
expect_exit 0 export
expect_export_ids "$APRIV" "$ASHARED"
expect_stdout_contains "Alex private thoughts."
expect_stdout_contains "Alex-title-private"
expect_stdout_contains "Alex shared thoughts."
expect_stdout_lacks "Sam private thoughts."
expect_stdout_lacks "Sam shared thoughts."

check "export --markdown is a document to read: my entries under their titles, not my partner's"
expect_exit 0 export --markdown
expect_stdout_contains "# Alex in dyad"
expect_stdout_contains "## Alex-title-private"
expect_stdout_contains "## Alex shared thoughts."
expect_stdout_contains " - shared*"
expect_stdout_contains " - private*"
expect_stdout_contains "Alex private thoughts."
expect_stdout_lacks "Sam private thoughts."
expect_stdout_lacks "Sam shared thoughts."
expect_stdout_lacks '"id"'

check "backup writes a consistent copy that opens as the real thing"
expect_exit 0 backup "$T/copy.db"
[ "$(stat -c %a "$T/copy.db")" = 600 ] || fail "the backup is not 0600"
mkdir "$T/restored"
cp "$T/copy.db" "$T/restored/dyad.db"
expect_exit 0 --data "$T/restored" journal show "$APRIV"
expect_stdout_contains "Alex private thoughts."

check "backup refuses to overwrite a file"
expect_error 1 backup "$T/copy.db"
expect_stderr_contains "exists"

check "leave asks for confirmation; without a terminal it needs --yes"
S0=$(state)
expect_error 2 leave
expect_stderr_contains "--yes"
[ "$(state)" = "$S0" ] || fail "an unconfirmed leave changed the data"

check "leave with a wrong passphrase changes nothing"
DYAD_PASSPHRASE="not alex's"
expect_error 1 leave --yes
[ "$(state)" = "$S0" ] || fail "leave with a wrong passphrase changed the data"
be Alex

check "leave --yes deletes me and everything I own"
expect_exit 0 leave --yes
expect_error 1 journal list
be Sam
expect_exit 0 whoami
expect_stdout_contains "Alex left on "
expect_stdout_lacks '" with Alex'

check "my partner keeps their own entries and loses what I had shared"
expect_exit 0 journal list
expect_stdout_contains "Sam private thoughts."
expect_stdout_contains "Sam shared thoughts."
expect_stdout_lacks "Alex"
expect_error 1 journal show "$ASHARED"
expect_exit 0 export
expect_export_ids "$SPRIV" "$SSHARED"
expect_stdout_contains "Sam private thoughts."

check "nothing of mine is left in the database file"
expect_exit 0 journal list
n=$(grep -a -c -F "Alex-title-private" "$DYAD_DATA/dyad.db")
[ "$n" -eq 0 ] || fail "plaintext of a deleted entry in the database"
n=$(sqlite3 "$DYAD_DATA/dyad.db" "SELECT count(*) FROM record WHERE id IN ('$APRIV', '$ASHARED')")
[ "$n" = 0 ] || fail "$n of my records are still in the database"

check "the restored backup still has everything (restoring is copying it back)"
be Alex
expect_exit 0 --data "$T/restored" journal list
expect_stdout_contains "Alex-title-private"
expect_stdout_contains "Alex shared thoughts."
expect_stdout_contains "Sam shared thoughts."
expect_stdout_lacks "Sam private thoughts."
be Sam
expect_exit 0 --data "$T/restored" journal list
expect_stdout_contains "Sam private thoughts."
expect_stdout_contains "Alex shared thoughts."

finish
