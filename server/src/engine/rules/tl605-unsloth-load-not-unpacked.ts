import type { Node } from 'web-tree-sitter';
import type { Fix } from '../diagnostics';
import { UNSLOTH_MODEL_CLASSES } from '../domain/unsloth';
import { enclosingFunction } from '../facts/build';
import { isQualified, qualifyExpression } from '../facts/imports';
import { assignmentsWithValue, conditionalAlternatives, reachingAssignment } from '../facts/reaching';
import { callsWhere } from '../facts/selections';
import type { AssignmentFact, CallFact, FileFacts } from '../facts/types';
import { replaceNode } from './edits';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** The Unsloth class of `FastLanguageModel.from_pretrained(…)` (also `FastModel`, `FastVisionModel`). */
function unslothClass(facts: FileFacts, c: CallFact): string | undefined {
  if (c.method !== 'from_pretrained' || !c.receiver) return undefined;
  const q = qualifyExpression(facts, c.receiver);
  return UNSLOTH_MODEL_CLASSES.find((k) => isQualified(q, ['unsloth'], k));
}

/** `X.from_pretrained(…)` of an Unsloth model class (a selection test). */
const isUnslothLoad = (c: CallFact): boolean => c.method === 'from_pretrained' && !!c.receiver
  && UNSLOTH_MODEL_CLASSES.some((k) => c.calleeText.endsWith(`${k}.from_pretrained`));

/** Methods a tuple has (besides the dunders): calling them on the tuple is no proof. */
const TUPLE_METHODS = new Set(['count', 'index']);

/** Unsloth calls that take the model first: `FastLanguageModel.get_peft_model(model, …)`, `for_inference(model)`, `for_training(model)`. */
const MODEL_FIRST = new Set(['get_peft_model', 'for_inference', 'for_training']);

interface Use { node: Node; what: string }

/** How `call` uses the value of `name` as a model, if it does. */
function modelUse(facts: FileFacts, call: CallFact, name: string): Use | undefined {
  if (call.receiver?.type === 'identifier' && call.receiver.text === name && call.method && !TUPLE_METHODS.has(call.method) && !call.method.startsWith('__')) {
    return { node: call.receiver, what: `\`${name}.${call.method}(…)\` raises AttributeError: 'tuple' object has no attribute '${call.method}'` };
  }
  const first = call.positional[0]?.value;
  if (first?.type === 'identifier' && first.text === name && call.method && MODEL_FIRST.has(call.method) && call.receiver
    && UNSLOTH_MODEL_CLASSES.some((k) => isQualified(qualifyExpression(facts, call.receiver!), ['unsloth'], k))) {
    return { node: first, what: `\`${call.calleeText}(${name}, …)\` is given the tuple instead of the model and fails` };
  }
  const kw = call.keywords.get('model')?.value;
  if (kw?.type === 'identifier' && kw.text === name && /Trainer$/.test(call.calleeText)) {
    return { node: kw, what: `\`${call.calleeText}(model=${name}, …)\` is given the tuple instead of the model and fails` };
  }
  return undefined;
}

/** The first use of the assignment's value as a model, in its own scope, that this assignment alone reaches. */
function firstModelUse(ctx: RuleContext, a: AssignmentFact): Use | undefined {
  const name = a.target;
  for (const call of ctx.facts.calls) {
    if (call.node.startIndex <= a.node.endIndex || (call.scope?.id ?? null) !== (a.scope?.id ?? null)) continue;
    const use = modelUse(ctx.facts, call, name);
    if (!use) continue;
    if (enclosingFunction(use.node)?.id !== a.scope?.id) continue;
    if (reachingAssignment(ctx.facts, name, use.node)?.node.id !== a.node.id || conditionalAlternatives(ctx.facts, use.node)) continue;
    return use;
  }
  return undefined;
}

/** The identifier `tokenizer` appears nowhere in the script (binding it cannot change what another line reads). */
function nameFree(text: string, name: string): boolean {
  return !new RegExp(`\\b${name}\\b`).test(text);
}

