/** A measuring thread of the dataset report: set up once (script, tokenizer), then measures the batches it is sent. */
import { parentPort } from 'node:worker_threads';
import { buildProcessor, type BuiltProcessor } from './processor-setup';
import type { WorkerBatch, WorkerReply, WorkerRequest } from './measurers';
import { WARM_EVENT } from '../../launch/cached-load';

let built: Promise<BuiltProcessor> | undefined;
let measured = 0;

parentPort!.on('message', (m: WorkerRequest | WorkerBatch) => {
  if (m.kind === 'setup') {
    built = buildProcessor(m.setup);
    built.then(
      (b) => parentPort!.postMessage({ id: 0, ready: b.info } satisfies WorkerReply),
      (e) => parentPort!.postMessage({ id: 0, setupError: (e as Error)?.message ?? String(e) } satisfies WorkerReply),
    );
    return;
  }
  void (async () => {
    let reply: WorkerReply;
    try {
      const { processor } = await built!;
      reply = { id: m.id, stats: m.rows.map((r) => processor.process(r)) };
    } catch (e) {
      reply = { id: m.id, error: (e as Error)?.message ?? String(e) };
    }
    parentPort!.postMessage(reply);
    if (++measured === 2) (process as NodeJS.EventEmitter).emit(WARM_EVENT); // keep the compiled measuring code (launch/)
  })();
});
