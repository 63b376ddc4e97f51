import type { Node } from 'web-tree-sitter';
import type { DiagnosticTag, Severity } from '../diagnostics';
import { hasColumnNamed } from '../dataset/columns';
import { lookupArg } from '../domain/training-args';
import { isSftLike, trainerArg, type TrainerFact } from '../domain/trainers';
import type { ArgFact } from '../facts/types';
import { evaluateBool } from '../facts/values';
import { resolveExpression } from '../facts/reaching';
import type { RuleContext } from './context';
import type { Rule } from './rule';

const LIST_TYPES = new Set(['list', 'list_comprehension']);

const rule: Rule = {
  code: 'TL507',
  name: 'formatting-func-contract',
  severity: 'error',
  fix: 'none',
  overriddenBy: ['preparation'],
  docs: `## What it does
Flags an \`SFTTrainer(formatting_func=…)\` whose function returns a list (the old batched style:
\`return [f"…" for q, a in zip(examples["q"], examples["a"])]\`, or a list built with \`append\`) on TRL ≥ 0.21.
On TRL 0.17–0.20 it is a warning (deprecated, and wrong when the body runs on one example), on TRL 0.15–0.16
information (the function is called once on a single example). A training dataset already tokenized (an
\`input_ids\` column) is not flagged from TRL 0.17 on: since 0.15.2 SFTTrainer skips its preparation and ignores
\`formatting_func\` with a warning (\`is_processed\` in trl v0.16.0 \`trl/trainer/sft_trainer.py\`). When Unsloth is imported first the rule is silent: Unsloth's
own dataset preparation requires a list.

On TRL < 0.15 without packing the opposite mistake is reported: a function whose every return is a list of one text
(\`return [f"Quote: {example['quote'][0]}…"]\`, Google's Gemma quotes example, copied in donwany/llm-ai-book
\`10/10.23_finetune_gemma.py\` with \`trl==0.7.10\`). Those releases map it over batches of \`dataset_batch_size\` rows
(1,000 by default) and tokenize the list it returns with every original column removed, so each batch becomes one
training example and nothing fails. Not reported with \`packing=True\`, a \`dataset_batch_size=\`, \`dataset_text_field=\`
(TRL 0.7 then ignores \`formatting_func\`) or \`remove_unused_columns=False\` (the shorter batch then fails), and from
TRL 0.8.2 on only for a dataset known to have no \`input_ids\` (a tokenized one skips this preparation).

On TRL < 0.15 without packing a function written for the per-example contract is reported too: every return a
string (an f-string, \`"…".format(…)\`, strings joined with \`+\`), as in atharvakanchan25/Domain-Specific-LLM-Fine-Tuning
\`training/finetuning/train.py\` with \`trl==0.9.4\`. Those releases check the first batch's result,
\`if not isinstance(formatting_func(element), list): raise ValueError("The \`formatting_func\` should return a list of
processed strings since it can lead to silent bugs.")\`, so building the trainer fails. Not reported with
\`packing=True\` (the packed path calls it once per example and wants the string), \`dataset_text_field=\` or
\`dataset_kwargs=\`, nor on a TRL whose version is unknown (the string is then the current contract). From TRL 0.8.2 a
dataset that already has \`input_ids\` is used as is: an error for a dataset known to have none, a warning that names
the exception when its columns are unknown, silent for a tokenized one.

## Why is this bad?
Since TRL 0.21 \`formatting_func\` is called once per example and must return one string. An old batched
function then receives a single example: \`zip(examples["q"], examples["a"])\` walks the characters of two
strings, producing garbage training text or a crash after the model has loaded. The per-example calls began
earlier than the removal:
- TRL ≤ 0.14 calls it on batches and requires the list.
- TRL 0.15–0.16 calls it once on the first example, \`isinstance(formatting_func(next(iter(dataset))), list)\`, to
  choose \`batched=\` (so a body that fails on one example raises there: the traceback users see on 0.16).
- TRL 0.17–0.20 maps it with \`batched=False\` and retries with \`batched=True\` (DeprecationWarning) only if that
  raises; a body that runs on one example returns a list that becomes the text.
- TRL ≥ 0.21 maps it with \`batched=False\` only.

## Example
\`\`\`python
# pip install trl==0.21.0
from trl import SFTTrainer, SFTConfig

def fmt(examples):
    return [f"### Q: {q}\\n### A: {a}" for q, a in zip(examples["q"], examples["a"])]

trainer = SFTTrainer(model=model, train_dataset=ds, formatting_func=fmt, args=SFTConfig(output_dir="o"))
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.21.0
from trl import SFTTrainer, SFTConfig

def fmt(example):
    return f"### Q: {example['q']}\\n### A: {example['a']}"

trainer = SFTTrainer(model=model, train_dataset=ds, formatting_func=fmt, args=SFTConfig(output_dir="o"))
\`\`\`

## Fix safety
No fix: turning a batched function into a per-example one means rewriting its body.

## References
- huggingface/trl PR #445 (the original batched example), #1820
- huggingface/trl \`trl/trainer/sft_trainer.py\`: v0.7.10 and v0.14.0 \`_prepare_non_packed_dataloader\`
  (\`dataset.map(tokenize, batched=True, remove_columns=dataset.column_names, batch_size=self.dataset_batch_size)\`,
  default 1000), v0.8.2 (\`if column_names and "input_ids" in column_names: … return dataset\`)
- huggingface/trl \`trl/trainer/sft_trainer.py\`: v0.7.0 to v0.14.0 (list required: \`_dataset_sanity_checked\` and the
  ValueError in \`_prepare_non_packed_dataloader\`; \`use_formatting_func = formatting_func is not None and
  dataset_text_field is None\` and \`skip_prepare_dataset\` in v0.9.4), v0.15.0 (PR #2405, commit 5b9236d1:
  the single-example probe), v0.17.0 (PR #3147, commit 559724ee: per-example map, batched retry with a
  DeprecationWarning "will be removed in version 0.21"), v0.21.0 (\`batched=False\` only)
`,
  check(ctx) {
    if (ctx.unsloth.patches) return;
    for (const t of ctx.trainers) {
      if (!isSftLike(t)) continue;
      const ff = t.call.keywords.get('formatting_func');
      if (!ff) continue;
      const returns = returnExpressions(ctx, ff.value);
      if (!returns || returns.length === 0) continue;
      if (reportStringOnBatches(ctx, t, ff, returns)) continue;
      const lists = returns.map((r) => listValue(ctx, r));
      if (lists.some((l) => !l)) continue;
      if (reportOneTextPerBatch(ctx, t, ff, lists as Node[])) continue;
      // A dataset already tokenized (`input_ids`) skips preparation from TRL 0.15.2 on: formatting_func is ignored
      // with a warning (trl v0.16.0 trl/trainer/sft_trainer.py `is_processed`), so only the 0.15 note remains.
      const tokenized = hasColumnNamed(ctx.datasets.at(trainerArg(t, 'train_dataset')?.value), 'input_ids').has === true;
      const removed = ctx.version('trl', { from: '0.21' });
      let severity: Severity | undefined = tokenized ? undefined : removed.severity;
      let tags: DiagnosticTag[] = [];
      let message = `The formatting function returns a list (batched style), but TRL 0.21 calls it once per example and expects one string${removed.note}: a batched function iterates the characters of each field and produces garbage text or a crash. Return a single string for one example.`;
      if (!severity && !tokenized && ctx.env.gate('trl', { from: '0.17', before: '0.21' }) === 'affected') {
        // 0.17–0.20: `dataset.map(_func, batched=False)` first; the batched retry (DeprecationWarning) only when that raises.
        severity = 'warning'; tags = ['deprecated'];
        message = `The formatting function returns a list (batched style): ${ctx.versionText('trl')} maps it once per example first and retries in batches (DeprecationWarning) only when that raises, so a body that runs on one example (zip over two strings) yields a list of garbage as the text; TRL 0.21 removes the retry. Return a single string for one example.`;
      } else if (!severity && ctx.env.gate('trl', { from: '0.15', before: '0.17' }) === 'affected') {
        // 0.15–0.16: `isinstance(formatting_func(next(iter(dataset))), list)` decides batched: one call on one example.
        severity = 'information';
        message = `The formatting function returns a list (batched style): ${ctx.versionText('trl')} first calls it on a single example to detect batching, so its body must not fail on one example (a KeyError or TypeError there is raised before training). Return a single string for one example, as TRL ≥ 0.21 requires.`;
      }
      if (!severity) continue;
      ctx.report({ node: ff.node, severity, tags, message, related: [{ node: lists[0]!, message: 'returns a list here' }] });
    }
  },
};

