/**
 * Lazy, cached, offline loading of real tokenizers for the masking preview.
 * A tokenizer costs seconds and hundreds of MB to build: the store builds one only when a
 * preview asks for it, shares the in-flight promise between callers, keeps the last few,
 * and never runs on the diagnostics path. Failures (missing files, corrupt JSON) come back
 * as a clear message, never as a thrown error.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { cacheEntry, defaultBpeCacheDir, readBpeCache, writeBpeCacheLater, type CachedSource } from './bpe-cache';
import type { BpeJson } from './bpe-tables';
import { scanBpeJson } from './bpe-scan';
import { HfTextTokenizer, type HfTokenizerFiles, type TokenizerConfigJson } from './hf-tokenizer';
import { locateTokenizerDir, type Env } from './hub-cache';
import type { TextTokenizer } from './types';

export interface TokenizerRef {
  modelId?: string;
  dir?: string;
  revision?: string;
  /** Base for a relative `dir` or a model id that is a local path (the script's folder). */
  baseDir?: string;
}

export type TokenizerLoad =
  | { ok: true; tokenizer: TextTokenizer; dir: string; loadMs: number }
  | { ok: false; message: string; searched: string[] };

export interface TokenizerStoreOptions {
  /** Environment for the cache variables (default `process.env`). */
  env?: Env;
  /** Home directory for `~/.cache/huggingface` (default `os.homedir()`). */
  homeDir?: string;
  /** Base for relative directories (default `process.cwd()`). */
  cwd?: string;
  /** Tokenizers kept in memory (default 2). */
  maxEntries?: number;
  /** The derived BPE cache's folder (see `loadTokenizerDir`). */
  bpeCacheDir?: string | null;
}

async function readJson(dir: string, name: string, required: true): Promise<unknown>;
async function readJson(dir: string, name: string, required: false): Promise<unknown | undefined>;
async function readJson(dir: string, name: string, required: boolean): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(join(dir, name), 'utf8');
  } catch (e) {
    if (!required) return undefined;
    throw new Error(`cannot read ${name} in ${dir}: ${(e as Error).message}`);
  }
  return parseJson(text, dir, name);
}

