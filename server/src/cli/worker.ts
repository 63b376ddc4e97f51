/** CLI worker thread: initialises the parser once, then checks/fixes the files it is sent. */
import { parentPort } from 'node:worker_threads';
import { initParser } from '../engine/index';
import { runFileTask, type FileTask } from './lint-file';

const ready = initParser();
parentPort!.on('message', async (task: FileTask) => {
  await ready;
  parentPort!.postMessage(await runFileTask(task));
});
