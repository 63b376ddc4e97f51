import type { Node } from 'web-tree-sitter';
import { builtTexts, trainingTextField, trainingTextFunctions } from '../domain/formatted-text';
import { resolveLocal } from '../domain/label-flow';
import { trainerArg } from '../domain/trainers';
import { formatFields, positionalNeeded, type FormatFields } from '../facts/format-fields';
import { evaluateString } from '../facts/values';
import type { CallFact } from '../facts/types';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** How deep a text's local names are followed to the `.format` calls they were made from. */
const MAX_NAME_DEPTH = 3;

function isFormatCall(node: Node): boolean {
  const fn = node.childForFieldName('function');
  return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format' && !!fn.childForFieldName('object');
}

/** The `.format(…)` calls a training text is made of, through the local names the function binds on the way. */
function formatCallsIn(ctx: RuleContext, node: Node, out: Map<number, Node>, depth = 0): void {
  for (const call of node.type === 'call' ? [node, ...node.descendantsOfType('call')] : node.descendantsOfType('call')) {
    if (isFormatCall(call)) out.set(call.id, call);
  }
  if (depth >= MAX_NAME_DEPTH) return;
  for (const id of node.type === 'identifier' ? [node] : node.descendantsOfType('identifier')) {
    const bound = resolveLocal(ctx.facts, id);
    if (bound.id !== id.id && bound.type !== 'string') formatCallsIn(ctx, bound, out, depth + 1);
  }
}

/** A template's name in messages: the variable holding it, or "the template". */
function templateName(receiver: Node): string {
  return receiver.type === 'identifier' || receiver.type === 'attribute' ? `\`${receiver.text}\`` : 'the template';
}

function fieldsText(f: FormatFields): string {
  const parts: string[] = [];
  if (f.auto) parts.push(`${f.auto} \`{}\` field${f.auto === 1 ? '' : 's'}`);
  if (f.indices.size) parts.push([...f.indices].sort((a, b) => a - b).map((i) => `\`{${i}}\``).join(', '));
  if (f.names.size) parts.push([...f.names].map((n) => `\`{${n}}\``).join(', '));
  return parts.length ? parts.join(' and ') : 'no field';
}

/** `a`, `b` and `c`. */
const listed = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const quoted = (nodes: Node[]) => listed(nodes.map((n) => `\`${n.text.length > 40 ? `${n.text.slice(0, 37)}…` : n.text}\``));

/** Values `call` passes that no field of `f` reads (str.format ignores them), and fields no value fills (it raises). */
function mismatch(call: CallFact, f: FormatFields): { dropped: string[]; missing: string | undefined } {
  const need = positionalNeeded(f);
  const args = call.positional.map((a) => a.value);
  const unread = f.auto > 0 ? args.slice(need) : args.filter((_, i) => !f.indices.has(i));
  const dropped: string[] = [];
  if (unread.length) dropped.push(quoted(unread));
  const extraKeywords = [...call.keywords.keys()].filter((k) => !f.names.has(k));
  if (extraKeywords.length) dropped.push(listed(extraKeywords.map((k) => `\`${k}=\``)));
  let missing: string | undefined;
  const absent = [...f.names].filter((n) => !call.keywords.has(n));
  if (args.length < need) missing = `IndexError ("Replacement index ${args.length} out of range for positional args tuple")`;
  else if (absent.length) missing = `KeyError: '${absent[0]}'`;
  return { dropped, missing };
}

