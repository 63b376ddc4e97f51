/**
 * docs/rules/*.md: generated from the rule files (`npm run docs`), committed, current, standing alone
 * (every link resolves inside the repository, nothing cites files that are not in it), and the target
 * of every finding's URL (JSON `url`, SARIF `helpUri`, the editor's code link).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ALL_RULES } from '../../../server/src/engine/index';
import { DOCS_BASE_URL, docsUrl } from '../../../server/src/engine/rules/rule';
import { ruleDocPages } from '../../../scripts/rule-docs';

const ROOT = join(__dirname, '..', '..', '..');
const DIR = join(ROOT, 'docs', 'rules');
/** Product material that lives outside the repository: never cited by the docs users read. */
const OUTSIDE = [/bug[- ]catalog/i, /masking-spec/i, /platform-notes/i, /\.\.\/shared/, /\breference\//];

describe('generated rule docs', () => {
  const pages = ruleDocPages();

  it('docs/rules holds exactly the generated pages, byte for byte (run `npm run docs` after editing a rule)', () => {
    const onDisk = readdirSync(DIR).filter((f) => f.endsWith('.md')).sort();
    assert.deepEqual(onDisk, [...pages.keys()].sort());
    for (const [name, text] of pages) assert.equal(readFileSync(join(DIR, name), 'utf8'), text, `docs/rules/${name} is stale: run npm run docs`);
  });

  it('every rule has a page at the URL its findings carry', () => {
    assert.match(DOCS_BASE_URL, /\/docs\/rules\/$/);
    for (const r of ALL_RULES) {
      assert.ok(pages.has(`${r.code}.md`), r.code);
      assert.ok(docsUrl(r.code).endsWith(`/docs/rules/${r.code}.md`));
      assert.ok(existsSync(join(DIR, `${r.code}.md`)));
    }
  });

  it('pages stand alone: relative links resolve inside the repository, no citation of files outside it', () => {
    for (const [name, text] of [...pages, ['RULES.md', readFileSync(join(ROOT, 'docs', 'RULES.md'), 'utf8')] as const]) {
      const base = name === 'RULES.md' ? join(ROOT, 'docs') : DIR;
      for (const re of OUTSIDE) assert.doesNotMatch(text, re, `${name} cites something outside the repository`);
      for (const m of text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/.test(target)) continue;
        const path = resolve(base, target);
        assert.ok(path.startsWith(ROOT), `${name}: link ${target} leaves the repository`);
        assert.ok(existsSync(path), `${name}: link ${target} does not resolve`);
      }
    }
    // Backtick paths named as "in this repository" exist.
    for (const [name, text] of pages) {
      for (const m of text.matchAll(/`([\w./-]+\/[\w.-]+)` in this repository/g)) assert.ok(existsSync(join(ROOT, m[1])), `${name}: ${m[1]}`);
    }
    assert.ok(existsSync(dirname(DIR)));
  });
});
