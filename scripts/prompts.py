#!/usr/bin/env python3
"""Write the self-exploration prompts (data/prompts.json) as C for the core.

    scripts/prompts.py DATA.json OUT.c         write OUT.c
    scripts/prompts.py --check DATA.json OUT.c  exit 1 when OUT.c is stale

As with the feeling words (scripts/feelings.py), the core reads no files,
so the prompts are compiled in: src/core/prompts_data.c is this script's
output, kept in the tree for the core's portability check, and a test
(`meson test prompts-data`) fails when data/prompts.json changed and the C
was not written again. Ids are checked here: [a-z0-9-], at most 31 bytes,
unique, each prompt's theme one of the themes.
"""
import re
import sys

from datagen import c_str, run

ID_MAX = 31
TEXT_MAX = 400


def render(data):
    themes = data['themes']
    prompts = data['prompts']
    tids = [t['id'] for t in themes]
    seen = set()
    for p in prompts:
        if (not re.fullmatch(r'[a-z0-9-]{1,%d}' % ID_MAX, p['id']) or p['id'] in seen
                or p['theme'] not in tids or not p['text']
                or len(p['text'].encode('utf-8')) > TEXT_MAX):
            raise SystemExit('prompts.py: bad or repeated prompt %r' % p['id'])
        seen.add(p['id'])
    lines = [
        '/*',
        ' * prompts_data.c - the self-exploration prompts, written by',
        ' * scripts/prompts.py from data/prompts.json: do not edit; change the JSON',
        ' * and run `python3 scripts/prompts.py data/prompts.json src/core/prompts_data.c`.',
        ' */',
        '#include <stddef.h>',
        '',
        '#include "dyad.h"',
        '',
        'const struct dy_prompt_theme dy_prompt_themes[] = {',
    ]
    for t in themes:
        lines.append('\t{%s, %s},' % (c_str(t['id']), c_str(t['label'])))
    lines.append('};')
    lines.append('const size_t dy_prompt_nthemes = %d;' % len(themes))
    lines.append('')
    lines.append('const struct dy_prompt dy_prompts[] = {')
    for p in prompts:
        lines.append('\t{%s, %s,' % (c_str(p['id']), c_str(p['theme'])))
        lines.append('\t %s},' % c_str(p['text']))
    lines.append('};')
    lines.append('const size_t dy_nprompts = %d;' % len(prompts))
    return '\n'.join(lines) + '\n'


if __name__ == '__main__':
    sys.exit(run('prompts.py', render, __doc__, sys.argv[1:]))
