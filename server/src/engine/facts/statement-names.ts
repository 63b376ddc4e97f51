/**
 * The names each top-level statement of a section mentions, and the names the section binds at
 * module level: what `lint/pipelines.ts` needs to split a script into independent pipelines.
 *
 * A small Python lexer over the section's text (comments skipped; string contents skipped except
 * f-strings, whose every word counts). Every approximation here errs towards more names: an extra
 * name can only join two pipelines (the lint then sees more, as a whole-script lint does); a missed
 * name could split one, so anything the lexer is unsure of counts.
 */

/**
 * Names as small integers, shared by every script: the lexer interns each name as it reads it, and
 * splitting a script into pipelines then works on arrays. The table is dropped when it grows past
 * `MAX_NAMES` (typing makes a name per keystroke); `nameGeneration` says which table an id belongs to.
 */
const MAX_NAMES = 200_000;
let table = new Map<string, number>();
let spelled: string[] = [];
export let nameGeneration = 0;

export function internName(w: string): number {
  let id = table.get(w);
  if (id === undefined) {
    if (spelled.length >= MAX_NAMES) { table = new Map(); spelled = []; nameGeneration++; }
    id = spelled.length;
    // A copy: a name sliced from a script's text would keep the whole text alive in the table.
    const own = (' ' + w).slice(1);
    table.set(own, id);
    spelled.push(own);
  }
  return id;
}

export function nameOf(id: number): string { return spelled[id]; }
export function namesInterned(): number { return spelled.length; }

/** Extents in the section's tree coordinates. */
export interface Extent { start: number; end: number }

/** What a section's statements name, as ids of the table of `generation` (`spelling` holds that table). */
export interface StatementNames {
  generation: number;
  /** Per top-level statement: every name it mentions (not attribute names after `.`, not keyword-argument names). */
  names: Int32Array[];
  /** Names bound at module level by this section (assignment targets, `for`/`as`/walrus targets, `def`/`class`, `global`). Not imports. */
  bound: Int32Array;
  /** Names that occur outside every function and lambda (module-level reads and writes). */
  free: Int32Array;
  /** The section reads or binds names in ways no lexer can follow (`globals()`, `exec`, `eval`, …). */
  dynamic: boolean;
  /** The table the ids index (kept so the names can be interned again after the table was dropped). */
  spelling: readonly string[];
}

/** `n` with ids of the current table (made again, once per section, after the table was dropped). */
export function idsOf(n: StatementNames): StatementNames {
  if (n.generation === nameGeneration) return n;
  const old = n.spelling;
  for (let tries = 0; tries < 2; tries++) {
    const generation = nameGeneration;
    const ids = (xs: Int32Array) => xs.map((id) => internName(old[id]));
    const made = { generation, names: n.names.map(ids), bound: ids(n.bound), free: ids(n.free), dynamic: n.dynamic, spelling: spelled };
    if (made.generation === nameGeneration) return Object.assign(n, made);
  }
  return n; // (only a section of more names than the table holds: the caller sees a stale generation)
}

/** The names of `n` spelled out (tests). */
export function spelledNames(n: StatementNames): { names: string[][]; bound: Set<string>; free: Set<string>; dynamic: boolean } {
  const spell = (xs: Int32Array) => Array.from(xs, (id) => n.spelling[id]);
  return { names: n.names.map(spell), bound: new Set(spell(n.bound)), free: new Set(spell(n.free)), dynamic: n.dynamic };
}

/** Distinct ids in the order added; `reset()` empties it in O(1) (a stamp per id instead of a set). */
class IdSet {
  private seen = new Int32Array(1024);
  private stamp = 1;
  ids: number[] = [];
  reset(): void { this.stamp++; this.ids = []; }
  add(id: number): void {
    if (id >= this.seen.length) { const grown = new Int32Array(Math.max(id + 1, this.seen.length * 2)); grown.set(this.seen); this.seen = grown; }
    if (this.seen[id] === this.stamp) return;
    this.seen[id] = this.stamp;
    this.ids.push(id);
  }
}
/** The lexer's sets, reused by every call (it is not re-entered). */
const statementIds = new IdSet(), boundIds = new IdSet(), freeIds = new IdSet();
const NO_IDS = new Int32Array(0);

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/** Calls that read or write variables by name at run time. */
const DYNAMIC = new Set(['globals', 'locals', 'vars', 'exec', 'eval', '__import__', '__dict__', '__builtins__']);

const isIdStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
const isIdPart = (c: number) => isIdStart(c) || (c >= 48 && c <= 57);
const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

/**
 * `text` is the section's text starting at offset `base`; `statements` are its top-level statements
 * in order; `scopes` its function definitions and lambdas (sorted by start, properly nested).
 */
export function statementNames(text: string, base: number, statements: readonly Extent[], scopes: readonly Extent[]): StatementNames {
  for (;;) {
    const generation = nameGeneration;
    const found = lex(text, base, statements, scopes);
    // Interning dropped the table midway (past its size limit): lex again into the new one.
    if (generation === nameGeneration) return { generation, ...found, spelling: spelled };
  }
}

function lex(text: string, base: number, statements: readonly Extent[], scopes: readonly Extent[]): Pick<StatementNames, 'names' | 'bound' | 'free' | 'dynamic'> {
  const names: Int32Array[] = new Array(statements.length).fill(NO_IDS);
  boundIds.reset(); freeIds.reset(); statementIds.reset();
  let named = -1; // the statement `statementIds` collects for
  const mention = (id: number) => {
    if (stmt !== named) {
      if (named >= 0) names[named] = Int32Array.from(statementIds.ids);
      statementIds.reset();
      named = stmt;
    }
    statementIds.add(id);
  };
  let dynamic = false;
  let stmt = -1;
  let nextStmt = 0;
  // Scopes open at the current position (nested, innermost last).
  const open: Extent[] = [];
  let nextScope = 0;
  let depth = 0;
  // The current logical line at module level: identifiers seen before its last `=` are targets.
  let lineIds: number[] = [];
  let lastAssign = -1;
  let lineStart = true;
  let importLine = false;
  let prevWord = '';
  let prevSig = 0; // last significant character code
  let forTargets = false;
  let globalLine = false;

  /** Open scopes at `at` (non-decreasing across calls), innermost last. */
  const scopesAt = (at: number): Extent[] => {
    while (nextScope < scopes.length && scopes[nextScope].start < at) open.push(scopes[nextScope++]);
    for (let i = open.length - 1; i >= 0; i--) if (open[i].end <= at) open.splice(i, 1);
    return open;
  };
  const endLogicalLine = () => {
    for (let i = 0; i < lastAssign; i++) boundIds.add(lineIds[i]);
    lineIds = []; lastAssign = -1;
    lineStart = true; importLine = false; forTargets = false; globalLine = false;
  };

  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const at = base + i;
    while (nextStmt < statements.length && statements[nextStmt].start <= at) stmt = nextStmt++;
    if (c === 35) { // '#': comment to the end of the line
      while (i < n && text.charCodeAt(i) !== 10) i++;
      continue;
    }
    if (c === 10 || c === 13) {
      if (depth === 0 && prevSig !== 92) endLogicalLine();
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 12) { i++; continue; }
    if (c === 39 || c === 34) { // a string without prefix
      i = skipString(text, i, false, () => undefined);
      prevSig = 39; prevWord = '';
      lineStart = false;
      continue;
    }
    if (c >= 48 && c <= 57) { // a number (with its letters: 1e5, 0x1F, 10j)
      while (i < n && (isIdPart(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i++;
      prevSig = 48; prevWord = '';
      lineStart = false;
      continue;
    }
    if (isIdStart(c)) {
      let j = i + 1;
      while (j < n && isIdPart(text.charCodeAt(j))) j++;
      const word = text.slice(i, j);
      const q = j < n ? text.charCodeAt(j) : 0;
      if ((q === 39 || q === 34) && STRING_PREFIX.test(word)) { // a prefixed string
        const f = /[fF]/.test(word);
        i = skipString(text, j, f, (w, at) => {
          const id = internName(w);
          if (stmt >= 0) mention(id);
          if (scopesAt(base + at).length === 0) freeIds.add(id);
        });
        prevSig = 39; prevWord = '';
        lineStart = false;
        continue;
      }
      const first = lineStart;
      lineStart = false;
      i = j;
      if (KEYWORDS.has(word)) {
        if (first && (word === 'import' || word === 'from')) importLine = true;
        if (word === 'for') forTargets = true;
        if (word === 'in') forTargets = false;
        if (word === 'global' || word === 'nonlocal') globalLine = true;
        prevWord = word; prevSig = 97;
        continue;
      }
      if (DYNAMIC.has(word)) dynamic = true;
      const attribute = prevSig === 46; // after '.'
      let k = j;
      while (k < n && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
      const nextC = k < n ? text.charCodeAt(k) : 0, next2 = k + 1 < n ? text.charCodeAt(k + 1) : 0;
      const keywordName = depth > 0 && nextC === 61 && next2 !== 61; // `name=` inside brackets
      const wordAt = base + i - word.length;
      const around = scopesAt(wordAt);
      const id = attribute ? -1 : internName(word);
      if (!attribute && !keywordName && stmt >= 0) mention(id);
      if (!attribute && !keywordName && around.length === 0 && !importLine) freeIds.add(id);
      if (!attribute && !importLine) {
        if (globalLine) boundIds.add(id);
        else if (prevWord === 'def' || prevWord === 'class') {
          // A definition's name is bound where the definition stands: a `def`'s own scope (innermost) is already open.
          if (around.length === (prevWord === 'def' ? 1 : 0)) boundIds.add(id);
        } else if (around.length === 0) {
          if (prevWord === 'as' || forTargets || (nextC === 58 && next2 === 61)) boundIds.add(id); // `as x`, `for x`, `x :=`
          // `x.a = …`, `x[k] = …` and `f(x).a = …` change what is held; they bind no name.
          else if (depth === 0 && nextC !== 46 && nextC !== 91 && nextC !== 40) lineIds.push(id);
        }
      }
      prevWord = ''; prevSig = 97;
      continue;
    }
    // punctuation
    if (c === 40 || c === 91 || c === 123) depth++;
    else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
    else if (c === 61 && depth === 0) {
      const before = i > 0 ? text.charCodeAt(i - 1) : 0, after = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      // `=` and augmented `+=` etc., not `==`, `<=`, `>=`, `!=`, `:=`
      if (after !== 61 && before !== 61 && before !== 60 && before !== 62 && before !== 33 && before !== 58) lastAssign = lineIds.length;
    } else if (c === 59 && depth === 0) endLogicalLine(); // ';'
    if (c !== 92) prevWord = '';
    prevSig = c;
    lineStart = false;
    i++;
  }
  endLogicalLine();
  if (named >= 0) names[named] = Int32Array.from(statementIds.ids);
  return { names, bound: Int32Array.from(boundIds.ids), free: Int32Array.from(freeIds.ids), dynamic };
}

/**
 * Skips the string literal whose opening quote is at `i`; returns the offset after it. The names in an
 * f-string's replacement fields are passed to `word` (not its literal text, not a `!r` conversion).
 * A single-quoted string ends at an unescaped line break, so a lexing mistake cannot run past its line.
 */
function skipString(text: string, i: number, f: boolean, word: (w: string, at: number) => void): number {
  const n = text.length;
  const q = text.charCodeAt(i);
  const triple = text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q;
  let j = i + (triple ? 3 : 1);
  let fields = 0; // depth of `{…}` replacement fields
  let prev = 0;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 92) { j += 2; continue; } // a backslash escapes the next character, in raw strings too (for the lexer)
    if (c === q && (!triple || (text.charCodeAt(j + 1) === q && text.charCodeAt(j + 2) === q))) return j + (triple ? 3 : 1);
    if (!triple && c === 10) return j;
    if (f) {
      if (c === 123) { // '{', or '{{' in literal text
        if (fields === 0 && text.charCodeAt(j + 1) === 123) { j += 2; continue; }
        fields++;
      } else if (c === 125 && fields > 0) fields--;
      else if (fields > 0 && (c === 39 || c === 34) && c !== q) { // a string inside a field
        const k = text.indexOf(String.fromCharCode(c), j + 1);
        j = k < 0 ? n : k + 1;
        prev = c;
        continue;
      } else if (fields > 0 && isIdStart(c)) {
        let k = j + 1;
        while (k < n && isIdPart(text.charCodeAt(k))) k++;
        const w = text.slice(j, k);
        if (prev !== 46 && prev !== 33 && !KEYWORDS.has(w)) word(w, j); // not `.attr`, not `!r`
        prev = 97;
        j = k;
        continue;
      }
    }
    if (c !== 32) prev = c;
    j++;
  }
  return n;
}
