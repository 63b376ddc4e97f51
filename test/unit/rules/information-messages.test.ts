/**
 * Information findings whose message said more than the script shows (docs/corpus.md, "Session 22 — precision audit
 * of the information findings"): the message names what it assumed.
 */
import assert from 'node:assert/strict';
import { ALL_RULES } from '../../../server/src/engine/index';
import { lintSnippet, ready } from '../helpers';

const rule = (code: string) => ALL_RULES.filter((r) => r.code === code);

describe('information messages that name their assumption', () => {
  before(ready);

  it('TL902: a repository may hold no custom code (google/gemma-3n-E2B-it): the message does not say its code runs', () => {
    const d = lintSnippet(`from transformers import Gemma3nForConditionalGeneration
model = Gemma3nForConditionalGeneration.from_pretrained("google/gemma-3n-E2B-it", trust_remote_code=True)
`, { rules: rule('TL902') });
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'information');
    assert.doesNotMatch(d[0].message, /the repository's Python code runs/);
    assert.match(d[0].message, /whatever Python code the repository holds at download time runs on this machine \(none while it holds no custom code, but a later commit can add some\)/);
    assert.match(d[0].message, /or drop `trust_remote_code` if the model needs no custom code/);
  });

  it('TL902: on load_dataset the repository code is a loading script, not a model\'s (hendrik-spl/cbs-thesis-efficient-llm-distillation)', () => {
    const d = lintSnippet(`# pip install datasets==3.3.2
from datasets import load_dataset
ds = load_dataset(path="mrSoul7766/ECTSum", trust_remote_code=True)
`, { rules: rule('TL902') });
    assert.equal(d.length, 1);
    assert.match(d[0].message, /or drop `trust_remote_code` if the dataset needs no loading script\.$/);
    assert.doesNotMatch(d[0].message, /the model/);
  });

  it('TL902: on load_dataset (huggingface/peft `examples/arrow_multitask/arrow_phi3_mini.py`) the message speaks of a dataset and, with datasets unknown, says the script runs only before 4.0', () => {
    const script = (pin: string) => `${pin}from datasets import load_dataset
ds = load_dataset("google/boolq", split="validation", trust_remote_code=True)
`;
    const unknown = lintSnippet(script(''), { rules: rule('TL902') });
    assert.equal(unknown.length, 1);
    // One parenthesis, not two side by side (Bhargavi-2003/fine-tuning read "…runs none) (none while…").
    assert.match(unknown[0].message, /runs on this machine \(with datasets < 4\.0; .*datasets ≥ 4\.0 ignores the keyword and runs none; none while it holds no custom code, but a later commit can add some\)\./);
    assert.doesNotMatch(unknown[0].message, /\) \(/);
    assert.match(unknown[0].message, /drop `trust_remote_code` if the dataset needs no loading script/);
    const v3 = lintSnippet(script('# pip install datasets==3.6.0\n'), { rules: rule('TL902') });
    assert.equal(v3.length, 1);
    assert.doesNotMatch(v3[0].message, /ignores the keyword/);
    assert.equal(lintSnippet(script('# pip install datasets==4.0.0\n'), { rules: rule('TL902') }).length, 0);
  });
});
