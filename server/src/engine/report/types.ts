/**
 * The dataset report's contract: what one row measures to (`RowStats`, sent between threads) and
 * the report itself (`DatasetReport`, the JSON `trainlint report --format json` prints, documented
 * in docs/dataset-report.md). Plain data only.
 */
import type { StructureKind } from './chat-structure';

/** One row through the trainer's pipeline. */
export interface RowStats {
  /** 0-based row number in the loaded split(s), before `filter`. */
  index: number;
  /** Why the row could not be formatted or tokenized; the other fields are then 0/false. */
  failed?: string;
  /** `filter(...)` in the script drops this row. */
  filtered?: boolean;
  /** `filter(...)` could not be evaluated on this row (why): the row is counted as kept. */
  filterUnknown?: string;
  /** Tokens the trainer sees (after truncation) and the row's full length. */
  tokens: number;
  fullTokens: number;
  /** Tokens with a label (after truncation) and before truncation. */
  trained: number;
  fullTrained: number;
  truncated: boolean;
  /** Truncation removed every trained token. */
  lostAll: boolean;
  /** Truncation removed the row's final EOS / end-of-turn, which was trained (trained tokens remain). */
  lostEos: boolean;
  /** No trained token, not because of truncation: why. */
  zeroReason?: string;
  structure?: Array<{ kind: StructureKind; detail: string }>;
  /** 64-bit hash of the source row (exact duplicates). */
  hash: [number, number];
}

export interface RowRef {
  row: number;
  tokens: number;
  detail?: string;
}

/** A finding counted over the dataset, with the first rows that have it. */
export interface CountedRows {
  count: number;
  /** First rows (at most `rowsListed` of the options). */
  rows: RowRef[];
}

export interface StepsEstimate {
  /** Undefined when some input is not a literal (see `note`). */
  stepsPerEpoch?: number;
  totalSteps?: number;
  batchSize?: number;
  gradientAccumulation?: number;
  epochs?: number;
  maxSteps?: number;
  /** Where each value came from ("per_device_train_batch_size=4", "default 8"…) and caveats. */
  notes: string[];
}

export interface DatasetReport {
  /** Report format version. */
  version: 1;
  title: string;
  /** Script path and the trainer's line (0-based) and label. */
  script: string;
  trainer: { index: number; line: number; label: string };
  tokenizer: string;
  /** True when no real tokenizer was used: every count below is a word-level estimate. */
  approximate: boolean;
  /** False while the report is still running (partial results), true when every row was read. */
  done: boolean;
  cancelled: boolean;
  /** Rows read so far; the total when known in advance (else undefined). */
  progress: { rows: number; total?: number; elapsedMs: number };
  /** Effective max length, if the pipeline truncates. */
  maxLength?: number;
  rows: number;
  /** Rows measured (rows minus failed and filtered). */
  measured: number;
  tokens: { total: number; trained: number; p50: number; p90: number; p99: number; max: number; mean: number };
  /** Token lengths before truncation; `edges[i]..edges[i+1]` holds `counts[i]` rows. */
  histogram: { edges: number[]; counts: number[]; maxLengthBin?: number };
  truncated: CountedRows;
  lostAllTrained: CountedRows;
  lostFinalEos: CountedRows;
  zeroTrained: CountedRows & { reasons: Array<{ reason: string; count: number }> };
  failed: CountedRows & { reasons: Array<{ reason: string; count: number }> };
  filtered: number;
  structure: Array<{ kind: StructureKind; label: string } & CountedRows>;
  duplicates: CountedRows;
  longest: RowRef[];
  steps: StepsEstimate;
  /** Run-level notes: template, pipeline and data warnings, steps not applied. */
  warnings: string[];
  /** Files read (for change watching). */
  files: string[];
}
