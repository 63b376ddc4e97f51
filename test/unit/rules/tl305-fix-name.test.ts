/**
 * TL305's fix writes the length under the name the TRL release takes: `max_length=` from 0.16, `max_seq_length=` on 0.15
 * (huggingface/trl v0.15.2 `trl/trainer/sft_config.py` has no `max_length`). With TRL's version unknown the name is a
 * guess: the fix is unsafe and the message names both (session 26).
 */
import assert from 'node:assert/strict';
import { ALL_RULES } from '../../../server/src/engine/index';
import { lintSnippet, ready } from '../helpers';

const script = (pin: string) => `${pin}
from unsloth import FastLanguageModel
from trl import SFTTrainer, SFTConfig

model, tokenizer = FastLanguageModel.from_pretrained("unsloth/Llama-3.2-3B-Instruct", max_seq_length=8192)
trainer = SFTTrainer(model=model, train_dataset=ds, args=SFTConfig(output_dir="o"))
`;
const tl305 = (text: string) => lintSnippet(text, { rules: ALL_RULES.filter((r) => r.code === 'TL305') });

describe('TL305 fix: the keyword name by TRL release', () => {
  before(ready);

  it('TRL unknown: unsafe, and the message names max_seq_length for TRL 0.15', () => {
    const [d] = tl305(script(''));
    assert.equal(d.fixes[0]?.applicability, 'unsafe');
    assert.equal(d.fixes[0]?.title, 'Set max_length=8192 in SFTConfig');
    assert.match(d.message, /Set `max_length=8192` \(`max_seq_length=` on TRL 0\.15, whose SFTConfig has no `max_length`\)\.$/);
  });

  it('TRL known: safe, under the name that release takes', () => {
    const [newer] = tl305(script('# pip install trl==0.19.1'));
    assert.equal(newer.fixes[0]?.applicability, 'safe');
    assert.equal(newer.fixes[0]?.title, 'Set max_length=8192 in SFTConfig');
    assert.doesNotMatch(newer.message, /max_seq_length=` on TRL 0\.15/);
    const [older] = tl305(script('# pip install trl==0.15.2'));
    assert.equal(older?.fixes[0]?.applicability, 'safe');
    assert.equal(older?.fixes[0]?.title, 'Set max_seq_length=8192 in SFTConfig');
  });
});
