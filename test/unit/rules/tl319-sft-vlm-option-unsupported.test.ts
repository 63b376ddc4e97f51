/**
 * TL319 (huggingface/trl#6545): packing / padding_free / assistant_only_loss on an SFTTrainer whose processing class is
 * a vision-language processor. huggingface/trl `trl/trainer/sft_trainer.py`: `if self._is_vlm and args.packing` (and
 * the two others) raise at v0.22.0–v1.9.0; none at v0.21.0; trl#6547 re-gates them on image rows after v1.9.0.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const script = (pin: string, option = 'packing=True', processing = ', processing_class=processor') => `${pin}
from transformers import AutoProcessor
from trl import SFTConfig, SFTTrainer
processor = AutoProcessor.from_pretrained("Qwen/Qwen2.5-VL-3B-Instruct")
trainer = SFTTrainer(model="Qwen/Qwen2.5-VL-3B-Instruct", args=SFTConfig(output_dir="o", ${option}), train_dataset=ds${processing})
`;

function tl319(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/sft_vlm.py').filter((d) => d.code === 'TL319')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL319: vision-language SFTTrainer options TRL refuses', () => {
  before(ready);

  it('is an error on TRL 0.22 and 1.9, quoting the ValueError of each option', () => {
    for (const pin of ['# pip install trl==0.22.0', '# pip install trl==1.9.0']) {
      assert.match(tl319(script(pin))[0]?.message ?? '', /Packing is not supported for vision-language models/, pin);
      assert.equal(tl319(script(pin))[0]?.severity, 'error', pin);
    }
    assert.match(tl319(script('# pip install trl==1.0.0', 'padding_free=True'))[0]?.message ?? '', /Padding-free training is yet not supported/);
    assert.match(tl319(script('# pip install trl==1.0.0', 'assistant_only_loss=True'))[0]?.message ?? '', /Assistant-only loss is not yet supported/);
  });

  it('reads the processor SFTTrainer loads itself when no processing_class is given', () => {
    const [d] = tl319(script('# pip install trl==1.4.0', 'packing=True', ''));
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /no `processing_class` is given, so SFTTrainer loads `AutoProcessor\.from_pretrained\("Qwen\/Qwen2\.5-VL-3B-Instruct"\)`/);
  });

  it('reads TRL\'s tiny test checkpoints\' `Qwen2VL…` spelling as a vision model (trl#6545\'s repro)', () => {
    const text = script('# pip install trl==1.9.0', 'packing=True', '').replace(/"Qwen\/Qwen2\.5-VL-3B-Instruct"/g, '"trl-internal-testing/tiny-Qwen2VLForConditionalGeneration"');
    assert.equal(tl319(text)[0]?.severity, 'error');
  });

  it('reads Qwen3.5 and Qwen3.6 checkpoints as vision models (trl#6839), and Qwen3 as text-only', () => {
    const swap = (id: string) => script('# pip install trl==1.4.0', 'assistant_only_loss=True', '').replace(/"Qwen\/Qwen2\.5-VL-3B-Instruct"/g, `"${id}"`);
    assert.equal(tl319(swap('Qwen/Qwen3.5-4B-Base'))[0]?.severity, 'error');
    assert.equal(tl319(swap('Qwen/Qwen3.6-27B'))[0]?.severity, 'error');
    assert.deepEqual(tl319(swap('Qwen/Qwen3-4B')), []);
    assert.deepEqual(tl319(swap('Qwen/Qwen3.50-4B')), []);
  });

  it('is information when TRL is not pinned, silent before 0.22 and from 1.10', () => {
    assert.equal(tl319(script(''))[0]?.severity, 'information');
    assert.deepEqual(tl319(script('# pip install trl==0.21.0')), []);
    assert.deepEqual(tl319(script('# pip install trl==1.10.0')), []);
  });
});
