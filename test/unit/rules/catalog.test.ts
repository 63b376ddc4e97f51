/** The shipped rules match the fixed catalog in docs/RULES.md: code, name and default severity. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../../server/src/engine/index';

const SEVERITY: Record<string, string> = { E: 'error', W: 'warning', I: 'information' };

function catalog(): Map<string, { name: string; severity: string[] }> {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'RULES.md'), 'utf8');
  const out = new Map<string, { name: string; severity: string[] }>();
  for (const m of text.matchAll(/^\| (TL\d{3}) \| ([a-z0-9-]+) \| [^|]* \| ([EWI/]+) \|/gm)) {
    out.set(m[1], { name: m[2], severity: m[3].split('/').map((s) => SEVERITY[s]) });
  }
  return out;
}

describe('rule catalog', () => {
  const cat = catalog();
  it('parses the catalog', () => assert.ok(cat.size >= 47, `only ${cat.size} rows`));
  for (const rule of ALL_RULES) {
    it(`${rule.code} matches docs/RULES.md`, () => {
      const row = cat.get(rule.code);
      assert.ok(row, `${rule.code} is not in docs/RULES.md`);
      assert.equal(rule.name, row.name);
      assert.ok(row.severity.includes(rule.severity), `${rule.code} severity ${rule.severity} not in ${row.severity}`);
    });
  }
});
