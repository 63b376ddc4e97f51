/** Shared test helpers: parser init once, lint a snippet, read fixture annotations. */
import { dirname } from 'node:path';
import { initParser, lintText, type LintTextOptions } from '../../server/src/engine/index';
import type { Diagnostic } from '../../server/src/engine/diagnostics';
import { fromKnownTable } from '../../server/src/engine/dataset/cached-provider';
import { loadSpecFor } from '../../server/src/engine/dataset/load-spec';
import type { DataSourceProvider } from '../../server/src/engine/dataset/state';
import { callIndex } from '../../server/src/engine/facts/selections';

/**
 * What the front ends' data provider answers when nothing is read or cached (as on a clean machine): a Hub
 * dataset from trainlint's table of known datasets, every other source unknown.
 */
export function uncachedData(scriptPath: string): DataSourceProvider {
  return {
    lookup(call, facts) {
      const spec = loadSpecFor({ scriptPath, facts, callsByNode: callIndex(facts) }, call, dirname(scriptPath));
      return (spec && fromKnownTable(spec)) || { note: 'not read' };
    },
  };
}

export async function ready(): Promise<void> {
  await initParser();
}

export function lintSnippet(text: string, opts: LintTextOptions = {}, path = '/tmp/trainlint-test/train.py'): Diagnostic[] {
  const { diagnostics, errors } = lintText(path, text, opts);
  if (errors.length) throw new Error(`internal rule errors:\n${errors.map((e) => e.message).join('\n')}`);
  return diagnostics;
}

export function codes(diags: Diagnostic[]): string[] {
  return diags.map((d) => d.code);
}

/**
 * Expected diagnostics in a fixture: a line `#> TL001` (several codes allowed) says the
 * nearest code line above it carries a diagnostic with that code starting on it.
 * Returns "line:code" keys (0-based line of the code line).
 */
export function expectedFromAnnotations(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let lastCode = -1;
  lines.forEach((l, i) => {
    const m = /^\s*#>\s*(.*)$/.exec(l);
    if (m) {
      for (const code of m[1].split(/[\s,]+/).filter((c) => /^TL\d{3}$/.test(c))) out.push(`${lastCode}:${code}`);
    } else {
      lastCode = i;
    }
  });
  return out.sort();
}

export function actualKeys(diags: Diagnostic[]): string[] {
  return diags.map((d) => `${d.range.start.line}:${d.code}`).sort();
}
