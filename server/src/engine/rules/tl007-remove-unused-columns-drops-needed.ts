import type { Node } from 'web-tree-sitter';
import type { SectionedTree } from '../syntax/sectioned-tree';
import type { Fix } from '../diagnostics';
import { KNOWN_FORWARD, MODEL_INPUTS, removesUnusedColumns, trainerModelClass } from '../domain/model-inputs';
import { trainerArg, type TrainerFact } from '../domain/trainers';
import { reachingAssignment } from '../facts/reaching';
import { addKeyword, replaceNode } from './edits';
import type { RuleContext } from './context';
import type { Rule } from './rule';
import { provenanceNote } from '../dataset/state';

/** The trainer's model is loaded (traced) with a class whose forward trainlint does not know. */
function forwardUnmodelled(ctx: RuleContext, t: TrainerFact): boolean {
  const cls = trainerModelClass(ctx.facts, ctx.a.callsByNode, t);
  return !!cls && !KNOWN_FORWARD.test(cls);
}

const TRAINERS_THAT_DROP = ['Trainer', 'Seq2SeqTrainer', 'SFTTrainer', 'UnslothTrainer'];
/** SFTTrainer keeps these for vision datasets (TRL's `_set_signature_columns_if_needed`): never flagged there. */
const SFT_VISION_KEEPS = new Set(['messages', 'prompt', 'completion', 'image', 'images']);

interface CollatorCode {
  /** The function that receives the features (a `def`, a lambda, or a class's `__call__`). */
  fn: Node;
  /** The parameter holding the list of examples. */
  param: string;
  /** What to name in messages (`MyCollator`, `collate_fn`). */
  label: string;
  /** The definition (a related location). */
  definition: Node;
}

/** Names of the classes a script defines, read from its text once per text (most collators are library classes). */
const classNamesByText = new WeakMap<object, { text: string; names: Set<string> }>();

function classNamed(syntax: SectionedTree, text: string, name: string): Node | undefined {
  let known = classNamesByText.get(syntax);
  if (known?.text !== text) {
    known = { text, names: new Set([...text.matchAll(/\bclass\s+([A-Za-z_]\w*)/g)].map((m) => m[1])) };
    classNamesByText.set(syntax, known);
  }
  if (!known.names.has(name)) return undefined; // skip the walk for library classes
  return syntax.descendantsOfType('class_definition').find((c) => c.childForFieldName('name')?.text === name);
}

function paramsOf(fn: Node): string[] {
  return (fn.childForFieldName('parameters')?.namedChildren ?? [])
    .map((p) => (p?.type === 'identifier' ? p.text : p?.childForFieldName('name')?.text ?? p?.namedChildren.find((c) => c?.type === 'identifier')?.text))
    .filter((x): x is string => !!x);
}

/** The user code a `data_collator=` expression runs: `MyCollator(...)`, `collate_fn`, `lambda batch: …`, `partial(fn, …)`. */
function collatorCode(ctx: RuleContext, node: Node): CollatorCode | undefined {
  let n = node;
  for (let i = 0; i < 8 && n.type === 'identifier'; i++) {
    const fn = ctx.facts.functions.get(n.text);
    if (fn && fn.scope === null) {
      const ps = paramsOf(fn.node);
      return ps[0] ? { fn: fn.node, param: ps[0], label: fn.name, definition: fn.node } : undefined;
    }
    const a = reachingAssignment(ctx.facts, n.text, n);
    if (!a || a.unpackIndex !== undefined) return undefined;
    n = a.value;
  }
  if (n.type === 'lambda') {
    const ps = paramsOf(n);
    return ps[0] ? { fn: n, param: ps[0], label: 'the lambda', definition: n } : undefined;
  }
  if (n.type !== 'call') return undefined;
  const callee = n.childForFieldName('function');
  const args = n.childForFieldName('arguments')?.namedChildren ?? [];
  if (callee && /(^|\.)partial$/.test(callee.text) && args[0]) return collatorCode(ctx, args[0]);
  if (callee?.type !== 'identifier') return undefined;
  const cls = classNamed(ctx.a.syntax, ctx.source.text, callee.text);
  const call = cls?.childForFieldName('body')?.namedChildren
    .map((c) => (c?.type === 'decorated_definition' ? c.childForFieldName('definition') : c))
    .find((c) => c?.type === 'function_definition' && c.childForFieldName('name')?.text === '__call__');
  if (!cls || !call) return undefined;
  const ps = paramsOf(call);
  return ps[1] ? { fn: call, param: ps[1], label: callee.text, definition: cls } : undefined;
}

