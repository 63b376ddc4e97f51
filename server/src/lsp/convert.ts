/** Engine values ↔ LSP values. The only place that knows both vocabularies. */
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity, DiagnosticTag, type Diagnostic as LspDiagnostic, type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { Diagnostic, Fix, Severity, TextEdit } from '../engine/index';

export const SOURCE = 'trainlint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries for its code actions, so the server keeps no per-diagnostic state. */
export interface DiagnosticData { name: string; fixes: Fix[] }

export function toLspEdit(e: TextEdit): LspTextEdit {
  return { range: e.range, newText: e.newText };
}

/**
 * Converted diagnostics by the engine's: a script linted one pipeline at a time hands back the same
 * diagnostic objects for the pipelines an edit did not touch, so each is converted once.
 */
const converted = new WeakMap<Diagnostic, { uri: string; lsp: LspDiagnostic }>();

export function toLspDiagnostic(d: Diagnostic, uri: string): LspDiagnostic {
  const known = converted.get(d);
  if (known?.uri === uri) return known.lsp;
  const lsp = convertDiagnostic(d, uri);
  converted.set(d, { uri, lsp });
  return lsp;
}

function convertDiagnostic(d: Diagnostic, uri: string): LspDiagnostic {
  const data: DiagnosticData = { name: d.name, fixes: d.fixes };
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: d.docsUrl },
    source: SOURCE,
    message: `${d.message} (${d.name})`,
    tags: d.tags.map((t) => (t === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary)),
    relatedInformation: d.related.map((r) => ({
      location: { uri: r.path ? pathToFileURL(r.path).toString() : uri, range: r.range },
      message: r.message,
    })),
    data,
  };
}

export function isDiagnosticData(x: unknown): x is DiagnosticData {
  return !!x && typeof x === 'object' && Array.isArray((x as DiagnosticData).fixes);
}
