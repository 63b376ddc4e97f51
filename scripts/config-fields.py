#!/usr/bin/env python3
"""How TL514's table of the keywords each config class accepts is made (maintainers only; not part of the build).

Usage:
  python3 scripts/config-fields.py --trl TRL_GIT_DIR [--trl-wheel trl-X.whl ...] \
      --transformers transformers-X.whl|SRC_DIR ... --peft PEFT_GIT_DIR [--peft-wheel peft-X.whl ...] \
      > server/src/engine/domain/config-fields.generated.ts

TRL: every release tag of huggingface/trl from v0.11.0 (a git directory, e.g. a bare clone; every release is tagged, so
consecutive tags leave no release unread), then any newer wheels given (a gap: releases between the last tag and the
wheel are not read). Each config class (`trl/**/*config*.py`, `trl/trainer/utils.py` for `OnPolicyConfig`) is read with
Python's `ast`: its dataclass fields and those of its TRL bases (a `_KTOConfig` import alias is the experimental class of
that name), without `field(init=False)` fields and `ClassVar`s, which `__init__` does not take. Whether the class is
built on `TrainingArguments` is recorded: its inherited fields are the transformers side, read separately.

PEFT: every release tag of huggingface/peft from v0.3.0, then any newer wheels given (the same way as TRL's). The
configs of `PEFT_CLASSES` are read from `src/peft/config.py` (`utils/config.py` before 0.5), `tuners/*/config.py`,
`tuners/lycoris_utils.py` and the one-module tuners of 0.3–0.5 (`tuners/lora.py`), with the fields of their PEFT
bases (`PeftConfig`, `PeftConfigMixin`, `LycorisConfig`, `PromptLearningConfig`, `LoraConfig` for `AdaLoraConfig`).
They are plain dataclasses at every tag (no `__init__` of their own), and no patch release changes a field (--check).

transformers: `src/transformers/training_args.py` (`TrainingArguments`) and `training_args_seq2seq.py`
(`Seq2SeqTrainingArguments`, its own fields only) of each release given: wheels, or source folders holding
`src/transformers/` (or `transformers/`) with at least those files and the `__init__.py` that names the version. A
source folder may hold a one-line `SOURCE` file saying where its files were taken from (`<commit> tag vX.Y.Z in
owner/fork, …`); the table's header lists it. Each series is read at one release (its last patch, in practice): a
field in the same state at two releases read is taken to be in that state between them, otherwise the releases
between are unknown for it. Patch releases are taken to keep the fields of the release read in their series (checked
on every tag 4.2.0–5.15.0: only 4.8.2 and 4.46.2 added a field inside a series, so a pin on 4.8.0–4.8.1 or
4.46.0–4.46.1 may be taken to accept one it lacks, never the reverse).

Output: per class and library, the versions (by release series, `major.minor`) where each field is accepted (`+`) and
where it is not (`-`); versions outside both (before the first release read, after the last, a gap where the field
changed) are unknown. Patch releases are taken to keep their series' fields (checked on TRL's tags: see --check).
"""
import argparse
import ast
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from packaging.version import Version

TA = ('TrainingArguments', 'Seq2SeqTrainingArguments')
# The PEFT configs the table keeps: the ones scripts build (the other methods' configs are left out).
PEFT_CLASSES = ('PeftConfig', 'LoraConfig', 'AdaLoraConfig', 'IA3Config', 'LoHaConfig', 'LoKrConfig', 'PromptTuningConfig',
                'PrefixTuningConfig', 'PromptEncoderConfig')


def git(repo, *args):
    return subprocess.run(['git', '-C', repo, *args], capture_output=True, text=True).stdout


class GitTag:
    def __init__(self, repo, tag):
        self.repo, self.tag, self.version = repo, tag, tag[1:]

    def files(self):
        return git(self.repo, 'ls-tree', '-r', '--name-only', self.tag).split('\n')

    def read(self, f):
        return git(self.repo, 'show', f'{self.tag}:{f}')


class Wheel:
    def __init__(self, path, package):
        self.zip = zipfile.ZipFile(path)
        self.version = Path(path).name.split('-')[1]

    def files(self):
        return self.zip.namelist()

    def read(self, f):
        return self.zip.read(f).decode('utf8')


