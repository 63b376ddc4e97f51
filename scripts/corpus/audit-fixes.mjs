#!/usr/bin/env node
/**
 * "Never lose a byte": audits `trainlint fix` (safe, then --unsafe-fixes) and `check --add-noqa` on a COPY of
 * regression corpora. Per repository folder of the copy, for every file the command changed:
 *
 *   (a) the file still parses with no new syntax errors (tree-sitter; a notebook stays valid JSON and only code
 *       cells' `source` values change: every other byte, key order, indentation, ids, final newline, is kept);
 *   (b) bytes outside the edits are kept: BOM, line endings (a CRLF file stays CRLF), final newline, and each
 *       changed hunk lies on a range a fix of the first check offered (uncovered hunks are listed for review);
 *       an inserted line's indentation uses the file's own character (tabs vs spaces);
 *   (c) running the command again changes nothing;
 *   (d) `check --format json` after: the findings the fixes targeted are gone (nothing fixable of that mode
 *       remains) and no error/warning count per code grew; for --add-noqa nothing but TL000/TL903 remains.
 *   (e) is a review: the unified diff of every changed file is written under OUT/MODE/diffs, named by the codes
 *       applied, so each code's "safe" fixes can be read.
 *
 * The copy is restored from ORIG after each mode (only files that changed are rewritten), and no temporary
 * `.trainlint-*.tmp` file may be left behind.
 *
 *   node scripts/corpus/audit-fixes.mjs --cli dist/cli.js --orig /tmp/corpora --copy /tmp/fixaudit24/corpora \
 *        --out /tmp/fixaudit24/out/corpora [--baseline /tmp/reg/s23final] [--repos a,b] [--modes safe,unsafe,noqa]
 *
 * --baseline: a run.sh output over ORIG: only the files with findings there are checked (else a full `check` of
 * each repository of the copy picks them). --files LIST: only these files of the copy (one path a line; e.g. the
 * files an earlier run changed, from its changed.jsonl or diffs). Writes OUT/summary.json, OUT/violations.tsv and
 * OUT/changed.jsonl.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { createTwoFilesPatch, diffArrays } = require('diff');
const TS = require('web-tree-sitter');

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const CLI = resolve(args.cli ?? join(ROOT, 'dist', 'cli.js'));
const ORIG = resolve(args.orig);
const COPY = resolve(args.copy);
const OUT = resolve(args.out);
const MODES = (args.modes ?? 'safe,unsafe,noqa').split(',');
mkdirSync(OUT, { recursive: true });

await TS.Parser.init();
const parser = new TS.Parser();
parser.setLanguage(await TS.Language.load(join(ROOT, 'grammars', 'tree-sitter-python.wasm')));

const run = (cwd, argv) => {
  const r = spawnSync('nice', ['-n', '10', process.execPath, CLI, ...argv], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, timeout: 1800_000, env: { ...process.env, HF_HOME: join(OUT, '.empty-hf') } });
  if (r.status !== 0 && r.status !== 1 && r.status !== 2) throw new Error(`cli ${argv.slice(0, 2).join(' ')} in ${cwd}: exit ${r.status ?? r.signal ?? r.error?.message} ${(r.stderr ?? '').slice(0, 400)}`);
  return r;
};
const jsonOf = (s) => { const i = s.indexOf('['); return i < 0 ? [] : JSON.parse(s.slice(i)); };

// ---------------------------------------------------------------- syntax (a)

/** Multiset of syntax problems: ERROR nodes by their first 40 characters, MISSING nodes by type. */
function syntaxProblems(text) {
  const tree = parser.parse(text);
  const out = new Map();
  const add = (k) => out.set(k, (out.get(k) ?? 0) + 1);
  const walk = (n) => {
    if (n.type === 'ERROR') add(`ERROR ${n.text.slice(0, 40)}`);
    else if (n.isMissing) add(`MISSING ${n.type}`);
    if (n.hasError) for (const c of n.children) walk(c);
  };
  walk(tree.rootNode);
  tree.delete();
  return out;
}
function newProblems(before, after) {
  const a = syntaxProblems(before), b = syntaxProblems(after);
  return [...b].filter(([k, n]) => n > (a.get(k) ?? 0)).map(([k]) => k);
}
/** A notebook cell as Python: magics and shell lines blanked (they are not Python). */
const cellPython = (src) => src.split('\n').map((l) => (/^\s*[!%]/.test(l) ? '' : l)).join('\n');

// ---------------------------------------------------------------- notebook JSON (a, b)

