/**
 * The saved outputs of the notebooks open in the editor. LSP notebook sync sends cell texts, not outputs, so the
 * `.ipynb` file is read from disk, off the diagnostics path as data files are: a lint peeks what was read before
 * (`peek`), and after it `refresh` reads the file again when its size or modification time changed; a read that
 * changes the outputs a lint could use re-lints (`changed`). Reads are confined like data reads (workspace folders
 * only, never in an untrusted workspace: `readSmallText` checks the file it opened). What a notebook's outputs show
 * is used by `engine/dataset/printed-loads.ts`, for the cells whose text is still the saved one (`withSavedOutputs`).
 */
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { readSmallText } from '../engine/data/confined-open';
import type { AccessPolicy } from '../engine/data/types';
import { ScriptDocument, type NotebookCell } from '../engine/syntax/script-document';

/** Larger notebooks (images in their outputs) are not read for their outputs. */
const MAX_NOTEBOOK_BYTES = 64 * 1024 * 1024;

interface Saved {
  /** Size and modification time of the file read. */
  stamp: string;
  /** Its code cells (text, and the outputs that print a dataset); undefined when it could not be read. */
  cells?: NotebookCell[];
}

export class SavedNotebookOutputs {
  private readonly byPath = new Map<string, Saved>();
  private readonly pending = new Map<string, Promise<boolean>>();

  constructor(private readonly access: () => AccessPolicy) {}

  /** The saved code cells read so far (none before the first read, or when unreadable): no I/O. */
  peek(path: string): readonly NotebookCell[] {
    return this.byPath.get(path)?.cells ?? [];
  }

  /** Reads the file again when it changed since the last read. Resolves true when what it holds for the lint changed. */
  refresh(path: string): Promise<boolean> {
    const running = this.pending.get(path);
    if (running) return running;
    const p = this.read(path).finally(() => this.pending.delete(path));
    this.pending.set(path, p);
    return p;
  }

  forget(path: string): void { this.byPath.delete(path); }

  private async read(path: string): Promise<boolean> {
    const access = this.access();
    const before = this.byPath.get(path);
    if (!access.trusted) return this.set(path, before, { stamp: 'untrusted' });
    // An unsaved notebook (`untitled:`) has no file.
    if (!isAbsolute(path)) return this.set(path, before, { stamp: 'no file' });
    const st = await stat(path).catch(() => undefined);
    const stamp = st ? `${st.size}:${st.mtimeMs}` : 'missing';
    if (before?.stamp === stamp) return false;
    if (!st || st.size > MAX_NOTEBOOK_BYTES) return this.set(path, before, { stamp });
    const text = await readSmallText(path, MAX_NOTEBOOK_BYTES, access);
    let cells: NotebookCell[] | undefined;
    try {
      cells = text === undefined ? undefined : ScriptDocument.parseNotebookJson(text).filter((c) => c.kind === 'code')
        .map((c) => ({ kind: c.kind, text: c.text, ...(c.outputs ? { outputs: c.outputs } : {}), ...(c.executionCount !== undefined ? { executionCount: c.executionCount } : {}),
          ...(c.failed ? { failed: true } : {}) }));
      // A notebook without outputs that print a dataset has nothing to give: keep no copy of its cells.
      if (cells && !cells.some((c) => c.outputs)) cells = [];
    } catch {
      cells = undefined; // not a notebook's JSON (yet): nothing is used
    }
    return this.set(path, before, { stamp, cells });
  }

  /** Stores what was read; true when the outputs a lint could use changed. */
  private set(path: string, before: Saved | undefined, now: Saved): boolean {
    this.byPath.set(path, now);
    const used = (s: Saved | undefined) => JSON.stringify(s?.cells?.map((c) => [c.text, c.outputs, c.executionCount, c.failed]) ?? []);
    // Only a file with outputs that print a dataset can change a lint; its cells' texts matter for matching.
    const mattered = (s: Saved | undefined) => !!s?.cells?.some((c) => c.outputs);
    if (!mattered(before) && !mattered(now)) return false;
    return used(before) !== used(now);
  }
}
