/**
 * The shape of an entry of trainlint's table of known Hub datasets (known-hub-datasets.ts, the table and the
 * evidence for each fact) and how `load_dataset(id, name, split=…)` is answered from it.
 */
import { expandAllSplits, isAllSplits, missingSplitPart, parseSplitExpr, slicedCount } from '../data/splits';
import type { MissingSplit } from '../data/types';

/** The date of the table's evidence, for entries without their own `checked` (known-hub-datasets.ts). */
export const KNOWN_HUB_DATASETS_CHECKED = '2026-12-06';

export interface KnownColumn {
  name: string;
  /** In the data layer's spelling (`string`, `float64`, `list<struct<from: string, value: string>>`, `image`). */
  type: string;
}

export interface KnownConfig {
  columns: KnownColumn[];
  /** Split name → row count when one was read (undefined: the split exists, its size was not read). */
  splits: Record<string, number | undefined>;
  /**
   * The split list is complete (every split `load_dataset` makes for this config without `split=`) and where that
   * was read. Absent: the list holds the splits read, and others may exist, so a split not listed is not
   * known to be missing.
   */
  splitsComplete?: SplitsComplete;
}

/**
 * What showed a config's whole split list: its dataset card (`dataset_info` / `configs` YAML, or its Data Splits
 * table), the printed result of loading it whole (`DatasetDict({train: …, test: …})`, or the "Generating <split>
 * split" lines of a first download, one per split), the loading script and its `dataset_infos.json` (the datasets
 * that lived in huggingface/datasets, e.g. at 2.5.2), the repository's file list (each data file named by its split,
 * as `datasets` infers splits), or the Hub viewer's split list.
 */
export interface SplitsComplete {
  by: 'card' | 'printed' | 'script' | 'files' | 'viewer';
  /** When that was read (YYYY-MM-DD). */
  read: string;
  /** Where, when the entry's evidence does not already say. */
  where?: string;
}

const SPLITS_SOURCE: Record<SplitsComplete['by'], string> = {
  card: 'the dataset card',
  printed: 'the printed output of a whole load',
  script: "the dataset's loading script",
  files: "the dataset's file list",
  viewer: "the Hub viewer's split list",
};

/** How messages name where a complete split list was read: "the dataset card read 2026-12-07". */
export function splitsSourcePhrase(s: SplitsComplete): string {
  return `${SPLITS_SOURCE[s.by]} read ${s.read}`;
}


export interface KnownHubDataset {
  /** The Hub id as scripts write it. */
  id: string;
  /** Config name → schema. A dataset without named configs has `default`. */
  configs: Record<string, KnownConfig>;
  /**
   * Configs known to exist (a script loads them) whose columns were not read: they make a config
   * name necessary, and a call naming one is not answered from the table.
   */
  configsNotRead?: string[];
  /**
   * The dataset has named configs besides those listed, whose names were not all read (a script names one, so
   * there are several): a call must name a config, and one not listed is not answered.
   */
  otherConfigs?: boolean;
  /**
   * The config `load_dataset` picks when none is named, for a dataset of several (the loading script's
   * `DEFAULT_CONFIG_NAME`, or `default: true` in the card's `configs`).
   */
  defaultConfig?: string;
  /**
   * Builder keywords that name a config as the loading script builds it: kde4's `lang1="en", lang2="fr"` is config
   * "en-fr" (its `Kde4Config` sets `name=f"{lang1}-{lang2}"`). Only these keywords, all string literals, and no config
   * name: anything else passed to the builder is not answered.
   */
  configFromKeywords?: { keywords: string[]; join: string };
  /** Where each fact was read. */
  evidence: string[];
  /** When this entry's evidence was read, if later than the table's date (`KNOWN_HUB_DATASETS_CHECKED`). */
  checked?: string;
  /** `load_dataset` calls (and CLI `--dataset_name` values) counted in the corpora named above. */
  uses: {
    unslothNotebooks?: number;
    unslothTemplates?: number;
    trl?: number;
    /** Calls, and distinct repositories (or tutorial files), in the real-script corpora of docs/corpus.md (2026-12-06). */
    realScripts?: { calls: number; repos: number };
    /** Files holding `load_dataset("<id>"` in the code index's exact-string search, which shows at most 10: a lower bound. */
    codeIndex?: number;
  };
}

let byId: Map<string, KnownHubDataset> | undefined;

