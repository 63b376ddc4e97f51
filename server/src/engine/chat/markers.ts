/**
 * Turn markers of the common chat templates, keyed by the names Unsloth's
 * `get_chat_template(tokenizer, chat_template="…")` accepts (aliases included).
 * Facts from `reference/masking-spec.md` §3.6; used by TL101 and the masking preview.
 */
import { GEMMA_4_ID } from '../domain/model-families';

export interface TemplateMarkers {
  /** Canonical template name. */
  name: string;
  instructionPart: string;
  responsePart: string;
  /** What the template renders after an assistant turn. */
  endOfTurn: string;
  /** Whether the template itself emits the BOS token. */
  bosInTemplate: boolean;
  /**
   * Unsloth's `get_chat_template` renames the tokenizer's EOS to this token (map flag on, e.g. `chatml`).
   * Absent: the EOS is left unchanged.
   */
  mapsEosTo?: string;
  /** Text the template injects when the conversation has no system message (qwen-2.5 prompt, llama-3.1 date header). */
  injectedSystemText?: string;
  /** The end of turn is the tokenizer's EOS, whatever its spelling (zephyr, alpaca); `endOfTurn` shows the common `</s>`. */
  endOfTurnIsEos?: boolean;
}

const TABLE: Array<[string[], Omit<TemplateMarkers, 'name'>]> = [
  [['llama-3.1', 'llama-31', 'llama-3.2', 'llama-32', 'llama-3.3', 'llama-33'], {
    instructionPart: '<|start_header_id|>user<|end_header_id|>\n\n',
    responsePart: '<|start_header_id|>assistant<|end_header_id|>\n\n',
    endOfTurn: '<|eot_id|>', bosInTemplate: true,
    injectedSystemText: 'Cutting Knowledge Date: December 2023\nToday Date: 26 July 2024\n\n' }],
  [['llama-3', 'llama3'], {
    instructionPart: '<|start_header_id|>user<|end_header_id|>\n\n',
    responsePart: '<|start_header_id|>assistant<|end_header_id|>\n\n',
    endOfTurn: '<|eot_id|>', bosInTemplate: true }],
  [['chatml'], {
    instructionPart: '<|im_start|>user\n', responsePart: '<|im_start|>assistant\n',
    endOfTurn: '<|im_end|>\n', bosInTemplate: false, mapsEosTo: '<|im_end|>' }],
  [['qwen-2.5', 'qwen-25', 'qwen25', 'qwen2.5', 'qwen-2', 'qwen2'], {
    instructionPart: '<|im_start|>user\n', responsePart: '<|im_start|>assistant\n',
    endOfTurn: '<|im_end|>\n', bosInTemplate: false,
    injectedSystemText: 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.' }],
  [['qwen3', 'qwen-3'], {
    instructionPart: '<|im_start|>user\n', responsePart: '<|im_start|>assistant\n',
    endOfTurn: '<|im_end|>\n', bosInTemplate: false }],
  [['qwen3-instruct'], {
    instructionPart: '<|im_start|>user\n', responsePart: '<|im_start|>assistant\n',
    endOfTurn: '<|im_end|>\n', bosInTemplate: false }],
  [['qwen3-thinking'], {
    instructionPart: '<|im_start|>user\n', responsePart: '<|im_start|>assistant\n',
    endOfTurn: '<|im_end|>\n', bosInTemplate: false }],
  [['gemma-3', 'gemma3', 'gemma-3n', 'gemma3n'], {
    instructionPart: '<start_of_turn>user\n', responsePart: '<start_of_turn>model\n',
    endOfTurn: '<end_of_turn>\n', bosInTemplate: true }],
  [['gemma', 'gemma-2', 'gemma2'], {
    instructionPart: '<start_of_turn>user\n', responsePart: '<start_of_turn>model\n',
    endOfTurn: '<end_of_turn>\n', bosInTemplate: true, mapsEosTo: '<end_of_turn>' }],
  [['gemma-4', 'gemma4', 'gemma-4-thinking'], {
    instructionPart: '<|turn>user\n', responsePart: '<|turn>model\n',
    endOfTurn: '<turn|>\n', bosInTemplate: true }],
  [['phi-4', 'phi4'], {
    instructionPart: '<|im_start|>user<|im_sep|>', responsePart: '<|im_start|>assistant<|im_sep|>',
    endOfTurn: '<|im_end|>', bosInTemplate: false }],
  [['phi-3', 'phi3', 'phi-3.5', 'phi-35', 'phi3.5'], {
    instructionPart: '<|user|>\n', responsePart: '<|assistant|>\n',
    endOfTurn: '<|end|>\n', bosInTemplate: false }],
  [['mistral', 'mistral-v0.3'], {
    instructionPart: '[INST]', responsePart: '[/INST]',
    endOfTurn: '</s>', bosInTemplate: true }],
  [['llama-2', 'llama2', 'llama'], {
    instructionPart: '[INST]', responsePart: '[/INST]',
    endOfTurn: '</s>', bosInTemplate: true }],
  [['zephyr'], {
    instructionPart: '<|user|>\n', responsePart: '<|assistant|>\n',
    endOfTurn: '</s>\n', bosInTemplate: false, endOfTurnIsEos: true }],
  [['alpaca'], {
    instructionPart: '### Instruction:\n', responsePart: '### Response:\n',
    endOfTurn: '</s>\n\n', bosInTemplate: true, endOfTurnIsEos: true }],
  [['gpt-oss'], {
    instructionPart: '<|start|>user<|message|>', responsePart: '<|start|>assistant<|channel|>final<|message|>',
    endOfTurn: '<|return|>', bosInTemplate: false }],
];

const BY_NAME = new Map<string, TemplateMarkers>();
for (const [names, markers] of TABLE) {
  for (const n of names) BY_NAME.set(n.toLowerCase(), { name: names[0], ...markers });
}

/** Markers of a named template, or undefined when the name is not one we know. */
export function markersFor(templateName: string): TemplateMarkers | undefined {
  return BY_NAME.get(templateName.trim().toLowerCase());
}

/** Every known template name (aliases included). */
export function knownTemplateNames(): string[] {
  return [...BY_NAME.keys()];
}

/** Guess the template family from a model id ("unsloth/Llama-3.2-3B-Instruct" → llama-3.1 markers). */
export function markersForModelId(modelId: string): TemplateMarkers | undefined {
  const id = modelId.toLowerCase();
  // `llama-3`, not `codellama-34b`.
  if (/llama-?3(?![0-9])/.test(id)) return markersFor('llama-3.1');
  if (/qwen/.test(id)) return markersFor('qwen-2.5');
  if (GEMMA_4_ID.test(id)) return markersFor('gemma-4');
  if (/gemma/.test(id)) return markersFor('gemma-3');
  if (/phi-?4/.test(id)) return markersFor('phi-4');
  if (/phi-?3/.test(id)) return markersFor('phi-3');
  if (/mistral|mixtral/.test(id)) return markersFor('mistral');
  return undefined;
}

/** The single stop token of a template's end of turn (`<|im_end|>\n` → `<|im_end|>`). */
export function endOfTurnToken(markers: TemplateMarkers, eosToken?: string): string {
  if (markers.endOfTurnIsEos && eosToken) return eosToken;
  return markers.endOfTurn.trim();
}

/**
 * Guess the family of a literal Jinja chat template (a tokenizer's own, or a string in the script)
 * from the turn markers it contains — the same idea as Unsloth's auto-detection of the parts.
 */
export function markersForTemplateSource(source: string): TemplateMarkers | undefined {
  if (source.includes('<|im_sep|>')) return markersFor('phi-4');
  if (source.includes('<|start_header_id|>')) {
    return markersFor(source.includes('Cutting Knowledge Date') ? 'llama-3.1' : 'llama-3');
  }
  if (source.includes('<|im_start|>')) {
    if (source.includes('You are Qwen')) return markersFor('qwen-2.5');
    return markersFor(source.includes('<think>') ? 'qwen3' : 'chatml');
  }
  if (source.includes('<start_of_turn>')) return markersFor('gemma-3');
  if (source.includes('<|turn>')) return markersFor('gemma-4');
  if (source.includes('<|start|>') && source.includes('<|message|>')) return markersFor('gpt-oss');
  if (source.includes('<|user|>')) return markersFor(source.includes('<|end|>') ? 'phi-3' : 'zephyr');
  if (source.includes('[INST]')) return markersFor(source.includes('<<SYS>>') ? 'llama-2' : 'mistral');
  if (source.includes('### Instruction:')) return markersFor('alpaca');
  return undefined;
}
