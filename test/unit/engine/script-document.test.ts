/** Notebooks as one script: code cells joined, magics commented out, positions mapped back to cells. */
import assert from 'node:assert/strict';
import { ScriptDocument } from '../../../server/src/engine/syntax/script-document';

describe('script document (notebooks)', () => {
  const doc = ScriptDocument.fromNotebook('/nb.ipynb', [
    { id: 'md', kind: 'markdown', text: '# Title' },
    { id: 'a', kind: 'code', text: '  !pip install trl==0.19.1\nimport trl' },
    { id: 'b', kind: 'code', text: '%%time\nx = trl.SFTConfig(output_dir="o")' },
  ]);

  it('joins code cells, commenting out magics so they parse', () => {
    assert.equal(doc.text, '  #!pip install trl==0.19.1\nimport trl\n#%%time\nx = trl.SFTConfig(output_dir="o")');
    assert.deepEqual(doc.cells?.map((c) => [c.cellId, c.startLine, c.lineCount]), [['a', 0, 2], ['b', 2, 2]]);
  });

  it('maps positions on magic lines back without the added #, and cell positions into the script', () => {
    // `trl` in the pip line: script column 15 is cell column 14.
    assert.deepEqual(doc.toCellPosition({ line: 0, character: 15 }), { cell: doc.cells![0], position: { line: 0, character: 14 } });
    assert.deepEqual(doc.toCellPosition({ line: 0, character: 1 }), { cell: doc.cells![0], position: { line: 0, character: 1 } });
    assert.deepEqual(doc.toCellPosition({ line: 3, character: 4 }), { cell: doc.cells![1], position: { line: 1, character: 4 } });
    assert.deepEqual(doc.fromCellPosition('a', { line: 0, character: 14 }), { line: 0, character: 15 });
    assert.deepEqual(doc.fromCellPosition('b', { line: 1, character: 4 }), { line: 3, character: 4 });
    assert.equal(doc.fromCellPosition('md', { line: 0, character: 0 }), undefined, 'markdown cells are not in the script');
    assert.equal(doc.fromCellPosition('b', { line: 2, character: 0 }), undefined, 'past the cell');
  });
});
