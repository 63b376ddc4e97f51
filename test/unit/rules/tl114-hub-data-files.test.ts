/**
 * TL114 on a Hub repository given `data_files=` (huggingface/datasets#7394): the files name the splits (datasets
 * `sanitize_patterns`, one path is "train") when the repository has no loading script, which datasets 4.0 refuses.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const script = (pin: string) => `${pin}
from datasets import load_dataset

ds = load_dataset("allenai/super", split="all_examples", data_files="tasks/expert.jsonl")
`;

function tl114(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/load.py').filter((d) => d.code === 'TL114')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL114: a Hub repository with data_files=', () => {
  before(ready);

  it('is an error on datasets 4.0 and later', () => {
    const [d] = tl114(script('# pip install datasets==4.0.0'));
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /Unknown split "all_examples"/);
  });

  it('is information before datasets 4.0 and on an unknown release, naming the assumption', () => {
    for (const pin of ['# pip install datasets==3.2.0', '']) {
      const [d] = tl114(script(pin));
      assert.equal(d?.severity, 'information', pin);
      assert.match(d.message, /assuming the Hub repository has no loading script/);
    }
  });
});