/** Names that stand for one example: loop/comprehension variables over the features, `features[i]`. */
function exampleReads(fn: Node, param: string): Map<string, Node> {
  const vars = new Set<string>();
  const rootOf = (n: Node | null): string | undefined => {
    let x = n;
    while (x && (x.type === 'subscript' || x.type === 'attribute' || x.type === 'call')) {
      x = x.type === 'call' ? x.childForFieldName('function') : x.childForFieldName(x.type === 'subscript' ? 'value' : 'object');
    }
    return x?.type === 'identifier' ? x.text : undefined;
  };
  for (const loop of [...fn.descendantsOfType('for_in_clause'), ...fn.descendantsOfType('for_statement')]) {
    const right = loop.childForFieldName('right');
    const left = loop.childForFieldName('left');
    const over = right?.type === 'call' && /^(enumerate|zip)$/.test(right.childForFieldName('function')?.text ?? '')
      ? right.childForFieldName('arguments')?.namedChildren.map(rootOf) : [rootOf(right)];
    if (!left || !over?.some((r) => r === param || (r && vars.has(r)))) continue;
    for (const id of left.type === 'identifier' ? [left] : left.descendantsOfType('identifier')) vars.add(id.text);
  }
  const reads = new Map<string, Node>();
  const isExample = (obj: Node | null): boolean => {
    if (!obj) return false;
    if (obj.type === 'identifier') return vars.has(obj.text);
    // features[0]["text"]
    return obj.type === 'subscript' && obj.childForFieldName('value')?.text === param;
  };
  for (const sub of fn.descendantsOfType('subscript')) {
    if (sub.parent?.type === 'assignment' && sub.parent.childForFieldName('left')?.id === sub.id) continue;
    const key = sub.childForFieldName('subscript');
    if (key?.type !== 'string' || !isExample(sub.childForFieldName('value'))) continue;
    const k = key.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
    if (k && !reads.has(k)) reads.set(k, sub);
  }
  for (const call of fn.descendantsOfType('call')) {
    const f = call.childForFieldName('function');
    const first = call.childForFieldName('arguments')?.namedChildren[0];
    if (f?.type !== 'attribute' || f.childForFieldName('attribute')?.text !== 'get' || first?.type !== 'string') continue;
    if (!isExample(f.childForFieldName('object'))) continue;
    const k = first.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
    if (k && !reads.has(k)) reads.set(k, call);
  }
  return reads;
}

