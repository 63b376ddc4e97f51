import type { Node } from 'web-tree-sitter';
import { unsharedCondition } from '../domain/branches';
import { trainerCollator } from '../domain/collators';
import { collatorTokenizerArg, isTokenizerLoad, statementsOnTokenizer, tokenizerOrigin, trainerTokenizerArg } from '../domain/tokenizers';
import { trainingStartOffset } from '../domain/train-call';
import { isTrainer, trainerArg } from '../domain/trainers';
import { enclosingFunction } from '../facts/anchor';
import { classOfMethod } from '../facts/self-attributes';
import { evaluateBool, evaluateString } from '../facts/values';
import { replaceNode } from './edits';
import type { Rule } from './rule';

interface SideSetting {
  /** The tokenizer variable. */
  variable: string;
  side: string;
  /** Where to report (the assignment or the keyword argument). */
  node: Node;
  /** The value to replace, when it is a string literal. */
  literal?: Node;
  offset: number;
  /** The enclosing function's id, or undefined at module level. */
  scope?: number;
  /** For `return AutoTokenizer.from_pretrained(…, padding_side=…)`: the load call's id (no variable holds it). */
  load?: number;
}

function sideSettings(ctx: Parameters<Rule['check']>[0]): SideSetting[] {
  const out: SideSetting[] = [];
  for (const a of ctx.facts.assignments) {
    if (a.subscriptKey !== undefined) continue;
    const m = /^(.+)\.padding_side$/.exec(a.target);
    const call = m ? undefined : ctx.callAt(a.value);
    if (!m && call?.method !== 'from_pretrained') continue; // only these two shapes set a side
    const scope = a.scope?.id;
    if (m) {
      const side = evaluateString(ctx.facts, a.value);
      if (side) out.push({ variable: m[1], side, node: a.node, literal: a.value.type === 'string' ? a.value : undefined, offset: a.node.startIndex, scope });
      continue;
    }
    // tok = AutoTokenizer.from_pretrained(..., padding_side="left")
    const kw = call?.keywords.get('padding_side');
    const side = kw && evaluateString(ctx.facts, kw.value);
    if (kw && side && a.unpackIndex === undefined) {
      out.push({ variable: a.target, side, node: kw.node, literal: kw.value.type === 'string' ? kw.value : undefined, offset: a.node.startIndex, scope });
    }
  }
  // def load(): return AutoTokenizer.from_pretrained(..., padding_side="left")
  for (const c of ctx.facts.calls) {
    const kw = c.method === 'from_pretrained' ? c.keywords.get('padding_side') : undefined;
    if (!kw || c.node.parent?.type !== 'return_statement' || !isTokenizerLoad(c)) continue;
    const side = evaluateString(ctx.facts, kw.value);
    if (side) out.push({ variable: '', side, node: kw.node, literal: kw.value.type === 'string' ? kw.value : undefined, offset: c.node.startIndex, scope: c.scope?.id, load: c.node.id });
  }
  return out.sort((x, y) => x.offset - y.offset);
}

/**
 * ` (set in \`load_tokenizer()\`, which returns it)` for a setting inside the script's own function that returned the
 * tokenizer; ` (set in \`FineTuner.__init__()\`)` for one on \`self.tokenizer\` in another method of the class.
 */
function setIn(ctx: Parameters<Rule['check']>[0], s: SideSetting, trainerScope: number | undefined): string {
  if (s.scope === undefined || s.scope === trainerScope) return '';
  const fn = enclosingFunction(s.node);
  const name = fn?.childForFieldName('name')?.text;
  if (!fn || !name) return '';
  const cls = classOfMethod(ctx.facts, fn);
  return cls ? ` (set in \`${cls.name}.${name}()\`)` : ` (set in \`${name}()\`, which returns it)`;
}

