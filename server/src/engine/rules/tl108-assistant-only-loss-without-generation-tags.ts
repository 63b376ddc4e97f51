import type { Node } from 'web-tree-sitter';
import { markersForModelId } from '../chat/markers';
import { hasGenerationBlock } from '../chat/render';
import { bundledTemplate } from '../chat/templates/index';
import { minSeverity } from '../diagnostics';
import { isChatTunedModelId, isLocalPath, isOriginalCheckpointId } from '../domain/tokenizer-families';
import { tokenizerOrigin, trainerTokenizerArg } from '../domain/tokenizers';
import { isSftLike, trainerArg } from '../domain/trainers';
import { evaluateBool, evaluateString } from '../facts/values';
import type { RuleContext } from './context';
import type { Rule } from './rule';
import type { VersionRange } from '../env/versions';

interface KnownTemplate {
  /** What to call it in the message. */
  label: string;
  /** Where it comes from (a related location). */
  node: Node;
  /** Affected TRL range: script-set templates always fail; official ones are patched from TRL 1.1. */
  range: VersionRange;
  /** What the finding assumes (a fine-tune under another namespace keeps its family's official template). */
  assumption?: string;
}

/** The chat template the trainer's tokenizer has, when the script says which and it has no generation block. */
function templateWithoutGeneration(ctx: RuleContext, tokNode: Node | undefined, modelArg: Node | undefined): KnownTemplate | undefined {
  if (tokNode) {
    // tokenizer.chat_template = "…" (the last one before use)
    const assigned = ctx.facts.assignments
      .filter((a) => a.target === `${tokNode.text}.chat_template` && a.node.startIndex < tokNode.startIndex)
      .pop();
    if (assigned) {
      const src = evaluateString(ctx.facts, assigned.value);
      if (src === undefined || hasGenerationBlock(src)) return undefined;
      return { label: 'the template assigned to `chat_template`', node: assigned.node, range: { from: '0.19' } };
    }
    const origin = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, tokNode);
    if (!origin) return undefined;
    if (origin.templateCall) {
      const bundled = origin.templateName ? bundledTemplate(origin.templateName) : undefined;
      if (!bundled || hasGenerationBlock(bundled.source)) return undefined;
      return { label: `Unsloth's "${origin.templateName}" template`, node: origin.templateCall.node, range: { from: '0.19' } };
    }
    if (origin.kind !== 'auto' || !origin.modelId) return undefined;
    return officialTemplate(origin.modelId, origin.load.node);
  }
  const id = evaluateString(ctx.facts, modelArg);
  return id && modelArg ? officialTemplate(id, modelArg) : undefined;
}

/** The official template of a chat-tuned checkpoint of a known family (none ship `{% generation %}`). */
function officialTemplate(modelId: string, node: Node): KnownTemplate | undefined {
  if (!isChatTunedModelId(modelId) || isLocalPath(modelId) || !markersForModelId(modelId)) return undefined;
  // TRL's tiny test models are built from tokenizers picked for their `{% generation %}` blocks (huggingface/trl
  // v0.19.0 `scripts/generate_tiny_models.py`: Qwen3 from `refs/pr/14`, "chat template with {% generation %}"), and
  // TRL's own tests train them with assistant_only_loss=True: their template is not the family's official one.
  if (modelId.startsWith('trl-internal-testing/')) return undefined;
  // A repo under another namespace is someone's fine-tune: its tokenizer was saved by a training run and may carry a
  // template of its own (one with generation blocks, saved by a run that trained with assistant_only_loss).
  const assumption = isOriginalCheckpointId(modelId) ? undefined
    : ` (assuming "${modelId}", a fine-tune rather than an original checkpoint, kept its family's official template)`;
  return { label: `the chat template of "${modelId}"`, node, range: { from: '0.19', before: '1.1' }, assumption };
}

