/**
 * Our own Jinja chat templates, one per canonical name of `../markers.ts`
 * (aliases resolve through `markersFor`). Templates are data: written for trainlint so they
 * render the same text as the templates Unsloth's `get_chat_template` installs.
 */
import { markersFor } from '../markers';
import { CHATML, PHI_3, PHI_4, ZEPHYR, ALPACA } from './chatml';
import { GEMMA, GEMMA_3 } from './gemma';
import { LLAMA_2, LLAMA_3, LLAMA_31 } from './llama';
import { MISTRAL } from './mistral';
import { QWEN_25, QWEN_3, QWEN_3_INSTRUCT, QWEN_3_THINKING } from './qwen';

const SOURCES: Readonly<Record<string, string>> = {
  'llama-3.1': LLAMA_31,
  'llama-3': LLAMA_3,
  'llama-2': LLAMA_2,
  chatml: CHATML,
  'qwen-2.5': QWEN_25,
  qwen3: QWEN_3,
  'qwen3-instruct': QWEN_3_INSTRUCT,
  'qwen3-thinking': QWEN_3_THINKING,
  'gemma-3': GEMMA_3,
  gemma: GEMMA,
  'phi-4': PHI_4,
  'phi-3': PHI_3,
  mistral: MISTRAL,
  zephyr: ZEPHYR,
  alpaca: ALPACA,
};

/** A bundled template: its canonical name and Jinja source. */
export interface BundledTemplate {
  name: string;
  source: string;
}

/**
 * The bundled template for a `get_chat_template` name or alias (`"llama-3.2"` → `llama-3.1`),
 * or undefined when we do not ship one (unknown names, `gemma-4`, `gpt-oss`).
 */
export function bundledTemplate(name: string): BundledTemplate | undefined {
  const canonical = markersFor(name)?.name;
  const source = canonical ? SOURCES[canonical] : undefined;
  return canonical && source ? { name: canonical, source } : undefined;
}

/** Canonical names we ship a template for. */
export function bundledTemplateNames(): string[] {
  return Object.keys(SOURCES);
}
