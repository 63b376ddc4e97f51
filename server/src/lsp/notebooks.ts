/**
 * Jupyter notebooks in the editor (LSP notebook document sync). A notebook is analysed as one
 * script — its Python code cells joined in order (`ScriptDocument.fromNotebook`, as the CLI does) —
 * and every result is mapped back to the cell it belongs to: diagnostics are published per cell,
 * fixes become edits of the cells they touch (a fix spanning two cells is not offered), hovers and
 * inlay hints answer in cell coordinates.
 */
import { pathToFileURL } from 'node:url';
import { NotebookCellKind, NotebookDocuments, type Connection, type Diagnostic as LspDiagnostic, type Disposable, type NotebookDocument } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ScriptDocument, type Diagnostic, type Fix, type ParsedScript, type PipelineCache, type Range } from '../engine/index';
import type { NotebookCell } from '../engine/syntax/script-document';
import { withSavedOutputs } from '../engine/syntax/notebook-outputs';
import type { Analysis } from '../engine/lint/analysis';
import { toLspDiagnostic } from './convert';
import { uriToPath } from './documents';

/** A fix edit in a notebook: which cell it changes. */
export interface CellTextEdit { uri: string; range: Range; newText: string }

export interface AnalysedNotebook {
  uri: string;
  version: number;
  doc: ScriptDocument;
  /** Cell URIs in notebook order (code and markdown), so stale diagnostics of every cell get cleared. */
  cellUris: string[];
  /** The notebook's joined code cells, parsed in sections and updated as cells change (disposed on close). */
  script: ParsedScript;
  analysis?: Analysis;
  /** Findings of the notebook's pipelines kept between lints (engine/lint/pipelines.ts). */
  pipelines?: PipelineCache;
  /** Which cells had saved outputs attached in that lint (`withSavedOutputs`): kept findings hold only while it is the same. */
  outputsKey?: string;
  /** What was last sent for each cell (version and diagnostics), so unchanged cells are not sent again. */
  published?: Map<string, string>;
}

export class NotebookStore {
  readonly documents = new NotebookDocuments(TextDocument);

  /**
   * Keeps the notebooks in sync with the client and calls `changed` after every open/change/close
   * notification. (NotebookDocuments' own events skip some changes — a cell moved, which changes
   * the script — so its notifications are wrapped instead.)
   */
  listen(connection: Connection, changed: (notebookUri: string) => void): void {
    const sync = connection.notebooks.synchronization;
    type Handler<P> = (params: P) => void | Promise<void>;
    const after = <P extends { notebookDocument: { uri: string } }>(register: (h: Handler<P>) => Disposable) =>
      (handler: Handler<P>) => register(async (params: P) => { await handler(params); changed(params.notebookDocument.uri); });
    // NotebookDocuments.listen registers exactly these four handlers (vscode-languageserver 11, pinned).
    const view = {
      notebooks: {
        synchronization: {
          onDidOpenNotebookDocument: after(sync.onDidOpenNotebookDocument.bind(sync)),
          onDidChangeNotebookDocument: after(sync.onDidChangeNotebookDocument.bind(sync)),
          onDidSaveNotebookDocument: sync.onDidSaveNotebookDocument.bind(sync),
          onDidCloseNotebookDocument: after(sync.onDidCloseNotebookDocument.bind(sync)),
        },
      },
    } as unknown as Connection;
    this.documents.listen(view);
  }

  /** The notebook a cell URI belongs to. */
  notebookOfCell(cellUri: string): NotebookDocument | undefined {
    return this.documents.findNotebookDocumentForCell(cellUri);
  }

  cellDocument(cellUri: string): TextDocument | undefined {
    const cell = this.documents.getNotebookCell(cellUri);
    return cell && this.documents.getCellTextDocument(cell);
  }

  /** The notebook's cells for the engine: Python code cells as code, each with its URI as id. */
  cellsOf(nb: NotebookDocument): NotebookCell[] {
    return nb.cells.map((cell) => {
      const text = this.documents.getCellTextDocument(cell);
      const code = cell.kind === NotebookCellKind.Code && (text?.languageId ?? 'python') === 'python';
      return { id: cell.document, kind: code ? 'code' : 'markdown', text: text?.getText() ?? '' };
    });
  }

  /**
   * The notebook as one script: Python code cells, in order; with `saved` (the `.ipynb` file's code cells, read by
   * `saved-outputs.ts`), the cells whose text is still the saved one carry its outputs.
   */
  scriptOf(nb: NotebookDocument, saved: readonly NotebookCell[] = []): { doc: ScriptDocument; cellUris: string[]; outputsKey: string } {
    const { cells, key } = saved.length ? withSavedOutputs(this.cellsOf(nb), saved) : { cells: this.cellsOf(nb), key: '' };
    return { doc: ScriptDocument.fromNotebook(uriToPath(nb.uri), cells), cellUris: nb.cells.map((c) => c.document), outputsKey: key };
  }
}

/** A script range in one cell, or undefined when it is not inside a single cell. */
export function cellRange(doc: ScriptDocument, range: Range): { uri: string; range: Range } | undefined {
  const at = doc.cellRangeOf(range);
  return at?.cell.cellId ? { uri: at.cell.cellId, range: at.range } : undefined;
}

/** A fix whose edits all fall inside cells, its edits naming their cells; undefined when one does not. */
function cellFix(doc: ScriptDocument, fix: Fix): Fix | undefined {
  const edits: CellTextEdit[] = [];
  for (const e of fix.edits) {
    const at = cellRange(doc, e.range);
    if (!at) return undefined;
    edits.push({ uri: at.uri, range: at.range, newText: e.newText });
  }
  return { ...fix, edits };
}

/**
 * The LSP diagnostics of each cell (every cell gets an entry, so stale ones are cleared): ranges,
 * related locations and fixes in cell coordinates; related locations elsewhere in the notebook point
 * at their own cells.
 */
export function diagnosticsByCell(nb: AnalysedNotebook, diagnostics: Diagnostic[]): Map<string, LspDiagnostic[]> {
  const out = new Map<string, LspDiagnostic[]>(nb.cellUris.map((u) => [u, []]));
  for (const d of diagnostics) {
    const at = cellRange(nb.doc, d.range) ?? cellRange(nb.doc, { start: d.range.start, end: d.range.start });
    if (!at) continue;
    const lsp = toLspDiagnostic({ ...d, range: at.range, related: [], fixes: d.fixes.map((f) => cellFix(nb.doc, f)).filter((f): f is Fix => !!f) }, at.uri);
    lsp.relatedInformation = d.related.flatMap((r) => {
      if (r.path && r.path !== nb.doc.path) return [{ location: { uri: pathToFileURL(r.path).toString(), range: r.range }, message: r.message }];
      const rel = cellRange(nb.doc, r.range);
      return rel ? [{ location: { uri: rel.uri, range: rel.range }, message: r.message }] : [];
    });
    out.get(at.uri)?.push(lsp);
  }
  return out;
}
