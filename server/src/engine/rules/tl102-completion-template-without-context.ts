import type { Fix } from '../diagnostics';
import { isCompletionOnlyCollator } from '../domain/collators';
import { tokenizerFamily } from '../domain/tokenizer-families';
import { collatorTokenizerArg, tokenizerOrigin } from '../domain/tokenizers';
import { evaluateString } from '../facts/values';
import { replaceNode } from './edits';
import type { Rule } from './rule';

/** A template that starts with a special token (`<|im_start|>`, `<start_of_turn>`) tokenizes the same anywhere. */
const STARTS_WITH_SPECIAL = /^<[|a-z_]/i;

/**
 * Every place the script's own text spells the template after a space (`' [/INST] '` in a chat template it sets, an
 * f-string `"… [/INST] {answer}"`), and nowhere after anything else: there the template starts a SentencePiece word
 * (`▁[/INST]`) exactly as it does alone, so the collator finds it. Occurrences that start a string literal (what comes
 * before is not in the file), in comments or in the collator's own argument say nothing.
 */
function spelledAfterSpaceOnly(text: string, template: string, skip: Array<[number, number]>): boolean {
  if (/^\s/.test(template)) return false;
  let afterSpace = 0;
  for (let i = text.indexOf(template); i >= 0; i = text.indexOf(template, i + 1)) {
    if (skip.some(([s, e]) => i >= s && i < e)) continue;
    const prev = text[i - 1], next = text[i + template.length];
    if (prev === '"' || prev === "'") continue;
    if (prev !== ' ' || (next !== undefined && /\w/.test(next))) return false;
    afterSpace++;
  }
  return afterSpace > 0;
}

const rule: Rule = {
  code: 'TL102',
  name: 'completion-template-without-context',
  severity: 'warning',
  fix: 'unsafe',
  requires: ['DataCollatorForCompletionOnlyLM'],
  docs: `## What it does
Flags \`DataCollatorForCompletionOnlyLM\` given its \`response_template\` as a plain string when the
tokenizer is a SentencePiece tokenizer with a leading-space prefix (Llama-2, Mistral 7B / Mixtral, CodeLlama,
TinyLlama), where a string tokenizes differently on its own than after other text.
Mistral's later models (Mistral NeMo, Ministral, Pixtral, Mistral Small 3, Devstral, Magistral) ship Tekken, a
tiktoken-style byte-level BPE (\`tekken.json\`), so "mistral" in their id says nothing here: they are an unknown family.
With an unknown tokenizer family it stays silent: TRL's own docs say this of "some tokenizers like Llama 2",
not of every tokenizer, so an unknown family is not evidence of the bug. It is also silent when every place the
script spells the template itself puts a space before it (a Llama-2/Mistral chat template's \`' [/INST] '\`): after
a space the template starts a SentencePiece word exactly as it does alone, so its ids are found.

## Why is this bad?
The collator encodes the template alone and searches for those ids in every sample. In context the
same text has other ids (\`"### Assistant:"\` alone is \`[835, 4007, 22137, 29901]\`, after a newline
\`[2277, 29937, 4007, 22137, 29901]\`), so the template is never found: each sample warns
\`Could not find response key\` and gets labels that are all -100. The loss goes to 0 or nan.

## Example
\`\`\`python
from transformers import AutoTokenizer
from trl import DataCollatorForCompletionOnlyLM

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-hf")
collator = DataCollatorForCompletionOnlyLM("### Assistant:", tokenizer=tokenizer)
\`\`\`

## Use instead
\`\`\`python
from transformers import AutoTokenizer
from trl import DataCollatorForCompletionOnlyLM

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-hf")
response_template_ids = tokenizer.encode("\\n### Assistant:", add_special_tokens=False)[2:]
collator = DataCollatorForCompletionOnlyLM(response_template_ids, tokenizer=tokenizer)
\`\`\`

## Fix safety
The fix encodes the template after a newline and drops the two tokens the newline becomes
(\`▁\`, \`<0x0A>\`), as the TRL docs do. It is unsafe: if the template follows something other than a
newline in your data, the context must be that text instead.

## References
- huggingface/trl#598 (PR #622), #980, #1183, #1820; huggingface/transformers#27733
- TRL docs, "Train on completions only" (context-tokenized template ids): huggingface/trl
  \`docs/source/sft_trainer.mdx\` v0.8.6 and \`sft_trainer.md\` v0.12.2 ("Some tokenizers like Llama 2 … tokenize
  sequences differently depending on whether they have context or not"); \`trl/trainer/utils.py\` v0.16.0
  \`DataCollatorForCompletionOnlyLM\` docstring ("a tokenizer that encodes the response differently if it does not
  have proper context")
- Why a template after a space is found: SentencePiece turns spaces into \`▁\` and, with \`add_dummy_prefix\` (on by
  default: \`spm_train --add_dummy_prefix\` "Add dummy whitespace at the beginning of text", default true), starts a
  text alone with \`▁\` too; its pieces never span a \`▁\` word start (google/sentencepiece \`src/model_interface.cc\`
  \`SplitIntoWords\`), so \`"[/INST]"\` alone and \`" [/INST]"\` in a sample both begin with the piece \`▁[\`, while
  after a newline (\`"\\n### Assistant:"\`) the first word has no \`▁\` and other ids
`,
  check(ctx) {
    for (const call of ctx.facts.calls) {
      if (!isCompletionOnlyCollator(call)) continue;
      const arg = call.keywords.get('response_template') ?? call.positional[0];
      const template = evaluateString(ctx.facts, arg?.value);
      if (!arg || template === undefined || STARTS_WITH_SPECIAL.test(template)) continue;
      const tokNode = call.keywords.get('tokenizer')?.value ?? call.positional[1]?.value;
      const origin = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, tokNode ?? collatorTokenizerArg(call));
      const family = tokenizerFamily(origin?.modelId);
      if (!family?.sentencePiecePrefix) continue;
      const skip: Array<[number, number]> = [[arg.value.startIndex, arg.value.endIndex], ...ctx.facts.comments.map((c): [number, number] => [c.node.startIndex, c.node.endIndex])];
      if (spelledAfterSpaceOnly(ctx.source.text, template, skip)) continue;
      const v = ctx.version('trl', { before: '0.20' });
      if (!v.severity) continue;
      const fixes: Fix[] = [];
      if (tokNode && (tokNode.type === 'identifier' || tokNode.type === 'attribute')) {
        const withContext = JSON.stringify(template.startsWith('\n') ? template : `\n${template}`);
        fixes.push({
          title: 'Use the template ids tokenized after a newline',
          applicability: 'unsafe',
          edits: [replaceNode(ctx.source, arg.value, `${tokNode.text}.encode(${withContext}, add_special_tokens=False)[2:]`)],
        });
      }
      ctx.report({
        node: arg.node,
        severity: v.severity,
        message: `The response template ${JSON.stringify(template)} is a plain string: the ${family.name} tokenizer (SentencePiece) encodes it differently on its own than inside a sample, so it is never found and every label becomes -100${v.note}. Pass ids tokenized with their left context.`,
        related: origin ? [{ node: origin.load.node, message: `${family.name} tokenizer loaded here` }] : [],
        fixes,
      });
    }
  },
};
export default rule;
