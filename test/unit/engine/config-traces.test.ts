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
});
