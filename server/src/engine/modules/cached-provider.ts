/**
 * The ModuleProvider the front ends use: answers from `ProjectModules` without I/O and remembers what it was
 * asked, so an editor computes the missing answers after the lint (`fetch`) and lints again when one of them
 * says something. The CLI's provider is `eager`: it computes a missing answer on the spot (it reads from disk
 * anyway, and one pass is cheaper than two).
 */
import type { ConfigAnswer, ModuleProvider, ModuleRead, ImportedName, ImportOrder } from './types';
import type { ConfigFormat } from './config-file';
import { configKey, nameKey, orderKey, type ModuleAnswer, type ProjectModules } from './project-modules';

/** Who imports a file (TL601) is pending until answered: the rule stays quiet meanwhile, so "not yet" and "nobody" differ. */
const isOrderKey = (key: string) => key.startsWith('o\0');

/** A name not answered yet and one answered "nothing" give the rules the same: no value. */
const same = (key: string, a: unknown, b: unknown) =>
  a === b || (!isOrderKey(key) && (a === undefined || a === null) && (b === undefined || b === null));

export class CachedModuleProvider implements ModuleProvider {
  /** Keys looked up during the lint. */
  readonly wanted = new Set<string>();
  /** Some lookup had no answer yet. */
  missed = false;
  private reads: ModuleRead[] | undefined;

  constructor(private readonly modules: ProjectModules, private readonly eager = false) {}

  lookup(fromPath: string, module: string, name: string): ImportedName | undefined {
    return (this.answer(nameKey(fromPath, module, name)) as ImportedName | null | undefined) ?? undefined;
  }

  configFile(fromPath: string, path: string, base: 'script' | 'cwd', format: ConfigFormat): ConfigAnswer | undefined {
    return (this.answer(configKey(fromPath, path, base, format)) as ConfigAnswer | null | undefined) ?? undefined;
  }

  importOrder(path: string): ImportOrder | 'pending' | undefined {
    const a = this.answer(orderKey(path)) as ImportOrder | null | undefined;
    return a === undefined ? 'pending' : a ?? undefined;
  }

  private answer(key: string): ModuleAnswer | undefined {
    this.wanted.add(key);
    let a = this.modules.peek(key);
    if (a === undefined && this.eager) a = this.modules.get(key);
    this.reads?.push({ key, answer: a });
    if (a === undefined) this.missed = true;
    return a;
  }

  record(reads: ModuleRead[] | undefined): void { this.reads = reads; }

  reuse(reads: readonly ModuleRead[]): boolean {
    const now = reads.map((r) => this.modules.peek(r.key));
    if (!reads.every((r, i) => same(r.key, now[i], r.answer))) return false;
    reads.forEach((r, i) => {
      this.wanted.add(r.key);
      if (now[i] === undefined) this.missed = true;
    });
    return true;
  }

  /** Computes every answer the lint missed (off the diagnostics path). True when one of them changes what a rule says. */
  fetch(): boolean {
    let news = false;
    for (const key of this.wanted) {
      if (this.modules.peek(key) !== undefined) continue;
      // A pending importer scan that finds nobody still changes what TL601 says.
      if (this.modules.get(key) !== null || isOrderKey(key)) news = true;
    }
    return news;
  }
}
