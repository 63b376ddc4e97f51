/**
 * TL121: a GRPO reward function that reads completions in the format the train set's prompt does not give
 * (huggingface/trl#4202, unslothai/unsloth#2907; the 9th recall pass).
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const tl121 = (text: string) => lintSnippet(text).filter((d) => d.code === 'TL121');
const HEAD = 'import re\nfrom datasets import Dataset, load_dataset\nfrom trl import GRPOConfig, GRPOTrainer\n';
const trainer = (reward: string, ds = 'ds') => `GRPOTrainer(model="m", reward_funcs=[${reward}], args=GRPOConfig(output_dir="o"), train_dataset=${ds})\n`;
const conv = 'ds = load_dataset("openai/gsm8k", "main", split="train").map(lambda x: {"prompt": [{"role": "user", "content": x["question"]}]})\n';
const text = 'ds = load_dataset("openai/gsm8k", "main", split="train").map(lambda x: {"prompt": f"Q: {x[\'question\']}"})\n';

describe('TL121 reward-completion-format-mismatch', () => {
  before(ready);

  it('flags text operations on conversational completions: re.*, str methods, through zip and enumerate', () => {
    const fns = [
      'def r(completions, **kw):\n    return [float(bool(re.search(r"\\d", c))) for c in completions]\n',
      'def r(completions, answer, **kw):\n    return [float(c.lower() == a) for c, a in zip(completions, answer)]\n',
      'def r(completions, **kw):\n    out = []\n    for i, c in enumerate(completions):\n        out.append(float(c.startswith("<think>")))\n    return out\n',
    ];
    for (const fn of fns) {
      const [d] = tl121(HEAD + conv + fn + trainer('r'));
      assert.equal(d?.severity, 'error', fn);
      assert.match(d.message, /treats each completion as text .* list of messages/);
    }
  });

  it('flags message indexing on text completions, also from literal rows', () => {
    const fn = 'def r(completions, **kw):\n    return [float(len(c[0]["content"])) for c in completions]\n';
    assert.match(tl121(HEAD + text + fn + trainer('r'))[0]?.message ?? '', /string indices must be integers/);
    const rows = 'ds = Dataset.from_list([{"prompt": "a"}, {"prompt": "b"}])\n';
    assert.equal(tl121(HEAD + rows + fn + trainer('r')).length, 1);
  });

  it('leaves matching reads, type tests, reassigned names, unknown prompt formats alone', () => {
    const ok = 'def r(completions, **kw):\n    return [float(bool(re.search(r"\\d", c[0]["content"]))) for c in completions]\n';
    assert.equal(tl121(HEAD + conv + ok + trainer('r')).length, 0);
    const guarded = 'def r(completions, **kw):\n    return [float(c.strip() != "") if isinstance(c, str) else 0.0 for c in completions]\n';
    assert.equal(tl121(HEAD + conv + guarded + trainer('r')).length, 0);
    const reassigned = 'def r(completions, **kw):\n    out = []\n    for c in completions:\n        c = c[0]["content"]\n        out.append(float(c.strip() != ""))\n    return out\n';
    assert.equal(tl121(HEAD + conv + reassigned + trainer('r')).length, 0);
    const unknown = 'ds = load_dataset("openai/gsm8k", "main", split="train").map(build_prompt)\n';
    const bad = 'def r(completions, **kw):\n    return [float(c.strip() != "") for c in completions]\n';
    assert.equal(tl121(HEAD + unknown + bad + trainer('r')).length, 0);
    // A later map that writes no prompt keeps the format; one that rebuilds it with a helper makes it unknown.
    const later = conv + 'ds = ds.map(lambda x: {"answer": x["answer"].split("####")[-1]})\n';
    assert.equal(tl121(HEAD + later + bad + trainer('r')).length, 1);
    const helper = conv + 'ds = ds.map(lambda x: {"prompt": to_messages(x)})\n';
    assert.equal(tl121(HEAD + helper + bad + trainer('r')).length, 0);
  });

  it('reads RLOOTrainer from TRL 0.22 (its reward_funcs rewrite), not on an older pin', () => {
    const bad = 'def r(completions, **kw):\n    return [float(c.strip() != "") for c in completions]\n';
    const rloo = (pin: string) => `${pin}\nimport re\nfrom datasets import load_dataset\nfrom trl import RLOOConfig, RLOOTrainer\n${conv}${bad}RLOOTrainer(model="m", reward_funcs=[r], args=RLOOConfig(output_dir="o"), train_dataset=ds)\n`;
    const [d] = tl121(rloo('# pip install trl==0.24.0'));
    assert.match(d?.message ?? '', /RLOOTrainer passes every completion as a list of messages/);
    assert.equal(tl121(rloo('# pip install trl==0.21.0')).length, 0);
  });
});
