import assert from 'node:assert/strict';
import { previewMasking } from '../../../server/src/engine/masking/preview';
import type { MaskingPlan, MaskingPipeline, PlanRow } from '../../../server/src/engine/masking/types';
import { CONVERSATION, fakeHfCache, only, trainedRuns } from './fixtures';

const LLAMA = 'meta-llama/Llama-3.1-8B-Instruct';
const QWEN = 'Qwen/Qwen3-8B';

function plan(modelId: string, pipeline: MaskingPipeline, rows: PlanRow[], over: Partial<MaskingPlan> = {}): MaskingPlan {
  return { rows, tokenizer: { modelId }, pipeline, ...over };
}

const GENERATION_TEMPLATE = `{{- bos_token }}{%- for m in messages %}{{- '<|start_header_id|>' + m.role + '<|end_header_id|>\\n\\n' }}{%- if m.role == 'assistant' %}{%- generation %}{{- m.content + '<|eot_id|>' }}{%- endgeneration %}{%- else %}{{- m.content + '<|eot_id|>' }}{%- endif %}{%- endfor %}`;

describe('masking: TRL SFTTrainer by version', () => {
  const { store } = fakeHfCache();
  const chat = [{ row: 0, messages: CONVERSATION }];

  it('TRL 1.9 conversational rows: everything trained, no added BOS, no EOS appended', async () => {
    const s = only(await previewMasking(plan(LLAMA, { kind: 'trl-sft', trlVersion: '1.9.0' }, chat, { template: { name: 'llama-3.1' } }), { store }));
    assert.equal(s.tokens[0].text, '<|begin_of_text|>');
    assert.notEqual(s.tokens[1].text, '<|begin_of_text|>');
    assert.equal(s.tokens[0].label, -100); // position 0 is never a target
    assert.equal(s.trained, s.total - 1);
    assert.equal(s.tokens[s.total - 1].text, '<|eot_id|>');
    assert.deepEqual(s.warnings, []);
  });

  it('TRL 0.15 re-tokenizes rendered chats with special tokens: double BOS', async () => {
    const s = only(await previewMasking(plan(LLAMA, { kind: 'trl-sft', trlVersion: '0.15.2' }, chat, { template: { name: 'llama-3.1' } }), { store }));
    assert.ok(s.warnings.some((w) => w.startsWith('double BOS')), s.warnings.join('\n'));
  });

  it('TRL 0.16 appends the EOS id, even after the template end of turn', async () => {
    const s = only(await previewMasking(plan(QWEN, { kind: 'trl-sft', trlVersion: '0.16.1' }, chat), { store }));
    assert.deepEqual(s.tokens.slice(-3).map((t) => t.text), ['<|im_end|>', '\n', '<|im_end|>']);
  });

  it('TRL 0.17+ appends the EOS string to text rows unless present', async () => {
    const rows = [{ row: 0, text: 'Hello world' }, { row: 1, text: 'Done<|im_end|>' }];
    const p = await previewMasking(plan(QWEN, { kind: 'trl-sft', trlVersion: '0.17.0' }, rows), { store });
    assert.deepEqual(p.samples.map((s) => s.tokens.map((t) => t.text)), [['Hello', ' world', '<|im_end|>'], ['Done', '<|im_end|>']]);
    const old = only(await previewMasking(plan(QWEN, { kind: 'trl-sft', trlVersion: '0.14.0' }, rows.slice(0, 1)), { store }));
    assert.ok(old.warnings.some((w) => w.startsWith('no EOS')), old.warnings.join('\n'));
  });

  it('completion_only_loss masks the prompt; TRL 0.19–0.23 also trains the assistant header', async () => {
    const row = { row: 0, prompt: [{ role: 'user', content: 'What is 2+2?' }], completion: [{ role: 'assistant', content: 'It is 4.' }] };
    const now = only(await previewMasking(plan(LLAMA, { kind: 'trl-sft', trlVersion: '0.24.0' }, [row], { template: { name: 'llama-3.1' } }), { store }));
    assert.deepEqual(trainedRuns(now), ['It is 4.<|eot_id|>']);
    assert.deepEqual(now.warnings, []);
    const mid = only(await previewMasking(plan(LLAMA, { kind: 'trl-sft', trlVersion: '0.21.0' }, [row], { template: { name: 'llama-3.1' } }), { store }));
    assert.deepEqual(trainedRuns(mid), ['<|start_header_id|>assistant<|end_header_id|>\n\nIt is 4.<|eot_id|>']);
    assert.ok(mid.warnings.some((w) => w.startsWith('the assistant header')), mid.warnings.join('\n'));
    const off = only(await previewMasking(plan(LLAMA, { kind: 'trl-sft', trlVersion: '0.24.0', completionOnlyLoss: false }, [row], { template: { name: 'llama-3.1' } }), { store }));
    assert.equal(off.trained, off.total - 1);
  });

  it('packing on TRL 0.17–0.19 drops the completion mask', async () => {
    const row = { row: 0, prompt: 'Q: 2+2? A:', completion: ' 4' };
    const p = await previewMasking(plan(QWEN, { kind: 'trl-sft', trlVersion: '0.18.0' }, [row], { packing: true }), { store });
    assert.equal(only(p).trained, only(p).total - 1);
    assert.ok(p.warnings.some((w) => w.startsWith('packing=True with TRL 0.18.0')));
    const fixed = await previewMasking(plan(QWEN, { kind: 'trl-sft', trlVersion: '0.20.0' }, [row], { packing: true }), { store });
    assert.deepEqual(trainedRuns(only(fixed)), [' 4<|im_end|>']);
  });

  it('plain prompt-completion rows train the completion plus EOS', async () => {
    const s = only(await previewMasking(plan(QWEN, { kind: 'trl-sft' }, [{ row: 0, prompt: 'Q: 2+2? A:', completion: ' 4' }]), { store }));
    assert.deepEqual(trainedRuns(s), [' 4<|im_end|>']);
  });

  it('a row with a prompt and no completion fails on TRL 0.17+ (KeyError) and is text on 0.16', async () => {
    const rows: PlanRow[] = [{ row: 0, text: 'Q: 2+2? A: 4', promptWithoutCompletion: true }];
    const p = await previewMasking(plan(QWEN, { kind: 'trl-sft', trlVersion: '0.19.1' }, rows), { store });
    const s = only(p);
    assert.equal(s.total, 0);
    assert.match(s.warnings.join('\n'), /KeyError: 'completion': TRL 0\.19\.1 reads a row with a "prompt" column/);
    assert.ok(!p.warnings.some((w) => w.includes('every previewed sample has zero trained tokens')), p.warnings.join('\n'));
    const old = only(await previewMasking(plan(QWEN, { kind: 'trl-sft', trlVersion: '0.16.1' }, rows), { store }));
    assert.ok(old.trained > 0, 'TRL 0.16 reads the text field');
  });

  it('assistant_only_loss without {% generation %}: zero trained on TRL 0.19, emulated training template on 1.9', async () => {
    const old = await previewMasking(plan(LLAMA, { kind: 'trl-sft', trlVersion: '0.19.0', assistantOnlyLoss: true }, chat, { template: { name: 'llama-3.1' } }), { store });
    assert.equal(only(old).trained, 0);
    assert.ok(old.warnings.some((w) => w.includes('RuntimeError')), old.warnings.join('\n'));
    const now = await previewMasking(plan(LLAMA, { kind: 'trl-sft', trlVersion: '1.9.0', assistantOnlyLoss: true }, chat, { template: { name: 'llama-3.1' } }), { store });
    assert.deepEqual(trainedRuns(only(now)), ['It is 4.<|eot_id|>', '6, of course.<|eot_id|>']);
    const chatml = await previewMasking(plan(QWEN, { kind: 'trl-sft', trlVersion: '1.9.0', assistantOnlyLoss: true }, chat, { template: { name: 'chatml' } }), { store });
    assert.equal(only(chatml).trained, 0);
    assert.ok(chatml.warnings.some((w) => w.includes('not training-compatible')));
  });

  it('assistant_only_loss with a {% generation %} template trains exactly the generation text', async () => {
    const s = only(await previewMasking(plan(LLAMA, { kind: 'trl-sft', trlVersion: '0.19.0', assistantOnlyLoss: true }, chat, { template: { source: GENERATION_TEMPLATE } }), { store }));
    assert.deepEqual(trainedRuns(s), ['It is 4.<|eot_id|>', '6, of course.<|eot_id|>']);
    const text = only(await previewMasking(plan(LLAMA, { kind: 'trl-sft', assistantOnlyLoss: true }, [{ row: 0, text: 'plain' }]), { store }));
    assert.ok(text.warnings[0].includes('not conversational'));
  });
});

