/**
 * Does the editor's incremental path give the diagnostics a fresh lint gives? Real scripts and notebooks are
 * opened as the language server opens them (editor-session.ts: sections, the pipeline cache, data and module
 * caches), then typed into (typing-edits.ts: lines typed a character at a time, deleted, commented, pasted,
 * trainer arguments, strings, the start and end, a broken parse restored; CRLF scripts; notebook cells added and
 * removed). After every edit, and after every edit of the undo, the diagnostics (code, severity, message, range,
 * related locations, fixes and their edits) must equal a fresh lint's of the same text, and once everything is
 * undone, the first lint's. `--whole`: also against a one-tree parse (the CLI's) when the text parses cleanly.
 *
 *   node --import tsx test/fuzz/incremental-equivalence.ts [--seed N] [--files N] [--sequences K] [--seconds S]
 *        [--whole] [--ext py|ipynb] [--keep DIR] [--replay FILE.json] [DIR|FILE ...]
 * Prints one JSON line: { seed, files, edits, sequences: { kind: count }, differences: { kind: count }, problems }; exit 1 on a difference.
 * A difference is kept (with `--keep`) as the file, its first text and every edit up to it, for `--replay`.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initParser, ScriptDocument, type Diagnostic } from '../../server/src/engine/index';
import { EditorSession, Workspace, type Edit } from './editor-session';
import { scriptFiles, seededRandom, type Random } from './fuzz-inputs';
import { sequenceFor } from './typing-edits';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const numeric = (name: string, def: number) => Number(option(name) ?? def);
const VALUED = new Set(['--seed', '--files', '--sequences', '--seconds', '--keep', '--replay', '--max-bytes', '--ext']);
const inputs = argv.filter((a, i) => !a.startsWith('--') && !VALUED.has(argv[i - 1]));

/** A diagnostic as the editor shows it: everything but the docs link. */
const shown = (d: Diagnostic) => JSON.stringify([d.code, d.severity, d.message, d.range, d.related, d.tags, d.fixes.map((f) => [f.title, f.applicability, f.edits])]);

/** What one list has that the other does not (as multisets), by kind `CODE missing|extra`. */
export function compare(got: Diagnostic[], want: Diagnostic[]): { kinds: string[]; lines: string[] } {
  const count = new Map<string, number>();
  for (const d of want) count.set(shown(d), (count.get(shown(d)) ?? 0) + 1);
  const extra: Diagnostic[] = [];
  for (const d of got) { const k = shown(d); const n = count.get(k) ?? 0; if (n > 0) count.set(k, n - 1); else extra.push(d); }
  const missing = want.filter((d) => { const k = shown(d); const n = count.get(k) ?? 0; if (n > 0) { count.set(k, n - 1); return true; } return false; });
  const line = (sign: string, d: Diagnostic) => `${sign} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.code} ${d.severity} ${d.message.slice(0, 140)}${d.fixes.length ? ` [${d.fixes.length} fix]` : ''}`;
  return { kinds: [...missing.map((d) => `${d.code} missing`), ...extra.map((d) => `${d.code} extra`)], lines: [...missing.map((d) => line('-', d)), ...extra.map((d) => line('+', d))] };
}

interface Opened { path: string; text: string; crlf: boolean }

/** Where a notebook's or a script's workspace folder is: the corpus repository (`/tmp/corporaN/owner+repo`), else its folder. */
function workspaceRoot(path: string): string {
  const m = /^(\/tmp\/corpora[^/]*\/[^/]+)\//.exec(path);
  return m ? m[1] : join(path, '..');
}

function open(ws: Workspace, o: Opened): EditorSession {
  if (!o.path.endsWith('.ipynb')) return new EditorSession(ws, o.path, o.crlf ? o.text.replace(/\r?\n/g, '\r\n') : o.text);
  return new EditorSession(ws, o.path, '', ScriptDocument.parseNotebookJson(o.text));
}

