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

parentPort?.on('message', (req: Request | { warm: true }) => {
  if ('warm' in req) {
    // Load the decoders ahead of the first request (see warmUpDecoder).
    try {
      require('./arrowReader');
      const parquet = require('./parquetReader') as typeof import('./parquetReader');
      void parquet.loadParquetLibraries().catch(() => undefined);
    } catch {
      // the first request will report it
    }
    return;
  }
  void readDataFileInProcess(req.path, req.format, req.opts).then((result) => {
    parentPort?.postMessage({ id: req.id, result });
  });
});