const rule: Rule = {
  code: 'TL605',
  name: 'unsloth-load-not-unpacked',
  severity: 'error',
  fix: 'sometimes',
  requires: ['from_pretrained'],
  docs: `## What it does
Flags \`model = FastLanguageModel.from_pretrained(…)\` (also \`FastModel\`, \`FastVisionModel\`) bound to one name
that the script then uses as a model: \`FastLanguageModel.get_peft_model(model, …)\`, \`for_inference(model)\`,
\`SFTTrainer(model=model, …)\` (any \`…Trainer\`), \`model.generate(…)\` or any other method call on it.

## Why is this bad?
Unsloth's \`from_pretrained\` returns a pair, \`(model, tokenizer)\` (a processor for vision models), unlike
transformers' \`AutoModelForCausalLM.from_pretrained\`. The one name holds the tuple, so the first use as a model
fails: \`model.generate(…)\` raises \`AttributeError: 'tuple' object has no attribute 'generate'\`, and
\`get_peft_model\` or a trainer given the tuple fails inside. Only a use that the assignment reaches in the same scope,
with no other assignment of the name in between, is reported; \`model, tok = …\` and \`out = …; model = out[0]\` are
fine.

## Example
\`\`\`python
from unsloth import FastLanguageModel

model = FastLanguageModel.from_pretrained("unsloth/Llama-3.2-1B-Instruct", max_seq_length=2048, load_in_4bit=True)
model = FastLanguageModel.get_peft_model(model, r=16)
\`\`\`

## Use instead
\`\`\`python
from unsloth import FastLanguageModel

model, tokenizer = FastLanguageModel.from_pretrained("unsloth/Llama-3.2-1B-Instruct", max_seq_length=2048, load_in_4bit=True)
model = FastLanguageModel.get_peft_model(model, r=16)
\`\`\`

## Fix safety
Unpacking into \`model, tokenizer\` is safe when the name \`tokenizer\` appears nowhere else in the script (nothing
else reads or binds it); otherwise no fix is offered, since binding \`tokenizer\` there could change what later lines
read.

## References
- unslothai/unsloth \`unsloth/models/loader.py\`: every \`from_pretrained\` of \`FastLanguageModel\`, \`FastModel\`
  (and \`FastVisionModel\`, its subclass from 2025-03 on) returns \`model, tokenizer\` (or delegates to one that does) at
  every tag of the repository, 81 from \`August-2024\` to \`v0.1.801-beta\` (read with Python's \`ast\`: each \`return\`
  is a 2-tuple or \`FastModel.from_pretrained(…)\` / \`FastDiffusionModel.from_pretrained(…)\`, which return
  \`model, tokenizer\`)
`,
  check(ctx) {
    for (const call of callsWhere(ctx.facts, isUnslothLoad)) {
      const cls = unslothClass(ctx.facts, call);
      if (!cls) continue;
      for (const a of assignmentsWithValue(ctx.facts, call.node)) {
        if (a.unpackIndex !== undefined || a.subscriptKey !== undefined || a.targetNode.type !== 'identifier') continue;
        const use = firstModelUse(ctx, a);
        if (!use) continue;
        const fixes: Fix[] = [];
        const plain = a.node.type === 'assignment' && a.node.childForFieldName('right')?.id === call.node.id && !a.node.childForFieldName('type');
        if (plain && a.target !== 'tokenizer' && nameFree(ctx.source.text, 'tokenizer')) {
          fixes.push({ title: `Unpack into ${a.target}, tokenizer`, applicability: 'safe', edits: [replaceNode(ctx.source, a.targetNode, `${a.target}, tokenizer`)] });
        }
        ctx.report({
          node: a.targetNode,
          message: `\`${a.target}\` holds the \`(model, tokenizer)\` pair that ${cls}.from_pretrained returns, not the model: ${use.what}. Unpack it: \`${a.target}, tokenizer = ${cls}.from_pretrained(…)\`.`,
          related: [{ node: use.node, message: 'used as a model here' }],
          fixes,
        });
      }
    }
  },
};
export default rule;
