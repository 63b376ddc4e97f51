/**
 * The version policy of API-drift rules (TL5xx): a name that is deprecated in one range and
 * removed from a later version. Removed (known) → the rule's severity; deprecated (known) →
 * information with the Deprecated tag; older (known) → silent; unknown → information
 * (the rule's message then names the removal range).
 */
import type { DiagnosticTag, Severity } from '../diagnostics';
import type { RuleContext } from './context';
import type { Node } from 'web-tree-sitter';
import { unknownNote, versionNotFound } from '../env/versions';
import { guardedBelow, importFailureHandled, importFallback } from '../domain/version-guards';
import { importedNameNode } from '../facts/imports';
import type { ImportFact } from '../facts/types';

export interface DriftVerdict {
  phase: 'removed' | 'deprecated' | 'unknown';
  severity: Severity;
  tags: DiagnosticTag[];
  /** `" (TRL 0.19.1, pinned in requirements.txt)"` when known, `" (the installed version is unknown: no installed copy of TRL was found, nor a pin or an install that names its release)"` or why a pin does not decide otherwise. */
  note: string;
}

const DISPLAY: Record<string, string> = { trl: 'TRL', transformers: 'transformers', peft: 'PEFT', unsloth: 'Unsloth' };

export function libraryName(pkg: string): string {
  return DISPLAY[pkg] ?? pkg;
}

