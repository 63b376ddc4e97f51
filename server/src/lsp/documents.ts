/**
 * Open documents: text, version and the parsed tree, updated incrementally from LSP changes.
 * Owns every ParsedScript (and so every tree): freed on close and on shutdown.
 */
import { fileURLToPath } from 'node:url';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { isParserAbort, ParsedScript, type PipelineCache } from '../engine/index';
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
  /** Findings of the script's pipelines kept between lints (engine/lint/pipelines.ts). */
  pipelines?: PipelineCache;
}

export function uriToPath(uri: string): string {
  try { return uri.startsWith('file:') ? fileURLToPath(uri) : uri; } catch { return uri; }
}

/**
 * What a change did to a document: `over` it crossed the size limit, `back` it came back under,
 * `aborted` the parser ran out of memory on it (see `onParserAbort`).
 */
export type SizeChange = 'over' | 'back' | 'aborted' | undefined;

/**
 * A document kept as text only, without a parse, until it is smaller than `limit`: one over the
 * size limit, or one the parser ran out of memory on (its limit is then the length it failed at).
 */
interface TextOnly { uri: string; languageId: string; version: number; source: SourceText; limit: number }

function applyToText(source: SourceText, changes: TextDocumentContentChangeEvent[]): SourceText {
  for (const c of changes) {
    source = 'range' in c ? source.replace(source.offsetAt(c.range.start), source.offsetAt(c.range.end), c.text) : new SourceText(c.text);
  }
  return source;
}

export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();
  private readonly textOnly = new Map<string, TextOnly>();

  /**
   * `maxChars`: larger documents are kept as text only, not parsed (and `get` does not return them).
   * `onParserAbort`: called when the parser's wasm module aborts (out of memory) on a document; that
   * document is then kept as text only until it is smaller, and the caller renews the parser.
   */
  constructor(readonly maxChars = Infinity, private readonly onParserAbort: (uri: string) => void = () => undefined) {}

  open(uri: string, languageId: string, version: number, text: string): OpenDocument | undefined {
    this.close(uri);
    if (text.length > this.maxChars) {
      this.textOnly.set(uri, { uri, languageId, version, source: new SourceText(text), limit: this.maxChars });
      return undefined;
    }
    let script: ParsedScript;
    try {
      script = ParsedScript.parse(text, { edited: true });
    } catch (err) {
      if (!isParserAbort(err)) throw err;
      this.textOnly.set(uri, { uri, languageId, version, source: new SourceText(text), limit: text.length - 1 });
      this.onParserAbort(uri);
      return undefined;
    }
    const doc = { uri, path: uriToPath(uri), version, languageId, script };
    this.docs.set(uri, doc);
    return doc;
  }

  /**
   * Applies changes. A change that takes a document over `maxChars` frees its parse (`over`); one
   * that brings a text-only document back under its limit parses it again (`back`).
   */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): { doc?: OpenDocument; size: SizeChange } {
    const held = this.textOnly.get(uri);
    if (held) {
      held.source = applyToText(held.source, changes);
      held.version = version;
      if (held.source.text.length > held.limit) return { size: undefined };
      this.textOnly.delete(uri);
      const doc = this.open(uri, held.languageId, version, held.source.text);
      return { doc, size: doc ? 'back' : 'aborted' };
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
        this.textOnly.set(uri, { uri, languageId: doc.languageId, version, source, limit: this.maxChars });
        return { size: 'over' };
      }
    }
    try {
      doc.script.update(changes.map((c) => ('range' in c ? { range: c.range, text: c.text } : { text: c.text })));
    } catch (err) {
      if (!isParserAbort(err)) throw err;
      const source = applyToText(doc.script.source, changes);
      this.close(uri);
      this.textOnly.set(uri, { uri, languageId: doc.languageId, version, source, limit: source.text.length - 1 });
      this.onParserAbort(uri);
      return { size: 'aborted' };
    }
    doc.version = version;
    return { doc, size: undefined };
  }

  /** The length of a document kept as text only (undefined when it is parsed). */
  oversizedLength(uri: string): number | undefined { return this.textOnly.get(uri)?.source.text.length; }

  get(uri: string): OpenDocument | undefined { return this.docs.get(uri); }

  all(): OpenDocument[] { return [...this.docs.values()]; }

  /** The parsed documents' characters together (their trees live in the parser's memory at once). */
  parsedChars(): number {
    let n = 0;
    for (const d of this.docs.values()) n += d.script.text.length;
    return n;
  }

  /**
   * After the parser was renewed: every document is parsed again by the new generation (the old
   * trees are dead). Returns the documents to lint again.
   */
  reparseAll(): OpenDocument[] {
    const out: OpenDocument[] = [];
    for (const doc of [...this.docs.values()]) {
      const text = doc.script.text;
      this.close(doc.uri);
      const fresh = this.open(doc.uri, doc.languageId, doc.version, text);
      if (fresh) out.push(fresh);
    }
    return out;
  }

  close(uri: string): void {
    this.textOnly.delete(uri);
    const doc = this.docs.get(uri);
    if (!doc) return;
    this.docs.delete(uri);
    try { doc.script.dispose(); } catch { /* a tree of an aborted generation */ }
  }

  dispose(): void {
    for (const uri of [...this.docs.keys()]) this.close(uri);
    this.textOnly.clear();
  }
}
