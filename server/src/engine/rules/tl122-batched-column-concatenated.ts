import type { Node } from 'web-tree-sitter';
import { inDeadBranch } from '../domain/dead-code';
import { alwaysRuns, changedBefore, literalString, ownNodes, rowFunction, unwrap, type RowFunction } from '../domain/row-functions';
import { callsWhere } from '../facts/selections';
import type { CallFact } from '../facts/types';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** `<receiver>.map(…, batched=True)` (a selection test for `callsWhere`). */
const isBatchedMap = (call: CallFact): boolean =>
  call.method === 'map' && !!call.receiver && call.keywords.get('batched')?.value.text === 'True';

/**
 * Formatting a dataset (`set_format("numpy")`, `with_format("pandas")`, a transform) changes what a batch's column is:
 * a NumPy array or a pandas Series, which `+` a string elementwise. A script that formats any dataset is not followed.
 */
const FORMATS = new Set(['set_format', 'with_format', 'set_transform', 'with_transform', 'reset_format']);
const isFormatting = (call: CallFact): boolean => !!call.method && FORMATS.has(call.method);

/** A `str` for certain: a string literal, an f-string, implicitly concatenated literals. */
function isStringLiteral(n: Node): boolean {
  const u = unwrap(n);
  return u.type === 'string' || u.type === 'concatenated_string';
}

/** `row["col"]`, the batch parameter read with a literal key: the column's name, else undefined. */
function batchColumn(n: Node, fn: RowFunction): string | undefined {
  const u = unwrap(n);
  if (u.type !== 'subscript') return undefined;
  const value = u.childForFieldName('value');
  if (value?.type !== 'identifier' || value.text !== fn.param) return undefined;
  return literalString(u.childForFieldName('subscript'));
}

/**
 * The statement of the function's own block that holds `n` (the lambda's body for a lambda): what runs before it is what
 * may have changed the batch. `batch["text"] = batch["text"] + "…"` reads the column before it writes it.
 */
function statementOf(n: Node, fn: RowFunction): Node {
  let child = n;
  for (let p = n.parent; p && p.id !== fn.node.id; child = p, p = p.parent) {
    if (p.type === 'block') return child;
  }
  return n;
}

interface Concatenation { node: Node; column: string; read: Node; columnFirst: boolean }

/** `"…" + row["col"]` / `row["col"] + "…"` on a path that always runs, the row not rebound or handed on before it. */
function concatenations(fn: RowFunction): Concatenation[] {
  const out: Concatenation[] = [];
  for (const op of ownNodes(fn, ['binary_operator'])) {
    if (op.childForFieldName('operator')?.text !== '+') continue;
    const left = op.childForFieldName('left');
    const right = op.childForFieldName('right');
    if (!left || !right) continue;
    const leftColumn = batchColumn(left, fn);
    const rightColumn = batchColumn(right, fn);
    const columnFirst = leftColumn !== undefined && isStringLiteral(right);
    const column = columnFirst ? leftColumn : rightColumn !== undefined && isStringLiteral(left) ? rightColumn : undefined;
    if (column === undefined) continue;
    const read = unwrap(columnFirst ? left : right);
    if (!alwaysRuns(op, fn) || changedBefore(fn, statementOf(op, fn), column)) continue;
    out.push({ node: op, column, read, columnFirst });
  }
  return out;
}

