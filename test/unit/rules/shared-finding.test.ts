/**
 * A rule that finds the same thing twice at one place (two trainers built from one `args=`) reports it once, with
 * each trainer among its related locations (whitecapp5435/Text2graph: `try: SFTTrainer(processing_class=…)`
 * `except TypeError: SFTTrainer(tokenizer=…)`, one TrainingArguments for both).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../../server/src/engine/index';
import { lintSnippet, ready } from '../helpers';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'rules', 'TL307', 'two_trainers_one_args.py');

describe('one finding for trainers that share their arguments', () => {
  before(ready);

  it('TL307 once on the shared TrainingArguments, pointing at both trainers (their `peft_config=`)', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const found = lintSnippet(text, { rules: ALL_RULES.filter((r) => r.code === 'TL307') }, FIXTURE);
    assert.equal(found.length, 1);
    const lines = text.split('\n');
    const trainerLines = lines.flatMap((l, i) => (/peft_config=peft_config/.test(l) ? [i] : []));
    assert.equal(trainerLines.length, 2);
    const related = found[0].related.map((r) => r.range.start.line);
    for (const line of trainerLines) assert.ok(related.includes(line), `no related location on line ${line + 1}: ${JSON.stringify(found[0].related)}`);
  });
});
