import type { Node } from 'web-tree-sitter';
import type { Fix } from '../diagnostics';
import type { ArgFact, CallFact, FileFacts } from '../facts/types';
import { evaluate } from '../facts/values';
import { reachingAssignment } from '../facts/reaching';
import { hasColumnNamed } from '../dataset/columns';
import { writtenAsPassed, isLibraryCall, trainerArg, trainerPackage, type TrainerFact } from '../domain/trainers';
import { baseInitTrainers } from '../domain/base-init-calls';
import { addKeywords, argumentComment, removeArguments } from './edits';
import { driftVerdict } from './drift';
import { removedFields } from './tl511-trl-config-argument-removed';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** Trainer keywords TRL 0.9 moved into the trainer's config and 0.13 removed (bug catalog entry 32). */
export const MOVED: Record<string, { config: string; kwargs: string[] }> = {
  SFTTrainer: {
    config: 'SFTConfig',
    kwargs: ['dataset_text_field', 'max_seq_length', 'packing', 'dataset_kwargs', 'dataset_num_proc', 'dataset_batch_size',
      'neftune_noise_alpha', 'model_init_kwargs', 'num_of_sequences', 'chars_per_token', 'eval_packing'],
  },
  DPOTrainer: {
    config: 'DPOConfig',
    kwargs: ['beta', 'label_smoothing', 'loss_type', 'label_pad_token_id', 'padding_value', 'truncation_mode', 'max_length',
      'max_prompt_length', 'max_target_length', 'is_encoder_decoder', 'disable_dropout', 'generate_during_eval',
      'precompute_ref_log_probs', 'dataset_num_proc', 'model_init_kwargs', 'ref_model_init_kwargs', 'model_adapter_name',
      'ref_adapter_name', 'reference_free', 'force_use_ref_model'],
  },
};

/**
 * First Unsloth release that keeps the caller's config instead of building a new one from it and the moved keywords
 * (unslothai/unsloth 16a007a2 "Upgrade trl fix (#2544)", 2025-05-26, released as 2025.5.8 by bee22029).
 */
const UNSLOTH_DROPS_MOVED = '2025.5.8';
/** First Unsloth release that sets the moved keywords on the caller's config (unslothai/unsloth PR #8374, commit a4ac00b7). */
const UNSLOTH_APPLIES_MOVED = '2026.8.13';

/**
 * With `args=` and TRL ≥ 0.13, Unsloth 2025.5.8 up to 2026.8.13 takes the moved keywords off the call and never sets
 * them on the config it was given: `packing=True, dataset_num_proc=4` are silently ignored. Before 2025.5.8 it built
 * the trainer's config anew from the given one's fields and those keywords (`config_class(**config_dict)`), so they
 * applied (chrispangg/unsloth-grpo, Unsloth 2025.2.5 locked).
 */
function unslothDrops(ctx: RuleContext, t: TrainerFact, cfgName: string, args: ArgFact[]): void {
  if (ctx.env.gate('trl', { from: '0.13' }) === 'unaffected') return;
  const u = ctx.version('unsloth', { from: UNSLOTH_DROPS_MOVED, before: UNSLOTH_APPLIES_MOVED }, 'warning');
  if (!u.severity) return;
  // Only what changes the run: the config's defaults are `packing=False` and `dataset_text_field="text"`;
  // `dataset_num_proc` is speed only, and Unsloth ≥ 2025.6.1 copies the model's length into the config (TL305).
  // A training dataset already tokenized (`input_ids`) is not tokenized again, so its text field is never read
  // (unslothai/unsloth-zoo `sft_prepare_dataset`: "Skip tokenization if already tokenized").
  const tokenized = hasColumnNamed(ctx.datasets.at(trainerArg(t, 'train_dataset')?.value), 'input_ids').has === true;
  const matters = args.filter((a) => {
    if (a.name === 'dataset_num_proc' || a.name === 'dataset_batch_size' || a.name === 'max_seq_length') return false;
    if (a.name === 'dataset_text_field' && tokenized) return false;
    const v = evaluate(ctx.facts, a.value);
    if (a.name === 'packing') return !(v.kind === 'bool' && v.value === false);
    if (a.name === 'dataset_text_field') return !(v.kind === 'str' && v.value === 'text');
    return true;
  });
  if (matters.length === 0) return;
  const { fix, moved } = moveFix(ctx, t, cfgName, matters, ctx.env.gate('trl', { from: '0.16' }) === 'affected');
  for (const a of matters) {
    ctx.report({
      node: a.node.childForFieldName('name') ?? a.node,
      severity: u.severity,
      message: `\`${a.name}=\` on ${t.kind} is silently ignored: Unsloth ${UNSLOTH_DROPS_MOVED} up to ${UNSLOTH_APPLIES_MOVED} moves it off the call but never sets it on the \`args=\` config${u.note}, so the run uses ${cfgName}'s default; set it in \`${cfgName}(...)\`.`,
      related: t.config ? [{ node: t.config.node, message: `the trainer's config (${t.config.calleeText.split('.').pop()}) is created here` }] : [],
      fixes: fix && moved.has(a) ? [fix] : [],
    });
  }
}

