/**
 * Where a suppression comment can go (session 24's fix audit): a line continued by a backslash cannot end with a
 * comment (`\  # noqa` is a syntax error), and a line that ends inside a multi-line string cannot either (the comment
 * would become part of the string). `--add-noqa` skips such lines; "Disable TLxxx for this line" writes its
 * directive alone on the line above instead.
 */
import assert from 'node:assert/strict';
import { addNoqa, applyEdits, disableForLineEdit, lintText, ParsedScript } from '../../../server/src/engine/index';
import { ready } from '../helpers';

const lint = (text: string) => lintText('/tmp/s.py', text).diagnostics;
const at = (text: string, code: string) => lint(text).filter((d) => d.code === code).map((d) => d.range.start.line);
const disable = (text: string, line: number, code: string) => {
  const script = ParsedScript.parse(text);
  try { return disableForLineEdit(script.source, line, code); } finally { script.dispose(); }
};

// TL504 on line 1 (evaluation_strategy=), a line continued by a backslash.
const CONTINUED = 'from transformers import TrainingArguments\nargs = TrainingArguments(output_dir="o", evaluation_strategy="steps", \\\n    save_strategy="steps")\n';
// TL504 on line 2, which ends inside a triple-quoted string.
const IN_STRING = 'from transformers import TrainingArguments\nif True:\n    args = TrainingArguments(evaluation_strategy="steps", run_name="""a\nb""")\n';

describe('suppression comments: where they can be written', () => {
  before(ready);

  it('the findings fire where the tests expect them', () => {
    assert.deepEqual(at(CONTINUED, 'TL504'), [1]);
    assert.deepEqual(at(IN_STRING, 'TL504'), [2]);
  });

  it('--add-noqa skips a line continued by a backslash (it wrote `\\  # noqa: TL504`, a syntax error)', () => {
    const r = addNoqa(CONTINUED, lint(CONTINUED));
    assert.deepEqual([r.added, r.skipped], [0, 1]);
    assert.equal(r.text, CONTINUED);
    // A backslash at the end of a comment continues nothing: that line takes its noqa.
    const commented = 'from transformers import TrainingArguments\nargs = TrainingArguments(output_dir="o", evaluation_strategy="steps")  # see \\\n';
    const c = addNoqa(commented, lint(commented));
    assert.equal(c.added, 1);
    assert.deepEqual(lint(c.text).map((d) => d.code), []);
  });

  it('--add-noqa writes its comment between the pieces of a string concatenation running over lines (it skipped the line)', () => {
    // sudsho/grpo-rlvr-reasoning src/training/sft_warmup.py: TL104 on the first f-string of a parenthesised concatenation.
    const text = 'from transformers import TrainingArguments\nargs = TrainingArguments(evaluation_strategy="steps", run_name=("a"\n    "b"))\n';
    assert.deepEqual(at(text, 'TL504'), [1]);
    const r = addNoqa(text, lint(text));
    assert.deepEqual([r.added, r.skipped], [1, 0]);
    assert.equal(r.text.split('\n')[1], 'args = TrainingArguments(evaluation_strategy="steps", run_name=("a"  # noqa: TL504');
    assert.deepEqual(lint(r.text).map((d) => d.code), []);
  });

  it('--add-noqa puts the noqa of a line ending inside a multi-line string after its closing quotes (Ruff), which silences it', () => {
    // sayouzone/gemma3-sft m4/training.py: TL104 on `prompt = f"""### Instruction:` (the line was skipped, the finding stayed).
    const r = addNoqa(IN_STRING, lint(IN_STRING));
    assert.deepEqual([r.added, r.skipped], [1, 0]);
    assert.equal(r.text.split('\n')[3], 'b""")  # noqa: TL504');
    assert.deepEqual(lint(r.text).map((d) => d.code), []);
    assert.equal(addNoqa(r.text, lint(r.text)).text, r.text);
    // The noqa covers the string's own lines only: a finding on the line above the string's first line stays.
    const above = 'from transformers import TrainingArguments\nx = TrainingArguments(evaluation_strategy="steps")\ny = """a\nb"""  # noqa: TL504\n';
    assert.deepEqual(at(above, 'TL504'), [1]);
  });

  it('"Disable for this line" on a backslash-continued line goes alone on the line above, and silences the finding', () => {
    const e = disable(CONTINUED, 1, 'TL504')!;
    const fixed = applyEdits(CONTINUED, [e]);
    assert.equal(fixed.split('\n')[1], '# trainlint: disable=TL504');
    assert.deepEqual(lint(fixed).map((d) => d.code), [], 'silenced, no TL000, no TL903');
  });

  it('"Disable for this line" on a line ending inside a multi-line string leaves the string alone', () => {
    const fixed = applyEdits(IN_STRING, [disable(IN_STRING, 2, 'TL504')!]);
    assert.equal(fixed, 'from transformers import TrainingArguments\nif True:\n    # trainlint: disable=TL504\n    args = TrainingArguments(evaluation_strategy="steps", run_name="""a\nb""")\n');
    assert.deepEqual(lint(fixed).map((d) => d.code), []);
    // A second code extends that directive (a new line between them would leave the first covering nothing).
    const twice = applyEdits(fixed, [disable(fixed, 3, 'TL510')!]);
    assert.equal(twice.split('\n')[2], '    # trainlint: disable=TL504,TL510');
  });

  it('offers no edit where none can be written: a line that begins inside a string', () => {
    const text = 'x = """a\nb""" ; y = 1 + \\\n  2\n';
    assert.equal(disable(text, 1, 'TL504'), undefined);
    // and a plain line still takes the comment at its end
    assert.deepEqual(disable('x = 1\n', 0, 'TL504'), { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } }, newText: '  # trainlint: disable=TL504' });
  });
});
