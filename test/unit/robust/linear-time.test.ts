/**
 * Linear time and line endings in the parse: comment blocks no longer cost N² (tree-sitter-python's
 * scanner looked ahead over every following comment line at each one), lone-CR files lint like their
 * LF copy, and what the parse view blanks never changes a finding.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, lintText, ParsedScript, ScriptDocument } from '../../../server/src/engine/index';
import { SourceText } from '../../../server/src/engine/syntax/source-text';
import { parseView, LONG_COMMENT_BLOCK } from '../../../server/src/engine/syntax/parse-view';
import { ready } from '../helpers';

const ROOT = join(__dirname, '..', '..', '..');
const BUGGY = readFileSync(join(ROOT, 'examples', 'trl_plain_trainer_bugs.py'), 'utf8');
const keys = (path: string, text: string) => lintText(path, text).diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).sort();
const comments = (n: number, indent = '') => Array.from({ length: n }, (_, i) => `${indent}# line ${i}: don't forget\n`).join('');

describe('robustness: linear time and line endings', function () {
  this.timeout(60000);
  before(ready);

  it('9,000 comment lines at the end of a script lint in seconds, not minutes (was 76 s)', () => {
    const text = BUGGY + comments(9000);
    const t0 = performance.now();
    const found = keys('/tmp/t/tail.py', text);
    const ms = performance.now() - t0;
    assert.deepEqual(found, keys('/tmp/t/plain.py', BUGGY));
    assert.ok(ms < 8000, `took ${ms.toFixed(0)} ms`);
    // the editor's sectioned parse too
    const t1 = performance.now();
    ParsedScript.parse(text, { edited: true }).dispose();
    assert.ok(performance.now() - t1 < 8000);
  });

  it('doubling a comment block at most about doubles the parse time', () => {
    const time = (n: number) => {
      const text = `def f():\n    x = 1\n${comments(n, '    ')}    return x\n`;
      // CPU time, the least of five: what the parse costs, not how long other work on the machine kept it
      // waiting (wall time failed at load 7). Linear time doubles; the old N² scan quadrupled.
      const runs = [0, 1, 2, 3, 4].map(() => {
        const c0 = process.cpuUsage();
        ParsedScript.parse(text).dispose();
        const c = process.cpuUsage(c0);
        return (c.user + c.system) / 1000;
      });
      return Math.min(...runs);
    };
    time(500);
    const small = time(3000);
    const big = time(6000);
    assert.ok(big / Math.max(small, 1) < 3.2, `3,000 lines ${small.toFixed(0)} ms, 6,000 lines ${big.toFixed(0)} ms`);
  });

  it('a lone-CR file gives the findings of its LF copy; so does CRLF', () => {
    const lf = keys('/tmp/t/a.py', BUGGY);
    assert.ok(lf.length >= 3);
    assert.deepEqual(keys('/tmp/t/a.py', BUGGY.replace(/\n/g, '\r')), lf);
    assert.deepEqual(keys('/tmp/t/a.py', BUGGY.replace(/\n/g, '\r\n')), lf);
  });

  it('a suppression directive inside a long comment block still applies', () => {
    const lines = BUGGY.split('\n');
    const at = lines.findIndex((l) => l.includes('data_collator=DataCollatorForLanguageModeling'));
    const codesOn = keys('/tmp/t/a.py', BUGGY).filter((k) => k.includes(`@${at}:`)).map((k) => k.split('@')[0]);
    assert.ok(codesOn.length > 0);
    // a block of comments ending in the directive just above the line
    const block = comments(LONG_COMMENT_BLOCK * 2, '    ').split('\n').slice(0, -1);
    const text = [...lines.slice(0, at), ...block, `    # trainlint: disable=${codesOn.join(',')}`, ...lines.slice(at)].join('\n');
    const shifted = at + block.length + 1;
    assert.deepEqual(keys('/tmp/t/a.py', text).filter((k) => k.includes(`@${shifted}:`)), []);
  });

  it('comment-like lines inside a triple-quoted string are string content, not blanked', () => {
    const inner = Array.from({ length: 40 }, (_, i) => `# "${i}" {x} \\n`).join('\n');
    const text = `TEMPLATE = """\n${inner}\n"""\n${comments(40)}y = 1\n`;
    const view = parseView(text);
    assert.equal(view.length, text.length);
    assert.ok(view.startsWith(`TEMPLATE = """\n${inner}\n"""\n`), 'string content kept');
    assert.ok(!view.includes("don't forget"), 'the real comment block is blanked');
    const script = ParsedScript.parse(text);
    try {
      const str = script.syntax.descendantsOfType('string')[0];
      assert.equal(str.text, `"""\n${inner}\n"""`, 'node text is the real text');
    } finally { script.dispose(); }
  });

  it('edits to a script with a long comment block (and lone CRs) give the findings of a fresh lint of the same text', () => {
    let text = BUGGY.replace('trainer.train()', `${comments(60)}trainer.train()`).replace(/\n(?=from)/, '\r');
    const script = ParsedScript.parse(text, { edited: true });
    let seed = 7;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const pieces = ['#', '"""', '\n', '\r', 'x', ' ', ')', '# note\n', '\n# a\n# b\n'];
    try {
      for (let i = 0; i < 60; i++) {
        const source = new SourceText(text);
        const at = rand(text.length);
        const del = rand(3) === 0 ? rand(4) : 0;
        const insert = pieces[rand(pieces.length)];
        const range = { start: source.positionAt(at), end: source.positionAt(at + del) };
        script.update([{ range, text: insert }]);
        text = text.slice(0, at) + insert + text.slice(at + del);
        assert.equal(script.text, text);
        const got = lint({ doc: ScriptDocument.fromPython('/tmp/t/a.py', text), script }).diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).sort();
        assert.deepEqual(got, keys('/tmp/t/a.py', text), `after edit ${i}: ${JSON.stringify(insert)} at ${at}`);
      }
    } finally { script.dispose(); }
  });
});
