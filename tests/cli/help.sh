# help.sh - help, version, and usage errors (exit 2, one line on stderr).
. "$(dirname "$0")/lib.sh"

check "--version prints the version"
expect_exit 0 --version
grep -Eq '^dyad [0-9]+\.[0-9]+\.[0-9]+' "$T/out" || { fail "no 'dyad X.Y.Z' line"; show_output; }

check "dyad --help and dyad help list the commands"
for args in "--help" "help" "-h"; do
	# shellcheck disable=SC2086
	expect_exit 0 $args
	for cmd in init invite join journal whoami passphrase recover export backup leave serve coach pulse balance; do
		expect_stdout_contains "  $cmd "
	done
done

check "dyad help names each command and family once"
expect_exit 0 help
names=$(awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }' "$T/out")
[ "$(printf '%s\n' "$names" | wc -l)" -ge 12 ] || fail "the list of commands is short: $names"
dups=$(printf '%s\n' "$names" | sort | uniq -d)
[ -z "$dups" ] || fail "listed more than once: $dups"

check "--help on every command, and dyad help COMMAND, say its usage"
for cmd in init invite join whoami passphrase recover export backup leave serve coach pulse balance \
	"journal add" "journal list" "journal show" "journal edit" "journal rm" \
	"journal share" "journal unshare"; do
	# shellcheck disable=SC2086
	expect_exit 0 $cmd --help
	expect_stdout_contains "usage: dyad $cmd"
	# shellcheck disable=SC2086
	expect_exit 0 help $cmd
	expect_stdout_contains "usage: dyad $cmd"
done
expect_exit 0 journal --help
expect_stdout_contains "list"
expect_exit 0 help journal
expect_stdout_contains "unshare"

check "every subcommand of every family answers --help with its usage and exit 0 (no crash)"
expect_exit 0 help
families=$(awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }' "$T/out")
nsub=0
for fam in $families; do
	expect_exit 0 "$fam" --help
	grep -q '^Subcommands:' "$T/out" || continue
	subs=$(awk '/^Subcommands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }' "$T/out")
	for sub in $subs; do
		nsub=$((nsub + 1))
		expect_exit 0 "$fam" "$sub" --help
		expect_stdout_contains "usage: dyad $fam $sub"
	done
done
[ "$nsub" -ge 60 ] || fail "only $nsub subcommands found in the families' help"

check "no command: usage error"
expect_error 2

check "unknown command: usage error naming it"
expect_error 2 frobnicate
expect_stderr_contains "'frobnicate' is not a dyad command"
expect_error 2 journal frobnicate
expect_stderr_contains "'frobnicate'"
expect_error 2 journal
expect_error 2 help frobnicate
expect_error 2 help journal frobnicate
expect_stderr_contains "'frobnicate' is not a journal command"

check "unknown option: usage error naming it, before and after the command"
expect_error 2 --bogus journal list
expect_stderr_contains "'--bogus'"
expect_error 2 journal list --bogus
expect_stderr_contains "'--bogus'"
expect_stderr_contains "dyad journal list --help"
expect_error 2 journal add -Z text
expect_stderr_contains "'-Z'"
expect_error 2 whoami --json=yes

check "missing option value or argument: usage error"
expect_error 2 init
expect_stderr_contains "--name"
expect_error 2 init --name
expect_error 2 join --name Sam
expect_stderr_contains "--invite"
expect_error 2 journal show
expect_stderr_contains "ID"
expect_error 2 journal rm
expect_error 2 journal edit
expect_error 2 journal share
expect_error 2 backup
expect_error 2 --data

check "too many arguments: usage error"
expect_error 2 journal add one two
expect_stderr_contains "quotes"
expect_error 2 journal show abcd efgh
expect_error 2 whoami extra
expect_error 2 journal list --mine --shared
expect_stderr_contains "Choose one of --mine, --shared and --theirs."
expect_error 2 journal list --theirs --mine

check "serve checks its options before starting"
expect_error 2 serve --threads 0
expect_error 2 serve --threads lots
expect_error 2 serve --connections-per-address 0
expect_error 2 serve --connections-per-address 1025
expect_error 2 serve --connections-per-address many
expect_error 2 serve --session-ttl 99999
expect_error 2 serve --session-ttl 367d
expect_error 2 serve --session-ttl 0s
expect_error 2 serve --tls-cert cert.pem
expect_stderr_contains "--tls-key"

check "usage errors happen before anything is made"
[ ! -e "$DYAD_DATA" ] || fail "a usage error made the data folder"

finish
