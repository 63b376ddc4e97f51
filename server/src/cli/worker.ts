/** CLI worker thread: initialises the parser once, then checks/fixes the files it is sent, in order. */
import { parentPort } from 'node:worker_threads';
import { initParser } from '../engine/index';
import { WARM_EVENT } from '../launch/cached-load';
import { runFileTask, type FileTask } from './lint-file';

let done = 0;
/** Files arrive ahead of their turn (the pool keeps a worker busy): they are checked one after another. */
let queue: Promise<unknown> = initParser().then(() => parentPort!.postMessage({ ready: true }));
parentPort!.on('message', ({ id, task }: { id: number; task: FileTask }) => {
  queue = queue.then(async () => {
    parentPort!.postMessage({ id, result: await runFileTask(task) });
    // A few files in, the code that checks a file is compiled: worth keeping for the next run.
    if (++done === 4) (process as NodeJS.EventEmitter).emit(WARM_EVENT);
  });
});
