/**
 * TL525: a Dataset column given to a tokenizer, a lazy `Column` from datasets 4.0 (huggingface/course#1181; the 10th
 * recall pass). By release: an error from 4.0, information when datasets' version is unknown, silent before 4.0.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const tl525 = (text: string) => lintSnippet(text).filter((d) => d.code === 'TL525');
const script = (pin: string) => `${pin}
from datasets import load_dataset
from transformers import AutoTokenizer

raw = load_dataset("glue", "mrpc")
tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
encoded = tokenizer(raw["train"]["sentence1"], truncation=True)
`;

describe('TL525 dataset-column-to-tokenizer', () => {
  before(ready);

  it('is an error from datasets 4.0, information when the version is unknown, silent before 4.0', () => {
    const [d] = tl525(script('# pip install datasets==4.0.0'));
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /lazy `Column`/);
    assert.equal(d.fixes[0]?.edits[0]?.newText, 'list(raw["train"]["sentence1"])');
    assert.equal(tl525(script('# pip install datasets==5.0.1'))[0]?.severity, 'error');
    const [unknown] = tl525(script(''));
    assert.equal(unknown?.severity, 'information');
    assert.match(unknown.message, /datasets/);
    assert.equal(tl525(script('# pip install datasets==3.6.0')).length, 0);
  });

  it('a split of a load_from_disk folder is a DatasetDict only by assumption (information), unless the script saved one there', () => {
    const fromDisk = (save: string) => `# pip install datasets==4.0.0
from datasets import Dataset, load_from_disk
from transformers import AutoTokenizer
${save}
tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
ds = load_from_disk("data/processed")
encoded = tokenizer(ds["train"]["text"], truncation=True)
`;
    const [assumed] = tl525(fromDisk(''));
    assert.equal(assumed?.severity, 'information');
    assert.match(assumed.message, /assuming `load_from_disk\("data\/processed"\)` holds a DatasetDict/);
    const saved = 'Dataset.from_dict({"text": ["a", "b"]}).train_test_split(test_size=0.5).save_to_disk("data/processed")';
    const [proven] = tl525(fromDisk(saved));
    assert.equal(proven?.severity, 'error');
    assert.doesNotMatch(proven.message, /assuming `load_from_disk/);
  });

  it("reads Unsloth's FastLanguageModel tokenizer, not a vision model's processor", () => {
    const unsloth = (loader: string) => `# pip install datasets==4.0.0
from unsloth import ${loader}
from datasets import load_dataset
model, tokenizer = ${loader}.from_pretrained("unsloth/Llama-3.2-1B-Instruct")
ds = load_dataset("imdb", split="train")
out = tokenizer(ds["text"])
`;
    assert.equal(tl525(unsloth('FastLanguageModel')).length, 1);
    assert.equal(tl525(unsloth('FastVisionModel')).length, 0);
  });
});