/** Spans [start, end) of every code cell's `source` value and of its items, by an independent scanner. */
function notebookSpans(s) {
  let i = 0;
  const ws = () => { while (' \t\r\n'.includes(s[i]) && i < s.length) i++; };
  const str = () => { ws(); const a = i; if (s[i] !== '"') throw new Error(`string expected at ${i}`); for (i++; s[i] !== '"'; i++) if (s[i] === '\\') i++; i++; return [a, i]; };
  const value = (path, spans) => {
    ws();
    const a = i;
    if (s[i] === '"') { str(); }
    else if (s[i] === '{' || s[i] === '[') {
      const obj = s[i] === '{'; const close = obj ? '}' : ']'; i++; ws();
      let k = 0;
      if (s[i] === close) i++;
      else for (;;) {
        let key = k;
        if (obj) { const [x, y] = str(); key = JSON.parse(s.slice(x, y)); ws(); i++; }
        value([...path, key], spans);
        ws(); k++;
        if (s[i] === ',') { i++; continue; }
        i++; break;
      }
    } else { const m = /^[-\w.+]+/.exec(s.slice(i, i + 400)); i += m[0].length; }
    spans.push({ path: path.join('/'), start: a, end: i });
  };
  const spans = [];
  value([], spans);
  return spans.filter((x) => /^cells\/\d+\/source(\/\d+)?$/.test(x.path));
}

/** (a)+(b) for a notebook: only code cells' sources differ; everything else byte for byte. */
function notebookChecks(before, after) {
  const problems = [];
  let nb0, nb1;
  try { nb0 = JSON.parse(before); nb1 = JSON.parse(after); } catch (e) { return { problems: [`(a) not valid JSON after: ${e.message}`], cells: [] }; }
  if (nb0.cells?.length !== nb1.cells?.length) return { problems: ['(a) cell count changed'], cells: [] };
  const s0 = notebookSpans(before).filter((x) => /source$/.test(x.path)), s1 = notebookSpans(after).filter((x) => /source$/.test(x.path));
  if (s0.length !== s1.length) return { problems: ['(a) source values changed in number'], cells: [] };
  // Put the original source values back into the fixed text: the result must be the original text.
  let rebuilt = after;
  for (let k = s1.length - 1; k >= 0; k--) rebuilt = rebuilt.slice(0, s1[k].start) + before.slice(s0[k].start, s0[k].end) + rebuilt.slice(s1[k].end);
  if (rebuilt !== before) {
    let d = 0; while (rebuilt[d] === before[d]) d++;
    problems.push(`(b) bytes outside the cell sources changed near character ${d}: ${JSON.stringify(before.slice(Math.max(0, d - 30), d + 30))}`);
  }
  const cells = [];
  for (let c = 0; c < nb0.cells.length; c++) {
    const a = nb0.cells[c], b = nb1.cells[c];
    const ta = Array.isArray(a.source) ? a.source.join('') : a.source, tb = Array.isArray(b.source) ? b.source.join('') : b.source;
    if (ta === tb) continue;
    if (a.cell_type !== 'code') problems.push(`(a) a ${a.cell_type} cell's source changed (cell ${c})`);
    if (Array.isArray(a.source) !== Array.isArray(b.source)) problems.push(`(b) cell ${c}: source changed between string and list`);
    if (Array.isArray(b.source)) {
      b.source.forEach((l, k) => {
        if (l.slice(0, -1).includes('\n') || (k < b.source.length - 1 && !l.endsWith('\n'))) problems.push(`(b) cell ${c}: source item ${k} is not one line ending in \\n`);
      });
      if (a.source.length && b.source.length && a.source.at(-1).endsWith('\n') !== b.source.at(-1).endsWith('\n')) problems.push(`(b) cell ${c}: final newline of the cell changed`);
      // Items whose text did not change keep their JSON text (escapes).
      const raw0 = new Map(notebookSpans(before).filter((x) => x.path.startsWith(`cells/${c}/source/`)).map((x) => [JSON.parse(before.slice(x.start, x.end)), before.slice(x.start, x.end)]));
      for (const x of notebookSpans(after).filter((x) => x.path.startsWith(`cells/${c}/source/`))) {
        const raw = after.slice(x.start, x.end), v = JSON.parse(raw);
        if (raw0.has(v) && raw0.get(v) !== raw) problems.push(`(b) cell ${c}: an unchanged line's JSON text changed: ${raw0.get(v)} -> ${raw}`);
      }
    }
    cells.push({ cell: c, before: ta, after: tb });
  }
  return { problems, cells };
}

