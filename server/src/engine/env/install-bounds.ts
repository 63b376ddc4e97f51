/**
 * What bounds an unpinned install beside the script's other installs: pip resolves the newest release that the
 * libraries installed with it accept (the newest TRL's transformers requirement, Unsloth's and unsloth_zoo's caps, the
 * newest release's own requirements of a library trainlint watches), not the newest on PyPI (`script-installs.ts`
 * resolves the installs, then these narrow the open ones).
 */
import { LATEST_KNOWN, NEWEST_RELEASE_BOUNDS, UNSLOTH_ZOO_CAPS, gitInstallIsNewest } from './latest-known';
import { satisfiesSpecifier } from './pep440';
import { exactPin } from './requirements';
import { normalizePackageName, trlStepAbove, type PackageVersion } from './versions';
import type { Found } from './script-installs';

/** What the newest TRL requires of transformers (the trl-1.13.0 wheel's METADATA: "transformers>=4.56.2"; huggingface/trl v0.27.0 on). */
const NEWEST_TRL_NEEDS_TRANSFORMERS = '4.56.2';

/**
 * pip resolves an unpinned TRL install against the transformers the script pins below what the newest TRL requires.
 * In the same command, pip picks the newest TRL that accepts the pin: TRL below the first release that requires more
 * (`trlStepAbove`). In a later command, pip upgrades transformers for it (a dependency is upgraded only if needed, and
 * then to the newest release): the pin is gone, transformers is the newest (hazemzidan4545/medical-qa-fine-tuning-phi-3-5-mini
 * `NLP.ipynb`: `transformers==4.46.1`, then `pip install -q trl --upgrade`). An earlier TRL install leaves both (pip
 * downgrades transformers and only warns). Only for installs that always run: not in a comment, not indented under an
 * `if`, not `--no-deps`, one exact transformers pin.
 */
export function resolveTrlWithTransformers(found: readonly Found[], open: Map<string, PackageVersion>, exact: Map<string, PackageVersion[]>, notebook: boolean): void {
  const trl = open.get('trl');
  const pins = exact.get('transformers');
  if (!trl || trl.origin?.kind !== 'newest' || !pins || pins.length !== 1 || !pins[0].version) return;
  const pin = pins[0];
  const step = trlStepAbove({ version: pin.version!, inclusive: true });
  if (!step) return;
  const named = (f: Found, key: string) => normalizePackageName(f.req.name) === key;
  const tf = found.filter((f) => named(f, 'transformers') && exactPin(f.req.specifier));
  const tr = found.filter((f) => named(f, 'trl') && !f.req.url && !exactPin(f.req.specifier));
  if (!tf.length || !tr.length || [...tf, ...tr].some((f) => f.comment || f.indented || f.noDeps || f.block)) return;
  if (tr.some((t) => tf.some((p) => p.cmd === t.cmd))) {
    open.set('trl', {
      specifier: `<${step.trl}`, source: trl.source, scriptRequirement: trl.scriptRequirement,
      origin: { kind: 'implied', by: `as the same \`pip install\` (${pin.source}) pins transformers ${pin.version}, and TRL ${step.trl} and later require transformers ≥ ${step.transformers}` },
    });
    return;
  }
  const latest = LATEST_KNOWN.transformers;
  if (!latest || !tr.every((t) => tf.every((p) => t.cmd > p.cmd))) return;
  exact.delete('transformers');
  open.set('transformers', {
    version: latest.version, source: trl.source, scriptRequirement: '',
    origin: { kind: 'newest', where: trl.origin.where, asOf: latest.asOf, notebook, how: `by upgrading its pin (transformers==${pin.version}, ${pin.source}) for the later unpinned TRL install, which requires transformers ≥ ${NEWEST_TRL_NEEDS_TRANSFORMERS}` },
  });
}

const UNSLOTH = new Set(['unsloth', 'unsloth-zoo']);  // normalized names

/**
 * An install of Unsloth that resolves its requirements (no `--no-deps`) brings unsloth_zoo's bounds on TRL and
 * transformers into the setup: pip keeps (or brings back) a release inside them, and only an upgrade of the library
 * after it leaves them. An unpinned TRL/transformers is the bound's release for certain when it is installed in the
 * same command, or only before an Unsloth install that always runs (not indented under an `if`) in a setup with no
 * `--no-deps` Unsloth install (the Colab branch of Unsloth's notebooks). Otherwise it is the bound's release or the
 * newest: both are kept as alternatives (a verdict needs them to agree). With Unsloth pinned to a release whose bounds
 * trainlint does not know, the version is unknown.
 */
