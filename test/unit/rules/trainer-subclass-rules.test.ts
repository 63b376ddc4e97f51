/**
 * Rules on scripts that subclass a trainer: a subclass that computes the loss itself (`compute_loss`) makes the
 * label rules' findings rest on an assumption (TL004: information) or on nothing (TL005: quiet), whether the class is
 * in the script, in another module of its project, or not taken for its trainer (an `__init__` that does more).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES, CachedModuleProvider, lintText, ProjectModules } from '../../../server/src/engine/index';
import { lintSnippet, ready } from '../helpers';
import { cleanup, makeTmp, put } from '../data/fixtures';

const only = (code: string) => ({ rules: ALL_RULES.filter((r) => r.code === code) });
const fixture = (code: string, file: string) => readFileSync(join(__dirname, '..', '..', 'fixtures', 'rules', code, file), 'utf8');
const found = (code: string, text: string) => lintSnippet(text, only(code)).map((d) => `${d.range.start.line + 1} ${d.severity}`);

describe('rules on trainer subclasses', () => {
  before(ready);

  it('TL004: padded labels are information when a trainer subclass computes the loss, a warning when it only saves', () => {
    const own = lintSnippet(fixture('TL004', 'subclass_own_loss.py'), only('TL004'));
    assert.deepEqual(own.map((d) => d.severity), ['information']);
    assert.match(own[0].message, /assuming `WeightedTrainer\.compute_loss`, the script's own, keeps the labels as given/);
    assert.deepEqual(found('TL004', fixture('TL004', 'subclass_near_miss.py')), ['15 warning']);
  });

  it('TL004: also for a subclass whose __init__ does more than pass arguments on (not taken for a trainer)', () => {
    const text = fixture('TL004', 'subclass_own_loss.py').replace('class WeightedTrainer(Trainer):\n',
      'class WeightedTrainer(Trainer):\n    def __init__(self, model, args, train_dataset):\n        super().__init__(model=model, args=args, train_dataset=train_dataset)\n\n');
    assert.deepEqual(lintSnippet(text, only('TL004')).map((d) => d.severity), ['information']);
    assert.deepEqual(found('TL004', text.replace('def compute_loss', 'def save_pretrained')), ['21 warning']);
  });

  it('TL005: quiet when the trainer is a project module\'s subclass with its own compute_loss', () => {
    const tmp = makeTmp('trainlint-subclass-');
    try {
      put(tmp, 'pyproject.toml', '');
      put(tmp, 'pkg/__init__.py', '');
      put(tmp, 'pkg/trainers.py', 'from transformers import Trainer\n\n\nclass ShiftedTrainer(Trainer):\n'
        + '    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):\n'
        + '        return loss_of(model(input_ids=inputs["input_ids"]).logits, inputs["labels"])\n\n\n'
        + 'class SavingTrainer(Trainer):\n    def save_model(self, output_dir=None, _internal_call=False):\n        pass\n');
      const script = (cls: string) => `from transformers import AutoModelForCausalLM, AutoTokenizer, TrainingArguments
from pkg.trainers import ${cls}

tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B")
model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B")


def tokenize(example):
    ids = tokenizer(example["text"])["input_ids"]
    return {"input_ids": ids[:-1], "labels": ids[1:]}


trainer = ${cls}(model=model, args=TrainingArguments("out"), train_dataset=ds)
`;
      const m = new ProjectModules({ access: () => ({ roots: [tmp], trusted: true }) });
      const lint = (cls: string) => lintText(put(tmp, 'train.py', script(cls)), script(cls), { ...only('TL005'), modules: new CachedModuleProvider(m, true) })
        .diagnostics.map((d) => d.range.start.line + 1);
      assert.deepEqual(lint('ShiftedTrainer'), []);
      assert.deepEqual(lint('SavingTrainer'), [10]);
    } finally { cleanup(tmp); }
  });
});
