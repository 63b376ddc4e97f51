import type { Fix } from '../diagnostics';
import { configLibrary, everAccepted, keywordPresence } from '../domain/config-fields';
import { closestName } from '../domain/names';
import { callName, isLibraryCall, type TrainerFact } from '../domain/trainers';
import { keywordAsWritten } from '../domain/mapped-trainer-call';
import {
  everTaken, keywordArrival, keywordRemoval, takenByNewest, trainerKeywordPresence, trainerKeywords, trainerLibrary, trainerReleasesRead,
  type TrainerMethod,
} from '../domain/trainer-signatures';
import { trainingLibraryGuarded, typeErrorHandled } from '../domain/version-guards';
import type { ArgFact, CallFact } from '../facts/types';
import type { RuleContext } from './context';
import { libraryName, unknownClause } from './drift';
import { renameKeyword } from './edits';
import type { Rule } from './rule';
import { MOVED } from './tl502-trainer-kwargs-moved-to-config';
import { importMovedAway } from './tl509-trl-import-moved-to-experimental';
import { importRemoved } from './tl516-trl-import-removed';
import { callsWhere } from '../facts/selections';
import { baseInitCalls } from '../domain/base-init-calls';

/** A trainer call the rule checks: the class in the table and what the script put between (a subclass). */
interface Checked {
  call: CallFact; cls: string; lib: 'trl' | 'transformers'; qualified: string; subclass?: TrainerFact['subclass'];
  /** The script's class whose `super().__init__(…)` this call is (`domain/base-init-calls.ts`). */
  caller?: string;
}

/** Keywords another rule reports with their history: never this rule's. */
function ownedElsewhere(cls: string, method: TrainerMethod, name: string): boolean {
  if (method === 'train') return name === 'model_path'; // TL510: removed in transformers 5
  // TL501: `tokenizer=` everywhere, `processing_class=` on TRL's trainers (before TRL 0.12). transformers' Trainer before
  // 4.46, which has no `processing_class`, is this rule's.
  if (name === 'tokenizer' || (name === 'processing_class' && trainerLibrary(cls) !== 'transformers')) return true;
  const moved = MOVED[cls];
  return !!moved && moved.kwargs.includes(name); // TL502
}

/**
 * Why a name is not a keyword of the trainer, when the script clearly meant something the library does otherwise
 * (checked against the source: huggingface/trl `trl/trainer/grpo_trainer.py` v0.14.0–v1.9.0 builds the reference
 * model itself from `model` when `beta` ≠ 0; transformers' `Trainer` never takes a PEFT config).
 */
const OTHER_WAY: Readonly<Record<string, string>> = {
  'GRPOTrainer ref_model': 'GRPOTrainer builds its reference model itself from `model` (when the config\'s `beta` is not 0); drop the argument',
  'Trainer peft_config': 'transformers\' Trainer takes no PEFT config (TRL\'s trainers do): wrap the model with `peft.get_peft_model(model, peft_config)` before the trainer',
  'Trainer processing_class': 'transformers before 4.46 calls it `tokenizer=`',
  'Seq2SeqTrainer processing_class': 'transformers before 4.46 calls it `tokenizer=`',
  'Seq2SeqTrainer peft_config': 'transformers\' Seq2SeqTrainer takes no PEFT config: wrap the model with `peft.get_peft_model(model, peft_config)` before the trainer',
};

/** The config class the trainer's settings go in (`GRPOConfig`, `TrainingArguments`), if it takes `name`. */
function configFor(ctx: RuleContext, c: Checked, name: string): string | undefined {
  const cfg = c.lib === 'transformers' ? (c.cls === 'Seq2SeqTrainer' ? 'Seq2SeqTrainingArguments' : 'TrainingArguments') : c.cls.replace(/Trainer$/, 'Config');
  if (!configLibrary(cfg)) return undefined; // a trainer without a config of its name (`PPOv2Trainer`): no claim
  const p = keywordPresence(ctx.env, cfg, name);
  return p === 'accepted' || (p === 'unknown' && everAccepted(cfg, name)) ? cfg : undefined;
}

