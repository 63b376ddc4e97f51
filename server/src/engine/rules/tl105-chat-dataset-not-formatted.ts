import type { Node } from 'web-tree-sitter';
import { insideExpectedRaise } from '../domain/expected-raise';
import { columnsPhrase, provenanceNote, type DatasetState } from '../dataset/state';
import type { Fix } from '../diagnostics';
import { isGetChatTemplate, trainerTokenizerArg } from '../domain/tokenizers';
import { isSftLike, trainerArg } from '../domain/trainers';
import { evaluateString } from '../facts/values';
import { replaceNode } from './edits';
import { ensureImport } from './imports-edit';
import type { RuleContext } from './context';
import type { Rule } from './rule';

const CHAT_COLUMNS = ['messages', 'conversations'];
const STANDARDIZE = /^(standardize_sharegpt|standardize_data_formats)$/;

/** The dataset's `conversations` use ShareGPT `from`/`value` keys (known from rows, types or `to_sharegpt`). */
function isShareGpt(ds: DatasetState): boolean {
  if (ds.steps.some((s) => s.label === 'to_sharegpt')) return true;
  const first = ds.rows?.[0]?.conversations;
  if (Array.isArray(first) && first.length > 0) {
    const m = first[0] as Record<string, unknown> | null;
    return !!m && typeof m === 'object' && 'from' in m && 'value' in m;
  }
  const type = ds.types?.conversations;
  return !!type && /\bfrom\b/.test(type) && /\bvalue\b/.test(type);
}

function standardized(ds: DatasetState): boolean {
  return ds.steps.some((s) => STANDARDIZE.test(s.label));
}

const SHAREGPT_TO_MESSAGES = (x: string) =>
  `${x}.map(lambda ex: {"messages": [{"role": {"human": "user", "gpt": "assistant"}.get(m["from"], m["from"]), "content": m["value"]} for m in ex["conversations"]]}, remove_columns=["conversations"])`;