describe('masking: DataCollatorForCompletionOnlyLM', () => {
  const { store } = fakeHfCache();
  const text = '### Question: 2+2?\n### Answer: 4\n### Question: 3+3?\n### Answer: 6';

  it('single-template mode trains only after the last response template', async () => {
    const s = only(await previewMasking(plan(LLAMA, { kind: 'completion-only-collator', responseTemplate: '### Answer:', trlVersion: '0.19.1' }, [{ row: 0, text }]), { store }));
    assert.deepEqual(trainedRuns(s), [' 6<|eot_id|>']);
  });

  it('instruction mode trains every answer up to the next instruction', async () => {
    const s = only(await previewMasking(plan(LLAMA, { kind: 'completion-only-collator', responseTemplate: '### Answer:', instructionTemplate: '### Question:', trlVersion: '0.19.1' }, [{ row: 0, text }]), { store }));
    assert.deepEqual(trainedRuns(s), [' 4\n', ' 6<|eot_id|>']);
  });

  it('warns when the response key is missing, when the collator no longer exists, and on pad == eos', async () => {
    const p = await previewMasking(plan(LLAMA, { kind: 'completion-only-collator', responseTemplate: '### Reply:', instructionTemplate: '### Question:', trlVersion: '0.20.0' }, [{ row: 0, text }], { padEqualsEos: true }), { store });
    const s = only(p);
    assert.equal(s.trained, 0);
    assert.ok(s.warnings.some((w) => w.includes('Could not find response key `### Reply:`')), s.warnings.join('\n'));
    assert.ok(p.warnings.some((w) => w.includes('removed in TRL 0.20')));
    assert.ok(p.warnings.some((w) => w.startsWith('The pad_token_id and eos_token_id values of this tokenizer are identical')));
  });
});

describe('masking: pre-computed labels', () => {
  const { store } = fakeHfCache();
  it('keeps the given labels and flags trained trailing padding', async () => {
    const ids = [128000, 9906, 1917, 128009, 128009, 128009];
    const s = only(await previewMasking(plan(LLAMA, { kind: 'precomputed-labels' }, [{ row: 0, inputIds: ids, labels: [...ids] }], { padEqualsEos: true }), { store }));
    assert.deepEqual(s.tokens.map((t) => t.text), ['<|begin_of_text|>', 'Hello', ' world', '<|eot_id|>', '<|eot_id|>', '<|eot_id|>']);
    assert.equal(s.trained, 5);
    assert.ok(s.warnings.includes('2 trailing pad tokens are trained'), s.warnings.join('\n'));
  });
});
