/**
 * TL530 (NielsRogge/Transformers-Tutorials#511, mfarre/Video-LLaVA-7B-hf-CinePile#5): a vision-language collator that
 * copies `input_ids` into `labels` and masks only the padding trains on the image placeholder tokens the processor
 * expanded. LLaVA's model masked them itself before its processor expanded them (legacy merge), so that family is
 * version-gated; Qwen-VL, Idefics/SmolVLM, Gemma 3 and PaliGemma are not.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const collator = (extra = '') => `
def collate_fn(examples):
    batch = processor(text=[e["text"] for e in examples], images=[e["image"] for e in examples], padding=True, return_tensors="pt")
    labels = batch["input_ids"].clone()
    labels[labels == processor.tokenizer.pad_token_id] = -100
${extra}    batch["labels"] = labels
    return batch

trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=ds, data_collator=collate_fn)
`;

const script = (pin: string, loads: string, extra = '') => `${pin}
from transformers import AutoProcessor, LlavaForConditionalGeneration, Qwen2_5_VLForConditionalGeneration, Trainer, TrainingArguments
${loads}
${collator(extra)}`;

const QWEN = 'processor = AutoProcessor.from_pretrained("Qwen/Qwen2.5-VL-3B-Instruct")\nmodel = Qwen2_5_VLForConditionalGeneration.from_pretrained("Qwen/Qwen2.5-VL-3B-Instruct")';
const LLAVA = 'processor = AutoProcessor.from_pretrained("llava-hf/llava-1.5-7b-hf")\nmodel = LlavaForConditionalGeneration.from_pretrained("llava-hf/llava-1.5-7b-hf")';

function tl530(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/vlm.py').filter((d) => d.code === 'TL530')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL530: image placeholder tokens left in a VLM collator\'s labels', () => {
  before(ready);

  it('warns on Qwen2.5-VL whatever the transformers version, naming the mask to add', () => {
    for (const pin of ['# pip install transformers==4.49.0', '']) {
      const [d] = tl530(script(pin, QWEN));
      assert.equal(d?.severity, 'warning', pin);
      assert.match(d.message, /Qwen-VL processor has expanded each `<image>`/);
      assert.match(d.message, /convert_tokens_to_ids\(processor\.image_token\)\] = -100/);
    }
  });

  it('gates the LLaVA family on the release: W from 4.52, I on 4.47–4.51 and unknown, silent before 4.47', () => {
    assert.equal(tl530(script('# pip install transformers==4.52.4', LLAVA))[0]?.severity, 'warning');
    const [mid] = tl530(script('# pip install transformers==4.48.0', LLAVA));
    assert.equal(mid?.severity, 'information');
    assert.match(mid.message, /This assumes the processor expands the placeholders/);
    assert.equal(tl530(script('', LLAVA))[0]?.severity, 'information');
    assert.deepEqual(tl530(script('# pip install transformers==4.44.2', LLAVA)), []);
  });

  it('is silent once the collator masks the image token, or masks the prompt too', () => {
    for (const extra of [
      '    labels[labels == processor.tokenizer.convert_tokens_to_ids(processor.image_token)] = -100\n',
      '    labels[:, :8] = -100\n',
      '    labels = mask_vision(labels)\n',
    ]) assert.deepEqual(tl530(script('# pip install transformers==4.57.1', QWEN, extra)), [], extra);
  });

  it('is silent without a vision-language family in the script', () => {
    const text = script('# pip install transformers==4.57.1', 'processor = AutoProcessor.from_pretrained(PROCESSOR_ID)\nmodel = load_model()');
    assert.deepEqual(tl530(text), []);
  });
});