const rule: Rule = {
  code: 'TL201',
  name: 'left-padding-in-training',
  severity: 'warning',
  fix: 'safe',
  overriddenBy: ['batches'],
  requires: ['padding_side'],
  docs: `## What it does
Flags \`tokenizer.padding_side = "left"\` (or \`padding_side="left"\` when loading the tokenizer) that is
still in effect when training starts with a collator that pads on the tokenizer's side:
transformers' collators (\`DataCollatorForLanguageModeling\`, \`DataCollatorForSeq2Seq\`,
\`DataCollatorWithPadding\`, the plain \`Trainer\` default) or \`SFTTrainer\`'s default on TRL ≤ 0.16.

\`DataCollatorWithPadding\` (also the plain \`Trainer\`'s default when it gets a tokenizer) pads only the model
inputs and never \`labels\`: a causal LM's per-token labels must already have one length per batch, so it pads
nothing, and rows of different lengths fail to batch before any padding matters. With it the rule reports only when
the training rows are known to have no \`labels\` column (a classifier's \`label\`); a script that pads its rows
itself (\`input_ids += [pad_id] * (max_len - len(input_ids))\` in its own \`Dataset\`) and trains with
\`Trainer(tokenizer=tokenizer)\` is not flagged.

A tokenizer the script's own function returns is followed into it: \`padding_side="left"\` set inside
\`def load_tokenizer(): tok = AutoTokenizer.from_pretrained(…, padding_side="left"); return tok\` (or \`return model, tok\`
unpacked at the call) is in effect for \`tokenizer = load_tokenizer()\` unless the script sets the side again after the
call. Only when the function provably returns that tokenizer: a single \`return\`, or every \`return\` giving the same
name, with no setting between them and no path that runs off the end.

A script written as a class is followed across its methods: \`self.tokenizer\` read where \`train()\` builds the
collator is the tokenizer of the class's one assignment to it (in \`__init__\` or a \`setup()\` method), and the side
set on it after that assignment in the same method (or in \`train()\` before training) is the one in effect. Only when
nothing else can give the attribute a value: one assignment in the class, a class with no base but \`object\`, no
subclass of the script that sets it, no \`setattr\`/\`__dict__\`, nothing outside the class setting \`obj.tokenizer\`.
A side set on it in any other method (\`generate()\`, whose turn before or after training is unknown), or after the
assigning method calls another method of the class, leaves the side unknown: no finding.

A side set under an \`if\` that the trainer call is not under is in effect only when the condition holds. A condition
the script decides (a module constant) is evaluated: false, no finding. One it does not decide makes the finding
information that names it: LLaMA-Factory's \`run_sft\` sets \`tokenizer.padding_side = "left"\` only
\`if training_args.predict_with_generate:\`, which its argument parser refuses together with \`do_train\`
(\`src/llmtuner/model/parser.py\` of the LLaMA-Factory copy in phanxuanphucnd/LLMs-SFT-DPO: "\`predict_with_generate\`
cannot be set as True while training").

## Why is this bad?
Left padding is for batched generation. In training it shifts every real token's position and, in
fp16, is a known source of nan or zero loss (Llama-2). The setting is usually copied from a
generation snippet. TRL ≥ 0.17 collators always pad on the right, so they are not affected.
\`PPOTrainer\` is not flagged: it generates responses from the padded prompts of each batch, which pad on the left
(TRL's own \`examples/scripts/ppo/ppo.py\` loads its tokenizer with \`padding_side="left"\`).

## Example
\`\`\`python
from transformers import AutoTokenizer, Trainer, TrainingArguments, DataCollatorForSeq2Seq

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-hf")
tokenizer.padding_side = "left"
trainer = Trainer(model=model, args=TrainingArguments("out"), train_dataset=ds,
                  data_collator=DataCollatorForSeq2Seq(tokenizer))
trainer.train()
\`\`\`

## Use instead
\`\`\`python
from transformers import AutoTokenizer, Trainer, TrainingArguments, DataCollatorForSeq2Seq

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-hf")
tokenizer.padding_side = "right"
trainer = Trainer(model=model, args=TrainingArguments("out"), train_dataset=ds,
                  data_collator=DataCollatorForSeq2Seq(tokenizer))
trainer.train()
tokenizer.padding_side = "left"  # for batched generation after training
\`\`\`

## Fix safety
Replacing \`"left"\` with \`"right"\` is safe for training. If the same tokenizer is later used for
batched generation, set \`"left"\` again after \`trainer.train()\`. No fix is offered for a side set inside the
script's own loader function (its other callers may load a tokenizer for generation), or in another method of the
class than the one that trains (the class may generate with it too).

## References
- huggingface/trl PR #550, #1842, #4497; huggingface/transformers#25311
- TRL's own collators pad right; TRL source v0.16 (transformers collator by default)
- PPOTrainer: huggingface/trl v0.12.0 and v0.20.0 \`trl/trainer/ppo_trainer.py\` (\`queries = data["input_ids"]\`, then
  \`batch_generation(…)\`; default collator \`DataCollatorWithPadding(self.processing_class)\` from v0.20.0), and
  \`examples/scripts/ppo/ppo.py\` (\`padding_side="left"\`)
- \`DataCollatorWithPadding\` only calls \`tokenizer.pad\` and renames \`label\`/\`label_ids\` to \`labels\`; unlike
  \`DataCollatorForTokenClassification\` and \`DataCollatorForSeq2Seq\` it never pads labels (transformers
  \`src/transformers/data/data_collator.py\`); the plain \`Trainer\` uses it by default when given a tokenizer.
  taishan1994/Llama3.1-Finetuning#13: its maintainer on the side of a tokenizer whose rows the scripts pad themselves
  (left or right makes no difference there)
- \`from_pretrained(…, padding_side="left")\` sets the side: transformers \`src/transformers/tokenization_utils_base.py\`
  \`PreTrainedTokenizerBase.__init__\` (\`self.padding_side = kwargs.pop("padding_side", self.padding_side)\`), and the
  collators pad through \`tokenizer.pad\` (\`src/transformers/data/data_collator.py\`)
`,
  check(ctx) {
    const settings = sideSettings(ctx);
    if (!settings.some((s) => s.side === 'left')) return;
    const reported = new Set<number>();
    for (const t of ctx.trainers) {
      // PPOTrainer generates from the padded prompts of each batch: left is the side it needs.
      if (isTrainer(t, ['PPOTrainer'], ['trl'])) continue;
      const start = trainingStartOffset(ctx.facts, t);
      const ds = ctx.datasets.at(trainerArg(t, 'train_dataset')?.value);
      const c = trainerCollator(ctx, t, ds?.columns);
      const tokNode = c.call ? collatorTokenizerArg(c.call) : trainerTokenizerArg(t);
      const tokText = tokNode?.text;
      if (!tokText) continue;
      // Settings inside the script's own function that returned the tokenizer, then those at module level or in
      // the trainer's own function: the last one before training starts.
      const ordered = statementsOnTokenizer(ctx.facts, tokNode, settings, (s) => s.variable === tokText && s.offset < start
        && (s.scope === undefined || s.scope === t.call.scope?.id));
      // Nothing set on a name: the side the load itself was given, when the script's own function returns the load.
      const load = ordered?.length === 0 ? tokenizerOrigin(ctx.facts, ctx.a.callsByNode, tokNode)?.load.node.id : undefined;
      const last = ordered?.length ? ordered[ordered.length - 1] : settings.find((s) => load !== undefined && s.load === load);
      if (!last || last.side !== 'left' || reported.has(last.node.id)) continue;
      let severity = ctx.rule.severity;
      let note = '';
      let what = c.name ?? 'the collator';
      if (c.kind === 'sft-default') {
        const v = ctx.version('trl', { before: '0.17' });
        if (!v.severity) continue;
        severity = v.severity;
        note = v.note;
        what = "SFTTrainer's default collator";
      } else if (c.kind === 'lm-by-pad-id' && c.name === 'DataCollatorForCompletionOnlyLM') {
        if (!ctx.version('trl', { before: '0.20' }).severity) continue;
      } else if (c.kind !== 'lm-by-pad-id' && c.kind !== 'pads-on-side') continue;
      // DataCollatorWithPadding (the plain Trainer's default with a tokenizer) pads only the model inputs, never
      // `labels`: per-token labels must already be one length per batch, so nothing is padded (or the batch fails to
      // build). Left padding reaches training only for rows known to carry no `labels` (a classifier's `label`).
      if (c.name === 'DataCollatorWithPadding' && (!ds?.columns || ds.columns.includes('labels'))) continue;
      // A side set under an `if` the trainer call is not under is in effect only when its condition holds: one the
      // script decides (a constant) counts as such; one it does not (`if training_args.predict_with_generate:` in
      // LLaMA-Factory's `run_sft`, a flag its argument parser refuses together with `do_train`) makes it information.
      const condition = unsharedCondition(ctx.facts, last.node, t.call.node);
      if (condition === false) continue;
      if (condition) {
        severity = 'information';
        note += ` (if \`${condition}\` holds: the side is set only then)`;
      }
      reported.add(last.node.id);
      ctx.report({
        node: last.node,
        severity,
        message: `\`${tokText}\` pads on the left when training starts${setIn(ctx, last, t.call.scope?.id)}, and ${what} follows \`padding_side\`: left padding is for generation and can give nan or zero loss in half precision${note}. Set \`padding_side = "right"\` for training.`,
        related: [{ node: (c.call ?? t.call).node, message: `${what} pads the training batches` }],
        // A setting in the script's own loader serves its other callers too (batched generation): no fix there.
        fixes: last.literal && !setIn(ctx, last, t.call.scope?.id)
          ? [{ title: 'Pad on the right for training', applicability: 'safe', edits: [replaceNode(ctx.source, last.literal, last.literal.text.replace(/left/, 'right'))] }]
          : [],
      });
    }
  },
};
export default rule;
