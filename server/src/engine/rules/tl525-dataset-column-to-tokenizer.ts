import type { Node } from 'web-tree-sitter';
import type { DatasetState } from '../dataset/state';
import { minSeverity } from '../diagnostics';
import { insideExpectedRaise } from '../domain/expected-raise';
import { loadedTokenizerClass, tokenizerOrigin } from '../domain/tokenizers';
import { resolveExpression } from '../facts/reaching';
import { callsWhere } from '../facts/selections';
import type { CallFact } from '../facts/types';
import { evaluateString } from '../facts/values';
import { replaceNode } from './edits';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** The tokenizer's text arguments: `text`, `text_pair` (positional 0 and 1) and their `_target` forms. */
const TEXT_KEYWORDS = ['text', 'text_pair', 'text_target', 'text_pair_target'];

/** A plain call (`tokenizer(…)`, `self.tokenizer(…)`) with a subscript or a name among its arguments. */
function mayTokenizeColumn(c: CallFact): boolean {
  if (c.receiver || (c.callee.type !== 'identifier' && c.callee.type !== 'attribute')) return false;
  return c.args.some((a) => a.value.type === 'subscript' || a.value.type === 'identifier');
}

const FORMAT_METHODS = ['set_format', 'with_format', 'set_transform', 'with_transform', 'reset_format'];

const IN_PLACE_FORMAT = ['set_format', 'set_transform', 'reset_format'];

/** `ds.set_format(…)` and the like, in place: a formatted dataset returns a DataFrame column or an array, not a `Column`. */
function isFormatCall(c: CallFact): boolean {
  return !!c.method && IN_PLACE_FORMAT.includes(c.method);
}

/** The tokenizer class a load names, when it is a tokenizer (not a processor, whose first argument may be images). */
function isTokenizerValue(ctx: RuleContext, callee: Node): boolean {
  const origin = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, callee);
  return !!origin && loadedTokenizerClass(origin) !== undefined;
}

/**
 * The one `datasets.Dataset` a column is read from: not a DatasetDict, not streamed (an `IterableDataset` has no
 * `__getitem__` before 4.0), and its column named by a string.
 */