def init_fields(node):
    """The dataclass fields `__init__` takes: annotated names, not `ClassVar`, not `field(init=False)`."""
    out = []
    for st in node.body:
        if not (isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name)):
            continue
        if 'ClassVar' in ast.unparse(st.annotation):
            continue
        v = st.value
        if isinstance(v, ast.Call) and ast.unparse(v.func).split('.')[-1] == 'field' and any(
                k.arg == 'init' and isinstance(k.value, ast.Constant) and k.value.value is False for k in v.keywords):
            continue
        out.append(st.target.id)
    return out


def config_classes(src, wanted):
    """Class name → [(file, bases, init fields)] of the files of `src` that `wanted(path)` selects."""
    out = {}
    for f in src.files():
        if not wanted(f):
            continue
        try:
            tree = ast.parse(src.read(f))
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                bases = [ast.unparse(b).split('.')[-1] for b in node.bases]
                out.setdefault(node.name, []).append((f, bases, init_fields(node)))
    return out


def trl_classes(src):
    return config_classes(src, lambda f: f.startswith('trl/') and f.endswith('.py') and ('config' in f or f.endswith('trainer/utils.py')))


def peft_classes(src):
    """PEFT's config modules: `peft/config.py` (`utils/config.py` before 0.5), `tuners/<method>/config.py`, and the
    one-module tuners of 0.3–0.5 and `tuners/lycoris_utils.py` (`LycorisConfig`); `src/` dropped from tag paths."""
    def wanted(f):
        f = f[4:] if f.startswith('src/') else f
        return f.startswith('peft/') and f.endswith('.py') and ('config' in f or re.fullmatch(r'peft/tuners/[^/]+\.py', f) is not None)
    return config_classes(src, wanted)


def trl_fields(classes, name, prefer='trl/trainer', seen=()):
    """(fields, built on TrainingArguments) of a TRL (or PEFT) class, the fields of its bases read with it included."""
    defs = classes.get(name)
    if not defs:
        return None
    f, bases, own = sorted(defs, key=lambda d: 0 if prefer in d[0] else 1)[0]
    fields, ta = dict.fromkeys(own), False
    for b in bases:
        if b in TA:
            ta = True
            continue
        if b in seen:
            continue
        if b.lstrip('_') == name:  # `class KTOConfig(_KTOConfig)`: the shim over the experimental class
            sub = trl_fields(classes, name, 'trl/experimental', seen + (b,))
        else:
            sub = trl_fields(classes, b, prefer, seen + (name,))
        if sub:
            for k in sub[0]:
                fields.setdefault(k)
            ta = ta or sub[1]
    return fields, ta


def transformers_release(path):
    """(version, read): a transformers wheel or source folder, and a reader of its files (`trainer.py`)."""
    p = Path(path)
    if p.suffix == '.whl':
        z = zipfile.ZipFile(p)
        read = lambda f: z.read(f'transformers/{f}').decode('utf8')
    else:
        base = p / 'src' / 'transformers' if (p / 'src').exists() else p / 'transformers' if (p / 'transformers').exists() else p
        read = lambda f: (base / f).read_text()
    return re.search(r'^__version__ = "([^"]+)"', read('__init__.py'), re.M).group(1), read


def transformers_origin(path):
    """Where a release's files came from, for the table's header: `wheel`, or a source folder's `SOURCE` line."""
    p = Path(path)
    if p.suffix == '.whl':
        return 'wheel'
    src = p / 'SOURCE'
    return src.read_text().strip() if src.exists() else 'source folder'


def releases_text(versions):
    """`4.2.2–4.57.6 and 5.0.0–5.15.0, a release of each series, and 5.17.0, 5.18.0`: runs of three or more releases
    of consecutive series collapsed."""
    runs = []
    for v in versions:
        r = Version(v).release
        if runs:
            p = Version(runs[-1][-1]).release
            if r[0] == p[0] and r[1] == p[1] + 1:
                runs[-1].append(v)
                continue
        runs.append([v])
    long = [f'{run[0]}–{run[-1]}' for run in runs if len(run) >= 3]
    short = [v for run in runs if len(run) < 3 for v in run]
    if not long:
        return ', '.join(short)
    return ' and '.join(long) + ', a release of each series' + (', and ' + ', '.join(short) if short else '')


