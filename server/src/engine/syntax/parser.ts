/**
 * The Python parser: web-tree-sitter with the pinned grammar in `grammars/`.
 * `initParser()` once per process, then `parsePython()`; every Tree must be `.delete()`d
 * by its owner (wasm memory is not garbage-collected) — ParsedScript does that.
 *
 * Generations. A wasm memory only grows: after a 5 MB script is parsed the parser keeps a few
 * hundred MB for the life of the process, and when it runs out (2 GB) the module aborts and cannot
 * be used again. `renewParser()` therefore loads a fresh copy of web-tree-sitter with a fresh
 * memory (a new generation) and drops the old one, whose memory the garbage collector then takes
 * back once the trees of that generation are gone. Owners of trees (the language server's open
 * documents) re-parse them when `parserGeneration()` changes. `isParserAbort(err)` recognises the
 * module's abort.
 */
import type * as Runtime from 'web-tree-sitter';
import type { Language, Parser, Range, Tree } from 'web-tree-sitter';
import { readFileSync } from 'node:fs';
import { loadCached } from '../../launch/cached-load';
import { PYTHON_GRAMMAR_WASM, RUNTIME_JS, RUNTIME_WASM, locateAsset } from './wasm-location';
import { parseView } from './parse-view';
import { fastTransfers } from './transfer-buffer';

type Binding = Pick<typeof Runtime, 'Parser' | 'Language' | 'Node' | 'Edit'>;

/** The two WebAssembly globals used here (the project's TypeScript libs do not declare them). */
interface WasmMemory { readonly buffer: ArrayBuffer }
const Wasm = (globalThis as unknown as {
  WebAssembly: { Memory: new (d: { initial: number; maximum: number }) => WasmMemory; RuntimeError: new () => Error };
}).WebAssembly;

interface Generation {
  id: number;
  binding: Binding;
  parser: Parser;
  memory: WasmMemory;
  /**
   * The most text this generation held trees for at once (what its memory grew for): the longest single
   * parse, or the open documents together (an editor parses a document section by section).
   */
  peakChars: number;
}

const PAGE = 64 * 1024;
/** What the runtime asks for at start (its INITIAL_MEMORY), in wasm pages. */
const INITIAL_PAGES = (32 * 1024 * 1024) / PAGE;

let ready: Promise<void> | undefined;
let current: Generation | undefined;
let generations = 0;

/**
 * The most memory one generation may use, in wasm pages: web-tree-sitter's own 2 GB, or less
 * with `TRAINLINT_PARSER_MEMORY_MB` (operators who share a machine; tests that need a real abort).
 */
function maximumPages(): number {
  const mb = Number(process.env.TRAINLINT_PARSER_MEMORY_MB);
  if (!Number.isFinite(mb) || mb <= 0) return 32768;
  return Math.max(INITIAL_PAGES, Math.min(32768, Math.floor((mb * 1024 * 1024) / PAGE)));
}

/** What a handle has read from wasm once (one object of one shape: handles stay few shapes for V8). */
class NodeReads {
  type: string | undefined = undefined;
  end = -1;
  parent: Runtime.Node | null | undefined = undefined;
  /** By field id. */
  fields: (Runtime.Node | null)[] | undefined = undefined;
}

const READS = Symbol('trainlint.reads');
type WithReads = Runtime.Node & { [READS]?: NodeReads };
const readsOf = (node: WithReads): NodeReads => node[READS] ??= new NodeReads();

/**
 * A node's type, end, parent and field children never change for the life of its handle (an edit before
 * it only moves it, and a moved node is a new handle: tree-handles.ts), yet each read asks wasm and the
 * last two build a new handle each time: rules read `type` tens of thousands of times per lint, and
 * `endIndex` with every `text` and every range test. The first read is kept on the handle. Each
 * generation has its own `Node` class, so each gets this once. (trainlint never calls `Node.edit`, the
 * one call that would move a handle in place.)
 */
function cacheNodeReads(node: Binding['Node']): void {
  const proto = node.prototype as Runtime.Node;
  const getter = (name: string) => Object.getOwnPropertyDescriptor(proto, name)?.get;
  const typeOf = getter('type');
  const endOf = getter('endIndex');
  const parentOf = getter('parent');
  const childForFieldId = proto.childForFieldId as ((this: Runtime.Node, id: number) => Runtime.Node | null) | undefined;
  if (!typeOf || !endOf || !parentOf || typeof childForFieldId !== 'function') return; // another runtime: plain reads
  const define = (name: string, d: PropertyDescriptor) => Object.defineProperty(proto, name, { configurable: true, ...d });
  define('type', { get(this: WithReads) { const r = readsOf(this); return r.type ??= typeOf.call(this) as string; } });
  define('endIndex', { get(this: WithReads) { const r = readsOf(this); return r.end >= 0 ? r.end : (r.end = endOf.call(this) as number); } });
  define('parent', {
    get(this: WithReads) {
      const r = readsOf(this);
      return r.parent !== undefined ? r.parent : (r.parent = parentOf.call(this) as Runtime.Node | null);
    },
  });
  const fieldIds = new Map<string, number>();
  define('childForFieldName', {
    writable: true,
    value(this: WithReads, name: string): Runtime.Node | null {
      let id = fieldIds.get(name);
      if (id === undefined) fieldIds.set(name, id = this.tree.language.fields.indexOf(name));
      if (id === -1) return null;
      const fields = readsOf(this).fields ??= [];
      let child = fields[id];
      if (child === undefined) fields[id] = child = childForFieldId.call(this, id);
      return child;
    },
  });
}

