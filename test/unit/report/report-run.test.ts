import assert from 'node:assert/strict';
import type { DatasetReport } from '../../../server/src/engine/report/types';
import { jsonl, project, sftScript, words } from './fixtures';

function report(r: unknown): DatasetReport {
  if (!r || typeof r !== 'object' || !('report' in r)) throw new Error(`no report: ${JSON.stringify(r)}`);
  return (r as { report: DatasetReport }).report;
}

const chat = (i: number, n = 8) => ({ messages: [{ role: 'user', content: words(i, n) }, { role: 'assistant', content: words(i + 99, n) }] });

describe('dataset report: running it', () => {
  const p = project();
  p.write('rows.jsonl', jsonl(Array.from({ length: 400 }, (_, i) => chat(i, 4 + (i % 30)))));

  it('worker threads give the same report as one thread, with partial reports on the way', async function () {
    this.timeout(180_000);
    p.write('a.py', sftScript({ data: 'rows.jsonl', maxLength: 40 }));
    const one = report(await p.run('a.py'));
    const partial: DatasetReport[] = [];
    const many = report(await p.run('a.py', { threads: 'workers', batchSize: 32, progressMs: 0, onProgress: (r) => partial.push(r) }));
    const strip = (r: DatasetReport) => ({ ...r, progress: undefined });
    assert.deepEqual(strip(many), strip(one));
    assert.ok(partial.length >= 2 && partial[0].rows < 400 && !partial[0].done, `partials: ${partial.map((x) => x.rows)}`);
    assert.equal(partial[0].progress.total, 400);
    assert.ok(one.truncated.count > 0);
  });

  it('cancelling stops the report and says so', async function () {
    this.timeout(120_000);
    p.write('b.py', sftScript({ data: 'rows.jsonl' }));
    const abort = new AbortController();
    const r = report(await p.run('b.py', { batchSize: 16, progressMs: 0, signal: abort.signal, onProgress: () => abort.abort() }));
    assert.equal(r.cancelled, true);
    assert.equal(r.done, false);
    assert.ok(r.rows < 400 && r.rows > 0, String(r.rows));
  });

  it('without a cached tokenizer it stops and says so, or gives an approximate report marked as such', async function () {
    this.timeout(120_000);
    p.write('c.py', sftScript({ data: 'rows.jsonl' }).replaceAll('meta-llama/Llama-3.1-8B-Instruct', 'nobody/not-cached-7b'));
    const stopped = await p.run('c.py');
    assert.ok('noTokenizer' in stopped && /not in the local cache/.test(stopped.noTokenizer), JSON.stringify(stopped));
    const approx = report(await p.run('c.py', { approximate: true }));
    assert.equal(approx.approximate, true);
    assert.ok(approx.warnings[0].startsWith('APPROXIMATE'), approx.warnings[0]);
    assert.equal(approx.rows, 400);
  });

  it('follows the script: split slices, filter() and map() formatting; steps per epoch from literal arguments', async function () {
    this.timeout(120_000);
    const extra = `def fmt(example):
    return {"text": "Q: " + example["q"] + " A: " + example["a"]}
dataset = dataset.filter(lambda ex: ex["keep"])
dataset = dataset.map(fmt)`;
    const rows = Array.from({ length: 100 }, (_, i) => ({ q: words(i, 1 + (i % 9)), a: words(i + 7, 3), keep: words(i, 1 + (i % 9)).length > 20 }));
    p.write('qa.jsonl', jsonl(rows));
    p.write('d.py', sftScript({ data: 'qa.jsonl', extra, config: ', per_device_train_batch_size=4, gradient_accumulation_steps=3, num_train_epochs=2' })
      .replace('split="train"', 'split="train[:50%]"'));
    const r = report(await p.run('d.py'));
    const kept = rows.slice(0, 50).filter((x) => x.keep).length;
    assert.equal(r.rows, 50);
    assert.equal(r.filtered, 50 - kept);
    assert.equal(r.measured, kept);
    assert.equal(r.failed.count, 0, JSON.stringify(r.failed));
    assert.equal(r.steps.stepsPerEpoch, Math.ceil(Math.ceil(kept / 4) / 3));
    assert.equal(r.steps.totalSteps, 2 * Math.ceil(Math.ceil(kept / 4) / 3));
    // A filter trainlint cannot evaluate keeps every row, and says so.
    p.write('d2.py', sftScript({ data: 'qa.jsonl', extra: extra.replace('ex["keep"]', 'len(ex["q"]) > 20') }));
    const unknown = report(await p.run('d2.py'));
    assert.equal(unknown.filtered, 0);
    assert.equal(unknown.measured, 100);
    assert.ok(unknown.warnings.some((w) => w.startsWith('100 rows are counted as kept although a filter could not be evaluated')), unknown.warnings.join('\n'));
  });

  it('a map whose function is not in the script stops the report with why', async function () {
    p.write('e.py', sftScript({ data: 'rows.jsonl', extra: 'from helpers import fmt\ndataset = dataset.map(fmt)' }));
    const r = await p.run('e.py');
    assert.ok('error' in r && /not defined in this script/.test(r.error), JSON.stringify(r));
  });

  it('a corrupt data file gives the dataset preview\'s message', async function () {
    p.write('bad.jsonl', 'this is not json\n');
    p.write('f.py', sftScript({ data: 'bad.jsonl' }));
    const r = await p.run('f.py');
    assert.ok('error' in r && /bad\.jsonl is not JSON Lines: line 1/.test(r.error), JSON.stringify(r));
  });
});
