/**
 * The incremental path end to end: real scripts opened in the language server over stdio (a temporary copy, the
 * server's workspace folder), typed into with incremental `didChange` edits (typing-edits.ts), and after edits the
 * published diagnostics compared with `trainlint check --format json` of the same text (code, severity, message,
 * range, fixes' edits). TL000 is left out (the editor reports syntax errors only when asked) and so is a text that
 * does not parse (the editor keeps a syntax error in its section, the CLI parses one tree).
 *
 *   node --import tsx test/fuzz/lsp-equivalence.ts [--seed N] [--files N] [--sequences K] DIR...
 * Prints one JSON line: { seed, files, edits, compared, skippedBroken, problems }; exit 1 on a difference.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SourceText } from '../../server/src/engine/syntax/source-text';
import { ROOT, startTestServer } from '../unit/robust/lsp-client';
import { scriptFiles, seededRandom } from './fuzz-inputs';
import { sequenceFor } from './typing-edits';

const argv = process.argv.slice(2);
const option = (name: string, def: number) => { const i = argv.indexOf(name); return i >= 0 ? Number(argv[i + 1]) : def; };
const dirs = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };

type Pos = { line: number; character: number };
type Shown = { code: string; severity: number; message: string; range: { start: Pos; end: Pos }; fixes: unknown };
const key = (d: Shown) => JSON.stringify(d);

interface CliDiagnostic { code: string; name: string; severity: string; message: string; range: { start: { line: number; column: number }; end: { line: number; column: number } }; fixes: Array<{ edits: Array<{ range: { start: { line: number; column: number }; end: { line: number; column: number } }; newText: string }> }> }
const zero = (p: { line: number; column: number }): Pos => ({ line: p.line - 1, character: p.column - 1 });

function cli(file: string): Shown[] | undefined {
  const out = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', file, '--format', 'json', '--exit-zero'], { encoding: 'utf8', cwd: join(file, '..') })) as CliDiagnostic[];
  if (out.some((d) => d.code === 'TL000')) return undefined;
  return out.map((d) => ({ code: d.code, severity: SEVERITY[d.severity], message: `${d.message} (${d.name})`, range: { start: zero(d.range.start), end: zero(d.range.end) },
    fixes: d.fixes.map((f) => f.edits.map((e) => [e.range.start.line - 1, e.range.start.column - 1, e.range.end.line - 1, e.range.end.column - 1, e.newText])) }));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fromLsp = (d: any): Shown => ({ code: d.code, severity: d.severity, message: d.message, range: d.range,
  fixes: (d.data?.fixes ?? []).map((f: { edits: Array<{ range: { start: Pos; end: Pos }; newText: string }> }) => f.edits.map((e) => [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character, e.newText])) });

void (async () => {
  const seed = option('--seed', Date.now() % 100000);
  const r = seededRandom(seed);
  const all = dirs.flatMap((d) => scriptFiles(d, /\.py$/, 100_000)).sort();
  const picked: string[] = [];
  for (let tries = 0; picked.length < option('--files', 5) && tries < 2000 && all.length; tries++) {
    const f = r.pick(all);
    if (!picked.includes(f) && /Trainer\(|Config\(/.test(readFileSync(f, 'utf8'))) picked.push(f);
  }
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-lsp-equivalence-'));
  const server = startTestServer();
  const problems: string[] = [];
  let edits = 0, compared = 0, skippedBroken = 0;
  try {
    await server.conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: { workspace: { configuration: true } } });
    await server.conn.sendNotification('initialized', {});
    for (const [n, path] of picked.entries()) {
      const file = join(dir, `script${n}.py`);
      const uri = pathToFileURL(file).toString();
      let text = readFileSync(path, 'utf8');
      let version = 1;
      const compare = async (label: string) => {
        const published = await server.diagnostics((p) => p.uri === uri && p.version === version, 60000);
        writeFileSync(file, text);
        const want = cli(file);
        if (!want) { skippedBroken++; return; }
        compared++;
        const got = published.diagnostics.map(fromLsp).filter((d) => d.code !== 'TL000');
        const w = new Map<string, number>();
        for (const d of want) w.set(key(d), (w.get(key(d)) ?? 0) + 1);
        const extra = got.filter((d) => { const n = w.get(key(d)) ?? 0; if (n) { w.set(key(d), n - 1); return false; } return true; });
        const missing = [...w].filter(([, c]) => c > 0).map(([k]) => JSON.parse(k) as Shown);
        if (extra.length || missing.length) {
          const keep = join(tmpdir(), `trainlint-lsp-difference-${seed}-${n}-${version}.py`);
          writeFileSync(keep, text);
          problems.push(`${path} ${label}: the server and check differ (text kept in ${keep})\n    ${[...missing.map((d) => `- ${d.range.start.line + 1} ${d.code} ${d.message.slice(0, 120)}`), ...extra.map((d) => `+ ${d.range.start.line + 1} ${d.code} ${d.message.slice(0, 120)}`)].slice(0, 6).join('\n    ')}`);
        }
      };
      await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text } });
      await compare('opened');
      for (let k = 0; k < option('--sequences', 3); k++) {
        const seq = sequenceFor(text, r);
        if (!seq) continue;
        for (const e of seq.edits) {
          const source = new SourceText(text);
          const range = { start: source.positionAt(e.start), end: source.positionAt(e.end) };
          text = text.slice(0, e.start) + e.text + text.slice(e.end);
          version++;
          edits++;
          // every keystroke sent at once: the server lints the last version
          void server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: e.text }] });
        }
        await compare(`after ${seq.kind}`);
      }
      await server.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify({ seed, files: picked.length, edits, compared, skippedBroken, problems })}\n`);
  process.exitCode = problems.length ? 1 : 0;
})();