/**
 * TRL < 0.15 without packing maps `formatting_func` over batches (`dataset.map(tokenize, batched=True,
 * batch_size=dataset_batch_size)`, 1,000 rows by default) and tokenizes the list it returns, with every original
 * column removed: a function that always returns one text (`return [f"Quote: {example['quote'][0]}…"]`, Google's
 * Gemma quotes example) keeps one row of each batch, and nothing fails. Reported when every return is a one-element
 * list literal.
 */
function reportOneTextPerBatch(ctx: RuleContext, t: TrainerFact, ff: ArgFact, lists: Node[]): boolean {
  if (!lists.every((l) => l.type === 'list' && l.namedChildren.filter((c) => c && c.type !== 'comment').length === 1
    && l.namedChildren[0]?.type !== 'list_splat')) return false;
  const packing = lookupArg(ctx.facts, t, 'packing');
  if (packing.unknown || (packing.arg && evaluateBool(ctx.facts, packing.arg.value) !== false)) return false;
  const batch = lookupArg(ctx.facts, t, 'dataset_batch_size');
  if (batch.unknown || batch.arg) return false;
  // A column the map keeps (remove_unused_columns=False) makes the shorter batch fail instead of shrink.
  const keep = lookupArg(ctx.facts, t, 'remove_unused_columns');
  if (keep.unknown || (keep.arg && evaluateBool(ctx.facts, keep.arg.value) !== true)) return false;
  // A text field given alongside: TRL 0.7 then ignores formatting_func (`use_formatting_func = formatting_func is not
  // None and dataset_text_field is None`, trl v0.7.10 `trl/trainer/sft_trainer.py`).
  const field = lookupArg(ctx.facts, t, 'dataset_text_field');
  if (field.unknown || field.arg) return false;
  // From TRL 0.8.2 a dataset that already has `input_ids` skips this preparation (`if column_names and "input_ids" in
  // column_names: … return dataset`, trl v0.8.2): only a dataset known to have none is prepared there.
  const tokenized = hasColumnNamed(ctx.datasets.at(trainerArg(t, 'train_dataset')?.value), 'input_ids').has;
  const before = tokenized === false ? '0.15' : '0.8.2';
  // Only on a TRL known to batch: with the version unknown, the per-example contract of TRL ≥ 0.21 below is reported.
  if (ctx.env.gate('trl', { before }) !== 'affected') return false;
  const v = ctx.version('trl', { before });
  if (!v.severity) return false;
  ctx.report({
    node: ff.node,
    severity: v.severity,
    message: `The formatting function returns a list of one text, but SFTTrainer maps it over batches of 1,000 rows and trains on the texts it returns${v.note}: each batch becomes one training example, so the dataset shrinks about 1,000-fold without an error. Return one text per row of the batch (\`[f"…{q}…" for q in examples["quote"]]\`).`,
    related: [{ node: lists[0]!, message: 'one text per batch' }],
  });
  return true;
}

