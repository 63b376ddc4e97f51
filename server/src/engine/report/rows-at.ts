/**
 * Source rows from a row number on, for the masking preview opened from a row link of the dataset
 * report: the same source and numbering as the report (rows of the loaded split(s), before filter).
 */
import type { AccessPolicy } from '../data/types';
import { loadSpecFor } from '../dataset/load-spec';
import type { Analysis } from '../lint/analysis';
import { trainerPlan } from '../masking/script-plan';
import { resolveReportSource, streamSourceRows, type ReportSource } from './source-rows';

export async function sourceRowsAt(a: Analysis, trainer: number | undefined, cwd: string, access: AccessPolicy, start: number, count: number): Promise<Array<{ index: number; row: Record<string, unknown> }> | { error: string }> {
  const tp = trainerPlan(a, { trainer: trainer ?? 0 });
  if (!('plan' in tp)) return { error: 'error' in tp ? tp.error : 'several trainers' };
  const call = a.datasets.callAt(tp.state.origin);
  const name = call?.method ?? call?.calleeText.split('.').pop();
  let source: ReportSource | { error: string };
  if (name === 'from_dict' || name === 'from_list') source = { kind: 'literal', rows: a.datasets.at(tp.state.origin)?.rows ?? [] };
  else {
    const spec = call && loadSpecFor({ scriptPath: a.doc.path, facts: a.facts, callsByNode: a.callsByNode }, call, cwd);
    source = spec ? await resolveReportSource(spec, access) : { error: 'the data source is computed at run time' };
  }
  if ('error' in source) return source;
  const out: Array<{ index: number; row: Record<string, unknown> }> = [];
  for await (const batch of streamSourceRows(source, undefined, 512)) {
    for (const r of batch) {
      if (r.index < start) continue;
      try {
        out.push({ index: r.index, row: r.row ?? (JSON.parse(r.line!) as Record<string, unknown>) });
      } catch {
        out.push({ index: r.index, row: {} });
      }
      if (out.length >= count) return out;
    }
  }
  return out.length ? out : { error: `the dataset has no row ${start}` };
}
