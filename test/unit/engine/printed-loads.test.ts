/** A notebook's saved outputs as a source of a Hub dataset's columns (`dataset/printed-loads.ts`, session 21). */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDatasetReprs } from '../../../server/src/engine/dataset/printed-loads';
import { initParser } from '../../../server/src/engine/syntax/parser';
import { cleanup, makeTmp } from '../data/fixtures';
import { actualKeys, expectedFromAnnotations } from '../helpers';
import { lintThroughTable } from './hub-table-lint';
import { datasetAssignments, provenanceLines, summary } from '../../../server/src/engine/views/dataset-inspect';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'notebook-outputs');

/** A notebook of code cells, each with its saved outputs (`execute_result` text). */
function notebook(cells: Array<[string, string[]?]>): string {
  return JSON.stringify({
    cells: cells.map(([src, outs]) => ({ cell_type: 'code', execution_count: null, metadata: {}, source: src,
      outputs: (outs ?? []).map((t) => ({ output_type: 'execute_result', execution_count: null, metadata: {}, data: { 'text/plain': t } })) })),
    metadata: {}, nbformat: 4, nbformat_minor: 5,
  });
}

const repr = (features: string[], n: number) => `Dataset({\n    features: [${features.map((f) => `'${f}'`).join(', ')}],\n    num_rows: ${n}\n})`;

