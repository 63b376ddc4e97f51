// Where an edit's milliseconds go, in-process (no LSP, no client): the long replica (bench/startup.mjs) and
// the dense script (40 complete pipelines, bench/make-scripts.mjs) opened as an editor would (sections), then
// N edits toggling `#` on the last line; re-parse, facts, trainers and each rule timed per edit, wall and CPU.
// First, how many pipelines a keystroke re-lints (in the first pipeline, next to the imports, and mid-script).
// `typical` is the language-server benchmark's typical script (one pipeline in 2,000 lines of project code) with its
// edits: a word typed and deleted in the middle of the script.
//   node --import tsx bench/edit-profile.ts [edits] [long|dense|typical]     (`npm run bench -- edits`)
import { initParser, lint, ParsedScript, PipelineCache, ScriptDocument } from '../server/src/engine/index';
import { buildFacts } from '../server/src/engine/facts/build';
import { callIndex } from '../server/src/engine/facts/selections';
import { DatasetModel } from '../server/src/engine/dataset/model';
import { findTrainers } from '../server/src/engine/domain/trainers';

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))]; };

type Kind = 'long' | 'dense' | 'typical';

/** The script of `kind`, and its n-th edit: `#` toggled on the last line, or (typical) the LSP benchmark's typing. */
async function scriptOf(kind: Kind): Promise<{ text: string; edit: (v: number) => { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string } }> {
  const { makeLongReplica } = await import('./startup.mjs' as string);
  const { makeScript, makeTypicalScript, hashToggler } = await import('./make-scripts.mjs' as string);
  const text: string = kind === 'dense' ? makeScript(2000) : kind === 'typical' ? makeTypicalScript(2000) : makeLongReplica();
  if (kind !== 'typical') { const toggle = hashToggler(text); return { text, edit: (v) => toggle(v % 2 === 0) }; }
  const lines = text.split('\n');
  let line = Math.floor(lines.length * 0.5);
  while (!/^\s*[A-Za-z_]{3}/.test(lines[line])) line = (line + 1) % lines.length;
  const col = lines[line].search(/\S/) + 1;
  return {
    text,
    edit: (v) => {
      const k = v % 40, insert = k < 20, at = col + (insert ? k : 39 - k);
      return insert
        ? { range: { start: { line, character: at }, end: { line, character: at } }, text: 'abcdefghijklmnopqrst'[k] }
        : { range: { start: { line, character: at }, end: { line, character: at + 1 } }, text: '' };
    },
  };
}

