/**
 * TL402: target_modules entries glued by a missing comma (qiuliw/Qwen3-VL-MoeLORA `lora.py`: `"o_proj"` ends one line,
 * `"visual_q_proj"` starts the next, and Python joins the two literals into "o_projvisual_q_proj").
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const script = (modules: string, model = './qwen3-vl-4b-instruct') => `from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("${model}")
config = LoraConfig(
    r=16,
    target_modules=${modules},
)
model = get_peft_model(model, config)
`;

function tl402(text: string) {
  return lintSnippet(text, {}, '/tmp/trainlint-test/lora.py').filter((d) => d.code === 'TL402');
}

describe('TL402: target_modules entries glued by a missing comma', () => {
  before(ready);

  it('flags the glued entry across lines, with the comma as the fix', () => {
    const [d, ...rest] = tl402(script('["q_proj", "k_proj", "v_proj", "o_proj"\n                    "visual_q_proj", "visual_k_proj"]'));
    assert.equal(rest.length, 0);
    assert.equal(d?.severity, 'warning');
    assert.equal(d.range.start.line, 6);
    assert.match(d.message, /"o_proj" "visual_q_proj" is one entry, "o_projvisual_q_proj": a comma is missing/);
    assert.equal(d.fixes?.[0]?.edits[0]?.newText, '"o_proj", "visual_q_proj"');
  });

  it('reads the glued entry with a comment between the literals (the repository\'s own layout)', () => {
    const [d] = tl402(script('[\n        # text\n        "q_proj", "k_proj", "v_proj", "o_proj"\n        # vision\n        "visual_q_proj", "visual_k_proj"]'));
    assert.equal(d?.severity, 'warning');
    assert.match(d.message, /one entry, "o_projvisual_q_proj"/);
  });

  it('on a known family reports the glued entry once (not also as an unknown module)', () => {
    const found = tl402(script('["q_proj", "k_proj" "v_proj"]', 'meta-llama/Llama-3.1-8B'));
    assert.equal(found.length, 1);
    assert.match(found[0].message, /one entry, "k_projv_proj"/);
  });

  it('is silent for parts that are no module names, and for a string that is not a list', () => {
    assert.deepEqual(tl402(script('["my" "layer", "v_proj"]')), []);
    assert.deepEqual(tl402(script('"q_proj" "v_proj"')), []);
  });
});
