/**
 * TL123: `metric_for_best_model` that evaluation provably never computes. transformers `trainer.py`: the lookup is in
 * `_save_checkpoint(…, metrics)` up to v4.46.0 (a tracked best model), and in `_determine_best_metric`, called after every
 * evaluation by `_maybe_log_save_evaluate`, from v4.47.0 (through v5.15.0), tracked or not.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const script = (pins: string, config: string, extra = '', pre = '') => `# pip install ${pins}
from transformers import Trainer, TrainingArguments
${pre}
args = TrainingArguments(output_dir="o", eval_strategy="epoch", ${config})
trainer = Trainer(model=m, args=args, train_dataset=ds, eval_dataset=ev${extra})
`;
const TRACKED = 'save_strategy="epoch", load_best_model_at_end=True, metric_for_best_model="accuracy"';
const UNTRACKED = 'metric_for_best_model="accuracy"';

function tl123(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/tl123.py').filter((d) => d.code === 'TL123')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL123: metric_for_best_model that evaluation never computes', () => {
  before(ready);

  it('is an error for a tracked best model without compute_metrics, on any transformers release', () => {
    for (const pins of ['transformers==4.40.0', 'transformers==4.57.0', 'numpy']) {
      const [d] = tl123(script(pins, TRACKED));
      assert.equal(d?.severity, 'error', pins);
      assert.match(d.message, /no `compute_metrics`.*not `eval_accuracy`/);
    }
  });

  it('untracked: an error from transformers 4.47, silent on 4.46, information when unknown', () => {
    assert.equal(tl123(script('transformers==4.47.0', UNTRACKED))[0]?.severity, 'error');
    assert.deepEqual(tl123(script('transformers==4.46.0', UNTRACKED)), []);
    const [d] = tl123(script('numpy', UNTRACKED));
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /transformers ≥ 4\.47; the installed version is unknown/);
  });

  it('names the keys compute_metrics returns when none is the metric', () => {
    const pre = 'def metrics(p):\n    return {"acc": 1.0}\n';
    const [d] = tl123(script('transformers==4.57.0', TRACKED, ', compute_metrics=metrics', pre));
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /returns "acc", not "accuracy"/);
  });

  it('is silent when compute_metrics returns it, or its keys are not literal', () => {
    const returns = 'def metrics(p):\n    return {"accuracy": 1.0}\n';
    assert.deepEqual(tl123(script('transformers==4.57.0', TRACKED, ', compute_metrics=metrics', returns)), []);
    const computed = 'def metrics(p):\n    return acc.compute(predictions=p.predictions, references=p.label_ids)\n';
    assert.deepEqual(tl123(script('transformers==4.57.0', TRACKED, ', compute_metrics=metrics', computed)), []);
    assert.deepEqual(tl123(script('transformers==4.57.0', TRACKED, ', compute_metrics=imported')), []);
  });

  it('is silent for the loss and the speed metrics', () => {
    for (const m of ['loss', 'eval_loss', 'eval_runtime', 'validation_loss']) {
      assert.deepEqual(tl123(script('transformers==4.57.0', `save_strategy="epoch", load_best_model_at_end=True, metric_for_best_model="${m}"`)), [], m);
    }
  });
});
