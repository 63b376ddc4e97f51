import type { Node } from 'web-tree-sitter';
import { collatorCode } from '../domain/collator-code';
import { trainerArg } from '../domain/trainers';
import { processorMediaCall, scriptVlmFamily } from '../domain/vlm-placeholders';
import { callsWhere } from '../facts/selections';
import type { CallFact } from '../facts/types';
import type { Severity } from '../diagnostics';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** `torch.utils.data.DataLoader(…, collate_fn=…)`: a collator that builds the batches a training loop gives the model. */
function isDataLoaderCall(c: CallFact): boolean {
  return /(^|\.)DataLoader$/.test(c.calleeText);
}

/** Anything in the collator that already deals with the placeholders, or masks more than the padding. */
const HANDLES_PLACEHOLDERS = /image_token|video_token|image_pad|vision_start|boi_token|image_seq|ignore_index/i;

const isMinus100 = (n: Node | null): boolean => !!n && n.text.replace(/\s+/g, '') === '-100';

/** `B["input_ids"].clone()` / `B.input_ids.clone()` (through `.detach()`), for the name `B`. */
function clonesInputIds(n: Node | null, base: string): boolean {
  let x = n;
  if (x?.type !== 'call') return false;
  x = x.childForFieldName('function');
  if (x?.type !== 'attribute' || x.childForFieldName('attribute')?.text !== 'clone') return false;
  x = x.childForFieldName('object');
  if (x?.type === 'call' && x.childForFieldName('function')?.type === 'attribute'
    && x.childForFieldName('function')!.childForFieldName('attribute')?.text === 'detach') {
    x = x.childForFieldName('function')!.childForFieldName('object');
  }
  if (x?.type === 'subscript') {
    return x.childForFieldName('value')?.text === base && /^["']input_ids["']$/.test(x.childForFieldName('subscript')?.text ?? '');
  }
  return x?.type === 'attribute' && x.childForFieldName('object')?.text === base && x.childForFieldName('attribute')?.text === 'input_ids';
}

/** `L[L == ….pad_token_id] = -100`: the one write to the labels this rule accepts. */
function isPadMask(stmt: Node, name: string): boolean {
  if (stmt.type !== 'assignment' || !isMinus100(stmt.childForFieldName('right'))) return false;
  const left = stmt.childForFieldName('left');
  if (left?.type !== 'subscript' || left.childForFieldName('value')?.text !== name) return false;
  const cmp = left.childForFieldName('subscript');
  if (cmp?.type !== 'comparison_operator' || !/==/.test(cmp.text)) return false;
  const [a, b] = cmp.namedChildren;
  return !!a && !!b && a.text === name && /(^|\.)pad_token_id$/.test(b.text);
}

/** Where the labels leave the collator: `batch["labels"] = L`, `{"labels": L}`, `labels=L`, or a returned tuple. */
function delivers(use: Node, name: string): boolean {
  const p = use.parent;
  if (!p) return false;
  if (p.type === 'assignment' && p.childForFieldName('right')?.id === use.id) {
    const left = p.childForFieldName('left');
    return left?.type === 'subscript' && /^["']labels["']$/.test(left.childForFieldName('subscript')?.text ?? '');
  }
  if (p.type === 'pair') return /^["']labels["']$/.test(p.childForFieldName('key')?.text ?? '') && p.childForFieldName('value')?.id === use.id;
  if (p.type === 'keyword_argument') return p.childForFieldName('name')?.text === 'labels';
  if (p.type === 'return_statement') return use.text === name;
  return (p.type === 'expression_list' || p.type === 'tuple') && p.parent?.type === 'return_statement';
}

/** `L = B["labels"]`: the name bound again to the labels the collator already stored. */
function rereads(use: Node): boolean {
  const p = use.parent;
  if (p?.type !== 'assignment' || p.childForFieldName('left')?.id !== use.id) return false;
  const right = p.childForFieldName('right');
  return right?.type === 'subscript' && /^["']labels["']$/.test(right.childForFieldName('subscript')?.text ?? '');
}

interface Finding { clone: Node; media: string; call: Node }

/**
 * In a collator function: the processor call given images or videos, the labels cloned from its `input_ids`, written
 * only by a padding mask, and handed on as the batch's labels. Anything else done to the labels (another mask, a
 * function call taking them, a second assignment) leaves the collator alone.
 */
function placeholderLabels(fn: Node): Finding | undefined {
  const body = fn.childForFieldName('body')?.text ?? fn.text;
  if (HANDLES_PLACEHOLDERS.test(body) || (body.match(/-\s*100\b/g) ?? []).length > 1) return undefined;
  for (const call of fn.descendantsOfType('call')) {
    const media = processorMediaCall(call);
    const assign = call.parent;
    if (!media || assign?.type !== 'assignment' || assign.childForFieldName('left')?.type !== 'identifier') continue;
    const base = assign.childForFieldName('left')!.text;
    const clone = fn.descendantsOfType('assignment').find((a) => a.childForFieldName('left')?.type === 'identifier'
      && clonesInputIds(a.childForFieldName('right'), base));
    if (!clone) continue;
    const name = clone.childForFieldName('left')!.text;
    const uses = fn.descendantsOfType('identifier').filter((i) => i.text === name && i.id !== clone.childForFieldName('left')!.id);
    let delivered = false;
    let other = false;
    for (const u of uses) {
      if (u.startIndex < clone.startIndex) { other = true; break; }
      const stmt = u.parent?.type === 'subscript' ? u.parent.parent : u.parent?.parent?.type === 'subscript' ? u.parent.parent.parent : undefined;
      if (stmt && isPadMask(stmt, name)) continue;
      if (delivers(u, name)) { delivered = true; continue; }
      // `labels = batch["labels"]` after `batch["labels"] = labels` (the notebooks' tuple return): the same tensor.
      if (delivered && rereads(u)) continue;
      other = true;
      break;
    }
    if (!other && delivered) return { clone, media, call };
  }
  return undefined;
}

const rule: Rule = {
  code: 'TL530',
  name: 'vlm-placeholder-tokens-in-labels',
  severity: 'warning',
  fix: 'none',
  requires: ['input_ids'],
  docs: `## What it does
Flags a data collator (given to a trainer as \`data_collator=\`, or to a \`DataLoader\` as \`collate_fn=\`) of a
vision-language fine-tune that calls the processor with images (or videos), copies the batch's \`input_ids\` into
\`labels\` and masks only the padding (\`labels[labels == processor.tokenizer.pad_token_id] = -100\`). The family comes
from the script's model and processor loads: Qwen2-VL / Qwen2.5-VL / Qwen3-VL, Idefics2/3 and SmolVLM, Gemma 3,
PaliGemma, and LLaVA (LLaVA, LLaVA-NeXT, LLaVA-NeXT-Video, LLaVA-OneVision, Video-LLaVA).

## Why is this bad?
The processor replaces each \`<image>\` (or \`<video>\`) of the text by one placeholder token per image feature before
tokenizing: hundreds per image (576 for a LLaVA-1.5 image, more for LLaVA-NeXT's tiles and for video frames), and the
model swaps their embeddings for the image features. Labels copied from \`input_ids\` keep those positions, so the loss
is also computed on predicting the placeholder token, and averaged over them: the answer's tokens, often a few dozen,
get a small share of the gradient, and the model is trained to emit image placeholders. Mask them as well:
\`labels[labels == image_token_id] = -100\` with \`image_token_id = processor.tokenizer.convert_tokens_to_ids(processor.image_token)\`
(\`processor.video_token\` for videos), as Hugging Face's VLM fine-tuning examples do.

LLaVA's models once did this themselves: before the processor expanded the placeholders, the model's legacy merge wrote
the ignore index over the image positions of \`labels\`. For the LLaVA family the finding is a warning on transformers
4.52 and later (the source read: no legacy path left), information on 4.47–4.51 (the processor expands once the
checkpoint's processor config gives \`patch_size\`, as llava-hf's do) and when the version is unknown, saying what it
assumed, and silent before 4.47. The other families' processors expanded the placeholders from the start. A collator that masks anything else (image or video token ids, the prompt, an
\`ignore_index\`), passes the labels to another function, or builds them some other way is left alone.

## Example
\`\`\`python
# pip install transformers==4.57.1
from transformers import AutoProcessor, Qwen2_5_VLForConditionalGeneration, Trainer, TrainingArguments

model = Qwen2_5_VLForConditionalGeneration.from_pretrained("Qwen/Qwen2.5-VL-3B-Instruct")
processor = AutoProcessor.from_pretrained("Qwen/Qwen2.5-VL-3B-Instruct")

def collate_fn(examples):
    texts = [processor.apply_chat_template(e["messages"], tokenize=False) for e in examples]
    images = [e["images"] for e in examples]
    batch = processor(text=texts, images=images, return_tensors="pt", padding=True)
    labels = batch["input_ids"].clone()
    labels[labels == processor.tokenizer.pad_token_id] = -100
    batch["labels"] = labels
    return batch

trainer = Trainer(model=model, args=TrainingArguments(output_dir="out", remove_unused_columns=False),
                  train_dataset=dataset, data_collator=collate_fn)
\`\`\`

## Use instead
\`\`\`python
# pip install transformers==4.57.1
from transformers import AutoProcessor, Qwen2_5_VLForConditionalGeneration, Trainer, TrainingArguments

model = Qwen2_5_VLForConditionalGeneration.from_pretrained("Qwen/Qwen2.5-VL-3B-Instruct")
processor = AutoProcessor.from_pretrained("Qwen/Qwen2.5-VL-3B-Instruct")
image_token_id = processor.tokenizer.convert_tokens_to_ids(processor.image_token)

def collate_fn(examples):
    texts = [processor.apply_chat_template(e["messages"], tokenize=False) for e in examples]
    images = [e["images"] for e in examples]
    batch = processor(text=texts, images=images, return_tensors="pt", padding=True)
    labels = batch["input_ids"].clone()
    labels[labels == processor.tokenizer.pad_token_id] = -100
    labels[labels == image_token_id] = -100
    batch["labels"] = labels
    return batch

trainer = Trainer(model=model, args=TrainingArguments(output_dir="out", remove_unused_columns=False),
                  train_dataset=dataset, data_collator=collate_fn)
\`\`\`

## Fix safety
No automatic fix: which ids to mask (the image token, the video token, Qwen's vision start/end tokens) depends on the
processor, and the prompt may need masking too.

## References
- NielsRogge/Transformers-Tutorials#511 (2026-09-16) and PR #513 (the LLaVA-NeXT notebook's collator: "expanded
  \`<image>\` placeholder tokens were included in the causal LM loss"; the fix masks \`processor.image_token\`);
  mfarre/Video-LLaVA-7B-hf-CinePile#5 (2025-03-06: "a bunch of video tokens (32001)" in the labels)
- huggingface/transformers \`src/transformers/models/llava/processing_llava.py\` v4.47.1 (each \`<image>\` replaced by
  \`image_token * num_image_tokens\`); \`models/llava/modeling_llava.py\` at commit 00d3cdbe (the v4.52 line:
  \`LlavaModel.forward\` \`masked_scatter\`s the image features over \`input_ids == image_token_id\`,
  \`LlavaForConditionalGeneration.forward\` calls \`self.loss_function(logits=logits, labels=labels, …)\` on the labels as
  given); Qwen2-VL's processor (\`image_token * (image_grid_thw.prod() // merge_size**2)\`)
`,
  check(ctx) {
    const family = scriptVlmFamily(ctx.facts);
    if (!family) return;
    const sources: Node[] = [];
    for (const t of ctx.trainers) {
      const a = trainerArg(t, 'data_collator');
      if (a) sources.push(a.value);
    }
    for (const c of callsWhere(ctx.facts, isDataLoaderCall)) {
      const a = c.keywords.get('collate_fn');
      if (a) sources.push(a.value);
    }
    const seen = new Set<number>();
    for (const src of sources) {
      const code = collatorCode(ctx, src);
      if (!code || seen.has(code.fn.id)) continue;
      seen.add(code.fn.id);
      const f = placeholderLabels(code.fn);
      if (!f) continue;
      // LLaVA: a warning from the release read; from the first processor that expands (information, also when the
      // version is unknown), silent before.
      let v: { severity?: Severity; note: string } = { severity: 'warning', note: '' };
      if (family.from) {
        const read = ctx.version('transformers', { from: family.from });
        v = read.gate === 'affected' ? read : ctx.version('transformers', { from: family.expandsFrom ?? family.from }, 'information');
      }
      if (!v.severity) continue;
      const token = f.media === 'videos' ? 'video' : 'image';
      const assumed = family.from && v.severity === 'information'
        ? ` This assumes the processor expands the placeholders, as it does from transformers ${family.expandsFrom} when the checkpoint's processor config gives \`patch_size\` (from ${family.from} the model has no other path); with an unexpanded \`<${token}>\` the model's legacy merge masked the ${token} positions itself.`
        : '';
      ctx.report({
        node: f.clone,
        severity: v.severity,
        message: `${code.label} copies \`input_ids\` into \`labels\` and masks only the padding, but the ${family.name} processor has expanded each \`<${token}>\` of the text into one placeholder token per ${token} feature (hundreds per ${token})${v.note}: the loss is computed on predicting those placeholders and averaged over them, so the answer tokens get a small share of the gradient and the model learns to emit ${token} placeholders. Mask them too: \`labels[labels == processor.tokenizer.convert_tokens_to_ids(processor.${token}_token)] = -100\`.${assumed}`,
        related: [{ node: f.call, message: `the processor call that expands the ${token} placeholders` }],
      });
    }
  },
};
export default rule;