/** " (the installed version is unknown: no installed copy of TRL was found, nor a pin or an install that names its release)", or why a known pin does not decide it ("a pre-release of 0.13", a range). */
export function unknownClause(ctx: RuleContext, pkg: string, removedFrom: string): string {
  const pv = ctx.env.get(pkg);
  if (!pv) return ` (${versionNotFound(libraryName(pkg))})`;
  return unknownNote(libraryName(pkg), pv, { from: removedFrom }).replace(/^ \(with [^;]*; /, ' (');
}

/**
 * `removedFrom`: first version without the old name. `deprecatedFrom`: first version that
 * warns (omit when the name was removed without a deprecation period).
 * Returns undefined when the installed version still accepts the name silently, or when `at` (the use) runs only in a
 * branch the script keeps to versions before the removal (`if version.parse(trl.__version__) < version.parse("0.17"):`).
 */
export function driftVerdict(ctx: RuleContext, pkg: string, removedFrom: string, deprecatedFrom?: string, at?: Node): DriftVerdict | undefined {
  if (at && guardedBelow(ctx.facts, at, pkg, removedFrom)) return undefined;
  const removed = ctx.version(pkg, { from: removedFrom });
  const installed = ` (${ctx.versionText(pkg)})`;
  if (removed.gate === 'affected') return { phase: 'removed', severity: removed.severity!, tags: [], note: installed };
  if (removed.gate === 'unknown') return { phase: 'unknown', severity: removed.severity!, tags: [], note: unknownClause(ctx, pkg, removedFrom) };
  if (deprecatedFrom && ctx.env.gate(pkg, { from: deprecatedFrom, before: removedFrom }) === 'affected') {
    return { phase: 'deprecated', severity: 'information', tags: ['deprecated'], note: installed };
  }
  return undefined;
}

/** A public name a library removed (TL516's TRL names, TL519's PEFT and datasets ones), as the finding names it. */
export interface RemovedName {
  name: string;
  /** The module it is imported from (or looked up on). */
  where: string;
  /** The library as people write it (`TRL`, `PEFT`) and its distribution (`trl`, `peft`). */
  lib: string;
  pkg: string;
  removedFrom: string;
  /** What to write instead. */
  instead: string;
  /** How the message names the removal when its exact release is not known (else `lib removedFrom`). */
  removedLabel?: string;
}

/**
 * What the finding on a removed name says, by the verdict's phase: `from m import name` (or, with `attribute`,
 * `m.name`) fails on the releases from the removal. `pin` says in which phases to offer pinning below the removal.
 */
export function removedNameMessage(r: RemovedName, v: DriftVerdict, how: { attribute?: boolean; pin: { removed: boolean; unknown: boolean } }): string {
  const pin = (yes: boolean) => (yes ? `, or pin \`${r.pkg}<${r.removedFrom}\`` : '');
  if (v.phase === 'removed') {
    const raises = how.attribute ? 'this raises AttributeError' : 'this import raises ImportError';
    return `\`${r.name}\` is not in \`${r.where}\` since ${r.removedLabel ?? `${r.lib} ${r.removedFrom}`}${v.note}: ${raises}; ${r.instead}${pin(how.pin.removed)}.`;
  }
  if (v.phase === 'deprecated') return `\`${r.name}\` is deprecated${v.note} and removed in ${r.lib} ${r.removedFrom}; ${r.instead}.`;
  const fails = how.attribute ? 'does not exist' : `cannot be imported from \`${r.where}\``;
  return `\`${r.name}\` ${fails} on ${r.lib} ≥ ${r.removedFrom} (${v.note.slice(2, -1)}); ${r.instead}${pin(how.pin.unknown)}.`;
}

/**
 * What the finding on a name (or a module) a library added later says, on a known release before it (TL521):
 * `from m import name` fails there. `since`–`until`: the first releases read that have it (`TRL ≥ since has it` holds even when
 * releases before it were not read); `installed`: `ctx.versionText(pkg)`.
 */
export function addedNameMessage(r: { name: string; where?: string; lib: string; pkg: string; since: string; until?: string; installed: string; raises: string }): string {
  const what = r.where ? `\`${r.name}\` is not in \`${r.where}\`` : `There is no module \`${r.name}\``;
  const has = r.until ? `${r.lib} ≥ ${r.since} and < ${r.until} has it` : `${r.lib} ≥ ${r.since} has it`;
  const pin = r.until ? `\`${r.pkg}>=${r.since},<${r.until}\`` : `\`${r.pkg}>=${r.since}\``;
  return `${what} on ${r.installed}: it came in a later release (${has}), so this import raises ${r.raises}; upgrade to ${pin}.`;
}

/** An import of a name its package removed, with the verdict at the script's version. */
export interface RemovedImport<R> { imp: ImportFact; removal: R; name: string; node: Node; verdict: DriftVerdict }

/**
 * The script's imports of names `removalOf` knows (`from m import name`), leaving out those whose ImportError the script
 * handles and the fallbacks of a failed import (which run only where another import failed), each with its package's drift verdict where the verdict is not silence (TL516, TL519).
 */
export function* removedImports<R extends { removedFrom: string; deprecatedFrom?: string }>(
  ctx: RuleContext, removalOf: (imp: ImportFact) => R | undefined, pkgOf: (r: R) => string,
): Generator<RemovedImport<R>> {
  for (const imp of ctx.facts.imports) {
    const removal = removalOf(imp);
    if (!removal || importFailureHandled(imp.node) || importFallback(imp.node)) continue;
    const name = imp.name!;
    const verdict = driftVerdict(ctx, pkgOf(removal), removal.removedFrom, removal.deprecatedFrom, imp.node);
    if (verdict) yield { imp, removal, name, node: importedNameNode(imp.node, name) ?? imp.node, verdict };
  }
}

/** The first Unsloth release whose patched TRL configs drop arguments their base rejects, with a warning (unslothai/unsloth#8330). */
export const UNSLOTH_ABSORBS = '2026.8.15';

/** What happens to a removed argument of a TRL config that Unsloth patched, whichever Unsloth runs. */
export const ABSORBED_OR_RAISES = `the config raises TypeError, or (Unsloth ≥ ${UNSLOTH_ABSORBS}) drops it with a warning and the setting has no effect`;

/**
 * A TRL config argument the installed TRL/transformers removed, passed to a config Unsloth patched: Unsloth ≥
 * `UNSLOTH_ABSORBS` drops it with a warning (a warning: the setting has no effect), an older Unsloth raises like TRL
 * (undefined: the drift verdict stands), an unknown Unsloth may do either (information naming both).
 */
export function unslothAbsorbs(ctx: RuleContext): { severity: Severity; outcome: string } | undefined {
  const absorbs = ctx.env.gate('unsloth', { from: UNSLOTH_ABSORBS });
  if (absorbs === 'affected') return { severity: 'warning', outcome: "Unsloth's patched config drops it with a warning: the setting has no effect" };
  if (absorbs === 'unknown') return { severity: 'information', outcome: ABSORBED_OR_RAISES };
  return undefined;
}