const rule: Rule = {
  code: 'TL105',
  name: 'chat-dataset-not-formatted',
  severity: 'error',
  fix: 'unsafe',
  overriddenBy: ['preparation'],
  docs: `## What it does
Flags a chat dataset (\`messages\` / \`conversations\` columns) that reaches a pipeline which does not
format it:
- Unsloth's \`SFTTrainer\` with no text column and no \`formatting_func\` (Unsloth does not render
  \`messages\` itself);
- ShareGPT \`conversations\` (\`from\`/\`value\` keys) given to \`SFTTrainer\` on TRL ≤ 0.15, which only
  recognises \`role\`/\`content\`;
- ShareGPT rows passed to \`apply_chat_template\` in a \`.map()\` without
  \`standardize_sharegpt\` / \`standardize_data_formats\` (or a \`mapping=\` in \`get_chat_template\`).
Datasets whose columns or rows are unknown are not flagged.
A trainer built inside \`with pytest.raises(…)\` or \`self.assertRaises(…)\` (a test that expects it to fail) is not
checked.

## Why is this bad?
Unsloth raises \`RuntimeError: Unsloth: You must specify a formatting_func\`; old TRL falls back to the
text field and fails with \`KeyError: 'text'\`; chat templates read \`message['role']\` and fail or
render empty turns on \`from\`/\`value\` messages. All of these happen after the model has loaded.

## Example
\`\`\`python
from unsloth import FastLanguageModel
from datasets import Dataset
from trl import SFTTrainer, SFTConfig

ds = Dataset.from_list([{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}])
trainer = SFTTrainer(model=model, tokenizer=tokenizer, train_dataset=ds, args=SFTConfig(output_dir="out"))
\`\`\`

## Use instead
\`\`\`python
from unsloth import FastLanguageModel
from datasets import Dataset
from trl import SFTTrainer, SFTConfig

ds = Dataset.from_list([{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}])
ds = ds.map(lambda ex: {"text": tokenizer.apply_chat_template(ex["messages"], tokenize=False)})
trainer = SFTTrainer(model=model, tokenizer=tokenizer, train_dataset=ds, args=SFTConfig(output_dir="out"))
\`\`\`

## Fix safety
The fixes insert a formatting step (\`.map(…apply_chat_template…)\` into a text column, a
\`from\`/\`value\` → \`role\`/\`content\` map, or \`standardize_sharegpt(…)\`). They are unsafe: they pick the
tokenizer's current chat template and map the roles \`human\`/\`gpt\` only.

## References
- unslothai/unsloth#994, PR #1000; huggingface/trl#1400
- TRL source v0.16 (\`maybe_convert_to_chatml\`, PR #2862); unsloth-zoo \`sft_prepare_dataset\`
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (insideExpectedRaise(t.call.node)) continue;
      if (!isSftLike(t) || t.call.hasSplat || trainerArg(t, 'formatting_func')) continue;
      const dsArg = trainerArg(t, 'train_dataset');
      const ds = ctx.datasets.at(dsArg?.value);
      const cols = ds?.columns;
      if (!ds || !cols || !dsArg) continue;
      const chat = CHAT_COLUMNS.find((c) => cols.includes(c));
      if (!chat) continue;
      const fieldArg = trainerArg(t, 'dataset_text_field');
      const field = fieldArg ? evaluateString(ctx.facts, fieldArg.value) : 'text';
      if (!field || cols.includes(field)) continue;
      if (cols.includes('input_ids') || cols.includes('labels') || (cols.includes('prompt') && cols.includes('completion'))) continue;
      const related = [{ node: ds.origin, message: `dataset created here (${columnsPhrase(ds)})` }];
      const tok = trainerTokenizerArg(t);
      const sharegpt = chat === 'conversations' && isShareGpt(ds) && !standardized(ds);
      if (ctx.unsloth.patches) {
        // Unsloth's own dataset preparation (unsloth-zoo ≥ 2025.3.2) replaced TRL's.
        const pkg = ctx.env.get('unsloth-zoo') || !ctx.env.get('unsloth') ? 'unsloth-zoo' : 'unsloth';
        const uv = ctx.version(pkg, { from: '2025.3.2' });
        if (!uv.severity) continue;
        const fixes: Fix[] = [];
        if (tok?.type === 'identifier' && t.call.keywords.get('train_dataset') === dsArg) {
          const base = sharegpt ? `standardize_sharegpt(${dsArg.value.text})` : dsArg.value.text;
          fixes.push({
            title: `Render "${chat}" into a "${field}" column with the chat template`,
            applicability: 'unsafe',
            edits: [replaceNode(ctx.source, dsArg.value, `${base}.map(lambda ex: {${JSON.stringify(field)}: ${tok.text}.apply_chat_template(ex[${JSON.stringify(chat)}], tokenize=False)})`),
              ...(sharegpt ? ensureImport(ctx, 'unsloth.chat_templates', 'standardize_sharegpt', dsArg.value) : [])],
          });
        }
        ctx.report({
          node: dsArg.node,
          severity: uv.severity,
          message: `Unsloth's SFTTrainer does not apply the chat template to the "${chat}" column and the dataset has no "${field}" column${provenanceNote(ds)}: training fails with "Unsloth: You must specify a formatting_func"${uv.note}. Map the conversations to text first (or pass formatting_func).`,
          related, fixes,
        });
        continue;
      }
      if (!sharegpt) continue;
      const v = ctx.version('trl', { before: '0.16' });
      if (!v.severity) continue;
      ctx.report({
        node: dsArg.node,
        severity: v.severity,
        message: `The "conversations" column uses ShareGPT "from"/"value" keys, which SFTTrainer converts only from TRL 0.16, and there is no "${field}" column${provenanceNote(ds)}: training fails with KeyError '${field}'${v.note}. Convert to "messages" with "role"/"content".`,
        related,
        fixes: t.call.keywords.get('train_dataset') === dsArg
          ? [{ title: 'Convert the conversations to role/content messages', applicability: 'unsafe', edits: [replaceNode(ctx.source, dsArg.value, SHAREGPT_TO_MESSAGES(dsArg.value.text))] }]
          : [],
      });
    }
    checkTemplateOnShareGpt(ctx);
  },
};

/** `.map(fn)` where fn calls apply_chat_template on ShareGPT rows that were never standardized. */
function checkTemplateOnShareGpt(ctx: RuleContext): void {
  if (ctx.facts.calls.some((c) => isGetChatTemplate(c) && c.keywords.has('mapping'))) return;
  for (const call of ctx.facts.calls) {
    if (call.method !== 'map' || !call.receiver) continue;
    const fnArg = (call.positional[0] ?? call.keywords.get('function'))?.value;
    const fnNode: Node | undefined = fnArg?.type === 'lambda' ? fnArg : fnArg?.type === 'identifier' ? ctx.facts.functions.get(fnArg.text)?.node : undefined;
    if (!fnArg || !fnNode || !/apply_chat_template/.test(fnNode.text) || !/conversations/.test(fnNode.text)) continue;
    const ds = ctx.datasets.at(call.receiver);
    if (!ds?.columns?.includes('conversations') || !isShareGpt(ds) || standardized(ds)) continue;
    const fixes: Fix[] = ctx.unsloth.imported
      ? [{ title: 'Standardize the ShareGPT rows first', applicability: 'unsafe',
          edits: [replaceNode(ctx.source, call.receiver, `standardize_sharegpt(${call.receiver.text})`), ...ensureImport(ctx, 'unsloth.chat_templates', 'standardize_sharegpt', call.receiver)] }]
      : [];
    ctx.report({
      node: fnArg,
      message: `The "conversations" rows use ShareGPT "from"/"value" keys${provenanceNote(ds)}, but the chat template reads "role"/"content": rendering fails or produces empty turns. Call \`standardize_sharegpt(dataset)\` (Unsloth) or map the keys first.`,
      related: [{ node: ds.origin, message: 'dataset created here' }],
      fixes,
    });
  }
}
export default rule;