/**
 * TRL < 0.15 without packing maps `formatting_func` over batches and, on the first batch, checks
 * `isinstance(formatting_func(element), list)`, raising ValueError("The `formatting_func` should return a list of
 * processed strings since it can lead to silent bugs.") otherwise (trl v0.7.0 … v0.14.0 `_prepare_non_packed_dataloader`).
 * A per-example function written for TRL ≥ 0.15 (every return a string: an f-string, `"…".format(…)`, `a + b` of
 * strings) fails there when the trainer is built. Reported only on a TRL known to be < 0.15.
 */
function reportStringOnBatches(ctx: RuleContext, t: TrainerFact, ff: ArgFact, returns: Node[]): boolean {
  const strings = returns.map((r) => stringValue(ctx, r, 0));
  if (strings.some((s) => !s)) return false;
  if (ctx.env.gate('trl', { before: '0.15' }) !== 'affected') return false;
  // Packing builds a ConstantLengthDataset that calls it once per example and wants one string.
  const packing = lookupArg(ctx.facts, t, 'packing');
  if (packing.unknown || (packing.arg && evaluateBool(ctx.facts, packing.arg.value) !== false)) return false;
  // A text field given alongside: the non-packed path then ignores formatting_func (`use_formatting_func =
  // formatting_func is not None and dataset_text_field is None`, trl v0.9.4). `dataset_kwargs` may skip preparation.
  for (const name of ['dataset_text_field', 'dataset_kwargs']) {
    const a = lookupArg(ctx.facts, t, name);
    if (a.unknown || a.arg) return false;
  }
  // From TRL 0.8.2 a dataset that already has `input_ids` is returned as is and formatting_func ignored.
  const tokenized = hasColumnNamed(ctx.datasets.at(trainerArg(t, 'train_dataset')?.value), 'input_ids').has;
  if (tokenized === true && ctx.env.gate('trl', { before: '0.8.2' }) !== 'affected') return false;
  const v = ctx.version('trl', { before: '0.15' });
  if (!v.severity) return false;
  const unsure = tokenized !== false && ctx.env.gate('trl', { before: '0.8.2' }) !== 'affected';
  ctx.report({
    node: ff.node,
    severity: unsure && v.severity === 'error' ? 'warning' : v.severity,
    message: `The formatting function returns one string (the per-example style of TRL ≥ 0.15), but SFTTrainer calls it on batches and requires a list of texts${v.note}: building the trainer raises "ValueError: The \`formatting_func\` should return a list of processed strings since it can lead to silent bugs."${unsure ? ' (unless the training dataset already has an `input_ids` column: SFTTrainer then ignores formatting_func)' : ''}. Return one text per row of the batch (\`[f"…{q}…" for q in examples["question"]]\`), or upgrade TRL.`,
    related: [{ node: strings[0]!, message: 'returns a string here' }],
  });
  return true;
}

