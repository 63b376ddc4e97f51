// The parse alone, against Ruff's whole check: every .py file of a folder parsed once with tree-sitter (as the CLI
// parses a file), in one thread, timed in CPU ms; then Ruff's wasm build checks the same files in the same process.
// What it shows: the lowest wall time a CLI built on this parser could reach on two cores (parse CPU / 2), against
// Ruff on one.
//   TRAINLINT_CORPUS=DIR node --import tsx bench/parse-floor.ts [runs]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initParser, ParsedScript } from '../server/src/engine/index';

const require = createRequire(import.meta.url);

async function main(): Promise<void> {
  const dir = process.env.TRAINLINT_CORPUS;
  if (!dir) throw new Error('set TRAINLINT_CORPUS to a folder of .py files');
  const runs = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 3;
  // The same .py files bench/vs-ruff.mjs gives both tools.
  const { pythonFiles } = (await import('./vs-ruff.mjs' as string)) as { pythonFiles: (dir: string) => string[] };
  const texts = pythonFiles(dir).map((f) => readFileSync(f, 'utf8'));
  const lines = texts.reduce((n, t) => n + t.split('\n').length, 0);
  await initParser();
  const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const t of texts) ParsedScript.parse(t).dispose();
    const parseWall = performance.now() - t0;
    const used = process.cpuUsage(c0);
    const parseCpu = (used.user + used.system) / 1000;
    const t1 = performance.now();
    const ws = new Workspace(Workspace.defaultSettings(), PositionEncoding.Utf16);
    for (const t of texts) ws.check(t);
    ws.free?.();
    const ruff = performance.now() - t1;
    console.log(`${texts.length} files, ${lines} lines: tree-sitter parse ${parseWall.toFixed(0)} ms wall (${parseCpu.toFixed(0)} ms CPU); Ruff's whole check ${ruff.toFixed(0)} ms; parse on two cores / Ruff = ${(parseWall / 2 / ruff).toFixed(2)}×`);
  }
}

void main();
