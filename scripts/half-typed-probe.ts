/**
 * Half-typed probe: does code still being typed bring false errors? Each real script or notebook given is linted
 * finished, then in the states it passes through while typed (`half-typed/typing-states.ts`: a line cut in half, a
 * line typed a character at a time, a bracket or quote left open at the end of a statement, `learning_rate=` without
 * its value, a block header without its body, a notebook cell typed up to its middle). A cascade is an error or
 * warning of a state that does not parse which the finished text does not have (same code, severity, message, line):
 * the half-typed statement made the engine read the code around it as something else.
 *
 *   node --import tsx scripts/half-typed-probe.ts [--per-kind N] [--seed N] [--kinds a,b] [--editor] [--json FILE] FILE|DIR ...
 *
 * Lints as the CLI does (one tree); `--editor` also lints each state through the language server's path (the
 * finished text opened in sections, each state reached by incremental edits from the one before) and checks that it
 * equals a fresh lint of the same text at the same cuts; its cascades are counted apart (the editor keeps a syntax
 * error in its section). Prints each cascade, then one JSON line of counts per kind.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initParser, ScriptDocument, type Diagnostic } from '../server/src/engine/index';
import { EditorSession, Workspace, type Edit } from '../test/fuzz/editor-session';
import { scriptFiles, seededRandom, type Random } from '../test/fuzz/fuzz-inputs';
import { KINDS, typingStates, type TypingState } from './half-typed/typing-states';

const argv = process.argv.slice(2);
const VALUED = new Set(['--per-kind', '--seed', '--kinds', '--json']);
const option = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const inputs = argv.filter((a, i) => !a.startsWith('--') && !VALUED.has(argv[i - 1]));
const perKind = Number(option('--per-kind') ?? 12);
const kinds = new Set(option('--kinds')?.split(',') ?? KINDS);
const editor = argv.includes('--editor');

/** A finding where it is in its unit (a notebook's cell: a cell left open is closed after it, which moves the lines below). */
const shown = (d: Diagnostic, doc?: ScriptDocument) => {
  const at = doc?.isNotebook ? doc.toCellPosition(d.range.start) : undefined;
  return `${at ? `cell ${at.cell.cellIndex + 1}:${at.position.line + 1}` : d.range.start.line + 1} ${d.code} ${d.severity} ${d.message}`;
};
const errorsAndWarnings = (ds: Diagnostic[]) => ds.filter((d) => d.code !== 'TL000' && (d.severity === 'error' || d.severity === 'warning'));

/** What `got` has beyond `base`, as multisets of `shown`. */
function added(got: string[], base: string[]): string[] {
  const count = new Map<string, number>();
  for (const d of base) count.set(d, (count.get(d) ?? 0) + 1);
  return got.filter((d) => { const n = count.get(d) ?? 0; if (n > 0) { count.set(d, n - 1); return false; } return true; });
}

/** The errors and warnings of a lint, as `shown`. */
const shownOf = (o: { diagnostics: Diagnostic[]; doc: ScriptDocument }) => errorsAndWarnings(o.diagnostics).map((d) => shown(d, o.doc));

/** The corpus repository a file is in (`/tmp/corporaN/owner+repo`), else its folder: the workspace folder. */
function workspaceRoot(path: string): string {
  const m = /^(\/tmp\/corpora[^/]*\/[^/]+)\//.exec(path);
  return m ? m[1] : join(path, '..');
}

/** The states of a file, at most `perKind` of each kind over all its units (a typed line's prefixes go together). */
function statesOf(units: string[], notebook: boolean, r: Random): TypingState[] {
  const all = units.flatMap((text, unit) => typingStates(text, unit, perKind, r, notebook));
  const out: TypingState[] = [];
  for (const kind of KINDS) {
    if (!kinds.has(kind)) continue;
    const groups = new Map<string, TypingState[]>();
    for (const s of all) if (s.kind === kind) groups.set(`${s.unit}:${s.line}`, [...(groups.get(`${s.unit}:${s.line}`) ?? []), s]);
    const keys = [...groups.keys()];
    const count = kind === 'typed' ? Math.max(1, Math.round(perKind / 10)) : perKind;
    for (let i = 0; i < count && keys.length; i++) out.push(...groups.get(keys.splice(r.below(keys.length), 1)[0])!);
  }
  return out;
}

