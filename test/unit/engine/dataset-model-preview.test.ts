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
import type { DataSourceProvider, DatasetState } from '../../../server/src/engine/dataset/state';
import { ready } from '../helpers';

/** Every loader reads as the columns a, b (what a file would hold); `from_pandas` only when load-spec follows its frame. */
const files: DataSourceProvider = {
  lookup(call, facts) {
    if (call.method === 'from_pandas' && !loadSpecFor({ scriptPath: '/tmp/p/train.py', facts, callsByNode: callIndex(facts) }, call, '/tmp/p')) return { note: 'not read' };
    return { columns: ['a', 'b'], isDict: call.keywords.has('split') || call.method === 'from_pandas' ? false : undefined };
  },
};

function stateAtProbe(text: string): DatasetState | undefined {
  const script = ParsedScript.parse(text);
  try {
    const facts = buildFacts(script.syntax);
    const probe = facts.calls.find((c) => c.calleeText === 'probe')!;
    return new DatasetModel(facts, files, text).at(probe.positional[0].value);
  } finally { script.dispose(); }
}

function columnsAtProbe(text: string): string[] | undefined | 'not-a-dataset' {
  const state = stateAtProbe(text);
  return state ? state.columns : 'not-a-dataset';
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
    // Another function's frame of the same name is another frame; a module-level frame a function reads is the module's.
    const first = `import pandas as pd\nfrom datasets import Dataset\ndef first():\n    df = pd.read_csv("x.csv")\n    df["t"] = 1\n    return Dataset.from_pandas(df)\n`;
    assert.deepEqual(columnsAtProbe(`${first}def second():\n    df = pd.read_csv("y.csv")\n    return probe(Dataset.from_pandas(df))\n`), ['a', 'b']);
    assert.equal(columnsAtProbe(`${pandas}df["t"] = 1\ndef make():\n    return probe(Dataset.from_pandas(df))\n`), undefined);
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

  const ten = `from datasets import Dataset\nds = Dataset.from_dict({"t": ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]})\n`;

  it('counts rows through select, take, skip and a non-batched map, and forgets them where a step changes them by what runs', () => {
    assert.equal(stateAtProbe(`${ten}probe(ds.shuffle(seed=1).select(range(4)))`)?.rowCount, 4);
    assert.equal(stateAtProbe(`${ten}probe(ds.select(range(2, 5)))`)?.rowCount, 3);
    assert.equal(stateAtProbe(`${ten}probe(ds.take(3).map(lambda x: {"u": 1}))`)?.rowCount, 3);
    assert.equal(stateAtProbe(`${ten}probe(ds.skip(4))`)?.rowCount, 6);
    assert.equal(stateAtProbe(`${ten}probe(ds.filter(lambda x: x["t"] != "a"))`)?.rowCount, undefined);
    assert.equal(stateAtProbe(`${ten}probe(ds.map(lambda b: {"u": b["t"]}, batched=True))`)?.rowCount, undefined);
    assert.equal(stateAtProbe(`${ten}probe(ds.train_test_split(test_size=0.2)["train"])`)?.rowCount, undefined);
  });

  it('a split other than the counted one ("train", else the first) has no count', () => {
    const dd = `from datasets import load_dataset\ndd = load_dataset("json", data_files={"train": "a.jsonl", "test": "b.jsonl"})\n`;
    const counted: DataSourceProvider = { lookup: () => ({ columns: ['a'], rowCount: 7, isDict: true, splits: ['train', 'test'] }) };
    const at = (text: string) => {
      const script = ParsedScript.parse(text);
      try {
        const facts = buildFacts(script.syntax);
        return new DatasetModel(facts, counted, text).at(facts.calls.find((c) => c.calleeText === 'probe')!.positional[0].value)?.rowCount;
      } finally { script.dispose(); }
    };
    assert.equal(at(`${dd}probe(dd["train"])`), 7);
    assert.equal(at(`${dd}probe(dd["test"])`), undefined);
  });

  it('the rows after a map no longer hold the values of the columns its function writes', () => {
    const rows = stateAtProbe(`${ten}probe(ds.map(lambda x: {"t": x["t"].upper(), "u": 1}))`)?.rows;
    assert.deepEqual(rows?.[0], {});
    assert.deepEqual(stateAtProbe(`${ten}probe(ds.map(lambda x: {"u": 1}))`)?.rows?.[0], { t: 'a' });
  });

  it('types after class_encode_column, cast_column and cast', () => {
    const typed: DataSourceProvider = { lookup: () => ({ columns: ['text', 'label'], types: { text: 'string', label: 'string' } }) };
    const at = (text: string) => {
      const script = ParsedScript.parse(text);
      try {
        const facts = buildFacts(script.syntax);
        return new DatasetModel(facts, typed, text).at(facts.calls.find((c) => c.calleeText === 'probe')!.positional[0].value)?.types;
      } finally { script.dispose(); }
    };
    const ds = `from datasets import load_dataset\nds = load_dataset("csv", data_files="d.csv", split="train")\n`;
    assert.deepEqual(at(`${ds}probe(ds.class_encode_column("label"))`), { text: 'string', label: 'class_label' });
    assert.deepEqual(at(`${ds}probe(ds.cast_column("label", ClassLabel(names=["a", "b"])))`), { text: 'string' });
    assert.equal(at(`${ds}probe(ds.cast(features))`), undefined);
    assert.deepEqual(at(`${ds}probe(ds.shuffle(seed=0))`), { text: 'string', label: 'string' });
  });
});
