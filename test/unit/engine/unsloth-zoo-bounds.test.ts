/**
 * An exact unsloth_zoo pin bounds the transformers and TRL a project that pins neither runs (unslothai/unsloth-zoo
 * `pyproject.toml` `[project] dependencies` per release; fahmiaziz98/function-call-fine-tuning `requirements-training.txt`).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { discoverEnvironment } from '../../../server/src/engine/env/discover';
import { describeVersion } from '../../../server/src/engine/env/versions';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-zoo-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('unsloth_zoo pins bound transformers and TRL', () => {
  it('unsloth_zoo==2026.1.4 with transformers unpinned: transformers ≤ 4.57.6 (never 5.x), TRL ≤ 0.24.0', () => {
    const dir = project({ 'requirements-training.txt': 'unsloth==2026.1.4\nunsloth_zoo==2026.1.4\npeft==0.18.0\n' });
    const env = discoverEnvironment({ scriptDir: dir, workspaceRoot: dir, env: {} });
    assert.equal(env.get('transformers')?.specifier, '>=4.51.3,<=4.57.6');
    assert.match(describeVersion('transformers', env.get('transformers')!), /as unsloth_zoo 2026\.1\.4 is pinned \(requirements-training\.txt\), which requires that/);
    assert.equal(env.gate('transformers', { from: '5.0' }), 'unaffected');
    assert.equal(env.gate('transformers', { from: '4.46' }), 'affected');
    assert.equal(env.gate('trl', { from: '0.25' }), 'unaffected');
  });

  it('a release whose cap reaches transformers 5 leaves a 5.0 gate unknown; a pin of transformers itself wins', () => {
    const newer = project({ 'requirements.txt': 'unsloth_zoo==2026.4.1\n' });
    assert.equal(discoverEnvironment({ scriptDir: newer, workspaceRoot: newer, env: {} }).gate('transformers', { from: '5.0' }), 'unknown');
    const pinned = project({ 'requirements.txt': 'unsloth_zoo==2026.1.4\ntransformers==4.46.3\ntrl==0.12.2\n' });
    const env = discoverEnvironment({ scriptDir: pinned, workspaceRoot: pinned, env: {} });
    assert.equal(env.get('transformers')?.version, '4.46.3');
    assert.equal(env.get('trl')?.version, '0.12.2');
  });

  it('no bound from an Unsloth pin alone, an unpinned unsloth_zoo, or a release not in the table', () => {
    for (const req of ['unsloth==2026.1.4\n', 'unsloth_zoo\n', 'unsloth_zoo>=2026.1.4\n', 'unsloth_zoo==2025.12.2\n', 'unsloth_zoo==2025.3.1\n']) {
      const dir = project({ 'requirements.txt': req });
      const env = discoverEnvironment({ scriptDir: dir, workspaceRoot: dir, env: {} });
      assert.ok(!env.get('transformers')?.specifier?.includes('4.57.6'), req);
      assert.notEqual(env.gate('transformers', { from: '5.0' }), 'unaffected', req);
    }
  });
});
