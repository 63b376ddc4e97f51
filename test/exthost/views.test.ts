// trainlint's data views inside a real VS Code extension host: inlay hints, hovers, code lenses and the
// "Preview Dataset" / "Preview Loss Masking" commands on sft_data.py (fixture test/e2e/workspace-data,
// copied next to train.py), which loads data/train.jsonl (ShareGPT conversations) in the Unsloth
// notebook style. The server reads the file off the diagnostics path, so the tests poll the providers
// with a deadline (woken by diagnostics events, else every 200 ms) instead of sleeping.
// With TRAINLINT_E2E_HF_MODEL set (run-all.sh lays out a fake Hugging Face cache holding the real Qwen3
// tokenizer for that model id), the masking preview must use that tokenizer, not the approximation.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DatasetReport } from '../../server/src/engine/report/types';

const WAIT_MS = 30_000;
const SCRIPT = 'sft_data.py';
const DATA = 'data/train.jsonl';

interface Turn { from: string; value: string }
type Row = { conversations: Turn[] };

interface DatasetPreview {
  variable: string; origin: string; columns: Array<{ name: string; type?: string }>; rows: Array<Record<string, unknown>>;
  rowCount?: number; steps: Array<{ label: string; line: number; where: string }>; notes: string[]; uri: string;
}
interface MaskingToken { id: number; text: string; label: number }
interface MaskingSample { row: number; tokens: MaskingToken[]; total: number; trained: number; truncated: boolean; warnings: string[] }
interface MaskingPreview { title: string; approximate: boolean; warnings: string[]; samples: MaskingSample[]; tokenizer: string }

/**
 * Calls `request` until `accept` holds for its answer or `timeoutMs` passes. Between attempts it waits
 * for a diagnostics change of `uri` (the server re-lints once the data file was read) or 200 ms.
 */
async function poll<T>(uri: vscode.Uri, what: string, request: () => Thenable<T>, accept: (v: T) => boolean, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  const t0 = Date.now();
  for (let attempt = 1; ; attempt++) {
    const value = await request();
    if (accept(value)) {
      console.log(`    ${what}: after ${Date.now() - t0} ms (${attempt} request${attempt > 1 ? 's' : ''})`);
      return value;
    }
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last answer: ${JSON.stringify(value)?.slice(0, 800)}`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.min(200, Math.max(0, deadline - Date.now())));
      const sub = vscode.languages.onDidChangeDiagnostics((e) => { if (e.uris.some((u) => u.toString() === uri.toString())) done(); });
      function done() { clearTimeout(timer); sub.dispose(); resolve(); }
    });
  }
}

const hintText = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
const hoverText = (hs: vscode.Hover[] | undefined) =>
  (hs ?? []).flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
/** The columns an inlay hint names: `  a, b · 3 rows` -> [a, b]. */
const hintColumns = (label: string) => label.trim().split(' · ')[0].split(', ');
const webviewTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
/** Resolves once a webview tab titled `label` exists (the tab model follows createWebviewPanel asynchronously). */
function webviewTab(label: string, timeoutMs = 10_000): Promise<vscode.Tab> {
  const find = () => webviewTabs().find((t) => t.label === label);
  const now = find();
  if (now) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no webview tab "${label}" after ${timeoutMs} ms; tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', ')}`));
    }, timeoutMs);
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
      const tab = find();
      if (tab) { clearTimeout(timer); sub.dispose(); resolve(tab); }
    });
  });
}