/**
 * The table, read on its first lookup: its modules are a sixth of the CLI's bundle (~330 KB), and a script that loads
 * no Hub dataset (most files a CLI run checks) never builds it, nor compiles it, nor keeps it in the code cache that
 * every later start reads (docs/benchmarks.md, session 27).
 */
function table(): Map<string, KnownHubDataset> {
  byId ??= new Map((require('./known-hub-datasets') as typeof import('./known-hub-datasets')).KNOWN_HUB_DATASETS.map((d) => [d.id, d]));
  return byId;
}

/** The table entry for a Hub id exactly as written in the script. */
export function knownHubDataset(id: string): KnownHubDataset | undefined {
  return table().get(id);
}

/** How rule messages, hints and hovers name the table. */
export const KNOWN_TABLE_LABEL = "trainlint's table of known datasets";

export interface KnownLookup {
  /** The entry and config the answer comes from. */
  entry: KnownHubDataset;
  config: string;
  columns: KnownColumn[];
  /** Rows of the split expression, when every split's size was read. */
  rowCount?: number;
  /** The whole DatasetDict (no `split=`). */
  isDict: boolean;
  /** The DatasetDict's split names, when the table's list for the config is complete (`splitsComplete`). */
  splits?: string[];
  /** Where that list was read, for messages: "per the dataset card read 2026-12-07, in trainlint's table of known datasets". */
  splitsSource?: string;
}

/** Why the table does not answer; with `missingSplit` when the split is not in a split list known to be complete. */
export interface KnownLookupFailure {
  why: string;
  missingSplit?: MissingSplit;
  entry?: KnownHubDataset;
  config?: string;
}

/**
 * What the table says about `load_dataset(id, name, split=…)`, or why it cannot say: a config or split
 * the table does not list, or a config that must be named. A split missing from a complete split list is
 * `missingSplit` (datasets raises there); from another list, only why.
 */
export function lookupKnownHubDataset(id: string, name: string | undefined, split: string | undefined): KnownLookup | KnownLookupFailure | undefined {
  const entry = knownHubDataset(id);
  if (!entry) return undefined;
  const configs = [...Object.keys(entry.configs), ...(entry.configsNotRead ?? [])];
  const config = name ?? entry.defaultConfig ?? ('default' in entry.configs ? 'default' : configs.length === 1 && !entry.otherConfigs ? configs[0] : undefined);
  if (config === undefined) return { why: `${id} has several configs (${configs.join(', ')}${entry.otherConfigs ? ', …' : ''}) and none is named` };
  if (entry.configsNotRead?.includes(config)) return { why: `the columns of ${id} config "${config}" are not in ${KNOWN_TABLE_LABEL}` };
  const c = entry.configs[config];
  if (!c) return { why: `${id} has no config "${config}" in ${KNOWN_TABLE_LABEL} (configs: ${configs.join(', ')}${entry.otherConfigs ? ', and others not read' : ''})` };
  const columns = c.columns;
  const names = Object.keys(c.splits);
  const complete = c.splitsComplete;
  const source = complete && `per ${splitsSourcePhrase(complete)}, in ${KNOWN_TABLE_LABEL}`;
  if (split === undefined) return { entry, config, columns, isDict: true, ...(source ? { splits: names, splitsSource: source } : {}) };
  const parts = parseSplitExpr(split);
  if (!parts) return { why: `split "${split}" cannot be read` };
  const missing = missingSplitPart(parts, names);
  if (missing) {
    if (!source) return { why: `${id} has no split "${missing.split}" in ${KNOWN_TABLE_LABEL} (splits read: ${names.join(', ')}; others may exist)` };
    return { why: `${id}${name ? ` config "${config}"` : ''} has no split "${missing.split}" (splits: ${names.join(', ')}, ${source})`, entry, config,
      missingSplit: { split: missing.split, splits: names, source } };
  }
  // `split="all"`: every split, so its rows only when the list is complete.
  if (isAllSplits(parts) && !complete && !('all' in c.splits)) return { entry, config, columns, isDict: false };
  let rows: number | undefined = 0;
  for (const p of expandAllSplits(parts, names)) {
    const n = c.splits[p.split];
    rows = n === undefined || rows === undefined ? undefined : rows + slicedCount(p, n);
  }
  return { entry, config, columns, rowCount: rows, isDict: false };
}
