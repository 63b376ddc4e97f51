// trainlint's CLI against Ruff (its WebAssembly build, one thread, in this process) on the same files,
// run alternately so both see the same machine. The corpus is the benchmark's generated folder, or
// TRAINLINT_CORPUS=DIR (any folder of .py files, e.g. a checkout of TRL's examples; never committed).
//   node bench/vs-ruff.mjs [runs]
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { makeFolder } from './make-scripts.mjs';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');

export function pythonFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) pythonFiles(p, out);
    else if (name.endsWith('.py')) out.push(p);
  }
  return out;
}

/** The same .py files Ruff gets (a folder would also bring notebooks, which Ruff's wasm build does not read). */
function trainlint(files) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'check', ...files, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`trainlint exited ${r.status}: ${r.stderr}`);
  return performance.now() - t0;
}

/** Ruff as a user of its wasm build runs it: load the module, make a workspace, check each file. */
function ruff(files) {
  const t0 = performance.now();
  const path = require.resolve('@astral-sh/ruff-wasm-nodejs');
  delete require.cache[path];
  const { Workspace, PositionEncoding } = require(path);
  const ws = new Workspace(Workspace.defaultSettings(), PositionEncoding.Utf16);
  let findings = 0;
  for (const f of files) findings += ws.check(readFileSync(f, 'utf8')).length;
  ws.free?.();
  return { ms: performance.now() - t0, findings };
}

export function benchVsRuff(runs = 3) {
  let dir = process.env.TRAINLINT_CORPUS;
  if (!dir) {
    dir = join(root, 'bench', 'out', 'vs-ruff');
    makeFolder(dir, 60, 1000);
  }
  const files = pythonFiles(dir);
  const lines = files.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length, 0);
  const ratios = [], ours = [], theirs = [];
  for (let i = 0; i < runs; i++) {
    const t = trainlint(files);
    const r = ruff(files);
    ours.push(t); theirs.push(r.ms); ratios.push(t / r.ms);
  }
  const s = (xs, d = 0) => `${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)}`;
  console.log(`vs Ruff (wasm, one thread): ${files.length} .py files, ${lines} lines, ${runs} alternating runs, load average ${loadavg()[0].toFixed(2)}`);
  console.log(`  trainlint check: ${s(ours)} ms; Ruff: ${s(theirs)} ms; trainlint/Ruff wall time ${s(ratios, 2)}× (median ${[...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)].toFixed(2)}×)`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) benchVsRuff(Number(process.argv[2] ?? 3));
