import type { Node } from 'web-tree-sitter';
import { trainPromptFormat, type PromptKind } from '../domain/grpo-prompt-format';
import { rewardFunctions } from '../domain/reward-functions';
import { isLibraryCall, overrides, type TrainerFact } from '../domain/trainers';
import { callsWhere } from '../facts/selections';
import type { CallFact, FileFacts } from '../facts/types';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** `re` functions and the position of the string they search. */
const RE_STRING_ARG: Record<string, number> = { match: 1, search: 1, fullmatch: 1, findall: 1, finditer: 1, split: 1, sub: 2, subn: 2 };
/** `str` methods a list does not have: on a list of messages they raise AttributeError. */
const STR_ONLY = new Set(['strip', 'lstrip', 'rstrip', 'lower', 'upper', 'casefold', 'split', 'rsplit', 'splitlines', 'startswith',
  'endswith', 'replace', 'find', 'rfind', 'encode', 'partition', 'rpartition', 'isdigit', 'isnumeric']);

interface Use { kind: PromptKind; node: Node }

/** The stdlib `re` bound as `re` (`import re`). */
const importsRe = (facts: FileFacts) => facts.imports.some((i) => i.module === 're' && i.name === undefined && i.local === 're');

function ownScope(n: Node, def: Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.id === def.id) return true;
    if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return false;
  }
  return false;
}

/** Names a loop over `completions` binds to one completion: `for c in completions`, `for c, a in zip(completions, …)`, `for i, c in enumerate(completions)`. */
function elementNames(def: Node, body: Node, param: string): Set<string> | undefined {
  const names = new Set<string>();
  const others = new Set<string>();
  for (const loop of body.descendantsOfType(['for_statement', 'for_in_clause'])) {
    if (!loop || !ownScope(loop, def)) continue;
    const left = loop.childForFieldName('left'), right = loop.childForFieldName('right');
    if (!left || !right) continue;
    let bound: Node | undefined;
    if (right.type === 'identifier' && right.text === param) bound = left;
    else if (right.type === 'call') {
      const fn = right.childForFieldName('function')?.text;
      const args = right.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') ?? [];
      const parts = left.type === 'pattern_list' || left.type === 'tuple_pattern' ? left.namedChildren : [];
      const at = fn === 'zip' ? args.findIndex((a) => a.type === 'identifier' && a.text === param) : fn === 'enumerate' && args[0]?.type === 'identifier' && args[0].text === param ? 1 : -1;
      if (at >= 0 && parts[at]) bound = parts[at]!;
    }
    const targets = left.type === 'identifier' ? [left] : left.namedChildren.filter((c): c is Node => c?.type === 'identifier');
    for (const t of targets) (bound && t.id === bound.id ? names : others).add(t.text);
  }
  for (const n of others) names.delete(n);
  // A name the function assigns again may no longer hold the completion.
  for (const a of body.descendantsOfType(['assignment', 'augmented_assignment', 'named_expression'])) {
    const target = a?.childForFieldName('left') ?? a?.childForFieldName('name');
    if (a && ownScope(a, def) && target?.type === 'identifier') names.delete(target.text);
  }
  return names.size > 0 ? names : undefined;
}

