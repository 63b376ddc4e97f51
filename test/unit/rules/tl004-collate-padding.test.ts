/**
 * TL004 on collate functions that pad the batch themselves (`tokenizer.pad`, `pad_sequence(…, padding_value=pad id)`)
 * and copy the padded ids to labels: the severity follows what the script shows of the batch size.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const loop = (batchSize: string) => `import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader


def collate_fn(batch):
    input_ids = pad_sequence([b["input_ids"] for b in batch], batch_first=True, padding_value=tokenizer.pad_token_id)
    return {"input_ids": input_ids, "labels": input_ids}


for batch in DataLoader(ds, batch_size=${batchSize}, collate_fn=collate_fn):
    loss = model(**batch).loss
    loss.backward()
`;

function tl004(text: string) {
  return lintSnippet(text, {}, '/tmp/trainlint-test/collate.py').filter((d) => d.code === 'TL004');
}

describe('TL004: a collate function that pads and copies the ids to labels', () => {
  before(ready);

  it('is a warning with batches of 8', () => {
    const [d] = tl004(loop('8'));
    assert.equal(d?.severity, 'warning');
    assert.match(d.message, /a copy of the ids `pad_sequence\(…, padding_value=tokenizer\.pad_token_id\)` pads/);
  });

  it('is information naming the assumption when the batch size is hidden (tathagatoroy `fsdp_lora/train_hlora.py`)', () => {
    const [d] = tl004(loop('args.batch_size'));
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /assuming batches of more than one row/);
  });

  it('is silent with batches of one', () => {
    assert.deepEqual(tl004(loop('1')), []);
  });

  it('says the labels are padded, not copied, when the collate pads the label lists themselves (shiym2000/vlm-finetune)', () => {
    const text = loop('8').replace(
      '    return {"input_ids": input_ids, "labels": input_ids}',
      '    labels = pad_sequence([b["labels"] for b in batch], batch_first=True, padding_value=tokenizer.pad_token_id)\n'
        + '    return {"input_ids": input_ids, "labels": labels}',
    );
    const [d] = tl004(text);
    assert.equal(d?.severity, 'warning');
    assert.match(d.message, /`labels` are padded by `pad_sequence\(…, padding_value=tokenizer\.pad_token_id\)` with a token id/);
    assert.match(d.message, /padding_value=-100/);
    assert.doesNotMatch(d.message, /copy/);
  });
});
