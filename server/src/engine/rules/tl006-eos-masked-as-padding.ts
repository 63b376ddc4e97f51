import type { Node } from 'web-tree-sitter';
import type { Fix } from '../diagnostics';
import { guardedByNoPad, modelCondition, padCondition, padIdMaskingUses } from '../domain/pad-id-masking';
import { isLocalPath, isOriginalCheckpointId, isUnslothUpload, shipsWithoutEosToken, tokenizerFamily } from '../domain/tokenizer-families';
import { eosSetBefore, padIsEos, tokenizerOrigin, type TokenizerOrigin } from '../domain/tokenizers';
import { commandLineModelId, type CommandLineValue } from '../domain/command-line-defaults';
import { conditionalAlternatives } from '../facts/reaching';
import { rowsTokenizedWithoutEos } from '../domain/training-eos';
import { trainingTextField } from '../domain/formatted-text';
import { trainerArg, type TrainerFact } from '../domain/trainers';
import { replaceNode } from './edits';
import type { AssignmentFact, FileFacts } from '../facts/types';
import { isQualified } from '../facts/imports';
import { enclosingFunction } from '../facts/anchor';
import type { Rule } from './rule';
import type { RuleContext } from './context';

/** A statement that makes the tokenizer's pad token its EOS token. */
interface PadEosSite {
  node: Node;
  /** The tokenizer variable. */
  tokVar: string;
  scope: Node | null;
  /** `tok.pad_token = tok.eos_token` (guards and the fix read it); absent for TRL's `setup_chat_format`. */
  assignment?: AssignmentFact;
  /** The tokenizer expression of a `setup_chat_format` call. */
  tokenizerNode?: Node;
}

/**
 * `tok.pad_token = tok.eos_token` (or the `_id` form), and TRL's `setup_chat_format(model, tok)`, which sets
 * `tok.eos_token` and `tok.pad_token` both to `"<|im_end|>"` (`ChatMlSpecialTokens`, the only format, in every release that
 * has it: TRL 0.7.10–0.25; removed in 0.26). The tokenizer is changed in place, so it counts under its own name and under
 * the name the call's result is unpacked into (`model, tokenizer = setup_chat_format(model, tokenizer)`).
 */
function padEosSites(facts: FileFacts): PadEosSite[] {
  const sites: PadEosSite[] = [];
  for (const a of facts.assignments) {
    if (a.subscriptKey !== undefined) continue;
    const tokVar = padIsEos(a.target, a.value);
    if (tokVar) sites.push({ node: a.node, tokVar, scope: a.scope, assignment: a });
  }
  for (const c of facts.calls) {
    if (!isQualified(c.qualified, ['trl'], 'setup_chat_format')) continue;
    const tok = (c.keywords.get('tokenizer') ?? c.positional[1])?.value;
    if (!tok || tok.type !== 'identifier') continue;
    const scope = enclosingFunction(c.node);
    sites.push({ node: c.node, tokVar: tok.text, scope, tokenizerNode: tok });
    const unpacked = facts.assignments.find((a) => a.value.id === c.node.id && a.unpackIndex === 1);
    if (unpacked && unpacked.target !== tok.text && /^\w+$/.test(unpacked.target)) sites.push({ node: c.node, tokVar: unpacked.target, scope, tokenizerNode: tok });
  }
  return sites;
}

/**
 * The text field an SFT trainer reads as it is (\`dataset_text_field="text"\` given), when nothing in the script renders a
 * chat template or spells \`<|im_end|>\`; undefined otherwise.
 */
function plainTextField(ctx: Parameters<Rule['check']>[0], t: TrainerFact): string | undefined {
  if (!trainerArg(t, 'dataset_text_field') || /apply_chat_template|im_end/.test(ctx.a.text)) return undefined;
  return trainingTextField(ctx.facts, t);
}

/**
 * The model id the tokenizer's load reads from the command line's defaults, when the script gives no literal one and the
 * tokenizer has that one origin (TL203 reads it the same way).
 */
function assumedModelId(ctx: RuleContext, origin: TokenizerOrigin | undefined, tokNode: Node | undefined): CommandLineValue | undefined {
  if (!origin || origin.modelId || origin.kind !== 'auto') return undefined;
  if (tokNode?.type === 'identifier' && conditionalAlternatives(ctx.facts, tokNode)) return undefined;
  return commandLineModelId(ctx.facts, ctx.a.callsByNode, origin.load, ctx.a.env.launchedRuns);
}

