/** TL409: LoraConfig values by PEFT release (read at every tag v0.3.0–v0.20.0 and the 0.21.0 wheel). */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const tl409 = (pin: string, call: string) => lintSnippet(`${pin}\nfrom peft import LoraConfig\nconfig = LoraConfig(${call})\n`)
  .filter((d) => d.code === 'TL409').map((d) => `${d.severity}: ${d.message}`);

describe('TL409 peft-config-value-unsupported', () => {
  before(ready);

  it('init_lora_weights: an error on a release read before the one that added the value, silent from it', () => {
    const [d] = tl409('# pip install peft==0.13.2', 'r=8, init_lora_weights="eva"');
    assert.match(d, /^error: `init_lora_weights="eva"` \(EVA initialization\) came in PEFT 0\.14; on PEFT 0\.13\.2.*Unknown initialization init_lora_weights='eva'.*peft>=0\.14/);
    assert.deepEqual(tl409('# pip install peft==0.14.0', 'r=8, init_lora_weights="eva"'), []);
    assert.deepEqual(tl409('# pip install peft==0.11.1', 'r=8, init_lora_weights="pissa_niter_4"'), []);
    assert.equal(tl409('# pip install peft==0.10.0', 'r=8, init_lora_weights="pissa_niter_4"').length, 1);
    assert.deepEqual(tl409('# pip install peft==0.12.0', 'r=8, init_lora_weights="OLoRA"'), [], '.lower() == "olora"');
    assert.deepEqual(tl409('# pip install peft==0.25.0', 'r=8, init_lora_weights="mica"'), [], 'a release after those read keeps what 0.21 takes');
  });

  it('init_lora_weights: a string no release takes is an error from 0.7 to the last read, information after; PEFT < 0.7 ignores strings (warning)', () => {
    const [e] = tl409('# pip install peft==0.21.0', 'r=8, init_lora_weights="guassian"');
    assert.match(e, /^error: .*Unknown initialization init_lora_weights='guassian'.*Did you mean "gaussian"\?/);
    const [p] = tl409('# pip install peft==0.12.0', 'r=8, init_lora_weights="pissa_fast"');
    assert.match(p, /^error: .*pissa_init` raises "ValueError: init_lora_weights should be 'pissa' or 'pissa_niter_\[number of iters\]'/);
    assert.match(tl409('# pip install peft==0.25.0', 'r=8, init_lora_weights="guassian"')[0], /^information: .*any PEFT release read \(0\.3–0\.21\)/);
    const [w] = tl409('# pip install peft==0.6.2', 'r=8, init_lora_weights="pissa"');
    assert.match(w, /^warning: `init_lora_weights="pissa"` has no effect on PEFT 0\.6\.2.*PiSSA initialization \(PEFT ≥ 0\.11\) does not happen/);
  });

  it('with the version unknown, leaves a value some release takes and says information for one no release takes', () => {
    assert.deepEqual(tl409('', 'r=8, init_lora_weights="orthogonal"'), [], 'written for PEFT ≥ 0.16, most likely run there');
    assert.deepEqual(tl409('', 'r=8, target_modules="all-linear"'), []);
    assert.deepEqual(tl409('', 'r=8, init_lora_weights=False, target_modules=["q_proj"], task_type="SEQ_CLS"'), []);
    assert.match(tl409('', 'r=8, init_lora_weights="pisa"')[0], /^information: .*not an initialization any PEFT release read.*Did you mean "pissa"\?/);
    assert.match(tl409('# pip install peft==0.15.2', 'r=8, init_lora_weights="orthogonal"')[0], /^error: .*came in PEFT 0\.16/, 'a known older release still errs');
  });

  it('target_modules="all-linear" before 0.8', () => {
    assert.match(tl409('# pip install peft==0.7.1', 'r=8, target_modules="ALL-LINEAR"')[0], /^error: .*Target modules ALL-LINEAR not found in the base model/);
    assert.deepEqual(tl409('# pip install peft==0.8.0', 'r=8, target_modules="all-linear"'), []);
  });

  it('task_type: an error from 0.14, information before', () => {
    assert.match(tl409('# pip install peft==0.14.0', 'r=8, task_type="CAUSAL_LLM"')[0], /^error: .*Invalid task type: 'CAUSAL_LLM'.*Did you mean "CAUSAL_LM"\?/);
    assert.match(tl409('# pip install peft==0.13.2', 'r=8, task_type="causal_lm"')[0], /^information: .*plain `PeftModel`.*Did you mean "CAUSAL_LM"\?/);
  });

  it('the combinations __post_init__ refuses, at the releases that refuse them', () => {
    assert.match(tl409('# pip install peft==0.9.0', 'r=8, use_dora=True, init_lora_weights="loftq", loftq_config=cfg')[0], /^error: `use_dora=True` with `init_lora_weights="loftq"`.*DoRA does not support megatron_core or LoftQ/);
    assert.deepEqual(tl409('# pip install peft==0.10.0', 'r=8, use_dora=True, init_lora_weights="loftq", loftq_config=cfg'), []);
    assert.match(tl409('# pip install peft==0.14.0', 'r=8, lora_bias=True, init_lora_weights="gaussian"')[0], /^error: `lora_bias=True` with `init_lora_weights="gaussian"`.*only supported with init_lora_weights=True or False/);
    assert.match(tl409('# pip install peft==0.7.0', 'r=8, init_lora_weights="loftq", loftq_config=None')[0], /^error: .*`loftq_config` must be specified/);
    assert.match(tl409('', 'r=8, init_lora_weights="loftq"')[0], /^information: .*`loftq_config` must be specified.*on PEFT 0\.7–0\.21/);
  });

  it('leaves values that fail at wrap time when the script catches get_peft_model\'s ValueError', () => {
    const text = '# pip install peft==0.7.1\nfrom peft import LoraConfig, get_peft_model\ncfg = LoraConfig(r=8, target_modules="all-linear")\ntry:\n    model = get_peft_model(model, cfg)\nexcept ValueError:\n    model = get_peft_model(model, LoraConfig(r=8, target_modules=["q_proj"]))\n';
    assert.deepEqual(lintSnippet(text).filter((d) => d.code === 'TL409'), []);
  });
});
