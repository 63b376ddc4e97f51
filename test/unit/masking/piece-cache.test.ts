import assert from 'node:assert/strict';
import { PieceCachedTokenizer } from '../../../server/src/engine/masking/piece-cache';
import { FAMILIES, fakeHfCache } from './fixtures';

const TEXTS = [
  'Hello world', '  leading spaces and trailing   ', 'tabs\tand\nnewlines\r\n\n  indented', "it's they're we'll I'd", 'numbers 1234567 3.14159 1,000,000',
  'café naïve résumé über', 'e\u0301 combining', '東京 данные مرحبا 🤗🤗 emoji', '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>',
  '<|im_start|>user\nHi<|im_end|>\n', 'punctuation!!! ??? ... --- ***', 'code: def f(x):\n    return x**2  # comment', '',
  'mixed<|eot_id|>text<|im_end|>  more', 'x'.repeat(300), 'a  b   c    d', ' \n \n', 'ÀÉÎÕÜ ǅ ǈ', 'url https://example.com/a?b=c&d=e',
];

describe('masking: piece-cached tokenization is the library\'s tokenization', () => {
  const { store } = fakeHfCache();
  for (const f of FAMILIES) {
    it(`${f.key}: same ids and texts as the full encode, with and without special tokens`, async () => {
      const loaded = await store.load({ modelId: f.modelId });
      assert.ok(loaded.ok);
      const fast = PieceCachedTokenizer.wrap(loaded.tokenizer);
      if (f.key === 'gemma3') { assert.equal(fast, loaded.tokenizer, 'gemma3 (SentencePiece-style) is left as it is'); return; }
      assert.notEqual(fast, loaded.tokenizer);
      for (let round = 0; round < 3; round++) { // later rounds come from the cache (and past the self-check)
        for (const t of TEXTS) {
          for (const special of [false, true]) {
            assert.deepEqual(fast.encode(t, special), loaded.tokenizer.encode(t, special), `${JSON.stringify(t)} special=${special}`);
          }
        }
      }
    });
  }
});
