/**
 * Data files are read after a lint, off the diagnostics path; what arrives changes what the next lint
 * sees (columns, rows, notes in hints). A user who keeps typing gets it with their next keystroke's lint;
 * only a document left alone is linted again for it, once it has been idle a moment. So the first
 * keystrokes after opening a script never queue behind a lint that only repeats the last one with data
 * (on a 40-pipeline script whose data files are absent that was ~60 ms before the first edit's lint).
 */
export class DataArrivals {
  /** Documents whose data arrived since their last lint: the timer of their idle re-lint (null once fired). */
  private readonly arrived = new Map<string, NodeJS.Timeout | null>();

  constructor(private readonly relint: (uri: string) => void, private readonly idleMs = 50) {}

  /** New data for `uri` arrived: lint it again unless a lint reads it first. */
  note(uri: string): void {
    if (this.arrived.has(uri)) return;
    const timer = setTimeout(() => { this.arrived.set(uri, null); this.relint(uri); }, this.idleMs);
    timer.unref();
    this.arrived.set(uri, timer);
  }

  /** A lint of `uri` starts (it reads everything that arrived). True when data arrived since the last one. */
  take(uri: string): boolean {
    if (!this.arrived.has(uri)) return false;
    const timer = this.arrived.get(uri);
    if (timer) clearTimeout(timer);
    this.arrived.delete(uri);
    return true;
  }

  dispose(): void {
    for (const t of this.arrived.values()) if (t) clearTimeout(t);
    this.arrived.clear();
  }
}
