/**
 * CI formats: GitHub workflow annotations, GitLab Code Quality JSON and JUnit XML. Paths are relative
 * to the project root (the git work tree holding the current folder, else the current folder).
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { Diagnostic } from '../engine/index';
import type { FileResult } from './lint-file';

/** The folder CI paths are relative to: the nearest folder above `cwd` with `.git`, else `cwd`. */
export function projectRoot(cwd: string): string {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return cwd;
  }
}

export const rootRelative = (root: string, path: string) => relative(root, path).split(sep).join('/') || path;

/** A finding's place for CI: the file line, or for a notebook its cell and the line in the cell. */
function place(r: FileResult, i: number): { cellNote: string; line: number; column: number; endLine: number; endColumn: number } {
  const cell = r.cells?.[i];
  const range = cell ? cell.range : r.diagnostics[i].range;
  return {
    cellNote: cell ? `cell ${cell.cell + 1}, line ${range.start.line + 1}: ` : '',
    line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1,
  };
}

const ghData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const ghProp = (s: string) => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
const GH_LEVEL: Record<Diagnostic['severity'], string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=TL001 name::message` per finding. */
export function toGithub(results: FileResult[], root: string): string {
  const out: string[] = [];
  for (const r of results) {
    for (const [i, d] of r.diagnostics.entries()) {
      const p = place(r, i);
      // A notebook's lines are not the .ipynb file's: annotate the file and name the cell in the message.
      const pos = p.cellNote ? '' : `,line=${p.line},col=${p.column},endLine=${p.endLine},endColumn=${p.endColumn}`;
      out.push(`::${GH_LEVEL[d.severity]} file=${ghProp(rootRelative(root, r.path))}${pos},title=${ghProp(`${d.code} ${d.name}`)}::${ghData(`${p.cellNote}${d.code} ${d.message}`)}`);
    }
  }
  return out.join('\n');
}

const GL_SEVERITY: Record<Diagnostic['severity'], string> = { error: 'major', warning: 'minor', information: 'info', hint: 'info' };

/** GitLab Code Quality report: a JSON array, one issue per finding, with a stable fingerprint. */
export function toGitlab(results: FileResult[], root: string): unknown[] {
  const out: unknown[] = [];
  const seen = new Map<string, number>();
  for (const r of results) {
    const path = rootRelative(root, r.path);
    for (const [i, d] of r.diagnostics.entries()) {
      const p = place(r, i);
      // Same code and message twice in a file: the occurrence number keeps fingerprints unique and stable.
      const key = `${path}\0${d.code}\0${p.cellNote}${d.message}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      out.push({
        description: `${p.cellNote}${d.message}`,
        check_name: `${d.code} ${d.name}`,
        fingerprint: (require('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32),
        severity: GL_SEVERITY[d.severity],
        location: { path, positions: { begin: { line: p.line, column: p.column }, end: { line: p.endLine, column: p.endColumn } } },
      });
    }
  }
  return out;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  // XML 1.0 cannot carry most control characters, even escaped.
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** JUnit XML: a test suite per file, a failing test case per finding, one passing case for a clean file. */
export function toJunit(results: FileResult[], root: string): string {
  const total = results.reduce((n, r) => n + Math.max(1, r.diagnostics.length), 0);
  const failures = results.reduce((n, r) => n + r.diagnostics.length, 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="trainlint" tests="${total}" failures="${failures}" errors="0">`];
  for (const r of results) {
    const path = xml(rootRelative(root, r.path));
    out.push(`  <testsuite name="${path}" tests="${Math.max(1, r.diagnostics.length)}" failures="${r.diagnostics.length}" errors="0">`);
    if (r.diagnostics.length === 0) out.push(`    <testcase name="trainlint" classname="${path}"/>`);
    for (const [i, d] of r.diagnostics.entries()) {
      const p = place(r, i);
      out.push(`    <testcase name="${xml(`${d.code} ${d.name}`)}" classname="${path}" file="${path}" line="${p.line}">`);
      out.push(`      <failure type="${d.code}" message="${xml(d.message)}">${xml(`${p.cellNote || `line ${p.line}, column ${p.column}: `}${d.message} (${d.severity})`)}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n');
}
