import type { Node } from 'web-tree-sitter';
import { minSeverity, type Fix, type Severity } from '../diagnostics';
import { inExclusiveBranches, unsharedCondition } from '../domain/branches';
import { traceModel } from '../domain/model-trace';
import { conditionalPeftConfig, peftHelperFlagSet } from '../domain/peft-wraps';
import { ENABLING_SINCE, SELF_ENABLING_CONFIGS, trainersEnableInputGrads } from '../domain/trainer-input-grads';
import { isConfigCall, isLibraryCall, isTrainer, type TrainerFact } from '../domain/trainers';
import { isQualified } from '../facts/imports';
import type { CallFact } from '../facts/types';
import { evaluate, evaluateBool, type PyValue } from '../facts/values';
import { assignmentsWithValue } from '../facts/reaching';
import { insertAt } from './edits';
import type { RuleContext } from './context';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL401',
  name: 'peft-checkpointing-without-input-grads',
  severity: 'warning',
  fix: 'safe',
  docs: `## What it does
Flags PEFT's \`get_peft_model(...)\` combined with gradient checkpointing that PEFT did not prepare for:
\`gradient_checkpointing=True\` in the training arguments (the trainer turns it on after wrapping), a
\`gradient_checkpointing_enable()\` call after wrapping, or one before wrapping a quantized model; and none of
\`model.enable_input_require_grads()\`, \`prepare_model_for_kbit_training(...)\` or
\`gradient_checkpointing_kwargs={"use_reentrant": False}\` in the file.
A model that already checkpoints when PEFT wraps it (\`model.gradient_checkpointing_enable()\` before
\`get_peft_model(model, …)\`, not quantized) is prepared by PEFT itself, and the trainer's \`gradient_checkpointing=True\`
then finds its inputs requiring grad: not reported (huggingface/peft v0.4.0 to 5d602fdb \`src/peft/peft_model.py\`,
\`PeftModel.__init__\`: \`if getattr(model, "is_gradient_checkpointing", True): model =
self._prepare_model_for_gradient_checkpointing(model)\`, which calls \`model.enable_input_require_grads()\` unless the
model is loaded in 8 or 4 bits or quantized).
\`GRPOTrainer(peft_config=…)\` with \`GRPOConfig(gradient_checkpointing=True)\` is flagged the same way before TRL 0.16:
that trainer wraps the model with \`get_peft_model\` itself and then does nothing for its inputs (huggingface/trl
v0.14.0–v0.15.2 \`trl/trainer/grpo_trainer.py\`; v0.16.0 added \`_enable_gradient_checkpointing\`; huggingface/trl#3089).
A \`peft_config=get_peft_config(model_args)\` is information naming \`--use_peft\` unless \`model_args\` is the script's own
\`ModelConfig(…, use_peft=True)\`. \`gradient_checkpointing_kwargs=dict(use_reentrant=True)\` is read like the dict literal.
Checkpointing turned on only in a branch where no wrap runs (\`if args.use_lora: model = get_peft_model(…)\`, \`else:
model.gradient_checkpointing_enable()\`: full fine-tuning checkpoints, LoRA does not; yangziao56/qwen-lora-finetune
\`finetune_lora.py\`) is not reported.

## Why is this bad?
With reentrant checkpointing (the transformers default before 5.0) and frozen embeddings, the checkpointed blocks see
inputs that do not require grad. Training prints \`None of the inputs have requires_grad=True. Gradients will
be None\` and then fails with \`element 0 of tensors does not require grad and does not have a grad_fn\`, or the
LoRA weights inside checkpointed blocks silently never update. \`FastLanguageModel.get_peft_model\` (Unsloth)
handles this itself and is not flagged; TRL 1.9 trainers enable input grads themselves, and \`GRPOTrainer\` does from
TRL 0.16 (huggingface/trl v0.16.0 \`trl/trainer/grpo_trainer.py\` \`_enable_gradient_checkpointing\`: \`if use_reentrant:
model.enable_input_require_grads()\`; v0.26.2 \`if is_peft_available() and isinstance(model, PeftModel) and
args.gradient_checkpointing: model.enable_input_require_grads()\`), so a \`GRPOConfig(gradient_checkpointing=True)\` is
reported only on older TRL. \`DPOTrainer\` has done so since TRL 0.7.3, before \`DPOConfig\` existed, so a
\`DPOConfig(gradient_checkpointing=True)\` is never reported (v0.12.0 \`trl/trainer/dpo_trainer.py\`: \`elif
getattr(args, "gradient_checkpointing", False): … model.enable_input_require_grads()\` when no \`peft_config\` is passed;
v0.19.0 \`_prepare_gradient_checkpointing\`; v1.0.0 \`if is_peft_available() and isinstance(model, PeftModel) and
args.gradient_checkpointing\`). \`SFTConfig\` is reported only before TRL 0.20 (v0.20.0–v0.25.1 \`trl/trainer/sft_trainer.py\`:
\`if peft_config is not None or (is_peft_available() and isinstance(model, PeftModel))\` prepares the model, and
\`elif args.gradient_checkpointing:\` makes its inputs require grad; v0.26.0 \`if is_peft_available() and
isinstance(model, PeftModel) and args.gradient_checkpointing: model.enable_input_require_grads()\`; v0.19.1 returned a
\`PeftModel\` unprepared), \`RewardConfig\` only before TRL 0.22 (v0.22.0
\`trl/trainer/reward_trainer.py\` passes a \`PeftModel\` to \`prepare_peft_model\`, whose \`elif args.gradient_checkpointing:
enable_gradient_checkpointing(…)\` does it). Nor are \`ORPOConfig\`, \`CPOConfig\` and \`KTOConfig\`: their trainers have done the same
since their first releases (KTO v0.8.0, ORPO and CPO v0.8.2: the same \`elif\`, still in v1.9.0
\`trl/experimental/orpo/orpo_trainer.py\` and \`cpo_trainer.py\`; KTO from v1.5.0 \`if is_peft_model(model) and
args.gradient_checkpointing: model.enable_input_require_grads()\`).


Reentrant checkpointing is transformers' default only before 5.0: \`gradient_checkpointing_enable()\` with no
\`gradient_checkpointing_kwargs\` (the \`Trainer\`'s own call passes the config's, \`None\` by default) used
\`{"use_reentrant": True}\` and uses \`{"use_reentrant": False}\` from huggingface/transformers#43203 (merged 2026-01-09;
transformers 5.17.0 \`src/transformers/modeling_utils.py\`, \`gradient_checkpointing_enable\`). TRL 0.27 sets the same
default itself "until that change … is released (most likely in 5.0.0)" and only when \`transformers < 5.0.0\`
(huggingface/trl v0.27.0 40d8759d \`trl/trainer/sft_config.py\` \`__post_init__\`; in v1.9.0 the same gate is in
each trainer, \`trl/trainer/dpo_trainer.py\`, \`grpo_trainer.py\`, \`kto_trainer.py\`). Non-reentrant
checkpointing needs no input that requires grad, so with transformers ≥ 5.0 the rule is silent, with an unknown version
it is information naming the range, and a script that asks for \`gradient_checkpointing_kwargs={"use_reentrant": True}\`
is reported whatever the version (Amirmkordi/Qwen3-4B-Persian-SFT-LoRA \`train.py\` pins transformers 5.1.0: quiet).
A \`model.gradient_checkpointing_enable()\` after wrapping is not reported when the model goes to such a TRL trainer whose
config checkpoints: \`gradient_checkpointing=True\` on the releases above, or left out where it defaults to True (SFT,
GRPO, DPO, KTO and Reward configs from TRL 0.22; \`trl/trainer/base_config.py\` in 1.x), the trainer then making the
inputs require grad itself (kingrocfella/fraud-detection-api \`model_training_worker.py\`, TRL 0.25.1 pinned); with TRL
unknown it is information naming the releases before.
## Example
\`\`\`python
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B")
model = get_peft_model(model, LoraConfig(r=16, task_type="CAUSAL_LM"))
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o", gradient_checkpointing=True), train_dataset=ds)
\`\`\`

## Use instead
\`\`\`python
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B")
model = get_peft_model(model, LoraConfig(r=16, task_type="CAUSAL_LM"))
model.enable_input_require_grads()
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o", gradient_checkpointing=True), train_dataset=ds)
\`\`\`

## Fix safety
Adding \`model.enable_input_require_grads()\` right after \`get_peft_model\` is safe: it only registers a hook
that marks the embedding output as requiring grad, which is what PEFT itself does when checkpointing is
already on at wrap time. No fix is offered when the wrapped model is not assigned to a plain name.

## References
- huggingface/peft#1142; lm-sys/FastChat#581; locuslab/open-unlearning#178;
  datawhalechina/self-llm#172
`,
  check(ctx) {
    if (ctx.unsloth.imported) return;
    const wraps = ctx.facts.calls.filter((c) => isQualified(c.qualified, ['peft'], 'get_peft_model'))
      .sort((a, b) => a.node.startIndex - b.node.startIndex);
    if (hasRemedy(ctx)) return;
    if (wraps.length === 0) { for (const t of ctx.trainers) checkTrainerWrap(ctx, t); return; }
    const firstWrap = wraps[0];
    // `training_args.gradient_checkpointing = False` in a block that wraps, before the wrap: the trainer does not
    // checkpoint, nor does a call guarded by that attribute (MedicalGPT's grpo_training.py turns it off for LoRA).
    const disabled = disabledBefore(ctx, firstWrap);
    const sources: Array<{ node: Node; message: string; severity: Severity; note: string; wrap?: CallFact; config?: true }> = [];
    // Wraps of a model that already checkpoints: PEFT made its inputs require grad (PeftModel.__init__: `if
    // getattr(model, "is_gradient_checkpointing", True): model = self._prepare_model_for_gradient_checkpointing(model)`,
    // which calls `model.enable_input_require_grads()` on a model that is not quantized; peft v0.4.0 to v0.17+), and
    // the hook stays when the trainer turns checkpointing on again.
    const prepared = new Set<CallFact>();
    for (const call of ctx.facts.calls) {
      // Checkpointing turned on only where no wrap runs (`if args.use_lora: model = get_peft_model(…)` / `else:
      // model.gradient_checkpointing_enable()`, yangziao56/qwen-lora-finetune `finetune_lora.py`): full fine-tuning.
      const isEnable = call.method === 'gradient_checkpointing_enable' && !!call.receiver;
      if ((isEnable || isConfigCall(call)) && wraps.every((w) => inExclusiveBranches(call.node, w.node, ctx.facts))) continue;
      if (isConfigCall(call)) {
        if (disabled.length > 0) continue;
        const gc = call.keywords.get('gradient_checkpointing');
        if (!gc || evaluateBool(ctx.facts, gc.value) !== true) continue;
        let severity: Severity = ctx.rule.severity;
        let note = '';
        const configName = call.calleeText.split('.').pop() ?? '';
        if (isLibraryCall(call, [configName], ['trl'])) {
          // GRPOTrainer makes a PEFT model's inputs require grad itself from TRL 0.16 (v0.16.0–v0.21.0
          // `_enable_gradient_checkpointing`, v0.22.0–v0.25.1 `prepare_peft_model` → `enable_gradient_checkpointing`,
          // v0.26.0–v1.9.0 `if … is_peft_model(model) and args.gradient_checkpointing: model.enable_input_require_grads()`).
          // DPOTrainer has done so whenever `args.gradient_checkpointing` is set since v0.7.3 (before DPOConfig existed):
          // v0.7.3–v0.18.2 `elif getattr(args, "gradient_checkpointing", False): model.enable_input_require_grads()` when
          // no peft_config is passed, v0.19.0–v0.28.0 `_prepare_gradient_checkpointing`, v0.29.0–v1.9.0 `if … is_peft_model(model)
          // and args.gradient_checkpointing`.
          // ORPOTrainer and CPOTrainer (v0.8.2, their first release, to v1.9.0, `trl/experimental/…` from v0.26.0) and
          // KTOTrainer (v0.8.0 to v1.4.0 the same `elif`; v1.5.0–v1.9.0 `if is_peft_model(model) and
          // args.gradient_checkpointing: model.enable_input_require_grads()`) do too: no release of these four configs
          // has a trainer that leaves it to the script, so there is no range to name.
          if (SELF_ENABLING_CONFIGS.has(configName)) continue;
          // SFTTrainer from v0.20.0, RewardTrainer from v0.22.0 (`domain/trainer-input-grads.ts`).
          const v = ctx.version('trl', { before: ENABLING_SINCE[configName] ?? '1.9' });
          if (!v.severity) continue;
          severity = v.severity; note = v.note;
        }
        sources.push({ node: gc.node, message: 'gradient checkpointing enabled here (the trainer turns it on after PEFT wrapped the model)', severity, note, config: true });
      } else if (isEnable && call.receiver) {
        // Before or after wrapping is read in the call's own scope when it wraps there: a test function that enables
        // checkpointing and then wraps is not "after" another function's wrap (huggingface/peft tests/test_cartridge.py).
        const local = wraps.filter((w) => (w.scope?.id ?? -1) === (call.scope?.id ?? -1));
        const after = call.node.startIndex > (local[0] ?? firstWrap).node.startIndex;
        const quantized = traceModel(ctx.facts, ctx.a.callsByNode, call.receiver).load?.quantized === true;
        if (!after && !quantized) { // PEFT prepares models that already checkpoint at wrap time
          for (const w of preparedBy(ctx, wraps, call)) prepared.add(w);
          continue;
        }
        if (after && guardedBy(call.node, disabled)) continue;
        // The TRL trainer the wrapped model goes to makes its inputs require grad itself when its config checkpoints.
        const byTrainer = after ? trainersEnableInputGrads(ctx.facts, ctx.trainers, call.receiver.text) : undefined;
        const trl = byTrainer && byTrainer !== 'always' ? ctx.version('trl', { before: byTrainer }) : undefined;
        if (byTrainer === 'always' || (trl && !trl.severity)) continue;
        const wrap = wrapOf(ctx, wraps, call);
        // Enabled under a flag the wrap does not share (`if args.gradient_checkpointing:`, peft's stable_diffusion
        // `train_dreambooth.py`): only runs with that flag set; never, when the script's values contradict the wrap's.
        const condition = unsharedCondition(ctx.facts, call.node, (wrap ?? local[0] ?? firstWrap).node);
        if (condition === false) continue;
        sources.push({
          node: call.node, message: after ? 'gradient checkpointing enabled after wrapping' : 'gradient checkpointing enabled on a quantized model (PEFT does not prepare those)',
          severity: minSeverity(condition ? minSeverity(ctx.rule.severity, 'information') : ctx.rule.severity, trl?.severity ?? ctx.rule.severity),
          note: `${condition ? ` (if \`${condition}\` holds: checkpointing is enabled only then)` : ''}${trl?.note ?? ''}`, wrap,
        });
      }
    }
    // Every wrap is of a model that checkpointed already: the trainer's own `gradient_checkpointing=True` finds the
    // inputs made to require grad (heisenburgerking/whopperdd finetune_llama.py: `model.gradient_checkpointing_enable()`,
    // then `get_peft_model(model, …)`, then `TrainingArguments(gradient_checkpointing=True)`).
    if (wraps.every((w) => prepared.has(w))) sources.splice(0, sources.length, ...sources.filter((s) => !s.config));
    if (sources.length === 0) return;
    // Checkpointing is reentrant only by transformers' default before 5.0 (`gradient_checkpointing_kwargs = {"use_reentrant":
    // True}` when none is given; huggingface/transformers#43203 made it `{"use_reentrant": False}`, transformers 5.17.0
    // `modeling_utils.py` `gradient_checkpointing_enable`). Non-reentrant checkpointing needs no input that requires grad.
    // A script that asks for `use_reentrant: True` itself is affected on every version.
    if (!asksReentrant(ctx)) {
      const tf = ctx.version('transformers', { before: '5.0' });
      if (!tf.severity) return;
      for (const src of sources) { src.severity = minSeverity(src.severity, tf.severity); src.note = `${src.note}${tf.note}`; }
    }
    const worst = sources.find((s) => s.severity === ctx.rule.severity) ?? sources[0];
    // `text_encoder.gradient_checkpointing_enable()` after `text_encoder = get_peft_model(text_encoder, …)`: point at that
    // wrap (a diffusers script wraps the UNet first, whose own checkpointing is not reentrant).
    const wrap = worst.wrap ?? firstWrap;
    ctx.report({
      node: wrap.callee,
      severity: worst.severity,
      message: `get_peft_model() with gradient checkpointing, but nothing makes the inputs require grad: reentrant checkpointing then fails with "element 0 of tensors does not require grad" or leaves the LoRA weights untrained${worst.note}. Call \`model.enable_input_require_grads()\` (or \`prepare_model_for_kbit_training\`, or use_reentrant=False).`,
      related: sources.map((s) => ({ node: s.node, message: s.message })),
      fixes: fixFor(ctx, wrap),
    });
  },
};


/**
 * Targets (`training_args.gradient_checkpointing`) set to False before `wrap`, by a statement of a block that holds
 * the wrap: whenever the wrap runs, checkpointing was turned off first.
 */
function disabledBefore(ctx: RuleContext, wrap: CallFact): string[] {
  const out: string[] = [];
  for (const a of ctx.facts.assignments) {
    if (!/(^|\.)gradient_checkpointing$/.test(a.target) || a.subscriptKey !== undefined) continue;
    if (a.node.startIndex > wrap.node.startIndex || evaluateBool(ctx.facts, a.value) !== false) continue;
    // The statement's block, or the block of an `if` that only guards it (`if args.gc: args.gc = False`).
    let stmt: Node | null = a.node.parent?.type === 'expression_statement' ? a.node.parent : a.node;
    while (stmt?.parent?.type === 'block' && stmt.parent.parent?.type === 'if_statement'
      && stmt.parent.parent.childForFieldName('condition')?.text.includes(a.target)) stmt = stmt.parent.parent;
    const block = stmt?.parent;
    if (block && block.startIndex <= wrap.node.startIndex && wrap.node.endIndex <= block.endIndex) out.push(a.target);
  }
  return out;
}

/**
 * The wraps `get_peft_model(NAME, …)` after `NAME.gradient_checkpointing_enable()` in the same scope, with no new
 * `NAME = …` in between: PEFT wraps a model that checkpoints.
 */
function preparedBy(ctx: RuleContext, wraps: CallFact[], enable: CallFact): CallFact[] {
  const name = enable.receiver?.text;
  if (!name) return [];
  return wraps.filter((w) => {
    if (w.node.startIndex < enable.node.endIndex || (w.scope?.id ?? -1) !== (enable.scope?.id ?? -1)) return false;
    const arg = w.positional[0] ?? w.keywords.get('model');
    if (arg?.value.text !== name) return false;
    return !ctx.facts.assignments.some((a) => a.target === name && a.subscriptKey === undefined && a.value.id !== w.node.id
      && a.node.startIndex > enable.node.endIndex && a.node.startIndex < w.node.startIndex);
  });
}

/** Is `node` inside an `if` whose condition reads one of `targets`? */
function guardedBy(node: Node, targets: string[]): boolean {
  if (targets.length === 0) return false;
  for (let n: Node | null = node.parent; n; n = n.parent) {
    if (n.type !== 'if_statement') continue;
    const cond = n.childForFieldName('condition')?.text ?? '';
    if (targets.some((t) => new RegExp(`(^|[^\\w.])${t.replace(/\./g, '\\.')}\\b`).test(cond))) return true;
  }
  return false;
}

/** The last `NAME = get_peft_model(...)` before `NAME.gradient_checkpointing_enable()`, if the names match. */
function wrapOf(ctx: RuleContext, wraps: CallFact[], enable: CallFact): CallFact | undefined {
  const name = enable.receiver?.text;
  let found: CallFact | undefined;
  for (const w of wraps) {
    if (w.node.startIndex > enable.node.startIndex) break;
    if (ctx.facts.assignments.some((x) => x.value.id === w.node.id && x.target === name && x.subscriptKey === undefined)) found = w;
  }
  return found;
}

/** `gradient_checkpointing_kwargs={"use_reentrant": True}` somewhere in the file: reentrant on every transformers. */
function asksReentrant(ctx: RuleContext): boolean {
  return ctx.facts.calls.some((c) => {
    const kwargs = c.keywords.get('gradient_checkpointing_kwargs');
    const v = kwargs ? kwargsValue(ctx, kwargs.value) : undefined;
    return v?.kind === 'dict' && v.entries.some(([k, x]) => k === 'use_reentrant' && x.kind === 'bool' && x.value === true);
  });
}

/** Any of the remedies, anywhere in the file (or something we cannot read). */
function hasRemedy(ctx: RuleContext): boolean {
  for (const c of ctx.facts.calls) {
    if (c.method === 'enable_input_require_grads') return true;
    if (['prepare_model_for_kbit_training', 'prepare_model_for_int8_training'].some((n) => isQualified(c.qualified, ['peft'], n))) return true;
    const kwargs = c.keywords.get('gradient_checkpointing_kwargs');
    if (kwargs) {
      const v = kwargsValue(ctx, kwargs.value);
      if (v.kind !== 'dict') return true;
      if (v.entries.some(([k, x]) => k === 'use_reentrant' && !(x.kind === 'bool' && x.value === true))) return true;
    }
  }
  return false;
}

/** A keyword dict: a literal, or \`dict(use_reentrant=True)\` (keywords only, \`dict\` not rebound). */
function kwargsValue(ctx: RuleContext, node: Node): PyValue {
  const v = evaluate(ctx.facts, node);
  if (v.kind === 'dict' || node.type !== 'call' || node.childForFieldName('function')?.text !== 'dict') return v;
  if (ctx.facts.assignments.some((a) => a.target === 'dict')) return v;
  const entries: Array<[string, PyValue]> = [];
  for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!arg || arg.type === 'comment') continue;
    const name = arg.type === 'keyword_argument' ? arg.childForFieldName('name')?.text : undefined;
    const value = arg.childForFieldName('value');
    if (!name || !value) return v;
    entries.push([name, evaluate(ctx.facts, value)]);
  }
  return { kind: 'dict', entries };
}

/**
 * \`GRPOTrainer(peft_config=…)\` with \`GRPOConfig(gradient_checkpointing=True)\` before TRL 0.16: the trainer wraps the
 * model with \`get_peft_model\` itself and never makes its inputs require grad (huggingface/trl v0.14.0–v0.15.2
 * \`trl/trainer/grpo_trainer.py\`: \`if peft_config is not None: model = get_peft_model(model, peft_config)\`, nothing
 * else); transformers' \`Trainer\` then turns reentrant checkpointing on, whose \`enable_input_require_grads()\` runs only
 * for adapters added with \`model.add_adapter\` (\`_hf_peft_config_loaded\`), not for a \`PeftModel\`. v0.16.0 added
 * \`_enable_gradient_checkpointing\`, which does it. Reported in huggingface/trl#3089.
 */
function checkTrainerWrap(ctx: RuleContext, t: TrainerFact): void {
  if (!isTrainer(t, ['GRPOTrainer'], ['trl'])) return;
  const pc = t.call.keywords.get('peft_config');
  if (!pc || evaluate(ctx.facts, pc.value).kind === 'none') return;
  const gc = t.config?.keywords.get('gradient_checkpointing');
  if (!gc || evaluateBool(ctx.facts, gc.value) !== true) return;
  let v = ctx.version('trl', { before: '0.16' });
  if (!v.severity) return;
  let note = v.note;
  if (!asksReentrant(ctx)) {
    const tf = ctx.version('transformers', { before: '5.0' });
    if (!tf.severity) return;
    v = { ...v, severity: minSeverity(v.severity, tf.severity) };
    note += tf.note;
  }
  // `get_peft_config(model_args)` is a config only with `--use_peft`, unless the script's own ModelConfig sets it.
  const helper = conditionalPeftConfig(ctx.facts, ctx.a.callsByNode, pc.value);
  const conditional = helper && !peftHelperFlagSet(ctx.facts, ctx.a.callsByNode, pc.value);
  ctx.report({
    node: pc.node,
    severity: conditional ? minSeverity(v.severity!, 'information') : v.severity,
    message: `GRPOTrainer wraps the model with get_peft_model itself (\`peft_config=\`) and, before TRL 0.16, never makes its inputs require grad; with gradient checkpointing, reentrant checkpointing then fails with "element 0 of tensors does not require grad"${note}${conditional ? ` when the script runs with ${helper!.when}` : ''}. Load the model in the script, call \`model.enable_input_require_grads()\`, and pass it; or set \`gradient_checkpointing_kwargs={"use_reentrant": False}\`; or upgrade TRL.`,
    related: [{ node: gc.node, message: 'gradient checkpointing enabled here' }],
  });
}

function fixFor(ctx: RuleContext, wrap: CallFact): Fix[] {
  const a = assignmentsWithValue(ctx.facts, wrap.node).find((x) => x.subscriptKey === undefined && x.unpackIndex === undefined);
  if (!a || !/^[A-Za-z_]\w*$/.test(a.target)) return [];
  const stmt = a.node.parent?.type === 'expression_statement' ? a.node.parent : a.node;
  const endLine = ctx.source.positionAt(stmt.endIndex).line;
  const startLine = ctx.source.positionAt(stmt.startIndex).line;
  const indent = /^[ \t]*/.exec(ctx.source.lineText(startLine))![0];
  if (ctx.source.positionAt(stmt.startIndex).character !== indent.length) return [];
  return [{
    title: `Add ${a.target}.enable_input_require_grads() after get_peft_model`,
    applicability: 'safe',
    edits: [insertAt(ctx.source, ctx.source.lineEnd(endLine), `\n${indent}${a.target}.enable_input_require_grads()`)],
  }];
}
export default rule;
