#!/bin/sh
# make_schema4.sh - how tests/unit/data/schema4.db was made: with the dyad
# command of schema 4 (commit 9c71e5f, before a person's settings), built
# as usual (make), given as $1:
#
#   tests/unit/data/make_schema4.sh /path/to/old/build/dyad tests/unit/data/schema4.db
#
# Maya ("maya passphrase 1") made the space "Us"; Sam ("sam passphrase 2")
# joined; Maya wrote one private and one shared journal entry. settings_test.c
# opens a copy with today's code. Kept for the record: today's dyad writes
# a newer schema.
set -eu
dyad=$1
out=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf 'maya passphrase 1\n' >"$dir/maya"
printf 'sam passphrase 2\n' >"$dir/sam"
export TZ=UTC NO_COLOR=1
"$dyad" --data "$dir/d" --passphrase-file "$dir/maya" init --name Maya --space Us >/dev/null
code=$("$dyad" --data "$dir/d" --passphrase-file "$dir/maya" --json invite --no-qr | sed -n 's/.*"code": *"\([^"]*\)".*/\1/p')
"$dyad" --data "$dir/d" --passphrase-file "$dir/sam" join --invite "$code" --name Sam >/dev/null
printf 'private words\n' | "$dyad" --data "$dir/d" --passphrase-file "$dir/maya" --as Maya journal add --title Mine >/dev/null
printf 'shared words\n' | "$dyad" --data "$dir/d" --passphrase-file "$dir/maya" --as Maya journal add --title Ours --share >/dev/null
sqlite3 "$dir/d/dyad.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
cp "$dir/d/dyad.db" "$out"