/** What the script should do instead: the library's other way, the config that takes it, or (`typo`) the closest keyword. */
function hint(ctx: RuleContext, c: Checked, method: TrainerMethod, name: string, typo: boolean): { text: string; rename?: string } {
  const other = method === '__init__' ? OTHER_WAY[`${c.cls} ${name}`] : undefined;
  if (other) return { text: `: ${other}.` };
  // `GRPOTrainer(config=GRPOConfig(…))`, the TRL ≤ 0.11 PPOTrainer's spelling: the config is `args=` (offered as a
  // rename when the call does not give `args=` already).
  if (method === '__init__' && name === 'config' && trainerKeywordPresence(ctx.env, c.cls, '__init__', 'args') !== 'rejected' && everTaken(c.cls, '__init__', 'args')) {
    return { text: '; the config goes in `args=`.', rename: c.call.keywords.has('args') ? undefined : 'args' };
  }
  // `train(resume_from_checkpoint=…)` on a trainer whose own `train()` takes nothing: not a config setting.
  const cfg = method === 'train' && everTaken('Trainer', 'train', name) ? undefined : configFor(ctx, c, name);
  if (cfg) {
    return { text: method === 'train'
      ? `: it is a field of ${cfg}; set it in the trainer's \`args=\` (\`${cfg}(${name}=…)\`).`
      : `: it is a field of ${cfg}; set it in \`${cfg}(...)\` and pass that as \`args=\`.` };
  }
  if (!typo) return { text: '.' };
  const accepted = trainerKeywords(ctx.env, c.cls, method).filter((k) => k !== name && !ownedElsewhere(c.cls, method, k));
  const best = closestName(name, accepted);
  if (!best || best.distance > Math.max(1, Math.floor(Math.max(name.length, best.name.length) / 3))) return { text: '.' };
  // Another keyword of the call the trainer does not take, closest to the same name: renaming both would repeat it.
  const clash = [...c.call.keywords.keys()].some((k) => k !== name && trainerKeywordPresence(ctx.env, c.cls, method, k) !== 'accepted'
    && closestName(k, accepted)?.name === best.name);
  const rename = (best.confident || best.distance === 0) && !c.call.keywords.has(best.name) && !clash ? best.name : undefined;
  return { text: `; did you mean \`${best.name}\`?`, rename };
}

function versions(ctx: RuleContext, c: Checked, method: TrainerMethod): string {
  if (c.lib === 'transformers') return ctx.versionText('transformers');
  return method === 'train' ? `${ctx.versionText('trl')}; ${ctx.versionText('transformers')}` : ctx.versionText('trl');
}

function raises(c: Checked, method: TrainerMethod, name: string): string {
  return method === '__init__'
    ? `"TypeError: ${c.cls}.__init__() got an unexpected keyword argument '${name}'"`
    : `TypeError (an unexpected keyword argument of \`train()\`)`;
}

function report(ctx: RuleContext, c: Checked, method: TrainerMethod, arg: ArgFact, at: CallFact): void {
  const name = arg.name!;
  const presence = trainerKeywordPresence(ctx.env, c.cls, method, name);
  if (presence === 'accepted') return;
  const what = method === '__init__' ? c.cls : `${c.cls}.train()`;
  const via = c.caller ? `, given in \`${c.caller}.__init__\`'s \`super().__init__(…)\``
    : method === '__init__' && c.subclass?.overrides.has('__init__') ? `, which \`${c.subclass.name}.__init__\` passes it on to` : '';
  const ever = everTaken(c.cls, method, name);
  const h = hint(ctx, { ...c, call: at }, method, name, !ever);
  let message: string;
  if (presence === 'rejected') {
    const gone = keywordRemoval(c.cls, method, name);
    const came = keywordArrival(ctx.env, c.cls, method, name);
    const history = came ? `; it came in ${libraryName(came.pkg)} ${came.from}`
      : gone ? `; ${gone.exact ? 'removed in' : 'gone by'} ${libraryName(gone.pkg)} ${gone.from}`
      : ever && takenByNewest(c.cls, method, name) ? '; newer releases take it' : '';
    const nothing = method === 'train' && trainerKeywordPresence(ctx.env, c.cls, 'train', 'resume_from_checkpoint') === 'rejected'
      ? `; ${c.cls}.train() takes no arguments there` : '';
    message = `\`${name}=\` is not an argument of ${what}${via} (${versions(ctx, c, method)}${history}): it raises ${raises(c, method, name)}${nothing}${h.text}`;
  } else if (!ever) {
    message = `\`${name}=\` is not an argument of ${what}${via} in any release trainlint has read (${trainerReleasesRead(c.cls, method)}), where it raises `
      + `${raises(c, method, name)}; assuming the script runs on one of them (${versions(ctx, c, method)})${h.text}`;
  } else {
    // Some release read takes it: only a keyword the newest releases no longer take is worth a word.
    const gone = keywordRemoval(c.cls, method, name);
    if (!gone || takenByNewest(c.cls, method, name)) return;
    // The keyword's presence is unknown when the version is outside the releases read (TRL 0.5.0 pinned by a notebook's
    // `pip install`), yet the version may still decide the removal: one known to be older is not concerned by it
    // (DrishtiShrrrma/reward-modeling-rlhf-gpt2-vs-opt-350m: `RewardTrainer(max_length=512)` on TRL 0.5.0, whose
    // `RewardTrainer.__init__` takes `max_length`), and one known to be newer is named as it is.
    const removed = ctx.env.gate(gone.pkg, { from: gone.from });
    if (removed === 'unaffected') return;
    const lib = libraryName(gone.pkg);
    const note = removed === 'affected' ? ` (${ctx.versionText(gone.pkg)})` : unknownClause(ctx, gone.pkg, gone.from);
    message = `\`${name}=\` ${gone.exact ? 'was removed from' : 'is no longer an argument of'} ${what} ${gone.exact ? 'in' : 'by'} ${lib} ${gone.from}: `
      + `from there on it raises ${raises(c, method, name)}${note}${h.text}`;
  }
  const fixes: Fix[] = h.rename
    ? [{ title: `Rename ${name}= to ${h.rename}=`, applicability: 'unsafe', edits: [renameKeyword(ctx.source, arg, h.rename)] }]
    : [];
  ctx.report({ node: arg.node.childForFieldName('name') ?? arg.node, severity: presence === 'rejected' ? 'error' : 'information', message, fixes });
}

