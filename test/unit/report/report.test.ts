import assert from 'node:assert/strict';
import type { DatasetReport } from '../../../server/src/engine/report/types';
import { fakeHfCache } from '../masking/fixtures';
import { GENERATION_TEMPLATE, LLAMA, jsonl, project, render, sftScript, words } from './fixtures';

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

describe('dataset report: chat structure, duplicates, failures', () => {
  const p = project();

  it('counts role errors, duplicates, zero-trained rows and rows that fail, each with row numbers', async function () {
    this.timeout(120_000);
    const good = (i: number) => ({ messages: [{ role: 'user', content: words(i, 5) }, { role: 'assistant', content: words(i + 500, 6) }] });
    const kinds = ['ok', 'user-user', 'assistant-first', 'system-late', 'unknown', 'empty', 'no-assistant', 'dup', 'bad-json', 'no-field'] as const;
    const lines: string[] = [];
    const expected: Record<string, number[]> = {};
    const add = (k: string, i: number) => (expected[k] ??= []).push(i);
    for (let i = 0; i < 200; i++) {
      const kind = kinds[(i * 3) % kinds.length];
      const g = good(i);
      const m = g.messages;
      switch (kind) {
        case 'user-user': m.splice(1, 0, { role: 'user', content: 'again' }); add('role-order', i); break;
        case 'assistant-first': m.reverse(); add('role-order', i); break;
        case 'system-late': m.push({ role: 'system', content: 'late' }); add('system-not-first', i); break;
        case 'unknown': m[0].role = 'narrator'; add('unknown-role', i); add('role-order', i); break; // the first known role is then the assistant's
        case 'empty': m[1].content = ''; add('empty-content', i); break;
        case 'no-assistant': m.pop(); add('no-assistant', i); break;
        case 'dup': lines.push(lines.length ? lines[0] : JSON.stringify(g)); continue;
        case 'bad-json': lines.push('{"messages": [oops'); add('failed', i); continue;
        case 'no-field': lines.push(JSON.stringify({ other: 1 })); add('failed', i); continue;
      }
      lines.push(JSON.stringify(g));
    }
    // Row 0 is 'ok' and was copied by every 'dup' row.
    p.write('chat.jsonl', `${lines.join('\n')}\n`);
    p.write('chat.py', sftScript({ data: 'chat.jsonl', template: GENERATION_TEMPLATE, config: ', assistant_only_loss=True' }));
    const r = report(await p.run('chat.py', { listed: 100 }));
    const byKind = Object.fromEntries(r.structure.map((s) => [s.kind, s.rows.map((x) => x.row)]));
    for (const k of ['role-order', 'system-not-first', 'unknown-role', 'empty-content']) assert.deepEqual(byKind[k], expected[k], k);
    // A conversation without an assistant turn is also zero-trained (assistant_only_loss).
    assert.deepEqual(byKind['no-assistant'], expected['no-assistant']);
    // Exact duplicates: the same line seen before (the copies of row 0, and the repeated broken lines).
    const first = new Map<string, number>();
    const dups: string[] = [];
    lines.forEach((l, i) => { if (first.has(l)) dups.push(`${i}=${first.get(l)}`); else first.set(l, i); });
    assert.ok(dups.filter((d) => d.endsWith('=0')).length >= 15);
    assert.deepEqual(r.duplicates.rows.map((x) => `${x.row}=${x.detail?.replace('same as row ', '')}`), dups.slice(0, 100));
    assert.equal(r.duplicates.count, dups.length);
    assert.deepEqual(r.failed.rows.map((x) => x.row), expected.failed);
    assert.ok(r.failed.reasons.some((x) => x.reason.startsWith('not valid JSON')), JSON.stringify(r.failed.reasons));
    // Zero trained: exactly the rows without an assistant turn (the others train their assistant text).
    assert.deepEqual(r.zeroTrained.rows.map((x) => x.row), expected['no-assistant']);
    assert.equal(r.zeroTrained.count, expected['no-assistant'].length);
    assert.equal(r.rows, 200);
  });
});
