/**
 * What finished dataset reports found, for TL111: kept per script text (a report is about the
 * script as it was when it ran; any edit makes it stale) until the front end drops it because the
 * data changed. Only reports made with the real tokenizer are recorded: guesses never become
 * diagnostics. Bounded: the most recent 64 scripts.
 */
import { hash64 } from './row-hash';
import type { DatasetReport } from './types';

export interface ReportFinding {
  /** Index of the trainer among the script's trainers with a train_dataset. */
  trainer: number;
  rows: number;
  lostAll: number;
  lostEos: number;
  /** First row numbers of each. */
  lostAllRows: number[];
  lostEosRows: number[];
  maxLength?: number;
  /** When the report finished (ISO time). */
  at: string;
}

const MAX_SCRIPTS = 64;
const byScript = new Map<string, Map<number, ReportFinding>>();

const key = (path: string, text: string) => `${path}\u0000${hash64(text).join(':')}`;

/** Records a finished report of `path` with this exact `text` (replacing an earlier one of that trainer). */
export function recordReport(path: string, text: string, r: DatasetReport): void {
  if (!r.done || r.approximate) return;
  const k = key(path, text);
  for (const other of [...byScript.keys()]) if (other.startsWith(`${path}\u0000`) && other !== k) byScript.delete(other);
  const entry = byScript.get(k) ?? new Map<number, ReportFinding>();
  entry.set(r.trainer.index, {
    trainer: r.trainer.index, rows: r.rows, lostAll: r.lostAllTrained.count, lostEos: r.lostFinalEos.count,
    lostAllRows: r.lostAllTrained.rows.map((x) => x.row), lostEosRows: r.lostFinalEos.rows.map((x) => x.row),
    maxLength: r.maxLength, at: new Date().toISOString(),
  });
  byScript.delete(k);
  byScript.set(k, entry);
  while (byScript.size > MAX_SCRIPTS) byScript.delete(byScript.keys().next().value as string);
}

/** Records one finding directly (the rule's docs Example and fixtures stand for a report run this way). */
export function recordFinding(path: string, text: string, f: ReportFinding): void {
  const k = key(path, text);
  const entry = byScript.get(k) ?? new Map<number, ReportFinding>();
  entry.set(f.trainer, f);
  byScript.set(k, entry);
}

/** The findings recorded for this script text. */
export function reportFindings(path: string, text: string): ReportFinding[] {
  // Every lint asks; hashing the whole text is only worth it when this script has a report at all.
  const prefix = `${path}\u0000`;
  let any = false;
  for (const k of byScript.keys()) if (k.startsWith(prefix)) { any = true; break; }
  return any ? [...(byScript.get(key(path, text))?.values() ?? [])] : [];
}

/** Forgets the reports of a script (its data changed), or of every script. True when something was dropped. */
export function forgetReports(path?: string): boolean {
  let dropped = false;
  for (const k of [...byScript.keys()]) if (path === undefined || k.startsWith(`${path}\u0000`)) { byScript.delete(k); dropped = true; }
  return dropped;
}
