/**
 * Library versions of the analysed environment and the version-gate policy of RULES.md:
 * known affected → the rule's severity; unknown → `information` at most, naming the range;
 * known unaffected → silent. Comparisons are PEP 440 (`pep440.ts`). A version also says where it
 * came from, for messages ("TRL 0.12.2, pinned in requirements.txt").
 */
import type { LaunchedRun } from './launch-flags';
import { boundByPinnedZoo } from './unsloth-zoo-bounds';
import { compareVersions, isPreRelease, isValidSpecifier, isValidVersion, sameRelease, satisfiesSpecifier, specifierInterval, type Bound, type Interval } from './pep440';

export { compareVersions, isValidVersion } from './pep440';

/** Where a version came from. */
export type VersionOrigin =
  /** A `*.dist-info` in site-packages; `where`: the environment's folder (".venv"). */
  | { kind: 'installed'; where: string }
  /**
   * A requirements/pyproject/lock file; `file` as shown to the user. `image`: the base image of the Dockerfile `file`
   * (its `FROM` on line `imageLine`), whose tag names the release it holds (`base-images.ts`).
   */
  | { kind: 'pinned'; file: string; lock?: boolean; marker?: string; image?: string; imageLine?: number; via?: string }
  /**
   * A `pip install pkg==X` line in the script; `where`: "line 3" / "cell 2, line 1". `block`: a PEP 723 block;
   * `image`: a Modal image's `pip_install("pkg==X")` in the script (or in the project module `file` it imports the
   * image from). `file`: the project's Dockerfile or shell script that runs the install (`setup-files.ts`); `via`: the
   * source text of the variables its requirement was written with (`ARG TRL_VERSION=0.12.0` (line 2), …).
   */
  | { kind: 'pip-line'; where: string; block?: boolean; image?: boolean; file?: string; via?: string }
  /**
   * An unpinned (or open-ended) install in the script, or in the project's Dockerfile or shell script `file`: the newest
   * release at run time, assumed from trainlint's table.
   */
  | { kind: 'newest'; where: string; asOf: string; notebook: boolean; how: string; file?: string; via?: string; /** In a comment or a docstring: asked of the reader, not run. */ unrun?: boolean;
    /** The newest release another install of the setup allows (unsloth_zoo's cap), not the newest known: `how` names the bound. */ capped?: boolean }
  /** Nothing says which TRL, but the transformers the project pins is older than what later TRL releases require. */
  | { kind: 'implied'; by: string };

export interface PackageVersion {
  /** The exact version (assumed when the origin is `newest`). */
  version?: string;
  /** What a project file allows when it pins no exact version: `>=0.12,<0.13`, `==0.13.*`. */
  specifier?: string;
  /** Where it came from, as text (a path or a phrase). */
  source: string;
  origin?: VersionOrigin;
  /** Requirement lines behind environment markers: a verdict needs them all to agree. */
  alternatives?: PackageVersion[];
  /** Why there are alternatives, when not environment markers ("pip resolves unsloth_zoo's bounds …"). */
  alternativesWhy?: string;
  /**
   * For a script's own install that runs (a notebook's `!pip install "trl>=0.22.1"`, not one in a comment): the
   * requirement it installs (`>=0.22.1`, `==0.23.0`, `` for an unpinned one).
   */
  scriptRequirement?: string;
  /**
   * The script's own unpinned install of the newest release runs with `-U` / `--upgrade` (a notebook's
   * `!pip install -U transformers`): it replaces an older release the project pins when it runs in that environment.
   */
  scriptUpgrade?: boolean;
}

export type GateResult = 'affected' | 'unaffected' | 'unknown';

/** A half-open range: `from` inclusive, `before` exclusive. */
export interface VersionRange { from?: string; before?: string }

export function normalizePackageName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

export function inRange(version: string, range: VersionRange): boolean {
  if (range.from && compareVersions(version, range.from) < 0) return false;
  if (range.before && compareVersions(version, range.before) >= 0) return false;
  return true;
}

