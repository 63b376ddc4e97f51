/**
 * A notebook's own saved outputs as a source of what a Hub dataset holds: `DatasetDict({train: Dataset({features:
 * ['instruction', 'output'], num_rows: 52002})})` printed right after `ds = load_dataset("someuser/private-sft")`.
 * The dataset model asks here when the Hub dataset is neither local nor in the Hugging Face cache (`hubNotCached`):
 * local data and the cache win; this wins over trainlint's table of known Hub datasets, because it is the notebook's
 * own run of this very call (its config, split and revision, even a private dataset the table can never hold), where
 * the table describes the Hub copy in general as read on one date.
 *
 * Only an output that provably shows the call's result counts (the rules session 20 used by hand for
 * `known-hub-printed-text.ts`):
 * - the call is the whole value of a top-level `x = load_dataset(…)` (one name bound, no `streaming=`, `split=` a
 *   string when given), in a cell whose saved outputs hold no error;
 * - either the same cell prints `x` (`print(x)`, `display(x)`, or `x` as the cell's last statement; `x["train"]` is
 *   fine) and mentions `x` nowhere between the load and that print, or the cell mentions `x` nowhere after the load
 *   and the next code cell holds only that print (and, when both cells have an `execution_count`, ran right after);
 * - the printing cell's saved outputs hold exactly one dataset repr, and it parses whole (a truncated or unfamiliar
 *   one is ignored): a `Dataset` for a load with `split=` or an indexed split, a `DatasetDict` for a whole load (then
 *   every split's features must be the same, and its split list is complete).
 * Columns only, of type `unknown` (a repr shows no types). The answer is for that one call.
 */
import type { Node } from 'web-tree-sitter';
import type { CallFact, FileFacts } from '../facts/types';
import { evaluateString } from '../facts/values';
import type { CellSpan, ScriptDocument } from '../syntax/script-document';
import type { SectionedTree } from '../syntax/sectioned-tree';
import type { ColumnsProvenance, ExternalColumns } from './state';

/** One split as a repr shows it. */
export interface PrintedSplit { features: string[]; numRows: number }

/** A parsed `Dataset({…})` or `DatasetDict({…})` repr. */
export type PrintedRepr = ({ kind: 'dataset' } & PrintedSplit) | { kind: 'dict'; splits: Array<[string, PrintedSplit]> };

/** A Python string literal as `repr` writes it: single quotes, or double when the text holds a single quote. */
function pyString(text: string, at: number): { value: string; end: number } | undefined {
  const q = text[at];
  if (q !== "'" && q !== '"') return undefined;
  let value = '';
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (c === q) return { value, end: i + 1 };
    if (c === '\n') return undefined;
    if (c !== '\\') { value += c; continue; }
    const n = text[++i];
    if (n === undefined) return undefined;
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
    if (n in simple) { value += simple[n]; continue; }
    const hex = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
    if (!hex || !/^[0-9a-fA-F]+$/.test(text.slice(i + 1, i + 1 + hex)) || text.slice(i + 1, i + 1 + hex).length !== hex) return undefined;
    value += String.fromCodePoint(parseInt(text.slice(i + 1, i + 1 + hex), 16));
    i += hex;
  }
  return undefined;
}

class ReprReader {
  constructor(private readonly text: string, public at: number) {}
  private space(): void { while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++; }
  /** Skips blanks, then `token`; false when it is not next. */
  eat(token: string): boolean {
    this.space();
    if (!this.text.startsWith(token, this.at)) return false;
    this.at += token.length;
    return true;
  }
  peek(token: string): boolean { this.space(); return this.text.startsWith(token, this.at); }
  match(re: RegExp): string | undefined {
    this.space();
    const m = re.exec(this.text.slice(this.at, this.at + 200));
    if (!m || m.index !== 0) return undefined;
    this.at += m[0].length;
    return m[0];
  }
  strings(): string[] | undefined {
    const out: string[] = [];
    if (!this.eat('[')) return undefined;
    if (this.eat(']')) return out;
    for (;;) {
      this.space();
      const s = pyString(this.text, this.at);
      if (!s) return undefined;
      out.push(s.value);
      this.at = s.end;
      if (this.eat(']')) return out;
      if (!this.eat(',')) return undefined;
    }
  }
  /** `Dataset({ features: [...], num_rows: N })` from `at`. */
  dataset(): PrintedSplit | undefined {
    if (!this.eat('Dataset({') || !this.eat('features:')) return undefined;
    const features = this.strings();
    if (!features || !this.eat(',') || !this.eat('num_rows:')) return undefined;
    const n = this.match(/\d+/);
    if (n === undefined || !this.eat('})')) return undefined;
    return { features, numRows: Number(n) };
  }
  /** `DatasetDict({ train: Dataset({…}) test: Dataset({…}) })` from `at`. */
  dict(): Array<[string, PrintedSplit]> | undefined {
    if (!this.eat('DatasetDict({')) return undefined;
    const splits: Array<[string, PrintedSplit]> = [];
    while (!this.peek('})')) {
      // `datasets`' split names: `^\w+(\.\w+)*$` (`splits.py`, `_split_re`).
      const name = this.match(/\w+(?:\.\w+)*/);
      if (name === undefined || !this.eat(':')) return undefined;
      const d = this.dataset();
      if (!d) return undefined;
      splits.push([name, d]);
    }
    this.eat('})');
    return splits.length ? splits : undefined;
  }
}

