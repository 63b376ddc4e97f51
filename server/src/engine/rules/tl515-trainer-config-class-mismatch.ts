import type { Fix } from '../diagnostics';
import { keywordPresence } from '../domain/config-fields';
import { configAttributeSet } from '../domain/training-args';
import { callName, isLibraryCall, overrides, type TrainerFact } from '../domain/trainers';
import { typeErrorHandled, versionGuard } from '../domain/version-guards';
import type { CallFact } from '../facts/types';
import type { RuleContext } from './context';
import { replaceNode } from './edits';
import { ensureImport } from './imports-edit';
import type { Rule } from './rule';

/**
 * TRL trainers that read their own config's fields from `args` in `__init__` with no conversion of a plain
 * `TrainingArguments` (as `SFTTrainer` and `IterativeSFTTrainer` do): `AttributeError` as the trainer is built. Read
 * from `trl/trainer/<name>_trainer.py` (and `trl/experimental/<name>/`) at every tag v0.11.0–v1.9.0: the first
 * `args.<field>` the trainer's `__init__` evaluates on every path, by release, counting the test of an `if` (`if
 * args.model_init_kwargs is None:`) and a field both branches of an `if isinstance(model, str):` read (session 21's
 * audit: the table once skipped both and named later fields, e.g. DPO's `padding_free` for `model_init_kwargs`).
 * `from`: the first release from which every tag read raises (DPO's trainer keyword arguments, which set the fields it then reads, went in 0.13; GRPO and the new PPO appeared in 0.14
 * and 0.12; `RewardTrainer` accepted a `TrainingArguments` with a warning before 0.24).
 */
interface Reads {
  config: string;
  from: string;
  attrs: ReadonlyArray<{ from: string; attr: string }>;
  /** `if type(args) is TrainingArguments: raise ValueError(text)` before any read, in releases before `before` (all when absent). */
  typeCheck?: { before?: string; text: string };
}

const TRAINERS: Readonly<Record<string, Reads>> = {
  DPOTrainer: { config: 'DPOConfig', from: '0.13', attrs: [{ from: '0.13', attr: 'model_init_kwargs' }, { from: '0.19', attr: 'padding_value' }, { from: '0.24', attr: 'model_init_kwargs' }] },
  GRPOTrainer: { config: 'GRPOConfig', from: '0.14', attrs: [{ from: '0.14', attr: 'model_init_kwargs' }] },
  KTOTrainer: { config: 'KTOConfig', from: '0.11', attrs: [{ from: '0.11', attr: 'model_init_kwargs' }], typeCheck: { before: '1.2', text: 'Please use `KTOConfig` instead TrainingArguments.' } },
  ORPOTrainer: { config: 'ORPOConfig', from: '0.11', attrs: [{ from: '0.11', attr: 'model_init_kwargs' }] },
  CPOTrainer: { config: 'CPOConfig', from: '0.11', attrs: [{ from: '0.11', attr: 'model_init_kwargs' }] },
  BCOTrainer: { config: 'BCOConfig', from: '0.11', attrs: [{ from: '0.11', attr: 'model_init_kwargs' }], typeCheck: { text: 'Please use `BCOConfig` instead `TrainingArguments`.' } },
  RewardTrainer: { config: 'RewardConfig', from: '0.24', attrs: [{ from: '0.24', attr: 'model_init_kwargs' }] },
  RLOOTrainer: { config: 'RLOOConfig', from: '0.11', attrs: [{ from: '0.11', attr: 'total_episodes' }, { from: '0.22', attr: 'model_init_kwargs' }] },
  OnlineDPOTrainer: { config: 'OnlineDPOConfig', from: '0.11', attrs: [{ from: '0.11', attr: 'disable_dropout' }, { from: '0.12', attr: 'missing_eos_penalty' }, { from: '0.23', attr: 'model_init_kwargs' }] },
  PPOTrainer: { config: 'PPOConfig', from: '0.12', attrs: [{ from: '0.12', attr: 'total_episodes' }, { from: '0.13', attr: 'model_adapter_name' }, { from: '0.14', attr: 'stop_token' }] },
};

