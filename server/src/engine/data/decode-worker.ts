/**
 * Worker-thread entry for `isolated-decode.ts`: decodes one file per message with the in-process
 * reader and posts the `DataResult` back. Killing this thread is how a stuck decode is stopped.
 */
import { parentPort } from 'node:worker_threads';
import { WARM_EVENT } from '../../launch/cached-load';
import { readDataFileInProcess } from './read-data-file';
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
      require('apache-arrow'); // arrow-reader loads it on first use
      require('apache-arrow/ipc/metadata/file');
      const parquet = require('./parquet-reader') as typeof import('./parquet-reader');
      void parquet.loadParquetLibraries().catch(() => undefined)
        .finally(() => (process as NodeJS.EventEmitter).emit(WARM_EVENT)); // keep the compiled decoders (launch/)
    } catch {
      // the first request will report it
    }
    return;
  }
  void readDataFileInProcess(req.path, req.format, req.opts).then((result) => {
    parentPort?.postMessage({ id: req.id, result });
  });
});
