#!/usr/bin/env python3
"""How TL518's table of the keywords each trainer's constructor and `train()` accept is made (maintainers only; not part
of the build). A sibling of `config-fields.py`, whose release reading and version ranges it shares.

Usage:
  python3 scripts/trainer-signatures.py --trl TRL_GIT_DIR [--trl-wheel trl-X.whl ...] \
      --transformers transformers-X.whl|SRC_DIR ... > server/src/engine/domain/trainer-signatures.generated.ts

TRL: every release tag of huggingface/trl from v0.7.0 (a git directory; every release is tagged, so consecutive tags
leave no release unread, except where a series' first tag is not `.0`: v0.9.3, whose earlier patch releases are taken
to be like it), then any newer wheels given (a gap: releases between the last tag and the wheel are not read). Every
public class named `…Trainer` in `trl/` (tests excluded) is read with Python's `ast`, and what its `__init__` (and its
`train`) accepts as keywords is worked out:

- a signature without `**kwargs` takes exactly its parameters (positional-only ones excepted), plus the old names a
  `@deprecate_kwarg("old", …)` decorator maps to new ones;
- `**kwargs` passed on to `super().__init__(…, **kwargs)` (or `Base.__init__(self, …, **kwargs)`) adds what the base
  class accepts: the base is followed through the module's imports (`from ..trainer.grpo_trainer import GRPOTrainer as
  _GRPOTrainer`), and a base that is transformers' `Trainer` adds transformers' side (read separately, by version);
- `**kwargs` checked by `if len(kwargs) > 0: raise TypeError` (transformers' `Trainer.train` in 4.x) takes its
  parameters and the names the body looks up in `kwargs` (`model_path`);
- anything else (`**kwargs` used otherwise, a decorator not known, a base that cannot be followed) is open: any keyword
  may be accepted, and the rule never reports one there.
- a class without the method takes its first base's.
A name defined more than once (`trl/trainer/kto_trainer.py` and the `trl/experimental/kto` shim, the experimental
`DPOTrainer` variant) accepts the union of its definitions: the rule then stays quiet whenever any of them takes it.

transformers: `Trainer` (`trainer.py`) and `Seq2SeqTrainer` (`trainer_seq2seq.py`), `__init__` and `train`, of each
release given (wheels or source folders, with their `SOURCE` line, as in config-fields.py). A keyword in the same
state at two releases read is taken to be in that state between them, otherwise the releases between are unknown for
it; patch releases keep their series' keywords (none changed inside a series on the tags 4.2.0–5.15.0).

Output: per class, the versions (`major.minor` series, or a patch release where it changed inside a series) where each
keyword is accepted (`+`) and where it is not (`-`); `exists`: where the class was read with a closed signature (a
keyword never seen is rejected there); `ta`: where it passes keywords on to transformers' `Trainer` (its side counts
too); `open`: where it accepts any keyword.
"""
import argparse
import ast
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

from packaging.version import Version

_spec = importlib.util.spec_from_file_location('config_fields', Path(__file__).with_name('config-fields.py'))
cf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cf)

OPEN = 'open'


