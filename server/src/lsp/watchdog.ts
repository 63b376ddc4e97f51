/**
 * Last line of defence for "the server never hangs": the main thread says when a lint starts and ends,
 * and for which document; a watcher that sees one run longer than `limitMs` logs the document and ends
 * the process, so the editor restarts the server (and, after repeated failures, tells the user) instead
 * of waiting forever on a frozen server. Bugs found by the fuzz tests are fixed at their root; this only
 * bounds the damage of ones not found yet.
 *
 * The watcher is a small bash process where there is one (Linux, macOS): a line on its stdin per lint
 * start and end, read once a second (WATCHER_SH). Anywhere else it is a worker thread reading shared memory.
 * A thread costs ~150 ms of CPU to start (Node's internals compiled again for it) and ~10 MB, beside the
 * server's start and first lint on the other core; the process costs a few milliseconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const LABEL_BYTES = 2048;

/**
 * bash: `start LABEL` then `end`, one line each; a `start` with no line after it for `limit` seconds ends the
 * server. It polls once a second and otherwise sleeps on fd 3, a pipe nobody writes to: a line written while
 * nobody waits on stdin wakes nobody, so a lint pays for two small writes and no context switch (a reader
 * blocked on stdin was woken twice per lint, ~0.1–0.5 ms each). EOF on either fd: the server is gone.
 * bash 3 (macOS's /bin/bash) has no `read -t 0`: there it waits on stdin, as every bash did before.
 */
const WATCHER_SH = `
pid=$1; limit=$2
stuck() {
  printf 'trainlint: analysing %s took more than %s s; restarting the language server\\n' "$1" "$limit" >&2
  kill -9 "$pid"
  exit 0
}
if [ "\${BASH_VERSINFO[0]}" -ge 4 ]; then
  busy=; ticks=0
  while :; do
    fresh=
    while read -t 0; do
      IFS= read -r line || exit 0
      fresh=1
      case "$line" in start\\ *) busy=\${line#start } ;; *) busy= ;; esac
    done
    if [ -n "$fresh" ] || [ -z "$busy" ]; then ticks=0; else ticks=$((ticks + 1)); fi
    [ -n "$busy" ] && [ "$ticks" -ge "$limit" ] && stuck "$busy"
    read -r -t 1 -u 3 _; [ $? -gt 128 ] || exit 0
  done
fi
while IFS= read -r line; do
  case "$line" in
    start\\ *)
      IFS= read -r -t "$limit" next; status=$?
      [ "$status" -gt 128 ] && stuck "\${line#start }"
      [ "$status" -ne 0 ] && exit 0 ;;
  esac
done
`;

const WATCHER_JS = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const started = new Float64Array(workerData.started);
const label = new Uint8Array(workerData.label);
const length = new Int32Array(workerData.length);
setInterval(() => {
  const t = started[0];
  if (t > 0 && Date.now() - t > workerData.limitMs) {
    const name = Buffer.from(label.slice(0, length[0])).toString('utf8');
    // fd 2 directly: a worker's process.stderr goes through the (stuck) main thread.
    writeSync(2, 'trainlint: analysing ' + name + ' took more than ' + workerData.limitMs / 1000 + ' s; restarting the language server\\n');
    process.kill(process.pid, 'SIGKILL');
  }
}, 1000);
`;

const BASH = ['/bin/bash', '/usr/bin/bash'].find((p) => process.platform !== 'win32' && existsSync(p));

export class Watchdog {
  private readonly watcher: ProcessWatcher | ThreadWatcher;

  /** `thread`: use the worker thread even where bash exists (tests). */
  constructor(limitMs = 30_000, opts: { thread?: boolean } = {}) {
    this.watcher = BASH && !opts.thread ? new ProcessWatcher(BASH, limitMs) : new ThreadWatcher(limitMs);
  }

  /** Runs synchronous engine work for `label` (a document URI) under watch. */
  run<T>(label: string, fn: () => T): T {
    this.watcher.start(label);
    try {
      return fn();
    } finally {
      this.watcher.end();
    }
  }

  dispose(): void {
    this.watcher.dispose();
  }
}

class ProcessWatcher {
  private readonly child: ChildProcess;
  private alive = true;

  constructor(bash: string, limitMs: number) {
    const seconds = String(Math.max(1, Math.round(limitMs / 1000)));
    this.child = spawn(bash, ['-c', WATCHER_SH, 'trainlint-watchdog', String(process.pid), seconds], { stdio: ['pipe', 'ignore', 'inherit', 'pipe'] });
    this.child.on('error', () => { this.alive = false; });
    this.child.on('exit', () => { this.alive = false; });
    this.child.stdin!.on('error', () => { this.alive = false; });
    this.child.unref(); // never keeps the server alive; it sees EOF and exits when the server is gone
    for (const end of [this.child.stdin, this.child.stdio[3]]) (end as unknown as { unref?: () => void } | null)?.unref?.();
  }

  // A pipe write with nothing queued goes out at once (libuv writes before returning), so the line is in the
  // pipe before the lint that may never return starts.
  start(label: string): void {
    if (this.alive) this.child.stdin!.write(`start ${label.replace(/[\r\n]/g, ' ').slice(0, LABEL_BYTES)}\n`);
  }

  end(): void {
    if (this.alive) this.child.stdin!.write('end\n');
  }

  dispose(): void {
    this.alive = false;
    this.child.stdin!.destroy();
    (this.child.stdio[3] as { destroy?: () => void } | null)?.destroy?.();
  }
}

class ThreadWatcher {
  private readonly started = new Float64Array(new SharedArrayBuffer(8));
  private readonly label = new Uint8Array(new SharedArrayBuffer(LABEL_BYTES));
  private readonly length = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;

  constructor(limitMs: number) {
    this.worker = new Worker(WATCHER_JS, {
      eval: true,
      workerData: { started: this.started.buffer, label: this.label.buffer, length: this.length.buffer, limitMs },
    });
    this.worker.unref(); // never keeps the process alive
  }

  start(label: string): void {
    const bytes = Buffer.from(label, 'utf8').subarray(0, LABEL_BYTES);
    this.label.set(bytes);
    this.length[0] = bytes.length;
    this.started[0] = Date.now();
  }

  end(): void {
    this.started[0] = 0;
  }

  dispose(): void {
    void this.worker.terminate();
  }
}
