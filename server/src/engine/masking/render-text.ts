/**
 * Terminal rendering of a masking preview, in the style of Axolotl's `--debug` output:
 * each token as `text(label, id)`, red when masked (-100), green when trained, or only the
 * coloured text (`textOnly`), followed by per-sample totals.
 */
import { IGNORE_INDEX } from './sequence';
import type { MaskingPreview, PreviewSample } from './types';

export interface RenderTextOptions {
  /** ANSI colours (default true). Without colour, trained tokens are wrapped in `[[…]]` in text-only mode. */
  color?: boolean;
  /** Only the coloured text, no `(label, id)` pairs (Axolotl `--debug-text-only`). */
  textOnly?: boolean;
}

const RED = '\x1b[31m';
const GREEN = '\x1b[32m';
const WHITE = '\x1b[37m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** Make whitespace and control characters visible inside a token. */
function visible(text: string): string {
  return text.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

function renderTokens(sample: PreviewSample, opts: Required<RenderTextOptions>): string {
  if (opts.textOnly) {
    let out = '';
    let open = false;
    for (const t of sample.tokens) {
      const trained = t.label !== IGNORE_INDEX;
      if (opts.color) out += (trained ? GREEN : RED) + t.text + RESET;
      else {
        if (trained !== open) out += trained ? '[[' : ']]';
        open = trained;
        out += t.text;
      }
    }
    return open && !opts.color ? `${out}]]` : out;
  }
  return sample.tokens.map((t) => {
    const pair = `(${t.label}, ${t.id})`;
    const text = visible(t.text);
    if (!opts.color) return text + pair;
    const colour = t.label === IGNORE_INDEX ? RED : GREEN;
    return `${colour}${text}${RESET}${WHITE}${pair}${RESET}`;
  }).join(' ');
}

/** One line of totals: tokens, trained, percentage, truncation. */
export function sampleSummary(sample: PreviewSample): string {
  const pct = sample.total === 0 ? 0 : (100 * sample.trained) / sample.total;
  return `row ${sample.row}: ${sample.total} tokens, ${sample.trained} trained (${pct.toFixed(1)}%)${sample.truncated ? ', truncated' : ''}`;
}

/** Render a whole preview for a terminal. */
export function renderPreviewText(preview: MaskingPreview, options: RenderTextOptions = {}): string {
  const opts: Required<RenderTextOptions> = { color: options.color ?? true, textOnly: options.textOnly ?? false };
  const dim = (s: string) => (opts.color ? `${DIM}${s}${RESET}` : s);
  const lines: string[] = [];
  for (const w of preview.warnings) lines.push(`warning: ${w}`);
  for (const sample of preview.samples) {
    lines.push(dim(`--- ${sampleSummary(sample)}`));
    lines.push(renderTokens(sample, opts));
    for (const w of sample.warnings) lines.push(`  warning: ${w}`);
  }
  const total = preview.samples.reduce((n, s) => n + s.total, 0);
  const trained = preview.samples.reduce((n, s) => n + s.trained, 0);
  lines.push(dim(`${preview.samples.length} samples, ${total} tokens, ${trained} trained${preview.approximate ? ' (approximate tokenization)' : ''}`));
  return `${lines.join('\n')}\n`;
}
