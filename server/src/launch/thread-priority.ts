/**
 * The threads V8 and libuv run beside JavaScript (TurboFan's background compiles, concurrent GC marking, the file
 * system pool) at a lower priority than the thread that answers the editor. On two cores the language server's
 * first edits ran beside half a second of TurboFan compiling, and the scheduler shared the cores fairly: the thread
 * computing the diagnostics the user waits for lost a third of its time to work that could wait (docs/benchmarks.md,
 * session 23). Linux only (a thread's nice value is its own there; `/proc/self/task` lists them); elsewhere, and on
 * any error, nothing changes.
 */
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** How much lower (nice) the helper threads run than the main thread (nice values stop at 19). */
const HELPER_NICE_ABOVE_MAIN = 10;

/**
 * Lowers every thread of this process but the main one, to 10 below it (a server started under `nice` keeps the gap);
 * threads made later by the main thread start at its priority, so the caller runs this again once they are there.
 */
export function lowerHelperThreads(): void {
  if (process.platform !== 'linux' || process.env.TRAINLINT_KEEP_THREAD_PRIORITY) return;
  try {
    const nice = Math.min(19, getPriority(process.pid) + HELPER_NICE_ABOVE_MAIN);
    for (const t of readdirSync('/proc/self/task')) {
      const tid = Number(t);
      if (tid !== process.pid && Number.isInteger(tid)) {
        try { setPriority(tid, nice); } catch { /* that thread ended, or may not be changed */ }
      }
    }
  } catch { /* no /proc */ }
}
