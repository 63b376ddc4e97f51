/** The language server's side of the preview worker: one lazily started thread, requests by id. */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ScriptPreview } from '../engine/masking/script-preview';
import type { PreviewJob, PreviewReply } from './preview-worker';

export class PreviewWorker {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (r: ScriptPreview) => void>();

  constructor(private readonly log: (msg: string) => void) {}

  private start(): Worker {
    const w = new Worker(join(__dirname, 'preview-worker.js'));
    w.on('message', (m: PreviewReply) => { this.pending.get(m.id)?.(m.result); this.pending.delete(m.id); });
    w.on('error', (e) => this.fail(`the preview worker failed: ${e.message}`));
    w.on('exit', (code) => { if (this.worker === w) this.worker = undefined; if (code) this.fail(`the preview worker exited (${code})`); });
    return w;
  }

  private fail(message: string): void {
    this.log(message);
    for (const resolve of this.pending.values()) resolve({ error: message });
    this.pending.clear();
    this.worker = undefined;
  }

  preview(job: Omit<PreviewJob, 'id'>): Promise<ScriptPreview> {
    this.worker ??= this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker!.postMessage({ ...job, id });
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
