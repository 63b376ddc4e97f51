import { insideExpectedRaise } from '../domain/expected-raise';
import { loadedTokenizerClass, tokenizerOrigin } from '../domain/tokenizers';
import { callsWhere } from '../facts/selections';
import type { CallFact } from '../facts/types';
import { replaceNode } from './edits';
import type { Rule } from './rule';

/** The tokenizer methods transformers 5.0 removed: the tokenizer's `__call__` does what both did. */
const REMOVED_METHODS = ['encode_plus', 'batch_encode_plus'];

/**
 * Tokenizer classes that still define both methods on 5.x (their own \`encode_plus\`/\`batch_encode_plus\` for boxes,
 * tables, XPaths: \`models/<model>/tokenization_<model>.py\` at v5.0.0 and v5.15.0), and the checkpoint names of those
 * families.
 */
const KEEPS_CLASS = /^(LayoutLMv[23]|LayoutXLM|MarkupLM|Pop2Piano|RoCBert|Tapas)Tokenizer(Fast)?$/;
const KEEPS_ID = /layout-?lm|layoutxlm|markuplm|pop2piano|roc-?bert|tapas/i;

/** A local folder (`./out`, `/models/x`, `~/ckpt`): the checkpoint's family is not in its name. */
const LOCAL_PATH = /^(\.{1,2}\/|\/|~|[A-Za-z]:\\)/;

/** `x.encode_plus(…)` / `x.batch_encode_plus(…)` (a selection test). */
const isEncodePlusCall = (c: CallFact): boolean => !!c.receiver && !!c.method && REMOVED_METHODS.includes(c.method);

