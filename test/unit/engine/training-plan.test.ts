/**
 * The training plan a hover on a trainer's class name shows: what the script fixes (model, adapters, data, sequences
 * per step, length, learning rate, precision), defaults named only where they are the library's own, `?` for a value
 * the script does not fix, and the step count from the rows the script itself holds.
 */
import assert from 'node:assert/strict';
import { lint, ParsedScript, ScriptDocument } from '../../../server/src/engine/index';
import { planMarkdown, trainerAtOffset, trainingPlan } from '../../../server/src/engine/views/training-plan';
import { ready } from '../helpers';

function plans(text: string): string[] {
  const script = ParsedScript.parse(text);
  try {
    const r = lint({ doc: ScriptDocument.fromPython('/tmp/plan/train.py', text), script });
    return r.analysis.trainers.map((t) => planMarkdown(trainingPlan(r.analysis, t)));
  } finally { script.dispose(); }
}

const SCRIPT = `from datasets import Dataset
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B")
model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM"))
train = Dataset.from_dict({"input_ids": [[1, 2]] * 10, "labels": [[1, 2]] * 10, "n": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]})
args = TrainingArguments(output_dir="out", per_device_train_batch_size=2, gradient_accumulation_steps=2, num_train_epochs=2,
                         learning_rate=2e-4, lr_scheduler_type="cosine", warmup_ratio=0.03, bf16=True)
trainer = Trainer(model=model, args=args, train_dataset=train)
`;

describe('training plan (hover on a trainer)', () => {
  before(ready);

  it('says what the script fixes: model and LoRA, rows, sequences per step, steps, schedule, precision', () => {
    const [plan] = plans(SCRIPT);
    assert.match(plan, /^\*\*Trainer\*\* — transformers, version unknown/);
    assert.match(plan, /\*\*Model\*\*: `Qwen\/Qwen2\.5-0\.5B` · Qwen2\.5 · LoRA r=16, α=32 on q_proj, v_proj/);
    assert.match(plan, /\*\*Per optimizer step\*\*: 2 × 2 accumulated = 4 sequences per GPU/);
    // 10 rows / 2 per batch = 5 batches; 5 / 2 accumulated = 3 updates per epoch (the last one partial); 2 epochs.
    assert.match(plan, /\*\*Length\*\*: 2 epochs ≈ 6 optimizer steps on one GPU \(3 per epoch; fewer on several\)/);
    assert.match(plan, /learning rate 2e-4 · cosine schedule · warmup `warmup_ratio` 0\.03/);
    assert.match(plan, /\*\*Precision\*\*: bf16/);
  });

  it('names TrainingArguments\' defaults, not a TRL config\'s; a value from the command line is "?"', () => {
    const [plain] = plans(SCRIPT.replace(', per_device_train_batch_size=2, gradient_accumulation_steps=2, num_train_epochs=2,\n                         learning_rate=2e-4, lr_scheduler_type="cosine", warmup_ratio=0.03, bf16=True', ''));
    assert.match(plain, /8 \(default\) × 1 accumulated \(default\) = 8 sequences per GPU/);
    assert.match(plain, /3 \(default\) epochs ≈ 6 optimizer steps/, '10 rows / 8 = 2 batches, 3 epochs');
    assert.match(plain, /learning rate 5e-5 \(default\) · linear \(default\) schedule/);
    const [cli] = plans(SCRIPT.replace('per_device_train_batch_size=2', 'per_device_train_batch_size=cli.batch_size'));
    assert.match(cli, /\? × 2 accumulated/);
    assert.doesNotMatch(cli, /sequences per GPU|optimizer steps on one GPU/, 'no count from a value it does not know');
    const [sft] = plans('from trl import SFTConfig, SFTTrainer\n\ntrainer = SFTTrainer(model="Qwen/Qwen2.5-0.5B", train_dataset=ds, args=SFTConfig(output_dir="o", max_length=2048, packing=True))\n');
    assert.match(sft, /learning rate the config's default/);
    assert.match(sft, /\*\*Sequences\*\*: `max_length` 2,048, packed/);
    assert.match(sft, /\*\*Length\*\*: 3 \(default\) epochs$/m, 'packed: rows are not sequences, no step count');
  });

  it('is found at the trainer\'s class name only', () => {
    const script = ParsedScript.parse(SCRIPT);
    try {
      const r = lint({ doc: ScriptDocument.fromPython('/tmp/plan/train.py', SCRIPT), script });
      const at = SCRIPT.indexOf('Trainer(model');
      assert.ok(trainerAtOffset(r.analysis, at + 2));
      assert.equal(trainerAtOffset(r.analysis, SCRIPT.indexOf('train_dataset=train')), undefined);
    } finally { script.dispose(); }
  });
});
