import type { Node } from 'web-tree-sitter';
import type { Fix } from '../diagnostics';
import { builtTexts, formattedKind, templateText, trainingTextField, trainingTextFunctions, type FormattingFunction } from '../domain/formatted-text';
import { isTokenizingCall } from '../domain/label-flow';
import { causalLmScript, EOS_LITERAL, mentionsEos } from '../domain/training-eos';
import { trainerTokenizerArg } from '../domain/tokenizers';
import { isSftLike, trainerArg, type TrainerFact } from '../domain/trainers';
import { enclosingFunction } from '../facts/build';
import { callsWhere } from '../facts/selections';
import { evaluateBool, evaluateString } from '../facts/values';
import { lookupArg } from '../domain/training-args';
import { insertAt } from './edits';
import type { RuleContext } from './context';
import type { Rule } from './rule';


/** A function that builds training text; `texts` is computed only for functions that never mention EOS. */
interface Candidate { fn: FormattingFunction; texts: () => Node[]; tokenizer?: string }

/** `packing=True` (literal), with no `append_concat_token` override in `dataset_kwargs`. */
function packsWithEos(ctx: RuleContext, t: TrainerFact): boolean {
  const packing = lookupArg(ctx.facts, t, 'packing').arg;
  if (!packing || evaluateBool(ctx.facts, packing.value) !== true) return false;
  return !/append_concat_token/.test(lookupArg(ctx.facts, t, 'dataset_kwargs').arg?.value.text ?? '');
}

/** The pipeline's EOS behaviour for a trainer: undefined when it appends EOS itself (or we cannot tell). */
function pipelineGap(ctx: RuleContext, t: TrainerFact): { severity: NonNullable<ReturnType<RuleContext['version']>['severity']>; why: string } | undefined {
  if (isSftLike(t)) {
    if (ctx.unsloth.patches) return { severity: ctx.rule.severity, why: "Unsloth's SFTTrainer tokenizes text without appending EOS" };
    if (packsWithEos(ctx, t)) {
      // Before 0.15, packing=True builds a ConstantLengthDataset, which puts EOS after every sample
      // (append_concat_token=True); 0.15 packs token ids with pack_examples and adds none; 0.16+ appends EOS itself.
      const p = ctx.version('trl', { from: '0.15', before: '0.16' });
      return p.severity ? { severity: p.severity, why: `SFTTrainer with packing=True in TRL 0.15 joins the token ids without EOS (pack_examples; older TRL put EOS between packed samples, newer appends it)${p.note}` } : undefined;
    }
    const v = ctx.version('trl', { before: '0.16' });
    return v.severity ? { severity: v.severity, why: `SFTTrainer appends no EOS before TRL 0.16${v.note}` } : undefined;
  }
  // Encoder-decoder tokenizers (T5, BART) append </s> themselves: only causal-LM scripts.
  if (t.kind === 'Trainer' && causalLmScript(ctx)) return { severity: ctx.rule.severity, why: 'the tokenizer adds no EOS at the end of the text' };
  return undefined;
}

/** The tokenizer variable to append `.eos_token` from: the trainer's, or the one tokenizing inside the function. */
function tokenizerName(ctx: RuleContext, t: TrainerFact, fn: Node): string | undefined {
  const arg = trainerTokenizerArg(t);
  if (arg?.type === 'identifier') return arg.text;
  const call = callsWhere(ctx.facts, isTokenizingCall).find((c) => enclosingFunction(c.node)?.id === fn.id && c.callee.type === 'identifier');
  return call?.callee.text;
}

/**
 * EOS spellings the script itself declares: `from_pretrained(…, eos_token="<eod>")`, `tok.eos_token = "<eod>"`,
 * `add_special_tokens({"eos_token": "<eod>"})` (Yuan 2.0's tokenizer is loaded with `eos_token='<eod>'`).
 */
