#!/usr/bin/env node
// A seeded, stratified random sample of a run's findings, for a precision audit (docs/corpus.md, sessions 21 and 22).
// Per code (severities of one code together): min(MAX, 1 + floor(count / STEP)) findings, TL000 left out (checked
// against Python's own parser); at most PER_CORPUS findings per corpus over the whole sample. Codes are visited by
// falling count, so the largest codes draw first; within a code the findings are shuffled with a mulberry32 PRNG
// seeded by --seed and taken in that order, skipping those whose corpus already has PER_CORPUS.
//
// Defaults are session 21's audit of the errors and warnings (MAX 4, STEP 20); session 22's audit of the
// information findings was `--severity information --max-per-code 6 --step 35 --seed 22`.
//
//   node scripts/corpus/sample-findings.mjs RUN_DIR [--seed 21] [--per-corpus 3]
//        [--severity error,warning] [--max-per-code 4] [--step 20]
import { readRun } from './findings.mjs';

const args = process.argv.slice(2);
const valued = new Set(['--seed', '--per-corpus', '--severity', '--max-per-code', '--step']);
const dir = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1]));
const raw = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const opt = (name, dflt) => (raw(name) === undefined ? dflt : Number(raw(name)));
if (!dir) {
  console.error('usage: sample-findings.mjs RUN_DIR [--seed N] [--per-corpus N] [--severity S,S] [--max-per-code N] [--step N]');
  process.exit(2);
}
const seed = opt('--seed', 21);
const perCorpus = opt('--per-corpus', 3);
const maxPerCode = opt('--max-per-code', 4);
const step = opt('--step', 20);
const severities = new Set((raw('--severity') ?? 'error,warning').split(','));

function mulberry32(a) {
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(seed);

const byCode = new Map();
for (const [, findings] of [...readRun(dir)].sort(([a], [b]) => a.localeCompare(b))) {
  for (const f of findings) {
    if (!severities.has(f.severity)) continue;
    if (f.code === 'TL000') continue;
    if (!byCode.has(f.code)) byCode.set(f.code, []);
    byCode.get(f.code).push(f);
  }
}
const codes = [...byCode.keys()].sort((a, b) => byCode.get(b).length - byCode.get(a).length || a.localeCompare(b));
const usedPerCorpus = new Map();
const sample = [];
for (const code of codes) {
  const all = byCode.get(code);
  const want = Math.min(maxPerCode, 1 + Math.floor(all.length / step));
  const order = all.map((f) => [rand(), f]).sort((x, y) => x[0] - y[0]).map(([, f]) => f);
  let got = 0;
  for (const f of order) {
    if (got >= want) break;
    if ((usedPerCorpus.get(f.corpus) ?? 0) >= perCorpus) continue;
    usedPerCorpus.set(f.corpus, (usedPerCorpus.get(f.corpus) ?? 0) + 1);
    sample.push({ ...f, population: all.length });
    got++;
  }
}
let n = 0;
for (const f of sample) {
  n++;
  console.log([n, f.code, f.severity[0].toUpperCase(), f.population, `${f.corpus.replace('+', '/')}`, `${f.file}:${f.line}`, f.message].join('\t'));
}