/**
 * Every dataset repr in an output text, in order; undefined when one that starts there does not parse whole
 * (a truncated output, an older or unfamiliar repr). `IterableDataset({…})` is not one.
 */
export function parseDatasetReprs(text: string): PrintedRepr[] | undefined {
  const out: PrintedRepr[] = [];
  let from = 0;
  for (;;) {
    const i = text.indexOf('Dataset', from);
    if (i < 0) return out;
    const startsRepr = text.startsWith('Dataset({', i) || text.startsWith('DatasetDict({', i);
    if (!startsRepr || (i > 0 && /\w/.test(text[i - 1]))) { from = i + 7; continue; }
    const r = new ReprReader(text, i);
    if (text.startsWith('DatasetDict({', i)) {
      const splits = r.dict();
      if (!splits) return undefined;
      out.push({ kind: 'dict', splits });
    } else {
      const d = r.dataset();
      if (!d) return undefined;
      out.push({ kind: 'dataset', ...d });
    }
    from = r.at;
  }
}

/** What a cell prints of `x`: the whole value, or one split of it (`x["train"]`). */
type Printed = { split?: string };

/** `x`, or `x["s"]` with a string literal key: what is shown, else undefined. */
function shownOf(expr: Node | null, name: string): Printed | undefined {
  if (!expr) return undefined;
  if (expr.type === 'identifier') return expr.text === name ? {} : undefined;
  if (expr.type !== 'subscript' || expr.childForFieldName('value')?.text !== name) return undefined;
  const key = expr.childForFieldName('subscript');
  const m = key?.type === 'string' ? /^(['"])(\w+(?:\.\w+)*)\1$/.exec(key.text) : null;
  return m ? { split: m[2] } : undefined;
}

/**
 * The statement prints `name` (or one split of it): `print(x)`, `display(x)`, or, as the cell's last statement, `x`
 * alone (IPython shows the last expression's value).
 */
function printOf(stmt: Node, name: string, last: boolean): Printed | undefined {
  if (stmt.type !== 'expression_statement' || stmt.namedChildCount !== 1) return undefined;
  // `x;`: IPython shows nothing for a last expression ended by a semicolon.
  if (stmt.nextSibling?.type === ';') return undefined;
  const e = stmt.namedChild(0);
  if (!e) return undefined;
  if (e.type === 'call') {
    const fn = e.childForFieldName('function')?.text;
    const args = e.childForFieldName('arguments');
    if ((fn !== 'print' && fn !== 'display') || args?.namedChildCount !== 1) return undefined;
    return shownOf(args.namedChild(0), name);
  }
  return last ? shownOf(e, name) : undefined;
}

function mentions(node: Node, name: string): boolean {
  return node.descendantsOfType('identifier').some((n) => n?.text === name);
}

/** Keywords of `load_dataset` that make what a repr shows something else than a Dataset or DatasetDict. */
const OTHER_RESULT = ['streaming'];

export class PrintedLoads {
  /** Answers by facts (a pipeline's view evaluates the call's arguments with its own) and call node. */
  private readonly memo = new WeakMap<FileFacts, Map<number, ExternalColumns | undefined>>();

  private constructor(private readonly doc: ScriptDocument, private readonly syntax: SectionedTree) {}

  /** For a notebook read from its file with at least one cell whose saved output prints a dataset; else undefined. */
  static of(doc: ScriptDocument, syntax: SectionedTree): PrintedLoads | undefined {
    return doc.cells?.some((c) => c.outputs) ? new PrintedLoads(doc, syntax) : undefined;
  }

  /** What the notebook's saved outputs show `load_dataset(…)` returned, or undefined when they do not prove it. */
  answer(call: CallFact, facts: FileFacts): ExternalColumns | undefined {
    let memo = this.memo.get(facts);
    if (!memo) this.memo.set(facts, (memo = new Map()));
    if (memo.has(call.node.id)) return memo.get(call.node.id);
    const a = this.compute(call, facts);
    memo.set(call.node.id, a);
    return a;
  }

  /** The top-level statements of a cell, comments left out. */
  private statementsOf(cell: CellSpan): Node[] {
    const end = cell.startLine + cell.lineCount;
    const out: Node[] = [];
    for (const root of this.syntax.roots) {
      for (const s of root.namedChildren) {
        if (s && s.type !== 'comment' && s.startPosition.row >= cell.startLine && s.startPosition.row < end) out.push(s);
      }
    }
    return out;
  }

  private compute(call: CallFact, facts: FileFacts): ExternalColumns | undefined {
    const cells = this.doc.cells;
    if (!cells || call.hasSplat || call.positional.length > 2 || OTHER_RESULT.some((k) => call.keywords.has(k))) return undefined;
    const id = evaluateString(facts, (call.positional[0] ?? call.keywords.get('path'))?.value);
    if (!id) return undefined;
    const splitArg = call.keywords.get('split');
    const split = splitArg ? evaluateString(facts, splitArg.value) : undefined;
    if (splitArg && split === undefined) return undefined;
    const configArg = call.positional[1] ?? call.keywords.get('name');
    const config = configArg ? evaluateString(facts, configArg.value) : undefined;
    if (configArg && config === undefined) return undefined;
    // `x = load_dataset(…)` at the top level of a cell.
    const assign = call.node.parent;
    const stmt = assign?.parent;
    const target = assign?.childForFieldName('left');
    if (assign?.type !== 'assignment' || assign.childForFieldName('right')?.id !== call.node.id || target?.type !== 'identifier'
      || stmt?.type !== 'expression_statement' || stmt.parent?.type !== 'module') return undefined;
    const name = target.text;
    const at = cells.findIndex((c) => stmt.startPosition.row >= c.startLine && stmt.startPosition.row < c.startLine + c.lineCount);
    if (at < 0) return undefined;
    const loadCell = cells[at];
    const inCell = this.statementsOf(loadCell);
    const after = inCell.slice(inCell.findIndex((s) => s.id === stmt.id) + 1);
    let printed: Printed | undefined;
    let printer: CellSpan | undefined;
    for (const [i, s] of after.entries()) {
      if (!mentions(s, name)) continue;
      printed = printOf(s, name, i === after.length - 1 && s.id === inCell[inCell.length - 1].id);
      printer = loadCell;
      break;
    }
    if (printer && !printed) return undefined; // the cell does something else to `x` first
    if (!printer) {
      // In an editor, the load cell must still be the saved one (`saved`): an edited load is not what the next cell printed.
      const next = cells[at + 1];
      if (!next || !loadCell.saved || (loadCell.executionCount !== undefined && next.executionCount !== undefined && next.executionCount !== loadCell.executionCount + 1)) return undefined;
      const only = this.statementsOf(next);
      if (only.length !== 1) return undefined;
      printed = printOf(only[0], name, true);
      printer = next;
    }
    // A run that stopped on an error (in the load's cell, or the printing one) may have printed something else.
    if (!printed || !printer.outputs || printer.failed || loadCell.failed) return undefined;
    const reprs: PrintedRepr[] = [];
    for (const t of printer.outputs) {
      const r = parseDatasetReprs(t);
      if (!r) return undefined;
      reprs.push(...r);
    }
    if (reprs.length !== 1) return undefined;
    const repr = reprs[0];
    const where = `cell ${printer.cellIndex + 1}'s saved output`;
    const provenance = (evidence: string): ColumnsProvenance => ({ kind: 'notebook-output', dataset: id, config: config ?? 'default', label: where, evidence: [evidence] });
    const note = `not in the local Hugging Face cache: columns as printed by ${where}`;
    const shown = `${printed.split !== undefined ? `${name}["${printed.split}"]` : name}`;
    if (repr.kind === 'dataset') {
      // `split=` gives one Dataset; so does indexing a whole load. A Dataset indexed by a string is a column.
      if (split !== undefined && printed.split !== undefined) return undefined;
      if (split === undefined && printed.split === undefined) return undefined;
      const evidence = `${shown} printed by cell ${printer.cellIndex + 1}: features ${repr.features.join(', ')}; num_rows ${repr.numRows}`;
      return { columns: repr.features, types: {}, rowCount: split !== undefined ? repr.numRows : undefined, isDict: split === undefined, note,
        provenance: provenance(evidence), hubNotCached: true };
    }
    if (split !== undefined || printed.split !== undefined) return undefined;
    const [first, ...rest] = repr.splits;
    if (rest.some(([, s]) => s.features.join('\0') !== first[1].features.join('\0'))) return undefined;
    const evidence = `${shown} printed by cell ${printer.cellIndex + 1}: DatasetDict of ${repr.splits.map(([n, s]) => `${n} (${s.numRows} rows)`).join(', ')}; features ${first[1].features.join(', ')}`;
    return { columns: first[1].features, types: {}, isDict: true, splits: repr.splits.map(([n]) => n), splitsSource: `as printed by ${where}`, note,
      provenance: provenance(evidence), hubNotCached: true };
  }
}
