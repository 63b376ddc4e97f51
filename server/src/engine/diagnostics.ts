/**
 * The engine's output vocabulary: positions, edits, fixes and diagnostics.
 * Plain data, no LSP types (the language server converts; see server/src/lsp/convert.ts).
 * Positions are 0-based lines and UTF-16 columns, like LSP and tree-sitter 0.27 indices.
 */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface TextEdit { range: Range; newText: string }

/** `safe` fixes keep the meaning the user intended and go into fix-all; `unsafe` ones are offered one by one. */
export type Applicability = 'safe' | 'unsafe';

export interface Fix {
  title: string;
  applicability: Applicability;
  edits: TextEdit[];
}

export interface RelatedLocation {
  /** Absent when the location is in the same file. */
  path?: string;
  range: Range;
  message: string;
}

export type DiagnosticTag = 'deprecated' | 'unnecessary';

export interface Diagnostic {
  code: string;
  name: string;
  severity: Severity;
  message: string;
  range: Range;
  related: RelatedLocation[];
  tags: DiagnosticTag[];
  fixes: Fix[];
  docsUrl: string;
}

/** A rule that threw: reported once, the other rules still ran. */
export interface InternalError {
  code: string;
  message: string;
}

const SEVERITY_ORDER: Severity[] = ['hint', 'information', 'warning', 'error'];

/** The lower of two severities (used to cap unknown-version findings at `warning`). */
export function minSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_ORDER.indexOf(a) < SEVERITY_ORDER.indexOf(b) ? a : b;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
