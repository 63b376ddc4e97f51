/**
 * Last line of defence for "the server never hangs": the main thread marks in shared memory when a
 * lint starts and ends, and which document it is; a watchdog thread that sees one run longer than
 * `limitMs` logs the document and ends the process, so the editor restarts the server (and, after
 * repeated failures, tells the user) instead of waiting forever on a frozen server. Bugs found by the
 * fuzz tests are fixed at their root; this only bounds the damage of ones not found yet.
 */
import { Worker } from 'node:worker_threads';

const LABEL_BYTES = 2048;

const WATCHER = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const started = new Float64Array(workerData.started);
const label = new Uint8Array(workerData.label);
const length = new Int32Array(workerData.length);
setInterval(() => {
  const t = started[0];
  if (t > 0 && Date.now() - t > workerData.limitMs) {
    const name = Buffer.from(label.slice(0, length[0])).toString('utf8');
    // fd 2 directly: a worker's process.stderr goes through the (stuck) main thread.
    writeSync(2, 'trainlint: analysing ' + name + ' took more than ' + workerData.limitMs / 1000 + ' s; restarting the language server\\n');
    process.kill(process.pid, 'SIGKILL');
  }
}, 1000);
`;

export class Watchdog {
  private readonly started = new Float64Array(new SharedArrayBuffer(8));
  private readonly label = new Uint8Array(new SharedArrayBuffer(LABEL_BYTES));
  private readonly length = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;

  constructor(limitMs = 30_000) {
    this.worker = new Worker(WATCHER, {
      eval: true,
      workerData: { started: this.started.buffer, label: this.label.buffer, length: this.length.buffer, limitMs },
    });
    this.worker.unref(); // never keeps the process alive
  }

  /** Runs synchronous engine work for `label` (a document URI) under watch. */
  run<T>(label: string, fn: () => T): T {
    const bytes = Buffer.from(label, 'utf8').subarray(0, LABEL_BYTES);
    this.label.set(bytes);
    this.length[0] = bytes.length;
    this.started[0] = Date.now();
    try {
      return fn();
    } finally {
      this.started[0] = 0;
    }
  }

  dispose(): void {
    void this.worker.terminate();
  }
}
