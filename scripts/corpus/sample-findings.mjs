#!/usr/bin/env node
// A seeded, stratified random sample of a run's errors and warnings, for a precision audit (docs/corpus.md,
// session 21). Per code (severities of one code together): min(4, 1 + floor(count / 20)) findings, TL000 left out
// (checked against Python's own parser); at most 3 findings per corpus over the whole sample. Codes are visited by
// falling count, so the largest codes draw first; within a code the findings are shuffled with a mulberry32 PRNG
// seeded by --seed and taken in that order, skipping those whose corpus already has 3.
//
//   node scripts/corpus/sample-findings.mjs RUN_DIR [--seed 21] [--per-corpus 3]
import { readRun } from './findings.mjs';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : dflt; };
if (!dir) { console.error('usage: sample-findings.mjs RUN_DIR [--seed N] [--per-corpus N]'); process.exit(2); }
const seed = opt('--seed', 21);
const perCorpus = opt('--per-corpus', 3);

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
    if (f.severity !== 'error' && f.severity !== 'warning') continue;
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
  const want = Math.min(4, 1 + Math.floor(all.length / 20));
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