export function boundByUnsloth(found: readonly Found[], open: Map<string, PackageVersion>, exact: ReadonlyMap<string, unknown>): void {
  const resolving = found.filter((f) => UNSLOTH.has(normalizePackageName(f.req.name)) && !f.noDeps && !f.block);
  if (!resolving.length) return;
  const newestUnsloth = resolving.every((f) => {
    const latest = LATEST_KNOWN[normalizePackageName(f.req.name)];
    return f.req.url ? !!latest && gitInstallIsNewest(f.req.url, latest) : !exactPin(f.req.specifier);
  });
  const colabBranch = found.some((f) => UNSLOTH.has(normalizePackageName(f.req.name)) && f.noDeps);
  for (const [key, cap] of Object.entries(UNSLOTH_ZOO_CAPS)) {
    const pv = open.get(key);
    if (!pv || exact.has(key) || pv.origin?.kind !== 'newest') continue;
    if (!newestUnsloth) { open.delete(key); continue; }
    capBeside(found, open, key, pv, resolving, colabBranch, cap.version, `Unsloth, whose unsloth_zoo ${cap.zoo} allows at most ${cap.version}`, 'which install runs last (unsloth_zoo, which Unsloth installs, caps it)');
  }
}

/**
 * The newest release `cap` a library requiring it allows, for an unpinned install `pv` of `key`: for certain when
 * installed in the same command as the requiring library (`resolving`), or only before one of its installs that
 * always runs (not indented) in a setup with no `--no-deps` install of it (`noDepsBranch`); otherwise the capped release
 * or the newest, as alternatives (a verdict needs them to agree).
 */
function capBeside(found: readonly Found[], open: Map<string, PackageVersion>, key: string, pv: PackageVersion, resolving: readonly Found[],
  noDepsBranch: boolean, cap: string, beside: string, why: string): void {
  if (pv.origin?.kind !== 'newest') return;
  const capped: PackageVersion = { version: cap, source: pv.source, origin: { ...pv.origin, how: `${pv.origin.how} beside ${beside}`, capped: true } };
  const installs = found.filter((f) => normalizePackageName(f.req.name) === key && !f.block);
  // In one command pip resolves both together; an install of the requiring library that always runs after it brings the bound back.
  const together = installs.some((f) => resolving.some((u) => u.cmd === f.cmd));
  const lastAlways = Math.max(-1, ...resolving.filter((u) => !u.indented).map((u) => u.cmd));
  const before = !noDepsBranch && installs.every((f) => f.cmd < lastAlways);
  if (together || before) { open.set(key, capped); return; }
  // Described alone (not as one of the alternatives) it names both; as an alternative, the newest it is.
  const newest: PackageVersion = { ...pv, origin: { ...pv.origin, how: `${pv.origin.how}, or (beside ${beside}) that release` } };
  open.set(key, { ...newest, alternatives: [capped, pv], alternativesWhy: why });
}

/**
 * Other libraries whose newest release requires a watched library below its newest (`NEWEST_RELEASE_BOUNDS`,
 * `pip install adapters transformers`): an unpinned install of both is that bound's newest release, as for Unsloth.
 * A pinned or `--no-deps` install of the requiring library says nothing (its bounds at that release were not read).
 */
export function boundByNewestRequirements(found: readonly Found[], open: Map<string, PackageVersion>, exact: ReadonlyMap<string, unknown>): void {
  for (const [requirer, known] of Object.entries(NEWEST_RELEASE_BOUNDS)) {
    const installs = found.filter((f) => normalizePackageName(f.req.name) === requirer && !f.block);
    const resolving = installs.filter((f) => !f.noDeps && !f.req.url && !f.req.specifier);
    if (!resolving.length || resolving.length !== installs.filter((f) => !f.noDeps).length) continue;
    for (const [key, bound] of Object.entries(known.bounds)) {
      const pv = open.get(key);
      if (!pv || exact.has(key) || pv.origin?.kind !== 'newest' || !pv.version || satisfiesSpecifier(pv.version, bound.specifier)) continue;
      capBeside(found, open, key, pv, resolving, installs.some((f) => f.noDeps), bound.newest, `${requirer} ${known.release}, which requires ${key}${bound.specifier}`, `which install runs last (${requirer} requires ${key}${bound.specifier})`);
    }
  }
}
