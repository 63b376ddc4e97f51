/**
 * A parsed script: text, line index and syntax together. Owns the trees: `update()` re-parses
 * incrementally and frees what it replaced, `dispose()` frees the rest.
 */
import type { Range } from '../diagnostics';
import { SectionedTree, type TextEdit } from './sectioned-tree';
import { SourceText } from './source-text';
import { parseView } from './parse-view';

function viewOf(text: string): string | undefined {
  const view = parseView(text);
  return view === text ? undefined : view;
}

/** One edit covering everything that differs between two views (their common prefix and suffix kept). */
function viewEdit(old: string, next: string, oldSource: SourceText, nextSource: SourceText): TextEdit {
  const max = Math.min(old.length, next.length);
  let prefix = 0;
  while (prefix < max && old.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)) suffix++;
  const p = (s: SourceText, o: number) => { const q = s.positionAt(o); return { row: q.line, column: q.character }; };
  const oldEnd = old.length - suffix;
  const newEnd = next.length - suffix;
  return { start: prefix, oldEnd, newEnd, startPosition: p(oldSource, prefix), oldEndPosition: p(oldSource, oldEnd), newEndPosition: p(nextSource, newEnd) };
}

export interface TextChange {
  /** Absent: the whole text is replaced. */
  range?: Range;
  text: string;
}

export interface ParseOptions {
  /**
   * The script lives in an editor and will be `update()`d: its syntax is kept in sections, so an
   * edit re-parses one. One-shot parses (CLI, tests) use one tree.
   */
  edited?: boolean;
  /** Cut into sections at exactly these offsets (tests rebuilding an edited script). */
  sections?: number[];
}

export class ParsedScript {
  /**
   * The text tree-sitter parsed when it differs from the script (see parse-view.ts). An edit then
   * tells tree-sitter what changed in that view, which may reach past the edit itself.
   */
  private view: string | undefined;
  private constructor(public source: SourceText, readonly syntax: SectionedTree, readonly edited: boolean) {
    this.view = viewOf(source.text);
  }

  static parse(text: string, options: ParseOptions = {}): ParsedScript {
    const source = new SourceText(text);
    const edited = options.edited ?? false;
    return new ParsedScript(source, SectionedTree.parse(source, { sections: options.sections ?? edited }), edited);
  }

  get text(): string { return this.source.text; }

  /** Apply editor changes in order, re-parsing incrementally once at the end. */
  update(changes: TextChange[]): void {
    let source = this.source;
    let edits: TextEdit[] | undefined = [];
    for (const change of changes) {
      if (!change.range) {
        edits = undefined; // the whole text replaced: parse afresh
        source = new SourceText(change.text);
        continue;
      }
      const start = source.offsetAt(change.range.start);
      const oldEnd = source.offsetAt(change.range.end);
      const next = source.replace(start, oldEnd, change.text);
      const newEnd = start + change.text.length;
      const p = (s: SourceText, o: number) => { const q = s.positionAt(o); return { row: q.line, column: q.character }; };
      edits?.push({ start, oldEnd, newEnd, startPosition: p(source, start), oldEndPosition: p(source, oldEnd), newEndPosition: p(next, newEnd) });
      source = next;
    }
    const view = viewOf(source.text);
    if (edits && (view !== undefined || this.view !== undefined)) {
      edits = [viewEdit(this.view ?? this.source.text, view ?? source.text, this.source, source)];
    }
    if (edits) this.syntax.update(edits, source);
    else this.syntax.replace(SectionedTree.parse(source, { sections: this.edited }));
    this.source = source;
    this.view = view;
  }

  /**
   * Replaces the whole text, re-parsing only what changed: the change is found as the span between
   * the common prefix and suffix of the old and new text (for front ends that rebuild the text, such
   * as a notebook's joined cells, instead of sending edits).
   */
  setText(text: string): void {
    const old = this.source.text;
    if (old === text) return;
    const max = Math.min(old.length, text.length);
    let prefix = 0;
    while (prefix < max && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
    this.update([{
      range: { start: this.source.positionAt(prefix), end: this.source.positionAt(old.length - suffix) },
      text: text.slice(prefix, text.length - suffix),
    }]);
  }

  /** True when tree-sitter had to recover from syntax errors somewhere. */
  get hasSyntaxErrors(): boolean { return this.syntax.hasError; }

  dispose(): void {
    this.syntax.dispose();
  }
}
