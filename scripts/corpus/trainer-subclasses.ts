/**
 * Survey of the trainer subclasses in the regression corpora (docs/corpus.md, "Trainer subclasses"): every class whose
 * bases lead to a library trainer (`class MyTrainer(Trainer)`, `(SFTTrainer)`, …, through classes of the same file or
 * of the project), sorted by the shape of its `__init__` and by the methods rules reason about, and every
 * instantiation of such a class: whether the engine takes it as its library trainer (rules run on it) or skips it.
 *
 *   node --import tsx scripts/corpus/trainer-subclasses.ts [CORPORA_ROOT] [--list]
 *
 * CORPORA_ROOT defaults to /tmp/corpora (one folder per repository; a folder of symlinks works). `--list` prints every
 * class and instantiation with its file. Reads the corpora only; runs no rule (an analysis per file: its trainers).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { documentFor, initParser, ParsedScript } from '../../server/src/engine/index';
import { lint } from '../../server/src/engine/lint/lint';
import { Environment } from '../../server/src/engine/env/versions';
import { ProjectModules } from '../../server/src/engine/modules/project-modules';
import { CachedModuleProvider } from '../../server/src/engine/modules/cached-provider';
import { trainerLineage } from '../../server/src/engine/domain/trainer-subclass';
import { isLibraryTrainerName, TRAINER_HOOKS } from '../../server/src/engine/domain/trainers';
import { qualifyLocal } from '../../server/src/engine/facts/imports';
import { methodDefinition } from '../../server/src/engine/facts/class-syntax';
import type { ClassFact, FileFacts } from '../../server/src/engine/facts/types';

const args = process.argv.slice(2);
const list = args.includes('--list');
const root = args.find((a) => !a.startsWith('--')) ?? '/tmp/corpora';
const MAX_BYTES = 2 * 1024 * 1024;

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.(py|ipynb)$/.test(e.name) && statSync(p).size <= MAX_BYTES) yield p;
  }
}

/** A quick text test before parsing: the file defines or calls something named `…Trainer` (or any class). */
const MENTIONS = /\bclass\s+\w+\s*\(|Trainer\b/;

type InitShape = 'no __init__' | 'pass-through: *args, **kwargs to super().__init__' | 'pass-through, takes its own keywords first'
  | 'passes **kwargs on after more (positional parameters, kwargs changed)' | 'explicit parameters' | 'other __init__';

function paramsOf(fn: Node): Node[] {
  return (fn.childForFieldName('parameters')?.namedChildren ?? []).filter((p): p is Node => !!p && p.type !== 'comment').slice(1);
}

/** The shape of a class's own `__init__`: the engine's verdict (`forwardsInit`), then its syntax. */
function initShape(cls: ClassFact): InitShape {
  const init = methodNode(cls, '__init__');
  if (!init) return 'no __init__';
  const ps = paramsOf(init);
  const splat = (p: Node, type: string) => p.type === type || (p.type === 'typed_parameter' && p.namedChildren[0]?.type === type);
  const named = ps.filter((p) => !splat(p, 'dictionary_splat_pattern') && !splat(p, 'list_splat_pattern') && p.type !== 'keyword_separator');
  const body = init.childForFieldName('body')?.text ?? '';
  if (cls.members.find((m) => m.name === '__init__')?.forwardsInit) {
    return named.length || /\b\w+\s*\.\s*pop\s*\(\s*['"]/.test(body) ? 'pass-through, takes its own keywords first' : 'pass-through: *args, **kwargs to super().__init__';
  }
  const hasKw = ps.some((p) => splat(p, 'dictionary_splat_pattern'));
  if (hasKw && /\.\s*__init__\s*\(\s*(self\s*,\s*)?(\*\s*\w+\s*,\s*)?\*\*\s*\w+\s*,?\s*\)/.test(body)) return 'passes **kwargs on after more (positional parameters, kwargs changed)';
  return ps.length ? 'explicit parameters' : 'other __init__';
}

function methodNode(cls: ClassFact, name: string): Node | undefined {
  return methodDefinition(cls.node, name);
}

main().catch((e) => { console.error(e); process.exit(1); });