const STRING_METHODS = new Set(['format', 'join', 'strip', 'lstrip', 'rstrip', 'replace', 'upper', 'lower', 'format_map']);

/** The expression a return evaluates to when it is certainly a `str` (following names inside the function). */
function stringValue(ctx: RuleContext, node: Node, depth: number): Node | undefined {
  if (depth > 4) return undefined;
  const v = resolveExpression(ctx.facts, node);
  switch (v.type) {
    case 'string': case 'concatenated_string': return v;
    case 'parenthesized_expression': return v.namedChildren[0] ? stringValue(ctx, v.namedChildren[0], depth + 1) && v : undefined;
    case 'binary_operator': {
      const op = v.childForFieldName('operator')?.text;
      const l = v.childForFieldName('left');
      const r = v.childForFieldName('right');
      if (!l || !r) return undefined;
      if (op === '+' && (stringValue(ctx, l, depth + 1) || stringValue(ctx, r, depth + 1))) return v;
      if (op === '%' && stringValue(ctx, l, depth + 1)) return v;
      return undefined;
    }
    case 'call': {
      const fn = v.childForFieldName('function');
      if (fn?.type === 'identifier' && fn.text === 'str') return v;
      if (fn?.type !== 'attribute') return undefined;
      const method = fn.childForFieldName('attribute')?.text;
      const obj = fn.childForFieldName('object');
      return method && STRING_METHODS.has(method) && obj && stringValue(ctx, obj, depth + 1) ? v : undefined;
    }
    default: return undefined;
  }
}

/** The return expressions of the function passed as `formatting_func` (a def by name, or a lambda). */
function returnExpressions(ctx: RuleContext, value: Node): Node[] | undefined {
  const expr = resolveExpression(ctx.facts, value);
  if (expr.type === 'lambda') {
    const body = expr.childForFieldName('body');
    return body ? [body] : undefined;
  }
  if (expr.type !== 'identifier') return undefined;
  const fn = ctx.facts.functions.get(expr.text);
  return fn?.returns;
}

/** The list literal/comprehension a return expression evaluates to (following names inside the function). */
function listValue(ctx: RuleContext, node: Node): Node | undefined {
  const v = resolveExpression(ctx.facts, node);
  return LIST_TYPES.has(v.type) ? v : undefined;
}
export default rule;
