/**
 * TL315 (huggingface/trl#5800): SFTTrainer's own metrics as `metric_for_best_model`. `log()` built a new dict on v0.15.0–
 * v0.21.0 and v0.27.0–v1.4.0 (`trl/trainer/sft_trainer.py`), updated it in place on v0.22.0–v0.26.2 and from v1.5.0
 * (trl#5811); before v0.15.0 (`mean_token_accuracy`) the metric is not logged at all.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const script = (pin: string, metric = 'mean_token_accuracy', extra = '') => `${pin}
from trl import SFTConfig, SFTTrainer
args = SFTConfig(output_dir="o", eval_strategy="epoch", save_strategy="epoch", load_best_model_at_end=True,
                 metric_for_best_model="${metric}")
trainer = SFTTrainer(model="m", args=args, train_dataset=ds, eval_dataset=ev${extra})
`;

function tl315(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/sft.py').filter((d) => d.code === 'TL315')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL315: an SFT metric as metric_for_best_model', () => {
  before(ready);

  it('is an error where log() builds a new dict: TRL 0.15.0, 0.21.0, 0.27.0, 1.4.0 (trl#5800)', () => {
    for (const v of ['0.15.0', '0.21.0', '0.27.0', '1.4.0']) {
      const [d] = tl315(script(`# pip install trl==${v}`));
      assert.equal(d?.severity, 'error', v);
      assert.match(d.message, /set to 'eval_mean_token_accuracy', which is not found/);
      assert.match(d.message, /new dict/);
    }
  });

  it('is silent where log() updates the dict in place: 0.22.0, 0.26.2, 1.5.0', () => {
    for (const v of ['0.22.0', '0.26.2', '1.5.0']) assert.deepEqual(tl315(script(`# pip install trl==${v}`)), [], v);
  });

  it('says the metric is not logged yet on a release before it (entropy on 0.20.0)', () => {
    const [d] = tl315(script('# pip install trl==0.20.0', 'eval_entropy'));
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /does not log `entropy` before TRL 0\.22/);
  });

  it('is information naming both ranges when TRL is not pinned', () => {
    const [d] = tl315(script(''));
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /TRL < 0\.22 or TRL ≥ 0\.27 and < 1\.5/);
  });

  it('is silent with compute_metrics= (it may return the metric)', () => {
    assert.deepEqual(tl315(script('# pip install trl==1.4.0', 'mean_token_accuracy', ', compute_metrics=metrics_fn')), []);
  });
});

describe('TL315: an untracked SFT metric (transformers ≥ 4.47 looks it up after every evaluation)', () => {
  before(ready);
  const untracked = (pins: string) => `# pip install ${pins}
from trl import SFTConfig, SFTTrainer
args = SFTConfig(output_dir="o", eval_strategy="steps", metric_for_best_model="mean_token_accuracy")
trainer = SFTTrainer(model="m", args=args, train_dataset=ds, eval_dataset=ev)
`;

  it('is an error with TRL 1.4.0 and transformers 5.6.0', () => {
    const [d] = tl315(untracked('trl==1.4.0 transformers==5.6.0'));
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /after every evaluation, even without `load_best_model_at_end`/);
  });

  it('is silent with transformers 4.46.0, and with TRL 1.5.0', () => {
    assert.deepEqual(tl315(untracked('trl==0.21.0 transformers==4.46.0')), []);
    assert.deepEqual(tl315(untracked('trl==1.5.0 transformers==5.6.0')), []);
  });

  it('is information when transformers is unknown', () => {
    const [d] = tl315(untracked('trl==1.4.0'));
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /transformers ≥ 4\.47/);
  });
});
