import type { Node } from 'web-tree-sitter';
import type { Position, Range } from '../diagnostics';
import type { Rule } from './rule';
import type { SourceText } from '../syntax/source-text';
import type { CallFact } from '../facts/types';
import { callsWhere } from '../facts/selections';
import { misplacedArgument } from '../syntax/argument-order';

/** The first ERROR or MISSING node under `node`, descending only into subtrees that hold one. */
function firstError(node: Node): Node | undefined {
  if (node.isMissing || node.type === 'ERROR') return node;
  if (!node.hasError) return undefined;
  for (const child of node.children) {
    if (!child) continue;
    const found = firstError(child);
    if (found) return found;
  }
  return undefined;
}

/** The leaf tokens under `node`, in order, without comments. */
function leaves(node: Node, out: Node[] = []): Node[] {
  if (node.type === 'comment') return out;
  if (node.childCount === 0) { out.push(node); return out; }
  for (const c of node.children) if (c) leaves(c, out);
  return out;
}

/**
 * A line break inside a simple statement that Python would not join (no open bracket, no backslash, not in a
 * string): tree-sitter's scanner leaves the break out where the grammar cannot take one, so `from m import` with the
 * name on a later line parses as one whole statement (`from m import model_name`) that Python rejects. In a compound
 * statement (`def`, `if`, …) the statements of its blocks are checked.
 */
function hidesLineBreak(node: Node, source: SourceText): boolean {
  const blocks = node.children.filter((c): c is Node => !!c && c.type === 'block');
  if (blocks.length || node.type.endsWith('_definition') || node.type === 'decorated_definition') {
    for (const c of node.children) {
      if (!c) continue;
      if (c.type === 'block') { for (const s of c.namedChildren) if (s && hidesLineBreak(s, source)) return true; }
      else if (c.isNamed && (c.type.endsWith('_statement') || c.type.endsWith('_definition') || c.type.endsWith('_clause')) && hidesLineBreak(c, source)) return true;
    }
    return false;
  }
  const tokens = leaves(node);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const end = source.positionAt(tokens[i].endIndex);
    const next = tokens[i + 1];
    if (source.positionAt(next.startIndex).line <= end.line) continue;
    if (next.parent?.type === 'string' || tokens[i].parent?.type === 'string') continue;
    if (source.lineText(end.line).slice(end.character).trim().endsWith('\\')) continue;
    if (insideBrackets(next)) continue;
    return true;
  }
  return false;
}

/** A statement tree-sitter parsed whole, with nothing wrong in it: Python runs past it. */
function isCompleteStatement(node: Node, source: SourceText): boolean {
  return node.isNamed && !node.hasError && !node.isMissing
    && (node.type.endsWith('_statement') || node.type.endsWith('_definition'))
    && !hidesLineBreak(node, source);
}

/**
 * Where the error is inside an ERROR node that begins with complete statements. When tree-sitter cannot recover
 * (a function whose body has `x =` and then a `for` line), it can wrap everything from the first line of the file in
 * one ERROR whose first children are the file's imports: Python runs those and stops much later, so the error is
 * in the first child that is not a complete statement (and, inside it, at its own first ERROR, refined the same way).
 */
function refineError(node: Node, source: SourceText): Node {
  if (node.type !== 'ERROR') return node;
  const children = node.children.filter((c): c is Node => !!c && c.type !== 'comment');
  if (!children.length || !isCompleteStatement(children[0], source)) return node;
  const broken = children.find((c) => !isCompleteStatement(c, source));
  if (!broken) return node;
  const inner = broken.type === 'ERROR' || broken.isMissing ? broken : firstError(broken);
  return inner ? refineError(inner, source) : broken;
}

const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** An opening bracket inside an ERROR node that nothing closes (the usual cause of a cascade). */
function unclosedBracket(node: Node): Node | undefined {
  const stack: Node[] = [];
  const walk = (n: Node) => {
    if (n.childCount === 0) {
      if (n.type in CLOSE) stack.push(n);
      else if (stack.length && CLOSE[stack[stack.length - 1].type] === n.type) stack.pop();
      return;
    }
    for (const c of n.children) if (c) walk(c);
  };
  walk(node);
  return stack.pop();
}

