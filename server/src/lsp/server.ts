/**
 * The language server: wires LSP requests to the engine. Stateless between requests apart from
 * open documents and per-folder caches; every handler is guarded so one bad file never crashes
 * the server, and linting runs after the event loop has taken all pending edits.
 */
import { ConfigDiagnostics } from './config-diagnostics';
import { LintContexts } from './lint-contexts';
import {
  CodeActionKind, DidChangeConfigurationNotification, TextDocumentSyncKind,
  type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver';
import { dirname } from 'node:path';
import { fixAllNotebook, initParser, isParserAbort, lint, MAX_SCRIPT_CHARS, noteHeldChars, warmUpEngine, lintDocument, ParsedScript, PipelineCache, ScriptDocument } from '../engine/index';
import { FIX_ALL_KIND, cellCodeActions, codeActions, textLinter, wantsFixAll, type ActionOptions } from './code-actions';
import { version as VERSION } from '../../../package.json';
import { SOURCE, toLspDiagnostic } from './convert';
import { DocumentLimits } from './document-limits';
import { DocumentStore, uriToPath, type OpenDocument } from './documents';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { DataSourceCache, hfCacheRoots, shutdownIsolation } from '../engine/data/index';
import { CachedDataProvider } from '../engine/dataset/cached-provider';
import { ModuleChanges } from './module-changes';
import { registerEditorViewRequests } from './editor-view-requests';
import { MaskingPreviewRequest, type MaskingPreviewParams, type MaskingPreviewResult } from './protocol';
import { PreviewWorker } from './preview-client';
import { registerDatasetReports } from './report-requests';
import { Watchdog } from './watchdog';
import { DataArrivals } from './data-arrivals';
import { SavedNotebookOutputs } from './saved-outputs';
import { WorkspaceFolders } from './workspace-folders';
import { IdleWarmUp } from './idle-warm-up';
import { lowerHelperThreads } from '../launch/thread-priority';
import { NotebookStore, diagnosticsByCell, type AnalysedNotebook } from './notebooks';
import { SourceText } from '../engine/syntax/source-text';
import type { Analysis } from '../engine/lint/analysis';

const PYTHON = new Set(['python']);
/** Notebook cells (synced through their notebook, not as text documents). */
const CELL_SCHEME = 'vscode-notebook-cell:';
/** Rules not started within this many ms of a lint are skipped (requests wait while a lint runs). */
const LINT_BUDGET_MS = 5_000;

export function startServer(connection: Connection): void {
  const documents = new DocumentStore(MAX_SCRIPT_CHARS, (uri) => limits.parserAborted(uri, documents.oversizedLength(uri) ?? 0));
  /** Documents whose user was told they are too large (told once per document). */
  /** Notebooks (notebook document sync): analysed as one script, results mapped to cells. */
  const notebooks = new NotebookStore();
  const analysedNotebooks = new Map<string, AnalysedNotebook>();
  const folders = new WorkspaceFolders();
  let canRefreshHints = false;
  let canRefreshLenses = false;
  const workspaceRootFor = (p: string) => folders.holding(p)?.path;
  const pending = new Set<string>();
  let scheduled = false;
  const parserReady = initParser();
  let trusted = true;
  /** Tokenizers load in a worker thread (seconds, hundreds of MB) when a preview asks, never for diagnostics. */
  const previews = new PreviewWorker((m) => connection.console.log(m));
  const watchdog = new Watchdog();
  const arrivals = new DataArrivals((uri) => schedule(uri));
  const warmUp = new IdleWarmUp();
  /** Open notebooks' saved outputs (LSP sync does not send them), read from the file after a lint like data. */
  const savedOutputs = new SavedNotebookOutputs(() => ({ workspaceRoots: folders.paths(), hfCacheRoots: [], trusted }));
  let dataCache: DataSourceCache | undefined;
  /** Data files are read off the diagnostics path; a completed read that changes something re-lints. */
  const data = () => (dataCache ??= new DataSourceCache({
    maxRows: DEFAULT_SETTINGS.data.previewRows,
    maxBytes: DEFAULT_SETTINGS.data.maxFileSizeMB * 1024 * 1024,
    access: { workspaceRoots: folders.paths(), hfCacheRoots: hfCacheRoots(), trusted },
  }));

  const log = (msg: string) => connection.console.log(msg);
  const contexts = new LintContexts(connection, folders, new ConfigDiagnostics(connection), log);
  const guard = <A extends unknown[], R>(name: string, fallback: R, fn: (...a: A) => R | Promise<R>) =>
    async (...a: A): Promise<R> => {
      try { return await fn(...a); } catch (e) {
        log(`[${name}] ${(e as Error)?.stack ?? e}`);
        if (isParserAbort(e)) void limits.renewal.afterAbort();
        return fallback;
      }
    };
  /** Size and parser-memory limits; a fresh parser generation re-parses and re-lints every open document and notebook. */
  const limits = new DocumentLimits(connection, MAX_SCRIPT_CHARS, log, () => {
    for (const d of documents.reparseAll()) schedule(d.uri);
    for (const [uri, a] of analysedNotebooks) {
      try { a.script.dispose(); } catch { /* a tree of the old generation */ }
      analysedNotebooks.delete(uri);
      schedule(uri);
    }
  });

  /**
   * Where relative data paths start: the workspace folder for a script (where it is run from), the
   * notebook's own folder for a notebook (where Jupyter starts its kernel).
   */
  const dataCwd = (path: string, notebook: boolean) => (notebook ? dirname(path) : workspaceRootFor(path) ?? undefined);
  const dataProvider = (path: string, notebook: boolean) => new CachedDataProvider(data(), path, dataCwd(path, notebook));

  /** The project modules the open scripts import, and the documents a change to one re-lints (module-changes.ts). */
  const modules = new ModuleChanges({
    access: () => ({ roots: folders.paths(), trusted }),
    overlay: (path) => documents.all().find((d) => d.path === path)?.script.text,
  }, (uri) => schedule(uri), (uri) => arrivals.note(uri), log);

  async function lintOpenDocument(doc: OpenDocument): Promise<void> {
    const settings = await contexts.settingsFor(doc.uri);
    if (documents.get(doc.uri) !== doc) return; // closed meanwhile
    const version = doc.version;
    if (!settings.enable) {
      connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: [] });
      return;
    }
    const provider = dataProvider(doc.path, false);
    const moduleReader = modules.provider(doc.uri);
    const withNewData = arrivals.take(doc.uri);
    const { diagnostics, errors, analysis } = watchdog.run(doc.uri, () => lint({
      doc: ScriptDocument.fromPython(doc.path, doc.script.text), script: doc.script, ...contexts.lintContext(doc.path, settings), data: provider, modules: moduleReader, budgetMs: LINT_BUDGET_MS,
      pipelines: (doc.pipelines ??= new PipelineCache()),
    }));
    doc.analysis = analysis;
    for (const e of errors) log(e.message);
    connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: diagnostics.map((d) => toLspDiagnostic(d, doc.uri)) });
    afterLint(provider, doc.uri, withNewData);
    modules.afterLint(moduleReader, doc.uri);
  }

  /** Reads the data the lint missed; what changed reaches the next lint (data-arrivals.ts). */
  function afterLint(provider: CachedDataProvider, uri: string, withNewData: boolean): void {
    // Hints and lenses asked before the data arrived are stale: ask the editor to ask again.
    if (withNewData && canRefreshHints) void connection.sendRequest('workspace/inlayHint/refresh').catch(() => undefined);
    if (withNewData && canRefreshLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (!provider.missed) return;
    void provider.fetch().then((changed) => { if (changed) arrivals.note(uri); });
  }

  async function lintNotebook(uri: string): Promise<void> {
    const nb = notebooks.documents.getNotebookDocument(uri);
    if (!nb) return;
    const settings = await contexts.settingsFor(uri);
    if (notebooks.documents.getNotebookDocument(uri) !== nb) return; // closed meanwhile
    const { doc, cellUris, outputsKey } = notebooks.scriptOf(nb, savedOutputs.peek(uriToPath(uri)));
    const previous = analysedNotebooks.get(uri);
    if (limits.tooLongForParser(uri, doc.text.length)) return;
    if (!settings.enable || doc.text.length > MAX_SCRIPT_CHARS) {
      for (const cell of cellUris) connection.sendDiagnostics({ uri: cell, diagnostics: [] });
      if (doc.text.length > MAX_SCRIPT_CHARS) {
        limits.tooLarge(uri, doc.text.length);
        // Its parse is freed: the notebook is parsed afresh once it is small enough again.
        if (previous) { previous.script.dispose(); analysedNotebooks.delete(uri); }
      } else if (previous) previous.published = new Map(); // what was sent is gone: send everything next time
      return;
    }
    const provider = dataProvider(doc.path, true);
    const moduleReader = modules.provider(uri);
    const withNewData = arrivals.take(uri);
    // One parse per notebook, kept across changes: only what changed in the joined text is re-parsed.
    let script: ParsedScript;
    try {
      script = previous?.script ?? ParsedScript.parse(doc.text, { edited: true });
      script.setText(doc.text);
    } catch (err) {
      if (!isParserAbort(err)) throw err;
      analysedNotebooks.delete(uri);
      for (const cell of cellUris) connection.sendDiagnostics({ uri: cell, diagnostics: [] });
      limits.parserAborted(uri, doc.text.length);
      return;
    }
    // Findings kept for a pipeline may rest on saved outputs: they hold only while the same cells carry the same outputs.
    const keep = previous?.pipelines && previous.outputsKey === outputsKey ? previous.pipelines : undefined;
    const analysed: AnalysedNotebook = { uri, version: nb.version, doc, cellUris, script, pipelines: keep ?? new PipelineCache(), outputsKey };
    analysedNotebooks.set(uri, analysed);
    const { diagnostics, errors, analysis } = watchdog.run(uri, () => lint({ doc, script, ...contexts.lintContext(doc.path, settings), data: provider, modules: moduleReader, budgetMs: LINT_BUDGET_MS, pipelines: analysed.pipelines }));
    analysed.analysis = analysis;
    for (const e of errors) log(e.message);
    // Cells that left the notebook keep no diagnostics.
    for (const cell of previous?.cellUris ?? []) if (!cellUris.includes(cell)) connection.sendDiagnostics({ uri: cell, diagnostics: [] });
    // Only cells whose diagnostics (or version) changed are sent: a keystroke in one cell of a long
    // notebook publishes one or two cells, not all of them.
    const published = previous?.published ?? new Map<string, string>();
    analysed.published = new Map();
    for (const [cell, ds] of diagnosticsByCell(analysed, diagnostics)) {
      const version = notebooks.cellDocument(cell)?.version;
      const key = JSON.stringify([version, ds]);
      analysed.published.set(cell, key);
      if (published.get(cell) !== key) connection.sendDiagnostics({ uri: cell, version, diagnostics: ds });
    }
    afterLint(provider, uri, withNewData);
    modules.afterLint(moduleReader, uri);
    // The saved file's outputs, read off the diagnostics path: outputs that changed re-lint (and drop the kept findings, by `outputsKey`).
    void savedOutputs.refresh(uriToPath(uri)).then((changed) => { if (changed) arrivals.note(uri); }, (e) => log(`[outputs] ${(e as Error)?.stack ?? e}`));
  }

  /** Every cell of a notebook before and after fix-all (safe fixes only unless `trainlint.unsafeFixes`). */
  async function notebookFixAll(uri: string) {
    const nb = notebooks.documents.getNotebookDocument(uri)!;
    const settings = await contexts.settingsFor(uri);
    const path = uriToPath(uri);
    const cells = notebooks.cellsOf(nb);
    const context = contexts.lintContext(path, settings);
    const result = fixAllNotebook(path, cells, (d) => lintDocument(d, { ...context, data: dataProvider(path, true), modules: modules.provider(uri) }), settings.unsafeFixes);
    return { applied: result.applied, cells: cells.map((c, i) => ({ uri: c.id!, before: c.text, after: result.cells[i].text })) };
  }

  /** A cell's notebook analysis (linting first if stale), with the cell↔script position mapping. */
  async function cellAnalysisOf(cellUri: string): Promise<(AnalysedNotebook & { analysis: Analysis }) | undefined> {
    const nb = notebooks.notebookOfCell(cellUri);
    if (!nb) return undefined;
    if (analysedNotebooks.get(nb.uri)?.version !== nb.version) await lintNotebook(nb.uri);
    const a = analysedNotebooks.get(nb.uri);
    return a?.analysis ? (a as AnalysedNotebook & { analysis: Analysis }) : undefined;
  }

  /** The analysis of a document's current text, linting first if an edit made it stale. */
  async function analysisOf(uri: string) {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    if (!doc.analysis) await lintOpenDocument(doc);
    return documents.get(uri) === doc ? doc.analysis : undefined;
  }

  /** The characters the open documents and notebooks hold in the parser's memory together. */
  function heldChars(): number {
    let n = documents.parsedChars();
    for (const a of analysedNotebooks.values()) n += a.script.text.length;
    return n;
  }

  function schedule(uri: string): void {
    pending.add(uri);
    if (scheduled) return;
    scheduled = true;
    setImmediate(async () => {
      scheduled = false;
      const uris = [...pending];
      pending.clear();
      await parserReady;
      for (const u of uris) {
        const doc = documents.get(u);
        if (doc) await guard('lint', undefined, lintOpenDocument)(doc);
        else if (notebooks.documents.getNotebookDocument(u)) await guard('lintNotebook', undefined, lintNotebook)(u);
      }
      noteHeldChars(heldChars()); // what the parser's memory grew for: a renewal compares it after a close
      warmUp.linted(); // background start-up work waits for the first diagnostics and a pause in typing
    });
  }


  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    contexts.canPullSettings = !!params.capabilities.workspace?.configuration;
    canRefreshHints = !!params.capabilities.workspace?.inlayHint?.refreshSupport;
    canRefreshLenses = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    folders.set(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    trusted = (params.initializationOptions as { trusted?: boolean } | undefined)?.trusted !== false;
    log(`trainlint language server ${VERSION} (Node ${process.version}, ${process.platform}); workspace ${trusted ? 'trusted' : 'not trusted: data files are not read'}; folders: ${folders.paths().join(', ') || 'none'}`);
    // Paid before the editor sends its first document rather than on its first diagnostics.
    await parserReady;
    warmUpEngine();
    // The start-up lint loads the Hub table's bundle (dist/data-known-hub.cjs), whose code cache is marked in use by an
    // asynchronous `utimes`: libuv's file system threads start there, after main.ts lowered the helper threads.
    lowerHelperThreads();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        notebookDocumentSync: { notebookSelector: [{ notebook: '*', cells: [{ language: 'python' }] }] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        inlayHintProvider: true,
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: SOURCE, version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (contexts.canPullSettings) void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
    contexts.prefetchSettings(); // answered while the editor sends its documents
  });

  connection.onDidOpenTextDocument(guard('didOpen', undefined, async (p) => {
    if (!PYTHON.has(p.textDocument.languageId) || p.textDocument.uri.startsWith(CELL_SCHEME)) return; // cells come with their notebook
    await parserReady;
    // Generated or data-like files: parsing them would stall the server for no useful finding.
    if (documents.open(p.textDocument.uri, p.textDocument.languageId, p.textDocument.version, p.textDocument.text)) schedule(p.textDocument.uri);
    else limits.tooLarge(p.textDocument.uri, p.textDocument.text.length);
    modules.filesChanged([uriToPath(p.textDocument.uri)]); // its text now wins over the disk's
  }));

  connection.onDidChangeTextDocument(guard('didChange', undefined, async (p) => {
    await parserReady;
    const { doc, size } = documents.change(p.textDocument.uri, p.textDocument.version, p.contentChanges);
    if (size === 'over') limits.tooLarge(p.textDocument.uri, documents.oversizedLength(p.textDocument.uri) ?? 0);
    if (size === 'back') log(`trainlint: ${p.textDocument.uri.split('/').pop()} is under the size limit again: analysing it`);
    if (doc) schedule(p.textDocument.uri);
    modules.filesChanged([uriToPath(p.textDocument.uri)]);
  }));

  connection.onDidCloseTextDocument(guard('didClose', undefined, (p) => {
    if (p.textDocument.uri.startsWith(CELL_SCHEME)) return; // its notebook clears its diagnostics
    documents.close(p.textDocument.uri);
    modules.forget(p.textDocument.uri);
    modules.filesChanged([uriToPath(p.textDocument.uri)]); // the disk's text again
    limits.closed(p.textDocument.uri, heldChars());
    contexts.forget(p.textDocument.uri);
    connection.sendDiagnostics({ uri: p.textDocument.uri, diagnostics: [] });
  }));

  const relintAll = () => {
    for (const d of documents.all()) schedule(d.uri);
    for (const uri of analysedNotebooks.keys()) schedule(uri);
  };

  /** Versions or project config may have changed: read them again and re-lint everything open. */
  const projectChanged = () => {
    contexts.projectChanged();
    relintAll();
  };
  connection.onDidChangeConfiguration(guard('didChangeConfiguration', undefined, () => { contexts.settingsChanged(); projectChanged(); }));
  // Python files (the project's modules) and YAML/JSON config files re-lint the documents that import or read them;
  // the other watched files are project files.
  connection.onDidChangeWatchedFiles(guard('didChangeWatchedFiles', undefined, (p) => {
    const read = p.changes.filter((c) => /\.(py|ya?ml|json)$/.test(c.uri));
    modules.filesChanged(read.map((c) => uriToPath(c.uri)));
    if (read.length < p.changes.length) projectChanged();
  }));

  connection.onCodeAction(guard('codeAction', [], async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const cell = doc ? undefined : notebooks.cellDocument(params.textDocument.uri);
    const nb = cell && notebooks.notebookOfCell(params.textDocument.uri);
    const options = (s: Settings): ActionOptions => ({
      disableRuleComment: s.codeAction.disableRuleComment.enable, showDocumentation: s.codeAction.showDocumentation.enable, unsafeFixes: s.unsafeFixes,
    });
    if (cell && nb) {
      const all = wantsFixAll(params.context.only) ? await notebookFixAll(nb.uri) : undefined;
      return cellCodeActions(params, new SourceText(cell.getText()), (u) => notebooks.cellDocument(u)?.version, options(await contexts.settingsFor(nb.uri)), all && (() => all));
    }
    if (!doc) return [];
    const settings = await contexts.settingsFor(doc.uri);
    const { env, config } = contexts.lintContext(doc.path, settings);
    return codeActions(params, doc, textLinter(doc.path, env, config, () => dataProvider(doc.path, false), () => modules.provider(doc.uri)), options(settings));
  }));

  registerEditorViewRequests(connection, guard, cellAnalysisOf, analysisOf);

  /** The script a preview or report of `uri` is about: a cell's (or a notebook's) notebook, else the open script. */
  const scriptForUri = (uri: string) => {
    const nb = notebooks.notebookOfCell(uri) ?? notebooks.documents.getNotebookDocument(uri);
    if (nb) { const { doc } = notebooks.scriptOf(nb); return { path: doc.path, text: doc.text, lintUri: nb.uri, notebook: true }; }
    const doc = documents.get(uri);
    return doc && { path: doc.path, text: doc.script.text, lintUri: uri, notebook: false };
  };

  connection.onRequest(MaskingPreviewRequest, guard('maskingPreview', { error: 'internal error, see the trainlint output' } as MaskingPreviewResult,
    async (p: MaskingPreviewParams): Promise<MaskingPreviewResult> => {
      const script = scriptForUri(p.uri);
      if (!script) return { error: 'Open a Python script or notebook first.' };
      const settings = await contexts.settingsFor(script.lintUri);
      return previews.preview({
        path: script.path, text: script.text, env: contexts.lintContext(script.path, settings).env.entries(), cwd: dataCwd(script.path, script.notebook) ?? '',
        workspaceRoots: folders.paths(), trusted, trainer: p.trainer, rows: p.rows ?? settings.masking.rows,
        tokenizerDir: settings.masking.tokenizerPath || undefined, startRow: p.startRow, firstPaint: p.firstPaint,
      });
    }));

  const reports = registerDatasetReports(connection, {
    scriptOf: scriptForUri,
    env: async (path, uri) => contexts.lintContext(path, await contexts.settingsFor(notebooks.notebookOfCell(uri)?.uri ?? uri)).env.entries(),
    tokenizerDir: async (uri) => (await contexts.settingsFor(notebooks.notebookOfCell(uri)?.uri ?? uri)).masking.tokenizerPath || undefined,
    dataCwd, workspaceRoots: () => folders.paths(), trusted: () => trusted, relint: (uri) => schedule(uri), log,
  });

  notebooks.documents.onDidClose((nb) => {
    const analysed = analysedNotebooks.get(nb.uri);
    analysedNotebooks.delete(nb.uri);
    contexts.forget(nb.uri);
    savedOutputs.forget(uriToPath(nb.uri));
    try { analysed?.script.dispose(); } catch { /* a tree of an aborted parser */ }
    limits.closed(nb.uri, heldChars());
    for (const cell of [...new Set([...(analysed?.cellUris ?? []), ...nb.cells.map((c) => c.document)])]) connection.sendDiagnostics({ uri: cell, diagnostics: [] });
  });
  // Every notebook notification re-lints it (schedule() skips notebooks that were closed).
  notebooks.listen(connection, (uri) => schedule(uri));

  connection.onShutdown(() => { modules.dispose(); limits.dispose(); for (const a of analysedNotebooks.values()) a.script.dispose(); analysedNotebooks.clear(); documents.dispose(); dataCache?.dispose(); previews.dispose(); reports.dispose(); watchdog.dispose(); arrivals.dispose(); void shutdownIsolation(); });
  connection.listen();
}
