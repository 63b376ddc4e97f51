/**
 * The masking preview's first paint: with a large tokenizer on disk but not loaded yet (Gemma 3's
 * tokenizer.json is 33 MB), the preview answers at once with approximate tokens and says the real
 * ones are loading; asked again, it has them.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initParser, documentFor, ParsedScript } from '../../../server/src/engine/index';
import { DataSourceCache } from '../../../server/src/engine/data/cache';
import { Environment } from '../../../server/src/engine/env/versions';
import { previewWithData } from '../../../server/src/engine/masking/preview-with-data';
import { TokenizerStore } from '../../../server/src/engine/masking/tokenizer-store';
import { fakeHfCache } from './fixtures';

const SCRIPT = [
  'from datasets import Dataset',
  'from transformers import AutoTokenizer',
  'from trl import SFTTrainer, SFTConfig',
  'tokenizer = AutoTokenizer.from_pretrained("google/gemma-3-4b-it")',
  'dataset = Dataset.from_list([{"messages": [{"role": "user", "content": "What is 2+2?"}, {"role": "assistant", "content": "It is 4."}]}])',
  'trainer = SFTTrainer(model="google/gemma-3-4b-it", processing_class=tokenizer, train_dataset=dataset, args=SFTConfig(output_dir="o", assistant_only_loss=True))',
  '',
].join('\n');

describe('masking preview: first paint before the tokenizer is loaded', function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => { await initParser(); dir = mkdtempSync(join(tmpdir(), 'trainlint-first-paint-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function preview(store: TokenizerStore, firstPaint: boolean) {
    const path = join(dir, 'train.py');
    writeFileSync(path, SCRIPT);
    const doc = documentFor(path, SCRIPT);
    const script = ParsedScript.parse(doc.text);
    const access = { workspaceRoots: [dir], hfCacheRoots: [], trusted: true };
    try {
      return await previewWithData({ doc, script, cwd: dir, tokenizers: store, env: new Environment(), data: new DataSourceCache({ maxRows: 5, access }) }, { rows: 1, firstPaint, access });
    } finally {
      script.dispose();
    }
  }

  it('answers at once with approximate tokens and names the tokenizer that is loading, then gives the real tokens', async () => {
    const { home } = fakeHfCache();
    const store = new TokenizerStore({ env: { HF_HOME: home }, homeDir: join(home, 'nohome') });
    const first = await preview(store, true);
    assert.ok('samples' in first, JSON.stringify(first));
    assert.equal(first.approximate, true);
    assert.equal(first.tokensPending, 'google/gemma-3-4b-it');
    assert.match(first.warnings.join('\n'), /tokenizer of google\/gemma-3-4b-it is loading/);
    assert.ok(first.samples[0].trained > 0, 'the structure is there: the assistant turn is trained');
    const full = await preview(store, false);
    assert.ok('samples' in full);
    assert.equal(full.approximate, false);
    assert.equal(full.tokensPending, undefined);
    assert.match(full.tokenizer, /gemma-3-4b-it/);
    // Once loaded, even a first-paint request has the real tokens: no second round trip.
    const again = await preview(store, true);
    assert.ok('samples' in again && !again.approximate && again.tokensPending === undefined);
  });

  it('does not promise real tokens when there is no tokenizer on disk', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'trainlint-no-hf-'));
    try {
      const store = new TokenizerStore({ env: { HF_HOME: empty }, homeDir: join(empty, 'nohome') });
      const r = await preview(store, true);
      assert.ok('samples' in r);
      assert.equal(r.tokensPending, undefined);
      assert.ok(r.tokenizerMissing, 'says which tokenizer is missing instead');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
