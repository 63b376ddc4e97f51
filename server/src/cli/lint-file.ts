/**
 * Check or fix one file from disk: read it, find its project context (versions, config),
 * lint, and for `fix` apply fix-all and write it back. Used in-process and by worker threads.
 */
import {
  absorbParserAborts, addNoqa, fixAll, fixAllNotebook, isParserAbort, lintDocument, lintParsedOnce, lintText, MAX_SCRIPT_CHARS, renewParser, ScriptDocument,
  type Diagnostic, type Environment, type LintConfig,
} from '../engine/index';
import { DataSourceCache, hfCacheRoots } from '../engine/data/index';
import { CachedDataProvider } from '../engine/dataset/cached-provider';
import { ProjectContexts } from '../engine/env/project-context';
import type { NotebookCell } from '../engine/syntax/script-document';
import { ProjectModules } from '../engine/modules/project-modules';
import { CachedModuleProvider } from '../engine/modules/cached-provider';
import { hasProjectMarker, packageRoot, projectRoot, type ModuleAccess } from '../engine/modules/module-file';
import { dirname, resolve } from 'node:path';
import { decodePython, encodePython, readRegularFile, Skipped, writeAtomically, type Encoding, type ReadFile } from './source-file';

export interface FileTask {
  path: string;
  mode: 'check' | 'fix';
  unsafe: boolean;
  /** Replaces the project's select when non-empty. */
  select: string[];
  extendSelect?: string[];
  ignore: string[];
  /** The file's text when it does not come from disk (standard input). */
  text?: string;
  /** `--python`: the interpreter whose installed packages give the versions. */
  python?: string;
  /** fix: write the fixed file (false for `--diff` and standard input). */
  write?: boolean;
  /** check: add `# noqa: CODE` for the findings and write the file. */
  addNoqa?: boolean;
  /** Return the analysed text (for `--format full`) and, for fix, the text before and after. */
  wantText?: boolean;
}
export interface FileResult {
  path: string;
  diagnostics: Diagnostic[];
  /** Rule failures and unreadable files: reported, exit code 2. */
  errors: string[];
  /** Files skipped on purpose (not text): reported, exit code unchanged. */
  notes?: string[];
  /** The file was not checked (not a regular file, too large, unreadable, not a notebook): why, in words. */
  skipped?: string;
  /** `fix` found fixes but did not write them: why, in words. */
  notWritten?: string;
  fixed?: number;
  lines: number;
  /** The analysed script (a notebook's joined code cells) when `wantText`. */
  script?: string;
  /** fix with `wantText` or without `write`: the file before and after fixing. */
  before?: string;
  after?: string;
  /** check --add-noqa: lines given a noqa, lines that could not take one. */
  noqa?: { added: number; skipped: number };
  /** fix: the code of each fix applied. */
  fixedCodes?: string[];
  /** Notebooks: the code cell (index in the notebook) each diagnostic belongs to, with cell-relative ranges. */
  cells?: Array<{ cell: number; range: Diagnostic['range']; related?: Array<{ cell: number; range: Diagnostic['range'] } | undefined> } | undefined>;
}

const MAX_BYTES = 20 * 1024 * 1024;
/** Versions and `[tool.trainlint]` per folder, read once per process. */
const projects = new ProjectContexts(() => undefined, { shareDiskReads: true });

/** One data cache per process: files read by one script are reused by the next. */
let dataCache: DataSourceCache | undefined;
function dataCacheFor(): DataSourceCache {
  dataCache ??= new DataSourceCache({
    maxRows: 20,
    access: { workspaceRoots: [process.cwd()], hfCacheRoots: hfCacheRoots(), trusted: true },
  });
  return dataCache;
}

/**
 * The project modules scripts import (constants, trainer subclasses, model loaders, TL601's importers), read from
 * disk: inside the working folder and the projects of the files checked (`cliProjectRoot`), computed when a lint asks (one pass).
 */
