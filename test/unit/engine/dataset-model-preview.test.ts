/**
 * The dataset preview against what `datasets` does (corpus38): a DataFrame changed before `from_pandas`, a map function
 * that deletes keys, `column_names` of a stream or of a DatasetDict given as `remove_columns=`.
 */
import assert from 'node:assert/strict';
import { ParsedScript } from '../../../server/src/engine/index';
import { buildFacts } from '../../../server/src/engine/facts/build';
import { DatasetModel } from '../../../server/src/engine/dataset/model';
import { loadSpecFor } from '../../../server/src/engine/dataset/load-spec';
import { callIndex } from '../../../server/src/engine/facts/selections';
import type { DataSourceProvider } from '../../../server/src/engine/dataset/state';
import { ready } from '../helpers';

/** Every loader reads as the columns a, b (what a file would hold); `from_pandas` only when load-spec follows its frame. */
const files: DataSourceProvider = {
  lookup(call, facts) {
    if (call.method === 'from_pandas' && !loadSpecFor({ scriptPath: '/tmp/p/train.py', facts, callsByNode: callIndex(facts) }, call, '/tmp/p')) return { note: 'not read' };
    return { columns: ['a', 'b'], isDict: call.keywords.has('split') || call.method === 'from_pandas' ? false : undefined };
  },
};

function columnsAtProbe(text: string): string[] | undefined | 'not-a-dataset' {
  const script = ParsedScript.parse(text);
  try {
    const facts = buildFacts(script.syntax);
    const probe = facts.calls.find((c) => c.calleeText === 'probe')!;
    const state = new DatasetModel(facts, files, text).at(probe.positional[0].value);
    return state ? state.columns : 'not-a-dataset';
  } finally { script.dispose(); }
}

describe('dataset preview against datasets (corpus38)', () => {
  before(ready);

  const pandas = `import pandas as pd\nfrom datasets import Dataset\ndf = pd.read_csv("data.csv")\n`;

  it('reads a DataFrame\'s columns from its file only while nothing changes the frame first', () => {
    assert.deepEqual(columnsAtProbe(`${pandas}probe(Dataset.from_pandas(df))`), ['a', 'b']);
    assert.equal(columnsAtProbe(`${pandas}df["text"] = df["a"] + df["b"]\nprobe(Dataset.from_pandas(df))`), undefined);
    assert.equal(columnsAtProbe(`${pandas}df.drop(columns=["b"], inplace=True)\nprobe(Dataset.from_pandas(df))`), undefined);
    assert.equal(columnsAtProbe(`${pandas}df.dropna(inplace=True)\nprobe(Dataset.from_pandas(df))`), undefined);
    assert.equal(columnsAtProbe(`${pandas}df.columns = ["x", "y"]\nprobe(Dataset.from_pandas(df))`), undefined);
    assert.equal(columnsAtProbe(`${pandas}add_text(df)\nprobe(Dataset.from_pandas(df))`), undefined);
    // A change after the dataset is made does not matter; printing reads only.
    assert.deepEqual(columnsAtProbe(`${pandas}print(df)\nds = Dataset.from_pandas(df)\ndf["c"] = 1\nprobe(ds)`), ['a', 'b']);
  });

  it('does not read a frame whose reader or from_pandas call changes its columns or index', () => {
    assert.equal(columnsAtProbe(`import pandas as pd\nfrom datasets import Dataset\ndf = pd.read_csv("data.csv", usecols=["a"])\nprobe(Dataset.from_pandas(df))`), undefined);
    assert.equal(columnsAtProbe(`import pandas as pd\nfrom datasets import Dataset\ndf = pd.read_csv("data.csv", index_col=0)\nprobe(Dataset.from_pandas(df))`), undefined);
    assert.equal(columnsAtProbe(`${pandas}probe(Dataset.from_pandas(df, preserve_index=True))`), undefined);
    assert.deepEqual(columnsAtProbe(`${pandas}probe(Dataset.from_pandas(df, preserve_index=False))`), ['a', 'b']);
    assert.deepEqual(columnsAtProbe(`import pandas as pd\nfrom datasets import Dataset\ndf = pd.read_csv("data.csv", sep=";", encoding="utf-8")\nprobe(Dataset.from_pandas(df))`), ['a', 'b']);
  });

  const load = `from datasets import load_dataset\nds = load_dataset("json", data_files="d.jsonl", split="train")\n`;

  it('a map function that deletes keys of the example it returns leaves the columns unknown', () => {
    assert.equal(columnsAtProbe(`${load}def f(ex):\n    del ex["b"]\n    ex["t"] = 1\n    return ex\nprobe(ds.map(f))`), undefined);
    assert.equal(columnsAtProbe(`${load}def f(ex):\n    ex.pop("b")\n    return ex\nprobe(ds.map(f))`), undefined);
    assert.deepEqual(columnsAtProbe(`${load}def f(ex):\n    ex["t"] = 1\n    return ex\nprobe(ds.map(f))`), ['a', 'b', 't']);
  });

  it('a key popped from the returned dict is not among its outputs', () => {
    assert.deepEqual(columnsAtProbe(`${load}def f(ex):\n    out = tokenizer(ex["a"])\n    out.pop("attention_mask")\n    return out\nprobe(ds.map(f, remove_columns=["a", "b"]))`), ['input_ids']);
    assert.equal(columnsAtProbe(`${load}def f(ex):\n    out = tokenizer(ex["a"])\n    out.pop(key)\n    return out\nprobe(ds.map(f, remove_columns=["a", "b"]))`), undefined);
  });

  it('remove_columns=stream.column_names removes nothing after a map of the stream, and is unknown before', () => {
    const stream = `from datasets import load_dataset\nds = load_dataset("json", data_files="d.jsonl", split="train", streaming=True)\n`;
    assert.deepEqual(columnsAtProbe(`${stream}ds = ds.map(lambda x: {"t": 1})\nds = ds.map(lambda b: tokenizer(b["t"]), batched=True, remove_columns=ds.column_names)\nprobe(ds)`),
      ['a', 'b', 't', 'input_ids', 'attention_mask']);
    assert.equal(columnsAtProbe(`${stream}probe(ds.map(lambda x: {"t": 1}, remove_columns=ds.column_names))`), undefined);
    assert.deepEqual(columnsAtProbe(`${load}it = ds.to_iterable_dataset()\nprobe(it.map(lambda x: {"t": 1}, remove_columns=it.column_names))`), ['t']);
    assert.deepEqual(columnsAtProbe(`${load}it = ds.to_iterable_dataset().map(lambda x: {"t": 1})\nprobe(it.map(lambda x: {"u": 1}, remove_columns=it.column_names))`), ['a', 'b', 't', 'u']);
  });

  it('remove_columns=dd.column_names of a DatasetDict (a dict of split names, ValueError in datasets) is not "every column"', () => {
    const dd = `from datasets import load_dataset\ndd = load_dataset("json", data_files="d.jsonl")\n`;
    assert.equal(columnsAtProbe(`${dd}dd = dd.map(lambda x: {"t": 1}, remove_columns=dd.column_names)\nprobe(dd["train"])`), undefined);
    assert.deepEqual(columnsAtProbe(`${dd}dd = dd.map(lambda x: {"t": 1}, remove_columns=dd["train"].column_names)\nprobe(dd["train"])`), ['t']);
  });
});
