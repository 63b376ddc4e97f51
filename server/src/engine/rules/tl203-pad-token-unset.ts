import type { Node } from 'web-tree-sitter';
import type { Fix } from '../diagnostics';
import { classifyCollator } from '../domain/collators';
import { hubIdOfCachedSnapshot, shipsWithoutEosToken, shipsWithoutPadToken, type TokenizerFamily } from '../domain/tokenizer-families';
import { collatorTokenizerArg, eosSetBefore, padIsEos, padTokenSetSomewhere, tokenizerOrigin, trainerTokenizerArg, type TokenizerOrigin } from '../domain/tokenizers';
import type { AssignmentFact } from '../facts/types';
import { isSftLike, isLibraryCall, trainerArg } from '../domain/trainers';
import { evaluate, evaluateString } from '../facts/values';
import { assignmentsWithValue, conditionalAlternatives } from '../facts/reaching';
import { insertAt } from './edits';
import { commandLineModelId, type CommandLineValue } from '../domain/command-line-defaults';
import type { RuleContext } from './context';
import type { Rule } from './rule';

const PADDING_COLLATORS = ['DataCollatorWithPadding', 'DataCollatorForSeq2Seq', 'DataCollatorForLanguageModeling', 'DataCollatorForTokenClassification'];

interface PadLess { origin: TokenizerOrigin; family: TokenizerFamily; modelId: string; commandLine?: CommandLineValue }

function padLess(ctx: RuleContext, node: Node | undefined): PadLess | undefined {
  const origin = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, node);
  if (!origin || origin.kind !== 'auto') return undefined;
  // The id the script holds when run with its command-line defaults (`--model_name`'s default): named in the message.
  // Only when the tokenizer itself has one origin: a load in an `if`/`else` on another flag may not be the one that runs
  // (Controllable_Summarization_Experiments `run_inference.py`: `--use_checkpoint` defaults to the other branch).
  const oneOrigin = node?.type !== 'identifier' || !conditionalAlternatives(ctx.facts, node);
  const commandLine = origin.modelId || !oneOrigin ? undefined : commandLineModelId(ctx.facts, ctx.a.callsByNode, origin.load, ctx.a.env.launchedRuns);
  const modelId = origin.modelId ?? commandLine?.value;
  // A Hub-cache snapshot folder (`…/models--Qwen--Qwen-1_8B-Chat/snapshots/<commit>`) holds that repository's files.
  const family = modelId ? shipsWithoutPadToken(hubIdOfCachedSnapshot(modelId)) : undefined;
  return family && modelId ? { origin, family, modelId, commandLine } : undefined;
}

/**
 * `tok.pad_token = tok.eos_token` (or the `_id` forms) on a tokenizer with no EOS token (Qwen v1) that the script gives
 * none first: the pad token stays None, so the assignment sets nothing.
 */
function setsPadToMissingEos(ctx: RuleContext, a: AssignmentFact): boolean {
  const tokVar = a.subscriptKey === undefined ? padIsEos(a.target, a.value) : undefined;
  if (!tokVar) return false;
  const origin = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, a.targetNode.childForFieldName('object') ?? undefined);
  return !!shipsWithoutEosToken(origin?.modelId) && !eosSetBefore(ctx.facts, tokVar, a.node.startIndex);
}

/**
 * A collator that masks labels by pad id (`DataCollatorForLanguageModeling`, TRL's completion-only collator) pads with
 * this tokenizer: an EOS pad token set for `tokenizer(…, padding=…)` reaches it too (every EOS masked, TL006).
 */
function maskingCollatorOn(ctx: RuleContext, p: PadLess): boolean {
  return ctx.facts.calls.some((call) => (isLibraryCall(call, ['DataCollatorForLanguageModeling'], ['transformers']) || isLibraryCall(call, ['DataCollatorForCompletionOnlyLM'], ['trl']))
    && padLess(ctx, collatorTokenizerArg(call))?.origin.load === p.origin.load);
}

/** `tok.pad_token = …` inserted after the tokenizer's load statement, when it is a plain module-level assignment. */
function setPadFix(ctx: RuleContext, p: PadLess, idMasking: boolean): Fix[] {
  const a = assignmentsWithValue(ctx.facts, p.origin.load.node).find((x) => x.scope === null && x.unpackIndex === undefined && !x.subscriptKey);
  const sug = p.family.padSuggestion;
  if (!a || !sug || a.node.parent?.type !== 'expression_statement' || a.node.parent.parent?.type !== 'module') return [];
  if ('attribute' in sug && sug.attribute === 'eos_token' && (idMasking || maskingCollatorOn(ctx, p))) return [];
  const value = 'attribute' in sug ? `${a.target}.${sug.attribute}` : JSON.stringify(sug.token);
  const end = ctx.source.lineEnd(ctx.source.positionAt(a.node.endIndex).line);
  return [{ title: `Set ${a.target}.pad_token = ${value}`, applicability: 'unsafe', edits: [insertAt(ctx.source, end, `\n${a.target}.pad_token = ${value}`)] }];
}