/** Names the value refers to mean the same thing at the config call as at the trainer call. */
function sameBindings(facts: FileFacts, value: Node, at: Node): boolean {
  const ids: Node[] = [];
  const walk = (n: Node) => {
    if (n.type === 'identifier') { ids.push(n); return; }
    if (n.type === 'attribute') { const o = n.childForFieldName('object'); if (o) walk(o); return; }
    if (n.type === 'lambda') return;
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (n.type === 'keyword_argument' && c.id === n.childForFieldName('name')?.id) continue;
      walk(c);
    }
  };
  walk(value);
  return ids.every((id) => reachingAssignment(facts, id.text, value) === reachingAssignment(facts, id.text, at));
}

/**
 * The config's own removal of the keyword (TL511's table), when the TRL release the verdict reads has it: moving the
 * keyword there would raise the same TypeError from the config (`max_prompt_length=` left DPOConfig in 0.29).
 */
function goneFromConfig(ctx: RuleContext, cfgName: string, name: string): { removed: string; advice: string } | undefined {
  const entry = removedFields(cfgName)?.[name];
  return entry && !entry.renamedTo && ctx.env.gate('trl', { from: entry.removed }) === 'affected' ? entry : undefined;
}

/** The single fix moving every movable keyword into the config call, or undefined. */
function moveFix(ctx: RuleContext, t: TrainerFact, cfgName: string, args: ArgFact[], renameMaxSeq: boolean): { fix?: Fix; moved: Set<ArgFact> } {
  const moved = new Set<ArgFact>();
  const config: CallFact | undefined = t.config;
  if (!config || !isLibraryCall(config, [cfgName], ['trl']) || config.hasSplat) return { moved };
  if (ctx.trainers.filter((x) => x.config === config).length > 1) return { moved };
  const texts: string[] = [];
  for (const a of args) {
    const target = renameMaxSeq && a.name === 'max_seq_length' ? 'max_length' : a.name!;
    if (config.keywords.has(a.name!) || config.keywords.has(target)) continue;
    if (goneFromConfig(ctx, cfgName, target)) continue;
    if (!sameBindings(ctx.facts, a.value, config.node)) continue;
    moved.add(a);
    texts.push(`${target}=${a.value.text}`);
  }
  if (moved.size === 0) return { moved };
  const names = [...moved].map((a) => `${a.name}=`).join(', ');
  // A comment ending a moved keyword's line goes with it, or stays where it was when the config's
  // layout has no line for it: a fix never loses a comment.
  const comments = [...moved].map((a) => argumentComment(ctx.source, a));
  const withComments = addKeywords(ctx.source, config, texts, comments);
  const edits = withComments
    ? [...removeArguments(ctx.source, t.call, [...moved], 'take'), withComments]
    : [...removeArguments(ctx.source, t.call, [...moved], 'keep'), addKeywords(ctx.source, config, texts)];
  return { moved, fix: { title: `Move ${names} into ${cfgName}(...)`, applicability: 'safe', edits } };
}

