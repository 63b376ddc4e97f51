/**
 * The config files a script reads (`facts/config-values.ts` asks): `yaml.safe_load(open("config.yaml"))`,
 * `with open(…) as f: json.load(f)`, `OmegaConf.load(Path(__file__).parent / "conf.yaml")`. Which loader, which file
 * (a literal path, a constant, `Path(…)`, `os.path.join`, `/`, from `__file__`), and its value as the project modules
 * answer it (`ModuleProvider.configFile`, read off the diagnostics path).
 */
import type { Node } from 'web-tree-sitter';
import { join, isAbsolute } from 'node:path';
import { qualifyExpression, qualifyLocal } from './imports';
import { conditionalAlternatives, reachingAssignment } from './reaching';
import { enclosingFunction } from './anchor';
import { agreedArgument, isParameterOf } from './own-functions';
import type { FileFacts } from './types';
import { evaluate, noteImpure, UNKNOWN, type PyValue } from './values';
import type { ConfigFormat } from '../modules/config-file';

export const LOADERS = new Set(['safe_load', 'load', 'full_load', 'unsafe_load', 'loads']);
const YAML_LOADERS = new Set(['yaml.safe_load', 'yaml.full_load', 'yaml.unsafe_load', 'yaml.load']);
/** `yaml.load(f, Loader=…)` resolves plain scalars as `safe_load` does with these loaders (not `BaseLoader`: all strings). */
const YAML_LOADER_CLASSES = /^(yaml\.)?(C?SafeLoader|FullLoader|UnsafeLoader|C?Loader)$/;

/** `yaml.safe_load(…)`, `json.load(…)`, `json.loads(…)`, `OmegaConf.load(…)` of a file the script names. */
export function loadValue(facts: FileFacts, node: Node, callee: Node, depth: number): PyValue {
  const scope = facts.modules;
  if (!scope?.provider.configFile) return UNKNOWN;
  const q = qualifyExpression(facts, callee);
  const format: ConfigFormat | undefined = q && YAML_LOADERS.has(q) ? 'yaml' : q === 'json.load' || q === 'json.loads' ? 'json' : q === 'omegaconf.OmegaConf.load' ? 'omegaconf' : undefined;
  if (!format) return UNKNOWN;
  const args = node.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') ?? [];
  if (args.length < 1 || args[0].type === 'keyword_argument' || args[0].type.endsWith('splat')) return UNKNOWN;
  const extra = args.slice(1);
  if (q === 'yaml.load') {
    const loader = extra.length === 1 ? (extra[0].type === 'keyword_argument' && extra[0].childForFieldName('name')?.text === 'Loader' ? extra[0].childForFieldName('value') : extra[0]) : undefined;
    if (!loader || !YAML_LOADER_CLASSES.test(qualifyExpression(facts, loader) ?? loader.text)) return UNKNOWN;
  } else if (extra.length) return UNKNOWN; // `object_hook=`, `parse_float=`, …: not the plain value
  noteImpure();
  const source = format === 'omegaconf' ? pathOf(facts, args[0], depth) ?? streamOf(facts, args[0], depth) : streamOf(facts, args[0], depth);
  if (!source) return UNKNOWN;
  return scope.provider.configFile(scope.path, source.path, source.base, format)?.value ?? UNKNOWN;
}

interface ConfigPath { path: string; base: 'script' | 'cwd' }

/** The file a stream or a text is read from: `open(path)`, `f` of `with open(path) as f`, `Path(p).read_text()`, `f.read()`. */
function streamOf(facts: FileFacts, node: Node, depth: number): ConfigPath | undefined {
  if (depth > 12) return undefined;
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  if (n.type === 'identifier') {
    const opened = withTarget(n);
    if (opened) return streamOf(facts, opened, depth + 1);
    const a = reachingAssignment(facts, n.text, n);
    if (!a || a.unpackIndex !== undefined || conditionalAlternatives(facts, n)) return undefined;
    return streamOf(facts, a.value, depth + 1);
  }
  if (n.type !== 'call') return undefined;
  const callee = n.childForFieldName('function');
  if (!callee) return undefined;
  if (callee.type === 'identifier' && callee.text === 'open' && !qualifyLocal(facts, 'open') && !facts.functions.has('open')) {
    const args = n.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') ?? [];
    if (!args.length || args[0].type === 'keyword_argument' || args[0].type.endsWith('splat')) return undefined;
    for (const a of args.slice(1)) {
      const name = a.type === 'keyword_argument' ? a.childForFieldName('name')?.text : args.indexOf(a) === 1 ? 'mode' : undefined;
      const value = a.type === 'keyword_argument' ? a.childForFieldName('value') : a;
      if (name === 'mode') {
        const mode = value ? evaluate(facts, value, depth + 1) : UNKNOWN;
        if (mode.kind !== 'str' || !/^r[tb]?$/.test(mode.value)) return undefined;
      } else if (name !== 'encoding' && name !== 'errors') return undefined;
    }
    return pathOf(facts, args[0], depth + 1);
  }
  if (callee.type !== 'attribute') return undefined;
  const method = callee.childForFieldName('attribute')?.text;
  const obj = callee.childForFieldName('object');
  if (!obj || positionalArgs(n)?.length !== 0) return undefined;
  if (method === 'read') return streamOf(facts, obj, depth + 1);
  if (method === 'read_text' || method === 'open') return pathOf(facts, obj, depth + 1);
  return undefined;
}

