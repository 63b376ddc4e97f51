// Writes docs/rules/*.md from the rule files (and removes pages of rules that no longer exist).
// Usage: npm run docs
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleDocPages } from './rule-docs';

const dir = join(__dirname, '..', 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const pages = ruleDocPages();
let changed = 0;
for (const [name, text] of pages) {
  let old = '';
  try { old = readFileSync(join(dir, name), 'utf8'); } catch {}
  if (old !== text) { writeFileSync(join(dir, name), text); changed++; }
}
for (const f of readdirSync(dir)) if (f.endsWith('.md') && !pages.has(f)) { unlinkSync(join(dir, f)); changed++; }
console.log(`docs/rules: ${pages.size} pages, ${changed} changed`);
