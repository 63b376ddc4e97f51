/**
 * What rules select from a script's facts, worked out once: calls by node id, and the calls or assignments a test
 * accepts. A selection is kept with the facts it was made from, and per section while the section's facts live, so an
 * edit selects again only in the section it re-parsed.
 */
import type { LazyCall } from './anchored';
import { importKeyOf, sectionFactsOf, type SectionFacts } from './build';
import type { AssignmentFact, CallFact, FileFacts } from './types';
import { KeptKey } from '../syntax/kept-with';

const callIndexes = new KeptKey<Map<number, CallFact>>();

/** Calls by their node id, built once per facts (the analysis, the dataset model and data lookups share it). */
export function callIndex(facts: FileFacts): Map<number, CallFact> {
  let index = callIndexes.get(facts);
  if (!index) {
    index = new Map();
    for (const c of facts.calls) index.set((c as LazyCall).id, c);
    callIndexes.set(facts, index);
  }
  return index;
}

/** Per facts: what each selection test accepted (tests are module-level functions, so they key the cache). */
const selections = new KeptKey<Map<unknown, unknown[]>>();

/**
 * Per section, kept with its facts between edits: what each test accepted of the section's calls or assignments,
 * while the script's imports stay the same (a test may read `qualified`, which the imports decide).
 */
interface SectionSelections { importKey: string; byTest: Map<unknown, unknown[]> }
const sectionSelections = new KeptKey<SectionSelections>();

function selectOnce<T>(facts: FileFacts, items: T[], test: (item: T) => boolean, ofSection: (part: SectionFacts) => T[]): T[] {
  let byTest = selections.get(facts);
  if (!byTest) selections.set(facts, (byTest = new Map()));
  let selected = byTest.get(test) as T[] | undefined;
  if (selected) return selected;
  const parts = sectionFactsOf(facts);
  const importKey = importKeyOf(facts);
  if (!parts || importKey === undefined) {
    selected = items.filter(test);
  } else {
    // A keystroke re-parses one section: the others answer from what they kept, so the scan is of that section only.
    selected = [];
    for (let p = 0; p < parts.length; p++) {
      let kept = sectionSelections.get(parts[p]);
      if (!kept || kept.importKey !== importKey) sectionSelections.set(parts[p], (kept = { importKey, byTest: new Map() }));
      let mine = kept.byTest.get(test) as T[] | undefined;
      if (!mine) kept.byTest.set(test, (mine = ofSection(parts[p]).filter(test)));
      for (let i = 0; i < mine.length; i++) selected.push(mine[i]);
    }
  }
  byTest.set(test, selected);
  return selected;
}

const sectionCalls = (part: SectionFacts) => part.calls as CallFact[];
const sectionAssignments = (part: SectionFacts) => part.assignments as AssignmentFact[];

/**
 * The calls `test` accepts, in document order, selected once per facts: rules that look for the same
 * kind of call once per trainer scan the script's calls once, and an edit scans only the section it
 * re-parsed (each section keeps what it selected). `test` must be a module-level function of the call
 * alone (it is the cache key, kept with each section while the section lives) and may read its
 * qualified name.
 */
export function callsWhere(facts: FileFacts, test: (c: CallFact) => boolean): CallFact[] {
  return selectOnce(facts, facts.calls, test, sectionCalls);
}

/** The assignments `test` accepts, in document order, selected once per facts (as `callsWhere`). */
export function assignmentsWhere(facts: FileFacts, test: (a: AssignmentFact) => boolean): AssignmentFact[] {
  return selectOnce(facts, facts.assignments, test, sectionAssignments);
}
