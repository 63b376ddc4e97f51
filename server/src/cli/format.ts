/** CLI output: human text (path:line:col) and the JSON contract (1-based lines and columns). */
import { relative } from 'node:path';
import type { Diagnostic, Range } from '../engine/index';
import type { FileResult } from './lint-file';

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
const SEV_COLOR: Record<string, string> = { error: '31', warning: '33', information: '36', hint: '2' };

function range1(r: Range) {
  return { start: { line: r.start.line + 1, column: r.start.character + 1 }, end: { line: r.end.line + 1, column: r.end.character + 1 } };
}

export function toJson(results: FileResult[]): unknown[] {
  const out: unknown[] = [];
  for (const r of results) {
    for (const [i, d] of r.diagnostics.entries()) {
      const cell = r.cells?.[i];
      out.push({
        path: r.path, code: d.code, name: d.name, severity: d.severity, message: d.message, range: range1(d.range),
        ...(cell ? { cell: cell.cell, cellRange: range1(cell.range) } : {}),
        url: d.docsUrl,
        related: d.related.map((x) => ({ path: x.path ?? r.path, message: x.message, range: range1(x.range) })),
        fixes: d.fixes.map((f) => ({ title: f.title, applicability: f.applicability, edits: f.edits.map((e) => ({ range: range1(e.range), newText: e.newText })) })),
      });
    }
  }
  return out;
}

function line(path: string, d: Diagnostic): string {
  const where = `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
  const fix = d.fixes.some((f) => f.applicability === 'safe') ? ' [*]' : '';
  return `${paint('1', where)}: ${paint(SEV_COLOR[d.severity], `${d.code}`)} ${d.message} (${d.name})${fix}`;
}

export function toText(results: FileResult[], cwd: string): string {
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  let safe = 0;
  for (const r of results) {
    const p = relative(cwd, r.path) || r.path;
    for (const [i, d] of r.diagnostics.entries()) {
      const cell = r.cells?.[i];
      // Cells counted from 1 like lines and columns (and like VS Code's "Cell 3 of 4"); JSON keeps the 0-based index.
      lines.push(line(cell ? `${p}[cell ${cell.cell + 1}]` : p, cell ? { ...d, range: cell.range } : d));
      counts[d.severity]++;
      if (d.fixes.some((f) => f.applicability === 'safe')) safe++;
    }
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const files = results.length;
  if (total === 0) lines.push(`All checks passed (${files} file${files === 1 ? '' : 's'}).`);
  else {
    lines.push(`Found ${total} problem${total === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (${counts.error} errors, ${counts.warning} warnings, ${counts.information + counts.hint} info).`);
    if (safe) lines.push(`[*] ${safe} fixable with \`trainlint fix\`.`);
  }
  return lines.join('\n');
}
