/** CLI worker thread: initialises the parser once, then checks/fixes the files it is sent. */
import { parentPort } from 'node:worker_threads';
import { initParser } from '../engine/index';
import { WARM_EVENT } from '../launch/cached-load';
import { runFileTask, type FileTask } from './lint-file';

const ready = initParser();
let done = 0;
parentPort!.on('message', async (task: FileTask) => {
  await ready;
  parentPort!.postMessage(await runFileTask(task));
  // A few files in, the code that checks a file is compiled: worth keeping for the next run.
  if (++done === 4) (process as NodeJS.EventEmitter).emit(WARM_EVENT);
});
