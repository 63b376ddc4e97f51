/**
 * The version policy of API-drift rules (TL5xx): a name that is deprecated in one range and
 * removed from a later version. Removed (known) → the rule's severity; deprecated (known) →
 * information with the Deprecated tag; older (known) → silent; unknown → at most warning,
 * with the removal range named in the message.
 */
import type { DiagnosticTag, Severity } from '../diagnostics';
import type { RuleContext } from './context';

export interface DriftVerdict {
  phase: 'removed' | 'deprecated' | 'unknown';
  severity: Severity;
  tags: DiagnosticTag[];
  /** Text to append to the message: the installed version, or the range when it is unknown. */
  note: string;
  /** The installed version, when known. */
  version?: string;
}

/**
 * `removedFrom`: first version without the old name. `deprecatedFrom`: first version that
 * warns (omit when the name was removed without a deprecation period).
 * Returns undefined when the installed version still accepts the name silently.
 */
export function driftVerdict(ctx: RuleContext, pkg: string, removedFrom: string, deprecatedFrom?: string): DriftVerdict | undefined {
  const removed = ctx.version(pkg, { from: removedFrom });
  const version = ctx.env.get(pkg)?.version;
  if (removed.gate === 'affected') return { phase: 'removed', severity: removed.severity!, tags: [], note: removed.note, version };
  if (removed.gate === 'unknown') return { phase: 'unknown', severity: removed.severity!, tags: [], note: removed.note };
  if (deprecatedFrom && ctx.env.gate(pkg, { from: deprecatedFrom, before: removedFrom }) === 'affected') {
    return { phase: 'deprecated', severity: 'information', tags: ['deprecated'], note: ` (${display(pkg)} ${version})`, version };
  }
  return undefined;
}

export function display(pkg: string): string {
  return pkg === 'trl' ? 'TRL' : pkg;
}
