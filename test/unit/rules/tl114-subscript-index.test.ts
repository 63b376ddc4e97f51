/**
 * TL114 finds `name["…"]` through one index of the script's text (`stringSubscripts`), made once per text instead of one
 * search of the whole text per name in each pipeline's lint: the index answers as the per-name search did, and a new
 * text (an edit) is indexed again.
 */
import assert from 'node:assert/strict';
import { stringSubscripts } from '../../../server/src/engine/rules/tl114-dataset-split-missing';
import { lintSnippet, ready } from '../helpers';

function random(seed: number): () => number {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s / 0x7fffffff; };
}

const script = (split: string, pad = '') => `from datasets import Dataset
from transformers import Trainer
${pad}
ds = Dataset.from_dict({"text": ["a", "b", "c", "d"]}).train_test_split(test_size=0.25)
trainer = Trainer(model=model, train_dataset=ds["train"], eval_dataset=ds[${split}])
`;

describe('TL114: the index of names subscripted by a string', () => {
  before(ready);

  it('holds what a search per name finds', () => {
    const rnd = random(5);
    const parts = ['ds', 'd', 's_1', 'x', '1', ' ', '\t', '[', '"', "'", '.', '\n', 'é', '(', 'ds2'];
    for (let k = 0; k < 20000; k++) {
      let text = '';
      for (let j = Math.floor(rnd() * 16); j > 0; j--) text += parts[Math.floor(rnd() * parts.length)];
      const index = stringSubscripts(text);
      for (const name of ['ds', 'd', 's_1', 'x', 'ds2', 's', 'ds1']) {
        const expected = [...text.matchAll(new RegExp(`\\b${name}[ \\t]*\\[[ \\t]*["']`, 'g'))].map((m) => m.index);
        assert.deepEqual(index.get(name) ?? [], expected, `${name} in ${JSON.stringify(text)}`);
      }
    }
  });

  it('follows an edit of the text: the finding comes, moves and goes with it', () => {
    const at = (text: string) => lintSnippet(text, {}, '/tmp/trainlint-test/tl114-index.py').filter((d) => d.code === 'TL114').map((d) => d.range.start.line);
    assert.deepEqual(at(script('"validation"')), [4]);
    assert.deepEqual(at(script('"validation"', '\n\n')), [6]);
    assert.deepEqual(at(script('"test"', '\n\n')), []);
    assert.deepEqual(at(script('"validation"')), [4]);
  });
});
