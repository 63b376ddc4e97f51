import type { Node } from 'web-tree-sitter';
import type { DatasetState } from '../dataset/state';
import { CATCHES_VALUE_ERROR, caughtBy } from '../domain/version-guards';
import { assignmentsWhere, callsWhere } from '../facts/selections';
import type { AssignmentFact, CallFact } from '../facts/types';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/**
 * Selection tests (`callsWhere`, `assignmentsWhere`): `load_dataset(…, split=…)`; a plain name given a loader's
 * result or a method's (a step on a dict), read from the kept text.
 */
// Names first: a fact's arguments are built when first asked for.
const loadsSplit = (c: CallFact): boolean => (c.method === 'load_dataset' || c.calleeText === 'load_dataset') && c.keywords.has('split');
const mayHoldDict = (a: AssignmentFact): boolean => a.subscriptKey === undefined && a.unpackIndex === undefined
  && (a.valueText.includes('load_dataset(') || a.valueText.includes('train_test_split(') || /^[A-Za-z_]\w*\s*\./.test(a.valueText));

/** Where a split can be named: `ds["test"]` on a name holding a DatasetDict with known splits, a loader's result indexed
 * directly (`load_dataset(…)["test"]`), and `load_dataset(…, split="test")`. */
function candidates(ctx: RuleContext): Node[] {
  const out: Node[] = [];
  // Names that hold a DatasetDict whose splits are known.
  const dicts = new Set<string>();
  // Names holding a DatasetDict, known splits or not: a step on one may hold one too.
  const anyDict = new Set<string>();
  for (const a of assignmentsWhere(ctx.facts, mayHoldDict)) {
    // A loader's result, or a step on a name already known to hold one (assignments come in source order). The kept
    // text, not the node: this runs on every assignment of every keystroke.
    const t = a.valueText;
    const loads = t.includes('load_dataset(') || t.includes('train_test_split(');
    if (loads && /\)\s*\[/.test(t) && a.value.type === 'subscript') out.push(a.value);
    if (!loads) {
      if (anyDict.size === 0) continue;
      const root = /^([A-Za-z_]\w*)\s*\./.exec(t)?.[1];
      if (!root || !anyDict.has(root)) continue;
    }
    if (!/^[A-Za-z_]\w*$/.test(a.target) || a.value.type !== 'call') continue;
    // Or whose splits are not known but which holds columns the script added (`ds["token_count"]` after a map).
    const st = ctx.datasets.at(a.value);
    if (st?.isDict) anyDict.add(a.target);
    if (st?.splits || (st?.isDict && st.known?.present.length)) dicts.add(a.target);
  }
  for (const c of callsWhere(ctx.facts, loadsSplit)) out.push(c.node);
  // `name["…"]` in the text, for each such name: the subscript's node from the tree (a scan of every call's arguments
  // was a millisecond and more per keystroke on a 2,000-line script).
  const subscripts = dicts.size ? stringSubscripts(ctx.a.source.text) : undefined;
  for (const name of dicts) {
    for (const at of subscripts?.get(name) ?? []) {
      const id = ctx.a.syntax.descendantForIndex(at, at + name.length);
      const sub = id?.parent;
      if (id?.type === 'identifier' && sub?.type === 'subscript' && sub.childForFieldName('value')?.id === id.id) out.push(sub);
    }
  }
  return out;
}

/**
 * Where each name stands indexed by a string (`name["…"]`, `name [ '…'`) in the script's text: what a search of
 * `\bname[ \t]*\[[ \t]*["']` per name finds (a name is a whole word, and no other name starts inside such a match).
 * Made once per text: a script of 40 pipelines asked for it in each pipeline's lint, one search of the whole text per
 * name. The last text's answer is kept (an edit makes a new text, so it is made again).
 */