describe('engine: a notebook\'s saved outputs show what its Hub datasets hold', () => {
  let home: string;
  before(async () => { await initParser(); home = makeTmp(); });
  after(() => cleanup(home));

  it('parses Dataset and DatasetDict reprs whole, and refuses a cut-off or unfamiliar one', () => {
    const dict = 'DatasetDict({\n    train: Dataset({\n        features: [\'a\', "it\'s"],\n        num_rows: 3\n    })\n    test: Dataset({\n        features: [\'a\', "it\'s"],\n        num_rows: 1\n    })\n})';
    assert.deepEqual(parseDatasetReprs(dict), [{ kind: 'dict', splits: [['train', { features: ['a', "it's"], numRows: 3 }], ['test', { features: ['a', "it's"], numRows: 1 }]] }]);
    assert.deepEqual(parseDatasetReprs(`Loaded\n${repr(['x'], 2)}\n${repr([], 0)}\n`), [{ kind: 'dataset', features: ['x'], numRows: 2 }, { kind: 'dataset', features: [], numRows: 0 }]);
    assert.equal(parseDatasetReprs(dict.slice(0, 80)), undefined, 'cut off');
    assert.equal(parseDatasetReprs("Dataset({features: {'a': Value(dtype='string')}, num_rows: 2})"), undefined, 'not the repr of a list of names');
    assert.deepEqual(parseDatasetReprs("IterableDataset({\n    features: ['a'],\n    num_shards: 1\n})"), [], 'an IterableDataset is not a loaded Dataset');
  });

  it('fixtures (test/fixtures/notebook-outputs): an unknown Hub dataset printed without "text" fires TL106 naming the cell; near misses stay quiet', async () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.ipynb'));
    assert.ok(files.length >= 8);
    let fired = 0;
    for (const f of files) {
      const r = await lintThroughTable(home, readFileSync(join(FIXTURES, f), 'utf8'), f);
      try {
        const got = r.diagnostics.filter((d) => d.code === 'TL106');
        assert.deepEqual(actualKeys(got), expectedFromAnnotations(r.doc.text), `${f}\n${got.map((d) => `${d.range.start.line}:${d.code} ${d.message}`).join('\n')}`);
        for (const d of got) { assert.match(d.message, /as printed by cell \d+'s saved output/, `${f}: ${d.message}`); assert.equal(d.severity, 'error'); }
        fired += got.length;
        if (f.startsWith('near_miss')) assert.equal(got.length, 0, f);
      } finally { r.dispose(); }
    }
    assert.equal(fired, 3);
  });

  it('the message names the cell and the printed columns; a whole DatasetDict gives its split list', async () => {
    const r = await lintThroughTable(home, readFileSync(join(FIXTURES, 'printed_next_cell_dict.ipynb'), 'utf8'), 'dict.ipynb');
    try {
      const [d] = r.diagnostics.filter((x) => x.code === 'TL106');
      assert.match(d.message, /columns of someuser\/my-alpaca as printed by cell 3's saved output: instruction, input, output/);
      // The dataset hint and hover name the cell too.
      const raw = datasetAssignments(r.analysis).find((a) => a.variable === 'raw')!.state;
      assert.equal(summary(raw), 'instruction, input, output · splits · from cell 3\'s saved output');
      assert.deepEqual(raw.splits, ['train', 'test']);
      assert.match(provenanceLines(raw).join('\n'), /as printed by cell 3's saved output .*\n- read from: raw printed by cell 3: DatasetDict of train \(900 rows\), test \(100 rows\)/);
    } finally { r.dispose(); }
    const split = await lintThroughTable(home, notebook([
      ['from datasets import load_dataset\nds = load_dataset("someuser/my-alpaca")\nds', [`DatasetDict({\n    train: ${repr(['a'], 2).replace(/\n/g, '\n    ')}\n})`]],
      ['x = ds["test"]'],
    ]), 'splits.ipynb');
    try {
      // datasets raises KeyError: the printed whole DatasetDict has only "train".
      assert.ok(split.diagnostics.some((d) => /"test"/.test(d.message) && /as printed by cell 1's saved output/.test(d.message)), split.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
    } finally { split.dispose(); }
  });

  it('ranks after local data and the cache, before the table of known datasets: the notebook\'s own run of the load wins', async () => {
    const trainer = 'trainer = SFTTrainer(model="Qwen/Qwen2.5-0.5B", train_dataset=ds, args=SFTConfig(output_dir="o", max_length=512))';
    const load = 'from datasets import load_dataset\nfrom trl import SFTTrainer, SFTConfig\nds = load_dataset("yahma/alpaca-cleaned", split="train")';
    // The table knows yahma/alpaca-cleaned as instruction, input, output: TL106 from the table.
    const table = await lintThroughTable(home, notebook([[load], [trainer]]), 'table.ipynb');
    try { assert.match(table.diagnostics.find((d) => d.code === 'TL106')!.message, /trainlint's table of known datasets/); } finally { table.dispose(); }
    // The notebook printed a "text" column for this very load: it wins, and TL106 stays quiet.
    const printed = await lintThroughTable(home, notebook([[`${load}\nprint(ds)`, [repr(['instruction', 'input', 'output', 'text'], 51760)]], [trainer]]), 'printed.ipynb');
    try { assert.deepEqual(printed.diagnostics.filter((d) => d.code === 'TL106'), []); } finally { printed.dispose(); }
  });

  it('a bare name prints only as the cell\'s last statement (without `;`); cells run out of order or stopped by an error do not count', async () => {
    const trainer = 'trainer = SFTTrainer(model="Qwen/Qwen2.5-0.5B", train_dataset=ds, args=SFTConfig(output_dir="o", max_length=512))';
    const load = 'from datasets import load_dataset\nfrom trl import SFTTrainer, SFTConfig\nds = load_dataset("someuser/sft", split="train")';
    const notLast = await lintThroughTable(home, notebook([[`${load}\nds\nother`, [repr(['q', 'a'], 5)]], [trainer]]), 'notlast.ipynb');
    try { assert.deepEqual(notLast.diagnostics.filter((d) => d.code === 'TL106'), []); } finally { notLast.dispose(); }
    // `ds;` shows nothing: the one repr is another statement's.
    const semicolon = await lintThroughTable(home, notebook([[`${load}\nprint(other)\nds;`, [repr(['q', 'a'], 5)]], [trainer]]), 'semicolon.ipynb');
    try { assert.deepEqual(semicolon.diagnostics.filter((d) => d.code === 'TL106'), []); } finally { semicolon.dispose(); }
    // The cell stopped on an error: the repr may be an earlier statement's.
    const errored = JSON.parse(notebook([[`${load}\nprint(ds)`, [repr(['q', 'a'], 5)]], [trainer]]));
    errored.cells[0].outputs.push({ output_type: 'error', ename: 'ValueError', evalue: 'x', traceback: [] });
    const failed = await lintThroughTable(home, JSON.stringify(errored), 'failed.ipynb');
    try { assert.deepEqual(failed.diagnostics.filter((d) => d.code === 'TL106'), []); } finally { failed.dispose(); }
    const nb = JSON.parse(notebook([[load], ['ds', [repr(['q', 'a'], 5)]], [trainer]]));
    nb.cells[0].execution_count = 3; nb.cells[1].execution_count = 7;
    const outOfOrder = await lintThroughTable(home, JSON.stringify(nb), 'order.ipynb');
    try { assert.deepEqual(outOfOrder.diagnostics.filter((d) => d.code === 'TL106'), []); } finally { outOfOrder.dispose(); }
    nb.cells[1].execution_count = 4;
    const inOrder = await lintThroughTable(home, JSON.stringify(nb), 'order2.ipynb');
    try { assert.equal(inOrder.diagnostics.filter((d) => d.code === 'TL106').length, 1); } finally { inOrder.dispose(); }
  });
});
