/**
 * The importers' scan (`modules/importer-scan.ts`) and packages: importing `pkg.sub.mod` runs `pkg/sub/__init__.py`
 * first, and a module of a package runs only once its package has started, so a module deep in a package whose only
 * importer loads Unsloth first gets TRL's trainers as Unsloth patched them (vanquang-lutech/coin_vlm_finetune).
 */
import assert from 'node:assert/strict';
import { lintText } from '../../../server/src/engine/index';
import { ProjectContexts } from '../../../server/src/engine/env/project-context';
import { CachedModuleProvider } from '../../../server/src/engine/modules/cached-provider';
import { ready } from '../helpers';
import { codes, lintFile, modules } from './project-modules-helpers';
import { cleanup, makeTmp, put } from '../data/fixtures';

const RUNNER = 'from .base import BaseTrainer\n\nclass Runner(BaseTrainer):\n'
  + '    def build(self, model, processor, ds):\n        from trl import SFTTrainer\n'
  + '        return SFTTrainer(model=model, tokenizer=processor, train_dataset=ds)\n';
const CALLBACKS = 'from transformers import TrainerCallback\n\nclass EvalCallback(TrainerCallback):\n'
  + '    def on_evaluate(self, args, state, control, model=None, **kwargs):\n'
  + '        from unsloth import FastVisionModel\n        FastVisionModel.for_inference(model)\n';

/** A project shaped like coin_vlm_finetune: scripts/train.py → src.training.factory → runner → base → callbacks. */
function project(tmp: string, train: string): { runner: string; callbacks: string } {
  put(tmp, 'requirements.txt', 'transformers==4.57.6\ntrl==0.24.0\nunsloth==2026.2.1\n');
  put(tmp, 'src/__init__.py', '');
  put(tmp, 'src/training/__init__.py', 'from .base import BaseTrainer\nfrom .sft_runner import Runner\nfrom .factory import get_trainer\n');
  put(tmp, 'src/training/base.py', 'from .callbacks import EvalCallback\n\nclass BaseTrainer:\n    callbacks = [EvalCallback()]\n');
  put(tmp, 'src/training/factory.py', 'from .sft_runner import Runner\n\ndef get_trainer():\n    return Runner()\n');
  put(tmp, 'scripts/train.py', train);
  return { runner: put(tmp, 'src/training/sft_runner.py', RUNNER), callbacks: put(tmp, 'src/training/callbacks.py', CALLBACKS) };
}

function lintWith(tmp: string, path: string, text: string): string[] {
  const ctx = new ProjectContexts(() => undefined).get(path, '');
  return codes(lintText(path, text, { env: ctx.env, modules: new CachedModuleProvider(modules(tmp), true) }).diagnostics);
}

const UNSLOTH_FIRST = 'import os\nimport unsloth\nfrom src.training.factory import get_trainer\n\n'
  + 'if __name__ == "__main__":\n    get_trainer()\n';

describe('project modules: Unsloth loaded through a package', () => {
  before(ready);

  it('`from src.training.factory import …` after `import unsloth` runs src/training/__init__.py after it: no TL501/TL601 in the package', () => {
    const tmp = makeTmp('trainlint-modules-');
    try {
      const { runner, callbacks } = project(tmp, UNSLOTH_FIRST);
      assert.ok(codes(lintFile(runner)).includes('TL501'), 'alone, TRL 0.24 rejects tokenizer=');
      assert.ok(codes(lintFile(callbacks)).includes('TL601'), 'alone, transformers comes before unsloth');
      assert.ok(!lintWith(tmp, runner, RUNNER).includes('TL501'), 'scripts/train.py loads unsloth before the package');
      assert.ok(!lintWith(tmp, callbacks, CALLBACKS).includes('TL601'), 'callbacks.py runs once src.training has started, after unsloth');
    } finally { cleanup(tmp); }
  });

  it('near miss: the package imported before unsloth, or a script run itself inside the package, still reports', () => {
    const tmp = makeTmp('trainlint-modules-');
    try {
      const late = 'import os\nfrom src.training.factory import get_trainer\nimport unsloth\n\nif __name__ == "__main__":\n    get_trainer()\n';
      const { runner, callbacks } = project(tmp, late);
      assert.ok(lintWith(tmp, runner, RUNNER).includes('TL501'), 'train.py imports the package before unsloth');
      assert.ok(lintWith(tmp, callbacks, CALLBACKS).includes('TL601'), 'train.py imports the package before unsloth');
      put(tmp, 'scripts/train.py', UNSLOTH_FIRST);
      put(tmp, 'src/training/debug.py', 'import base\n\nif __name__ == "__main__":\n    print(base)\n');
      assert.ok(lintWith(tmp, callbacks, CALLBACKS).includes('TL601'), '`python src/training/debug.py` imports base as a top-level module: the package is not proven first');
    } finally { cleanup(tmp); }
  });
});
