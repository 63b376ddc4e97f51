import type { Node } from 'web-tree-sitter';
import type { Fix } from '../diagnostics';
import { closestName } from '../domain/names';
import { inDeadBranch } from '../domain/dead-code';
import { isSftLike, trainerArg, type TrainerFact } from '../domain/trainers';
import { lookupArg, preparationSkipped } from '../domain/training-args';
import { enclosingFunction } from '../facts/build';
import { callsWhere } from '../facts/selections';
import { conditionalAlternatives, reachingAssignment, resolveExpression } from '../facts/reaching';
import type { CallFact } from '../facts/types';
import { evaluateString } from '../facts/values';
import { columnsPhrase, datasetTrail, type DatasetState } from '../dataset/state';
import { replaceNode } from './edits';
import type { RuleContext } from './context';
import type { Rule } from './rule';
import { inPlaceChanges } from '../dataset/in-place-changes';
import { alwaysReadColumns, changedBefore, literalString, ownNodes, rowFunction, testsMembership, unwrap, type RowFunction } from '../domain/row-functions';

/** `datasets` steps that keep a dataset a dataset, followed back to its source to see every branch it passed through. */
const DATASET_STEPS = new Set(['map', 'filter', 'shuffle', 'select', 'sort', 'shard', 'take', 'skip', 'flatten_indices',
  'with_format', 'set_format', 'cast', 'cast_column', 'class_encode_column', 'to_iterable_dataset', 'repeat',
  'train_test_split', 'rename_column', 'rename_columns', 'remove_columns', 'select_columns', 'add_column']);

/**
 * The datasets `node` may hold where it is used: one per branch that may have assigned it (`if …: ds = A` / `else: ds = B`),
 * each with its columns known. Undefined when any is unknown, when a branch further up the pipeline was taken, when the
 * variable is read in a function other than the one that assigned it, or when a split other than the one read is taken
 * from local files given per split.
 */
function datasetsAt(ctx: RuleContext, node: Node, use: Node): DatasetState[] | undefined {
  const n = unwrap(node);
  const scope = enclosingFunction(use);
  let values: Node[] = [n];
  if (n.type === 'identifier') {
    const reaching = reachingAssignment(ctx.facts, n.text, n);
    if (!reaching || (reaching.scope?.id ?? null) !== (scope?.id ?? null)) return undefined;
    const alternatives = conditionalAlternatives(ctx.facts, n);
    if (alternatives) {
      if (alternatives.some((a) => a.unpackIndex !== undefined)) return undefined;
      values = alternatives.map((a) => a.value);
    }
  }
  const states: DatasetState[] = [];
  for (const v of values) {
    // Known columns first: most datasets' are not, and then the pipeline need not be walked.
    const s = ctx.datasets.at(v);
    if (!s?.columns || !fromDatasets(ctx, s)) return undefined;
    states.push(s);
  }
  if (!values.every((v) => pipelineSettled(ctx, v, 0))) return undefined;
  return states;
}

/**
 * The dataset was made by `datasets` (or a loader the dataset model reads): pandas' `DataFrame.from_dict(…)` also
 * has a `.map` and a `.filter`, with another meaning.
 */
function fromDatasets(ctx: RuleContext, s: DatasetState): boolean {
  const call = ctx.callAt(s.origin);
  if (!call) return false;
  if (call.method !== 'from_dict' && call.method !== 'from_list') return true;
  if (call.qualified) return call.qualified.startsWith('datasets.');
  return /^(datasets\.)?(Iterable)?Dataset\.from_(dict|list)$/.test(call.calleeText);
}

/**
 * Columns a tokenizer or processor may add beside the `input_ids` and `attention_mask` the dataset model counts for a
 * map that returns its output (`token_type_ids` for BERT-like tokenizers, `offset_mapping` and the like on request,
 * image features of a processor): after such a map, their absence is not proven.
 */