// ---------------------------------------------------------------- text bytes (b)

const eolKinds = (t) => ({ crlf: (t.match(/\r\n/g) ?? []).length, lf: (t.match(/(?<!\r)\n/g) ?? []).length, cr: (t.match(/\r(?!\n)/g) ?? []).length });
const linesKeep = (t) => t.match(/[^\r\n]*(\r\n|\r|\n|$)/g).filter((l, i, all) => l !== '' || i < all.length - 1);
const indentChar = (t) => {
  let tabs = 0, spaces = 0;
  for (const m of t.matchAll(/^([ \t]+)\S/gm)) { if (m[1][0] === '\t') tabs++; else spaces++; }
  return tabs > spaces ? '\t' : spaces ? ' ' : undefined;
};

/** Hunks of a line diff, each with its character offsets in `before` (start, end) after trimming common text. */
function hunks(before, after) {
  const a = linesKeep(before), b = linesKeep(after);
  const parts = diffArrays(a, b);
  const out = [];
  let off = 0, offB = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (!p.added && !p.removed) { off += p.value.join('').length; offB += p.value.join('').length; continue; }
    let removed = '', added = '';
    while (k < parts.length && (parts[k].added || parts[k].removed)) {
      if (parts[k].removed) removed += parts[k].value.join(''); else added += parts[k].value.join('');
      k++;
    }
    k--;
    let pre = 0; while (pre < removed.length && pre < added.length && removed[pre] === added[pre]) pre++;
    let suf = 0; while (suf < removed.length - pre && suf < added.length - pre && removed.at(-1 - suf) === added.at(-1 - suf)) suf++;
    out.push({ start: off + pre, end: off + removed.length - suf, afterStart: offB + pre, removed: removed.slice(pre, removed.length - suf), added: added.slice(pre, added.length - suf), addedLines: added, removedLines: removed, lineStart: offB });
    off += removed.length;
    offB += added.length;
  }
  return out;
}

/** Offset of a 1-based {line, column} (UTF-16 columns, as the CLI's JSON gives). */
function offsetsOf(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') { starts.push(i + 2); i++; } else if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  return (p) => Math.min(text.length, (starts[p.line - 1] ?? text.length) + p.column - 1);
}

function textChecks(before, after, editRanges, mode) {
  const problems = [];
  const bom0 = before.charCodeAt(0) === 0xfeff, bom1 = after.charCodeAt(0) === 0xfeff;
  if (bom0 !== bom1) problems.push('(b) BOM changed');
  const e0 = eolKinds(before), e1 = eolKinds(after);
  const kinds0 = Object.keys(e0).filter((k) => e0[k]);
  if (kinds0.length === 1) for (const k of Object.keys(e1)) if (k !== kinds0[0] && e1[k]) problems.push(`(b) a ${kinds0[0].toUpperCase()} file now has ${e1[k]} ${k.toUpperCase()} line ending(s)`);
  if (/[\r\n]$/.test(before) !== /[\r\n]$/.test(after)) problems.push(`(b) final newline ${/[\r\n]$/.test(before) ? 'removed' : 'added'}`);
  const ind = indentChar(before);
  const uncovered = [];
  for (const h of hunks(before, after)) {
    if (ind) for (const l of h.added.split(/\r\n|\r|\n/).slice(1)) {
      const m = /^([ \t]+)\S/.exec(l);
      if (m && m[1].includes(ind === '\t' ? ' ' : '\t')) problems.push(`(b) inserted line indented with ${ind === '\t' ? 'spaces in a tab-indented' : 'tabs in a space-indented'} file: ${JSON.stringify(l.slice(0, 60))}`);
    }
    if (/[ \t](\r\n|\r|\n)/.test(h.removed) && !/[ \t](\r\n|\r|\n)/.test(h.added)) problems.push(`(b) trailing whitespace removed: ${JSON.stringify(h.removed.slice(-40))}`);
    // Inserted code that runs too late: an import below a use of its name, a top-level line right below an indented block.
    const at1 = h.afterStart; // where the added text starts in `after`
    for (const m of h.added.matchAll(/^[ \t]*(?:from [\w.]+ )?import (\w+)[ \t]*$/gm)) {
      const use = new RegExp(`\\b${m[1]}\\b`, 'g');
      const first = [...after.matchAll(use)].find((u) => !/^[ \t]*(from|import)\b/.test(after.slice(after.lastIndexOf('\n', u.index) + 1, u.index)) && !after.slice(after.lastIndexOf('\n', u.index) + 1, u.index).includes('#'));
      if (first && first.index < at1 + m.index) problems.push(`(a) inserted import of ${m[1]} comes after a use of it (line ${after.slice(0, first.index).split('\n').length})`);
    }
    // Whole lines only: a hunk that inserts lines and removes none.
    const prevLine = after.slice(0, h.lineStart).replace(/[\r\n]+$/, '').split(/\r\n|\r|\n/).reverse().find((l) => l.trim() && !l.trim().startsWith('#'));
    const firstAdded = h.addedLines.split(/\r\n|\r|\n/).find((l) => l.trim());
    if (firstAdded && /^[A-Za-z_]/.test(firstAdded) && !/^(from|import)\b/.test(firstAdded) && prevLine && /^[ \t]+\S/.test(prevLine) && h.removedLines === '') problems.push(`(a?) a top-level line inserted right below an indented block: ${JSON.stringify(firstAdded.slice(0, 60))}`);
    const covered = editRanges.some(([s, e]) => h.start <= e + 2 && s <= h.end + 2);
    if (!covered) uncovered.push(`${JSON.stringify(h.removed.slice(0, 50))} -> ${JSON.stringify(h.added.slice(0, 50))}`);
  }
  return { problems, uncovered };
}

