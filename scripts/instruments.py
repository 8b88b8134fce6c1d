#!/usr/bin/env python3
"""Embed dyad's own questionnaires (data/instruments/*.json) into the core.

    scripts/instruments.py src/core/assess_data.c data/instruments/*.json
    scripts/instruments.py --check src/core/assess_data.c data/instruments/*.json

The C file is kept in the tree, like src/core/feelings.c, so that the
core's portability check (scripts/check-core.sh) sees every core file;
`meson test instruments-data` (--check) fails when it is stale.

Each file becomes one entry of `dy_assess_builtin[]` (src/core/assess.h):
its id (the document's "id") and its bytes, NUL-terminated. The core
checks them with dy_instrument_parse like any imported questionnaire
(tests/unit/assess_test.c parses every one). The output is rewritten only
when its content changes.
"""
import json
import os
import sys


def main():
    args = sys.argv[1:]
    check = bool(args) and args[0] == '--check'
    if check:
        args = args[1:]
    if len(args) < 2:
        sys.exit('usage: instruments.py [--check] OUT.c FILE.json...')
    out, paths = args[0], sorted(args[1:], key=os.path.basename)
    lines = ['/*', ' * assess_data.c - dyad\'s own questionnaires, written by',
             ' * scripts/instruments.py from data/instruments/: do not edit; change the',
             ' * JSON and run `python3 scripts/instruments.py src/core/assess_data.c',
             ' * data/instruments/differentiation-check.json` (every file there).', ' */',
             '#include <stddef.h>', '', '#include "dyad.h"', '']
    ids = []
    for i, path in enumerate(paths):
        with open(path, 'rb') as f:
            data = f.read()
        doc = json.loads(data)
        ident = doc['id']
        if not all(c.isalnum() or c in '-_.' for c in ident) or ident in ids:
            sys.exit('instruments.py: %s: a bad or repeated id' % path)
        ids.append(ident)
        data += b'\0'
        lines.append('static const unsigned char q%d[%d] = {' % (i, len(data)))
        for off in range(0, len(data), 20):
            lines.append(','.join(str(b) for b in data[off:off + 20]) + ',')
        lines.append('};')
    lines.append('')
    lines.append('const struct dy_assess_builtin dy_assess_builtin[] = {')
    for i, ident in enumerate(ids):
        lines.append('\t{"%s", (const char *)q%d, sizeof(q%d) - 1},' % (ident, i, i))
    lines.append('\t{NULL, NULL, 0},')
    lines.append('};')
    lines.append('')
    text = '\n'.join(lines)
    if check:
        try:
            with open(out, encoding='utf-8') as f:
                same = f.read() == text
        except OSError:
            same = False
        if not same:
            sys.exit('%s is stale: run python3 scripts/instruments.py %s %s' % (out, out, ' '.join(paths)))
        return
    try:
        with open(out, encoding='utf-8') as f:
            if f.read() == text:
                return
    except OSError:
        pass
    tmp = out + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(text)
    os.replace(tmp, out)


if __name__ == '__main__':
    main()