const TOKENIZER_EXTRAS = new Set(['token_type_ids', 'offset_mapping', 'overflow_to_sample_mapping', 'special_tokens_mask',
  'length', 'labels', 'position_ids', 'pixel_values', 'image_sizes', 'image_grid_thw', 'pixel_attention_mask',
  'cross_attention_mask', 'aspect_ratio_ids', 'aspect_ratio_mask', 'input_features', 'token_type', 'images']);

function mayBeTokenizerOutput(s: DatasetState, column: string): boolean {
  return TOKENIZER_EXTRAS.has(column) && s.steps.some((st) => st.label.startsWith('map('));
}

/** Back through the steps and names that made a dataset: no branch chose between assignments, no unread split. */
function pipelineSettled(ctx: RuleContext, node: Node, depth: number, split?: string): boolean {
  if (depth > 24) return false;
  const n = unwrap(node);
  if (n.type === 'identifier') {
    if (depth > 0 && conditionalAlternatives(ctx.facts, n)) return false;
    // The dataset model follows `dd["train"] = …` for a later `dd["train"]`; a whole-dict step (or another split) sees
    // splits replaced in place that it does not follow.
    if (inPlaceChanges(ctx.facts, ctx.a.source.text).some((c) => c.name === n.text && c.start < n.startIndex && (split === undefined || c.key !== split))) return false;
    const a = reachingAssignment(ctx.facts, n.text, n);
    if (!a || a.unpackIndex !== undefined) return false;
    return pipelineSettled(ctx, a.value, depth + 1, split);
  }
  if (n.type === 'subscript') {
    const key = evaluateString(ctx.facts, n.childForFieldName('subscript') ?? n);
    const of = n.childForFieldName('value');
    if (!of) return false;
    // The dataset model reads one split of a DatasetDict ("train", else the first) and gives its columns to every split:
    // splits of local files given one per split may differ. A Hub dataset's splits share its features.
    const dict = ctx.datasets.at(of);
    if (key !== 'train' && dict && !dict.provenance && hasDataFilesDict(ctx, dict.origin)) return false;
    // `dd["train"] = dd["train"].map(…)` before: the model reads the split from that assignment.
    if (of.type === 'identifier' && key !== undefined) {
      const replaced = ctx.facts.assignments
        .filter((a) => a.target === of.text && a.subscriptKey === key && a.node.endIndex <= n.startIndex)
        .sort((x, y) => x.node.endIndex - y.node.endIndex).pop();
      if (replaced) return pipelineSettled(ctx, replaced.value, depth + 1);
    }
    return pipelineSettled(ctx, of, depth + 1, key);
  }
  if (n.type === 'call') {
    const call = ctx.callAt(n);
    if (!call) return false;
    if (call.receiver && call.method && DATASET_STEPS.has(call.method)) return pipelineSettled(ctx, call.receiver, depth + 1, split);
    const first = call.positional[0]?.value ?? call.keywords.get('dataset')?.value;
    if (/standardize_(sharegpt|data_formats)$|to_sharegpt$/.test(call.calleeText)) return !!first && pipelineSettled(ctx, first, depth + 1);
    return true; // the loader or literal the dataset model reads
  }
  return true;
}

function hasDataFilesDict(ctx: RuleContext, origin: Node): boolean {
  const call = ctx.callAt(origin);
  const files = call?.keywords.get('data_files')?.value;
  return !!files && resolveExpression(ctx.facts, files).type === 'dictionary';
}

/** Where the function is applied, and to what: for messages. */
interface Application {
  /** The map/filter call or the trainer's `formatting_func=` argument. */
  site: Node;
  what: string;
  /** What fails: "`.map` raises KeyError: 'x'". */
  fails: (column: string) => string;
  states: DatasetState[];
}

