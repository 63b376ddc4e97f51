/**
 * A masking preview whose model's tokenizer is not cached says which model id and which cache
 * folders were searched (the editor shows it in a notification; `--format json` carries it).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

describe('masking preview without a cached tokenizer', () => {
  it('names the model id and the cache folders it searched, and stays approximate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainlint-tok-'));
    try {
      writeFileSync(join(dir, 'train.py'), [
        'from unsloth import FastLanguageModel',
        'from datasets import Dataset',
        'from trl import SFTTrainer, SFTConfig',
        'model, tokenizer = FastLanguageModel.from_pretrained("unsloth/Llama-3.2-1B-Instruct", max_seq_length=2048)',
        'dataset = Dataset.from_dict({"text": ["hello", "world"]})',
        'trainer = SFTTrainer(model=model, processing_class=tokenizer, train_dataset=dataset, dataset_text_field="text", args=SFTConfig(output_dir="o"))',
        '',
      ].join('\n'));
      const hf = join(dir, 'hf');
      const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'preview-masking', 'train.py', '--format', 'json', '--rows', '1'], {
        cwd: dir, encoding: 'utf8', env: { ...process.env, HF_HOME: hf, HF_HUB_CACHE: '', HUGGINGFACE_HUB_CACHE: '', HOME: dir, TRAINLINT_NO_COMPILE_CACHE: '1' },
      });
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.equal(out.approximate, true);
      assert.equal(out.tokenizerMissing.modelId, 'unsloth/Llama-3.2-1B-Instruct');
      assert.ok(out.tokenizerMissing.searched.some((p: string) => p.startsWith(hf) && p.endsWith('models--unsloth--Llama-3.2-1B-Instruct')), out.tokenizerMissing.searched.join(', '));
      assert.match(out.tokenizerMissing.message, /not in the Hugging Face cache/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
