/**
 * Offsets ↔ positions for one text. The single place positions are converted
 * (tree-sitter 0.27 indices and LSP positions are both UTF-16 code units).
 */
import type { Position, Range } from '../diagnostics';
import type { Node } from 'web-tree-sitter';

export class SourceText {
  /** The offset each line starts at (a typed array: an editor makes one per keystroke). */
  readonly lineStarts: Int32Array;
  constructor(readonly text: string, lineStarts?: Int32Array) {
    this.lineStarts = lineStarts ?? Int32Array.from(lineStartsOf(text, 0, text.length, [0]));
  }

  /**
   * The text with [start, end) replaced by `insert`. Line starts are shifted, not re-scanned: only the
   * lines around the edit are (an editor calls this on every keystroke), and the new table is made in one allocation.
   */
  replace(start: number, end: number, insert: string): SourceText {
    const text = this.text.slice(0, start) + insert + this.text.slice(end);
    const old = this.lineStarts;
    // Re-scan from the start of the line before the edited one: a `\r\n` pair may be split or joined
    // at the edit's edges, and a lone `\r` ends the line before.
    const line = Math.max(0, this.positionAt(start).line - 1);
    const from = old[line];
    const to = Math.min(text.length, start + insert.length + 1); // one past, for a `\r` before `\n`
    const scanned = lineStartsOf(text, from, to, []);
    const delta = insert.length - (end - start);
    // The lines after the edit, shifted: those past both the re-scanned part and the replaced text (starts only grow, so a suffix).
    const last = scanned.length ? scanned[scanned.length - 1] : old[line];
    let tail = this.positionAt(end).line + 1;
    while (tail < old.length && !(old[tail] + delta > last && old[tail] > end)) tail++;
    const starts = new Int32Array(line + 1 + scanned.length + old.length - tail);
    starts.set(old.subarray(0, line + 1));
    starts.set(scanned, line + 1);
    for (let i = tail, k = line + 1 + scanned.length; i < old.length; i++, k++) starts[k] = old[i] + delta;
    return new SourceText(text, starts);
  }

  get lineCount(): number { return this.lineStarts.length; }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0, hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid; else hi = mid - 1;
    }
    return { line: lo, character: o - this.lineStarts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[Math.max(0, pos.line)];
    const end = this.lineEnd(pos.line);
    return Math.min(start + Math.max(0, pos.character), end);
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    while (end > this.lineStarts[line] && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  nodeRange(node: Node): Range {
    return this.rangeOf(node.startIndex, node.endIndex);
  }
}

/** Appends to `starts` the offsets after each line break in text[from, to) (a break ending at `to` counts). */
function lineStartsOf(text: string, from: number, to: number, starts: number[]): number[] {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