/** Human text of a range for messages: "TRL ≥ 0.20", "TRL < 0.17", "TRL ≥ 0.12 and < 0.15". */
export function describeRange(display: string, range: VersionRange): string {
  if (range.from && range.before) return `${display} ≥ ${range.from} and < ${range.before}`;
  if (range.from) return `${display} ≥ ${range.from}`;
  if (range.before) return `${display} < ${range.before}`;
  return display;
}

/** The boundary of `range` that `version` is a pre-release of (`0.13.0.dev0` of "from 0.13"), if any. */
function preReleaseOfBoundary(version: string, range: VersionRange): string | undefined {
  if (!isPreRelease(version)) return undefined;
  return [range.from, range.before].find((b): b is string => !!b && sameRelease(version, b));
}

function aboveLower(b: Bound, from: string): boolean {
  return compareVersions(b.version, from) >= 0;
}

function belowUpper(b: Bound, before: string): boolean {
  const c = compareVersions(b.version, before);
  return c < 0 || (c === 0 && !b.inclusive);
}

/** An interval of versions against a range: all inside, none inside, or some. */
function intervalGate(iv: Interval, range: VersionRange): GateResult {
  const lowOk = !range.from || (!!iv.lower && aboveLower(iv.lower, range.from));
  const highOk = !range.before || (!!iv.upper && belowUpper(iv.upper, range.before));
  if (lowOk && highOk) return 'affected';
  const allBelow = !!range.from && !!iv.upper && belowUpper(iv.upper, range.from);
  const allAbove = !!range.before && !!iv.lower && aboveLower(iv.lower, range.before);
  return allBelow || allAbove ? 'unaffected' : 'unknown';
}

/** An unpinned install that does not run (`# !pip install trl`, a docstring's "pip install trl"): `origin.unrun`. */
function unrunNewest(pv: PackageVersion): boolean {
  return pv.origin?.kind === 'newest' && !!pv.origin.unrun;
}

export function gateVersion(pv: PackageVersion | undefined, range: VersionRange): GateResult {
  if (!pv) return 'unknown';
  if (pv.alternatives) {
    const all = pv.alternatives.map((a) => gateVersion(a, range));
    return all.every((g) => g === all[0]) ? all[0] : 'unknown';
  }
  // An unpinned install in a comment or a docstring is what the reader is asked to run, not what runs: the newest
  // release is a guess there, as it is with no install at all (the message says so, `unknownNote`).
  if (unrunNewest(pv)) return 'unknown';
  if (pv.version !== undefined) {
    if (!isValidVersion(pv.version) || preReleaseOfBoundary(pv.version, range)) return 'unknown';
    return inRange(pv.version, range) ? 'affected' : 'unaffected';
  }
  const iv = pv.specifier ? specifierInterval(pv.specifier) : undefined;
  if (!iv) return 'unknown';
  if (iv.exact) return gateVersion({ version: iv.exact, source: pv.source }, range);
  return intervalGate(iv, range);
}

/**
 * The gate of a bug present in any of `ranges` (disjoint): affected when the version is inside one of them, unaffected
 * when outside all, unknown otherwise. Alternatives (setups that disagree) must agree, each judged against the union.
 */
export function gateVersionAny(pv: PackageVersion | undefined, ranges: readonly VersionRange[]): GateResult {
  if (pv?.alternatives) {
    const all = pv.alternatives.map((a) => gateVersionAny(a, ranges));
    return all.every((g) => g === all[0]) ? all[0] : 'unknown';
  }
  const gates = ranges.map((r) => gateVersion(pv, r));
  if (gates.includes('affected')) return 'affected';
  return gates.every((g) => g === 'unaffected') ? 'unaffected' : 'unknown';
}

