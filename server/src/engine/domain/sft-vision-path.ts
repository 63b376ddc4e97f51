/**
 * TRL's vision path of `SFTTrainer`: from TRL 0.22 the trainer skips its own dataset preparation (chat template,
 * tokenization, truncation) for vision-language training, "where preprocessing (e.g., image-to-pixel conversion) is too
 * costly and done on the fly instead" (huggingface/trl `trl/trainer/sft_trainer.py`, `skip_prepare_dataset`):
 * - 0.22–0.23: when `processing_class` is a `ProcessorMixin` (`self._is_vlm`), whatever the dataset holds
 *   (v0.22.0, v0.23.0);
 * - from 0.24: when the first training row has an `image` or `images` key (`self._is_vision_dataset`; with a
 *   tokenizer there the trainer raises ValueError) (v0.24.0 through v1.9.0).
 * Only TRL's own vision collator (`DataCollatorForVisionLanguageModeling`, used when no `data_collator=` is given)
 * then truncates, to `args.max_length`; a custom collator is all that tokenizes.
 */
import type { DatasetModel } from '../dataset/model';
import type { CallFact, FileFacts } from '../facts/types';
import { hasAnyColumn } from '../dataset/columns';
import { callOf, type TrainerFact } from './trainers';

/** What the verdict reads of a script's analysis (a rule's `ctx.a`). */
interface ScriptView { facts: FileFacts; callsByNode: Map<number, CallFact>; datasets: DatasetModel }

/** TRL's first release whose SFTTrainer skips the preparation of vision-language training. */
export const TRL_VISION_SKIPS_PREPARATION = '0.22';

export interface SftVisionPath {
  /** The trainer takes the vision path on every TRL from 0.22: a processor and image rows, both shown. */
  provable: boolean;
  /** It may (a processor, or image rows, shown; the other not known to be absent). */
  possible: boolean;
  /**
   * A processor with rows known to hold no image: the vision path on TRL 0.22–0.23 only, and there only when the
   * processor is a `ProcessorMixin` (\`AutoProcessor\` gives a tokenizer for a text-only model).
   */
  processorWithoutImages: boolean;
  /** A custom `data_collator=` is given: on the vision path nothing of TRL's tokenizes or truncates. */
  customCollator: boolean;
}

/** TRL's first release that decides the vision path by the dataset's image column instead of the processor. */
export const TRL_VISION_BY_DATASET = '0.24';

/** `AutoProcessor.from_pretrained(…)`, `Qwen2_5_VLProcessor.from_pretrained(…)`: a `ProcessorMixin`. */
const PROCESSOR = /(^|\.)(AutoProcessor|\w+Processor)$/;
const NOT_PROCESSOR = /(Image|Video)Processor$|ProcessorMixin$/;
/** `AutoTokenizer`, `…Tokenizer(Fast)`: a `PreTrainedTokenizerBase`. */
const TOKENIZER = /Tokenizer(Fast)?$/;

type ProcessingKind = 'processor' | 'tokenizer' | undefined;

function processingKind(a: ScriptView, t: TrainerFact): ProcessingKind {
  const arg = t.call.keywords.get('processing_class') ?? t.call.keywords.get('tokenizer');
  if (!arg) return undefined;
  const call = callOf(a.facts, a.callsByNode, arg.value);
  if (!call || call.method !== 'from_pretrained' || !call.receiver) return undefined;
  const recv = call.receiver.text;
  if (TOKENIZER.test(recv)) return 'tokenizer';
  if (PROCESSOR.test(recv) && !NOT_PROCESSOR.test(recv)) return 'processor';
  return undefined;
}

/** Whether an `SFTTrainer` provably, possibly or not takes TRL's vision path (from 0.22), and with a custom collator. */
export function sftVisionPath(a: ScriptView, t: TrainerFact): SftVisionPath {
  const collator = t.call.keywords.get('data_collator');
  const customCollator = !!collator && collator.value.type !== 'none';
  const kind = processingKind(a, t);
  const dataset = t.call.keywords.get('train_dataset');
  const images = dataset ? hasAnyColumn(a.datasets.at(dataset.value), ['image', 'images']).has : undefined;
  const provable = kind === 'processor' && images === true;
  const possible = provable || (kind === 'processor' && images !== false) || (images === true && kind !== 'tokenizer');
  return { provable, possible, processorWithoutImages: kind === 'processor' && images === false, customCollator };
}
