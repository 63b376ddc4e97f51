import type { Node } from 'web-tree-sitter';
import { hasColumn } from '../dataset/state';
import { baseWithoutChatTemplate } from '../domain/tokenizer-families';
import { chatTemplateSetSomewhere, tokenizerOrigin, trainerTokenizerArg } from '../domain/tokenizers';
import { isSftLike, trainerArg } from '../domain/trainers';
import { CATCHES_VALUE_ERROR, catchingHandler } from '../domain/version-guards';
import { evaluateString } from '../facts/values';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/**
 * The handler calls the function the failing call is in again (`except: time.sleep(20); return generate(ctx)`): a retry
 * of the same call, which fails the same way, not a fallback.
 */
function retries(handler: Node, call: Node): boolean {
  let fn: Node | null = call.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  const name = fn?.childForFieldName('name')?.text;
  if (!name) return false;
  const walk = (n: Node): boolean => n.namedChildren.some((c) => !!c && c.type !== 'function_definition' && c.type !== 'lambda'
    && ((c.type === 'call' && c.childForFieldName('function')?.text === name) || walk(c)));
  return walk(handler);
}

/** The base model id a tokenizer expression was loaded from, when its family ships no template. */
function baseTokenizer(ctx: RuleContext, node: Node | undefined): { id: string; load: Node } | undefined {
  const origin = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, node);
  if (!origin?.modelId || origin.templateName || !baseWithoutChatTemplate(origin.modelId)) return undefined;
  return { id: origin.modelId, load: origin.load.node };
}

/** Libraries whose calls trainlint knows not to give a tokenizer a chat template unless the rules' own tests say so. */
const KNOWN_LIBRARIES = /^(transformers|trl|peft|datasets|torch|unsloth|unsloth_zoo|accelerate|evaluate|numpy|pandas|vllm|bitsandbytes|logging|json|os|re|random|math)(\.|$)/;
const BUILTINS = new Set(['print', 'len', 'isinstance', 'type', 'str', 'repr', 'hasattr', 'getattr', 'id', 'vars', 'dir', 'list', 'tuple', 'dict']);

/**
 * The tokenizer loaded at `load` is an argument of a call whose code the script does not hold: a method of an object
 * (`self.template_manager.apply_to_tokenizer(tokenizer)`), a function or class of another module. That code may set
 * `tokenizer.chat_template` (JoschkaCBraun/solution-space-hacking `src/grpo/dataset_processor.py`: the processor's
 * `__init__` hands its tokenizer to `ChatTemplateManager.apply_to_tokenizer` of `chat_templates.py`, which sets one),
 * so "the script sets none" is not proven. Calls of the script's own functions and classes (read: a template they set
 * is seen) and of the libraries and builtins do not count.
 */
function handedToUnreadCode(ctx: RuleContext, load: Node): boolean {
  const own = (name: string) => ctx.facts.functions.has(name) || ctx.facts.classes.some((c) => c.name === name);
  return ctx.facts.calls.some((c) => {
    if (c.qualified && KNOWN_LIBRARIES.test(c.qualified)) return false;
    if (!c.receiver && (own(c.calleeText) || BUILTINS.has(c.calleeText))) return false;
    const args = [...c.positional, ...c.keywords.values()];
    return args.some((a) => (a.value.type === 'identifier' || a.value.type === 'attribute')
      && tokenizerOrigin(ctx.facts, ctx.a.callsByNode, a.value)?.load.node.id === load.id);
  });
}

const MESSAGE = (id: string) => `"${id}" is a base model: its tokenizer ships no chat template and the script sets none, so this fails with "Cannot use chat template functions because tokenizer.chat_template is not set" (transformers ≥ 4.43; older versions silently use a generic default).`;