/** Where a version came from, for a message: "pinned in requirements.txt", "from `pip install` on line 3". */
export function describeOrigin(pv: PackageVersion): string {
  const o = pv.origin;
  if (!o) return pv.source;
  switch (o.kind) {
    case 'installed': return `installed in ${o.where}`;
    case 'pinned':
      if (o.image) return `in the base image \`${o.image}\` of ${o.file} (line ${o.imageLine}${o.via ? `, with ${o.via}` : ''}), as its tag says`;
      return `${o.lock ? 'locked' : pv.version ? 'pinned' : 'required'} in ${o.file}${o.marker ? ` when ${o.marker}` : ''}`;
    case 'pip-line': {
      const of = o.file ? ` of ${o.file}` : '';
      const via = o.via ? `, with ${o.via}` : '';
      return o.block ? `from the script's \`# /// script\` dependencies on ${o.where}`
        : o.image ? `from the Modal image's \`pip_install\` on ${o.where}${of}` : `from \`pip install\` on ${o.where}${of}${via}`;
    }
    case 'newest': return `${o.capped ? 'the newest release the other installs allow' : 'the newest known'} as of ${o.asOf}, since ${o.file ?? `the ${o.notebook ? 'notebook' : 'script'}`} installs it ${o.how} (${o.where}${o.via ? `, with ${o.via}` : ''})`;
    case 'implied': return o.by;
  }
}

/** "TRL 0.12.2, pinned in requirements.txt" / "assuming Unsloth 2026.8.19, the newest known …". */
export function describeVersion(display: string, pv: PackageVersion): string {
  if (pv.origin?.kind === 'newest') return `assuming ${display} ${pv.version}, ${describeOrigin(pv)}`;
  if (pv.version !== undefined) return `${display} ${pv.version}, ${describeOrigin(pv)}`;
  return `${display}${pv.specifier ?? ''}, ${describeOrigin(pv)}`;
}

/**
 * Why a library's version is unknown when nothing gives one: no installed copy (a virtual environment of the project or
 * the editor's interpreter), no pin in the project's files, no install line in the script that names a release. A
 * requirements line or a Dockerfile install without a version may exist: alone it says no release (`discover.ts`), so
 * the words do not claim that nothing installs the library.
 */
export function versionNotFound(display: string): string {
  return `the installed version is unknown: no installed copy of ${display} was found, nor a pin or an install that names its release`;
}

/**
 * The clause a message ends with when the gate is unknown: why it is unknown.
 * " (with TRL ≥ 0.13; TRL 0.13.0.dev0, installed in .venv, is a pre-release of 0.13)".
 */
export function unknownNote(display: string, pv: PackageVersion | undefined, range: VersionRange | readonly VersionRange[]): string {
  const ranges: readonly VersionRange[] = Array.isArray(range) ? range : [range as VersionRange];
  const r = ranges.map((x) => describeRange(display, x)).join(' or ');
  if (!pv) return ` (with ${r}; ${versionNotFound(display)})`;
  if (pv.alternatives) return ` (with ${r}; the version of ${display} depends on ${pv.alternativesWhy ?? 'environment markers'}: ${pv.alternatives.map((a) => describeVersion(display, a)).join('; ')})`;
  if (unrunNewest(pv)) {
    const o = pv.origin as Extract<VersionOrigin, { kind: 'newest' }>;
    // Whether the newest release is in the range: a rule that warns of a bug of old releases (Unsloth < 2025.6.1) must
    // not say the newest would be affected.
    const newest = pv.version !== undefined && isValidVersion(pv.version) && ranges.some((x) => inRange(pv.version!, x));
    return ` (with ${r}; the only install of ${display} is unpinned and does not run (${o.where}): the installed version is unknown; the newest known, ${pv.version} as of ${o.asOf}, would ${newest ? '' : 'not '}be affected)`;
  }
  if (pv.version !== undefined) {
    if (!isValidVersion(pv.version)) return ` (with ${r}; "${pv.version}" ${describeOrigin(pv)} is not a PEP 440 version)`;
    const b = ranges.map((x) => preReleaseOfBoundary(pv.version!, x)).find((x) => x);
    if (b) return ` (with ${r}; ${describeVersion(display, pv)}, is a pre-release of ${b}: it may or may not have the change)`;
  }
  return ` (with ${r}; ${describeVersion(display, pv)}, spans versions on both sides)`;
}

