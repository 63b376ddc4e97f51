// trainlint in a Jupyter notebook inside a real VS Code extension host. finetune.ipynb (fixture
// test/e2e/workspace-data) spreads the seed bug over cells: imports with a `!pip install` magic, the
// model and dataset, then SFTTrainer with DataCollatorForSeq2Seq. VS Code's built-in ipynb support
// opens it; the language client syncs it to the server as a notebook document.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { apply, codeActions, diagnosticsWhen, hasRule, isRule, RULE } from './wait';

suite('trainlint in notebooks', () => {
  let notebook: vscode.NotebookDocument;

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder');
    notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.joinPath(folder.uri, 'finetune.ipynb'));
    await vscode.window.showNotebookDocument(notebook);
  });

  test('the trainer cell gets TL001 on its data_collator line; other cells stay clean of it', async () => {
    const trainerCell = notebook.cellAt(3);
    const ds = await diagnosticsWhen(trainerCell.document.uri, hasRule, `${RULE} in the trainer cell`);
    const d = ds.find(isRule)!;
    assert.equal(d.range.start.line, 5, 'cell coordinates: the 6th line of the cell');
    assert.equal(trainerCell.document.lineAt(d.range.start.line).text.trim().startsWith('data_collator='), true);
    assert.ok(d.relatedInformation?.some((r) => r.location.uri.toString() === notebook.cellAt(2).document.uri.toString()),
      'related location: the dataset, in the cell that builds it');
    for (const i of [0, 1, 2]) assert.equal(vscode.languages.getDiagnostics(notebook.cellAt(i).document.uri).some(isRule), false);
  });

  test('the TL001 quick fix edits the trainer cell and TL001 goes away', async () => {
    const cell = notebook.cellAt(3);
    const d = vscode.languages.getDiagnostics(cell.document.uri).find(isRule);
    assert.ok(d, 'TL001 is not reported (previous test)');
    const actions = await codeActions(cell.document.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /remove data_collator/i.test(a.title));
    assert.ok(fix, `no "Remove data_collator" quick fix among: ${actions.map((a) => a.title).join('; ')}`);
    await diagnosticsWhen(cell.document.uri, (ds) => !hasRule(ds), `${RULE} gone after the quick fix`, { action: () => apply(fix), afterEvent: true });
    assert.ok(!cell.document.getText().includes('data_collator'), `the cell still passes a collator:\n${cell.document.getText()}`);
    assert.ok(cell.document.getText().includes('train_dataset=dataset'), 'the rest of the call is intact');
  });
});
