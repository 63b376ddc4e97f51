import assert from 'node:assert/strict';
import type { DatasetReport } from '../../../server/src/engine/report/types';
import { fakeHfCache } from '../masking/fixtures';
import { LLAMA, jsonl, project, render, sftScript, words } from './fixtures';

function report(r: Awaited<ReturnType<ReturnType<typeof project>['run']>>): DatasetReport {
  if (!('report' in r)) throw new Error(`no report: ${JSON.stringify(r)}`);
  return r.report;
}

describe('dataset report: counts over every row', () => {
  const p = project();
  const MAX = 64;

  it('prompt-completion rows (TRL 1.0): truncation, rows losing every trained token or their final end-of-turn, totals and percentiles', async function () {
    this.timeout(120_000);
    const rows = Array.from({ length: 300 }, (_, i) => ({
      prompt: [{ role: 'user', content: words(i, 3 + ((i * 7) % 70)) }],
      completion: [{ role: 'assistant', content: words(i + 1000, 2 + ((i * 13) % 50)) }],
    }));
    p.write('pc.jsonl', jsonl(rows));
    p.write('pc.py', sftScript({ data: 'pc.jsonl', maxLength: MAX }));
    const r = report(await p.run('pc.py'));

    // Independently: TRL ≥ 0.24 renders the prompt with the generation prompt; the completion mask
    // starts at its length; labels at position 0 are never targets; keep_start truncation.
    const { store } = fakeHfCache();
    const loaded = await store.load({ modelId: LLAMA });
    assert.ok(loaded.ok);
    const tok = loaded.tokenizer;
    const count = (s: string) => tok.encode(s, false).length;
    let truncated = 0, lostAll = 0, lostEos = 0, total = 0, trained = 0;
    const lengths: number[] = [];
    const lostAllRows: number[] = [];
    rows.forEach((row, i) => {
      const full = count(render([...row.prompt, ...row.completion]));
      const promptLen = count(render(row.prompt, true));
      lengths.push(full);
      const kept = Math.min(full, MAX);
      const t = Math.max(0, kept - Math.max(promptLen, 1));
      total += kept;
      trained += t;
      if (full > MAX) {
        truncated++;
        if (t === 0) { lostAll++; lostAllRows.push(i); } else lostEos++;
      }
    });
    assert.ok(truncated > 20 && lostAll > 5 && lostEos > 5, `fixture spread: ${truncated} ${lostAll} ${lostEos}`);
    assert.equal(r.rows, 300);
    assert.equal(r.truncated.count, truncated);
    assert.equal(r.lostAllTrained.count, lostAll);
    assert.deepEqual(r.lostAllTrained.rows.map((x) => x.row), lostAllRows.slice(0, 20));
    assert.equal(r.lostFinalEos.count, lostEos);
    assert.equal(r.tokens.total, total);
    assert.equal(r.tokens.trained, trained);
    const sorted = [...lengths].sort((a, b) => a - b);
    assert.equal(r.tokens.max, sorted[sorted.length - 1]);
    assert.equal(r.tokens.p50, sorted[Math.ceil(0.5 * 300) - 1]);
    assert.equal(r.tokens.p99, sorted[Math.ceil(0.99 * 300) - 1]);
    assert.equal(r.histogram.counts.reduce((a, b) => a + b, 0), 300);
    assert.equal(r.maxLength, MAX);
    assert.equal(r.longest[0].tokens, sorted[sorted.length - 1]);
    assert.equal(r.approximate, false);
    assert.equal(r.done, true);
  });
});
