/** Which workspace folder holds a file decides its settings, its versions and where its relative data paths start. */
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { WorkspaceFolders } from '../../../server/src/lsp/workspace-folders';

describe('workspace folders', () => {
  const folders = new WorkspaceFolders();
  const uri = (p: string) => pathToFileURL(p).toString();
  folders.set([uri('/ws/app'), uri('/ws/app/nested'), 'vscode-vfs://github/x/y']);

  it('finds the innermost folder holding a file', () => {
    assert.equal(folders.holding('/ws/app/train.py')?.path, '/ws/app');
    assert.equal(folders.holding('/ws/app/nested/sft/train.py')?.path, '/ws/app/nested');
  });

  it('does not take a sibling whose name starts the same for a parent', () => {
    assert.equal(folders.holding('/ws/app2/train.py'), undefined);
    assert.equal(folders.holding('/ws/appendix.py'), undefined);
  });

  it('keeps only folders on disk, with the URI the editor sent', () => {
    assert.deepEqual(folders.all().map((f) => f.uri), [uri('/ws/app'), uri('/ws/app/nested')]);
  });
});
