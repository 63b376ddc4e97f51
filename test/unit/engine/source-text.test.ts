/** Offsets ↔ positions, and line starts kept up to date by edits (every keystroke in an editor). */
import assert from 'node:assert/strict';
import { SourceText } from '../../../server/src/engine/syntax/source-text';

describe('source text', () => {
  it('maps offsets and positions across \\n, \\r\\n and lone \\r line breaks', () => {
    const s = new SourceText('a\nbc\r\nd\re');
    assert.deepEqual([...s.lineStarts], [0, 2, 6, 8]);
    assert.deepEqual(s.positionAt(4), { line: 1, character: 2 });
    assert.equal(s.offsetAt({ line: 3, character: 1 }), 9);
    assert.equal(s.lineText(1), 'bc');
  });

  it('keeps line starts equal to a fresh scan after any replacement', () => {
    let seed = 3;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pieces = ['\n', '\r\n', '\r', 'x', 'yz', '    ', '\n\n', 'def f():\n'];
    const pick = () => pieces[Math.floor(random() * pieces.length)];
    let text = Array.from({ length: 200 }, pick).join('');
    let s = new SourceText(text);
    for (let i = 0; i < 3000; i++) {
      const start = Math.floor(random() * (text.length + 1));
      const end = Math.min(text.length, start + (random() < 0.5 ? 0 : Math.floor(random() * 12)));
      const insert = random() < 0.3 ? '' : Array.from({ length: 1 + Math.floor(random() * 3) }, pick).join('');
      s = s.replace(start, end, insert);
      text = text.slice(0, start) + insert + text.slice(end);
      assert.equal(s.text, text);
      assert.deepEqual(s.lineStarts, new SourceText(text).lineStarts, `after replacing [${start}, ${end}) with ${JSON.stringify(insert)}`);
    }
  });
});
