/**
 * TL110 keeps its masking results between lints, keyed by what they depend on. Which trainer
 * `train_on_responses_only(trainer, …)` applies to depends on the trainer's variable: renaming the
 * variable must not give back the result computed for the old name.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../server/src/engine/index';
import { ready } from '../helpers';

const ROOT = join(__dirname, '..', '..', '..');
const SCRIPT = readFileSync(join(ROOT, 'test', 'fixtures', 'rules', 'TL110', 'wrong_markers_alpaca.py'), 'utf8');
const tl110 = (text: string) => lintText('/tmp/tl110-cache/train.py', text, { config: { select: ['TL110'], ignore: [] } as never }).diagnostics.filter((d) => d.code === 'TL110');

describe('TL110: results kept between lints follow the trainer variable', () => {
  before(ready);

  it('fires with mismatched markers, and not once the response-only call no longer applies to the trainer', () => {
    assert.equal(tl110(SCRIPT).length, 1, 'the mismatched markers train nothing');
    // The trainer renamed: train_on_responses_only(trainer, …) wraps nothing the script trains with.
    const renamed = SCRIPT.replace('trainer = SFTTrainer(', 'trainer_x = SFTTrainer(');
    assert.equal(tl110(renamed).length, 0, 'the plain SFT pipeline trains the whole text');
    assert.equal(tl110(SCRIPT).length, 1, 'and back');
  });
});
