/** Configuration that checks itself: discovery, extend, every key, and problems that name file, line, key and the right spelling. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configForFile, isRuleEnabled, loadConfigFor } from '../../../server/src/engine/index';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('config files', () => {
  it('the nearest config wins: trainlint.toml before pyproject.toml in a folder; a pyproject without [tool.trainlint] does not count', () => {
    const dir = tree({
      'pyproject.toml': '[tool.trainlint]\nignore = ["TL001"]\n',
      'a/trainlint.toml': 'ignore = ["TL002"]\n',
      'a/pyproject.toml': '[tool.trainlint]\nignore = ["TL003"]\n',
      'b/pyproject.toml': '[project]\nname = "x"\n',
    });
    const a = loadConfigFor(join(dir, 'a')).config;
    assert.deepEqual(a.ignore, ['TL002']);
    assert.equal(a.source, join(dir, 'a', 'trainlint.toml'));
    assert.deepEqual(loadConfigFor(join(dir, 'b')).config.ignore, ['TL001']);
  });

  it('extend inherits; the file\'s own keys win, lists of ignores add up, extend-select widens select', () => {
    const dir = tree({
      'base.toml': 'select = ["TL0"]\nignore = ["TL004"]\nrespect-gitignore = false\n',
      'proj/pyproject.toml': '[tool.trainlint]\nextend = "../base.toml"\nextend-select = ["TL601"]\nignore = ["TL005"]\n',
    });
    const { config, problems } = loadConfigFor(join(dir, 'proj'));
    assert.deepEqual(problems, []);
    assert.deepEqual(config.select, ['TL0', 'TL601']);
    assert.deepEqual(config.ignore, ['TL004', 'TL005']);
    assert.equal(config.respectGitignore, false);
    assert.equal(isRuleEnabled(config, 'TL601'), true);
    assert.equal(isRuleEnabled(config, 'TL101'), false);
    assert.equal(isRuleEnabled(config, 'TL004'), false);
  });

  it('per-file-ignores: globs relative to the config folder; a glob without / matches a name anywhere', () => {
    const dir = tree({ 'pyproject.toml': '[tool.trainlint.per-file-ignores]\n"notebooks/**" = ["TL6"]\n"legacy_*.py" = ["TL001", "unused-suppression"]\n' });
    const { config, problems } = loadConfigFor(dir);
    assert.deepEqual(problems, []);
    const on = (p: string) => configForFile(config, join(dir, p));
    assert.equal(isRuleEnabled(on('notebooks/x/train.py'), 'TL601'), false);
    assert.equal(isRuleEnabled(on('train.py'), 'TL601'), true);
    assert.equal(isRuleEnabled(on('sub/legacy_train.py'), 'TL001'), false);
    assert.equal(isRuleEnabled(on('sub/legacy_train.py'), 'TL903'), false);
    assert.equal(isRuleEnabled(on('sub/legacy_train.py'), 'TL002'), true);
  });

  it('unknown keys, wrong types and codes matching no rule are problems with file, line, key and the closest spelling', () => {
    const dir = tree({
      'pyproject.toml': [
        '[project]', 'name = "x"', '', '[tool.trainlint]',
        'selct = ["TL0"]', 'select = "TL6"', 'ignore = ["TLX", "TL001"]', 'respect-gitignore = "yes"',
        'exclude = "build"', 'per-file-ignores = { "a.py" = "TL001", "b.py" = ["TL0O1"] }', '',
      ].join('\n'),
    });
    const { config, problems } = loadConfigFor(dir);
    const file = join(dir, 'pyproject.toml');
    const byKey = new Map(problems.map((p) => [p.key, p]));
    assert.ok(problems.every((p) => p.file === file));
    assert.equal(byKey.get('selct')!.line, 4);
    assert.match(byKey.get('selct')!.message, /unknown key "selct" \(did you mean "select"\?\)/);
    assert.equal(byKey.get('select')!.line, 5);
    assert.match(byKey.get('select')!.message, /"select" must be a list of strings, not the string "TL6" \(write select = \["TL6"\]\)/);
    assert.equal(byKey.get('ignore')!.line, 6);
    assert.match(byKey.get('ignore')!.message, /ignore: "TLX" matches no rule \(did you mean TL\?\)/);
    assert.match(byKey.get('respect-gitignore')!.message, /must be true or false, not the string "yes"/);
    assert.match(byKey.get('exclude')!.message, /must be a list of strings/);
    const pfi = problems.filter((p) => p.key === 'per-file-ignores').map((p) => p.message);
    assert.ok(pfi.some((m) => /"a.py" must be a list of codes/.test(m)), pfi.join('\n'));
    assert.ok(pfi.some((m) => /"b.py": "TL0O1" matches no rule \(did you mean TL001\?\)/.test(m)), pfi.join('\n'));
    // The valid rest still applies.
    assert.deepEqual(config.ignore, ['TL001']);
  });

  it('a broken extend chain is a problem on the extend line: missing file, cycle', () => {
    const missing = tree({ 'trainlint.toml': '\nextend = "nope.toml"\n' });
    const p1 = loadConfigFor(missing).problems;
    assert.equal(p1.length, 1);
    assert.equal(p1[0].line, 1);
    assert.match(p1[0].message, /"extend": nope.toml cannot be read/);
    const cycle = tree({ 'a/trainlint.toml': 'extend = "../b/trainlint.toml"\n', 'b/trainlint.toml': 'extend = "../a/trainlint.toml"\n' });
    assert.match(loadConfigFor(join(cycle, 'a')).problems.map((p) => p.message).join('\n'), /makes a cycle/);
  });

  it('invalid TOML is one problem with its line', () => {
    const dir = tree({ 'trainlint.toml': 'select = ["TL0"]\nignore = [\n' });
    const { problems } = loadConfigFor(dir);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /invalid TOML/);
  });
});
