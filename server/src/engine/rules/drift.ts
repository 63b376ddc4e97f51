/**
 * The version policy of API-drift rules (TL5xx): a name that is deprecated in one range and
 * removed from a later version. Removed (known) → the rule's severity; deprecated (known) →
 * information with the Deprecated tag; older (known) → silent; unknown → at most warning
 * (the rule's message then names the removal range).
 */
import type { DiagnosticTag, Severity } from '../diagnostics';
import type { RuleContext } from './context';

export interface DriftVerdict {
  phase: 'removed' | 'deprecated' | 'unknown';
  severity: Severity;
  tags: DiagnosticTag[];
  /** `" (installed: TRL 0.19.1)"` when known, `" (the installed version is unknown)"` otherwise. */
  note: string;
}

const DISPLAY: Record<string, string> = { trl: 'TRL', transformers: 'transformers', peft: 'PEFT', unsloth: 'Unsloth' };

export function libraryName(pkg: string): string {
  return DISPLAY[pkg] ?? pkg;
}

/**
 * `removedFrom`: first version without the old name. `deprecatedFrom`: first version that
 * warns (omit when the name was removed without a deprecation period).
 * Returns undefined when the installed version still accepts the name silently.
 */
export function driftVerdict(ctx: RuleContext, pkg: string, removedFrom: string, deprecatedFrom?: string): DriftVerdict | undefined {
  const removed = ctx.version(pkg, { from: removedFrom });
  const installed = ` (installed: ${libraryName(pkg)} ${ctx.env.get(pkg)?.version})`;
  if (removed.gate === 'affected') return { phase: 'removed', severity: removed.severity!, tags: [], note: installed };
  if (removed.gate === 'unknown') return { phase: 'unknown', severity: removed.severity!, tags: [], note: ' (the installed version is unknown)' };
  if (deprecatedFrom && ctx.env.gate(pkg, { from: deprecatedFrom, before: removedFrom }) === 'affected') {
    return { phase: 'deprecated', severity: 'information', tags: ['deprecated'], note: installed };
  }
  return undefined;
}
