import type { Fix } from '../diagnostics';
import { removeArgument, renameKeyword } from './edits';
import { driftVerdict, unknownClause, type DriftVerdict } from './drift';
import { guardedBelow } from '../domain/version-guards';
import { trainerPackage, writtenAsPassed, type TrainerFact } from '../domain/trainers';
import { reportTrainerTokenizerAttribute } from './trainer-tokenizer-attribute';
import { baseInitTrainers } from '../domain/base-init-calls';
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
  'IterativeSFTTrainer', 'OnlineDPOTrainer', 'NashMDTrainer', 'XPOTrainer', 'RLOOTrainer', 'PPOTrainer',
]);

/**
 * TRL trainers whose `tokenizer=` shim was shorter than SFTTrainer's and DPOTrainer's (0.12–0.15): the releases in which
 * each accepted it (with a FutureWarning, through `@deprecate_kwarg("tokenizer", new_name="processing_class", …)` on its
 * `__init__`). Outside them, from 0.12 on, the `__init__` has `processing_class` and no `tokenizer` nor `**kwargs`, so
 * `tokenizer=` raises "unexpected keyword argument 'tokenizer'" (unslothai/unsloth#1285: ORPOTrainer on TRL 0.12.0).
 * Read in huggingface/trl `trl/trainer/<name>_trainer.py` at v0.12.0 (14ef1ab: only sft and dpo decorated), v0.12.1
 * (c1e9ea8: all twelve), v0.13.0, v0.14.0 and v0.15.0–v0.15.2 (each trainer's decorator present or gone).
 */
const TRL_TOKENIZER_SHIM: Readonly<Record<string, { from: string; before: string }>> = {
  KTOTrainer: { from: '0.12.1', before: '0.14' },
  ORPOTrainer: { from: '0.12.1', before: '0.15' },
  CPOTrainer: { from: '0.12.1', before: '0.14' },
  BCOTrainer: { from: '0.12.1', before: '0.13' },
  RewardTrainer: { from: '0.12.1', before: '0.15' },
  IterativeSFTTrainer: { from: '0.12.1', before: '0.13' },
  OnlineDPOTrainer: { from: '0.12.1', before: '0.14' },
  NashMDTrainer: { from: '0.12.1', before: '0.13' },
  XPOTrainer: { from: '0.12.1', before: '0.13' },
  RLOOTrainer: { from: '0.12.1', before: '0.14' },
  // The PPOTrainer of TRL ≤ 0.11 (`config, model, ref_model, tokenizer, dataset, …`) was replaced in 0.12.0 by the
  // former PPOv2Trainer (`config, processing_class, policy, …`, no shim: huggingface/trl v0.12.0 80cf468a
  // `trl/trainer/ppo_trainer.py`); v0.12.1 (35239503) to v0.14.0 decorate it, v0.15.0 (00e58893) does not.
  PPOTrainer: { from: '0.12.1', before: '0.15' },
};

/** "0.14" → "0.13", "0.15" → "0.14": the last minor release that still accepted it, for messages. */
function lastMinor(before: string): string {
  const [maj, min] = before.split('.').map(Number);
  return `${maj}.${min - 1}`;
}