const rule: Rule = {
  code: 'TL108',
  name: 'assistant-only-loss-without-generation-tags',
  severity: 'warning',
  fix: 'none',
  overriddenBy: ['preparation', 'batches'],
  requires: ['assistant_only_loss'],
  docs: `## What it does
Flags \`SFTConfig(assistant_only_loss=True)\` when the tokenizer's chat template is known and has no
\`{% generation %}\` … \`{% endgeneration %}\` block: a template assigned in the script, one installed by
Unsloth's \`get_chat_template\`, or the official template of a chat-tuned Llama 3 / Qwen / Gemma / Phi /
Mistral checkpoint (TRL < 1.1). Qwen3 names its chat models by the bare size (\`Qwen/Qwen3-0.6B\`,
\`Qwen3-30B-A3B\`; the pretrained ones end in \`-Base\`): those ship Qwen3's chat template, without generation
blocks (QwenLM/Qwen3#1522 prints it and hits the RuntimeError on TRL 0.19.0; TRL's own docs copy that template with
\`chat_template_path="Qwen/Qwen3-0.6B"\`, huggingface/trl \`docs/source/community_tutorials.md\` at f2cd5771).
Unknown templates are not flagged. A chat-tuned id under another namespace than the
family's own (\`my-org/qwen2.5-7b-instruct-sft\`) is someone's fine-tune, whose saved tokenizer may carry a template of
its own: information that names the assumption that it kept the official one. TRL's tiny test models
(\`trl-internal-testing/…\`) are not assumed to: TRL builds them from tokenizers with generation blocks
(huggingface/trl v0.19.0 \`scripts/generate_tiny_models.py\`, Qwen3 from \`refs/pr/14\`).

## Why is this bad?
TRL finds the assistant tokens through \`return_assistant_tokens_mask=True\`, which only marks text
inside generation blocks. Without them the mask is all zeros: TRL 0.19–1.0 raises \`RuntimeError:
You're using assistant_only_loss=True, but at least one example has no assistant tokens\` at the first
example; TRL ≥ 1.1 swaps in a training template only for the official Llama 3, Qwen2.5, Qwen3 and
GPT-OSS templates and raises a ValueError ("not training-compatible") for any other.

## Example
\`\`\`python
# pip install trl==0.19.1
from transformers import AutoTokenizer
from trl import SFTTrainer, SFTConfig

tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")
trainer = SFTTrainer(model=model, processing_class=tokenizer, train_dataset=ds,
                     args=SFTConfig(output_dir="out", assistant_only_loss=True))
\`\`\`

## Use instead
\`\`\`python
# pip install trl==1.1.0
from transformers import AutoTokenizer
from trl import SFTTrainer, SFTConfig

tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")
trainer = SFTTrainer(model=model, processing_class=tokenizer, train_dataset=ds,
                     args=SFTConfig(output_dir="out", assistant_only_loss=True))
\`\`\`

## Fix safety
No automatic fix. Upgrade TRL (≥ 1.1 patches the official Llama 3 / Qwen templates), supply a template
with \`{% generation %}\` blocks (\`SFTConfig(chat_template_path=…)\`), or mask with Unsloth's
\`train_on_responses_only\` instead.

## References
- TRL source v0.19 (\`assistant_only_loss\`, PR #3586), v1.1
  (\`get_training_chat_template\`, PR #5470)
`,
  check(ctx) {
    if (ctx.unsloth.patches) return;
    for (const t of ctx.trainers) {
      if (!isSftLike(t) || t.call.hasSplat) continue;
      const arg = trainerArg(t, 'assistant_only_loss');
      if (!arg || evaluateBool(ctx.facts, arg.value) !== true) continue;
      if (trainerArg(t, 'chat_template_path')) continue;
      const modelArg = (t.call.keywords.get('model') ?? t.call.positional[0])?.value;
      const tpl = templateWithoutGeneration(ctx, trainerTokenizerArg(t), modelArg);
      if (!tpl) continue;
      const v = ctx.version('trl', tpl.range);
      if (!v.severity) continue;
      ctx.report({
        node: arg.node,
        severity: tpl.assumption ? minSeverity(v.severity, 'information') : v.severity,
        message: `\`assistant_only_loss=True\` needs a chat template with \`{% generation %}\` blocks, but ${tpl.label} has none${tpl.assumption ?? ''}: the assistant mask is empty and TRL fails at the first example${v.note}.`,
        related: [{ node: tpl.node, message: 'chat template from here' }],
      });
    }
  },
};
export default rule;
