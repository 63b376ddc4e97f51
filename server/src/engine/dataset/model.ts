/**
 * The dataset model: follows a dataset expression back through assignments and
 * `datasets` operations (`map`, `rename_column`, `remove_columns`, `train_test_split`,
 * `["train"]`, Unsloth's `standardize_sharegpt` …) to compute its columns at that point.
 * Sources: literals (`Dataset.from_dict/from_list`) here, files and the Hugging Face cache
 * through a DataSourceProvider. Unknown stays unknown.
 */
import { KeptKey } from '../syntax/kept-with';
import { holdsSyntaxError } from '../syntax/syntax-errors';
import type { Node } from 'web-tree-sitter';
import { isQualified } from '../facts/imports';
import { callIndex } from '../facts/selections';
import type { CallFact, FileFacts } from '../facts/types';
import { evaluate, evaluateString, evaluateStringList } from '../facts/values';
import { resolveExpression } from '../facts/reaching';
import { soleCallArgument } from '../facts/own-functions';
import { mapOutputs } from './map-outputs';
import { namesChangedInPlace } from './in-place-changes';
import { dataFrameChanged } from './data-frame-changes';
import { streamColumnNames } from './stream-columns';
import { pyToJs, rowCountAfter, rowsWithout, splitRowCount } from './row-counts';
import { typesAfter } from './cast-types';
import { missingSplitPart, parseSplitExpr } from '../data/splits';
import type { DataSourceProvider, DatasetState, PartialColumns } from './state';
import { comprehensionRowKeys, withAdded, withRemoved, withRenamed } from './columns';
import type { PrintedLoads } from './printed-loads';
import { savedByScript } from './saved-to-disk';
import { BUILDERS, dataFileSplits } from './data-file-splits';
import { branchAlternatives, sameColumns } from './branch-alternatives';

const SAME_COLUMNS = new Set(['filter', 'shuffle', 'select', 'sort', 'shard', 'take', 'skip', 'flatten_indices',
  'with_format', 'set_format', 'cast', 'cast_column', 'class_encode_column', 'to_iterable_dataset', 'repeat']);
const LOADERS = ['load_dataset', 'load_from_disk', 'from_json', 'from_csv', 'from_parquet', 'from_text', 'from_pandas',
  'from_generator', 'from_sql', 'from_spark', 'from_polars'];

/**
 * `{ ...base, ...extra }`, built with Object.assign (same keys, same order): on Node 20 a spread followed by
 * keys the source lacks takes a slow path (~2–5 µs per object, a new hidden class each time), and the model
 * builds a state per step of every pipeline on every lint.
 */
function extend<T extends object, U extends object>(base: T, extra: U): Omit<T, keyof U> & U {
  return Object.assign({}, base, extra);
}

/** `load_dataset("json", data_files=…)` shortened for labels. */
function label(name: string, args: string): string {
  const inner = args.slice(1, -1).replace(/\s+/g, ' ').trim();
  return `${name}(${inner.length > 60 ? `${inner.slice(0, 59)}…` : inner})`;
}

/** Labels of loading calls, kept with each call's facts (its text does not change while they live). */
const labels = new KeptKey<{ name: string; label: string }>();

function loaderLabel(call: CallFact, name: string): string {
  const known = labels.get(call);
  if (known?.name === name) return known.label;
  const made = label(name, call.node.childForFieldName('arguments')?.text ?? '()');
  labels.set(call, { name, label: made });
  return made;
}

/** `DatasetModel`'s cycle guard: the node's state is being computed (`at` answers undefined for it, as before). */
const PENDING = { pending: true } as unknown as DatasetState;

export class DatasetModel {
  private readonly memo = new Map<number, DatasetState | undefined>();
  private byNode?: Map<number, CallFact>;
  /** Each call's state once computed, by the call's node id (see `calledState`), and what may make one inexact. */
  private readonly byCall = new Map<number, DatasetState | undefined>();
  private inexact = 0;

  constructor(private readonly facts: FileFacts, private readonly provider?: DataSourceProvider, private readonly text = '',
    /** A notebook's saved outputs that print its loads (`printed-loads.ts`): they answer a Hub dataset neither local nor cached, before the table. */
    readonly printed?: PrintedLoads) {}

