// The editor habits around a finding, in a real extension host: the status bar item, "Show
// documentation for TL001" from the quick-fix list opening the bundled docs, "trainlint: Fix all",
// and the hover on a code in a disable comment. train.py carries the seed bug TL001; sft_data.py is clean.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RULE, apply, codeActions, diagnosticsWhen, hasRule, isRule } from './wait';

interface Status { text: string; tooltip: string; command?: string; visible: boolean; state: string; findings?: number }
const api = () => vscode.extensions.getExtension('trainlint.trainlint')!.exports as { status(): Status | undefined };

/** Polls `read` until `accept` holds (the status item follows events the test cannot await). */
async function until<T>(read: () => T, accept: (v: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = read();
    if (accept(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const allTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);

suite('editor habits (status bar, rule docs, fix all)', () => {
  let folder: vscode.Uri;
  let uri: vscode.Uri;
  let doc: vscode.TextDocument;
  let original: string;

  suiteSetup(async () => {
    folder = vscode.workspace.workspaceFolders![0].uri;
    uri = vscode.Uri.joinPath(folder, 'train.py');
    doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    original = doc.getText();
    await diagnosticsWhen(uri, hasRule, `${RULE} on train.py`);
  });

  async function restore(): Promise<void> {
    if (doc.getText() !== original) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
      assert.ok(await vscode.workspace.applyEdit(edit));
    }
    await diagnosticsWhen(uri, hasRule, `${RULE} back on train.py`);
  }

  test('the status bar item shows the server state and the findings of the active file; a click shows the output', async () => {
    await vscode.window.showTextDocument(doc);
    const count = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'trainlint').length;
    const s = (await until(() => api().status(), (x) => !!x && x.state === 'running' && x.findings === count(), 'a running status with the findings of train.py'))!;
    console.log(`    status: ${JSON.stringify(s.text)} / ${JSON.stringify(s.tooltip)}`);
    assert.ok(s.visible);
    assert.equal(s.command, 'trainlint.showOutput');
    assert.ok(count() >= 1);
    assert.ok(s.text.endsWith(`trainlint: ${count()}`), s.text);
    assert.match(s.tooltip, /server running/);
    assert.match(s.tooltip, new RegExp(`${count()} findings? in train\\.py`));
    // A clean file: no count.
    const clean = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'sft_data.py'));
    await vscode.window.showTextDocument(clean);
    const c = (await until(() => api().status(), (x) => x?.findings === 0, 'no findings for sft_data.py'))!;
    assert.match(c.text, /^\$\(check\) trainlint$/);
    assert.match(c.tooltip, /no findings in sft_data\.py/);
    await vscode.window.showTextDocument(doc);
  });

  test('"Show documentation for TL001" from the quick-fix list opens the rule\'s page from bundled text', async () => {
    const d = vscode.languages.getDiagnostics(uri).find(isRule)!;
    const actions = await codeActions(uri, d.range);
    console.log(`    quick fixes: ${actions.map((a) => JSON.stringify(a.title)).join(', ')}`);
    const docs = actions.find((a) => a.title === `Show documentation for ${RULE}`);
    assert.ok(docs, 'no "Show documentation for TL001" action');
    await apply(docs);
    const page = await vscode.workspace.openTextDocument(vscode.Uri.parse(`trainlint-docs:/${RULE}.md`));
    assert.ok(page.getText().startsWith(`# ${RULE} seq2seq-collator-without-labels`), page.getText().slice(0, 200));
    assert.match(page.getText(), /## What it does/);
    const tab = await until(() => allTabs().find((t) => t.label.includes(`${RULE}.md`)), (t) => !!t, `a tab showing ${RULE}.md`);
    console.log(`    docs tab: ${tab!.label} (${tab!.input instanceof vscode.TabInputWebview ? 'Markdown preview' : 'text'})`);
    await vscode.window.tabGroups.close(tab!);
  });

  test('"trainlint: Fix all" applies the safe fixes and says "1 safe fix"; on a clean file it says there is nothing to fix', async () => {
    await vscode.window.showTextDocument(doc);
    try {
      let result: { applied: boolean; title?: string; reason?: string } | undefined;
      await diagnosticsWhen(uri, (ds) => !hasRule(ds), `${RULE} gone after trainlint.fixAll`, {
        action: async () => { result = await vscode.commands.executeCommand('trainlint.fixAll'); }, afterEvent: true,
      });
      assert.equal(result?.applied, true, JSON.stringify(result));
      assert.match(result!.title!, /^Fix all trainlint problems \(\d+ safe fix(es)?\)$/);
      assert.ok(!doc.getText().includes('data_collator='));
    } finally {
      await restore();
    }
    const clean = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'sft_data.py'));
    await vscode.window.showTextDocument(clean);
    const none = await vscode.commands.executeCommand<{ applied: boolean; reason?: string }>('trainlint.fixAll');
    assert.equal(none?.applied, false);
    assert.match(none!.reason!, /no trainlint findings in sft_data\.py/);
    await vscode.window.showTextDocument(doc);
  });

  test('hovering a code in a disable comment shows the rule\'s summary', async () => {
    const d = vscode.languages.getDiagnostics(uri).find(isRule)!;
    const line = d.range.start.line;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, doc.lineAt(line).range.end, `  # trainlint: disable=${RULE}`);
    try {
      await diagnosticsWhen(uri, (ds) => !hasRule(ds), `${RULE} silenced by the comment`, { action: () => vscode.workspace.applyEdit(edit), afterEvent: true });
      const at = new vscode.Position(line, doc.lineAt(line).text.lastIndexOf(RULE) + 2);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
      const text = (hovers ?? []).flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
      assert.match(text, /\*\*TL001\*\* `seq2seq-collator-without-labels`/);
      assert.match(text, /only pads/);
    } finally {
      await restore();
    }
  });

  test('in a notebook: Preview Loss Masking names the uncached model and the folders searched', async () => {
    const nb = await vscode.workspace.openNotebookDocument(vscode.Uri.joinPath(folder, 'finetune.ipynb'));
    await vscode.window.showNotebookDocument(nb);
    // The notebook's model (unsloth/Llama-3.2-1B-Instruct) is not in the test's Hugging Face cache.
    const result = await vscode.commands.executeCommand<any>('trainlint.previewMasking');
    assert.ok(result && 'samples' in result, JSON.stringify(result)?.slice(0, 300));
    assert.equal(result.approximate, true);
    assert.equal(result.tokenizerMissing?.modelId, 'unsloth/Llama-3.2-1B-Instruct');
    assert.ok(result.tokenizerMissing.searched.some((p: string) => p.endsWith('models--unsloth--Llama-3.2-1B-Instruct')), result.tokenizerMissing.searched.join(', '));
    console.log(`    notebook preview: approximate; searched ${result.tokenizerMissing.searched.join(', ')}`);
    for (const tab of allTabs().filter((t) => t.input instanceof vscode.TabInputWebview)) await vscode.window.tabGroups.close(tab);
  });
});
