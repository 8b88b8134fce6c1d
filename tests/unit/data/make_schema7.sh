#!/bin/sh
# make_schema7.sh - how tests/unit/data/schema7.db was made: with the dyad
# command of schema 7 (commit ac45d9f, before kept versions had associated
# data of their own), built as usual (make), given as $1:
#
#   tests/unit/data/make_schema7.sh /path/to/old/build/dyad tests/unit/data/schema7.db
#
# Maya ("maya passphrase 1") made the space "Us"; Sam ("sam passphrase 2")
# joined. Maya wrote a boundary "I need quiet mornings.", reworded it
# while private ("I need quiet mornings and evenings."), shared it and
# reworded it again ("I need quiet mornings, evenings and Sundays."): two
# kept versions, the first never seen by Sam. Sam wrote a shared boundary
# "I won't talk money after ten." and reworded it once ("I won't talk
# money after nine."). Every kept version is sealed as the live row was at
# its version. partnership_test.c opens a copy with today's code. Kept for
# the record: today's dyad writes a newer schema.
set -eu
dyad=$1
out=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf 'maya passphrase 1\n' >"$dir/maya"
printf 'sam passphrase 2\n' >"$dir/sam"
export TZ=UTC NO_COLOR=1
maya() { "$dyad" --data "$dir/d" --passphrase-file "$dir/maya" "$@"; }
sam() { "$dyad" --data "$dir/d" --passphrase-file "$dir/sam" "$@"; }
maya init --name Maya --space Us >/dev/null
code=$(maya --json invite --no-qr | sed -n 's/.*"code": *"\([^"]*\)".*/\1/p')
sam join --invite "$code" --name Sam >/dev/null
m=$(maya --as Maya boundary add 'I need quiet mornings.' --area time | tail -n 1)
maya --as Maya boundary edit "$m" 'I need quiet mornings and evenings.' >/dev/null
maya --as Maya boundary share "$m" >/dev/null
maya --as Maya boundary edit "$m" 'I need quiet mornings, evenings and Sundays.' >/dev/null
s=$(sam --as Sam boundary add "I won't talk money after ten." --area money --share | tail -n 1)
sam --as Sam boundary edit "$s" "I won't talk money after nine." >/dev/null
sqlite3 "$dir/d/dyad.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
cp "$dir/d/dyad.db" "$out"
