/** The language server's side of the report host thread: started on the first report, runs by id, cancellable. */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportResult } from '../engine/report/report-runner';
import type { DatasetReport } from '../engine/report/types';
import type { ReportHostReply, ReportHostRequest, ReportJob } from './report-host';

interface Pending { resolve: (r: ReportResult) => void; progress: (r: DatasetReport) => void }

export class ReportHost {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly log: (msg: string) => void) {}

  private start(): Worker {
    const w = new Worker(join(__dirname, 'report-host.js'));
    w.on('message', (m: ReportHostReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      if ('progress' in m) p.progress(m.progress);
      else { this.pending.delete(m.id); p.resolve(m.result); }
    });
    w.on('error', (e) => this.fail(`the dataset report thread failed: ${e.message}`));
    w.on('exit', (code) => { if (this.worker === w) this.worker = undefined; if (code) this.fail(`the dataset report thread exited (${code})`); });
    return w;
  }

  private fail(message: string): void {
    this.log(message);
    for (const p of this.pending.values()) p.resolve({ error: message });
    this.pending.clear();
    this.worker = undefined;
  }

  /** Runs a report; `onProgress` gets partial reports; `cancelled` (when it fires) stops it. */
  run(job: ReportJob, onProgress: (r: DatasetReport) => void, onCancel: (cancel: () => void) => void): Promise<ReportResult> {
    this.worker ??= this.start();
    const id = this.nextId++;
    const worker = this.worker;
    onCancel(() => worker.postMessage({ kind: 'cancel', id } satisfies ReportHostRequest));
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, progress: onProgress });
      worker.postMessage({ kind: 'run', id, job } satisfies ReportHostRequest);
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
