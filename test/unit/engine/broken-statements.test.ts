/**
 * Errors and warnings on a statement that does not parse are withheld (`lint/broken-statements.ts`): tree-sitter's
 * recovery reads a half-typed line and the lines below it as something the author did not write.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const PINS = '# /// script\n# dependencies = ["trl==1.13.0", "transformers==5.18.0"]\n# ///\nfrom trl import SFTConfig, SFTTrainer\n\n';
const CONFIG = (keyword: string) => `config = SFTConfig(\n    output_dir="out",\n    ${keyword}=2e-4,\n)\n\n`;
const errorsAndWarnings = (text: string) => lintSnippet(text).filter((d) => d.code !== 'TL000' && (d.severity === 'error' || d.severity === 'warning'));

describe('findings on a statement that does not parse', () => {
  before(ready);

  it('a config call left open and a half-typed `trainer = S`: the trainer\'s keywords are not reported as the config\'s', () => {
    // evalstate/skills-dev trl/scripts/train_sft_example.py leaves `SFTConfig(` open; with `trainer = SFTTrainer(` half
    // typed, the recovery read train_dataset=, args= and peft_config= as SFTConfig's: three TL514 errors.
    const text = PINS + 'config = SFTConfig(\n    output_dir="out",\n    learning_rate=2e-5,\n\n'
      + 'peft_config = LoraConfig(\n    r=16,\n)\n\ntrainer = S\n    model="Qwen/Qwen2.5-0.5B",\n    train_dataset=ds,\n    args=config,\n    peft_config=peft_config,\n)\n';
    assert.deepEqual(errorsAndWarnings(text).map((d) => `${d.code}:${d.range.start.line + 1}`), []);
  });

  it('a half-typed keyword (`learn` on its way to `learning_rate=`) is not reported as an unknown argument', () => {
    const text = PINS + 'config = SFTConfig(\n    output_dir="out",\n    learn\n    lr_scheduler_type="cosine",\n)\n';
    assert.deepEqual(errorsAndWarnings(text).map((d) => d.code), []);
  });

  it('near-miss: a statement that parses keeps its finding when another one is broken', () => {
    const text = PINS + CONFIG('learnin_rate') + 'trainer = S\n';
    assert.deepEqual(errorsAndWarnings(text).map((d) => `${d.code}:${d.range.start.line + 1}`), ['TL514:8']);
  });
});
