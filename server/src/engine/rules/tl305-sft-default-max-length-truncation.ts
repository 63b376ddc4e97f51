import type { Node } from 'web-tree-sitter';
import type { Fix } from '../diagnostics';
import { trainerModelArg } from '../domain/models';
import { modelLoads, traceModel } from '../domain/model-trace';
import { hasColumnNamed } from '../dataset/columns';
import { isLibraryCall, isSftLike, trainerArg, type TrainerFact } from '../domain/trainers';
import { sftPreparationVersion } from './sft-vision-verdict';
import { lookupArg, preparationSkipped } from '../domain/training-args';
import type { AssignmentFact, FileFacts } from '../facts/types';
import { assignmentsWhere } from '../facts/selections';
import { evaluate, evaluateNumber } from '../facts/values';
import { reachingAssignment } from '../facts/reaching';
import { addKeyword } from './edits';
import type { RuleContext } from './context';
import type { Rule } from './rule';

const DEFAULT = 1024;
/** First Unsloth release whose SFTTrainer sets max_length from the model (unslothai/unsloth 16af0ceb, unsloth/models/rl.py). */
const UNSLOTH_COPIES_LENGTH = '2025.6.1';
/**
 * From this Unsloth release its SFTConfig defaults \`max_seq_length\` to None (unslothai/unsloth 49eece4d, "Many bug fixes
 * (#2087)", \`unsloth/models/rl.py\`: \`"max_seq_length": None\` among the config's replaced defaults), and its trainer
 * copies the model's \`max_seq_length\` into a None one (since 2025.2.5, 95fb1d69): on TRL ≤ 0.15, whose field this is,
 * nothing is cut at 1024. TRL 0.16 renamed the field \`max_length\`, which only 2025.6.1 copies into.
 */
const UNSLOTH_COPIES_SEQ_LENGTH = '2025.3.15';
/** Unsloth 2025.3.4 up to 2025.5.7 require \`trl<=0.15.2\` (pyproject.toml); 2025.5.8 lifts the cap (623060ba, "Latest TRL"). */
const UNSLOTH_ALLOWS_TRL_016 = '2025.5.8';
const CONSTANT_NAME = /^max_seq_len(gth)?$/i;
/** `max_seq_length = …` at module level (a class body's `max_seq_length: int = 2048`, a dataclass field, is no name there). */
const isLengthConstant = (a: AssignmentFact): boolean =>
  a.subscriptKey === undefined && a.unpackIndex === undefined && CONSTANT_NAME.test(a.target) && a.scope === null && !inClassBody(a.node);

function inClassBody(node: Node): boolean {
  for (let p = node.parent; p && p.type !== 'module'; p = p.parent) if (p.type === 'class_definition') return true;
  return false;
}

/** `valueNode`: the expression giving the length in this file (none for a load made in a project module). */
interface LoadLength { value: number; valueNode?: Node; where: Node; label: string }