function report(ctx: RuleContext, fn: RowFunction, app: Application): void {
  // The function's text first: no literal key that some dataset lacks, nothing to walk (every keystroke asks).
  const text = (fn.name && ctx.facts.functions.get(fn.name)?.text) || fn.node.text;
  const absent = (k: string) => app.states.every((s) => !s.columns!.includes(k));
  if (![...text.matchAll(/\[\s*(["'])([^"'\\\n]+)\1\s*\]/g)].some((m) => absent(m[2]))) return;
  const reads = alwaysReadColumns(fn);
  const missing = reads.filter((r) => app.states.every((s) => !s.columns!.includes(r.column) && !mayBeTokenizerOutput(s, r.column)));
  if (missing.length === 0) return;
  const first = missing[0];
  const ds = app.states[0];
  // Several branches: each of them lacks the column; their columns are listed for the first.
  const columns = ds.columns!;
  const closest = app.states.length === 1 ? closestName(first.column, columns) : undefined;
  // Only a near spelling of one column (a typo, a case or separator slip): "context" is not a misspelt "text".
  const near = closest?.confident === true;
  const hint = near ? ` Did you mean "${closest!.name}"?` : '';
  const others = missing.slice(1).map((r) => `"${r.column}"`);
  const also = others.length ? ` (it reads ${others.join(', ')} too, also missing)` : '';
  const branches = app.states.length > 1 ? `, on every branch that may have built it,` : '';
  const fixes: Fix[] = [];
  if (closest && near && fixIsLocal(ctx, fn)) {
    const keys = ownNodes(fn, ['subscript'])
      .filter((s) => s.childForFieldName('value')?.text === fn.param && literalString(s.childForFieldName('subscript')) === first.column)
      .map((s) => s.childForFieldName('subscript')!);
    fixes.push({
      title: `Read the "${closest.name}" column`, applicability: 'unsafe',
      edits: keys.map((k) => replaceNode(ctx.source, k.namedChildren.find((c) => c?.type === 'string_content')!, closest.name)),
    });
  }
  ctx.report({
    node: first.key,
    message: `${app.what} reads \`${fn.param}["${first.column}"]\`${also}, but the dataset${branches} has no "${first.column}" column (${columnsPhrase(ds)}): ${app.fails(first.column)}.${hint}`,
    related: [{ node: app.site, message: 'the function is applied to the dataset here' }, ...datasetTrail(ds)],
    fixes,
  });
}

/** Renaming the key inside the function is right only for this one use: a `def` passed once, or a lambda. */
function fixIsLocal(ctx: RuleContext, fn: RowFunction): boolean {
  if (!fn.name) return fn.node.type === 'lambda';
  const uses = ctx.a.syntax.descendantsOfType('identifier').filter((i) => i?.text === fn.name && i.id !== fn.node.childForFieldName('name')?.id);
  return uses.length === 1;
}

/** `ds.set_transform(f)` changes, in place, what every later `map` receives: a script that calls it is not followed. */
const isSetTransform = (c: CallFact): boolean => c.method === 'set_transform';

function setsTransform(ctx: RuleContext): boolean {
  return callsWhere(ctx.facts, isSetTransform).length > 0;
}

/** `<receiver>.map(…)` / `.filter(…)` (a selection test for `callsWhere`). */
const isRowStep = (call: CallFact): boolean => (call.method === 'map' || call.method === 'filter') && !!call.receiver;

function checkDatasetStep(ctx: RuleContext, call: CallFact): void {
  if (!call.receiver) return;
  const fnArg = call.positional[0]?.value ?? call.keywords.get('function')?.value;
  // `input_columns=` passes the columns' values, not the row (positionally, the fourth argument).
  // (`IterableDataset.map(function, with_indices, input_columns, …)`: the third positional argument); `with_split=` adds one.
  if (!fnArg || call.hasSplat || call.keywords.has('input_columns') || call.keywords.has('with_split') || call.positional.length > 2) return;
  // The dataset's columns first: most are not known, and then nothing else need be asked.
  const states = datasetsAt(ctx, call.receiver, call.node);
  if (!states) return;
  if (inDeadBranch(ctx.facts, call.node)) return;
  const fn = rowFunction(ctx.facts, ctx.a.source, fnArg);
  if (!fn) return;
  const what = fn.name ? `\`${fn.name}\`, passed to \`.${call.method}\`,` : `The function passed to \`.${call.method}\``;
  const fails = (c: string) => `\`.${call.method}\` raises KeyError: '${c}'`;
  report(ctx, fn, { site: call.node, what, fails, states });
}

/**
 * SFTTrainer calls `formatting_func` on every row of the training dataset unless it is already tokenized (`input_ids`,
 * TRL `is_processed`) or preparation is skipped; Unsloth's own preparation only when the rows have neither the text
 * field, `labels`, `input_ids` nor prompt/completion.
 */
function checkFormattingFunc(ctx: RuleContext, t: TrainerFact): void {
  if (!isSftLike(t)) return;
  const ff = t.call.keywords.get('formatting_func');
  const dsArg = trainerArg(t, 'train_dataset');
  if (!ff || !dsArg || inDeadBranch(ctx.facts, t.call.node)) return;
  if (preparationSkipped(ctx.facts, t) !== false) return;
  // Before TRL 0.12 an explicit `dataset_text_field` wins over the function.
  if (lookupArg(ctx.facts, t, 'dataset_text_field').arg) return;
  const fn = rowFunction(ctx.facts, ctx.a.source, ff.value);
  if (!fn) return;
  const states = datasetsAt(ctx, dsArg.value, t.call.node);
  if (!states || states.some((s) => s.columns!.includes('input_ids'))) return;
  if (ctx.unsloth.patches) {
    if (lookupArg(ctx.facts, t, 'dataset_text_field').unknown) return;
    const used = (c: string[]) => c.includes('text') || c.includes('labels') || (c.includes('prompt') && c.includes('completion'));
    if (states.some((s) => used(s.columns!))) return;
  }
  const what = fn.name ? `\`${fn.name}\`, the trainer's \`formatting_func\`,` : `The trainer's \`formatting_func\``;
  const fails = (c: string) => `preparing the dataset raises KeyError: '${c}' before training starts`;
  report(ctx, fn, { site: ff.value, what, fails, states });
}

const rule: Rule = {
  code: 'TL112',
  name: 'map-reads-missing-column',
  severity: 'error',
  fix: 'unsafe',
  overriddenBy: ['preparation'],
  requires: ['map', 'filter', 'formatting_func'],
  docs: `## What it does
Flags a function given to \`dataset.map(fn)\` or \`dataset.filter(fn)\` (batched or not, on a \`Dataset\`, a split of a
\`DatasetDict\` or the whole \`DatasetDict\`), or to \`SFTTrainer(formatting_func=…)\`, that reads \`example["col"]\` on
every row while the dataset it is applied to has no \`col\` column. The columns are those trainlint knows at that point
of the script: a \`Dataset.from_dict\` / \`from_list\` literal, a local data file, the Hugging Face cache or trainlint's
dated table of known Hub datasets, then the \`map\` outputs, \`rename_column(s)\`, \`remove_columns\`,
\`select_columns\` and \`add_column\` steps before it.

The function is a \`def\` of the script (defined once), a lambda, or \`functools.partial\` of one; the read is on its
first parameter (with \`with_indices\` / \`with_rank\` the row still comes first; a batch of \`batched=True\` is a dict of
lists with the same keys) with a literal key, on a path that always runs. Not flagged: a read under \`if "col" in
example\`, in a branch, a loop body, a \`try\`, or after a \`return\`; \`example.get("col")\`; a key the function writes
first (\`example["col"] = …\`) or a row handed to another function first; \`input_columns=\` (the function receives the
columns' values); a computed key; columns not completely known (a data file not read, a step trainlint cannot
evaluate); a dataset variable whose branches may hold different columns (unless every branch lacks the column); a
function passed through something else (a method, an imported function, a name assigned twice). \`remove_columns=\` of
the same \`map\` does not count: the function still receives those columns.

For \`formatting_func\`: not flagged when the dataset is already tokenized (\`input_ids\`: TRL then ignores the function),
when preparation is skipped (\`dataset_kwargs={"skip_prepare_dataset": True}\`), when \`dataset_text_field\` is also
given, and under Unsloth when the rows have the text field, \`labels\`, or \`prompt\` and \`completion\` (Unsloth's own
preparation then never calls the function).

## Why is this bad?
\`Dataset.map\` calls the function with a dict of the row's columns (a \`LazyRow\`, or a \`LazyBatch\` when batched):
reading a key the dataset does not have raises \`KeyError\` inside \`map\`, often minutes into a run, after the model
has loaded (\`formatting_func\` runs when the trainer prepares the dataset). A column of a local file read from its
first rows, or a Hub dataset's columns from trainlint's table, are named in the message with where they came from.

## Example
\`\`\`python
from datasets import Dataset

dataset = Dataset.from_dict({"question": ["2+2?"], "answer": ["4"]})

def to_text(example):
    return {"text": f"### Instruction: {example['instruction']}\\n### Response: {example['answer']}"}

dataset = dataset.map(to_text)
\`\`\`

## Use instead
\`\`\`python
from datasets import Dataset

dataset = Dataset.from_dict({"question": ["2+2?"], "answer": ["4"]})

def to_text(example):
    return {"text": f"### Instruction: {example['question']}\\n### Response: {example['answer']}"}

dataset = dataset.map(to_text)
\`\`\`

## Fix safety
When the missing key is a near spelling of exactly one column (a typo, a case or \`_\`/\`-\` difference), the fix reads
that column instead, in every read of that key in the function. It is unsafe: the column may hold something else than
the function expects, and it is only offered for a lambda or a \`def\` applied once (renaming the key would break
another dataset the function is applied to).

## References
- huggingface/datasets \`src/datasets/arrow_dataset.py\` at 4.8.5: \`Dataset._map_single\`'s \`prepare_inputs\` formats the
  rows with \`lazy=True\` (\`format_table(…)\`, \`fn_args = [inputs] if input_columns is None else [inputs[col] for col
  in input_columns]\`) and \`apply_function\` calls \`function(*fn_args, *additional_args, **fn_kwargs)\`;
  \`src/datasets/formatting/formatting.py\` at 4.8.5: \`LazyDict.__init__\` keeps \`self.data =
  dict.fromkeys(pa_table.column_names)\` and \`__getitem__\` reads \`self.data[key]\` (a missing key is a \`KeyError\`);
  \`Dataset.filter\` takes the same \`function\`, \`with_indices\`, \`input_columns\`, \`batched\` arguments
- huggingface/datasets \`src/datasets/dataset_dict.py\` at 4.8.5: \`DatasetDict.map\` maps every split
- huggingface/trl \`trl/trainer/sft_trainer.py\`: v0.12.0 calls \`formatting_func(element)\` on each batch
  (\`_prepare_non_packed_dataloader\`); v0.16.0 to v1.9.0 map \`_func(example): return {"text":
  formatting_func(example)}\` over the dataset unless \`is_processed = "input_ids" in column_names\`
- unslothai/unsloth-zoo \`unsloth_zoo/dataset_utils.py\` \`sft_prepare_dataset\` (at ce232d6c): \`formatting_func\` is used
  only when the rows have no \`labels\`, \`input_ids\`, prompt/completion or \`dataset_text_field\` column
`,
  check(ctx) {
    if (setsTransform(ctx)) return;
    for (const call of callsWhere(ctx.facts, isRowStep)) checkDatasetStep(ctx, call);
    for (const t of ctx.trainers) checkFormattingFunc(ctx, t);
  },
};

export default rule;
