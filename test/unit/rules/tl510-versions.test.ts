/** TL510: the severity follows the installed transformers (removed in 5.0, or deprecated 5.0–5.14 and removed in 5.15). */
import assert from 'node:assert/strict';
import { LATEST_KNOWN } from '../../../server/src/engine/env/latest-known';
import { lintSnippet, ready } from '../helpers';

const script = (pin: string, args: string, imports = 'from transformers import TrainingArguments') =>
  `${pin}\n${imports}\nargs = TrainingArguments(output_dir="out", ${args})\n`;

function tl510(text: string) {
  return lintSnippet(text).filter((d) => d.code === 'TL510');
}

describe('TL510 training-args-removed-in-v5 by version', () => {
  before(ready);

  it('is an error on transformers 5.0 for a name removed there, naming the replacement', () => {
    const [d] = tl510(script('# pip install transformers==5.0.0', 'no_cuda=True'));
    assert.equal(d.severity, 'error');
    assert.match(d.message, /`no_cuda=` was removed from TrainingArguments in transformers 5 \(transformers 5\.0\.0.*unexpected keyword argument 'no_cuda'.*use `use_cpu=`/);
  });

  it('is silent on transformers 4.57 and on a 5.0 pre-release it cannot decide is only information', () => {
    assert.equal(tl510(script('# pip install transformers==4.57.1', 'no_cuda=True')).length, 0);
    const [d] = tl510(script('# pip install transformers==5.0.0rc1', 'no_cuda=True'));
    assert.equal(d.severity, 'information');
  });

  it('warmup_ratio: silent on 4.x, information with the Deprecated tag on 5.0–5.14, error from 5.15', () => {
    assert.equal(tl510(script('# pip install transformers==4.57.1', 'warmup_ratio=0.1')).length, 0);
    const [dep] = tl510(script('# pip install transformers==5.14.1', 'warmup_ratio=0.1'));
    assert.equal(dep.severity, 'information');
    assert.deepEqual(dep.tags, ['deprecated']);
    assert.match(dep.message, /deprecated .* and removed in transformers 5\.15/);
    const [gone] = tl510(script('# pip install transformers==5.15.0', 'warmup_ratio=0.1'));
    assert.equal(gone.severity, 'error');
  });

  it('an unpinned install is the newest known transformers (≥ 5.15): warmup_ratio is an error and the message says so', () => {
    const [d] = tl510(script('!pip install transformers', 'warmup_ratio=0.1'));
    assert.equal(d.severity, 'error');
    assert.ok(d.message.includes(`assuming transformers ${LATEST_KNOWN.transformers.version}, the newest known as of ${LATEST_KNOWN.transformers.asOf}`), d.message);
  });

  it('an unknown version is information naming the range, with the fix unsafe', () => {
    const [d] = tl510(script('', 'per_gpu_train_batch_size=8'));
    assert.equal(d.severity, 'information');
    assert.match(d.message, /rejected by TrainingArguments with transformers ≥ 5\.0/);
    assert.deepEqual(d.fixes.map((f) => f.applicability), ['unsafe']);
  });

  const unslothScript = (unsloth: string) => `# pip install transformers==5.2.0 trl==0.27.0 ${unsloth}
from unsloth import FastLanguageModel
from trl import SFTConfig
from transformers import TrainingArguments
a = SFTConfig(output_dir="out", overwrite_output_dir=True)
b = TrainingArguments(output_dir="out", overwrite_output_dir=True)
`;
  const byLine = (text: string) => tl510(text).sort((x, y) => x.range.start.line - y.range.start.line);

  it('a TRL config behind an Unsloth import that drops the argument (≥ 2026.8.15) is a warning; TrainingArguments stays an error', () => {
    const [sft, plain] = byLine(unslothScript('unsloth==2026.8.19'));
    assert.equal(sft.severity, 'warning');
    assert.match(sft.message, /Unsloth's patched config drops it with a warning: the setting has no effect/);
    assert.equal(plain.severity, 'error');
  });

  it('with Unsloth unpinned-unknown it is information naming both outcomes; an older Unsloth raises like TRL alone', () => {
    const [unknown] = byLine(unslothScript(''));
    assert.equal(unknown.severity, 'information');
    assert.match(unknown.message, /raises TypeError, or \(Unsloth ≥ 2026\.8\.15\) drops it/);
    const [old] = byLine(unslothScript('unsloth==2026.8.1'));
    assert.equal(old.severity, 'error');
    assert.match(old.message, /unexpected keyword argument 'overwrite_output_dir'/);
  });
  it("a warmup_ratio Unsloth drops leaves its own default warmup_steps=0.1: 0.1 is information, another ratio a warning that says so", () => {
    // unslothai/notebooks nb/AMD-Gemma4_(E2B)_GRPO.ipynb (warmup_ratio = 0.1) and AMD-Gemma4_(E2B)-Vision.ipynb (0.03),
    // transformers and Unsloth installed unpinned (5.15.0, 2026.8.19).
    const text = `# pip install unsloth==2026.8.19 transformers==5.15.0 trl==0.24.0
from unsloth import FastLanguageModel
from trl import GRPOConfig, SFTConfig
a = GRPOConfig(output_dir="o", warmup_ratio=0.1)
b = SFTConfig(output_dir="o", warmup_ratio=0.03)
c = SFTConfig(output_dir="o", warmup_ratio=0.03, warmup_steps=10)
d = SFTConfig(output_dir="o", warmup_ratio=0.03, warmup_steps=0)
`;
    const [a, b, c, d] = byLine(text);
    assert.equal(a.severity, 'information');
    assert.match(a.message, /keeps its own default `warmup_steps=0\.1`, the same warmup of 10% of the steps/);
    assert.equal(b.severity, 'warning');
    assert.match(b.message, /its own default `warmup_steps=0\.1` \(10% of the steps\) instead of 3%/);
    assert.equal(c.severity, 'information', 'warmup_steps given too decided the warmup anyway');
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /the setting has no effect/);
  });
});
