/**
 * Which vision-language family a script fine-tunes, as far as its loads show, and from which transformers release that
 * family's processor writes the image (or video) placeholder tokens into `input_ids` that the model's loss then reads
 * unmasked (TL530). A processor call of these families replaces each `<image>` of the text by one placeholder token per
 * image feature before tokenizing, so `input_ids` holds hundreds of them per image; the model swaps their embeddings for
 * the image features and computes its loss on `labels` as given.
 */
import type { Node } from 'web-tree-sitter';
import { callsWhere } from '../facts/selections';
import type { CallFact, FileFacts } from '../facts/types';
import { evaluateString } from '../facts/values';

export interface VlmFamily {
  /** How the message names the family. */
  name: string;
  /**
   * The first transformers release known to give the placeholders to the loss unmasked, when that depends on the
   * release (LLaVA's models dropped their legacy merge, which wrote the ignore index over the image positions of
   * `labels`); undefined: every release that has the family.
   */
  from?: string;
  /** The first release whose processor expands the placeholders itself (given the checkpoint's `patch_size`). */
  expandsFrom?: string;
}

interface FamilyRow extends VlmFamily { cls: RegExp; id: RegExp }

/**
 * Families whose processor has always expanded the placeholders (Qwen2-VL since it was added, 4.45; Idefics2/3 and
 * SmolVLM: `image_seq_len` copies of `<image>` per image or split; Gemma 3: the full image sequence for
 * `<start_of_image>`; PaliGemma: `image_seq_length` image tokens before the prompt), and LLaVA's, whose processor expands
 * them (transformers `processing_llava.py` at v4.47.1, L167–170 as quoted by a stored study note: each `<image>`
 * becomes `image_token * num_image_tokens` once the processor config gives `patch_size`) and whose model, at the v4.52-era source read (commit 00d3cdbe,
 * `LlavaModel` + `LlavaForConditionalGeneration`), scatters the image features over the placeholder positions and
 * passes `labels` to `loss_function` unchanged.
 */
const FAMILIES: FamilyRow[] = [
  { name: 'Qwen-VL', cls: /^Qwen(2|2_5|3)_?VL(Moe)?(ForConditionalGeneration|Processor)$/, id: /qwen[\d.]*-?vl|qvq/i },
  { name: 'Idefics/SmolVLM', cls: /^(Idefics[23]|SmolVLM)(ForConditionalGeneration|Processor)$/, id: /idefics[23]|smolvlm/i },
  { name: 'Gemma 3', cls: /^Gemma3(ForConditionalGeneration|Processor)$/, id: /gemma-3-(4|12|27)b/i },
  { name: 'PaliGemma', cls: /^PaliGemma(ForConditionalGeneration|Processor)$/, id: /paligemma/i },
  {
    name: 'LLaVA', from: '4.52', expandsFrom: '4.47',
    cls: /^(Llava|LlavaNext|LlavaNextVideo|LlavaOnevision|VideoLlava)(ForConditionalGeneration|Processor)$/, id: /llava/i,
  },
];

/** Loads that name a model or processor class (or an auto class reading the id), whatever the receiver's module path. */
function isPretrainedLoad(c: CallFact): boolean {
  return c.method === 'from_pretrained';
}

/** The family one load names: its class, else the model id an auto class reads. */
function familyOfLoad(facts: FileFacts, c: CallFact): FamilyRow | undefined {
  const cls = c.receiver?.text.split('.').pop() ?? '';
  const byClass = FAMILIES.find((f) => f.cls.test(cls));
  if (byClass) return byClass;
  if (!/^Auto(Processor|ModelForVision2Seq|ModelForImageTextToText)$/.test(cls)) return undefined;
  const id = evaluateString(facts, (c.positional[0] ?? c.keywords.get('pretrained_model_name_or_path'))?.value);
  return id === undefined ? undefined : FAMILIES.find((f) => f.id.test(id));
}

/**
 * The one family the script's model and processor loads name; undefined when none does, or when they name several
 * (a script comparing models: which one the collator serves is not known).
 */
export function scriptVlmFamily(facts: FileFacts): VlmFamily | undefined {
  const found = new Set<FamilyRow>();
  for (const c of callsWhere(facts, isPretrainedLoad)) {
    const f = familyOfLoad(facts, c);
    if (f) found.add(f);
  }
  if (found.size !== 1) return undefined;
  const [f] = found;
  return { name: f.name, from: f.from, expandsFrom: f.expandsFrom };
}

/** A processor call that is given images or videos: `processor(text=…, images=…)`, `self.processor(texts, images)`. */
export function processorMediaCall(call: Node): string | undefined {
  const callee = call.childForFieldName('function');
  if (!callee || !/(^|\.)(\w*_)?processor$/i.test(callee.text)) return undefined;
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  for (const a of args) {
    if (a.type !== 'keyword_argument') continue;
    const name = a.childForFieldName('name')?.text;
    const value = a.childForFieldName('value');
    if ((name === 'images' || name === 'videos') && value && value.type !== 'none') return name;
  }
  const positional = args.filter((a) => a.type !== 'keyword_argument' && !/splat/.test(a.type) && a.type !== 'comment');
  return positional.length >= 2 && positional[1].type !== 'none' ? 'images' : undefined;
}