const rule: Rule = {
  code: 'TL203',
  name: 'pad-token-unset',
  severity: 'warning',
  fix: 'unsafe',
  overriddenBy: ['batches', 'preparation'],
  docs: `## What it does
Flags padding with a tokenizer whose family ships without a pad token (Llama, Mistral, GPT-2, Falcon,
Pythia, Phi-2 original checkpoints) when the script never sets one: \`tokenizer(..., padding=True)\` or
\`padding="max_length"\`, a padding collator built on it, or a trainer whose default collator pads
(\`Trainer\`, and \`SFTTrainer\` on TRL ≤ 0.16 with a tokenizer you pass), or \`GRPOTrainer\` given a model id and
no \`processing_class=\` on TRL 0.14–0.16, which loads that model's tokenizer itself and pads the prompts with it
(huggingface/trl#3287; TRL 0.17 sets \`pad_token = eos_token\` there, #3290). Tokenizers loaded through
Unsloth (\`FastLanguageModel\`, \`unsloth/…\` ids) come with a pad token and are not flagged, nor is a repo
outside the families' own namespaces (a conversion or fine-tune such as \`llava-hf/llava-v1.6-mistral-7b-hf\`,
whose saved tokenizer often sets one). A tokenizer the script's own function returns is followed to its load, and
the model id is read from the call (\`get_tokenizer("mistralai/Mistral-7B-v0.1")\`, or the parameter's default). An id the
script reads from its command line (\`args.model_name\` after \`argparse\`'s \`parse_args()\`, directly or through a parameter
of the script's own function that every call fills with it) is the flag's \`default=\`, which the message names, when the
tokenizer has that one origin (a load in an \`if\`/\`else\` on another flag may not be the branch that runs): the script
run as its README says fails there (ayminovitch/fine-tune-codebase#2, \`--model_name\` defaulting to
\`codellama/CodeLlama-7b-hf\`, whose \`tokenizer_config.json\` has no pad token). Not when a shell script of the project
runs the script with a command line that may pass the flag (\`python train.py --model_name …\`, a short option,
\`"$@"\`; \`env/launch-flags.ts\`): the default is not what runs.

Qwen's first models (\`Qwen/Qwen-7B\`, \`Qwen-1_8B-Chat\`, \`Qwen-VL\`, …) have no EOS token either (\`QWenTokenizer\` sets no
special token; \`<|endoftext|>\` is \`tokenizer.eod_id\`), so \`tokenizer.pad_token = tokenizer.eos_token\` sets None and does
not count as setting one (roclee2692/Chinese-LLM-LoRA-Finetuning \`train_qwen_lora.py\`), unless the script gives the
tokenizer an EOS token first. A Hub-cache snapshot folder (\`…/models--Qwen--Qwen-1_8B-Chat/snapshots/<commit>\`) is read as
its Hub id.
## Why is this bad?
Padding fails with \`ValueError: Asking to pad but the tokenizer does not have a padding token\`, in a
\`.map()\` after the model has loaded, or at the first training batch.

## Example
\`\`\`python
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("mistralai/Mistral-7B-v0.1")
enc = tokenizer(["a", "longer text"], padding=True)
\`\`\`

## Use instead
\`\`\`python
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("mistralai/Mistral-7B-v0.1")
tokenizer.pad_token = tokenizer.unk_token
enc = tokenizer(["a", "longer text"], padding=True)
\`\`\`

## Fix safety
The fix sets a pad token after the tokenizer is loaded (\`unk_token\` for Llama-2/Mistral,
\`<|finetune_right_pad_id|>\` for Llama 3.1+, \`eos_token\` where no other exists). It is unsafe: with a
collator that masks labels by pad id, a pad equal to EOS masks every EOS (TL006), so the EOS choice is
not offered there, nor for a \`tokenizer(…, padding=…)\` call whose tokenizer such a collator also pads with.

## References
- the checkpoints' \`tokenizer_config.json\` (\`pad_token: null\`); transformers \`PreTrainedTokenizerBase.pad\`
- TRL source: \`SFTTrainer\` sets \`pad_token = eos_token\` only on a tokenizer it loads itself (≤ 0.16)
- huggingface/trl \`trl/trainer/grpo_trainer.py\` at v0.14.0, v0.15.2 and v0.16.1 (loads the tokenizer with
  \`padding_side="left"\` and pads the prompts with \`padding=True\`, no pad token set) and v0.17.0 (\`if
  processing_class.pad_token is None: processing_class.pad_token = processing_class.eos_token\`, commit 1faa7f9b)
`,
  check(ctx) {
    if (ctx.unsloth.patches) return;
    const emptyPadSets = ctx.facts.assignments.filter((a) => setsPadToMissingEos(ctx, a));
    if (padTokenSetSomewhere(ctx.facts, (a) => emptyPadSets.includes(a))) return;
    const seen = new Set<number>();
    const report = (node: Node, p: PadLess, what: string, fixes: Fix[], severity = ctx.rule.severity, note = '') => {
      if (seen.has(node.id)) return;
      seen.add(node.id);
      const flag = p.commandLine ? ` (the default of ${p.commandLine.flag}: run with another model, the command line decides)` : '';
      ctx.report({
        node, severity, fixes,
        message: `${what}, but the tokenizer of "${p.modelId}"${flag} has no pad token${emptyPadSets.length > 0 && p.family.hasEosToken === false
          ? `, and \`${emptyPadSets[0].node.text}\` sets None (it has no EOS token either)` : ' and the script never sets one'}: padding fails with "Asking to pad but the tokenizer does not have a padding token"${note}.`,
        related: [{ node: p.origin.load.node, message: 'tokenizer loaded here' },
          ...(p.commandLine ? [{ node: p.commandLine.declaration, message: `${p.commandLine.flag} defaults to "${p.modelId}" here` }] : [])],
      });
    };
    // 1. tokenizer(..., padding=True / "max_length" / "longest"), tok.pad(...)
    for (const call of ctx.facts.calls) {
      const tokNode = call.method === 'pad' || call.method === 'batch_encode_plus' || call.method === 'encode_plus' ? call.receiver
        : call.callee.type === 'identifier' ? call.callee : call.method === '__call__' ? call.receiver : undefined;
      if (!tokNode) continue;
      const padding = call.keywords.get('padding');
      if (call.method !== 'pad') {
        if (!padding) continue;
        const v = evaluate(ctx.facts, padding.value);
        if (!((v.kind === 'bool' && v.value) || (v.kind === 'str' && (v.value === 'max_length' || v.value === 'longest')))) continue;
      }
      const p = padLess(ctx, tokNode);
      if (p) report(padding?.node ?? call.node, p, `\`${call.node.text.split('(')[0]}(…)\` pads`, setPadFix(ctx, p, false));
    }
    // 2. padding collators built on it
    for (const call of ctx.facts.calls) {
      const completion = isLibraryCall(call, ['DataCollatorForCompletionOnlyLM'], ['trl']);
      if (!isLibraryCall(call, PADDING_COLLATORS, ['transformers']) && !completion) continue;
      if (completion && !ctx.version('trl', { before: '0.20' }).severity) continue;
      const p = padLess(ctx, collatorTokenizerArg(call));
      const idMasking = completion || /LanguageModeling/.test(call.calleeText);
      if (p) report(call.node, p, `\`${call.calleeText}\` pads every batch`, setPadFix(ctx, p, idMasking));
    }
    // 3. trainers whose default collator pads with the tokenizer they are given
    for (const t of ctx.trainers) {
      if (trainerArg(t, 'data_collator')) {
        const c = classifyCollator(ctx, trainerArg(t, 'data_collator')!);
        if (c.call) continue; // a collator call is handled above
      }
      if (t.call.hasSplat) continue;
      const tokArg = trainerTokenizerArg(t);
      const p = padLess(ctx, tokArg);
      if (!p || !tokArg || trainerArg(t, 'data_collator')) continue;
      if (isSftLike(t)) {
        const v = ctx.version('trl', { before: '0.17' });
        if (!v.severity) continue;
        report(tokArg, p, `SFTTrainer's default collator pads with this tokenizer (TRL sets a pad token only on a tokenizer it loads itself)`, setPadFix(ctx, p, true), v.severity, v.note);
      } else if (t.kind === 'Trainer' || t.kind === 'Seq2SeqTrainer') {
        report(tokArg, p, `${t.kind}'s default collator (DataCollatorWithPadding) pads with this tokenizer`, setPadFix(ctx, p, false));
      }
    }
    // 4. GRPOTrainer given a model id and no processing_class: it loads that tokenizer itself and pads the prompts with
    // it; TRL 0.14–0.16 set no pad token on it (v0.16.1 `grpo_trainer.py`: `AutoTokenizer.from_pretrained(…,
    // padding_side="left")`, then `padding=True`), v0.17.0 sets `pad_token = eos_token` (huggingface/trl#3290).
    for (const t of ctx.trainers) {
      if (t.kind !== 'GRPOTrainer' || t.call.hasSplat || t.subclass || t.call.keywords.has('processing_class')) continue;
      const model = t.call.keywords.get('model') ?? t.call.positional[0];
      const modelId = model && evaluateString(ctx.facts, model.value);
      const family = modelId ? shipsWithoutPadToken(modelId) : undefined;
      if (!model || !modelId || !family || seen.has(model.node.id)) continue;
      const v = ctx.version('trl', { from: '0.14', before: '0.17' });
      if (!v.severity) continue;
      seen.add(model.node.id);
      ctx.report({
        node: model.node, severity: v.severity,
        message: `GRPOTrainer loads the tokenizer of "${modelId}" itself (no \`processing_class=\`) and pads the prompts with it, but that tokenizer has no pad token and TRL before 0.17 sets none: the first step fails with "Asking to pad but the tokenizer does not have a padding token"${v.note}. Pass \`processing_class=\` a tokenizer whose \`pad_token\` is set.`,
      });
    }
  },
};
export default rule;
