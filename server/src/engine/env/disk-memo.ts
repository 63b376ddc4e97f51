/**
 * The directory listings, existence checks and small files environment discovery reads, each read once
 * per memo. A folder of scripts shares its parents, its virtual environment and their site-packages with
 * its sibling folders: the CLI over a repository used to list `/tmp` or a 3,000-entry site-packages once
 * per folder. `ProjectContexts` keeps one memo and drops it when project files change.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { PinSet } from './requirements';
import type { Launches } from './setup-launches';
import type { LaunchedRuns } from './launch-flags';

export class DiskMemo {
  /**
   * What the project files of a folder and its parents pin, by folder (`discover.ts` `projectPins`): sibling
   * folders share their parents' files, which are read and parsed once.
   */
  readonly folderPins = new Map<string, PinSet>();
  /** Per folder, its setup files (`setup-locations.ts`) and what its shell scripts launch (`setup-launches.ts`): every script below reads them. */
  readonly setupFiles = new Map<string, ReadonlyArray<{ path: string; kind: 'dockerfile' | 'shell' }>>();
  readonly launches = new Map<string, Launches>();
  /** Per folder, the runs of scripts its shell scripts make, with their command lines (`launch-flags.ts`). */
  readonly launchedRuns = new Map<string, LaunchedRuns>();
  private readonly listings = new Map<string, string[] | undefined>();
  private readonly exist = new Map<string, boolean>();
  private readonly texts = new Map<string, string | undefined>();

  /** The names in `dir`, or undefined when it cannot be listed. */
  list(dir: string): string[] | undefined {
    if (!this.listings.has(dir)) {
      let names: string[] | undefined;
      try { names = readdirSync(dir); } catch { names = undefined; }
      this.listings.set(dir, names);
    }
    return this.listings.get(dir);
  }

  exists(path: string): boolean {
    let e = this.exist.get(path);
    if (e === undefined) this.exist.set(path, (e = existsSync(path)));
    return e;
  }

  /** The file's text when it is at most `max` bytes. */
  text(path: string, max: number): string | undefined {
    const key = `${max}\0${path}`;
    if (!this.texts.has(key)) {
      let t: string | undefined;
      try { t = statSync(path).size > max ? undefined : readFileSync(path, 'utf8'); } catch { t = undefined; }
      this.texts.set(key, t);
    }
    return this.texts.get(key);
  }
}
