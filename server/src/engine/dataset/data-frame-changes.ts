/**
 * Whether a script changes a pandas DataFrame before `Dataset.from_pandas(df)` reads it. The dataset model reads the
 * frame's columns from the file its `pd.read_*` call names; a frame changed on the way (`df["text"] = …`,
 * `df.drop(columns=…, inplace=True)`, `df.columns = […]`, `df.dropna(inplace=True)`, whose index then is no RangeIndex
 * and becomes a `__index_level_0__` column in from_pandas, or a helper the frame is passed to) has other columns:
 * they are unknown, not the file's.
 */
import type { CallFact, FileFacts } from '../facts/types';
import { inPlaceChanges } from './in-place-changes';

/** Calls that only read what they are given. */
const READS_ONLY = new Set(['print', 'len', 'display', 'str', 'repr', 'type', 'isinstance', 'id', 'bool']);

/** `fromPandas` is the `Dataset.from_pandas(…)` call; a change after it does not matter. */
export function dataFrameChanged(facts: FileFacts, text: string, fromPandas: CallFact): boolean {
  const arg = fromPandas.positional[0]?.value ?? fromPandas.keywords.get('df')?.value;
  if (arg?.type !== 'identifier') return false;
  const name = arg.text;
  const before = fromPandas.node.startIndex;
  // A frame a function reads itself: only that function's statements before the call (another function's `df` is another frame).
  let scope = fromPandas.node.parent;
  while (scope && scope.type !== 'function_definition') scope = scope.parent;
  const ownFrame = scope && facts.assignments.some((a) => a.target === name && a.subscriptKey === undefined
    && a.node.startIndex >= scope!.startIndex && a.node.startIndex < before);
  const after = ownFrame ? scope!.startIndex : 0;
  const inRange = (at: number) => at >= after && at < before;
  // `df["c"] = …`, `del df["c"]`, `df.pop("c")`, `df.insert(…)`, `df.update(…)`
  if (inPlaceChanges(facts, text).some((c) => c.name === name && inRange(c.start))) return true;
  if (facts.assignments.some((a) => a.target === name && a.subscriptKey !== undefined && inRange(a.node.startIndex))) return true;
  // `df.columns = […]`, `df.loc[i, "c"] = …`, `df.index = …`
  if (facts.assignments.some((a) => a.target.startsWith(`${name}.`) && inRange(a.node.startIndex))) return true;
  const attributeWrite = new RegExp(`(^|[^\\w.])${name}[ \\t]*\\.[ \\t]*\\w+[ \\t]*(\\[[^\\]\\n]*\\])?[ \\t]*(?:[-+*/%&|^@]|\\*\\*|//)?=(?!=)`, 'm');
  const augmented = new RegExp(`(^|[^\\w.])${name}[ \\t]*(?:[-+*/%&|^@]|\\*\\*|//)=`, 'm');
  for (const re of [attributeWrite, augmented]) {
    const region = text.slice(after, before);
    if (re.test(region)) return true;
  }
  for (const c of facts.calls) {
    if (c.method === 'from_pandas' || !inRange(c.node.startIndex)) continue;
    // `df.dropna(inplace=True)`, `df.rename(columns=…, inplace=True)`
    if (c.receiver?.type === 'identifier' && c.receiver.text === name && c.keywords.has('inplace')) return true;
    if (READS_ONLY.has(c.calleeText)) continue;
    // The frame handed to a function, which may change it.
    if (c.positional.some((p) => p.value.type === 'identifier' && p.value.text === name)) return true;
    for (const k of c.keywords.values()) if (k.value.type === 'identifier' && k.value.text === name) return true;
  }
  return false;
}