const rule: Rule = {
  code: 'TL007',
  name: 'remove-unused-columns-drops-needed',
  severity: 'warning',
  fix: 'safe',
  overriddenBy: ['batches'],
  docs: `## What it does
Flags a custom \`data_collator=\` (a class defined in the script, a function or a lambda) that reads
dataset columns the model's \`forward\` does not take (\`example["text"]\`, \`example["image"]\`) while
\`remove_unused_columns\` is left at its default \`True\`, and the training dataset is known to have
those columns.

## Why is this bad?
Before collating, the Trainer drops every column that is not an argument of \`model.forward\` (when the model is
loaded with a class whose forward trainlint does not model, such as \`SpeechT5ForTextToSpeech\` which takes
\`speaker_embeddings\`, the rule is silent). The
collator then gets examples without the column: \`KeyError\`, empty batches, or \`ValueError: No columns
in the dataset match the model's forward method signature\`, at the first training step.

## Example
\`\`\`python
from datasets import Dataset
from transformers import Trainer, TrainingArguments

class TextCollator:
    def __call__(self, features):
        texts = [f["text"] for f in features]
        return tokenizer(texts, padding=True, return_tensors="pt")

ds = Dataset.from_dict({"text": ["a", "b"]})
trainer = Trainer(model=model, args=TrainingArguments(output_dir="out"), train_dataset=ds, data_collator=TextCollator())
\`\`\`

## Use instead
\`\`\`python
from datasets import Dataset
from transformers import Trainer, TrainingArguments

class TextCollator:
    def __call__(self, features):
        texts = [f["text"] for f in features]
        return tokenizer(texts, padding=True, return_tensors="pt")

ds = Dataset.from_dict({"text": ["a", "b"]})
trainer = Trainer(model=model, args=TrainingArguments(output_dir="out", remove_unused_columns=False),
                  train_dataset=ds, data_collator=TextCollator())
\`\`\`

## Fix safety
Setting \`remove_unused_columns=False\` in the training arguments is safe: the collator receives the
columns it reads. It must then build every tensor the model needs itself, which a collator reading raw
columns already does.

## References
- huggingface/transformers#25054, #15505, #7823; TIGER-AI-Lab/VLM2Vec#42, #43 (training
  arguments from the command line: the fix is \`--remove_unused_columns False\`); arcee-ai/DistillKit PR #1
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (!TRAINERS_THAT_DROP.includes(t.kind) || t.call.hasSplat) continue;
      const collatorArg = trainerArg(t, 'data_collator');
      if (!collatorArg) continue;
      const removes = removesUnusedColumns(ctx.facts, t);
      // Arguments parsed from the command line keep the default (True) unless it is passed there.
      if (removes !== true && removes !== 'command line') continue;
      const fromCli = removes === 'command line';
      const remove = trainerArg(t, 'remove_unused_columns');
      const code = collatorCode(ctx, collatorArg.value);
      if (!code) continue;
      const ds = ctx.datasets.at(trainerArg(t, 'train_dataset')?.value);
      // Known columns, or those the script provably added to a dataset whose base is unknown (an uncached Hub id).
      const cols = ds?.columns ?? ds?.known?.present;
      if (!ds || !cols?.length) continue;
      const sft = t.kind === 'SFTTrainer' || t.kind === 'UnslothTrainer';
      const dropped = [...exampleReads(code.fn, code.param)]
        .filter(([k]) => !MODEL_INPUTS.has(k) && !(sft && SFT_VISION_KEEPS.has(k)) && cols.includes(k));
      if (dropped.length === 0 || forwardUnmodelled(ctx, t)) continue;
      const names = dropped.map(([k]) => `"${k}"`).join(', ');
      const fixes: Fix[] = [];
      if (remove) fixes.push({ title: 'Set remove_unused_columns=False', applicability: 'safe', edits: [replaceNode(ctx.source, remove.value, 'False')] });
      else if (t.config && !t.config.hasSplat) fixes.push({ title: 'Set remove_unused_columns=False', applicability: 'safe', edits: [addKeyword(ctx.source, t.config, 'remove_unused_columns=False')] });
      ctx.report({
        node: collatorArg.node,
        message: `${code.label} reads ${names}${provenanceNote(ds)}, which the Trainer drops before collating because \`remove_unused_columns\` ${remove ? 'is True' : fromCli ? 'defaults to True (unless the command line passes --remove_unused_columns False)' : 'defaults to True'} and the model's forward does not take ${dropped.length > 1 ? 'them' : 'it'}: the collator gets examples without ${dropped.length > 1 ? 'these columns' : 'the column'}. Set \`remove_unused_columns=False\`.`,
        related: [
          { node: dropped[0][1], message: `reads ${JSON.stringify(dropped[0][0])}` },
          ...(remove ? [{ node: remove.node, message: 'set here' }] : []),
        ],
        fixes,
      });
    }
  },
};
export default rule;
