/**
 * Runs file tasks on every core: this thread lints files itself, and for larger batches worker threads
 * (one per other core, each parsing its files once) take files from the same queue once they are ready.
 * A batch that this thread finishes before a worker is ready never waits for that worker.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker as WorkerThread } from 'node:worker_threads';
import { initParser } from '../engine/index';
import { runFileTask, type FileResult, type FileTask } from './lint-file';

/** Files per extra thread below which its start-up (~0.25 s of CPU) would cost more than it saves. */
const FILES_PER_WORKER = 8;
/** Files sent to a worker ahead of its answers: it keeps working while this thread is busy with a file. */
const IN_FLIGHT = 2;

/** `jobs`: threads that lint, this one included. */
export async function runTasks(tasks: FileTask[], jobs = availableParallelism()): Promise<FileResult[]> {
  const results: FileResult[] = new Array(tasks.length);
  let next = 0;
  const workers = Math.max(0, Math.min(jobs - 1, Math.floor(tasks.length / FILES_PER_WORKER)));
  /** Per worker: end it now if it has nothing in flight (this thread took the last file). */
  const idleEnders: Array<() => void> = [];
  const done = Array.from({ length: workers }, () => new Promise<void>((resolve, reject) => {
    // node:worker_threads on first use: loading it costs a one-file run ~2–8 ms, and small batches start no thread.
    const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
    const w: WorkerThread = new Worker(join(__dirname, 'cli-worker.js'));
    const sent = new Set<number>();
    let ended = false;
    const end = () => { if (!ended) { ended = true; void w.terminate(); resolve(); } };
    const feed = () => {
      while (!ended && sent.size < IN_FLIGHT && next < tasks.length) {
        const id = next++;
        sent.add(id);
        w.postMessage({ id, task: tasks[id] });
      }
      if (!sent.size) end();
    };
    idleEnders.push(() => { if (!sent.size) end(); });
    // The worker says `ready` once its parser is loaded, then answers each file with its id.
    w.on('message', (m: { ready: true } | { id: number; result: FileResult }) => {
      if ('id' in m) { sent.delete(m.id); results[m.id] = m.result; }
      feed();
    });
    w.on('error', (e) => {
      for (const i of sent) results[i] = { path: tasks[i].path, diagnostics: [], errors: [`${tasks[i].path}: ${e.message}`], lines: 0 };
      if (!ended) reject(e);
    });
  }));
  // This thread takes files from the same queue; between files it lets the workers' messages in.
  await initParser();
  while (next < tasks.length) {
    const i = next++;
    results[i] = await runFileTask(tasks[i]);
    if (workers) await new Promise<void>((r) => setImmediate(r));
  }
  for (const endIfIdle of idleEnders) endIfIdle();
  await Promise.all(done);
  return results;
}
