/**
 * When the language server renews its parser (engine/syntax/parser.ts): a wasm memory only grows,
 * so after a large document is closed the parser keeps what it grew to, and after an abort (out of
 * memory) it cannot be used at all. A renewal loads a fresh generation; `onSwap` re-parses every
 * open document with it, synchronously, before any other message is handled.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parserMemory, renewParser } from '../engine/index';

/**
 * A full garbage collection, so the old generation's memory (hundreds of MB, held outside the
 * JavaScript heap) is returned now rather than whenever V8 next feels pressure. Node exposes `gc`
 * only behind a flag, which can be set at run time; undefined when that fails.
 */
function fullGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

/** Below this much parser memory (it starts at 32 MB) a renewal is not worth its ~0.2 s. */
const WORTH_RENEWING_BYTES = 96 * 1024 * 1024;
/** When the later full collections after a renewal run, in ms (see `renew`). */
const LATE_GC_MS = [500, 3000];
/** A renewal after a close waits for this much quiet (no other close, no abort) first. */
const IDLE_MS = 1500;

export class ParserRenewal {
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  private gc: (() => void) | undefined;

  constructor(
    private readonly onSwap: (reason: string) => void,
    private readonly log: (msg: string) => void,
    private readonly idleMs = IDLE_MS,
  ) {}

  /**
   * After a document closed: renews, once the server is idle, when the parser's memory grew for at
   * least four times the text the documents still open hold.
   */
  afterClose(heldChars: number): void {
    const { bytes, peakChars } = parserMemory();
    if (bytes < WORTH_RENEWING_BYTES || peakChars < 4 * Math.max(heldChars, 1)) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.renew(`its memory (${Math.round(bytes / 1048576)} MB) grew for a document that is closed`);
    }, this.idleMs);
    this.timer.unref?.();
  }

  /** After the parser aborted: renews now (concurrent aborts share one renewal). */
  afterAbort(): Promise<void> {
    clearTimeout(this.timer);
    return this.renew('it ran out of memory');
  }

  private async renew(why: string): Promise<void> {
    if (this.disposed) return;
    const t0 = Date.now();
    try {
      await renewParser(() => { if (!this.disposed) this.onSwap(why); });
      (this.gc ??= fullGc())?.();
      // Again once the open documents were linted afresh: until then the old generation can still be reachable
      // (their last analyses, the lint's optimised code). After much typing the first collection alone left
      // ~300 MB; a heap snapshot then showed nothing holding it, and a later collection returned it (tested).
      for (const ms of LATE_GC_MS) setTimeout(() => { if (!this.disposed) this.gc?.(); }, ms).unref?.();
      this.log(`trainlint: the parser was renewed because ${why} (${Date.now() - t0} ms); memory now ${Math.round(parserMemory().bytes / 1048576)} MB`);
    } catch (err) {
      // A parser that cannot be created again leaves nothing to analyse with: exit, the client restarts us.
      this.log(`trainlint: the parser could not be renewed (${(err as Error)?.message ?? err}); the server exits to be restarted`);
      process.exit(1);
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }
}
