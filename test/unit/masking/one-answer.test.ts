/**
 * One answer, not two: the masking preview and the labels diagnostics come from the same model of
 * the pipeline (same versions assumed, same source of labels). Run through the CLI as a user would:
 * `trainlint check` and `trainlint preview-masking` on the same script must agree.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const HF_HOME = mkdtempSync(join(tmpdir(), 'trainlint-empty-hf-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', HF_HOME, HF_DATASETS_CACHE: join(HF_HOME, 'datasets') } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function script(name: string, lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-one-answer-'));
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** The report: DataCollatorForSeq2Seq, no labels, TRL version unknown. */
const SEQ2SEQ = (pin: string) => [
  ...(pin ? [`# pip install ${pin}`] : []),
  'from datasets import Dataset',
  'from transformers import AutoTokenizer, DataCollatorForSeq2Seq',
  'from trl import SFTTrainer, SFTConfig',
  'tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")',
  'dataset = Dataset.from_dict({"text": ["### Question: 2+2?\\n### Answer: 4", "### Question: 3+3?\\n### Answer: 6"]})',
  'trainer = SFTTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", processing_class=tokenizer, train_dataset=dataset,',
  '                     data_collator=DataCollatorForSeq2Seq(tokenizer), args=SFTConfig(output_dir="out"))',
];

describe('masking preview and diagnostics: one answer', function () {
  this.timeout(60000);

  it('no labels: TL001 and the preview say the same thing, with the same version assumed, and both say what to do', () => {
    const file = script('seq2seq.py', SEQ2SEQ(''));
    const check = JSON.parse(run('check', file, '--format', 'json', '--select', 'TL001').out);
    assert.equal(check.length, 1, JSON.stringify(check));
    assert.equal(check[0].severity, 'information', 'the TRL version is unknown: information naming the range, never a warning');
    assert.match(check[0].message, /\(with TRL < 1\.7; the installed version is unknown: no installed copy of TRL was found, nor a pin or an install that names its release\)/);
    assert.match(check[0].message, /Remove `data_collator=`[^.]*\.$/, 'the message ends with what to do');

    const preview = run('preview-masking', file, '--rows', '2');
    const lines = preview.out.split('\n');
    const firstWarning = lines.find((l) => l.startsWith('warning:'));
    assert.ok(firstWarning, preview.out + preview.err);
    assert.match(firstWarning, /^warning: No token is trained: .*"ValueError: The model did not return a loss from the inputs" \(with TRL < 1\.7; [^)]*\)\. Fix: Remove `data_collator=`/);
    // The same version assumption, word for word.
    const clause = (s: string) => /\((with TRL < 1\.7;[^)]*)\)/.exec(s)?.[1];
    assert.equal(clause(firstWarning), clause(check[0].message));
    assert.match(preview.out, /2 samples, \d+ tokens, 0 trained/);
    assert.doesNotMatch(preview.out, /showing TRL 1\.9/);
  });

  it('TRL 1.7 builds labels: no TL001, and the preview trains tokens', () => {
    const file = script('seq2seq_trl17.py', SEQ2SEQ('trl==1.7.0'));
    const check = JSON.parse(run('check', file, '--format', 'json', '--select', 'TL001').out);
    assert.deepEqual(check, []);
    const preview = run('preview-masking', file, '--rows', '2');
    assert.doesNotMatch(preview.out, /No token is trained/);
    const trained = /\d+ samples, \d+ tokens, (\d+) trained/.exec(preview.out);
    assert.ok(trained && Number(trained[1]) > 0, preview.out);
  });

  it('an uncached Hub dataset: no rows to show, but the preview still leads with the verdict TL001 reports', () => {
    const file = script('hub.py', [
      '# pip install trl==0.19.1',
      'from datasets import load_dataset',
      'from transformers import AutoTokenizer, DataCollatorForSeq2Seq',
      'from trl import SFTTrainer, SFTConfig',
      'tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")',
      'ds = load_dataset("yahma/alpaca-cleaned", split="train")',
      'ds = ds.map(lambda ex: {"text": ex["instruction"] + "\\n" + ex["output"]})',
      'trainer = SFTTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", processing_class=tokenizer, train_dataset=ds,',
      '                     data_collator=DataCollatorForSeq2Seq(tokenizer), args=SFTConfig(output_dir="out"))',
    ]);
    const check = JSON.parse(run('check', file, '--format', 'json', '--select', 'TL001').out);
    assert.equal(check.length, 1);
    assert.equal(check[0].severity, 'error', 'SFTTrainer tokenizes the text itself (TRL 0.19.1): proven without data');
    assert.match(check[0].message, /SFTTrainer tokenizes the "text" column/);
    const preview = run('preview-masking', file);
    const text = preview.out + preview.err;
    assert.match(text, /No token is trained: SFTTrainer tokenizes the "text" column[^\n]*\(TRL 0\.19\.1[^)]*\)\. Fix: Remove `data_collator=`/);
    const clause = (s: string) => /\((TRL 0\.19\.1[^)]*)\)/.exec(s)?.[1];
    assert.equal(clause(text), clause(check[0].message), 'the same version, from the same place');
    assert.match(text, /No rows for the dataset/);
    assert.ok(text.indexOf('No token is trained') < text.indexOf('No rows for the dataset'), 'the verdict comes first');
  });

  it('text rows given to a plain Trainer: TL002 and the preview say the Trainer drops them all, and the preview renders nothing', () => {
    const file = script('raw_text.py', [
      'from datasets import Dataset',
      'from transformers import AutoModelForCausalLM, Trainer, TrainingArguments',
      'model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B")',
      'ds = Dataset.from_dict({"text": ["hello world", "second row"]})',
      'trainer = Trainer(model=model, train_dataset=ds, args=TrainingArguments(output_dir="o"))',
    ]);
    const check = JSON.parse(run('check', file, '--format', 'json', '--select', 'TL002').out);
    assert.equal(check.length, 1, JSON.stringify(check));
    assert.equal(check[0].severity, 'error');
    const preview = run('preview-masking', file);
    assert.notEqual(preview.code, 0);
    assert.match(preview.err, /Nothing reaches the model: Trainer does not tokenize/);
    assert.ok(preview.err.includes(check[0].message), 'the same words as the finding');
    assert.doesNotMatch(preview.out, /trained/);
  });
});
