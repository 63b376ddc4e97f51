/** The splits `load_dataset` makes from its `data_files=` alone (the dataset model's loaders, `model.ts`). */
import type { CallFact, FileFacts } from '../facts/types';
import { evaluate, evaluateString } from '../facts/values';

/** A Hub dataset repository id as written (`allenai/super`): one slash, no path prefix, no file extension. */
const HUB_REPO_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]*[A-Za-z0-9]$/;
const DATA_FILE_EXTENSION = /\.(py|jsonl?|csv|tsv|parquet|arrow|txt|zip|gz)$/i;
/** `datasets`' packaged builders: `load_dataset("json", …)` names a format, not a dataset. */
export const BUILDERS = new Set(['json', 'csv', 'parquet', 'text', 'arrow', 'pandas', 'imagefolder', 'audiofolder', 'webdataset', 'sql', 'generator']);

/**
 * The splits `load_dataset(<builder>, data_files=…)` makes whatever the files hold: one path or a list of paths is
 * the "train" split, a dict names its splits (huggingface/datasets `data_files.py`, `sanitize_patterns`).
 * Undefined when the builder is a Hub id (unless `hub`: then an `owner/name` id or a path computed at run time, no
 * config or revision named), `data_dir` is given, or `data_files` is not literal.
 */
export function dataFileSplits(facts: FileFacts, call: CallFact, isMutated: (name: string) => boolean, hub = false): string[] | undefined {
  if (call.hasSplat || call.keywords.has('data_dir') || call.positional.length > 3) return undefined;
  const pathArg = (call.positional[0] ?? call.keywords.get('path'))?.value;
  const builder = evaluateString(facts, pathArg);
  if (!hub) {
    if (!builder || !BUILDERS.has(builder)) return undefined;
  } else {
    // A repository id, or a path computed at run time: whatever it names, data_files= makes the splits when no loading
    // script runs. A literal must look like `owner/name`; a config or revision named may bring the repository's own.
    if (!pathArg || (builder !== undefined && (!HUB_REPO_ID.test(builder) || DATA_FILE_EXTENSION.test(builder)))) return undefined;
    if (call.positional[1] || call.keywords.has('name') || call.keywords.has('revision')) return undefined;
  }
  if (call.positional[2]) return undefined;
  const files = call.keywords.get('data_files') ?? call.positional[3];
  // A dict the script fills (`data_files["test"] = args.test_file`) has more keys than its literal.
  if (!files || (files.value.type === 'identifier' && isMutated(files.value.text))) return undefined;
  const v = evaluate(facts, files.value);
  if (v.kind === 'str') return ['train'];
  if (v.kind === 'list' && v.items.length > 0 && v.items.every((i) => i.kind === 'str')) return ['train'];
  if (v.kind === 'dict' && v.entries.length > 0) return v.entries.map(([k]) => k);
  return undefined;
}
