/**
 * Ids of top-level statements' texts (with column and kind), so a split script's pipeline keys (`lint/pipelines.ts`)
 * are short numbers instead of copies of the script's text. Shared by every script: a statement re-parsed with the
 * same text gets the same id. The table is emptied past a size (a long session of typing makes a new text per
 * keystroke); `statementIdGeneration()` then changes, and ids made before must not be compared with later ones.
 */
const statementIds = new Map<string, number>();
let statementChars = 0;
let idGeneration = 0;
const MAX_STATEMENT_CHARS = 2 * 1024 * 1024;

export function internStatement(what: string): number {
  let id = statementIds.get(what);
  if (id === undefined) {
    if (statementChars > MAX_STATEMENT_CHARS) { statementIds.clear(); statementChars = 0; idGeneration++; }
    statementIds.set(what, (id = statementIds.size));
    statementChars += what.length;
  }
  return id;
}

/** Changes when statement ids are given out afresh (see `SectionFacts.statementId`). */
export function statementIdGeneration(): number { return idGeneration; }
