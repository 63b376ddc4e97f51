/**
 * A class attribute of a plain configuration class another project module defines (`modules/class-attributes.ts`):
 * `Config.MODEL_NAME` after `from config import Config` has the literal the class body assigns, through an alias import,
 * a module import and a `Config = BaseConfig` alias (gazelle93/llm-fine-tuning-sft-lora-qlora, saiful9379/Bangla_LLAMA);
 * near misses stay unknown: an `Enum` or other base, a decorator, a metaclass, a value that reads a name, an attribute
 * the module or the script may change, a class defined twice.
 */
import assert from 'node:assert/strict';
import { lintText } from '../../../server/src/engine/index';
import { CachedModuleProvider } from '../../../server/src/engine/modules/cached-provider';
import { ready } from '../helpers';
import { codes, modules } from './project-modules-helpers';
import { cleanup, makeTmp, put } from '../data/fixtures';

const TRAIN = (imports: string, id: string, extra = '') => `${imports}\nfrom transformers import AutoModelForCausalLM, Trainer, TrainingArguments\n\n${extra}`
  + `model = AutoModelForCausalLM.from_pretrained(${id})\n`
  + 'Trainer(model=model, args=TrainingArguments(output_dir="o", fp16=True), train_dataset=ds)\n';

const CONFIG = 'class Config:\n    MODEL_NAME = "Qwen/Qwen2.5-0.5B"\n    EPOCHS = 3\n\n    @classmethod\n    def describe(cls):\n        return cls.EPOCHS\n';

/** The codes a script gets in a fresh project holding `files`, with and without its modules. */
function lintProject(files: Record<string, string>, script: string): { alone: string[]; project: string[] } {
  const tmp = makeTmp('trainlint-class-attr-');
  try {
    put(tmp, 'pyproject.toml', '');
    put(tmp, 'requirements.txt', 'transformers==4.46.0\n');
    for (const [rel, text] of Object.entries(files)) put(tmp, rel, text);
    const path = put(tmp, 'train.py', script);
    const run = (withModules: boolean) => codes(lintText(path, script, withModules ? { modules: new CachedModuleProvider(modules(tmp), true) } : {}).diagnostics);
    return { alone: run(false), project: run(true) };
  } finally { cleanup(tmp); }
}

describe('project modules: class attributes of a config class', () => {
  before(ready);

  it('`Config.MODEL_NAME` after `from config import Config` is the literal the class assigns: TL403 fp16 on Qwen2.5', () => {
    const r = lintProject({ 'config.py': CONFIG }, TRAIN('from config import Config', 'Config.MODEL_NAME'));
    assert.ok(!r.alone.includes('TL403'), 'one file at a time: Config is unknown');
    assert.ok(r.project.includes('TL403'));
  });

  it('through `import … as cfg`, a module import, a package and a `Config = BaseConfig` alias', () => {
    assert.ok(lintProject({ 'config.py': CONFIG }, TRAIN('from config import Config as cfg', 'cfg.MODEL_NAME')).project.includes('TL403'));
    assert.ok(lintProject({ 'config.py': CONFIG }, TRAIN('import config', 'config.Config.MODEL_NAME')).project.includes('TL403'));
    assert.ok(lintProject({ 'conf/__init__.py': '', 'conf/config.py': CONFIG }, TRAIN('from conf.config import Config', 'Config.MODEL_NAME')).project.includes('TL403'));
    const aliased = 'import os.path as op\n\nclass BaseConfig(object):\n    BASEDIR = op.abspath(op.dirname(__file__))\n    MODEL_NAME = "Qwen/Qwen2.5-0.5B"\n\nConfig = BaseConfig\n';
    assert.ok(lintProject({ 'config.py': aliased }, TRAIN('from config import Config', 'Config.MODEL_NAME')).project.includes('TL403'));
  });

  it('a change of the config module is seen: the answer is computed again from the file it read', () => {
    const tmp = makeTmp('trainlint-class-attr-');
    try {
      put(tmp, 'pyproject.toml', '');
      put(tmp, 'requirements.txt', 'transformers==4.46.0\n');
      const config = put(tmp, 'config.py', CONFIG);
      const script = TRAIN('from config import Config', 'Config.MODEL_NAME');
      const path = put(tmp, 'train.py', script);
      const m = modules(tmp);
      const run = () => codes(lintText(path, script, { modules: new CachedModuleProvider(m, true) }).diagnostics);
      assert.ok(run().includes('TL403'));
      put(tmp, 'config.py', CONFIG.replace('Qwen/Qwen2.5-0.5B', 'gpt2'));
      m.refresh([config]);
      assert.ok(!run().includes('TL403'), 'GPT-2 trains in fp16');
    } finally { cleanup(tmp); }
  });

  it('near misses stay unknown: bases, decorators, metaclasses, names read, attributes that may change, two classes', () => {
    const quiet = (config: string, script = TRAIN('from config import Config', 'Config.MODEL_NAME'), why = '') =>
      assert.ok(!lintProject({ 'config.py': config }, script).project.includes('TL403'), why || config);
    quiet('from enum import Enum\n\nclass Config(Enum):\n    MODEL_NAME = "Qwen/Qwen2.5-0.5B"\n', undefined, 'an Enum member is no string');
    quiet('class Base:\n    MODEL_NAME = "gpt2"\n\nclass Config(Base):\n    MODEL_NAME = "Qwen/Qwen2.5-0.5B"\n', undefined, 'a project base');
    quiet('def deco(c):\n    return c\n\n@deco\nclass Config:\n    MODEL_NAME = "Qwen/Qwen2.5-0.5B"\n', undefined, 'a decorator may replace the class');
    quiet('class Meta(type):\n    pass\n\nclass Config(metaclass=Meta):\n    MODEL_NAME = "Qwen/Qwen2.5-0.5B"\n', undefined, 'a metaclass');
    quiet('ORG = "Qwen"\n\nclass Config:\n    ORG = "gpt2"\n    MODEL_NAME = ORG + "/Qwen2.5-0.5B"\n', undefined, 'a class-body name is not the module\'s');
    quiet('import os\n\nclass Config:\n    MODEL_NAME = os.environ.get("MODEL", "Qwen/Qwen2.5-0.5B")\n', undefined, 'a call');
    quiet('class Config:\n    MODEL_NAME = "Qwen/Qwen2.5-0.5B"\n\n    @classmethod\n    def use(cls, m):\n        cls.MODEL_NAME = m\n', undefined, 'a classmethod sets it');
    quiet('class Config:\n    MODEL_NAME = "Qwen/Qwen2.5-0.5B"\n\nsetattr(Config, "MODEL_NAME", "gpt2")\n', undefined, 'setattr');
    quiet('class Config:\n    MODEL_NAME = "gpt2"\n\nclass Config:\n    MODEL_NAME = "Qwen/Qwen2.5-0.5B"\n', undefined, 'defined twice');
    quiet('class Config:\n    MODEL_NAME = "gpt2"\n    MODEL_NAME = "Qwen/Qwen2.5-0.5B"\n', undefined, 'assigned twice in the body');
    quiet('import os\n\nif os.environ.get("X"):\n    class Config:\n        MODEL_NAME = "Qwen/Qwen2.5-0.5B"\n', undefined, 'a class under an `if`');
    quiet(CONFIG, TRAIN('from config import Config', 'Config.MODEL_NAME', 'Config.MODEL_NAME = "gpt2"\n'), 'the script sets it');
    quiet(CONFIG, TRAIN('from config import Config', 'Config.MISSING'), 'an attribute the class does not have');
  });
});