const rule: Rule = {
  code: 'TL120',
  name: 'format-values-without-field',
  severity: 'warning',
  fix: 'none',
  requires: ['.format('],
  docs: `## What it does
Checks each \`"…".format(…)\` call that builds a trainer's training text (in its \`formatting_func\`, or in a function
its train dataset is \`.map()\`ped with) against the template's replacement fields, when the template is a string the
script spells out (a literal, or a name bound to one) and the call passes no \`*args\` / \`**kwargs\`:
- a value that no field takes (more values than \`{}\` fields, a \`{n}\` index never used, a keyword with no \`{name}\`):
  a warning, since Python drops it without a word and that value never reaches the training text;
- a field that no value fills: an error, since the call raises \`IndexError\` or \`KeyError\` when the function runs.

## Why is this bad?
\`str.format\` ignores the values it has no field for. An Alpaca-style template edited down to two fields but still
called with \`(instruction, input, output)\` puts the input where the response belongs and drops the response: the
model is trained to answer with its input, and nothing fails (a Phi-3 notebook of the 26th pass trained on
\`alpaca_prompt.format(topic, hook, build_up, body)\` with two fields: the post's build-up and body never reached the
text). Too few values fail only when \`.map()\` runs, after the model has loaded.

## Example
\`\`\`python
from datasets import load_dataset
from trl import SFTConfig, SFTTrainer

alpaca_prompt = """### Instruction:
{}

### Response:
{}"""

def formatting_prompts_func(examples):
    texts = [alpaca_prompt.format(i, x, o) + EOS_TOKEN for i, x, o in zip(examples["instruction"], examples["input"], examples["output"])]
    return {"text": texts}

dataset = load_dataset("yahma/alpaca-cleaned", split="train").map(formatting_prompts_func, batched=True)
trainer = SFTTrainer(model=model, train_dataset=dataset, args=SFTConfig(output_dir="out"))
\`\`\`

## Use instead
\`\`\`python
from datasets import load_dataset
from trl import SFTConfig, SFTTrainer

alpaca_prompt = """### Instruction:
{}

### Input:
{}

### Response:
{}"""

def formatting_prompts_func(examples):
    texts = [alpaca_prompt.format(i, x, o) + EOS_TOKEN for i, x, o in zip(examples["instruction"], examples["input"], examples["output"])]
    return {"text": texts}

dataset = load_dataset("yahma/alpaca-cleaned", split="train").map(formatting_prompts_func, batched=True)
trainer = SFTTrainer(model=model, train_dataset=dataset, args=SFTConfig(output_dir="out"))
\`\`\`

## Fix safety
No fix: whether the template lost a field or the call has a value too many is the author's call.

## References
- Python's documentation, "Format String Syntax" (\`string\` module): replacement fields, automatic and manual
  numbering, \`{{\`/\`}}\`; \`str.format\` ignores unused positional and keyword arguments (\`"{} {}".format(1, 2, 3)\` is
  \`"1 2"\`) and raises \`IndexError\` / \`KeyError\` for a field without a value
- S-U-R-Y-A-1/Microsoft-phi-3-fine-tuning \`Source file.ipynb\` (corpus pass 26): a two-field template formatted with four values
`,
  check(ctx) {
    const seen = new Set<number>();
    for (const t of ctx.trainers) {
      const steps = ctx.datasets.at(trainerArg(t, 'train_dataset')?.value)?.steps ?? [];
      // The text column, and the columns of prompt-completion and preference rows, are all training text.
      const keys = [...new Set([trainingTextField(ctx.facts, t) ?? 'text', 'text', 'prompt', 'completion', 'chosen', 'rejected'])];
      for (const { fn, formattingFunc } of trainingTextFunctions(ctx.facts, ctx.datasets, t, steps)) {
        const texts = builtTexts(ctx.facts, ctx.a.callsByNode, fn.node, { keys, returnsText: formattingFunc, tokenized: true, anyExpression: true });
        const calls = new Map<number, Node>();
        for (const text of texts) formatCallsIn(ctx, text, calls);
        for (const node of calls.values()) {
          if (seen.has(node.id)) continue;
          seen.add(node.id);
          const receiver = node.childForFieldName('function')!.childForFieldName('object')!;
          const call = ctx.callAt(node);
          const template = evaluateString(ctx.facts, receiver);
          if (!call || call.hasSplat || template === undefined) continue;
          const fields = formatFields(template);
          if (!fields) continue;
          const { dropped, missing } = mismatch(call, fields);
          const related = [{ node: t.call.node, message: `${t.kind} trains on the text \`${fn.name}\` builds` }];
          const has = `${templateName(receiver)} has ${fieldsText(fields)}`;
          if (missing) {
            ctx.report({ node, severity: 'error', related,
              message: `${has}, but this \`.format()\` call leaves one without a value: it raises ${missing} when \`${fn.name}\` runs, before training starts.` });
          } else if (dropped.length) {
            ctx.report({ node, severity: 'warning', related,
              message: `${has}, so this \`.format()\` call drops ${dropped.join(' and ')}: \`str.format\` ignores values without a field, and they never reach the training text \`${fn.name}\` builds.` });
          }
        }
      }
    }
  },
};
export default rule;