const rule: Rule = {
  code: 'TL122',
  name: 'batched-column-concatenated',
  severity: 'error',
  fix: 'none',
  requires: ['batched'],
  docs: `## What it does
Flags a function given to \`dataset.map(fn, batched=True)\` (a \`def\` of the script, a lambda, \`functools.partial\` of
one) that joins a column of its batch to a string with \`+\`: \`"### Instruction:\\n" + batch["quote"]\` or
\`batch["text"] + tokenizer.eos_token\`… when the other side is a string literal or an f-string, on a path that always
runs, before the function rebinds its batch or hands it to another call. Quiet without \`batched=True\` (a row's value
is then the string), with \`input_columns=\` (the function gets the columns as arguments), and in a script that formats a
dataset (\`set_format\`, \`with_format\`, \`set_transform\`, \`with_transform\`: NumPy and pandas columns add a string
elementwise).

## Why is this bad?
With \`batched=True\`, \`Dataset.map\` calls the function with a batch (1,000 rows by default) whose every column is a
Python list of the rows' values. \`str + list\` and \`list + str\` raise TypeError ("can only concatenate str (not
\\"list\\") to str"), so \`.map\` fails on its first batch, after the model may already have loaded. A function written
for one row and then given \`batched=True\` for speed is the usual cause.

## Example
\`\`\`python
from datasets import load_dataset
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B")
dataset = load_dataset("json", data_files="quotes.jsonl", split="train")

def tokenize_fn(example):
    return tokenizer("### Instruction:\\n" + example["quote"] + "\\n### Response:\\n", truncation=True)

tokenized = dataset.map(tokenize_fn, batched=True)
\`\`\`

## Use instead
\`\`\`python
from datasets import load_dataset
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B")
dataset = load_dataset("json", data_files="quotes.jsonl", split="train")

def tokenize_fn(batch):
    texts = ["### Instruction:\\n" + q + "\\n### Response:\\n" for q in batch["quote"]]
    return tokenizer(texts, truncation=True)

tokenized = dataset.map(tokenize_fn, batched=True)
\`\`\`

## Fix safety
No fix: building the texts in a loop and dropping \`batched=True\` are both right; which one is the author's call.

## References
- huggingface/datasets \`src/datasets/arrow_dataset.py\` at 5.0.1: \`Dataset._map_single\` formats each batch with
  \`format_table(…, formatter=input_formatter, …)\` and calls the function with it; without a format set the formatter is
  the \`PythonFormatter\`, whose \`format_column\` (\`src/datasets/formatting/formatting.py\` at 5.0.1) is
  \`PythonArrowExtractor.extract_column\`: \`pa_table.column(0).to_pylist()\`, a list
- Python's \`str.__add__\` accepts only \`str\` ("can only concatenate str (not \\"list\\") to str"), \`list.__add__\` only
  \`list\` ("can only concatenate list (not \\"str\\") to list")
- vkrit/llm-genai-course \`notebooks/02_lora_finetuning.ipynb\` (corpus pass 39): \`tokenizer("### Instruction:\\n" +
  example["quote"] + "\\n### Response:\\n", truncation=True)\` mapped with \`batched=True\` over Abirate/english_quotes
`,
  check(ctx) {
    const maps = callsWhere(ctx.facts, isBatchedMap);
    if (maps.length === 0 || callsWhere(ctx.facts, isFormatting).length > 0) return;
    const seen = new Set<number>();
    for (const call of maps) {
      const fnArg = call.positional[0]?.value ?? call.keywords.get('function')?.value;
      // `input_columns=` passes the columns' values (positionally the fourth argument); `with_split=` adds one.
      if (!fnArg || call.hasSplat || call.keywords.has('input_columns') || call.keywords.has('with_split') || call.positional.length > 2) continue;
      if (inDeadBranch(ctx.facts, call.node)) continue;
      const fn = rowFunction(ctx.facts, ctx.a.source, fnArg);
      if (!fn) continue;
      const who = fn.name ? `\`${fn.name}\` is mapped` : 'This function is mapped';
      for (const c of concatenations(fn)) {
        if (seen.has(c.node.id)) continue;
        seen.add(c.node.id);
        const raised = c.columnFirst ? 'can only concatenate list (not "str") to list' : 'can only concatenate str (not "list") to str';
        ctx.report({
          node: c.node,
          related: [{ node: call.node, message: '`batched=True`: the function gets a batch, each column a list' }],
          message: `${who} with \`batched=True\`, so \`${c.read.text}\` is a list of the batch's "${c.column}" values, and \`+\` with a string raises TypeError: ${raised} when \`.map\` runs. Build one text per row (\`[… + x for x in ${c.read.text}]\`) or drop \`batched=True\`.`,
        });
      }
    }
  },
};

export default rule;