const rule: Rule = {
  code: 'TL528',
  name: 'tokenizer-encode-plus-removed',
  severity: 'error',
  fix: 'sometimes',
  requires: REMOVED_METHODS,
  docs: `## What it does
Flags \`tokenizer.encode_plus(…)\` and \`tokenizer.batch_encode_plus(…)\` on a tokenizer the script loads
(\`AutoTokenizer.from_pretrained\`, a \`…Tokenizer(Fast).from_pretrained\`, Unsloth's \`FastLanguageModel.from_pretrained\`)
when transformers is 5.0 or later. Information when transformers' version is unknown, silent on 4.x.

## Why is this bad?
transformers 5.0 removed both methods from every tokenizer class: \`PreTrainedTokenizerBase\` defines \`encode_plus\`
and \`batch_encode_plus\` through 4.57 (\`tokenization_utils_base.py\` at v4.57.0, without a deprecation warning), and
no tokenizer class defines them at v5.0.0, v5.5.0 or v5.15.0 (\`tokenization_utils_base.py\`,
\`tokenization_utils_tokenizers.py\`, \`tokenization_python.py\`, \`tokenization_utils_sentencepiece.py\`,
\`tokenization_mistral_common.py\`: only the private \`_encode_plus\` is left, and \`__getattr__\` answers only special
tokens). The call raises "AttributeError: BertTokenizer has no attribute batch_encode_plus. Did you mean:
'_encode_plus'?". Only the tokenizers of LayoutLMv2/v3, LayoutXLM, MarkupLM, Pop2Piano, RoCBert and TAPAS define
their own (for boxes, XPaths, tables), and are not flagged; an \`AutoTokenizer\` load of a checkpoint the script
does not name gets information saying so.
Calling the tokenizer does the same: \`tokenizer(text, text_pair, …)\` for one example or a batch.

Importing Unsloth does not change this: neither unslothai/unsloth (015bdef0) nor unslothai/unsloth-zoo (ce232d6c)
puts the methods back.

## Example
\`\`\`python
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen3-0.6B")
batch = tokenizer.batch_encode_plus(["a cat", "a dog"], padding=True, return_tensors="pt")
\`\`\`

## Use instead
\`\`\`python
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen3-0.6B")
batch = tokenizer(["a cat", "a dog"], padding=True, return_tensors="pt")
\`\`\`

## Fix safety
\`encode_plus(…)\` → \`tokenizer(…)\` is safe: the tokenizer's \`__call__\` takes the same \`text\`, \`text_pair\` and
keywords. \`batch_encode_plus(…)\` → \`tokenizer(…)\` needs a review when the batch holds \`(text, pair)\` tuples (the
call takes the pairs as \`text\`, \`text_pair\` lists), so that fix is unsafe.

## References
- gazingstars123/Anima-Standalone-Trainer#48 (porting kohya-ss/sd-scripts fd95682: "'Qwen2TokenizerFast' object has no
  attribute 'batch_encode_plus'" on transformers 5); oliverguhr/german-sentiment-lib#18 (transformers 5.2.0),
  raphaelsty/neural-cherche#42, ruanchaves/hashformers#52, terrierteam/pyterrier_t5#22, open-compass/opencompass#2635
- huggingface/transformers \`src/transformers/models/{layoutlmv2,layoutlmv3,layoutxlm,markuplm,pop2piano,roc_bert,tapas}/
  tokenization_*.py\` at v5.0.0 and v5.15.0: the classes that keep \`def encode_plus\` / \`def batch_encode_plus\`
- huggingface/transformers \`src/transformers/tokenization_utils_base.py\` at v4.57.0 (\`def encode_plus\`,
  \`def batch_encode_plus\`) and v5.0.0, v5.5.0, v5.15.0 (neither defined in any \`tokenization_*.py\`)
`,
  check(ctx) {
    for (const call of callsWhere(ctx.facts, isEncodePlusCall)) {
      const receiver = call.receiver;
      if (!receiver || !call.method) continue;
      const origin = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, receiver);
      if (!origin) continue;
      // A tokenizer load, not a processor's (`AutoProcessor` has neither method on any release).
      const cls = loadedTokenizerClass(origin);
      // `tokenizers.Tokenizer.from_pretrained` is the Rust library's class (`encode`, `encode_batch`), not transformers'.
      const q = origin.load.qualified;
      if (!cls || (origin.kind === 'auto' && q && !q.startsWith('transformers.'))) continue;
      if (KEEPS_CLASS.test(cls) || (origin.modelId !== undefined && KEEPS_ID.test(origin.modelId))) continue;
      if (insideExpectedRaise(call.node)) continue;
      // An Auto load of a checkpoint the script does not name may be one of the families that keep the methods.
      const familyKnown = cls !== 'AutoTokenizer' || (origin.modelId !== undefined && !LOCAL_PATH.test(origin.modelId));
      const v = ctx.version('transformers', { from: '5.0' }, familyKnown ? 'error' : 'information');
      if (!v.severity) continue;
      const assumed = familyKnown ? '' : ' (assuming the checkpoint, which the script does not name, is not a LayoutLMv2/v3, LayoutXLM, MarkupLM, Pop2Piano, RoCBert or TAPAS one: their tokenizers keep the method)';
      const callee = call.callee;
      const batch = call.method === 'batch_encode_plus';
      ctx.report({
        node: callee,
        severity: v.severity,
        message: `\`${receiver.text}.${call.method}(…)\` was removed in transformers 5.0${v.note}${assumed}: "AttributeError: … object has no attribute '${call.method}'". Call the tokenizer instead: \`${receiver.text}(…)\` takes the same arguments${batch ? ' (a batch of `(text, pair)` tuples becomes `text=[…], text_pair=[…]`)' : ''}.`,
        related: [{ node: origin.load.node, message: 'the tokenizer load' }],
        fixes: [{
          title: `Call the tokenizer: ${receiver.text}(…)`,
          applicability: batch || v.gate !== 'affected' || !familyKnown ? 'unsafe' : 'safe',
          edits: [replaceNode(ctx.source, callee, receiver.text)],
        }],
      });
    }
  },
};
export default rule;
