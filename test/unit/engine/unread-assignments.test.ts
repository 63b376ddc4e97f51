/**
 * An assignment the parser could not read (tree-sitter put it into an ERROR node) makes its name unknown from
 * there on: name resolution does not reach past it to an older binding (`facts/unread-assignments.ts`).
 */
import assert from 'node:assert/strict';
import { ParsedScript } from '../../../server/src/engine/index';
import { buildFacts } from '../../../server/src/engine/facts/build';
import { reachingAssignment } from '../../../server/src/engine/facts/reaching';
import type { FileFacts } from '../../../server/src/engine/facts/types';
import { ready } from '../helpers';

/** What `name` resolves to where the argument of the call to `callee` reads it (its value text, or undefined). */
function readAt(f: FileFacts, callee: string, name: string): string | undefined {
  const call = f.calls.find((c) => c.calleeText === callee);
  assert.ok(call, `no call to ${callee}`);
  const use = call.node.descendantsOfType('identifier').find((n) => n?.text === name);
  assert.ok(use, `${name} not read in ${callee}(…)`);
  return reachingAssignment(f, name, use)?.valueText;
}

function withFacts(text: string, check: (f: FileFacts) => void): void {
  const script = ParsedScript.parse(text);
  try {
    assert.equal(script.hasSyntaxErrors, true, 'the snippet is broken');
    check(buildFacts(script.syntax));
  } finally { script.dispose(); }
}

describe('assignments the parser could not read', () => {
  before(ready);

  it('make the name unknown after a broken line that rebinds it (`[` closed by `)`)', () => {
    withFacts(`import datasets
from datasets import load_dataset
en_ds = load_dataset("deatos/fineweb-edu-mini-combined")
en_ds_train = en_ds["train"]
before(en_ds)
en_ds = datasets.concatenate_datasets([en_ds_train, en_ds_valid)
total(en_ds["token_count"])
keep(en_ds_train)
`, (f) => {
      assert.equal(readAt(f, 'before', 'en_ds'), 'load_dataset("deatos/fineweb-edu-mini-combined")', 'before the break it reaches');
      assert.equal(readAt(f, 'total', 'en_ds'), undefined, 'after the break it is unknown');
      assert.equal(readAt(f, 'keep', 'en_ds_train'), 'en_ds["train"]', 'a name the broken line only reads still resolves');
    });
  });

  it('do so for a half-typed assignment and an unclosed call, not for keyword arguments of a broken call', () => {
    withFacts(`ds = load_dataset("a")
args = TrainingArguments(output_dir="o")
trainer = Trainer(model=m, args=args,
ds = load_dataset(
report(ds, args, trainer)
`, (f) => {
      assert.equal(readAt(f, 'report', 'ds'), undefined, 'half-typed `ds = load_dataset(`');
      assert.equal(readAt(f, 'report', 'args'), 'TrainingArguments(output_dir="o")', '`args=args` is a keyword argument');
    });
    withFacts(`ds = load_dataset("a")
ds = ds.map(fn
show(ds)
`, (f) => assert.equal(readAt(f, 'show', 'ds'), undefined));
  });

  it('do so when a bracket left open takes the lines below into the assignment (a notebook closes it after the cell)', () => {
    withFacts(`ds = load_dataset("a")
ds = ds.map(fn
show(ds["token_count"])
)
`, (f) => assert.equal(readAt(f, 'show', 'ds'), undefined));
  });

  it('leave names the broken code does not assign, and scripts without syntax errors, as they were', () => {
    withFacts(`ds = load_dataset("a")
other = concatenate([x, y)
show(ds)
`, (f) => assert.equal(readAt(f, 'show', 'ds'), 'load_dataset("a")'));
    const script = ParsedScript.parse('ds = load_dataset("a")\nds2 = ds\nshow(ds)\n');
    try {
      const f = buildFacts(script.syntax);
      assert.equal(readAt(f, 'show', 'ds'), 'load_dataset("a")');
    } finally { script.dispose(); }
  });

  it("hold in an editor's later section, also after an edit above it moved that section", () => {
    const filler = Array.from({ length: 260 }, (_, i) => `x${i} = ${i}`).join('\n');
    const text = `${filler}\nds = load_dataset("a")\nfirst(ds)\nds = ds.map(fn\nshow(ds)\n`;
    const script = ParsedScript.parse(text, { edited: true });
    try {
      assert.ok(script.syntax.sections.length >= 2, 'several sections');
      const check = (label: string) => {
        const f = buildFacts(script.syntax);
        assert.equal(readAt(f, 'first', 'ds'), 'load_dataset("a")', `${label}: before the break`);
        assert.equal(readAt(f, 'show', 'ds'), undefined, `${label}: after the break`);
      };
      check('as parsed');
      script.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'import os\nimport sys\n' }]);
      check('after lines were added above');
    } finally { script.dispose(); }
  });
});
