/**
 * TL514 and TL518 on projects that pin a transformers release older than 4.57 (the releases read back to 4.2): an
 * argument copied from a newer script is an error where the pin is known to lack it, nothing where the pin takes it,
 * and nothing when the pin does not decide it (unpinned, `>=4.36`, `<4.41`). Exactly one rule reports each argument.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintText } from '../../../server/src/engine/index';
import { discoverEnvironment } from '../../../server/src/engine/env/discover';
import { Environment } from '../../../server/src/engine/env/versions';
import { keywordPresence } from '../../../server/src/engine/domain/config-fields';
import { trainerKeywordPresence } from '../../../server/src/engine/domain/trainer-signatures';
import { ready } from '../helpers';

/** Every rule's findings on `text` in a project whose requirements.txt is `requirements` (none when undefined). */
function lintProject(text: string, requirements?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-oldtf-'));
  if (requirements !== undefined) writeFileSync(join(dir, 'requirements.txt'), requirements);
  const env = discoverEnvironment({ scriptDir: dir, workspaceRoot: dir, env: {} });
  return lintText(join(dir, 'train.py'), text, { env }).diagnostics;
}
const env = (version: string) => new Environment(new Map([['transformers', { version, source: 'test' }]]));
const EVAL = 'from transformers import TrainingArguments\nargs = TrainingArguments(output_dir="o", eval_strategy="steps", eval_steps=50)\n';
const PROC = 'from transformers import Trainer\ntrainer = Trainer(model=model, args=args, train_dataset=ds, processing_class=tok)\n';
const about = (name: string) => (d: { message: string }) => d.message.includes(`\`${name}=\``);

describe('TL514 / TL518 with an older transformers pinned', () => {
  before(ready);

  it('the tables know the releases before 4.57', () => {
    assert.equal(keywordPresence(env('4.38.2'), 'TrainingArguments', 'eval_strategy'), 'rejected');
    assert.equal(keywordPresence(env('4.41.0'), 'TrainingArguments', 'eval_strategy'), 'accepted');
    assert.equal(keywordPresence(env('4.38.2'), 'TrainingArguments', 'evaluation_strategy'), 'accepted');
    assert.equal(keywordPresence(env('4.51.0'), 'TrainingArguments', 'evaluation_strategy'), 'rejected');
    assert.equal(keywordPresence(env('4.1.0'), 'TrainingArguments', 'eval_strategy'), 'unknown'); // before the releases read
    assert.equal(trainerKeywordPresence(env('4.44.2'), 'Trainer', '__init__', 'processing_class'), 'rejected');
    assert.equal(trainerKeywordPresence(env('4.46.0'), 'Trainer', '__init__', 'processing_class'), 'accepted');
    assert.equal(trainerKeywordPresence(env('4.27.4'), 'Seq2SeqTrainer', '__init__', 'train_dataset'), 'accepted'); // Trainer's __init__
  });

  it('eval_strategy= on transformers==4.38.2 in requirements.txt: one TL514 error naming the release it came in and the old name', () => {
    const ds = lintProject(EVAL, 'transformers==4.38.2\n').filter(about('eval_strategy'));
    assert.deepEqual(ds.map((d) => `${d.code} ${d.severity}`), ['TL514 error']);
    assert.match(ds[0].message, /\(transformers 4\.38\.2, pinned in requirements\.txt; it came in transformers 4\.41\): it raises "TypeError: TrainingArguments\.__init__\(\) got an unexpected keyword argument 'eval_strategy'"; did you mean `evaluation_strategy`\?/);
    assert.deepEqual(ds[0].fixes.map((f) => f.applicability), ['unsafe']);
  });

  it('eval_strategy= where the pin takes it or does not decide it: nothing', () => {
    for (const req of ['transformers==4.46.3\n', 'transformers>=4.36\n', 'transformers<4.41\n', 'transformers\n', undefined]) {
      const ds = lintProject(EVAL, req).filter(about('eval_strategy'));
      assert.deepEqual(ds.map((d) => d.code), [], String(req));
    }
    // A range inside the releases without it decides it.
    assert.deepEqual(lintProject(EVAL, 'transformers>=4.36,<4.41\n').filter(about('eval_strategy')).map((d) => `${d.code} ${d.severity}`), ['TL514 error']);
  });

  it('Trainer(processing_class=…) on transformers==4.44.2: one TL518 error (TL501 says nothing of it), none on 4.46.3 or unpinned', () => {
    const ds = lintProject(PROC, 'transformers==4.44.2\n').filter(about('processing_class'));
    assert.deepEqual(ds.map((d) => `${d.code} ${d.severity}`), ['TL518 error']);
    assert.match(ds[0].message, /\(transformers 4\.44\.2, pinned in requirements\.txt; it came in transformers 4\.46\).*transformers before 4\.46 calls it `tokenizer=`/);
    for (const req of ['transformers==4.46.3\n', 'transformers>=4.40\n', undefined]) {
      assert.deepEqual(lintProject(PROC, req).filter(about('processing_class')).map((d) => d.code), [], String(req));
    }
  });

  it('TRL trainers keep processing_class= with TL501 (TRL < 0.12), never TL518', () => {
    const text = 'from trl import SFTTrainer\ntrainer = SFTTrainer(model=model, train_dataset=ds, processing_class=tok)\n';
    const ds = lintProject(text, 'trl==0.11.4\ntransformers==4.44.2\n').filter(about('processing_class'));
    assert.deepEqual(ds.map((d) => d.code), ['TL501']);
  });
});