class Batch:
    """`git cat-file --batch` over one repository: thousands of `git show`s in one process."""

    def __init__(self, repo):
        self.p = subprocess.Popen(['git', '-C', repo, 'cat-file', '--batch'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def read(self, ref):
        self.p.stdin.write(ref.encode() + b'\n')
        self.p.stdin.flush()
        header = self.p.stdout.readline().decode().split()
        if len(header) < 3 or header[1] == 'missing':
            return None
        data = self.p.stdout.read(int(header[2]))
        self.p.stdout.read(1)
        return data.decode('utf8', 'replace')


class Tag:
    def __init__(self, repo, batch, tag):
        self.repo, self.batch, self.tag = repo, batch, tag
        v = tag[1:]
        self.version = v if v.count('.') == 2 else v + '.0'

    def files(self):
        return cf.git(self.repo, 'ls-tree', '-r', '--name-only', self.tag).split('\n')

    def read(self, f):
        return self.batch.read(f'{self.tag}:{f}')


def module_of(path):
    """`trl/trainer/sft_trainer.py` → `trl.trainer.sft_trainer`; a package's `__init__.py` → the package."""
    parts = path[:-3].split('/')
    if parts[-1] == '__init__':
        parts = parts[:-1]
    return '.'.join(parts)


class Source:
    """The `trl/` modules of one release, parsed on demand, with their imports and classes."""

    def __init__(self, src):
        self.src = src
        self.paths = {module_of(f): f for f in src.files() if f.startswith('trl/') and f.endswith('.py')}
        self.trees = {}

    def tree(self, module):
        if module not in self.trees:
            text = self.src.read(self.paths[module]) if module in self.paths else None
            try:
                self.trees[module] = ast.parse(text) if text else None
            except SyntaxError:
                self.trees[module] = None
        return self.trees[module]

    def imports(self, module):
        """Local name → (module, name) for `from X import Y as Z` at the module's top level (and in `if`/`try` blocks)."""
        out = {}
        tree = self.tree(module)
        if not tree:
            return out
        is_pkg = self.paths.get(module, '').endswith('__init__.py')
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = module.split('.') if is_pkg else module.split('.')[:-1]
                    base = base[:len(base) - node.level + 1]
                    target = '.'.join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ''
                for a in node.names:
                    out.setdefault(a.asname or a.name, (target, a.name))
        return out

    def classes(self, module):
        tree = self.tree(module)
        return {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)} if tree else {}

    def resolve(self, module, name, depth=0):
        """(module, ClassDef) of `name` as seen in `module`, or ('external', 'pkg.Name'), or None."""
        if depth > 8:
            return None
        cls = self.classes(module).get(name)
        if cls:
            return module, cls
        imp = self.imports(module).get(name)
        if not imp:
            return None
        target, orig = imp
        if not target.startswith('trl'):
            return 'external', f'{target}.{orig}'
        if target in self.paths:
            return self.resolve(target, orig, depth + 1)
        return None


def deprecated_aliases(fn):
    """Old names `@deprecate_kwarg("old", …)` accepts; None when a decorator is not one trainlint knows."""
    names = []
    for d in fn.decorator_list:
        call = d if isinstance(d, ast.Call) else None
        head = ast.unparse(call.func if call else d).split('.')[-1]
        if head == 'deprecate_kwarg' and call and call.args and isinstance(call.args[0], ast.Constant):
            names.append(call.args[0].value)
        elif head in ('_deprecate_arguments', 'wraps', 'torch.no_grad', 'no_grad'):
            continue  # checks or warns about arguments the signature has anyway
        else:
            return None
    return names


def kwargs_use(fn, method):
    """How the body uses `**kwargs`: ('forward', base call text) when passed on to the base's `method`, ('checked',
    names) when anything but `names` raises TypeError, else None."""
    kw = fn.args.kwarg.arg
    looked = []
    forward = None
    for node in ast.walk(fn):
        if forward is None and isinstance(node, ast.Call) and any(k.arg is None and isinstance(k.value, ast.Name) and k.value.id == kw for k in node.keywords):
            f = node.func
            if isinstance(f, ast.Attribute) and f.attr == method:
                o = f.value
                forward = ('forward', None, looked) if isinstance(o, ast.Call) and isinstance(o.func, ast.Name) and o.func.id == 'super' \
                    else ('forward', ast.unparse(o), looked)
    raises = False
    for node in ast.walk(fn):
        if isinstance(node, ast.If) and 'len(' + kw + ')' in ast.unparse(node.test).replace(' ', ''):
            raises = raises or any(isinstance(n, ast.Raise) and 'TypeError' in ast.unparse(n) for n in ast.walk(node))
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str) \
                and ast.unparse(node.comparators[0]) == kw:
            looked.append(node.left.value)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and ast.unparse(node.func.value) == kw \
                and node.func.attr in ('pop', 'get') and node.args and isinstance(node.args[0], ast.Constant):
            looked.append(node.args[0].value)
    if forward:
        return forward
    return ('checked', None, looked) if raises else None


