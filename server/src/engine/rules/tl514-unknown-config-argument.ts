import type { Fix, Severity } from '../diagnostics';
import { acceptedKeywords, configLibrary, everAccepted, keywordHistory, keywordPresence, releasesRead } from '../domain/config-fields';
import { closestName } from '../domain/names';
import { callName, isLibraryCall } from '../domain/trainers';
import { trainingLibraryGuarded, typeErrorHandled, versionGuard } from '../domain/version-guards';
import { callsWhere } from '../facts/selections';
import type { ArgFact, CallFact } from '../facts/types';
import type { RuleContext } from './context';
import { libraryName, unslothAbsorbs, UNSLOTH_ABSORBS } from './drift';
import { renameKeyword } from './edits';
import type { Rule } from './rule';
import { REMOVED as REMOVED_IN_V5 } from './tl510-training-args-removed-in-v5';
import { removedFields } from './tl511-trl-config-argument-removed';

/**
 * Fields Unsloth's generated `Unsloth<Name>Config` adds to every TRL config it patches (unslothai/unsloth
 * `unsloth/models/rl.py` at 015bdef0: the `Unsloth{RLConfig_name}` template), and `max_seq_length`, which it re-adds
 * to a config that has `max_length` but no longer `max_seq_length`.
 */
const UNSLOTH_FIELDS = new Set(['vllm_sampling_params', 'unsloth_num_chunks', 'unsloth_logit_chunk_multiplier', 'unsloth_grpo_mini_batch', 'max_seq_length']);

/**
 * Names scripts give that the libraries call otherwise (not typos: a name from another API), and what the class calls
 * it. Offered only when the class accepts the target.
 */
const OTHER_NAMES: Readonly<Record<string, string>> = {
  max_new_tokens: 'max_completion_length',
  max_seq_length: 'max_length',
  per_device_batch_size: 'per_device_train_batch_size',
  batch_size: 'per_device_train_batch_size',
  train_batch_size: 'per_device_train_batch_size',
  eval_batch_size: 'per_device_eval_batch_size',
  num_epochs: 'num_train_epochs',
  epochs: 'num_train_epochs',
  lr: 'learning_rate',
  gradient_accumulation: 'gradient_accumulation_steps',
  evaluation_strategy: 'eval_strategy',
};

/**
 * Newer names whose older spelling the class takes before they came (transformers 4.41 renamed `evaluation_strategy`
 * to `eval_strategy`): offered when the installed release takes the old name and not the new one.
 */
const OLDER_NAMES: Readonly<Record<string, string>> = {
  eval_strategy: 'evaluation_strategy',
};

/** Arguments another rule reports with its own history (renamed or removed): never this rule's. */
function ownedElsewhere(cls: string, name: string): boolean {
  if (name === 'evaluation_strategy' || Object.prototype.hasOwnProperty.call(REMOVED_IN_V5, name)) return true; // TL504, TL510
  if (cls === 'SFTConfig' && name === 'max_seq_length') return true; // TL503
  const trl = removedFields(cls);
  return !!trl && Object.prototype.hasOwnProperty.call(trl, name); // TL511
}

/** The name the script most likely meant, and whether it is an unambiguous match (then an unsafe rename is offered). */
function suggestion(ctx: RuleContext, cls: string, name: string, call: CallFact): { name: string; confident: boolean } | undefined {
  const accepted = acceptedKeywords(ctx.env, cls);
  const older = Object.prototype.hasOwnProperty.call(OLDER_NAMES, name) ? OLDER_NAMES[name] : undefined;
  if (older && keywordPresence(ctx.env, cls, older) === 'accepted') return { name: older, confident: !call.keywords.has(older) };
  // A misspelt other name (`evaluation_stratgy`) counts as that name.
  const others = Object.keys(OTHER_NAMES).filter((k) => accepted.includes(OTHER_NAMES[k]));
  const c = closestName(name, [...accepted, ...others]);
  if (!c || c.distance > Math.max(1, Math.floor(Math.max(name.length, c.name.length) / 3))) return undefined;
  const target = others.includes(c.name) ? OTHER_NAMES[c.name] : c.name;
  return { name: target, confident: (c.confident || c.distance === 0) && !call.keywords.has(target) };
}

