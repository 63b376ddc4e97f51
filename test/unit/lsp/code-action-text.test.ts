/**
 * The text a code action writes, over stdio, is the text `trainlint fix` writes: in a CRLF document a fix's new
 * lines are CRLF (a client applies new text as it is: VS Code normalises line breaks, Neovim and others do not, so a
 * CRLF script got bare LFs); "Disable TLxxx for this line" on a line continued by a backslash goes alone on the line
 * above (at the line's end it was a syntax error).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { stdioSession } from './stdio-session';

describe('code actions write the CLI\'s text', function () {
  this.timeout(30000);
  const { conn, nextDiagnostics } = stdioSession();

  async function open(name: string, text: string) {
    const uri = pathToFileURL(join(tmpdir(), name)).toString();
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    const p = await nextDiagnostics((x) => x.uri === uri && x.diagnostics.length > 0);
    return { uri, diagnostics: p.diagnostics };
  }
  const actions = (uri: string, d: any): Promise<any[]> => conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const newTexts = (a: any): string[] => a.edit.documentChanges.flatMap((c: any) => c.edits.map((e: any) => e.newText));

  it('a CRLF script: every action\'s new text uses CRLF, the disable comment above a continued line too', async () => {
    const text = 'from transformers import Trainer, TrainingArguments\r\nargs = TrainingArguments(output_dir="o",\r\n    evaluation_strategy="steps")\r\nx = TrainingArguments(output_dir="o", evaluation_strategy="steps", \\\r\n    save_strategy="steps")\r\n';
    const { uri, diagnostics } = await open('crlf_actions.py', text);
    const d = diagnostics.find((x) => x.code === 'TL504' && x.range.start.line === 3);
    assert.ok(d, JSON.stringify(diagnostics.map((x) => [x.code, x.range.start.line])));
    const disable = (await actions(uri, d)).find((a) => a.title === 'Disable TL504 for this line');
    assert.deepEqual(newTexts(disable), ['# trainlint: disable=TL504\r\n']);
    // Every edit's new text: no bare LF in a CRLF document.
    for (const x of diagnostics) for (const a of await actions(uri, x)) if (a.edit) for (const t of newTexts(a)) assert.doesNotMatch(t, /(?<!\r)\n/, `${x.code} ${a.title}`);
  });

  it('"Disable for this line" is not offered where no comment can go (a line inside a string, continued from above)', async () => {
    const text = 'from transformers import TrainingArguments\ns = """a\nb""" + str(TrainingArguments(output_dir="o", evaluation_strategy="steps")) + \\\n  "c"\n';
    const { uri, diagnostics } = await open('no_disable.py', text);
    const d = diagnostics.find((x) => x.code === 'TL504');
    assert.ok(d);
    const titles = (await actions(uri, d)).map((a) => a.title);
    assert.ok(titles.includes('Show documentation for TL504') && !titles.includes('Disable TL504 for this line'), titles.join('; '));
  });
});
