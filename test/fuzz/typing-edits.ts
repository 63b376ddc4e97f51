/**
 * Realistic editing sequences over a script's text, as an editor sends them: a line typed one character at a
 * time, a line deleted, lines commented and uncommented, a block pasted from elsewhere in the file, an argument
 * typed into a trainer call, characters typed inside a string, edits at the very start and end, an edit that
 * breaks the parse and the one that restores it. Each edit is in the coordinates of the text after the previous.
 */
import type { Random } from './fuzz-inputs';

export interface Span { start: number; end: number; text: string }
/** `together`: the edits are one change of several ranges (VS Code's line-comment toggle over a selection). */
export interface Sequence { kind: string; edits: Span[]; together?: boolean }

/** Longest text typed one character at a time. */
const MAX_TYPED = 24;

/** Offsets where lines start. */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) out.push(i + 1);
  return out;
}

const eolOf = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');

/** `s` typed at `at`, one character per edit (a line break as one edit, as editors send it). */
function typed(at: number, s: string): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < s.length; i++) {
    const piece = s[i] === '\r' && s[i + 1] === '\n' ? '\r\n' : s[i];
    out.push({ start: at, end: at, text: piece });
    at += piece.length;
    i += piece.length - 1;
  }
  return out;
}

/** The characters before `at`, deleted one at a time with backspace. */
function backspaced(at: number, count: number): Span[] {
  return Array.from({ length: count }, (_, i) => ({ start: at - i - 1, end: at - i, text: '' }));
}

/** The line `k` (without its line break) and where it starts and ends. */
function line(text: string, starts: number[], k: number): { start: number; end: number; body: string } {
  const start = starts[k];
  const next = k + 1 < starts.length ? starts[k + 1] : text.length;
  let end = next;
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return { start, end, body: text.slice(start, end) };
}

