/**
 * Open documents: text, version and the parsed tree, updated incrementally from LSP changes.
 * Owns every ParsedScript (and so every tree): freed on close and on shutdown.
 */
import { fileURLToPath } from 'node:url';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { ParsedScript } from '../engine/index';
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

export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    this.close(uri);
    const doc = { uri, path: uriToPath(uri), version, languageId, script: ParsedScript.parse(text, { edited: true }) };
    this.docs.set(uri, doc);
    return doc;
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    doc.analysis = undefined; // its nodes die with the old tree
    doc.script.update(changes.map((c) => ('range' in c ? { range: c.range, text: c.text } : { text: c.text })));
    doc.version = version;
    return doc;
  }

  get(uri: string): OpenDocument | undefined { return this.docs.get(uri); }

  all(): OpenDocument[] { return [...this.docs.values()]; }

  close(uri: string): void {
    const doc = this.docs.get(uri);
    if (!doc) return;
    doc.script.dispose();
    this.docs.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.docs.keys()]) this.close(uri);
  }
}
