/**
 * The syntax of a script as consecutive sections, each its own tree-sitter tree.
 *
 * Why: when a keystroke creates or repairs a syntax error, tree-sitter-python re-lexes everything
 * after it (the external scanner's indentation state no longer matches the old tree's, so no later
 * node is reused): 13 ms in the middle of a 2,000-line script, 20+ ms near its top, against
 * ~1.5 ms for other edits (docs/benchmarks.md). Cut at top-level statements, a script parses into
 * exactly the same nodes (tested), and an edit re-parses only its section.
 *
 * Each section is parsed over the whole text with one included range, so node positions are the
 * script's own. Sections before an edit are untouched; sections after it are shifted with
 * `Tree.edit` (no re-parse). Section boundaries sit on lines no edit has touched: an edit on a
 * section's first line merges it into the section before; sections that grow large are split
 * again at their top-level statements.
 *
 * A syntax error stays inside its section: an unclosed bracket or string does not swallow the rest
 * of the script as it would in one tree. For code without errors the trees are the same: a cut that an
 * edit leaves inside a string or brackets closed further down (a block quoted by `"""` typed above and
 * below it) is merged away (`dropStaleCuts`).
 */
import type { Node, Point, Tree } from 'web-tree-sitter';
import { parsePython, retext, treeEdit } from './parser';
import type { SourceText } from './source-text';
import { canMoveNodes } from './tree-handles';
import { cutsToDrop, textualCuts, treeCuts } from './section-cuts';

export interface Section {
  /** Character offsets of the section in the current text; `row` is the line of `start`. */
  start: number;
  end: number;
  row: number;
  tree: Tree;
  /** Its start is inside a string or brackets the text leaves open (broken code; `cutsToDrop`). */
  open?: boolean;
}

/** Sections are cut at a top-level statement at least this many lines after the previous cut. */
export const SECTION_LINES = 100;

/** How many sections past an edit are scanned for a string or brackets it opened that close further down. */
const STALE_SCAN_SECTIONS = 8;

export interface SectionedOptions {
  /**
   * `false`: one tree for the whole text (one-shot parses: CLI, tests). `true`: sections of about
   * SECTION_LINES lines. An array: cut at exactly these offsets (tests rebuilding an edited script).
   */
  sections?: boolean | number[];
}

export interface TextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
  startPosition: Point;
  oldEndPosition: Point;
  newEndPosition: Point;
}

const pointOf = (source: SourceText, offset: number): Point => {
  const p = source.positionAt(offset);
  return { row: p.line, column: p.character };
};

function parseRange(source: SourceText, start: number, end: number, old?: Tree): Tree {
  return parsePython(source.text, old, { startIndex: start, endIndex: end, startPosition: pointOf(source, start), endPosition: pointOf(source, end) });
}

export class SectionedTree {
  private constructor(readonly sections: Section[], private sectioned: boolean) {}

  static parse(source: SourceText, options: SectionedOptions = {}): SectionedTree {
    const want = options.sections ?? false;
    if (want === false) {
      return new SectionedTree([{ start: 0, end: source.text.length, row: 0, tree: parsePython(source.text) }], false);
    }
    if (Array.isArray(want)) {
      const cuts = [...new Set([0, ...want.filter((c) => c > 0 && c < source.text.length)])].sort((a, b) => a - b);
      return new SectionedTree(cuts.map((start, i) => {
        const end = cuts[i + 1] ?? source.text.length;
        return { start, end, row: source.positionAt(start).line, tree: parseRange(source, start, end) };
      }), true);
    }
    // Cut from the text: one parse. A wrong cut shows as a syntax error at a section's edge; so does
    // broken code. Either way, cut again from a whole parse (which a fresh parse would give anyway).
    const textual = textualCuts(source.text, SECTION_LINES);
    if (textual.length > 0) {
      const sectioned = SectionedTree.parse(source, { sections: textual });
      if (!sectioned.hasError) return sectioned;
      sectioned.dispose();
    }
    const whole = parsePython(source.text);
    const cuts = treeCuts(whole.rootNode.children, 0, SECTION_LINES);
    if (cuts.length === 0) return new SectionedTree([{ start: 0, end: source.text.length, row: 0, tree: whole }], true);
    whole.delete();
    const sectioned = SectionedTree.parse(source, { sections: cuts });
    // Broken code: which cuts tree-sitter's recovery put inside a string or brackets (an edit that closes them scans from before).
    const { drop, open } = cutsToDrop(source.text, 0, cuts, Infinity);
    const inside = new Set([...drop, ...open]);
    for (const s of sectioned.sections) if (inside.has(s.start)) s.open = true;
    return sectioned;
  }