/** The first non-breaking space on lines `from`…`to`. */
function nbspIn(lineText: (line: number) => string, from: number, to: number): { line: number; character: number } | undefined {
  for (let line = from; line <= to; line++) {
    const character = lineText(line).indexOf('\u00a0');
    if (character >= 0) return { line, character };
  }
  return undefined;
}

/**
 * Expressions whose operator and right operand tree-sitter lets sit on different lines. Its scanner leaves out the
 * line break wherever the grammar cannot take one (after a `-`, `not` or `=`), so `x = 1 -` followed by a line
 * `print(x)` parses, with no ERROR, as `x = 1 - print(x)`; Python ends the logical line at the break outside
 * brackets and rejects it ("invalid syntax"). A line of dashes pasted between two statements is the usual case.
 */
const SPLIT_TYPES = new Set(['unary_operator', 'not_operator', 'binary_operator', 'boolean_operator', 'comparison_operator', 'assignment', 'augmented_assignment']);
const OPENERS = new Set(['(', '[', '{']);

/** Whether `node` sits between an opening bracket and its closer (where a line break does not end the line). */
function insideBrackets(node: Node): boolean {
  for (let up = node.parent; up; up = up.parent) {
    let open = false;
    for (const child of up.children) {
      if (!child) continue;
      if (child.startIndex >= node.startIndex) { if (open) return true; break; }
      if (OPENERS.has(child.type) && child.childCount === 0) open = true;
    }
    if (up.type === 'module' || up.type === 'block') return false;
  }
  return false;
}

/** A token at the end of a line that Python's tokenizer does not join to the next line (no `\\`, no open bracket). */
function splitOperator(node: Node, source: SourceText): Node | undefined {
  if (node.startPosition.row === node.endPosition.row) return undefined;
  // Comments are extras: a comment line between the operator and its operand is skipped.
  const children = node.children.filter((c): c is Node => !!c && c.type !== 'comment');
  for (let i = 0; i + 1 < children.length; i++) {
    const token = children[i];
    const next = children[i + 1];
    if (token.childCount !== 0 || token.isNamed) continue;
    const end = source.positionAt(token.endIndex);
    if (source.positionAt(next.startIndex).line <= end.line) continue;
    const rest = source.lineText(end.line).slice(end.character).trim();
    if (rest.endsWith('\\')) continue;
    if (insideBrackets(node)) return undefined;
    return token;
  }
  return undefined;
}

const OPERATOR_CHARS = new Set('-+~*/%&|^<>=@');
const OPERATOR_WORDS = new Set(['and', 'or', 'not', 'in', 'is']);
const isWordChar = (ch: string) => { const c = ch.charCodeAt(0); return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95; }; // /\w/

/**
 * The offset of the last character of each line whose code (before a `#`) ends in an operator, `=`, or
 * `and`/`or`/`not`/`in`/`is`. One scan of each line from its end: a regular expression anchored at every line
 * backtracked over each line's code on every keystroke.
 */
