/**
 * TL112 on columns read from outside the script: a local JSON Lines file (test/fixtures/data/jsonl/qa.jsonl) and a Hub
 * dataset answered by trainlint's dated table; quiet when the file is not there or the Hub dataset is not in the table.
 */
import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initParser } from '../../../server/src/engine/syntax/parser';
import { cleanup, makeTmp } from '../data/fixtures';
import { lintThroughTable } from '../engine/hub-table-lint';

const QA = join(__dirname, '..', '..', 'fixtures', 'data', 'jsonl', 'qa.jsonl');

describe('TL112: columns from a local file and from the table of known Hub datasets', () => {
  let home: string;
  before(async () => { await initParser(); home = makeTmp(); copyFileSync(QA, join(home, 'qa.jsonl')); });
  after(() => cleanup(home));

  const findings = async (text: string) => {
    const r = await lintThroughTable(home, text);
    try { return r.diagnostics.filter((d) => d.code === 'TL112'); } finally { r.dispose(); }
  };

  it('a local JSON Lines file: the map reads "instruction", the file has question/answer/source', async () => {
    const text = `from datasets import load_dataset
ds = load_dataset("json", data_files="qa.jsonl", split="train")
def fmt(example):
    return {"text": example["instruction"] + example["answer"]}
ds = ds.map(fmt)
`;
    const got = await findings(text);
    assert.equal(got.length, 1);
    assert.equal(got[0].severity, 'error');
    assert.equal(got[0].range.start.line, 3);
    assert.match(got[0].message, /reads `example\["instruction"\]`, but the dataset has no "instruction" column \(columns: question, answer, source\): `\.map` raises KeyError: 'instruction'/);
    // The same script on a file that is not there: columns unknown, nothing said.
    assert.deepEqual(await findings(text.replace('qa.jsonl', 'missing.jsonl')), []);
  });

  it('a DatasetDict from the file: its "train" split is mapped, and the whole dict (every split)', async () => {
    const got = await findings(`from datasets import load_dataset
raw = load_dataset("json", data_files="qa.jsonl")
train = raw["train"].map(lambda ex: {"n": len(ex["Question"])})
raw = raw.map(lambda batch: {"t": batch["prompt"]}, batched=True)
`);
    assert.deepEqual(got.map((d) => d.range.start.line), [2, 3]);
    assert.match(got[0].message, /Did you mean "question"\?/);
    assert.deepEqual(got[0].fixes.map((f) => [f.title, f.applicability]), [['Read the "question" column', 'unsafe']]);
  });

  it('splits given one file each may differ: only the split that was read ("train") is checked', async () => {
    // The test file has the column the train file lacks.
    writeFileSync(join(home, 'qa_test.jsonl'), '{"instruction": "Say hi", "output": "hi"}\n');
    const got = await findings(`from datasets import load_dataset
raw = load_dataset("json", data_files={"train": "qa.jsonl", "test": "qa_test.jsonl"})
train = raw["train"].map(lambda ex: {"t": ex["instruction"]})
test = raw["test"].map(lambda ex: {"t": ex["instruction"]})
`);
    assert.deepEqual(got.map((d) => d.range.start.line), [2]);
  });

  it('a Hub dataset from the dated table: the message names the table and its date; unknown Hub ids are quiet', async () => {
    const text = `from datasets import load_dataset
from trl import SFTConfig, SFTTrainer
dataset = load_dataset("yahma/alpaca-cleaned", split="train")
def formatting(example):
    return f"### Instruction: {example['instruction']}\\n### Response: {example['response']}"
trainer = SFTTrainer(model="Qwen/Qwen2.5-0.5B", train_dataset=dataset, formatting_func=formatting, args=SFTConfig(output_dir="o"))
`;
    const got = await findings(text);
    assert.equal(got.length, 1);
    assert.match(got[0].message, /reads `example\["response"\]`, but the dataset has no "response" column \(columns of yahma\/alpaca-cleaned from trainlint's table of known datasets, checked \d{4}-\d{2}-\d{2}: output, input, instruction\): preparing the dataset raises KeyError: 'response'/);
    assert.deepEqual(await findings(text.replace('yahma/alpaca-cleaned', 'someone/private-set')), []);
  });
});
