#!/usr/bin/env python3
"""Write the feeling-word vocabulary (data/feelings.json) as C for the core.

    scripts/feelings.py DATA.json OUT.c         write OUT.c
    scripts/feelings.py --check DATA.json OUT.c  exit 1 when OUT.c is stale

The core reads no files (DESIGN.md: it must build for the browser too), so
the vocabulary is compiled in: src/core/feelings.c is this script's output,
kept in the tree so that the core's portability check (scripts/check-core.sh,
which compiles src/core/*.c as they are) sees it, and a test
(`meson test feelings-data`) fails when data/feelings.json changed and the
C was not written again.
"""
import sys

from datagen import c_str, run

WORD_MAX = 32


def render(data):
    groups = data['groups']
    seen = set()
    lines = [
        '/*',
        ' * feelings.c - the feeling-word vocabulary, written by scripts/feelings.py',
        ' * from data/feelings.json: do not edit; change the JSON and run',
        ' * `python3 scripts/feelings.py data/feelings.json src/core/feelings.c`.',
        ' */',
        '#include <stddef.h>',
        '',
        '#include "dyad.h"',
        '',
    ]
    for g in groups:
        for w in g['words']:
            if w != w.lower() or not w or len(w.encode('utf-8')) > WORD_MAX or w in seen:
                raise SystemExit('feelings.py: bad or repeated word %r' % w)
            seen.add(w)
        lines.append('static const char *const words_%s[] = {%s};' % (
            g['id'], ', '.join(c_str(w) for w in g['words'])))
    lines.append('')
    lines.append('const struct dy_feeling_group dy_feeling_groups[] = {')
    for g in groups:
        lines.append('\t{%s, %s, words_%s, %d},' % (c_str(g['id']), c_str(g['label']), g['id'], len(g['words'])))
    lines.append('};')
    lines.append('const size_t dy_feeling_ngroups = %d;' % len(groups))
    return '\n'.join(lines) + '\n'


if __name__ == '__main__':
    sys.exit(run('feelings.py', render, __doc__, sys.argv[1:]))
