/**
 * The GitHub Action (action.yml), its steps run here as the runner would: the inputs as INPUT_*
 * variables, GITHUB_ACTION_PATH at this repository (built), GITHUB_OUTPUT a file. A buggy script
 * gives a SARIF 2.1.0 report with its finding (repository-relative path), an annotation, and a
 * failing result step; a clean one passes; `fail-on: never` reports without failing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const ACTION = readFileSync(join(ROOT, 'action.yml'), 'utf8');
// The script names its TRL (a PEP 723 block): with the version unknown, the finding would only be information.
const BUGGY = [
  '# /// script',
  '# dependencies = ["trl==0.19.1"]',
  '# ///',
  'from datasets import Dataset',
  'from transformers import DataCollatorForSeq2Seq',
  'from trl import SFTTrainer, SFTConfig',
  '',
  'dataset = Dataset.from_dict({"text": ["hello", "world"]})',
  'trainer = SFTTrainer(model=model, train_dataset=dataset, data_collator=DataCollatorForSeq2Seq(tokenizer=tokenizer), args=SFTConfig(output_dir="out"))',
  '',
].join('\n');
const CLEAN = BUGGY.replace(' data_collator=DataCollatorForSeq2Seq(tokenizer=tokenizer),', '').replace('from transformers import DataCollatorForSeq2Seq\n', '');

describe('GitHub Action', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'trainlint-action-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs one step script of the action in a fresh workspace holding `files`. */
  function step(script: string, inputs: Record<string, string>, files: Record<string, string>, args: string[] = []) {
    const ws = mkdtempSync(join(dir, 'ws-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(ws, name, '..'), { recursive: true });
      writeFileSync(join(ws, name), text);
    }
    const output = join(ws, '.github-output');
    writeFileSync(output, '');
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: output, GITHUB_WORKSPACE: ws, TRAINLINT_NO_COMPILE_CACHE: '1' };
    for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase().replace(/-/g, '_')}`] = v;
    const r = spawnSync('bash', [join(ROOT, 'scripts', 'action', script), ...args], { cwd: ws, env, encoding: 'utf8' });
    const outputs = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));
    return { ws, code: r.status, out: r.stdout, err: r.stderr, outputs };
  }

  it('declares the inputs its steps read, runs the step scripts, and uploads SARIF with codeql-action', () => {
    for (const m of ACTION.matchAll(/run: bash "\$GITHUB_ACTION_PATH\/(scripts\/action\/[\w-]+\.sh)"/g)) assert.ok(existsSync(join(ROOT, m[1])), m[1]);
    assert.equal([...ACTION.matchAll(/run: bash "\$GITHUB_ACTION_PATH\//g)].length, 3, 'install, check and result are scripts');
    for (const m of ACTION.matchAll(/INPUT_(\w+): \$\{\{ inputs\.([\w-]+) \}\}/g)) {
      assert.equal(m[1], m[2].toUpperCase().replace(/-/g, '_'));
      assert.match(ACTION, new RegExp(`\\n  ${m[2]}:\\n    description:`), `input ${m[2]} is declared`);
    }
    assert.match(ACTION, /uses: github\/codeql-action\/upload-sarif@v3\n\s+with:\n\s+sarif_file: \$\{\{ steps\.check\.outputs\.sarif-file \}\}/);
    assert.match(ACTION, /using: composite/);
  });

  it('install step: the built CLI of the action\'s own checkout', () => {
    const r = step('install.sh', {}, {});
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /trainlint \d+\.\d+\.\d+/);
  });

  it('a buggy script: SARIF with the finding at a repository-relative path, an annotation, and the job fails', () => {
    const r = step('check.sh', { paths: '.', 'sarif-file': 'out/trainlint.sarif' }, { 'train/sft.py': BUGGY, 'out/.keep': '' });
    assert.equal(r.code, 0, `the check step records the exit code and lets the upload run: ${r.err}`);
    assert.equal(r.outputs['exit-code'], '1');
    assert.equal(r.outputs['sarif-file'], 'out/trainlint.sarif');
    const sarif = JSON.parse(readFileSync(join(r.ws, 'out', 'trainlint.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results;
    assert.deepEqual(results.map((x: any) => x.ruleId), ['TL001']);
    const loc = results[0].locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uri, 'train/sft.py');
    assert.equal(loc.region.startLine, 9);
    assert.ok(sarif.runs[0].tool.driver.rules.some((x: any) => x.id === 'TL001' && x.helpUri), 'rules with help URIs');
    assert.match(r.out, /^::(error|warning) file=train\/sft\.py,line=9,.*TL001/m);
    const result = step('result.sh', {}, {}, [r.outputs['exit-code']]);
    assert.equal(result.code, 1);
    assert.match(result.out, /::error title=trainlint::/);
  });

  it('a clean script passes; fail-on never reports without failing; a usage error stops with code 2', () => {
    const clean = step('check.sh', {}, { 'train.py': CLEAN });
    assert.equal(clean.outputs['exit-code'], '0', clean.err);
    assert.deepEqual(JSON.parse(readFileSync(join(clean.ws, 'trainlint.sarif'), 'utf8')).runs[0].results, []);
    assert.equal(step('result.sh', {}, {}, ['0']).code, 0);
    const never = step('check.sh', { 'fail-on': 'never' }, { 'train.py': BUGGY });
    assert.equal(never.outputs['exit-code'], '0');
    assert.equal(JSON.parse(readFileSync(join(never.ws, 'trainlint.sarif'), 'utf8')).runs[0].results.length, 1);
    const bad = step('check.sh', { args: '--select NOPE' }, { 'train.py': CLEAN });
    assert.equal(bad.code, 2, bad.out);
    assert.equal(bad.outputs['exit-code'], '2');
    assert.match(bad.out, /::error title=trainlint::/);
    assert.equal(bad.outputs['sarif-file'], undefined, 'no SARIF to upload after a usage error');
  });
});