const checkedDirs = new Set<string>();
const moduleRoots = new Map<string, string>();
let projectModules: ProjectModules | undefined;
let access: ModuleAccess | undefined;
let accessDirs = 0;
function modulesFor(path: string): CachedModuleProvider {
  checkedDirs.add(dirname(resolve(path)));
  projectModules ??= new ProjectModules({
    // The same object while no new folder is checked (module-file.ts keeps the roots' real paths per roots list).
    access: () => {
      if (access && accessDirs === checkedDirs.size) return access;
      for (const d of checkedDirs) if (!moduleRoots.has(d)) moduleRoots.set(d, cliProjectRoot(d));
      accessDirs = checkedDirs.size;
      return (access = { roots: [process.cwd(), ...new Set(moduleRoots.values())], trusted: true });
    },
  });
  return new CachedModuleProvider(projectModules, true);
}

/**
 * A checked file's project: the nearest folder with a project marker; without one, the folder Python runs the file's
 * package from (`packageRoot`: `src/training/train_sft.py` in the packages `src` and `src.training` imports
 * `src.models.models` from the folder holding `src`), else the file's own folder.
 */
function cliProjectRoot(dir: string): string {
  const marked = projectRoot(dir, []);
  return marked !== dir || hasProjectMarker(dir) ? marked : packageRoot(dir);
}

/**
 * Lint with the data the script loads: a first pass finds the data sources, they are read,
 * and a second pass sees their columns (only when something was read).
 */
async function lintWithData(path: string, text: string, env: Environment, config: LintConfig, doc?: ScriptDocument) {
  return lintParsedOnce(path, text, async (lintOnce) => {
    const provider = new CachedDataProvider(dataCacheFor(), path, process.cwd());
    const first = lintOnce({ env, config, data: provider, modules: modulesFor(path) });
    if (!provider.missed || !(await provider.fetch())) return first;
    return lintOnce({ env, config, data: new CachedDataProvider(dataCacheFor(), path, process.cwd()), modules: modulesFor(path) });
  }, doc);
}

/** The command line refines the project's config: `--select` replaces its select, the other lists add to it. */
export function commandLineConfig(project: LintConfig, task: Pick<FileTask, 'select' | 'extendSelect' | 'ignore'>): LintConfig {
  const base = task.select.length ? task.select : project.select;
  const extend = task.extendSelect ?? [];
  return {
    ...project,
    // An empty select means every rule: extending it changes nothing.
    select: base.length && extend.length ? [...base, ...extend] : base,
    ignore: [...project.ignore, ...task.ignore],
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The file's text as Python (or Jupyter, for notebooks: UTF-8 JSON) reads it. */
/**
 * A UTF-16 or UTF-32 byte-order mark (what Windows editors and PowerShell's `>` write as "Unicode"). Python reads
 * source as UTF-8 (PEP 263; a cookie cannot be read either, its line is full of NUL bytes) and Jupyter reads a
 * notebook as UTF-8 JSON, so the file fails at its first byte: `SyntaxError: Non-UTF-8 code starting with '\xff'`.
 */
function wideEncoding(b: Buffer): string | undefined {
  if (b[0] === 0xff && b[1] === 0xfe) return b[2] === 0 && b[3] === 0 ? 'UTF-32 LE' : 'UTF-16 LE';
  if (b[0] === 0xfe && b[1] === 0xff) return 'UTF-16 BE';
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return 'UTF-32 BE';
  return undefined;
}

function decode(path: string, read: ReadFile): { text: string; encoding: Encoding } {
  const wide = wideEncoding(read.bytes);
  if (wide) {
    const first = read.bytes[0].toString(16);
    throw new Skipped(path.endsWith('.ipynb')
      ? `${wide} text (it starts with a byte-order mark): Jupyter reads a notebook as UTF-8 JSON and cannot open it; save it as UTF-8`
      : `${wide} text (it starts with a byte-order mark): Python reads source as UTF-8 and stops at once (SyntaxError: Non-UTF-8 code starting with '\\x${first}'); save it as UTF-8`);
  }
  if (!path.endsWith('.ipynb')) return decodePython(read.bytes);
  try {
    return { text: utf8.decode(read.bytes), encoding: { name: 'utf-8', bom: false, exact: true } };
  } catch {
    return { text: read.bytes.toString('utf8'), encoding: { name: 'utf-8', bom: false, exact: false, refusal: 'not valid UTF-8 (a notebook is UTF-8 JSON)' } };
  }
}

/** Lines as `split(/\r\n|\r|\n/)` counts them, without making the strings (a notebook's JSON can be megabytes). */
function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  if (text.includes('\r')) for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) n++;
  return n;
}

