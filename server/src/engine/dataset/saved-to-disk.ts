/**
 * `load_from_disk(path)` answered by the script's own `X.save_to_disk(path)`: datasets' `load_from_disk` returns a
 * `Dataset` when the folder holds `state.json` and a `DatasetDict` when it holds `dataset_dict.json`
 * (huggingface/datasets `src/datasets/load.py` at 5.0.1), and those are what `Dataset.save_to_disk(dataset_path)` and
 * `DatasetDict.save_to_disk(dataset_dict_path)` write (`arrow_dataset.py`, `dataset_dict.py` at 5.0.1). So a save of
 * the same literal path earlier in the script proves the kind, and the columns, of what the load returns. Without one
 * (or when the saves disagree, or what they save is not known) the folder decides, if it can be read.
 */
import { callsWhere } from '../facts/selections';
import type { CallFact, FileFacts } from '../facts/types';
import { evaluateString } from '../facts/values';
import type { Node } from 'web-tree-sitter';
import type { DatasetState } from './state';

/** Selection test (`callsWhere`): `X.save_to_disk(…)`. */
const savesToDisk = (c: CallFact): boolean => c.method === 'save_to_disk' && c.receiver !== undefined;

function normalized(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}

function pathOf(facts: FileFacts, call: CallFact, keywords: readonly string[]): string | undefined {
  const node = call.positional[0]?.value ?? keywords.map((k) => call.keywords.get(k)?.value).find((v) => v !== undefined);
  const path = node && evaluateString(facts, node);
  return path === undefined || path === '' ? undefined : normalized(path);
}

/**
 * The `save_to_disk` calls of the script that write the folder a `load_from_disk` call reads, before it (source order,
 * which is also cell order in a notebook); undefined when the load's path is not a known string or nothing saves there.
 */
function savesBefore(facts: FileFacts, load: CallFact): CallFact[] | undefined {
  const path = pathOf(facts, load, ['dataset_path']);
  if (path === undefined) return undefined;
  const saves = callsWhere(facts, savesToDisk).filter((c) => c.node.endIndex <= load.node.startIndex
    && pathOf(facts, c, ['dataset_path', 'dataset_dict_path']) === path);
  return saves.length > 0 ? saves : undefined;
}

/**
 * What a `load_from_disk` call returns when the script saved that folder itself: the saved value's kind, columns,
 * types and (for a DatasetDict) splits. Undefined when nothing saves there, a saved value is not known, or two saves
 * disagree: the folder, when it can be read, decides, else the kind stays unknown.
 */
export function savedByScript(facts: FileFacts, load: CallFact, base: DatasetState, at: (n: Node) => DatasetState | undefined): DatasetState | undefined {
  const saves = savesBefore(facts, load);
  if (!saves) return undefined;
  const states: DatasetState[] = [];
  for (const s of saves) {
    const st = at(s.receiver!);
    if (!st || st.missingSplit) return undefined;
    states.push(st);
  }
  const [first] = states;
  if (!states.every((s) => s.isDict === first.isDict && s.columns?.join('\0') === first.columns?.join('\0'))) return undefined;
  const one = states.length === 1;
  return Object.assign({}, base, {
    isDict: first.isDict, columns: first.columns, types: first.types, splits: first.isDict ? first.splits : undefined,
    splitsSource: undefined, rows: one ? first.rows : undefined, rowCount: one ? first.rowCount : undefined,
    sourceNote: `as saved by \`${saves[saves.length - 1].receiver!.text}.save_to_disk(…)\` earlier in the script`,
    known: first.columns ? undefined : first.known, savedFrom: one ? first : undefined,
  });
}
