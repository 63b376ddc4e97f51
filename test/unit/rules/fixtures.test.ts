/**
 * Every rule's fixtures under test/fixtures/rules/<CODE>/: each `#> CODE` annotation must fire
 * and nothing unannotated may fire (for the rule under test); every fix keeps the file parseable,
 * removes its diagnostic, and fix-all converges (a second run changes nothing).
 * A sibling `<name>.fixed.py` pins the result of applying the safe fixes. A fixture named `hub_table*.py` has its Hub
 * datasets answered from trainlint's table of known datasets, as on a machine where nothing is downloaded.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES, ParsedScript, applyEdits, fixAll } from '../../../server/src/engine/index';
import { actualKeys, expectedFromAnnotations, lintSnippet, ready, uncachedData } from '../helpers';

const ROOT = join(__dirname, '..', '..', 'fixtures', 'rules');

function hasSyntaxError(text: string): boolean {
  const p = ParsedScript.parse(text);
  try { return p.hasSyntaxErrors; } finally { p.dispose(); }
}

describe('rule fixtures', () => {
  before(ready);
  for (const rule of ALL_RULES) {
    describe(`${rule.code} ${rule.name}`, () => {
      const dir = join(ROOT, rule.code);
      it('has fixtures with cases that fire and near-misses that do not', () => {
        assert.ok(existsSync(dir), `missing ${dir}`);
        const all = readdirSync(dir).filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py'))
          .map((f) => readFileSync(join(dir, f), 'utf8'));
        assert.ok(all.some((t) => expectedFromAnnotations(t).length > 0), 'no fixture expects the rule to fire');
        assert.ok(all.some((t) => /near-miss|must not fire|^# ok/im.test(t)), 'no near-miss fixture');
      });
      if (!existsSync(dir)) return;
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py'))) {
        const path = join(dir, file);
        const text = readFileSync(path, 'utf8');
        // A fixture named hub_table*.py is linted as on a clean machine: its Hub datasets are answered from trainlint's
        // table of known datasets (the others have no data provider: a Hub dataset is not read).
        const data = file.startsWith('hub_table') ? uncachedData(path) : undefined;
        const only = (t: string) => { rule.prepareExample?.(path, t); return lintSnippet(t, { rules: [rule], data }, path); };
        it(`${file}: fires exactly where annotated`, () => {
          const expected = expectedFromAnnotations(text).filter((k) => k.endsWith(rule.code));
          assert.deepEqual(actualKeys(only(text)), expected);
        });
        it(`${file}: fixes parse, remove the diagnostic and converge`, () => {
          const diags = only(text);
          for (const d of diags) {
            for (const fix of d.fixes) {
              if (rule.fix === 'none') assert.fail(`${rule.code} declares no fix but offered "${fix.title}"`);
              if (rule.fix === 'safe') assert.equal(fix.applicability, 'safe', fix.title);
              if (rule.fix === 'unsafe') assert.equal(fix.applicability, 'unsafe', fix.title);
              const fixed = applyEdits(text, fix.edits);
              assert.ok(!hasSyntaxError(fixed) || hasSyntaxError(text), `"${fix.title}" broke the syntax:\n${fixed}`);
              const after = only(fixed).filter((x) => x.code === d.code);
              assert.ok(after.length < diags.filter((x) => x.code === d.code).length, `"${fix.title}" did not remove ${d.code}:\n${fixed}`);
            }
          }
          for (const unsafe of [false, true]) {
            const once = fixAll(text, only, unsafe).text;
            const twice = fixAll(once, only, unsafe);
            assert.equal(twice.applied, 0, `fix-all (unsafe=${unsafe}) did not converge`);
          }
          const pinned = path.replace(/\.py$/, '.fixed.py');
          if (existsSync(pinned)) assert.equal(fixAll(text, only, false).text, readFileSync(pinned, 'utf8'));
        });
      }
    });
  }
});
