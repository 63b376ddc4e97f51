/**
 * A dataset's first rows at one point of the script: the source rows (literals, local files, the
 * HF cache) carried through the script's steps — `map(fn)` evaluated statically on each row where
 * the function is simple enough, renames, `standardize_sharegpt`. Used by the dataset preview and the
 * masking preview. A step that cannot be evaluated stops the chain with a note saying why.
 */
import type { Node } from 'web-tree-sitter';
import type { FileFacts } from '../facts/types';
import type { DatasetModel } from './model';
import { callFormattingFunction, type EvalContext } from '../facts/formatting-eval';
import { evaluateBool, evaluateString } from '../facts/values';
import type { ChatMessage } from '../masking/types';
import type { DatasetState } from './state';

/** What evaluating dataset steps needs of a script's analysis (lint/analysis.ts gives it). */
export interface ScriptDatasets {
  facts: FileFacts;
  datasets: DatasetModel;
}

const ROLE_ALIASES: Record<string, string> = { system: 'system', user: 'user', human: 'user', input: 'user', gpt: 'assistant', assistant: 'assistant', output: 'assistant', model: 'assistant' };

/** ShareGPT or role/content messages as role/content (roles mapped like Unsloth's standardize_sharegpt). */
export function toMessages(v: unknown): ChatMessage[] | undefined {
  if (!Array.isArray(v) || !v.every((m) => m && typeof m === 'object')) return undefined;
  return v.map((m: Record<string, unknown>) => {
    const role = String(m.role ?? m.from ?? '');
    return { ...m, role: ROLE_ALIASES[role] ?? role, content: m.content ?? m.value ?? '' } as ChatMessage;
  });
}

/** Apply the script's steps (map, rename, standardize) to the source rows. */
export function rowsThroughSteps(a: ScriptDatasets, state: DatasetState, n: number, ctx: EvalContext, notes: string[]): Array<Record<string, unknown>> | undefined {
  const source = a.datasets.at(state.origin);
  const rows = (source?.rows ?? []).slice(0, n).map((r) => ({ ...r }));
  if (!rows.length) return undefined;
  for (const step of state.steps) if (!applyStep(a, step, rows, ctx, notes)) return rows;
  return rows;
}

/**
 * One step applied to rows in place: `map(fn)` evaluated statically, renames, `standardize_sharegpt`.
 * Other steps (filter, select, shuffle…) leave the rows as they are. False (with a note) when a
 * `map` cannot be evaluated: the rows are then left as the step found them.
 */
export function applyStep(a: ScriptDatasets, step: { node: Node; label: string }, rows: Array<Record<string, unknown>>, ctx: EvalContext, notes: string[]): boolean {
  const call = a.datasets.callAt(step.node);
  const name = call?.method ?? call?.calleeText.split('.').pop();
  if (!call) return true;
  if (name === 'map') {
    const fnArg = (call.positional[0] ?? call.keywords.get('function'))?.value;
    const fn = fnArg?.type === 'lambda' ? fnArg : fnArg?.type === 'identifier' ? a.facts.functions.get(fnArg.text)?.node : undefined;
    if (!fn) { notes.push(`${step.label}: the function is not defined in this script`); return false; }
    const batched = evaluateBool(a.facts, call.keywords.get('batched')?.value) === true;
    if (batched) {
      const cols = Object.fromEntries(Object.keys(rows[0]).map((k) => [k, rows.map((r) => r[k])]));
      const out = callFormattingFunction(fn, cols, ctx);
      if ('error' in out || !out.value || typeof out.value !== 'object') { notes.push(`${step.label}: ${'error' in out ? out.error : 'no dict returned'}`); return false; }
      for (const [k, vs] of Object.entries(out.value as Record<string, unknown>)) if (Array.isArray(vs)) rows.forEach((r, i) => { r[k] = vs[i]; });
    } else {
      for (const r of rows) {
        const out = callFormattingFunction(fn, r, ctx);
        if ('error' in out || !out.value || typeof out.value !== 'object') { notes.push(`${step.label}: ${'error' in out ? out.error : 'no dict returned'}`); return false; }
        Object.assign(r, out.value);
      }
    }
  } else if (name === 'standardize_sharegpt' || name === 'standardize_data_formats') {
    // Unsloth keeps exactly role/content (from/value renamed, roles mapped).
    for (const r of rows) if (r.conversations) r.conversations = toMessages(r.conversations)?.map((m) => ({ role: m.role, content: m.content })) ?? r.conversations;
  } else if (name === 'rename_column') {
    const from = evaluateString(a.facts, call.positional[0]?.value);
    const to = evaluateString(a.facts, call.positional[1]?.value);
    if (from && to) for (const r of rows) { r[to] = r[from]; delete r[from]; }
  }
  return true;
}