const ARGUMENTS = ['max_steps=10, ', 'learning_rate=2e-5, ', 'packing=True, ', 'max_seq_length=4096, ', 'eval_strategy="steps", ', 'bf16=True, ', 'dataset_text_field="text", ', 'report_to="none", '];
const LINES = ['trainer.train()', 'model.config.use_cache = False', 'tokenizer.pad_token = tokenizer.eos_token', 'dataset = dataset.shuffle(seed=42)', 'import torch', 'print(trainer)', 'x = 1'];
const BREAKERS = ['(', '"""', '[', '{', "'", 'def f(:', ' = ', ':', '\\', 'if x', ')'];
const TRAINER_CALL = /\b\w*(Trainer|Config|Arguments)\(/g;

/** The generators, by kind; each returns the sequence's edits or undefined when the text has no place for it. */
const GENERATORS: Record<string, (text: string, r: Random) => Span[] | undefined> = {
  typeLine(text, r) {
    const starts = lineStarts(text);
    const k = r.below(starts.length);
    const source = r.next() < 0.5 ? r.pick(LINES) : line(text, starts, r.below(starts.length)).body.slice(0, MAX_TYPED);
    return typed(starts[k], source + eolOf(text));
  },
  deleteLine(text, r) {
    const starts = lineStarts(text);
    const k = r.below(starts.length);
    const end = k + 1 < starts.length ? starts[k + 1] : text.length;
    return end > starts[k] ? [{ start: starts[k], end, text: '' }] : undefined;
  },
  comment(text, r) {
    const starts = lineStarts(text);
    const first = r.below(starts.length);
    const count = 1 + r.below(6);
    const edits: Span[] = [];
    for (let k = first; k < Math.min(starts.length, first + count); k++) {
      const { start, body } = line(text, starts, k);
      if (!body.trim()) continue;
      const indent = body.length - body.trimStart().length;
      // each line's `#` shifts the later lines by one
      edits.push({ start: start + indent + edits.length, end: start + indent + edits.length, text: '#' });
    }
    return edits.length ? edits : undefined;
  },
  uncomment(text, r) {
    const starts = lineStarts(text);
    const commented = starts.map((_, k) => line(text, starts, k)).filter((l) => /^\s*#/.test(l.body) && !/^\s*#!/.test(l.body));
    if (!commented.length) return undefined;
    const l = r.pick(commented);
    const at = l.start + l.body.indexOf('#');
    const width = l.body[l.body.indexOf('#') + 1] === ' ' ? 2 : 1;
    return [{ start: at, end: at + width, text: '' }];
  },
  paste(text, r) {
    const starts = lineStarts(text);
    const from = r.below(starts.length);
    const to = Math.min(starts.length - 1, from + 1 + r.below(20));
    const block = text.slice(starts[from], to > from ? starts[to] : text.length);
    if (!block) return undefined;
    const at = starts[r.below(starts.length)];
    return [{ start: at, end: at, text: block }];
  },
  trainerArgument(text, r) {
    const calls = [...text.matchAll(TRAINER_CALL)];
    if (!calls.length) return undefined;
    const m = r.pick(calls);
    const at = m.index! + m[0].length;
    return typed(at, r.pick(ARGUMENTS));
  },
  trainerValue(text, r) {
    // a number after `=` in a trainer call's arguments: backspaced and typed again, different
    const calls = [...text.matchAll(TRAINER_CALL)];
    if (!calls.length) return undefined;
    const m = r.pick(calls);
    const tail = text.slice(m.index!, m.index! + 3000);
    const values = [...tail.matchAll(/=\s*(-?[\d.e-]+)\b/g)];
    if (!values.length) return undefined;
    const v = r.pick(values);
    const end = m.index! + v.index! + v[0].length;
    const count = v[1].length;
    return [...backspaced(end, count), ...typed(end - count, r.pick(['1', '0', '2e-4', '512', '0.5', '-1']))];
  },
  insideString(text, r) {
    const quotes = [...text.matchAll(/(["'])[^"'\r\n]{1,60}\1/g)];
    if (!quotes.length) return undefined;
    const q = r.pick(quotes);
    const at = q.index! + 1 + r.below(q[0].length - 1);
    return typed(at, r.pick(['abc', '{x}', ' ', '\\n', 'text', "'"]));
  },
  atStart(_text, r) { return typed(0, r.pick(['import os\n', '# x\n', ' ', '"""doc"""\n', '#'])); },
  atEnd(text, r) { return typed(text.length, r.pick(['\nprint(trainer)\n', '\n', '#', 'trainer.train()'])); },
  breakAndRestore(text, r) {
    let at = r.below(text.length + 1);
    if (text[at - 1] === '\r' && text[at] === '\n') at--; // never between CR and LF
    const b = r.pick(BREAKERS);
    return [{ start: at, end: at, text: b }, { start: at, end: at + b.length, text: '' }];
  },
  retypeWord(text, r) {
    const words = [...text.matchAll(/\b[A-Za-z_]\w{2,20}\b/g)];
    if (!words.length) return undefined;
    const w = r.pick(words);
    const end = w.index! + w[0].length;
    const n = Math.min(w[0].length, 1 + r.below(6));
    return [...backspaced(end, n), ...typed(end - n, r.next() < 0.5 ? w[0].slice(-n) : `${w[0].slice(-n)}x`)];
  },
  quoteBlock(text, r) {
    // a block turned into a string: `"""` typed above it, then below it (tens to hundreds of lines down)
    const starts = lineStarts(text);
    const first = r.below(starts.length);
    const last = Math.min(starts.length - 1, first + 1 + r.below(300));
    if (last <= first) return undefined;
    const q = r.pick(['"""', "'''"]);
    const eol = eolOf(text);
    const open: Span = { start: starts[first], end: starts[first], text: q + eol };
    return [open, ...typed(starts[last] + open.text.length, q + eol)];
  },
  newlineInCall(text, r) {
    const calls = [...text.matchAll(TRAINER_CALL)];
    if (!calls.length) return undefined;
    const m = r.pick(calls);
    return typed(m.index! + m[0].length, `${eolOf(text)}    `);
  },
};

export const SEQUENCE_KINDS = Object.keys(GENERATORS);

/** One sequence of a kind picked at random (trying others when the text has no place for it). */
export function sequenceFor(text: string, r: Random, kinds: readonly string[] = SEQUENCE_KINDS): Sequence | undefined {
  for (let tries = 0; tries < 6; tries++) {
    const kind = r.pick(kinds);
    const edits = GENERATORS[kind](text, r);
    if (edits?.length) return { kind, edits, ...(kind === 'comment' && edits.length > 1 && r.next() < 0.5 ? { together: true } : {}) };
  }
  return undefined;
}