def transformers_header(out, tf, origins):
    """The header lines naming the transformers releases read and where each came from."""
    out.write(f'// transformers {releases_text([v for v, _ in tf])}. Read from:\n')
    for (v, _), o in zip(tf, origins):
        out.write(f'//   {v}: {o}\n')


def transformers_sample(path):
    version, read = transformers_release(path)
    out = {}
    for f, cls in (('training_args.py', 'TrainingArguments'), ('training_args_seq2seq.py', 'Seq2SeqTrainingArguments')):
        for node in ast.parse(read(f)).body:
            if isinstance(node, ast.ClassDef) and node.name == cls:
                out[cls] = init_fields(node)
    return version, out


def series(v):
    r = Version(v).release
    return f'{r[0]}.{r[1]}'


def next_series(v):
    r = Version(v).release
    return f'{r[0]}.{r[1] + 1}'


def ranges(samples, state):
    """samples: [(version, contiguous_with_previous)]; state(i) → True/False/None (class absent: unknown).
    Returns (present, absent): lists of [from, before) over versions. Between contiguous samples the state changes at
    the later release; across a gap it is known only where both ends agree."""
    spans = {True: [], False: []}
    cur = start = last = None
    for i, (v, contiguous) in enumerate(samples):
        s = state(i)
        if cur is not None and s != cur:
            spans[cur].append([start, tag_from(v) if contiguous else next_series(last)])
            cur = None
        if cur is None and s is not None:
            cur, start = s, tag_from(v) if i and contiguous else series(v)
        last = v
    if cur is not None:
        spans[cur].append([start, next_series(last)])
    return spans[True], spans[False]


def tag_from(v):
    """The first version of a span starting at release `v`: the release itself (`0.18.0`), or its series for a `.0`."""
    r = Version(v).release
    return series(v) if len(r) < 3 or r[2] == 0 else v


def fmt(spans):
    return ','.join(f'{a}-{b}' for a, b in spans)


def write_table(out, const, type_name, entries, keys=('exists', 'ta'), end='};\n\n'):
    """One exported table: per class, its `keys` (a missing one is "") and its fields grouped by release ranges."""
    out.write(f'export const {const}: {type_name} = {{\n')
    for name, d in entries.items():
        head = ', '.join(f'{k}: {json.dumps(d.get(k, ""))}' for k in keys)
        out.write(f'  {name}: {{ {head}, fields: {{\n')
        for key, ks in d['fields'].items():
            out.write(f'    {json.dumps(key)}: {json.dumps(" ".join(ks))},\n')
        out.write('  } },\n')
    out.write(end)


def release_tags(repo, first):
    """The release tags `vX.Y.Z` of a git directory from `first` on, oldest first."""
    return sorted((t for t in git(repo, 'tag').split() if re.fullmatch(r'v\d+\.\d+\.\d+', t) and Version(t[1:]) >= Version(first)),
                  key=lambda t: Version(t[1:]))


