/**
 * Project modules in an editor (`engine/modules/`): an unsaved text wins over the disk and a change to a module reports
 * the answers it alters; a script that imports nothing of its project reads nothing; a pipeline's findings wait for the
 * module answers they depend on; the project root is the nearest folder with a project marker.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, lintText, ParsedScript, PipelineCache, ScriptDocument } from '../../../server/src/engine/index';
import { nameKey, orderKey } from '../../../server/src/engine/modules/project-modules';
import { CachedModuleProvider } from '../../../server/src/engine/modules/cached-provider';
import { projectRoot } from '../../../server/src/engine/modules/module-file';
import { ready } from '../helpers';
import { cleanup, makeTmp, put } from '../data/fixtures';
import { FIXTURES, codes, modules } from './project-modules-helpers';

describe('project modules in an editor', () => {
  before(ready);

  it('an unsaved text wins over the disk, and refresh() reports the answers a change alters', () => {
    const tmp = makeTmp('trainlint-modules-');
    try {
      put(tmp, 'pyproject.toml', '');
      const cfg = put(tmp, 'cfg.py', 'MODEL = "gpt2"\n');
      const open = new Map<string, string>();
      const m = modules(tmp, (p) => open.get(p));
      const script = join(tmp, 'train.py');
      const key = nameKey(script, 'cfg', 'MODEL');
      const first = m.get(key);
      assert.deepEqual((first as { value?: unknown }).value, { kind: 'str', value: 'gpt2' });
      assert.deepEqual(m.refresh([cfg]), [], 'same text: same answer');
      assert.equal(m.peek(key), first, 'kept as the same object');
      open.set(cfg, 'MODEL = "Qwen/Qwen2.5-0.5B"\n');
      assert.deepEqual(m.refresh([cfg]), [key]);
      assert.deepEqual((m.peek(key) as { value?: unknown }).value, { kind: 'str', value: 'Qwen/Qwen2.5-0.5B' });
      assert.deepEqual(m.refresh([join(tmp, 'unrelated.py')]), []);
      assert.equal(m.peek(orderKey(script)), undefined);
    } finally { cleanup(tmp); }
  });

  it('a script that imports nothing of its project reads nothing; a provider that is not eager only peeks', () => {
    const m = modules('/nonexistent');
    const text = 'from transformers import Trainer, TrainingArguments\nimport torch\nargs = TrainingArguments(output_dir="o", fp16=True, learning_rate=torch.finfo(torch.float32).eps)\nTrainer(model=m, args=args)\n';
    const p = new CachedModuleProvider(m);
    lintText('/tmp/trainlint-test/train.py', text, { modules: p });
    assert.equal(p.wanted.size, 0, 'library imports are never looked up');
    assert.equal(m.parses, 0);
    const q = new CachedModuleProvider(m);
    lintText('/tmp/trainlint-test/train.py', readFileSync(join(FIXTURES, 'config', 'src', 'training', 'trainer.py'), 'utf8'), { modules: q });
    assert.ok(q.missed && q.wanted.size === 1, `asked once, not read on the diagnostics path: ${[...q.wanted]}`);
    assert.equal(m.parses, 0);
  });

  it('an editor keeps a pipeline\'s findings until the module answers it used change', () => {
    const tmp = makeTmp('trainlint-modules-');
    const text = 'from transformers import AutoModelForCausalLM, Trainer, TrainingArguments\nfrom cfg import MODEL_A\n\n'
      + 'model_a = AutoModelForCausalLM.from_pretrained(MODEL_A)\nargs_a = TrainingArguments(output_dir="a", fp16=True)\ntrainer_a = Trainer(model=model_a, args=args_a)\n\n'
      + 'model_b = AutoModelForCausalLM.from_pretrained("gpt2")\nargs_b = TrainingArguments(output_dir="b", fp16=True)\ntrainer_b = Trainer(model=model_b, args=args_b)\n';
    const script = ParsedScript.parse(text, { edited: true });
    try {
      put(tmp, 'pyproject.toml', '');
      const cfg = put(tmp, 'cfg.py', 'MODEL_A = "gpt2"\n');
      const open = new Map<string, string>();
      const m = modules(tmp, (p) => open.get(p));
      const path = join(tmp, 'train.py');
      const doc = ScriptDocument.fromPython(path, text);
      const cache = new PipelineCache();
      const run = () => {
        const p = new CachedModuleProvider(m);
        const r = lint({ doc, script, modules: p, pipelines: cache });
        return { p, codes: codes(r.diagnostics), stats: cache.stats };
      };
      const first = run();
      assert.deepEqual(first.stats, { linted: 2, reused: 0 });
      assert.ok(first.p.missed && first.p.fetch() === true, 'MODEL_A read after the lint');
      const second = run();
      assert.deepEqual(second.stats, { linted: 1, reused: 1 }, 'the answer arrived: pipeline A again, B kept');
      assert.ok(!second.codes.includes('TL403'));
      assert.deepEqual(run().stats, { linted: 0, reused: 2 });
      open.set(cfg, 'MODEL_A = "Qwen/Qwen2.5-7B"\n');
      assert.equal(m.refresh([cfg]).length, 1);
      const changed = run();
      assert.deepEqual(changed.stats, { linted: 1, reused: 1 }, 'the module changed: pipeline A again, B kept');
      assert.ok(changed.codes.includes('TL403'));
    } finally { script.dispose(); cleanup(tmp); }
  });

  it('an editor drops a pipeline\'s findings when the importers\' scan arrives and says Unsloth comes first', () => {
    const tmp = makeTmp('trainlint-modules-');
    const text = 'from trl import SFTTrainer\n\n'
      + 'trainer_a = SFTTrainer(model=model_a, tokenizer=tok_a, train_dataset=ds_a)\ntrainer_a.train()\n\n'
      + 'trainer_b = SFTTrainer(model=model_b, tokenizer=tok_b, train_dataset=ds_b)\ntrainer_b.train()\n';
    const script = ParsedScript.parse(text, { edited: true });
    try {
      put(tmp, 'pyproject.toml', '');
      put(tmp, 'loader.py', 'from unsloth import FastLanguageModel\n');
      put(tmp, 'main.py', 'from loader import FastLanguageModel\nimport sft\n');
      const path = put(tmp, 'sft.py', text);
      const m = modules(tmp);
      const doc = ScriptDocument.fromPython(path, text);
      const cache = new PipelineCache();
      const run = () => {
        const p = new CachedModuleProvider(m);
        const r = lint({ doc, script, modules: p, pipelines: cache });
        return { p, codes: codes(r.diagnostics) };
      };
      const first = run();
      assert.equal(first.codes.filter((c) => c === 'TL501').length, 2, 'not scanned yet: TRL as imported here');
      assert.ok(first.p.missed && first.p.fetch() === true, 'the importers are scanned after the lint');
      assert.ok(!run().codes.includes('TL501'), 'main.py loads unsloth first: both pipelines linted again');
    } finally { script.dispose(); cleanup(tmp); }
  });

  it('the project root is the nearest folder with a project marker, not above the workspace folder', () => {
    const tmp = makeTmp('trainlint-modules-');
    try {
      put(tmp, 'a/pyproject.toml', '');
      put(tmp, 'a/b/c/x.py', '');
      assert.equal(projectRoot(join(tmp, 'a', 'b', 'c'), [tmp]), join(tmp, 'a'));
      assert.equal(projectRoot(join(tmp, 'a', 'b', 'c'), [join(tmp, 'a', 'b')]), join(tmp, 'a', 'b'));
    } finally { cleanup(tmp); }
  });
});