  /** Calls by node id (the facts' shared index, made when a dataset is first followed: a split script's whole-script model may never be asked). */
  private get callsByNode(): Map<number, CallFact> { return (this.byNode ??= callIndex(this.facts)); }

  /** The dataset an expression evaluates to, or undefined when it is not recognisably a dataset. */
  at(node: Node | undefined, depth = 0): DatasetState | undefined {
    if (!node) return undefined;
    if (depth > 32) { this.inexact++; return undefined; }
    const known = this.memo.get(node.id);
    if (known === PENDING) { this.inexact++; return undefined; }
    if (known !== undefined || this.memo.has(node.id)) return known;
    this.memo.set(node.id, PENDING); // cycle guard
    const state = this.compute(node, depth);
    this.memo.set(node.id, state);
    return state;
  }

  /**
   * The state of `call`, which `node` resolved to. Names that resolve to one call (`ds` as a trainer's argument, as the
   * receiver of `ds.map`, in `len(ds)`) are different nodes, so `at`'s memo missed and the call's state was computed
   * again for each: 120 of the replica's 281 calls followed were repeats (session 26). A call's second computation
   * reads only what its first left in the memo (every `at` of its arguments and receiver is answered from there), so
   * the first's state is kept and returned, unless the first met the cycle guard or the depth limit (an answer that
   * may change once the node being computed is done) or the depth now would stop it reading the memo.
   */
  private calledState(call: CallFact, depth: number): DatasetState | undefined {
    const id = call.node.id;
    if (depth < 32 && this.byCall.has(id)) return this.byCall.get(id);
    const before = this.inexact;
    const state = this.fromCall(call, depth);
    if (depth < 32 && this.inexact === before) this.byCall.set(id, state);
    return state;
  }

  callAt(node: Node): CallFact | undefined {
    return this.callsByNode.get(node.id);
  }

  private compute(node: Node, depth: number): DatasetState | undefined {
    // A name the branches of one `if` assign with different columns: which reaches here depends on the run.
    const alts = branchAlternatives(this.facts, node);
    if (alts && !sameColumns(alts.map((a) => (a.unpackIndex === undefined ? this.at(a.value, depth + 1) : undefined)))) return undefined;
    const expr = resolveExpression(this.facts, node);
    if (expr.type === 'subscript') {
      const obj = expr.childForFieldName('value');
      const base = this.at(obj ?? undefined, depth + 1);
      const key = expr.childForFieldName('subscript');
      const k = key ? evaluate(this.facts, key) : undefined;
      if (!base?.isDict || k?.kind !== 'str') return undefined;
      // `dataset["train"] = process(dataset["train"])` replaces the split: after it, the name's split is what was
      // assigned (gonsoomoon-ml/Kor-LLM-On-SageMaker's CNN notebooks map it to a "text" column that way; a script
      // function trainlint does not follow leaves it unknown), not the loaded one.
      // A later `dataset = dataset.map(…)` rebinds the name: the split is then the new object's (andysingal/llm-course
      // classification_bert.ipynb replaces `dataset["train"]`, then maps, renames and removes columns on `dataset`).
      if (obj?.type === 'identifier') {
        const before = this.facts.assignments.filter((a) => a.target === obj.text && a.node.endIndex <= expr.startIndex)
          .sort((x, y) => x.node.endIndex - y.node.endIndex);
        const replaced = before.filter((a) => a.subscriptKey === k.value).pop();
        const rebound = before.filter((a) => a.subscriptKey === undefined).pop();
        if (replaced && !(rebound && rebound.node.endIndex > replaced.node.endIndex)) return this.at(replaced.value, depth + 1);
      }
      // A split the DatasetDict does not have: `datasets` raises KeyError here. Not when the script adds or pops
      // splits on that name (`ds["validation"] = …`, `ds.pop("test")`), which is not followed.
      // Only a literal key: `ds["validation_mismatched" if mnli else "validation"]` is one of several.
      if (base.splits && key?.type === 'string' && !base.splits.includes(k.value) && !(obj?.type === 'identifier' && this.isMutated(obj.text))) {
        return { ...base, isDict: false, splits: undefined, splitsSource: undefined, columns: undefined, types: undefined, rows: undefined, rowCount: undefined, known: undefined,
          missingSplit: { split: k.value, splits: base.splits, isColumn: base.columns?.includes(k.value), ...(base.splitsSource ? { source: base.splitsSource } : {}) } };
      }
      // A column the script added, as the key of `load_dataset(…)`'s DatasetDict (no `split=`) whose splits are not known:
      // KeyError unless a split has that name (TL114 says so).
      const loader = this.callAt(base.origin);
      if (!base.splits && key?.type === 'string' && base.known?.present.includes(k.value) && (loader?.method ?? loader?.calleeText) === 'load_dataset' && !(obj?.type === 'identifier' && this.isMutated(obj.text))) {
        return { ...base, isDict: false, columns: undefined, types: undefined, rows: undefined, rowCount: undefined, known: undefined, missingSplit: { split: k.value, splits: [], isColumn: true, splitsUnknown: true } };
      }
      return { ...base, isDict: false, splits: undefined, splitsSource: undefined, rowCount: splitRowCount(base, k.value) };
    }
    // A parameter of the script's own function, filled by its one call (cd-yang/continual-pretrain-qwen2.5-coder
    // `train_model(model, tokenizer, train_dataset["train"], output_dir)`): the dataset that call passes.
    if (expr.type === 'identifier') {
      const passed = soleCallArgument(this.facts, expr);
      return passed ? this.at(passed, depth + 1) : undefined;
    }
    if (expr.type !== 'call') return undefined;
    const call = this.callAt(expr);
    if (!call) return undefined;
    return this.calledState(call, depth);
  }

