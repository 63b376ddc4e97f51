#!/usr/bin/env python3
"""How TL521's table of the `trl.experimental` modules and the names each defines, by TRL release, is made
(maintainers only; not part of the build). A sibling of `config-fields.py`, whose release reading, version ranges and
table writer it shares.

Usage:
  python3 scripts/trl-experimental-modules.py --trl TRL_GIT_DIR [--trl-wheel trl-X.whl ...] \
      > server/src/engine/domain/trl-experimental.generated.ts

TRL: every release tag of huggingface/trl (`vX.Y.Z`; a git directory), then any newer wheels given (a gap: releases
between the last tag and the wheel are not read). In each release every `trl/experimental/**.py` is a module
(`trl/experimental/gold/__init__.py` is `trl.experimental.gold`, `trl/experimental/gold/gold_trainer.py` is
`trl.experimental.gold.gold_trainer`), and what `from <module> import <name>` finds there is read with Python's `ast`:
the names its top level binds (`def`, `class`, assignments, imports, also inside `if`/`try`/`with` at top level). A
module with `from … import *` or a module-level `__getattr__` is open there: any name may exist. A submodule is
importable from its package whether or not the package imports it (`from trl.experimental.gold import gold_trainer`):
the rule asks the table for the submodule too.

Output (a `KeywordTable` of `keyword-table.ts`, a module for a class and its names for keywords, plus `absent`): per
module, `exists` (the versions where it exists), `absent` (the versions read where it does not: importing it raises
ModuleNotFoundError), `open`, `ta` (always empty), and per name `"+ranges -ranges"`: where the module binds it and where the
module exists, is not open, and does not. Ranges are `from-before` over releases (`major.minor` series, or a patch
release where it changed inside a series); versions outside every range are unknown.
"""
import argparse
import ast
import importlib.util
import re
import sys
from pathlib import Path

from packaging.version import Version

_spec = importlib.util.spec_from_file_location('config_fields', Path(__file__).with_name('config-fields.py'))
cf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cf)

PREFIX = 'trl/experimental/'


def module_of(path):
    parts = path[:-3].split('/')
    if parts[-1] == '__init__':
        parts = parts[:-1]
    return '.'.join(parts)


def bound_names(tree):
    """(names the module's top level binds, open: a star import or a module-level `__getattr__`)."""
    names, is_open = set(), False

    def targets(t):
        if isinstance(t, ast.Name):
            names.add(t.id)
        elif isinstance(t, (ast.Tuple, ast.List)):
            for e in t.elts:
                targets(e)
        elif isinstance(t, ast.Starred):
            targets(t.value)

    def walk(body):
        nonlocal is_open
        for st in body:
            if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(st.name)
                if st.name == '__getattr__':
                    is_open = True
            elif isinstance(st, ast.Assign):
                for t in st.targets:
                    targets(t)
            elif isinstance(st, (ast.AnnAssign, ast.AugAssign)):
                targets(st.target)
            elif isinstance(st, ast.Import):
                for a in st.names:
                    names.add(a.asname or a.name.split('.')[0])
            elif isinstance(st, ast.ImportFrom):
                for a in st.names:
                    if a.name == '*':
                        is_open = True
                    else:
                        names.add(a.asname or a.name)
            elif isinstance(st, ast.If):
                walk(st.body)
                walk(st.orelse)
            elif isinstance(st, ast.Try) or type(st).__name__ == 'TryStar':
                walk(st.body)
                for h in st.handlers:
                    walk(h.body)
                walk(st.orelse)
                walk(st.finalbody)
            elif isinstance(st, (ast.With, ast.AsyncWith)):
                walk(st.body)
            elif isinstance(st, (ast.For, ast.While)):
                walk(st.body)
                walk(st.orelse)

    walk(tree.body)
    return names, is_open


def release_modules(src):
    """module → (names, open) of one release; a module that does not parse is open."""
    out = {}
    for f in src.files():
        if not (f.startswith(PREFIX) or f == PREFIX + '__init__.py') or not f.endswith('.py'):
            continue
        if '/tests/' in f:
            continue
        try:
            out[module_of(f)] = bound_names(ast.parse(src.read(f)))
        except SyntaxError:
            out[module_of(f)] = (set(), True)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--trl', required=True)
    ap.add_argument('--trl-wheel', action='append', default=[])
    a = ap.parse_args()

    tags = sorted((t for t in cf.git(a.trl, 'tag').split() if re.fullmatch(r'v\d+\.\d+\.\d+', t)), key=lambda t: Version(t[1:]))
    srcs = [cf.GitTag(a.trl, t) for t in tags] + [cf.Wheel(w, 'trl') for w in a.trl_wheel]
    contiguous = [True] * len(tags) + [False] * len(a.trl_wheel)
    samples = [(s.version, c) for s, c in zip(srcs, contiguous)]
    per = [release_modules(s) for s in srcs]

    table = {}
    for module in sorted({m for r in per for m in r}):
        present, absent = cf.ranges(samples, lambda i: module in per[i])
        opened, _ = cf.ranges(samples, lambda i: True if module in per[i] and per[i][module][1] else None)
        groups = {}
        for name in sorted({n for r in per if module in r for n in r[module][0]}):
            state = lambda i: None if module not in per[i] or per[i][module][1] else name in per[i][module][0]
            plus, minus = cf.ranges(samples, state)
            groups.setdefault(f'+{cf.fmt(plus)} -{cf.fmt(minus)}', []).append(name)
        table[f'"{module}"'] = {'exists': cf.fmt(present), 'ta': '', 'absent': cf.fmt(absent), 'open': cf.fmt(opened), 'fields': groups}

    out = sys.stdout
    out.write('// Generated by scripts/trl-experimental-modules.py: do not edit by hand (run it again; see its docstring).\n')
    out.write(f'// huggingface/trl tags {tags[0]}–{tags[-1]}' + ''.join(f', wheel {s.version}' for s in srcs[len(tags):]) + '.\n')
    out.write('/* eslint-disable */\n')
    out.write("import type { ModuleTable } from './trl-experimental';\n\n")
    out.write('/** The releases read, for messages. */\n')
    out.write(f'export const READ = "{tags[0][1:]}–{srcs[-1].version}";\n')
    last = Version(tags[-1][1:])
    out.write('/** The newest release series whose every tag was read; past it, only the wheels above. */\n')
    out.write(f'export const TAGS_READ_THROUGH = "{last.major}.{last.minor}";\n\n')
    cf.write_table(out, 'TRL_EXPERIMENTAL_MODULES', 'ModuleTable', table, keys=('exists', 'ta', 'absent', 'open'), end='};\n')


if __name__ == '__main__':
    main()
