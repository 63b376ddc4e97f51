/**
 * A script or notebook open in an editor, linted the way the language server lints it (server/src/lsp/server.ts):
 * one `ParsedScript` in sections updated by each edit (a script: the edit's range; a notebook: its joined cells
 * through `setText`), one `PipelineCache` kept across lints (a notebook's dropped when its saved outputs' key
 * changes), data and project modules answered from caches filled off the diagnostics path, and a lint again when
 * an answer arrives. `fresh()` lints the same text with new caches and a new parse.
 */
import { dirname } from 'node:path';
import { lint, ParsedScript, PipelineCache, ProjectModules, CachedModuleProvider, ScriptDocument, type Diagnostic, type InternalError, type LintConfig } from '../../server/src/engine/index';
import { CachedDataProvider } from '../../server/src/engine/dataset/cached-provider';
import { DataSourceCache } from '../../server/src/engine/data/index';
import { ProjectContexts } from '../../server/src/engine/env/project-context';
import type { Environment } from '../../server/src/engine/env/versions';
import { withSavedOutputs } from '../../server/src/engine/syntax/notebook-outputs';
import type { NotebookCell } from '../../server/src/engine/syntax/script-document';
import { SourceText } from '../../server/src/engine/syntax/source-text';
import type { Range } from '../../server/src/engine/diagnostics';

/** One editor change: `start..end` of a unit's text (a script has one unit, a notebook one per cell) replaced by `text`. */
export interface TextEdit { unit: number; start: number; end: number; text: string }
/** A notebook's cell added at `at` (a code cell of `text`), or removed. */
export type CellEdit = { addCell: number; text: string } | { removeCell: number };
export type Edit = TextEdit | CellEdit;

export interface LintOutcome {
  diagnostics: Diagnostic[];
  errors: InternalError[];
  doc: ScriptDocument;
  syntaxErrors: boolean;
  /** A fresh parse at the editor's cuts of broken code: whether its trees are the editor's (tree-sitter may recover from an error differently when it re-parses incrementally). */
  sameTrees?: boolean;
}

/** The folder-wide caches a language server keeps for a workspace folder (versions, config, data, modules). */
export class Workspace {
  readonly projects: ProjectContexts;
  readonly data: DataSourceCache;
  readonly modules: ProjectModules;
  constructor(readonly root: string) {
    this.projects = new ProjectContexts(() => root);
    this.data = new DataSourceCache({ maxRows: 20, maxBytes: 20 * 1024 * 1024, access: { workspaceRoots: [root], hfCacheRoots: [], trusted: true } });
    this.modules = new ProjectModules({ access: () => ({ roots: [root], trusted: true }) });
  }
  context(path: string): { env: Environment; config: LintConfig } {
    const p = this.projects.get(path, '');
    return { env: p.env, config: p.config };
  }
}

export class EditorSession {
  /** The units' texts: a script's text, or a notebook's cells. */
  readonly cells: NotebookCell[];
  private script: ParsedScript | undefined;
  private pipelines = new PipelineCache();
  private outputsKey = '';

  constructor(readonly ws: Workspace, readonly path: string, text: string, private readonly saved?: NotebookCell[]) {
    this.cells = saved ? saved.map((c, i) => ({ id: `cell${i}`, kind: c.kind, text: c.text, ...(c.language ? { language: c.language } : {}) })) : [{ kind: 'code', text }];
  }

  get notebook(): boolean { return !!this.saved; }

  /** The document the server lints now (a notebook: its cells with the saved outputs they still match). */
  document(): { doc: ScriptDocument; outputsKey: string } {
    if (!this.saved) return { doc: ScriptDocument.fromPython(this.path, this.cells[0].text), outputsKey: '' };
    const { cells, key } = withSavedOutputs(this.cells, this.saved);
    return { doc: ScriptDocument.fromNotebook(this.path, cells), outputsKey: key };
  }