function checkKeywords(ctx: RuleContext, c: Checked, method: TrainerMethod, at: CallFact): void {
  if (typeErrorHandled(at.node) || trainingLibraryGuarded(ctx.facts, at.node)) return;
  for (const [name, arg] of at.keywords) {
    if (arg.siblings || arg.node.type !== 'keyword_argument') continue; // spread in through `**`: not written here
    if (ownedElsewhere(c.cls, method, name)) continue;
    // The subclass's own keyword (`def __init__(self, *args, alpha=0.5, **kwargs)`, `kwargs.pop("alpha")`).
    if (method === '__init__' && c.subclass?.consumes.has(name)) continue;
    // Mapped through a subclass's explicit `__init__`: only what reaches the library as written (`**kwargs`).
    if (method === '__init__' && !keywordAsWritten(at, name)) continue;
    report(ctx, c, method, arg, at);
  }
}

/**
 * Unsloth (imported before TRL) wraps the constructors of TRL's trainers that have a config (unslothai/unsloth
 * `unsloth/trainer.py` `_backwards_compatible_trainer`): from TRL 0.13, given `args=`, every keyword the trainer does
 * not take is moved off the call (set on the config when it is a config field, else dropped), so none raises.
 */
function unslothTakes(ctx: RuleContext, c: Checked): boolean {
  return c.lib === 'trl' && ctx.unsloth.patches && !c.qualified.startsWith('trl.experimental') && c.call.keywords.has('args')
    && ctx.env.gate('trl', { before: '0.13' }) !== 'affected';
}

/**
 * The script imports the trainer from where the installed TRL no longer has it (`from trl import PPOTrainer` on TRL ≥
 * 0.29): the import fails first, and TL509 / TL516 say so.
 */
function importFails(ctx: RuleContext, c: Checked): boolean {
  if (c.lib !== 'trl') return false;
  const module = c.qualified.slice(0, c.qualified.lastIndexOf('.'));
  return importMovedAway(ctx.env, module, c.cls) || importRemoved(ctx.env, module, c.cls);
}

/** The trainer calls to check: `ctx.trainers` (with the script's subclasses), then the other trainers of the table. */
function trainerCalls(ctx: RuleContext): Checked[] {
  const out: Checked[] = [];
  const seen = new Set<number>();
  for (const t of ctx.trainers) {
    seen.add(t.call.node.id);
    const lib = trainerLibrary(t.kind);
    const root = t.qualified.split('.')[0];
    if (lib && root === lib) out.push({ call: t.call, cls: t.kind, lib, qualified: t.qualified, subclass: t.subclass });
  }
  for (const call of callsWhere(ctx.facts, isLibraryTrainerLike)) {
    if (seen.has(call.node.id)) continue;
    const cls = callName(call);
    out.push({ call, cls, lib: trainerLibrary(cls)!, qualified: call.qualified! });
  }
  // A subclass's own `super().__init__(…)`: its keywords reach the library trainer as written.
  for (const b of baseInitCalls(ctx.facts)) {
    const lib = trainerLibrary(b.kind);
    if (lib && b.qualified.split('.')[0] === lib) out.push({ call: b.call, cls: b.kind, lib, qualified: b.qualified, caller: b.owner });
  }
  return out;
}