/** How the reward function reads one completion: as messages (`c[0]["content"]`) or as text (`re.match(p, c)`, `c.strip()`). */
function completionUses(facts: FileFacts, def: Node, param: string): Use[] {
  const body = def.childForFieldName('body');
  if (!body) return [];
  // A function that tests the type, or catches, handles both formats.
  if (body.descendantsOfType(['try_statement']).length > 0 || /\bisinstance\s*\(/.test(body.text)) return [];
  const names = elementNames(def, body, param);
  if (!names) return [];
  const re = importsRe(facts);
  const uses: Use[] = [];
  for (const id of body.descendantsOfType('identifier')) {
    if (!id || !names.has(id.text) || !ownScope(id, def)) continue;
    const parent = id.parent;
    if (!parent) continue;
    // c[0]["content"] / c[-1]["content"]
    if (parent.type === 'subscript' && parent.childForFieldName('value')?.id === id.id) {
      const index = parent.childForFieldName('subscript');
      const outer = parent.parent;
      const key = outer?.type === 'subscript' && outer.childForFieldName('value')?.id === parent.id ? outer.childForFieldName('subscript') : undefined;
      if (index && /^-?\d+$/.test(index.text) && key?.type === 'string' && /^["']content["']$/.test(key.text)) uses.push({ kind: 'conversational', node: outer! });
      continue;
    }
    // c.strip(), c.split(…)
    if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === id.id) {
      const method = parent.childForFieldName('attribute')?.text;
      if (method && STR_ONLY.has(method) && parent.parent?.type === 'call') uses.push({ kind: 'text', node: parent.parent });
      continue;
    }
    // re.match(pattern, c)
    if (re && parent.type === 'argument_list') {
      const call = parent.parent;
      const callee = call?.childForFieldName('function');
      const fn = callee?.type === 'attribute' && callee.childForFieldName('object')?.text === 're' ? callee.childForFieldName('attribute')?.text : undefined;
      const positional = parent.namedChildren.filter((a) => a && a.type !== 'comment' && a.type !== 'keyword_argument');
      if (call && fn && Object.hasOwn(RE_STRING_ARG, fn) && positional[RE_STRING_ARG[fn]]?.id === id.id) uses.push({ kind: 'text', node: call });
    }
  }
  return uses;
}

/** `trl`'s RLOOTrainer (a selection test). */
function isRlooCall(c: CallFact): boolean {
  return isLibraryCall(c, ['RLOOTrainer'], ['trl']) && c.keywords.has('reward_funcs');
}

/** The methods that build the completions and call the reward functions (a subclass that overrides one may pass them otherwise). */
const REWARD_PATH = ['_generate_and_score_completions', '_calculate_rewards', '_prepare_inputs', '_generate'];

function check(ctx: RuleContext, call: CallFact, trainer: string): void {
  const arg = call.keywords.get('train_dataset')?.value;
  const ds = arg ? ctx.datasets.at(arg) : undefined;
  if (!ds) return;
  const format = trainPromptFormat(ctx.facts, ctx.source, ds);
  if (!format) return;
  for (const f of rewardFunctions(ctx.facts, ctx.source, call)) {
    if (!f.params.some((p) => p.name === 'completions' && (p.kind === 'positional' || p.kind === 'keyword-only'))) continue;
    const use = completionUses(ctx.facts, f.def, 'completions').find((u) => u.kind !== format.kind);
    if (!use) continue;
    const line = format.node.startPosition.row + 1;
    const message = format.kind === 'conversational'
      ? `\`${f.name}\` treats each completion as text (\`${use.node.text}\`), but the train set's \`prompt\` is a list of messages (line ${line}), so ${trainer} passes every completion as a list of messages, \`[{"role": "assistant", "content": …}]\`: the first reward computation, after the model has generated, raises TypeError or AttributeError. Read the text with \`completion[0]["content"]\`.`
      : `\`${f.name}\` reads each completion as a list of messages (\`${use.node.text}\`), but the train set's \`prompt\` is text (line ${line}), so ${trainer} passes every completion as a string: indexing it gives a character, and the first reward computation raises "TypeError: string indices must be integers". Use the completion itself, or make \`prompt\` a list of messages.`;
    ctx.report({
      node: f.use, message,
      related: [{ node: use.node, message: 'how the reward function reads a completion' }, { node: format.node, message: format.kind === 'conversational' ? 'the conversational prompt' : 'the text prompt' }],
    });
  }
}

const rule: Rule = {
  code: 'TL121',
  name: 'reward-completion-format-mismatch',
  severity: 'error',
  fix: 'none',
  requires: ['reward_funcs'],
  docs: `## What it does
Flags a reward function of \`GRPOTrainer(reward_funcs=…)\` (or of \`RLOOTrainer\` from TRL 0.22; the script's own \`def\`) that reads each completion in the
format the train set's prompts do not give: text operations (\`re.match(pattern, completion)\`, \`completion.strip()\`)
when the \`prompt\` column is a list of messages, or \`completion[0]["content"]\` when it is text. The prompt's format is
read from the last \`map\` that writes \`prompt\` (a lambda or a \`def\` returning a dict literal: a list of
\`{"role": …}\` dicts is conversational; a string, an f-string, \`"…".format(…)\`, or
\`apply_chat_template(…, tokenize=False)\` is text) or from the rows of a literal dataset.

## Why is this bad?
GRPOTrainer decides the completions' format from the prompt's: for a conversational prompt it passes every completion
as \`[{"role": "assistant", "content": text}]\`, otherwise as the text. A reward function written for the other format
fails at the first reward computation, after the model has loaded and generated the first group (minutes in with vLLM):
\`re.match\` on a list raises "TypeError: expected string or bytes-like object", \`.strip()\` raises AttributeError, and
\`completion[0]["content"]\` on a string raises "TypeError: string indices must be integers". Users meet it when they
switch a dataset between the two formats, or copy the GRPO notebooks' reward functions (written for conversational
prompts) onto text prompts (unslothai/unsloth#2907, huggingface/trl#4202).

A reward function that tests the type (\`isinstance\`), catches errors (\`try:\`), or reassigns the completion's name is
left alone, and so are batched \`map\`s, prompts built by helpers, datasets whose steps are not all followed, and a
trainer subclass that overrides how completions are generated and scored.

## Example
\`\`\`python
import re
from datasets import load_dataset
from trl import GRPOConfig, GRPOTrainer

ds = load_dataset("openai/gsm8k", "main", split="train")
ds = ds.map(lambda x: {"prompt": [{"role": "user", "content": x["question"]}]})

def format_reward(completions, **kwargs):
    return [1.0 if re.match(r"^<think>.*</think>", c) else 0.0 for c in completions]

trainer = GRPOTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", reward_funcs=[format_reward],
                      args=GRPOConfig(output_dir="out"), train_dataset=ds)
\`\`\`

## Use instead
\`\`\`python
import re
from datasets import load_dataset
from trl import GRPOConfig, GRPOTrainer

ds = load_dataset("openai/gsm8k", "main", split="train")
ds = ds.map(lambda x: {"prompt": [{"role": "user", "content": x["question"]}]})

def format_reward(completions, **kwargs):
    return [1.0 if re.match(r"^<think>.*</think>", c[0]["content"]) else 0.0 for c in completions]

trainer = GRPOTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", reward_funcs=[format_reward],
                      args=GRPOConfig(output_dir="out"), train_dataset=ds)
\`\`\`

## Fix safety
No fix: which side to change (the reward function or the prompt's format) is the author's choice.

## References
- huggingface/trl \`trl/trainer/grpo_trainer.py\`: \`if is_conversational(inputs[0]): completions = [[{"role":
  "assistant", "content": completion}] …]\` at v0.14.0 and v0.17.0; the same wrapping (\`is_conversational({"prompt":
  prompts[0]})\`) at v0.20.0, v0.23.1, v0.29.0, v1.0.0, v1.9.0 and the snapshot's head (2026-07-24); \`trl/data_utils.py\`
  \`is_conversational\` (a \`prompt\` that is a list of dicts with \`role\`); \`trl/trainer/rloo_trainer.py\` the same
  wrapping at v0.22.0 (the rewrite that takes \`reward_funcs\`), v0.29.0 and v1.9.0
- huggingface/trl#4202 (TRL 0.23.1: "now I think it is nested in a list and then ['content']"), unslothai/unsloth#2907
  (\`completion[0]['content']\`: "TypeError: string indices must be integers")
`,
  check(ctx) {
    for (const t of ctx.trainers as readonly TrainerFact[]) {
      if (t.kind === 'GRPOTrainer' && !overrides(t, REWARD_PATH)) check(ctx, t.call, 'GRPOTrainer');
    }
    // RLOOTrainer takes reward functions from its 0.22 rewrite, which wraps completions the same way.
    for (const c of callsWhere(ctx.facts, isRlooCall)) {
      if (ctx.version('trl', { from: '0.22' }).gate !== 'unaffected') check(ctx, c, 'RLOOTrainer');
    }
  },
};
export default rule;
