/**
 * Bounded mutation fuzzer: rule fixtures and real scripts, mutated by random edits and random
 * bytes, through the engine (what `check` runs), `fix` (read, fix, atomic write, exactly as the CLI
 * does, on a temporary file) and a live language server (didOpen/didChange of the same texts).
 *
 * Asserts: no crash (no throw, no internal rule error), no hang past the budget, every fix written
 * round-trips (same encoding, BOM and line endings; the bytes read back decode to the same text), and
 * the server still answers a known-buggy script afterwards.
 *
 *   node --import tsx test/fuzz/fuzz.ts [--seed N] [--seconds S] [--budget-ms B]   (npm run fuzz: long runs)
 * Prints one JSON line: { seed, tried, fixesWritten, serverEdits, problems }; exit 1 on a problem.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { initParser, lintText } from '../../server/src/engine/index';
import { runFileTask } from '../../server/src/cli/lint-file';
import { decodePython } from '../../server/src/cli/source-file';
import { KNOWN_BUGGY, startTestServer } from '../unit/robust/lsp-client';
import { scriptFiles, seededRandom } from './fuzz-inputs';

const ROOT = join(__dirname, '..', '..');
const arg = (name: string, def: number) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : def; };
const seed = arg('--seed', Date.now() % 100000);
const seconds = arg('--seconds', 5);
const budgetMs = arg('--budget-ms', 10000);

const random = seededRandom(seed);
const rnd = random.next;
const pick = random.pick;

const pyFiles = (dir: string) => scriptFiles(dir, /\.py$/, Infinity);
const corpus = [...pyFiles(join(ROOT, 'test', 'fixtures', 'rules')), ...pyFiles(join(ROOT, 'examples'))].map((p) => readFileSync(p, 'utf8'));
const TOKENS = ['"""', "'''", '#', '# trainlint: disable=TL001', '(', ')', '[', ']', '{', '}', '\\', '\r', '\r\n', '\n', '\t', ' ', ':', ',', 'é', '\u2028', '\ufeff', '\0',
  'f"{', 'lambda', 'def f(', 'class A:', 'if x:\n    ', '=', '**kw', 'Trainer(', 'SFTConfig(', 'load_dataset("json", data_files="../../etc/passwd")', '# ' + 'x'.repeat(200)];

/** A mutated text: random edits (insert a token, delete/duplicate/reverse a span, change line endings). */
function mutateText(text: string): string {
  let t = text;
  for (let k = 1 + Math.floor(rnd() * 4); k > 0; k--) {
    const i = Math.floor(rnd() * (t.length + 1));
    const len = Math.floor(rnd() * 40);
    switch (Math.floor(rnd() * 7)) {
      case 0: t = t.slice(0, i) + pick(TOKENS) + t.slice(i); break;
      case 1: t = t.slice(0, i) + t.slice(i + len); break;
      case 2: t = t.slice(0, i) + t.slice(i, i + len).repeat(2 + Math.floor(rnd() * 50)) + t.slice(i + len); break;
      case 3: t = t.slice(0, i) + [...t.slice(i, i + len)].reverse().join('') + t.slice(i + len); break;
      case 4: t = t.replace(/\r\n|\r|\n/g, pick(['\n', '\r\n', '\r'])); break;
      case 5: t = t.slice(0, i) + '# comment line\n'.repeat(Math.floor(rnd() * 400)) + t.slice(i); break;
      default: t = t.slice(0, i); break;
    }
  }
  return t;
}

/** File bytes for a text: UTF-8 (maybe with BOM), Latin-1 with a cookie, or random bytes spliced in. */
function toBytes(text: string): Buffer {
  switch (Math.floor(rnd() * 4)) {
    case 0: return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 1: return Buffer.from(`# -*- coding: latin-1 -*-\n${text.replace(/[^\u0000-\u00ff]/g, '?')}`, 'latin1');
    case 2: {
      const b = Buffer.from(text, 'utf8');
      const i = Math.floor(rnd() * (b.length + 1));
      return Buffer.concat([b.subarray(0, i), Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => Math.floor(rnd() * 256))), b.subarray(i)]);
    }
    default: return Buffer.from(text, 'utf8');
  }
}

