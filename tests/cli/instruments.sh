# instruments.sh - every questionnaire dyad ships (data/instruments/*.json)
# validates against its published schema (docs/instrument.schema.json)
# with a JSON-Schema validator (python3-jsonschema), the schema itself is a
# valid draft 2020-12 schema, and broken copies of the shipped file (a
# missing field, a reliability written as text, an unknown field, a
# reverse flag that is not true or false, no items) are refused by the
# same check, so it can fail.
. "$(dirname "$0")/lib.sh"

SRC=$(cd "$(dirname "$0")/../.." && pwd)
SCHEMA="$SRC/docs/instrument.schema.json"

# a python3 that has jsonschema: the one on PATH, else Debian's own
PY=""
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import jsonschema' 2>/dev/null; then
		PY=$p
		break
	fi
done
[ -n "$PY" ] || { echo "FAIL: no python3 with jsonschema (scripts/install-deps.sh installs python3-jsonschema)"; exit 1; }

# validate FILE...: exit 0 when each is valid; else prints each file's first
# error (where, and what) and exits 1
validate() {
	"$PY" - "$SCHEMA" "$@" >"$T/out" 2>"$T/err" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
cls = jsonschema.validators.validator_for(schema)
check = cls(schema)
bad = 0
for path in sys.argv[2:]:
    errors = sorted(check.iter_errors(json.load(open(path))), key=lambda e: list(e.absolute_path))
    if errors:
        bad += 1
        e = errors[0]
        print(f"{path}: at /{'/'.join(map(str, e.absolute_path))}: {e.message}")
sys.exit(1 if bad else 0)
PY
	rc=$?
}

check "the schema is a valid draft 2020-12 JSON Schema"
"$PY" - "$SCHEMA" >"$T/out" 2>"$T/err" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", schema["$schema"]
jsonschema.Draft202012Validator.check_schema(schema)
PY
rc=$?
want_rc 0

check "every shipped questionnaire validates against the schema"
set -- "$SRC"/data/instruments/*.json
[ -f "$1" ] || fail "no questionnaire in data/instruments"
validate "$@"
want_rc 0

check "broken copies of the shipped questionnaire are refused, each naming where"
CHECK="$SRC/data/instruments/differentiation-check.json"
# break NAME WHERE PYTHON: a copy of the check changed by the statement
# PYTHON on its document d, which must be refused at WHERE
break_copy() {
	"$PY" - "$CHECK" "$3" >"$T/$1.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[2])
json.dump(d, sys.stdout)
PY
	validate "$T/$1.json"
	want_rc 1
	grep -qF "$T/$1.json: at $2:" "$T/out" || fail "$1 is not refused at $2: $(cat "$T/out" "$T/err")"
}
break_copy no-title / 'del d["title"]'
break_copy text-reliability /facets/0/reliability 'd["facets"][0]["reliability"] = "high"'
break_copy unknown-field / 'd["colour"] = "blue"'
break_copy reverse-yes /items/3/reverse 'd["items"][3]["reverse"] = "yes"'
break_copy no-items /items 'd["items"] = []'
break_copy bad-format /format 'd["format"] = "dyad-instrument/2"'

finish