  private fromCall(call: CallFact, depth: number): DatasetState | undefined {
    const name = call.method ?? call.calleeText.split('.').pop() ?? '';
    // A call that does not parse (a string or a bracket left open while typing, `load_dataset("x, split="train")`,
    // `Dataset.from_dict({"label": test["l`) is not read: which keywords or keys it has is not known, nor whether a
    // loader returns a DatasetDict.
    if (holdsSyntaxError(call.node)) return undefined;
    if (name === 'from_dict' || name === 'from_list') return this.fromLiteral(call, name);
    // The script's own `def load_dataset(cfg, logger)` called by its bare name is not the library's loader
    // (jordanpainter/dialect-gspo `src/gspo.py` returns one split of a `load_from_disk`).
    if (!call.receiver && this.facts.functions.get(call.calleeText)?.scope === null) return undefined;
    if (LOADERS.includes(name) && (call.qualified?.startsWith('datasets') || /Dataset/.test(call.calleeText) || name === 'load_dataset' || name === 'load_from_disk')) {
      return this.fromProvider(call, name);
    }
    if (['standardize_sharegpt', 'standardize_data_formats'].includes(name)) {
      const base = this.at(call.positional[0]?.value ?? call.keywords.get('dataset')?.value, depth + 1);
      if (!base) return undefined;
      const s = this.step(base, call, name);
      // ShareGPT from/value messages become role/content.
      const conv = s.types?.conversations;
      return conv ? extend(s, { types: { ...s.types, conversations: conv.replace('from: string, value: string', 'role: string, content: string') } }) : s;
    }
    if (name === 'to_sharegpt' && isQualified(call.qualified, ['unsloth'], 'to_sharegpt')) {
      const base = this.at(call.positional[0]?.value, depth + 1);
      return base && { ...this.step(base, call, name), columns: ['conversations'] };
    }
    if (!call.receiver) return undefined;
    let base = this.at(call.receiver, depth + 1);
    if (!base) return undefined;
    // A DatasetDict the script changes in place (`ds["validation"] = ds.pop("test")`) has splits this model does not follow.
    if (base.splits && call.receiver.type === 'identifier' && this.isMutated(call.receiver.text)) base = { ...base, splits: undefined, splitsSource: undefined };
    if (SAME_COLUMNS.has(name)) return this.step(base, call, name);
    if (name === 'train_test_split') return base.isDict ? undefined : { ...this.step(base, call, name), isDict: true, splits: ['train', 'test'], splitsSource: undefined };
    switch (name) {
      case 'map': return this.map(base, call);
      // Nested (struct) columns become dotted ones (`answers` → `answers.text`): which ones is not known here.
      case 'flatten': return this.unresolved(this.step(base, call, name), 'flatten (nested columns become dotted names)');
      case 'rename_column': return this.rename(base, call, this.renamesFromPair(call));
      case 'rename_columns': return this.rename(base, call, this.renamesFromDict(call));
      case 'remove_columns': {
        const cols = evaluateStringList(this.facts, (call.positional[0] ?? call.keywords.get('column_names'))?.value);
        const s = this.step(base, call, name);
        if (!cols) return this.unresolved(s, 'remove_columns with columns that are not literal');
        return extend(s, { columns: s.columns?.filter((c) => !cols.includes(c)), known: s.known && withRemoved(s.known, cols) });
      }
      case 'select_columns': {
        const cols = evaluateStringList(this.facts, (call.positional[0] ?? call.keywords.get('column_names'))?.value);
        const s = this.step(base, call, name);
        return cols ? extend(s, { columns: cols }) : this.unresolved(s, 'select_columns with columns that are not literal');
      }
      case 'add_column': {
        const col = evaluateString(this.facts, (call.positional[0] ?? call.keywords.get('name'))?.value);
        const s = this.step(base, call, name);
        return col ? extend(s, { columns: s.columns && [...s.columns, col], known: s.known && withAdded(s.known, [col]) }) : this.unresolved(s, 'add_column with a computed name');
      }
      default: return undefined;
    }
  }

