/**
 * TL120: `"…".format(…)` building training text, checked against the template's replacement fields as Python reads
 * them (`{}`, `{0}`, `{name}`, nested spec fields, `{{`/`}}`): values without a field are dropped silently (warning),
 * fields without a value raise (error).
 */
import assert from 'node:assert/strict';
import { formatFields, positionalNeeded } from '../../../server/src/engine/facts/format-fields';
import { lintSnippet, ready } from '../helpers';

const sft = (template: string, call: string) => `from datasets import load_dataset
from trl import SFTConfig, SFTTrainer

TEMPLATE = ${template}


def fmt(example):
    return {"text": ${call}}


ds = load_dataset("json", data_files="train.jsonl", split="train").map(fmt)
SFTTrainer(model="Qwen/Qwen2.5-0.5B", train_dataset=ds, args=SFTConfig(output_dir="out")).train()
`;

function tl120(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/train.py').filter((d) => d.code === 'TL120').map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL120: format values without a field', () => {
  before(ready);

  it('reads fields as Python does', () => {
    const f = (t: string) => {
      const r = formatFields(t);
      return r && { auto: r.auto, indices: [...r.indices], names: [...r.names], positional: positionalNeeded(r) };
    };
    assert.deepEqual(f('{} and {}'), { auto: 2, indices: [], names: [], positional: 2 });
    assert.deepEqual(f('{0} {2}'), { auto: 0, indices: [0, 2], names: [], positional: 3 });
    assert.deepEqual(f('{{}} {name!r:>10} {}'), { auto: 1, indices: [], names: ['name'], positional: 1 });
    assert.deepEqual(f('{:{width}}'), { auto: 1, indices: [], names: ['width'], positional: 1 });
    assert.deepEqual(f('{:>{}}'), { auto: 2, indices: [], names: [], positional: 2 });
    assert.deepEqual(f('{0[a:b]} {x.y[z]}'), { auto: 0, indices: [0], names: ['x'], positional: 1 });
    assert.deepEqual(f('{ }'), { auto: 0, indices: [], names: [' '], positional: 0 });
    // What Python refuses with ValueError: a lone brace, mixed numbering.
    for (const bad of ['a } b', '{', '{} {0}']) assert.equal(f(bad), undefined, bad);
  });

  it('warns that values past the fields are dropped, naming them', () => {
    const [d] = tl120(sft('"Q: {}\\nA: {}"', 'TEMPLATE.format(example["q"], example["context"], example["a"])'));
    assert.equal(d?.severity, 'warning');
    assert.match(d.message, /`TEMPLATE` has 2 `\{\}` fields, so this `.format\(\)` call drops `example\["a"\]`/);
    assert.match(d.message, /never reach the training text `fmt` builds/);
    const [two] = tl120(sft('"Q: {}"', 'TEMPLATE.format(example["q"], example["context"], example["a"])'));
    assert.match(two.message, /drops `example\["context"\]` and `example\["a"\]`:/);
  });

  it('errors when a field has no value, naming what Python raises', () => {
    const [d] = tl120(sft('"Q: {}\\nA: {}"', 'TEMPLATE.format(example["q"])'));
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /raises IndexError \("Replacement index 1 out of range for positional args tuple"\) when `fmt` runs/);
    const [k] = tl120(sft('"Q: {q}\\nA: {a}"', 'TEMPLATE.format(q=example["q"])'));
    assert.equal(k?.severity, 'error');
    assert.match(k.message, /KeyError: 'a'/);
  });

  it("reads an f-string template's doubled braces as one brace each", () => {
    // f"{{}} {{}}" is the template "{} {}" at run time: two fields, two values.
    assert.deepEqual(tl120(sft('f"{{}} {{}}"', 'TEMPLATE.format(example["q"], example["a"])')), []);
    assert.equal(tl120(sft('f"{{}} {{}}"', 'TEMPLATE.format(example["q"], example["a"], example["c"])'))[0]?.severity, 'warning');
  });

  it('is silent when the template or the values are not known', () => {
    assert.deepEqual(tl120(sft('load_template()', 'TEMPLATE.format(example["q"], example["a"], example["c"])')), []);
    assert.deepEqual(tl120(sft('"{} {}"', 'TEMPLATE.format(*example.values())')), []);
    assert.deepEqual(tl120(sft('"{q}"', 'TEMPLATE.format(**example)')), []);
  });
});