/** Writes the fixed file atomically, or says why not (encoding, round trip, file changed meanwhile). */
function writeBack(read: ReadFile | undefined, encoding: Encoding, encode: () => Buffer): string | undefined {
  try {
    if (!read) return 'not read from a file';
    if (encoding.refusal) return encoding.refusal;
    writeAtomically(read, encode());
    return undefined;
  } catch (e) {
    return e instanceof Skipped ? e.message : `could not write: ${(e as Error).message}`;
  }
}

export async function runFileTask(task: FileTask): Promise<FileResult> {
  const { path } = task;
  let text: string;
  let read: ReadFile | undefined;
  /** A notebook's cells as read (its JSON parsed once; a lint of that same text starts from them). */
  let read0: { text: string; cells: NotebookCell[] } | undefined;
  let encoding: Encoding = { name: 'utf-8', bom: false, exact: true };
  try {
    if (task.text !== undefined) text = task.text;
    else {
      // Only a regular file is read (stat through the opened descriptor: a FIFO never blocks).
      read = readRegularFile(path, MAX_BYTES);
      ({ text, encoding } = decode(path, read));
    }
    // A bad notebook is said so, once; a script longer than the editor analyses is skipped as there.
    if (path.endsWith('.ipynb')) read0 = { text, cells: ScriptDocument.parseNotebookJson(text) };
    const chars = read0 ? read0.cells.reduce((n, c) => n + (c.kind === 'code' ? c.text.length + 1 : 0), 0) : text.length;
    if (chars > MAX_SCRIPT_CHARS) {
      throw new Skipped(`${(chars / 1e6).toFixed(1)} M characters of ${path.endsWith('.ipynb') ? 'code' : 'Python'}, more than a training script (limit ${MAX_SCRIPT_CHARS / 1e6} M: generated code or data saved as Python): skipped`);
    }
  } catch (e) {
    const why = e instanceof Skipped ? e.message : (e as Error).message.replace(/^Unexpected token.*|^.*JSON.*$/s, 'not valid JSON, not a notebook');
    return { path, diagnostics: [], errors: [], skipped: why, lines: 0 };
  }
  // A NUL byte in the first 8 KB: a binary file with a script's name (what `file`/git call binary).
  if (text.slice(0, 8192).includes('\0')) return { path, diagnostics: [], errors: [], notes: [`${path}: skipped: not a text file`], lines: 0 };
  const ctx = projects.get(path, task.python ?? '');
  const config = commandLineConfig(ctx.config, task);
  const configErrors = ctx.configError ? ctx.configError.split('\n') : [];
  const errors = [...configErrors];
  let cells: FileResult['cells'];
  let script: string | undefined;
  const report = (r: { diagnostics: Diagnostic[]; errors: Array<{ message: string }>; doc: import('../engine/index').ScriptDocument }) => {
    if (task.wantText) script = r.doc.text;
    errors.push(...r.errors.map((e) => `${path}: ${e.message.split('\n')[0]}`));
    const inCell = (range: Diagnostic['range']) => { const c = r.doc.toCellRange(range); return c && { cell: c.cell.cellIndex, range: c.range }; };
    // A finding's related places (the trainer that uses it, where its dataset was made) are named by cell too.
    cells = r.doc.isNotebook ? r.diagnostics.map((d) => {
      const c = inCell(d.range);
      return c && { ...c, related: d.related.map((x) => inCell(x.range)) };
    }) : undefined;
    return r.diagnostics;
  };
  // Fix rounds see the same data as `check`: the first pass reads it, later passes answer from the cache.
  const lintOnce = (t: string) => report(lintText(path, t, { env: ctx.env, config, data: new CachedDataProvider(dataCacheFor(), path, process.cwd()), modules: modulesFor(path) }));
  const docOf = (t: string) => (read0 && t === read0.text ? ScriptDocument.fromNotebook(path, read0.cells.map((c) => ({ ...c }))) : undefined);
  let notWritten: string | undefined;
  try {
    let fixed: number | undefined;
    let fixedCodes: string[] | undefined;
    const before = text;
    const write = task.write !== false && task.text === undefined;
    if (task.mode === 'fix') {
      await lintWithData(path, text, ctx.env, config, docOf(text));
      if (read0) {
        // Fixes edit the cells they fall in; the notebook JSON keeps everything else.
        const cells = read0.cells.map((c) => ({ ...c }));
        const data = () => new CachedDataProvider(dataCacheFor(), path, process.cwd());
        const result = fixAllNotebook(path, cells, (doc) => lintDocument(doc, { env: ctx.env, config, data: data(), modules: modulesFor(path) }), task.unsafe);
        const changed = new Map(result.cells.flatMap((c, i) => (c.text !== cells[i].text ? [[i, c.text] as const] : [])));
        if (changed.size > 0) {
          const next = ScriptDocument.updateNotebookJson(text, changed);
          notWritten = write ? writeBack(read, encoding, () => Buffer.from(next, 'utf8')) : undefined;
          if (!notWritten) text = next;
        }
        fixed = notWritten ? 0 : result.applied;
        fixedCodes = result.codes;
      } else {
        const result = fixAll(text, lintOnce, task.unsafe);
        if (result.applied > 0) {
          notWritten = write ? writeBack(read, encoding, () => encodePython(result.text, encoding)) : undefined;
          if (!notWritten) text = result.text;
        }
        fixed = notWritten ? 0 : result.applied;
        fixedCodes = result.codes;
      }
      errors.splice(0, errors.length, ...configErrors);
    }
    let diagnostics = report(await lintWithData(path, text, ctx.env, config, docOf(text)));
    let noqa: FileResult['noqa'];
    if (task.addNoqa && diagnostics.length) {
      if (path.endsWith('.ipynb')) return { path, diagnostics, errors, notes: [`${path}: --add-noqa does not edit notebooks; add # noqa: CODE in the cells`], lines: 0, cells };
      const r = addNoqa(text, diagnostics);
      noqa = { added: r.added, skipped: r.skipped };
      if (r.added) {
        notWritten = writeBack(read, encoding, () => encodePython(r.text, encoding));
        if (!notWritten) {
          text = r.text;
          diagnostics = report(await lintWithData(path, text, ctx.env, config));
        }
      }
    }
    const texts = task.mode === 'fix' && (task.wantText || !write) ? { before, after: text } : {};
    return { path, diagnostics, errors: [...new Set(errors)], fixed, fixedCodes, noqa, lines: lineCount(text), cells, script, notWritten, ...texts };
  } catch (e) {
    if (isParserAbort(e)) {
      // The parser's module is dead: a fresh one checks the next files (the dead one's trees may still
      // try to free themselves into it later: absorbed).
      absorbParserAborts((m) => process.stderr.write(`${m}\n`));
      await renewParser();
      return { path, diagnostics: [], errors: [], skipped: `the parser ran out of memory on its ${text.length} characters`, lines: 0 };
    }
    return { path, diagnostics: [], errors: [`${path}: ${(e as Error).message}`], lines: 0 };
  }
}
