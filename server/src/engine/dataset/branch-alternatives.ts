/**
 * A dataset name assigned in two branches of one `if` and read after it (`if args.mode == "orpo": ds = ds.map(to_pairs,
 * …)` / `else: ds = ds.map(to_messages, …)`, then `split = ds.train_test_split(…)`): which rows reach the reader
 * depends on the run. The nearest assignment in the text is only one of them, so when the branches give different
 * columns the columns at the reader are not known (lamm-mit/graph-preflexor-grpo `src/run_orpo_graph.py`, whose
 * ORPOTrainer sits under the same test as the "chosen"/"rejected" mapping). An `if` whose test evaluates to a constant
 * is left to the rest of the model: one branch is dead.
 */
import type { Node } from 'web-tree-sitter';
import { conditionalAlternatives } from '../facts/reaching';
import type { AssignmentFact, FileFacts } from '../facts/types';
import { evaluate } from '../facts/values';
import type { DatasetState } from './state';

/** The assignments that may give `name` its value at `at` when two of them sit in different branches of one `if`. */
export function branchAlternatives(facts: FileFacts, at: Node): AssignmentFact[] | undefined {
  if (at.type !== 'identifier') return undefined;
  const alts = conditionalAlternatives(facts, at);
  if (!alts) return undefined;
  const [nearest, ...earlier] = alts;
  let child: Node = nearest!.node;
  for (let p = nearest!.node.parent; p; child = p, p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'module') return undefined;
    if (p.type !== 'if_statement') continue;
    if (at.startIndex >= p.startIndex && at.endIndex <= p.endIndex) return undefined;
    const clause = child;
    const elsewhere = earlier.some((a) => a.node.startIndex >= p.startIndex && a.node.endIndex <= p.endIndex
      && !(a.node.startIndex >= clause.startIndex && a.node.endIndex <= clause.endIndex));
    if (!elsewhere) continue;
    const cond = p.childForFieldName('condition');
    const v = cond ? evaluate(facts, cond) : undefined;
    if (v && (v.kind === 'bool' || v.kind === 'none' || v.kind === 'num')) return undefined;
    return alts;
  }
  return undefined;
}

/**
 * The states agree on their columns (in any order), or none has known columns (then no rule reads columns from any of
 * them, and the rest of the model goes on as before).
 */
export function sameColumns(states: readonly (DatasetState | undefined)[]): boolean {
  const key = (s: DatasetState | undefined) => (s?.columns ? [...s.columns].sort().join('\u0000') : undefined);
  if (states.every((s) => key(s) === undefined)) return true;
  const first = key(states[0]);
  return first !== undefined && states.every((s) => key(s) === first && !!s?.isDict === !!states[0]?.isDict);
}
