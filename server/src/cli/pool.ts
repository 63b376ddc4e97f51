/**
 * Runs file tasks on every core: worker threads for larger batches (each parses its files once),
 * in-process for a handful of files where thread start-up would cost more than it saves.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { initParser } from '../engine/index';
import { runFileTask, type FileResult, type FileTask } from './lint-file';

export async function runTasks(tasks: FileTask[], jobs = availableParallelism()): Promise<FileResult[]> {
  const workers = Math.max(1, Math.min(jobs, Math.floor(tasks.length / 4)));
  if (workers <= 1) {
    await initParser();
    const results: FileResult[] = [];
    for (const t of tasks) results.push(await runFileTask(t));
    return results;
  }
  const results: FileResult[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: workers }, () => new Promise<void>((resolve, reject) => {
    const w = new Worker(join(__dirname, 'cli-worker.js'));
    let current = -1;
    const feed = () => {
      if (next >= tasks.length) { void w.terminate(); resolve(); return; }
      current = next++;
      w.postMessage(tasks[current]);
    };
    w.on('message', (r: FileResult) => { results[current] = r; feed(); });
    w.on('error', (e) => {
      if (current >= 0) results[current] = { path: tasks[current].path, diagnostics: [], errors: [`${tasks[current].path}: ${e.message}`], lines: 0 };
      reject(e);
    });
    feed();
  })));
  return results;
}