const rule: Rule = {
  code: 'TL502',
  name: 'trainer-kwargs-moved-to-config',
  severity: 'error',
  fix: 'safe',
  docs: `## What it does
Flags configuration keywords passed to \`SFTTrainer\` (\`dataset_text_field=\`, \`max_seq_length=\`, \`packing=\`,
\`dataset_kwargs=\`, \`dataset_num_proc=\`, …) or \`DPOTrainer\` (\`beta=\`, \`max_length=\`, \`max_prompt_length=\`,
\`loss_type=\`, …) instead of to their \`SFTConfig\` / \`DPOConfig\`, also in the \`super().__init__(…)\` of the
script's own subclass (\`class PreferenceTrainer(DPOTrainer)\`, one base), whose keywords reach the library trainer as
written.

## Why is this bad?
TRL 0.9 introduced \`SFTConfig\` and \`DPOConfig\` and deprecated these trainer keywords; TRL 0.13 removed
them: \`TypeError: SFTTrainer.__init__() got an unexpected keyword argument 'dataset_text_field'\`. On
0.9–0.12 they still work with a warning (information with the Deprecated tag).

When \`unsloth\` is imported first, its \`_backwards_compatible_trainer\` wraps the trainer (TRL ≥ 0.13). It acts
only on a call with \`args=\`: without it the keywords reach TRL and raise as above (the \`dataset_num_proc=\`
TypeError users report under Unsloth). With \`args=\`, Unsloth from 2025.5.8 and before 2026.8.13 takes the keywords
off the call and never sets them on the config it was given, so \`packing=True\` or \`dataset_text_field="prompt"\` are silently
ignored (a warning, only for values that change the run: not the defaults \`packing=False\` /
\`dataset_text_field="text"\`, not \`dataset_num_proc\`, and not \`max_seq_length\`, which Unsloth from 2025.6.1
copies from the model, and not \`dataset_text_field=\` when the training dataset is already tokenized: Unsloth's
preparation then skips tokenization and never reads the text field, unslothai/unsloth-zoo
\`unsloth_zoo/dataset_utils.py\` \`sft_prepare_dataset\`, "Skip tokenization if already tokenized"); from 2026.8.13
it sets them on the config and the rule is silent. Before 2025.5.8 it built a new config from the given one's fields
and the keywords (\`config = config_class(**config_dict)\`), so they applied and the rule is silent there too.

## Example
\`\`\`python
# pip install trl==0.19.1
from trl import SFTTrainer, SFTConfig

trainer = SFTTrainer(model=model, train_dataset=dataset, dataset_text_field="text", packing=False,
                     args=SFTConfig(output_dir="out"))
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.19.1
from trl import SFTTrainer, SFTConfig

trainer = SFTTrainer(model=model, train_dataset=dataset,
                     args=SFTConfig(output_dir="out", dataset_text_field="text", packing=False))
\`\`\`

## Fix safety
Moving the keywords into the \`SFTConfig(...)\` / \`DPOConfig(...)\` call passed as \`args=\` (inline or
through a variable) is safe: the values are the same expressions and mean the same thing there. On TRL
≥ 0.16 \`max_seq_length\` moves as \`max_length\` (TL503). No fix is offered when there is no such config call
(\`TrainingArguments\` must first become the trainer's config class), when the config already sets the
keyword, when it takes \`**kwargs\`, when several trainers share it, in a subclass's \`super().__init__(…)\`
(its config is whatever the subclass was given), or when a moved value would refer to
a different variable at the config call. A keyword the config itself no longer takes at that TRL release stays (TL511: \`max_prompt_length=\`
left \`DPOConfig\` in 0.29); the message says so and what TRL advises instead.

## References
- stanfordnlp/dspy#8762; unslothai/unsloth#2900, #10785
- unslothai/unsloth \`unsloth/trainer.py\` \`_backwards_compatible_trainer\`: \`config = config_class(**config_dict)\`
  (the collected keywords included) at the tags November-2024 to May-2025 (2025.4.4); \`config = training_args\`, which
  drops them, from commit 16a007a2 (#2544, 2025-05-26, first released as 2025.5.8, bee22029) until PR #8374
  (commit a4ac00b7, 2026-08-11), first released in 2026.8.13 (commit e2f61b15,
  \`unsloth/_version.py\`)
`,
  check(ctx) {
    // A subclass's own `super().__init__(beta=…)` is a call of the library trainer too (no config to move into: the
    // config is whatever the subclass was given, so no fix).
    for (const t of [...ctx.trainers, ...baseInitTrainers(ctx.facts)]) {
      const spec = MOVED[t.kind === 'UnslothTrainer' ? 'SFTTrainer' : t.kind];
      const root = trainerPackage(t);
      if (!spec || (root !== 'trl' && root !== 'unsloth')) continue;
      const args = spec.kwargs.filter((k) => writtenAsPassed(t, k)).map((k) => t.call.keywords.get(k)).filter((a): a is ArgFact => !!a)
        .sort((a, b) => a.node.startIndex - b.node.startIndex);
      if (args.length === 0) continue;
      // Unsloth's _backwards_compatible_trainer (unsloth/trainer.py) acts only on a call with `args=`; without it
      // the trainer is TRL's and the keywords raise as they do without Unsloth.
      if (ctx.unsloth.patches && t.call.keywords.has('args')) { unslothDrops(ctx, t, spec.config, args); continue; }
      const v = driftVerdict(ctx, 'trl', '0.13', '0.9', t.call.node);
      if (!v) continue;
      const renameMaxSeq = ctx.env.gate('trl', { from: '0.16' }) === 'affected';
      const { fix, moved } = moveFix(ctx, t, spec.config, args, renameMaxSeq);
      for (const a of args) {
        const kw = `\`${a.name}=\``;
        const gone = goneFromConfig(ctx, spec.config, renameMaxSeq && a.name === 'max_seq_length' ? 'max_length' : a.name!);
        const message = v.phase === 'removed'
          ? `${kw} was removed from ${t.kind} in TRL 0.13${v.note}: it raises "unexpected keyword argument"; ${gone ? `${spec.config} has no such field either from TRL ${gone.removed}: ${gone.advice}` : `set it in \`${spec.config}(...)\``}.`
          : v.phase === 'deprecated'
            ? `${kw} on ${t.kind} is deprecated${v.note} and removed in TRL 0.13; set it in \`${spec.config}(...)\`.`
            : `${kw} is rejected by ${t.kind} with TRL ≥ 0.13 (deprecated from 0.9; ${v.note.slice(2, -1)}); set it in \`${spec.config}(...)\`.`;
        ctx.report({
          node: a.node.childForFieldName('name') ?? a.node,
          severity: v.severity,
          tags: v.tags,
          message,
          related: t.config ? [{ node: t.config.node, message: `the trainer's config (${t.config.calleeText.split('.').pop()}) is created here` }] : [],
          fixes: fix && moved.has(a) ? [fix] : [],
        });
      }
    }
  },
};
export default rule;