  /**
   * Applies edits sent in one change (VS Code's "toggle line comment" over several lines, a multi-cursor edit), each in
   * the coordinates of the text after the one before, as the editor sends them; returns their reverses (the undo), in the
   * order to apply them.
   */
  applyAll(edits: Edit[]): Edit[] {
    const undo: Edit[] = [];
    const changes: Array<{ range: Range; text: string }> = [];
    for (const edit of edits) {
      if ('addCell' in edit) {
        this.cells.splice(edit.addCell, 0, { id: `added${edit.addCell}-${edit.text.length}`, kind: 'code', text: edit.text });
        undo.unshift({ removeCell: edit.addCell });
        continue;
      }
      if ('removeCell' in edit) {
        const [gone] = this.cells.splice(edit.removeCell, 1);
        undo.unshift({ addCell: edit.removeCell, text: gone.text });
        continue;
      }
      const cell = this.cells[edit.unit];
      const removed = cell.text.slice(edit.start, edit.end);
      // A script: the server's DocumentStore.change, LSP range changes.
      const source = new SourceText(cell.text);
      changes.push({ range: { start: source.positionAt(edit.start), end: source.positionAt(edit.end) }, text: edit.text });
      cell.text = cell.text.slice(0, edit.start) + edit.text + cell.text.slice(edit.end);
      undo.unshift({ unit: edit.unit, start: edit.start, end: edit.start + edit.text.length, text: removed });
    }
    if (!this.saved && this.script && changes.length) this.script.update(changes);
    return undo;
  }

  /** The server's lint of the current text, with what it keeps between lints. */
  async lint(): Promise<LintOutcome> {
    const { doc, outputsKey } = this.document();
    if (!this.script) this.script = ParsedScript.parse(doc.text, { edited: true });
    else if (this.saved) this.script.setText(doc.text);
    if (this.script.text !== doc.text) throw new Error('the incremental parse lost the text');
    if (this.saved && outputsKey !== this.outputsKey) this.pipelines = new PipelineCache();
    this.outputsKey = outputsKey;
    return settle(this.ws, doc, this.script, this.pipelines);
  }

  /**
   * The same text linted afresh: new caches, and a new parse cut into sections where the editor's parse is cut now
   * (`sameCuts`), or where opening the text would cut it, or (`whole`) one tree as the CLI parses it.
   */
  async fresh(parse: 'sameCuts' | 'open' | 'whole' = 'sameCuts'): Promise<LintOutcome> {
    const { doc } = this.document();
    const sections = parse === 'sameCuts' && this.script ? this.script.syntax.cuts : undefined;
    const script = ParsedScript.parse(doc.text, { edited: parse !== 'whole', sections });
    try {
      const out = await settle(this.ws, doc, script, parse === 'whole' ? undefined : new PipelineCache());
      if (sections && this.script && out.syntaxErrors) out.sameTrees = this.script.syntax.roots.every((r, i) => r.toString() === script.syntax.roots[i]?.toString());
      return out;
    } finally { script.dispose(); }
  }

  dispose(): void { this.script?.dispose(); this.script = undefined; }
}

/** Lints until no data or module answer arrives any more (the server lints again when one does). */
async function settle(ws: Workspace, doc: ScriptDocument, script: ParsedScript, pipelines: PipelineCache | undefined): Promise<LintOutcome> {
  const notebook = doc.isNotebook;
  const cwd = notebook ? dirname(doc.path) : ws.root;
  for (let round = 0; ; round++) {
    const data = new CachedDataProvider(ws.data, doc.path, cwd);
    const modules = new CachedModuleProvider(ws.modules);
    const { diagnostics, errors } = lint({ doc, script, ...ws.context(doc.path), data, modules, pipelines });
    let news = false;
    if (modules.missed) news = modules.fetch() || news;
    if (data.missed) news = (await data.fetch()) || news;
    if (!news || round >= 3) return { diagnostics, errors, doc, syntaxErrors: script.hasSyntaxErrors };
  }
}
