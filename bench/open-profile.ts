// Where the replica's first open goes, in-process: the parser initialised and the engine warmed as the language
// server does before it answers `initialize`, then the 1,926-line replica (bench/startup.mjs) linted cold, and
// again in fresh documents (warm code). Parse, lint and each rule timed; the cold−warm gap is code running for its
// first times.
//   node --import tsx bench/open-profile.ts [repeats]
import { initParser, lint, ParsedScript, PipelineCache, ScriptDocument } from '../server/src/engine/index';
import { warmUpEngine } from '../server/src/engine/warm-up';

const repeats = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 5;

async function main(): Promise<void> {
  const { makeLongReplica } = await import('./startup.mjs' as string);
  const text: string = makeLongReplica();
  const t0 = performance.now();
  await initParser();
  const t1 = performance.now();
  warmUpEngine();
  const t2 = performance.now();
  console.log(`open profile (replica, ${text.split('\n').length} lines): initParser ${(t1 - t0).toFixed(1)} ms, warm-up ${(t2 - t1).toFixed(1)} ms`);
  const runs: { parse: number; lint: number; rules: Map<string, number> }[] = [];
  for (let r = 0; r <= repeats; r++) {
    const p0 = performance.now();
    const script = ParsedScript.parse(text, { edited: true });
    const p1 = performance.now();
    const timings = new Map<string, number>();
    lint({ doc: ScriptDocument.fromPython(`/tmp/trainlint-bench/long${r}.py`, text), script, timings, pipelines: new PipelineCache() });
    const p2 = performance.now();
    runs.push({ parse: p1 - p0, lint: p2 - p1, rules: timings });
    script.dispose();
  }
  const [cold, ...warm] = runs;
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`  parse: cold ${cold.parse.toFixed(1)} ms, warm median ${med(warm.map((w) => w.parse)).toFixed(1)}`);
  console.log(`  lint:  cold ${cold.lint.toFixed(1)} ms, warm median ${med(warm.map((w) => w.lint)).toFixed(1)}`);
  const keys = [...cold.rules.keys()];
  const rows = keys.map((k) => ({ k, c: cold.rules.get(k) ?? 0, w: med(warm.map((x) => x.rules.get(k) ?? 0)) }));
  rows.sort((a, b) => b.c - a.c);
  for (const { k, c, w } of rows.slice(0, 25)) console.log(`  ${k.padEnd(28)} cold ${c.toFixed(2).padStart(6)}  warm ${w.toFixed(2).padStart(6)}`);
  const sum = (f: (r: { c: number; w: number }) => number) => rows.reduce((a, r) => a + f(r), 0);
  console.log(`  sum of timed parts: cold ${sum((r) => r.c).toFixed(1)} ms, warm ${sum((r) => r.w).toFixed(1)} ms`);
}

void main();