suite('trainlint data views (sft_data.py + data/train.jsonl)', () => {
  let doc: vscode.TextDocument;
  let uri: vscode.Uri;
  let rows: Row[];
  let all: vscode.Range;
  /** Line of `ds = load_dataset(...)`. */
  let loadLine: number;

  const lineOf = (needle: string) => {
    const i = doc.getText().split('\n').findIndex((l) => l.includes(needle));
    assert.ok(i >= 0, `${SCRIPT} has no line with ${JSON.stringify(needle)}`);
    return i;
  };
  const at = (needle: string, line = lineOf(needle), delta = 0) => new vscode.Position(line, doc.lineAt(line).text.indexOf(needle) + delta);
  const inlayHints = () => vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, all).then((h) => h ?? []);
  const loadHint = (hs: vscode.InlayHint[]) => hs.find((h) => h.position.line === loadLine);
  const codeLenses = () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri).then((l) => l ?? []);
  const hover = (p: vscode.Position) => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, p);

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder open (expected test/e2e/workspace + workspace-data)');
    uri = vscode.Uri.joinPath(folder.uri, SCRIPT);
    const jsonl = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, DATA)));
    rows = jsonl.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row);
    assert.ok(rows.length >= 1, `${DATA} has no rows`);
    doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    all = new vscode.Range(0, 0, doc.lineCount, 0);
    loadLine = lineOf('ds = load_dataset(');
  });

  suiteTeardown(async () => {
    // Leave no preview panels behind for later suites.
    for (const tab of webviewTabs()) await vscode.window.tabGroups.close(tab);
  });

  test('sft_data.py is clean (no trainlint diagnostics)', async () => {
    // A clean file publishes nothing new, so ask the providers first: once the hint is there the file was linted with its data.
    await poll(uri, 'columns in the inlay hint', inlayHints, (hs) => !!loadHint(hs));
    const diags = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'trainlint');
    assert.deepEqual(diags.map((d) => `${d.range.start.line + 1}: [${typeof d.code === 'object' ? d.code.value : d.code}] ${d.message}`), []);
  });

  test('inlay hint after `ds = load_dataset(...)` names the columns read from data/train.jsonl', async () => {
    const hints = await poll(uri, 'the load_dataset inlay hint', inlayHints, (hs) => !!loadHint(hs));
    console.log(`    hints: ${hints.map((h) => `${h.position.line + 1}:${h.position.character + 1} ${JSON.stringify(hintText(h))}`).join(', ')}`);
    const hint = loadHint(hints)!;
    assert.equal(hint.position.character, doc.lineAt(loadLine).text.length, 'the hint is not at the end of the assignment');
    assert.deepEqual(hintColumns(hintText(hint)), Object.keys(rows[0]));
    // After the batched map(formatting_prompts_func) the dataset also has "text".
    const mapHint = hints.find((h) => h.position.line === lineOf('ds = ds.map('));
    assert.ok(mapHint, 'no inlay hint on `ds = ds.map(formatting_prompts_func, batched=True)`');
    assert.ok(hintColumns(hintText(mapHint)).includes('text'), `map hint ${JSON.stringify(hintText(mapHint))} lacks "text"`);
  });

  test('hover on the dataset variable shows its columns and the first row', async () => {
    await poll(uri, 'data read', inlayHints, (hs) => !!loadHint(hs));
    const pos = at('(ds)', lineOf('ds = standardize_sharegpt(ds)'), 1); // the argument: ds as loaded
    const text = hoverText(await hover(pos));
    console.log(`    hover on ds: ${JSON.stringify(text.slice(0, 300))}`);
    assert.match(text, /\*\*ds\*\*/, 'hover does not name the variable');
    assert.ok(text.includes('conversations'), 'hover lacks the column name "conversations"');
    assert.ok(text.includes('list<struct<from: string, value: string>>'), 'hover lacks the column type');
    // Table cells are cut at 40 characters: the first row's first message starts within them.
    const first = rows[0].conversations[0].value.slice(0, 10);
    assert.ok(text.includes(first), `hover lacks the first row (expected ${JSON.stringify(first)})`);
  });

  test('hover on the column string "conversations" shows its type and first values', async () => {
    await poll(uri, 'data read', inlayHints, (hs) => !!loadHint(hs));
    const text = hoverText(await hover(at('"conversations"', undefined, 3)));
    console.log(`    hover on "conversations": ${JSON.stringify(text.slice(0, 200))}`);
    assert.ok(text.includes('column `conversations`'), 'not a column hover');
    assert.ok(text.includes('list<struct'), 'column hover lacks the type');
    assert.ok(text.includes(rows[0].conversations[0].value), `column hover lacks the first value ${JSON.stringify(rows[0].conversations[0].value)}`);
  });

  test('hover on the trainer\'s class name shows its training plan', async () => {
    await poll(uri, 'data read', inlayHints, (hs) => !!loadHint(hs));
    const text = hoverText(await hover(at('SFTTrainer(', lineOf('trainer = SFTTrainer('), 2)));
    console.log(`    hover on SFTTrainer: ${JSON.stringify(text.slice(0, 400))}`);
    assert.match(text, /\*\*SFTTrainer\*\*/, 'not the training plan');
    assert.ok(text.includes('`unsloth/Qwen3-0.6B`'), 'the plan lacks the model id');
    assert.ok(text.includes('LoRA r=16, α=16 on q_proj'), 'the plan lacks the LoRA adapters');
    assert.ok(text.includes('8 (default) × 1 accumulated (default) = 8 sequences per GPU'), 'the plan lacks the sequences per step');
    assert.ok(text.includes('conversations') && text.includes('text'), 'the plan lacks the train data\'s columns');
  });

  test('code lenses offer "Preview Dataset" and "Preview Loss Masking"', async () => {
    const lenses = await poll(uri, 'both code lenses', codeLenses, (ls) =>
      ls.some((l) => l.command?.title === 'Preview Dataset') && ls.some((l) => l.command?.title === 'Preview Loss Masking'));
    console.log(`    lenses: ${lenses.map((l) => `${l.range.start.line + 1} ${JSON.stringify(l.command?.title)}`).join(', ')}`);
    const data = lenses.find((l) => l.command?.title === 'Preview Dataset' && l.range.start.line === loadLine);
    assert.ok(data, 'no "Preview Dataset" lens on the load_dataset line');
    assert.equal(data.command!.command, 'trainlint.previewDataset');
    const masking = lenses.find((l) => l.command?.title === 'Preview Loss Masking')!;
    assert.equal(masking.command!.command, 'trainlint.previewMasking');
    assert.equal(masking.range.start.line, lineOf('trainer = SFTTrainer('), 'the masking lens is not on the SFTTrainer');
  });

  test('trainlint.previewDataset returns the columns and rows and opens "Dataset: ds"', async () => {
    await poll(uri, 'data read', inlayHints, (hs) => !!loadHint(hs));
    const result = await vscode.commands.executeCommand<DatasetPreview | { error: string }>(
      'trainlint.previewDataset', uri.toString(), new vscode.Position(loadLine, 0));
    assert.ok(result, 'the command returned nothing');
    assert.ok(!('error' in result), `preview error: ${'error' in result ? result.error : ''}`);
    console.log(`    ${result.variable}: ${result.columns.map((c) => `${c.name}: ${c.type}`).join(', ')}; ${result.rows.length} rows; rowCount ${result.rowCount}`);
    assert.equal(result.variable, 'ds');
    assert.equal(result.uri, uri.toString());
    assert.deepEqual(result.columns.map((c) => c.name), ['conversations']);
    assert.ok(result.rows.length >= 1, 'no rows');
    assert.deepEqual(result.rows[0], rows[0], 'the first row differs from data/train.jsonl');
    await webviewTab('Dataset: ds');
  });

  test('on every dataset assignment, the lens preview and the hover on the name match the inlay hint', async () => {
    // What clicking a lens does: the command with the lens arguments (the start of the assignment, i.e. the
    // assigned name). Both must describe the dataset assigned on that line, as its inlay hint does.
    const hints = await poll(uri, 'inlay hints', inlayHints, (hs) => !!loadHint(hs));
    const lenses = (await codeLenses()).filter((l) => l.command?.title === 'Preview Dataset');
    const mismatches: string[] = [];
    for (const lens of lenses) {
      const line = lens.range.start.line;
      const hint = hints.find((h) => h.position.line === line);
      if (!hint) continue;
      const want = hintColumns(hintText(hint)).join(', ');
      const result = await vscode.commands.executeCommand<DatasetPreview | { error: string }>(lens.command!.command, ...(lens.command!.arguments ?? []));
      const got = result && 'columns' in result ? result.columns.map((c) => c.name).join(', ') : JSON.stringify(result);
      const hovered = hoverText(await hover(lens.range.start));
      const hoverOk = hovered.split('\n').some((l) => l.trim() === hintText(hint).trim());
      const where = `line ${line + 1} (${JSON.stringify(doc.lineAt(line).text.trim())})`;
      console.log(`    ${where}: hint [${want}], lens preview [${got}], hover ${hoverOk ? 'agrees' : JSON.stringify(hovered.split('\n\n').slice(0, 2).join(' / ') || '(none)')}`);
      if (got !== want) mismatches.push(`${where}: hint [${want}] but the lens previews [${got}]`);
      if (!hoverOk) mismatches.push(`${where}: hint [${want}] but the hover on the name is ${JSON.stringify(hovered.split('\n\n').slice(0, 2).join(' / ') || '(none)')}`);
    }
    assert.ok(lenses.length >= 2, 'expected a lens per dataset assignment');
    assert.deepEqual(mismatches, []);
  });

  test('trainlint.previewMasking trains the assistant replies only', async function () {
    await poll(uri, 'data read', inlayHints, (hs) => !!loadHint(hs));
    const t0 = Date.now();
    const result = await vscode.commands.executeCommand<MaskingPreview | { error: string } | { choose: unknown[] }>(
      'trainlint.previewMasking', uri.toString(), new vscode.Position(lineOf('trainer = SFTTrainer('), 0));
    assert.ok(result, 'the command returned nothing');
    assert.ok(!('error' in result), `masking preview error: ${'error' in result ? result.error : ''}`);
    assert.ok(!('choose' in result), 'asked to choose a trainer, but the script has one');
    console.log(`    ${Date.now() - t0} ms: ${JSON.stringify(result.title)}, tokenizer ${result.tokenizer}${result.approximate ? ' (approximate)' : ''}; warnings: ${JSON.stringify(result.warnings)}`);
    const expected = process.env.TRAINLINT_E2E_HF_MODEL;
    if (expected) {
      assert.equal(result.approximate, false, `a real tokenizer for ${expected} is in HF_HOME=${process.env.HF_HOME}, but the preview is approximate`);
      assert.equal(result.tokenizer, expected);
    }
    assert.ok(result.samples.length >= 1, 'no samples');
    for (const s of result.samples) {
      const trained = s.tokens.filter((t) => t.label !== -100).map((t) => t.text).join('');
      const masked = s.tokens.filter((t) => t.label === -100).map((t) => t.text).join('');
      console.log(`    row ${s.row}: ${s.trained}/${s.total} trained: ${JSON.stringify(trained)}`);
      const turns = rows[s.row]?.conversations;
      assert.ok(turns, `sample row ${s.row} is not a row of ${DATA}`);
      assert.ok(s.trained > 0, `row ${s.row}: no trained tokens`);
      assert.equal(s.trained, s.tokens.filter((t) => t.label !== -100).length, `row ${s.row}: "trained" disagrees with the token labels`);
      assert.ok(!s.warnings.some((w) => w.startsWith('no trained tokens')), `row ${s.row}: ${s.warnings.join('; ')}`);
      for (const t of turns) {
        if (t.from === 'gpt') assert.ok(trained.includes(t.value), `row ${s.row}: the reply ${JSON.stringify(t.value)} is not trained`);
        else assert.ok(masked.includes(t.value) && !trained.includes(t.value), `row ${s.row}: the prompt ${JSON.stringify(t.value)} is not masked`);
      }
    }
    await webviewTab(result.title);
  });

  test('the "Dataset Report" lens reports every row of data/train.jsonl, on the masking preview\'s pipeline', async function () {
    await poll(uri, 'data read', inlayHints, (hs) => !!loadHint(hs));
    const lens = (await poll(uri, 'the Dataset Report lens', codeLenses, (ls) => ls.some((l) => l.command?.title === 'Dataset Report')))
      .find((l) => l.command?.title === 'Dataset Report')!;
    assert.equal(lens.range.start.line, lineOf('trainer = SFTTrainer('), 'the report lens is not on the SFTTrainer');
    const t0 = Date.now();
    const result = await vscode.commands.executeCommand<{ report?: DatasetReport; error?: string; noTokenizer?: string }>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.ok(result?.report, `no report: ${JSON.stringify(result)}`);
    const r = result.report;
    console.log(`    ${Date.now() - t0} ms: ${r.rows} rows, ${r.tokens.total} tokens (${r.tokens.trained} trained), p50 ${r.tokens.p50}, max ${r.tokens.max}, truncated ${r.truncated.count}, tokenizer ${r.tokenizer}${r.approximate ? ' (approximate)' : ''}`);
    assert.equal(r.rows, rows.length);
    assert.equal(r.done, true);
    assert.equal(r.histogram.counts.reduce((a, b) => a + b, 0), rows.length);
    assert.equal(typeof r.truncated.count, 'number');
    // The same pipeline as the masking preview: the same totals over the same rows.
    const preview = await vscode.commands.executeCommand<MaskingPreview>('trainlint.previewMasking', uri.toString(), new vscode.Position(lineOf('trainer = SFTTrainer('), 0));
    if (preview.samples.length === rows.length && !preview.approximate && !r.approximate) {
      assert.equal(r.tokens.total, preview.samples.reduce((n, x) => n + x.total, 0));
      assert.equal(r.tokens.trained, preview.samples.reduce((n, x) => n + x.trained, 0));
    }
    await webviewTab('Dataset Report');
  });
});