function declaredEos(ctx: RuleContext): string[] {
  const out: string[] = [];
  const add = (node: Node | undefined) => {
    const v = node && evaluateString(ctx.facts, node);
    if (v && v.length > 1) out.push(v);
  };
  for (const c of ctx.facts.calls) {
    add(c.keywords.get('eos_token')?.value);
    if (c.method === 'add_special_tokens') {
      const dict = c.positional[0]?.value;
      for (const pair of dict?.type === 'dictionary' ? dict.namedChildren : []) {
        if (pair?.type === 'pair' && /^["']eos_token["']$/.test(pair.childForFieldName('key')?.text ?? '')) add(pair.childForFieldName('value') ?? undefined);
      }
    }
  }
  for (const a of ctx.facts.assignments) if (a.subscriptKey === undefined && /\.eos_token$/.test(a.target)) add(a.value);
  return out;
}

/** The function ends its ids with the pad token's id (`… + [tokenizer.pad_token_id]`): a stop token on some models. */
const PAD_ID_TERMINATOR = /\+\s*\[\s*[\w.]*\bpad_token_id\s*\]/;

function appendEos(ctx: RuleContext, text: Node, tok: string): Fix {
  const kind = formattedKind(ctx.facts, text);
  const last = text.type === 'string' ? text : undefined;
  const end = last?.lastChild;
  const edit = kind === 'fstring' && end?.type === 'string_end'
    ? insertAt(ctx.source, end.startIndex, `{${tok}.eos_token}`)
    : insertAt(ctx.source, text.endIndex, ` + ${tok}.eos_token`);
  return { title: `Append ${tok}.eos_token`, applicability: 'safe', edits: [edit] };
}

const rule: Rule = {
  code: 'TL104',
  name: 'missing-eos-in-formatted-text',
  severity: 'warning',
  fix: 'safe',
  overriddenBy: ['preparation'],
  docs: `## What it does
Flags training text built by hand (f-string, \`.format\`, \`%\`, \`+\`) in a formatting function or a
\`.map()\` function that never references an EOS token, when the pipeline does not append one itself:
a plain \`Trainer\` training a causal LM (the tokenizer adds no EOS; the script names a \`…ForCausalLM\` class,
\`FastLanguageModel\` or \`FastModel\` in code: a comment or string that mentions one does not count), \`SFTTrainer\` on TRL ≤ 0.15, and
Unsloth's text path. With \`packing=True\`, TRL before 0.15 is not flagged: its \`ConstantLengthDataset\` puts the
tokenizer's EOS after every packed sample (\`append_concat_token=True\` by default); TRL 0.15 packs token ids with
\`pack_examples\` and adds none, so it is.
Templates that already contain an end token (\`</s>\`, \`<|im_end|>\`, \`<|eot_id|>\`…, or the EOS the script declares:
\`from_pretrained(…, eos_token="<eod>")\`, \`tokenizer.eos_token = …\`) are not flagged, nor is a prompt built without
one when the same function's response text has it. A function that ends the ids with \`[tokenizer.pad_token_id]\`
instead gets information: the model stops there only if the pad token is one of its stop tokens, which the script
does not show.

## Why is this bad?
Llama and Mistral tokenizers do not append EOS. The model never sees a stop token after the answer, so
at inference it rambles on or invents the next "### Instruction:" turn. Nothing fails during training.

## Example
\`\`\`python
from unsloth import FastLanguageModel
from datasets import load_dataset
from trl import SFTTrainer, SFTConfig

dataset = load_dataset("yahma/alpaca-cleaned", split="train")
def formatting_prompts_func(examples):
    texts = [f"### Instruction:\\n{i}\\n### Response:\\n{o}" for i, o in zip(examples["instruction"], examples["output"])]
    return {"text": texts}

dataset = dataset.map(formatting_prompts_func, batched=True)
trainer = SFTTrainer(model=model, tokenizer=tokenizer, train_dataset=dataset, args=SFTConfig(output_dir="out"))
\`\`\`

## Use instead
\`\`\`python
from unsloth import FastLanguageModel
from datasets import load_dataset
from trl import SFTTrainer, SFTConfig

dataset = load_dataset("yahma/alpaca-cleaned", split="train")
EOS_TOKEN = tokenizer.eos_token
def formatting_prompts_func(examples):
    texts = [f"### Instruction:\\n{i}\\n### Response:\\n{o}" + EOS_TOKEN for i, o in zip(examples["instruction"], examples["output"])]
    return {"text": texts}

dataset = dataset.map(formatting_prompts_func, batched=True)
trainer = SFTTrainer(model=model, tokenizer=tokenizer, train_dataset=dataset, args=SFTConfig(output_dir="out"))
\`\`\`

## Fix safety
Appending \`tokenizer.eos_token\` to the built text is safe: it adds the stop token the model must learn
and changes nothing else. TRL ≥ 0.21 does not add a second one when the text already ends with it.

## References
- tatsu-lab/stanford_alpaca#126; unslothai/unsloth#419; huggingface/trl#1623;
  hiyouga/LlamaFactory#7454
- TRL source v0.16 (\`_prepare_dataset\` appends \`eos_token_id\`); Unsloth's dataset preparation appends none
- packing: huggingface/trl v0.7.11–v0.14.0 \`trl/trainer/sft_trainer.py\` \`_prepare_packed_dataloader\` builds
  \`ConstantLengthDataset(..., eos_token_id=tokenizer.eos_token_id, append_concat_token=True)\` and
  \`trl/trainer/utils.py\` appends \`concat_token_id\` (the EOS) after each sample; v0.15.0
  \`sft_trainer.py\` packs with \`data_utils.pack_examples\` (token ids concatenated as they are); v0.16.0
  \`pack_dataset\` after tokenization that appends EOS
`,
  check(ctx) {
    if (/add_eos_token\s*=\s*True/.test(ctx.a.text)) return;
    const reported = new Set<number>();
    let declared: string[] | undefined;
    for (const t of ctx.trainers) {
      const gap = pipelineGap(ctx, t);
      if (!gap) continue;
      const ds = ctx.datasets.at(trainerArg(t, 'train_dataset')?.value);
      const steps = ds?.steps ?? [];
      // Any step of the chain that mentions EOS (a later map appending it) repairs the text.
      if (steps.some((s) => mentionsEos(ctx.facts, s.node))) continue;
      const field = trainingTextField(ctx.facts, t);
      const keys = field ? [field] : [];
      const candidates: Candidate[] = trainingTextFunctions(ctx.facts, ctx.datasets, t, steps).map(({ fn, formattingFunc }) => ({
        fn,
        texts: () => (formattingFunc ? builtTexts(ctx.facts, ctx.a.callsByNode, fn.node, { returnsText: true, keys })
          : isSftLike(t) ? builtTexts(ctx.facts, ctx.a.callsByNode, fn.node, { keys })
            : builtTexts(ctx.facts, ctx.a.callsByNode, fn.node, { keys: ['text'], tokenized: true })),
      }));
      for (const c of candidates) {
        if (mentionsEos(ctx.facts, c.fn.node) || /apply_chat_template/.test(c.fn.node.text)) continue;
        const texts = c.texts().sort((x, y) => x.startIndex - y.startIndex);
        if (texts.length === 0) continue;
        // The last text the function builds holding an EOS (the response, after a prompt without one) ends the sample.
        const eos = declared ??= declaredEos(ctx);
        const hasEos = (text: Node) => { const s = templateText(ctx.facts, text); return EOS_LITERAL.test(s) || eos.some((e) => s.includes(e)); };
        if (hasEos(texts[texts.length - 1])) continue;
        const tok = tokenizerName(ctx, t, c.fn.node);
        // `input_ids = prompt + response + [tokenizer.pad_token_id]`: a terminator the model learns; it stops there
        // only when the pad token is one of its stop tokens (Qwen's `<|endoftext|>`), which the script does not show.
        const padEnds = PAD_ID_TERMINATOR.test(c.fn.node.text);
        // With a terminator, only the text it follows (the last one built) is the sample's end.
        for (const text of padEnds ? texts.slice(-1) : texts) {
          if (reported.has(text.id) || hasEos(text)) continue;
          reported.add(text.id);
          ctx.report({
            node: text,
            severity: padEnds ? 'information' : gap.severity,
            message: padEnds
              ? `This training text (built in \`${c.fn.name}\`) holds no EOS token; \`${c.fn.name}\` ends the ids with the pad token's id instead, so the model learns to stop only if the pad token is one of the model's stop tokens (the EOS or one in generation_config.eos_token_id), which is not known here. Append \`${tok ?? 'tokenizer'}.eos_token\` to be sure.`
              : `This training text (built in \`${c.fn.name}\`) never ends with an EOS token and ${gap.why}: the model does not learn to stop. Append \`${tok ?? 'tokenizer'}.eos_token\`.`,
            related: [{ node: t.call.node, message: `${t.kind} trains on it` }],
            fixes: tok ? [appendEos(ctx, text, tok)] : [],
          });
        }
      }
    }
  },
};
export default rule;
