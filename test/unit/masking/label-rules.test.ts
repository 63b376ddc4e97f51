import assert from 'node:assert/strict';
import { completionOnlyLabels } from '../../../server/src/engine/masking/pipelines/completion-collator';
import { trlBehaviour } from '../../../server/src/engine/masking/pipelines/trl-encode';
import { responsesOnlyLabels } from '../../../server/src/engine/masking/pipelines/unsloth';

const X = -100;

describe('masking: label rules on token ids', () => {
  // ids: 1 = BOS, 7 8 = instruction marker, 9 = response marker, 4 = end of turn
  const ids = [1, 7, 8, 20, 21, 4, 9, 30, 31, 4, 7, 8, 22, 4, 9, 32, 4];

  it('Unsloth: from after each response marker to before the next instruction marker, or the end', () => {
    const instr = { text: 'U', core: [7, 8], left: [], right: [] };
    const resp = { text: 'A', core: [9], left: [], right: [] };
    assert.deepEqual(responsesOnlyLabels(ids, ids, instr, resp, false), [X, X, X, X, X, X, X, 30, 31, 4, X, X, X, X, X, 32, 4]);
    assert.deepEqual(responsesOnlyLabels(ids, ids, instr, resp, true), [X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, 32, 4]);
    // force_match=False: optional neighbours are absorbed (right of the response, left of the instruction).
    const withOpt = { text: 'A', core: [9], left: [], right: [30] };
    const instrOpt = { text: 'U', core: [8], left: [7], right: [] };
    assert.deepEqual(responsesOnlyLabels(ids, ids, instrOpt, withOpt, false).slice(6, 11), [X, X, 31, 4, X]);
  });

  it('DataCollatorForCompletionOnlyLM: last response only, or instruction/response pairing', () => {
    assert.deepEqual(completionOnlyLabels(ids, [9]).labels, [X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, 32, 4]);
    assert.deepEqual(completionOnlyLabels(ids, [9], [7, 8]).labels, [X, X, X, X, X, X, X, 30, 31, 4, X, X, X, X, X, 32, 4]);
    const noResponse = completionOnlyLabels(ids, [99]);
    assert.equal(noResponse.missing, 'response');
    assert.ok(noResponse.labels.every((l) => l === X));
    // More instructions than responses: the trailing instruction is masked to the end.
    const tail = [...ids, 7, 8, 23];
    assert.deepEqual(completionOnlyLabels(tail, [9], [7, 8]).labels.slice(-3), [X, X, X]);
  });

  it('knows TRL behaviour by version', () => {
    assert.equal(trlBehaviour('0.8.6').chatWithSpecialTokens, true);
    assert.equal(trlBehaviour('0.12.0').chatWithSpecialTokens, false);
    assert.equal(trlBehaviour('0.15.2').chatWithSpecialTokens, true);
    assert.equal(trlBehaviour('0.16.0').textEos, 'id');
    assert.equal(trlBehaviour('0.17.0').textEos, 'string');
    assert.equal(trlBehaviour('0.20.0').promptWithGenerationPrompt, false);
    assert.equal(trlBehaviour('0.24.0').promptWithGenerationPrompt, true);
    assert.equal(trlBehaviour('0.19.1').hasCompletionOnlyCollator, true);
    assert.equal(trlBehaviour('0.20.0').hasCompletionOnlyCollator, false);
    assert.equal(trlBehaviour(undefined).dropsFullyMasked, true);
  });
});
