#!/usr/bin/env python3
"""How TL511's table of removed TRL config fields is read (maintainers only; not part of the build).

Usage: python3 scripts/trl-config-diff.py TRL_GIT_DIR [ClassName ...]

For every release tag of huggingface/trl from v0.11.0 (a git directory, e.g. a bare clone), reads each config class
(`trl/**/*config*.py`, `trl/trainer/utils.py` for `OnPolicyConfig`) with Python's `ast`, collects its dataclass fields
with those of its TRL bases (a `_KTOConfig` import alias is the experimental class of that name; `TrainingArguments`
is not followed), and prints the fields each class loses and gains between consecutive tags. A lost field that
`TrainingArguments` has (`use_liger_kernel`, `run_name`, `lr_scheduler_kwargs`, …) is still accepted: leave it out of
the table. The deprecation release and TRL's advice come from the `<Deprecated version=…>` notes and warnings of the
releases before the removal.
"""
import ast
import subprocess
import sys

from packaging.version import Version


def git(repo, *args):
    return subprocess.run(['git', '-C', repo, *args], capture_output=True, text=True).stdout


def classes_at(repo, tag):
    files = [f for f in git(repo, 'ls-tree', '-r', '--name-only', tag).split('\n')
             if f.startswith('trl/') and f.endswith('.py') and ('config' in f or f.endswith('trainer/utils.py'))]
    out = {}
    for f in files:
        try:
            tree = ast.parse(git(repo, 'show', f'{tag}:{f}'))
        except SyntaxError:
            continue
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            fields = [st.target.id for st in node.body if isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name)]
            out.setdefault(node.name, []).append((f, [ast.unparse(b).split('.')[-1] for b in node.bases], fields))
    return out


def fields_of(classes, name, prefer='trl/trainer', seen=()):
    defs = classes.get(name)
    if not defs:
        return None
    f, bases, own = sorted(defs, key=lambda d: 0 if prefer in d[0] else 1)[0]
    fields = dict.fromkeys(own)
    for b in bases:
        if b in ('TrainingArguments', 'Seq2SeqTrainingArguments') or b in seen:
            continue
        if b.lstrip('_') == name:  # `class KTOConfig(_KTOConfig)`: the shim over the experimental class
            sub = fields_of(classes, name, 'trl/experimental', seen + (b,))
        else:
            sub = fields_of(classes, b, prefer, seen + (name,))
        for k in sub or {}:
            fields.setdefault(k)
    return fields


def main():
    repo, names = sys.argv[1], sys.argv[2:]
    tags = sorted((t for t in git(repo, 'tag').split() if 'rc' not in t and Version(t[1:]) >= Version('0.11.0')),
                  key=lambda t: Version(t[1:]))
    per_tag = {t: classes_at(repo, t) for t in tags}
    if not names:
        names = sorted({n for c in per_tag.values() for n in c if n.endswith('Config')})
    for name in names:
        prev = prev_tag = None
        for t in tags:
            cur = fields_of(per_tag[t], name)
            if cur is None:
                if prev is not None:
                    print(f'{name}: gone at {t}')
                prev = None
                continue
            if prev is not None:
                lost, gained = [k for k in prev if k not in cur], [k for k in cur if k not in prev]
                if lost or gained:
                    print(f'{name} {prev_tag} -> {t}: -{lost} +{gained}')
            prev, prev_tag = cur, t


if __name__ == '__main__':
    main()
