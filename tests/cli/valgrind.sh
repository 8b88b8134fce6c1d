# valgrind.sh - a short scenario under valgrind's memcheck: no invalid
# reads or writes, no use of uninitialised memory, no definite leaks
# (need_memcheck and vg in lib.sh: valgrind missing fails the test; a
# sanitizer build is the one announced skip).
. "$(dirname "$0")/lib.sh"
need_memcheck

check "the commands people use most are clean under memcheck"
be Alex
vg 0 init --name Alex
vg 0 journal add "Under the microscope." --title "Valgrind"
ID=$(cat "$T/out")
printf 'From standard input.\n' >"$T/in"
vg 0 journal add
vg 0 journal list
vg 0 journal show "$ID" --json
vg 0 journal share "$ID"
vg 0 export

check "errors are clean under memcheck too"
vg 2 journal list --bogus
vg 2 journal show
vg 1 journal add "$(printf 'caf\351')"
vg 1 --data "$T/nowhere" journal list
DYAD_PASSPHRASE="wrong passphrase"
vg 1 journal list
be Alex
vg 1 journal show 0123abcd
vg 0 --help

finish