  /** The offsets where sections start after the first (tests rebuild an edited script from them). */
  get cuts(): number[] { return this.sections.slice(1).map((s) => s.start); }

  get roots(): Node[] { return this.sections.map((s) => s.tree.rootNode); }

  get hasError(): boolean { return this.sections.some((s) => s.tree.rootNode.hasError); }

  /** The section holding offset `at` (the last one for the end of the text). */
  sectionAt(at: number): Section {
    let lo = 0, hi = this.sections.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.sections[mid].start <= at) lo = mid; else hi = mid - 1;
    }
    return this.sections[lo];
  }

  /** The smallest node spanning [start, end] (within the section holding `start`). */
  descendantForIndex(start: number, end = start): Node | null {
    return this.sectionAt(start).tree.rootNode.descendantForIndex(start, end);
  }

  /** Every node of these types, in document order. */
  descendantsOfType(types: string | string[]): Node[] {
    return this.sections.flatMap((s) => s.tree.rootNode.descendantsOfType(types).filter((n): n is Node => !!n));
  }

  /**
   * Applies edits (each in the coordinates of the text after the previous one), then re-parses the
   * sections they touched. `next` is the text after all of them.
   */
  update(edits: TextEdit[], next: SourceText): void {
    const dirty = new Set<Section>();
    // Shifted sections keep their trees when handles can be moved; otherwise they are re-parsed.
    const shiftInPlace = canMoveNodes();
    for (const e of edits) {
      const delta = e.newEnd - e.oldEnd;
      const rows = e.newEndPosition.row - e.oldEndPosition.row;
      // The sections the edit touches, plus the one before when it touches a section's first line
      // (boundaries stay on lines no edit has changed).
      let first = this.sections.findIndex((s) => e.start < s.end || s === this.sections[this.sections.length - 1]);
      let last = first;
      while (last + 1 < this.sections.length && this.sections[last + 1].start <= e.oldEnd) last++;
      if (first > 0 && e.startPosition.row <= this.sections[first].row) first--;
      if (last > first) this.merge(first, last, dirty);
      const edit = treeEdit({
        startIndex: e.start, oldEndIndex: e.oldEnd, newEndIndex: e.newEnd,
        startPosition: e.startPosition, oldEndPosition: e.oldEndPosition, newEndPosition: e.newEndPosition,
      });
      const target = this.sections[first];
      target.tree.edit(edit);
      target.end += delta;
      dirty.add(target);
      for (let i = first + 1; i < this.sections.length; i++) {
        const s = this.sections[i];
        s.tree.edit(edit); // entirely before this section: only moves it
        if (!shiftInPlace) dirty.add(s);
        s.start += delta;
        s.end += delta;
        s.row += rows;
      }
    }
    const edited = this.sections.filter((s) => dirty.has(s));
    this.reparse(dirty, next, true);
    // Only a section that parses with errors can end inside a string or brackets that the next one closes.
    if (this.sectioned && edited.length && this.sections.some((s) => s.tree.rootNode.hasError)) {
      const merged = new Set<Section>();
      this.dropStaleCuts(next, edited, merged);
      this.reparse(merged, next, false);
    }
    if (this.sectioned) this.rebalance(next);
  }

  /**
   * Replaces sections first..last by one. Its old tree is the first's: re-parsed over the wider
   * range, tree-sitter parses the added part and keeps the rest.
   */
  private merge(first: number, last: number, dirty: Set<Section>): void {
    const target = this.sections[first];
    for (const s of this.sections.slice(first + 1, last + 1)) {
      s.tree.delete();
      dirty.delete(s);
    }
    target.end = this.sections[last].end;
    this.sections.splice(first + 1, last - first);
    dirty.add(target);
  }

  /** Re-parses the `dirty` sections (their trees edited); `retextOthers`: the others only read the new text. */
  private reparse(dirty: Set<Section>, next: SourceText, retextOthers: boolean): void {
    for (const s of this.sections) {
      if (dirty.has(s)) {
        const old = s.tree;
        s.tree = parseRange(next, s.start, s.end, old);
        old.delete();
      } else if (retextOthers) {
        retext(s.tree, next.text);
      }
    }
  }

  /**
   * Merges the sections an edit left inside a string or brackets that close further down (`cutsToDrop`: a
   * triple-quoted string typed around a block): cut there, the text would parse with errors that a fresh
   * parse does not have. (Brackets or a string left open to the end: the text is broken, the cuts stay.) The text
   * is scanned from the first edited section (or the first before it not inside such a string) to at most
   * STALE_SCAN_SECTIONS sections past the last, so an unclosed bracket costs a bounded scan per keystroke.
   */
  private dropStaleCuts(next: SourceText, edited: Section[], merged: Set<Section>): void {
    let first = this.sections.indexOf(edited[0]);
    const last = this.sections.indexOf(edited[edited.length - 1]);
    // from a start known to be top-level
    while (first > 0 && this.sections[first].open) first--;
    if (first < 0 || first === this.sections.length - 1) return;
    const limit = this.sections[last + 1 + STALE_SCAN_SECTIONS]?.start ?? Infinity;
    const { drop, open, checked } = cutsToDrop(next.text, this.sections[first].start, this.sections.slice(first + 1).map((s) => s.start), this.sections[last].end, limit);
    const dropped = new Set(drop), left = new Set(open);
    for (let i = first + 1; i < this.sections.length && this.sections[i].start <= checked; i++) this.sections[i].open = left.has(this.sections[i].start);
    for (let i = this.sections.length - 1; i > first; i--) {
      if (!dropped.has(this.sections[i].start)) continue;
      merged.delete(this.sections[i]);
      this.merge(i - 1, i, merged);
    }
  }

  /** Splits sections that grew past three times the target size at their top-level statements. */
  private rebalance(source: SourceText): void {
    for (let i = 0; i < this.sections.length; i++) {
      const s = this.sections[i];
      const endRow = i + 1 < this.sections.length ? this.sections[i + 1].row : source.lineCount;
      if (endRow - s.row < 3 * SECTION_LINES) continue;
      const cuts = treeCuts(s.tree.rootNode.children, s.row, SECTION_LINES);
      if (cuts.length === 0) continue;
      const bounds = [s.start, ...cuts, s.end];
      const parts = bounds.slice(0, -1).map((start, k) => ({ start, end: bounds[k + 1], row: source.positionAt(start).line, tree: parseRange(source, start, bounds[k + 1]) }));
      s.tree.delete();
      this.sections.splice(i, 1, ...parts);
      i += parts.length - 1;
    }
  }

  /** Takes over `other`'s sections (the whole text was replaced), freeing its own. */
  replace(other: SectionedTree): void {
    this.dispose();
    this.sections.push(...other.sections);
    this.sectioned = other.sectioned;
  }

  dispose(): void {
    for (const s of this.sections) s.tree.delete();
    this.sections.length = 0;
  }
}
