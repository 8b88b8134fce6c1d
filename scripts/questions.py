#!/usr/bin/env python3
"""Write the questions for two (data/questions.json) as C for the core.

    scripts/questions.py DATA.json OUT.c         write OUT.c
    scripts/questions.py --check DATA.json OUT.c  exit 1 when OUT.c is stale

The core reads no files (DESIGN.md: it must build for the browser too), so
the questions are compiled in: src/core/questions_data.c is this script's
output, kept in the tree for the core's portability check, and a test
(`meson test questions-data`) fails when data/questions.json changed and the
C was not written again. Checked here: ids [a-z0-9-], at most 31 bytes,
unique; each question's theme one of the themes; text 1 to 400 bytes.
Answers are bound to a question's id, so an id is never reused or
renumbered, and a question is never removed (its answers would lose it).
"""
import re
import sys

from datagen import c_str, run

ID_MAX = 31
TEXT_MAX = 400


def render(data):
    themes = data['themes']
    questions = data['questions']
    tids = [t['id'] for t in themes]
    seen = set()
    for q in questions:
        if (not re.fullmatch(r'[a-z0-9-]{1,%d}' % ID_MAX, q.get('id', '')) or q['id'] in seen
                or q.get('theme') not in tids or not q.get('text')
                or len(q['text'].encode('utf-8')) > TEXT_MAX):
            raise SystemExit('questions.py: bad or repeated question %r' % q.get('id'))
        seen.add(q['id'])
    lines = [
        '/*',
        ' * questions_data.c - the questions for two, written by',
        ' * scripts/questions.py from data/questions.json: do not edit; change the',
        ' * JSON and run `python3 scripts/questions.py data/questions.json',
        ' * src/core/questions_data.c`.',
        ' */',
        '#include <stddef.h>',
        '',
        '#include "dyad.h"',
        '',
        'const struct dy_question_theme dy_question_themes[] = {',
    ]
    for t in themes:
        lines.append('\t{%s, %s},' % (c_str(t['id']), c_str(t['label'])))
    lines.append('};')
    lines.append('const size_t dy_question_nthemes = %d;' % len(themes))
    lines.append('')
    lines.append('const struct dy_question dy_questions[] = {')
    for q in questions:
        lines.append('\t{%s, %s,' % (c_str(q['id']), c_str(q['theme'])))
        lines.append('\t %s},' % c_str(q['text']))
    lines.append('};')
    lines.append('const size_t dy_nquestions = %d;' % len(questions))
    return '\n'.join(lines) + '\n'


if __name__ == '__main__':
    sys.exit(run('questions.py', render, __doc__, sys.argv[1:]))
