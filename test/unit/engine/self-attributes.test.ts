/** `self.attr` read in another method of the script's own class: the class's one assignment, or unknown (`facts/self-attributes.ts`). */
import assert from 'node:assert/strict';
import { ParsedScript } from '../../../server/src/engine/index';
import { buildFacts } from '../../../server/src/engine/facts/build';
import { evaluate } from '../../../server/src/engine/facts/values';
import type { PyValue } from '../../../server/src/engine/facts/values';
import { lintSnippet, ready } from '../helpers';

/** The value of the `max_length=` keyword of the script's last call of `SFTConfig`. */
function maxLength(text: string): PyValue {
  const script = ParsedScript.parse(text);
  try {
    const facts = buildFacts(script.syntax);
    const call = facts.calls.filter((c) => c.calleeText === 'SFTConfig').pop();
    assert.ok(call, 'no SFTConfig call');
    return evaluate(facts, call.keywords.get('max_length')!.value);
  } finally { script.dispose(); }
}

const train = `
    def train(self):
        return SFTConfig(output_dir="o", max_length=self.max_len)
`;

describe('self attributes across methods', () => {
  before(ready);

  it('reads the one assignment of the class, in whichever method it is', () => {
    assert.deepEqual(maxLength(`class Run:\n    def __init__(self):\n        self.max_len = 1024\n${train}`), { kind: 'num', value: 1024 });
    assert.deepEqual(maxLength(`class Run:${train}\n    def setup(self):\n        self.max_len = 2 * 512\n`), { kind: 'num', value: 1024 });
    // a dataclass's own `__post_init__` setting a non-field attribute
    assert.deepEqual(maxLength(`from dataclasses import dataclass\n@dataclass\nclass Run:\n    name: str = "x"\n    def __post_init__(self):\n        self.max_len = 256\n${train}`),
      { kind: 'num', value: 256 });
    // a lambda in the method reads the method's `self`
    const lam = `class Run:\n    def __init__(self):\n        self.max_len = 64\n    def train(self):\n        f = lambda: SFTConfig(output_dir="o", max_length=self.max_len)\n`;
    assert.deepEqual(maxLength(lam), { kind: 'num', value: 64 });
    // reading another object's `__dict__`, a computed `setattr` on `self` of another class, an attribute of another object
    const others = `import json\nclass Cfg:\n    def __init__(self, **kw):\n        for k, v in kw.items():\n            setattr(self, k, v)\n`
      + `class Run:\n    def __init__(self):\n        self.max_len = 128\n${train}\njson.dump(args.__dict__, f)\nargs.max_length = 3\n`;
    assert.deepEqual(maxLength(others), { kind: 'num', value: 128 });
  });

  it('reads a class derived from torch.nn.Module, except for the attributes nn.Module binds itself', () => {
    const head = (base: string) => `import torch\nfrom torch import nn\nclass Run(${base}):\n    def __init__(self):\n        super().__init__()\n`;
    assert.deepEqual(maxLength(`${head('nn.Module')}        self.max_len = 1024\n${train}`), { kind: 'num', value: 1024 });
    assert.deepEqual(maxLength(`${head('torch.nn.Module')}        self.max_len = 512\n${train}`), { kind: 'num', value: 512 });
    const bound = (attr: string) => `${head('nn.Module')}        self.${attr} = 1024\n    def train(self):\n        return SFTConfig(output_dir="o", max_length=self.${attr})\n`;
    assert.deepEqual(maxLength(bound('training')), { kind: 'unknown' });
    assert.deepEqual(maxLength(bound('_len')), { kind: 'unknown' });
    assert.deepEqual(maxLength(`${head('pl.LightningModule')}        self.max_len = 1024\n${train}`), { kind: 'unknown' });
  });

  it('stays unknown when anything else may give the attribute a value', () => {
    const unknown = { kind: 'unknown' };
    const init = (body: string, head = 'class Run:') => `${head}\n    def __init__(self, n=3):\n${body}\n${train}`;
    const cases: Record<string, string> = {
      'assigned twice': init('        self.max_len = 1024\n        self.max_len = 2048'),
      'assigned in two methods': `${init('        self.max_len = 1024')}\n    def longer(self):\n        self.max_len = 4096\n`,
      'augmented': init('        self.max_len = 1024\n        self.max_len += 1'),
      'in a loop': init('        for i in range(3):\n            self.max_len = 1024'),
      'a class attribute': init('        self.max_len = 1024', 'class Run:\n    max_len = 512'),
      'a base class': init('        self.max_len = 1024', 'class Run(Base):'),
      'a decorator': init('        self.max_len = 1024', '@register\nclass Run:'),
      'setattr in the class': init('        self.max_len = 1024\n        setattr(self, "max" + "_len", n)'),
      '__dict__ in the class': init('        self.max_len = 1024\n        self.__dict__.update(vars())'),
      'a write through another object\'s __dict__': `${init('        self.max_len = 1024')}\nrun = Run()\nrun.__dict__.update(max_len=4096)\n`,
      'a computed setattr outside': `${init('        self.max_len = 1024')}\nrun = Run()\nfor k in keys:\n    setattr(run, k, 1)\n`,
      'set from outside': `${init('        self.max_len = 1024')}\nrun = Run()\nrun.max_len = 4096\n`,
      'setattr from outside': `${init('        self.max_len = 1024')}\nrun = Run()\nsetattr(run, "max_len", 4096)\n`,
      'augmented from outside': `${init('        self.max_len = 1024')}\nrun = Run()\nrun.max_len *= 2\n`,
      'a subclass assigns it': `${init('        self.max_len = 1024')}\nclass Longer(Run):\n    def __init__(self):\n        self.max_len = 4096\n`,
      'a subclass defines it': `${init('        self.max_len = 1024')}\nclass Longer(Run):\n    max_len = 4096\n`,
      'a nested function of the method assigns it': init('        def inner():\n            self.max_len = 1024\n        inner()'),
      'a parameter': init('        self.max_len = n'),
      'a static method': `class Run:\n    def __init__(self):\n        self.max_len = 1024\n    @staticmethod\n    def train(self):\n        return SFTConfig(output_dir="o", max_length=self.max_len)\n`,
    };
    for (const [what, text] of Object.entries(cases)) assert.deepEqual(maxLength(text), unknown, what);
  });

  it('decides a pad = EOS guard from the model `self.tokenizer` loads (a warning for Llama, not information)', () => {
    const text = `from transformers import AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments

class Tuner:
    def __init__(self):
        self.tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B")
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token

    def train(self, ds):
        Trainer(model=model, args=TrainingArguments("o"), train_dataset=ds,
                data_collator=DataCollatorForLanguageModeling(self.tokenizer, mlm=False)).train()
`;
    const found = lintSnippet(text).filter((d) => d.code === 'TL006');
    assert.deepEqual(found.map((d) => d.severity), ['warning']);
  });

  it('names the method that left-pads `self.tokenizer`, and offers no fix there', () => {
    const text = `from transformers import AutoTokenizer, DataCollatorForSeq2Seq, Trainer, TrainingArguments

class Tuner:
    def __init__(self):
        self.tokenizer = AutoTokenizer.from_pretrained("mistralai/Mistral-7B-v0.1")
        self.tokenizer.padding_side = "left"

    def train(self, ds):
        Trainer(model=model, args=TrainingArguments("o"), train_dataset=ds, data_collator=DataCollatorForSeq2Seq(self.tokenizer)).train()
`;
    const found = lintSnippet(text).filter((d) => d.code === 'TL201');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /set in `Tuner\.__init__\(\)`/);
    assert.deepEqual(found[0].fixes, []);
  });
});
