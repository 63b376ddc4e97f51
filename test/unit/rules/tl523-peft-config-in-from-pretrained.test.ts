/**
 * TL523 (huggingface/smol-course#236): `peft_config=` given to a transformers model's `from_pretrained` reaches the model
 * class's `__init__` (transformers `modeling_utils.py` `cls(config, *model_args, **model_kwargs)`, v4.46.0–v5.0.0).
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

function tl523(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/load.py').filter((d) => d.code === 'TL523')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

const load = (cls: string, extra = '') => `from peft import LoraConfig
from transformers import ${cls}
from trl import AutoModelForCausalLMWithValueHead

cfg = LoraConfig(r=8)
model = ${cls}.from_pretrained("HuggingFaceTB/SmolLM3-3B-Base", peft_config=cfg${extra})
`;

describe('TL523: peft_config= in a transformers from_pretrained', () => {
  before(ready);

  it('is an error on a transformers model class, naming the TypeError', () => {
    for (const cls of ['AutoModelForCausalLM', 'AutoModelForSeq2SeqLM', 'Qwen2ForCausalLM']) {
      const [d] = tl523(load(cls));
      assert.equal(d?.severity, 'error', cls);
      assert.match(d.message, /unexpected keyword argument 'peft_config'/);
    }
  });

  it("is information with trust_remote_code=True (the model's own __init__ may take **kwargs)", () => {
    assert.equal(tl523(load('AutoModelForCausalLM', ', trust_remote_code=True'))[0]?.severity, 'information');
    assert.equal(tl523(load('AutoModelForCausalLM', ', trust_remote_code=False'))[0]?.severity, 'error');
  });

  it("is silent for TRL's value-head wrapper, which pops peft_config", () => {
    assert.deepEqual(tl523(load('AutoModelForCausalLM').replace('AutoModelForCausalLM.from_pretrained', 'AutoModelForCausalLMWithValueHead.from_pretrained')), []);
  });
});
