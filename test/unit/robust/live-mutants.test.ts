/**
 * The two mutants a mutation pass over the suite left alive: each now fails a test.
 * - A `# trainlint: disable=` comment at the end of a code line covers that line only (one alone on
 *   its line covers the next).
 * - TL101 without a template source (a known family without a bundled template: gpt-oss) checks a
 *   part by its special tokens: every one must be one of the template's markers' tokens.
 */
import assert from 'node:assert/strict';
import { codes, lintSnippet, ready } from '../helpers';

const TRAINER = `from unsloth import FastLanguageModel
from unsloth.chat_templates import get_chat_template, train_on_responses_only
from trl import SFTTrainer, SFTConfig
model, tokenizer = FastLanguageModel.from_pretrained("unsloth/gpt-oss-20b", max_seq_length=2048)
tokenizer = get_chat_template(tokenizer, chat_template="gpt-oss")
trainer = SFTTrainer(model=model, tokenizer=tokenizer, train_dataset=dataset, args=SFTConfig(output_dir="o"))
`;

describe('robustness: live mutants', () => {
  before(ready);

  it('an end-of-line disable comment does not silence the next line', () => {
    const line = 'trainer = Trainer(model=m, args=TrainingArguments(output_dir="o", evaluation_strategy="no"))';
    const base = `from transformers import Trainer, TrainingArguments\n${line}\n${line}\n`;
    const both = lintSnippet(base).filter((d) => d.code === 'TL504').map((d) => d.range.start.line);
    assert.deepEqual(both, [1, 2], 'the rule fires on both lines to begin with');
    const text = base.replace(`${line}\n${line}`, `${line}  # trainlint: disable=TL504\n${line}`);
    assert.deepEqual(lintSnippet(text).filter((d) => d.code === 'TL504').map((d) => d.range.start.line), [2]);
    // alone on its line it covers the next
    const above = base.replace(`${line}\n${line}`, `# trainlint: disable=TL504\n${line}\n${line}`);
    assert.deepEqual(lintSnippet(above).filter((d) => d.code === 'TL504').map((d) => d.range.start.line), [3]);
  });

  it('TL101 by special tokens: foreign tokens flagged, the template\'s own accepted, one foreign token among own ones flagged', () => {
    const call = (instruction: string, response: string) => `${TRAINER}trainer = train_on_responses_only(trainer, instruction_part=${JSON.stringify(instruction)}, response_part=${JSON.stringify(response)})\n`;
    const own = call('<|start|>user<|message|>', '<|start|>assistant<|channel|>final<|message|>');
    assert.deepEqual(codes(lintSnippet(own)).filter((c) => c === 'TL101'), []);
    const reordered = call('<|start|>user<|message|>', '<|start|>assistant<|message|>');
    assert.deepEqual(codes(lintSnippet(reordered)).filter((c) => c === 'TL101'), [], 'the template\'s own tokens in another arrangement: cannot tell, silent');
    const foreign = call('<|start|>user<|message|>', '<|start_header_id|>assistant<|end_header_id|>\n\n');
    assert.deepEqual(codes(lintSnippet(foreign)).filter((c) => c === 'TL101'), ['TL101']);
    const mixed = call('<|start|>user<|message|>', '<|start|>assistant<|end_header_id|>');
    assert.deepEqual(codes(lintSnippet(mixed)).filter((c) => c === 'TL101'), ['TL101'], 'every token must be the template\'s, not just some');
  });
});
