/**
 * Data read after a lint reaches the user through the next lint: a keystroke's lint when they type, an
 * idle re-lint when they do not, never both (a duplicate lint would delay the keystrokes behind it).
 */
import assert from 'node:assert/strict';
import { DataArrivals } from '../../../server/src/lsp/data-arrivals';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('data arriving after a lint', () => {
  it('re-lints a document left alone, once, and its next lint refreshes the views', async () => {
    const relinted: string[] = [];
    const a = new DataArrivals((u) => relinted.push(u), 10);
    a.note('file:///a.py');
    a.note('file:///a.py'); // a second read finishing before the re-lint adds nothing
    await sleep(40);
    assert.deepEqual(relinted, ['file:///a.py']);
    assert.equal(a.take('file:///a.py'), true, 'the re-lint is the one with new data');
    assert.equal(a.take('file:///a.py'), false);
    a.dispose();
  });

  it('lets a keystroke\'s lint take the data instead: no second lint', async () => {
    const relinted: string[] = [];
    const a = new DataArrivals((u) => relinted.push(u), 10);
    a.note('file:///a.py');
    a.note('file:///b.py');
    assert.equal(a.take('file:///a.py'), true);
    await sleep(40);
    assert.deepEqual(relinted, ['file:///b.py'], 'only the document nobody linted meanwhile');
    a.dispose();
  });
});