def library_table(srcs, tagged, classes_of, check, keep, prefer='trl/trainer'):
    """Per config class `keep(name, fields at each release)` selects: its `exists`/`ta` ranges and its fields grouped by
    ranges, over `srcs` (the first `tagged` consecutive release tags, then wheels after a gap). With `check`, print the
    fields patch releases change instead."""
    contig = [True] * tagged + [False] * (len(srcs) - tagged)
    per = [classes_of(s) for s in srcs]
    names = sorted({n for c in per for n in c if n.endswith('Config')})
    out = {}
    for name in names:
        got = [trl_fields(c, name, prefer) for c in per]
        if not keep(name, got):
            continue
        if check:
            for i in range(1, len(got)):
                if got[i] and got[i - 1] and series(srcs[i].version) == series(srcs[i - 1].version) and set(got[i][0]) != set(got[i - 1][0]):
                    print(name, srcs[i - 1].version, '->', srcs[i].version, set(got[i][0]) ^ set(got[i - 1][0]))
            continue
        samples = [(s.version, c) for s, c in zip(srcs, contig)]
        every = sorted({k for g in got if g for k in g[0]})
        groups = {}
        for k in every:
            plus, minus = ranges(samples, lambda i: None if not got[i] else k in got[i][0])
            groups.setdefault(f'+{fmt(plus)} -{fmt(minus)}', []).append(k)
        ta_plus, ta_minus = ranges(samples, lambda i: None if not got[i] else got[i][1])
        exists, _ = ranges(samples, lambda i: True if got[i] else None)
        out[name] = {'exists': fmt(exists), 'ta': fmt(ta_plus), 'fields': groups}
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--trl', required=True)
    ap.add_argument('--trl-wheel', action='append', default=[])
    ap.add_argument('--transformers', action='append', default=[])
    ap.add_argument('--peft', required=True)
    ap.add_argument('--peft-wheel', action='append', default=[])
    ap.add_argument('--check', action='store_true', help='print the fields patch releases change, then stop')
    a = ap.parse_args()

    tags = release_tags(a.trl, '0.11.0')
    trl_srcs = [GitTag(a.trl, t) for t in tags] + [Wheel(w, 'trl') for w in a.trl_wheel]
    trl = library_table(trl_srcs, len(tags), trl_classes, a.check,
                        # never a TrainingArguments config (ModelConfig, …), or a base no script builds
                        lambda name, got: any(g and g[1] for g in got) and not name.startswith('_') and name not in ('BaseConfig', 'OnPolicyConfig'))
    peft_tags = release_tags(a.peft, '0.3.0')
    peft_srcs = [GitTag(a.peft, t) for t in peft_tags] + [Wheel(w, 'peft') for w in a.peft_wheel]
    peft = library_table(peft_srcs, len(peft_tags), peft_classes, a.check, lambda name, got: name in PEFT_CLASSES, 'peft/')
    if a.check:
        return

    tf = sorted(((transformers_sample(p), transformers_origin(p)) for p in a.transformers), key=lambda s: Version(s[0][0]))
    tf, origins = [t for t, _ in tf], [o for _, o in tf]
    tf_samples = [(v, False) for v, _ in tf]
    transformers = {}
    for cls in TA:
        every = sorted({k for _, c in tf for k in c.get(cls, [])})
        groups = {}
        for k in every:
            plus, minus = ranges(tf_samples, lambda i: k in tf[i][1].get(cls, []))
            groups.setdefault(f'+{fmt(plus)} -{fmt(minus)}', []).append(k)
        exists, _ = ranges(tf_samples, lambda i: True if cls in tf[i][1] else None)
        transformers[cls] = {'exists': fmt(exists), 'fields': groups}

    out = sys.stdout
    out.write('// Generated by scripts/config-fields.py: do not edit by hand (run it again; see its docstring).\n')
    out.write(f'// huggingface/trl tags {tags[0]}–{tags[-1]}' + ''.join(f', wheel {w.version}' for w in trl_srcs[len(tags):]) + '.\n')
    out.write(f'// huggingface/peft tags {peft_tags[0]}–{peft_tags[-1]}' + ''.join(f', wheel {w.version}' for w in peft_srcs[len(peft_tags):]) + '.\n')
    transformers_header(out, tf, origins)
    out.write('/* eslint-disable */\n')
    out.write('import type { ConfigFieldTable } from \'./config-fields\';\n\n')
    out.write(f'/** The releases read, for messages. */\n')
    out.write(f'export const READ = {json.dumps({"trl": f"{tags[0][1:]}–{trl_srcs[-1].version}", "transformers": releases_text([v for v, _ in tf]), "peft": f"{peft_tags[0][1:]}–{peft_srcs[-1].version}"})};\n\n')
    write_table(out, 'TRL_CONFIG_FIELDS', 'ConfigFieldTable', trl)
    write_table(out, 'TRANSFORMERS_ARGS_FIELDS', 'ConfigFieldTable', transformers)
    write_table(out, 'PEFT_CONFIG_FIELDS', 'ConfigFieldTable', peft, end='};\n')


if __name__ == '__main__':
    main()