def accepted(source, module, cls, method, depth=0):
    """What `cls.method` accepts: (names, through_transformers) or OPEN, or None when the class has no such method
    and is not a transformers Trainer."""
    if depth > 10:
        return OPEN
    fn = next((n for n in cls.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == method), None)
    if fn is None:
        return base_accepted(source, module, cls, 0, method, depth)
    aliases = deprecated_aliases(fn)
    if aliases is None:
        return OPEN
    a = fn.args
    names = {x.arg for x in a.args[1:] + a.kwonlyargs} | set(aliases)
    if not a.kwarg:
        return names, False
    use = kwargs_use(fn, method)
    if use is None:
        return OPEN
    names |= set(use[2])  # taken out of kwargs by the body (`kwargs.pop("x")`)
    if use[0] == 'checked':
        return names, False
    via = use[1]
    index = 0
    if via is not None:
        bases = [ast.unparse(b) for b in cls.bases]
        if via not in bases:
            return OPEN
        index = bases.index(via)
    base = base_accepted(source, module, cls, index, method, depth)
    if base is None or base == OPEN:
        return OPEN
    return names | base[0], base[1]


def base_accepted(source, module, cls, index, method, depth):
    if index >= len(cls.bases):
        return None
    text = ast.unparse(cls.bases[index])
    if not re.fullmatch(r'[A-Za-z_]\w*', text):
        return OPEN
    found = source.resolve(module, text)
    if found is None:
        return OPEN
    if found[0] == 'external':
        q = found[1]
        if q.startswith('transformers') and q.endswith('.Trainer'):
            return set(), True
        return None if method == 'train' else OPEN
    return accepted(source, found[0], found[1], method, depth + 1)


def trl_trainers(source, method):
    """Public `…Trainer` class name → what its `method` accepts (union over its definitions; OPEN wins)."""
    out = {}
    for module, path in source.paths.items():
        if '/tests/' in path:
            continue
        text_tree = source.tree(module)
        if not text_tree:
            continue
        for name, cls in source.classes(module).items():
            if not name.endswith('Trainer') or name.startswith('_') or name in ('BaseTrainer', 'Trainer'):
                continue
            got = accepted(source, module, cls, method)
            if got is None:
                continue
            prev = out.get(name)
            if prev == OPEN or got == OPEN:
                out[name] = OPEN
            elif prev:
                out[name] = (prev[0] | got[0], prev[1] or got[1])
            else:
                out[name] = got
    return out


def transformers_sample(path):
    version, read = cf.transformers_release(path)
    out = {'__init__': {}, 'train': {}}
    inherits = set()
    for f, name in (('trainer.py', 'Trainer'), ('trainer_seq2seq.py', 'Seq2SeqTrainer')):
        for node in ast.parse(read(f)).body:
            if isinstance(node, ast.ClassDef) and node.name == name:
                for method in out:
                    fn = next((n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == method), None)
                    if fn is None:
                        inherits.add((name, method))  # Seq2SeqTrainer.train (and `__init__` before 4.28): Trainer's
                        continue
                    aliases = deprecated_aliases(fn)
                    a = fn.args
                    names = {x.arg for x in a.args[1:] + a.kwonlyargs} | set(aliases or [])
                    use = kwargs_use(fn, method) if a.kwarg else ('checked', None, [])
                    if aliases is None or use is None or use[0] != 'checked':
                        out[method][name] = OPEN
                    else:
                        out[method][name] = names | set(use[2])
    for method in out:
        if ('Seq2SeqTrainer', method) in inherits and 'Trainer' in out[method]:
            out[method]['Seq2SeqTrainer'] = out[method]['Trainer']
    return version, out


def table(samples, states):
    """states[i]: (names, through_transformers) | OPEN | None (class absent) per sample → the table entry."""
    every = sorted({k for s in states if s and s != OPEN for k in s[0]})
    groups = {}
    for k in every:
        plus, minus = cf.ranges(samples, lambda i: None if not states[i] or states[i] == OPEN else k in states[i][0])
        groups.setdefault(f'+{cf.fmt(plus)} -{cf.fmt(minus)}', []).append(k)
    exists, _ = cf.ranges(samples, lambda i: True if states[i] and states[i] != OPEN else None)
    ta, _ = cf.ranges(samples, lambda i: True if states[i] and states[i] != OPEN and states[i][1] else None)
    opened, _ = cf.ranges(samples, lambda i: True if states[i] == OPEN else None)
    return {'exists': cf.fmt(exists), 'ta': cf.fmt(ta), 'open': cf.fmt(opened), 'fields': groups}