const rule: Rule = {
  code: 'TL305',
  name: 'sft-default-max-length-truncation',
  severity: 'warning',
  fix: 'sometimes',
  overriddenBy: ['preparation'],
  docs: `## What it does
Flags an \`SFTTrainer\` whose model is loaded with \`max_seq_length\` above 1024 (Unsloth's
\`FastLanguageModel.from_pretrained(max_seq_length=…)\`, or a \`max_seq_length = …\` constant) while neither the
trainer nor its \`SFTConfig\` sets \`max_length\` (or the legacy \`max_seq_length\`).

## Why is this bad?
Since TRL 0.15 \`SFTConfig\` truncates to a hard default of 1024 tokens (\`max_seq_length=1024\` in 0.15,
\`max_length=1024\` from 0.16). Longer examples are cut silently: responses disappear, and with response-only
masking whole rows become \`-100\` (nan loss). The model load's \`max_seq_length\` does not reach the trainer.
The Unsloth notebooks that pass \`max_seq_length = max_seq_length\` to the trainer are fine, and so is any
Unsloth from 2025.6.1: its patched \`SFTTrainer\` copies the model's \`max_seq_length\` into \`args.max_length\`
when the config has one (unslothai/unsloth PR #2669, first released in 2025.6.1: commit 16af0ceb,
\`unsloth/models/rl.py\`, "trl is moving to max_length"). Unsloth from 2025.3.15 does the same for TRL ≤ 0.15's
field: its \`SFTConfig\` defaults \`max_seq_length\` to None and its trainer fills a None one from the model
(unslothai/unsloth 49eece4d and 95fb1d69, \`unsloth/models/rl.py\`), so with Unsloth 2025.3.15 to 2025.6.0 only
TRL ≥ 0.16 truncates, and Unsloth before 2025.5.8 requires \`trl<=0.15.2\` (its \`pyproject.toml\`): a notebook
pinning \`unsloth==2025.3.19\` is not flagged. Nor is a training dataset already tokenized (an \`input_ids\` column) under
Unsloth without packing: Unsloth's preparation tokenizes, and so truncates, only text (unslothai/unsloth-zoo
\`unsloth_zoo/dataset_utils.py\` \`sft_prepare_dataset\`: "Skip tokenization if already tokenized"); TRL's own preparation
truncates a tokenized dataset too. A notebook that installs Unsloth unpinned
(\`!pip install unsloth\`) gets the newest release and is not flagged.
Nothing is flagged when \`dataset_kwargs\` sets \`skip_prepare_dataset\` (TRL's vision recipe, which sets it on
the config after building it): TRL then neither tokenizes nor truncates the dataset
(\`preprocess_dataset = args.dataset_kwargs is None or not args.dataset_kwargs.get("skip_prepare_dataset", False)\`,
huggingface/trl v0.19.1 \`trl/trainer/sft_trainer.py\`). Nor, from TRL 0.22, a vision-language trainer with its own
\`data_collator=\`: TRL skips its preparation when \`processing_class\` is a processor (0.22–0.23: \`self._is_vlm\`) or
when the first training row has an \`image\`/\`images\` column (from 0.24: \`self._is_vision_dataset\`), huggingface/trl
v0.22.0 and v0.24.0 (through v1.9.0) \`trl/trainer/sft_trainer.py\` \`skip_prepare_dataset\`, and only its own
\`DataCollatorForVisionLanguageModeling\` (used when no collator is given) truncates, to \`max_length\`. Silent when the
script shows both the processor (\`AutoProcessor\`/\`…Processor.from_pretrained\`) and the image column and TRL is
0.22 or newer; information saying what it assumed when only one of them is shown or TRL's version is not known.

## Example
\`\`\`python
# pip install trl==0.19.1
from unsloth import FastLanguageModel
from trl import SFTTrainer, SFTConfig

max_seq_length = 4096
model, tokenizer = FastLanguageModel.from_pretrained("unsloth/Qwen3-4B", max_seq_length=max_seq_length)
trainer = SFTTrainer(model=model, train_dataset=dataset, args=SFTConfig(output_dir="outputs"))
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.19.1
from unsloth import FastLanguageModel
from trl import SFTTrainer, SFTConfig

max_seq_length = 4096
model, tokenizer = FastLanguageModel.from_pretrained("unsloth/Qwen3-4B", max_seq_length=max_seq_length)
trainer = SFTTrainer(model=model, train_dataset=dataset,
                     args=SFTConfig(output_dir="outputs", max_length=max_seq_length))
\`\`\`

## Fix safety
Adding \`max_length=\` with the load value (the constant's name when the load used one) is safe: it is the
length the user chose for the model. On TRL 0.15 (known) the fix writes \`max_seq_length=\`, the name that
version accepts; with TRL's version unknown the name is a guess (TRL 0.15's \`SFTConfig\` has no \`max_length\`,
huggingface/trl v0.15.2 \`trl/trainer/sft_config.py\`), so the fix is unsafe there and the message names both. No fix is offered when the trainer's arguments are not an \`SFTConfig(...)\` call.

## References
- unslothai/unsloth#2904, #3019; unsloth PR #2669 (commit 9bf69106, released in 2025.6.1:
  \`__version__ = "2025.6.1"\` at 16af0ceb in \`unsloth/models/_utils.py\`); huggingface/trl#2400
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (!isSftLike(t) || t.call.hasSplat) continue;
      const length = loadLength(ctx, t);
      if (!length || length.value <= DEFAULT) continue;
      const set = ['max_length', 'max_seq_length'].map((k) => lookupArg(ctx.facts, t, k));
      if (set.some((l) => l.arg || l.unknown)) continue;
      if (skipsPreparation(ctx, t)) continue;
      // From TRL 0.22 a processor with image rows skips SFTTrainer's preparation: with a custom collator nothing of
      // TRL's truncates (its own vision collator, used without one, truncates to max_length).
      let v = sftPreparationVersion(ctx, t, { from: '0.15' });
      if (!v.severity) continue;
      // Unsloth's patched SFTTrainer copies the model's max_seq_length into max_length since
      // 2025.6.1 (unsloth PR #2669): the bug it hides drops to information when its version is unknown.
      if (ctx.unsloth.patches && loadIsUnsloth(ctx, t)) {
        // Unsloth's preparation tokenizes, and so truncates, only a dataset without `input_ids` (unsloth_zoo
        // `sft_prepare_dataset`: "Skip tokenization if already tokenized"); only packing would still cut it.
        const packing = lookupArg(ctx.facts, t, 'packing');
        const packs = packing.arg ? evaluate(ctx.facts, packing.arg.value) : undefined;
        const noPacking = !packing.unknown && (!packs || (packs.kind === 'bool' && !packs.value));
        if (noPacking && hasColumnNamed(ctx.datasets.at(trainerArg(t, 'train_dataset')?.value), 'input_ids').has === true) continue;
        const u = ctx.version('unsloth', { before: UNSLOTH_COPIES_LENGTH }, 'information');
        if (!u.severity) continue;
        // The note says why the version is not known (RULES.md), then what newer Unsloth does.
        if (u.gate === 'unknown') v = { ...u, note: u.note.replace(/\)$/, '; newer Unsloth copies max_seq_length into max_length)') };
        else {
          if (ctx.env.gate('unsloth', { from: UNSLOTH_COPIES_SEQ_LENGTH }) === 'affected') {
            // This Unsloth fills TRL ≤ 0.15's max_seq_length from the model; only TRL ≥ 0.16's max_length stays 1024,
            // and before 2025.5.8 Unsloth's own requirements keep TRL at 0.15.2 or older.
            if (ctx.env.gate('unsloth', { before: UNSLOTH_ALLOWS_TRL_016 }) === 'affected') continue;
            v = ctx.version('trl', { from: '0.16' });
            if (!v.severity) continue;
          }
          v = { ...v, note: `${v.note.replace(/\)$/, '')}; ${ctx.versionText('unsloth')})` };
        }
      }
      // TRL 0.15's SFTConfig calls it max_seq_length and has no max_length (huggingface/trl v0.15.2
      // `trl/trainer/sft_config.py`): with the version unknown the name is a guess, so the fix is unsafe.
      const nameGate = ctx.env.gate('trl', { before: '0.16' });
      const oldName = nameGate === 'affected';
      const kw = oldName ? 'max_seq_length' : 'max_length';
      const fixes: Fix[] = [];
      const config = t.config;
      if (config && isLibraryCall(config, ['SFTConfig']) && !config.hasSplat) {
        const text = valueText(ctx.facts, length, config.node);
        fixes.push({ title: `Set ${kw}=${text} in SFTConfig`, applicability: nameGate === 'unknown' ? 'unsafe' : 'safe', edits: [addKeyword(ctx.source, config, `${kw}=${text}`)] });
      }
      const where = config ? config.calleeText.split('.').pop() : `${t.kind} (no args=, so SFTConfig defaults)`;
      ctx.report({
        node: config?.callee ?? t.call.callee,
        severity: v.severity,
        message: `${length.label}${length.value}, but ${where} leaves \`max_length\` at its default ${DEFAULT}: SFTTrainer silently truncates every example to ${DEFAULT} tokens${v.note}. Set \`${kw}=${length.value}\`${nameGate === 'unknown' ? ' (`max_seq_length=` on TRL 0.15, whose SFTConfig has no `max_length`)' : ''}.`,
        related: [{ node: length.where, message: `${length.label}${length.value}` }],
        fixes,
      });
    }
  },
};

