/**
 * TL501 on TRL trainers whose `tokenizer=` deprecation shim was shorter than SFTTrainer's (huggingface/trl
 * `trl/trainer/<name>_trainer.py`: v0.12.0 decorates only sft and dpo; v0.12.1 all twelve; ORPOTrainer keeps it to
 * v0.14, KTOTrainer to v0.13, BCOTrainer to v0.12.2). unslothai/unsloth#1285: ORPOTrainer(tokenizer=…) on TRL 0.12.0.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const trainer = (pin: string, kind = 'ORPOTrainer', config = 'ORPOConfig') => `# pip install ${pin}
from trl import ${config}, ${kind}
trainer = ${kind}(model=model, args=${config}(output_dir="o"), train_dataset=ds, tokenizer=tokenizer)
`;

function tl501(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/shim.py').filter((d) => d.code === 'TL501')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL501: the tokenizer= shim of each TRL trainer', () => {
  before(ready);

  it('is an error for ORPOTrainer on TRL 0.12.0, which had no shim (unsloth#1285)', () => {
    const [d] = tl501(trainer('trl==0.12.0'));
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /not accepted by ORPOTrainer \(TRL 0\.12\.0, [^)]*\)/);
    assert.match(d.message, /only TRL 0\.12\.1–0\.14 kept `tokenizer=`/);
  });

  it('is an error for ORPOTrainer on TRL 0.15.2, whose __init__ lost the shim', () => {
    assert.equal(tl501(trainer('trl==0.15.2'))[0]?.severity, 'error');
  });

  it('is deprecation information for ORPOTrainer on TRL 0.13.0, inside the shim', () => {
    const [d] = tl501(trainer('trl==0.13.0'));
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /deprecated in ORPOTrainer .* rejected from TRL 0\.15/);
  });

  it('is an error for KTOTrainer on TRL 0.14.0 (shim gone), information on 0.13.0', () => {
    assert.equal(tl501(trainer('trl==0.14.0', 'KTOTrainer', 'KTOConfig'))[0]?.severity, 'error');
    assert.equal(tl501(trainer('trl==0.13.0', 'KTOTrainer', 'KTOConfig'))[0]?.severity, 'information');
  });

  it('keeps SFTTrainer deprecated (not removed) through TRL 0.15', () => {
    assert.equal(tl501(trainer('trl==0.12.0', 'SFTTrainer', 'SFTConfig'))[0]?.severity, 'information');
    assert.equal(tl501(trainer('trl==0.15.2', 'SFTTrainer', 'SFTConfig'))[0]?.severity, 'information');
  });

  it('is silent before TRL 0.12, where tokenizer= is the name', () => {
    assert.deepEqual(tl501(trainer('trl==0.11.4')), []);
  });

  it('is information naming both rejecting ranges when the version is unknown', () => {
    const [d] = tl501(trainer('datasets'));
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /rejected by ORPOTrainer with TRL 0\.12\.0 and TRL ≥ 0\.15 \(accepted with a deprecation warning only in TRL 0\.12\.1–0\.14/);
  });

  it('gives PPOTrainer its own window: native before 0.12, rejected on 0.12.0, shimmed 0.12.1–0.14, rejected from 0.15 (gtamer2/rl_final_project)', () => {
    const ppo = (pin: string) => tl501(trainer(pin, 'PPOTrainer', 'PPOConfig'));
    assert.deepEqual(ppo('trl==0.11.4'), []);
    assert.equal(ppo('trl==0.12.0')[0]?.severity, 'error');
    assert.equal(ppo('trl==0.13.0')[0]?.severity, 'information');
    assert.equal(ppo('trl==0.15.0')[0]?.severity, 'error');
    assert.match(ppo('datasets')[0]?.message ?? '', /rejected by PPOTrainer with TRL 0\.12\.0 and TRL ≥ 0\.15/);
  });
});
