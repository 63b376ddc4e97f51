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

  it('a Hub dataset says nothing: the table of known datasets does not list every split (swag has validation)', async () => {
    const f = await findings([
      'from datasets import load_dataset',
      'ds = load_dataset("mlabonne/FineTome-100k")',
      'x = ds["test"]',
      'g = load_dataset("openai/gsm8k", "main")',
      'y = g["validation"]',
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
