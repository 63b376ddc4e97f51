/**
 * Where rows are measured: in this thread (small datasets, tests), or in worker threads, one per
 * core, each with its own parse of the script and its own tokenizer (built from the folder the
 * coordinator located). Batches go to whichever worker is free; results come back per batch.
 */
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TextTokenizer } from '../masking/types';
import { buildProcessor, type BuiltProcessor, type ProcessorSetup, type RunInfo } from './processor-setup';
import type { SourceRow } from './source-rows';
import type { RowStats } from './types';

export interface RowMeasurer {
  /** How many batches it can work on at once. */
  readonly slots: number;
  /** The run as the (first) measuring thread set it up; rejects with why the set-up failed. */
  ready(): Promise<RunInfo>;
  measure(batch: SourceRow[]): Promise<RowStats[]>;
  dispose(): void;
}

export class InProcessMeasurer implements RowMeasurer {
  readonly slots = 1;
  private built?: Promise<BuiltProcessor>;
  constructor(private readonly setup: ProcessorSetup, private readonly tokenizer?: TextTokenizer) {}

  async ready(): Promise<RunInfo> {
    this.built ??= buildProcessor(this.setup, this.tokenizer);
    return (await this.built).info;
  }

  async measure(batch: SourceRow[]): Promise<RowStats[]> {
    await this.ready();
    const { processor } = await this.built!;
    return batch.map((r) => processor.process(r));
  }

  dispose(): void {
    void this.built?.then((b) => b.dispose(), () => undefined);
  }
}

export interface WorkerRequest { kind: 'setup'; setup: ProcessorSetup }
export interface WorkerBatch { kind: 'batch'; id: number; rows: SourceRow[] }
export type WorkerReply = { id: number; stats: RowStats[] } | { id: number; error: string } | { id: 0; ready: RunInfo } | { id: 0; setupError: string };

const script = join(__dirname, `report-worker${extname(__filename) || '.js'}`);

function startWorker(): Worker {
  // From sources (tests, `tsx` runs) the entry is TypeScript: let tsx's require hook load it.
  return script.endsWith('.ts') ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { eval: true }) : new Worker(script);
}

interface Slot { worker: Worker; busy: boolean }

export class WorkerPoolMeasurer implements RowMeasurer {
  readonly slots: number;
  private readonly workers: Slot[] = [];
  private readonly waiting: Array<(s: Slot) => void> = [];
  private readonly pending = new Map<number, { resolve: (r: RowStats[]) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private failure?: Error;
  private readonly readyInfo: Promise<RunInfo>;

  constructor(setup: ProcessorSetup, threads = Math.max(1, Math.min(availableParallelism(), 4))) {
    this.slots = threads;
    let onReady!: (i: RunInfo) => void;
    let onFail!: (e: Error) => void;
    this.readyInfo = new Promise<RunInfo>((resolve, reject) => { onReady = resolve; onFail = reject; });
    this.readyInfo.catch(() => undefined);
    for (let i = 0; i < threads; i++) {
      const worker = startWorker();
      const slot: Slot = { worker, busy: false };
      worker.on('message', (m: WorkerReply) => {
        if ('ready' in m) { onReady(m.ready); return; }
        if ('setupError' in m) { this.failure ??= new Error(m.setupError); onFail(this.failure); return; }
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if ('error' in m) p?.reject(new Error(m.error)); else p?.resolve(m.stats);
        this.release(slot);
      });
      const die = (e: Error) => {
        this.failure ??= e;
        onFail(e);
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      };
      worker.on('error', die);
      worker.on('exit', (code) => { if (code) die(new Error(`a measuring thread exited (${code})`)); });
      worker.postMessage({ kind: 'setup', setup } satisfies WorkerRequest);
      this.workers.push(slot);
    }
  }

  ready(): Promise<RunInfo> {
    return this.readyInfo;
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot); else slot.busy = false;
  }

  private acquire(): Promise<Slot> {
    const free = this.workers.find((w) => !w.busy);
    if (free) { free.busy = true; return Promise.resolve(free); }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async measure(batch: SourceRow[]): Promise<RowStats[]> {
    if (this.failure) throw this.failure;
    const slot = await this.acquire();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ kind: 'batch', id, rows: batch } satisfies WorkerBatch);
    });
  }

  dispose(): void {
    for (const w of this.workers) { w.worker.removeAllListeners(); w.worker.on('error', () => undefined); void w.worker.terminate(); }
    this.workers.length = 0;
  }
}
