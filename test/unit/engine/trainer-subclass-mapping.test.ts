/**
 * Trainer subclasses with explicit `__init__` parameters (`facts/explicit-init.ts`, `domain/mapped-trainer-call.ts`):
 * an instantiation is its library trainer with the arguments the `__init__` provably passes on unmodified, under the
 * library's names; the subclass's own parameters are not the trainer's; anything not proven is unknown (`hasSplat`).
 */
import assert from 'node:assert/strict';
import { ALL_RULES, CachedModuleProvider, lint, lintText, ParsedScript, ProjectModules, ScriptDocument } from '../../../server/src/engine/index';
import { ready } from '../helpers';
import { cleanup, makeTmp, put } from '../data/fixtures';

/** Each trainer as `Kind open? k=v, …` (keywords sorted). */
function trainers(text: string): string[] {
  const script = ParsedScript.parse(text);
  try {
    const r = lint({ doc: ScriptDocument.fromPython('/tmp/mapping/train.py', text), script });
    return r.analysis.trainers.map((t) => `${t.kind}${t.call.hasSplat ? ' open' : ''} `
      + [...t.call.keywords].map(([k, a]) => `${k}=${a.value.text}`).sort().join(', '));
  } finally { script.dispose(); }
}

const HEAD = 'from transformers import Trainer, Seq2SeqTrainer\nfrom trl import DPOTrainer, SFTTrainer\n\n';

