/**
 * Adds up row measurements into a `DatasetReport`, in memory that does not grow with the data:
 * lengths as exact counts per length (percentiles and the histogram are exact), the first
 * `listed` rows of each finding, the `listed` longest rows, and the duplicate hash table
 * (12–24 bytes per distinct row). `snapshot()` can be taken at any time (partial results).
 */
import { STRUCTURE_LABELS, type StructureKind } from './chat-structure';
import { HashTable } from './row-hash';
import type { CountedRows, DatasetReport, RowRef, RowStats, StepsEstimate } from './types';

export interface ReportHeader {
  title: string;
  script: string;
  trainer: { index: number; line: number; label: string };
  tokenizer: string;
  approximate: boolean;
  maxLength?: number;
  warnings: string[];
  files: string[];
}

class Counted {
  count = 0;
  readonly rows: RowRef[] = [];
  constructor(private readonly listed: number) {}
  add(ref: RowRef): void {
    this.count++;
    if (this.rows.length < this.listed) this.rows.push(ref);
  }
  get(): CountedRows { return { count: this.count, rows: [...this.rows].sort((a, b) => a.row - b.row) }; }
}

class Reasons {
  private readonly counts = new Map<string, number>();
  add(reason: string): void {
    if (this.counts.size < 200 || this.counts.has(reason)) this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
    else this.counts.set('other reasons', (this.counts.get('other reasons') ?? 0) + 1);
  }
  get(): Array<{ reason: string; count: number }> { return [...this.counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count); }
}

