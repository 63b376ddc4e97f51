import type { Fix } from '../diagnostics';
import { removeArgument, renameKeyword } from './edits';
import { driftVerdict } from './drift';
import { trainerPackage, type TrainerFact } from '../domain/trainers';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** Where `tokenizer=` was renamed, per library (bug catalog entry 31, masking-spec §2.5). */
const GATES = {
  trl: { pkg: 'trl', deprecatedFrom: '0.12', removedFrom: '0.16', lib: 'TRL' },
  transformers: { pkg: 'transformers', deprecatedFrom: '4.46', removedFrom: '5.0', lib: 'transformers' },
} as const;

/**
 * TRL trainers that left the `trl` namespace in 0.29 for `trl.experimental` (huggingface/trl v0.29.0
 * `trl/__init__.py` no longer exports them; v0.26–v0.28 `trl/trainer/orpo_trainer.py` and its siblings warn "The
 * `ORPOTrainer` is now located in `trl.experimental`"). From 0.29 `from trl import ORPOTrainer` fails before any keyword
 * is read.
 */
const MOVED_TO_EXPERIMENTAL: Readonly<Record<string, string>> = {
  ORPOTrainer: 'trl.experimental.orpo', CPOTrainer: 'trl.experimental.cpo', PPOTrainer: 'trl.experimental.ppo',
};

/**
 * TRL trainers that took `tokenizer=` and no `processing_class=` before TRL 0.12 (huggingface/trl v0.11.4
 * `trl/trainer/*_trainer.py`: each `__init__` has `tokenizer` and no `**kwargs`; v0.12.0 renamed it). On a TRL pinned
 * below 0.12, `processing_class=` raises "unexpected keyword argument 'processing_class'" (huggingface/trl#2226).
 * GRPOTrainer (0.14) and later trainers came with `processing_class=`.
 */
const TOOK_TOKENIZER_BEFORE_012 = new Set([
  'SFTTrainer', 'DPOTrainer', 'KTOTrainer', 'ORPOTrainer', 'CPOTrainer', 'BCOTrainer', 'RewardTrainer',
  'IterativeSFTTrainer', 'OnlineDPOTrainer', 'NashMDTrainer', 'XPOTrainer', 'RLOOTrainer',
]);

/** `processing_class=` on a TRL trainer when the installed TRL is known to be older than 0.12: an error. */
function reportProcessingClassTooEarly(ctx: RuleContext, t: TrainerFact): void {
  const arg = t.call.keywords.get('processing_class');
  if (!arg || !TOOK_TOKENIZER_BEFORE_012.has(t.kind)) return;
  const root = trainerPackage(t);
  if (root !== 'trl' || ctx.unsloth.patches || t.subclass?.overrides.has('__init__')) return;
  // Only a known version: with an unknown one `processing_class=` is the current spelling.
  const early = ctx.version('trl', { before: '0.12' });
  if (early.gate !== 'affected') return;
  ctx.report({
    node: arg.node.childForFieldName('name') ?? arg.node,
    message: `\`processing_class=\` came in TRL 0.12${early.note}: ${t.kind} here takes \`tokenizer=\` and raises "unexpected keyword argument 'processing_class'"; use \`tokenizer=\` or upgrade TRL.`,
    fixes: [{ title: 'Rename processing_class= to tokenizer=', applicability: 'safe', edits: [renameKeyword(ctx.source, arg, 'tokenizer')] }],
  });
}

