/**
 * What a trainer's `processing_class=` is, as far as the script shows: a transformers processor (`ProcessorMixin`) for
 * certain, or perhaps one. `AutoProcessor.from_pretrained(id)` returns a processor for a vision-language checkpoint and
 * falls back to the tokenizer for a text-only one, so only a model id that names a vision model proves it (TL526, TL319).
 */
import type { TokenizerOrigin } from './tokenizers';

/** A model's own processor class (`Qwen2_5_VLProcessor`, `PaliGemmaProcessor`): a `ProcessorMixin`, whatever the model. */
export const OWN_PROCESSOR = /^(?!Auto)\w+Processor$/;
/** Image/video processors and feature extractors are not a `processing_class` of a text trainer at all. */
export const NOT_PROCESSOR = /(Image|Video)Processor$|ProcessorMixin$/;
/**
 * A model id naming a vision-language model, for which `AutoProcessor` (or Unsloth's `FastVisionModel`) gives a
 * processor; for a text-only model `AutoProcessor` falls back to the tokenizer, which GRPOTrainer takes. `Qwen2VL…`
 * without separators is TRL's tiny test checkpoints' spelling (`trl-internal-testing/tiny-Qwen2VLForConditionalGeneration`);
 * Qwen3.5 and Qwen3.6 checkpoints all ship a vision tower (huggingface/trl#6839, 2026-08-20: "Checkpoints that ship a
 * vision tower — Qwen3.5, Qwen3.6, Qwen3-VL"; the Qwen3.5-4B-Base of discuss.huggingface.co/t/176210 is refused as one).
 */
export const VISION_ID = /(^|[-_.])(vl|vlm)([-_.]|$)|qwen[\d.]*[-_]?vl|qwen3\.[56]\b|vision|llava|idefics|paligemma|smolvlm|pixtral|mllama|internvl|minicpm-v|gemma-3-(4|12|27)b|gemma-3n|florence/i;

/** What the `processing_class=` value is, as far as the script shows: a processor for certain, or perhaps one. */
export interface ProcessorVerdict { proven: boolean; what: string }

export function processorVerdict(origin: TokenizerOrigin): ProcessorVerdict | undefined {
  const recv = origin.load.receiver?.text.split('.').pop() ?? '';
  const id = origin.modelId?.split('/').pop();
  if (origin.kind === 'unsloth') {
    // `FastVisionModel.from_pretrained` returns a processor for a vision model (a tokenizer for a text one); `FastModel`
    // likewise. Unsloth's patched GRPOTrainer is not checked here: never more than a guess.
    if (recv !== 'FastVisionModel' && recv !== 'FastModel') return undefined;
    if (id !== undefined && !VISION_ID.test(id)) return undefined;
    return { proven: false, what: `the second value of \`${recv}.from_pretrained(…)\`${id ? ` for \`${origin.modelId}\`` : ''}` };
  }
  if (NOT_PROCESSOR.test(recv)) return undefined;
  if (OWN_PROCESSOR.test(recv)) return { proven: true, what: `\`${recv}.from_pretrained(…)\`` };
  if (recv !== 'AutoProcessor') return undefined;
  if (id === undefined) return { proven: false, what: '`AutoProcessor.from_pretrained(…)` (assumed a vision model\'s processor; the model id is not known)' };
  if (!VISION_ID.test(id)) return undefined;
  return { proven: true, what: `\`AutoProcessor.from_pretrained("${origin.modelId}")\`` };
}
