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

/** The other PEFT configs (read at v0.6.0–v0.20.0 and the 0.21.0 wheel) and Unsloth's get_peft_model. */
const other = (pin: string, cls: string, call: string) => lintSnippet(`${pin}\nfrom peft import ${cls}\nconfig = ${cls}(${call})\n`)
  .filter((d) => d.code === 'TL409').map((d) => `${d.severity}: ${d.message}`);

describe('TL409 on the other PEFT configs', () => {
  before(ready);

  it('task_type: every config calls PeftConfigMixin.__post_init__ from 0.14', () => {
    assert.match(other('# pip install peft==0.14.0', 'IA3Config', 'task_type="causal_lm"')[0], /^error: .*`IA3Config\.__post_init__` raises "ValueError: Invalid task type: 'causal_lm'.*Did you mean "CAUSAL_LM"\?/);
    assert.match(other('', 'PrefixTuningConfig', 'task_type="CAUSAL"')[0], /^information: .*from PEFT 0\.14 `PrefixTuningConfig\.__post_init__` raises [^;]*$/, 'no plain-PeftModel claim for a prompt-learning config');
    assert.deepEqual(other('# pip install peft==0.13.2', 'PromptTuningConfig', 'task_type="causal_lm", num_virtual_tokens=8'), [], 'before 0.14 a prompt-learning config is not described');
    assert.match(other('# pip install peft==0.13.2', 'LoHaConfig', 'task_type="causal_lm"')[0], /^information: .*plain `PeftModel`/);
    assert.deepEqual(other('# pip install peft==0.14.0', 'LoKrConfig', 'task_type="CAUSAL_LM", r=8'), []);
  });

  it('layers_pattern without layers_to_transform (0.14 on)', () => {
    assert.match(other('# pip install peft==0.17.1', 'LoHaConfig', 'r=8, target_modules=["q_proj"], layers_pattern="layers"')[0], /^error: `layers_pattern=` without `layers_to_transform=`: `LoHaConfig\.__post_init__` raises/);
    assert.match(other('# pip install peft==0.21.0', 'LoraConfig', 'r=8, target_modules=["q_proj"], layers_pattern="layers", layers_to_transform=None')[0], /^error: .*`LoraConfig\.__post_init__`/);
    assert.deepEqual(other('# pip install peft==0.13.2', 'VeraConfig', 'r=8, target_modules=["q_proj"], layers_pattern="layers"'), []);
    assert.deepEqual(other('# pip install peft==0.17.1', 'LoHaConfig', 'r=8, target_modules=["q_proj"], layers_pattern=args.layers_pattern'), [], 'a value not read may be None');
    assert.deepEqual(other('# pip install peft==0.17.1', 'LoKrConfig', 'r=8, target_modules=["q_proj"], layers_pattern="layers", layers_to_transform=[0, 1]'), []);
    assert.deepEqual(other('# pip install peft==0.17.1', 'OFTConfig', 'target_modules=["q_proj"], layers_pattern="layers", **extra'), [], 'a spread may carry layers_to_transform');
    assert.deepEqual(other('', 'BOFTConfig', 'target_modules=["q_proj"], layers_pattern="layers"'), [], 'PEFT 0.11–0.13 took it: silent with the version unknown');
  });

  it('AdaLoraConfig: total_step and the schedule (0.15 on), DoRA (0.11 on)', () => {
    assert.match(other('# pip install peft==0.15.2', 'AdaLoraConfig', 'init_r=12, target_r=8, target_modules=["q_proj"]')[0], /^error: `AdaLoraConfig` without `total_step=`: .*AdaLoRA does not work when `total_step` is None/);
    assert.deepEqual(other('# pip install peft==0.14.0', 'AdaLoraConfig', 'init_r=12, target_r=8'), []);
    assert.deepEqual(other('', 'AdaLoraConfig', 'init_r=12, target_r=8'), [], 'PEFT 0.3–0.14 build it: silent with the version unknown');
    assert.deepEqual(other('# pip install peft==0.15.2', 'AdaLoraConfig', 'init_r=12, total_step=steps'), [], 'a value the rule cannot evaluate');
    assert.deepEqual(other('# pip install peft==0.15.2', 'AdaLoraConfig', '**kwargs'), []);
    assert.match(other('# pip install peft==0.17.1', 'AdaLoraConfig', 'total_step=1000, tinit=200, tfinal=800')[0], /^error: `tinit=200` is not below `total_step - tfinal` \(1000 - 800\)/);
    assert.deepEqual(other('# pip install peft==0.17.1', 'AdaLoraConfig', 'total_step=1000, tinit=200, tfinal=500'), []);
    assert.match(other('# pip install peft==0.11.1', 'AdaLoraConfig', 'use_dora=True, total_step=100')[0], /^error: .*does not support DoRA/);
  });

  it('IA3Config: feedforward_modules must be among target_modules (0.6.1 on)', () => {
    assert.match(other('# pip install peft==0.10.0', 'IA3Config', 'target_modules=["k_proj", "v_proj"], feedforward_modules=["down_proj"]')[0], /^error: `feedforward_modules` names "down_proj", which `target_modules` does not/);
    assert.deepEqual(other('# pip install peft==0.10.0', 'IA3Config', 'target_modules=["k_proj", "v_proj", "down_proj"], feedforward_modules=["down_proj"]'), []);
    assert.deepEqual(other('# pip install peft==0.10.0', 'IA3Config', 'target_modules="all-linear", feedforward_modules=["down_proj"]'), []);
  });

  it('BOFTConfig: exactly one of boft_block_size (default 4) and boft_block_num (0.11 on)', () => {
    assert.match(other('# pip install peft==0.12.0', 'BOFTConfig', 'boft_block_num=8, target_modules=["q_proj"]')[0], /^error: `boft_block_size=4` \(the default\) with `boft_block_num=8`/);
    assert.deepEqual(other('# pip install peft==0.12.0', 'BOFTConfig', 'boft_block_num=8, boft_block_size=0'), []);
    assert.match(other('# pip install peft==0.12.0', 'BOFTConfig', 'boft_block_size=0')[0], /^error: .*must be non-zero/);
    assert.match(other('', 'BOFTConfig', 'boft_block_num=2')[0], /^information: .*on PEFT 0\.11–0\.21/);
  });

  it('OFTConfig: exactly one of r and oft_block_size, with the release\'s defaults (0.14: r=8; 0.16: oft_block_size=32)', () => {
    assert.match(other('# pip install peft==0.17.1', 'OFTConfig', 'r=8, target_modules=["q_proj"]')[0], /^error: `r=8` with `oft_block_size=32` \(the default\).*PEFT 0\.16 changed the defaults/);
    assert.deepEqual(other('# pip install peft==0.15.2', 'OFTConfig', 'r=8'), []);
    assert.deepEqual(other('', 'OFTConfig', 'r=8'), [], 'some release read takes it');
    assert.match(other('# pip install peft==0.15.2', 'OFTConfig', 'oft_block_size=32')[0], /^error: `r=8` \(the default\) with `oft_block_size=32`.*before PEFT 0\.16/);
    assert.match(other('', 'OFTConfig', 'r=4, oft_block_size=16')[0], /^information: .*not both simultaneously.*on PEFT 0\.14–0\.21/);
    assert.deepEqual(other('# pip install peft==0.17.1', 'OFTConfig', 'r=0, oft_block_size=32'), []);
    assert.deepEqual(other('# pip install peft==0.13.2', 'OFTConfig', 'r=8'), []);
  });

  it('PromptTuningConfig: the initialization\'s name and what TEXT needs', () => {
    assert.match(other('# pip install peft==0.13.2', 'PromptTuningConfig', 'prompt_tuning_init="text", prompt_tuning_init_text="Classify", tokenizer_name_or_path="gpt2"')[0], /^warning: `prompt_tuning_init="text"` is not a `PromptTuningInit` value.*random initialization.*Did you mean "TEXT"\?/);
    assert.match(other('', 'PromptTuningConfig', 'prompt_tuning_init="Text"')[0], /^information: /);
    assert.deepEqual(other('# pip install peft==0.13.2', 'PromptTuningConfig', 'prompt_tuning_init="random"'), [], 'random is random either way');
    assert.match(other('# pip install peft==0.17.1', 'PromptTuningConfig', 'prompt_tuning_init="SAMPLE_VOCAB"')[0], /^warning: .*came in PEFT 0\.18/);
    assert.deepEqual(other('# pip install peft==0.18.0', 'PromptTuningConfig', 'prompt_tuning_init="SAMPLE_VOCAB"'), []);
    assert.match(other('# pip install peft==0.10.0', 'PromptTuningConfig', 'prompt_tuning_init="TEXT", prompt_tuning_init_text="Classify"')[0], /^error: `prompt_tuning_init="TEXT"` without `tokenizer_name_or_path=`/);
    const text = '# pip install peft==0.12.0\nfrom peft import PromptTuningConfig, PromptTuningInit\nc = PromptTuningConfig(prompt_tuning_init=PromptTuningInit.TEXT, tokenizer_name_or_path="gpt2")\n';
    assert.match(lintSnippet(text).filter((d) => d.code === 'TL409')[0].message, /without `prompt_tuning_init_text=`/);
    assert.deepEqual(other('# pip install peft==0.9.0', 'PromptTuningConfig', 'prompt_tuning_init="TEXT", prompt_tuning_init_text="Classify"'), []);
    assert.match(other('# pip install peft==0.12.0', 'PromptTuningConfig', 'tokenizer_kwargs={"use_fast": False}')[0], /^error: `tokenizer_kwargs=` with the default `prompt_tuning_init` \(RANDOM\)/);
    assert.deepEqual(other('# pip install peft==0.12.0', 'PromptTuningConfig', 'prompt_tuning_init="TEXT", prompt_tuning_init_text="x", tokenizer_name_or_path="gpt2", tokenizer_kwargs={"use_fast": False}'), []);
  });
});

describe('TL409 on Unsloth\'s get_peft_model', () => {
  before(ready);
  const unsloth = (pin: string, call: string) => lintSnippet(`${pin}\nfrom unsloth import FastLanguageModel, FastModel\nmodel = FastLanguageModel.get_peft_model(model, ${call})\n`)
    .filter((d) => d.code === 'TL409').map((d) => `${d.severity}: ${d.message}`);

  it('init_lora_weights: Unsloth takes True, False, "gaussian", "loftq" ("corda" from 2025.12.9), from 2025.7 on every path', () => {
    assert.match(unsloth('# pip install unsloth==2025.8.1', 'r=16, init_lora_weights="pissa"')[0], /^error: `init_lora_weights="pissa"` in Unsloth's `FastLanguageModel\.get_peft_model`: Unsloth raises "ValueError: Unsloth: `init_lora_weights` must be either \[True, False, "gaussian", "loftq"\]\."/);
    assert.match(unsloth('# pip install unsloth==2026.3.1', 'r=16, init_lora_weights="Gaussian"')[0], /"corda"\]\.".*write "gaussian"/);
    assert.match(unsloth('# pip install unsloth==2025.9.1', 'r=16, init_lora_weights="corda"')[0], /^error: /);
    assert.deepEqual(unsloth('# pip install unsloth==2026.3.1', 'r=16, init_lora_weights="corda"'), []);
    assert.deepEqual(unsloth('# pip install unsloth==2025.8.1', 'r=16, init_lora_weights="loftq", loftq_config=cfg'), []);
    assert.deepEqual(unsloth('', 'r=16, init_lora_weights="pissa"'), [], 'version unknown: before 2025.7 the FastModel path took it');
    assert.deepEqual(unsloth('# pip install unsloth==2025.6.1', 'r=16, init_lora_weights="pissa"'), []);
    assert.deepEqual(unsloth('# pip install unsloth==2025.8.1', 'r=16, init_lora_weights=False'), []);
  });

  it('modules_to_save: llama.py takes only "lm_head" and "embed_tokens"; from 2025.3.10 the model decides the path', () => {
    assert.match(unsloth('# pip install unsloth==2025.2.15', 'r=16, modules_to_save=["lm_head", "score"]')[0], /^error: `modules_to_save` with "score" in Unsloth's `FastLanguageModel\.get_peft_model`: Unsloth raises "TypeError: Unsloth: Module = score is not allowed\. Only 'lm_head' and 'embed_tokens' is allowed\."/);
    assert.match(unsloth('# pip install unsloth==2024.8', 'r=16, modules_to_save=("Embed_tokens",)')[0], /^error: .*"Embed_tokens"/);
    assert.match(unsloth('# pip install unsloth==2026.3.1', 'r=16, modules_to_save=["score"]')[0], /^information: .*for a model `FastLanguageModel` loads through its own \(llama\.py\) path, Unsloth raises .*Unsloth 2026\.3\.1/);
    assert.match(unsloth('', 'r=16, modules_to_save=["score"]')[0], /^information: .*Unsloth \(version unknown\)/);
    assert.deepEqual(unsloth('# pip install unsloth==2024.3', 'r=16, modules_to_save=["score"]'), [], 'before 4a885399 llama.py skipped other names');
    assert.deepEqual(unsloth('# pip install unsloth==2025.2.15', 'r=16, modules_to_save=["lm_head", "embed_tokens"]'), []);
    assert.deepEqual(unsloth('# pip install unsloth==2025.2.15', 'r=16, modules_to_save=cfg.modules'), []);
    const fastModel = lintSnippet('# pip install unsloth==2025.2.15\nfrom unsloth import FastModel\nmodel = FastModel.get_peft_model(model, r=16, modules_to_save=["score"])\n');
    assert.deepEqual(fastModel.filter((d) => d.code === 'TL409'), [], 'vision.py takes any name');
  });
});
