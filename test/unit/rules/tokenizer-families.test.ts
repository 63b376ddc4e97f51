/** The tokenizer family table behind TL102, TL107, TL109, TL202 and TL203: ids map to the facts the rules rely on. */
import assert from 'node:assert/strict';
import {
  baseWithoutChatTemplate, chatCheckpointWithTemplate, hubIdOfCachedSnapshot, isChatTunedModelId, isLocalPath,
  shipsWithoutEosToken, shipsWithoutPadToken, tokenizerFamily,
} from '../../../server/src/engine/domain/tokenizer-families';

describe('tokenizer families', () => {
  it('recognises the families that ship without a pad token', () => {
    for (const id of ['meta-llama/Llama-2-7b-hf', 'meta-llama/Meta-Llama-3-8B', 'meta-llama/Llama-3.1-8B-Instruct',
      'mistralai/Mistral-7B-v0.1', 'gpt2', 'openai-community/gpt2', 'tiiuae/falcon-7b', 'EleutherAI/pythia-1b', 'microsoft/phi-2']) {
      assert.ok(shipsWithoutPadToken(id), id);
    }
    for (const id of ['meta-llama/Llama-3.2-11B-Vision', 'meta-llama/Llama-3.2-90B-Vision-Instruct', 'Qwen/Qwen2.5-0.5B', 'google/gemma-2-9b', 'microsoft/Phi-3-mini-4k-instruct', 'facebook/opt-350m',
      'unsloth/llama-3-8b', 'unsloth/mistral-7b-v0.3', './llama-2-finetuned', 'some/unknown-model']) {
      assert.equal(shipsWithoutPadToken(id), undefined, id);
    }
  });

  it('suggests a dedicated pad token where one exists', () => {
    assert.deepEqual(tokenizerFamily('meta-llama/Llama-3.1-8B')?.padSuggestion, { token: '<|finetune_right_pad_id|>' });
    assert.deepEqual(tokenizerFamily('meta-llama/Meta-Llama-3-8B')?.padSuggestion, { attribute: 'eos_token' });
    assert.deepEqual(tokenizerFamily('meta-llama/Llama-2-7b-hf')?.padSuggestion, { attribute: 'unk_token' });
  });

  it('knows which base checkpoints ship no chat template', () => {
    assert.ok(baseWithoutChatTemplate('meta-llama/Llama-3.2-1B'));
    assert.ok(baseWithoutChatTemplate('unsloth/Meta-Llama-3.1-8B'));
    assert.equal(baseWithoutChatTemplate('meta-llama/Llama-3.2-1B-Instruct'), undefined);
    assert.equal(baseWithoutChatTemplate('google/gemma-2-9b-it'), undefined);
    assert.equal(baseWithoutChatTemplate('Qwen/Qwen2.5-1.5B'), undefined, 'Qwen base tokenizers carry a template');
    assert.equal(baseWithoutChatTemplate('/models/llama-3-8b'), undefined, 'local checkpoints are unknown');
  });

  it('separates chat-tuned ids and local paths', () => {
    assert.ok(isChatTunedModelId('google/gemma-3-4b-it'));
    assert.ok(isChatTunedModelId('HuggingFaceH4/zephyr-7b-beta'));
    assert.ok(!isChatTunedModelId('meta-llama/Llama-3.1-8B'));
    assert.ok(isLocalPath('./out/checkpoint-100') && isLocalPath('/data/llama') && isLocalPath('~/m') && !isLocalPath('gpt2'));
  });

  it('marks SentencePiece prefix tokenizers and padded embeddings', () => {
    assert.ok(tokenizerFamily('meta-llama/Llama-2-7b-hf')?.sentencePiecePrefix);
    assert.ok(tokenizerFamily('mistralai/Mistral-7B-Instruct-v0.2')?.sentencePiecePrefix);
    assert.ok(!tokenizerFamily('meta-llama/Meta-Llama-3-8B')?.sentencePiecePrefix);
    assert.ok(tokenizerFamily('Qwen/Qwen2.5-7B')?.embeddingPadded);
    assert.ok(!tokenizerFamily('meta-llama/Llama-2-7b-hf')?.embeddingPadded);
  });
  it("tells Qwen's first models (QWenTokenizer: no pad, no EOS token) from Qwen1.5 and later", () => {
    for (const id of ['Qwen/Qwen-7B', 'Qwen/Qwen-1_8B-Chat', 'Qwen/Qwen-14B-Chat-Int4', 'Qwen/Qwen-72B', 'Qwen/Qwen-VL-Chat',
      'cache/models--Qwen--Qwen-1_8B-Chat/snapshots/1d0f68de57b88cfde81f3c3e537f24464d889081']) {
      assert.equal(shipsWithoutEosToken(id)?.name, 'qwen-v1', id);
    }
    for (const id of ['Qwen/Qwen2-7B-Instruct', 'Qwen/Qwen1.5-7B-Chat', 'Qwen/Qwen2.5-VL-7B-Instruct', 'Qwen/Qwen3-8B',
      'someone/Qwen-7B-finetune', './Qwen-7B', 'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B', undefined]) {
      assert.equal(shipsWithoutEosToken(id), undefined, String(id));
    }
    assert.ok(shipsWithoutPadToken('Qwen/Qwen-7B-Chat'));
    assert.equal(tokenizerFamily('deepseek-ai/DeepSeek-R1-Distill-Qwen-7B')?.name, 'qwen', 'a Qwen2.5 distill, not Qwen v1');
    assert.equal(shipsWithoutPadToken('Qwen/Qwen2.5-7B-Instruct'), undefined);
    assert.equal(chatCheckpointWithTemplate('Qwen/Qwen-7B-Chat'), undefined, 'no chat template known for Qwen v1');
    assert.equal(hubIdOfCachedSnapshot('/root/.cache/huggingface/hub/models--Qwen--Qwen-7B/snapshots/abc/'), 'Qwen/Qwen-7B');
    assert.equal(hubIdOfCachedSnapshot('Qwen/Qwen-7B'), 'Qwen/Qwen-7B');
  });
});