/** Selection tests (`callsWhere`): a call of a class in the signature table; `<x>.train(keyword=…)`. */
const isLibraryTrainerLike = (call: CallFact): boolean => {
  const cls = callName(call);
  const lib = trainerLibrary(cls);
  return !!lib && isLibraryCall(call, [cls], [lib]);
};
const isTrainWithKeywords = (call: CallFact): boolean => call.method === 'train' && !!call.receiver && call.keywords.size > 0;

const rule: Rule = {
  code: 'TL518',
  name: 'unknown-trainer-argument',
  severity: 'error',
  fix: 'unsafe',
  requires: ['Trainer'],
  docs: `## What it does
Flags a keyword argument that a trainer's constructor, or its \`train()\`, does not take at the versions the script runs
on: TRL's trainers (\`SFTTrainer\`, \`DPOTrainer\`, \`GRPOTrainer\`, \`RLOOTrainer\`, \`KTOTrainer\`, \`ORPOTrainer\`,
\`CPOTrainer\`, \`RewardTrainer\`, \`PPOTrainer\`, \`GKDTrainer\`, \`BCOTrainer\`, \`OnlineDPOTrainer\`, \`PRMTrainer\`,
\`XPOTrainer\`, \`NashMDTrainer\`, …, from \`trl\` or \`trl.experimental\`) and transformers' \`Trainer\` and
\`Seq2SeqTrainer\`. Typical cases: \`GRPOTrainer(ref_model=…)\` (GRPO never took one: it builds its reference model from
\`model\`), a config setting given to the trainer (\`GRPOTrainer(beta=0.04)\`, \`Trainer(max_seq_length=…)\`: the message
names the config class that takes it), \`Trainer(peft_config=…)\`, \`PPOTrainer(dataset=…)\` written for the TRL ≤ 0.11
PPOTrainer, and \`trainer.train(max_steps=…)\`.

\`tokenizer=\` and a TRL trainer's \`processing_class=\` (TL501), the \`SFTTrainer\` and \`DPOTrainer\` keywords that moved into their configs
(TL502) and \`train(model_path=…)\` (TL510) are reported by those rules with their history, never by this one.

## Why is this bad?
The constructors take a fixed list of parameters and no \`**kwargs\`, so an extra keyword raises
\`TypeError: GRPOTrainer.__init__() got an unexpected keyword argument 'ref_model'\` after the model and the datasets
were loaded. transformers' \`Trainer.train\` takes \`resume_from_checkpoint\`, \`trial\` and \`ignore_keys_for_eval\`; in
4.x its \`**kwargs\` only exists to raise "train() got unexpected keyword arguments" for anything but the old
\`model_path\`, and 5.x has no \`**kwargs\` at all. TRL's \`PPOTrainer\` (0.12 on) and \`RLOOTrainer\` (0.9–0.21) have
their own \`train(self)\` that takes nothing.

With pinned versions the finding is an error when the installed release is known not to take the keyword. With a
version the script does not pin (or one trainlint has not read), a name that no release read ever took is
information naming the releases read; a name that older releases took and the newest ones do not is information
naming the release that removed it, unless the pinned version is known to be older than that release (TRL 0.5.0,
before the releases read, takes \`RewardTrainer(max_length=…)\`: huggingface/trl v0.5.0
\`trl/trainer/reward_trainer.py\`); anything else is left alone.

A subclass of the script's own (or of its project's modules) is its library trainer when its \`__init__\` passes every
other argument on unchanged (\`def __init__(self, *args, alpha=0.5, **kwargs): super().__init__(*args, **kwargs)\`,
also after \`kwargs.pop("alpha", …)\`): the keywords it takes for itself (parameters with defaults, keys popped before
the base's \`__init__\`) are its own, the rest reach the library's \`__init__\` and are checked, and the message names
the subclass. The subclass's own \`super().__init__(…)\` (in the \`__init__\` of a class of the script whose one base is a
library trainer, so that \`super()\` is that trainer) is checked too: its keywords reach the library as written.
Quiet for a subclass whose \`__init__\` does more (explicit parameters, \`kwargs\` changed, popped after
the base got them, or one of the trainer's own parameters kept from it), for \`train()\` on a subclass that defines it,
for keywords spread in with \`**kwargs\`, a trainer not in the table, a call inside a branch the script keeps to some TRL or transformers versions, and a call
whose \`TypeError\` the script catches. When \`unsloth\` is imported before \`trl\`, a TRL trainer given \`args=\` is
Unsloth's wrapped one (unslothai/unsloth \`unsloth/trainer.py\` \`_backwards_compatible_trainer\`, TRL ≥ 0.13): it moves
every keyword the trainer does not take off the call (onto the config when it is a config field, otherwise dropped),
so nothing raises and the rule is quiet.

## Example
\`\`\`python
# pip install trl==0.19.1 transformers==4.57.1
from trl import GRPOConfig, GRPOTrainer

trainer = GRPOTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", reward_funcs=reward_len, ref_model=ref_model,
                      args=GRPOConfig(output_dir="out"), train_dataset=dataset)
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.19.1 transformers==4.57.1
from trl import GRPOConfig, GRPOTrainer

trainer = GRPOTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", reward_funcs=reward_len,
                      args=GRPOConfig(output_dir="out", beta=0.04), train_dataset=dataset)
\`\`\`

## Fix safety
Renaming to the closest keyword is unsafe: it is trainlint's guess, offered only when one keyword is clearly closest
and the call does not give it already. A keyword that belongs in the config gets no fix (the message names the class).

## References
- The keywords each trainer takes at each release, read with Python's \`ast\` from the libraries' source
  (\`scripts/trainer-signatures.py\` in trainlint's repository generates the table): every \`…Trainer\` class of
  huggingface/trl \`trl/\` at every release tag v0.7.0 (5d8ad5d5)–v1.9.0 (35def3ee) and the trl 1.13.0 wheel, with
  \`**kwargs\` followed to the base class it is passed to (the \`trl.trainer\` shims over \`trl.experimental\`, the
  experimental \`DPOTrainer\` and \`GRPOTrainer\` variants), \`@deprecate_kwarg\` aliases counted as taken (PPOTrainer's
  \`config\`, \`policy\`, \`ref_policy\` in 0.12.1–0.14); huggingface/transformers \`src/transformers/trainer.py\`
  (\`Trainer.__init__\`, \`Trainer.train\`: its \`if len(kwargs) > 0: raise TypeError\`) and \`trainer_seq2seq.py\`
  (\`Seq2SeqTrainer\`, whose \`__init__\` is \`Trainer\`'s before 4.28) of one release of every series 4.2–4.56 and
  5.0–5.15 (the last patch), read at the release tags of the forks FyrbyAdditive/transformers and 8b-is/transformers
  (the same commits; the generated table's header lists them), and of the 4.57.6, 5.17.0 and 5.18.0 wheels.
  transformers before 4.2 is not read: a pin there is an unknown version. Between two releases read far apart (TRL
  1.9.0–1.13.0, transformers 5.15.0–5.17.0) a keyword in the same state at both ends is taken to be so in between; one
  that changed is unknown there. No transformers patch release changed these signatures inside its series (every tag
  4.2.0–5.15.0 read). \`processing_class=\` on transformers' \`Trainer\` / \`Seq2SeqTrainer\` before 4.46 (which take
  \`tokenizer=\`) is this rule's; on TRL's trainers it is TL501's.
- unslothai/unsloth \`unsloth/trainer.py\`@015bdef0 (\`_backwards_compatible_trainer\`, \`_resolve_trainer_params\`),
  \`unsloth/models/rl.py\` (the generated \`Unsloth<Name>Trainer.__init__\` passes \`**kwargs\` to TRL's; its
  \`train\` wrapper passes every argument on)
`,
  check(ctx) {
    const calls = trainerCalls(ctx).filter((c) => !importFails(ctx, c));
    for (const c of calls) {
      // A subclass is a trainer here only when its `__init__` (if any) passes the rest of its arguments on unchanged
      // (`domain/trainer-subclass.ts`): those reach the library's `__init__`.
      if (unslothTakes(ctx, c)) continue;
      checkKeywords(ctx, c, '__init__', c.call);
    }
    for (const call of callsWhere(ctx.facts, isTrainWithKeywords)) {
      const made = ctx.callOf(call.receiver);
      const c = made && calls.find((x) => x.call.node.id === made.node.id);
      if (!c || c.subclass?.overrides.has('train')) continue;
      checkKeywords(ctx, c, 'train', call);
    }
  },
};

export default rule;
