/** The CLI as a user runs it: exit codes, text and JSON output, fix, rule docs, notebooks. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SEED = join(ROOT, 'examples', 'seed_bug_seq2seq_collator.py');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmpCopy(file: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-cli-'));
  const dest = join(dir, 'train.py');
  copyFileSync(file, dest);
  return dest;
}

describe('CLI', function () {
  this.timeout(30000);

  it('check: exit 1 with findings, path:line:col, code and name', () => {
    const r = run('check', SEED, '--select', 'TL001');
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /seed_bug_seq2seq_collator\.py:15:5: TL001 .*\(seq2seq-collator-without-labels\) \[\*\]/);
  });

  it('check: exit 0 on a clean script', () => {
    const r = run('check', join(ROOT, 'examples', 'unsloth_conversational_ok.py'), '--select', 'TL001');
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /All checks passed/);
  });

  it('check --format json: one array with the documented fields, 1-based ranges', () => {
    const r = run('check', SEED, '--format', 'json', '--select', 'TL001');
    const arr = JSON.parse(r.out);
    assert.equal(arr.length, 1);
    const d = arr[0];
    for (const k of ['path', 'code', 'name', 'severity', 'message', 'range', 'fixes']) assert.ok(k in d, k);
    assert.deepEqual(d.range.start, { line: 15, column: 5 });
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.fixes.map((f: any) => f.applicability), ['safe', 'unsafe']);
    assert.ok(d.fixes[0].edits[0].range.start.line >= 1);
  });

  it('fix: applies the safe fix only, and the second run has nothing to do', () => {
    const file = tmpCopy(SEED);
    const r = run('fix', file, '--select', 'TL001');
    assert.equal(r.code, 0, r.out + r.err);
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, /data_collator=/);
    assert.match(text, /from transformers import DataCollatorForSeq2Seq/);
    assert.match(run('fix', file, '--select', 'TL001').out, /Applied 0 fixes/);
  });

  it('fix on a notebook: edits the code cell the fix falls in, keeps the rest of the JSON byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainlint-cli-'));
    const file = join(dir, 'finetune.ipynb');
    const original = readFileSync(join(ROOT, 'test', 'e2e', 'workspace-data', 'finetune.ipynb'), 'utf8');
    writeFileSync(file, original);
    const r = run('fix', file, '--select', 'TL001');
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /Applied 1 fix/);
    const fixed = readFileSync(file, 'utf8');
    assert.doesNotMatch(fixed, /data_collator=/);
    // Only the collator line left the file: every other line is unchanged.
    const removed = original.split('\n').filter((l) => !fixed.split('\n').includes(l));
    assert.deepEqual(removed.map((l) => l.trim()), ['"    data_collator=DataCollatorForSeq2Seq(tokenizer=tokenizer),\\n",']);
    assert.equal(fixed.split('\n').length, original.split('\n').length - 1);
    assert.match(run('check', file, '--select', 'TL001').out, /All checks passed/);
  });

  it('fix sees the columns of the data files the script loads, like check does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainlint-fixdata-'));
    writeFileSync(join(dir, 'data.jsonl'), '{"instruction": "a", "output": "b"}\n');
    writeFileSync(join(dir, 'train.py'), [
      'from datasets import load_dataset',
      'from trl import SFTTrainer, SFTConfig',
      'from transformers import DataCollatorForSeq2Seq',
      'ds = load_dataset("json", data_files="data.jsonl", split="train")',
      'trainer = SFTTrainer(model=m, train_dataset=ds, data_collator=DataCollatorForSeq2Seq(tok), args=SFTConfig(output_dir="o"))',
      '',
    ].join('\n'));
    const r = spawnSync(process.execPath, [CLI, 'fix', 'train.py', '--select', 'TL001'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Applied 1 fix/);
    assert.doesNotMatch(readFileSync(join(dir, 'train.py'), 'utf8'), /data_collator=/);
  });

  it('fix --unsafe-fixes still prefers the first (safe) fix per diagnostic', () => {
    const file = tmpCopy(SEED);
    run('fix', file, '--unsafe-fixes', '--select', 'TL001');
    assert.doesNotMatch(readFileSync(file, 'utf8'), /data_collator=/);
  });

  it('rule: prints the docs with the fixed headings; unknown code exits 2', () => {
    const r = run('rule', 'TL001');
    assert.equal(r.code, 0);
    for (const h of ['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Fix safety', 'References']) assert.match(r.out, new RegExp(h.replace('?', '\\?')));
    assert.equal(run('rule', 'TL999').code, 2);
  });

  it('usage errors and missing files exit 2 with a clear message', () => {
    const bad = run('check', '--format', 'xml');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--format must be one of text, full, concise, json, sarif, github, gitlab, junit, not "xml"/);
    const missing = run('check', '/nonexistent/train.py');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no such file/);
    assert.equal(run('frobnicate').code, 2);
  });

  it('preview-masking asks which trainer when there are several, naming where each is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainlint-cli-'));
    const file = join(dir, 'two.py');
    writeFileSync(file, [
      'from unsloth import FastLanguageModel',
      'from datasets import Dataset',
      'from trl import SFTTrainer, SFTConfig',
      'model, tokenizer = FastLanguageModel.from_pretrained("unsloth/Llama-3.2-1B-Instruct", max_seq_length=2048)',
      'dataset = Dataset.from_dict({"text": ["hello", "world"]})',
      'a = SFTTrainer(model=model, processing_class=tokenizer, train_dataset=dataset, args=SFTConfig(output_dir="a"))',
      'b = SFTTrainer(model=model, processing_class=tokenizer, train_dataset=dataset, args=SFTConfig(output_dir="b"))',
      '',
    ].join('\n'));
    const ask = run('preview-masking', file);
    assert.equal(ask.code, 2);
    assert.match(ask.err, /0: a = SFTTrainer\(…\) \(line 6\)\n  1: b = SFTTrainer\(…\) \(line 7\)/);
    assert.match(run('preview-masking', file, '--trainer', '1', '--rows', '1').out, /Loss masking: b \(line 7\)/);
  });

  it("check DIR skips Unsloth's generated trainers (unsloth_compiled_cache), not the scripts beside them", () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainlint-cache-'));
    copyFileSync(SEED, join(dir, 'train.py'));
    mkdirSync(join(dir, 'unsloth_compiled_cache'));
    copyFileSync(SEED, join(dir, 'unsloth_compiled_cache', 'UnslothSFTTrainer.py'));
    const r = run('check', dir, '--format', 'json', '--select', 'TL001');
    assert.deepEqual(JSON.parse(r.out).map((d: any) => d.path.slice(dir.length + 1)), ['train.py']);
    // Named explicitly, a file is always checked.
    assert.equal(JSON.parse(run('check', join(dir, 'unsloth_compiled_cache', 'UnslothSFTTrainer.py'), '--format', 'json', '--select', 'TL001').out).length, 1);
  });

  it('reads Jupyter notebooks (code cells, magics ignored)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainlint-nb-'));
    const seed = readFileSync(SEED, 'utf8');
    const nb = { cells: [
      { cell_type: 'markdown', source: ['# Fine-tune'] },
      { cell_type: 'code', source: ['%%capture\n', '!pip install unsloth trl==0.19.1\n'] },
      { cell_type: 'code', source: seed.split('\n').map((l) => `${l}\n`) },
    ], metadata: {}, nbformat: 4, nbformat_minor: 5 };
    writeFileSync(join(dir, 'train.ipynb'), JSON.stringify(nb));
    writeFileSync(join(dir, 'broken.ipynb'), '{"cells": [');
    const r = run('check', dir, '--format', 'json', '--select', 'TL001');
    const arr = JSON.parse(r.out);
    assert.deepEqual(arr.map((d: any) => d.code), ['TL001']);
    assert.equal(arr[0].cell, 2, 'the diagnostic is placed in the third cell');
    assert.deepEqual(arr[0].cellRange.start, { line: 15, column: 5 });
    assert.match(r.err, /broken\.ipynb/);
    // Text output counts cells from 1, like lines and columns; the masking preview names the cell too.
    assert.match(run('check', join(dir, 'train.ipynb'), '--select', 'TL001').out, /train\.ipynb\[cell 3\]:15:5: TL001/);
    const finetune = join(ROOT, 'test', 'e2e', 'workspace-data', 'finetune.ipynb');
    assert.match(run('preview-masking', finetune, '--rows', '1').out, /Loss masking: trainer \(cell 4, line 1\)/);
  });

  it('check: a project without pyproject.toml/.git is found from its packages, so a script in a subpackage sees the project modules', () => {
    // wqretre/DSA4213_Final_Project: `src/training/train_sft.py` imports its loader from `src/models/models.py`; no marker
    // file, but `src/__init__.py` and `src/training/__init__.py` make it run from the folder holding `src`.
    const dir = mkdtempSync(join(tmpdir(), 'trainlint-cli-'));
    const put = (rel: string, text: string) => { mkdirSync(join(dir, rel, '..'), { recursive: true }); writeFileSync(join(dir, rel), text); };
    for (const p of ['src/__init__.py', 'src/config/__init__.py', 'src/models/__init__.py', 'src/training/__init__.py']) put(p, '');
    put('src/config/config.py', 'BASE_MODEL_NAME = "Qwen/Qwen3-1.7B"\n');
    put('src/models/models.py', 'from transformers import AutoModelForCausalLM\nfrom src.config.config import BASE_MODEL_NAME\n\n'
      + 'def load_base_model(model_name=BASE_MODEL_NAME):\n    model = AutoModelForCausalLM.from_pretrained(model_name)\n    return model\n');
    put('src/training/train.py', 'from transformers import Trainer, TrainingArguments\nfrom src.models.models import load_base_model\n\n'
      + 'model = load_base_model()\nTrainer(model=model, args=TrainingArguments(output_dir="o", fp16=True), train_dataset=ds)\n');
    assert.match(run('check', dir, '--select', 'TL403').out, /train\.py:5:61: TL403 .*Qwen3/);
    assert.match(run('check', join(dir, 'src', 'training', 'train.py'), '--select', 'TL403').out, /TL403/, 'the file named alone');
    rmSync(join(dir, 'src', 'training', '__init__.py'));
    assert.doesNotMatch(run('check', dir, '--select', 'TL403').out, /TL403/, 'src/training is not a package: its own folder');
  });
});
