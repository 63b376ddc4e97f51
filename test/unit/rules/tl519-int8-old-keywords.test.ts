/**
 * TL519 on `prepare_model_for_int8_training` called with a keyword only PEFT ≤ 0.2 took (audit27: Vaibhavs10/fast-whisper-
 * finetuning `Whisper_w_PEFT.ipynb`, `output_embedding_layer_name="proj_out"`): the rename to
 * `prepare_model_for_kbit_training` still fails on that keyword, so the fix is unsafe and the message says to drop it.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const tl519 = (text: string) => lintSnippet(text).filter((d) => d.code === 'TL519');
const script = (call: string) => `# pip install peft==0.13.2\nfrom peft import prepare_model_for_int8_training\n\nmodel = ${call}\n`;

describe('TL519 prepare_model_for_int8_training with keywords of PEFT 0.2', () => {
  before(ready);

  it('names the keyword to drop and makes the rename unsafe', () => {
    const [d] = tl519(script('prepare_model_for_int8_training(model, output_embedding_layer_name="proj_out")'));
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /passes `output_embedding_layer_name=`, which `prepare_model_for_kbit_training` does not take \(nor `prepare_model_for_int8_training` itself from PEFT 0\.3\): drop it/);
    assert.equal(d.fixes?.[0]?.applicability, 'unsafe');
  });

  it('near miss: the keywords prepare_model_for_kbit_training takes keep the safe rename and the plain message', () => {
    const [d] = tl519(script('prepare_model_for_int8_training(model, use_gradient_checkpointing=True)'));
    assert.equal(d?.severity, 'error');
    assert.doesNotMatch(d.message, /drop it/);
    assert.equal(d.fixes?.[0]?.applicability, 'safe');
  });
});