/** Trainers whose `trl.experimental` class is TRL's own implementation (the others' experimental copies differ). */
const EXPERIMENTAL_OK = new Set(['KTOTrainer', 'ORPOTrainer', 'CPOTrainer', 'BCOTrainer', 'OnlineDPOTrainer', 'PPOTrainer']);

/** The attribute the installed TRL reads first, or the newest release's when the version is not known. */
function firstRead(ctx: RuleContext, r: Reads): string {
  const known = [...r.attrs].reverse().find((a) => ctx.env.gate('trl', { from: a.from }) === 'affected');
  return (known ?? r.attrs[r.attrs.length - 1]).attr;
}

/**
 * Does the trainer reject the class itself (`type(args) is TrainingArguments`) before reading a field: 'yes' on the
 * installed TRL, 'maybe' when the version is unknown and only older releases check, 'no' otherwise.
 */
function typeChecked(ctx: RuleContext, r: Reads, cls: string): 'yes' | 'maybe' | 'no' {
  if (!r.typeCheck || cls !== 'TrainingArguments') return 'no';
  if (!r.typeCheck.before) return 'yes';
  const gate = ctx.env.gate('trl', { before: r.typeCheck.before });
  return gate === 'affected' ? 'yes' : gate === 'unaffected' ? 'no' : 'maybe';
}

/** Where to import the config from: beside the trainer (`trl`, `trl.experimental.orpo`). */
function configModule(trainerQualified: string): string {
  const mod = trainerQualified.split('.').slice(0, -1).join('.');
  return mod === 'trl' || /^trl\.experimental\.\w+$/.test(mod) ? mod : 'trl';
}

interface Candidate { call: CallFact; kind: string; qualified: string; trainer?: TrainerFact }

/** TRL trainer calls: the script's trainers (subclasses included) and the TRL trainers `findTrainers` does not list. */
function candidates(ctx: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<number>();
  for (const t of ctx.trainers) {
    seen.add(t.call.node.id);
    if (TRAINERS[t.kind] && t.qualified.startsWith('trl.') && !overrides(t, ['__init__'])) out.push({ call: t.call, kind: t.kind, qualified: t.qualified, trainer: t });
  }
  for (const call of ctx.facts.calls) {
    const kind = callName(call);
    if (!seen.has(call.node.id) && TRAINERS[kind] && isLibraryCall(call, [kind], ['trl'])) out.push({ call, kind, qualified: call.qualified! });
  }
  return out;
}

