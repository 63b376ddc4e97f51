/**
 * Where a script changes a dict (or list) held under a name in place: `dd["k"] = …`, `dd[k] += …`, `del dd["k"]`,
 * `dd.pop(…)`, `rows.append(…)`. The dataset model does not follow such changes: a DatasetDict changed in place has
 * splits it does not know, a list filled at run time has rows it does not know. Read once per text version and facts.
 */
import type { FileFacts } from '../facts/types';

export interface InPlaceChange {
  /** The name changed (`dd`; the last name before `[` for `self.dd["k"]`). */
  name: string;
  /** The literal key, when the change names one. */
  key?: string;
  /** Where the statement starts. */
  start: number;
}

/** Methods that change their receiver in place (dict and list). */
const MUTATORS = new Set(['pop', 'popitem', 'update', 'setdefault', 'clear', 'append', 'extend', 'insert']);

const literalKey = (k: string) => /^\s*(["'])([^"'\\]*)\1\s*$/.exec(k)?.[2];

let lastText: string | undefined;
let lastTextChanges: InPlaceChange[] = [];

/**
 * Subscript assignments and deletions, from one pass of the text: from each `]` an assignment operator follows back to
 * its `[` and the name before it (a `]` is rare; a regex anchored at every line was a millisecond per keystroke on a
 * 2,000-line script). A match inside a string only makes the callers quieter.
 */
function textChanges(text: string): InPlaceChange[] {
  if (text === lastText) return lastTextChanges;
  const out: InPlaceChange[] = [];
  for (const m of text.matchAll(/\][ \t]*(?:[-+*/%&|^@]|\*\*|\/\/|<<|>>)?=(?!=)/g)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const open = text.lastIndexOf('[', m.index);
    if (open < lineStart) continue;
    const name = /([A-Za-z_]\w*)[ \t]*$/.exec(text.slice(lineStart, open))?.[1];
    if (name) out.push({ name, key: literalKey(text.slice(open + 1, m.index)), start: lineStart });
  }
  if (text.includes('del ')) {
    for (const m of text.matchAll(/^[ \t]*del[ \t]+([^\n#]*)/gm)) {
      for (const t of m[1].matchAll(/([A-Za-z_]\w*)[ \t]*\[([^\]\n]*)\]/g)) out.push({ name: t[1], key: literalKey(t[2]), start: m.index });
    }
  }
  lastText = text;
  lastTextChanges = out;
  return out;
}

const byFacts = new WeakMap<FileFacts, InPlaceChange[]>();

/** Every in-place change of the script: the text's subscript assignments and deletions, and the facts' mutating calls. */
export function inPlaceChanges(facts: FileFacts, text: string): InPlaceChange[] {
  let out = byFacts.get(facts);
  if (out && text === lastText) return out;
  out = [...textChanges(text)];
  for (const c of facts.calls) {
    // The method's name first: a fact's receiver is built when first asked for.
    if (c.method && MUTATORS.has(c.method) && c.receiver?.type === 'identifier') out.push({ name: c.receiver.text, start: c.node.startIndex });
  }
  byFacts.set(facts, out);
  return out;
}

/** Every name the script changes in place: the changes above, subscript assignments and `name += …`. */
export function namesChangedInPlace(facts: FileFacts, text: string): Set<string> {
  const names = new Set(inPlaceChanges(facts, text).map((c) => c.name));
  for (const a of facts.assignments) if (a.subscriptKey !== undefined) names.add(a.target);
  for (const n of augmentedNames(text)) names.add(n);
  return names;
}

const WORD_OR_DOT = /[\w.]/;
const NAME_START = /[A-Za-z_]/;
const SPACE = /\s/;

/**
 * The names before `+=` in the text: what `text.matchAll(/([A-Za-z_][\w.]*)\s*\+=/g)` yields, found from
 * each `+=` backwards instead of trying the pattern at every character (a third of a lint of a long script).
 */
export function augmentedNames(text: string): string[] {
  const names: string[] = [];
  let searchedTo = 0; // where the pattern's next match may start (the end of the last one)
  for (let p = text.indexOf('+='); p >= 0; p = text.indexOf('+=', p + 1)) {
    let end = p;
    while (end > searchedTo && SPACE.test(text[end - 1])) end--;
    let run = end;
    while (run > searchedTo && WORD_OR_DOT.test(text[run - 1])) run--;
    while (run < end && !NAME_START.test(text[run])) run++;
    if (run < end) { names.push(text.slice(run, end)); searchedTo = p + 2; }
  }
  return names;
}