/** The edits that take `from` to `to` (each unit that differs: its changed middle). */
function editsBetween(from: string[], to: string[]): Edit[] {
  const out: Edit[] = [];
  for (let unit = 0; unit < to.length; unit++) {
    const a = from[unit], b = to[unit];
    if (a === b) continue;
    let p = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    let s = 0;
    while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
    out.push({ unit, start: p, end: a.length - s, text: b.slice(p, b.length - s) });
  }
  return out;
}

interface Count { states: number; broken: number; cascades: number; editorCascades: number; editorDiffers: number }
const counts = new Map<string, Count>();
const count = (kind: string) => { let c = counts.get(kind); if (!c) counts.set(kind, (c = { states: 0, broken: 0, cascades: 0, editorCascades: 0, editorDiffers: 0 })); return c; };
const findings: string[] = [];

async function probe(path: string, r: Random): Promise<void> {
  const raw = readFileSync(path, 'utf8');
  const notebook = path.endsWith('.ipynb');
  const cells = notebook ? ScriptDocument.parseNotebookJson(raw) : undefined;
  const ws = new Workspace(workspaceRoot(path));
  const cli = new EditorSession(ws, path, notebook ? '' : raw, cells);
  const units = cli.cells.map((c) => (c.kind === 'code' ? c.text : ''));
  const set = (s: EditorSession, texts: string[]) => texts.forEach((t, i) => { if (s.cells[i].kind === 'code') s.cells[i].text = t; });
  const base = shownOf(await cli.fresh('whole'));
  const live = editor ? new EditorSession(ws, path, notebook ? '' : raw, cells) : undefined;
  const liveBase = live ? shownOf(await live.lint()) : [];
  let current = units;
  for (const state of statesOf(units, notebook, r)) {
    const texts = units.map((t, i) => (i === state.unit ? state.text : t));
    const c = count(state.kind);
    c.states++;
    set(cli, texts);
    const got = await cli.fresh('whole');
    if (!got.syntaxErrors) continue;
    c.broken++;
    const where = `${path}${notebook ? ` cell ${state.unit + 1}` : ''}:${state.line} ${state.kind} "${state.typed.slice(0, 60)}"`;
    for (const d of added(shownOf(got), base)) {
      c.cascades++;
      findings.push(`${where} -> ${d.slice(0, 220)}`);
    }
    if (!live) continue;
    live.applyAll(editsBetween(current, texts));
    current = texts;
    const incremental = await live.lint();
    const fresh = await live.fresh('sameCuts');
    const a = incremental.diagnostics.map((d) => shown(d)).sort().join('\n'), b = fresh.diagnostics.map((d) => shown(d)).sort().join('\n');
    if (a !== b && fresh.sameTrees !== false) { c.editorDiffers++; findings.push(`${where} -> EDITOR DIFFERS from a fresh lint`); }
    for (const d of added(shownOf(incremental), liveBase)) {
      c.editorCascades++;
      findings.push(`${where} -> editor: ${d.slice(0, 220)}`);
    }
  }
  cli.dispose();
  live?.dispose();
}

void (async () => {
  await initParser();
  const r = seededRandom(Number(option('--seed') ?? 26));
  const files = inputs.flatMap((p) => (statSync(p).isDirectory() ? scriptFiles(p) : [p]));
  for (const f of files) {
    try { await probe(f, r); } catch (e) { findings.push(`${f}: threw ${(e as Error).message}`); }
  }
  for (const f of findings) process.stdout.write(`${f}\n`);
  const byKind = Object.fromEntries([...counts].map(([k, c]) => [k, editor ? c : { states: c.states, broken: c.broken, cascades: c.cascades }]));
  const total = [...counts.values()].reduce((s, c) => s + c.cascades, 0);
  const summary = { files: files.length, perKind, cascades: total, byKind };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  if (option('--json')) writeFileSync(option('--json')!, JSON.stringify({ ...summary, findings }, null, 1));
})();
