/**
 * What the engine analyses: one Python script. A Jupyter notebook is the same thing —
 * its code cells joined in order — with a map from script lines back to cells,
 * so every diagnostic can be placed in the cell it belongs to.
 */
import type { Position, Range } from '../diagnostics';
import { editNotebookSources } from './notebook-json';
import { datasetOutputs } from './notebook-outputs';
import { parsePython } from './parser';
import { databricksLanguage, isPythonCell, isShellCell, otherLanguage } from './cell-languages';

export interface CellSpan {
  /** Index of the cell in the notebook. */
  cellIndex: number;
  /** Identifier the front end uses for the cell (for example its URI). */
  cellId?: string;
  /** First line of the cell in the joined script. */
  startLine: number;
  lineCount: number;
  /** The cell's saved outputs that print a dataset (see `NotebookCell.outputs`); only a notebook read from its file has them. */
  outputs?: readonly string[];
  /** The cell's saved `execution_count`, when the file has one. */
  executionCount?: number;
  /** The cell's text is the saved file's (`NotebookCell.saved`). */
  saved?: boolean;
  /** Its saved outputs include an error (`NotebookCell.failed`). */
  failed?: boolean;
}

/**
 * The longest script trainlint analyses, in characters (a notebook: its code cells joined). Longer ones are
 * generated code or data saved as Python (parsing alone runs ~10 µs a line); the editor and the CLI both skip
 * them and say so.
 */
export const MAX_SCRIPT_CHARS = 5_000_000;

export interface NotebookCell {
  id?: string;
  kind: 'code' | 'markdown';
  text: string;
  /**
   * The code cell's language when the notebook names one: VS Code keeps a cell in another language than the kernel's
   * in `metadata.vscode.languageId` (microsoft/vscode `extensions/ipynb/src/deserializers.ts`,
   * `createNotebookCellDataFromCodeCell`). A cell in another language (`shellscript`) is not Python; `plaintext` says
   * nothing by itself (Jupyter and Colab run it as Python; transformers' generated doc notebooks mark their code so),
   * but one that does not parse is text (`plaintextNotPython`).
   */
  language?: string;
  /**
   * The text of the code cell's saved outputs (a `stream`'s text, an `execute_result`'s or `display_data`'s
   * `text/plain`) that may show a dataset as loaded (`Dataset({` in it), as the `.ipynb` file holds them
   * (`dataset/printed-loads.ts` reads them). Other outputs are not kept. An editor's notebook cells have none.
   */
  outputs?: string[];
  /** The code cell's saved `execution_count`. */
  executionCount?: number;
  /** The code cell's saved outputs include an error (its run stopped there). */
  failed?: boolean;
  /** The cell's text is the one saved in the `.ipynb` file (a notebook read from its file; an editor's cell matched to it), so its outputs are its own. */
  saved?: boolean;
}

/**
 * A `plaintext` code cell (VS Code's `metadata.vscode.languageId`) that is not Python: with its magics commented out it
 * does not parse (Markdown typed into code cells: naman9271/RAG-vs-Fine-Tuning-A-Comparative-Study's notebooks open with
 * two). VS Code shows such a cell as text and the language server lints Python-language cells only. A `plaintext` cell
 * that parses stays Python (transformers' generated doc notebooks mark their code so); so does every cell when no
 * parser is ready.
 */
function plaintextNotPython(cell: NotebookCell, lines: string[]): boolean {
  if (cell.language?.toLowerCase() !== 'plaintext') return false;
  const code = commentOutMagics(lines, 0, new Map(), new OpenCode()).join('\n');
  try {
    const tree = parsePython(code);
    try { return tree.rootNode.hasError; } finally { tree.delete(); }
  } catch {
    return false;
  }
}

/**
 * IPython's line magics and its default shell aliases (also magics), which it runs without the `%` (automagic,
 * on by default) in a cell of one line: `pip install x`, `cd data`, `ls -la`, `load_ext tensorboard`.
 */