/** An edit somewhere in the session: a sequence over one unit, or (a notebook) a cell added. */
function nextSequence(s: EditorSession, r: Random): { kind: string; edits: Edit[]; together?: boolean } | undefined {
  if (s.notebook && r.next() < 0.1) {
    const code = s.cells.map((c, i) => (c.kind === 'code' ? i : -1)).filter((i) => i >= 0);
    if (!code.length) return undefined;
    return { kind: 'addCell', edits: [{ addCell: r.below(s.cells.length + 1), text: s.cells[r.pick(code)].text }] };
  }
  const code = s.cells.map((c, i) => (c.kind === 'code' && c.text.length > 0 ? i : -1)).filter((i) => i >= 0);
  if (!code.length) return undefined;
  const unit = r.pick(code);
  const seq = sequenceFor(s.cells[unit].text, r);
  return seq && { kind: seq.kind, edits: seq.edits.map((e) => ({ unit, ...e })), together: seq.together };
}

interface Tally { files: number; edits: number; sequences: Map<string, number>; differences: Map<string, number>; problems: string[]; kept: number }

/** Opens one file, types the sequences and undoes them, comparing after each edit. */
async function fuzzFile(o: Opened, r: Random, sequences: number, t: Tally, until: number, keepDir?: string, replay?: Edit[][]): Promise<void> {
  const ws = new Workspace(workspaceRoot(o.path));
  const s = open(ws, o);
  const history: Edit[][] = [];
  let reported = 0;
  const check = async (label: string, against?: Diagnostic[]) => {
    const got = await s.lint();
    for (const e of got.errors) t.problems.push(`${o.path} ${label}: internal error ${e.message.split('\n')[0]}`);
    // The same text and sections, new caches: must be equal.
    const fresh = await s.fresh('sameCuts');
    // (Broken code that tree-sitter's incremental re-parse recovered from differently than a fresh parse: counted.)
    const recovered = fresh.sameTrees === false;
    const diffs: Array<{ name: string; kinds: string[]; lines: string[]; counted?: boolean }> = [{ name: recovered ? 'incremental (syntax errors, other tree-sitter recovery)' : 'incremental', counted: recovered, ...compare(got.diagnostics, fresh.diagnostics) }];
    // Where an edited script's sections are cut depends on its edits; for code that parses, the cuts do not
    // change a node, so the text opened afresh must give the same, and must parse in the editor's sections too.
    // (Code that does not parse: a syntax error stays in its section, so what it hides depends on the cuts;
    // counted, not a failure.)
    const opened = await s.fresh('open');
    const broken = opened.syntaxErrors;
    if (got.syntaxErrors && !broken) diffs.push({ name: 'syntax errors only in the editor\'s sections', kinds: ['TL000'], lines: ['the text parses when opened afresh'] });
    diffs.push({ name: broken ? 'opened afresh (syntax errors)' : 'opened afresh', counted: broken, ...compare(got.diagnostics, opened.diagnostics) });
    if (flag('--whole') && !broken) diffs.push({ name: 'one tree', ...compare(got.diagnostics, (await s.fresh('whole')).diagnostics) });
    if (against) diffs.push({ name: broken ? 'undone (syntax errors)' : 'undone', counted: broken, ...compare(got.diagnostics, against) });
    for (const d of diffs) {
      if (!d.kinds.length) continue;
      for (const k of new Set(d.kinds)) t.differences.set(`${d.name}: ${k}`, (t.differences.get(`${d.name}: ${k}`) ?? 0) + 1);
      if (d.counted || reported++ >= 3) continue;
      let where = '';
      if (keepDir) {
        mkdirSync(keepDir, { recursive: true });
        const file = join(keepDir, `difference-${t.kept++}.json`);
        writeFileSync(file, JSON.stringify({ path: o.path, crlf: o.crlf, text: o.text, history }));
        where = ` (kept in ${file})`;
      }
      t.problems.push(`${o.path}${o.crlf ? ' (CRLF)' : ''} ${label}: ${d.name} differs${where}\n    ${d.lines.slice(0, 6).join('\n    ')}`);
    }
    return got.diagnostics;
  };
  try {
    const first = await check('opened');
    if (replay) {
      for (const step of replay) { history.push(step); s.applyAll(step); t.edits += step.length; await check(`replayed step ${history.length}`); }
      return;
    }
    // what undoes each step (one step: one edit, or the edits sent together), last step last
    const undo: Edit[][] = [];
    for (let k = 0; k < sequences && (k === 0 || Date.now() < until); k++) {
      const seq = nextSequence(s, r);
      if (!seq) continue;
      const kind = `${seq.kind}${seq.together ? ' (one change)' : ''}`;
      t.sequences.set(kind, (t.sequences.get(kind) ?? 0) + 1);
      for (const step of seq.together ? [seq.edits] : seq.edits.map((e) => [e])) {
        history.push(step);
        undo.push(s.applyAll(step));
        t.edits += step.length;
        await check(`${seq.kind}${seq.together ? ' (one change)' : ''} step ${history.length}`);
      }
    }
    while (undo.length) {
      const step = undo.pop()!;
      history.push(step);
      s.applyAll(step);
      t.edits += step.length;
      await check(`undo step ${history.length}`, undo.length ? undefined : first);
    }
  } finally {
    s.dispose();
  }
}

