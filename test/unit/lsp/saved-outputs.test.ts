/** The language server reads a notebook's saved outputs from its file (`lsp/saved-outputs.ts`): confined, and only again when it changed. */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SavedNotebookOutputs } from '../../../server/src/lsp/saved-outputs';
import { withSavedOutputs } from '../../../server/src/engine/syntax/notebook-outputs';
import type { AccessPolicy } from '../../../server/src/engine/data/types';
import { cleanup, makeTmp } from '../data/fixtures';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'notebook-outputs', 'printed_same_cell.ipynb');

describe('language server: saved notebook outputs', () => {
  let home: string;
  before(() => { home = makeTmp(); mkdirSync(join(home, 'ws')); mkdirSync(join(home, 'elsewhere')); });
  after(() => cleanup(home));

  it('reads the outputs of a notebook inside the workspace folders of a trusted workspace, never outside or untrusted', async () => {
    const inside = join(home, 'ws', 'nb.ipynb');
    const outside = join(home, 'elsewhere', 'nb.ipynb');
    writeFileSync(inside, readFileSync(FIXTURE));
    writeFileSync(outside, readFileSync(FIXTURE));
    let access: AccessPolicy = { workspaceRoots: [join(home, 'ws')], hfCacheRoots: [], trusted: true };
    const saved = new SavedNotebookOutputs(() => access);
    assert.deepEqual(saved.peek(inside), [], 'nothing before the read');
    assert.equal(await saved.refresh(inside), true);
    assert.ok(saved.peek(inside).some((c) => c.outputs?.[0].includes("features: ['instruction', 'output']")));
    assert.equal(await saved.refresh(inside), false, 'unchanged file: not read again');
    assert.equal(await saved.refresh(outside), false);
    assert.deepEqual(saved.peek(outside), [], 'outside the workspace folders');
    access = { ...access, trusted: false };
    assert.equal(await saved.refresh(inside), true, 'untrusted: what was read is dropped');
    assert.deepEqual(saved.peek(inside), []);
    access = { ...access, trusted: true };
    await saved.refresh(inside);
    // Saved again with other outputs: read again, and the change reported.
    const nb = JSON.parse(readFileSync(inside, 'utf8'));
    nb.cells[1].outputs = [];
    writeFileSync(inside, JSON.stringify(nb));
    utimesSync(inside, new Date(), new Date(Date.now() + 5000));
    assert.equal(await saved.refresh(inside), true);
    assert.deepEqual(saved.peek(inside), [], 'no output prints a dataset any more: nothing kept');
  });

  it('gives the outputs only to editor cells whose text is the saved one, in order', () => {
    const saved = [
      { kind: 'code' as const, text: 'a = 1' },
      { kind: 'code' as const, text: 'ds = load()\nds', outputs: ['Dataset({…})'], executionCount: 2 },
    ];
    const same = withSavedOutputs([{ kind: 'code', text: 'a = 1' }, { kind: 'markdown', text: '# x' }, { kind: 'code', text: 'ds = load()\nds' }], saved);
    assert.deepEqual(same.cells[2].outputs, ['Dataset({…})']);
    assert.equal(same.cells[2].executionCount, 2);
    assert.equal(same.key, '2+');
    const edited = withSavedOutputs([{ kind: 'code', text: 'a = 2' }, { kind: 'code', text: 'ds = load()\nds ' }], saved);
    assert.ok(edited.cells.every((c) => !c.outputs && !c.saved));
    assert.equal(edited.key, '');
    const before = withSavedOutputs([{ kind: 'code', text: 'a = 2' }, { kind: 'code', text: 'ds = load()\nds' }], saved);
    assert.equal(before.key, '1', 'the cell before is not the saved one');
  });
});
