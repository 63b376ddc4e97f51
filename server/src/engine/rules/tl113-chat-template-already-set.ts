import type { Node } from 'web-tree-sitter';
import { setsChatTemplate } from '../domain/active-template';
import { chatCheckpointWithTemplate } from '../domain/tokenizer-families';
import { tokenizerOrigin } from '../domain/tokenizers';
import { isQualified } from '../facts/imports';
import { assignmentsWhere } from '../facts/selections';
import type { CallFact } from '../facts/types';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** TRL releases whose `setup_chat_format` refuses a tokenizer that has a template (0.26 removed the function: TL516). */
const RAISES = { from: '0.12', before: '0.26' };

function isSetupChatFormat(c: CallFact): boolean {
  return isQualified(c.qualified, ['trl'], 'setup_chat_format');
}

/** The call runs inside a `try:` body: whatever it raises may be handled. */
function insideTry(node: Node): boolean {
  for (let n: Node | null = node; n?.parent; n = n.parent) {
    if (n.parent.type === 'try_statement' && n.type === 'block' && n.parent.childForFieldName('body')?.id === n.id) return true;
  }
  return false;
}

/**
 * Why the tokenizer has a chat template when `call` runs: a template the script set on the way (Unsloth's
 * `get_chat_template`), or a chat checkpoint that ships one. Undefined when not proven, or when the script assigns
 * `<tokenizer>.chat_template` itself before the call (`tokenizer.chat_template = None`, TRL's own advice).
 */
function templateEvidence(ctx: RuleContext, call: CallFact): { why: string; load: Node } | undefined {
  const tokArg = (call.keywords.get('tokenizer') ?? call.positional[1])?.value;
  if (!tokArg || call.hasSplat) return undefined;
  const origin = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, tokArg);
  if (!origin) return undefined;
  const reset = assignmentsWhere(ctx.facts, setsChatTemplate)
    .some((a) => a.node.endIndex <= call.node.startIndex && a.node.startIndex >= origin.load.node.startIndex);
  if (reset) return undefined;
  if (origin.templateCall && origin.templateName) {
    return { why: `the script gave it the "${origin.templateName}" template with \`get_chat_template\``, load: origin.templateCall.node };
  }
  if (!origin.modelId || origin.templateCall || !chatCheckpointWithTemplate(origin.modelId)) return undefined;
  return { why: `"${origin.modelId}" is a chat checkpoint whose tokenizer ships a chat template`, load: origin.load.node };
}

const rule: Rule = {
  code: 'TL113',
  name: 'chat-template-already-set',
  severity: 'error',
  fix: 'none',
  requires: ['setup_chat_format'],
  docs: `## What it does
Flags TRL's \`setup_chat_format(model, tokenizer)\` on a tokenizer that already has a chat template: one loaded from
an instruction- or chat-tuned checkpoint that ships a template (Llama 2 chat, Llama 3.x Instruct, Mistral/Mixtral
Instruct, Qwen Instruct and Qwen3, Gemma \`-it\`, Phi-3/4 instruct, SmolLM Instruct, TinyLlama Chat; the families'
own namespaces and Unsloth's uploads only), or one the script gave a template with Unsloth's \`get_chat_template\`.

## Why is this bad?
From TRL 0.12 to 0.25, \`setup_chat_format\` starts with \`if tokenizer.chat_template is not None: raise
ValueError("Chat template is already added to the tokenizer. If you want to overwrite it, please set it to None")\`:
the script stops after the model has loaded. (TRL 0.26 removed the function altogether: TL516.) Before 0.12 it
silently replaced the checkpoint's own template with ChatML and added two tokens, so the fine-tune learns a format
the model was not trained on, which is rarely what a chat checkpoint wants either.

A template from a tokenizer whose origin trainlint cannot follow, a local checkpoint, or a model under another
namespace (someone's fine-tune) is not assumed. An assignment to \`tokenizer.chat_template\` before the call (TRL's
own advice is \`tokenizer.chat_template = None\`) and a call inside \`try:\` are left alone. With the TRL version
unknown the finding is information.

## Example
\`\`\`python
# pip install trl==0.19.1
from transformers import AutoTokenizer
from trl import setup_chat_format

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Meta-Llama-3-8B-Instruct")
model, tokenizer = setup_chat_format(model, tokenizer)
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.19.1
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Meta-Llama-3-8B-Instruct")
# keep the checkpoint's own template: the dataset's "messages" are rendered with it
\`\`\`

## Fix safety
No automatic fix: whether to keep the checkpoint's template or replace it is the author's choice.

## References
- huggingface/trl \`trl/models/utils.py\`: \`setup_chat_format\` at v0.11.4 (no check), v0.12.0, v0.20.0 and v0.25.1
  (the ValueError above); gone from v0.26.0
- The checkpoints' \`tokenizer_config.json\` (\`chat_template\`), e.g. meta-llama/Meta-Llama-3-8B-Instruct,
  Qwen/Qwen2.5-7B-Instruct, google/gemma-2-9b-it, mistralai/Mistral-7B-Instruct-v0.3
`,
  check(ctx) {
    for (const call of ctx.facts.calls) {
      if (!isSetupChatFormat(call) || insideTry(call.node)) continue;
      const evidence = templateEvidence(ctx, call);
      if (!evidence) continue;
      const v = ctx.version('trl', RAISES);
      if (v.gate === 'unaffected') continue;
      const message = v.gate === 'affected'
        ? `\`setup_chat_format\` raises ValueError "Chat template is already added to the tokenizer"${v.note}: ${evidence.why}. Keep that template (drop this call), or set \`tokenizer.chat_template = None\` first to replace it with ChatML.`
        : `\`setup_chat_format\` raises ValueError "Chat template is already added to the tokenizer"${v.note}: ${evidence.why} (TRL 0.26 removed the function). Keep that template, or set \`tokenizer.chat_template = None\` first.`;
      ctx.report({ node: call.callee, severity: v.severity, message, related: [{ node: evidence.load, message: 'the template comes from here' }] });
    }
  },
};
export default rule;
