/**
 * Notebooks over the protocol (LSP 3.17 notebook sync), driven by a plain JSON-RPC client: one script of
 * the code cells, answers per cell (diagnostics, related cells, fixes, fix-all, hover, lenses, preview),
 * and diagnostics equal to a one-shot lint through random cell edits and moves.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { initParser, lintDocument, ScriptDocument } from '../../../server/src/engine/index';
import { ROOT, stdioSession } from './stdio-session';

const SEED = join(ROOT, 'test', 'fixtures', 'rules', 'TL001', 'sft_text_only.py');

describe('language server over stdio: notebooks', function () {
  this.timeout(30000);
  const session = stdioSession();
  const { conn, published, latest, nextDiagnostics } = session;

  it('lints a notebook as one script and answers per cell: diagnostics, related cells, fixes, fix-all, hover, lenses, preview, edits, close', async () => {
    const nbUri = pathToFileURL(join(ROOT, 'test', 'fixtures', 'finetune.ipynb')).toString(); // never read: cells come over LSP
    const cell = (i: number) => `vscode-notebook-cell:${nbUri.slice('file:'.length)}#W${i}sZmlsZQ==`;
    const texts = [
      '# Fine-tune with Unsloth',
      '!pip install trl==0.19.1 transformers==4.56.0\nfrom unsloth import FastLanguageModel\nfrom datasets import Dataset\nfrom trl import SFTTrainer, SFTConfig\nfrom transformers import DataCollatorForSeq2Seq',
      'model, tokenizer = FastLanguageModel.from_pretrained("unsloth/Llama-3.2-1B-Instruct", max_seq_length=2048)\ndataset = Dataset.from_dict({"text": ["hello", "world"]})\ndataset = dataset.map(lambda ex: {"text": ex["text"] + "!"})',
      'trainer = SFTTrainer(\n    model=model,\n    tokenizer=tokenizer,\n    train_dataset=dataset,\n    dataset_text_field="text",\n    data_collator=DataCollatorForSeq2Seq(tokenizer=tokenizer),\n    args=SFTConfig(output_dir="outputs"),\n)',
    ];
    await conn.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri: nbUri, notebookType: 'jupyter-notebook', version: 1, cells: texts.map((_, i) => ({ kind: i === 0 ? 1 : 2, document: cell(i) })) },
      cellTextDocuments: texts.map((text, i) => ({ uri: cell(i), languageId: i === 0 ? 'markdown' : 'python', version: 1, text })),
    });
    const p3 = await nextDiagnostics((x) => x.uri === cell(3));
    const d = p3.diagnostics.find((x) => x.code === 'TL001');
    assert.ok(d, JSON.stringify(p3.diagnostics.map((x) => x.code)));
    assert.deepEqual(d.range.start, { line: 5, character: 4 }, 'in cell coordinates');
    assert.ok(d.relatedInformation.some((r: any) => r.location.uri === cell(2) && r.location.range.start.line === 1), 'the dataset, in the cell that builds it');
    // Every cell gets its own (possibly empty) diagnostics.
    for (const i of [0, 1, 2]) assert.ok(await nextDiagnostics((x) => x.uri === cell(i)));

    const actions: any[] = await conn.sendRequest('textDocument/codeAction', { textDocument: { uri: cell(3) }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a) => /Remove data_collator/.test(a.title));
    assert.ok(fix, actions.map((a) => a.title).join('; '));
    assert.deepEqual(fix.edit.documentChanges.map((c: any) => [c.textDocument.uri, c.textDocument.version]), [[cell(3), 1]]);
    assert.equal(fix.edit.documentChanges[0].edits[0].range.start.line, 5);
    const disable = actions.find((a) => a.title === 'Disable TL001 for this line');
    assert.match(disable.edit.documentChanges[0].edits[0].newText, /# trainlint: disable=TL001/);
    assert.equal(disable.edit.documentChanges[0].textDocument.uri, cell(3));

    const all: any[] = await conn.sendRequest('textDocument/codeAction', { textDocument: { uri: cell(3) }, range: d.range, context: { diagnostics: [], only: ['source.fixAll.trainlint'] } });
    assert.equal(all.length, 1, 'fix-all for the notebook');
    const changes = all[0].edit.documentChanges;
    assert.ok(changes.every((c: any) => c.edits.length === 1 && c.edits[0].range.start.line === 0), 'whole-cell replacements');
    const trainerCell = changes.find((c: any) => c.textDocument.uri === cell(3));
    assert.equal(trainerCell.textDocument.version, 1);
    assert.doesNotMatch(trainerCell.edits[0].newText, /data_collator/);
    assert.match(trainerCell.edits[0].newText, /train_dataset=dataset/);

    const h: any = await conn.sendRequest('textDocument/hover', { textDocument: { uri: cell(2) }, position: { line: 1, character: 2 } });
    assert.match(h?.contents?.value ?? '', /text/, 'hover on the dataset in its cell');
    assert.equal(h.range.start.line, 1);

    const lenses2: any[] = await conn.sendRequest('textDocument/codeLens', { textDocument: { uri: cell(2) } });
    assert.deepEqual(lenses2.map((l) => [l.command.title, l.range.start.line, l.command.arguments[0]]), [['Preview Dataset', 1, cell(2)], ['Preview Dataset', 2, cell(2)]]);
    const lenses3: any[] = await conn.sendRequest('textDocument/codeLens', { textDocument: { uri: cell(3) } });
    assert.deepEqual(lenses3.map((l) => [l.command.title, l.range.start.line]), [['Preview Loss Masking', 0], ['Dataset Report', 0]]);
    const preview: any = await conn.sendRequest('trainlint/datasetPreview', { uri: cell(2), position: { line: 2, character: 2 } });
    assert.deepEqual(preview.columns.map((c: any) => c.name), ['text']);
    assert.deepEqual(preview.rows.map((r: any) => r.text), ['hello!', 'world!'], 'the map step evaluated on the rows');
    assert.deepEqual(preview.steps.map((st: any) => st.where), ['cell 3, line 3'], 'steps named by cell and line');

    const masking: any = await conn.sendRequest('trainlint/maskingPreview', { uri: cell(3), position: { line: 0, character: 0 } });
    assert.ok(masking.samples?.length === 2, JSON.stringify(masking).slice(0, 300));
    assert.match(masking.title, /Loss masking/);

    // Typing in a cell: remove the collator line; TL001 goes away in that cell.
    await conn.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: nbUri, version: 2 },
      change: { cells: { textContent: [{ document: { uri: cell(3), version: 2 }, changes: [{ range: { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } }, text: '' }] }] } },
    });
    const after = await nextDiagnostics((x) => x.uri === cell(3) && x.version === 2);
    assert.equal(after.diagnostics.filter((x) => x.code === 'TL001').length, 0);

    assert.ok(after.diagnostics.length > 0, 'cell 3 still has findings (tokenizer= on the pinned TRL)');
    for (let i = published.length - 1; i >= 0; i--) if (published[i].uri.startsWith('vscode-notebook-cell:')) published.splice(i, 1);
    // A settings change re-lints open notebooks too: disabled, every cell is cleared; enabled, findings return.
    for (let i = published.length - 1; i >= 0; i--) if (published[i].uri.startsWith('vscode-notebook-cell:')) published.splice(i, 1);
    session.settings = { enable: false };
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    assert.deepEqual((await nextDiagnostics((x) => x.uri === cell(3))).diagnostics, []);
    session.settings = {};
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const relinted = await nextDiagnostics((x) => x.uri === cell(3) && x.diagnostics.length > 0);
    assert.deepEqual(relinted.diagnostics.map((x) => x.code), after.diagnostics.map((x) => x.code));
    for (let i = published.length - 1; i >= 0; i--) if (published[i].uri.startsWith('vscode-notebook-cell:')) published.splice(i, 1);

    await conn.sendNotification('notebookDocument/didClose', { notebookDocument: { uri: nbUri }, cellTextDocuments: texts.map((_, i) => ({ uri: cell(i) })) });
    const cleared = await nextDiagnostics((x) => x.uri === cell(3));
    assert.deepEqual(cleared.diagnostics, [], 'closing the notebook clears its cells');
  });

  it('keeps notebook diagnostics equal to a one-shot lint of the same cells through 60 random cell edits and moves', async function () {
    this.timeout(120_000);
    await initParser();
    const nbUri = pathToFileURL(join(ROOT, 'test', 'fixtures', 'random.ipynb')).toString(); // never read
    const path = join(ROOT, 'test', 'fixtures', 'random.ipynb');
    let next = 0;
    const newCell = (text: string, kind = 2) => ({ uri: `vscode-notebook-cell:${nbUri.slice('file:'.length)}#c${next++}`, kind, version: 1, text });
    const seedCells = readFileSync(SEED, 'utf8').split('\n\n').map((t) => newCell(t));
    let cells = [newCell('# notes', 1), ...seedCells];
    let version = 1;
    await conn.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri: nbUri, notebookType: 'jupyter-notebook', version, cells: cells.map((c) => ({ kind: c.kind, document: c.uri })) },
      cellTextDocuments: cells.map((c) => ({ uri: c.uri, languageId: c.kind === 1 ? 'markdown' : 'python', version: 1, text: c.text })),
    });
    let seed = 5;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const key = (d: { code: unknown; range: unknown }) => JSON.stringify([d.code, d.range]);
    /**
     * Compares what the editor would show for every cell (the last publish of each) with the engine on
     * the same cells, waiting up to 10 s for the server to catch up (cells whose diagnostics did not
     * change are not published again).
     */
    const check = async (what: string) => {
      const doc = ScriptDocument.fromNotebook(path, cells.map((c) => ({ id: c.uri, kind: c.kind === 2 ? 'code' as const : 'markdown' as const, text: c.text })));
      const expected = new Map<string, string[]>(cells.map((c) => [c.uri, []]));
      // The editor shows syntax errors (TL000) only with trainlint.syntaxErrors on.
      for (const d of lintDocument(doc).filter((x) => x.code !== 'TL000')) {
        const at = doc.cellRangeOf(d.range) ?? doc.cellRangeOf({ start: d.range.start, end: d.range.start });
        if (at) expected.get(at.cell.cellId!)!.push(key({ code: d.code, range: at.range }));
      }
      const shown = () => new Map(cells.map((c) => [c.uri, (latest.get(c.uri)?.diagnostics ?? []).map(key).sort()]));
      const want = new Map([...expected].map(([u, ks]) => [u, ks.sort()]));
      const deadline = Date.now() + 10_000;
      while (JSON.stringify([...shown()]) !== JSON.stringify([...want]) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      for (const c of cells) assert.deepEqual(shown().get(c.uri), want.get(c.uri), `${what}: cell ${c.uri.split('#')[1]}`);
    };
    await check('open');
    // Move the trainer cell above the cells that build its dataset: TL001 can no longer be known there.
    const trainerAt = cells.findIndex((c) => c.text.includes('SFTTrainer('));
    const [moved] = cells.splice(trainerAt, 1);
    cells.splice(1, 0, moved);
    await conn.sendNotification('notebookDocument/didChange', { notebookDocument: { uri: nbUri, version: ++version }, change: { cells: { structure: { array: { start: trainerAt, deleteCount: 1 } } } } });
    await conn.sendNotification('notebookDocument/didChange', { notebookDocument: { uri: nbUri, version: ++version }, change: { cells: { structure: { array: { start: 1, deleteCount: 0, cells: [{ kind: 2, document: moved.uri }] } } } } });
    await check('trainer cell moved up');
    assert.equal((latest.get(moved.uri)?.diagnostics ?? []).some((d) => d.code === 'TL001'), false);
    for (let step = 0; step < 60; step++) {
      version++;
      const r = random();
      if (r < 0.5) {
        // Type into a code cell (a line, a character, or a deletion).
        const c = pick(cells.filter((x) => x.kind === 2));
        const lines = c.text.split('\n');
        const line = Math.floor(random() * lines.length);
        const character = Math.floor(random() * (lines[line].length + 1));
        const insert = pick(['x', '\n', ' = 1\n', '(', '', '!pip install trl==0.8.6\n']);
        const end = insert === '' ? Math.min(lines[line].length, character + 2) : character;
        lines[line] = lines[line].slice(0, character) + insert + lines[line].slice(end);
        c.text = lines.join('\n');
        c.version++;
        await conn.sendNotification('notebookDocument/didChange', { notebookDocument: { uri: nbUri, version }, change: { cells: { textContent: [{
          document: { uri: c.uri, version: c.version }, changes: [{ range: { start: { line, character }, end: { line, character: end } }, text: insert }],
        }] } } });
      } else if (r < 0.7 && cells.length > 2) {
        // Delete a cell.
        const at = Math.floor(random() * cells.length);
        const [gone] = cells.splice(at, 1);
        await conn.sendNotification('notebookDocument/didChange', { notebookDocument: { uri: nbUri, version }, change: { cells: { structure: {
          array: { start: at, deleteCount: 1 }, didClose: [{ uri: gone.uri }],
        } } } });
      } else if (r < 0.9) {
        // Insert a code or markdown cell.
        const at = Math.floor(random() * (cells.length + 1));
        const c = random() < 0.7 ? newCell(pick(seedCells).text) : newCell('Some *notes*', 1);
        cells.splice(at, 0, c);
        await conn.sendNotification('notebookDocument/didChange', { notebookDocument: { uri: nbUri, version }, change: { cells: { structure: {
          array: { start: at, deleteCount: 0, cells: [{ kind: c.kind, document: c.uri }] },
          didOpen: [{ uri: c.uri, languageId: c.kind === 1 ? 'markdown' : 'python', version: 1, text: c.text }],
        } } } });
      } else {
        // Move a cell: delete and re-insert it elsewhere (as VS Code reports a move).
        const from = Math.floor(random() * cells.length);
        const [c] = cells.splice(from, 1);
        const to = Math.floor(random() * (cells.length + 1));
        cells.splice(to, 0, c);
        await conn.sendNotification('notebookDocument/didChange', { notebookDocument: { uri: nbUri, version }, change: { cells: { structure: { array: { start: from, deleteCount: 1 } } } } });
        await conn.sendNotification('notebookDocument/didChange', { notebookDocument: { uri: nbUri, version: ++version }, change: { cells: { structure: { array: { start: to, deleteCount: 0, cells: [{ kind: c.kind, document: c.uri }] } } } } });
      }
      await check(`step ${step}`);
    }
    await conn.sendNotification('notebookDocument/didClose', { notebookDocument: { uri: nbUri }, cellTextDocuments: cells.map((c) => ({ uri: c.uri })) });
  });
  it('session 21: a saved notebook\'s outputs (read from its file after a lint) give an unknown Hub dataset\'s columns to the cells still as saved', async () => {
    const file = join(ROOT, 'test', 'fixtures', 'notebook-outputs', 'printed_same_cell.ipynb');
    const nbUri = pathToFileURL(file).toString();
    const saved = ScriptDocument.parseNotebookJson(readFileSync(file, 'utf8'));
    const cell = (i: number) => `vscode-notebook-cell:${nbUri.slice('file:'.length)}#X${i}`;
    await conn.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri: nbUri, notebookType: 'jupyter-notebook', version: 1, cells: saved.map((_, i) => ({ kind: 2, document: cell(i) })) },
      cellTextDocuments: saved.map((c, i) => ({ uri: cell(i), languageId: 'python', version: 1, text: c.text })),
    });
    // LSP sync sends no outputs: the first lint has none; the file read after it re-lints with them.
    const fired = await nextDiagnostics((x) => x.uri === cell(2) && x.diagnostics.some((d) => d.code === 'TL106'));
    assert.match(fired.diagnostics.find((d) => d.code === 'TL106').message, /columns of someuser\/private-sft as printed by cell 2's saved output: instruction, output/);
    // The load cell edited: its saved output is no longer its own, and the finding goes.
    await conn.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: nbUri, version: 2 },
      change: { cells: { textContent: [{ document: { uri: cell(1), version: 2 }, changes: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }] }] } },
    });
    const quiet = await nextDiagnostics((x) => x.uri === cell(2) && !x.diagnostics.some((d) => d.code === 'TL106'));
    assert.ok(quiet);
    await conn.sendNotification('notebookDocument/didClose', { notebookDocument: { uri: nbUri }, cellTextDocuments: saved.map((_, i) => ({ uri: cell(i) })) });
  });
});
