/** Every check/fix flag as a user types it: exit codes, thresholds, stdin, diff, statistics, strict parsing, TL000. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SEED = join(ROOT, 'examples', 'seed_bug_seq2seq_collator.py');
/** Only an `information` finding (TL902). */
const INFO_ONLY = 'from transformers import AutoModel\nm = AutoModel.from_pretrained("x/y", trust_remote_code=True)\n';

function run(cwd: string, args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('CLI flags', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'trainlint-flags-'));
    copyFileSync(SEED, join(dir, 'seed.py'));
    writeFileSync(join(dir, 'info.py'), INFO_ONLY);
  });

  it('exit codes: information alone passes by default; --fail-on information fails; --exit-zero passes an error', () => {
    assert.equal(run(dir, ['check', 'info.py']).code, 0);
    assert.equal(run(dir, ['check', 'info.py', '--fail-on', 'information']).code, 1);
    assert.equal(run(dir, ['check', 'info.py', '--fail-on=info']).code, 1);
    assert.equal(run(dir, ['check', 'seed.py', '--fail-on', 'error']).code, 1);
    const zero = run(dir, ['check', 'seed.py', '--exit-zero']);
    assert.equal(zero.code, 0);
    assert.match(zero.out, /TL001/);
    assert.match(run(dir, ['check', 'info.py', '--fail-on', 'warnings']).err, /--fail-on must be one of error, warning, information, hint, not "warnings" \(did you mean warning\?\)/);
  });

  it('a missing path is a usage error naming it (nothing else is checked)', () => {
    const r = run(dir, ['check', 'seed.py', 'nope.py']);
    assert.equal(r.code, 2);
    assert.match(r.err, /^trainlint: nope.py: no such file or directory/);
    assert.equal(r.out, '');
  });

  it('- reads standard input; --stdin-filename names it; fix - prints the fixed script and writes nothing', () => {
    const text = readFileSync(SEED, 'utf8');
    const r = run(dir, ['check', '-', '--stdin-filename', 'sub/train.py', '--select', 'TL001'], text);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^sub\/train.py:15:5: TL001 /);
    const fixed = run(dir, ['fix', '-', '--select', 'TL001'], text);
    assert.equal(fixed.code, 0, fixed.err);
    assert.equal(fixed.out, text.replace('    data_collator=DataCollatorForSeq2Seq(tokenizer=tokenizer),\n', ''));
    assert.match(fixed.err, /Applied 1 fix/);
    assert.match(run(dir, ['check', 'seed.py', '-'], '').err, /cannot be combined/);
  });

  it('fix --diff prints a unified diff, writes nothing and exits 1 while fixes remain', () => {
    const before = readFileSync(join(dir, 'seed.py'), 'utf8');
    const r = run(dir, ['fix', '--diff', 'seed.py', '--select', 'TL001']);
    assert.equal(r.code, 1);
    assert.match(r.out, /^--- a\/seed.py\n\+\+\+ b\/seed.py\n@@ -12,7 \+12,6 @@\n/);
    assert.match(r.out, /\n-    data_collator=DataCollatorForSeq2Seq\(tokenizer=tokenizer\),\n/);
    assert.equal(readFileSync(join(dir, 'seed.py'), 'utf8'), before);
    assert.match(r.err, /1 file would be changed \(1 fix\); nothing written/);
    assert.equal(run(dir, ['fix', '--diff', 'info.py']).out, '');
    assert.match(run(dir, ['check', '--diff', 'seed.py']).err, /--diff is an option of `trainlint fix`, not of `trainlint check`/);
  });

  it('--show-fixes lists offered fixes (check) and applied fixes (fix)', () => {
    const r = run(dir, ['check', 'seed.py', '--show-fixes', '--select', 'TL001']);
    assert.match(r.out, /\n {2}fix \(safe\): Remove data_collator=.*\n {2}fix \(unsafe\): Use DataCollatorForLanguageModeling/);
    const copy = join(mkdtempSync(join(tmpdir(), 'trainlint-flags-')), 'train.py');
    copyFileSync(SEED, copy);
    assert.match(run(dir, ['fix', copy, '--show-fixes', '--select', 'TL001']).out, /Applied 1 fix.*\n.*train.py:\n {4}1 × TL001\n/);
  });

  it("Ruff's spellings: check --fix applies the safe fixes and reports what remains; --output-format is --format", () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'trainlint-flags-')), 'train.py');
    copyFileSync(SEED, copy);
    const before = readFileSync(copy, 'utf8');
    const r = run(dir, ['check', '--fix', copy, '--select', 'TL001']);
    assert.match(r.out, /Applied 1 fix/);
    assert.notEqual(readFileSync(copy, 'utf8'), before);
    assert.doesNotMatch(readFileSync(copy, 'utf8'), /data_collator=DataCollatorForSeq2Seq/);
    assert.equal(run(dir, ['check', copy, '--select', 'TL001']).code, 0);
    const json = run(dir, ['check', 'seed.py', '--output-format', 'json', '--select', 'TL001']);
    assert.equal(JSON.parse(json.out)[0].code, 'TL001');
    assert.match(run(dir, ['check', 'seed.py', '--format', 'json', '--output-format', 'text']).err, /name the same option/);
    assert.match(run(dir, ['check', '--fix', '--add-noqa', 'seed.py']).err, /--fix and --add-noqa/);
    assert.match(run(dir, ['fix', '--fix', 'seed.py']).err, /--fix is an option of `trainlint check`/);
  });

  it('--statistics counts per code (text and json); --quiet drops the summary', () => {
    const r = run(ROOT, ['check', 'examples', '--statistics']);
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.ok(lines.length >= 4);
    for (const l of lines) assert.match(l, /^ *\d+ {2}TL\d{3} {2}(\[\*\]|\[-\]| {3}) [a-z0-9-]+$/);
    const json = JSON.parse(run(ROOT, ['check', 'examples', '--statistics', '--format', 'json']).out);
    const all = JSON.parse(run(ROOT, ['check', 'examples', '--format', 'json']).out);
    assert.equal(json.reduce((n: number, s: any) => n + s.count, 0), all.length);
    const quiet = run(dir, ['check', 'seed.py', '-q', '--select', 'TL001']);
    assert.equal(quiet.out.trim().split('\n').length, 1);
    assert.equal(run(dir, ['check', 'info.py', '--quiet', '--select', 'TL001']).out, '');
  });

  it('strict parsing: unknown flags, flags of another subcommand and bad values are usage errors with a hint', () => {
    const stray = run(dir, ['check', '--rows', '5', '--tokenizer', 'foo', 'seed.py']);
    assert.equal(stray.code, 2);
    assert.match(stray.err, /--rows is an option of `trainlint preview-masking`, not of `trainlint check`/);
    assert.match(run(dir, ['check', '--selec', 'TL0', 'seed.py']).err, /unknown option --selec \(did you mean --select\?\)/);
    assert.match(run(dir, ['check', '-x', 'seed.py']).err, /unknown option -x/);
    assert.match(run(dir, ['check', '--select', 'TLX', 'seed.py']).err, /--select: "TLX" matches no rule \(did you mean TL\?\)/);
    assert.match(run(dir, ['check', '--ignore', 'TL0O1', 'seed.py']).err, /--ignore: "TL0O1" matches no rule \(did you mean TL001\?\)/);
    assert.match(run(dir, ['check', '--jobs', '0', 'seed.py']).err, /--jobs needs an integer ≥ 1, not "0"/);
    assert.match(run(dir, ['check', '--format']).err, /argument missing/);
    assert.match(run(dir, ['rule', '--unsafe-fixes']).err, /--unsafe-fixes is an option of `trainlint check` and `trainlint fix`/);
    assert.match(run(dir, ['chek']).err, /unknown command "chek" \(did you mean `trainlint check`\?\)/);
    for (const bad of [['check', '--rows', '5'], ['chek'], ['check', '--selec', 'x']]) assert.equal(run(dir, bad).code, 2);
    // --select by rule name and --jobs are accepted.
    assert.equal(run(dir, ['check', 'seed.py', '--select', 'seq2seq-collator-without-labels', '--jobs', '2']).code, 1);
    assert.match(run(dir, ['check', '--help']).out, /--jobs N/);
  });

  it('--extend-select adds to the project\'s select; --unsafe-fixes counts unsafe fixes as fixable in check', () => {
    const proj = mkdtempSync(join(tmpdir(), 'trainlint-flags-'));
    copyFileSync(join(ROOT, 'examples', 'trl_plain_trainer_bugs.py'), join(proj, 'bugs.py'));
    writeFileSync(join(proj, 'trainlint.toml'), 'select = ["TL003"]\n');
    const codesOf = (out: string) => [...new Set([...out.matchAll(/: (TL\d{3}) /g)].map((m) => m[1]))].sort();
    assert.deepEqual(codesOf(run(proj, ['check', 'bugs.py']).out), ['TL003']);
    assert.deepEqual(codesOf(run(proj, ['check', 'bugs.py', '--extend-select', 'TL504']).out), ['TL003', 'TL504']);
    assert.deepEqual(codesOf(run(proj, ['check', 'bugs.py', '--select', 'TL504']).out), ['TL504']);
    // TL203 offers only an unsafe fix: [*] with --unsafe-fixes, and the summary points at the flag.
    const safeOnly = run(proj, ['check', 'bugs.py', '--select', 'TL203']);
    assert.doesNotMatch(safeOnly.out, /\[\*\]/);
    const unsafe = run(proj, ['check', 'bugs.py', '--select', 'TL203', '--unsafe-fixes']);
    assert.match(unsafe.out, /TL203 .*\[\*\]\n/);
    assert.match(unsafe.out, /1 fixable with `trainlint fix --unsafe-fixes`/);
  });

  it('rule --all --format json lists every rule with summary and docs URL; rule NAME works', () => {
    const rules = JSON.parse(run(dir, ['rule', '--all', '--format', 'json']).out);
    assert.ok(rules.length >= 48);
    const r = rules.find((x: any) => x.code === 'TL001');
    assert.equal(r.name, 'seq2seq-collator-without-labels');
    assert.match(r.url, /docs\/rules\/TL001\.md$/);
    assert.match(r.summary, /^Flags a trainer/);
    assert.match(run(dir, ['rule', 'seq2seq-collator-without-labels']).out, /^# TL001 seq2seq-collator-without-labels/);
  });

  it('TL000: a file that does not parse is reported with its position, not "All checks passed"', () => {
    writeFileSync(join(dir, 'broken.py'), 'from trl import SFTConfig\nargs = SFTConfig(output_dir="out",\n');
    const r = run(dir, ['check', 'broken.py']);
    assert.equal(r.code, 1);
    assert.match(r.out, /^broken.py:2:17: TL000 Syntax error: `\(` is never closed/);
    const gh = run(dir, ['check', 'broken.py', '--format', 'github']).out;
    assert.match(gh, /^::error file=broken.py,line=2,col=17,/);
  });

  it('a binary file named .py is skipped with a note', () => {
    writeFileSync(join(dir, 'blob.py'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]));
    const r = run(dir, ['check', 'blob.py']);
    assert.equal(r.code, 0);
    assert.match(r.err, /blob.py: skipped: not a text file/);
    assert.match(r.out, /All checks passed \(0 files\)/);
  });

  it('--extend-exclude and --exclude leave folders out of a walk (globs relative to here); a named file is still checked', () => {
    const root = join(dir, 'walk-ex');
    mkdirSync(join(root, 'experiments', 'old'), { recursive: true });
    const bad = 'from trl import SFTTrainer\ntrainer = SFTTrainer(model="m", tokenizer=tok)\n';
    writeFileSync(join(root, 'train.py'), bad);
    writeFileSync(join(root, 'experiments', 'old', 'try.py'), bad);
    writeFileSync(join(root, 'trainlint.toml'), 'extend-exclude = ["train.py"]\n');
    const files = (args: string[]) => [...new Set(run(root, ['check', '.', '--format', 'concise', '-q', '--exit-zero', ...args]).out.split('\n').filter(Boolean).map((l) => l.split(':')[0]))].sort();
    assert.deepEqual(files([]), ['experiments/old/try.py']);
    assert.deepEqual(files(['--extend-exclude', 'experiments']), []);
    // --exclude replaces the config's exclude, not its extend-exclude (as Ruff's does).
    writeFileSync(join(root, 'trainlint.toml'), 'exclude = ["train.py"]\n');
    assert.deepEqual(files(['--exclude', 'nothing-here']), ['experiments/old/try.py', 'train.py']);
    assert.deepEqual(files(['--exclude', 'experiments/old/']), ['train.py']);
    assert.deepEqual([...new Set(run(root, ['check', 'experiments/old/try.py', '--format', 'concise', '-q', '--exit-zero', '--extend-exclude', 'experiments']).out.split('\n').filter(Boolean).map((l) => l.split(':')[0]))], ['experiments/old/try.py']);
  });

  it('-o/--output-file writes the report to the file (folders made), standard output stays empty, the exit code is kept', () => {
    writeFileSync(join(dir, 'outfile.py'), 'from trl import SFTTrainer\nimport unsloth\n');
    const r = run(dir, ['check', 'outfile.py', '--format', 'sarif', '-o', 'reports/x/trainlint.sarif']);
    assert.equal(r.out, '');
    const sarif = JSON.parse(readFileSync(join(dir, 'reports', 'x', 'trainlint.sarif'), 'utf8'));
    assert.equal(sarif.runs[0].results[0].ruleId, 'TL601');
    assert.equal(r.code, 1);
    const bad = run(dir, ['check', 'outfile.py', '--output-file', join('outfile.py', 'nested.txt')]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--output-file: cannot write .*nested.txt/);
    assert.match(run(dir, ['fix', 'outfile.py', '--diff', '-o', 'd.txt']).err, /--output-file takes the report/);
  });

  it('a UTF-16 file (a byte-order mark) is named as such, not as binary, and the run does not pass', () => {
    writeFileSync(join(dir, 'wide.py'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('from trl import SFTTrainer\n', 'utf16le')]));
    const r = run(dir, ['check', 'wide.py']);
    assert.equal(r.code, 2);
    assert.match(r.err, /wide.py: UTF-16 LE text \(it starts with a byte-order mark\): Python reads source as UTF-8 .*Non-UTF-8 code starting with '\\xff'/);
    assert.doesNotMatch(r.out, /All checks passed/);
  });

  it('--jobs: one thread or several (this one and workers sharing the queue) report the same findings in the same order', function () {
    // Two CLI runs over every rule fixture (~45 s on a quiet 2-core machine, and it grows with the catalog).
    this.timeout(240_000);
    const rules = join(__dirname, '..', 'fixtures', 'rules');
    const one = run(rules, ['check', '.', '--format', 'json', '--exit-zero', '--jobs', '1']);
    const three = run(rules, ['check', '.', '--format', 'json', '--exit-zero', '--jobs', '3']);
    assert.equal(one.code, 0, one.err);
    const findings = JSON.parse(one.out) as Array<{ path: string }>;
    assert.ok(new Set(findings.map((f) => f.path)).size > 100, 'findings in over 100 of the fixture files');
    assert.equal(three.out, one.out);
  });

  it('--python: the versions installed beside that interpreter decide the severity, in every worker; a missing one is a usage error', () => {
    // CI installs with setup-python and no virtual environment: trainlint learns the versions from the interpreter.
    const root = mkdtempSync(join(tmpdir(), 'trainlint-python-'));
    const env = join(root, 'py');
    mkdirSync(join(env, 'bin'), { recursive: true });
    mkdirSync(join(env, 'lib', 'python3.11', 'site-packages', 'trl-0.30.0.dist-info'), { recursive: true });
    writeFileSync(join(env, 'bin', 'python'), '');
    mkdirSync(join(root, 'proj'));
    for (const f of ['a.py', 'b.py']) writeFileSync(join(root, 'proj', f), 'from trl import ORPOTrainer\n');
    const unknown = JSON.parse(run(join(root, 'proj'), ['check', '.', '--format', 'json']).out) as Array<{ code: string; severity: string }>;
    assert.deepEqual(unknown.map((f) => `${f.code} ${f.severity}`), ['TL509 information', 'TL509 information'], 'no version known: information');
    const known = run(join(root, 'proj'), ['check', '.', '--format', 'json', '--jobs', '2', '--python', join(env, 'bin', 'python')]);
    const found = JSON.parse(known.out) as Array<{ code: string; severity: string; message: string }>;
    assert.deepEqual(found.map((f) => `${f.code} ${f.severity}`), ['TL509 error', 'TL509 error'], 'TRL 0.30.0 installed: an ImportError');
    assert.match(found[0].message, /TRL 0\.30\.0, installed in/);
    const missing = run(join(root, 'proj'), ['check', '.', '--python', 'no/such/python']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--python: no interpreter at "no\/such\/python"/);
  });
});
