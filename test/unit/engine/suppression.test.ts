/** Suppression comments, [tool.trainlint] select/ignore, and rule isolation. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_RULES, applyEdits, disableForLineEdit, isRuleEnabled, loadProjectConfig, ParsedScript } from '../../../server/src/engine/index';
import type { Rule } from '../../../server/src/engine/rules/rule';
import { codes, lintSnippet, ready } from '../helpers';

const SEED = `from unsloth import FastLanguageModel
from datasets import Dataset
from trl import SFTTrainer, SFTConfig
from transformers import DataCollatorForSeq2Seq
ds = Dataset.from_dict({"text": ["a"]})
trainer = SFTTrainer(model=m, train_dataset=ds, data_collator=DataCollatorForSeq2Seq(tok), args=SFTConfig(output_dir="o"))
`;
const TL001 = ALL_RULES.filter((r) => r.code === 'TL001');

describe('suppression and configuration', () => {
  before(ready);

  it('the seed fires without suppression', () => {
    assert.deepEqual(codes(lintSnippet(SEED, { rules: TL001 })), ['TL001']);
  });

  it('disable on the line, on the line above, and for the file', () => {
    const lines = SEED.split('\n');
    const onLine = [...lines.slice(0, 5), `${lines[5]}  # trainlint: disable=TL001`, ...lines.slice(6)].join('\n');
    const above = [...lines.slice(0, 5), '# trainlint: disable=TL002, TL001', ...lines.slice(5)].join('\n');
    const file = `# trainlint: disable-file=TL001\n${SEED}`;
    const other = [...lines.slice(0, 5), `${lines[5]}  # trainlint: disable=TL002`, ...lines.slice(6)].join('\n');
    assert.deepEqual(codes(lintSnippet(onLine, { rules: TL001 })), []);
    assert.deepEqual(codes(lintSnippet(above, { rules: TL001 })), []);
    assert.deepEqual(codes(lintSnippet(file, { rules: TL001 })), []);
    assert.deepEqual(codes(lintSnippet(other, { rules: TL001 })), ['TL001']);
  });

  it('the "disable for this line" edit silences exactly that diagnostic and extends existing directives', () => {
    const script = ParsedScript.parse(SEED);
    try {
      const fixed = applyEdits(SEED, [disableForLineEdit(script.source, 5, 'TL001')!]);
      assert.deepEqual(codes(lintSnippet(fixed, { rules: TL001 })), []);
      const again = ParsedScript.parse(fixed);
      try {
        const twice = applyEdits(fixed, [disableForLineEdit(again.source, 5, 'TL002')!]);
        assert.match(twice.split('\n')[5], /# trainlint: disable=TL001,TL002$/);
      } finally { again.dispose(); }
    } finally { script.dispose(); }
  });

  it('[tool.trainlint] select/ignore by prefix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainlint-cfg-'));
    writeFileSync(join(dir, 'pyproject.toml'), '[tool.trainlint]\nselect = ["TL0", "TL1"]\nignore = ["TL001"]\n');
    const { config } = loadProjectConfig(dir);
    assert.equal(isRuleEnabled(config, 'TL001'), false);
    assert.equal(isRuleEnabled(config, 'TL002'), true);
    assert.equal(isRuleEnabled(config, 'TL601'), false);
    assert.deepEqual(codes(lintSnippet(SEED, { rules: TL001, config })), []);
  });

  it('a broken pyproject is reported, not thrown', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainlint-cfg-'));
    writeFileSync(join(dir, 'pyproject.toml'), '[tool.trainlint\nselect = [');
    const { error } = loadProjectConfig(dir);
    assert.match(error ?? '', /invalid TOML/);
  });

  it('a rule that throws is one internal error; the other rules still report', async () => {
    const { lintText } = await import('../../../server/src/engine/index');
    const boom: Rule = { code: 'TL999', name: 'boom', severity: 'error', fix: 'none', docs: '', check() { throw new Error('kaboom'); } };
    const r = lintText('/tmp/x.py', SEED, { rules: [boom, ...TL001] });
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0].message, /TL999 boom failed: Error: kaboom/);
    assert.deepEqual(codes(r.diagnostics), ['TL001']);
  });
});
