/**
 * Statement ids (`facts/statement-ids.ts`) key the pipelines an editor keeps between lints. When the table is
 * full it starts again and ids are given out anew: nothing kept with an old id may match a new statement.
 */
import assert from 'node:assert/strict';
import { lint, ParsedScript, ScriptDocument } from '../../../server/src/engine/index';
import { internStatement, statementIdGeneration } from '../../../server/src/engine/facts/statement-ids';
import { PipelineCache } from '../../../server/src/engine/lint/pipelines';
import { ready } from '../helpers';

describe('statement ids', () => {
  before(ready);

  it('never reuses a kept pipeline across a refill of the statement-id table (ids given out again to other texts)', () => {
    // Past its size the table of statement ids is emptied and ids start again: a kept pipeline's key made of old ids
    // must not match a new script whose different statements got the same ids in the same rows.
    const refill = () => { const g = statementIdGeneration(); for (let i = 0; statementIdGeneration() === g; i++) internStatement(`${'x'.repeat(65536)}${g}_${i}`); };
    const script = (call: string) => `from trl import SFTTrainer\nfrom datasets import load_dataset\ntok = 1\nrows_a = load_dataset("a")\na = SFTTrainer(model="m", ${call}, train_dataset=rows_a)\nrows_b = load_dataset("b")\nb = SFTTrainer(model="m", train_dataset=rows_b)\n`;
    const cache = new PipelineCache();
    const lintWith = (text: string, pipelines?: PipelineCache) => {
      const parsed = ParsedScript.parse(text, { edited: true });
      try { return lint({ doc: ScriptDocument.fromPython('/tmp/ids.py', text), script: parsed, pipelines }).diagnostics.map((d) => `${d.code}@${d.range.start.line}`); } finally { parsed.dispose(); }
    };
    refill();
    const clean = lintWith(script('processing_class=tok'), cache);
    refill();
    const renamed = lintWith(script('tokenizer=tok'), cache);
    assert.deepEqual(renamed, lintWith(script('tokenizer=tok')));
    assert.ok(renamed.some((f) => f.startsWith('TL501@4')), `the renamed keyword is reported: ${renamed}`);
    assert.ok(!clean.some((f) => f.startsWith('TL501')));
  });
});
