/**
 * Renders a conversation with a Jinja chat template (@huggingface/jinja), the way
 * transformers' `apply_chat_template(..., tokenize=False)` does: `bos_token` / `eos_token`
 * and friends in scope, `add_generation_prompt`, `raise_exception`, `strftime_now`.
 * Also reports the character ranges emitted inside `{% generation %}` blocks, which is what
 * `return_assistant_tokens_mask=True` (TRL `assistant_only_loss`) turns into a token mask.
 */
import type { Template } from '@huggingface/jinja';

/** One chat message; extra keys (`tool_calls`, `reasoning_content`, …) reach the template. */
export interface ChatMessage {
  role: string;
  content: unknown;
  [key: string]: unknown;
}

export interface RenderOptions {
  bosToken?: string;
  eosToken?: string;
  padToken?: string;
  unkToken?: string;
  addGenerationPrompt?: boolean;
  tools?: unknown[];
  /** Extra template variables (`chat_template_kwargs`: `enable_thinking`, `date_string`, …). */
  variables?: Record<string, unknown>;
}

/** A half-open character range `[start, end)` of the rendered text. */
export type CharRange = [number, number];

export type RenderResult =
  | { ok: true; text: string; generationRanges: CharRange[]; hasGenerationBlock: boolean }
  | { ok: false; kind: 'parse' | 'raised' | 'runtime'; error: string };

const GEN_START = '\uE000';
const GEN_END = '\uE001';
const GENERATION_TAG = /\{%(-?)\s*(end)?generation\s*(-?)%\}/g;

/** Does the template mark assistant text with `{% generation %}` … `{% endgeneration %}`? */
export function hasGenerationBlock(source: string): boolean {
  GENERATION_TAG.lastIndex = 0;
  return GENERATION_TAG.test(source);
}

/**
 * Replace each generation tag by a block that prints a private-use sentinel. Block tags
 * (`{% if true %}…{% endif %}`) keep the original tag's whitespace control, trim_blocks and
 * lstrip_blocks behaviour, so the rendered text around the sentinels is unchanged.
 */
function withSentinels(source: string): string {
  return source.replace(GENERATION_TAG, (_m, lstrip: string, end: string | undefined, rstrip: string) =>
    `{%${lstrip} if true %}${end ? GEN_END : GEN_START}{% endif ${rstrip}%}`);
}

const COMPILED = new Map<string, Template | Error>();
const MAX_COMPILED = 32;

/** `raise_exception` is a fixed global of the interpreter; route it to ours to tell its errors apart. */
const RAISE = '__trainlint_raise';

class TemplateRaised extends Error {}

function raise(message: unknown): never {
  throw new TemplateRaised(String(message));
}

function compile(source: string): Template | Error {
  const cached = COMPILED.get(source);
  if (cached) return cached;
  let result: Template | Error;
  try {
    const prepared = (hasGenerationBlock(source) ? withSentinels(source) : source).replace(/\braise_exception\s*\(/g, `${RAISE}(`);
    // Loaded on first use: linting a script that renders no template never pays for the Jinja engine.
    const { Template: Jinja } = require('@huggingface/jinja') as typeof import('@huggingface/jinja');
    result = new Jinja(prepared);
  } catch (e) {
    result = e instanceof Error ? e : new Error(String(e));
  }
  if (COMPILED.size >= MAX_COMPILED) COMPILED.delete(COMPILED.keys().next().value as string);
  COMPILED.set(source, result);
  return result;
}

/** Check that a template parses; returns the parser's message when it does not. */
export function templateParseError(source: string): string | undefined {
  const t = compile(source);
  return t instanceof Error ? t.message : undefined;
}

function stripSentinels(raw: string): { text: string; ranges: CharRange[] } {
  const ranges: CharRange[] = [];
  let text = '';
  let open = -1;
  for (const ch of raw) {
    if (ch === GEN_START) {
      if (open < 0) open = text.length;
    } else if (ch === GEN_END) {
      if (open >= 0 && text.length > open) ranges.push([open, text.length]);
      open = -1;
    } else {
      text += ch;
    }
  }
  if (open >= 0 && text.length > open) ranges.push([open, text.length]);
  return { text, ranges };
}

/**
 * Render `messages` with a chat template. Never throws: a template that does not parse,
 * calls `raise_exception(...)` or fails at run time gives `{ ok: false, error }` with the
 * template's own message ("Conversation roles must alternate ...").
 */
export function renderChat(source: string, messages: readonly ChatMessage[], opts: RenderOptions = {}): RenderResult {
  const template = compile(source);
  if (template instanceof Error) return { ok: false, kind: 'parse', error: `chat template does not parse: ${template.message}` };
  const scope: Record<string, unknown> = {
    ...opts.variables,
    messages,
    add_generation_prompt: opts.addGenerationPrompt ?? false,
    bos_token: opts.bosToken ?? '',
    eos_token: opts.eosToken ?? '',
    pad_token: opts.padToken ?? '',
    unk_token: opts.unkToken ?? '',
    [RAISE]: raise,
  };
  if (opts.tools && opts.tools.length > 0) scope.tools = opts.tools;
  let raw: string;
  try {
    raw = template.render(scope);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const raised = e instanceof TemplateRaised;
    return { ok: false, kind: raised ? 'raised' : 'runtime', error: `chat template ${raised ? 'raised' : 'failed'}: ${message}` };
  }
  const generation = source.includes('generation') && hasGenerationBlock(source);
  if (!generation) return { ok: true, text: raw, generationRanges: [], hasGenerationBlock: false };
  const { text, ranges } = stripSentinels(raw);
  return { ok: true, text, generationRanges: ranges, hasGenerationBlock: true };
}