/**
 * The transformers each TRL release requires (its `install_requires`, from the first release of each step:
 * huggingface/trl v0.13.0 `setup.py` "transformers>=4.46.0", v0.18.0 `setup.cfg` "transformers>=4.50.0", v0.19.0
 * ">=4.51.0", v0.20.0 ">=4.53.2", v0.21.0 ">=4.55.0", v0.23.0 ">=4.56.1", v0.27.0 ">=4.56.2"; every release after a
 * step requires at least as much). v0.12.0 and v0.12.1 require >=4.46.0 too, but v0.12.2 only "<4.47.0", so the
 * first step is 0.13.
 */
const TRL_NEEDS_TRANSFORMERS: ReadonlyArray<{ trl: string; transformers: string }> = [
  { trl: '0.13', transformers: '4.46.0' },
  { trl: '0.18', transformers: '4.50.0' },
  { trl: '0.19', transformers: '4.51.0' },
  { trl: '0.20', transformers: '4.53.2' },
  { trl: '0.21', transformers: '4.55.0' },
  { trl: '0.23', transformers: '4.56.1' },
  { trl: '0.27', transformers: '4.56.2' },
];

/**
 * The first TRL release whose transformers requirement `cap` (the highest transformers allowed) does not meet: TRL
 * `trl` and later require transformers ≥ `transformers`. Undefined when every TRL release accepts it.
 */
export function trlStepAbove(cap: Bound): { trl: string; transformers: string } | undefined {
  return TRL_NEEDS_TRANSFORMERS.find((s) => {
    const c = compareVersions(cap.version, s.transformers);
    return c < 0 || (c === 0 && !cap.inclusive);
  });
}

/**
 * With no fact about TRL, a transformers the project pins (or caps) below what TRL `from` on requires keeps pip from
 * installing those releases: TRL < `from`. Only from a pin in the project or the script (not an assumed newest).
 */
function impliedTrl(transformers: PackageVersion | undefined): PackageVersion | undefined {
  if (!transformers || transformers.alternatives || transformers.origin?.kind === 'newest' || transformers.origin?.kind === 'implied') return undefined;
  let top: Bound | undefined;
  if (transformers.version !== undefined) {
    if (!isValidVersion(transformers.version)) return undefined;
    top = { version: transformers.version, inclusive: true };
  } else {
    const iv = transformers.specifier ? specifierInterval(transformers.specifier) : undefined;
    top = iv?.exact ? { version: iv.exact, inclusive: true } : iv?.upper;
  }
  if (!top) return undefined;
  const step = trlStepAbove(top);
  if (!step) return undefined;
  return {
    specifier: `<${step.trl}`,
    source: transformers.source,
    origin: { kind: 'implied', by: `as ${describeVersion('transformers', transformers)}, and TRL ${step.trl} and later require transformers ≥ ${step.transformers}` },
  };
}

export class Environment {
  private implied?: { trl: PackageVersion | undefined };
  private zooBound?: Map<string, PackageVersion | undefined>;

  /** The runs of the script by the project's shell scripts, with their command lines (`launch-flags.ts`). */
  launchedRuns?: readonly LaunchedRun[];

  constructor(private readonly versions: ReadonlyMap<string, PackageVersion> = new Map()) {}

