/**
 * What TL409 asks of every PEFT config call (and of Unsloth's `get_peft_model`): a keyword as written and its value,
 * where the script's PEFT stands against the release that added a check, and the one severity policy of the rule
 * (an error on a release read that checks it, information with the version unknown, nothing on a release that does not).
 */
import type { Severity } from '../diagnostics';
import { PEFT_FIRST_UNREAD, PEFT_LAST_READ } from '../domain/peft-config-values';
import type { ArgFact, CallFact } from '../facts/types';
import { evaluate, type PyValue } from '../facts/values';
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from './context';

/** Where the script's PEFT stands against `from`: known to have it, known to lack it, or not known. */
export type Standing = 'has' | 'lacks' | 'unknown';
export function standing(ctx: RuleContext, from: string): Standing {
  const g = ctx.env.gate('peft', { from });
  return g === 'affected' ? 'has' : g === 'unaffected' ? 'lacks' : 'unknown';
}

/** The script's PEFT is a release read from `from` on (0.21 at the latest): what those releases do is what it does. */
export const readFrom = (ctx: RuleContext, from: string): boolean => ctx.env.gate('peft', { from, before: PEFT_FIRST_UNREAD }) === 'affected';

/** A keyword written in the call (not spread in through `**`), and its value. */
export function written(ctx: RuleContext, call: CallFact, name: string): { arg: ArgFact; value: PyValue } | undefined {
  const arg = call.keywords.get(name);
  if (!arg || arg.siblings || arg.node.type !== 'keyword_argument') return undefined;
  return { arg, value: evaluate(ctx.facts, arg.value) };
}

/** A keyword the call cannot pass: not written, and no `**`/`*` or positional argument that could carry it. */
export const absent = (call: CallFact, name: string): boolean => !call.keywords.has(name) && !call.hasSplat && call.positional.length === 0;

export const isTrue = (v: PyValue | undefined): boolean => v?.kind === 'bool' && v.value;
export const str = (v: PyValue | undefined): string | undefined => (v?.kind === 'str' ? v.value : undefined);
export const num = (v: PyValue | undefined): number | undefined => (v?.kind === 'num' ? v.value : undefined);

/** A keyword written with a value that is not None/False/empty, or one the rule cannot evaluate (taken as given). */
export function truthy(ctx: RuleContext, call: CallFact, name: string): boolean {
  const arg = call.keywords.get(name);
  if (!arg) return false;
  const v = evaluate(ctx.facts, arg.value);
  return !(v.kind === 'none' || (v.kind === 'bool' && !v.value) || (v.kind === 'dict' && v.entries.length === 0)
    || (v.kind === 'str' && v.value === '') || ((v.kind === 'list' || v.kind === 'tuple') && v.items.length === 0));
}

export function report(ctx: RuleContext, node: Node, severity: Severity, message: string): void {
  ctx.report({ node, severity, message });
}

/**
 * A value PEFT refuses from release `from` on (to the last read): an error on a release read from it, nothing on a release
 * before it or after those read. With the version unknown: information (`message` then says which releases raise) when
 * the value exists only from `from` on; nothing when `earlierTake` — the class took the value before `from`, and a script
 * most likely runs where what it writes works.
 */
export function refusedFrom(ctx: RuleContext, node: Node, from: string, message: string, advice = '', earlierTake = false): void {
  const tail = advice ? ` ${advice}` : '';
  if (readFrom(ctx, from)) report(ctx, node, 'error', `${message} (${ctx.versionText('peft')}).${tail}`);
  else if (!earlierTake && standing(ctx, from) === 'unknown') report(ctx, node, 'information', `${message} on PEFT ${from}–${PEFT_LAST_READ} (${ctx.versionText('peft')}).${tail}`);
}
