/** Suppressions by rule name and Ruff's noqa; TL903 for unknown and unused entries, with a fix that removes them; --add-noqa's edit. */
import assert from 'node:assert/strict';
import { addNoqa, ALL_RULES, applyEdits, lintText } from '../../../server/src/engine/index';
import { ready } from '../helpers';

const BUG = `from datasets import Dataset
from trl import SFTTrainer, SFTConfig
from transformers import DataCollatorForSeq2Seq
ds = Dataset.from_dict({"text": ["a"]})
trainer = SFTTrainer(model=m, train_dataset=ds, data_collator=DataCollatorForSeq2Seq(tok), args=SFTConfig(output_dir="o"))
`;
const lines = BUG.split('\n');
const withComment = (comment: string, line = 4) => [...lines.slice(0, line), `${lines[line]}  ${comment}`, ...lines.slice(line + 1)].join('\n');
const codes = (text: string) => lintText('/tmp/s.py', text).diagnostics.map((d) => `${d.range.start.line}:${d.code}`);

describe('suppression comments', () => {
  before(ready);

  it('the bug fires (TL001 on line 4) without a comment', () => {
    assert.ok(codes(BUG).includes('4:TL001'));
  });

  it('accepts the rule name and Ruff\'s noqa spelling (other tools\' codes beside it are left alone)', () => {
    for (const c of ['# trainlint: disable=seq2seq-collator-without-labels', '# noqa: TL001', '# noqa: E501, TL001', '# trainlint: disable=TL001 because the data has labels']) {
      const got = codes(withComment(c));
      assert.ok(!got.includes('4:TL001'), `${c}: ${got}`);
      assert.deepEqual(got.filter((x) => x.endsWith('TL903')), [], c);
    }
  });

  it('TL903: an unknown code or name, and an entry that silences nothing, each reported on the entry', () => {
    const r = lintText('/tmp/s.py', withComment('# trainlint: disable=TL001,TL999,TL203', 4));
    const tl903 = r.diagnostics.filter((d) => d.code === 'TL903');
    const text = withComment('# trainlint: disable=TL001,TL999,TL203', 4);
    assert.equal(tl903.length, 2);
    assert.match(tl903[0].message, /`TL999` .* is not a trainlint rule/);
    assert.match(tl903[1].message, /Unused suppression: no TL203 finding on this line/);
    const col = text.split('\n')[4].indexOf('TL999');
    assert.deepEqual(tl903[0].range, { start: { line: 4, character: col }, end: { line: 4, character: col + 5 } });
    // The safe fixes leave exactly the entry that is used.
    let fixed = text;
    for (let i = 0; i < 3; i++) {
      const d = lintText('/tmp/s.py', fixed).diagnostics.find((x) => x.code === 'TL903');
      if (!d) break;
      assert.equal(d.fixes[0].applicability, 'safe');
      fixed = applyEdits(fixed, d.fixes[0].edits);
    }
    assert.match(fixed.split('\n')[4], /\)\)  # trainlint: disable=TL001$/);
    assert.deepEqual(codes(fixed), []);
  });

  it('TL903 fix removes a whole comment (and its line when alone), and keeps other tools\' noqa codes', () => {
    const fix = (text: string) => {
      const d = lintText('/tmp/s.py', text).diagnostics.find((x) => x.code === 'TL903');
      assert.ok(d, text);
      return applyEdits(text, d.fixes[0].edits);
    };
    assert.equal(fix('x = 1  # trainlint: disable=TL001\n'), 'x = 1\n');
    assert.equal(fix('# trainlint: disable=TL001\nx = 1\n'), 'x = 1\n');
    assert.equal(fix('x = 1  # noqa: E501, TL001\n'), 'x = 1  # noqa: E501\n');
    assert.equal(fix('x = 1  # noqa: TL001, E501\n'), 'x = 1  # noqa: E501\n');
    assert.equal(fix('x = 1  # trainlint: disable=TL001  # type: ignore\n'), 'x = 1  # type: ignore\n');
    assert.equal(fix('# trainlint: disable-file=TL0O1\nx = 1\n'), 'x = 1\n');
  });

  it('no TL903 for rules that did not run (ignored in config), nor when TL903 itself is ignored', () => {
    const text = withComment('# trainlint: disable=TL203');
    assert.deepEqual(lintText('/tmp/s.py', text, { config: { select: [], ignore: ['TL203'] } }).diagnostics.filter((d) => d.code === 'TL903'), []);
    assert.deepEqual(lintText('/tmp/s.py', text, { config: { select: [], ignore: ['TL903'] } }).diagnostics.filter((d) => d.code === 'TL903'), []);
    // disable-file=TL903 silences it too.
    assert.deepEqual(codes(`# trainlint: disable-file=TL903\n${withComment('# trainlint: disable=TL999')}`).filter((c) => c.endsWith('TL903')), []);
  });

  it('--add-noqa: a noqa per finding line, merged into an existing noqa, after a multi-line string\'s closing quotes', () => {
    const diags = lintText('/tmp/s.py', BUG).diagnostics;
    const r = addNoqa(BUG, diags);
    assert.equal(r.added, 1);
    assert.match(r.text.split('\n')[4], /  # noqa: TL001$/);
    assert.deepEqual(codes(r.text), []);
    const merged = addNoqa(withComment('# noqa: E501'), lintText('/tmp/s.py', withComment('# noqa: E501')).diagnostics);
    assert.match(merged.text.split('\n')[4], /# noqa: E501, TL001$/);
    const fake = { ...diags[0], code: 'TL001', range: { start: { line: 0, character: 5 }, end: { line: 0, character: 6 } } };
    const inString = addNoqa('x = """a\nb"""\n', [fake]);
    assert.deepEqual([inString.added, inString.skipped], [1, 0]);
    assert.equal(inString.text, 'x = """a\nb"""  # noqa: TL001\n');
    assert.ok(ALL_RULES.some((x) => x.code === 'TL903'));
  });
});
