/**
 * trainlint's own LSP requests, shared by the server and the VS Code client (types only, plus
 * method names). Positions are LSP positions.
 */
import type { DatasetPreviewData } from '../engine/views/dataset-inspect';

export interface PositionParams { uri: string; position: { line: number; character: number } }

export const DatasetPreviewRequest = 'trainlint/datasetPreview';
/** Null when there is no dataset at the position. */
export type DatasetPreviewResult = (DatasetPreviewData & { uri: string }) | { error: string };

export const MaskingPreviewRequest = 'trainlint/maskingPreview';
export interface MaskingPreviewParams extends PositionParams {
  /** Which trainer when the script has several (index into the list the server returned). */
  trainer?: number;
  rows?: number;
  /** Preview from this row of the dataset on (a row link of the dataset report). */
  startRow?: number;
  /** Answer at once with approximate tokens if the tokenizer is still loading (`tokensPending` says so); ask again for the real ones. */
  firstPaint?: boolean;
}

export type MaskingPreviewResult =
  | (import('../engine/masking/types').MaskingPreview & { title: string; tokenizerMissing?: import('../engine/masking/script-preview').TokenizerMissing; tokensPending?: string })
  | { error: string }
  /** Several trainers: the client asks the user and calls again with `trainer`. */
  | { choose: Array<{ label: string; line: number; where: string }> };

/** A rule's documentation page (Markdown, bundled with the server: no network). */
export const RuleDocsRequest = 'trainlint/ruleDocs';
export type RuleDocsResult = { code: string; name: string; markdown: string } | { error: string };

export const DatasetReportRequest = 'trainlint/datasetReport';
export interface DatasetReportParams extends PositionParams {
  /** Chosen by the client: progress notifications carry it. */
  id: number;
  trainer?: number;
  /** Go on with word-level estimates when the tokenizer is not cached (labelled approximate). */
  approximate?: boolean;
}
export type DatasetReportResult =
  | { report: import('../engine/report/types').DatasetReport }
  | { error: string }
  | { choose: Array<{ label: string; line: number; where: string }> }
  | { noTokenizer: string };

/** Partial reports while it runs: `{ id, report }`. */
export const DatasetReportProgressNotification = 'trainlint/datasetReportProgress';
export interface DatasetReportProgress { id: number; report: import('../engine/report/types').DatasetReport }
