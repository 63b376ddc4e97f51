/**
 * Worker-thread entry for `isolatedDecode.ts`: decodes one file per message with the in-process
 * reader and posts the `DataResult` back. Killing this thread is how a stuck decode is stopped.
 */
import { parentPort } from 'node:worker_threads';
import { readDataFileInProcess } from './readDataFile';
import type { DataFormat, ReadOptions } from './types';

interface Request {
  id: number;
  path: string;
  format: DataFormat;
  opts: ReadOptions;
}

parentPort?.on('message', (req: Request) => {
  void readDataFileInProcess(req.path, req.format, req.opts).then((result) => {
    parentPort?.postMessage({ id: req.id, result });
  });
});
