/**
 * The project modules the open scripts import (constants, trainer subclasses, TL601's importers), as the
 * language server keeps them: read off the diagnostics path inside the workspace folders, an open document's
 * unsaved text winning over the disk. Each lint's lookups are kept per document, so a change to a module (an
 * edit, a save, a file event) re-lints only the documents whose answers it changed, a moment after the last
 * change (typing in a module does not recompute per keystroke).
 */
import { CachedModuleProvider } from '../engine/modules/cached-provider';
import { ProjectModules, type ProjectModulesOptions } from '../engine/modules/project-modules';

/** How long after the last change to a project module the documents importing it are looked at again. */
const SETTLE_MS = 150;

export class ModuleChanges {
  private cache: ProjectModules | undefined;
  /** The module answers each document's last lint looked up. */
  private readonly users = new Map<string, ReadonlySet<string>>();
  /** Module files changed and not yet looked at again. */
  private readonly changed = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  /**
   * `relint` lints a document again at once (its answers changed); `arrived` lets the next lint see new answers
   * (data-arrivals.ts); `log` reports a failure, which never stops the server.
   */
  constructor(
    private readonly options: ProjectModulesOptions,
    private readonly relint: (uri: string) => void,
    private readonly arrived: (uri: string) => void,
    private readonly log: (msg: string) => void,
  ) {}

  /** The provider a lint of `uri` reads modules through (none for a document that is not a file). */
  provider(uri: string): CachedModuleProvider | undefined {
    return uri.startsWith('file:') ? new CachedModuleProvider((this.cache ??= new ProjectModules(this.options))) : undefined;
  }

  /** After a lint: the module answers it missed are computed (off the diagnostics path), and one that says something lints again. */
  afterLint(provider: CachedModuleProvider | undefined, uri: string): void {
    if (!provider) return;
    this.users.set(uri, provider.wanted);
    if (!provider.missed) return;
    setImmediate(() => {
      try { if (provider.fetch()) this.arrived(uri); } catch (e) { this.log(`[modules] ${(e as Error)?.stack ?? e}`); }
    });
  }

  /** These files changed (edited, saved, opened or closed in the editor, created or deleted on disk). */
  filesChanged(paths: readonly string[]): void {
    const cache = this.cache;
    if (!cache) return;
    for (const p of paths) if (cache.dependsOn(p)) this.changed.add(p);
    if (!this.changed.size || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const changed = new Set(this.cache?.refresh([...this.changed]) ?? []);
      this.changed.clear();
      if (!changed.size) return;
      for (const [uri, keys] of this.users) if ([...keys].some((k) => changed.has(k))) this.relint(uri);
    }, SETTLE_MS);
    this.timer.unref();
  }

  /** `uri` is no longer open: its lookups no longer decide anything. */
  forget(uri: string): void {
    this.users.delete(uri);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.cache?.clear();
  }
}
