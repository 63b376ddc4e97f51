/**
 * The language server's background start-up work, run once the first diagnostics are out (never before: on two cores
 * a thread starting beside the first lint slows it down) and the user has stopped typing for a moment (a thread
 * starting beside the first keystrokes' lints slows them down the same way): the Parquet/Arrow decoder thread, so the
 * first data read is fast, a few built-in edits (`warmUpEditing`), and the launcher's keeping of the compiled code for
 * the next start (launch/cached-load.ts).
 */
import { warmUpDecoder } from '../engine/data/index';
import { warmUpEditing } from '../engine/index';
import { WARM_EVENT } from '../launch/cached-load';
import { lowerHelperThreads } from '../launch/thread-priority';

/** How long after the first diagnostics the background threads start and the compiled code is kept. */
const WARM_UP_DELAY_MS = 1500;
/** …and only once no lint has run for this long (the user paused typing). */
const WARM_UP_IDLE_MS = 1000;

export class IdleWarmUp {
  private started = false;
  /** When the last lint finished: background work waits for a pause in typing. */
  private lastLintAt = 0;

  /** A lint has finished (its diagnostics are out). */
  linted(): void {
    this.lastLintAt = performance.now();
    if (this.started) return;
    this.started = true;
    // The file system pool's threads, made since start-up, run below the editor's thread too.
    lowerHelperThreads();
    const whenIdle = (delay: number) => setTimeout(() => {
      const busy = WARM_UP_IDLE_MS - (performance.now() - this.lastLintAt);
      if (busy > 0) { whenIdle(busy); return; }
      // The edit path and the per-pipeline lint, run once before the compiled code is kept: the next start's first
      // edits and first multi-trainer open find them compiled (~10 ms of CPU once, while the user is idle).
      warmUpEditing();
      warmUpDecoder();
      lowerHelperThreads(); // the decoder's thread
      (process as NodeJS.EventEmitter).emit(WARM_EVENT);
    }, delay).unref();
    whenIdle(WARM_UP_DELAY_MS);
  }
}
