/**
 * TL000's scan for lines whose code ends in an operator (`operatorLineEnds`): a character test instead of a regular
 * expression made per character, and a word walked back at most four characters (the operator words have two or
 * three). Tested against the scan it replaced on random texts of the characters that matter.
 */
import assert from 'node:assert/strict';
import { operatorLineEnds } from '../../../server/src/engine/rules/tl000-syntax-error';

const OPERATOR_CHARS = new Set('-+~*/%&|^<>=@');
const OPERATOR_WORDS = new Set(['and', 'or', 'not', 'in', 'is']);

/** The scan as it was (session 25). */
function before(text: string): number[] {
  const found: number[] = [];
  let hash = -1;
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (hash !== Infinity && hash < start) { hash = text.indexOf('#', start); if (hash < 0) hash = Infinity; }
    let i = (hash >= 0 && hash < end ? hash : end) - 1;
    while (i >= start && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i--;
    if (i >= start) {
      if (OPERATOR_CHARS.has(text[i])) found.push(i);
      else if (/\w/.test(text[i])) {
        let w = i;
        while (w > start && /\w/.test(text[w - 1])) w--;
        if (OPERATOR_WORDS.has(text.slice(w, i + 1))) found.push(i);
      }
    }
    start = end + 1;
  }
  return found;
}

describe('TL000: lines that end in an operator', () => {
  it('finds what the regular-expression scan found, on random texts', () => {
    const pieces = ['and', 'or', 'not', 'in', 'is', 'nand', 'xor', 'island', 'band', 'a', '_', '9', 'Z', 'é', 'ß', '\u0130', '+', '=', '-', '@',
      ' ', '\t', '\r', '\n', '\n', '\n', '#', '(', ')', '"', '.', ':', ',', 'x_in', 'is_', 'ors', 'IN', 'And', '\u00a0'];
    let seed = 26;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    let found = 0;
    for (let k = 0; k < 3000; k++) {
      let text = '';
      const n = 1 + rand(40);
      for (let j = 0; j < n; j++) text += pieces[rand(pieces.length)];
      const expected = before(text);
      assert.deepEqual(operatorLineEnds(text), expected, JSON.stringify(text));
      found += expected.length;
    }
    assert.ok(found > 1000, `${found}`);
  });

  it('on the cases that matter', () => {
    assert.deepEqual(operatorLineEnds('x = a and\ny = island\nz = 1 +  # c\nw = b in\nv = is'), [8, 27, 41, 48]);
  });
});