async function createGeneration(binding: Binding): Promise<Generation> {
  cacheNodeReads(binding.Node);
  const memory = new Wasm.Memory({ initial: INITIAL_PAGES, maximum: maximumPages() });
  // `wasmMemory` is the Emscripten module option the runtime imports its memory from; the options object becomes the
  // module, whose node transfers get a fast path (`transfer-buffer.ts`).
  const module = { locateFile: () => locateAsset(RUNTIME_WASM), wasmMemory: memory };
  await binding.Parser.init(module as object);
  fastTransfers(module as object);
  const language: Language = await binding.Language.load(readFileSync(locateAsset(PYTHON_GRAMMAR_WASM)));
  const parser = new binding.Parser();
  parser.setLanguage(language);
  return { id: ++generations, binding, parser, memory, peakChars: 0 };
}

export function initParser(): Promise<void> {
  ready ??= createGeneration(freshBinding()).then((g) => { current = g; });
  return ready;
}

/**
 * A fresh copy of the runtime module: its classes are bound to their own wasm instance. It is not
 * bundled: a bundled copy would hold the first generation's memory for the life of the process.
 */
function freshBinding(): Binding {
  // Through the launcher's code cache: compiled once per install, not at every start.
  return loadCached(locateAsset(RUNTIME_JS), true) as Binding;
}

let renewing: Promise<void> | undefined;

/**
 * Replaces the parser by a new generation (a fresh module and memory). The old generation stays
 * current while the new one loads; `onSwap` runs synchronously at the swap, so owners of trees can
 * re-parse before anything else parses (trees of the old generation must not be used afterwards).
 * Concurrent calls share one renewal.
 */
export function renewParser(onSwap?: () => void): Promise<void> {
  renewing ??= (async () => {
    try {
      await initParser();
      const next = await createGeneration(freshBinding());
      const old = current;
      current = next;
      try { old?.parser.delete(); } catch { /* an aborted module may refuse even this */ }
      onSwap?.();
    } finally {
      renewing = undefined;
    }
  })();
  return renewing;
}

/**
 * A tree edit (for `Tree.edit`) from the current generation's runtime: importing the class would bundle a
 * second copy of the runtime, evaluated at every start for nothing.
 */
export function treeEdit(fields: ConstructorParameters<Binding['Edit']>[0]): Runtime.Edit {
  if (!current) throw new Error('initParser() has not completed');
  return new current.binding.Edit(fields);
}

/** Increases each time the parser is renewed; trees from an earlier generation are dead. */
export function parserGeneration(): number {
  return current?.id ?? 0;
}

/** The owner of the trees says how many characters they hold together now (see `Generation.peakChars`). */
export function noteHeldChars(chars: number): void {
  if (current) current.peakChars = Math.max(current.peakChars, chars);
}

/** The current generation's wasm memory in bytes, and the most text it held trees for at once. */
export function parserMemory(): { bytes: number; peakChars: number } {
  return { bytes: current?.memory.buffer.byteLength ?? 0, peakChars: current?.peakChars ?? 0 };
}

/** Whether `err` is the wasm runtime's abort (out of memory): the generation can no longer be used. */
export function isParserAbort(err: unknown): boolean {
  return err instanceof Wasm.RuntimeError || (err instanceof Error && /^Aborted\(/.test(err.message));
}

let absorbing = false;

/**
 * A module that aborted still owns trees whose finalizers call into it later, from a
 * FinalizationRegistry callback where nothing can catch the abort they raise again. Those (and only
 * those) are absorbed here and reported to `log`; any other uncaught exception still ends the process
 * (its stack on stderr, exit code 1, as Node does). A parse that aborts is caught where it is called,
 * and that is where the parser is renewed.
 */
export function absorbParserAborts(log: (msg: string) => void): void {
  if (absorbing) return;
  absorbing = true;
  process.on('uncaughtException', (err) => {
    if (isParserAbort(err)) {
      log(`trainlint: a tree of a parser that ran out of memory could not be freed (${(err as Error).message.split('.')[0]}); ignored`);
      return;
    }
    process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  });
}

function requireParser(): Generation {
  if (!current) throw new Error('trainlint: initParser() must complete before parsing');
  return current;
}

/**
 * Parse `text` (only `range` of it when given), reusing `oldTree` (already `.edit()`ed) for an
 * incremental re-parse. Never throws on bad Python. Tree-sitter reads `parseView(text)` (lone CRs
 * and long comment blocks adjusted, same length); nodes read their text from `text`.
 */
/** The text the parser is reading now (`parsePython`). */
let reading = '';
const readParsed = (index: number): string => reading.slice(index);

const TEXT = Symbol('trainlint.text');
type TextTree = { textCallback: (index: number) => string; [TEXT]?: string };
function readTreeText(this: TextTree, index: number): string { return (this[TEXT] ?? '').slice(index); }

/**
 * Makes `tree` read its nodes' text from `text`. web-tree-sitter reads a node's text through its tree's
 * `textCallback`, called as the tree's method: the text is kept in a field and read by one shared function,
 * not by a new closure per keystroke (docs/benchmarks.md, session 12).
 */
export function retext(tree: Tree, text: string): void {
  const t = tree as unknown as TextTree;
  t[TEXT] = text;
  t.textCallback = readTreeText;
}

export function parsePython(text: string, oldTree?: Tree, range?: Range): Tree {
  const gen = requireParser();
  const view = parseView(text);
  gen.peakChars = Math.max(gen.peakChars, range ? range.endIndex - range.startIndex : text.length);
  // Read through one function for every parse, which reads the text being parsed (see `retext`).
  reading = view;
  let tree: Tree | null;
  try {
    tree = gen.parser.parse(readParsed, oldTree ?? null, range ? { includedRanges: [range] } : undefined);
  } finally { reading = ''; }
  if (!tree) throw new Error('trainlint: tree-sitter returned no tree');
  retext(tree, text);
  return tree;
}