/** `processing_class=` on a TRL trainer when the installed TRL is known to be older than 0.12: an error. */
function reportProcessingClassTooEarly(ctx: RuleContext, t: TrainerFact): void {
  const arg = writtenAsPassed(t, 'processing_class') ? t.call.keywords.get('processing_class') : undefined;
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

/**
 * The drift verdict for a TRL trainer of TRL_TOKENIZER_SHIM: removed (the rule's severity) from 0.12 outside the
 * releases whose shim accepted `tokenizer=`, deprecated inside them, silent before 0.12 (the old name), information
 * when the installed version is not known.
 */
function shimVerdict(ctx: RuleContext, t: TrainerFact, shim: { from: string; before: string }): DriftVerdict | undefined {
  if (guardedBelow(ctx.facts, t.call.node, 'trl', '0.12')) return undefined;
  const renamed = ctx.version('trl', { from: '0.12' });
  if (renamed.gate === 'unaffected') return undefined;
  const installed = ` (${ctx.versionText('trl')})`;
  if (renamed.gate === 'affected') {
    const accepted = ctx.env.gate('trl', shim);
    if (accepted === 'affected') return { phase: 'deprecated', severity: 'information', tags: ['deprecated'], note: installed };
    if (accepted === 'unaffected') return { phase: 'removed', severity: renamed.severity!, tags: [], note: installed };
  }
  // Unknown, or a pin that does not decide it (a range across the shim's releases): never more than information.
  return { phase: 'unknown', severity: 'information', tags: [], note: unknownClause(ctx, 'trl', shim.before) };
}

function shimMessage(kind: string, shim: { from: string; before: string }, v: DriftVerdict): string {
  const window = `TRL ${shim.from}–${lastMinor(shim.before)}`;
  if (v.phase === 'removed') {
    return `\`tokenizer=\` is not accepted by ${kind}${v.note}: from TRL 0.12 its \`__init__\` takes \`processing_class=\` and only ${window} kept \`tokenizer=\` as a deprecated alias, so it raises "unexpected keyword argument 'tokenizer'"; use \`processing_class=\`.`;
  }
  if (v.phase === 'deprecated') {
    return `\`tokenizer=\` is deprecated in ${kind}${v.note} and rejected from TRL ${shim.before}; use \`processing_class=\`.`;
  }
  return `\`tokenizer=\` is rejected by ${kind} with TRL 0.12.0 and TRL ≥ ${shim.before} (accepted with a deprecation warning only in ${window}; ${v.note.slice(2, -1)}); use \`processing_class=\` on those versions.`;
}

const rule: Rule = {
  code: 'TL501',
  name: 'tokenizer-renamed-processing-class',
  severity: 'error',
  fix: 'sometimes',
  docs: `## What it does
Flags \`tokenizer=\` passed to a trainer whose library renamed it to \`processing_class=\`: TRL trainers
(\`SFTTrainer\`, \`DPOTrainer\`, …) and transformers' \`Trainer\` / \`Seq2SeqTrainer\`. That includes a subclass's own
\`super().__init__(tokenizer=…)\` in the \`__init__\` of a class of the script whose one base is such a trainer: that
call is the library's constructor, whatever the subclass's own parameters are.
\`GRPOTrainer\` never took \`tokenizer=\` (it came in TRL 0.14 with \`processing_class=\`): there the finding is an error
whatever the installed version, unless Unsloth (imported before TRL) patches the trainer or a subclass's own
\`__init__\` takes the keyword.
The reverse is flagged too: \`processing_class=\` on a TRL trainer when the installed TRL is known to be older than 0.12,
where the trainers take \`tokenizer=\` only (huggingface/trl v0.11.4 \`trl/trainer/dpo_trainer.py\` and its siblings:
\`tokenizer\` and no \`**kwargs\` in \`__init__\`), so the call raises "unexpected keyword argument 'processing_class'"
(huggingface/trl#2226). With an unknown version that spelling is the current one and stays quiet.
Reading the attribute is flagged too: \`trainer.tokenizer\` (\`trainer.tokenizer.save_pretrained(out)\`,
\`tok = trainer.tokenizer\`) on a TRL or transformers trainer the script builds, which transformers removed in 5.0
(\`Trainer.tokenizer\`, a property that warned from 4.46: \`src/transformers/trainer.py\` at v4.46.0–v4.57.0, absent at
v5.0.0, v5.5.0 and v5.15.0; TRL's trainers define no \`tokenizer\` attribute at v0.24.0, v0.29.0, v1.0.0 and v1.9.0):
"AttributeError: 'GRPOTrainer' object has no attribute 'tokenizer'", after training when the script saves the
tokenizer last (yiqiao-yin/deepspeed-course#22). Not for a subclass of the script's that sets its own \`self.tokenizer\`,
TRL before 0.12 (whose trainers kept one), \`PPOTrainer\`, or with Unsloth imported.

## Why is this bad?
TRL renamed the argument in 0.12, warned until 0.15 and removed it in 0.16: from then on
\`SFTTrainer(tokenizer=…)\` raises \`TypeError: SFTTrainer.__init__() got an unexpected keyword argument
'tokenizer'\`. transformers deprecated it in 4.46 and removed it in 5.0. During the deprecation period the
argument still works (reported as information with the Deprecated tag). That deprecation window is SFTTrainer's and
DPOTrainer's; the other TRL trainers kept the alias for fewer releases, read in huggingface/trl
\`trl/trainer/<name>_trainer.py\` (whether \`__init__\` carries \`@deprecate_kwarg("tokenizer", new_name="processing_class", …)\`;
without it the signature has \`processing_class\` and neither \`tokenizer\` nor \`**kwargs\`): v0.12.0 (14ef1aba) decorates
only sft and dpo, so \`ORPOTrainer(tokenizer=…)\` raises there (unslothai/unsloth#1285); v0.12.1 (c1e9ea8e) all twelve;
BCOTrainer, IterativeSFTTrainer, NashMDTrainer and XPOTrainer lose it in 0.13, KTOTrainer, CPOTrainer, OnlineDPOTrainer
and RLOOTrainer in 0.14, ORPOTrainer, RewardTrainer and PPOTrainer in 0.15. PPOTrainer's 0.12.0 is the rewritten trainer
(the former PPOv2Trainer, \`config, processing_class, policy, …\`) with no shim, so \`PPOTrainer(config=…, model=…,
tokenizer=…, dataset=…)\` written for TRL ≤ 0.11 (gtamer2/rl_final_project \`src/modules/predict/predict.py\`) takes
\`tokenizer=\` only there and in 0.12.1–0.14 (huggingface/trl v0.11.4 714cd42f, v0.12.0 80cf468a, v0.12.1 35239503,
v0.15.0 00e58893 \`trl/trainer/ppo_trainer.py\`). On a known version outside its window the finding is
an error; with an unknown version it is information naming both rejecting ranges. \`ORPOTrainer\`, \`CPOTrainer\` and
\`PPOTrainer\` left the \`trl\` namespace in 0.29 (huggingface/trl v0.29.0 \`trl/__init__.py\`; 0.26–0.28 warn that they
are "now located in \`trl.experimental\`"): when the script imports one from \`trl\` on such a version, the message says
that the import fails before the keyword is read. When \`unsloth\` is imported
before \`trl\`, Unsloth rewrites \`tokenizer=\` to \`processing_class=\` for TRL trainers, so the rule is
silent there; inside a function that counts when every path to the TRL import loads Unsloth first: the Unsloth import's
own block (the function body, a \`try\` or \`with\` body) holds the TRL import, or it opens a \`try\` whose every
\`except\` leaves the function (\`return\`, \`raise\`, \`sys.exit(…)\`) and the TRL import follows that \`try\`. Unsloth
imported after \`from trl import DPOTrainer\` does not count: on import it replaces \`trl.DPOTrainer\` (and the other
trainers) with a rewritten copy (\`PatchFastRL\` at the end of \`unsloth/models/llama.py\`, \`_patch_trl_rl_trainers\` in
\`unsloth/models/rl.py\`: the class source re-emitted as \`class _UnslothDPOTrainer\`), and \`_patch_trl_trainer()\` then wraps
that copy's \`__init__\`, not the original class the script already holds (unslothai/unsloth November-2025 release;
oKatanaaa/kolibrify \`kolibrify/dpo_run.py\`, unsloth 2025.11.4 and trl 0.24.0 pinned). So it is for Unsloth's own \`UnslothTrainer\` (imported from \`unsloth\`, a subclass of TRL's \`SFTTrainer\`
with no \`__init__\` of its own), whatever the import order: importing Unsloth runs \`_patch_trl_trainer()\`, which
assigns \`trl.SFTTrainer.__init__ = _backwards_compatible_trainer(…)\` on the class itself, and that wrapper moves
\`tokenizer\` to \`processing_class\` (unslothai/unsloth \`unsloth/trainer.py\` and \`unsloth/_gpu_init.py\` at 015bdef0,
2026-08-22; the wrapper is in the November-2024 release, and the October-2024 release required TRL ≤ 0.11.1).

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
- huggingface/trl#6168, #2968, #2290, #2226; unslothai/unsloth#1285; huggingface/trl PR #2162; yiqiao-yin/deepspeed-course#22
  (\`trainer.tokenizer\` on transformers 5);
- huggingface/trl \`trl/trainer/*_trainer.py\` at v0.12.0 (14ef1aba152fddbc5a58f3a8a712b6e509e7e69d), v0.12.1
  (c1e9ea8ecfdaf1486e2fc84bc55379b2338d5320), v0.13.0 (8d4cc942), v0.14.0 (49711efa), v0.15.0–v0.15.2 (v0.15.2: fc2b041b);
  huggingface/transformers PR #32385, PR #41128
`,
  check(ctx) {
    reportTrainerTokenizerAttribute(ctx);
    // A subclass's own `super().__init__(tokenizer=…)` is a call of the library trainer too.
    for (const t of [...ctx.trainers, ...baseInitTrainers(ctx.facts)]) {
      const arg = writtenAsPassed(t, 'tokenizer') ? t.call.keywords.get('tokenizer') : undefined;
      if (!arg) {
        reportProcessingClassTooEarly(ctx, t);
        continue;
      }
      const root = trainerPackage(t);
      const gate = root === 'transformers' && (t.kind === 'Trainer' || t.kind === 'Seq2SeqTrainer') ? GATES.transformers
        : root === 'trl' || root === 'unsloth' ? GATES.trl : undefined;
      if (!gate) continue;
      // Unsloth's _backwards_compatible_trainer rewrites tokenizer= for TRL trainers. A trainer class imported from
      // `unsloth` itself (UnslothTrainer) runs only once Unsloth is loaded, and it inherits the patched __init__ whatever
      // the import order: the patch sets `trl.SFTTrainer.__init__` on the class in place.
      if (gate === GATES.trl && (ctx.unsloth.patches || root === 'unsloth')) continue;
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
      const shim = gate === GATES.trl && !t.subclass?.overrides.has('__init__') ? TRL_TOKENIZER_SHIM[t.kind] : undefined;
      const v = shim ? shimVerdict(ctx, t, shim) : driftVerdict(ctx, gate.pkg, gate.removedFrom, gate.deprecatedFrom, t.call.node);
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
      const message = (shim ? shimMessage(t.kind, shim, v)
        : v.phase === 'removed'
        ? `\`tokenizer=\` was removed from ${t.kind} in ${gate.lib} ${gate.removedFrom}${v.note}: it raises "unexpected keyword argument 'tokenizer'"; use \`processing_class=\`.`
        : v.phase === 'deprecated'
          ? `\`tokenizer=\` is deprecated in ${t.kind}${v.note} and removed in ${gate.lib} ${gate.removedFrom}; use \`processing_class=\`.`
          : `\`tokenizer=\` is rejected by ${t.kind} with ${gate.lib} ≥ ${gate.removedFrom} (deprecated from ${gate.deprecatedFrom}; ${v.note.slice(2, -1)}); use \`processing_class=\` on those versions.`) + importNote;
      ctx.report({ node: name, severity: v.severity, tags: v.tags, message, fixes });
    }
  },
};
export default rule;