/** `f` in the body of `with open(…) as f:` (or `with Path(…).open() as f:`): the expression it is bound to. */
function withTarget(name: Node): Node | undefined {
  for (let p = name.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'module') return undefined;
    if (p.type !== 'with_statement') continue;
    const clause = p.namedChildren.find((c) => c?.type === 'with_clause');
    for (const item of clause?.namedChildren ?? []) {
      const v = item?.childForFieldName('value');
      if (v?.type !== 'as_pattern') continue;
      const alias = v.childForFieldName('alias');
      if (alias?.text === name.text) return v.namedChildren[0] ?? undefined;
    }
  }
  return undefined;
}

const PATH_CLASSES = /^pathlib\.(Path|PurePath|PosixPath)$/;

/** The path an expression names: a string, `Path(…)`, `os.path.join(…)`, `a / "b"`, relative to the script's folder when it starts from `__file__`. */
function pathOf(facts: FileFacts, node: Node, depth: number): ConfigPath | undefined {
  if (depth > 12) return undefined;
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  const up = scriptDir(facts, n);
  if (up !== undefined) return { path: up, base: 'script' };
  if (n.type === 'string' || n.type === 'concatenated_string') {
    const v = evaluate(facts, n, depth + 1);
    return v.kind === 'str' && v.value ? { path: v.value, base: 'cwd' } : undefined;
  }
  if (n.type === 'identifier') {
    const a = reachingAssignment(facts, n.text, n);
    // `def load_config(path="config.yaml"): … open(path)`: the path every call of the function gives.
    const fn = a ? undefined : enclosingFunction(n);
    if (fn && isParameterOf(fn, n.text)) {
      const own = facts.functions.get(fn.childForFieldName('name')?.text ?? '');
      if (!own || own.node.id !== fn.id) return undefined;
      return agreedArgument(facts, own, n.text, (arg) => pathOf(facts, arg, depth + 1), (x, y) => x.path === y.path && x.base === y.base);
    }
    if (!a) {
      const v = evaluate(facts, n, depth + 1); // a constant of another project module
      return v.kind === 'str' && v.value ? { path: v.value, base: 'cwd' } : undefined;
    }
    if (a.unpackIndex !== undefined || conditionalAlternatives(facts, n)) return undefined;
    return pathOf(facts, a.value, depth + 1);
  }
  if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '/') {
    const l = n.childForFieldName('left'), r = n.childForFieldName('right');
    const left = l && pathOf(facts, l, depth + 1);
    const right = r && evaluate(facts, r, depth + 1);
    return left && right?.kind === 'str' ? joined(left, [right.value]) : undefined;
  }
  if (n.type !== 'call') return undefined;
  const callee = n.childForFieldName('function');
  const args = positionalArgs(n);
  if (!callee || !args) return undefined;
  const q = qualifyExpression(facts, callee);
  if (callee.type === 'attribute' && args.length === 0 && /^(resolve|absolute|expanduser)$/.test(callee.childForFieldName('attribute')?.text ?? '')) {
    const inner = pathOf(facts, callee.childForFieldName('object')!, depth + 1);
    return inner && !(callee.childForFieldName('attribute')?.text === 'expanduser' && inner.path.startsWith('~')) ? inner : undefined;
  }
  if (!q || !args.length) return undefined;
  if (PATH_CLASSES.test(q) || q === 'os.path.join') {
    const first = pathOf(facts, args[0], depth + 1);
    const rest: string[] = [];
    for (const a of args.slice(1)) {
      const v = evaluate(facts, a, depth + 1);
      if (v.kind !== 'str') return undefined;
      rest.push(v.value);
    }
    return first && joined(first, rest);
  }
  return undefined;
}

function joined(base: ConfigPath, parts: string[]): ConfigPath {
  let path = base.path;
  for (const p of parts) path = isAbsolute(p) ? p : join(path, p);
  return { path, base: isAbsolute(path) ? 'cwd' : base.base };
}

/**
 * The script's folder, or a folder above it, as the script computes it from `__file__`: `Path(__file__).parent`
 * (`.resolve()`, `.absolute()` on the way), `os.path.dirname(os.path.abspath(__file__))`; `''` for the folder itself,
 * `'..'` for its parent. Undefined for anything else.
 */
function scriptDir(facts: FileFacts, node: Node): string | undefined {
  let n = node;
  let ups = 0;
  for (let i = 0; i < 8; i++) {
    while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
    if (n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'parent') {
      ups++;
      n = n.childForFieldName('object')!;
      continue;
    }
    if (n.type !== 'call') return undefined;
    const callee = n.childForFieldName('function');
    const args = positionalArgs(n);
    if (!callee || !args) return undefined;
    if (callee.type === 'attribute' && args.length === 0 && /^(resolve|absolute)$/.test(callee.childForFieldName('attribute')?.text ?? '')) {
      n = callee.childForFieldName('object')!;
      continue;
    }
    const q = qualifyExpression(facts, callee);
    if (args.length !== 1 || !q) return undefined;
    if (q === 'os.path.dirname') { ups++; n = args[0]; continue; }
    if (q === 'os.path.abspath' || q === 'os.path.realpath') { n = args[0]; continue; }
    if (PATH_CLASSES.test(q) && args[0].type === 'identifier' && args[0].text === '__file__') {
      return ups >= 1 ? Array(ups - 1).fill('..').join('/') || '' : undefined;
    }
    return undefined;
  }
  // `os.path.dirname(__file__)` ends on the name itself.
  return undefined;
}

export function positionalArgs(call: Node): Node[] | undefined {
  const out: Node[] = [];
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!a || a.type === 'comment') continue;
    if (a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat') return undefined;
    out.push(a);
  }
  return out;
}
