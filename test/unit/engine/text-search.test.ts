/**
 * The whole-text searches a lint makes, done faster, answer exactly as the plain searches they replace:
 * which rules' `requires` strings a document contains after any sequence of edits (answered from the
 * previous text of the same document), and the names before `+=` (a dataset literal filled at run time).
 * Random texts and edits over a small alphabet (so that tokens appear, overlap and straddle edits); fixed seed.
 */
import assert from 'node:assert/strict';
import { tokensIn } from '../../../server/src/engine/lint/text-tokens';
import { augmentedNames } from '../../../server/src/engine/dataset/in-place-changes';

function random(seed: number): () => number {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s / 0x7fffffff; };
}

describe('whole-text searches', () => {
  it('tokens found after each edit of a document are those `includes` finds in its text', () => {
    const rnd = random(7);
    const tokens = ['ab', 'aba', 'b', 'bab', 'abc', 'cc', 'zz', 'c\na'];
    const alphabet = 'abc\n';
    const texts = ['abcab\nba', 'cc', ''];
    for (let k = 0; k < 6000; k++) {
      const doc = k % 3; // three documents edited in turn: each lint compares with its own previous text
      let text = texts[doc];
      if (rnd() < 0.02) text = ''; // now and then a document replaced whole
      const at = Math.floor(rnd() * (text.length + 1));
      let typed = '';
      for (let j = Math.floor(rnd() * 4); j > 0; j--) typed += alphabet[Math.floor(rnd() * alphabet.length)];
      text = text.slice(0, at) + typed + text.slice(at + Math.floor(rnd() * 4));
      if (text.length > 60) text = text.slice(10);
      texts[doc] = text;
      const has = tokensIn(`/tmp/doc${doc}.py`, text, tokens.slice(0, 6)); // two asked for only later
      for (const t of tokens) assert.equal(has(t), text.includes(t), `${JSON.stringify(t)} in ${JSON.stringify(text)}`);
    }
  });

  it('tokens the text\'s character triples rule out are absent, on the first lint and after (`includes` decides)', () => {
    // Longer tokens over a wider alphabet, so that most are absent and the triples answer for them; non-ASCII units too.
    const rnd = random(13);
    const tokens = ['load_dataset', 'Config', 'ab_c', 'éa', 'aéb_', '_\u{1f600}a', 'cab', 'bca', 'a.b(', 'xyz', 'abcabc'];
    const alphabet = 'abc_.(é\n\u{1f600}';
    for (let k = 0; k < 3000; k++) {
      let text = '';
      for (let j = Math.floor(rnd() * 40); j > 0; j--) text += [...alphabet][Math.floor(rnd() * [...alphabet].length)];
      if (rnd() < 0.2) text += tokens[Math.floor(rnd() * tokens.length)];
      const path = `/tmp/triples${k % 5}.py`; // each path linted again: first lint, second, then moved occurrences
      const has = tokensIn(path, text, tokens.slice(0, 8));
      for (const t of tokens) assert.equal(has(t), text.includes(t), `${JSON.stringify(t)} in ${JSON.stringify(text)}`);
    }
  });

  it('names before `+=` are the regular expression\'s matches', () => {
    const rnd = random(11);
    const alphabet = 'a1_. \n+=x\t\u00a0b';
    for (let k = 0; k < 50000; k++) {
      let text = '';
      for (let j = Math.floor(rnd() * 20); j > 0; j--) text += alphabet[Math.floor(rnd() * alphabet.length)];
      const expected = [...text.matchAll(/([A-Za-z_][\w.]*)\s*\+=/g)].map((m) => m[1]);
      assert.deepEqual(augmentedNames(text), expected, JSON.stringify(text));
    }
    assert.deepEqual(augmentedNames('rows += [x]\nself.items  +=  y\n1.x+=2'), ['rows', 'self.items', 'x']);
  });
});
