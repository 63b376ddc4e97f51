/**
 * Every version comparison and specifier of trainlint goes through here, on top of a PEP 440
 * library (@renovatebot/pep440): epochs, pre/post/dev releases, local versions (`+cu118`),
 * `==0.13.*`, `~=`, `!=`, `===`.
 */
import { compare, explain, satisfies, validRange } from '@renovatebot/pep440';
import { parse as parseSpecifier } from '@renovatebot/pep440/lib/specifier.js';

/**
 * Answers by string, kept: every folder of a corpus reads the same requirement files and pyproject pins
 * again, and the library parses each specifier with regular expressions (~0.5 s of a 900-file run).
 */
function memo<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  let v = cache.get(key);
  if (v === undefined && !cache.has(key)) {
    v = compute();
    if (cache.size >= 4096) cache.clear();
    cache.set(key, v);
  }
  return v as T;
}
const validVersions = new Map<string, boolean>();
const validSpecifiers = new Map<string, boolean>();
type Clause = { operator: string; version: string; prefix?: string; release: number[] };
/** Parsed specifiers (read-only: specifierInterval only reads the clauses), undefined when the library throws. */
const parsedSpecifiers = new Map<string, readonly Readonly<Clause>[] | undefined>();

export function isValidVersion(v: string): boolean {
  return memo(validVersions, v, () => explain(v.trim()) !== null);
}

/** PEP 440 order; a string that is no version sorts before every version (and equal to another such string). */
export function compareVersions(a: string, b: string): number {
  const va = isValidVersion(a), vb = isValidVersion(b);
  if (!va || !vb) return va === vb ? 0 : va ? 1 : -1;
  return compare(a.trim(), b.trim());
}

/** A pre-, or dev-release (`0.13.0rc1`, `0.13.0.dev0`): not the release its number names. */
export function isPreRelease(v: string): boolean {
  const e = explain(v.trim());
  return !!e && (e.is_prerelease || e.is_devrelease);
}

/** The same release numbers, trailing zeros ignored: `0.13` ≡ `0.13.0`. */
export function sameRelease(a: string, b: string): boolean {
  const x = explain(a.trim()), y = explain(b.trim());
  if (!x || !y || x.epoch !== y.epoch) return false;
  const n = Math.max(x.release.length, y.release.length);
  for (let i = 0; i < n; i++) if ((x.release[i] ?? 0) !== (y.release[i] ?? 0)) return false;
  return true;
}

export function isValidSpecifier(spec: string): boolean {
  return memo(validSpecifiers, spec, () => spec.trim() !== '' && validRange(spec.trim()));
}

export function satisfiesSpecifier(version: string, spec: string): boolean {
  return isValidVersion(version) && isValidSpecifier(spec) && satisfies(version.trim(), spec.trim());
}

/** One end of an interval of versions. */
export interface Bound { version: string; inclusive: boolean }

/** The versions a specifier admits, as one interval (`!=` exclusions widen it back: they never narrow a gate). */
export interface Interval { lower?: Bound; upper?: Bound; exact?: string }

function tighterLower(a: Bound | undefined, b: Bound): Bound {
  if (!a) return b;
  const c = compareVersions(a.version, b.version);
  return c > 0 || (c === 0 && !a.inclusive) ? a : b;
}

function tighterUpper(a: Bound | undefined, b: Bound): Bound {
  if (!a) return b;
  const c = compareVersions(a.version, b.version);
  return c < 0 || (c === 0 && !a.inclusive) ? a : b;
}

/** `1.2.3` with its last `drop` numbers removed and the new last number raised: `~=1.2.3` ends before 1.3. */
function bump(release: number[], keep: number): string {
  const head = release.slice(0, Math.max(1, keep));
  head[head.length - 1] += 1;
  return head.join('.');
}

/** The interval a specifier allows, or undefined when it is not a valid specifier. */
export function specifierInterval(spec: string): Interval | undefined {
  if (!isValidSpecifier(spec)) return undefined;
  const parsed = memo(parsedSpecifiers, spec, () => {
    try { return parseSpecifier(spec.trim()) as Clause[]; } catch { return undefined; }
  });
  if (!parsed || parsed.length === 0) return undefined;
  const out: Interval = {};
  for (const c of parsed) {
    switch (c.operator) {
      case '===': out.exact = c.version; break;
      case '==':
        if (c.prefix === '.*') {
          out.lower = tighterLower(out.lower, { version: c.release.join('.'), inclusive: true });
          out.upper = tighterUpper(out.upper, { version: bump(c.release, c.release.length), inclusive: false });
        } else out.exact = c.version;
        break;
      case '~=':
        out.lower = tighterLower(out.lower, { version: c.version, inclusive: true });
        out.upper = tighterUpper(out.upper, { version: bump(c.release, c.release.length - 1), inclusive: false });
        break;
      case '>=': out.lower = tighterLower(out.lower, { version: c.version, inclusive: true }); break;
      case '>': out.lower = tighterLower(out.lower, { version: c.version, inclusive: false }); break;
      case '<=': out.upper = tighterUpper(out.upper, { version: c.version, inclusive: true }); break;
      case '<': out.upper = tighterUpper(out.upper, { version: c.version, inclusive: false }); break;
      default: break; // `!=`: excludes single versions, never a whole side of a gate
    }
  }
  return out;
}
