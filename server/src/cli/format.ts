/**
 * CLI output for people: `text` (path:line:col, code, message, name), `concise` (one plain line each),
 * `full` (plus the source line and a caret under the finding, like Ruff), `--statistics`, and the
 * JSON contract (1-based lines and columns). CI formats are in format-ci.ts and format-sarif.ts.
 */
import { relative } from 'node:path';
import type { Diagnostic, Range } from '../engine/index';
import type { FileResult } from './lint-file';

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
const SEV_COLOR: Record<string, string> = { error: '31', warning: '33', information: '36', hint: '2' };

export function range1(r: Range) {
  return { start: { line: r.start.line + 1, column: r.start.character + 1 }, end: { line: r.end.line + 1, column: r.end.character + 1 } };
}

/** One finding as the text formats show it: where (a notebook's cell counted from 1), and the range there. */
export interface Row { result: FileResult; d: Diagnostic; where: string; range: Range; cell?: number; related?: Array<{ cell: number; range: Range } | undefined> }

export function rows(results: FileResult[], cwd: string): Row[] {
  const out: Row[] = [];
  for (const r of results) {
    const p = relative(cwd, r.path) || r.path;
    for (const [i, d] of r.diagnostics.entries()) {
      const cell = r.cells?.[i];
      // Cells counted from 1 like lines and columns (and like VS Code's "Cell 3 of 4"); JSON keeps the 0-based index.
      out.push({ result: r, d, where: cell ? `${p}[cell ${cell.cell + 1}]` : p, range: cell ? cell.range : d.range, cell: cell?.cell, related: cell?.related });
    }
  }
  return out;
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
        related: d.related.map((x, k) => {
          const at = cell?.related?.[k];
          return { path: x.path ?? r.path, message: x.message, range: range1(x.range), ...(at ? { cell: at.cell, cellRange: range1(at.range) } : {}) };
        }),
        fixes: d.fixes.map((f) => ({ title: f.title, applicability: f.applicability, edits: f.edits.map((e) => ({ range: range1(e.range), newText: e.newText })) })),
      });
    }
  }
  return out;
}

export const fixable = (d: Diagnostic, unsafe: boolean) => d.fixes.some((f) => f.applicability === 'safe' || unsafe);

export interface TextOptions { style: 'text' | 'concise' | 'full'; showFixes: boolean; quiet: boolean; unsafe: boolean }

/** `full`: the finding's source line with a caret under its range (to the end of the line if it spans lines). */
function snippet(row: Row): string[] {
  const script = row.result.script;
  if (script === undefined) return [];
  const r = row.d.range;
  const text = script.split('\n')[r.start.line]?.replace(/\r$/, '') ?? '';
  const lineNo = String(row.range.start.line + 1);
  const gutter = ' '.repeat(lineNo.length);
  const end = r.end.line === r.start.line ? r.end.character : text.length;
  const width = Math.max(1, end - r.start.character);
  const caret = `${' '.repeat(r.start.character)}${'^'.repeat(width)}`;
  return [`${gutter} |`, `${lineNo} | ${text}`, `${gutter} | ${paint(SEV_COLOR[row.d.severity], caret)}`];
}

function header(row: Row, o: TextOptions): string {
  const where = `${row.where}:${row.range.start.line + 1}:${row.range.start.character + 1}`;
  if (o.style === 'concise') return `${where}: ${row.d.code}${fixable(row.d, o.unsafe) ? ' [*]' : ''} ${row.d.message}`;
  const fix = fixable(row.d, o.unsafe) ? ' [*]' : '';
  return `${paint('1', where)}: ${paint(SEV_COLOR[row.d.severity], row.d.code)} ${row.d.message} (${row.d.name})${fix}`;
}

export function summary(results: FileResult[], o: Pick<TextOptions, 'unsafe'>): string[] {
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  let fixes = 0;
  for (const r of results) for (const d of r.diagnostics) { counts[d.severity]++; if (fixable(d, o.unsafe)) fixes++; }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const files = results.filter((r) => !r.notes?.length).length;
  const fileWord = `${files} file${files === 1 ? '' : 's'}`;
  if (total === 0) return [`All checks passed (${fileWord}).`];
  const out = [`Found ${total} problem${total === 1 ? '' : 's'} in ${fileWord} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.information + counts.hint} info).`];
  if (fixes) out.push(`[*] ${fixes} fixable with \`trainlint fix${o.unsafe ? ' --unsafe-fixes' : ''}\`.`);
  return out;
}

export function toText(results: FileResult[], cwd: string, o: TextOptions = { style: 'text', showFixes: false, quiet: false, unsafe: false }): string {
  const lines: string[] = [];
  for (const row of rows(results, cwd)) {
    lines.push(header(row, o));
    if (o.style === 'full') {
      lines.push(...snippet(row));
      row.d.related.forEach((x, k) => {
        // In a notebook, the cell and the line in it (the joined text's line numbers exist in no cell).
        const at = row.related?.[k];
        lines.push(`  = note: ${at ? `cell ${at.cell + 1}, line ${at.range.start.line + 1}` : `line ${x.range.start.line + 1}`}: ${x.message}`);
      });
    }
    if (o.showFixes || o.style === 'full') {
      for (const f of row.d.fixes) lines.push(`  ${o.style === 'full' ? '= help' : 'fix'} (${f.applicability}): ${f.title}`);
    }
    if (o.style === 'full') lines.push('');
  }
  if (!o.quiet) lines.push(...summary(results, o));
  return lines.join('\n');
}

/** `--statistics`: one line per code, most frequent first. */
export function statistics(results: FileResult[], unsafe: boolean): Array<{ code: string; name: string; count: number; fixable: number }> {
  const by = new Map<string, { code: string; name: string; count: number; fixable: number }>();
  for (const r of results) for (const d of r.diagnostics) {
    const s = by.get(d.code) ?? { code: d.code, name: d.name, count: 0, fixable: 0 };
    s.count++;
    if (fixable(d, unsafe)) s.fixable++;
    by.set(d.code, s);
  }
  return [...by.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

export function statisticsText(stats: ReturnType<typeof statistics>): string {
  if (stats.length === 0) return 'No findings.';
  const w = Math.max(...stats.map((s) => String(s.count).length));
  return stats.map((s) => `${String(s.count).padStart(w)}  ${s.code}  ${s.fixable === s.count ? '[*]' : s.fixable ? '[-]' : '   '} ${s.name}`).join('\n');
}

/** `fix --show-fixes`: the fixes applied per file and code. */
export function appliedFixesText(results: FileResult[], cwd: string): string[] {
  const out: string[] = [];
  for (const r of results) {
    if (!r.fixedCodes?.length) continue;
    const counts = new Map<string, number>();
    for (const c of r.fixedCodes) counts.set(c, (counts.get(c) ?? 0) + 1);
    out.push(`${relative(cwd, r.path) || r.path}:`);
    for (const [c, n] of [...counts].sort()) out.push(`    ${n} × ${c}`);
  }
  return out;
}

/** `1 error`, `2 errors`, `0 warnings`. */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
