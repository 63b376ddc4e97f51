/** TL501 on a trainer that left the `trl` namespace in 0.29: the message says the import itself fails first. */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const orpo = (pin: string, from = 'trl') => `${pin}
from ${from} import ORPOConfig, ORPOTrainer
trainer = ORPOTrainer(model=model, args=ORPOConfig(output_dir="o"), train_dataset=ds, tokenizer=tokenizer)
`;

function tl501(text: string, path = '/tmp/trainlint-test/orpo.py'): string[] {
  return lintSnippet(text, {}, path).filter((d) => d.code === 'TL501').map((d) => d.message);
}

describe('TL501 and trainers moved to trl.experimental', () => {
  before(ready);

  it('says `from trl import ORPOTrainer` fails on TRL ≥ 0.29 (mlabonne\'s "Fine-tune Llama 3 with ORPO", unpinned install)', () => {
    const [msg] = tl501(orpo('# /// script\n# dependencies = ["trl==0.29.0"]\n# ///'));
    assert.match(msg, /from trl import ORPOTrainer` fails on TRL ≥ 0\.29: the class moved to `trl\.experimental\.orpo`/);
  });

  it('says nothing of the import on TRL 0.28, where `from trl import ORPOTrainer` still works', () => {
    const [msg] = tl501(orpo('# /// script\n# dependencies = ["trl==0.28.0"]\n# ///'));
    assert.ok(msg, 'TL501 still fires: tokenizer= was removed in 0.16');
    assert.doesNotMatch(msg, /experimental/);
  });

  it('names both outcomes when the version is unknown', () => {
    const [msg] = tl501(orpo(''));
    assert.match(msg, /From TRL 0\.29 `from trl import ORPOTrainer` fails too/);
  });

  it('says nothing of the import when the script already imports from trl.experimental.orpo', () => {
    const [msg] = tl501(orpo('# /// script\n# dependencies = ["trl==0.29.0"]\n# ///', 'trl.experimental.orpo'));
    assert.ok(msg);
    assert.doesNotMatch(msg, /experimental/);
  });
});
