"""What the scripts that write data/ as C for the core share (feelings.py,
prompts.py, questions.py): C string literals, and the command line

    scripts/NAME.py DATA.json OUT.c          write OUT.c
    scripts/NAME.py --check DATA.json OUT.c  exit 1 when OUT.c is stale
"""
import json


def c_str(s):
    """s as a C string literal: printable ASCII as it is, the rest octal."""
    out = '"'
    for ch in s.encode('utf-8'):
        if ch in (0x22, 0x5c):
            out += '\\' + chr(ch)
        elif 0x20 <= ch < 0x7f:
            out += chr(ch)
        else:
            out += '\\%03o' % ch
    return out + '"'


def run(name, render, usage, argv):
    """Write (or with --check, compare) the C that render() makes of the JSON."""
    check = False
    if argv and argv[0] == '--check':
        check = True
        argv = argv[1:]
    if len(argv) != 2:
        raise SystemExit(usage)
    with open(argv[0], encoding='utf-8') as f:
        text = render(json.load(f))
    if check:
        try:
            with open(argv[1], encoding='utf-8') as f:
                old = f.read()
        except OSError:
            old = ''
        if old != text:
            print('%s: %s is not what %s gives; run scripts/%s' % (name, argv[1], argv[0], name))
            return 1
        return 0
    with open(argv[1], 'w', encoding='utf-8') as f:
        f.write(text)
    return 0
