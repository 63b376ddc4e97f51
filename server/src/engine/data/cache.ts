/**
 * `DataSourceCache`: the one object the language server and the CLI keep for data sources.
 *
 * Contract (why diagnostics never wait on disk):
 * - The diagnostics path only ever calls `peek(spec)`: synchronous, no I/O, returns the last
 *   completed result for that spec, or undefined when none has completed yet.
 * - Reading happens off that path: the caller starts `get(spec)` (after a lint whose `peek` came
 *   back empty, on open, on save, on a file-watcher event) and re-lints when it settles. The
 *   `onDidChange` option is called when a completed result differs from the previous one for that
 *   spec, which is exactly when a re-lint is worth it.
 * - Re-reads are free: each file result is keyed by path + size + mtimeMs (one `stat`), so a
 *   `get` on an unchanged source only re-lists folders and re-stats files.
 * - Concurrent `get`s of the same spec share one read; both maps are LRU-bounded.
 */
import { stat } from 'node:fs/promises';
import { loadDataSource, type LoadOptions, type ReadFileFn } from './data-source';
import { readDataFile } from './read-data-file';
import type { DataFormat, DataResult, DataSourceSpec, ReadOptions } from './types';

export interface DataSourceCacheOptions extends Omit<LoadOptions, 'readFile' | 'signal'> {
  /** Spec results kept (default 64). */
  maxEntries?: number;
  /** File results kept (default 256). */
  maxFileEntries?: number;
  /** Called when a `get` completes with a result that differs from the previous one for `spec`. */
  onDidChange?: (spec: DataSourceSpec, result: DataResult) => void;
}

class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  peek(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
  get size(): number {
    return this.map.size;
  }
}

/** A stable key for a spec: same fields, same key, whatever their order. */
/** Keys already made, per spec object (specs are never changed once made; a lint asks again for each kept pipeline's reads). */
const specKeys = new WeakMap<DataSourceSpec, string>();

export function specKey(spec: DataSourceSpec): string {
  let key = specKeys.get(spec);
  if (key === undefined) {
    const sorted = (v: unknown): unknown =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]))
        : v;
    specKeys.set(spec, (key = JSON.stringify(sorted(spec))));
  }
  return key;
}

export class DataSourceCache {
  private readonly results: Lru<DataResult>;
  private readonly files: Lru<DataResult>;
  private readonly inflight = new Map<string, Promise<DataResult>>();
  private readonly fileInflight = new Map<string, Promise<DataResult>>();
  private readonly abort = new AbortController();
  private fileReads = 0;
  /** Counts every change of what `peek` answers (a new result stored, everything forgotten). */
  generation = 0;

  constructor(private readonly options: DataSourceCacheOptions = {}) {
    this.results = new Lru(options.maxEntries ?? 64);
    this.files = new Lru(options.maxFileEntries ?? 256);
  }

  /** The last completed result for `spec`, or undefined. Synchronous and free: safe on the diagnostics path. */
  peek(spec: DataSourceSpec): DataResult | undefined {
    return this.results.peek(specKey(spec));
  }

  /** Resolves and reads `spec` (cheaply when nothing changed). Never rejects. */
  get(spec: DataSourceSpec): Promise<DataResult> {
    const key = specKey(spec);
    const running = this.inflight.get(key);
    if (running) return running;
    const p = loadDataSource(spec, { ...this.options, signal: this.abort.signal, readFile: this.readFile })
      .then((result) => {
        if (result.ok || result.code !== 'cancelled') {
          const previous = this.results.peek(key);
          // The same answer again keeps the stored one: `peek` answers with the same object, so what was
          // linted from it (an editor's kept pipelines) stays valid.
          if (previous && JSON.stringify(previous) === JSON.stringify(result)) {
            this.results.set(key, previous);
            return previous;
          }
          this.results.set(key, result);
          this.generation++; // (covers a result this one evicted)
          if (this.options.onDidChange) {
            try {
              this.options.onDidChange(spec, result);
            } catch {
              // a listener's failure is not ours
            }
          }
        }
        return result;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  /** Number of file reads that actually went to disk (for tests and logs). */
  get diskReads(): number {
    return this.fileReads;
  }

  /** Forgets everything (e.g. on a settings change). */
  clear(): void {
    this.results.clear();
    this.files.clear();
    this.generation++;
  }

  /** Cancels reads in flight; later `get`s resolve as cancelled. */
  dispose(): void {
    this.abort.abort();
    this.clear();
  }

  /** `read-data-file`, memoised by path + size + mtimeMs + options. */
  private readonly readFile: ReadFileFn = async (path: string, format: DataFormat, opts: ReadOptions) => {
    let key: string;
    try {
      const st = await stat(path);
      key = JSON.stringify([path, st.size, st.mtimeMs, format, opts.maxRows, opts.maxBytes, opts.maxLineBytes, opts.field, opts.delimiter, opts.access ?? null]);
    } catch {
      this.fileReads++;
      return readDataFile(path, format, opts); // it will explain what is wrong
    }
    const done = this.files.get(key);
    if (done) return done;
    const running = this.fileInflight.get(key);
    if (running) return running;
    this.fileReads++;
    const p = readDataFile(path, format, opts)
      .then((r) => {
        if (r.ok || r.code !== 'cancelled') this.files.set(key, r);
        return r;
      })
      .finally(() => this.fileInflight.delete(key));
    this.fileInflight.set(key, p);
    return p;
  };
}
