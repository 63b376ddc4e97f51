/**
 * Open documents: text, version and the parsed tree, updated incrementally from LSP changes.
 * Owns every ParsedScript (and so every tree): freed on close and on shutdown.
 */
import { fileURLToPath } from 'node:url';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { ParsedScript } from '../engine/index';
import { SourceText } from '../engine/syntax/source-text';
import type { Analysis } from '../engine/lint/analysis';

export interface OpenDocument {
  uri: string;
  path: string;
  version: number;
  languageId: string;
  script: ParsedScript;
  /** The analysis of the current version (its nodes belong to the current tree), once linted. */
  analysis?: Analysis;
}

export function uriToPath(uri: string): string {
  try { return uri.startsWith('file:') ? fileURLToPath(uri) : uri; } catch { return uri; }
}

/** What a change did to a document's size: `over` it crossed the limit, `back` it came back under. */
export type SizeChange = 'over' | 'back' | undefined;

/** A document over the size limit: its text is kept (without a parse) until it shrinks. */
interface Oversized { uri: string; languageId: string; version: number; source: SourceText }

function applyToText(source: SourceText, changes: TextDocumentContentChangeEvent[]): SourceText {
  for (const c of changes) {
    source = 'range' in c ? source.replace(source.offsetAt(c.range.start), source.offsetAt(c.range.end), c.text) : new SourceText(c.text);
  }
  return source;
}

export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();
  private readonly oversized = new Map<string, Oversized>();

  /** `maxChars`: larger documents are kept as text only, not parsed (and `get` does not return them). */
  constructor(readonly maxChars = Infinity) {}

  open(uri: string, languageId: string, version: number, text: string): OpenDocument | undefined {
    this.close(uri);
    if (text.length > this.maxChars) {
      this.oversized.set(uri, { uri, languageId, version, source: new SourceText(text) });
      return undefined;
    }
    const doc = { uri, path: uriToPath(uri), version, languageId, script: ParsedScript.parse(text, { edited: true }) };
    this.docs.set(uri, doc);
    return doc;
  }

  /**
   * Applies changes. A change that takes a document over `maxChars` frees its parse (`over`); one
   * that brings an oversized document back under parses it again (`back`).
   */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): { doc?: OpenDocument; size: SizeChange } {
    const big = this.oversized.get(uri);
    if (big) {
      big.source = applyToText(big.source, changes);
      big.version = version;
      if (big.source.text.length > this.maxChars) return { size: undefined };
      this.oversized.delete(uri);
      return { doc: this.open(uri, big.languageId, version, big.source.text), size: 'back' };
    }
    const doc = this.docs.get(uri);
    if (!doc) return { size: undefined };
    doc.analysis = undefined; // its nodes die with the old tree
    // Only a change that could pass the limit is measured before parsing.
    const upperBound = doc.script.text.length + changes.reduce((n, c) => n + c.text.length, 0);
    if (upperBound > this.maxChars) {
      const source = applyToText(doc.script.source, changes);
      if (source.text.length > this.maxChars) {
        this.close(uri);
        this.oversized.set(uri, { uri, languageId: doc.languageId, version, source });
        return { size: 'over' };
      }
    }
    doc.script.update(changes.map((c) => ('range' in c ? { range: c.range, text: c.text } : { text: c.text })));
    doc.version = version;
    return { doc, size: undefined };
  }

  /** The length of an oversized document (undefined when it is not one). */
  oversizedLength(uri: string): number | undefined { return this.oversized.get(uri)?.source.text.length; }

  get(uri: string): OpenDocument | undefined { return this.docs.get(uri); }

  all(): OpenDocument[] { return [...this.docs.values()]; }

  close(uri: string): void {
    this.oversized.delete(uri);
    const doc = this.docs.get(uri);
    if (!doc) return;
    doc.script.dispose();
    this.docs.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.docs.keys()]) this.close(uri);
    this.oversized.clear();
  }
}