const rule: Rule = {
  code: 'TL006',
  name: 'eos-masked-as-padding',
  severity: 'warning',
  fix: 'unsafe',
  overriddenBy: ['batches'],
  requires: ['pad_token', 'setup_chat_format'],
  docs: `## What it does
Flags \`tokenizer.pad_token = tokenizer.eos_token\` (or the \`_id\` form) when the tokenizer feeds a
collator that masks labels by pad *id*: transformers' \`DataCollatorForLanguageModeling(mlm=False)\`,
TRL's \`DataCollatorForCompletionOnlyLM\`, or \`SFTTrainer\`'s default collator on TRL ≤ 0.16
(also under Unsloth, whose text path keeps TRL's collator). Unsloth's loader gives its tokenizers a pad
token that is not EOS; overriding it brings the bug back. A trainer later passed to Unsloth's
\`train_on_responses_only(trainer, …)\` is not reported, wherever \`unsloth\` is imported: the function itself swaps
any collator but \`DataCollatorForSeq2Seq\` for one (which pads labels by position) and writes the labels from the
input ids, EOS included (unsloth-zoo \`unsloth_zoo/dataset_utils.py\`, "Edit data collator as well if not
DataCollatorForSeq2Seq", from 2025-03-05; YangHyunu/Blueprint-ORPO \`src/base_edit.ipynb\` imports TRL first).

A trainer subclass that computes the loss itself (\`compute_loss\`, \`training_step\`, … without calling the trainer's
own, \`super().compute_loss(…)\`) is not reported either: its loss need not read the collator's \`labels\`
(xfactlab/orpo \`src/orpo_trainer.py\` builds its own from the chosen and rejected ids).

TRL's preference, reward and RL trainers (\`DPOTrainer\`, \`ORPOTrainer\`, \`KTOTrainer\`, \`CPOTrainer\`,
\`RewardTrainer\`, \`GRPOTrainer\`, \`PPOTrainer\`) are not reported whatever collator they are given: their losses read
the chosen/rejected or completion ids they build themselves, never a collator's \`labels\` (huggingface/trl
\`trl/trainer/dpo_trainer.py\`: v0.12.0 \`concatenated_forward\` builds its labels from the chosen/rejected ids; at
f2cd5771, 2026-07-24, \`_compute_loss\` scores \`input_ids\` under \`completion_mask\`).

An assignment guarded by \`if tokenizer.pad_token is None:\` (or \`if not tokenizer.pad_token:\`, the \`_id\` forms)
runs only for a tokenizer without a pad token. Under any other test of the tokenizer's pad token that trainlint
does not evaluate (\`elif tokenizer.pad_token_id == tokenizer.bos_token_id:\`) the finding is information naming it. So it is silent for the original checkpoints of families that
ship one (Qwen, Gemma, Phi-3/4, SmolLM, OPT, BLOOM) and for Unsloth's tokenizers. It is reported as usual for
families that ship none (Llama, Mistral, GPT-2, Falcon, Pythia). Any other tokenizer gets \`information\`,
and the message names the assumption.

The assignment may sit in the script's own function that returns the tokenizer (\`def get_tokenizer(name): …;
return tok\`, or \`return model, tok\` unpacked at the call); it counts when the function provably returns that
tokenizer (a single \`return\`, or every \`return\` giving the same name). The model id is then read from the call:
\`get_tokenizer("Qwen/Qwen2.5-0.5B-Instruct")\` or the parameter's default, so a guarded assignment there is decided
as above. The tokenizer of a function the file never calls (assigned in it) is another
object than a module-level trainer's tokenizer of the same name: not reported (nyutu-grace/llm-amharic
\`train/finetuning/finetuning.py\`, an uncalled \`load_model\`). A trainer inside a function keeps the link by name: its
tokenizer may come through parameters and method returns that are not followed.

A model id the script reads from its command line (\`args.model_name_or_path\` after \`argparse\`'s \`parse_args()\`, directly,
through the script's own \`parse_args()\` helper or a \`main(args)\` parameter; the same reading as TL203) is the id a
run with the defaults uses: the finding names it as that default ("assuming the default of \`--model_name_or_path\`"),
it never raises the severity (a guarded assignment stays information, the command line may name another model), and no
fix is offered from it. A default whose original tokenizer has a pad token leaves a guarded assignment silent
(transformers \`examples/scheduler/run_greedy.py\`: \`--model_name_or_path\` defaults to meta-llama/Llama-3.2-1B, which has
none, so the \`if\` runs with the defaults). Not when a shell script of the project runs the script with a command line
that may pass the flag (\`python train.py --model_name_or_path …\`, a short option, \`"$@"\`): the default is not what runs.

A tokenizer that has no EOS token at all is not reported: Qwen's first models (\`Qwen/Qwen-7B\`, \`Qwen-1_8B-Chat\`,
\`Qwen-VL\`, also read from a Hub-cache snapshot folder \`…/models--Qwen--Qwen-1_8B-Chat/snapshots/<commit>\`) load
\`QWenTokenizer\`, whose \`__init__\` sets no special token and whose \`tokenizer_config.json\` names none (Qwen/Qwen-7B-Chat
\`tokenization_qwen.py\`; \`<|endoftext|>\` is \`tokenizer.eod_id\`), so \`tok.pad_token = tok.eos_token\` sets the pad token to
None and masks nothing (padding then fails instead). It is reported as usual when the script sets \`tok.eos_token\` first
(roclee2692/Chinese-LLM-LoRA-Finetuning \`ultimate_qwen_training.py\`: \`if tokenizer.eos_token is None: tokenizer.eos_token =
"<|endoftext|>"\`).

When the rows are tokenized straight from a dataset column (\`data.map(lambda s: tokenizer(s["prompt"]))\`) by a
tokenizer of a known family, the tokenizer appends no EOS: a row ends with one only if its text holds it, and the
collator masks that one. The message says so and asks for an EOS in the text as well as a dedicated pad token.

TRL's \`setup_chat_format(model, tokenizer)\` counts as such an assignment: it sets \`tokenizer.eos_token\` and
\`tokenizer.pad_token\` both to \`<|im_end|>\` (its ChatML format, the only one), in every release that has it (TRL
0.7.10 to 0.25; deprecated from 0.22 for \`clone_chat_template\`, which leaves the pad token alone, and removed in
0.26). The tokenizer is changed in place, so the finding follows it under its own name and under the name the result
is unpacked into (\`model, tokenizer = setup_chat_format(model, tokenizer)\`). No fix is offered there: set a pad token
other than \`<|im_end|>\` after the call. Its \`<|im_end|>\` reaches a row only through the ChatML template it installs
(no tokenizer appends it): when the trainer reads a \`dataset_text_field\` and the script renders no chat template and
never writes \`<|im_end|>\`, the message says a row ends with one only if its text holds it, and asks for the EOS in the
text as well as a dedicated pad token (ANYANTUDRE/Fine-tuning-LLMs \`Finetuning_Llama_2_Financial_News.ipynb\`: plain
prompts, \`dataset_kwargs={"add_special_tokens": False}\`).

Only the statement in effect when training starts is reported: one followed, before training and in the same function,
by a statement that sets the pad token again whenever it runs (\`tokenizer.pad_token = tokenizer.unk_token\`,
\`tokenizer.add_special_tokens({"pad_token": …})\`, \`setup_chat_format(model, tokenizer)\`) is not
(ANYANTUDRE/Fine-tuning-LLMs \`Finetuning_Llama_2_Financial_News.ipynb\`: \`tokenizer.pad_token = tokenizer.eos_token\`, then
\`setup_chat_format\`, which is reported). One inside an \`if\`, a loop or an \`except\` that may not run leaves it reported.

## Why is this bad?
These collators set every label equal to \`pad_token_id\` to -100. When pad == EOS, every real EOS is
masked too: the model never gets a target for stopping and generates until \`max_new_tokens\`. Nothing
errors; the problem shows only after training.

## Example
\`\`\`python
from transformers import AutoTokenizer, Trainer, TrainingArguments, DataCollatorForLanguageModeling

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-hf")
tokenizer.pad_token = tokenizer.eos_token
collator = DataCollatorForLanguageModeling(tokenizer, mlm=False)
trainer = Trainer(model=model, args=TrainingArguments("out"), train_dataset=ds, data_collator=collator)
\`\`\`

## Use instead
\`\`\`python
from transformers import AutoTokenizer, Trainer, TrainingArguments, DataCollatorForLanguageModeling

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-hf")
tokenizer.pad_token = tokenizer.unk_token
collator = DataCollatorForLanguageModeling(tokenizer, mlm=False)
trainer = Trainer(model=model, args=TrainingArguments("out"), train_dataset=ds, data_collator=collator)
\`\`\`

## Fix safety
The fix picks a dedicated pad token for known families (\`unk_token\` for Llama-2/Mistral,
\`<|finetune_right_pad_id|>\` for Llama 3.1+). It is unsafe: the pad token changes the padded ids the
model sees, and the token must exist in the vocabulary. It is offered only when the family is known.

## References
- huggingface/trl#1623; unslothai/unsloth#1008; transformers#23530
- \`setup_chat_format\`: huggingface/trl \`trl/models/utils.py\` at v0.7.10, v0.8.0, v0.12.0, v0.17.0, v0.20.0 and v0.24.0
  (\`ChatMlSpecialTokens\`: \`eos_token = "<|im_end|>"\`, \`pad_token = "<|im_end|>"\`; \`tokenizer.eos_token = chat_format.eos_token\`,
  \`tokenizer.pad_token = chat_format.pad_token\`), the FutureWarning of v0.22.0–v0.25 ("deprecated and will be removed in
  version 0.26.0. Please use \`clone_chat_template\`"), absent from v0.26.0; \`clone_chat_template\` (v0.20.0–v1.9.0) sets only
  the EOS token
- TRL source: \`SFTTrainer\` uses transformers' \`DataCollatorForLanguageModeling\` up to v0.16, its own collator from v0.17
- The collator: transformers \`src/transformers/data/data_collator.py\` \`DataCollatorForLanguageModeling.torch_call\`
  (\`labels[labels == self.tokenizer.pad_token_id] = -100\` when \`mlm=False\`)
- No EOS from the tokenizer: transformers \`src/transformers/models/llama/tokenization_llama_fast.py\` (\`add_eos_token=False\`
  by default; the post-processor adds \`eos\` only when it is true); rows already tokenized are used as they are by TRL
  (v0.8.6 \`trl/trainer/sft_trainer.py\` \`_prepare_dataset\`: \`if column_names and "input_ids" in column_names\`; v0.16.0
  \`is_processed\` skips the tokenization that appends \`eos_token_id\`)
- Pad tokens by family: the original checkpoints' \`tokenizer_config.json\` (Qwen/Qwen2.5-0.5B-Instruct \`"pad_token": "<|endoftext|>"\`,
  google/gemma-2-2b \`"<pad>"\`; meta-llama/Llama-3.1-8B sets none)
`,
  check(ctx) {
    for (const site of padEosSites(ctx.facts)) {
      const { node, tokVar } = site;
      const a = site.assignment;
      for (const use of padIdMaskingUses(ctx, site)) {
        const { trainer: t, collator: c, tokNode, what } = use;
        let { severity, note } = use;
        const fixes: Fix[] = [];
        const targetObj = a ? a.targetNode.childForFieldName('object') : site.tokenizerNode;
        // Where the tokenizer comes from: read from the trainer's side when it is the same load, so that a loader
        // function's model-id parameter is the argument its call passes.
        const atTarget = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, targetObj ?? undefined);
        const atUse = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, tokNode);
        const origin = atUse && (!atTarget || atUse.load === atTarget.load) ? atUse : atTarget;
        // An id read from the command line's defaults (`--model_name_or_path`'s default): it words the finding, named as
        // the default, and never raises it (another model on the command line may differ).
        // Not where the assignment runs for some models only (`elif` after `if model.config.model_type == "llama":`, accelerate
        // `examples/finetune_lm_tpu.py`): which of those the default is, is not read.
        const assumed = a && modelCondition(ctx.facts, a.node, tokVar) ? undefined : assumedModelId(ctx, origin, tokNode);
        const modelId = origin?.modelId ?? assumed?.value;
        const byDefault = (what = '') => assumed ? `assuming the default of \`${assumed.flag}\`, "${assumed.value}"${what}; the command line may name another model` : '';
        // A tokenizer with no EOS token of its own (Qwen v1): `tok.pad_token = tok.eos_token` sets None, no EOS is masked.
        if (a && shipsWithoutEosToken(origin?.modelId) && !eosSetBefore(ctx.facts, tokVar, node.startIndex)) continue;
        if (a && guardedByNoPad(a.node, tokVar)) {
          // Only a tokenizer without a pad token runs the assignment: decided by where the tokenizer comes from.
          const id = modelId;
          const original = !!id && !isLocalPath(id) && isOriginalCheckpointId(id);
          if (origin?.kind === 'unsloth' || (id && isUnslothUpload(id)) || (original && tokenizerFamily(id)?.hasPadToken)) continue;
          if (assumed && original && tokenizerFamily(id)?.hasPadToken === false) {
            severity = 'information';
            note += ` (${byDefault(', whose tokenizer has no pad token, so the `if` sets one')})`;
          } else if (!(original && tokenizerFamily(id)?.hasPadToken === false)) {
            severity = 'information';
            note += ` (if the tokenizer${id ? ` of "${id}"` : ''} has no pad token of its own: the \`if\` sets one only then${assumed ? `; "${id}" is the default of \`${assumed.flag}\`` : ''})`;
          }
        } else if (a) {
          const cond = padCondition(a.node, tokVar);
          if (cond) {
            severity = 'information';
            note += ` (if \`${cond}\` holds for this tokenizer: the assignment runs only then)`;
          }
        }
        const model = a && modelCondition(ctx.facts, a.node, tokVar);
        if (model) {
          severity = 'information';
          note += ` (only where \`${model.text}\` ${model.holds ? 'holds' : 'does not hold'}: the assignment runs for some models only)`;
        }
        // No fix for an assumed id: the suggested token belongs to the default model's vocabulary.
        const sug = assumed ? undefined : tokenizerFamily(origin?.modelId)?.padSuggestion;
        const stmt = a?.node.parent;
        if (!a) {
          // setup_chat_format sets both tokens itself: no single assignment to change.
        } else if (origin?.kind === 'unsloth' && stmt?.type === 'expression_statement' && stmt.parent?.type === 'module') {
          // Unsloth's loader already picked a pad token that is not EOS: drop the override.
          const line = ctx.source.positionAt(stmt.startIndex).line;
          const start = ctx.source.lineStarts[line];
          const end = ctx.source.lineStarts[ctx.source.positionAt(stmt.endIndex).line + 1] ?? ctx.source.text.length;
          if (/^[ \t]*$/.test(ctx.source.text.slice(start, stmt.startIndex))) {
            fixes.push({ title: "Remove the override (Unsloth's tokenizer has its own pad token)", applicability: 'unsafe', edits: [{ range: ctx.source.rangeOf(start, end), newText: '' }] });
          }
        } else if (sug && !a.target.endsWith('_id') && !('attribute' in sug && sug.attribute === 'eos_token')) {
          const text = 'attribute' in sug ? `${tokVar}.${sug.attribute}` : JSON.stringify(sug.token);
          fixes.push({ title: `Use ${text} as the pad token`, applicability: 'unsafe', edits: [replaceNode(ctx.source, a.value, text)] });
        }
        // Rows tokenized straight from a dataset column by a tokenizer of a known family (none of them appends EOS) get
        // no EOS from it: one is there only if the dataset's text holds it, and then the collator masks it. Either way
        // the model never learns to stop.
        const plain = tokenizerFamily(modelId) ? rowsTokenizedWithoutEos(ctx, t) : undefined;
        const first = plain?.positional[0]?.value.text ?? '';
        const plainText = plain && `${plain.calleeText}(${first.length <= 40 ? first : '…'}${plain.args.length > 1 ? ', …' : ''})`;
        const cause = a ? `\`${a.node.text}\` makes pad == EOS` : `\`${node.text}\` sets pad == EOS (both \`<|im_end|>\`, TRL's ChatML format)`;
        // setup_chat_format's EOS reaches a row only through the ChatML template it installs (no tokenizer appends it):
        // a trainer reading a text field of a script that renders no template and writes no `<|im_end|>` has it only if
        // the data's text does (ANYANTUDRE/Fine-tuning-LLMs `Finetuning_Llama_2_Financial_News.ipynb`: plain prompts).
        const field = !a && !plain ? plainTextField(ctx, t) : undefined;
        ctx.report({
          node,
          severity,
          message: plain
            ? `${cause}, and ${what} sets every label equal to the pad id to -100. \`${plainText}\` appends no EOS${assumed && !note.includes(assumed.flag) ? ` (${byDefault()})` : ''}, so a row ends with one only if its text holds it, and the collator masks that one: either way the model never learns to stop${note}. Append \`${tokVar}.eos_token\` to the text and use a dedicated pad token.`
            : field
              ? `${cause}, and ${what} sets every label equal to the pad id to -100. The script renders no chat template and writes no \`<|im_end|>\`, so a row of the \`${field}\` field ends with one only if its text holds it, and the collator masks that one: either way the model never learns to stop${note}. Append \`${tokVar}.eos_token\` to the text and use a dedicated pad token.`
              : `${cause}, and ${what} sets every label equal to the pad id to -100: every real EOS is masked, so the model never learns to stop${note}. Use a dedicated pad token.`,
          related: [
            ...(c.call ? [{ node: c.call.node, message: `${c.name} masks labels by pad id` }] : []),
            { node: t.call.node, message: `${t.kind} trains with this tokenizer` },
            ...(assumed && (plain || note.includes(assumed.flag)) ? [{ node: assumed.declaration, message: `${assumed.flag} defaults to "${assumed.value}" here` }] : []),
          ],
          fixes,
        });
        break;
      }
    }
  },
};
export default rule;
