/**
 * Config-driven scripts (session 15): a model id and hyperparameters read from a dict literal with literal keys, and
 * from a YAML or JSON config file the script reads from a literal path; exact only while nothing changes the dict.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { lintText, type Diagnostic } from '../../../server/src/engine/index';
import { ProjectModules, configKey } from '../../../server/src/engine/modules/project-modules';
import { CachedModuleProvider } from '../../../server/src/engine/modules/cached-provider';
import { parseConfigText, plainScalar } from '../../../server/src/engine/modules/config-file';
import { ready } from '../helpers';
import { cleanup, makeTmp, put } from '../data/fixtures';

function modules(root: string): ProjectModules {
  return new ProjectModules({ access: () => ({ roots: [root], trusted: true }) });
}
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

describe('config-driven scripts', () => {
  before(ready);

  describe('dict-literal configs', () => {
    // hewenyu/unsloth-fine train/train_model.py: MODEL_CONFIG = {...} … from_pretrained(model_name=MODEL_CONFIG['model_name'])
    const script = 'from transformers import AutoModelForCausalLM, Trainer, TrainingArguments\n\n'
      + 'CONFIG = {\n    "model": {"id": "Qwen/Qwen2.5-0.5B"},\n    "train": {"output_dir": "out", "fp16": True, "learning_rate": 2e-4},\n}\n\n'
      + 'model = AutoModelForCausalLM.from_pretrained(CONFIG["model"]["id"])\n'
      + 'args = TrainingArguments(output_dir="out", fp16=True)\n'
      + 'trainer = Trainer(model=model, args=args, train_dataset=ds)\n';
    const run = (t: string) => codes(lintText('/tmp/train.py', t).diagnostics);

    it('the id read with literal keys is the model\'s family', () => {
      assert.ok(run(script).includes('TL403'), 'fp16 on Qwen2.5, the id from CONFIG["model"]["id"]');
      assert.ok(run(script.replace('CONFIG["model"]["id"]', 'CONFIG.get("model_name", "Qwen/Qwen2.5-0.5B")')).includes('TL403'), '.get with a default for a missing key');
      assert.ok(!run(script.replace('CONFIG["model"]["id"]', 'CONFIG.get("model").get("name", "gpt2")')).includes('TL403'), '.get of another default');
      assert.ok(!run(script.replace('CONFIG["model"]["id"]', 'CONFIG["model"]["name"]')).includes('TL403'), 'a missing key is a KeyError, not a value');
    });

    it('TrainingArguments(**CONFIG["train"]) reads the entry\'s keywords', () => {
      // TL303: evaluation asked for, no eval dataset (the config's keywords through `**`).
      const spread = 'from transformers import Trainer, TrainingArguments\n'
        + 'CONFIG = {"train": {"output_dir": "out", "eval_strategy": "epoch"}, "seed": 1}\n'
        + 'trainer = Trainer(model=model, args=TrainingArguments(**CONFIG["train"]), train_dataset=ds)\n';
      assert.ok(run(spread).includes('TL303'), 'eval_strategy through **CONFIG["train"]');
      assert.ok(!run(spread.replace('"epoch"', '"no"')).includes('TL303'));
      assert.ok(!run(spread.replace('trainer = ', 'CONFIG["train"]["eval_strategy"] = "no"\ntrainer = ')).includes('TL303'), 'changed before the call');
      assert.ok(!run(spread.replace('**CONFIG["train"]', '**CONFIG["other"]')).includes('TL303'), 'a missing key');
    });

    it('a dict that may change is not exact', () => {
      const changed = [
        ['CONFIG["model"]["id"] = pick()\n', 'a nested write'],
        ['CONFIG["model"] = other\n', 'a write'],
        ['CONFIG.update(load())\n', 'update'],
        ['CONFIG["model"].update(id=pick())\n', 'update of an inner dict'],
        ['m = CONFIG["model"]\nm["id"] = pick()\n', 'a write through an alias'],
        ['override(CONFIG)\n', 'passed to a function'],
        ['override(CONFIG["model"])\n', 'an inner dict passed to a function'],
        ['del CONFIG["model"]\n', 'del'],
        ['for k, v in CONFIG.items():\n    v["id"] = pick()\n', 'iterated over its dicts'],
        ['def f():\n    global CONFIG\n    CONFIG = {}\n', 'global'],
      ];
      for (const [stmt, what] of changed) {
        assert.ok(!run(script.replace('model = ', stmt + 'model = ')).includes('TL403'), what);
      }
      // Reads that keep nothing: still exact.
      assert.ok(run(script.replace('model = ', 'for k in CONFIG:\n    print(k)\nfor k, v in CONFIG["model"].items():\n    print(k, v)\nprint(CONFIG)\nwandb.init(config=CONFIG)\nlogger.info(CONFIG["model"])\nname = CONFIG["model"]["id"]\nmodel = ')).includes('TL403'));
      // A change under another key leaves this one exact (arvindsuresh-math's notebook: CONFIG["experiment_id"] = …).
      const others = [
        'CONFIG["output_dir"] = str(out)\n', 'CONFIG["train"]["lr"] = 1e-5\n', 'CONFIG["train"].update(lr=1)\n',
        'del CONFIG["train"]\n', 'setup(CONFIG["train"])\n', 't = CONFIG["train"]\nt["lr"] = 1\n',
      ];
      for (const stmt of others) assert.ok(run(script.replace('model = ', stmt + 'model = ')).includes('TL403'), stmt);
      assert.ok(!run(script.replace('model = ', 'CONFIG[key] = pick()\nmodel = ')).includes('TL403'), 'a key that is not literal');
      assert.ok(!run(script.replace('model = ', 'CONFIG["model"] = {"id": "gpt2"}\nmodel = ')).includes('TL403'), 'the key read');
      // Built in the script's own function, changed there before it is returned.
      const built = script.replace('CONFIG = {', 'def load():\n    c = {').replace('\n}\n', '\n    }\n    return c\n\nCONFIG = load()\n');
      assert.ok(run(built).includes('TL403'), 'returned by the script\'s own function');
      assert.ok(!run(built.replace('    return c', '    c["model"]["id"] = pick()\n    return c')).includes('TL403'), 'changed under the name it had there');
      // Branches: the nearest assignment is conditional.
      assert.ok(!run(script.replace('model = ', 'if big:\n    CONFIG = {"model": {"id": "gpt2"}}\nmodel = ')).includes('TL403'), 'an assignment in a branch');
    });
  });

  describe('config files', () => {
    const yamlText = 'model:\n  name: meta-llama/Meta-Llama-3-8B-Instruct\ntrain:\n  lr: 2e-4\n  bf16: yes\n';
    const script = 'import yaml\nfrom transformers import AutoModelForCausalLM, Trainer, TrainingArguments\n\n'
      + 'with open("configs/train.yaml") as f:\n    cfg = yaml.safe_load(f)\n\n'
      + 'model = AutoModelForCausalLM.from_pretrained(cfg["model"]["name"])\n'
      + 'trainer = Trainer(model=model, args=TrainingArguments(output_dir="o", fp16=True), train_dataset=ds)\n';

    it('yaml.safe_load of a file the script names: its values are facts', () => {
      const tmp = makeTmp('trainlint-configs-');
      try {
        put(tmp, 'pyproject.toml', '');
        put(tmp, 'configs/train.yaml', yamlText);
        const m = modules(tmp);
        const path = join(tmp, 'train.py');
        const run = (t: string) => codes(lintText(path, t, { modules: new CachedModuleProvider(m, true) }).diagnostics);
        assert.ok(run(script).includes('TL403'), 'with open(…) as f: yaml.safe_load(f)');
        assert.ok(run(script.replace('with open("configs/train.yaml") as f:\n    cfg = yaml.safe_load(f)', 'cfg = yaml.safe_load(open("configs/train.yaml"))')).includes('TL403'), 'yaml.safe_load(open(…))');
        assert.ok(run(script.replace('with open("configs/train.yaml") as f:\n    cfg = yaml.safe_load(f)', 'from pathlib import Path\ncfg = yaml.safe_load((Path(__file__).parent / "configs" / "train.yaml").read_text())')).includes('TL403'), 'relative to the script');
        assert.ok(run(script.replace('with open("configs/train.yaml") as f:\n    cfg = yaml.safe_load(f)', 'CONFIG_PATH = "configs/train.yaml"\ncfg = yaml.load(open(CONFIG_PATH), Loader=yaml.SafeLoader)')).includes('TL403'), 'a path constant, yaml.load with SafeLoader');
        assert.ok(!run(script.replace('yaml.safe_load(f)', 'yaml.load(f, Loader=yaml.BaseLoader)')).includes('TL403'), 'BaseLoader: every scalar a string, not followed');
        assert.ok(!run(script.replace('cfg["model"]["name"]', 'cfg["model"]["id"]')).includes('TL403'), 'a key the file does not have');
        assert.ok(!run(script.replace('model = ', 'cfg["model"]["name"] = args.model\nmodel = ')).includes('TL403'), 'overridden');
        assert.ok(!run(script.replace('configs/train.yaml', 'configs/missing.yaml')).includes('TL403'), 'a missing file');
        assert.ok(!run(script.replace('open("configs/train.yaml")', 'open(args.config)')).includes('TL403'), 'a path from the command line');
        // The file changes: the answer is computed again.
        put(tmp, 'configs/train.yaml', yamlText.replace('meta-llama/Meta-Llama-3-8B-Instruct', 'gpt2'));
        m.refresh([join(tmp, 'configs/train.yaml')]);
        assert.ok(!run(script).includes('TL403'), 'the edited file is read again');
        // Corrupt, and too large: no value, no crash.
        put(tmp, 'configs/train.yaml', 'model: [unclosed\n  name: x');
        m.refresh([join(tmp, 'configs/train.yaml')]);
        assert.ok(!run(script).includes('TL403'), 'corrupt YAML');
        put(tmp, 'configs/train.yaml', yamlText + '#'.repeat(600 * 1024) + '\n');
        m.refresh([join(tmp, 'configs/train.yaml')]);
        assert.ok(!run(script).includes('TL403'), 'a huge file is not read');
        assert.equal(m.get(configKey(path, 'configs/train.yaml', 'cwd', 'yaml')), null);
      } finally { cleanup(tmp); }
    });

    it('the script\'s folder and the project root both holding the file is ambiguous', () => {
      const tmp = makeTmp('trainlint-configs-');
      try {
        put(tmp, 'pyproject.toml', '');
        put(tmp, 'configs/train.yaml', yamlText);
        put(tmp, 'scripts/configs/train.yaml', yamlText);
        const m = modules(tmp);
        const run = (t: string) => codes(lintText(join(tmp, 'scripts/train.py'), t, { modules: new CachedModuleProvider(m, true) }).diagnostics);
        assert.ok(!run(script).includes('TL403'));
        put(tmp, 'scripts/configs/train.yaml', '');
        const m2 = modules(tmp);
        assert.ok(codes(lintText(join(tmp, 'other/train.py'), script, { modules: new CachedModuleProvider(m2, true) }).diagnostics).includes('TL403'), 'from the project root');
      } finally { cleanup(tmp); }
    });

    it('json.load and OmegaConf.load (attributes)', () => {
      const tmp = makeTmp('trainlint-configs-');
      try {
        put(tmp, 'pyproject.toml', '');
        put(tmp, 'cfg.json', JSON.stringify({ model_name: 'google/gemma-2-2b', lr: 0.0002 }));
        put(tmp, 'conf.yaml', 'model:\n  name: google/gemma-2-2b\n  other: ${model.name}\n');
        const m = modules(tmp);
        const run = (t: string) => codes(lintText(join(tmp, 'train.py'), t, { modules: new CachedModuleProvider(m, true) }).diagnostics);
        const tail = 'model = AutoModelForCausalLM.from_pretrained(MODEL)\n'
          + 'trainer = Trainer(model=model, args=TrainingArguments(output_dir="o", fp16=True), train_dataset=ds)\n';
        const head = 'from transformers import AutoModelForCausalLM, Trainer, TrainingArguments\n';
        assert.ok(run('import json\n' + head + 'cfg = json.load(open("cfg.json"))\nMODEL = cfg["model_name"]\n' + tail).includes('TL403'), 'json.load');
        assert.ok(run('from omegaconf import OmegaConf\n' + head + 'cfg = OmegaConf.load("conf.yaml")\nMODEL = cfg.model.name\n' + tail).includes('TL403'), 'OmegaConf attributes');
        assert.ok(!run('from omegaconf import OmegaConf\n' + head + 'cfg = OmegaConf.load("conf.yaml")\nMODEL = cfg.model.other\n' + tail).includes('TL403'), 'an interpolation');
        assert.ok(!run('import yaml\n' + head + 'cfg = yaml.safe_load(open("conf.yaml"))\nMODEL = cfg.model.name\n' + tail).includes('TL403'), 'a plain dict has no attributes');
        assert.ok(!run('from omegaconf import OmegaConf\n' + head + 'cfg = OmegaConf.merge(OmegaConf.load("conf.yaml"), OmegaConf.from_cli())\nMODEL = cfg.model.name\n' + tail).includes('TL403'), 'merged with the command line');
      } finally { cleanup(tmp); }
    });

    it('a learning rate PyYAML reads as a string is TL308; OmegaConf and JSON read it as a number', () => {
      // hiyouga/LlamaFactory#4014: `learning_rate: 2e-5` in a YAML config, "TypeError: '<=' not supported between
      // instances of 'float' and 'str'" when the optimizer is made.
      const tmp = makeTmp('trainlint-configs-');
      try {
        put(tmp, 'pyproject.toml', '');
        put(tmp, 'train.yaml', 'train:\n  output_dir: out\n  learning_rate: 2e-5\n  max_grad_norm: 1.0\n');
        put(tmp, 'train.json', JSON.stringify({ train: { output_dir: 'out', learning_rate: 2e-5 } }));
        const m = modules(tmp);
        const run = (t: string) => lintText(join(tmp, 'train.py'), t, { modules: new CachedModuleProvider(m, true) }).diagnostics.filter((d) => d.code === 'TL308');
        const tail = 'trainer = Trainer(model=model, args=args, train_dataset=ds)\n';
        const head = 'import yaml\nfrom transformers import Trainer, TrainingArguments\n\ncfg = yaml.safe_load(open("train.yaml"))\n';
        const spread = run(head + 'args = TrainingArguments(**cfg["train"])\n' + tail);
        assert.equal(spread.length, 1, 'the spread entry');
        assert.match(spread[0].message, /PyYAML reads `2e-5` as a string.*`2\.0e-5`/);
        assert.equal(spread[0].severity, 'error');
        const read = run(head + 'args = TrainingArguments(output_dir="o", learning_rate=cfg["train"]["learning_rate"])\n' + tail);
        assert.equal(read.length, 1, 'the entry read by key');
        assert.equal(read[0].fixes[0]?.edits[0]?.newText, 'float(cfg["train"]["learning_rate"])');
        assert.equal(run(head + 'cfg["train"]["learning_rate"] = float(cfg["train"]["learning_rate"])\nargs = TrainingArguments(**cfg["train"])\n' + tail).length, 0, 'converted first');
        assert.equal(run(head.replace('yaml.safe_load(open("train.yaml"))', 'yaml.load(open("train.yaml"), Loader=yaml.BaseLoader)') + 'args = TrainingArguments(**cfg["train"])\n' + tail).length, 0, 'BaseLoader is not followed');
        assert.equal(run('from omegaconf import OmegaConf\nfrom transformers import Trainer, TrainingArguments\n\ncfg = OmegaConf.load("train.yaml")\nargs = TrainingArguments(output_dir="o", learning_rate=cfg.train.learning_rate)\n' + tail).length, 0, 'OmegaConf reads 2e-5 as a float');
        assert.equal(run('import json\nfrom transformers import Trainer, TrainingArguments\n\ncfg = json.load(open("train.json"))\nargs = TrainingArguments(**cfg["train"])\n' + tail).length, 0, 'JSON numbers are numbers');
        // The script's own loader: the path its calls give (the parameter's default, or one literal every call passes).
        const loader = 'import yaml\nfrom transformers import Trainer, TrainingArguments\n\n\ndef load_config(path="train.yaml"):\n    with open(path) as f:\n        return yaml.safe_load(f)\n\n\n'
          + 'def main():\n    cfg = load_config()\n    args = TrainingArguments(**cfg["train"])\n    ' + tail;
        assert.equal(run(loader).length, 1, 'the default path of the loader');
        assert.equal(run(loader.replace('cfg = load_config()', 'cfg = load_config("train.yaml")')).length, 1, 'the path its one call passes');
        assert.equal(run(loader.replace('cfg = load_config()', 'cfg = load_config()\n    other = load_config("other.yaml")')).length, 0, 'two calls, two files: unknown');
        assert.equal(run(loader.replace('cfg = load_config()', 'cfg = load_config(cli.config)')).length, 0, 'a path from the command line');
      } finally { cleanup(tmp); }
    });

    it('scalars are what PyYAML (or OmegaConf) makes of them', () => {
      assert.deepEqual(plainScalar('2e-4', 'yaml'), { kind: 'str', value: '2e-4' });
      assert.deepEqual(plainScalar('2e-4', 'omegaconf'), { kind: 'num', value: 2e-4 });
      assert.deepEqual(plainScalar('2.0e-4', 'yaml'), { kind: 'num', value: 2e-4 });
      assert.deepEqual(plainScalar('2.0e4', 'yaml'), { kind: 'str', value: '2.0e4' });
      
      assert.deepEqual(plainScalar('1.0e-4', 'omegaconf'), { kind: 'num', value: 1e-4 });
      assert.deepEqual(plainScalar('0.0002', 'yaml'), { kind: 'num', value: 0.0002 });
      assert.deepEqual(plainScalar('yes', 'yaml'), { kind: 'bool', value: true });
      assert.deepEqual(plainScalar('Off', 'yaml'), { kind: 'bool', value: false });
      assert.deepEqual(plainScalar('~', 'yaml'), { kind: 'none' });
      assert.deepEqual(plainScalar('0755', 'yaml'), { kind: 'unknown' });
      assert.deepEqual(plainScalar('2024-01-01', 'yaml'), { kind: 'unknown' });
      assert.deepEqual(plainScalar('2024-01-01', 'omegaconf'), { kind: 'str', value: '2024-01-01' });
      assert.deepEqual(plainScalar('1_000', 'yaml'), { kind: 'num', value: 1000 });
      const v = parseConfigText('a: "yes"\nb: &x {k: 1}\nc: *x\nd: !!python/object:os.system x\n', 'yaml');
      assert.equal(v, undefined, 'a python tag: safe_load refuses the file');
      assert.deepEqual(parseConfigText('a: "yes"\nb: &x {k: 1}\nc: *x\n1: one\n', 'yaml'), { kind: 'unknown' }, 'a number key: the mapping is unknown');
      assert.deepEqual(parseConfigText('a: "yes"\nb: &x {k: 1}\nc: *x\n', 'yaml'), { kind: 'dict', entries: [['a', { kind: 'str', value: 'yes' }], ['b', { kind: 'dict', entries: [['k', { kind: 'num', value: 1 }]] }], ['c', { kind: 'unknown' }]] });
      assert.equal(parseConfigText('a: 1\na: 2\n', 'yaml'), undefined, 'duplicate keys');
      assert.equal(parseConfigText('a: 1\n---\nb: 2\n', 'yaml'), undefined, 'two documents');
      assert.equal(parseConfigText('{"a": NaN}', 'json'), undefined);
    });
  });
});
