/**
 * The version policy of the session-15 drift rules, as a user sees it: an error where the installed version is known
 * to fail, information with the Deprecated tag while the old name still works, information naming the range when the
 * version is unknown, and Unsloth's absorbing configs a warning (the setting is dropped). Read from the rules' fixtures.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../../server/src/engine/index';
import { lintSnippet, ready } from '../helpers';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'rules');
const lint = (code: string, file: string) => lintSnippet(readFileSync(join(FIXTURES, code, file), 'utf8'), { rules: ALL_RULES.filter((r) => r.code === code) });
const severities = (code: string, file: string) => lint(code, file).map((d) => `${d.range.start.line + 1} ${d.severity}${d.tags?.includes('deprecated') ? ' deprecated' : ''}`);

describe('drift rules: severity by version', () => {
  before(ready);

  it('TL508: error on a pinned transformers ≥ 4.46, information when unknown', () => {
    assert.deepEqual(severities('TL508', 'removed.py'), ['14 error', '27 error', '33 error']);
    assert.deepEqual(severities('TL508', 'unknown_version.py'), ['6 information']);
  });

  it('TL509: error on TRL ≥ 0.29, deprecated information on 0.27, information when unknown; the fix is safe only on a known TRL', () => {
    assert.deepEqual(severities('TL509', 'removed.py'), ['3 error', '6 error', '11 error', '16 error']);
    assert.deepEqual(severities('TL509', 'deprecated.py'), ['3 information deprecated']);
    const unknown = lint('TL509', 'unknown_version.py');
    assert.deepEqual(unknown.map((d) => d.severity), ['information']);
    assert.deepEqual(unknown[0].fixes.map((f) => f.applicability), ['unsafe']);
    assert.deepEqual(lint('TL509', 'removed.py')[0].fixes.map((f) => f.applicability), ['safe']);
  });

  it('TL511: error when removed, deprecated information before, information when unknown, warning under an absorbing Unsloth', () => {
    assert.deepEqual(severities('TL511', 'removed.py'), ['8 error', '10 error', '13 error', '16 error', '16 error']);
    assert.deepEqual(severities('TL511', 'deprecated.py'), ['5 information deprecated', '7 error']);
    assert.deepEqual(severities('TL511', 'unknown_version.py'), ['4 information']);
    assert.deepEqual(severities('TL511', 'unsloth_absorbs.py'), ['6 warning']);
    assert.match(lint('TL511', 'unsloth_absorbs.py')[0].message, /drops it with a warning: the setting has no effect/);
    const both = lint('TL511', 'unsloth_unknown.py');
    assert.deepEqual(both.map((d) => d.severity), ['information']);
    assert.match(both[0].message, /raises TypeError, or \(Unsloth ≥ 2026\.8\.15\) drops it/);
  });

  it('TL511 beyond SFT/DPO/GRPO: KTO, RLOO, the old PPO API and trl.experimental configs, by version', () => {
    assert.deepEqual(severities('TL511', 'kto_removed.py'), ['8 error', '11 error']);
    assert.deepEqual(severities('TL511', 'kto_unknown.py'), ['4 information']);
    // RLOO on 0.23: the renamed fields still work (deprecated), the bookkeeping ones raise.
    assert.deepEqual(severities('TL511', 'rloo_deprecated.py'), ['7 information deprecated', '9 information deprecated', '11 error', '13 error']);
    assert.deepEqual(severities('TL511', 'rloo_removed.py'), ['7 error', '9 error', '11 error', '13 error']);
    assert.deepEqual(lint('TL511', 'rloo_removed.py').map((d) => d.fixes.map((f) => f.applicability).join()), ['safe', 'safe', 'safe', '']);
    // The old PPOConfig: one finding per call, naming each old argument.
    const ppo = lint('TL511', 'ppo_legacy.py');
    assert.deepEqual(ppo.map((d) => d.severity), ['error']);
    assert.match(ppo[0].message, /^`model_name=` \(and `log_with=`, `ppo_epochs=`\) was removed from PPOConfig in TRL 0\.12/);
    assert.deepEqual(severities('TL511', 'ppo_legacy_deprecated.py'), ['5 information deprecated']);
    assert.deepEqual(severities('TL511', 'experimental.py'), ['7 error', '7 error', '10 error', '12 error', '12 error']);
    assert.deepEqual(severities('TL511', 'near_miss_old_versions.py'), []);
    assert.deepEqual(severities('TL511', 'near_miss_type_error.py'), []);
    assert.deepEqual(severities('TL510', 'near_miss_type_error.py'), []);
  });

  it('transformers 5 removals: use_auth_token= (TL506), train(model_path=) (TL510), as_target_tokenizer() (TL512)', () => {
    // A model class raises (error); a tokenizer ignores it, and remote code may take **kwargs (information).
    assert.deepEqual(severities('TL506', 'use_auth_token_v5.py'), ['6 information', '8 error', '10 information']);
    assert.deepEqual(severities('TL506', 'use_auth_token_deprecated.py'), ['5 information deprecated']);
    assert.deepEqual(severities('TL506', 'near_miss_use_auth_token.py'), []);
    assert.deepEqual(lint('TL506', 'use_auth_token_v5.py').map((d) => d.fixes.map((f) => f.applicability).join()), ['safe', 'safe', 'safe']);
    assert.deepEqual(severities('TL510', 'train_model_path.py'), ['7 error']);
    assert.deepEqual(severities('TL510', 'train_model_path_deprecated.py'), ['6 information deprecated']);
    const unknown = lint('TL510', 'train_model_path_unknown.py');
    assert.deepEqual(unknown.map((d) => d.severity), ['information']);
    assert.deepEqual(unknown[0].fixes.map((f) => f.applicability), ['unsafe']);
    assert.deepEqual(severities('TL510', 'near_miss_train_model_path.py'), []);
    assert.deepEqual(severities('TL512', 'removed.py'), ['10 error', '18 error']);
    assert.deepEqual(lint('TL512', 'removed.py').map((d) => d.fixes.length), [1, 0]);
    assert.deepEqual(severities('TL512', 'deprecated.py'), ['10 information deprecated', '13 information deprecated']);
    const tl512unknown = lint('TL512', 'unknown_version.py');
    assert.deepEqual(tl512unknown.map((d) => d.severity), ['information']);
    assert.deepEqual(tl512unknown[0].fixes.map((f) => f.applicability), ['unsafe']);
    assert.deepEqual(severities('TL512', 'near_miss.py'), []);
    assert.deepEqual(severities('TL512', 'near_miss_guarded.py'), []);
  });

  it('TL513: a dict from apply_chat_template used as ids is an error on transformers 5 (len(): a warning), information when unknown', () => {
    assert.deepEqual(severities('TL513', 'removed.py'), ['11 error', '18 warning', '22 error']);
    assert.deepEqual(lint('TL513', 'removed.py').map((d) => d.fixes.map((f) => f.applicability).join()), ['safe', 'safe', 'safe']);
    assert.deepEqual(severities('TL513', 'unsloth_generate.py'), ['11 error']);
    assert.deepEqual(severities('TL513', 'near_miss_unsloth_restores.py'), []);
    const zoo = lint('TL513', 'unsloth_unknown.py');
    assert.deepEqual(zoo.map((d) => d.severity), ['information']);
    assert.match(zoo[0].message, /unless unsloth_zoo ≥ 2026\.4\.1 \(imported here\) restores the list/);
    const unknown = lint('TL513', 'unknown_version.py');
    assert.deepEqual(unknown.map((d) => d.severity), ['information']);
    assert.deepEqual(unknown[0].fixes.map((f) => f.applicability), ['unsafe']);
    assert.deepEqual(severities('TL513', 'near_miss.py'), []);
    assert.deepEqual(severities('TL513', 'near_miss_v4.py'), []);
  });

  it('TL524: report_to=None is an error on transformers 5 (building the trainer raises), information when unknown, silent on 4.x', () => {
    const removed = lint('TL524', 'removed.py');
    assert.deepEqual(removed.map((d) => `${d.range.start.line + 1} ${d.severity}`), ['11 error', '16 error', '19 error']);
    assert.match(removed[0].message, /None is not supported/);
    assert.match(removed[0].message, /transformers 5\.2\.0/);
    assert.deepEqual(removed[0].fixes.map((f) => `${f.title} ${f.applicability}`), ['Replace None with "none" (no reporting) unsafe', 'Replace None with "all" (what None meant on transformers 4) unsafe']);
    const unknown = lint('TL524', 'unknown_version.py');
    assert.deepEqual(unknown.map((d) => d.severity), ['information']);
    assert.match(unknown[0].message, /the installed version is unknown/);
    const conditional = lint('TL524', 'conditional.py');
    assert.deepEqual(conditional.map((d) => `${d.range.start.line + 1} ${d.severity}`), ['14 warning', '20 error']);
    assert.match(conditional[0].message, /is `None` when `use_wandb` is false/);
    for (const f of ['near_miss.py', 'near_miss_v4.py', 'version_guarded.py', 'near_miss_conditional.py']) assert.deepEqual(severities('TL524', f), [], f);
  });

  it("TL006: TRL's setup_chat_format makes pad == EOS (<|im_end|>), judged by the collator's version gate", () => {
    assert.deepEqual(severities('TL006', 'setup_chat_format_lm_collator.py'), ['8 warning']);
    assert.deepEqual(severities('TL006', 'setup_chat_format_sft_default.py'), ['8 warning']);
    assert.match(lint('TL006', 'setup_chat_format_sft_default.py')[0].message, /^`setup_chat_format\(base, tok\)` sets pad == EOS \(both `<\|im_end\|>`/);
    assert.deepEqual(severities('TL006', 'setup_chat_format_near_miss.py'), []);
    assert.deepEqual(severities('TL006', 'setup_chat_format_own_helper.py'), []);
  });
  it('TL526: a processor given to GRPOTrainer is an error on pinned TRL < 0.20, information when unknown or with Unsloth, silent from 0.20', () => {
    assert.deepEqual(severities('TL526', 'pinned_processor.py'), ['17 error', '22 error']);
    const pinned = lint('TL526', 'pinned_processor.py');
    assert.match(pinned[0].message, /AutoProcessor\.from_pretrained\("Qwen\/Qwen2\.5-VL-3B-Instruct"\)/);
    assert.match(pinned[0].message, /TRL 0\.19\.1/);
    const unknown = lint('TL526', 'unknown_version.py');
    assert.deepEqual(unknown.map((d) => d.severity), ['information']);
    assert.match(unknown[0].message, /the installed version is unknown/);
    assert.deepEqual(severities('TL526', 'unsloth_vision.py'), ['8 information']);
    // Unsloth's patch keeps TRL 0.17–0.19's unconditional `processing_class.pad_token` read; before 0.17 it may skip it.
    assert.deepEqual(severities('TL526', 'unsloth_pinned_unconditional.py'), ['9 error']);
    assert.match(lint('TL526', 'unsloth_pinned_unconditional.py')[0].message, /keeps that `__init__` line/);
    assert.deepEqual(severities('TL526', 'unsloth_pinned_vllm_branch.py'), ['9 information']);
    assert.deepEqual(severities('TL526', 'pinned_unknown_id.py'), ['9 information']);
    for (const f of ['near_miss.py', 'near_miss_v020.py', 'near_miss_unpinned_guesses.py']) assert.deepEqual(severities('TL526', f), [], f);
  });
});
