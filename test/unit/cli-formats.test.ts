/** The CLI's output formats as CI systems read them: SARIF (validated against the official schema), GitHub, GitLab, JUnit, full, concise. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SEED = join(ROOT, 'examples', 'seed_bug_seq2seq_collator.py');
const BUGS = join(ROOT, 'examples', 'trl_plain_trainer_bugs.py');

/** A throw-away project (a git work tree) holding the two example scripts under src/. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-formats-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'src'));
  copyFileSync(SEED, join(dir, 'src', 'seed.py'));
  copyFileSync(BUGS, join(dir, 'src', 'bugs.py'));
  return dir;
}

function run(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('CLI formats', function () {
  this.timeout(60000);
  let dir: string;
  before(() => { dir = project(); });

  it('sarif: valid against the official SARIF 2.1.0 schema, rules with help, fixes, paths relative to the project root', () => {
    // Run from a subfolder: locations stay relative to the git root, not the current folder.
    const r = run(join(dir, 'src'), 'check', '.', '--format', 'sarif');
    assert.equal(r.code, 1, r.err);
    const log = JSON.parse(r.out);
    const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'vendor', 'sarif-2.1.0', 'sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(log) as boolean, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    // The validator does reject what the schema forbids.
    assert.equal(validate({ ...log, version: '2.0.0' }), false);
    assert.equal(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0].results[0], level: 'fatal' }] }] }), false);
    const run0 = log.runs[0];
    assert.equal(run0.originalUriBaseIds['%SRCROOT%'].uri, `file://${dir}/`);
    const tl001 = run0.results.find((x: any) => x.ruleId === 'TL001');
    assert.deepEqual(tl001.locations[0].physicalLocation.artifactLocation, { uri: 'src/seed.py', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(tl001.locations[0].physicalLocation.region, { startLine: 15, startColumn: 5, endLine: 15, endColumn: 62 });
    assert.equal(tl001.level, 'error');
    assert.equal(tl001.fixes.length, 2);
    assert.equal(tl001.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '');
    const rule = run0.tool.driver.rules[tl001.ruleIndex];
    assert.equal(rule.id, 'TL001');
    assert.match(rule.helpUri, /docs\/rules\/TL001\.md$/);
    assert.match(rule.help.markdown, /## Why is this bad\?/);
    assert.match(rule.shortDescription.text, /^Flags a trainer whose `data_collator=` only pads/);
    // information findings are notes
    assert.ok(run0.results.some((x: any) => x.level === 'note' || x.level === 'warning'));
  });

  it('github: one workflow annotation per finding, severity as error/warning/notice, escaped', () => {
    const r = run(join(dir, 'src'), 'check', '.', '--format', 'github');
    const lines = r.out.trim().split('\n');
    assert.ok(lines.length >= 5);
    assert.ok(lines.includes('::error file=src/seed.py,line=15,col=5,endLine=15,endColumn=62,title=TL001 seq2seq-collator-without-labels::TL001 Unsloth\'s SFTTrainer tokenizes the "text" column (columns: text) into input_ids and attention_mask and creates no "labels", and DataCollatorForSeq2Seq only pads labels that already exist: training will fail with "The model did not return a loss" (Unsloth 2025.2.15, from `pip install` on line 1, in a comment). Remove `data_collator=` (SFTTrainer\'s default collator builds labels from the input ids), or call `train_on_responses_only(trainer, …)` after creating the trainer to train on the responses only.'), r.out);
    for (const l of lines) assert.match(l, /^::(error|warning|notice) file=src\/(seed|bugs)\.py,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=TL\d{3} [a-z0-9-]+::TL\d{3} [^\n]+$/);
  });

  it('gitlab: Code Quality issues with unique fingerprints and 1-based positions', () => {
    const issues = JSON.parse(run(dir, 'check', 'src', '--format', 'gitlab').out);
    assert.ok(issues.length >= 5);
    assert.equal(new Set(issues.map((i: any) => i.fingerprint)).size, issues.length);
    const i = issues.find((x: any) => x.check_name.startsWith('TL001'));
    assert.deepEqual(i.location, { path: 'src/seed.py', positions: { begin: { line: 15, column: 5 }, end: { line: 15, column: 62 } } });
    assert.equal(i.severity, 'major');
    for (const x of issues) assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(x.severity));
    // Stable across runs
    assert.deepEqual(JSON.parse(run(dir, 'check', 'src', '--format', 'gitlab').out).map((x: any) => x.fingerprint), issues.map((x: any) => x.fingerprint));
  });

  it('junit: a suite per file, a failing case per finding, a passing case for a clean file', () => {
    writeFileSync(join(dir, 'src', 'clean.py'), 'print("hi")\n');
    const r = run(dir, 'check', 'src', '--format', 'junit');
    assert.match(r.out, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="trainlint" tests="\d+" failures="\d+" errors="0">/);
    assert.match(r.out, /<testsuite name="src\/clean.py" tests="1" failures="0" errors="0">\n {4}<testcase name="trainlint" classname="src\/clean.py"\/>/);
    assert.match(r.out, /<testcase name="TL001 seq2seq-collator-without-labels" classname="src\/seed.py" file="src\/seed.py" line="15">\n {6}<failure type="TL001" message="Unsloth's SFTTrainer tokenizes the &quot;text&quot; column \(columns: text\) into input_ids and attention_mask and creates no &quot;labels&quot;/);
    const failures = [...r.out.matchAll(/<failure /g)].length;
    assert.equal(Number(/failures="(\d+)"/.exec(r.out)![1]), failures);
  });

  it('full: the source line with a caret under the finding, notes and fix help', () => {
    const r = run(dir, 'check', 'src/seed.py', '--format', 'full', '--select', 'TL001');
    assert.match(r.out, /src\/seed.py:15:5: TL001 .*\n {3}\|\n15 \| {5}data_collator=DataCollatorForSeq2Seq\(tokenizer=tokenizer\),\n {3}\| {5}\^{57}\n {2}= note: line 9: dataset created here/);
    assert.match(r.out, /= help \(safe\): Remove data_collator=/);
  });

  it('concise: one plain line per finding', () => {
    const r = run(dir, 'check', 'src/seed.py', '--format', 'concise', '--select', 'TL001');
    assert.match(r.out, /^src\/seed.py:15:5: TL001 \[\*\] Unsloth's SFTTrainer tokenizes the "text" column[^\n]*\.\nFound 1 problem in 1 file \(1 error, 0 warnings, 0 info\)\./);
  });

  it('notebooks in CI formats name the cell and carry no .ipynb line region', () => {
    const nbDir = mkdtempSync(join(tmpdir(), 'trainlint-formats-nb-'));
    copyFileSync(join(ROOT, 'test', 'e2e', 'workspace-data', 'finetune.ipynb'), join(nbDir, 'finetune.ipynb'));
    const gh = run(nbDir, 'check', 'finetune.ipynb', '--format', 'github', '--select', 'TL001').out.trim();
    assert.match(gh, /^::error file=finetune.ipynb,title=TL001 seq2seq-collator-without-labels::cell \d+, line \d+: TL001 /);
    const sarif = JSON.parse(run(nbDir, 'check', 'finetune.ipynb', '--format', 'sarif', '--select', 'TL001').out);
    const res = sarif.runs[0].results[0];
    assert.equal(res.locations[0].physicalLocation.region, undefined);
    assert.match(res.message.text, /^cell \d+, line \d+: /);
    // `full`: a related place is named by its cell and its line there (the dataset is made on line 2 of cell 3).
    const full = run(nbDir, 'check', 'finetune.ipynb', '--format', 'full', '--select', 'TL001').out;
    assert.match(full, /= note: cell 3, line 2: dataset created here/);
    // JSON: related places carry the cell (0-based, like the finding's) and the range in it, beside the joined range.
    const [json] = JSON.parse(run(nbDir, 'check', 'finetune.ipynb', '--format', 'json', '--select', 'TL001').out);
    assert.deepEqual({ cell: json.related[0].cell, line: json.related[0].cellRange.start.line }, { cell: 2, line: 2 });
  });
});