async function profile(kind: Kind, n: number): Promise<void> {
  const { text, edit } = await scriptOf(kind);
  console.log(`edit profile (${kind}: ${text.split('\n').length} lines, ${n} edits ${kind === 'typical' ? 'typing a word mid-script' : 'toggling # on the last line'})`);
  const script = ParsedScript.parse(text, { edited: true });
  const path = '/tmp/trainlint-bench/long.py'; // never read: no data, no disk
  const pipelines = new PipelineCache(); // as the language server keeps one per document
  lint({ doc: ScriptDocument.fromPython(path, script.text), script, pipelines });
  const phases: Record<string, number[]> = { update: [], facts: [], datasets: [], trainers: [], lint: [], total: [], 'total CPU': [] };
  const rules = new Map<string, number[]>();
  for (let v = 0; v < n; v++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    script.update([edit(v)]);
    const t1 = performance.now();
    const timings = new Map<string, number>();
    const r = lint({ doc: ScriptDocument.fromPython(path, script.text), script, timings, pipelines });
    const t2 = performance.now();
    const c1 = process.cpuUsage(c0);
    phases['total CPU'].push((c1.user + c1.system) / 1000);
    phases.update.push(t1 - t0); phases.lint.push(t2 - t1); phases.total.push(t2 - t0);
    for (const [k, ms] of timings) (rules.get(k) ?? rules.set(k, []).get(k)!).push(ms);
    // the analysis parts again, separately (facts are kept, so this measures the rebuild only)
    const a0 = performance.now();
    const facts = buildFacts(script.syntax);
    const ci = callIndex(facts);
    const a1 = performance.now();
    new DatasetModel(facts, undefined, script.text);
    const a2 = performance.now();
    findTrainers(facts, ci);
    const a3 = performance.now();
    phases.facts.push(a1 - a0); phases.datasets.push(a2 - a1); phases.trainers.push(a3 - a2);
    if (v === 0) console.log(`  ${r.diagnostics.length} diagnostics`);
  }
  const row = (k: string, xs: number[]) => `  ${k.padEnd(10)} p50 ${pct(xs, 50).toFixed(2)}  p95 ${pct(xs, 95).toFixed(2)}  first10 mean ${(xs.slice(0, 10).reduce((a, b) => a + b, 0) / 10).toFixed(2)}`;
  for (const [k, xs] of Object.entries(phases)) console.log(row(k, xs));
  if (process.env.TRAINLINT_BENCH_SERIES) console.log(`  first 30 totals: ${phases.total.slice(0, 30).map((x) => x.toFixed(1)).join(" ")}`);
  const top = [...rules].sort((a, b) => pct(b[1], 50) - pct(a[1], 50)).slice(0, 15);
  for (const [k, xs] of top) console.log(row(k, xs));
  const sum = [...rules.values()].map((xs) => pct(xs, 50)).reduce((a, b) => a + b, 0);
  console.log(`  sum of rule p50s ${sum.toFixed(2)} ms`);
  script.dispose();
}

/**
 * How many pipelines one keystroke re-lints: a word of 20 letters typed and deleted again (40 edits) at the
 * first code line at or after `from` (a fraction of the script), each edit linted with the editor's cache.
 * Deterministic: it counts work instead of timing it.
 */
async function relinted(kind: 'long' | 'dense'): Promise<void> {
  const { makeLongReplica } = await import('./startup.mjs' as string);
  const { makeScript } = await import('./make-scripts.mjs' as string);
  const text: string = kind === 'dense' ? makeScript(2000) : makeLongReplica();
  const lines = text.split('\n');
  const out: string[] = [];
  for (const from of [0, 0.5]) {
    const script = ParsedScript.parse(text, { edited: true });
    const pipelines = new PipelineCache();
    const lintNow = () => lint({ doc: ScriptDocument.fromPython('/tmp/trainlint-bench/long.py', script.text), script, pipelines });
    lintNow();
    let line = Math.floor(lines.length * from);
    // a code line inside a pipeline (the first one's output directory when `from` is 0)
    while (!(from === 0 ? /output_dir=/ : /^\s*[A-Za-z_]{3}/).test(lines[line])) line++;
    const col = lines[line].search(/\S/) + 1;
    let linted = 0, views = 0;
    for (let k = 0; k < 40; k++) {
      const insert = k < 20, at = col + (insert ? k : 39 - k);
      script.update([insert
        ? { range: { start: { line, character: at }, end: { line, character: at } }, text: 'abcdefghijklmnopqrst'[k] }
        : { range: { start: { line, character: at }, end: { line, character: at + 1 } }, text: '' }]);
      lintNow();
      linted += pipelines.stats.linted; views += pipelines.stats.linted + pipelines.stats.reused;
    }
    out.push(`line ${line + 1}: ${(linted / 40).toFixed(2)} of ${Math.round(views / 40)} views`);
    script.dispose();
  }
  console.log(`views re-linted per keystroke (${kind}): ${out.join('; ')}`);
}

void (async () => {
  await initParser();
  const n = Number(process.argv[2] ?? 200);
  const kinds: Kind[] = process.argv[3] ? [process.argv[3] as Kind] : ['long', 'dense', 'typical'];
  for (const k of kinds) if (k !== 'typical') await relinted(k);
  for (const k of kinds) await profile(k, n);
})();