/** The files to open: those given, or a seeded sample of the corpora's training scripts and notebooks. */
function sample(r: Random, count: number, maxBytes: number): string[] {
  const dirs = inputs.length ? inputs : ['/tmp/corpora', ...Array.from({ length: 15 }, (_, i) => `/tmp/corpora${21 + i}`)];
  const all = dirs.flatMap((d) => (statSync(d, { throwIfNoEntry: false })?.isDirectory() ? scriptFiles(d, option('--ext') === 'ipynb' ? /\.ipynb$/ : option('--ext') === 'py' ? /\.py$/ : /\.(py|ipynb)$/, maxBytes) : statSync(d, { throwIfNoEntry: false }) ? [d] : [])).sort();
  const out: string[] = [];
  const seen = new Set<number>();
  while (out.length < count && seen.size < all.length) {
    const i = r.below(all.length);
    if (seen.has(i)) continue;
    seen.add(i);
    const text = readFileSync(all[i], 'utf8');
    if (inputs.length || /Trainer\(|Config\(|TrainingArguments|from_pretrained/.test(text)) out.push(all[i]);
  }
  return out;
}

void (async () => {
  await initParser();
  const seed = numeric('--seed', Date.now() % 100000);
  const r = seededRandom(seed);
  const t: Tally = { files: 0, edits: 0, sequences: new Map(), differences: new Map(), problems: [], kept: 0 };
  const keepDir = option('--keep');
  const replay = option('--replay');
  const t0 = Date.now();
  if (replay) {
    const kept = JSON.parse(readFileSync(replay, 'utf8')) as Opened & { history: Edit[][] };
    await fuzzFile(kept, r, 0, t, Infinity, undefined, kept.history);
  } else {
    const until = t0 + numeric('--seconds', Infinity) * 1000;
    for (const path of sample(r, numeric('--files', 20), numeric('--max-bytes', 150_000))) {
      if (Date.now() > until) break;
      const text = readFileSync(path, 'utf8');
      const crlf = path.endsWith('.py') && !text.includes('\r') && r.next() < 0.25;
      try { if (path.endsWith('.ipynb')) ScriptDocument.parseNotebookJson(text); } catch { continue; } // not a notebook
      t.files++;
      try { await fuzzFile({ path, text, crlf }, r, numeric('--sequences', 4), t, until, keepDir); } catch (e) { t.problems.push(`${path}: threw ${(e as Error).stack}`); }
    }
  }
  const differences = Object.fromEntries([...t.differences].sort());
  process.stdout.write(`${JSON.stringify({ seed, files: t.files, edits: t.edits, seconds: Math.round((Date.now() - t0) / 1000), sequences: Object.fromEntries([...t.sequences].sort()), differences, problems: t.problems })}\n`);
  process.exitCode = t.problems.length ? 1 : 0;
})();