describe('trainer subclasses with explicit parameters', () => {
  before(ready);

  it('maps keywords, positional arguments and literal defaults onto the library trainer; own parameters stay out', () => {
    const text = `${HEAD}class DistilTrainer(Trainer):
    def __init__(self, model, args, teacher, train_ds, eval_ds=None, temperature=2.0, **kwargs):
        super().__init__(model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds, **kwargs)
        self.teacher = teacher

class PosTrainer(Trainer):
    def __init__(self, model, args, collator, ds, alpha=0.5):
        super().__init__(model, args, collator, ds)

DistilTrainer(student, targs, teacher, train_ds=ds, data_collator=col)
PosTrainer(m, a, c, d, alpha=0.1)
`;
    assert.deepEqual(trainers(text), [
      'Trainer args=targs, data_collator=col, eval_dataset=None, model=student, train_dataset=ds',
      'Trainer args=a, data_collator=c, model=m, train_dataset=d',
    ]);
  });

  it('kwargs.pop renamings (LLaMA-Factory), pops and positional parameters before *args (KDLossTrainer)', () => {
    const text = `${HEAD}class CustomSeq2SeqTrainer(Seq2SeqTrainer):
    def __init__(self, finetuning_args, processor, gen_kwargs=None, **kwargs):
        kwargs["processing_class"] = kwargs.pop("tokenizer")
        self.extra = kwargs.pop("extra", None)
        training_args = kwargs.get("args")
        super().__init__(**kwargs)
        self.finetuning_args = finetuning_args

class KDLossTrainer(Trainer):
    def __init__(self, teacher, temperature=4.0, alpha_kd=0.9, *a, **k):
        super().__init__(*a, **k)
        self.teacher = teacher.eval()

CustomSeq2SeqTrainer(finetuning_args=fa, processor=None, model=model, args=sargs, tokenizer=tok, extra=1)
KDLossTrainer(model=student, teacher=teacher, temperature=3.0, args=ta, train_dataset=tr)
KDLossTrainer(teacher, 3.0, 0.5, student, ta)
`;
    assert.deepEqual(trainers(text), [
      // `kwargs.get("args")`: the arguments may be changed through `training_args`, so args= is unknown.
      'Seq2SeqTrainer open model=model, processing_class=tok',
      'Trainer args=ta, model=student, train_dataset=tr',
      'Trainer args=ta, model=student',
    ]);
  });

  it('what is not proven is unknown: expressions, parameters used before the call, self.x after, unknown positions, non-literal defaults', () => {
    const text = `${HEAD}class Expr(Trainer):
    def __init__(self, model, args, train_dataset, eval_dataset=None):
        super().__init__(model=model, args=args, train_dataset=prepare(train_dataset), eval_dataset=eval_dataset)

class Touched(Trainer):
    def __init__(self, model, args, eval_dataset=None):
        if model is not None:
            model.is_quantized = False
        super().__init__(model=model, args=args, eval_dataset=eval_dataset)

class After(Trainer):
    def __init__(self, model, args, eval_dataset=None):
        super().__init__(model=model, args=args, eval_dataset=eval_dataset)
        self.eval_dataset = load_eval()

class Far(DPOTrainer):
    def __init__(self, model, ref, beta, args):
        super().__init__(model, ref, beta, args)

class Default(Trainer):
    def __init__(self, model, args, eval_dataset=EVAL):
        super().__init__(model=model, args=args, eval_dataset=eval_dataset)

class SetKey(Trainer):
    def __init__(self, **kwargs):
        if "tokenizer" in kwargs:
            kwargs["processing_class"] = kwargs.pop("tokenizer")
        super().__init__(**kwargs)

Expr(m, a, ds)
Touched(m, a)
After(m, a)
Far(m, r, 0.1, a)
Default(m, a)
SetKey(model=m, tokenizer=t)
`;
    assert.deepEqual(trainers(text), [
      'Trainer open args=a, eval_dataset=None, model=m',
      'Trainer open args=a, eval_dataset=None',
      'Trainer open args=a, model=m',
      'DPOTrainer open model=m, ref_model=r',
      'Trainer open args=a, model=m',
      'Trainer open model=m',
    ]);
  });

  it('not taken for the trainer: a conditional or second base __init__, a call Python would reject, a parent with its own parameters', () => {
    const text = `${HEAD}class Cond(Trainer):
    def __init__(self, model, args, teacher=None):
        if teacher is None:
            super().__init__(model=model, args=args)
        else:
            super().__init__(model=teacher, args=args)

class Strict(Trainer):
    def __init__(self, model, args):
        super().__init__(model=model, args=args)

class Parent(Trainer):
    def __init__(self, model, args, alpha=0.5):
        super().__init__(model=model, args=args)

class Child(Parent):
    def __init__(self, model, args):
        super().__init__(model, args)

class Renamer(Trainer):
    def __init__(self, **kwargs):
        kwargs["processing_class"] = kwargs.pop("tokenizer")
        super().__init__(**kwargs)

Cond(m, a)
Strict(m, a, train_dataset=ds)
Strict(*xs)
Child(m, a)
Renamer(model=m)
`;
    assert.deepEqual(trainers(text), []);
  });

  it('TL303 fires through a subclass whose eval_dataset default reaches the Trainer; quiet when the call gives one', () => {
    const text = `${HEAD}from transformers import TrainingArguments

class DistilTrainer(Trainer):
    def __init__(self, model, args, teacher, train_ds, eval_ds=None):
        super().__init__(model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds)

targs = TrainingArguments(output_dir="out", eval_strategy="steps", eval_steps=10)
trainer = DistilTrainer(student, targs, teacher, train_ds=ds)
`;
    const only = { rules: ALL_RULES.filter((r) => r.code === 'TL303') };
    const at = (t: string) => lintText('/tmp/mapping/train.py', t, only).diagnostics.map((d) => d.range.start.line + 1);
    assert.deepEqual(at(text), [10]);
    assert.deepEqual(at(text.replace('train_ds=ds)', 'train_ds=ds, eval_ds=val)')), []);
  });

  it('no fix edits a mapped call: TL310 reports the LM collator a DPOTrainer subclass passes on, without removing its argument', () => {
    const body = `from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling
from trl import DPOConfig, DPOTrainer

model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")
tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")
collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)

class MyDPO(DPOTrainer):
    def __init__(self, model, args, ds, collator, tok):
        super().__init__(model=model, args=args, train_dataset=ds, data_collator=collator, processing_class=tok)

`;
    const only = { rules: ALL_RULES.filter((r) => r.code === 'TL310') };
    const plain = lintText('/tmp/mapping/train.py', body + 'trainer = DPOTrainer(model=model, args=DPOConfig(output_dir="out"), train_dataset=ds, data_collator=collator, processing_class=tokenizer)\n', only).diagnostics;
    const sub = lintText('/tmp/mapping/train.py', body + 'trainer = MyDPO(model, DPOConfig(output_dir="out"), ds, collator, tokenizer)\n', only).diagnostics;
    assert.equal(plain.length, 1);
    assert.ok(plain[0].fixes.length > 0, 'the plain DPOTrainer call gets its fix');
    assert.equal(sub.length, 1, 'the subclass passes the collator on as data_collator');
    assert.deepEqual(sub[0].fixes, [], 'no fix: removing the argument would break the subclass call');
  });

  it('TL501 reads tokenizer= only where it reaches the trainer as written (through **kwargs), with its rename; not a parameter of the class', () => {
    const body = `from transformers import Trainer
from trl import DPOTrainer

class Own(DPOTrainer):
    def __init__(self, model=None, ref_model=None, args=None, train_dataset=None, tokenizer=None):
        super().__init__(model=model, ref_model=ref_model, args=args, train_dataset=train_dataset, tokenizer=tokenizer)

class Passes(Trainer):
    def __init__(self, pos_weight=1.0, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pos_weight = pos_weight

`;
    const only = { rules: ALL_RULES.filter((r) => r.code === 'TL501') };
    const own = lintText('/tmp/mapping/train.py', body + 'Own(model, ref, args=cfg, train_dataset=ds, tokenizer=tok)\n', only).diagnostics;
    // tokenizer= is the class's own parameter: the call is right, its super() call is not (reported there, line 6).
    assert.deepEqual(own.map((d) => d.range.start.line), [5], 'only the super().__init__(tokenizer=…) call');
    const passes = lintText('/tmp/mapping/train.py', body + 'Passes(2.0, model=model, args=targs, tokenizer=tok)\n', only).diagnostics
      .filter((d) => d.range.start.line !== 5); // Own's super() call, above
    assert.equal(passes.length, 1, 'tokenizer= reaches Trainer as written');
    assert.ok(passes[0].fixes.some((f) => /processing_class/.test(f.title)), 'its rename is kept: the keyword goes on through **kwargs');
  });

  it('TL006: quiet for a subclass that computes the loss itself (xfactlab/orpo), not for one that adds to super().compute_loss', () => {
    const body = `from transformers import AutoTokenizer, DataCollatorForLanguageModeling, Trainer

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B")
tokenizer.pad_token = tokenizer.eos_token
collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)

class OddsTrainer(Trainer):
    def __init__(self, alpha, pad, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.alpha = alpha

    def compute_loss(self, model, inputs, return_outputs=False):
        return model(input_ids=inputs["positive_input_ids"], labels=inputs["positive_input_ids"]).loss

`;
    const only = { rules: ALL_RULES.filter((r) => r.code === 'TL006') };
    const n = (t: string) => lintText('/tmp/mapping/train.py', t, only).diagnostics.length;
    assert.equal(n(body + 'Trainer(model=model, args=targs, train_dataset=ds, data_collator=collator)\n'), 1);
    assert.equal(n(body + 'OddsTrainer(0.1, tokenizer.pad_token_id, model=model, args=targs, train_dataset=ds, data_collator=collator)\n'), 0);
    // A loss that adds to the trainer's own (huggingface/peft examples/kasa_finetuning): the collator's labels count.
    const adds = body.replace('return model(input_ids=inputs["positive_input_ids"], labels=inputs["positive_input_ids"]).loss',
      'return super().compute_loss(model, inputs, return_outputs) + self.alpha');
    assert.equal(n(adds + 'OddsTrainer(0.1, tokenizer.pad_token_id, model=model, args=targs, train_dataset=ds, data_collator=collator)\n'), 1);
  });

  it('a subclass with explicit parameters defined in another module of the project maps the same (defaults there are unknown)', () => {
    const tmp = makeTmp('trainlint-mapping-');
    try {
      put(tmp, 'pyproject.toml', '');
      put(tmp, 'requirements.txt', 'transformers==4.57.6\n');
      put(tmp, 'pkg/__init__.py', '');
      put(tmp, 'pkg/trainers.py', 'from transformers import Trainer\n\n\nclass DistilTrainer(Trainer):\n'
        + '    def __init__(self, model, args, teacher, train_ds, eval_ds=None, **kwargs):\n'
        + '        super().__init__(model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds, **kwargs)\n'
        + '        self.teacher = teacher\n');
      const script = 'from transformers import TrainingArguments\nfrom pkg.trainers import DistilTrainer\n\n'
        + 'targs = TrainingArguments(output_dir="out", eval_strategy="steps", eval_steps=10)\n'
        + 'trainer = DistilTrainer(student, targs, teacher, train_ds=ds, eval_ds=None)\n'
        + 'other = DistilTrainer(student, targs, teacher, train_ds=ds)\n';
      const m = new ProjectModules({ access: () => ({ roots: [tmp], trusted: true }) });
      const r = lintText(put(tmp, 'train.py', script), script, { rules: ALL_RULES.filter((x) => x.code === 'TL303'), modules: new CachedModuleProvider(m, true) });
      // The first call passes eval_ds=None itself; the second omits it, and the module's default is not read here: quiet.
      assert.deepEqual(r.diagnostics.map((d) => d.range.start.line + 1), [4]);
      assert.match(r.diagnostics[0].related.map((x) => x.message).join(' ') + r.diagnostics[0].message, /eval_dataset/);
    } finally { cleanup(tmp); }
  });
});
