// Does linting one pipeline at a time (engine/lint/pipelines.ts) change any finding? Over every .py and
// .ipynb file under the given folders (real corpora), compares:
//   whole   — the whole script as one analysis (no split), against a split from ONE pipeline on (so the
//             views, the shared statements and the separate view for the rest are exercised on nearly every
//             script); differences here mean a rule reads a statement outside its view;
//   shipped — the whole script against the split as shipped (from two pipelines: each pipeline judged on
//             its own), listing every file whose findings change and how;
//   rest    — the split as shipped against the same split with the rest shared by every view.
// Each split runs with an editor's cache and is linted twice (the second lint must reuse every view).
//   node --import tsx bench/pipeline-equivalence.ts [whole|shipped|rest] DIR...
import { readFileSync } from 'node:fs';
import { documentFor, initParser, lint, ParsedScript, PipelineCache } from '../server/src/engine/index';
import type { Diagnostic } from '../server/src/engine/diagnostics';
import type { SplitOptions } from '../server/src/engine/lint/pipelines';
import { scriptFiles } from '../test/fuzz/fuzz-inputs';

const MODES: Record<string, [SplitOptions, SplitOptions]> = {
  whole: [{ minPipelines: Infinity }, { minPipelines: 1 }],
  shipped: [{ minPipelines: Infinity }, {}],
  rest: [{ restEverywhere: true }, {}],
};

void (async () => {
  const [mode = 'whole', ...dirs] = process.argv.slice(2);
  const [reference, tested] = MODES[mode] ?? MODES.whole;
  await initParser();
  const key = (d: Diagnostic) => `${d.range.start.line + 1}:${d.code} ${d.severity} ${d.message.slice(0, 100)}`;
  let n = 0, split = 0, differ = 0, notReused = 0;
  const t0 = performance.now();
  for (const f of dirs.flatMap((d) => scriptFiles(d))) {
    let doc;
    try { doc = documentFor(f, readFileSync(f, 'utf8')); } catch { continue; } // a notebook that is not JSON
    const script = ParsedScript.parse(doc.text, { edited: true });
    try {
      const want = lint({ doc, script, split: reference }).diagnostics;
      const cache = new PipelineCache();
      const got = lint({ doc, script, split: tested, pipelines: cache }).diagnostics;
      const first = cache.stats;
      const again = lint({ doc, script, split: tested, pipelines: cache });
      n++;
      if (first.linted > 1) split++;
      if (first.linted > 1 && cache.stats.linted > 0) { notReused++; console.log(`${f}: the second lint linted ${cache.stats.linted} views again`); }
      if (JSON.stringify(want) !== JSON.stringify(got) || JSON.stringify(got) !== JSON.stringify(again.diagnostics)) {
        differ++;
        const w = new Set(want.map(key)), g = new Set(got.map(key));
        console.log(f);
        for (const k of w) if (!g.has(k)) console.log(`  - ${k}`);
        for (const k of g) if (!w.has(k)) console.log(`  + ${k}`);
      }
    } catch (e) {
      console.log(`${f}: ${(e as Error).stack}`);
      differ++;
    } finally { script.dispose(); }
  }
  console.log(`${mode}: ${n} files, ${split} linted as several views, ${differ} with different findings, ${notReused} not reused (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
})();