// ---------------------------------------------------------------- findings (d)

const fixableIn = (d, mode) => (d.fixes ?? []).some((f) => f.applicability === 'safe' || mode === 'unsafe');
function countBy(ds) {
  const m = new Map();
  for (const d of ds) if (d.severity === 'error' || d.severity === 'warning') m.set(`${d.code} ${d.severity}`, (m.get(`${d.code} ${d.severity}`) ?? 0) + 1);
  return m;
}

/** `fix --show-fixes` text: per file, the codes applied. */
function appliedCodes(stdout, cwd) {
  const out = new Map();
  let file;
  for (const l of stdout.split('\n')) {
    const f = /^(\S.*):$/.exec(l);
    if (f) { file = resolve(cwd, f[1]); out.set(file, {}); continue; }
    const c = /^ {4}(\d+) × (TL\d+)$/.exec(l);
    if (c && file) out.get(file)[c[2]] = Number(c[1]);
    else if (l.trim() && !l.startsWith(' ')) file = undefined;
  }
  return out;
}

// ---------------------------------------------------------------- one repository, one mode

const summary = { repos: 0, modes: {} };
const violations = [];
const violation = (mode, file, what) => { violations.push([mode, file, what]); };

function auditMode(repo, files, before, mode) {
  const s = (summary.modes[mode] ??= { filesRun: 0, filesChanged: 0, fixesByCode: {}, notebooks: 0, secondRunChanged: 0, uncoveredHunks: 0, noqaAdded: 0 });
  if (!files.length) return;
  s.filesRun += files.length;
  const snap = new Map(files.map((f) => [f, readFileSync(f)]));
  const cmd = (fs) => (mode === 'noqa' ? ['check', ...fs.map((f) => relative(repo, f)), '--add-noqa', '-q', '--exit-zero', '--jobs', '1']
    : ['fix', ...fs.map((f) => relative(repo, f)), ...(mode === 'unsafe' ? ['--unsafe-fixes'] : []), '--show-fixes', '--exit-zero', '--jobs', '1']);
  const r1 = run(repo, cmd(files));
  const applied = mode === 'noqa' ? new Map() : appliedCodes(r1.stdout, repo);
  const changed = files.filter((f) => !readFileSync(f).equals(snap.get(f)));
  for (const f of files) if (!changed.includes(f) && applied.get(f) && Object.keys(applied.get(f)).length) violation(mode, f, `fix reported ${JSON.stringify(applied.get(f))} but the file did not change${/fixes not written/.test(r1.stderr) ? ' (not written: ' + (r1.stderr.split('\n').find((l) => l.includes(basename(f)) && l.includes('not written')) ?? '') + ')' : ''}`);
  if (mode === 'noqa') { const m = /Added (\d+)/.exec(r1.stdout); s.noqaAdded += m ? Number(m[1]) : 0; }
  s.filesChanged += changed.length;
  // One line per changed file (runs over overlapping repository lists can be merged without double counting).
  for (const f of changed) appendFileSync(join(OUT, 'changed.jsonl'), `${JSON.stringify({ mode, file: f, applied: applied.get(f) ?? {} })}\n`);
  for (const f of changed) for (const [c, n] of Object.entries(applied.get(f) ?? {})) s.fixesByCode[c] = (s.fixesByCode[c] ?? 0) + n;
  const leftovers = readdirSync(repo, { recursive: true }).filter((p) => /\.trainlint-.*\.tmp$/.test(String(p)));
  for (const p of leftovers) violation(mode, join(repo, String(p)), 'temporary file left behind');
  if (changed.length) {
    const after1 = new Map(changed.map((f) => [f, readFileSync(f)]));
    // (c) a second run changes nothing
    run(repo, cmd(changed));
    for (const f of changed) if (!readFileSync(f).equals(after1.get(f))) { s.secondRunChanged++; violation(mode, f, '(c) a second run changed the file again'); writeFileSync(join(OUT, mode, 'second', `${basename(repo)}+${relative(repo, f).replace(/\//g, '+')}.diff`), createTwoFilesPatch('first', 'second', after1.get(f).toString('latin1'), readFileSync(f).toString('latin1'))); }
    // (d) findings after
    const afterDs = jsonOf(run(repo, ['check', ...changed.map((f) => relative(repo, f)), '--format', 'json', '--exit-zero', '--jobs', '1']).stdout);
    for (const f of changed) {
      // Text as UTF-8 (a BOM stays U+FEFF); a Latin-1 file's bytes above 127 read as U+FFFD on both sides alike.
      const t0 = snap.get(f).toString('utf8'), t1 = after1.get(f).toString('utf8');
      const ds0 = before.filter((d) => d.path === f), ds1 = afterDs.filter((d) => d.path === f);
      const name = `${basename(repo)}+${relative(repo, f).replace(/\//g, '+')}`;
      const codes = Object.keys(applied.get(f) ?? {}).sort().join(',');
      writeFileSync(join(OUT, mode, 'diffs', `${codes || 'noqa'}__${name}.diff`), createTwoFilesPatch(`a/${relative(repo, f)}`, `b/${relative(repo, f)}`, t0, t1));
      if (f.endsWith('.ipynb')) {
        s.notebooks++;
        const nb = notebookChecks(t0, t1);
        for (const p of nb.problems) violation(mode, f, p);
        const starts = cellStarts(ds0);
        for (const c of nb.cells) {
          for (const p of newProblems(cellPython(c.before), cellPython(c.after))) violation(mode, f, `(a) cell ${c.cell}: new syntax problem ${p}`);
          const tc = textChecks(c.before, c.after, cellEditRanges(ds0, c, mode, starts), mode);
          for (const p of tc.problems) violation(mode, f, `cell ${c.cell}: ${p}`);
          s.uncoveredHunks += tc.uncovered.length;
          for (const u of tc.uncovered) violation(mode, f, `(b?) cell ${c.cell}: hunk on no offered edit: ${u}`);
        }
      } else {
        for (const p of newProblems(t0, t1)) violation(mode, f, `(a) new syntax problem ${p}`);
        const o = offsetsOf(t0);
        const ranges = mode === 'noqa' ? lineEndRanges(t0) : ds0.flatMap((d) => (d.fixes ?? []).filter((x) => x.applicability === 'safe' || mode !== 'safe').flatMap((x) => x.edits.map((e) => [o(e.range.start), o(e.range.end)])));
        const tc = textChecks(t0, t1, ranges, mode);
        for (const p of tc.problems) violation(mode, f, p);
        s.uncoveredHunks += tc.uncovered.length;
        for (const u of tc.uncovered) violation(mode, f, `(b?) hunk on no offered edit: ${u}`);
      }
      // (d)
      if (mode === 'noqa') {
        for (const d of ds1) if (!['TL000', 'TL903'].includes(d.code)) violation(mode, f, `(d) still reported after --add-noqa: ${d.code} line ${d.range.start.line}`);
      } else {
        for (const d of ds1) if (fixableIn(d, mode)) violation(mode, f, `(d) still fixable after fix: ${d.code} line ${d.range.start.line}: ${d.message.slice(0, 80)}`);
        const c0 = countBy(ds0), c1 = countBy(ds1);
        for (const [k, n] of c1) if (n > (c0.get(k) ?? 0)) violation(mode, f, `(d) new finding: ${k} (${c0.get(k) ?? 0} -> ${n}): ${ds1.find((d) => `${d.code} ${d.severity}` === k).message.slice(0, 120)}`);
      }
      if (mode !== 'noqa' && ds1.some((d) => d.code === 'TL000') && !ds0.some((d) => d.code === 'TL000')) violation(mode, f, '(a) TL000 appeared');
    }
  }
  // Restore the copy from the original.
  for (const f of changed) writeFileSync(f, readFileSync(join(ORIG, relative(COPY, f))));
}

