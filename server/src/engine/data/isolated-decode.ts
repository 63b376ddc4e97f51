/**
 * Runs Parquet/Arrow decoding in a worker thread that can be killed.
 *
 * Fuzzing showed that a few flipped bytes in a Parquet page make hyparquet's RLE decoder loop
 * forever, synchronously: nothing in the same thread can stop that. A worker can be terminated,
 * so binary files are decoded there, one at a time, each with a deadline (`timeoutMs`, default
 * 20 s). The worker's heap is capped too, so a decoder that runs away with memory kills only it.
 *
 * Deployment: the worker entry is `decode-worker.ts`; a bundle must ship it as `decode-worker.js`
 * next to the bundle that contains this module (or call `configureIsolation({script})`). When the
 * script is missing, decoding falls back to the calling thread (no hang protection).
 */
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { formatBytes } from './failure';
import type { ReaderOptions } from './reader-options';
import type { DataFormat, DataResult } from './types';

export const DEFAULT_TIMEOUT_MS = 20_000;
const WORKER_HEAP_MB = 1024;

interface Job {
  id: number;
  path: string;
  format: DataFormat;
  opts: Omit<ReaderOptions, 'signal'>;
  signal?: AbortSignal;
  timeoutMs: number;
  settle: (r: DataResult) => void;
}

let script: string | null = join(__dirname, `decode-worker${extname(__filename) || '.js'}`);
let scriptExists: boolean | undefined;
let worker: Worker | undefined;
let current: Job | undefined;
let timer: NodeJS.Timeout | undefined;
const queue: Job[] = [];
let nextId = 1;

/** Points at the worker script (`null` disables isolation: decoding then runs in the caller's thread). */
export function configureIsolation(options: { script: string | null }): void {
  script = options.script;
  scriptExists = undefined;
}

/** Whether decoding can be isolated (the worker script exists). */
export function isolationAvailable(): boolean {
  if (script === null) return false;
  scriptExists ??= existsSync(script);
  return scriptExists;
}

/** Decodes `path` in the worker; resolves with a failure on timeout, crash or cancellation. */
export function decodeIsolated(path: string, format: DataFormat, opts: ReaderOptions & { timeoutMs?: number }): Promise<DataResult> {
  const { signal, timeoutMs, ...plain } = opts;
  return new Promise<DataResult>((resolve) => {
    const job: Job = { id: nextId++, path, format, opts: plain, signal, timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS, settle: resolve };
    const onAbort = () => {
      const i = queue.indexOf(job);
      if (i >= 0) queue.splice(i, 1);
      if (current === job) stopWorker(); // the decode may be stuck; start afresh for the next job
      finish(job, { ok: false, code: 'cancelled', error: `Reading ${path} was cancelled.` });
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    job.settle = (r) => {
      signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    queue.push(job);
    pump();
  });
}

/**
 * Starts the worker and has it load its libraries now (~100–300 ms, off the caller's thread),
 * so that the first Parquet/Arrow preview does not pay for it. Does nothing without isolation.
 */
export function warmUpDecoder(): void {
  if (!isolationAvailable()) return;
  try {
    const w = ensureWorker();
    w.postMessage({ warm: true });
    if (!current) w.unref();
  } catch {
    // the first real job will report the problem
  }
}

/** Stops the worker (server shutdown, tests). Queued jobs still run later on a new worker. */
export async function shutdownIsolation(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}

const settled = new WeakSet<Job>();

function finish(job: Job, result: DataResult): void {
  if (settled.has(job)) return;
  settled.add(job);
  if (current === job) {
    current = undefined;
    if (timer) clearTimeout(timer);
    timer = undefined;
  }
  job.settle(result);
  setImmediate(pump);
}

function pump(): void {
  if (current || queue.length === 0) {
    if (!current) worker?.unref(); // idle: do not keep the process alive
    return;
  }
  const job = queue.shift()!;
  current = job;
  let w: Worker;
  try {
    w = ensureWorker();
  } catch (err) {
    finish(job, { ok: false, code: 'io', error: `${job.path} could not be decoded: the decoder could not start (${(err as Error).message}).` });
    return;
  }
  w.ref(); // a job is running: keep the process alive until it answers
  timer = setTimeout(() => {
    stopWorker();
    finish(job, {
      ok: false,
      code: 'invalid',
      error: `${job.path} could not be decoded within ${formatDuration(job.timeoutMs)}; it may be corrupt.`,
    });
  }, job.timeoutMs);
  w.postMessage({ id: job.id, path: job.path, format: job.format, opts: job.opts });
}

/** node:worker_threads on first use: most runs decode no Parquet or Arrow file, and loading it costs ~2–8 ms. */
const threads = () => require('node:worker_threads') as typeof import('node:worker_threads');

function ensureWorker(): Worker {
  if (worker) return worker;
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB };
  // From sources (tests, `tsx` runs) the entry is TypeScript: let tsx's require hook load it.
  const w = script!.endsWith('.ts')
    ? new (threads().Worker)(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { eval: true, resourceLimits })
    : new (threads().Worker)(script!, { resourceLimits });
  w.on('message', (msg: { id: number; result: DataResult }) => {
    if (current && msg.id === current.id) finish(current, msg.result);
  });
  const onDeath = (err?: Error) => {
    if (worker === w) worker = undefined;
    if (current) {
      const why = err?.message ?? 'the decoder stopped';
      const oom = /memory/i.test(why);
      finish(current, {
        ok: false,
        code: oom ? 'too-large' : 'invalid',
        error: oom
          ? `${current.path} could not be decoded: it needs more than ${formatBytes(WORKER_HEAP_MB * 1024 * 1024)} of memory.`
          : `${current.path} could not be decoded (${why}).`,
      });
    }
  };
  w.on('error', onDeath);
  w.on('exit', () => onDeath());
  worker = w;
  return w;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

function stopWorker(): void {
  const w = worker;
  worker = undefined;
  if (w) {
    w.removeAllListeners();
    w.on('error', () => undefined);
    void w.terminate();
  }
}