export function operatorLineEnds(text: string): number[] {
  const found: number[] = [];
  let hash = -1; // the next `#` at or after the line's start (searched again only once passed)
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (hash !== Infinity && hash < start) { hash = text.indexOf('#', start); if (hash < 0) hash = Infinity; }
    let i = (hash >= 0 && hash < end ? hash : end) - 1;
    while (i >= start && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i--;
    if (i >= start) {
      if (OPERATOR_CHARS.has(text[i])) found.push(i);
      else if (isWordChar(text[i])) {
        let w = i;
        while (w > start && i - w < 3 && isWordChar(text[w - 1])) w--; // a longer word is no operator: 4 characters say so
        if (OPERATOR_WORDS.has(text.slice(w, i + 1))) found.push(i);
      }
    }
    start = end + 1;
  }
  return found;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** The parser's names for tokens it inserted that a user does not write as such, in Python's own words. */
const MISSING: Record<string, string> = {
  string_end: 'unterminated string',
  _newline: 'missing line break',
  _indent: 'expected an indented block',
  _dedent: 'unindent does not match any outer indentation level',
  identifier: 'missing name',
};

function describe(node: Node): string {
  if (node.isMissing) return MISSING[node.type] ?? `missing \`${node.type}\``;
  const first = node.text.split('\n')[0].trim();
  const token = first.length > 30 ? `${first.slice(0, 30)}…` : first;
  return token ? `unexpected \`${token}\`` : 'unexpected end of input';
}

/** A call whose arguments Python rejects (\`misplacedArgument\`). */
function hasMisplacedArgument(c: CallFact): boolean {
  // Each order Python rejects needs a keyword (`name=`) or a `**`: a call whose text has neither is not walked.
  return MAY_MISPLACE.test(c.text) && misplacedArgument(c.node) !== undefined;
}

/** An `=` that is not part of `==`, `<=`, `>=`, `!=` (nor the first of `==`), or a `**`. */
const MAY_MISPLACE = /(^|[^=!<>])=(?!=)|\*\*/;

const rule: Rule = {
  code: 'TL000',
  name: 'syntax-error',
  severity: 'error',
  fix: 'none',
  docs: `## What it does
Reports the place where a script (or a notebook's code cells, joined) stops being valid Python.

In a notebook, what IPython runs is not an error: \`!cmd\` and \`%magic\` lines, their assignments
(\`gpu_info = !nvidia-smi\`), cells in another language (\`%%bash\`, or a code cell the notebook marks as another
language: VS Code keeps it in \`metadata.vscode.languageId\`, e.g. \`shellscript\`, microsoft/vscode
\`extensions/ipynb/src/deserializers.ts\` at 7f6f43fe; \`plaintext\` says nothing and stays Python; in a Databricks
notebook, a cell whose first line is \`%sql\`, \`%sh\`, \`%md\`, \`%scala\`, \`%r\` or \`%fs\`: Databricks docs, "Develop code
in Databricks notebooks", "Mix languages"), and a one-line cell
that runs a magic without its \`%\` (\`pip install peft\`: IPython applies automagic to one-line cells only, so the same
line inside a longer cell is reported). A line that starts with \`%\` or \`!\` inside open brackets, a triple-quoted
string or after a \`\\\` is Python: IPython looks for them only at the start of a logical line
(ipython/ipython \`IPython/core/inputtransformer2.py\`, \`make_tokens_by_line\`, \`EscapedCommand.find\`). The same holds for a notebook Databricks exports as source: a \`.py\` whose first
line is \`# Databricks notebook source\` runs its cells in IPython, so its \`!cmd\` and \`%magic\` lines are magics.
A \`.py\` that Colab exports (\`!pip install …\` kept as is) is a plain script, and those lines are reported.

IPython's help syntax is not an error either: \`obj?\`, \`obj??\` and \`?obj\` on a line of their own
(\`HelpEnd\` and \`EscapedCommand\` in the same file, at 7f0ee556).

A line that ends in an operator outside brackets and without a trailing backslash (\`loss = a -\`, or a line of
dashes pasted from notes between two statements) is reported: Python ends the statement at the line break
("invalid syntax"), but tree-sitter-python's scanner leaves out a line break the grammar cannot take there, so it
reads \`-----\` and the next line \`print(x)\` as one expression, \`-(-(…print(x)))\`, without an error node.
\`x = ---1\`, \`a - -b\` and an operator followed by a line break inside brackets stay quiet.

Call arguments in an order the grammar accepts and Python's compiler rejects are syntax errors too: a positional
argument after a keyword argument (\`eval_dataset-val_ds,\` typed for \`eval_dataset=val_ds,\` after
\`train_dataset=train_ds,\`: WajdAlrabiah/ViT-FineTuning-CIFAR10), a positional or \`*x\` argument after \`**kw\`, and a
keyword given twice, with CPython's messages ("positional argument follows keyword argument", "keyword argument
repeated: x"). \`*args\` after a keyword argument is valid and stays quiet.

A non-breaking space (U+00A0, what a web page's \`&nbsp;\` indentation pastes as) is named as such: Python's
tokenizer rejects it ("invalid non-printable character U+00A0", CPython \`Parser/tokenizer.c\`), while the parser
would point at some other token near it.

Where the parser's recovery would mislead, the report goes where CPython's does: when tree-sitter cannot recover it
may wrap the file from its first line in one error node whose first children are complete statements (the imports),
which Python runs; the report then goes to the first part that is not a complete statement (a statement with a line
break Python does not join, such as \`from m import\` with the name lines later, is not one) (a function whose body has
\`x =\` with the value lost before a \`for\` line: the \`=\` line, as CPython reports "invalid syntax" there). A
triple-quoted string that nothing closes is reported where it opens, as CPython does ("unterminated triple-quoted
string literal (detected at line N)"), not at the end of the file where the parser gives up.

IPython compiles each cell on its own (\`InteractiveShell.run_cell\`), so a code cell that ends inside a triple-quoted
string or open brackets fails alone: the rule reports where the string or bracket opens, and the cells after it are
analysed as they run, not swallowed into the open string (an Analytics Vidhya tutorial's \`#alpaca_prompt = \"\"\"…\`,
whose closing quotes then open a string to the end of the cell, hid the \`evaluation_strategy=\` error five cells later). In a notebook the rule reports one error per cell, the first, as Python does for the cell it runs.

## Why is this bad?
Python refuses to run a file that does not parse, so the training job fails at once. trainlint still
analyses what it can around the error, but findings near it may be missing: without this report a file
with a syntax error could look clean. Editors with a Python extension show syntax errors already, so
in the editor this rule is off unless \`trainlint.syntaxErrors\` is on; the CLI and the CI formats always
report it.

## Example
\`\`\`python
from trl import SFTConfig

args = SFTConfig(output_dir="out",
\`\`\`

## Use instead
\`\`\`python
from trl import SFTConfig

args = SFTConfig(output_dir="out")
\`\`\`

## Fix safety
There is no automatic fix: only the author knows what the code should say.

## References
- The Python grammar as parsed by tree-sitter-python (\`grammars/PROVENANCE.md\` in this repository)
`,
  // Syntax errors are read from every section's tree, once per lint, not once per pipeline.
  wholeScript: true,
  check(ctx) {
    const found: { range: Range; message: string }[] = [];
    // A notebook cell that ends inside a triple-quoted string or open brackets: IPython runs each cell alone, so
    // this cell fails and the cells after it still run (the joined script closes it after the cell).
    for (const { at, what } of ctx.a.doc.unclosedCells) {
      const text = ctx.source.lineText(at.line);
      found.push({
        range: { start: at, end: { line: at.line, character: Math.max(at.character + 1, text.length) } },
        message: `Syntax error: ${what} is never closed in this cell; the cell fails, the cells after it still run`,
      });
    }
    // A line that ends in an operator outside brackets, which tree-sitter joins to the next line without an ERROR.
    const splits: { range: Range; message: string }[] = [];
    // Found from the text (a line whose code ends in an operator), then the tree: no walk over every expression.
    const seen = new Set<number>();
    for (const last of operatorLineEnds(ctx.source.text)) {
      const token = ctx.a.syntax.descendantForIndex(last, last + 1);
      const parent = token?.parent;
      if (!token || !parent || token.childCount !== 0 || !SPLIT_TYPES.has(parent.type) || seen.has(parent.id)) continue;
      seen.add(parent.id);
      const split = splitOperator(parent, ctx.source);
      if (!split) continue;
      const line = ctx.source.positionAt(split.endIndex).line;
      const text = ctx.source.lineText(line);
      const indent = text.length - text.trimStart().length;
      splits.push({
        range: { start: { line, character: indent }, end: { line, character: text.trimEnd().length } },
        message: `Syntax error: the line ends with \`${split.type}\` outside brackets, where a line break ends the statement (a backslash or brackets continue it); findings near it may be missing`,
      });
    }
    // Arguments in an order the grammar accepts and Python's compiler rejects: the file (or cell) does not compile.
    for (const c of callsWhere(ctx.facts, hasMisplacedArgument)) {
      const bad = misplacedArgument(c.node);
      // IPython compiles each cell alone: in a notebook only this cell fails.
      const when = ctx.a.doc.isNotebook ? 'this cell fails before any of it runs; the cells after it still run' : 'Python rejects the file before anything runs';
      if (bad) found.push({ range: ctx.source.nodeRange(bad.node), message: `Syntax error: ${bad.message} (${when}); findings near it may be missing` });
    }
    const errors: { range: Range; message: string }[] = [];
    if (ctx.a.syntax.hasError) {
      for (const root of ctx.a.syntax.roots) {
        const outer = firstError(root);
        if (!outer) continue;
        const error = outer.type === 'ERROR' && !unclosedBracket(outer) ? refineError(outer, ctx.source) : outer;
        const bracket = error.type === 'ERROR' ? unclosedBracket(error) : undefined;
        if (bracket) {
          errors.push({ range: ctx.source.nodeRange(bracket), message: `Syntax error: \`${bracket.type}\` is never closed; findings after it may be missing` });
          continue;
        }
        // A string that nothing closes: tree-sitter puts the missing closing quotes where it gave up (the next line
        // that cannot be string content); Python reports the line where the string opens ("unterminated
        // triple-quoted string literal (detected at line N)"), and so does this.
        const opening = error.isMissing && error.type === 'string_end' && error.parent?.type === 'string' ? error.parent.firstChild : null;
        if (opening && opening.type === 'string_start' && opening.startPosition.row < error.startPosition.row) {
          const at = ctx.source.nodeRange(opening);
          const line = ctx.source.lineText(at.start.line);
          errors.push({
            range: { start: at.start, end: { line: at.start.line, character: Math.max(at.end.character, line.trimEnd().length) } },
            message: `Syntax error: unterminated string; it opens here and nothing closes it, so findings after it may be missing`,
          });
          continue;
        }
        const range = ctx.source.nodeRange(error);
        // A non-breaking space (U+00A0, what a web page's `&nbsp;` indentation pastes as): Python's tokenizer rejects
        // it ("invalid non-printable character U+00A0"); tree-sitter reports some other token near it.
        const nbsp = nbspIn(ctx.source.lineText.bind(ctx.source), range.start.line, Math.max(range.start.line, range.end.line));
        if (nbsp) {
          errors.push({
            range: { start: nbsp, end: { line: nbsp.line, character: nbsp.character + 1 } },
            message: 'Syntax error: a non-breaking space (U+00A0), which Python rejects ("invalid non-printable character U+00A0"); text copied from a web page often has them: replace it with a space',
          });
          continue;
        }
        // An ERROR node can span many lines: point at where it starts.
        const end = range.end.line === range.start.line && range.end.character > range.start.character
          ? range.end : { line: range.start.line, character: Math.max(range.start.character + 1, ctx.source.lineText(range.start.line).length) };
        errors.push({ range: { start: range.start, end }, message: `Syntax error: ${describe(error)}; findings near it may be missing` });
      }
    }
    // An ERROR on the line after a split line is the statement the parser could not join: the same error. On the split
    // line itself the ERROR says more (unexpected `<your-api-key>`). In a script Python stops at its first error:
    // a split line is reported only when it comes first (the ERROR nodes keep their own reports, as before).
    const splitLines = new Set(splits.map((f) => f.range.start.line));
    const errorLines = new Set(errors.map((f) => f.range.start.line));
    const kept = errors.filter((f) => !splitLines.has(f.range.start.line - 1) || errorLines.has(f.range.start.line - 1));
    const inCell = (f: { range: Range }) => ctx.a.doc.toCellPosition(f.range.start) !== undefined;
    const earliest = kept.filter((f) => !inCell(f)).reduce<Range['start'] | undefined>((a, f) => (!a || before(f.range.start, a) ? f.range.start : a), undefined);
    let scriptSplit = false;
    for (const f of splits) {
      if (errorLines.has(f.range.start.line)) continue;
      if (!inCell(f)) {
        if (scriptSplit || (earliest && !before(f.range.start, earliest))) continue;
        scriptSplit = true;
      }
      kept.push(f);
    }
    found.push(...kept);
    // In a notebook, one report per cell: the first error, as Python reports the first error of the cell it runs.
    const firstPerCell = new Map<number, { range: Range; message: string }>();
    const perFile: { range: Range; message: string }[] = [];
    for (const f of found) {
      const cell = ctx.a.doc.toCellPosition(f.range.start)?.cell.cellIndex;
      if (cell === undefined) { perFile.push(f); continue; }
      const seen = firstPerCell.get(cell);
      if (!seen || before(f.range.start, seen.range.start)) firstPerCell.set(cell, f);
    }
    for (const f of [...perFile, ...firstPerCell.values()]) ctx.report(f);
  },
};

export default rule;
