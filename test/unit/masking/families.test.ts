import assert from 'node:assert/strict';
import { markersFor } from '../../../server/src/engine/chat/markers';
import { previewMasking } from '../../../server/src/engine/masking/preview';
import type { MaskingPlan } from '../../../server/src/engine/masking/types';
import { CONVERSATION, FAMILIES, fakeHfCache, only, trainedRuns } from './fixtures';

/** Expected trained text per family: assistant content plus the end of turn (masking-spec §3.6). */
const EXPECTED_RUNS: Record<string, string[]> = {
  'llama3.1': ['It is 4.<|eot_id|>', '6, of course.<|eot_id|>'],
  qwen3: ['It is 4.<|im_end|>\n', '<think>\n\n</think>\n\n6, of course.<|im_end|>\n'],
  gemma3: ['It is 4.<end_of_turn>\n', '6, of course.<end_of_turn>\n'],
};

const EOS: Record<string, string> = { 'llama3.1': '<|eot_id|>', qwen3: '<|im_end|>', gemma3: '<end_of_turn>' };

for (const family of FAMILIES) {
  describe(`masking preview with the real ${family.key} tokenizer`, () => {
    const { store } = fakeHfCache();
    const base = (over: Partial<MaskingPlan>): MaskingPlan => ({
      rows: [{ row: 0, messages: CONVERSATION }],
      tokenizer: { modelId: family.modelId },
      template: { name: family.template },
      pipeline: { kind: 'unsloth-responses-only' },
      ...over,
    });

    it('loads the tokenizer from the fake Hugging Face cache (not approximate)', async () => {
      const p = await previewMasking(base({}), { store });
      assert.equal(p.approximate, false);
      assert.ok(!p.warnings.some((w) => w.includes('no tokenizer')), p.warnings.join('\n'));
    });

    it('Unsloth train_on_responses_only trains exactly the assistant turns plus end of turn', async () => {
      const m = markersFor(family.template)!;
      const p = await previewMasking(base({ pipeline: { kind: 'unsloth-responses-only', instructionPart: m.instructionPart, responsePart: m.responsePart } }), { store });
      const s = only(p);
      assert.deepEqual(trainedRuns(s), EXPECTED_RUNS[family.key]);
      assert.equal(s.trained, s.tokens.filter((t) => t.label !== -100).length);
      assert.ok(s.tokens.every((t) => t.label === -100 || t.label === t.id));
      assert.deepEqual(s.warnings, []);
      assert.equal(s.truncated, false);
      // Same result with auto-detected markers.
      const auto = only(await previewMasking(base({}), { store }));
      assert.deepEqual(trainedRuns(auto), EXPECTED_RUNS[family.key]);
    });

    it('mismatched markers (Llama markers on a ChatML template) train nothing', async () => {
      const llama = markersFor('llama-3.1')!;
      const p = await previewMasking(base({
        template: { name: 'chatml' },
        pipeline: { kind: 'unsloth-responses-only', instructionPart: llama.instructionPart, responsePart: llama.responsePart },
      }), { store });
      const s = only(p);
      assert.equal(s.trained, 0);
      assert.ok(s.warnings.some((w) => w.startsWith('no trained tokens') && w.includes('not found')), s.warnings.join('\n'));
      assert.ok(p.warnings.some((w) => w.includes('every previewed sample has zero trained tokens')));
    });

    it('transformers DataCollatorForLanguageModeling with pad == eos masks every EOS', async () => {
      const p = await previewMasking(base({ pipeline: { kind: 'transformers-lm' }, padEqualsEos: true, addSpecialTokens: false }), { store });
      const s = only(p);
      const eos = s.tokens.filter((t) => t.text === EOS[family.key]);
      assert.ok(eos.length >= 4, `expected EOS tokens, got ${eos.length}`);
      assert.ok(eos.every((t) => t.label === -100));
      assert.ok(s.tokens.slice(1).filter((t) => t.text !== EOS[family.key]).every((t) => t.label === t.id));
      assert.ok(s.warnings.some((w) => w.startsWith('final end-of-turn')), s.warnings.join('\n'));
      assert.ok(p.warnings.some((w) => w.includes('pad token == EOS')));
    });

    it('flags a double BOS when rendered text is tokenized with special tokens', async () => {
      const plain = only(await previewMasking(base({ pipeline: { kind: 'transformers-lm' } }), { store }));
      const guarded = only(await previewMasking(base({}), { store }));
      const hasBos = family.key !== 'qwen3';
      assert.equal(plain.warnings.some((w) => w.startsWith('double BOS')), hasBos, plain.warnings.join('\n'));
      if (hasBos) assert.equal(plain.tokens[0].id, plain.tokens[1].id);
      // Unsloth's double-BOS guard tokenizes without special tokens.
      assert.ok(!guarded.warnings.some((w) => w.startsWith('double BOS')));
      const forced = only(await previewMasking(base({ addSpecialTokens: true }), { store }));
      assert.equal(forced.warnings.some((w) => w.startsWith('double BOS')), hasBos);
    });

    it('warns when truncation cuts the response, and when it removes every trained token', async () => {
      const full = only(await previewMasking(base({}), { store }));
      const cut = only(await previewMasking(base({ maxLength: full.total - 3 }), { store }));
      assert.equal(cut.truncated, true);
      assert.equal(cut.total, full.total - 3);
      assert.ok(cut.warnings.some((w) => w.startsWith('response cut by truncation')), cut.warnings.join('\n'));
      const header = cut.tokens.findIndex((t) => t.label !== -100);
      const early = only(await previewMasking(base({ maxLength: header - 1 }), { store }));
      assert.equal(early.trained, 0);
      assert.ok(early.warnings.some((w) => w.includes('removed every trained token')), early.warnings.join('\n'));
    });

    it('flags a response marker inside user text', async () => {
      const m = markersFor(family.template)!;
      const messages = [
        { role: 'user', content: `Explain this prompt format: ${m.responsePart}fake answer` },
        { role: 'assistant', content: 'It is a chat header.' },
      ];
      const s = only(await previewMasking(base({ rows: [{ row: 3, messages }] }), { store }));
      assert.equal(s.row, 3);
      assert.ok(s.warnings.some((w) => w.startsWith('marker') && w.includes('user message #0')), s.warnings.join('\n'));
    });
  });
}

