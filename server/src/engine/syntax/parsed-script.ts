/**
 * A parsed script: text, line index and syntax tree together. Owns the tree:
 * `update()` re-parses incrementally and frees the old tree, `dispose()` frees the last one.
 */
import { Edit, type Tree } from 'web-tree-sitter';
import type { Range } from '../diagnostics';
import { parsePython } from './parser';
import { SourceText } from './source-text';

export interface TextChange {
  /** Absent: the whole text is replaced. */
  range?: Range;
  text: string;
}

export class ParsedScript {
  private constructor(public source: SourceText, public tree: Tree) {}

  static parse(text: string): ParsedScript {
    return new ParsedScript(new SourceText(text), parsePython(text));
  }

  get text(): string { return this.source.text; }

  /** Apply editor changes in order, re-parsing incrementally once at the end. */
  update(changes: TextChange[]): void {
    let source = this.source;
    let incremental = true;
    for (const change of changes) {
      if (!change.range) {
        incremental = false;
        source = new SourceText(change.text);
        continue;
      }
      const start = source.offsetAt(change.range.start);
      const oldEnd = source.offsetAt(change.range.end);
      const text = source.text.slice(0, start) + change.text + source.text.slice(oldEnd);
      const next = new SourceText(text);
      if (incremental) {
        const newEnd = start + change.text.length;
        const p = (s: SourceText, o: number) => { const q = s.positionAt(o); return { row: q.line, column: q.character }; };
        this.tree.edit(new Edit({
          startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd,
          startPosition: p(source, start), oldEndPosition: p(source, oldEnd), newEndPosition: p(next, newEnd),
        }));
      }
      source = next;
    }
    const old = this.tree;
    this.tree = parsePython(source.text, incremental ? old : undefined);
    old.delete();
    this.source = source;
  }

  /** True when tree-sitter had to recover from syntax errors somewhere. */
  get hasSyntaxErrors(): boolean { return this.tree.rootNode.hasError; }

  dispose(): void { this.tree.delete(); }
}