/** A nice bin width so that `top` spans about `bins` bins (1, 2, 5 × 10^k). */
function binWidth(top: number, bins: number): number {
  const raw = Math.max(1, top / bins);
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

export class ReportBuilder {
  private rows = 0;
  private measured = 0;
  private filtered = 0;
  private total = 0;
  private trained = 0;
  private maxLen = 0;
  private readonly lengths = new Map<number, number>();
  private readonly truncated: Counted;
  private readonly lostAll: Counted;
  private readonly lostEos: Counted;
  private readonly zero: Counted;
  private readonly zeroReasons = new Reasons();
  private readonly failed: Counted;
  private readonly failReasons = new Reasons();
  private readonly duplicates: Counted;
  private readonly structure = new Map<StructureKind, Counted>();
  private readonly hashes = new HashTable();
  private readonly filterUnknown = new Reasons();
  private filterUnknownRows = 0;
  /** Longest rows, kept sorted longest first. */
  private longest: RowRef[] = [];
  private readonly started = performance.now();

  constructor(private readonly header: ReportHeader, private readonly listed = 20, private readonly steps?: (rows: number) => StepsEstimate) {
    this.truncated = new Counted(listed);
    this.lostAll = new Counted(listed);
    this.lostEos = new Counted(listed);
    this.zero = new Counted(listed);
    this.failed = new Counted(listed);
    this.duplicates = new Counted(listed);
  }

  add(s: RowStats): void {
    this.rows++;
    if (s.hash[0] || s.hash[1]) {
      const first = this.hashes.addOrFirst(s.hash, s.index);
      if (first >= 0) this.duplicates.add({ row: s.index, tokens: s.fullTokens, detail: `same as row ${first}` });
    }
    if (s.failed !== undefined) { this.failed.add({ row: s.index, tokens: 0, detail: s.failed }); this.failReasons.add(s.failed); return; }
    if (s.filtered) { this.filtered++; return; }
    if (s.filterUnknown) { this.filterUnknownRows++; this.filterUnknown.add(s.filterUnknown); }
    this.measured++;
    this.total += s.tokens;
    this.trained += s.trained;
    this.lengths.set(s.fullTokens, (this.lengths.get(s.fullTokens) ?? 0) + 1);
    if (s.fullTokens > this.maxLen) this.maxLen = s.fullTokens;
    const ref = (detail?: string): RowRef => ({ row: s.index, tokens: s.fullTokens, ...(detail ? { detail } : {}) });
    if (s.truncated) this.truncated.add(ref(`${s.fullTokens - s.tokens} tokens cut`));
    if (s.lostAll) this.lostAll.add(ref(`${s.fullTrained} trained tokens, all past max_length`));
    if (s.lostEos) this.lostEos.add(ref(`${s.fullTrained - s.trained} of ${s.fullTrained} trained tokens cut, final end-of-turn among them`));
    if (s.zeroReason !== undefined) { this.zero.add(ref(s.zeroReason)); this.zeroReasons.add(s.zeroReason); }
    for (const p of s.structure ?? []) {
      let c = this.structure.get(p.kind);
      if (!c) this.structure.set(p.kind, (c = new Counted(this.listed)));
      c.add(ref(p.detail));
    }
    if (this.longest.length < this.listed || s.fullTokens > this.longest[this.longest.length - 1].tokens) {
      this.longest.push(ref());
      this.longest.sort((a, b) => b.tokens - a.tokens || a.row - b.row);
      if (this.longest.length > this.listed) this.longest.pop();
    }
  }

  /** Rows counted so far. */
  get count(): number { return this.rows; }

  private percentile(p: number): number {
    if (!this.measured) return 0;
    const want = Math.max(1, Math.ceil((p / 100) * this.measured));
    let seen = 0;
    for (const len of [...this.lengths.keys()].sort((a, b) => a - b)) {
      seen += this.lengths.get(len)!;
      if (seen >= want) return len;
    }
    return this.maxLen;
  }

  private histogram(): DatasetReport['histogram'] {
    const maxLength = this.header.maxLength;
    const top = Math.max(this.maxLen, maxLength ?? 0, 1);
    const width = binWidth(top, 40);
    const bins = Math.floor(this.maxLen / width) + 1;
    const counts = new Array<number>(bins).fill(0);
    for (const [len, n] of this.lengths) counts[Math.floor(len / width)] += n;
    const edges = Array.from({ length: bins + 1 }, (_, i) => i * width);
    return { edges, counts, ...(maxLength !== undefined ? { maxLengthBin: Math.floor(maxLength / width) } : {}) };
  }

  snapshot(state: { done: boolean; cancelled?: boolean; total?: number }): DatasetReport {
    const structure = [...this.structure].map(([kind, c]) => ({ kind, label: STRUCTURE_LABELS[kind], ...c.get() }));
    return {
      version: 1,
      title: this.header.title,
      script: this.header.script,
      trainer: this.header.trainer,
      tokenizer: this.header.tokenizer,
      approximate: this.header.approximate,
      done: state.done,
      cancelled: !!state.cancelled,
      progress: { rows: this.rows, ...(state.total !== undefined ? { total: state.total } : {}), elapsedMs: Math.round(performance.now() - this.started) },
      ...(this.header.maxLength !== undefined ? { maxLength: this.header.maxLength } : {}),
      rows: this.rows,
      measured: this.measured,
      tokens: {
        total: this.total, trained: this.trained,
        p50: this.percentile(50), p90: this.percentile(90), p99: this.percentile(99), max: this.maxLen,
        mean: this.measured ? Math.round((10 * [...this.lengths].reduce((n, [len, c]) => n + len * c, 0)) / this.measured) / 10 : 0,
      },
      histogram: this.histogram(),
      truncated: this.truncated.get(),
      lostAllTrained: this.lostAll.get(),
      lostFinalEos: this.lostEos.get(),
      zeroTrained: { ...this.zero.get(), reasons: this.zeroReasons.get() },
      failed: { ...this.failed.get(), reasons: this.failReasons.get() },
      filtered: this.filtered,
      structure,
      duplicates: this.duplicates.get(),
      longest: [...this.longest],
      steps: this.steps ? this.steps(this.rows - this.filtered) : { notes: [] },
      warnings: this.filterUnknownRows
        ? [...this.header.warnings, `${this.filterUnknownRows} rows are counted as kept although a filter could not be evaluated on them (${this.filterUnknown.get().map((r) => r.reason).slice(0, 3).join('; ')})`]
        : this.header.warnings,
      files: this.header.files,
    };
  }
}
