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

interface ClassRow { corpus: string; file: string; name: string; base: string; init: InitShape; methods: string[]; ofSubclass: boolean }
interface CallRow { corpus: string; file: string; line: number; name: string; treated: boolean; shape?: InitShape; mapped?: 'exact' | 'open' }

const hooks = new Set<string>(Object.values(TRAINER_HOOKS).flat());

function classRows(corpus: string, file: string, facts: FileFacts): ClassRow[] {
  const out: ClassRow[] = [];
  for (const cls of facts.classes) {
    const lineage = trainerLineage(facts, isLibraryTrainerName, cls);
    if (!lineage) continue;
    const direct = cls.bases.some((b) => {
      const head = b.split('.')[0];
      const q = qualifyLocal(facts, head);
      return !!q && isLibraryTrainerName(q + b.slice(head.length));
    });
    const methods: string[] = [];
    for (const m of cls.members) {
      if (m.kind !== 'method') continue;
      if (m.name === 'compute_loss') {
        const fn = methodNode(cls, 'compute_loss');
        methods.push(fn && /num_items_in_batch|\*\*\s*\w+/.test(fn.childForFieldName('parameters')?.text ?? '') ? 'compute_loss(…num_items_in_batch / **kwargs)' : 'compute_loss (no num_items_in_batch)');
      } else if (hooks.has(m.name)) methods.push(m.name);
    }
    out.push({ corpus, file, name: cls.name, base: lineage.base, init: initShape(cls), methods, ofSubclass: !direct });
  }
  return out;
}

async function main(): Promise<void> {
  await initParser();
  const corpora = readdirSync(root).filter((d) => !d.startsWith('.') && statSync(join(root, d)).isDirectory()).sort();
  const classes: ClassRow[] = [];
  const calls: CallRow[] = [];
  for (const corpus of corpora) {
    const dir = join(root, corpus);
    const modules = new ProjectModules({ access: () => ({ roots: [dir], trusted: true }) });
    const texts: Array<[string, string]> = [];
    for (const f of files(dir)) {
      let text: string;
      try { text = readFileSync(f, 'utf8'); } catch { continue; }
      if (MENTIONS.test(text)) texts.push([f, text]);
    }
    const names = new Map<string, InitShape>();
    const perFile: Array<{ file: string; facts: FileFacts; trainerCalls: Set<number>; mapped: Map<number, 'exact' | 'open'>; dispose: () => void }> = [];
    for (const [f, text] of texts) {
      let doc;
      try { doc = documentFor(f, text); } catch { continue; }
      const script = ParsedScript.parse(doc.text);
      const { analysis } = lint({ doc, script, env: new Environment(), modules: new CachedModuleProvider(modules, true), rules: [] });
      const rows = classRows(corpus, relative(dir, f), analysis.facts);
      classes.push(...rows);
      for (const r of rows) if (!names.has(r.name)) names.set(r.name, r.init);
      const mapped = new Map<number, 'exact' | 'open'>();
      for (const t of analysis.trainers) if (t.subclass?.init) mapped.set(t.call.node.id, t.call.hasSplat ? 'open' : 'exact');
      perFile.push({ file: relative(dir, f), facts: analysis.facts, trainerCalls: new Set(analysis.trainers.filter((t) => t.subclass).map((t) => t.call.node.id)), mapped, dispose: () => script.dispose() });
    }
    // Instantiations: a call of a trainer class of the corpus, by its name, in a file that defines or imports it.
    for (const p of perFile) {
      for (const c of p.facts.calls) {
        const name = c.calleeText.split('.').pop()!;
        if (!names.has(name) || c.method === '__init__' || c.calleeText.startsWith('super')) continue;
        // The library's own trainer (`from trl import SFTTrainer` in a corpus that also defines a class of that name).
        if (c.qualified && isLibraryTrainerName(c.qualified)) continue;
        const head = c.calleeText.split('.')[0];
        if (!p.facts.classes.some((k) => k.name === head) && !qualifyLocal(p.facts, head)) continue;
        const own = p.facts.classes.find((k) => k.name === name);
        const shape = own ? classes.find((r) => r.corpus === corpus && r.file === p.file && r.name === name)?.init : names.get(name);
        if (own && !shape) continue; // a class of this file that is no trainer
        calls.push({ corpus, file: p.file, line: c.node.startPosition.row + 1, name, treated: p.trainerCalls.has(c.node.id), shape, mapped: p.mapped.get(c.node.id) });
      }
      p.dispose();
    }
  }
  const count = <T>(xs: T[], key: (x: T) => string) => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1]);
  };
  console.log(`${corpora.length} corpora; ${new Set(classes.map((c) => c.corpus)).size} define trainer subclasses: ${classes.length} classes, ${calls.length} instantiations`);
  console.log('\nClasses by __init__ shape:');
  for (const [k, n] of count(classes, (c) => c.init)) console.log(`  ${String(n).padStart(4)}  ${k}`);
  console.log(`  ${String(classes.filter((c) => c.ofSubclass).length).padStart(4)}  (of these, subclasses of a subclass)`);
  console.log('\nClasses by overridden method (a class may count in several):');
  for (const [k, n] of count(classes.flatMap((c) => c.methods), (m) => m)) console.log(`  ${String(n).padStart(4)}  ${k}`);
  console.log(`  ${String(classes.filter((c) => !c.methods.length).length).padStart(4)}  none of these`);
  console.log('\nInstantiations by the __init__ shape of their class: treated as the library trainer / skipped:');
  const shapes = [...new Set(calls.map((c) => c.shape ?? '?'))];
  for (const s of shapes) {
    const of = calls.filter((c) => (c.shape ?? '?') === s);
    console.log(`  ${s}: ${of.filter((c) => c.treated).length} treated / ${of.filter((c) => !c.treated).length} skipped`);
  }
  console.log(`  all: ${calls.filter((c) => c.treated).length} treated / ${calls.filter((c) => !c.treated).length} skipped`);
  const mappedCalls = calls.filter((c) => c.mapped);
  console.log(`  mapped through an explicit __init__: ${mappedCalls.length} (every argument the library gets known: ${mappedCalls.filter((c) => c.mapped === 'exact').length}; some unknown: ${mappedCalls.filter((c) => c.mapped === 'open').length})`);
  if (list) {
    console.log('\nClasses:');
    for (const c of classes) console.log(`  ${c.corpus}/${c.file}: ${c.name}(${c.base}) [${c.init}] ${c.methods.join(', ')}`);
    console.log('\nInstantiations:');
    for (const c of calls) console.log(`  ${c.corpus}/${c.file}:${c.line}: ${c.name} ${c.treated ? 'treated' : 'skipped'}${c.mapped ? ` (mapped, ${c.mapped})` : ''} [${c.shape}]`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
