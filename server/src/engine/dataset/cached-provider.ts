/**
 * The DataSourceProvider the front ends use: answers from the DataSourceCache without I/O
 * (`peek`) and remembers which sources it was asked about, so the caller can read them off the
 * diagnostics path (`get`) and lint again when something new arrived.
 */
import { dirname } from 'node:path';
import type { DataSourceCache } from '../data/cache';
import type { DataResult, DataSourceSpec } from '../data/types';
import type { CallFact, FileFacts } from '../facts/types';
import { loadSpecFor } from './load-spec';
import { callIndex } from '../facts/selections';
import type { ColumnsProvenance, DataRead, DataSourceProvider, ExternalColumns } from './state';
import { KNOWN_HUB_DATASETS_CHECKED, KNOWN_TABLE_LABEL, knownHubDataset, lookupKnownHubDataset, type KnownHubDataset } from './known-hub-lookup';

/**
 * A Hub dataset that is neither local nor cached, from trainlint's table of known datasets: only for
 * `load_dataset(id[, name][, split=])` as the table describes it (no data_files/data_dir/config keywords, no revision but "main").
 */
export function fromKnownTable(spec: DataSourceSpec): ExternalColumns | undefined {
  if (!tableAnswers(spec)) return undefined;
  const r = lookupKnownHubDataset(spec.builder!, spec.name ?? configFromKeywords(spec), spec.split);
  if (!r) return undefined;
  if ('why' in r) {
    const note = `not in the local Hugging Face cache; ${r.why}`;
    if (!r.missingSplit || !r.entry) return { note };
    return { note, missingSplit: r.missingSplit, provenance: provenanceOf(r.entry, r.config!) };
  }
  return {
    columns: r.columns.map((c) => c.name),
    types: Object.fromEntries(r.columns.filter((c) => c.type !== 'unknown').map((c) => [c.name, c.type])),
    rowCount: r.rowCount,
    isDict: r.isDict,
    ...(r.splits ? { splits: r.splits, splitsSource: r.splitsSource } : {}),
    note: `not in the local Hugging Face cache: columns from ${KNOWN_TABLE_LABEL} (checked ${r.entry.checked ?? KNOWN_HUB_DATASETS_CHECKED})`,
    provenance: provenanceOf(r.entry, r.config),
  };
}

function provenanceOf(entry: KnownHubDataset, config: string): ColumnsProvenance {
  const checked = entry.checked ?? KNOWN_HUB_DATASETS_CHECKED;
  return { kind: 'known-hub-table', dataset: entry.id, config, label: KNOWN_TABLE_LABEL, evidence: entry.evidence, checked };
}

/**
 * Does the table of known datasets answer for `spec` (with columns, or with why it cannot)? What `fromKnownTable` answers,
 * without building it. `revision="main"` is the default revision (what `datasets` loads without one, and what the table's
 * cards were read at); any other revision, `data_files=`, `data_dir=` or a keyword passed to the builder's config
 * (`lang1=`, `features=`: `configKwargs`) may be other data.
 */
function tableAnswers(spec: DataSourceSpec): boolean {
  if (spec.kind !== 'load_dataset' || !spec.builder || spec.dataFiles !== undefined || spec.dataDir !== undefined) return false;
  if (spec.configKwargs && configFromKeywords(spec) === undefined) return false;
  if (spec.revision !== undefined && spec.revision !== 'main') return false;
  return knownHubDataset(spec.builder) !== undefined;
}

/**
 * The config that builder keywords name, for a table entry whose loading script builds its config from them
 * (`load_dataset("kde4", lang1="en", lang2="fr")` is "en-fr"): only exactly those keywords, each a string literal,
 * and no config name besides.
 */
function configFromKeywords(spec: DataSourceSpec): string | undefined {
  const rule = spec.builder ? knownHubDataset(spec.builder)?.configFromKeywords : undefined;
  const given = spec.configKwargs ?? [];
  if (!rule || spec.name !== undefined || given.length !== rule.keywords.length || !given.every((k) => rule.keywords.includes(k))) return undefined;
  const values = rule.keywords.map((k) => spec.configKwargValues?.[k]);
  return values.every((v) => v !== undefined) ? values.join(rule.join) : undefined;
}

