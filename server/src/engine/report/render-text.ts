/**
 * The dataset report for a terminal: summary, a text histogram with `max_length` marked, the
 * findings with their first rows, the longest rows, steps. Approximate reports say so on every
 * count line (`≈`).
 */
import type { CountedRows, DatasetReport, RowRef } from './types';

const n = (x: number) => x.toLocaleString('en-US');
const pct = (x: number, of: number) => (of ? `${((100 * x) / of).toFixed(x && x / of < 0.001 ? 3 : 1)}%` : '0%');

function rowList(rows: RowRef[], count: number): string {
  if (!rows.length) return '';
  const shown = rows.slice(0, 12).map((r) => String(r.row));
  return `\n      rows ${shown.join(', ')}${count > shown.length ? `, … (${n(count - shown.length)} more; --format json lists ${rows.length} with details)` : ''}`;
}

function finding(label: string, c: CountedRows, of: number, approx: string): string {
  return `  ${label.padEnd(44)} ${approx}${n(c.count).padStart(8)}  ${pct(c.count, of).padStart(6)}${rowList(c.rows, c.count)}`;
}

export function histogramText(r: DatasetReport, width = 40): string[] {
  const { edges, counts, maxLengthBin } = r.histogram;
  const top = Math.max(1, ...counts);
  return counts.map((c, i) => {
    const bar = '█'.repeat(Math.round((c / top) * width)) || (c ? '▏' : '');
    const mark = maxLengthBin === i ? `  ◀ max_length ${r.maxLength}` : '';
    return `  ${String(edges[i]).padStart(7)}–${String(edges[i + 1] - 1).padEnd(7)} ${bar.padEnd(width)} ${n(c)}${mark}`;
  });
}

export function renderReportText(r: DatasetReport): string {
  const a = r.approximate ? '≈' : '';
  const lines: string[] = [r.title, `tokenizer: ${r.tokenizer}${r.approximate ? '  — APPROXIMATE: word-level estimates, not the real tokenizer' : ''}`];
  if (r.cancelled) lines.push(`CANCELLED after ${n(r.rows)} rows: the counts below cover those rows only`);
  for (const w of r.warnings) lines.push(`⚠ ${w}`);
  lines.push('', `rows ${n(r.rows)}  (measured ${n(r.measured)}${r.filtered ? `, filtered out ${n(r.filtered)}` : ''}${r.failed.count ? `, failed ${n(r.failed.count)}` : ''})`);
  lines.push(`tokens per epoch ${a}${n(r.tokens.total)}, trained ${a}${n(r.tokens.trained)} (${pct(r.tokens.trained, r.tokens.total)})`);
  lines.push(`length (tokens, before truncation): p50 ${a}${n(r.tokens.p50)}  p90 ${a}${n(r.tokens.p90)}  p99 ${a}${n(r.tokens.p99)}  max ${a}${n(r.tokens.max)}  mean ${a}${r.tokens.mean}${r.maxLength !== undefined ? `  · max_length ${n(r.maxLength)}` : '  · no truncation'}`);
  lines.push('', 'Token lengths:', ...histogramText(r));
  lines.push('', 'Findings:');
  lines.push(finding('rows truncated at max_length', r.truncated, r.measured, a));
  lines.push(finding('  of which lose every trained token', r.lostAllTrained, r.measured, a));
  lines.push(finding('  of which lose their final end-of-turn', r.lostFinalEos, r.measured, a));
  lines.push(finding('rows with no trained token (other reasons)', r.zeroTrained, r.measured, a));
  for (const z of r.zeroTrained.reasons.slice(0, 5)) lines.push(`      ${n(z.count)} × ${z.reason}`);
  for (const s of r.structure) lines.push(finding(`chat structure: ${s.label}`, s, r.measured, ''));
  lines.push(finding('exact duplicate rows', r.duplicates, r.rows, ''));
  lines.push(finding('rows that fail to format or tokenize', r.failed, r.rows, ''));
  for (const f of r.failed.reasons.slice(0, 5)) lines.push(`      ${n(f.count)} × ${f.reason}`);
  if (r.longest.length) {
    lines.push('', 'Longest rows:');
    for (const l of r.longest.slice(0, 10)) lines.push(`  row ${String(l.row).padEnd(9)} ${a}${n(l.tokens)} tokens`);
  }
  const s = r.steps;
  lines.push('', s.stepsPerEpoch !== undefined
    ? `Steps: ${a}${n(s.stepsPerEpoch)} per epoch, ${a}${n(s.totalSteps ?? 0)} in total (${s.notes.join('; ')})`
    : `Steps: unknown (${s.notes.join('; ')})`);
  return lines.join('\n');
}
