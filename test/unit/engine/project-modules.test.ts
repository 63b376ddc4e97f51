/**
 * Project modules (`engine/modules/`): a script split across the files of its project. A trainer subclass
 * defined in another module is a trainer, a constant imported from the project's config module has its value,
 * and TL601 is quiet on a module whose every importer loads Unsloth first; an ambiguous import stays unknown;
 * an editor's unsaved text wins and a changed module changes the answer; the single-file path reads nothing.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../server/src/engine/index';
import { ProjectContexts } from '../../../server/src/engine/env/project-context';
import { ProjectModules, nameKey } from '../../../server/src/engine/modules/project-modules';
import { CachedModuleProvider } from '../../../server/src/engine/modules/cached-provider';
import { DataSourceCache } from '../../../server/src/engine/data/cache';
import { CachedDataProvider } from '../../../server/src/engine/dataset/cached-provider';
import { ready } from '../helpers';
import { FIXTURES, codes, lintFile, modules } from './project-modules-helpers';
import { cleanup, makeTmp, put } from '../data/fixtures';

describe('project modules', () => {
  before(ready);

  it('a Trainer subclass defined in another module of the project is a Trainer: TL501 sees its tokenizer=', () => {
    const dir = join(FIXTURES, 'subclass');
    const train = join(dir, 'train.py');
    assert.ok(!codes(lintFile(train)).includes('TL501'), 'one file at a time: LLaVATrainer is unknown');
    const d = lintFile(train, modules(dir)).find((x) => x.code === 'TL501');
    assert.ok(d, 'TL501 on the imported subclass');
    assert.match(d.message, /removed from Trainer in transformers 5\.0/);
  });

  it('a class whose module never spells Trainer is still a trainer through a base from another project module', () => {
    // The lookup answers a class that can be no trainer (no `Trainer` in its module, no project import) without
    // parsing the module; a base imported from the project must still be followed.
    const tmp = makeTmp('trainlint-modules-');
    try {
      put(tmp, 'pyproject.toml', '');
      put(tmp, 'requirements.txt', 'transformers==5.0.0\n');
      put(tmp, 'pkg/__init__.py', '');
      put(tmp, 'pkg/base.py', 'from transformers import Trainer\n\nclass Base(Trainer):\n    pass\n');
      put(tmp, 'pkg/runner.py', 'from .base import Base\n\nclass Runner(Base):\n    pass\n');
      put(tmp, 'pkg/nets.py', 'import torch.nn as nn\n\nclass Runner2(nn.Module):\n    pass\n');
      const text = 'from pkg.runner import Runner\nfrom pkg.nets import Runner2\n\n'
        + 'Runner(model=model, args=args, tokenizer=tok)\nRunner2(model=model, args=args, tokenizer=tok)\n';
      const r = lintFile(put(tmp, 'train.py', text), modules(tmp)).filter((d) => d.code === 'TL501');
      assert.deepEqual(r.map((d) => `${d.code}:${d.range.start.line}`), ['TL501:3'], 'Runner is a Trainer through pkg/base.py; Runner2 is an nn.Module');
    } finally { cleanup(tmp); }
  });

  it('a constant imported from the project config module has its value: TL403 fp16 on a Qwen2.5 MODEL_NAME', () => {
    const dir = join(FIXTURES, 'config');
    const script = join(dir, 'src', 'training', 'trainer.py');
    assert.ok(!codes(lintFile(script)).includes('TL403'));
    const d = lintFile(script, modules(dir)).find((x) => x.code === 'TL403');
    assert.ok(d, 'TL403 fires');
    assert.match(d.message, /Qwen2\.5/);
  });

  it('a module file is read only when its real path is inside a root: a link to a file outside is not followed, a root reached through a link is', () => {
    const tmp = makeTmp('trainlint-modules-');
    const outside = makeTmp('trainlint-outside-');
    try {
      const config = 'MODEL_NAME = "Qwen/Qwen2.5-0.5B"\n';
      put(outside, 'config.py', config);
      put(tmp, 'proj/pyproject.toml', '');
      put(tmp, 'proj/requirements.txt', 'transformers==4.46.0\n');
      const text = 'from config import MODEL_NAME\nfrom transformers import AutoModelForCausalLM, Trainer, TrainingArguments\n\n'
        + 'model = AutoModelForCausalLM.from_pretrained(MODEL_NAME)\n'
        + 'Trainer(model=model, args=TrainingArguments(output_dir="o", fp16=True), train_dataset=ds)\n';
      const train = put(tmp, 'proj/train.py', text);
      symlinkSync(join(outside, 'config.py'), join(tmp, 'proj', 'config.py'));
      const root = join(tmp, 'proj');
      assert.ok(!codes(lintFile(train, modules(root))).includes('TL403'), 'config.py links outside the root: not read');
      // The same module as a real file inside, the root named through a link to the project folder.
      rmSync(join(tmp, 'proj', 'config.py'));
      put(tmp, 'proj/config.py', config);
      symlinkSync(root, join(tmp, 'via-link'));
      const m = modules(join(tmp, 'via-link'));
      assert.ok(codes(lintFile(join(tmp, 'via-link', 'train.py'), m)).includes('TL403'), 'read through the linked root');
      assert.ok(codes(lintFile(train, m)).includes('TL403'), 'the real path of the same file is inside the linked root too');
    } finally { cleanup(tmp); cleanup(outside); }
  });

  it('a constant the config module assigns twice at its top level holds the last value: TL403 on gemma-sft (google/gemma_pytorch#24)', () => {
    const tmp = makeTmp('trainlint-modules-');
    try {
      put(tmp, 'pyproject.toml', '');
      put(tmp, 'pkg/__init__.py', '');
      const config = put(tmp, 'pkg/config.py', 'PATH_MODEL_PRETRAIN = ""\nREPO_ID = "google/gemma-2b-it"\n'
        + 'PATH_MODEL_PRETRAIN = PATH_MODEL_PRETRAIN if PATH_MODEL_PRETRAIN else REPO_ID\n');
      const m = modules(tmp);
      const script = join(tmp, 'train.py');
      const text = 'import transformers\nfrom pkg.config import PATH_MODEL_PRETRAIN\n\n'
        + 'model = transformers.AutoModelForCausalLM.from_pretrained(PATH_MODEL_PRETRAIN)\n'
        + 'trainer = transformers.Trainer(model=model, args=transformers.TrainingArguments(output_dir="o", fp16=True), train_dataset=ds)\n';
      const run = () => lintText(script, text, { modules: new CachedModuleProvider(m, true) }).diagnostics;
      const d = run().find((x) => x.code === 'TL403');
      assert.ok(d, 'the last top-level assignment gives the id');
      assert.match(d.message, /Gemma/);
      // An assignment under an `if` may not run: the values disagree and the name has none.
      put(tmp, 'pkg/config.py', 'import os\nPATH_MODEL_PRETRAIN = "google/gemma-2b-it"\nif os.environ.get("X"):\n    PATH_MODEL_PRETRAIN = "gpt2"\n');
      m.refresh([config]);
      assert.ok(!codes(run()).includes('TL403'), 'a conditional reassignment');
      // The last top-level assignment that cannot be evaluated leaves the name unknown, whatever came before.
      put(tmp, 'pkg/config.py', 'import os\nPATH_MODEL_PRETRAIN = "google/gemma-2b-it"\nPATH_MODEL_PRETRAIN = os.environ["MODEL"]\n');
      m.refresh([config]);
      assert.ok(!codes(run()).includes('TL403'), 'a last value read from the environment');
    } finally { cleanup(tmp); }
  });

  it('a data path imported from the project config module is read: TL106 on a column the file does not have', async () => {
    const dir = join(FIXTURES, 'data-path');
    const script = join(dir, 'train.py');
    const text = readFileSync(script, 'utf8');
    const cache = new DataSourceCache({ access: { workspaceRoots: [dir], hfCacheRoots: [], trusted: true } });
    const lintWith = async (m?: ProjectModules) => {
      const first = new CachedDataProvider(cache, script, dir);
      lintText(script, text, { data: first, modules: m && new CachedModuleProvider(m, true) });
      await first.fetch();
      return codes(lintText(script, text, { data: new CachedDataProvider(cache, script, dir), modules: m && new CachedModuleProvider(m, true) }).diagnostics);
    };
    assert.ok(!(await lintWith()).includes('TL106'), 'DATA_PATH unknown: the data is not read');
    assert.ok((await lintWith(modules(dir))).includes('TL106'));
    cache.dispose();
  });

  it('TL601 is quiet on a module that main.py imports after a module that imports unsloth, and still fires on a single script', () => {
    const dir = join(FIXTURES, 'unsloth-order');
    const train = join(dir, 'train.py');
    assert.ok(codes(lintFile(train)).includes('TL601'), 'alone, the module imports trl first');
    assert.ok(!codes(lintFile(train, modules(dir))).includes('TL601'), 'main.py loads unsloth (through model/load_model.py) before train');
    const single = join(__dirname, '..', '..', 'fixtures', 'rules', 'TL601');
    const genuine = readFileSync(join(single, 'after_trl.py'), 'utf8');
    const tmp = makeTmp('trainlint-modules-');
    try {
      const own = put(tmp, 'train.py', genuine);
      put(tmp, 'pyproject.toml', '');
      assert.ok(codes(lintText(own, genuine, { modules: new CachedModuleProvider(modules(tmp), true) }).diagnostics).includes('TL601'), 'no importer: still reported');
    } finally { cleanup(tmp); }
  });

  it('TL601 still fires when one importer does not load unsloth first, or when the module is run itself', () => {
    const tmp = makeTmp('trainlint-modules-');
    try {
      put(tmp, 'pyproject.toml', '');
      const trainText = readFileSync(join(FIXTURES, 'unsloth-order', 'train.py'), 'utf8');
      const train = put(tmp, 'train.py', trainText);
      put(tmp, 'main.py', 'import unsloth\nfrom train import run\n');
      put(tmp, 'other.py', 'from train import run\nimport unsloth\n');
      const lintTrain = (text: string) => codes(lintText(train, text, { modules: new CachedModuleProvider(modules(tmp), true) }).diagnostics);
      assert.ok(lintTrain(trainText).includes('TL601'), 'other.py imports train before unsloth');
      put(tmp, 'other.py', 'import unsloth\nimport train\n');
      assert.ok(!lintTrain(trainText).includes('TL601'));
      assert.ok(lintTrain(trainText + '\nif __name__ == "__main__":\n    run(None, None)\n').includes('TL601'), 'an entry point is run first itself');
    } finally { cleanup(tmp); }
  });

  it('TL601: `from pkg import sub` in an importer loads the submodule, whose unsloth import counts (michelebanfi/finetune-gemma-4)', () => {
    const tmp = makeTmp('trainlint-modules-');
    try {
      put(tmp, 'pyproject.toml', '');
      put(tmp, 'common/__init__.py', '');
      put(tmp, 'common/modeling.py', 'import torch\nfrom unsloth import FastModel\n');
      const trainText = 'from trl import SFTTrainer, SFTConfig\nfrom unsloth.chat_templates import train_on_responses_only\n\n'
        + 'def build(model, tok, ds):\n    return SFTTrainer(model=model, processing_class=tok, train_dataset=ds, args=SFTConfig(output_dir="o"))\n';
      const train = put(tmp, 'common/training.py', trainText);
      put(tmp, 'tikz/__init__.py', '');
      put(tmp, 'tikz/model.py', 'from common import modeling\n');
      put(tmp, 'tikz/training.py', 'from common import training as common_training\n');
      put(tmp, 'train_tikz.py', 'import os\nfrom tikz.model import load\nfrom tikz.training import build\n');
      const lintTrain = () => codes(lintText(train, trainText, { modules: new CachedModuleProvider(modules(tmp), true) }).diagnostics);
      assert.ok(!lintTrain().includes('TL601'), 'train_tikz.py loads unsloth through tikz.model → common.modeling first');
      put(tmp, 'tikz/model.py', 'from common import gguf\n');
      put(tmp, 'common/gguf.py', 'import os\n');
      assert.ok(lintTrain().includes('TL601'), 'a sibling submodule that loads nothing');
    } finally { cleanup(tmp); }
  });

  it('TL601/TL503: an importer that imports the module inside a function defined after its top-level `import unsloth` loads Unsloth first (SunHao-AI/gemma4-ft)', () => {
    const tmp = makeTmp('trainlint-modules-');
    try {
      put(tmp, 'pyproject.toml', '');
      put(tmp, 'requirements.txt', 'transformers==5.5.0\ntrl==0.24.0\nunsloth==2026.5.8\n');
      put(tmp, 'pkg/__init__.py', '');
      const monitorText = 'import torch\nfrom transformers import TrainerCallback\n\n'
        + 'def bench(model, tok, ds):\n    from trl import SFTTrainer, SFTConfig\n    from unsloth.trainer import UnslothVisionDataCollator\n'
        + '    return SFTTrainer(model=model, processing_class=tok, train_dataset=ds, args=SFTConfig(output_dir="o", max_seq_length=2048))\n';
      const monitor = put(tmp, 'pkg/monitor.py', monitorText);
      const lintMonitor = () => codes(lintText(monitor, monitorText, { modules: new CachedModuleProvider(modules(tmp), true) }).diagnostics);
      put(tmp, 'pkg/train.py', 'import os\nimport unsloth\nfrom transformers import TrainerCallback\n\n'
        + 'def main():\n    from pkg.monitor import bench\n    bench(None, None, None)\n\nif __name__ == "__main__":\n    main()\n');
      const quiet = lintMonitor();
      assert.ok(!quiet.includes('TL601'), 'train.py has loaded unsloth before main() imports pkg.monitor');
      assert.ok(!quiet.includes('TL503'), 'trl.SFTConfig is Unsloth\'s when bench() runs: max_seq_length= is accepted');
      put(tmp, 'pkg/train.py', 'import os\n\ndef main():\n    from pkg.monitor import bench\n    bench(None, None, None)\n\n'
        + 'import unsloth\n\nif __name__ == "__main__":\n    main()\n');
      const loud = lintMonitor();
      assert.ok(loud.includes('TL601') && loud.includes('TL503'), 'unsloth imported only after the definition: not proven first');
    } finally { cleanup(tmp); }
  });

  it('a module every importer imports after loading Unsloth gets the patched trainers: no TL501/TL502 there (NotAdson/SFT-Python-Gemma3-1b)', () => {
    const tmp = makeTmp('trainlint-modules-');
    try {
      put(tmp, 'requirements.txt', 'transformers==4.57.6\ntrl==0.24.0\nunsloth==2026.2.1\n');
      put(tmp, 'src/model/__init__.py', '');
      put(tmp, 'src/model/handler.py', 'from unsloth import FastLanguageModel\n');
      put(tmp, 'src/train/__init__.py', '');
      const sftText = 'from trl import SFTTrainer\nfrom transformers import TrainingArguments\n\n'
        + 'def run(model, tokenizer, ds):\n'
        + '    trainer = SFTTrainer(model=model, tokenizer=tokenizer, train_dataset=ds, dataset_text_field="text", max_seq_length=2048,\n'
        + '                         args=TrainingArguments("out"), packing=False)\n'
        + '    trainer.train()\n';
      const sft = put(tmp, 'src/train/sft.py', sftText);
      put(tmp, 'src/main.py', 'import yaml\nfrom model.handler import Model\nfrom train.sft import run\n');
      const ctx = () => new ProjectContexts(() => undefined).get(sft, '');
      const lintSft = (text = sftText) => codes(lintText(sft, text, { env: ctx().env, modules: new CachedModuleProvider(modules(tmp), true) }).diagnostics);
      const alone = codes(lintFile(sft));
      assert.ok(alone.includes('TL501') && alone.includes('TL502'), 'alone, TRL 0.24 rejects tokenizer= and dataset_text_field=');
      const withImporters = lintSft();
      assert.ok(!withImporters.includes('TL501') && !withImporters.includes('TL502'), `main.py loads unsloth first: ${withImporters}`);
      assert.ok(lintSft(sftText + '\nif __name__ == "__main__":\n    run(None, None, None)\n').includes('TL501'), 'run itself: TRL as installed');
      const tl513 = (text: string) => lintText(sft, text, { env: ctx().env, modules: new CachedModuleProvider(modules(tmp), true) }).diagnostics.find((d) => d.code === 'TL513');
      const chat = sftText + '\ndef count(tok, msgs):\n    return len(tok.apply_chat_template(msgs))\n';
      put(tmp, 'requirements.txt', 'transformers==5.5.0\ntrl==0.24.0\n');
      assert.match(tl513(chat)?.message ?? '', /unless unsloth_zoo ≥ 2026\.4\.1 \(loaded by this module's importers\) restores the list/);
      put(tmp, 'src/main.py', 'from train.sft import run\nfrom model.handler import Model\n');
      assert.ok(lintSft().includes('TL501'), 'main.py imports the module before unsloth');
    } finally { cleanup(tmp); }
  });

  it('an ambiguous import (two candidate files) has no value; relative and dotted imports resolve', () => {
    const tmp = makeTmp('trainlint-modules-');
    try {
      put(tmp, 'pyproject.toml', '');
      put(tmp, 'config.py', 'MODEL = "Qwen/Qwen2.5-7B"\n');
      put(tmp, 'pkg/__init__.py', '');
      put(tmp, 'pkg/settings.py', 'from .base import BASE\nMODEL = BASE + "-Instruct"\nLR = 2e-4\nLR = 2e-4\nSTEPS = 10\nSTEPS += 1\n');
      put(tmp, 'pkg/base.py', 'BASE = "meta-llama/Llama-3.1-8B"\n');
      const m = modules(tmp);
      const script = join(tmp, 'pkg', 'train.py');
      const p = new CachedModuleProvider(m, true);
      assert.deepEqual(p.lookup(script, '.settings', 'MODEL')?.value, { kind: 'str', value: 'meta-llama/Llama-3.1-8B-Instruct' });
      assert.deepEqual(p.lookup(script, 'pkg.settings', 'LR')?.value, { kind: 'num', value: 2e-4 }, 'two assignments that agree');
      assert.equal(p.lookup(script, 'pkg.settings', 'STEPS'), undefined, 'an augmented assignment: unknown');
      assert.deepEqual(p.lookup(script, 'config', 'MODEL')?.value, { kind: 'str', value: 'Qwen/Qwen2.5-7B' }, 'found in a parent folder');
      put(tmp, 'pkg/config.py', 'MODEL = "gpt2"\n');
      assert.equal(new CachedModuleProvider(modules(tmp), true).lookup(script, 'config', 'MODEL'), undefined, 'config.py beside the script and in its parent: ambiguous');
      // Through the script's own import forms.
      for (const [imports, ref] of [['import pkg.settings', 'pkg.settings.MODEL'], ['import pkg.settings as s', 's.MODEL'], ['from pkg import settings', 'settings.MODEL'], ['from pkg.settings import MODEL', 'MODEL']]) {
        const text = `${imports}\nfrom transformers import AutoModelForCausalLM, Trainer, TrainingArguments\n`
          + `model = AutoModelForCausalLM.from_pretrained(${ref})\nargs = TrainingArguments(output_dir="o", fp16=True)\nTrainer(model=model, args=args)\n`;
        const r = lintText(join(tmp, 'train.py'), text, { modules: new CachedModuleProvider(m, true) });
        assert.ok(codes(r.diagnostics).includes('TL403'), `${imports}: ${ref} is the Llama 3.1 id`);
        assert.ok(!codes(lintText(join(tmp, 'train.py'), text).diagnostics).includes('TL403'));
        if (ref.includes('.')) {
          const reassigned = text.replace('model = ', `${ref} = "gpt2"\nmodel = `);
          assert.ok(!codes(lintText(join(tmp, 'train.py'), reassigned, { modules: new CachedModuleProvider(m, true) }).diagnostics).includes('TL403'), `${ref} assigned by the script`);
        }
      }
    } finally { cleanup(tmp); }
  });

  it('a model loaded by the script\'s own function whose id parameter defaults to a config constant: TL403 on Qwen3', () => {
    // wqretre/DSA4213_Final_Project: `def load_base_model_4bit(model_name=BASE_MODEL_NAME)`, the name in `src/config/config.py`.
    const tmp = makeTmp('trainlint-modules-');
    try {
      put(tmp, 'pyproject.toml', '');
      put(tmp, 'src/__init__.py', '');
      put(tmp, 'src/config/__init__.py', '');
      put(tmp, 'src/config/config.py', 'BASE_MODEL_NAME = "Qwen/Qwen3-1.7B"\n');
      const text = 'from src.config.config import BASE_MODEL_NAME\nfrom transformers import AutoModelForCausalLM, Trainer, TrainingArguments\n\n'
        + 'def load_base_model(model_name=BASE_MODEL_NAME):\n    model = AutoModelForCausalLM.from_pretrained(model_name)\n    return model\n\n'
        + 'model = load_base_model()\nTrainer(model=model, args=TrainingArguments(output_dir="o", fp16=True), train_dataset=ds)\n';
      const script = join(tmp, 'train.py');
      const d = lintText(script, text, { modules: new CachedModuleProvider(modules(tmp), true) }).diagnostics.find((x) => x.code === 'TL403');
      assert.ok(d, 'TL403 through the default');
      assert.match(d.message, /Qwen3/);
      assert.ok(!codes(lintText(script, text).diagnostics).includes('TL403'), 'without the project modules the default is unknown');
      const passed = text.replace('model = load_base_model()', 'model = load_base_model("gpt2")');
      assert.ok(!codes(lintText(script, passed, { modules: new CachedModuleProvider(modules(tmp), true) }).diagnostics).includes('TL403'), 'the argument passed wins over the default');
    } finally { cleanup(tmp); }
  });

  it('a model loaded by a function of another project module, its id parameter defaulting to a config constant: TL403 on Qwen3', () => {
    // wqretre/DSA4213_Final_Project: `src/training/train_sft.py` calls `load_base_model_4bit()` from `src/models/models.py`,
    // whose `model_name=BASE_MODEL_NAME` comes from `src/config/config.py`.
    const tmp = makeTmp('trainlint-modules-');
    try {
      put(tmp, 'pyproject.toml', '');
      for (const p of ['src/__init__.py', 'src/config/__init__.py', 'src/models/__init__.py', 'src/training/__init__.py']) put(tmp, p, '');
      const cfg = put(tmp, 'src/config/config.py', 'BASE_MODEL_NAME = "Qwen/Qwen3-1.7B"\n');
      put(tmp, 'src/models/models.py', 'from transformers import AutoModelForCausalLM, BitsAndBytesConfig\nfrom peft import prepare_model_for_kbit_training\n'
        + 'from src.config.config import BASE_MODEL_NAME\n\n'
        + 'def get_4bit_bnb_config():\n    return BitsAndBytesConfig(load_in_4bit=True)\n\n'
        + 'def load_base_model_4bit(model_name=BASE_MODEL_NAME):\n    bnb_config = get_4bit_bnb_config()\n'
        + '    model = AutoModelForCausalLM.from_pretrained(model_name, quantization_config=bnb_config, trust_remote_code=True)\n'
        + '    model.gradient_checkpointing_enable()\n    model = prepare_model_for_kbit_training(model)\n    return model\n');
      const text = 'from transformers import Trainer, TrainingArguments\nfrom src.models.models import load_base_model_4bit\n\n'
        + 'model = load_base_model_4bit()\nTrainer(model=model, args=TrainingArguments(output_dir="o", fp16=True), train_dataset=ds)\n';
      const script = join(tmp, 'src', 'training', 'train_sft.py');
      const m = modules(tmp);
      const run = (t: string, mods: ProjectModules | null = m) => lintText(script, t, { modules: mods ? new CachedModuleProvider(mods, true) : undefined }).diagnostics;
      const d = run(text).find((x) => x.code === 'TL403');
      assert.ok(d, 'TL403 through the loader of src/models/models.py');
      assert.match(d.message, /Qwen3/);
      assert.equal(d.related?.[0]?.range.start.line, 3, 'the model is loaded at the script\'s call');
      // Through the trace as well: the trainer's model is the loader's (also unpacked nowhere, passed by keyword).
      assert.ok(codes(run(text.replace('load_base_model_4bit()', 'load_base_model_4bit(model_name="Qwen/Qwen3-8B")'))).includes('TL403'), 'the argument passed');
      assert.ok(!codes(run(text, null)).includes('TL403'), 'without the project modules nothing is known');
      assert.ok(!codes(run(text.replace('load_base_model_4bit()', 'load_base_model_4bit(name_from_cli)'))).includes('TL403'), 'an unknown argument');
      assert.ok(!codes(run(text.replace('load_base_model_4bit()', 'load_base_model_4bit("gpt2")'))).includes('TL403'), 'the argument passed wins over the default');
      assert.ok(!codes(run(text.replace('load_base_model_4bit()', 'load_base_model_4bit(**kw)'))).includes('TL403'), '**kwargs at the call');
      // The answer follows the config module.
      put(tmp, 'src/config/config.py', 'BASE_MODEL_NAME = "gpt2"\n');
      m.refresh([cfg]);
      assert.ok(!codes(run(text)).includes('TL403'), 'recomputed when the config module changes');
    } finally { cleanup(tmp); }
  });

  it('an Unsloth loader of another module returning (model, tokenizer): TL404 reads its keywords, not the script call\'s', () => {
    const tmp = makeTmp('trainlint-modules-');
    try {
      put(tmp, 'pyproject.toml', '');
      const loaders = put(tmp, 'loaders.py', 'from unsloth import FastLanguageModel\n\n'
        + 'def load_model(name="unsloth/Llama-3.2-3B-Instruct", load_in_4bit=False):  # the flag is never read\n'
        + '    model, tokenizer = FastLanguageModel.from_pretrained(model_name=name, max_seq_length=2048)\n    return model, tokenizer\n');
      const m = modules(tmp);
      const script = join(tmp, 'train.py');
      // The script's call passes `load_in_4bit=False` to the loader, which never reads it: the load keeps Unsloth's 4 bits.
      const text = 'from unsloth import FastLanguageModel\nfrom trl import SFTTrainer, SFTConfig\nfrom loaders import load_model\n\n'
        + 'model, tokenizer = load_model(load_in_4bit=False)\n'
        + 'trainer = SFTTrainer(model=model, processing_class=tokenizer, train_dataset=dataset, args=SFTConfig(output_dir="o", max_length=2048))\n';
      const run = (t: string) => lintText(script, t, { modules: new CachedModuleProvider(m, true) }).diagnostics;
      const d = run(text).find((x) => x.code === 'TL404');
      assert.ok(d, 'TL404 through the loader');
      assert.match(d.message, /FastLanguageModel\.from_pretrained loads in 4 bits by default/);
      assert.equal(d.related?.[0]?.range.start.line, 4, 'loaded at the script\'s call');
      assert.ok(!codes(run(text.replace('model, tokenizer = load_model(', 'tokenizer, model = load_model('))).includes('TL404'), 'the other item');
      assert.ok(!codes(run(text.replace('model, tokenizer = load_model(', 'model = load_model('))).includes('TL404'), 'the tuple itself');
      put(tmp, 'loaders.py', readFileSync(loaders, 'utf8').replace('max_seq_length=2048)', 'max_seq_length=2048, load_in_4bit=False)'));
      m.refresh([loaders]);
      assert.ok(!codes(run(text)).includes('TL404'), 'the loader loads in 16 bits');
    } finally { cleanup(tmp); }
  });

  it('a project loader is not summarized when a parameter also decides the load, the function returns twice, or the module defines it twice; a reassigned id parameter is unknown', () => {
    const tmp = makeTmp('trainlint-modules-');
    try {
      put(tmp, 'pyproject.toml', '');
      const loaders = put(tmp, 'loaders.py', 'from transformers import AutoModelForCausalLM\nMODEL = "Qwen/Qwen3-1.7B"\n\n'
        + 'def load(name=MODEL, quant=False):\n    return AutoModelForCausalLM.from_pretrained(name, load_in_4bit=quant)\n');
      const m = modules(tmp);
      const script = join(tmp, 'train.py');
      const text = 'from transformers import Trainer, TrainingArguments\nfrom loaders import load\n\n'
        + 'model = load()\nTrainer(model=model, args=TrainingArguments(output_dir="o", fp16=True), train_dataset=ds)\n';
      const run = () => lintText(script, text, { modules: new CachedModuleProvider(m, true) }).diagnostics;
      assert.ok(!codes(run()).includes('TL403'), 'a parameter read by load_in_4bit=');
      assert.equal(m.get(nameKey(script, 'loaders', 'load')), null);
      put(tmp, 'loaders.py', 'from transformers import AutoModelForCausalLM\nMODEL = "Qwen/Qwen3-1.7B"\n\n'
        + 'def load(name=MODEL):\n    if name:\n        return AutoModelForCausalLM.from_pretrained(name)\n    return AutoModelForCausalLM.from_pretrained("gpt2")\n');
      m.refresh([loaders]);
      assert.ok(!codes(run()).includes('TL403'), 'two returns');
      put(tmp, 'loaders.py', 'from transformers import AutoModelForCausalLM\nMODEL = "Qwen/Qwen3-1.7B"\n\n'
        + 'def load(name=MODEL):\n    model = AutoModelForCausalLM.from_pretrained(name)\n    return model\n');
      m.refresh([loaders]);
      assert.ok(codes(run()).includes('TL403'), 'the plain loader');
      put(tmp, 'loaders.py', 'from transformers import AutoModelForCausalLM\nMODEL = "Qwen/Qwen3-1.7B"\n\n'
        + 'def load(name=MODEL):\n    model = AutoModelForCausalLM.from_pretrained(name)\n    return model\n\ndef load(name):\n    return None\n');
      m.refresh([loaders]);
      assert.ok(!codes(run()).includes('TL403'), 'defined twice');
      put(tmp, 'loaders.py', 'from transformers import AutoModelForCausalLM\nMODEL = "Qwen/Qwen3-1.7B"\n\n'
        + 'def load(name=None):\n    if name is None:\n        name = MODEL\n    model = AutoModelForCausalLM.from_pretrained(name)\n    return model\n');
      m.refresh([loaders]);
      const passed = lintText(script, text.replace('load()', 'load("gpt2")'), { modules: new CachedModuleProvider(m, true) }).diagnostics;
      assert.ok(!codes(passed).includes('TL403'), 'a parameter the function reassigns: not the constant');
    } finally { cleanup(tmp); }
  });
});
