/** The model-family table (TL402 target modules, TL403 bf16-native): ids → families, names, flags. */
import assert from 'node:assert/strict';
import { familyOf, knownModuleNames, misspelledModuleName } from '../../../server/src/engine/domain/model-families';
import { markersForModelId } from '../../../server/src/engine/chat/markers';
import { editDistance } from '../../../server/src/engine/lint/spelling';

const LLAMA = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'];

describe('model families', () => {
  const cases: Array<[string, string | undefined]> = [
    ['meta-llama/Llama-2-7b-hf', 'llama-2'],
    ['meta-llama/Meta-Llama-3-8B', 'llama-3'],
    ['meta-llama/Llama-3.1-8B-Instruct', 'llama-3'],
    ['unsloth/Llama-3.2-1B-Instruct-bnb-4bit', 'llama-3'],
    ['huggyllama/llama-30b', 'llama'],
    ['TinyLlama/TinyLlama-1.1B-Chat-v1.0', 'llama-2'],
    ['mistralai/Mistral-7B-v0.1', 'mistral'],
    ['mistralai/Mixtral-8x7B-v0.1', 'mixtral'],
    ['Qwen/Qwen-7B', 'qwen'],
    ['Qwen/Qwen1.5-7B', 'qwen2'],
    ['Qwen/Qwen2-7B', 'qwen2'],
    ['Qwen/Qwen2.5-0.5B-Instruct', 'qwen2.5'],
    ['unsloth/Qwen3-14B', 'qwen3'],
    ['deepseek-ai/DeepSeek-R1-Distill-Qwen-32B', 'qwen2.5'],
    ['google/gemma-7b', 'gemma'],
    ['google/gemma-2-9b', 'gemma'],
    ['unsloth/gemma-3-4b-it', 'gemma-3'],
    // MedGemma is Gemma 3 (its 4B id is not Gemma 4); Gemma 4's own ids.
    ['google/medgemma-4b-it', 'gemma-3'],
    ['unsloth/medgemma-4b-it-unsloth-bnb-4bit', 'gemma-3'],
    ['google/medgemma-27b-text-it', 'gemma-3'],
    ['google/medgemma-1.5-4b-it', 'gemma-3'],
    ['unsloth/gemma-4-E4B-it', 'gemma-4'],
    ['google/gemma-4-31B-it', 'gemma-4'],
    ['microsoft/phi-2', 'phi-2'],
    ['microsoft/Phi-3-mini-4k-instruct', 'phi-3'],
    ['microsoft/phi-4', 'phi-3'],
    ['unsloth/Phi-4', 'phi-3-llamafied'],
    ['openai-community/gpt2', 'gpt2'],
    ['distilgpt2', 'gpt2'],
    ['EleutherAI/pythia-1b', 'gpt_neox'],
    ['EleutherAI/gpt-neox-20b', 'gpt_neox'],
    ['EleutherAI/gpt-j-6b', 'gptj'],
    ['EleutherAI/gpt-neo-1.3B', 'gpt_neo'],
    ['tiiuae/falcon-7b', 'falcon'],
    ['tiiuae/Falcon3-7B-Instruct', 'falcon3'],
    ['facebook/opt-350m', 'opt'],
    ['google/flan-t5-base', 't5'],
    ['t5-small', 't5'],
    ['bert-base-uncased', 'bert'],
    ['FacebookAI/roberta-base', 'roberta'],
    ['roberta-base', 'roberta'],
    ['FacebookAI/xlm-roberta-large', 'roberta'],
    ['camembert-base', 'roberta'],
    ['google/electra-base-discriminator', 'roberta'],
    ['google-bert/bert-base-cased', 'bert'],
    ['microsoft/deberta-v3-base', 'deberta-v2'],
    ['distilbert-base-uncased', 'distilbert'],
    ['bigscience/bloom-560m', 'bloom'],
    // fine-tunes whose id does not name the base (model cards read, session 25)
    ['epfl-llm/meditron-7b', 'llama-2'],
    ['epfl-llm/meditron-70b', 'llama-2'],
    ['/home/ubuntu/meditron-medmcqa-finetune/models/meditron-7b', 'llama-2'],
    ['upstage/SOLAR-10.7B-Instruct-v1.0', 'solar'],
    ['unsloth/solar-10.7b-bnb-4bit', 'solar'],
    ['NousResearch/Nous-Hermes-2-SOLAR-10.7B', 'solar'],
    ['01-ai/Yi-6B-Chat', 'yi'],
    ['01-ai/Yi-1.5-9B-Chat', 'yi'],
    ['NousResearch/Nous-Hermes-2-Yi-34B', 'yi'],
    ['Nexusflow/Starling-LM-7B-beta', 'mistral'],
    ['berkeley-nest/Starling-LM-7B-alpha', 'mistral'],
    ['unsloth/zephyr-sft-bnb-4bit', 'mistral'],
    ['BioMistral/BioMistral-7B', 'mistral'],
    ['aaditya/Llama3-OpenBioLLM-8B', 'llama-3'],
    ['lmsys/vicuna-7b-v1.5', 'llama-2'],
    ['teknium/OpenHermes-2.5-Mistral-7B', 'mistral'],
    // near misses: another line under the same name, or a base the id does not prove
    ['OpenMeditron/Meditron3-8B', undefined],
    ['EPFLiGHT/Meditron3-Gemma2-9B', 'gemma'],
    ['01-ai/Yi-VL-6B', undefined],
    ['upstage/solar-pro-preview-instruct', undefined],
    ['stabilityai/stablelm-zephyr-3b', undefined],
    ['WizardLMTeam/WizardLM-13B-V1.2', undefined],
    ['cognitivecomputations/dolphin-2.9-llama3-8b', 'llama-3'],
    ['kiyi-7b', undefined],
    // unknown on purpose: multimodal, different layouts, local paths
    ['Qwen/Qwen3-VL-30B-A3B-Instruct', undefined],
    ['meta-llama/Llama-4-Scout-17B-16E-Instruct', undefined],
    ['HuggingFaceTB/SmolVLM-Instruct', undefined],
    // bf16-native families without module names (session 27)
    ['Qwen/Qwen2.5-VL-7B-Instruct', 'qwen2.5-vl'],
    ['unsloth/Qwen2.5-VL-3B-Instruct-bnb-4bit', 'qwen2.5-vl'],
    ['Qwen/Qwen2-VL-2B-Instruct', 'qwen2-vl'],
    ['Qwen/Qwen3-VL-8B-Instruct', undefined],
    ['google/gemma-3n-E4B-it', 'gemma-3n'],
    ['unsloth/gemma-3n-E2B-it', 'gemma-3n'],
    ['openai/gpt-oss-20b', 'gpt-oss'],
    ['unsloth/gpt-oss-120b-unsloth-bnb-4bit', 'gpt-oss'],
    ['meta-llama/Llama-3.2-11B-Vision-Instruct', undefined],
    ['microsoft/Phi-3-small-8k-instruct', undefined],
    ['albert-base-v2', undefined],
    ['answerdotai/ModernBERT-base', undefined],
    ['./checkpoints/final', undefined],
  ];
  for (const [id, name] of cases) {
    it(`${id} → ${name ?? 'unknown'}`, () => assert.equal(familyOf(id)?.name, name));
  }

  it('Unsloth loads of Phi-3 accept the llamafied names as well as the fused ones', () => {
    const f = familyOf('microsoft/Phi-3-mini-4k-instruct', true)!;
    for (const n of [...LLAMA, 'qkv_proj', 'gate_up_proj']) assert.ok(f.linear!.includes(n), n);
    assert.ok(!familyOf('microsoft/Phi-3-mini-4k-instruct')!.linear!.includes('q_proj'));
  });

  it('module names per family', () => {
    assert.deepEqual([...familyOf('meta-llama/Llama-3.1-8B')!.linear!], LLAMA);
    assert.deepEqual([...familyOf('gpt2')!.linear!], ['c_attn', 'c_proj', 'c_fc']);
    assert.deepEqual([...familyOf('EleutherAI/pythia-410m')!.linear!], ['query_key_value', 'dense', 'dense_h_to_4h', 'dense_4h_to_h']);
    assert.deepEqual([...familyOf('facebook/opt-1.3b')!.linear!], ['q_proj', 'k_proj', 'v_proj', 'out_proj', 'fc1', 'fc2']);
    assert.deepEqual([...familyOf('google/flan-t5-large')!.linear!], ['q', 'k', 'v', 'o', 'wi', 'wo', 'wi_0', 'wi_1']);
    assert.deepEqual([...familyOf('bert-base-cased')!.linear!], ['query', 'key', 'value', 'dense']);
    assert.deepEqual([...familyOf('microsoft/Phi-3.5-mini-instruct')!.linear!], ['qkv_proj', 'o_proj', 'gate_up_proj', 'down_proj']);
    assert.deepEqual([...familyOf('microsoft/phi-2')!.linear!], ['q_proj', 'k_proj', 'v_proj', 'dense', 'fc1', 'fc2']);
    // heads and embeddings are valid targets too
    const known = knownModuleNames(familyOf('Qwen/Qwen2.5-7B')!)!;
    for (const n of ['lm_head', 'embed_tokens', 'score']) assert.ok(known.has(n), n);
    assert.equal(knownModuleNames({ name: 'x', display: 'x', bf16Native: false, padToken: false }), undefined);
    // the bf16-only rows list no module names: TL402 stays quiet on them
    for (const id of ['Qwen/Qwen2.5-VL-7B-Instruct', 'google/gemma-3n-E4B-it', 'openai/gpt-oss-20b']) assert.equal(knownModuleNames(familyOf(id)!), undefined, id);
  });

  it('bf16-native families (RULES.md: Gemma, Gemma 3n, Llama 3, Qwen 2.5+, the Qwen VL lines, gpt-oss)', () => {
    for (const id of ['google/gemma-2-9b', 'unsloth/gemma-3-4b-it', 'meta-llama/Llama-3.2-3B', 'Qwen/Qwen2.5-7B', 'Qwen/Qwen3-8B',
      'Qwen/Qwen2-VL-7B-Instruct', 'Qwen/Qwen2.5-VL-7B-Instruct', 'google/gemma-3n-E4B-it', 'openai/gpt-oss-20b']) {
      assert.equal(familyOf(id)?.bf16Native, true, id);
    }
    for (const id of ['meta-llama/Llama-2-7b-hf', 'mistralai/Mistral-7B-v0.1', 'Qwen/Qwen2-7B', 'gpt2', 'facebook/opt-350m', 'tiiuae/falcon-7b']) {
      assert.equal(familyOf(id)?.bf16Native, false, id);
    }
  });

  it('pad tokens of the original tokenizers', () => {
    for (const id of ['meta-llama/Llama-2-7b-hf', 'meta-llama/Llama-3.1-8B', 'mistralai/Mistral-7B-v0.1', 'gpt2', 'EleutherAI/pythia-1b', 'tiiuae/falcon-7b', 'microsoft/phi-2']) {
      assert.equal(familyOf(id)?.padToken, false, id);
    }
    for (const id of ['Qwen/Qwen2.5-7B', 'google/gemma-2-9b', 'facebook/opt-350m', 't5-base', 'bert-base-uncased', 'bigscience/bloom-560m']) {
      assert.equal(familyOf(id)?.padToken, true, id);
    }
  });
  it('modules_to_save entries that misspell a module name (PEFT matches them as path suffixes)', () => {
    const wrong = (id: string, entry: string) => misspelledModuleName(entry, familyOf(id)!, editDistance);
    assert.equal(wrong('Qwen/Qwen2-7B', 'embed_token'), 'embed_tokens');
    assert.equal(wrong('Qwen/Qwen2-7B', 'model.embed_token'), 'embed_tokens');
    assert.equal(wrong('gpt2', 'lm_heads'), 'lm_head');
    assert.equal(wrong('bert-base-uncased', 'word_embedding'), 'word_embeddings');
    assert.equal(wrong('bert-base-uncased', 'classifer'), 'classifier');
    // a suffix of a real name, a container or norm the table does not list, a layer index, a regex: no answer
    for (const e of ['embed_tokens', 'tokens', 'head', 'norm', 'input_layernorm', 'layers.0', 'model.norm', '.*embed_token']) {
      assert.equal(wrong('meta-llama/Llama-3.1-8B', e), undefined, e);
    }
    for (const e of ['encoder', 'embeddings', 'LayerNorm', 'decoder']) assert.equal(wrong('bert-base-uncased', e), undefined, e);
  });
  it('chat markers guessed from a model id: MedGemma 4B is Gemma 3, Code Llama 34B is not Llama 3', () => {
    assert.equal(markersForModelId('google/medgemma-4b-it')?.name, 'gemma-3');
    assert.equal(markersForModelId('unsloth/gemma-4-E4B-it')?.name, 'gemma-4');
    assert.equal(markersForModelId('google/gemma-3-4b-it')?.name, 'gemma-3');
    assert.notEqual(markersForModelId('codellama/CodeLlama-34b-Instruct-hf')?.name, 'llama-3.1');
    assert.equal(markersForModelId('meta-llama/Llama-3.1-8B-Instruct')?.name, 'llama-3.1');
  });
});