/** What a source not read yet and a failed read both give the rules: no columns, rows or provenance. */
const NO_DATA = Symbol('no data');

/**
 * The part of a lookup's answer that a pipeline's findings rest on. A source not read yet, a data file that
 * is not there and a Hub dataset neither cached nor in the table all give a dataset of unknown columns;
 * they differ only in the wording of `sourceNote`, which hovers and previews show from each lint's own
 * analysis and no rule reads. So the findings kept for a pipeline whose files turned out to be absent
 * stay valid (the first edit after opening a script of many such pipelines re-lints only what it touched).
 */
function findingsAnswer(spec: DataSourceSpec, result: DataResult | undefined): unknown {
  if (!result) return NO_DATA;
  if (!result.ok && !(result.code === 'not-cached' && tableAnswers(spec))) return NO_DATA;
  return result;
}

export class CachedDataProvider implements DataSourceProvider {
  /** Sources looked up during the last lint (read them with `cache.get`). */
  readonly wanted: DataSourceSpec[] = [];
  /** Some looked-up source had no completed read yet. */
  missed = false;

  constructor(
    private readonly cache: DataSourceCache,
    private readonly scriptPath: string,
    /** Working directory relative paths resolve against (the workspace folder, else the script's). */
    private readonly cwd: string = dirname(scriptPath),
  ) {}

  private reads: DataRead[] | undefined;

  get generation(): number { return this.cache.generation; }

  get scope(): string { return `${this.scriptPath}\0${this.cwd}`; }

  record(reads: DataRead[] | undefined): void { this.reads = reads; }

  reuse(reads: readonly DataRead[]): boolean {
    const now = reads.map((r) => this.cache.peek(r.source as DataSourceSpec));
    if (!reads.every((r, i) => findingsAnswer(r.source as DataSourceSpec, now[i]) === findingsAnswer(r.source as DataSourceSpec, r.answer as DataResult | undefined))) return false;
    reads.forEach((r, i) => {
      this.wanted.push(r.source as DataSourceSpec);
      if (!now[i]) this.missed = true;
    });
    return true;
  }

  lookup(call: CallFact, facts: FileFacts): ExternalColumns | undefined {
    const spec = loadSpecFor({ scriptPath: this.scriptPath, facts, callsByNode: callIndex(facts) }, call, this.cwd);
    if (!spec) return { note: 'the data source is computed at run time' };
    this.wanted.push(spec);
    const result = this.cache.peek(spec);
    this.reads?.push({ source: spec, answer: result });
    if (!result) { this.missed = true; return { note: 'data not read yet' }; }
    if (!result.ok) {
      // A Hub dataset neither local nor cached: the notebook's saved outputs, then the table, may answer (the model asks the first).
      if (result.code === 'not-cached') return { ...(fromKnownTable(spec) ?? { note: result.error, missingSplit: result.missingSplit }), hubNotCached: true };
      return { note: result.error, missingSplit: result.missingSplit };
    }
    const p = result.preview;
    const isDict = spec.kind === 'load_dataset' ? spec.split === undefined : spec.kind === 'load_from_disk' ? (p.savedKind ? p.savedKind === 'dict' : (p.splits?.length ?? 0) > 1) : false;
    return {
      columns: p.columns.map((c) => c.name),
      types: Object.fromEntries(p.columns.map((c) => [c.name, c.type])),
      rowCount: p.rowCount,
      rows: p.rows,
      isDict,
      splits: isDict && spec.kind === 'load_dataset' ? p.splits : undefined,
      note: p.warnings.join('; ') || undefined,
    };
  }

  /** Read every wanted source (off the diagnostics path). Resolves true when any result is new. */
  async fetch(): Promise<boolean> {
    const before = this.wanted.map((s) => this.cache.peek(s));
    const after = await Promise.all(this.wanted.map((s) => this.cache.get(s)));
    return after.some((r, i) => JSON.stringify(r) !== JSON.stringify(before[i]));
  }
}