function columnRead(ctx: RuleContext, expr: Node): { ds: DatasetState; column: string } | undefined {
  if (expr.type !== 'subscript') return undefined;
  const column = evaluateString(ctx.facts, expr.childForFieldName('subscript') ?? undefined);
  if (column === undefined) return undefined;
  const value = expr.childForFieldName('value');
  const ds = ctx.datasets.at(value ?? undefined);
  if (!value || !ds || ds.isDict) return undefined;
  // Formatted (`with_format("pandas")`, `set_format` in place): the column is a Series or an array, the message would be wrong.
  if (ds.steps.some((st) => FORMAT_METHODS.some((m) => st.label.startsWith(m)))) return undefined;
  const root = value.text.split(/[[.]/)[0];
  if (callsWhere(ctx.facts, isFormatCall).some((c) => c.receiver && c.receiver.text.split(/[[.]/)[0] === root)) return undefined;
  const origin = ctx.callAt(ds.origin);
  if (!origin || origin.hasSplat) return undefined;
  const streaming = origin.keywords.get('streaming');
  if (streaming && streaming.value.type !== 'false') return undefined;
  if (origin.method === 'to_iterable_dataset' || /IterableDataset/.test(origin.calleeText)) return undefined;
  const split = origin.keywords.get('split');
  if (split && split.value.type !== 'string') return undefined;
  return { ds, column };
}

const rule: Rule = {
  code: 'TL525',
  name: 'dataset-column-to-tokenizer',
  severity: 'error',
  fix: 'safe',
  docs: `## What it does
Flags a whole column of a \`datasets.Dataset\` (\`ds["text"]\`, \`raw["train"]["sentence1"]\`, or a name holding one)
passed as the text of a tokenizer call (\`tokenizer(ds["text"], …)\`, its \`text_pair\`, \`text=\`/\`text_target=\`) on
datasets ≥ 4.0; information when datasets' version is unknown, silent before 4.0. Only a tokenizer the script loads
(\`AutoTokenizer.from_pretrained\`, a \`…Tokenizer(Fast)\` class, Unsloth's \`FastLanguageModel.from_pretrained\`) and only
a column of a dataset proven to be one \`Dataset\` (not a DatasetDict, not streamed; a split of a \`load_from_disk\` folder
that is neither read nor saved by the script is one only by assumption, information); the batch a \`map\` function receives
(\`batch["text"]\`) is a plain list and is not flagged.

## Why is this bad?
From datasets 4.0, \`Dataset.__getitem__\` with a column name returns a lazy \`Column\` (datasets
\`src/datasets/arrow_dataset.py\` at 4.0.0, 4.5.0 and 5.0.1: \`class Column(Sequence_)\`, \`return Column(self, key)\`;
3.6.0 returned a \`list\`). A tokenizer accepts a \`str\`, a \`list\` or a \`tuple\` only (transformers
\`tokenization_utils_base.py\` \`_is_valid_text_input\` at v4.45.0 and v4.57.0, \`tokenization_utils_tokenizers.py\` at
v5.0.0, v5.5.0 and v5.15.0): "ValueError: text input must be of type \`str\` (single example), \`list[str]\` (batch or
single pretokenized example) or \`list[list[str]]\` (batch of pretokenized examples)". The Hugging Face course's chapter 3
did exactly this and broke for everyone who installed the current datasets (huggingface/course#1181, #1047, #1072,
#1217).

## Example
\`\`\`python
from datasets import load_dataset
from transformers import AutoTokenizer

raw = load_dataset("glue", "mrpc")
tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
encoded = tokenizer(raw["train"]["sentence1"], raw["train"]["sentence2"], padding=True, truncation=True)
\`\`\`

## Use instead
\`\`\`python
from datasets import load_dataset
from transformers import AutoTokenizer

raw = load_dataset("glue", "mrpc")
tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
encoded = tokenizer(list(raw["train"]["sentence1"]), list(raw["train"]["sentence2"]), padding=True, truncation=True)
\`\`\`

Or tokenize in batches with \`raw.map(lambda b: tokenizer(b["sentence1"], b["sentence2"], truncation=True), batched=True)\`,
which also keeps the result on disk instead of in memory.

## Fix safety
Safe: \`list(…)\` reads the column into the list datasets < 4.0 returned; on those releases it copies a list.

## References
- huggingface/course#1181 (the course's \`tokenizer(raw_datasets["train"]["sentence1"], …)\` on datasets 4.x), the PRs
  #1047, #1072 and #1217 that wrap the columns in \`list()\`
- huggingface/datasets \`src/datasets/arrow_dataset.py\` at 3.6.0, 4.0.0, 4.5.0 and 5.0.1 (\`Column\`, \`Dataset.__getitem__\`)
- huggingface/transformers \`src/transformers/tokenization_utils_base.py\` (v4.45.0, v4.57.0) and
  \`src/transformers/tokenization_utils_tokenizers.py\` (v5.0.0, v5.5.0, v5.15.0): \`_is_valid_text_input\`
`,
  check(ctx) {
    for (const call of callsWhere(ctx.facts, mayTokenizeColumn)) {
      // The callee first: most calls with a name among their arguments are not a tokenizer's, and following each
      // argument to a dataset column costs more (11 ms a lint on a 2,000-line script when done for every call).
      if (!isTokenizerValue(ctx, call.callee)) continue;
      const args = [call.positional[0], call.positional[1], ...TEXT_KEYWORDS.map((k) => call.keywords.get(k))];
      const reads = args.flatMap((a) => {
        if (!a) return [];
        const read = columnRead(ctx, resolveExpression(ctx.facts, a.value));
        return read ? [{ arg: a, ...read }] : [];
      });
      if (!reads.length || insideExpectedRaise(call.node)) continue;
      const v = ctx.version('datasets', { from: '4.0' });
      if (!v.severity) continue;
      for (const r of reads) {
        const written = r.arg.value.text;
        const through = resolveExpression(ctx.facts, r.arg.value).id === r.arg.value.id ? '' : ` (it holds \`${resolveExpression(ctx.facts, r.arg.value).text}\`)`;
        // A split of a `load_from_disk` folder the script neither reads nor saves: a DatasetDict only by assumption.
        const assumed = r.ds.kindAssumed ? ` (assuming \`${r.ds.originLabel}\` holds a DatasetDict, as the script indexes it by split; it returns whichever kind was saved there)` : '';
        ctx.report({
          node: r.arg.value,
          severity: r.ds.kindAssumed ? minSeverity(v.severity, 'information') : v.severity,
          message: `\`${written}\`${through} is the "${r.column}" column of a Dataset${assumed}, which from datasets 4.0 is a lazy \`Column\`, not a list, and \`${call.calleeText}(…)\` accepts only a \`str\` or a \`list\`/\`tuple\` of them: "ValueError: text input must be of type \`str\` (single example), \`list[str]\` …"${v.note}. Pass \`list(${written})\`, or tokenize with \`map(…, batched=True)\`.`,
          related: [{ node: r.ds.origin, message: `the Dataset (${r.ds.originLabel})` }],
          fixes: [{ title: `Read the column into a list: list(${written})`, applicability: 'safe', edits: [replaceNode(ctx.source, r.arg.value, `list(${written})`)] }],
        });
      }
    }
  },
};
export default rule;