const rule: Rule = {
  code: 'TL501',
  name: 'tokenizer-renamed-processing-class',
  severity: 'error',
  fix: 'sometimes',
  docs: `## What it does
Flags \`tokenizer=\` passed to a trainer whose library renamed it to \`processing_class=\`: TRL trainers
(\`SFTTrainer\`, \`DPOTrainer\`, …) and transformers' \`Trainer\` / \`Seq2SeqTrainer\`.
\`GRPOTrainer\` never took \`tokenizer=\` (it came in TRL 0.14 with \`processing_class=\`): there the finding is an error
whatever the installed version, unless Unsloth (imported before TRL) patches the trainer or a subclass's own
\`__init__\` takes the keyword.
The reverse is flagged too: \`processing_class=\` on a TRL trainer when the installed TRL is known to be older than 0.12,
where the trainers take \`tokenizer=\` only (huggingface/trl v0.11.4 \`trl/trainer/dpo_trainer.py\` and its siblings:
\`tokenizer\` and no \`**kwargs\` in \`__init__\`), so the call raises "unexpected keyword argument 'processing_class'"
(huggingface/trl#2226). With an unknown version that spelling is the current one and stays quiet.

## Why is this bad?
TRL renamed the argument in 0.12, warned until 0.15 and removed it in 0.16: from then on
\`SFTTrainer(tokenizer=…)\` raises \`TypeError: SFTTrainer.__init__() got an unexpected keyword argument
'tokenizer'\`. transformers deprecated it in 4.46 and removed it in 5.0. During the deprecation period the
argument still works (reported as information with the Deprecated tag). \`ORPOTrainer\`, \`CPOTrainer\` and
\`PPOTrainer\` left the \`trl\` namespace in 0.29 (huggingface/trl v0.29.0 \`trl/__init__.py\`; 0.26–0.28 warn that they
are "now located in \`trl.experimental\`"): when the script imports one from \`trl\` on such a version, the message says
that the import fails before the keyword is read. When \`unsloth\` is imported
before \`trl\`, Unsloth rewrites \`tokenizer=\` to \`processing_class=\` for TRL trainers, so the rule is
silent there.

## Example
\`\`\`python
# pip install trl==0.19.1
from trl import SFTTrainer, SFTConfig

trainer = SFTTrainer(model=model, tokenizer=tokenizer, train_dataset=dataset,
                     args=SFTConfig(output_dir="out"))
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.19.1
from trl import SFTTrainer, SFTConfig

trainer = SFTTrainer(model=model, processing_class=tokenizer, train_dataset=dataset,
                     args=SFTConfig(output_dir="out"))
\`\`\`

## Fix safety
Renaming to \`processing_class=\` is safe when the installed version is known to accept it (TRL ≥ 0.12,
transformers ≥ 4.46). With an unknown version the rename is offered as unsafe: older versions reject
\`processing_class=\`. When both arguments are given, removing \`tokenizer=\` is safe on versions that
removed it.

## References
- huggingface/trl#6168, #2968, #2290, #2226; huggingface/trl PR #2162;
  huggingface/transformers PR #32385, PR #41128
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      const arg = t.call.keywords.get('tokenizer');
      if (!arg) {
        reportProcessingClassTooEarly(ctx, t);
        continue;
      }
      const root = trainerPackage(t);
      const gate = root === 'transformers' && (t.kind === 'Trainer' || t.kind === 'Seq2SeqTrainer') ? GATES.transformers
        : root === 'trl' || root === 'unsloth' ? GATES.trl : undefined;
      if (!gate) continue;
      // Unsloth's _backwards_compatible_trainer rewrites tokenizer= for TRL trainers.
      if (gate === GATES.trl && ctx.unsloth.patches) continue;
      // GRPOTrainer came in TRL 0.14 with `processing_class=` and never took `tokenizer=` (huggingface/trl v0.14.0
      // `trl/trainer/grpo_trainer.py` `__init__`): no version to ask about, unless a subclass's own __init__ takes it.
      if (gate === GATES.trl && t.kind === 'GRPOTrainer' && !t.subclass?.overrides.has('__init__')) {
        const has = t.call.keywords.has('processing_class');
        ctx.report({
          node: arg.node.childForFieldName('name') ?? arg.node,
          message: `GRPOTrainer never took \`tokenizer=\`: it came in TRL 0.14 with \`processing_class=\`, so every release raises "unexpected keyword argument 'tokenizer'"; use \`processing_class=\`.`,
          fixes: has
            ? [{ title: 'Remove tokenizer= (processing_class= is already given)', applicability: 'safe', edits: [removeArgument(ctx.source, t.call, arg)] }]
            : [{ title: 'Rename tokenizer= to processing_class=', applicability: 'safe', edits: [renameKeyword(ctx.source, arg, 'processing_class')] }],
        });
        continue;
      }
      const v = driftVerdict(ctx, gate.pkg, gate.removedFrom, gate.deprecatedFrom, t.call.node);
      if (!v) continue;
      const known = v.phase !== 'unknown';
      const fixes: Fix[] = [];
      if (t.call.keywords.has('processing_class')) {
        if (v.phase === 'removed') {
          fixes.push({ title: 'Remove tokenizer= (processing_class= is already given)', applicability: 'safe', edits: [removeArgument(ctx.source, t.call, arg)] });
        }
      } else {
        fixes.push({ title: 'Rename tokenizer= to processing_class=', applicability: known ? 'safe' : 'unsafe', edits: [renameKeyword(ctx.source, arg, 'processing_class')] });
      }
      const name = arg.node.childForFieldName('name') ?? arg.node;
      // `from trl import ORPOTrainer` on TRL ≥ 0.29: the import fails first; the message says so.
      const moved = gate === GATES.trl && t.qualified === `trl.${t.kind}` ? MOVED_TO_EXPERIMENTAL[t.kind] : undefined;
      const movedGate = moved ? ctx.version('trl', { from: '0.29' }).gate : undefined;
      const importNote = !moved || movedGate === 'unaffected' ? ''
        : movedGate === 'affected'
          ? ` Before that, \`from trl import ${t.kind}\` fails on TRL ≥ 0.29: the class moved to \`${moved}\`.`
          : ` From TRL 0.29 \`from trl import ${t.kind}\` fails too: the class moved to \`${moved}\`.`;
      const message = (v.phase === 'removed'
        ? `\`tokenizer=\` was removed from ${t.kind} in ${gate.lib} ${gate.removedFrom}${v.note}: it raises "unexpected keyword argument 'tokenizer'"; use \`processing_class=\`.`
        : v.phase === 'deprecated'
          ? `\`tokenizer=\` is deprecated in ${t.kind}${v.note} and removed in ${gate.lib} ${gate.removedFrom}; use \`processing_class=\`.`
          : `\`tokenizer=\` is rejected by ${t.kind} with ${gate.lib} ≥ ${gate.removedFrom} (deprecated from ${gate.deprecatedFrom}; ${v.note.slice(2, -1)}); use \`processing_class=\` on those versions.`) + importNote;
      ctx.report({ node: name, severity: v.severity, tags: v.tags, message, fixes });
    }
  },
};
export default rule;
