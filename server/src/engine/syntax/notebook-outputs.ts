/**
 * A notebook's saved outputs, as trainlint uses them: the text of each code cell's outputs that may print a dataset as
 * loaded (`dataset/printed-loads.ts` reads them), whether its run stopped on an error, and, for an editor's cells
 * (which LSP notebook sync sends without outputs), which of them still hold the saved file's text and so its outputs.
 */
import type { NotebookCell } from './script-document';

/**
 * An editor's cells (which carry no outputs: LSP notebook sync does not send them) with the saved outputs and execution
 * counts of the `.ipynb` file's code cells whose text they still have: each editor code cell takes the next saved code
 * cell, in order, of exactly its text. A cell edited since the save, or added, gets nothing. Returns the cells and
 * which editor cells (by index) were matched to a saved cell holding outputs, with whether the code cell before each
 * was matched too (what a printed load rests on, so a change of it must re-lint).
 */
export function withSavedOutputs(cells: NotebookCell[], saved: readonly NotebookCell[]): { cells: NotebookCell[]; key: string } {
  const savedCode = saved.filter((c) => c.kind === 'code');
  let next = 0;
  const keys: string[] = [];
  let previousCode: NotebookCell | undefined;
  const out = cells.map((cell, i) => {
    if (cell.kind !== 'code') return cell;
    let j = next;
    while (j < savedCode.length && savedCode[j].text !== cell.text) j++;
    const before = previousCode;
    if (j >= savedCode.length) { previousCode = cell; return cell; }
    next = j + 1;
    const s = savedCode[j];
    const made: NotebookCell = { ...cell, saved: true, ...(s.outputs ? { outputs: s.outputs } : {}), ...(s.executionCount !== undefined ? { executionCount: s.executionCount } : {}),
      ...(s.failed ? { failed: true } : {}) };
    if (s.outputs) keys.push(`${i}${before?.saved ? '+' : ''}`);
    previousCode = made;
    return made;
  });
  return { cells: out, key: keys.join(',') };
}

/** Output texts kept for a cell: only those that may print a dataset. */
const PRINTS_DATASET = /Dataset\(\{/;

/** A cell's saved outputs that may print a dataset (see `NotebookCell.outputs`), and whether they hold an error. */
export function datasetOutputs(raw: unknown): { texts?: string[]; failed: boolean } {
  if (!Array.isArray(raw)) return { failed: false };
  const texts: string[] = [];
  let failed = false;
  for (const o of raw as Array<{ output_type?: unknown; text?: unknown; data?: Record<string, unknown> }>) {
    if (!o || typeof o !== 'object') continue;
    if (o.output_type === 'error') failed = true;
    const t = o.output_type === 'stream' ? o.text : o.output_type === 'execute_result' || o.output_type === 'display_data' ? o.data?.['text/plain'] : undefined;
    const text = typeof t === 'string' ? t : Array.isArray(t) && t.every((l) => typeof l === 'string') ? t.join('') : undefined;
    if (text !== undefined && PRINTS_DATASET.test(text)) texts.push(text);
  }
  return { ...(texts.length ? { texts } : {}), failed };
}