/** add-noqa edits: the end of every line. */
function lineEndRanges(t) {
  const out = [];
  for (const m of t.matchAll(/\r\n|\r|\n|$/g)) out.push([m.index, m.index]);
  return out;
}
/** The joined script's line where each code cell starts, from the findings that name their cell. */
function cellStarts(ds0) {
  const m = new Map();
  for (const d of ds0) if (d.cellRange) m.set(d.cell, d.range.start.line - d.cellRange.start.line);
  return [...m].sort((a, b) => a[1] - b[1]);
}
/** Fix edits (joined-script coordinates) that fall in cell `c`, as offsets in the cell's text. */
function cellEditRanges(ds0, c, mode, starts) {
  const o = offsetsOf(c.before);
  const at = (p) => { const s = starts.filter(([, l]) => l < p.line).at(-1); return s && s[0] === c.cell ? o({ line: p.line - s[1], column: p.column }) : undefined; };
  return ds0.flatMap((d) => (d.fixes ?? []).filter((x) => x.applicability === 'safe' || mode !== 'safe').flatMap((x) => x.edits.map((e) => [at(e.range.start), at(e.range.end)])))
    .filter(([a, b]) => a !== undefined && b !== undefined);
}

// ---------------------------------------------------------------- main

const repos = (args.repos ? args.repos.split(',') : readdirSync(COPY)).filter((n) => !n.startsWith('.') && existsSync(join(COPY, n)) && statSync(join(COPY, n)).isDirectory()).sort();
for (const m of MODES) { mkdirSync(join(OUT, m, 'diffs'), { recursive: true }); mkdirSync(join(OUT, m, 'second'), { recursive: true }); }
for (const name of repos) {
  try { auditRepo(name); } catch (e) {
    // A CLI run that did not finish (a timeout, a crash): said, and the copy restored from the original.
    violation('run', join(COPY, name), `not audited: ${e.message.split('\n')[0]}`);
    spawnSync('cp', ['-a', `${join(ORIG, name)}/.`, `${join(COPY, name)}/`]);
  }
  writeFileSync(join(OUT, 'summary.json'), JSON.stringify(summary, null, 2));
  writeFileSync(join(OUT, 'violations.tsv'), violations.map((v) => v.join('\t')).join('\n') + '\n');
  process.stderr.write(`${name}: ${violations.length} violations so far\n`);
}

