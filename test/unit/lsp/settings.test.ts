/** package.json's contributes.configuration is exactly the server's settings schema (one source of truth). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, SETTINGS_SCHEMA, resolveSettings } from '../../../server/src/lsp/settings';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

describe('settings', () => {
  it('package.json contributes exactly the server schema', () => {
    assert.deepEqual(pkg.contributes.configuration.properties, SETTINGS_SCHEMA);
  });
  it('every schema default is the resolved default', () => {
    const resolved = resolveSettings({}) as unknown as Record<string, any>;
    for (const [key, schema] of Object.entries(SETTINGS_SCHEMA)) {
      const path = key.replace(/^trainlint\./, '').split('.');
      if (path[0] === 'trace') continue;
      const value = path.reduce((o, k) => o?.[k], resolved);
      assert.deepEqual(value, schema.default, key);
    }
  });
  it('malformed values fall back to defaults instead of breaking the server', () => {
    const s = resolveSettings({ enable: 'yes', select: 'TL0', data: { maxFileSizeMB: -5 }, masking: null });
    assert.equal(s.enable, DEFAULT_SETTINGS.enable);
    assert.deepEqual(s.select, []);
    assert.equal(s.data.maxFileSizeMB, 1);
    assert.equal(s.masking.rows, DEFAULT_SETTINGS.masking.rows);
  });
  it('commands are contributed under the trainlint category', () => {
    const ids = pkg.contributes.commands.map((c: { command: string; category: string }) => `${c.category}:${c.command}`);
    assert.ok(ids.includes('trainlint:trainlint.restartServer'));
    assert.ok(ids.includes('trainlint:trainlint.showOutput'));
  });
});