const rule: Rule = {
  code: 'TL109',
  name: 'chat-template-missing',
  severity: 'warning',
  fix: 'none',
  overriddenBy: ['preparation'],
  docs: `## What it does
Flags \`tokenizer.apply_chat_template(...)\` (and an \`SFTTrainer\` given a \`messages\` dataset) when the
tokenizer comes from a base checkpoint of a family whose base tokenizers ship no chat template
(Llama 2/3, Mistral v0.1, GPT-2, Falcon, Pythia, Phi-2…), and the script sets no template
(\`get_chat_template\`, \`tokenizer.chat_template = …\`, \`setup_chat_format\`, \`clone_chat_template\`,
\`chat_template=\`). Only the original checkpoints count (the families' own namespaces such as \`meta-llama/\`,
\`mistralai/\`, \`TinyLlama/\`, their faithful re-uploads under \`NousResearch/\` or \`unsloth/\`, and bare ids like
\`gpt2\`): a repo under another namespace is someone's fine-tune or adapter whose saved tokenizer may carry a
template. The \`SFTTrainer\` case stays quiet where what TRL does depends on its release: when the dataset also
has a \`prompt\` column (recent TRL then takes its prompt-completion path, huggingface/trl f2cd577
\`trl/trainer/sft_trainer.py\` \`tokenize_fn\`, while 0.12 and earlier render \`messages\` anyway), and when
\`dataset_text_field=\` is passed to \`SFTTrainer\` itself (TRL up to 0.11 then skips the chat template, \`if
formatting_func is None and dataset_text_field is None\` in v0.8.6 and v0.11.4; 0.12 applies it whenever
\`formatting_func\` is None; later releases no longer take the keyword).
A call inside a \`try\` whose handler catches the ValueError (\`except ValueError:\`, \`except Exception:\`, a bare
\`except:\`) and does not raise again does not fail: the script falls back to its own format, so that case is information
saying so (iamfaham/llama-3.2-GRPO-finetuned \`Llama_3_4b_GRPO.ipynb\` renders \`<|system|>…\` by hand in the handler). A
handler that calls the enclosing function again is a retry of the same failing call, not a fallback, and keeps the warning
(AI4Finance-Foundation/FinGPT \`inference_mmlu_Llama2.ipynb\`: \`except: time.sleep(20); return generate_answer(…)\`).
Nothing is reported when the script hands the tokenizer to code it does not hold (a method of an object, a function or
class of another module, e.g. \`self.template_manager.apply_to_tokenizer(tokenizer)\`): that code may set a template
(JoschkaCBraun/solution-space-hacking \`src/grpo/dataset_processor.py\`, whose \`chat_templates.py\` does). The script's
own functions and classes, the libraries and Python's builtins are read or known and do not count.

## Why is this bad?
Since transformers 4.43–4.45 there is no class-default template:
\`ValueError: Cannot use chat template functions because tokenizer.chat_template is not set and no
template argument was passed!\`, usually inside a \`.map()\` after the model has loaded. Older versions
silently used a generic default template that does not match what the model will see at inference.

## Example
\`\`\`python
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B")
ds = ds.map(lambda e: {"text": tokenizer.apply_chat_template(e["messages"], tokenize=False)})
\`\`\`

## Use instead
\`\`\`python
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")
ds = ds.map(lambda e: {"text": tokenizer.apply_chat_template(e["messages"], tokenize=False)})
\`\`\`

## Fix safety
No automatic fix: choose a template deliberately. With Unsloth, \`get_chat_template(tokenizer,
"llama-3.1")\`; with TRL, \`clone_chat_template\` / \`SFTConfig(chat_template_path=…)\`; or load the
tokenizer of the \`-Instruct\` checkpoint.

## References
- huggingface/transformers#33246; unslothai/unsloth#2096; OpenRLHF/OpenRLHF#613;
  sgl-project/sglang#3385
`,
  check(ctx) {
    if (chatTemplateSetSomewhere(ctx.facts)) return;
    for (const call of ctx.facts.calls) {
      if (call.method !== 'apply_chat_template' || call.hasSplat) continue;
      const base = baseTokenizer(ctx, call.receiver);
      if (!base || handedToUnreadCode(ctx, base.load)) continue;
      // `try: return tok.apply_chat_template(…) except Exception: return f"<|user|>…"`: the script copes with the
      // ValueError, so the run goes on with its own fallback format.
      const handler = catchingHandler(call.node, CATCHES_VALUE_ERROR, true);
      if (handler && !retries(handler, call.node)) {
        ctx.report({ node: call.callee, severity: 'information', message: `"${base.id}" is a base model: its tokenizer ships no chat template and the script sets none, so this raises "Cannot use chat template functions because tokenizer.chat_template is not set" (transformers ≥ 4.43); the \`try\` around it catches that, so every row takes the fallback format of its \`except\` handler, not a chat template.`, related: [{ node: base.load, message: 'tokenizer loaded here' }] });
        continue;
      }
      ctx.report({ node: call.callee, message: MESSAGE(base.id), related: [{ node: base.load, message: 'tokenizer loaded here' }] });
    }
    // SFTTrainer formats a `messages` dataset with the tokenizer's template.
    if (ctx.unsloth.patches) return;
    for (const t of ctx.trainers) {
      if (!isSftLike(t) || t.call.hasSplat) continue;
      const ds = ctx.datasets.at(trainerArg(t, 'train_dataset')?.value);
      if (hasColumn(ds, 'messages') !== true) continue;
      // Release-dependent, so not proven: with a `prompt` column recent TRL takes its prompt-completion path
      // (0.12 and earlier render `messages` anyway); `dataset_text_field=` on SFTTrainer switches the chat
      // template off up to TRL 0.11 (0.12 applies it, later releases reject the keyword).
      if (hasColumn(ds, 'prompt') !== false) continue;
      if (trainerArg(t, 'formatting_func') || t.call.keywords.get('dataset_text_field')) continue;
      const tokArg = trainerTokenizerArg(t);
      const base = tokArg ? baseTokenizer(ctx, tokArg) : undefined;
      if (base && handedToUnreadCode(ctx, base.load)) continue;
      const modelArg = t.call.keywords.get('model') ?? t.call.positional[0];
      const modelId = !tokArg ? evaluateString(ctx.facts, modelArg?.value) : undefined;
      if (base) {
        ctx.report({ node: tokArg!, message: `SFTTrainer renders the "messages" column with this tokenizer's chat template, but ${MESSAGE(base.id)}`, related: [{ node: base.load, message: 'tokenizer loaded here' }] });
      } else if (modelId && baseWithoutChatTemplate(modelId)) {
        ctx.report({ node: modelArg!.value, message: `SFTTrainer loads the tokenizer of this model to render the "messages" column, but ${MESSAGE(modelId)}` });
      }
    }
  },
};
export default rule;
