#!/usr/bin/env node
// The repositories of docs/corpus.md's tables whose last count has an error or a warning: the candidates for the
// regression corpora (repos.txt is the set actually fetched). A row is `| owner/name@commit … | … |`; its last
// count is the last cell holding "E / W / I" numbers or "E: …; W: …" codes. Ordered by that E + W, largest first.
//
//   node scripts/corpus/list-repos.mjs [docs/corpus.md] [--all]     (--all: every repository in a table)
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const doc = readFileSync(args.find((a) => !a.startsWith('--')) ?? 'docs/corpus.md', 'utf8');

/** Errors + warnings of a cell, or undefined when it holds no count. */
function errorsAndWarnings(cell) {
  const triples = [...cell.matchAll(/(\d[\d,]*)\s*\/\s*(\d[\d,]*)\s*\/\s*(\d[\d,]*)/g)];
  const num = (s) => Number(s.replace(/,/g, ''));
  if (triples.length) { const t = triples.at(-1); return num(t[1]) + num(t[2]); }
  const m = /E:\s*([^;]*);\s*W:\s*([^;]*)/.exec(cell);
  if (m) return (m[1] + m[2]).match(/TL\d{3}/g)?.length ?? 0;
  return undefined;
}

const ew = new Map();
for (const line of doc.split('\n')) {
  const m = /^\|\s*\**([A-Za-z0-9][\w.-]*\/[\w.-]+)@[0-9a-f]{6,40}[^|]*\|(.*)$/.exec(line);
  if (!m) continue;
  const counts = m[2].split('|').map((c) => c.trim()).filter(Boolean).map(errorsAndWarnings).filter((n) => n !== undefined);
  const last = counts.at(-1) ?? 0;
  ew.set(m[1], Math.max(ew.get(m[1]) ?? 0, last));
}
const picked = [...ew].filter(([, n]) => args.includes('--all') || n > 0);
picked.sort((a, b) => b[1] - a[1]);  // stable: equal counts keep the document's order
for (const [repo] of picked) console.log(repo);
