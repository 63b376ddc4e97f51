#!/usr/bin/env node
// Totals of one run.sh output dir: E / W / I overall, per rule code and per corpus, and the corpora that did
// not finish cleanly.
//
//   node scripts/corpus/totals.mjs OUT_DIR [--json] [--volume information]
//
// --volume SEVERITY: per code, the findings of that severity, the files and corpora they are in, the most in one
// file, and the share of the linted files (FILES: the .py and .ipynb files under the corpora, --files N to give it).
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

if (args.includes('--volume')) {
  const severity = args[args.indexOf('--volume') + 1] ?? 'information';
  const filesArg = args.indexOf('--files');
  const linted = filesArg >= 0 ? Number(args[filesArg + 1]) : undefined;
  const per = new Map();
  let all = 0;
  for (const [corpus, items] of runs) {
    for (const f of items) {
      if (f.severity !== severity) continue;
      all++;
      if (!per.has(f.code)) per.set(f.code, { n: 0, files: new Map(), corpora: new Set() });
      const p = per.get(f.code);
      const key = `${corpus}/${f.file}`;
      p.n++; p.corpora.add(corpus); p.files.set(key, (p.files.get(key) ?? 0) + 1);
    }
  }
  console.log(`${all} ${severity} findings${linted ? ` over ${linted.toLocaleString('en-US')} files` : ''}`);
  console.log('| code | findings | files | corpora | most in one file | files with 2+ |' + (linted ? ' share of files |' : ''));
  console.log('|---|---:|---:|---:|---:|---:|' + (linted ? '---:|' : ''));
  for (const [code, p] of [...per].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))) {
    const counts = [...p.files.values()];
    const share = linted ? ` ${((100 * p.files.size) / linted).toFixed(1)}% |` : '';
    console.log(`| ${code} | ${p.n} | ${p.files.size} | ${p.corpora.size} | ${Math.max(...counts)} | ${counts.filter((c) => c > 1).length} |${share}`);
  }
  process.exit(0);
}

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
