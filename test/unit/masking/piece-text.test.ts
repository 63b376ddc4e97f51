import assert from 'node:assert/strict';
import { pieceTexts } from '../../../server/src/engine/masking/piece-text';
import { FAMILIES, fakeHfCache } from './fixtures';

describe('masking: token texts rebuilt from pieces', () => {
  it('decodes byte-level pieces and gives a split character to its first token', () => {
    // "héllo 🤗" in GPT-2 byte-level pieces: é = C3 A9 → "Ã©"; 🤗 = F0 9F A4 97 split over three tokens.
    const r = pieceTexts(['h', 'Ã©', 'llo', 'ĠðŁ', '¤', 'Ĺ'], [false, false, false, false, false, false], 'byte-level', 'héllo 🤗');
    assert.deepEqual(r.texts, ['h', 'é', 'llo', ' 🤗', '', '']);
    assert.equal(r.aligned, true);
  });

  it('decodes SentencePiece pieces, byte fallback and drops an added prefix space', () => {
    const r = pieceTexts(['▁Hello', '▁wor', 'ld', '<0x0A>', '<0xE2>', '<0x82>', '<0xAC>'], [false, false, false, false, false, false, false], 'metaspace', 'Hello world\n€');
    assert.deepEqual(r.texts, ['Hello', ' wor', 'ld', '\n', '€', '', '']);
    assert.deepEqual(r.starts.slice(0, 4), [0, 5, 9, 11]);
  });

  it('keeps tokens the post-processor inserted', () => {
    const r = pieceTexts(['<s>', '▁Hi'], [true, false], 'metaspace', 'Hi');
    assert.deepEqual(r.texts, ['<s>', 'Hi']);
    assert.equal(r.aligned, true);
  });

  for (const f of FAMILIES) {
    it(`concatenates back to the input with the real ${f.key} tokenizer`, async () => {
      const loaded = await fakeHfCache().store.load({ modelId: f.modelId });
      assert.ok(loaded.ok);
      const text = 'Café naïve — 🤗 emoji, 中文字符, tabs\tand  double  spaces\n\n\nend <|fake|>';
      const spans = loaded.tokenizer.encode(text, false);
      assert.equal(spans.map((s) => s.text).join(''), text);
      const again = loaded.tokenizer.describe(spans.map((s) => s.id));
      assert.equal(again.map((s) => s.text).join(''), text);
    });
  }
});
