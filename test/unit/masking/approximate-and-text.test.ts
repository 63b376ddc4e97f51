import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markersFor } from '../../../server/src/engine/chat/markers';
import { previewMasking } from '../../../server/src/engine/masking/preview';
import { renderPreviewText, sampleSummary } from '../../../server/src/engine/masking/render-text';
import { TokenizerStore } from '../../../server/src/engine/masking/tokenizer-store';
import type { MaskingPreview } from '../../../server/src/engine/masking/types';
import { CONVERSATION, only, trainedRuns } from './fixtures';

describe('masking: approximate preview without a tokenizer', () => {
  const emptyStore = new TokenizerStore({ env: { HF_HOME: mkdtempSync(join(tmpdir(), 'trainlint-empty-')) }, homeDir: '/nonexistent' });

  it('falls back to pieces, says so, and still masks like Unsloth', async () => {
    const p = await previewMasking({
      rows: [{ row: 0, messages: CONVERSATION }],
      tokenizer: { modelId: 'unsloth/Llama-3.2-1B-Instruct' },
      template: { name: 'llama-3.2' },
      pipeline: { kind: 'unsloth-responses-only' },
    }, { store: emptyStore });
    assert.equal(p.approximate, true);
    assert.ok(p.warnings.some((w) => w.startsWith('no tokenizer:') && w.includes('unsloth/Llama-3.2-1B-Instruct')), p.warnings.join('\n'));
    assert.ok(p.warnings.some((w) => w.startsWith('approximate preview')));
    assert.deepEqual(trainedRuns(only(p)), ['It is 4.<|eot_id|>', '6, of course.<|eot_id|>']);
  });

  it('guesses the template family from the model id when nothing else is known', async () => {
    const p = await previewMasking({
      rows: [{ row: 0, messages: CONVERSATION }],
      tokenizer: { modelId: 'Qwen/Qwen2.5-7B-Instruct' },
      pipeline: { kind: 'unsloth-responses-only' },
    }, { store: emptyStore });
    assert.ok(p.warnings.some((w) => w.includes('assuming the qwen-2.5 chat template')), p.warnings.join('\n'));
    const m = markersFor('qwen-2.5')!;
    assert.deepEqual(trainedRuns(only(p)), ['It is 4.<|im_end|>\n', '6, of course.<|im_end|>\n']);
    assert.ok(p.warnings.some((w) => w.includes(JSON.stringify(m.injectedSystemText))));
  });

  it('reports rows it cannot render as sample warnings', async () => {
    const p = await previewMasking({
      rows: [{ row: 7, messages: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }] }],
      template: { name: 'gemma-3' },
      pipeline: { kind: 'unsloth-responses-only' },
    });
    const s = only(p);
    assert.equal(s.row, 7);
    assert.equal(s.total, 0);
    assert.match(s.warnings[0], /Conversation roles must alternate/);
  });
});

describe('masking: terminal rendering', () => {
  const preview: MaskingPreview = {
    approximate: false,
    warnings: ['run warning'],
    samples: [{
      row: 0, total: 3, trained: 2, truncated: true, warnings: ['sample warning'],
      tokens: [{ id: 1, text: '<s>', label: -100 }, { id: 5, text: 'Hi\n', label: 5 }, { id: 2, text: '</s>', label: 2 }],
    }],
  };

  it('prints text(label, id) per token, red for -100 and green for trained', () => {
    const out = renderPreviewText(preview);
    assert.ok(out.includes('\x1b[31m<s>\x1b[0m\x1b[37m(-100, 1)\x1b[0m'));
    assert.ok(out.includes('\x1b[32mHi\\n\x1b[0m\x1b[37m(5, 5)\x1b[0m'));
    assert.ok(out.includes('warning: run warning') && out.includes('  warning: sample warning'));
    const plain = renderPreviewText(preview, { color: false });
    assert.ok(plain.includes('<s>(-100, 1) Hi\\n(5, 5) </s>(2, 2)'));
    assert.ok(!plain.includes('\x1b['));
  });

  it('prints coloured text only, and per-sample totals', () => {
    assert.ok(renderPreviewText(preview, { color: false, textOnly: true }).includes('<s>[[Hi\n</s>]]'));
    assert.equal(sampleSummary(preview.samples[0]), 'row 0: 3 tokens, 2 trained (66.7%), truncated');
  });
});