def write_table(out, const, entries):
    cf.write_table(out, const, 'KeywordTable', entries, keys=('exists', 'ta', 'open'))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--trl', required=True)
    ap.add_argument('--trl-wheel', action='append', default=[])
    ap.add_argument('--transformers', action='append', default=[])
    ap.add_argument('--from', dest='first', default='0.7.0')
    a = ap.parse_args()

    tags = sorted((t for t in cf.git(a.trl, 'tag').split() if re.fullmatch(r'v\d+\.\d+(\.\d+)?', t)
                   and Version(t[1:]) >= Version(a.first)), key=lambda t: Version(t[1:]))
    batch = Batch(a.trl)
    srcs = [Tag(a.trl, batch, t) for t in tags] + [cf.Wheel(w, 'trl') for w in a.trl_wheel]
    # A series whose first tag is not `.0` (v0.9.3): its earlier patch releases are taken to be like it.
    contig = []
    for i, s in enumerate(srcs):
        r = Version(s.version).release
        if i >= len(tags):
            contig.append(False)
        elif i and cf.series(srcs[i - 1].version) != cf.series(s.version) and r[2] != 0:
            contig.append(False)
        else:
            contig.append(True)
    samples = [(s.version, c) for s, c in zip(srcs, contig)]
    per = {m: [] for m in ('__init__', 'train')}
    for s in srcs:
        source = Source(s)
        for m in per:
            per[m].append(trl_trainers(source, m))
        print(f'read {s.version}', file=sys.stderr)
    trl = {}
    for m, got in per.items():
        names = sorted({n for g in got for n in g})
        trl[m] = {n: table(samples, [g.get(n) for g in got]) for n in names}

    tf = sorted(((transformers_sample(p), cf.transformers_origin(p)) for p in a.transformers), key=lambda s: Version(s[0][0]))
    tf, origins = [t for t, _ in tf], [o for _, o in tf]
    tf_samples = [(v, False) for v, _ in tf]
    transformers = {}
    for m in ('__init__', 'train'):
        transformers[m] = {}
        for cls in ('Trainer', 'Seq2SeqTrainer'):
            states = [(c[m][cls], False) if c[m].get(cls) not in (None, OPEN) else c[m].get(cls) for _, c in tf]
            transformers[m][cls] = table(tf_samples, states)

    out = sys.stdout
    commits = {t: cf.git(a.trl, 'rev-list', '-n1', t).strip()[:8] for t in (tags[0], tags[-1])}
    out.write('// Generated by scripts/trainer-signatures.py: do not edit by hand (run it again; see its docstring).\n')
    out.write(f'// huggingface/trl tags {tags[0]} ({commits[tags[0]]})–{tags[-1]} ({commits[tags[-1]]})'
              + ''.join(f', wheel {w.version}' for w in srcs[len(tags):]) + '.\n')
    cf.transformers_header(out, tf, origins)
    out.write('/* eslint-disable */\n')
    out.write('import type { KeywordTable } from \'./keyword-table\';\n\n')
    out.write('/** The releases read, for messages. */\n')
    out.write(f'export const READ = {json.dumps({"trl": f"{srcs[0].version}–{srcs[-1].version}", "transformers": cf.releases_text([v for v, _ in tf])})};\n\n')
    write_table(out, 'TRL_TRAINER_INIT', trl['__init__'])
    write_table(out, 'TRL_TRAINER_TRAIN', trl['train'])
    write_table(out, 'TRANSFORMERS_TRAINER_INIT', transformers['__init__'])
    write_table(out, 'TRANSFORMERS_TRAINER_TRAIN', transformers['train'])


if __name__ == '__main__':
    main()
