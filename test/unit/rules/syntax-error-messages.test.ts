/** TL000's messages name what Python itself rejects, where the parser's own error would mislead. */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

describe('TL000 messages', () => {
  before(ready);

  it('names a non-breaking space pasted from a web page, where Python reports "invalid non-printable character U+00A0"', () => {
    // amanpreetsingh459.github.io "llm-fine-tuning-using-lora": the import block's indentation is `&nbsp;` on the page.
    const diags = lintSnippet('import os\nfrom transformers import (\n\u00a0 \u00a0 AutoTokenizer,\n\u00a0 \u00a0 pipeline)\nfrom trl import SFTTrainer\n')
      .filter((d) => d.code === 'TL000');
    assert.equal(diags.length, 1);
    assert.deepEqual(diags[0].range.start, { line: 2, character: 0 });
    assert.match(diags[0].message, /non-breaking space \(U\+00A0\)/);
  });

  it('keeps the parser\'s description when the error is elsewhere', () => {
    const diags = lintSnippet('x = (1,\ny = 2\n').filter((d) => d.code === 'TL000');
    assert.equal(diags.length, 1);
    assert.doesNotMatch(diags[0].message, /U\+00A0/);
  });

  it('says "unterminated string" as Python does, not the parser\'s token name', () => {
    // tktserapio/internalizing-cwm-sft-grpo generated samples: `state[f"B{x + 1}']['color'] = 'White'`.
    const diags = lintSnippet('def place(state, x):\n    state[f"A{x + 1}\'][\'color\'] = \'Black\'\n    state[f"B{x + 1}\'][\'color\'] = \'White\'\n')
      .filter((d) => d.code === 'TL000');
    assert.equal(diags.length, 1);
    assert.match(diags[0].message, /^Syntax error: unterminated string;/);
  });

  it('points past the complete statements tree-sitter wraps in one ERROR from the first line, at Python\'s error', () => {
    // B-Trindade/FineTuned-PaliGemma1 scripts/train_mk2.py: `vqa_preds_baseline =` with its value lost, then a `for`
    // loop. tree-sitter wraps the file from `import torch` on in one ERROR; CPython runs the imports and reports the
    // `=` at the end of line 8 ("invalid syntax"). The report was "unexpected `import torch`" on the first line.
    const diags = lintSnippet([
      '# Names left without a value just before a loop.',
      'import torch',
      'from transformers import Trainer',
      '',
      '',
      'def evaluate(model, loader):',
      '    model.eval()',
      '    predictions =',
      '    references =',
      '    for batch in loader:',
      '        with torch.no_grad():',
      '            predictions.append(model(batch))',
      '    return predictions, references',
      '',
      '',
      'if __name__ == "__main__":',
      '    evaluate(torch.nn.Linear(2, 2), [])',
      '',
    ].join('\n')).filter((d) => d.code === 'TL000');
    assert.equal(diags.length, 1);
    assert.equal(diags[0].range.start.line, 7);
    assert.match(diags[0].message, /the line ends with `=` outside brackets/);
  });

  it('keeps an ERROR that starts with a broken statement where it starts', () => {
    const diags = lintSnippet('import os\nx = [1, 2\nprint(x)\n').filter((d) => d.code === 'TL000');
    assert.equal(diags.length, 1);
    assert.equal(diags[0].range.start.line, 1);
  });

  it('does not skip a statement whose line break tree-sitter left out (`from m import` with the name lines later)', () => {
    // rohan-paul/LLM-FineTuning-Large-Language-Models Mistral DPO notebook: `from google.colab import` with nothing after
    // it; tree-sitter reads `from google.colab import model_name` as one whole statement and fails at the `=`. CPython
    // stops at the import line.
    const diags = lintSnippet([
      'import os',
      'import torch',
      'from transformers import AutoTokenizer',
      'from google.colab import',
      '',
      '',
      'model_name = "teknium/OpenHermes-2.5-Mistral-7B"',
      'tokenizer = AutoTokenizer.from_pretrained(model_name)',
      '',
    ].join('\n')).filter((d) => d.code === 'TL000');
    assert.equal(diags.length, 1);
    assert.equal(diags[0].range.start.line, 3);
  });

  it('reports a triple-quoted string that nothing closes where it opens, as CPython does', () => {
    // farihachaiti/LLAVA-finetuning-internship finetune.py: a block commented out with triple quotes whose closing
    // quotes were lost; tree-sitter puts the missing closing quotes on the last line, CPython reports the opening line
    // ("unterminated triple-quoted string literal"). (A unit test, not a fixture: the incremental-parsing tests join
    // the fixtures into long scripts, and an unclosed string would swallow the files after it.)
    const diags = lintSnippet([
      '# A block commented out whose closing quotes were lost.',
      'from transformers import AutoModelForCausalLM',
      "'''dtype = torch.float16",
      'quantization_config = BitsAndBytesConfig(',
      '    load_in_4bit=True,',
      "\tbnb_4bit_quant_type='nf4',",
      '',
    ].join('\n')).filter((d) => d.code === 'TL000');
    assert.equal(diags.length, 1);
    assert.equal(diags[0].range.start.line, 2);
    assert.match(diags[0].message, /^Syntax error: unterminated string; it opens here/);
  });
});
