/**
 * A trainer class trainlint does not model (TRL's RLOOTrainer with its `policy=`/`config=` API, from the
 * huggingface/blog RLOO post) still trains when the script calls `.train()` on it (docs/corpus.md, docs and blog snippets).
 */
import assert from 'node:assert/strict';
import { ALL_RULES } from '../../../server/src/engine/index';
import { lintSnippet, ready } from '../helpers';

const rule = (code: string) => ALL_RULES.filter((r) => r.code === code);

describe('trainers trainlint does not model', () => {
  before(ready);

  it("TL202: a trainer trainlint does not model (the RLOO blog post's RLOOTrainer) that the script trains with is training", () => {
    const text = `from transformers import AutoModelForCausalLM, AutoTokenizer
from trl.trainer.rloo_trainer import RLOOConfig, RLOOTrainer

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-hf", padding_side="left")
tokenizer.add_special_tokens({"pad_token": "[PAD]"})
policy = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-hf")
trainer = RLOOTrainer(config=RLOOConfig(), tokenizer=tokenizer, policy=policy, ref_policy=ref, reward_model=rm, train_dataset=ds)
trainer.train()
`;
    const d = lintSnippet(text, { rules: rule('TL202') });
    assert.deepEqual(d.map((x) => x.severity), ['error']);
    assert.doesNotMatch(d[0].message, /trains nothing/);
    // The same lines with no `.train()` on a trainer: an inference demo, information.
    const demo = lintSnippet(text.replace('trainer.train()\n', 'model.generate()\n'), { rules: rule('TL202') });
    assert.deepEqual(demo.map((x) => x.severity), ['information']);
  });
});