describe('masking: Unsloth trains what follows an assistant turn up to the next user marker', () => {
  it('flags a tool result that lands inside a trained span (llama-3.1 ipython turn)', async () => {
    const messages = [
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'weather', arguments: { city: 'Paris' } } }] },
      { role: 'tool', content: 'Sunny, 24 degrees' },
      { role: 'assistant', content: 'It is sunny.' },
    ];
    const p = await previewMasking({
      rows: [{ row: 0, messages }],
      tokenizer: { modelId: FAMILIES[0].modelId },
      template: { name: 'llama-3.1' },
      pipeline: { kind: 'unsloth-responses-only' },
    }, { store: fakeHfCache().store });
    const s = only(p);
    assert.ok(trainedRuns(s)[0].includes('<|start_header_id|>ipython<|end_header_id|>\n\nSunny, 24 degrees'), trainedRuns(s).join(' | '));
    assert.ok(s.warnings.includes('text of the tool message #2 is trained'), s.warnings.join('\n'));
  });

  it('flags an instruction marker inside assistant text, which ends the trained span early', async () => {
    const messages = [
      { role: 'user', content: 'Show the ChatML user header.' },
      { role: 'assistant', content: 'It is <|im_start|>user\n followed by the text.' },
    ];
    const s = only(await previewMasking({
      rows: [{ row: 0, messages }],
      tokenizer: { modelId: 'Qwen/Qwen3-8B' },
      template: { name: 'qwen3' },
      pipeline: { kind: 'unsloth-responses-only' },
    }, { store: fakeHfCache().store }));
    assert.deepEqual(trainedRuns(s), ['<think>\n\n</think>\n\nIt is ']);
    assert.ok(s.warnings.some((w) => w.includes('inside the assistant message #1: its trained span ends there')), s.warnings.join('\n'));
  });

  it('force_match: exact marker tokens by default; the older core matching survives a merged newline', async () => {
    const messages = [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: '\nHello' }];
    const run = async (forceMatch?: boolean) => only(await previewMasking({
      rows: [{ row: 0, messages }],
      tokenizer: { modelId: 'Qwen/Qwen3-8B' },
      template: { name: 'chatml' },
      pipeline: { kind: 'unsloth-responses-only', forceMatch },
    }, { store: fakeHfCache().store }));
    const exact = await run();
    assert.equal(exact.trained, 0);
    assert.ok(exact.warnings.some((w) => w.includes('tokens differ in context')), exact.warnings.join('\n'));
    assert.deepEqual(trainedRuns(await run(false)), ['\n\nHello<|im_end|>\n']);
  });
});