function versions(ctx: RuleContext, cls: string): string {
  const lib = configLibrary(cls);
  if (lib === 'peft') return ctx.versionText('peft');
  const tf = ctx.versionText('transformers');
  return lib === 'trl' ? `${ctx.versionText('trl')}; ${tf}` : tf;
}

/** A call named like a config class (a selection test for `callsWhere`). */
const isConfigCall = (call: CallFact): boolean => configLibrary(callName(call)) !== undefined;

const rule: Rule = {
  code: 'TL514',
  name: 'unknown-config-argument',
  severity: 'error',
  fix: 'unsafe',
  requires: ['Config', 'TrainingArguments'],
  docs: `## What it does
Flags a keyword argument that \`TrainingArguments\`, \`Seq2SeqTrainingArguments\` or a TRL config (\`SFTConfig\`,
\`DPOConfig\`, \`GRPOConfig\`, \`KTOConfig\`, \`ORPOConfig\`, \`CPOConfig\`, \`RewardConfig\`, \`RLOOConfig\`,
\`PPOConfig\`, \`GKDConfig\`, \`OnlineDPOConfig\`, …, from \`trl\` or \`trl.experimental\`) or a PEFT config
(\`LoraConfig\`, \`AdaLoraConfig\`, \`IA3Config\`, \`LoHaConfig\`, \`LoKrConfig\`, \`PromptTuningConfig\`,
\`PrefixTuningConfig\`, \`PromptEncoderConfig\`, \`PeftConfig\`, from \`peft\`) does not take at the versions the
script runs on: a typo (\`per_device_batch_size\`, \`learnig_rate\`), a name from another API
(\`GRPOConfig(max_new_tokens=…)\`: GRPO calls it \`max_completion_length\`), or a field newer than the installed
release. The message names the closest real field.

Arguments that TRL or transformers renamed or removed are reported by their own rules with their history
(TL503 \`max_seq_length\`, TL504 \`evaluation_strategy\`, TL510 the \`TrainingArguments\` fields transformers 5
removed, TL511 TRL's removed config fields), never by this one.

## Why is this bad?
These classes are dataclasses: an argument they do not declare raises
\`TypeError: GRPOConfig.__init__() got an unexpected keyword argument 'max_new_tokens'\` as the script starts, before
any model loads — or, in a notebook, after the model and data cells already ran.

A TRL config is built on \`TrainingArguments\`: it takes its own fields at the installed TRL and every
\`TrainingArguments\` field at the installed transformers, and the rule reports an argument only when both are known
to lack it. With a version the script does not pin (or that trainlint has not read), a name that no release read
ever had is information that names the releases read; a name some release had is left alone.

A PEFT config takes its own dataclass fields and those of its bases (\`PeftConfig\`, \`LycorisConfig\`,
\`PromptLearningConfig\`, \`LoraConfig\` for \`AdaLoraConfig\`) at the installed PEFT: a script that pins an older
PEFT than it was written for fails on \`LoraConfig(use_dora=True)\` before PEFT 0.9, \`use_rslora=\` before 0.8,
\`layer_replication=\` before 0.10, \`target_parameters=\` before 0.17, and the message names the release the field
came in; a trainer's setting given to the LoRA config (\`LoraConfig(max_length=256)\`) fails at every release. Only
direct calls are read: \`LoraConfig.from_pretrained\` reads a saved config its own way.

When \`unsloth\` is imported before \`trl\`, TRL's configs are Unsloth's generated \`Unsloth<Name>Config\`: they
add \`vllm_sampling_params\`, \`unsloth_num_chunks\`, \`unsloth_logit_chunk_multiplier\`, \`unsloth_grpo_mini_batch\`
and (to a config with \`max_length\`) \`max_seq_length\`, which are accepted here; and from Unsloth ${UNSLOTH_ABSORBS} on they
drop any argument their TRL base rejects with a warning instead of raising (a typo then silently does nothing: a
warning here; information when Unsloth's version is unknown).

Quiet for keywords spread in with \`**kwargs\`, a config class of the script's own (\`class MyConfig(SFTConfig)\`
with its own fields), configs built by \`HfArgumentParser\`, a class of the same name from another library
(\`from swift import LoraConfig\`), a call inside a branch the script keeps to some TRL or transformers versions (PEFT
versions, for a PEFT config), and a call whose \`TypeError\` the script catches.

## Example
\`\`\`python
# pip install trl==0.24.0 transformers==4.57.1
from trl import GRPOConfig

config = GRPOConfig(output_dir="out", per_device_batch_size=8, max_new_tokens=256)
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.24.0 transformers==4.57.1
from trl import GRPOConfig

config = GRPOConfig(output_dir="out", per_device_train_batch_size=8, max_completion_length=256)
\`\`\`

## Fix safety
Renaming to the suggested field is unsafe: it is trainlint's guess at what was meant (a near spelling, or the name
TRL uses for the same setting), offered only when one field is clearly closest and the call does not set it already.

## References
- The fields each class takes at each release, read with Python's \`ast\` from the libraries' source
  (\`scripts/config-fields.py\` in trainlint's repository generates the table): huggingface/trl
  \`trl/trainer/*_config.py\`, \`base_config.py\`, \`trl/trainer/utils.py\` and \`trl/experimental/*/*_config.py\` at
  every release tag v0.11.0–v1.9.0 (v1.9.0 is f2cd5771) and the trl 1.13.0 wheel; huggingface/transformers
  \`src/transformers/training_args.py\` and \`training_args_seq2seq.py\` of one release of every series 4.2–4.56 and
  5.0–5.15 (the last patch: 4.2.2, 4.3.3, …, 4.38.2, …, 4.56.2, 5.0.0, …, 5.15.0), read at the release tags of forks of
  the repository (FyrbyAdditive/transformers and 8b-is/transformers, whose tags are the same commits; tag v4.57.6 there
  is byte-identical to the PyPI wheel), and of the 4.57.6, 5.17.0 and 5.18.0 wheels; the generated table's header lists
  each release's commit. Dataclass fields declared \`field(init=False)\` are not arguments. Between two releases read
  far apart (TRL 1.9.0–1.13.0, transformers 5.15.0–5.17.0) a field in the same state at both ends is taken to be so in
  between; one that changed is unknown there. Patch releases are taken to keep the fields of the release read in their
  series (on the transformers tags only 4.8.2 and 4.46.2 added a field inside a series). A field the pinned release
  lacks that a later one has is named with the release it came in (\`eval_strategy\`, transformers 4.41: before it
  the argument is \`evaluation_strategy\`, which the message suggests); transformers before 4.2 is not read (unknown).
- PEFT: huggingface/peft \`src/peft/config.py\` (\`PeftConfig\`, \`PeftConfigMixin\`, \`PromptLearningConfig\`;
  \`src/peft/utils/config.py\` before 0.5), \`src/peft/tuners/*/config.py\`, \`tuners/lycoris_utils.py\` and the
  one-module tuners of 0.3–0.5 (\`src/peft/tuners/lora.py\`, …) at every release tag v0.3.0–v0.20.0 (v0.20.0 is
  dcb81da6; \`use_dora\` first at v0.9.0, 09b7c302; \`use_rslora\` at v0.8.0, 7ecd4a4e) and the peft 0.21.0 wheel;
  between 0.20.0 and 0.21.0 (no tag read) a field in the same state at both ends is taken to be so. Every one of these
  classes is a plain \`@dataclass\` at every tag read: no \`__init__\` of its own, no \`__post_init__\` taking
  arguments, no \`**kwargs\` (\`PeftConfigMixin.from_pretrained\` at v0.3.0 builds \`cls(**kwargs)\` from its own keyword arguments and
  sets the saved JSON's keys the config has (\`hasattr\`), dropping the others silently: a saved config's keys never
  reach the constructor; only direct calls are in scope). No patch release on those tags changed a field. PEFT before 0.3 and after 0.21.0 is not read
  (unknown).
- Unsloth: unslothai/unsloth \`unsloth/models/rl.py\`@015bdef0 (the \`Unsloth{RLConfig_name}\` template and its
  \`max_seq_length\` re-addition), \`unsloth/models/rl_config_compat.py\` (#8330: unrecognised arguments dropped with a
  warning, "\`GRPOConfig(learnign_rate = 3e-4)\` now warns instead of raising \`TypeError\`")
`,
  check(ctx) {
    for (const call of callsWhere(ctx.facts, isConfigCall)) {
      const cls = callName(call);
      const lib = configLibrary(cls)!;
      if (!isLibraryCall(call, [cls], [lib])) continue;
      const patched = lib === 'trl' && ctx.unsloth.patches && !call.qualified!.startsWith('trl.experimental');
      // Where the call stands (a branch kept to some versions, a caught TypeError) is asked only of a call with a
      // keyword to report: most calls have none, and placing the call's node is most of the rule's time.
      let guarded: boolean | undefined;
      const found: Array<[string, ArgFact, boolean]> = [];
      for (const [name, arg] of call.keywords) {
        if (arg.siblings || arg.node.type !== 'keyword_argument') continue; // spread in through `**`: not written here
        if ((lib !== 'peft' && ownedElsewhere(cls, name)) || (patched && UNSLOTH_FIELDS.has(name))) continue;
        const presence = keywordPresence(ctx.env, cls, name);
        if (presence === 'accepted') continue;
        if (presence === 'unknown' && everAccepted(cls, name)) continue;
        if ((guarded ??= typeErrorHandled(call.node)
          || (lib === 'peft' ? !!versionGuard(ctx.facts, call.node, 'peft') : trainingLibraryGuarded(ctx.facts, call.node)))) break;
        found.push([name, arg, presence === 'rejected']);
      }
      // Two keywords renamed to one name would repeat it (a syntax error): neither rename is offered.
      const hints = found.map(([name]) => suggestion(ctx, cls, name, call));
      const targets = hints.map((h) => (h?.confident ? h.name : undefined));
      found.forEach(([name, arg, known], i) => {
        const h = hints[i];
        const clash = !!h && targets.filter((t) => t === h.name).length > 1;
        report(ctx, cls, name, arg, known, patched, h && { ...h, confident: h.confident && !clash });
      });
    }
  },
};