let lastSubscripts: { text: string; at: Map<string, number[]> } | undefined;
export function stringSubscripts(text: string): Map<string, number[]> {
  if (lastSubscripts?.text === text) return lastSubscripts.at;
  const at = new Map<string, number[]>();
  for (const m of text.matchAll(/\b([A-Za-z_]\w*)[ \t]*\[[ \t]*["']/g)) {
    const list = at.get(m[1]);
    if (list) list.push(m.index); else at.set(m[1], [m.index]);
  }
  lastSubscripts = { text, at };
  return at;
}

function splitList(splits: readonly string[]): string {
  if (splits.length === 0) return 'no splits';
  const names = splits.map((s) => `"${s}"`).join(', ');
  return splits.length === 1 ? `only the split ${names}` : `the splits ${names}`;
}

/** `streaming=True` on the loading call: datasets then raises "Bad split" rather than "Unknown split". */
function streams(ctx: RuleContext, node: Node): boolean {
  if (node.type !== 'call') return false;
  const v = ctx.datasets.callAt(node)?.keywords.get('streaming')?.value;
  return v?.type === 'true';
}

function message(ctx: RuleContext, state: DatasetState, node: Node, note = ''): string {
  const m = state.missingSplit!;
  const where = `the data has ${splitList(m.splits)}${m.source ? ` (${m.source})` : ''}`;
  const raises = node.type === 'subscript' ? `KeyError: '${m.split}'`
    : streams(ctx, node) ? `ValueError: Bad split: ${m.split}` : `ValueError: Unknown split "${m.split}"`;
  if (m.splitsUnknown) {
    return `"${m.split}" is a column the script adds to each split, but this is a DatasetDict (\`load_dataset\` without \`split=\`), indexed by split: unless the dataset has a split named "${m.split}" (its splits are not known here), this raises ${raises}. Index a split first (\`ds["train"]["${m.split}"]\`).`;
  }
  if (m.isColumn) {
    return `There is no split "${m.split}": this is a DatasetDict (${splitList(m.splits).replace(/^the /, '')}${m.source ? `, ${m.source}` : ''}), indexed by split, and "${m.split}" is a column of each split, so this raises ${raises}. Index a split first (\`ds["${m.splits[0]}"]["${m.split}"]\`).`;
  }
  const hint = m.splits.includes('train') && !m.splits.some((s) => /test|valid|eval|dev/.test(s))
    ? ' To evaluate, split off part of the training data (`ds["train"].train_test_split(test_size=0.1)`).'
    : '';
  return `There is no split "${m.split}": ${where}, so this raises ${raises}${note}.${hint}`;
}

/** Handlers that catch what a missing split raises: KeyError for `ds["test"]`, ValueError for `split="test"`. */
const CATCHES_KEY_ERROR = /\b(?:KeyError|LookupError|Exception|BaseException)\b/;

/**
 * The script copes with the split being absent: the lookup is in a `try` whose handler catches what it raises, or the
 * script asks whether the DatasetDict has that split (`"test" in ds`, `"test" not in ds.keys()`, anywhere: a
 * generic script that evaluates when there is a test split).
 */
function handled(ctx: RuleContext, node: Node, split: string): boolean {
  if (caughtBy(node, node.type === 'subscript' ? CATCHES_KEY_ERROR : CATCHES_VALUE_ERROR, true)) return true;
  if (node.type !== 'subscript') return false;
  const obj = node.childForFieldName('value');
  if (obj?.type !== 'identifier') return false;
  const key = split.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`["']${key}["']\\s+(?:not\\s+)?in\\s+${obj.text}\\b`).test(ctx.a.source.text);
}

const rule: Rule = {
  code: 'TL114',
  name: 'dataset-split-missing',
  severity: 'error',
  fix: 'none',
  requires: ['load_dataset', 'train_test_split'],
  docs: `## What it does
Flags a split the dataset does not have: \`ds["test"]\` on a DatasetDict whose splits are known, or
\`load_dataset(…, split="validation")\`. The splits are known for local data files (\`data_files="train.jsonl"\` is one
split, "train"; a dict of files names its splits, and a folder's files are matched to splits by name as \`datasets\`
does) and for \`train_test_split\` ("train" and "test"). A Hub dataset that is neither local nor cached is answered
from trainlint's table of known datasets only where the table marks the split list of that config complete (read in
its dataset card, a printed whole load, its loading script, its file list or the Hub viewer), and the message says which
and when ("per the dataset card read 2026-12-07"); a split list read only in part says nothing. In a notebook, the
saved output of that very load wins over the table: a whole \`DatasetDict({…})\` it provably printed (docs/RULES.md,
"Hub datasets that are not on disk") gives the complete split list, and the message says "as printed by cell N's saved
output". \`split="all"\` is
every split. A slice (\`split="train[:10%]"\`) is checked by its split's name.
A DatasetDict whose splits are not known (\`load_dataset\` without \`split=\` on a Hub dataset that is not on disk) indexed
by a column the script itself added to every split (\`ds = ds.map(lambda x: {"token_count": …})\` then
\`max(ds["token_count"])\`) is a warning: it raises KeyError unless the dataset happens to have a split of that name.

## Why is this bad?
\`load_dataset("json", data_files="data.jsonl")\` returns a DatasetDict with a single "train" split, and many Hub
datasets have no test split either (\`yahma/alpaca-cleaned\`). \`eval_dataset=ds["test"]\`
then raises \`KeyError: 'test'\`, usually after the model has been loaded; \`load_dataset(…, split="test")\` raises
\`ValueError: Unknown split "test". Should be one of ['train'].\`

A lookup the script guards (\`ds["test"] if "test" in ds else None\`, a \`try\` whose handler catches the KeyError or
ValueError), a dictionary the script changes (\`ds["validation"] = …\`, \`ds.pop("test")\`, \`del ds["test"]\`), what is
computed from it, and a dataset whose splits trainlint cannot read are left alone; so is a Hub load the table does not describe as
written: a config not named where there are several, a config or split computed at run time, \`revision=\` other than
"main", \`data_dir=\` or a builder keyword (\`lang1=\`), any of which may make other splits. A Hub repository given a
literal \`data_files=\` (and no config name or revision), or a path computed at run time given one, has the splits those files name, one path or a list being
"train" (\`load_dataset("allenai/super", split="all_examples", data_files="tasks/expert.jsonl")\`: "Unknown split
"all_examples". Should be one of ['train']", huggingface/datasets#7394): an error on datasets ≥ 4.0, which runs no
loading script (\`src/datasets/load.py\` at 3.2.0 and 4.0.0, \`HubDatasetModuleFactoryWithoutScript.get_module\`: \`if
self.data_files is not None: patterns = sanitize_patterns(self.data_files)\`), information before or on an unknown
release, naming the assumption that the repository has no script.

## Example
\`\`\`python
from datasets import Dataset

ds = Dataset.from_dict({"text": ["a", "b", "c"]}).train_test_split(test_size=0.5)
eval_ds = ds["validation"]
\`\`\`

## Use instead
\`\`\`python
from datasets import Dataset

ds = Dataset.from_dict({"text": ["a", "b", "c"]}).train_test_split(test_size=0.5)
eval_ds = ds["test"]
\`\`\`

## Fix safety
No automatic fix: which data to evaluate on is the author's choice.

## References
- huggingface/datasets \`src/datasets/builder.py\` (\`as_dataset\`: "Unknown split … Should be one of …") and
  \`DatasetDict\`, a \`dict\` subclass (\`src/datasets/dataset_dict.py\`), whose missing key raises KeyError
- \`data_files\` as one path or a list is the "train" split (\`src/datasets/data_files.py\`, \`sanitize_patterns\`)
- \`split="all"\` and a streamed load's "Bad split: …" (\`src/datasets/builder.py\` at 5.0.1, \`_build_single_dataset\` and
  \`as_streaming_dataset\`)
`,
  check(ctx) {
    const seen = new Set<number>();
    for (const node of candidates(ctx)) {
      if (seen.has(node.id)) continue;
      seen.add(node.id);
      const state = ctx.datasets.at(node);
      if (!state?.missingSplit || handled(ctx, node, state.missingSplit.split)) continue;
      // Splits named by `data_files=` on a Hub repository: so without a loading script, which datasets 4.0 refuses.
      const hub = state.missingSplit.hubDataFiles ? ctx.version('datasets', { from: '4.0' }) : undefined;
      const assumption = hub && hub.gate !== 'affected'
        ? ` (assuming the Hub repository has no loading script${hub.gate === 'unaffected' ? '' : hub.note}: before datasets 4.0 a script may read data_files its own way)`
        : hub?.note ?? '';
      ctx.report({
        node,
        // Splits not known: a split named like the column is unlikely, not ruled out.
        ...(hub && hub.gate !== 'affected' ? { severity: 'information' as const } : state.missingSplit.splitsUnknown ? { severity: 'warning' as const } : {}),
        message: message(ctx, state, node, assumption),
        related: [{ node: state.origin, message: `dataset created here (${state.originLabel})` }],
      });
    }
  },
};
export default rule;