const rule: Rule = {
  code: 'TL515',
  name: 'trainer-config-class-mismatch',
  severity: 'error',
  fix: 'sometimes',
  requires: ['TrainingArguments'],
  docs: `## What it does
Flags a TRL trainer given a plain \`transformers.TrainingArguments\` (or \`Seq2SeqTrainingArguments\`) as \`args=\`
where it needs its own config: \`DPOTrainer\` (\`DPOConfig\`, TRL ≥ 0.13), \`GRPOTrainer\` (\`GRPOConfig\`), \`KTOTrainer\`,
\`ORPOTrainer\`, \`CPOTrainer\`, \`BCOTrainer\`, \`RLOOTrainer\`, \`OnlineDPOTrainer\` (from TRL 0.11), \`PPOTrainer\` (TRL ≥
0.12) and \`RewardTrainer\` (TRL ≥ 0.24).

## Why is this bad?
These trainers read their config's own fields in \`__init__\` (\`args.model_init_kwargs\` for most of them,
\`args.padding_value\`, \`args.total_episodes\`, …) without converting the class, so a \`TrainingArguments\` fails as
the trainer is built:
\`AttributeError: 'TrainingArguments' object has no attribute 'model_init_kwargs'\`; \`KTOTrainer\` (before TRL 1.2) and
\`BCOTrainer\` check the class first and raise \`ValueError: Please use \`KTOConfig\` instead TrainingArguments.\`. Only \`SFTTrainer\` (and
\`IterativeSFTTrainer\`) turn a \`TrainingArguments\` into their config (\`args = SFTConfig(**args.to_dict())\`), so the
rule is quiet for them; \`RewardTrainer\` accepted one with a deprecation warning before TRL 0.24. Before TRL 0.13,
\`DPOTrainer\` still took its settings as keyword arguments of its own and copied them onto \`args\`: the rule starts
at 0.13.

Quiet when \`unsloth\` is imported first (Unsloth's generated trainers wrap TRL's; trainlint does not follow them), for a
script subclass that defines its own \`__init__\`, when the script sets the attribute on the arguments itself, inside a
branch the script keeps to some TRL versions, and when the trainer's \`TypeError\`/\`AttributeError\` is caught.

## Example
\`\`\`python
# pip install trl==0.24.0 transformers==4.57.1
from transformers import TrainingArguments
from trl import DPOTrainer

args = TrainingArguments(output_dir="out", per_device_train_batch_size=2, learning_rate=5e-7)
trainer = DPOTrainer(model=model, args=args, train_dataset=ds, processing_class=tok)
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.24.0 transformers==4.57.1
from transformers import TrainingArguments
from trl import DPOTrainer, DPOConfig

args = DPOConfig(output_dir="out", per_device_train_batch_size=2, learning_rate=5e-7)
trainer = DPOTrainer(model=model, args=args, train_dataset=ds, processing_class=tok)
\`\`\`

## Fix safety
Replacing \`TrainingArguments(…)\` with the trainer's config class (imported beside the trainer) is safe on a known TRL
version when the config takes every keyword the call passes (the table of TL514) and nothing is spread in with \`**\`:
the config is a \`TrainingArguments\` with the trainer's fields added, at their defaults (TRL's defaults, such as
DPO's \`learning_rate=1e-6\`, apply to what the call does not set; the script never ran with the others). Otherwise
it is unsafe, and with an unknown version too.

## References
- huggingface/trl \`trl/trainer/{dpo,grpo,kto,orpo,cpo,bco,reward,rloo,online_dpo,ppo}_trainer.py\` and
  \`trl/experimental/*/…_trainer.py\` at every tag v0.11.0–v1.9.0 (v1.9.0 is f2cd5771), each trainer class's
  \`__init__\` scanned in source order and most changes of field read by hand: the first \`args.<field>\` the
  \`__init__\` evaluates on every path (an \`if\` test counts; so does a field both branches of \`if isinstance(model,
  str):\` read) of a field \`TrainingArguments\` (transformers 4.57.6 and 5.1.0) does not
  have — \`DPOTrainer\`: \`model_init_kwargs\` (0.13–0.18, 0.24–), \`padding_value\` (0.19–0.23); \`GRPOTrainer\`,
  \`ORPOTrainer\`, \`CPOTrainer\`, \`KTOTrainer\`, \`BCOTrainer\`, \`RewardTrainer\` (0.24–): \`model_init_kwargs\`;
  \`RLOOTrainer\`: \`total_episodes\` (0.11–0.21), \`model_init_kwargs\` (0.22–); \`OnlineDPOTrainer\`:
  \`disable_dropout\` (0.11), \`missing_eos_penalty\` (0.12–0.22), \`model_init_kwargs\` (0.23–); \`PPOTrainer\`:
  \`total_episodes\` (0.12), \`model_adapter_name\` (0.13), \`stop_token\` (0.14–). \`if type(args) is
  TrainingArguments: raise ValueError\`: \`kto_trainer.py\` v0.11.0–v1.1.0, \`bco_trainer.py\` v0.11.0–v1.9.0.
  Reported: huggingface/trl#2291, #1942 ("'TrainingArguments' object has no attribute 'model_init_kwargs'", DPO)
- \`SFTTrainer\`'s conversion: \`trl/trainer/sft_trainer.py\` at v0.11.0 (\`args = SFTConfig(**args_as_dict)\`) and
  v1.9.0 (\`elif isinstance(args, TrainingArguments) and not isinstance(args, SFTConfig):\`); \`RewardTrainer\` at
  v0.8.6 (\`if type(args) == TrainingArguments:\` "Using \`transformers.TrainingArguments\` for \`args\` is deprecated")
- DPO's trainer keyword arguments copied onto \`args\`: \`dpo_trainer.py\` at v0.12.0 (\`args.model_adapter_name =
  model_adapter_name\`), gone at v0.13.0
`,
  check(ctx) {
    if (ctx.unsloth.patches) return;
    for (const c of candidates(ctx)) {
      const reads = TRAINERS[c.kind];
      if (c.qualified.startsWith('trl.experimental') && !EXPERIMENTAL_OK.has(c.kind)) continue;
      const argsArg = c.call.keywords.get('args');
      const config = ctx.callOf(argsArg?.value);
      if (!argsArg || !config || !isLibraryCall(config, ['TrainingArguments', 'Seq2SeqTrainingArguments'], ['transformers'])) continue;
      if (typeErrorHandled(c.call.node) || caughtAttributeError(c.call) || versionGuard(ctx.facts, c.call.node, 'trl')) continue;
      const attr = firstRead(ctx, reads);
      const cls = callName(config);
      const checked = typeChecked(ctx, reads, cls);
      if (checked !== 'yes' && configAttributeSet(ctx.facts, config, attr)) continue;
      const v = ctx.version('trl', { from: reads.from });
      if (v.gate === 'unaffected') continue;
      const known = v.gate === 'affected';
      const head = `${c.kind} takes its own config, ${reads.config}, as \`args=\`, not a ${cls}${v.note}`;
      const message = checked === 'yes'
        ? `${head}: it checks the class and raises "ValueError: ${reads.typeCheck!.text}" as it is built; use \`${reads.config}(…)\`.`
        : known
          ? `${head}: it reads \`args.${attr}\` and raises "AttributeError: '${cls}' object has no attribute '${attr}'" as it is built; use \`${reads.config}(…)\`.`
          : `${head}: it reads \`args.${attr}\` and raises AttributeError${checked === 'maybe' ? ` (before TRL ${reads.typeCheck!.before}: ValueError, "${reads.typeCheck!.text}")` : ''} as it is built; use \`${reads.config}(…)\`.`;
      ctx.report({ node: argsArg.value, severity: v.severity, message, fixes: fixes(ctx, c, config, reads.config, known), related: [{ node: config.callee, message: `the ${cls} passed as args=` }] });
    }
  },
};

