#!/usr/bin/env node
// Totals of one run.sh output dir: E / W / I overall, per rule code and per corpus, and the corpora that did
// not finish cleanly.
//
//   node scripts/corpus/totals.mjs OUT_DIR [--json]
import { readRun, readStatus, emptyCounts, formatCounts, LETTER } from './findings.mjs';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) { console.error('usage: totals.mjs OUT_DIR [--json]'); process.exit(2); }

const runs = readRun(dir);
const status = readStatus(dir);
const total = emptyCounts();
const byCode = new Map();
const byCorpus = new Map();
const files = new Set();
for (const [corpus, items] of runs) {
  const c = emptyCounts();
  for (const f of items) {
    total[f.severity]++; c[f.severity]++;
    if (!byCode.has(f.code)) byCode.set(f.code, emptyCounts());
    byCode.get(f.code)[f.severity]++;
    files.add(`${corpus}/${f.file}`);
  }
  byCorpus.set(corpus, c);
}
const unclean = [...status].filter(([, s]) => s.status !== 'ok');

if (args.includes('--json')) {
  console.log(JSON.stringify({
    corpora: runs.size, filesWithFindings: files.size, total,
    byCode: Object.fromEntries([...byCode].sort()), byCorpus: Object.fromEntries(byCorpus),
    notOk: Object.fromEntries(unclean),
  }, null, 2));
  process.exit(0);
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`${runs.size} corpora, ${files.size} files with findings: E / W / I ${formatCounts(total)}`);
if (unclean.length) console.log(`not ok: ${unclean.map(([c, s]) => `${c} (${s.status}, exit ${s.exit}, ${s.seconds}s)`).join(', ')}`);
const slow = [...status].sort((a, b) => b[1].seconds - a[1].seconds).slice(0, 5);
if (slow.length) console.log(`slowest: ${slow.map(([c, s]) => `${c} ${s.seconds}s`).join(', ')}`);

console.log('\nby code:');
for (const [code, c] of [...byCode].sort()) {
  const parts = Object.entries(c).filter(([, n]) => n).map(([s, n]) => `${LETTER[s]} ${n}`);
  console.log(`  ${pad(code, 7)} ${parts.join(', ')}`);
}
console.log('\nby corpus (with findings):');
for (const [corpus, c] of [...byCorpus].sort((a, b) => a[0].localeCompare(b[0]))) {
  if (c.error + c.warning + c.information + c.hint) console.log(`  ${pad(corpus, 60)} ${formatCounts(c)}`);
}
