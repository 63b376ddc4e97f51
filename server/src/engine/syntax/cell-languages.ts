/**
 * Which code cells of a notebook hold Python: the cell's language (VS Code's `metadata.vscode.languageId`, a Databricks
 * `%sql` first line) and its cell magic (`%%bash`, `%%capture`). Read by `ScriptDocument.fromNotebook`.
 */
import type { NotebookCell } from './script-document';

/**
 * A Databricks notebook's cell in another language: `%sql`, `%sh`, `%md`, `%scala`, `%r` or `%fs` alone on its first
 * line sets the language of the whole cell (Databricks docs, "Develop code in Databricks notebooks": "Mix
 * languages"; the notebook's metadata holds `application/vnd.databricks.v1+notebook`).
 */
export function databricksLanguage(text: string): string | undefined {
  const m = /^\s*%(sql|sh|md|scala|r|fs|python)[ \t]*(?:\r?\n|$)/.exec(text);
  return m?.[1];
}

/** A code cell the notebook marks as written in a language other than Python. */
export function otherLanguage(cell: NotebookCell): boolean {
  return cell.language !== undefined && !['python', 'plaintext'].includes(cell.language.toLowerCase());
}

/** Cell magics whose body is still Python (IPython runs it as code); any other `%%name` cell is not Python. */
const PYTHON_CELL_MAGICS = new Set(['capture', 'time', 'timeit', 'prun', 'python', 'python3', 'debug', 'pypy']);

/**
 * Whether a code cell holds Python: no cell magic on its first line, or one that runs its body as Python. IPython
 * drops leading blank lines before it looks for the cell magic (`TransformerManager.cleanup_transforms`:
 * `leading_empty_lines` runs before `cell_magic`), so `\n%%bash` is a bash cell.
 */
export function isPythonCell(text: string): boolean {
  const m = /^\s*%%([A-Za-z_][\w-]*)/.exec(text);
  return !m || PYTHON_CELL_MAGICS.has(m[1]);
}

/**
 * A cell IPython runs as shell commands: `%%bash`, `%%sh`, `%%shell` (Colab), `%%script bash|sh`, or a cell in the
 * `shellscript` language. `%%writefile`, `%%html` … only write or show their text.
 */
export function isShellCell(cell: NotebookCell): boolean {
  if (cell.language !== undefined && ['shellscript', 'bash', 'sh', 'shell'].includes(cell.language.toLowerCase())) return true;
  const m = /^\s*%%([A-Za-z_][\w-]*)(?:[ \t]+(\S+))?/.exec(cell.text);
  return !!m && (['bash', 'sh', 'shell', 'system'].includes(m[1]) || (m[1] === 'script' && /^(?:\S*\/)?(?:ba)?sh$/.test(m[2] ?? '')));
}