  get(pkg: string): PackageVersion | undefined {
    const key = normalizePackageName(pkg);
    const pv = this.versions.get(key);
    if (pv) return pv;
    // Nothing about transformers or TRL, but an exact unsloth_zoo pin: its own requirements bound them.
    if (key === 'transformers' || key === 'trl') {
      this.zooBound ??= new Map();
      if (!this.zooBound.has(key)) this.zooBound.set(key, boundByPinnedZoo(this.versions.get('unsloth-zoo'), key));
      const bound = this.zooBound.get(key);
      if (bound) return bound;
    }
    if (key !== 'trl') return undefined;
    this.implied ??= { trl: impliedTrl(this.versions.get('transformers')) };
    return this.implied.trl;
  }

  /** Is the installed/pinned version of `pkg` inside `range` (or inside one of several disjoint ranges)? */
  gate(pkg: string, range: VersionRange | readonly VersionRange[]): GateResult {
    return Array.isArray(range) ? gateVersionAny(this.get(pkg), range) : gateVersion(this.get(pkg), range as VersionRange);
  }

  /** This environment with `other`'s versions filling the gaps (this one wins). */
  withFallback(other: Environment): Environment {
    const merged = new Map(other.versions);
    for (const [k, v] of this.versions) {
      // A project file that only bounds the library (`trl>=0.8.0`) and the script's own install of one release inside
      // those bounds (`!uv pip install "trl==0.27.1"`), or of the newest release when the bounds allow it (a notebook's
      // `!pip install datasets` or install from the main branch that runs, not one in a comment or a docstring; setup.py
      // `datasets>=2.15.0`: pip installs the newest either way): that release is what runs.
      const own = other.versions.get(k);
      if (!v.version && v.specifier && !v.alternatives && own?.version && (own.origin?.kind === 'pip-line' || (own.origin?.kind === 'newest' && !own.origin.unrun))
        && satisfiesSpecifier(own.version, v.specifier)) continue;
      // The project's alternatives (requirements.txt `trl==0.9.4`, requirements_min.txt `trl>=0.9.4`) and the script's own
      // install of one release that one of them allows: the script says which setup it runs with.
      if (v.alternatives && !own?.alternatives && own?.version && (own.origin?.kind === 'pip-line' || (own.origin?.kind === 'newest' && !own.origin.unrun))
        && v.alternatives.some((a) => (a.version !== undefined ? compareVersions(a.version, own.version!) === 0 : !!a.specifier && satisfiesSpecifier(own.version!, a.specifier)))) continue;
      // The project's exact version (installed or pinned) and a requirement the script's own install runs with that
      // excludes it (`uv.lock` TRL 0.12.1, the notebook `!pip install "trl>=0.22.1"`): pip replaces it when the
      // script runs from that environment, and not where the script runs elsewhere. Both are possible; a gate is
      // decided only when they agree.
      if (v.version && !v.alternatives && own && !own.alternatives && own.scriptRequirement
        && isValidSpecifier(own.scriptRequirement) && !satisfiesSpecifier(v.version, own.scriptRequirement)) {
        merged.set(k, { ...v, alternatives: [v, own], alternativesWhy: `whether the script's own install (${own.source}: \`${k}${own.scriptRequirement}\`) runs in the environment the project pins` });
        continue;
      }
      // The same for an unpinned upgrade of the library (kunaltibe7/kunaltibe7-text-to-sql-bart-finetuning: requirements.txt
      // transformers 4.36.2, the notebook's `!pip install -U transformers`): pip installs the newest release over the pin.
      if (v.version && !v.alternatives && own && !own.alternatives && own.scriptUpgrade && own.version
        && compareVersions(v.version, own.version) < 0) {
        merged.set(k, { ...v, alternatives: [v, own], alternativesWhy: `whether the script's own upgrade (${own.source}: \`pip install -U ${k}\`) runs in the environment the project pins` });
        continue;
      }
      merged.set(k, v);
    }
    const out = new Environment(merged);
    out.launchedRuns = this.launchedRuns ?? other.launchedRuns;
    return out;
  }

  entries(): Array<[string, PackageVersion]> { return [...this.versions]; }
}
