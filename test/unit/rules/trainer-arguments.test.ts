/**
 * TL518 as a user sees it: an error where the installed versions are known not to take the keyword, information when
 * no version is known (a name no release read took, or one the newest releases removed, naming the release), the config
 * class named for a config field, quiet where Unsloth moves the keyword off the call. Read from the rule's fixtures and
 * the signature table.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../../server/src/engine/index';
import { Environment } from '../../../server/src/engine/env/versions';
import { everTaken, keywordRemoval, takenByNewest, trainerKeywordPresence } from '../../../server/src/engine/domain/trainer-signatures';
import { lintSnippet, ready } from '../helpers';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'rules', 'TL518');
const rules = { rules: ALL_RULES.filter((r) => r.code === 'TL518') };
const lint = (file: string) => lintSnippet(readFileSync(join(FIXTURES, file), 'utf8'), rules);
const lintText = (text: string) => lintSnippet(text, rules);
const severities = (file: string) => lint(file).map((d) => `${d.range.start.line + 1} ${d.severity}`);
const env = (v: Record<string, string>) => new Environment(new Map(Object.entries(v).map(([k, version]) => [k, { version, source: 'test' }])));

describe('TL518 unknown-trainer-argument', () => {
  before(ready);

  it('the signature table: constructors by TRL release, train() through transformers', () => {
    const e = env({ trl: '0.19.1', transformers: '4.57.1' });
    assert.equal(trainerKeywordPresence(e, 'GRPOTrainer', '__init__', 'ref_model'), 'rejected');
    assert.equal(trainerKeywordPresence(e, 'GRPOTrainer', '__init__', 'reward_processing_classes'), 'accepted');
    // `tools=` came in 0.26: rejected on 0.19, accepted on 0.26.
    assert.equal(trainerKeywordPresence(e, 'GRPOTrainer', '__init__', 'tools'), 'rejected');
    assert.equal(trainerKeywordPresence(env({ trl: '0.26.0' }), 'GRPOTrainer', '__init__', 'tools'), 'accepted');
    // The old RLOOTrainer (0.9–0.21) and the GRPO-like one (0.22 on; 0.22–0.24 took both).
    assert.equal(trainerKeywordPresence(e, 'RLOOTrainer', '__init__', 'reward_funcs'), 'rejected');
    assert.equal(trainerKeywordPresence(env({ trl: '0.23.0' }), 'RLOOTrainer', '__init__', 'policy'), 'accepted');
    // PPOTrainer's `@deprecate_kwarg("config", …)` aliases of 0.12.1–0.14.
    assert.equal(trainerKeywordPresence(env({ trl: '0.13.0' }), 'PPOTrainer', '__init__', 'config'), 'accepted');
    assert.equal(trainerKeywordPresence(env({ trl: '0.15.0' }), 'PPOTrainer', '__init__', 'config'), 'rejected');
    // A thin `*args, **kwargs` shim over trl.experimental takes what the experimental class takes.
    assert.equal(trainerKeywordPresence(env({ trl: '0.27.0' }), 'ORPOTrainer', '__init__', 'peft_config'), 'accepted');
    // train(): transformers' Trainer.train for a TRL trainer, known only when both versions are.
    assert.equal(trainerKeywordPresence(e, 'GRPOTrainer', 'train', 'resume_from_checkpoint'), 'accepted');
    assert.equal(trainerKeywordPresence(e, 'GRPOTrainer', 'train', 'max_steps'), 'rejected');
    assert.equal(trainerKeywordPresence(env({ trl: '0.19.1' }), 'GRPOTrainer', 'train', 'max_steps'), 'unknown');
    assert.equal(trainerKeywordPresence(e, 'RLOOTrainer', 'train', 'resume_from_checkpoint'), 'rejected');
    // transformers: 4.x kept `train(model_path=)` (deprecated), 5.0 removed it.
    assert.equal(trainerKeywordPresence(env({ transformers: '4.57.6' }), 'Trainer', 'train', 'model_path'), 'accepted');
    assert.equal(trainerKeywordPresence(env({ transformers: '5.17.0' }), 'Trainer', 'train', 'model_path'), 'rejected');
    assert.equal(trainerKeywordPresence(env({ transformers: '5.3.0' }), 'Trainer', 'train', 'model_path'), 'rejected');
    assert.equal(trainerKeywordPresence(env({ transformers: '5.3.0' }), 'Trainer', '__init__', 'compute_loss_func'), 'accepted');
    assert.equal(trainerKeywordPresence(env({ transformers: '4.45.2' }), 'Trainer', '__init__', 'compute_loss_func'), 'rejected');
    assert.equal(trainerKeywordPresence(env({ transformers: '4.40.0' }), 'Trainer', '__init__', 'peft_config'), 'rejected');
    // Below the releases read (4.2 on): unknown.
    assert.equal(trainerKeywordPresence(env({ transformers: '4.1.0' }), 'Trainer', '__init__', 'peft_config'), 'unknown');
    assert.equal(trainerKeywordPresence(env({ transformers: '5.18.0' }), 'Seq2SeqTrainer', '__init__', 'optimizer_cls_and_kwargs'), 'rejected');
    // History, for messages with an unknown version.
    assert.deepEqual(keywordRemoval('PPOTrainer', '__init__', 'dataset'), { pkg: 'trl', from: '0.12', exact: true });
    assert.equal(takenByNewest('GRPOTrainer', '__init__', 'tools'), true);
    assert.equal(takenByNewest('PPOTrainer', '__init__', 'dataset'), false);
    assert.equal(everTaken('GRPOTrainer', '__init__', 'ref_model'), false);
  });

  it('errors on known versions, naming the config class or the closest keyword', () => {
    assert.deepEqual(severities('pinned.py'), ['9 error', '11 error', '16 error', '18 error', '20 error', '23 error', '25 error', '27 error', '29 error']);
    const ds = lint('pinned.py');
    assert.match(ds[0].message, /`ref_model=` is not an argument of GRPOTrainer \(TRL 0\.19\.1.*\): it raises "TypeError: GRPOTrainer\.__init__\(\) got an unexpected keyword argument 'ref_model'": GRPOTrainer builds its reference model itself/);
    assert.match(ds[1].message, /`beta=`.*it is a field of GRPOConfig; set it in `GRPOConfig\(\.\.\.\)`/);
    assert.deepEqual(ds[1].fixes, []);
    assert.match(ds[2].message, /`max_steps=` is not an argument of GRPOTrainer\.train\(\).*GRPOConfig\(max_steps=…\)/);
    assert.match(ds[3].message, /`callback=`.*did you mean `callbacks`\?/);
    assert.deepEqual(ds[3].fixes.map((f) => f.applicability), ['unsafe']);
    assert.match(ds[5].message, /RLOOTrainer\.train\(\) takes no arguments there/);
    assert.match(ds[6].message, /Trainer takes no PEFT config/);
    assert.match(lint('experimental.py')[0].message, /`dataset=` is not an argument of PPOTrainer \(TRL 0\.26\.2.*; removed in TRL 0\.12\)/);
  });

  it('information with an unknown version, saying what it assumed or which release removed the keyword', () => {
    const ds = lint('unknown_version.py');
    assert.deepEqual(ds.map((d) => d.severity), ['information', 'information', 'information', 'information', 'information', 'information']);
    assert.match(ds[0].message, /in any release trainlint has read \(TRL 0\.7\.0–1\.13\.0\).*assuming the script runs on one of them/);
    assert.match(ds[2].message, /`config=` was removed from PPOTrainer in TRL 0\.15.*\(the installed version is unknown: no installed copy of TRL was found, nor a pin or an install that names its release\)/);
    assert.match(ds[3].message, /`dataset=` was removed from PPOTrainer in TRL 0\.12/);
    assert.match(ds[4].message, /`callbaks=`.*did you mean `callbacks`\?/);
    // `GRPOTrainer(config=…)`: the config goes in `args=`, offered as an unsafe rename.
    assert.match(ds[5].message, /`config=` is not an argument of GRPOTrainer.*the config goes in `args=`/);
    assert.deepEqual(ds[5].fixes.map((f) => f.title), ['Rename config= to args=']);
  });

  it('under Unsloth: quiet for a TRL trainer given args=, TRL\'s behaviour without it', () => {
    assert.deepEqual(severities('unsloth.py'), ['8 error', '10 error']);
    // TRL known to be older than 0.13: Unsloth's wrapper leaves the keywords on the call.
    const old = '# pip install trl==0.12.2\nfrom unsloth import FastLanguageModel\nfrom trl import KTOTrainer\nt = KTOTrainer(model=m, args=cfg, beta=0.1)\n';
    assert.deepEqual(lintText(old).map((d) => d.severity), ['error']);
  });

  it('a subclass is its base for the keywords its __init__ passes on; its own keywords and a constructor that does more are quiet', () => {
    const text = `# pip install trl==0.19.1
from trl import GRPOTrainer
class Plain(GRPOTrainer):
    def compute_loss(self, *a, **k):
        return super().compute_loss(*a, **k)
class Own(GRPOTrainer):
    def __init__(self, *args, ref_model=None, **kwargs):
        super().__init__(*args, **kwargs)
class Fwd(GRPOTrainer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
class More(GRPOTrainer):
    def __init__(self, model, ref_model, **kwargs):
        super().__init__(model=model, **kwargs)
a = Plain(model=m, reward_funcs=[f], args=cfg, ref_model=r)
b = Own(model=m, reward_funcs=[f], args=cfg, ref_model=r)
c = Fwd(model=m, reward_funcs=[f], args=cfg, ref_model=r)
d = More(model=m, reward_funcs=[f], args=cfg, ref_model=r)
`;
    const found = lintText(text);
    assert.deepEqual(found.map((d) => `${d.range.start.line + 1} ${d.severity}`), ['15 error', '17 error']);
    assert.match(found[1].message, /not an argument of GRPOTrainer, which `Fwd.__init__` passes it on to/);
  });
});