function parseJson(text: string, dir: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${name} in ${dir} is not valid JSON (${(e as Error).message})`);
  }
}

async function readBytes(dir: string, name: string): Promise<Buffer> {
  try {
    return await readFile(join(dir, name));
  } catch (e) {
    throw new Error(`cannot read ${name} in ${dir}: ${(e as Error).message}`);
  }
}

async function readOptionalText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

export interface LoadTokenizerOptions {
  /** The folder of the derived BPE cache (bpe-cache.ts); null: none. Default: `defaultBpeCacheDir()`. */
  bpeCacheDir?: string | null;
}

/**
 * Read the tokenizer files of a directory and build the tokenizer. Throws with a clear message.
 * A BPE `tokenizer.json` is read as bytes and its vocabulary and merges kept as tables over them
 * (bpe-tables.ts: the same ids, without parsing 30 MB into objects), or read from the tables cached
 * on disk by an earlier load (bpe-cache.ts); any other, or any failure there, is parsed and built the
 * plain way.
 */
export async function loadTokenizerDir(dir: string, source = dir, opts: LoadTokenizerOptions = {}): Promise<TextTokenizer> {
  const path = join(dir, 'tokenizer.json');
  const cacheDir = opts.bpeCacheDir === undefined ? defaultBpeCacheDir() : opts.bpeCacheDir ?? undefined;
  const [entry, config, specialTokensMap, chatTemplateFile] = await Promise.all([
    cacheDir ? cacheEntry(path, cacheDir) : undefined,
    readJson(dir, 'tokenizer_config.json', false),
    readJson(dir, 'special_tokens_map.json', false),
    readOptionalText(join(dir, 'chat_template.jinja')),
  ]);
  const files: Omit<HfTokenizerFiles, 'tokenizerJson'> = {
    config: (config ?? {}) as TokenizerConfigJson,
    specialTokensMap: specialTokensMap as Record<string, unknown> | undefined,
    chatTemplateFile,
  };
  const build = (json: BpeJson, origin: HfTokenizerFiles['origin']): TextTokenizer | undefined => {
    try {
      return new HfTextTokenizer(source, { ...files, tokenizerJson: json.rest, bpeTables: json.tables, origin });
    } catch {
      return undefined; // the plain load below gives the same tokenizer, or the error to show
    }
  };
  const cached = entry && (await readBpeCache(entry));
  const fromCache = cached && build(cached, 'bpe-cache');
  if (fromCache) return fromCache;
  const bytes = await readBytes(dir, 'tokenizer.json');
  const scanned = scanBpeJson(bytes);
  const fromScan = scanned && build(scanned, 'bpe-scan');
  if (fromScan) {
    if (entry) writeBpeCacheLater(entry as CachedSource, scanned);
    return fromScan;
  }
  const tokenizerJson = parseJson(bytes.toString('utf8'), dir, 'tokenizer.json');
  try {
    return new HfTextTokenizer(source, { ...files, tokenizerJson, origin: 'json' });
  } catch (e) {
    throw new Error(`cannot build the tokenizer from ${dir}: ${(e as Error).message}`);
  }
}

/** Offline tokenizer cache keyed by model id / directory. */
export class TokenizerStore {
  private readonly env: Env;
  private readonly homeDir: string;
  private readonly cwd?: string;
  private readonly maxEntries: number;
  private readonly bpeCacheDir?: string | null;
  private readonly entries = new Map<string, Promise<TokenizerLoad>>();
  /** The loads that have finished, by key (what `settled` answers without waiting). */
  private readonly done = new WeakMap<Promise<TokenizerLoad>, TokenizerLoad>();

  constructor(opts: TokenizerStoreOptions = {}) {
    this.env = opts.env ?? process.env;
    this.homeDir = opts.homeDir ?? homedir();
    this.cwd = opts.cwd;
    this.maxEntries = Math.max(1, opts.maxEntries ?? 2);
    this.bpeCacheDir = opts.bpeCacheDir;
  }

  /** Load (or reuse) the tokenizer of a model id or directory. Never rejects. */
  load(ref: TokenizerRef): Promise<TokenizerLoad> {
    const key = keyOf(ref);
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key); // refresh LRU position
      this.entries.set(key, cached);
      return cached;
    }
    const pending: Promise<TokenizerLoad> = this.loadUncached(ref).then((result) => {
      if (!result.ok) this.entries.delete(key); // a later download should be picked up
      this.done.set(pending, result);
      return result;
    });
    this.entries.set(key, pending);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return pending;
  }

  /** The tokenizer of `ref` if its load has finished (undefined while loading or never asked). */
  settled(ref: TokenizerRef): TokenizerLoad | undefined {
    const p = this.entries.get(keyOf(ref));
    return p && this.done.get(p);
  }

  /** Where the tokenizer of a ref is on disk, without loading it (worker threads load their own). */
  locate(ref: TokenizerRef): ReturnType<typeof locateTokenizerDir> {
    return locateTokenizerDir({ ...ref, cwd: ref.baseDir ?? this.cwd }, this.env, this.homeDir);
  }

  /** Forget every cached tokenizer (e.g. when the cache directory changed). */
  clear(): void {
    this.entries.clear();
  }

  private async loadUncached(ref: TokenizerRef): Promise<TokenizerLoad> {
    const started = performance.now();
    const located = await locateTokenizerDir({ ...ref, cwd: ref.baseDir ?? this.cwd }, this.env, this.homeDir);
    if (!located.ok) return located;
    try {
      const tokenizer = await loadTokenizerDir(located.dir, ref.modelId ?? located.dir, { bpeCacheDir: this.bpeCacheDir });
      return { ok: true, tokenizer, dir: located.dir, loadMs: performance.now() - started };
    } catch (e) {
      return { ok: false, message: (e as Error).message, searched: [located.dir] };
    }
  }
}

function keyOf(ref: TokenizerRef): string {
  return `${ref.baseDir ?? ''}|${ref.dir ? `dir:${ref.dir}` : `id:${ref.modelId ?? ''}@${ref.revision ?? 'main'}`}`;
}

let shared: TokenizerStore | undefined;

/** The process-wide store used when a caller does not bring its own. */
export function defaultTokenizerStore(): TokenizerStore {
  shared ??= new TokenizerStore();
  return shared;
}
