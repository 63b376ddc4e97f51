/**
 * Library versions of the analysed environment and the version-gate policy of RULES.md:
 * known affected → the rule's severity; unknown → at most `warning`, naming the range;
 * known unaffected → silent.
 */
export interface PackageVersion { version: string; source: string }

export type GateResult = 'affected' | 'unaffected' | 'unknown';

/** A half-open range: `from` inclusive, `before` exclusive. */
export interface VersionRange { from?: string; before?: string }

export function normalizePackageName(name: string): string {
  return name.trim().toLowerCase().replace(/[_.]+/g, '-');
}

function parts(v: string): { nums: number[]; pre: number } {
  const m = /^v?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|rc|alpha|beta|dev|pre)\.?(\d*))?/i.exec(v.trim());
  if (!m) return { nums: [], pre: 0 };
  const nums = m[1].split('.').map(Number);
  // dev < a < b < rc < final
  const tag = (m[2] ?? '').toLowerCase();
  const pre = tag === '' ? 0 : tag === 'dev' ? -4 : tag.startsWith('a') ? -3 : tag.startsWith('b') ? -2 : -1;
  return { nums, pre };
}

export function compareVersions(a: string, b: string): number {
  const x = parts(a), y = parts(b);
  const n = Math.max(x.nums.length, y.nums.length);
  for (let i = 0; i < n; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d) return d;
  }
  return x.pre - y.pre;
}

export function isValidVersion(v: string): boolean {
  return /^v?\d+(\.\d+)*/.test(v.trim());
}

export function inRange(version: string, range: VersionRange): boolean {
  if (range.from && compareVersions(version, range.from) < 0) return false;
  if (range.before && compareVersions(version, range.before) >= 0) return false;
  return true;
}

/** Human text of a range for messages: "TRL ≥ 0.20", "TRL < 0.17", "TRL 0.12–0.15". */
export function describeRange(display: string, range: VersionRange): string {
  if (range.from && range.before) return `${display} ≥ ${range.from} and < ${range.before}`;
  if (range.from) return `${display} ≥ ${range.from}`;
  if (range.before) return `${display} < ${range.before}`;
  return display;
}

export class Environment {
  constructor(private readonly versions: ReadonlyMap<string, PackageVersion> = new Map()) {}

  get(pkg: string): PackageVersion | undefined {
    return this.versions.get(normalizePackageName(pkg));
  }

  /** Is the installed/pinned version of `pkg` inside `range`? */
  gate(pkg: string, range: VersionRange): GateResult {
    const v = this.get(pkg);
    if (!v || !isValidVersion(v.version)) return 'unknown';
    return inRange(v.version, range) ? 'affected' : 'unaffected';
  }

  /** This environment with `other`'s versions filling the gaps (this one wins). */
  withFallback(other: Environment): Environment {
    const merged = new Map(other.versions);
    for (const [k, v] of this.versions) merged.set(k, v);
    return new Environment(merged);
  }

  entries(): Array<[string, PackageVersion]> { return [...this.versions]; }
}