  private step(base: DatasetState, call: CallFact, label: string): DatasetState {
    const name = call.method ?? label;
    return { ...base, steps: [...base.steps, { node: call.node, label }], rowCount: rowCountAfter(this.facts, base, call, name), types: typesAfter(this.facts, base, call, name) };
  }

  private unresolved(state: DatasetState, why: string, known?: PartialColumns): DatasetState {
    return extend(state, { columns: undefined, types: undefined, rows: undefined, unresolved: [...state.unresolved, why], known });
  }

  /** What a loading call names, for messages: the Hub id or path (`yahma/alpaca-cleaned`), else its label. */
  private baseName(call: CallFact, fallback: string): string {
    const first = evaluateString(this.facts, (call.positional[0] ?? call.keywords.get('path') ?? call.keywords.get('dataset_path'))?.value);
    if (first && !BUILDERS.has(first)) return first;
    const files = evaluate(this.facts, call.keywords.get('data_files')?.value ?? call.node);
    if (files.kind === 'str') return files.value;
    return fallback;
  }

  private mutatedNames?: Set<string>;

  /** A list or dict variable the script fills at run time (`rows.append(…)`, `d["k"] = …`, `rows += …`). */
  private isMutated(name: string): boolean {
    return (this.mutatedNames ??= namesChangedInPlace(this.facts, this.text)).has(name);
  }

  private fromLiteral(call: CallFact, name: string): DatasetState {
    const arg = call.positional[0]?.value ?? call.keywords.get('mapping')?.value;
    const base: DatasetState = { origin: call.node, originLabel: `Dataset.${name}(…)`, isDict: false, unresolved: [], steps: [],
      known: { present: [], absent: [], base: `the rows of Dataset.${name}(…)` } };
    if (arg?.type === 'identifier' && this.isMutated(arg.text)) return extend(base, { unresolved: ['rows built at run time'] });
    const v = arg ? evaluate(this.facts, resolveExpression(this.facts, arg)) : undefined;
    const comprehension = name === 'from_list' && arg ? comprehensionRowKeys(this.facts, resolveExpression(this.facts, arg)) : undefined;
    if (comprehension) return extend(base, { columns: comprehension, known: undefined });
    if ((v?.kind === 'list' && v.items.length === 0) || (v?.kind === 'dict' && v.entries.length === 0)) {
      return extend(base, { unresolved: ['an empty literal (rows are added at run time)'] });
    }
    if (name === 'from_dict' && v?.kind === 'dict') {
      const rows: Array<Record<string, unknown>> = [];
      const n = Math.max(0, ...v.entries.map(([, x]) => (x.kind === 'list' ? x.items.length : 0)));
      for (let i = 0; i < Math.min(n, 100); i++) {
        rows.push(Object.fromEntries(v.entries.map(([k, x]) => [k, x.kind === 'list' && x.items[i] ? pyToJs(x.items[i]) : undefined])));
      }
      return extend(base, { columns: v.entries.map(([k]) => k), rows, rowCount: n, known: undefined });
    }
    if (name === 'from_list' && v?.kind === 'list') {
      const cols: string[] = [];
      for (const item of v.items) {
        if (item.kind !== 'dict') return extend(base, { unresolved: ['from_list with non-literal rows'] });
        for (const [k] of item.entries) if (!cols.includes(k)) cols.push(k);
      }
      return extend(base, { columns: cols, rows: v.items.slice(0, 100).map((x) => pyToJs(x) as Record<string, unknown>), rowCount: v.items.length, known: undefined });
    }
    return extend(base, { unresolved: ['rows that are not a literal'] });
  }

