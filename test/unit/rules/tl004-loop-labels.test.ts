/**
 * TL004 on a hand-written loop's `model(labels=tok(texts, padding=True).input_ids)` (the Florence-2 tutorial). The loss
 * of Florence-2's language model is `CrossEntropyLoss()` (ignores -100 only): Hub microsoft/Florence-2-large
 * `modeling_florence2.py` (commit 484465f, "Fix modeling code (typos/bugs) (#12)"),
 * `Florence2LanguageForConditionalGeneration.forward`.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const loop = (loader: string) => `import torch
from torch.utils.data import DataLoader

${loader}

def train(epochs):
    for inputs, answers in train_loader:
        labels = processor.tokenizer(text=answers, return_tensors="pt", padding=True).input_ids.to("cuda")
        loss = model(input_ids=inputs["input_ids"], pixel_values=inputs["pixel_values"], labels=labels).loss
        loss.backward()
`;

const tl004 = (text: string) => lintSnippet(text).filter((d) => d.code === 'TL004').map((d) => ({ severity: d.severity, message: d.message }));

describe('TL004: padded labels handed to the model in a hand-written loop', () => {
  before(ready);

  it('is a warning when every DataLoader batches more than one row', () => {
    const [d] = tl004(loop('train_loader = DataLoader(ds, batch_size=8)'));
    assert.equal(d?.severity, 'warning');
    assert.match(d.message, /trains on padding/);
  });

  it('is information when the batch size is not known', () => {
    const [d] = tl004(loop('train_loader = DataLoader(ds, batch_size=args.batch_size)'));
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /assuming batches of more than one text/);
  });

  it('near miss: batches of one, and padding masked to -100', () => {
    assert.deepEqual(tl004(loop('train_loader = DataLoader(ds, batch_size=1)')), []);
    const masked = loop('train_loader = DataLoader(ds, batch_size=8)')
      .replace('        loss = model', '        labels[labels == processor.tokenizer.pad_token_id] = -100\n        loss = model');
    assert.deepEqual(tl004(masked), []);
  });
});
