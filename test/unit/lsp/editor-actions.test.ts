/**
 * What an editor user sees around a finding, through the real server over stdio: "Show
 * documentation for TLxxx" on every finding, the rule's page from bundled text, the hover on a code
 * in a suppression comment, fix-all in the Source Action… menu with an English title, the setting
 * that hides the disable-comment action, and the start-up line in the log.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import { ALL_RULES } from '../../../server/src/engine/index';
import { findRule, ruleDocsMarkdown, ruleSummary } from '../../../server/src/lsp/rule-docs';

const ROOT = join(__dirname, '..', '..', '..');
const SEED = join(ROOT, 'test', 'fixtures', 'rules', 'TL001', 'sft_text_only.py');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('rule docs for the editor', () => {
  it('every rule has a one-paragraph summary and a page with its code, name and headings', () => {
    for (const rule of ALL_RULES) {
      const summary = ruleSummary(rule);
      assert.ok(summary.length > 20 && !summary.includes('\n') && !summary.startsWith('#'), `${rule.code}: ${summary}`);
      const page = ruleDocsMarkdown(rule);
      assert.ok(page.startsWith(`# ${rule.code} ${rule.name}\n`), rule.code);
      assert.match(page, /## What it does/);
      assert.doesNotMatch(page, /\.\.\/shared|\/work\//, `${rule.code} docs point outside the repository`);
    }
  });
  it('finds a rule by code in any case or by name, and nothing for an unknown code', () => {
    assert.equal(findRule('tl001')?.code, 'TL001');
    assert.equal(findRule('seq2seq-collator-without-labels')?.code, 'TL001');
    assert.equal(findRule('TL999'), undefined);
  });
});

describe('editor actions over stdio', function () {
  this.timeout(30000);
  let proc: ChildProcess;
  let conn: MessageConnection;
  let settings: Record<string, unknown> = {};
  const logs: string[] = [];
  const diagnostics = new Map<string, any[]>();
  const waiters: Array<() => void> = [];
  const uri = pathToFileURL(SEED).toString();

  async function diagnosticsOf(u: string, pred: (ds: any[]) => boolean = () => true): Promise<any[]> {
    const deadline = Date.now() + 10000;
    while (Date.now() < deadline) {
      const ds = diagnostics.get(u);
      if (ds && pred(ds)) return ds;
      await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 200); });
    }
    throw new Error(`no diagnostics for ${u}`);
  }
  const actions = (u: string, d: any[], only?: string[]): Promise<any[]> => conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri: u }, range: d[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: d, ...(only ? { only } : {}) },
  });

  before(async () => {
    proc = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: any[] }) => { diagnostics.set(p.uri, p.diagnostics); waiters.splice(0).forEach((w) => w()); });
    conn.onNotification('window/logMessage', (p: { message: string }) => { logs.push(p.message); });
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
    conn.onRequest('client/registerCapability', () => null);
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid, rootUri: pathToFileURL(ROOT).toString(), capabilities: { workspace: { configuration: true } }, workspaceFolders: null,
      initializationOptions: { trusted: false },
    });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: readFileSync(SEED, 'utf8') } });
  });

  after(async () => {
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    proc.kill();
  });

  it('logs its version, Node, workspace trust and each folder\'s versions with their sources', async () => {
    await diagnosticsOf(uri);
    const start = logs.find((l) => l.startsWith('trainlint language server'));
    assert.ok(start, logs.join('\n'));
    assert.ok(start.includes(pkg.version) && start.includes(process.version), start);
    assert.match(start, /not trusted/);
    const dir = mkdtempSync(join(tmpdir(), 'trainlint-log-'));
    try {
      writeFileSync(join(dir, 'requirements.txt'), 'trl==0.19.1\n');
      const u = pathToFileURL(join(dir, 'train.py')).toString();
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'python', version: 1, text: 'import trl\n' } });
      await diagnosticsOf(u);
      // Logged right after the lint that read them (its diagnostics go out first).
      for (let i = 0; i < 100 && !logs.some((l) => l.startsWith(`versions for ${dir}`)); i++) await new Promise((r) => setTimeout(r, 20));
      const versions = logs.find((l) => l.startsWith(`versions for ${dir}`));
      assert.ok(versions, logs.join('\n'));
      assert.match(versions, /trl 0\.19\.1 \([^)]*requirements\.txt[^)]*\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('offers "Show documentation for TL001" once, after the fixes and the disable comment', async () => {
    const d = (await diagnosticsOf(uri, (ds) => ds.some((x) => x.code === 'TL001'))).filter((x) => x.code === 'TL001');
    const list = await actions(uri, [d[0], d[0]]);
    const titles = list.map((a) => a.title);
    const docs = list.filter((a) => a.title === 'Show documentation for TL001');
    assert.equal(docs.length, 1, titles.join('; '));
    assert.equal(docs[0].kind, 'quickfix');
    assert.deepEqual(docs[0].command, { title: 'Show documentation for TL001', command: 'trainlint.showRuleDocumentation', arguments: ['TL001'] });
    assert.equal(titles[titles.length - 1], 'Show documentation for TL001', titles.join('; '));
    assert.ok(titles.indexOf('Disable TL001 for this line') >= 0);
    // The command the action names is one the extension contributes.
    assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === docs[0].command.command));
  });

  it('answers the rule page request from bundled text, by code or name, and says why for an unknown one', async () => {
    const page: any = await conn.sendRequest('trainlint/ruleDocs', { code: 'TL001' });
    assert.equal(page.code, 'TL001');
    assert.equal(page.markdown, ruleDocsMarkdown(findRule('TL001')!));
    const byName: any = await conn.sendRequest('trainlint/ruleDocs', { code: 'pad-token-unset' });
    assert.equal(byName.code, 'TL203');
    const unknown: any = await conn.sendRequest('trainlint/ruleDocs', { code: 'TL999' });
    assert.match(unknown.error, /TL999/);
  });

  it('lists fix-all in the Source Action… menu with an English count, never for the light bulb', async () => {
    const menu = await actions(uri, [], ['source']);
    assert.equal(menu.length, 1, JSON.stringify(menu.map((a) => a.title)));
    assert.equal(menu[0].kind, 'source.fixAll.trainlint');
    const m = /^Fix all trainlint problems \((\d+) safe fix(es)?\)$/.exec(menu[0].title);
    assert.ok(m, menu[0].title);
    assert.equal(m[2] === undefined, m[1] === '1', `"${menu[0].title}": singular exactly for one fix`);
    assert.equal((await actions(uri, [], ['source.fixAll'])).length, 1);
    assert.equal((await actions(uri, [], ['source.organizeImports'])).length, 0);
    const bulb = await actions(uri, []);
    assert.ok(!bulb.some((a) => a.kind === 'source.fixAll.trainlint'), 'fix-all is not computed for the light bulb');
  });

  it('hides "Disable TLxxx for this line" and the docs action when their settings are off', async () => {
    settings = { codeAction: { disableRuleComment: { enable: false } } };
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const d = (await diagnosticsOf(uri, (ds) => ds.some((x) => x.code === 'TL001'))).filter((x) => x.code === 'TL001');
    let titles = (await actions(uri, d)).map((a) => a.title);
    assert.ok(!titles.some((t) => t.startsWith('Disable')), titles.join('; '));
    assert.ok(titles.includes('Show documentation for TL001'));
    assert.ok(titles.some((t) => t.startsWith('trainlint (TL001)')), 'the fixes stay');
    settings = { codeAction: { showDocumentation: { enable: false } } };
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    titles = (await actions(uri, d)).map((a) => a.title);
    assert.ok(titles.includes('Disable TL001 for this line') && !titles.includes('Show documentation for TL001'), titles.join('; '));
    settings = {};
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });

  it('hovers a code or rule name in a suppression comment with the rule\'s summary', async () => {
    const u = pathToFileURL(join(ROOT, 'hover_directives.py')).toString();
    const lines = [
      'x = 1  # trainlint: disable=TL001, pad-token-unset',
      '# trainlint: disable-file=tl304',
      'y = 2  # noqa: TL203',
      's = "# trainlint: disable=TL001"',
      'z = 3  # see TL001',
    ];
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'python', version: 1, text: `${lines.join('\n')}\n` } });
    await diagnosticsOf(u);
    const hover = async (line: number, word: string, nth = 0): Promise<any> => {
      let at = -1;
      for (let i = 0; i <= nth; i++) at = lines[line].indexOf(word, at + 1);
      return conn.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line, character: at + 1 } });
    };
    const tl001 = await hover(0, 'TL001');
    assert.ok(tl001, 'hover on TL001');
    assert.ok(tl001.contents.value.startsWith('**TL001** `seq2seq-collator-without-labels`'), tl001.contents.value);
    assert.ok(tl001.contents.value.includes(ruleSummary(findRule('TL001')!)));
    assert.deepEqual(tl001.range, { start: { line: 0, character: lines[0].indexOf('TL001') }, end: { line: 0, character: lines[0].indexOf('TL001') + 5 } });
    assert.match((await hover(0, 'pad-token-unset')).contents.value, /\*\*TL203\*\*/);
    assert.match((await hover(1, 'tl304')).contents.value, /\*\*TL304\*\*/);
    assert.match((await hover(2, 'TL203')).contents.value, /\*\*TL203\*\*/);
    assert.equal(await hover(3, 'TL001'), null, 'a directive inside a string is not a comment');
    assert.equal(await hover(4, 'TL001'), null, 'a code in an ordinary comment');
    assert.equal(await hover(0, 'trainlint'), null, 'the directive word itself');
  });

  it('hovers a trainer\'s class name with what the trainer will do (the training plan)', async () => {
    const u = pathToFileURL(join(ROOT, 'hover_plan.py')).toString();
    const lines = [
      'from trl import SFTConfig, SFTTrainer',
      'args = SFTConfig(output_dir="o", per_device_train_batch_size=2, gradient_accumulation_steps=4, learning_rate=2e-4, max_steps=60)',
      'trainer = SFTTrainer(model="Qwen/Qwen2.5-0.5B", args=args, train_dataset=ds)',
    ];
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'python', version: 1, text: `${lines.join('\n')}\n` } });
    await diagnosticsOf(u);
    const h: any = await conn.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 2, character: lines[2].indexOf('SFTTrainer') + 3 } });
    assert.ok(h, 'a hover on SFTTrainer');
    assert.match(h.contents.value, /^\*\*SFTTrainer\*\* — TRL/);
    assert.match(h.contents.value, /2 × 4 accumulated = 8 sequences per GPU/);
    assert.match(h.contents.value, /60 optimizer steps \(`max_steps`\)/);
    assert.match(h.contents.value, /learning rate 2e-4/);
    assert.deepEqual(h.range, { start: { line: 2, character: lines[2].indexOf('SFTTrainer') }, end: { line: 2, character: lines[2].indexOf('SFTTrainer') + 'SFTTrainer'.length } });
  });

  it('in a notebook, a dataset on a cell\'s first line has its lens and no hover that would cover it', async () => {
    const nbUri = pathToFileURL(join(ROOT, 'lens_hover.ipynb')).toString();
    const cell = (i: number) => `vscode-notebook-cell:${join(ROOT, 'lens_hover.ipynb')}#c${i}`;
    const texts = ['from datasets import Dataset', 'dataset = Dataset.from_dict({"text": ["a", "b"]})\nprint(dataset)'];
    await conn.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri: nbUri, notebookType: 'jupyter-notebook', version: 1, cells: texts.map((_, i) => ({ kind: 2, document: cell(i) })) },
      cellTextDocuments: texts.map((text, i) => ({ uri: cell(i), languageId: 'python', version: 1, text })),
    });
    await diagnosticsOf(cell(1));
    const lenses: any[] = await conn.sendRequest('textDocument/codeLens', { textDocument: { uri: cell(1) } });
    assert.deepEqual(lenses.map((l) => [l.command.title, l.range.start.line]), [['Preview Dataset', 0]]);
    const at = (line: number, character: number): Promise<any> => conn.sendRequest('textDocument/hover', { textDocument: { uri: cell(1) }, position: { line, character } });
    assert.equal(await at(0, 2), null, 'the first line carries the lens: no hover over it');
    assert.match((await at(1, 8))?.contents?.value ?? '', /\*\*dataset\*\*/, 'the same dataset is hovered on the next line');
  });
});