function auditRepo(name) {
  const repo = join(COPY, name);
  let before;
  if (args.files) {
    // Only the listed files (a rerun of what an earlier run changed).
    const files = readFileSync(args.files, 'utf8').split('\n').filter((f) => f.startsWith(`${repo}/`) && existsSync(f));
    if (!files.length) return;
    before = jsonOf(run(repo, ['check', ...new Set(files.map((f) => relative(repo, f))), '--format', 'json', '--exit-zero', '--jobs', '1']).stdout);
  } else if (args.baseline && existsSync(join(args.baseline, `${name}.json`))) {
    const base = JSON.parse(readFileSync(join(args.baseline, `${name}.json`), 'utf8'));
    const files = [...new Set(base.map((d) => join(COPY, relative(ORIG, d.path))))].filter((f) => existsSync(f));
    before = files.length ? jsonOf(run(repo, ['check', ...files.map((f) => relative(repo, f)), '--format', 'json', '--exit-zero', '--jobs', '1']).stdout) : [];
  } else {
    before = jsonOf(run(repo, ['check', '.', '--format', 'json', '--exit-zero', '--jobs', '1']).stdout);
  }
  summary.repos++;
  const only = args.files ? new Set(readFileSync(args.files, 'utf8').split('\n').filter(Boolean)) : undefined;
  const fileSet = (pred) => [...new Set(before.filter(pred).map((d) => d.path))].filter((f) => !only || only.has(f));
  if (MODES.includes('safe')) auditMode(repo, fileSet((d) => fixableIn(d, 'safe')), before, 'safe');
  if (MODES.includes('unsafe')) auditMode(repo, fileSet((d) => fixableIn(d, 'unsafe')), before, 'unsafe');
  if (MODES.includes('noqa')) auditMode(repo, fileSet((d) => !d.path.endsWith('.ipynb') && !['TL000', 'TL903'].includes(d.code)), before, 'noqa');
}
