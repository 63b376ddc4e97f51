// What an edit leaves to the garbage collector, in-process: the long replica or the dense script opened as an
// editor would, 100 warm edits toggling `#` on the last line, then 300 measured, each in its own task (as the
// language server runs them). V8's own trace (--trace-gc-nvp) says how often the young generation was collected,
// how much was still alive each time (what each scavenge copies: its pause grows with it) and the pauses.
//   node --import tsx bench/edit-gc.ts [long|dense]          (`npm run bench -- edits`)
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSync } from 'esbuild';
import { initParser, lint, ParsedScript, PipelineCache, ScriptDocument } from '../server/src/engine/index';

const kind = process.argv[2] === 'dense' ? 'dense' : 'long';
const MEASURED = 300;

async function edits(): Promise<void> {
  await initParser();
  const bench = process.env.TRAINLINT_BENCH_DIR ?? __dirname;
  const { makeLongReplica } = await import(join(bench, 'startup.mjs'));
  const { makeScript, hashToggler } = await import(join(bench, 'make-scripts.mjs'));
  const text: string = kind === 'dense' ? makeScript(2000) : makeLongReplica();
  const script = ParsedScript.parse(text, { edited: true });
  const path = '/tmp/trainlint-bench/long.py'; // never read: no data, no disk
  const toggle = hashToggler(text);
  const pipelines = new PipelineCache();
  const times: number[] = [];
  for (let v = 0; v < 100 + MEASURED; v++) {
    await new Promise((r) => setImmediate(r));
    if (v === 100) console.log('MEASURED');
    const t0 = performance.now();
    script.update([toggle(v % 2 === 0)]);
    lint({ doc: ScriptDocument.fromPython(path, script.text), script, pipelines });
    if (v >= 100) times.push(performance.now() - t0);
  }
  const s = [...times].sort((a, b) => a - b);
  console.log(`TIMES p50 ${s[s.length >> 1].toFixed(2)} p95 ${s[Math.floor(s.length * 0.95)].toFixed(2)} max ${s[s.length - 1].toFixed(2)}`);
}

if (process.argv[3] === 'child') {
  void edits();
} else {
  // Measured bundled, as the language server runs it (esbuild, like `npm run build`): tsx's per-module output
  // keeps more alive between scavenges than the bundle does.
  // Four folders down, so the engine finds the grammar and runtime from the repository (syntax/wasm-location.ts).
  const out = join(__dirname, 'out', 'gc', 'engine', 'edit-gc-child.cjs');
  mkdirSync(dirname(out), { recursive: true });
  buildSync({ entryPoints: [__filename], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error',
    external: ['./startup.mjs', './make-scripts.mjs'], define: { 'import.meta.url': 'undefined' } });
  const r = spawnSync(process.execPath, ['--trace-gc-nvp', out, kind, 'child'], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, TRAINLINT_BENCH_DIR: __dirname } });
  const lines = r.stdout.split('\n');
  const from = lines.indexOf('MEASURED');
  let scavenges = 0, full = 0, pause = 0, survived = 0, allocated = 0, timesLine = '';
  for (const line of lines.slice(from + 1)) {
    if (line.startsWith('TIMES')) timesLine = line.slice(6);
    const gc = /\bgc=(\w+)/.exec(line)?.[1];
    if (!gc) continue;
    const num = (key: string) => Number(new RegExp(`\\b${key}=([\\d.]+)`).exec(line)?.[1] ?? 0);
    pause += num('pause');
    allocated += num('allocated');
    if (gc === 's') { scavenges++; survived += num('new_space_survived'); } else full++;
  }
  console.log(`edit GC (${kind}, ${MEASURED} edits in-process): ${(allocated / MEASURED / 1024).toFixed(0)} KB allocated per edit; ${scavenges} scavenges, ` +
    `${scavenges ? (survived / scavenges / 1024).toFixed(0) : 0} KB alive at each (mean), ${full} full collections; GC pauses ${pause.toFixed(1)} ms in all; edits ${timesLine}`);
}
