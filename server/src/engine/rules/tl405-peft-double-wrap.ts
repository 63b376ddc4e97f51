import { minSeverity } from '../diagnostics';
import { trainerModelArg } from '../domain/models';
import { traceModel } from '../domain/model-trace';
import { conditionalPeftConfig, isPeftWrap, wrapLabel, wrappedModelArg, type ModelWrap } from '../domain/peft-wraps';
import { isQualified } from '../facts/imports';
import type { CallFact, FileFacts } from '../facts/types';
import { inExclusiveBranches } from '../domain/branches';
import { assignmentsTo } from '../facts/reaching';
import { evaluate } from '../facts/values';
import type { Node } from 'web-tree-sitter';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL405',
  name: 'peft-double-wrap',
  severity: 'warning',
  fix: 'none',
  docs: `## What it does
Flags adapters added to a model that already has them: a model wrapped with \`get_peft_model\` /
\`FastLanguageModel.get_peft_model\` / \`PeftModel.from_pretrained\` and then passed to a trainer together with
\`peft_config=\`, or wrapped a second time. Wraps that never run in the same pass are not a second wrap: two
branches of one \`if\`, blocks whose guards contradict, a wrap guarded by a flag that a statement beside the first one
sets the other way (\`checkpoint_loaded = True\` after \`PeftModel.from_pretrained\`, then \`if not checkpoint_loaded:\`,
Arnie016/Law_Qwen \`scripts/grpo/grpo_legal_training.py\`), and a retry in an \`except\` clause of a load that ends the
\`try\` body (the handler runs only when that load raised: huggingface/autotrain-advanced \`trainers/clm/utils.py\`), also
when the statements after it in the body only print or log (\`print(…)\`, \`model.print_trainable_parameters()\`,
\`logger.info(…)\`): roclee2692/Chinese-LLM-LoRA-Finetuning \`working_qwen_training.py\` retries \`get_peft_model\` with other
\`target_modules\` under \`except ValueError\`, PEFT's error for target modules it does not find.
A \`peft_config=get_peft_config(model_args)\` is a config only when the script runs with \`--use_peft\` (TRL's
\`get_peft_config\` returns None otherwise): the script run with its defaults does not fail, so that case is
information that names the flag. A config variable set to \`None\` beside the wrap in its branch (\`if adapter_path:
model = PeftModel.from_pretrained(…); trainer_peft_config = None\`) never reaches the trainer with the wrapped model:
not flagged; one set to \`None\` elsewhere (\`cfg = None\` then \`if use_lora: cfg = lora\`) is information saying so.
Nor is a config variable whose every config is made in a branch the wrap never shares a pass with (the SFT adapter
loaded under \`if args.peft_path:\`, the \`LoraConfig\` built under the \`else:\` of the same test, passed as
\`peft_config if args.use_peft else None\`: csnewerst/SFT-and-Preference-Alignment-for-Multi-Turn-E-Commerce-After-Sales-Customer-Service
\`training/dpo_training.py\`).

## Why is this bad?
TRL (0.27 and later) refuses the first case: \`ValueError: You passed a PeftModel instance together with a
peft_config to the trainer. Please first merge and unload the existing adapter…\`; older versions ignored the config. Unsloth refuses a second
\`get_peft_model\` with new parameters (\`Unsloth: Your model already has LoRA adapters. Your new parameters are
different.\`). PEFT's \`get_peft_model\` wraps the PeftModel in a second one (warning "You are trying to modify a model
with PEFT for a second time"), and under the adapter name both use (\`"default"\` unless \`adapter_name=\` is given) its
LoRA layers replace the adapter already there on every module both configs target: an adapter loaded with
\`PeftModel.from_pretrained\` is re-initialised, not trained further (peft v0.17.1 \`mapping_func.py\`,
\`tuners/lora/model.py\` \`_create_and_replace\` → \`update_layer\`); the saved adapter is nested and no longer loads
on the base model.

## Example
\`\`\`python
from peft import LoraConfig, get_peft_model
from trl import SFTTrainer, SFTConfig

lora = LoraConfig(r=16, target_modules="all-linear")
model = get_peft_model(model, lora)
trainer = SFTTrainer(model=model, peft_config=lora, train_dataset=ds, args=SFTConfig(output_dir="o"))
\`\`\`

## Use instead
\`\`\`python
from peft import LoraConfig
from trl import SFTTrainer, SFTConfig

lora = LoraConfig(r=16, target_modules="all-linear")
trainer = SFTTrainer(model=model, peft_config=lora, train_dataset=ds, args=SFTConfig(output_dir="o"))
\`\`\`

## Fix safety
No fix: keeping the trainer's \`peft_config\` or the script's own wrapping are both valid, and only the user
knows which configuration is the intended one.

## References
- TRL 1.9 SFT/DPO trainer source, Unsloth source; huggingface/trl PR #4713 (v0.27)
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      const pc = t.call.keywords.get('peft_config');
      if (!pc || evaluate(ctx.facts, pc.value).kind === 'none') continue;
      const trace = traceModel(ctx.facts, ctx.a.callsByNode, trainerModelArg(t.call)?.value);
      const wrap = trace.wraps[0];
      if (!wrap) continue;
      // TRL trainers refuse a PeftModel plus peft_config from 0.27 (PR #4713); before, peft_config was skipped.
      const v = ctx.version('trl', { from: '0.27' });
      if (!v.severity) continue;
      // `peft_config=get_peft_config(model_args)` is a config only when the script runs with `--use_peft`: a failure
      // that needs a flag the script's defaults do not set is information naming it.
      const helper = conditionalPeftConfig(ctx.facts, ctx.a.callsByNode, pc.value);
      // `trainer_peft_config = None` beside the wrap (the branch that loads an adapter passes no config): no second set.
      const noneSets = pc.value.type === 'identifier'
        ? assignmentsTo(ctx.facts, pc.value.text).filter((a) => evaluate(ctx.facts, a.value).kind === 'none') : [];
      if (noneSets.some((a) => pairedInBranch(a.node, wrap.node, t.call.node))) continue;
      // Every config the variable can hold is made in a branch the wrap never shares a pass with (`if args.peft_path:
      // model = PeftModel.from_pretrained(…)` … `else: peft_config = LoraConfig(…)`): one set of adapters per run.
      if (configsExclusiveWithWrap(ctx.facts, pc.value, wrap.node)) continue;
      const maybeNone = noneSets.length > 0;
      ctx.report({
        node: pc.node,
        severity: helper || maybeNone ? minSeverity(v.severity, 'information') : v.severity,
        message: `The model passed to ${t.kind} already has adapters (${wrapLabel(wrap)}), and \`peft_config=\` asks for another set: TRL raises "You passed a PeftModel instance together with a peft_config"${v.note}${helper ? ` when the script runs with ${helper.when} (${helper.helper} returns None without it)` : ''}${maybeNone && !helper ? ` when \`${pc.value.text}\` is not None (it is set to None at line ${noneSets[0].node.startPosition.row + 1})` : ''}. Keep one of the two.`,
        related: [{ node: wrap.node, message: 'adapters added here' }],
      });
    }
    for (const c of ctx.facts.calls) {
      if (!isPeftWrap(ctx.facts, c)) continue;
      const inner = traceModel(ctx.facts, ctx.a.callsByNode, wrappedModelArg(c)?.value);
      const first = inner.wraps[0];
      if (!first) continue;
      ctx.report({
        node: c.callee,
        message: `${c.calleeText} is applied to a model that already has adapters (${wrapLabel(first)}): ${secondWrapEffect(c, first)} Wrap the model once.`,
        related: [{ node: first.node, message: 'adapters first added here' }],
      });
    }
  },
};
/**
 * What the second wrap does. Unsloth's `get_peft_model` refuses new parameters. PEFT's wraps the PeftModel again
 * (warning "You are trying to modify a model with PEFT for a second time") and, under the adapter name the first
 * wrap used ("default" for both unless `adapter_name=` is given), LoRA's `_create_and_replace` calls `update_layer` on
 * the layers that already hold it: a fresh adapter replaces the one there (peft v0.17.1 `mapping_func.py`,
 * `tuners/lora/model.py`). Loading an adapter onto a PeftModel nests the wrappers.
 */
function secondWrapEffect(second: CallFact, first: ModelWrap): string {
  if (isQualified(second.qualified, ['peft'], 'get_peft_model')) {
    const named = second.keywords.has('adapter_name') || !first.call || first.call.keywords.has('adapter_name') || /^(FastLanguageModel|FastModel|FastVisionModel)\b/.test(first.calleeText);
    return named
      ? 'PEFT wraps the PeftModel in a second one ("modify a model with PEFT for a second time").'
      : 'PEFT wraps it in a second PeftModel, and as both use the adapter name "default", on every module both configs target the new LoRA layers replace the adapter already there (its weights are re-initialised).';
  }
  if (second.method === 'get_peft_model') return 'Unsloth refuses new parameters ("Your model already has LoRA adapters").';
  return 'PEFT nests the adapters.';
}

/**
 * The `peft_config=` value names a variable (directly or as a branch of `cfg if use_peft else None`) whose every
 * assignment of something other than None runs only where the wrap does not (`inExclusiveBranches`):
 * csnewerst/SFT-and-Preference-Alignment-… `training/dpo_training.py` loads the SFT adapter under `if args.peft_path:`
 * and builds its LoraConfig under the `else:` of the same test. False when any config is made outside such a branch,
 * or the name is never assigned here (a parameter).
 */
function configsExclusiveWithWrap(facts: FileFacts, value: Node, wrapNode: Node): boolean {
  const names = configNames(facts, value);
  if (!names || names.length === 0) return false;
  return names.every((name) => {
    const sets = assignmentsTo(facts, name).filter((a) => evaluate(facts, a.value).kind !== 'none');
    return sets.length > 0 && sets.every((a) => inExclusiveBranches(a.node, wrapNode, facts));
  });
}

/** The variables a `peft_config=` value can come from (`cfg`, `cfg if flag else None`); undefined for anything else. */
function configNames(facts: FileFacts, value: Node): string[] | undefined {
  if (value.type === 'parenthesized_expression' && value.namedChildCount === 1) return configNames(facts, value.namedChildren[0]!);
  if (value.type === 'identifier') return [value.text];
  if (value.type !== 'conditional_expression') return undefined;
  const [yes, , no] = value.namedChildren;
  const out: string[] = [];
  for (const side of [yes, no]) {
    if (!side || evaluate(facts, side).kind === 'none') continue;
    const inner = configNames(facts, side);
    if (!inner) return undefined;
    out.push(...inner);
  }
  return out;
}

/** The innermost block (or module) holding a node: two statements side by side in one branch share it. */
function enclosingBlock(node: Node): Node | null {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'block' || n.type === 'module') return n;
  return null;
}

/** `a` and `b` side by side in one branch that the trainer call `at` lies outside of (`if adapter: wrap; cfg = None`). */
function pairedInBranch(a: Node, b: Node, at: Node): boolean {
  const x = enclosingBlock(a);
  return !!x && x.type === 'block' && x.id === enclosingBlock(b)?.id && !(at.startIndex >= x.startIndex && at.endIndex <= x.endIndex);
}
export default rule;