/** The trainer's model comes from an Unsloth loader (which records max_seq_length on the model). */
function loadIsUnsloth(ctx: RuleContext, t: TrainerFact): boolean {
  const trace = traceModel(ctx.facts, ctx.a.callsByNode, trainerModelArg(t.call)?.value);
  if (trace.load) return trace.load.unsloth;
  return modelLoads(ctx.facts, ctx.a.callsByNode).some((l) => l.unsloth && l.node.startIndex < t.call.node.startIndex);
}

/** The model's length: its Unsloth load, the last Unsloth load before the trainer, or a `max_seq_length` constant. */
function loadLength(ctx: RuleContext, t: TrainerFact): LoadLength | undefined {
  const trace = traceModel(ctx.facts, ctx.a.callsByNode, trainerModelArg(t.call)?.value);
  let load = trace.load?.maxSeqLength ? trace.load : undefined;
  if (!trace.load && trace.id === undefined) {
    const before = modelLoads(ctx.facts, ctx.a.callsByNode).filter((l) => l.maxSeqLength && l.node.startIndex < t.call.node.startIndex);
    load = before[before.length - 1];
  }
  if (load?.maxSeqLength) {
    const arg = load.maxSeqLength.arg;
    return { value: load.maxSeqLength.value, valueNode: arg?.value, where: arg?.node ?? load.node, label: 'The model is loaded with max_seq_length=' };
  }
  for (const a of assignmentsWhere(ctx.facts, isLengthConstant)) {
    if (a.node.startIndex > t.call.node.startIndex) continue;
    const value = evaluateNumber(ctx.facts, a.value);
    if (value !== undefined && reachingAssignment(ctx.facts, a.target, t.call.node) === a) {
      return { value, valueNode: a.targetNode, where: a.node, label: `The script sets ${a.target} = ` };
    }
  }
  return undefined;
}

/**
 * `dataset_kwargs={"skip_prepare_dataset": True}`: TRL does not tokenize or truncate. A later
 * `args.dataset_kwargs = …` (TRL's vision SFT docs) may set it, so it counts too.
 */
function skipsPreparation(ctx: RuleContext, t: TrainerFact): boolean {
  return preparationSkipped(ctx.facts, t) !== false;
}

/** The constant's name when the load used one that is in scope at the config call, else the number. */
function valueText(facts: FileFacts, length: LoadLength, at: Node): string {
  const n = length.valueNode;
  if (n?.type === 'identifier') {
    const a = reachingAssignment(facts, n.text, at);
    if (a && a.unpackIndex === undefined && evaluateNumber(facts, a.value) === length.value) return n.text;
  }
  return String(length.value);
}
export default rule;
