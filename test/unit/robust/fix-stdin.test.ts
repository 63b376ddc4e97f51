/**
 * `trainlint fix -` (what editor integrations that format through standard input run): the fixed script comes back
 * byte for byte. It added a newline at the end of a script that had none (an LF, even in a CRLF script), and printed
 * nothing for a script it skipped, which an editor replacing its buffer with the output would have emptied.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const fix = (input: string, ...args: string[]) => spawnSync(process.execPath, [CLI, 'fix', '-', ...args], { cwd: tmpdir(), input, encoding: 'utf8', timeout: 60000 });

describe('robustness: fix on standard input', function () {
  this.timeout(120000);

  it('keeps a missing final newline and CRLF line breaks; a clean script comes back unchanged', () => {
    const crlf = 'from transformers import TrainingArguments\r\nargs = TrainingArguments(output_dir="o", fp16=True, bf16=True)';
    const r = fix(crlf);
    assert.match(r.stderr, /Applied 1 fix/);
    assert.equal(r.stdout, 'from transformers import TrainingArguments\r\nargs = TrainingArguments(output_dir="o", bf16=True)');
    assert.equal(fix('x = 1').stdout, 'x = 1');
    assert.equal(fix('').stdout, '');
  });

  it('a script it does not fix (not a notebook, a binary) is printed as it was read, never as nothing', () => {
    const junk = '{"cells": [';
    const r = fix(junk, '--stdin-filename', 'nb.ipynb');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /not valid JSON, not a notebook/);
    assert.equal(r.stdout, junk);
    const binary = 'x = 1\0\n';
    assert.equal(fix(binary).stdout, binary);
  });
});