const AUTOMAGICS = new Set([
  'pip', 'conda', 'mamba', 'micromamba', 'cd', 'pwd', 'env', 'set_env', 'load_ext', 'reload_ext', 'unload_ext',
  'matplotlib', 'pylab', 'time', 'timeit', 'prun', 'run', 'who', 'whos', 'who_ls', 'reset', 'history', 'pushd',
  'popd', 'dirs', 'dhist', 'bookmark', 'sx', 'system', 'config', 'alias', 'unalias', 'autoreload', 'aimport',
  'tensorboard', 'store', 'xmode', 'precision', 'pdb', 'debug', 'tb', 'lsmagic', 'pycat', 'load', 'save',
  'cat', 'cp', 'mv', 'rm', 'rmdir', 'mkdir', 'ls', 'll', 'lf', 'lk', 'ldir', 'lx', 'clear', 'less', 'more', 'man',
]);

/**
 * A cell whose only line runs a magic without its `%`. IPython applies automagic to one-line cells only
 * (`InteractiveShell.transform_cell`: "Dynamic transformations - only applied for single line commands"), and
 * not to an assignment (`time = 3`) or an attribute (`pip.main(...)`): the name must be followed by arguments.
 */
function automagicLine(lines: string[]): number | undefined {
  const used = lines.map((l, i) => [l, i] as const).filter(([l]) => l.trim() !== '');
  if (used.length !== 1) return undefined;
  const m = /^[ \t]*([A-Za-z_]\w*)[ \t]+(\S.*)$/.exec(used[0][0]);
  if (!m || !AUTOMAGICS.has(m[1])) return undefined;
  // Arguments, not Python: a word, a path, a quoted string, a flag (`-la`), `..`; not `= 3`, `+ 1`, `(x)`, `if`.
  if (!/^(?:[\w/~'"$]|-[A-Za-z-]|\.\.?(?:\/|\s|$))/.test(m[2]) || /^(?:is|not|in|and|or|if|else|for)\b/.test(m[2])) return undefined;
  return used[0][1];
}

/**
 * IPython's help syntax, which no Python line matches: `obj?` / `obj??` (`HelpEnd`: a logical line whose last token
 * is `?` and whose text ends in `_help_end_re`, a name with `.attr` or `[0]` parts) and `?obj` (`EscapedCommand`:
 * `?` is in `ESCAPE_SINGLES`), ipython/ipython `IPython/core/inputtransformer2.py` at 7f0ee556. The match ends
 * where the line's text starts (the column the `0#` goes in).
 */
const HELP = /^[ \t]*(?=\?|%{0,2}(?!\d)[\w*]+(?:\.(?!\d)[\w*]+|\[-?\d+\])*\?\??[ \t]*$)/;

/**
 * `!cmd` / `%magic` lines of a Python cell (also `out = !cmd`), and the lines a trailing `\\` continues them onto,
 * made Python: `    !pip install x` becomes `    0#pip install x` (a statement, so a block holding only magics
 * still parses, then the command as a comment), `out = !ls` becomes `out = 0#ls`; a continuation line gets a `#`
 * in front. Either way one character is inserted, at the column recorded in `magics` (script line → column).
 */
function commentOutMagics(lines: string[], firstLine: number, magics: Map<number, number>, open: OpenCode): string[] {
  let continued = false;
  return lines.map((l, i) => {
    open.line = i;
    if (continued) {
      continued = /\\\s*$/.test(l);
      magics.set(firstLine + i, 0);
      return `#${l}`;
    }
    // `!cmd`, `%magic`, and IPython's assignments of their output (`gpu_info = !nvidia-smi`, `t = %timeit -o f()`).
    // Only at the start of a logical line: inside brackets or a triple-quoted string, `% (a, b)` is Python.
    const m = open.atLogicalLineStart() ? /^[ \t]*(?:[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*[ \t]*=[ \t]*)?(?=[!%])/.exec(l) ?? HELP.exec(l) : null;
    if (!m) { open.scan(l); return l; }
    const col = m[0].length;
    continued = /\\\s*$/.test(l);
    magics.set(firstLine + i, col);
    return `${l.slice(0, col)}0#${l.slice(col + 1)}`;
  });
}

/**
 * Whether the next line of a cell starts a logical line, as IPython's escape transforms see it: they look only at the
 * first token of each logical line (ipython/ipython `IPython/core/inputtransformer2.py`: `make_tokens_by_line` groups
 * "the tokens for a multiline Python string or expression" as one line; `EscapedCommand.find` and `SystemAssign.find`
 * test its first token). A line inside open brackets or a triple-quoted string continues the line before it.
 */
class OpenCode {
  /** The brackets still open, innermost last, each with where it opened (line of the cell, column). */
  private stack: { c: string; line: number; col: number }[] = [];
  private get depth(): number { return this.stack.length; }
  private triple: string | undefined;
  private tripleAt: { line: number; col: number } | undefined;
  /** A single-quoted string whose line ended in a backslash: it goes on in the next line (`"… \` then `…"`). */
  private single: string | undefined;
  private joined = false;
  /** The line of the cell that `scan` reads (set by the caller). */
  line = 0;

  atLogicalLineStart(): boolean { return this.depth === 0 && this.triple === undefined && this.single === undefined && !this.joined; }

  /**
   * What the cell leaves open at its end (a triple-quoted string, brackets), as the text that closes it and where the
   * outermost open construct started; undefined when the cell ends with nothing open.
   */
  openAtEnd(): { closer: string; line: number; col: number; what: string } | undefined {
    if (this.triple === undefined && this.depth === 0) return undefined;
    const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
    const closer = (this.triple ?? '') + this.stack.map((b) => CLOSE[b.c]).reverse().join('');
    const first = this.stack[0];
    const t = this.triple === undefined ? undefined : this.tripleAt;
    const stringFirst = t !== undefined && (!first || t.line < first.line || (t.line === first.line && t.col < first.col));
    return stringFirst
      ? { closer, line: t.line, col: t.col, what: `\`${this.triple}\` string` }
      : { closer, line: first.line, col: first.col, what: `\`${first.c}\`` };
  }

  /**
   * Follows brackets, triple-quoted strings and a trailing `\\` through one line of Python (single-quoted strings end
   * with it).
   */
  scan(line: string): void {
    this.joined = this.triple === undefined && this.single === undefined && /\\\s*$/.test(line) && !line.trimStart().startsWith('#');
    let i = 0;
    if (this.single !== undefined) i = this.skipSingle(line, 0, this.single);
    while (i < line.length) {
      if (this.triple !== undefined) {
        const end = line.indexOf(this.triple, i);
        const esc = line.indexOf('\\', i);
        if (esc >= 0 && (end < 0 || esc < end)) { i = esc + 2; continue; }
        if (end < 0) return;
        i = end + 3;
        this.triple = undefined;
        continue;
      }
      const c = line[i];
      if (c === '#') return;
      if (c === '"' || c === "'") {
        if (line.startsWith(c.repeat(3), i)) { this.triple = c.repeat(3); this.tripleAt = { line: this.line, col: i }; i += 3; continue; }
        i = this.skipSingle(line, i + 1, c);
        continue;
      }
      if (c === '(' || c === '[' || c === '{') this.stack.push({ c, line: this.line, col: i });
      else if ((c === ')' || c === ']' || c === '}') && this.depth > 0) this.stack.pop();
      i++;
    }
  }

  /**
   * Skips a single-quoted string's rest from `i` (after its opening quote `q`); returns where scanning goes on. A
   * backslash that ends the line continues the string on the next line; any other line end ends it.
   */
  private skipSingle(line: string, i: number, q: string): number {
    this.single = undefined;
    for (; i < line.length && line[i] !== q; i++) {
      if (line[i] !== '\\') continue;
      if (i + 1 >= line.length || (i + 2 === line.length && line[i + 1] === '\r')) { this.single = q; return line.length; }
      i++;
    }
    return i + 1;
  }
}

export class ScriptDocument {
  private constructor(
    /** File system path of the script or notebook (used for version files, data paths, config). */
    readonly path: string,
    readonly text: string,
    /** Present for notebooks only. */
    readonly cells?: CellSpan[],
    /** Script lines where a `#` was inserted to comment out an IPython magic: line → its column. */
    private readonly commentedMagics = new Map<number, number>(),
    /**
     * Code cells that end inside a triple-quoted string or open brackets: where it opened (script position) and what
     * it is. The joined script closes it on a line of its own after the cell (a line no cell holds), as IPython runs
     * each cell alone: the cell fails with a SyntaxError and the cells after it still run.
     */
    readonly unclosedCells: { at: Position; what: string }[] = [],
    /** Script lines commented out with a `#` in front that IPython runs as shell commands (`%%bash` cells, a lone `pip install x`). */
    private readonly commandLines = new Set<number>(),
  ) {}

  static fromPython(path: string, text: string): ScriptDocument {
    return new ScriptDocument(path, text);
  }

  /**
   * Joins the code cells into one script. IPython magics (`!pip install …`, `%%time`, `pip install …` alone in a
   * cell) are commented out so they parse (cells in another language, `%%bash`, entirely); positions map back to the cell
   * text without the inserted character.
   */
  static fromNotebook(path: string, cells: NotebookCell[]): ScriptDocument {
    const parts: string[] = [];
    const spans: CellSpan[] = [];
    const magics = new Map<number, number>();
    const commands = new Set<number>();
    const unclosed: { at: Position; what: string }[] = [];
    let line = 0;
    cells.forEach((cell, cellIndex) => {
      if (cell.kind !== 'code') return;
      const lines = cell.text.split(/\r\n|\r|\n/);
      spans.push({ cellIndex, cellId: cell.id, startLine: line, lineCount: lines.length,
        ...(cell.outputs ? { outputs: cell.outputs } : {}), ...(cell.executionCount !== undefined ? { executionCount: cell.executionCount } : {}),
        ...(cell.saved ? { saved: true } : {}), ...(cell.failed ? { failed: true } : {}) });
      if (!isPythonCell(cell.text) || otherLanguage(cell) || plaintextNotPython(cell, lines)) {
        // `%%bash`, `%%writefile x.py`, `%%html`…, a `shellscript` cell: not Python; every line is commented out.
        lines.forEach((_, i) => magics.set(line + i, 0));
        if (isShellCell(cell)) lines.forEach((_, i) => commands.add(line + i));
        parts.push(cell.text.replace(/^/gm, '#'));
      } else {
        const auto = automagicLine(lines);
        if (auto !== undefined) {
          // `pip install x` alone in a cell: IPython runs `%pip install x`. Commented out like a magic.
          magics.set(line + auto, 0);
          commands.add(line + auto);
          lines[auto] = `#${lines[auto]}`;
        }
        const open = new OpenCode();
        parts.push(commentOutMagics(lines, line, magics, open).join('\n'));
        const left = open.openAtEnd();
        if (left) {
          // Without this the string or bracket would swallow the cells after it in the joined script.
          unclosed.push({ at: { line: line + left.line, character: left.col }, what: left.what });
          parts.push(left.closer);
          line += 1;
        }
      }
      line += lines.length;
    });
    return new ScriptDocument(path, parts.join('\n'), spans, magics, unclosed, commands);
  }

  /** Parse a `.ipynb` file's JSON into cells; throws a clear error on malformed notebooks. */
  static parseNotebookJson(json: string): NotebookCell[] {
    const nb = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json) as { cells?: unknown; metadata?: Record<string, unknown> };
    if (!nb || typeof nb !== 'object' || !Array.isArray(nb.cells)) throw new Error('not a Jupyter notebook (no "cells" array)');
    const databricks = !!nb.metadata && typeof nb.metadata === 'object' && 'application/vnd.databricks.v1+notebook' in nb.metadata;
    return nb.cells.map((raw: unknown, i: number) => {
      const c = (raw && typeof raw === 'object' ? raw : {}) as { cell_type?: unknown; source?: unknown; id?: unknown; metadata?: { vscode?: { languageId?: unknown } };
        outputs?: unknown; execution_count?: unknown };
      const source = c.source ?? '';
      const ok = typeof source === 'string' || (Array.isArray(source) && source.every((l) => typeof l === 'string'));
      if (!ok) throw new Error(`not a valid notebook: cell ${i + 1} has a "source" that is not text (${Array.isArray(source) ? 'a list with non-text items' : typeof source})`);
      const text = Array.isArray(source) ? source.join('') : source as string;
      const language = c.metadata?.vscode?.languageId ?? (databricks && c.cell_type === 'code' ? databricksLanguage(text) : undefined);
      const { texts: outputs, failed } = c.cell_type === 'code' ? datasetOutputs(c.outputs) : { texts: undefined, failed: false };
      return {
        id: typeof c.id === 'string' ? c.id : undefined,
        kind: c.cell_type === 'code' ? 'code' : 'markdown',
        text,
        ...(typeof language === 'string' ? { language } : {}),
        ...(outputs ? { outputs } : {}),
        ...(failed ? { failed: true } : {}),
        ...(c.cell_type === 'code' && typeof c.execution_count === 'number' ? { executionCount: c.execution_count } : {}),
        ...(c.cell_type === 'code' ? { saved: true } : {}),
      };
    });
  }

  /**
   * The `.ipynb` JSON with new texts for some cells (by index): the cells' `source` values are
   * edited inside the original text, so every other byte stays (see notebook-json.ts).
   */
  static updateNotebookJson(json: string, texts: Map<number, string>): string {
    return editNotebookSources(json, texts);
  }

  get isNotebook(): boolean { return this.cells !== undefined; }

  /**
   * Whether this script line is a shell command that the joined script comments out with a `#` in front: a line of a
   * `%%bash` cell or a lone `pip install x`. The author's own text is the line without that first `#`.
   */
  isCommentedCommand(line: number): boolean { return this.commandLines.has(line); }

  /** How to name a script line in a message: `line 12`, or `cell 3, line 2` in a notebook (1-based). */
  lineLabel(line: number): string {
    if (!this.cells) return `line ${line + 1}`;
    const at = this.toCellPosition({ line, character: 0 });
    return at ? `cell ${at.cell.cellIndex + 1}, line ${at.position.line + 1}` : `line ${line + 1}`;
  }

  /** The cell holding a script position, and the position inside that cell. */
  toCellPosition(pos: Position): { cell: CellSpan; position: Position } | undefined {
    const cell = this.cells?.find((c) => pos.line >= c.startLine && pos.line < c.startLine + c.lineCount);
    const magic = this.commentedMagics.get(pos.line);
    const character = magic !== undefined && pos.character > magic ? pos.character - 1 : pos.character;
    return cell && { cell, position: { line: pos.line - cell.startLine, character } };
  }

  /** The script position of a position in the cell with this id (the inverse of `toCellPosition`). */
  fromCellPosition(cellId: string, pos: Position): Position | undefined {
    const cell = this.cells?.find((c) => c.cellId === cellId);
    if (!cell || pos.line >= cell.lineCount) return undefined;
    const line = cell.startLine + pos.line;
    const magic = this.commentedMagics.get(line);
    return { line, character: magic !== undefined && pos.character > magic ? pos.character + 1 : pos.character };
  }

  /** The cell range of a script range that lies inside one cell; undefined when it spans cells. */
  cellRangeOf(range: Range): { cell: CellSpan; range: Range } | undefined {
    const start = this.toCellPosition(range.start);
    const end = this.toCellPosition(range.end);
    return start && end && end.cell === start.cell ? { cell: start.cell, range: { start: start.position, end: end.position } } : undefined;
  }

  /** The cell range of a script range, its end clipped to the end of the cell it starts in. */
  toCellRange(range: Range): { cell: CellSpan; range: Range } | undefined {
    const start = this.toCellPosition(range.start);
    const end = this.toCellPosition(range.end);
    if (!start) return undefined;
    const endPos = end && end.cell === start.cell ? end.position : { line: start.cell.lineCount - 1, character: 1e6 };
    return { cell: start.cell, range: { start: start.position, end: endPos } };
  }
}
