/**
 * An edited script keeps its section cuts on lines no edit touched; a cut that an edit leaves inside a string
 * or brackets closed further down (a triple-quoted string typed around a block of code, a `"""` typed above
 * and one below) must go, or the sections parse with errors a fresh parse of the same text does not have: the
 * editor showed a syntax error and lost the findings after it until the file was reopened. Found by the
 * incremental-equivalence fuzzer (test/fuzz/incremental-equivalence.ts).
 */
import assert from 'node:assert/strict';
import { lint, ParsedScript, ScriptDocument } from '../../../server/src/engine/index';
import { cutsToDrop } from '../../../server/src/engine/syntax/section-cuts';
import { ready } from '../helpers';

const TRAINING = 'from transformers import Trainer, TrainingArguments\nargs = TrainingArguments(output_dir="o", evaluation_strategy="no")\n';
const filler = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `x${from + i} = ${from + i}\n`).join('');

/** Types `s` at `at`, one character per edit, as an editor sends it. */
function type(script: ParsedScript, at: number, s: string): void {
  for (const c of s) {
    const p = script.source.positionAt(at);
    script.update([{ range: { start: p, end: p }, text: c }]);
    at++;
  }
}

const shown = (script: ParsedScript) => JSON.stringify(lint({ doc: ScriptDocument.fromPython('/tmp/trainlint-test/train.py', script.text), script }).diagnostics);

describe('section cuts after edits', () => {
  before(ready);

  it('a block quoted by two `"""` typed 200 lines apart parses as a fresh parse does', () => {
    const text = `${filler(0, 50)}${filler(50, 250)}${TRAINING}${filler(252, 420)}`;
    const script = ParsedScript.parse(text, { edited: true });
    try {
      assert.ok(script.syntax.cuts.length >= 3, 'cut into sections');
      const before = shown(script);
      assert.match(before, /TL504/, 'the finding outside the string to begin with');
      type(script, script.text.indexOf('x50 ='), '"""\n');
      assert.ok(script.hasSyntaxErrors, 'an open string: broken');
      type(script, script.text.indexOf('x300 ='), '"""\n');
      const fresh = ParsedScript.parse(script.text, { edited: true });
      try {
        assert.equal(fresh.hasSyntaxErrors, false);
        assert.equal(script.hasSyntaxErrors, false, 'the sections parse like the text');
        assert.equal(shown(script), shown(fresh));
        assert.doesNotMatch(shown(script), /TL504/, 'the finding is inside the string now');
      } finally { fresh.dispose(); }
    } finally { script.dispose(); }
  });

  it('a string left open when the file was opened, closed far below, parses as a fresh parse does', () => {
    const text = `${filler(0, 50)}s = """\n${filler(51, 400)}${TRAINING}`;
    const script = ParsedScript.parse(text, { edited: true });
    try {
      assert.ok(script.hasSyntaxErrors);
      type(script, script.text.indexOf('x330 ='), '"""\n');
      const fresh = ParsedScript.parse(script.text);
      try {
        assert.equal(fresh.hasSyntaxErrors, false);
        assert.equal(script.hasSyntaxErrors, false);
        assert.equal(shown(script), shown(fresh));
      } finally { fresh.dispose(); }
    } finally { script.dispose(); }
  });

  it('cutsToDrop: drops cuts inside what closes later, keeps those inside what never closes', () => {
    const t = 'a = 1\nb = """\nc = 2\n"""\nd = 3\ne = (\nf = 4\n';
    const at = (s: string) => t.indexOf(s);
    const r = cutsToDrop(t, 0, [at('c ='), at('d ='), at('f =')], 0);
    assert.deepEqual(r.drop, [at('c =')]);
    // stopped at the first top-level cut past the edit
    assert.equal(r.checked, at('d ='));
    const all = cutsToDrop(t, 0, [at('c ='), at('d ='), at('f =')], t.length);
    assert.deepEqual(all.drop, [at('c =')]);
    assert.deepEqual(all.open, [at('f =')], 'an unclosed bracket: the text is broken, the cut stays');
  });
});

describe('section cuts from the text', () => {
  before(ready);

  it('never cuts right after a string that closes on a later line (`"""…"""print(x)` is one line, a syntax error)', async () => {
    const { textualCuts } = await import('../../../server/src/engine/syntax/section-cuts');
    const text = `x = 1\n"""\nabc\n"""print(1)\ny = 2\n`;
    assert.deepEqual(textualCuts(text, 1), [text.indexOf('y = 2')]);
    // opened in an editor, the text has the syntax error a one-tree parse finds
    const long = `${filler(0, 120)}s = """\n${filler(121, 140)}"""print(s)\n${filler(141, 400)}`;
    const one = ParsedScript.parse(long);
    const opened = ParsedScript.parse(long, { edited: true });
    try {
      assert.equal(one.hasSyntaxErrors, true);
      assert.equal(opened.hasSyntaxErrors, true, 'no cut between the string and `print`');
    } finally { one.dispose(); opened.dispose(); }
  });
});
