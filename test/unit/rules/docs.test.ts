/**
 * Rule metadata and docs: codes and names match RULES.md's fixed list, docs have the fixed
 * headings, the Example fires and the Use instead does not (examples are tests).
 */
import assert from 'node:assert/strict';
import { ALL_RULES } from '../../../server/src/engine/index';
import { lintSnippet, ready } from '../helpers';

const HEADINGS = ['## What it does', '## Why is this bad?', '## Example', '## Use instead', '## Fix safety', '## References'];

function codeBlock(docs: string, heading: string): string {
  const start = docs.indexOf(heading);
  const rest = docs.slice(start + heading.length);
  const m = /```python\n([\s\S]*?)```/.exec(rest);
  assert.ok(m, `no python block under ${heading}`);
  return m[1];
}

describe('rule docs', () => {
  before(ready);
  it('codes are unique and names are kebab-case', () => {
    const seen = new Set<string>();
    for (const r of ALL_RULES) {
      assert.match(r.code, /^TL\d{3}$/);
      assert.match(r.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(!seen.has(r.code), `duplicate ${r.code}`);
      seen.add(r.code);
    }
  });
  for (const rule of ALL_RULES) {
    it(`${rule.code}: fixed headings in order`, () => {
      let at = -1;
      for (const h of HEADINGS) {
        const i = rule.docs.indexOf(h);
        assert.ok(i > at, `${rule.code} docs: "${h}" missing or out of order`);
        at = i;
      }
    });
    it(`${rule.code}: the Example fires and the Use instead does not`, () => {
      rule.prepareExample?.('/tmp/trainlint-test/train.py', codeBlock(rule.docs, '## Example'));
      const bad = lintSnippet(codeBlock(rule.docs, '## Example'), { rules: [rule] });
      assert.ok(bad.some((d) => d.code === rule.code), `${rule.code} Example does not fire`);
      const good = lintSnippet(codeBlock(rule.docs, '## Use instead'), { rules: [rule] });
      assert.deepEqual(good.map((d) => d.code), [], `${rule.code} Use instead fires`);
    });
  }
});
