import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initParser } from '../../../server/src/engine/syntax/parser';
import { cleanup, makeTmp } from '../data/fixtures';
import { lintThroughTable } from './hub-table-lint';

/** TL114 on what the data layer knows of a source's splits: local files and the table of known Hub datasets. */
describe('engine: dataset splits a script names', () => {
  before(async () => { await initParser(); });
  let home: string;
  beforeEach(() => {
    home = makeTmp();
    writeFileSync(join(home, 'train.jsonl'), '{"text": "a"}\n{"text": "b"}\n');
  });
  afterEach(() => cleanup(home));

  async function findings(text: string) {
    const r = await lintThroughTable(home, text);
    try {
      return r.diagnostics.filter((d) => d.code === 'TL114').map((d) => ({ line: d.range.start.line, severity: d.severity, message: d.message }));
    } finally { r.dispose(); }
  }

  it('one local file is the "train" split: ds["test"] and split="test" are errors, ds["train"] is not', async () => {
    const f = await findings([
      'from datasets import load_dataset',
      'ds = load_dataset("json", data_files="train.jsonl")',
      'ev = load_dataset("json", data_files="train.jsonl", split="test")',
      'train, test = ds["train"], ds["test"]',
      'ok = load_dataset("json", data_files="train.jsonl", split="train[:50%]")',
    ].join('\n'));
    assert.deepEqual(f.map((x) => [x.line, x.severity]), [[2, 'error'], [3, 'error']]);
    assert.match(f[0].message, /Unknown split "test"/);
    assert.match(f[1].message, /only the split "train".*KeyError: 'test'/);
  });

  it('split="all" is every split, not a split named "all" (datasets 5.0.1 builder.py): local files and the table', async () => {
    const f = await findings([
      'from datasets import load_dataset',
      'a = load_dataset("json", data_files="train.jsonl", split="all")',
      'b = load_dataset("json", data_files={"train": "train.jsonl", "test": "train.jsonl"}, split="all")',
      'c = load_dataset("mlabonne/FineTome-100k", split="all")',
      'd = load_dataset("json", data_files="train.jsonl", split="all[:10%]")',
    ].join('\n'));
    // "all[:10%]" names a split "all": datasets raises Unknown split there.
    assert.deepEqual(f.map((x) => x.line), [4]);
  });

  it('data files that are not there still make the "train" split (the script proves it)', async () => {
    const f = await findings([
      'from datasets import load_dataset',
      'ds = load_dataset("csv", data_files=["a.csv", "b.csv"])',
      'x = ds["validation"]',
      'y = load_dataset("json", data_files="missing.jsonl", split="test")',
      'z = load_dataset("json", data_files={"train": "missing.jsonl", "test": "missing2.jsonl"})["test"]',
      'w = load_dataset("json", data_dir="data", data_files="missing.jsonl")["test"]',
      'files = {"train": "a.csv", "validation": "b.csv"}',
      'files["test"] = "c.csv"',
      'glue = load_dataset("csv", data_files=files)',
      't = glue["test"]',
      'task = "mnli"',
      'v = glue["validation_mismatched" if task == "mnli" else "validation"]',
    ].join('\n'));
    assert.deepEqual(f.map((x) => x.line), [2, 3]);
  });

  it('a dict of data files names its splits', async () => {
    const f = await findings([
      'from datasets import load_dataset',
      'ds = load_dataset("json", data_files={"train": "train.jsonl", "dev": "train.jsonl"})',
      'a = ds["dev"]',
      'b = ds["validation"]',
    ].join('\n'));
    assert.deepEqual(f.map((x) => x.line), [3]);
    assert.match(f[0].message, /"train", "dev"/);
  });

  it('a Hub dataset whose split list the table marks complete: a split it lacks is an error naming the source and date', async () => {
    const f = await findings([
      'from datasets import load_dataset',
      'ds = load_dataset("mlabonne/FineTome-100k")',
      'x = ds["test"]',
      'g = load_dataset("openai/gsm8k", "main")',
      'y = g["validation"]',
      'v = load_dataset("trl-lib/ultrafeedback_binarized", split="validation[:10%]")',
      's = load_dataset("HuggingFaceH4/MATH-500", split="train", streaming=True)',
    ].join('\n'));
    assert.deepEqual(f.map((x) => [x.line, x.severity]), [[2, 'error'], [4, 'error'], [5, 'error'], [6, 'error']]);
    assert.match(f[0].message, /^There is no split "test": the data has only the split "train" \(per the dataset card read 2026-12-06, in trainlint's table of known datasets\), so this raises KeyError: 'test'\./);
    assert.match(f[1].message, /the splits "train", "test" \(per the dataset card read 2026-12-06/);
    assert.match(f[2].message, /no split "validation": .*"train", "test" \(per the Hub viewer's split list read 2026-12-07.*Unknown split "validation"/);
    assert.match(f[3].message, /only the split "test" \(per the dataset's file list read 2026-12-07.*ValueError: Bad split: train/);
  });

  it('a Hub dataset whose split list is not known to be complete, or a load the table does not describe, says nothing', async () => {
    const f = await findings([
      'from datasets import load_dataset',
      // Split lists read only in part: guanaco-llama2-1k (copies of its card), Anthropic/hh-rlhf, a config's other splits.
      'a = load_dataset("mlabonne/guanaco-llama2-1k")["test"]',
      'b = load_dataset("Anthropic/hh-rlhf", split="validation")',
      'c = load_dataset("PolyAI/minds14", name="en-US", split="test")',
      // Loads that may make other splits: files, a folder, another revision, a builder keyword, a config not named.
      'd = load_dataset("mlabonne/FineTome-100k", data_files={"test": "test.jsonl"}, split="test")',
      'e = load_dataset("mlabonne/FineTome-100k", data_dir="extra", split="test")',
      'f = load_dataset("mlabonne/FineTome-100k", revision="v2", split="test")',
      'g = load_dataset("opus_books", lang1="en", lang2="fr", split="test")',
      'h = load_dataset("openai/gsm8k", split="validation")',
      // Splits it has: a slice, a sum, "all", a config named positionally or by name=.
      'i = load_dataset("mlabonne/FineTome-100k", split="train[:10%]")',
      'j = load_dataset("openai/gsm8k", "main", split="train+test")',
      'k = load_dataset("mlabonne/FineTome-100k", split="all")',
      'l = load_dataset("swag", name="regular", split="validation")',
      'm = load_dataset("billsum", split="test")',
      // The script makes the split itself.
      'n = load_dataset("mlabonne/FineTome-100k", split="train").train_test_split(test_size=0.1)["test"]',
      'o = load_dataset("mlabonne/FineTome-100k")',
      'o["test"] = o["train"].select(range(10))',
      'p = o["test"]',
    ].join('\n'));
    assert.deepEqual(f, []);
  });

  it('splits the script changes in place, and what is computed from them, are not assumed', async () => {
    const f = await findings([
      'from datasets import load_dataset',
      'raw = load_dataset("json", data_files="train.jsonl")',
      'split = raw["train"].train_test_split(test_size=0.5)',
      'split["validation"] = split.pop("test")',
      'tok = split.map(lambda x: x)',
      'a = tok["validation"]',
      'b = split["validation"]',
      'other = raw["train"].train_test_split(test_size=0.5)',
      'del other["test"]',
      'c = other.map(lambda x: x)["dev"]',
      'fresh = raw["train"].train_test_split(test_size=0.5).map(lambda x: x)',
      'd = fresh["validation"]',
    ].join('\n'));
    assert.deepEqual(f.map((x) => x.line), [11]);
  });

  it('a Hub dataset the table does not know says nothing', async () => {
    const f = await findings('from datasets import load_dataset\nds = load_dataset("someone/private-set")\nx = ds["validation"]\n');
    assert.deepEqual(f, []);
  });
});