/** `try: DPOTrainer(…) except AttributeError:` (or broader). */
function caughtAttributeError(call: CallFact): boolean {
  for (let n = call.node.parent; n; n = n.parent) {
    const body = n.type === 'try_statement' ? n.childForFieldName('body') : null;
    if (!body || call.node.startIndex < body.startIndex || call.node.endIndex > body.endIndex) continue;
    for (const clause of n.namedChildren) {
      if (clause?.type !== 'except_clause') continue;
      const t = clause.namedChildren.find((x) => x?.type !== 'block' && x?.type !== 'comment');
      if (!t || /\b(?:AttributeError|Exception|BaseException)\b/.test(t.text)) return true;
    }
  }
  return false;
}

function fixes(ctx: RuleContext, c: Candidate, config: CallFact, target: string, known: boolean): Fix[] {
  const allTaken = !config.hasSplat && [...config.keywords].every(([name, arg]) => !arg.siblings && keywordPresence(ctx.env, target, name) === 'accepted');
  return [{
    title: `Use ${target}(…) instead of ${callName(config)}(…)`,
    applicability: known && allTaken ? 'safe' : 'unsafe',
    edits: [replaceNode(ctx.source, config.callee, target), ...ensureImport(ctx, configModule(c.qualified), target, config.callee)],
  }];
}

export default rule;
