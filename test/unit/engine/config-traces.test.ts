/**
 * Model traces through config objects and project wrappers (session 14): a model id read as `cfg.model_name` from a
 * config object the loader receives as a parameter (same file and another project module), a tokenizer loaded the
 * same way, and project functions that wrap the model with PEFT.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { lintText, type Diagnostic } from '../../../server/src/engine/index';
import { ProjectModules, nameKey } from '../../../server/src/engine/modules/project-modules';
import { CachedModuleProvider } from '../../../server/src/engine/modules/cached-provider';
import { ProjectContexts } from '../../../server/src/engine/env/project-context';
import { ready } from '../helpers';
import { cleanup, makeTmp, put } from '../data/fixtures';

function modules(root: string): ProjectModules {
  return new ProjectModules({ access: () => ({ roots: [root], trusted: true }) });
}
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

describe('traces through config objects and project wrappers', () => {
  before(ready);

  it('a project loader reading the id from a config parameter (cfg.model_name): the object the script passes decides', () => {
    const tmp = makeTmp('trainlint-traces-');
    try {
      put(tmp, 'pyproject.toml', '');
      const loaders = put(tmp, 'loaders.py', 'from transformers import AutoModelForCausalLM\n\n'
        + 'def load_model(cfg):\n    return AutoModelForCausalLM.from_pretrained(cfg.model_name, torch_dtype="auto")\n');
      const m = modules(tmp);
      const script = join(tmp, 'train.py');
      const text = 'from types import SimpleNamespace\nfrom transformers import Trainer, TrainingArguments\nfrom loaders import load_model\n\n'
        + 'config = SimpleNamespace(model_name="Qwen/Qwen3-1.7B")\nmodel = load_model(config)\n'
        + 'Trainer(model=model, args=TrainingArguments(output_dir="o", fp16=True), train_dataset=ds)\n';
      const run = (t: string) => lintText(script, t, { modules: new CachedModuleProvider(m, true) }).diagnostics;
      const d = run(text).find((x) => x.code === 'TL403');
      assert.ok(d, 'TL403 through the loader and the SimpleNamespace');
      assert.match(d.message, /Qwen3/);
      assert.ok(codes(run(text.replace('load_model(config)', 'load_model(cfg=config)'))).includes('TL403'), 'passed by keyword');
      const dc = 'from dataclasses import dataclass\nfrom transformers import Trainer, TrainingArguments\nfrom loaders import load_model\n\n'
        + '@dataclass\nclass Cfg:\n    model_name: str = "google/gemma-2-2b"\n\n'
        + 'model = load_model(Cfg())\nTrainer(model=model, args=TrainingArguments(output_dir="o", fp16=True), train_dataset=ds)\n';
      assert.ok(codes(run(dc)).includes('TL403'), 'a dataclass instance with the field\'s default');
      assert.ok(!codes(run(dc.replace('Cfg()', 'Cfg(model_name="gpt2")'))).includes('TL403'), 'the field given at construction');
      assert.ok(!codes(run(text.replace('model = load_model', 'config.model_name = pick()\nmodel = load_model'))).includes('TL403'), 'set after construction');
      assert.ok(!codes(run(text.replace('config = SimpleNamespace(model_name="Qwen/Qwen3-1.7B")', 'config = parser.parse_args()'))).includes('TL403'), 'parsed from the command line');
      assert.ok(!codes(run(text.replace('load_model(config)', 'load_model(*argv)'))).includes('TL403'), '*args at the call');
      assert.equal((m.get(nameKey(script, 'loaders', 'load_model')) as { loader?: { param?: { attr?: string } } } | null)?.loader?.param?.attr, 'model_name');
      // The function changes the attribute, or reassigns the parameter: the object passed is not what is read.
      put(tmp, 'loaders.py', 'from transformers import AutoModelForCausalLM\n\n'
        + 'def load_model(cfg):\n    cfg.model_name = pick()\n    return AutoModelForCausalLM.from_pretrained(cfg.model_name)\n');
      m.refresh([loaders]);
      assert.ok(!codes(run(text)).includes('TL403'), 'the loader sets cfg.model_name');
      put(tmp, 'loaders.py', 'from transformers import AutoModelForCausalLM\n\n'
        + 'def load_model(cfg):\n    cfg = merge(cfg)\n    return AutoModelForCausalLM.from_pretrained(cfg.model_name)\n');
      m.refresh([loaders]);
      assert.ok(!codes(run(text)).includes('TL403'), 'the loader reassigns cfg');
    } finally { cleanup(tmp); }
  });

  it('a tokenizer loaded by the script\'s own function from cfg.model_name: its template is the model\'s (TL107 a warning, not information)', () => {
    const text = 'from types import SimpleNamespace\nfrom transformers import AutoTokenizer\n\n'
      + 'def load_tokenizer(cfg):\n    return AutoTokenizer.from_pretrained(cfg.model_name)\n\n'
      + 'config = SimpleNamespace(model_name="meta-llama/Llama-3.1-8B-Instruct")\ntokenizer = load_tokenizer(config)\n\n'
      + 'def tokenize(example):\n    text = tokenizer.apply_chat_template(example["messages"], tokenize=False)\n    return tokenizer(text, truncation=True)\n\n'
      + 'ds = ds.map(tokenize)\n';
    const severity = (t: string) => lintText('/tmp/t.py', t).diagnostics.find((d) => d.code === 'TL107')?.severity;
    assert.equal(severity(text), 'warning');
    assert.equal(severity(text.replace('config = SimpleNamespace', 'config = parser.parse_args()\nother = SimpleNamespace')), 'information', 'an unknown config: the template is unknown');
    assert.equal(severity(text.replace('Llama-3.1-8B-Instruct', 'Qwen/Qwen2.5-7B-Instruct').replace('meta-llama/', '')), undefined, 'Qwen\'s template renders no BOS');
  });
  it('a project function that wraps the model with PEFT: the trace passes through it (TL403 on the argument\'s family, TL405 and TL307 at the script\'s call)', () => {
    const tmp = makeTmp('trainlint-traces-');
    try {
      put(tmp, 'pyproject.toml', '');
      put(tmp, 'requirements.txt', 'transformers==4.50.0\ntrl==0.29.0\n');
      const lora = put(tmp, 'lora.py', 'from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training\n\n'
        + 'def apply_lora(model, r=8):\n    model = prepare_model_for_kbit_training(model)\n    model = get_peft_model(model, LoraConfig(r=r, task_type="CAUSAL_LM"))\n'
        + '    model.print_trainable_parameters()\n    return model\n\n'
        + 'def plain_lora(model):\n    return get_peft_model(model, LoraConfig(r=8))\n');
      const m = modules(tmp);
      const script = join(tmp, 'train.py');
      const env = new ProjectContexts(() => undefined).get(script, '').env;
      const run = (t: string) => lintText(script, t, { env, modules: new CachedModuleProvider(m, true) }).diagnostics;
      const head = 'from transformers import AutoModelForCausalLM, Trainer, TrainingArguments\nfrom trl import SFTConfig, SFTTrainer\n'
        + 'from peft import LoraConfig\nfrom lora import apply_lora, plain_lora\n\n'
        + 'gemma = AutoModelForCausalLM.from_pretrained("google/gemma-2-9b")\ngpt = AutoModelForCausalLM.from_pretrained("gpt2")\n';
      // Two loads of different families: only the trace through apply_lora tells which one is trained.
      const fp16 = head + 'model = apply_lora(gemma)\nTrainer(model=model, args=TrainingArguments(output_dir="o", fp16=True), train_dataset=ds)\n';
      assert.ok(codes(run(fp16)).includes('TL403'), 'TL403 through the project wrapper');
      assert.ok(!codes(run(fp16.replace('apply_lora(gemma)', 'apply_lora(gpt)'))).includes('TL403'), 'the other load');
      assert.ok(!codes(run(fp16.replace('apply_lora(gemma)', 'apply_lora(model=gpt, r=4)'))).includes('TL403'), 'by keyword');
      assert.ok(codes(run(fp16.replace('apply_lora(gemma)', 'apply_lora(r=4, model=gemma)'))).includes('TL403'), 'by keyword, Gemma');
      assert.ok(!codes(lintText(script, fp16).diagnostics).includes('TL403'), 'without the project modules the trace stops at apply_lora');
      // Adapters added by the project function, then a peft_config: TL405 at the trainer's peft_config, adapters "added here" at the call.
      const twice = head + 'model = apply_lora(gemma)\ntrainer = SFTTrainer(model=model, peft_config=LoraConfig(r=16), train_dataset=ds, args=SFTConfig(output_dir="o"))\n';
      const d405 = run(twice).find((x) => x.code === 'TL405');
      assert.ok(d405, 'TL405 through the project wrapper');
      assert.match(d405.message, /already has adapters \(get_peft_model in apply_lora\)/);
      assert.equal(d405.related?.[0]?.range.start.line, 7, 'adapters added at the script\'s call of apply_lora');
      // TL307 reads the wrap's config in lora.py: a task_type declares labels (silent), a plain PeftModel is a warning.
      const evals = (fn: string) => run(head + `model = ${fn}(gemma)\nTrainer(model=model, args=TrainingArguments(output_dir="o", eval_strategy="steps", bf16=True), train_dataset=ds, eval_dataset=ev)\n`)
        .find((x) => x.code === 'TL307');
      assert.equal(evals('plain_lora')?.severity, 'warning', 'no task_type: a plain PeftModel');
      assert.equal(evals('plain_lora')?.related?.[0]?.range.start.line, 7);
      assert.equal(evals('apply_lora'), undefined, 'task_type="CAUSAL_LM": the task class declares labels');
      // A function that loads a model itself and wraps it is a loader with its wraps (the argument is not what it returns).
      put(tmp, 'lora.py', 'from peft import LoraConfig, get_peft_model\nfrom transformers import AutoModelForCausalLM\n\n'
        + 'def apply_lora(model, r=8):\n    other = AutoModelForCausalLM.from_pretrained("google/gemma-2-2b")\n    return get_peft_model(other, LoraConfig(r=r))\n');
      m.refresh([lora]);
      const answer = m.get(nameKey(script, 'lora', 'apply_lora')) as { loader?: { id?: string; wraps?: Array<{ calleeText: string }> }; wrapper?: unknown } | null;
      assert.equal(answer?.loader?.id, 'google/gemma-2-2b');
      assert.deepEqual(answer?.loader?.wraps?.map((w) => w.calleeText), ['get_peft_model']);
      assert.equal(answer?.wrapper, undefined);
      assert.ok(codes(run(fp16.replace('apply_lora(gemma)', 'apply_lora(gpt)'))).includes('TL403'), 'the Gemma the function loads, whatever it is given');
      assert.ok(codes(run(twice)).includes('TL405'), 'the loader\'s wrap');
      put(tmp, 'lora.py', 'from peft import LoraConfig, get_peft_model\n\n'
        + 'def apply_lora(model, r=8):\n    if r:\n        return get_peft_model(model, LoraConfig(r=r))\n    return model\n');
      m.refresh([lora]);
      assert.equal(m.get(nameKey(script, 'lora', 'apply_lora')), null, 'two returns: no summary');
      assert.ok(!codes(run(fp16)).includes('TL403'), 'two returns: the trace stops');
    } finally { cleanup(tmp); }
  });
});