function report(ctx: RuleContext, cls: string, name: string, arg: ArgFact, known: boolean, patched: boolean,
  s: { name: string; confident: boolean } | undefined): void {
  const hint = s ? `; did you mean \`${s.name}\`?` : '.';
  const fixes: Fix[] = s?.confident
    ? [{ title: `Rename ${name}= to ${s.name}=`, applicability: 'unsafe', edits: [renameKeyword(ctx.source, arg, s.name)] }]
    : [];
  const raises = `"TypeError: ${cls}.__init__() got an unexpected keyword argument '${name}'"`;
  let severity: Severity = 'error';
  let message: string;
  if (known) {
    const absorbed = patched ? unslothAbsorbs(ctx) : undefined;
    // A field of other releases (`SFTConfig(loss_type="nll")` on TRL 0.22, which has it from 0.23): written for
    // another release, and often the behaviour this one has anyway; only a name no release has is a warning.
    const otherRelease = absorbed?.severity === 'warning' && everAccepted(cls, name);
    severity = otherRelease ? 'information' : absorbed?.severity ?? 'error';
    const outcome = otherRelease
      ? `Unsloth's patched config (${ctx.versionText('unsloth')}) drops it with a warning (other releases of ${cls} have it), so it has no effect here`
      : absorbed?.severity === 'warning'
      ? `Unsloth's patched config (${ctx.versionText('unsloth')}) drops it with a warning: the setting has no effect`
      : absorbed
        ? `it raises ${raises}, or (Unsloth ≥ ${UNSLOTH_ABSORBS}) Unsloth's patched config drops it with a warning and the setting has no effect`
        : `it raises ${raises}`;
    const h = keywordHistory(ctx.env, cls, name);
    const history = h?.arrived ? `; it came in ${libraryName(h.pkg)} ${h.arrived}`
      : h?.removed ? `; ${h.exact ? 'removed in' : 'gone by'} ${libraryName(h.pkg)} ${h.removed}` : '';
    message = `\`${name}=\` is not an argument of ${cls} (${versions(ctx, cls)}${history}): ${outcome}${hint}`;
  } else {
    severity = 'information';
    message = `\`${name}=\` is not an argument of ${cls} in any release trainlint has read (${releasesRead(cls)}), where it raises ${raises}; `
      + `assuming the script runs on one of them (${versions(ctx, cls)})${hint}`;
  }
  ctx.report({ node: arg.node.childForFieldName('name') ?? arg.node, severity, message, fixes });
}

export default rule;
