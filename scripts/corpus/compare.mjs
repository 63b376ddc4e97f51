#!/usr/bin/env node
// Finding-by-finding difference between two run.sh output dirs (a base build and a changed one). A finding is
// (corpus, file, line, code, severity, message); one that changes severity or message shows as removed + added.
// Corpora present in only one dir are listed, not compared.
//
//   node scripts/corpus/compare.mjs BASE_DIR NEW_DIR [--summary]
import { readRun, readStatus, emptyCounts, formatCounts, LETTER } from './findings.mjs';

const args = process.argv.slice(2);
const [baseDir, newDir] = args.filter((a) => !a.startsWith('--'));
if (!baseDir || !newDir) { console.error('usage: compare.mjs BASE_DIR NEW_DIR [--summary]'); process.exit(2); }
const summaryOnly = args.includes('--summary');

const base = readRun(baseDir);
const next = readRun(newDir);
const key = (f) => [f.file, f.line, f.code, f.severity, f.message].join('\u0000');

/** Findings of `a` not matched one-for-one by findings of `b`. */
function minus(a, b) {
  const left = new Map();
  for (const f of b) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  return a.filter((f) => {
    const n = left.get(key(f)) ?? 0;
    if (n) { left.set(key(f), n - 1); return false; }
    return true;
  });
}

const added = [], removed = [];
const common = [...base.keys()].filter((c) => next.has(c));
for (const c of common) {
  added.push(...minus(next.get(c), base.get(c)));
  removed.push(...minus(base.get(c), next.get(c)));
}

const totals = (runs) => {
  const t = emptyCounts();
  for (const c of common) for (const f of runs.get(c)) t[f.severity]++;
  return t;
};
console.log(`${common.length} corpora compared: E / W / I ${formatCounts(totals(base))} → ${formatCounts(totals(next))}`);
console.log(`${added.length} added, ${removed.length} removed`);
const onlyBase = [...base.keys()].filter((c) => !next.has(c));
const onlyNew = [...next.keys()].filter((c) => !base.has(c));
const some = (list) => `${list.length} (${list.slice(0, 8).join(', ')}${list.length > 8 ? ', …' : ''})`;
if (onlyBase.length) console.log(`only in ${baseDir}: ${some(onlyBase)}`);
if (onlyNew.length) console.log(`only in ${newDir}: ${some(onlyNew)}`);
for (const [dir, status] of [[baseDir, readStatus(baseDir)], [newDir, readStatus(newDir)]]) {
  const bad = [...status].filter(([, s]) => s.status !== 'ok');
  if (bad.length) console.log(`not ok in ${dir}: ${bad.map(([c, s]) => `${c} (${s.status})`).join(', ')}`);
}

// code → { added, removed } counts by severity, then the findings grouped by code and corpus.
const byCode = new Map();
for (const [sign, list] of [['+', added], ['-', removed]]) {
  for (const f of list) {
    if (!byCode.has(f.code)) byCode.set(f.code, { '+': emptyCounts(), '-': emptyCounts(), items: [] });
    const e = byCode.get(f.code);
    e[sign][f.severity]++;
    e.items.push({ sign, ...f });
  }
}
const brief = (c) => Object.entries(c).filter(([, n]) => n).map(([s, n]) => `${LETTER[s]} ${n}`).join(', ') || '0';
if (byCode.size) console.log('\nby code (added | removed):');
for (const [code, e] of [...byCode].sort()) console.log(`  ${code.padEnd(7)} +${brief(e['+'])} | -${brief(e['-'])}`);
if (summaryOnly) process.exit(0);

for (const [code, e] of [...byCode].sort()) {
  console.log(`\n## ${code}`);
  const byCorpus = new Map();
  for (const f of e.items) {
    if (!byCorpus.has(f.corpus)) byCorpus.set(f.corpus, []);
    byCorpus.get(f.corpus).push(f);
  }
  for (const [corpus, items] of [...byCorpus].sort((a, b) => a[0].localeCompare(b[0]))) {
    console.log(`  ${corpus}`);
    items.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.sign.localeCompare(b.sign));
    for (const f of items) console.log(`    ${f.sign} ${f.file}:${f.line} ${LETTER[f.severity]} ${f.message}`);
  }
}