  private fromProvider(call: CallFact, name: string): DatasetState {
    const hasSplit = call.keywords.has('split');
    const base: DatasetState = {
      origin: call.node, originLabel: loaderLabel(call, name),
      isDict: name === 'load_dataset' ? !hasSplit : name === 'load_from_disk', unresolved: [], steps: [],
    };
    if (name === 'load_from_disk') {
      const saved = savedByScript(this.facts, call, base, (n) => this.at(n));
      if (saved) return saved;
    }
    // A DataFrame the script changes before from_pandas has columns other than its file's.
    if (name === 'from_pandas' && dataFrameChanged(this.facts, this.text, call)) return extend(base, { sourceNote: 'the DataFrame is changed before Dataset.from_pandas', known: { present: [], absent: [], base: base.originLabel } });
    const looked = this.provider?.lookup(call, this.facts);
    // Local data and the cache win; for a Hub dataset neither local nor cached, the notebook's own run of this call wins over the table.
    const ext = (looked?.hubNotCached && name === 'load_dataset' && this.printed?.answer(call, this.facts)) || looked;
    const known: PartialColumns = { present: [], absent: [], base: this.baseName(call, base.originLabel) };
    const splits = name === 'load_dataset' ? dataFileSplits(this.facts, call, (n) => this.isMutated(n)) : undefined;
    // A Hub repository not read here (or a path computed at run time), given `data_files=`: the files name the splits
    // (no loading script assumed).
    const computedPath = evaluateString(this.facts, (call.positional[0] ?? call.keywords.get('path'))?.value) === undefined;
    const hubSplits = name === 'load_dataset' && !splits && (!looked || looked.hubNotCached || computedPath) ? dataFileSplits(this.facts, call, (n) => this.isMutated(n), true) : undefined;
    if ((splits || hubSplits) && hasSplit && !ext?.missingSplit) {
      // `split="test"` on data files that make only "train": datasets raises before anything is read.
      const parts = parseSplitExpr(evaluateString(this.facts, call.keywords.get('split')?.value) ?? '');
      const missing = parts && missingSplitPart(parts, (splits ?? hubSplits)!);
      if (missing) {
        return extend(base, { sourceNote: ext?.note, missingSplit: { split: missing.split, splits: (splits ?? hubSplits)!, ...(hubSplits ? { hubDataFiles: true } : {}) }, known: undefined });
      }
    }
    if (!ext && name === 'load_from_disk') return extend(base, { sourceNote: 'data not read', known, splits: undefined, kindAssumed: true });
    if (!ext) return extend(base, { sourceNote: 'data not read', known, splits: hasSplit ? undefined : splits });
    if (ext.missingSplit) return extend(base, { sourceNote: ext.note, missingSplit: ext.missingSplit, provenance: ext.provenance, known: undefined });
    const isDict = ext.isDict ?? base.isDict;
    return extend(base, { columns: ext.columns, types: ext.types, rowCount: ext.rowCount, rows: ext.rows,
      isDict, splits: isDict ? ext.splits ?? splits : undefined, splitsSource: isDict && ext.splits ? ext.splitsSource : undefined,
      sourceNote: ext.note, provenance: ext.provenance, known: ext.columns ? undefined : known });
  }

