/**
 * Lines of a Python script that begin inside a triple-quoted string: a module or function docstring, a usage text
 * (`"""… Requirements:\n    pip install transformers>=4.51.0 peft …"""`, nirjhar17/functiongemma-openshift-commands
 * `finetune_functiongemma.py`). An install written there is the setup the text asks of its reader, as a commented one
 * is; it runs only when the string is handed to a call that runs commands on the line that opens it.
 * A plain scan of the text: `#` comments and one-line strings are skipped; lines `skip` names (a notebook's shell and
 * magic lines) are not Python.
 */
export interface StringLines {
  /** 0-based line → the 0-based line whose triple quote opened the string it starts inside. */
  openerOf: Map<number, number>;
}

export function tripleQuotedLines(lines: readonly string[], skip?: (line: number) => boolean): StringLines {
  const openerOf = new Map<number, number>();
  let delim: string | undefined;
  let opener = -1;
  lines.forEach((line, i) => {
    if (skip?.(i)) return;
    if (delim) openerOf.set(i, opener);
    let j = 0;
    while (j < line.length) {
      if (delim) {
        const close = line.indexOf(delim, j);
        const esc = line.indexOf('\\', j);
        if (esc !== -1 && (close === -1 || esc < close)) { j = esc + 2; continue; }
        if (close === -1) break;
        delim = undefined;
        j = close + 3;
        continue;
      }
      const c = line[j];
      if (c === '#') break;
      if (c === '"' || c === "'") {
        const triple = c.repeat(3);
        if (line.startsWith(triple, j)) { delim = triple; opener = i; j += 3; continue; }
        // A one-line string: to its closing quote (or the end of the line).
        let k = j + 1;
        while (k < line.length && line[k] !== c) k += line[k] === '\\' ? 2 : 1;
        j = k + 1;
        continue;
      }
      j++;
    }
  });
  return { openerOf };
}