/** Keeps a failing input and what was written, for a regression test; returns where. */
function keep(input: Buffer, written: Buffer): string {
  const base = join(tmpdir(), `trainlint-fuzz-${seed}-${Date.now()}`);
  writeFileSync(`${base}.in.py`, input);
  writeFileSync(`${base}.out.py`, written);
  return `input kept in ${base}.in.py, written ${base}.out.py`;
}

const eolKinds = (b: string) => ({ crlf: /\r\n/.test(b), lf: /(?<!\r)\n/.test(b), cr: /\r(?!\n)/.test(b) });

void (async () => {
  await initParser();
  const problems: string[] = [];
  let tried = 0;
  let fixesWritten = 0;
  let serverEdits = 0;
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-fuzz-'));
  const server = startTestServer();
  await server.initialize();
  const uri = pathToFileURL(join(dir, 'typed.py')).toString();
  let version = 1;
  await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text: '' } });
  const until = Date.now() + seconds * 1000;
  try {
    while (Date.now() < until && problems.length < 20) {
      const text = mutateText(pick(corpus));
      const label = `seed ${seed} input ${tried}`;
      tried++;
      // check (engine)
      let t0 = Date.now();
      try {
        const { errors } = lintText(join(dir, 'x.py'), text);
        for (const e of errors) problems.push(`${label}: internal error: ${e.message.split('\n')[0]}`);
      } catch (e) { problems.push(`${label}: lint threw: ${(e as Error).message}`); }
      if (Date.now() - t0 > budgetMs) problems.push(`${label}: lint took ${Date.now() - t0} ms`);
      // fix, through the CLI's read/fix/write path
      const bytes = toBytes(text);
      const file = join(dir, `f${tried % 4}.py`);
      writeFileSync(file, bytes);
      t0 = Date.now();
      try {
        const r = await runFileTask({ path: file, mode: 'fix', unsafe: rnd() < 0.5, select: [], ignore: [] });
        if (Date.now() - t0 > budgetMs) problems.push(`${label}: fix took ${Date.now() - t0} ms`);
        const after = readFileSync(file);
        if (!after.equals(bytes)) {
          fixesWritten++;
          const before = decodePython(bytes);
          const back = decodePython(after);
          if (!before.encoding.exact) problems.push(`${label}: a file that does not round-trip was written`);
          if (back.encoding.name !== before.encoding.name || back.encoding.bom !== before.encoding.bom) problems.push(`${label}: encoding or BOM changed (${keep(bytes, after)})`);
          const was = eolKinds(bytes.toString('latin1'));
          const now = eolKinds(after.toString('latin1'));
          for (const k of ['crlf', 'lf', 'cr'] as const) if (now[k] && !was[k]) problems.push(`${label}: ${k} line endings appeared in a file that had none`);
          if (!Buffer.from(back.text, back.encoding.name === 'utf-8' ? 'utf8' : 'latin1').equals(back.encoding.bom ? after.subarray(3) : after)) problems.push(`${label}: the written bytes do not read back`);
          // outside the fixes: the unchanged head and tail of the file are byte-identical by construction; check the head decodes the same
          if (!r.fixed) problems.push(`${label}: file changed but no fix was reported`);
        }
      } catch (e) { problems.push(`${label}: fix threw: ${(e as Error).message}`); }
      // the server: the same text typed in
      if (tried % 3 === 0) {
        version++;
        serverEdits++;
        await server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
        if (tried % 15 === 0) {
          const v = version;
          await server.diagnostics((x) => x.uri === uri && x.version === v, budgetMs * 3).catch(() => { problems.push(`${label}: the server did not answer within ${budgetMs * 3} ms`); });
        }
      }
    }
    // the server still answers a known-buggy script
    const known = pathToFileURL(join(dir, 'known.py')).toString();
    await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: known, languageId: 'python', version: 1, text: readFileSync(KNOWN_BUGGY, 'utf8') } });
    const p = await server.diagnostics((x) => x.uri === known, 30000).catch(() => undefined);
    if (!p?.diagnostics.some((d) => d.code === 'TL001')) problems.push('the server no longer reports TL001 on a known-buggy script');
    if (server.proc.exitCode !== null) problems.push(`the server exited (${server.proc.exitCode}): ${server.stderr().slice(-500)}`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify({ seed, tried, fixesWritten, serverEdits, problems })}\n`);
  process.exitCode = problems.length ? 1 : 0;
})();
