/**
 * TL514 and TL515 as a user sees them: an error where the installed versions are known to reject the argument or the
 * config class, information when no version is known, Unsloth's patched configs a warning (the argument is dropped),
 * the closest field named and offered as an unsafe rename. Read from the rules' fixtures and small scripts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../../server/src/engine/index';
import { Environment } from '../../../server/src/engine/env/versions';
import { keywordPresence } from '../../../server/src/engine/domain/config-fields';
import { lintSnippet, ready } from '../helpers';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'rules');
const rules = (code: string) => ({ rules: ALL_RULES.filter((r) => r.code === code) });
const lint = (code: string, file: string) => lintSnippet(readFileSync(join(FIXTURES, code, file), 'utf8'), rules(code));
const severities = (code: string, file: string) => lint(code, file).map((d) => `${d.range.start.line + 1} ${d.severity}`);
const env = (v: Record<string, string>) => new Environment(new Map(Object.entries(v).map(([k, version]) => [k, { version, source: 'test' }])));

describe('TL514 unknown-config-argument and TL515 trainer-config-class-mismatch', () => {
  before(ready);

  it('the field table: a TRL config takes its own fields at the TRL version and TrainingArguments fields at transformers', () => {
    const e = env({ trl: '0.24.0', transformers: '4.57.1' });
    assert.equal(keywordPresence(e, 'GRPOConfig', 'vllm_mode'), 'accepted');
    assert.equal(keywordPresence(e, 'GRPOConfig', 'per_device_train_batch_size'), 'accepted');
    assert.equal(keywordPresence(e, 'GRPOConfig', 'max_new_tokens'), 'rejected');
    assert.equal(keywordPresence(env({ trl: '0.16.1', transformers: '4.57.1' }), 'GRPOConfig', 'vllm_mode'), 'rejected');
    // transformers below the releases read (4.2 on): its side is unknown, so nothing is rejected.
    assert.equal(keywordPresence(env({ trl: '0.24.0', transformers: '4.1.0' }), 'GRPOConfig', 'max_new_tokens'), 'unknown');
    assert.equal(keywordPresence(env({ trl: '0.24.0', transformers: '4.40.0' }), 'GRPOConfig', 'max_new_tokens'), 'rejected');
    // train_sampling_strategy came in 5.2 (every 5.x series to 5.15 is read).
    assert.equal(keywordPresence(env({ transformers: '5.1.0' }), 'TrainingArguments', 'train_sampling_strategy'), 'rejected');
    assert.equal(keywordPresence(env({ transformers: '5.3.0' }), 'TrainingArguments', 'train_sampling_strategy'), 'accepted');
    assert.equal(keywordPresence(env({ transformers: '4.57.6' }), 'TrainingArguments', 'train_sampling_strategy'), 'rejected');
    // A field that changed inside a gap between releases read (TRL 1.9.0 → 1.13.0) is unknown there; one both ends
    // agree on (transformers 5.15.0 → 5.17.0) is taken across the gap.
    assert.equal(keywordPresence(env({ trl: '1.9.0', transformers: '5.17.0' }), 'DistillationConfig', 'generation_batch_size'), 'accepted');
    assert.equal(keywordPresence(env({ trl: '1.11.0', transformers: '5.17.0' }), 'DistillationConfig', 'generation_batch_size'), 'unknown');
    assert.equal(keywordPresence(env({ transformers: '5.16.0' }), 'TrainingArguments', 'per_device_train_batch_size'), 'accepted');
  });

  it('TL514: errors on known versions, the closest field named and offered as an unsafe rename', () => {
    assert.deepEqual(severities('TL514', 'typos.py'), ['8 error', '10 error', '12 error', '16 error', '18 error', '20 error']);
    const [batch, newTokens] = lint('TL514', 'typos.py');
    assert.match(batch.message, /`per_device_batch_size=` is not an argument of GRPOConfig \(TRL 0\.24\.0.*transformers 4\.57\.1.*unexpected keyword argument 'per_device_batch_size'"; did you mean `per_device_train_batch_size`\?/);
    assert.deepEqual(batch.fixes.map((f) => f.applicability), ['unsafe']);
    assert.match(newTokens.message, /did you mean `max_completion_length`/);
    const eval_ = lint('TL514', 'typos.py')[4];
    assert.match(eval_.message, /evaluation_stratgy.*did you mean `eval_strategy`/);
    assert.deepEqual(severities('TL514', 'too_new.py'), ['5 error']);
  });

  it('TL514: a name no release read ever had is information when the version is unknown, saying what it assumed', () => {
    const ds = lint('TL514', 'unknown_version.py');
    assert.deepEqual(ds.map((d) => d.severity), ['information', 'information']);
    assert.match(ds[0].message, /in any release trainlint has read \(TRL 0\.11\.0–1\.13\.0 and transformers 4\.2\.2–4\.57\.6 and 5\.0\.0–5\.15\.0, a release of each series, and 5\.17\.0, 5\.18\.0\)/);
    assert.match(ds[1].message, /`lr=`.*did you mean `learning_rate`/);
  });

  it('TL514 on PEFT configs: gated on the PEFT version, the release that added the field named', () => {
    assert.equal(keywordPresence(env({ peft: '0.8.2' }), 'LoraConfig', 'use_dora'), 'rejected');
    assert.equal(keywordPresence(env({ peft: '0.9.0' }), 'LoraConfig', 'use_dora'), 'accepted');
    assert.equal(keywordPresence(env({ peft: '0.7.1' }), 'LoraConfig', 'use_rslora'), 'rejected');
    assert.equal(keywordPresence(env({ peft: '0.21.0' }), 'LoraConfig', 'target_parameters'), 'accepted');
    // Inherited from PeftConfig; AdaLoraConfig is built on LoraConfig.
    assert.equal(keywordPresence(env({ peft: '0.3.0' }), 'LoraConfig', 'task_type'), 'accepted');
    assert.equal(keywordPresence(env({ peft: '0.13.2' }), 'AdaLoraConfig', 'use_dora'), 'accepted');
    // Before the first release read (0.3.0), after the last (0.21.0) or unpinned: unknown, never rejected.
    assert.equal(keywordPresence(env({ peft: '0.2.0' }), 'LoraConfig', 'max_length'), 'unknown');
    assert.equal(keywordPresence(env({ peft: '0.22.0' }), 'LoraConfig', 'max_length'), 'unknown');
    assert.equal(keywordPresence(env({}), 'LoraConfig', 'use_dora'), 'unknown');
    // No TrainingArguments side: a transformers pin does not make LoraConfig take output_dir.
    assert.equal(keywordPresence(env({ peft: '0.13.2', transformers: '4.57.1' }), 'LoraConfig', 'output_dir'), 'rejected');
    const [dora, rslora, maxLength, prompt] = lint('TL514', 'peft_old.py');
    assert.deepEqual(severities('TL514', 'peft_old.py'), ['7 error', '9 error', '11 error', '13 error']);
    assert.match(dora.message, /`use_dora=` is not an argument of LoraConfig \(PEFT 0\.7\.1.*; it came in PEFT 0\.9\): it raises "TypeError: LoraConfig\.__init__\(\) got an unexpected keyword argument 'use_dora'"/);
    assert.match(rslora.message, /it came in PEFT 0\.8/);
    assert.doesNotMatch(maxLength.message, /came in/);
    assert.match(prompt.message, /PromptTuningConfig.*it came in PEFT 0\.17/);
    assert.deepEqual(lint('TL514', 'near_miss_peft.py'), []);
    const [unknown] = lint('TL514', 'peft_unknown_version.py');
    assert.equal(unknown.severity, 'information');
    assert.match(unknown.message, /`max_length=`.*in any release trainlint has read \(PEFT 0\.3\.0–0\.21\.0\)/);
  });

  it('TL514 under Unsloth: its own fields accepted, a typo a warning from 2026.8.15, an error before', () => {
    assert.deepEqual(severities('TL514', 'unsloth.py'), ['11 warning']);
    assert.match(lint('TL514', 'unsloth.py')[0].message, /drops it with a warning: the setting has no effect/);
    assert.deepEqual(severities('TL514', 'unsloth_old.py'), ['6 error']);
    // A field of other TRL releases that Unsloth drops (`loss_type` before TRL 0.23) is information; a typo a warning.
    assert.deepEqual(severities('TL514', 'unsloth_other_release.py'), ['7 information', '7 warning']);
    const unknownUnsloth = lintSnippet('# pip install trl==0.24.0 transformers==4.57.1\nfrom unsloth import FastLanguageModel\nfrom trl import SFTConfig\nc = SFTConfig(output_dir="o", learnng_rate=1e-4)\n', rules('TL514'));
    assert.deepEqual(unknownUnsloth.map((d) => d.severity), ['information']);
  });

  it('TL515: error on a known TRL with a safe fix when the config takes every keyword, information when unknown', () => {
    const [dpo] = lint('TL515', 'dpo.py');
    assert.equal(dpo.severity, 'error');
    assert.match(dpo.message, /DPOTrainer takes its own config, DPOConfig, as `args=`, not a TrainingArguments \(TRL 0\.24\.0.*'TrainingArguments' object has no attribute 'model_init_kwargs'/);
    assert.deepEqual(dpo.fixes.map((f) => f.applicability), ['safe']);
    assert.deepEqual(severities('TL515', 'grpo_kto_reward.py'), ['7 error', '9 error', '11 error']);
    // `bogus=` is no RewardConfig field: the class swap alone would still fail, so it is not safe.
    assert.deepEqual(lint('TL515', 'grpo_kto_reward.py')[2].fixes.map((f) => f.applicability), ['unsafe']);
    const [orpo] = lint('TL515', 'unknown_version.py');
    assert.equal(orpo.severity, 'information');
    assert.deepEqual(orpo.fixes.map((f) => f.applicability), ['unsafe']);
    assert.match(orpo.fixes[0].edits.map((e) => e.newText).join(''), /from trl\.experimental\.orpo import ORPOConfig/);
  });

  it('TL515: names the field the trainer reads first on every path, and the class check of KTO (< 1.2) and BCO', () => {
    // DPO 0.29+ reads `args.model_init_kwargs` in both branches of `if isinstance(model, str):` before `padding_free`;
    // 0.19–0.23 test `args.padding_value` first; KTO before 1.2 and BCO raise ValueError on the class itself.
    const msg = (pin: string, call: string) => lintSnippet(`# pip install trl==${pin} transformers==4.57.1\nfrom transformers import TrainingArguments\nfrom trl import DPOTrainer, KTOTrainer, GRPOTrainer\nt = ${call}(model=m, args=TrainingArguments(output_dir="o"), train_dataset=ds)\n`, rules('TL515'))[0]?.message ?? '';
    assert.match(msg('0.29.0', 'DPOTrainer'), /no attribute 'model_init_kwargs'/);
    assert.match(msg('0.20.0', 'DPOTrainer'), /no attribute 'padding_value'/);
    assert.match(msg('0.27.0', 'GRPOTrainer'), /no attribute 'model_init_kwargs'/);
    assert.match(msg('0.27.0', 'KTOTrainer'), /raises "ValueError: Please use `KTOConfig` instead TrainingArguments\."/);
    assert.match(msg('1.3.0', 'KTOTrainer'), /no attribute 'model_init_kwargs'/);
  });

  it('TL515: DPOTrainer before TRL 0.13 (trainer keyword arguments still set the fields) is quiet', () => {
    const text = '# pip install trl==0.12.2\nfrom transformers import TrainingArguments\nfrom trl import DPOTrainer\nt = DPOTrainer(model=m, args=TrainingArguments(output_dir="o"), train_dataset=ds)\n';
    assert.equal(lintSnippet(text, rules('TL515')).length, 0);
  });

  it('TL514: two unknown keywords of one call closest to the same field get no rename (both would repeat it)', () => {
    // deepradadiya/RLHF-Pipeline rlhf_phi3/training/ppo_trainer.py: vf_coef= and init_kl_coef= both suggest kl_coef.
    const text = '# pip install trl==0.24.0 transformers==4.57.1\nfrom trl import RLOOConfig\n'
      + 'c = RLOOConfig(output_dir="o", vf_coef=0.1, init_kl_coef=0.2)\nd = RLOOConfig(output_dir="o", init_kl_coef=0.2)\n';
    const found = lintSnippet(text, rules('TL514')).map((d) => `${d.range.start.line}:${d.range.start.character} ${/did you mean `(\w+)`/.exec(d.message)?.[1]} ${d.fixes.length}`);
    assert.deepEqual(found, ['2:31 kl_coef 0', '2:44 kl_coef 0', '3:31 kl_coef 1']);
  });

  it('TL518: two unknown trainer keywords closest to the same argument get no rename (both would repeat it)', () => {
    const text = '# pip install transformers==4.57.1\nfrom transformers import Trainer\n'
      + 't = Trainer(model=m, args=a, train_datset=ds, train_dataet=ds)\nu = Trainer(model=m, args=a, train_datset=ds)\n';
    const found = lintSnippet(text, rules('TL518')).map((d) => `${d.range.start.line}:${d.range.start.character} ${/did you mean `(\w+)`/.exec(d.message)?.[1]} ${d.fixes.length}`);
    assert.deepEqual(found, ['2:29 train_dataset 0', '2:46 train_dataset 0', '3:29 train_dataset 1']);
  });
});
