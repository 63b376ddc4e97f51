#!/usr/bin/env python3
"""How TL522's table of the keywords `datasets.load_dataset` accepts is made (maintainers only; not part of the build).

Usage:
  python3 scripts/load-dataset-keywords.py --datasets DATASETS_GIT_DIR TAG [TAG ...]

For each release tag of huggingface/datasets, read with Python's `ast` (nothing is imported or run):
- the parameters of `load_dataset` and `load_dataset_builder` (`src/datasets/load.py`, every overload),
- the parameters of `DatasetBuilder.__init__` and the names the class body of `BuilderConfig` binds (dataclass fields
  and methods: `_create_builder_config` only asks `hasattr(config, key)`) (`src/datasets/builder.py`),
- for every packaged builder (`src/datasets/packaged_modules/<name>/*.py`): the names bound in the body of each class
  (config classes: fields and methods), and the parameters of each builder class's `__init__` (a class with a `…Builder`
  base; `load_dataset_builder` hands `config_kwargs` to it).
Prints, per tag, the names that differ from the union of the tags before it, then the union over all tags given
(what the rule's `ACCEPTED` set holds) and the names some tag lacks.
"""
import argparse
import ast
import subprocess
import sys


def show(git_dir, tag, path):
    return subprocess.run(['git', '-C', git_dir, 'show', f'{tag}:{path}'], capture_output=True, text=True, check=True).stdout


def ls(git_dir, tag, path):
    out = subprocess.run(['git', '-C', git_dir, 'ls-tree', '-r', '--name-only', tag, path], capture_output=True, text=True,
                         check=True).stdout
    return [p for p in out.split('\n') if p.endswith('.py')]


def params(fn):
    a = fn.args
    return {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs} - {'self', 'cls'}


def class_names(cls):
    names = set()
    for st in cls.body:
        if isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name):
            names.add(st.target.id)
        elif isinstance(st, ast.Assign):
            names |= {t.id for t in st.targets if isinstance(t, ast.Name)}
        elif isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(st.name)
    return names


def is_config(cls):
    return any('Config' in ast.unparse(b) for b in cls.bases) or cls.name.endswith('Config')


def read(git_dir, tag):
    names = set()
    load = ast.parse(show(git_dir, tag, 'src/datasets/load.py'))
    for n in ast.walk(load):
        if isinstance(n, ast.FunctionDef) and n.name in ('load_dataset', 'load_dataset_builder'):
            names |= params(n)
    builder = ast.parse(show(git_dir, tag, 'src/datasets/builder.py'))
    for n in ast.walk(builder):
        if isinstance(n, ast.ClassDef) and n.name == 'BuilderConfig':
            names |= class_names(n)
        if isinstance(n, ast.ClassDef) and n.name == 'DatasetBuilder':
            names |= {p for st in n.body if isinstance(st, ast.FunctionDef) and st.name == '__init__' for p in params(st)}
    for path in ls(git_dir, tag, 'src/datasets/packaged_modules'):
        for n in ast.walk(ast.parse(show(git_dir, tag, path))):
            if not isinstance(n, ast.ClassDef):
                continue
            if is_config(n):
                names |= class_names(n)
            if not any('Builder' in ast.unparse(b) for b in n.bases):
                continue
            for st in n.body:
                if isinstance(st, ast.FunctionDef) and st.name == '__init__':
                    names |= params(st)
    return names - {'config_kwargs', 'kwargs', 'args'}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--datasets', required=True)
    ap.add_argument('tags', nargs='+')
    args = ap.parse_args()
    union = set()
    per = {}
    for tag in args.tags:
        per[tag] = read(args.datasets, tag)
        if union:
            print(f'{tag}: +{sorted(per[tag] - union)} -{sorted(union - per[tag])}')
        union |= per[tag]
    print('union:', ' '.join(sorted(union)))
    for tag in args.tags:
        missing = union - per[tag]
        if missing:
            print(f'{tag} lacks: {" ".join(sorted(missing))}')


if __name__ == '__main__':
    sys.exit(main())
