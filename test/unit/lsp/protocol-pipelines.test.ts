/**
 * A script of several training pipelines in the real server over stdio: the server keeps each
 * pipeline's findings between edits (engine/lint/pipelines.ts), so what it publishes after each
 * keystroke must still be exactly what a fresh lint of the text finds — for the pipeline edited, for
 * the one left alone, and when a pinned version in a comment changes for both.
 */
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { initParser, lintText } from '../../../server/src/engine/index';
import { ROOT, stdioSession, type Published } from './stdio-session';

const PATH = join(ROOT, 'test', 'fixtures', 'pipelines-edited.py'); // never written: the text comes from the editor
const uri = pathToFileURL(PATH).toString();

function pipeline(name: string, collator: boolean): string {
  return [
    `model_${name}, tok_${name} = FastLanguageModel.from_pretrained("unsloth/Llama-3.2-1B-Instruct", max_seq_length=2048)`,
    `rows_${name} = Dataset.from_dict({"text": ["hello", "world"]})`,
    `trainer_${name} = SFTTrainer(`,
    `    model=model_${name},`,
    `    tokenizer=tok_${name},`,
    `    train_dataset=rows_${name},`,
    `    dataset_text_field="text",`,
    collator ? `    data_collator=DataCollatorForSeq2Seq(tokenizer=tok_${name}),` : `    packing=False,`,
    `    args=SFTConfig(output_dir="out_${name}"),`,
    ')',
    `trainer_${name}.train()`,
  ].join('\n');
}

// Helpers between the parts: editors parse ~100-line sections, so each part is a section of its own.
const helpers = (from: number) => Array.from({ length: 55 }, (_, k) => `def helper_${from + k}(x):\n    return x + ${k}\n`).join('\n');

const TEXT = [
  'from unsloth import FastLanguageModel',
  'from datasets import Dataset',
  'from trl import SFTTrainer, SFTConfig',
  'from transformers import DataCollatorForSeq2Seq',
  helpers(0),
  '# pip install unsloth==2025.2.15 trl==0.19.1 transformers==4.56.0',
  helpers(100),
  pipeline('a', true),
  helpers(200),
  pipeline('b', true),
  '',
].join('\n');

/** What an editor shows: (line, code, severity) of each diagnostic, as a fresh lint of `text` finds them. */
function fresh(text: string): string[] {
  const { diagnostics } = lintText(PATH, text);
  return diagnostics.filter((d) => d.code !== 'TL000').map((d) => `${d.range.start.line}:${d.code}:${d.severity}`).sort();
}

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];
const shown = (p: Published) => p.diagnostics.map((d) => `${d.range.start.line}:${d.code}:${SEVERITY[d.severity]}`).sort();

describe('a script of several pipelines, edited in the server', function () {
  this.timeout(60_000);
  const session = stdioSession();
  before(() => initParser());

  it('publishes after every edit exactly what a fresh lint finds, keeping the untouched pipeline', async () => {
    let text = TEXT;
    let version = 1;
    await session.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text } });
    let p = await session.nextDiagnostics((x) => x.uri === uri && x.version === version);
    assert.deepEqual(shown(p), fresh(text));
    const tl001 = (ds: string[]) => ds.filter((d) => d.includes(':TL001:'));
    assert.equal(tl001(shown(p)).length, 2, 'both pipelines pass DataCollatorForSeq2Seq text-only data');

    const edit = async (from: string, to: string) => {
      const at = text.indexOf(from);
      assert.ok(at >= 0, from);
      const before = text.slice(0, at);
      const line = before.split('\n').length - 1, character = at - (before.lastIndexOf('\n') + 1);
      const endBefore = text.slice(0, at + from.length);
      const endLine = endBefore.split('\n').length - 1, endCharacter = at + from.length - (endBefore.lastIndexOf('\n') + 1);
      text = before + to + text.slice(at + from.length);
      version++;
      await session.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character }, end: { line: endLine, character: endCharacter } }, text: to }],
      });
      p = await session.nextDiagnostics((x) => x.uri === uri && x.version === version);
      assert.deepEqual(shown(p), fresh(text), `after ${JSON.stringify(from)} → ${JSON.stringify(to)}`);
    };

    // Fix pipeline a: its finding goes, b's stays.
    await edit('    data_collator=DataCollatorForSeq2Seq(tokenizer=tok_a),', '    packing=False,');
    assert.equal(tl001(shown(p)).length, 1);
    // Type in a helper between them, a character at a time.
    for (const ch of 'abc') await edit('return x + 3\n', `return x + 3${ch}\n`);
    // The pin in a comment: Unsloth from 2025.3.15 passes the load's max_seq_length on (TL305 goes for both).
    const tl305 = shown(p).filter((d) => d.includes(':TL305:')).length;
    assert.equal(tl305, 2);
    await edit('unsloth==2025.2.15 trl==0.19.1', 'unsloth==2025.6.1 trl==0.19.1');
    assert.equal(shown(p).filter((d) => d.includes(':TL305:')).length, 0, 'the newer Unsloth copies the length');
    // A line added above both moves every finding.
    await edit('from datasets import Dataset\n', 'from datasets import Dataset\nimport os\n');
    // Break pipeline b, then repair it.
    await edit('trainer_b = SFTTrainer(', 'trainer_b = SFTTrainer((');
    await edit('trainer_b = SFTTrainer((', 'trainer_b = SFTTrainer(');
  });
});