  private map(base: DatasetState, call: CallFact): DatasetState {
    const fn = call.positional[0]?.value ?? call.keywords.get('function')?.value;
    const s = this.step(base, call, `map(${fn?.type === 'identifier' ? fn.text : 'λ'})`);
    const removeArg = call.keywords.get('remove_columns')?.value;
    let remaining = s.columns;
    let known = s.known;
    if (removeArg) {
      const removed = this.removedColumns(removeArg, s);
      if (removed === 'all') { remaining = []; known = undefined; }
      else if (removed === undefined) {
        // datasets removes the listed columns before it merges the function's output in ("if function is adding
        // columns with names in remove_columns, these columns will be kept"): what the function returns is there.
        const why = 'remove_columns that cannot be evaluated';
        const out = fn ? mapOutputs(this.facts, fn) : undefined;
        const base = s.known?.base ?? s.originLabel;
        return this.unresolved(s, why, out && base !== undefined ? { present: [...out.keys], absent: [], base, unknownStep: why } : undefined);
      }
      else { remaining = s.columns?.filter((c) => !removed.includes(c)); known = known && withRemoved(known, removed); }
    }
    if (!fn) return extend(s, { columns: remaining, known });
    const out = mapOutputs(this.facts, fn);
    // An output that cannot be computed may overwrite any column but removes none (datasets merges it in).
    if (!out) {
      const why = `the output of ${fn.type === 'identifier' ? fn.text : 'the mapped function'} cannot be computed`;
      return this.unresolved(extend(s, { columns: remaining }), why, known && extend(known, { absent: [], unknownStep: why }));
    }
    if (remaining === undefined) return extend(s, { columns: undefined, known: known && withAdded(known, out.keys) });
    // datasets merges the function's output into the remaining columns.
    const cols = [...remaining];
    for (const k of out.keys) if (!cols.includes(k)) cols.push(k);
    // Rows stay the source rows, without the columns the function writes (their values are only known at run time).
    // A column the function writes has whatever type it returns: the source's type no longer holds.
    return extend(s, { columns: cols, rows: rowsWithout(s.rows, out.keys), types: s.types && Object.fromEntries(Object.entries(s.types).filter(([k]) => cols.includes(k) && !out.keys.includes(k))) });
  }

  /**
   * Columns removed by `remove_columns=`: a literal list, or `ds.column_names` (every input column); not a DatasetDict's (a
   * dict: `Dataset.map` takes its split names for columns, ValueError), nor a stream's (`streamColumnNames`).
   */
  private removedColumns(node: Node, current: DatasetState): string[] | 'all' | undefined {
    const expr = resolveExpression(this.facts, node);
    if (expr.type === 'attribute' && expr.childForFieldName('attribute')?.text === 'column_names') {
      const of = this.at(expr.childForFieldName('object') ?? undefined);
      const stream = streamColumnNames(of ?? current, (n) => this.callAt(n), this.facts);
      if (stream === 'none') return [];
      if (stream === 'maybe' || of?.isDict) return undefined;
      if (of?.columns && current.columns) return of.columns;
      return 'all';
    }
    return evaluateStringList(this.facts, expr);
  }

  private renamesFromPair(call: CallFact): Array<[string, string]> | undefined {
    const a = evaluateString(this.facts, (call.positional[0] ?? call.keywords.get('original_column_name'))?.value);
    const b = evaluateString(this.facts, (call.positional[1] ?? call.keywords.get('new_column_name'))?.value);
    return a !== undefined && b !== undefined ? [[a, b]] : undefined;
  }

  private renamesFromDict(call: CallFact): Array<[string, string]> | undefined {
    const v = evaluate(this.facts, (call.positional[0] ?? call.keywords.get('column_mapping'))?.value ?? call.node);
    if (v.kind !== 'dict') return undefined;
    const out: Array<[string, string]> = [];
    for (const [k, x] of v.entries) { if (x.kind !== 'str') return undefined; out.push([k, x.value]); }
    return out;
  }

  private rename(base: DatasetState, call: CallFact, pairs: Array<[string, string]> | undefined): DatasetState {
    const s = this.step(base, call, call.method ?? 'rename');
    if (!pairs) return this.unresolved(s, 'a rename that cannot be evaluated');
    const map = new Map(pairs);
    const renameKeys = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [map.get(k) ?? k, v]));
    return extend(s, {
      columns: s.columns?.map((c) => map.get(c) ?? c), known: s.known && withRenamed(s.known, pairs),
      rows: s.rows?.map(renameKeys),
      types: s.types && (renameKeys(s.types) as Record<string, string>),
    });
  }
}
