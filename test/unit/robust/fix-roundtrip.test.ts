/**
 * `trainlint fix` never loses a byte: encodings (PEP 263 cookie, BOM, UTF-8), line endings (LF,
 * CRLF, lone CR), comments after inserted arguments, notebooks edited inside their JSON text,
 * atomic writes that are skipped when the file changed since it was read.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParsedScript, applyEdits, fixAll, lintText } from '../../../server/src/engine/index';
import { buildFacts } from '../../../server/src/engine/facts/build';
import { addKeyword, addKeywords } from '../../../server/src/engine/rules/edits';
import { editNotebookSources } from '../../../server/src/engine/syntax/notebook-json';
import { writeAtomically, readRegularFile, Skipped } from '../../../server/src/cli/source-file';
import { ready } from '../helpers';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const BUGGY = readFileSync(join(ROOT, 'examples', 'trl_plain_trainer_bugs.py'), 'utf8');
const cli = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120000 });

describe('robustness: fixes round-trip', function () {
  this.timeout(180000);
  let dir: string;
  before(ready);
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'trainlint-fix-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a Latin-1 file with a coding cookie keeps its bytes (no U+FFFD); CRLF and lone-CR files keep their line endings', () => {
    const body = `# -*- coding: latin-1 -*-\n${BUGGY}\nsortie = "sortie_été"\n`;
    const files: Record<string, Buffer> = {
      'latin.py': Buffer.from(body, 'latin1'),
      'crlf.py': Buffer.from(BUGGY.replace(/\n/g, '\r\n'), 'utf8'),
      'cr.py': Buffer.from(BUGGY.replace(/\n/g, '\r'), 'utf8'),
      'bom.py': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BUGGY, 'utf8')]),
    };
    for (const [n, b] of Object.entries(files)) writeFileSync(join(dir, n), b);
    const r = cli(['fix', '.'], dir);
    assert.match(r.stdout, /Applied [1-9]\d* fix/, r.stdout + r.stderr);
    const latin = readFileSync(join(dir, 'latin.py'));
    assert.ok(latin.includes(Buffer.from('sortie_\xe9t\xe9', 'latin1')), 'é kept as the byte E9');
    assert.ok(!latin.includes(Buffer.from('\ufffd', 'utf8')) && !latin.includes(Buffer.from('Ã', 'utf8')));
    assert.notDeepEqual(latin, files['latin.py'], 'it was fixed');
    const crlf = readFileSync(join(dir, 'crlf.py'), 'latin1');
    assert.notEqual(crlf, files['crlf.py'].toString('latin1'));
    assert.equal(/(?<!\r)\n/.test(crlf), false, 'no bare LF in a CRLF file');
    const cr = readFileSync(join(dir, 'cr.py'), 'latin1');
    assert.notEqual(cr, files['cr.py'].toString('latin1'), 'a lone-CR file is fixed like its LF copy');
    assert.equal(cr.includes('\n'), false, 'no LF in a CR file');
    const bom = readFileSync(join(dir, 'bom.py'));
    assert.deepEqual([...bom.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM kept');
    // the fixed files equal the LF fix with their own line endings
    writeFileSync(join(dir, 'lf.py'), BUGGY);
    cli(['fix', 'lf.py'], dir);
    const lf = readFileSync(join(dir, 'lf.py'), 'utf8');
    assert.equal(crlf, lf.replace(/\n/g, '\r\n'));
    assert.equal(cr, lf.replace(/\n/g, '\r'));
  });

  it('an added import never goes above a shebang or coding cookie, even in a script with a syntax error (found by the fuzzer)', () => {
    // fuzz-72002-cookie.py: a Latin-1 script mangled so that the whole module is one ERROR node. The
    // TL901 fix's `import os` used to go on line 1, pushing the cookie to line 2 below code, where
    // Python no longer reads it (the file then decodes as UTF-8).
    const input = readFileSync(join(ROOT, 'test', 'fixtures', 'robust', 'fuzz-72002-cookie.py'));
    writeFileSync(join(dir, 'cookie.py'), input);
    writeFileSync(join(dir, 'shebang.py'), Buffer.concat([Buffer.from('#!/usr/bin/env python3\n'), input]));
    const r = cli(['fix', 'cookie.py', 'shebang.py'], dir);
    assert.match(r.stdout, /Applied [1-9]\d* fix/, r.stdout + r.stderr);
    const fixed = readFileSync(join(dir, 'cookie.py'), 'latin1');
    assert.match(fixed, /^# -\*- coding: latin-1 -\*-\nimport os\n/, fixed.slice(0, 80));
    assert.match(readFileSync(join(dir, 'shebang.py'), 'latin1'), /^#!\/usr\/bin\/env python3\n# -\*- coding: latin-1 -\*-\nimport os\n/);
  });

  it('refuses to write a file that would not round-trip (invalid UTF-8, an unknown cookie) and says why', () => {
    const bad = Buffer.concat([Buffer.from(BUGGY, 'utf8'), Buffer.from('s = "sortie_\xe9t\xe9"\n', 'latin1')]);
    writeFileSync(join(dir, 'bad.py'), bad);
    const cp = Buffer.from(`# coding: cp1252\n${BUGGY}`, 'latin1');
    writeFileSync(join(dir, 'cp.py'), cp);
    const r = cli(['fix', '.'], dir);
    assert.deepEqual(readFileSync(join(dir, 'bad.py')), bad, 'not touched');
    assert.deepEqual(readFileSync(join(dir, 'cp.py')), cp, 'not touched');
    assert.match(r.stderr, /bad\.py: fixes not written: not valid UTF-8/);
    assert.match(r.stderr, /cp\.py: fixes not written: .*cp1252/);
    assert.match(r.stdout, /Applied 0 fixes/);
    // still checked
    assert.match(r.stdout, /bad\.py:\d+:\d+: TL\d+/);
  });

  it('an inserted argument goes after the trailing comment of the last one (the comment stays with its code)', () => {
    const run = (text: string, kw: string | string[]) => {
      const p = ParsedScript.parse(text);
      try {
        const call = buildFacts(p.syntax).calls.find((c) => c.calleeText === 'f')!;
        return applyEdits(text, [Array.isArray(kw) ? addKeywords(p.source, call, kw) : addKeyword(p.source, call, kw)]);
      } finally { p.dispose(); }
    };
    assert.equal(run('f(\n    a=1,\n    max_length=2048, # Set to True if > 17 GB VRAM\n)\n', 'b=2'),
      'f(\n    a=1,\n    max_length=2048, # Set to True if > 17 GB VRAM\n    b=2,\n)\n');
    assert.equal(run('f(\n    a=1,\n    c=3  # why c\n)\n', 'b=2'), 'f(\n    a=1,\n    c=3,  # why c\n    b=2\n)\n');
    assert.equal(run('f(\r\n    c=3,  # why c\r\n)\r\n', ['b=2', 'd=4']), 'f(\r\n    c=3,  # why c\r\n    b=2,\r\n    d=4,\r\n)\r\n');
    assert.equal(run('f(\n    a=1,\n    c=3,\n)\n', 'b=2'), 'f(\n    a=1,\n    c=3,\n    b=2,\n)\n', 'without a comment: as before');
  });

  it('notebook fixes edit the cell source inside the JSON text: big ints, key order, escapes and CRLF stay', () => {
    const code = BUGGY.split(/(?<=\n)/);
    const json = [
      '{', '  "metadata": {"b": 1, "2": 2, "10": 3, "a": 12345678901234567891},', '  "nbformat": 4,', '  "nbformat_minor": 5,',
      '  "cells": [',
      '   {"cell_type": "markdown", "metadata": {}, "source": ["# Caf\\u00e9 notes\\n"]},',
      `   {"cell_type": "code", "execution_count": 12345678901234567891, "metadata": {}, "outputs": [], "source": [\n    ${code.map((l) => JSON.stringify(l).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join(',\n    ')}\n   ]}`,
      '  ]', '}', '',
    ].join('\r\n');
    writeFileSync(join(dir, 'nb.ipynb'), json);
    const r = cli(['fix', 'nb.ipynb'], dir);
    assert.match(r.stdout, /Applied [1-9]/, r.stdout + r.stderr);
    const after = readFileSync(join(dir, 'nb.ipynb'), 'utf8');
    assert.notEqual(after, json);
    const start = json.indexOf('"source": [\n') + 1;
    assert.equal(after.slice(0, start), json.slice(0, start), 'everything before the edited source is byte-identical');
    assert.ok(after.endsWith('\n   ]}\r\n  ]\r\n}\r\n'), 'and after it');
    assert.ok(after.includes('12345678901234567891') && after.includes('"b": 1, "2": 2, "10": 3') && after.includes('Caf\\u00e9'));
    // the cell holds the fixed script; its unchanged lines keep their JSON text
    const expected = fixAll(BUGGY, (t) => lintText(join(dir, 'x.py'), t).diagnostics, false).text;
    assert.equal((JSON.parse(after).cells[1].source as string[]).join(''), expected);
    const kept = code.filter((l) => expected.split(/(?<=\n)/).includes(l));
    assert.ok(kept.length > code.length / 2);
    for (const l of kept) assert.ok(after.includes(JSON.stringify(l)), l);
  });

  it('editNotebookSources keeps string-form sources as strings and reports a bad notebook in words', () => {
    const json = '{"cells": [{"cell_type": "code", "source": "x = 1\\n"}, {"cell_type": "code", "source": ["a\\n", "b"]}], "n": 123456789012345678901234}';
    const out = editNotebookSources(json, new Map([[0, 'x = 2\n'], [1, 'a\nc']]));
    assert.equal(out, '{"cells": [{"cell_type": "code", "source": "x = 2\\n"}, {"cell_type": "code", "source": ["a\\n", "c"]}], "n": 123456789012345678901234}');
    writeFileSync(join(dir, 'bad.ipynb'), '{"cells": [{"cell_type": "code", "source": 42}]}');
    writeFileSync(join(dir, 'junk.ipynb'), '{"cells": [');
    const r = cli(['check', 'bad.ipynb', 'junk.ipynb'], dir);
    assert.match(r.stderr, /bad\.ipynb: not a valid notebook: cell 1 has a "source" that is not text \(number\)/);
    assert.match(r.stderr, /junk\.ipynb: not valid JSON, not a notebook/);
    assert.doesNotMatch(r.stdout + r.stderr, /is not a function|All checks passed/);
    assert.equal(r.status, 2);
  });

  it('writes atomically with the same mode, and not at all when the file changed since it was read', () => {
    const p = join(dir, 'a.py');
    writeFileSync(p, 'x = 1\n');
    chmodSync(p, 0o640);
    const read = readRegularFile(p, 1 << 20);
    writeAtomically(read, Buffer.from('x = 2\n'));
    assert.equal(readFileSync(p, 'utf8'), 'x = 2\n');
    assert.equal(statSync(p).mode & 0o777, 0o640);
    // a save between read and write: skipped, the save kept
    const read2 = readRegularFile(p, 1 << 20);
    writeFileSync(p, 'x = 3  # saved meanwhile\n');
    assert.throws(() => writeAtomically(read2, Buffer.from('x = 4\n')), (e: Error) => e instanceof Skipped && /changed on disk since it was read/.test(e.message));
    assert.equal(readFileSync(p, 'utf8'), 'x = 3  # saved meanwhile\n');
    // same size, same second: the content hash still tells
    const read3 = readRegularFile(p, 1 << 20);
    const same = readFileSync(p);
    same[4] = '7'.charCodeAt(0);
    writeFileSync(p, same);
    const { utimesSync } = require('node:fs') as typeof import('node:fs');
    utimesSync(p, read3.stat.atime, read3.stat.mtime);
    assert.throws(() => writeAtomically(read3, Buffer.from('x = 5\n')), Skipped);
  });
});
