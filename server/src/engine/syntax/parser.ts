/**
 * The Python parser: web-tree-sitter with the pinned grammar in `grammars/`.
 * `initParser()` once per process, then `parsePython()`; every Tree must be `.delete()`d
 * by its owner (wasm memory is not garbage-collected) — ParsedScript does that.
 */
import { Language, Parser, type Range, type Tree } from 'web-tree-sitter';
import { readFileSync } from 'node:fs';
import { PYTHON_GRAMMAR_WASM, RUNTIME_WASM, locateAsset } from './wasm-location';
import { parseView } from './parse-view';

let ready: Promise<void> | undefined;
let parser: Parser | undefined;
let language: Language | undefined;

export function initParser(): Promise<void> {
  ready ??= (async () => {
    await Parser.init({ locateFile: () => locateAsset(RUNTIME_WASM) });
    language = await Language.load(readFileSync(locateAsset(PYTHON_GRAMMAR_WASM)));
    parser = new Parser();
    parser.setLanguage(language);
  })();
  return ready;
}

function requireParser(): Parser {
  if (!parser) throw new Error('trainlint: initParser() must complete before parsing');
  return parser;
}

/**
 * Parse `text` (only `range` of it when given), reusing `oldTree` (already `.edit()`ed) for an
 * incremental re-parse. Never throws on bad Python. Tree-sitter reads `parseView(text)` (lone CRs
 * and long comment blocks adjusted, same length); nodes read their text from `text`.
 */
export function parsePython(text: string, oldTree?: Tree, range?: Range): Tree {
  const view = parseView(text);
  const tree = requireParser().parse(view, oldTree ?? null, range ? { includedRanges: [range] } : undefined);
  if (!tree) throw new Error('trainlint: tree-sitter returned no tree');
  // Same handle detail as tree-handles.ts `retext` (checked there by canMoveNodes).
  if (view !== text) (tree as unknown as { textCallback: (index: number) => string }).textCallback = (index: number) => text.slice(index);
  return tree;
}
