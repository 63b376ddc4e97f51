/**
 * One source row through the trainer's pipeline, exactly as the masking preview does it: the
 * script's steps (`map` evaluated statically, renames, `standardize_sharegpt`, `filter`), the row
 * shape (`planRow`), the chat template, the tokenizer, labels by library and version, truncation.
 * Then what the report counts: lengths, trained tokens, what truncation removed, chat structure.
 * A row that fails anywhere becomes `failed` with the reason; nothing here throws.
 */
import type { Node } from 'web-tree-sitter';
import { applyStep } from '../dataset/rows';
import { callFormattingFunction, type EvalContext } from '../facts/formatting-eval';
import { evaluateBool } from '../facts/values';
import type { Analysis } from '../lint/analysis';
import { planRow, type TrainerPlan } from '../masking/script-plan';
import type { Run } from '../masking/preview';
import { IGNORE_INDEX } from '../masking/sequence';
import type { ChatMessage, PlanRow } from '../masking/types';
import { chatStructureProblems } from './chat-structure';
import { hash64 } from './row-hash';
import type { SourceRow } from './source-rows';
import type { RowStats } from './types';

/** Steps that change which rows there are: the report cannot follow them row by row. */
export const ROW_SELECTING_STEPS = new Set(['select', 'shuffle', 'sort', 'shard', 'take', 'skip', 'train_test_split', 'repeat']);

const stepName = (a: Analysis, node: Node) => { const c = a.datasets.callAt(node); return c?.method ?? c?.calleeText.split('.').pop(); };

/** Why the report cannot follow the trainer's steps at all (a `map` whose function is not in the script), or undefined. */
export function unfollowableStep(a: Analysis, tp: TrainerPlan): string | undefined {
  for (const step of tp.state.steps) {
    const call = a.datasets.callAt(step.node);
    const name = stepName(a, step.node);
    if (name !== 'map' && name !== 'filter') continue;
    const fnArg = (call?.positional[0] ?? call?.keywords.get('function'))?.value;
    const fn = fnArg?.type === 'lambda' ? fnArg : fnArg?.type === 'identifier' ? a.facts.functions.get(fnArg.text)?.node : undefined;
    if (!fn) return `${step.label} (${a.doc.lineLabel(a.source.positionAt(step.node.startIndex).line)}): its function is not defined in this script, so the rows the trainer sees cannot be computed`;
  }
  return undefined;
}

/** Row-selecting steps the report does not apply, as notes. */
export function selectionNotes(a: Analysis, tp: TrainerPlan): string[] {
  return tp.state.steps.filter((s) => ROW_SELECTING_STEPS.has(stepName(a, s.node) ?? ''))
    .map((s) => `${s.label} is not applied: the report covers every row before it (row numbers count rows as loaded)`);
}

function messagesOf(r: PlanRow): ChatMessage[] | undefined {
  if (r.messages) return r.messages;
  if (Array.isArray(r.prompt) && Array.isArray(r.completion)) return [...r.prompt, ...r.completion];
  return undefined;
}

export class RowProcessor {
  private readonly stopIds: ReadonlySet<number>;

  constructor(private readonly a: Analysis, private readonly tp: TrainerPlan, private readonly run: Run, private readonly ctx: EvalContext) {
    this.stopIds = run.stopIds;
  }

  process(src: SourceRow): RowStats {
    const base: RowStats = { index: src.index, tokens: 0, fullTokens: 0, trained: 0, fullTrained: 0, truncated: false, lostAll: false, lostEos: false, hash: [0, 0] };
    let row: Record<string, unknown>;
    try {
      if (src.line !== undefined) {
        const parsed = JSON.parse(src.line) as unknown;
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ...base, failed: 'not a JSON object', hash: hash64(src.line) };
        row = parsed as Record<string, unknown>;
        base.hash = hash64(JSON.stringify(row));
      } else {
        row = { ...(src.row ?? {}) };
        base.hash = hash64(JSON.stringify(row));
      }
    } catch (e) {
      return { ...base, failed: `not valid JSON (${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')})`, hash: hash64(src.line ?? '') };
    }
    try {
      const rows = [row];
      for (const step of this.tp.state.steps) {
        if (stepName(this.a, step.node) === 'filter') {
          const keep = this.filter(step.node, row);
          if (typeof keep === 'string') base.filterUnknown = `${step.label}: ${keep}`;
          else if (!keep) return { ...base, filtered: true };
          continue;
        }
        const notes: string[] = [];
        if (!applyStep(this.a, step, rows, this.ctx, notes)) return { ...base, failed: notes[0] ?? `${step.label} failed` };
      }
      const plan = planRow(rows[0], src.index, this.tp.field);
      if (!plan) return { ...base, failed: `none of "${this.tp.field}", messages, conversations, prompt/completion or input_ids` };
      const messages = messagesOf(plan);
      const structure = messages ? chatStructureProblems(messages) : [];
      return { ...this.measure(plan, base), ...(structure.length ? { structure } : {}) };
    } catch (e) {
      return { ...base, failed: `internal error: ${(e as Error).message}` };
    }
  }

  /** `filter(fn)`: true keeps, false drops, a string says why it cannot be evaluated. */
  private filter(node: Node, row: Record<string, unknown>): boolean | string {
    const call = this.a.datasets.callAt(node);
    const fnArg = (call?.positional[0] ?? call?.keywords.get('function'))?.value;
    const fn = fnArg?.type === 'lambda' ? fnArg : fnArg?.type === 'identifier' ? this.a.facts.functions.get(fnArg.text)?.node : undefined;
    if (!fn) return 'the function is not defined in this script';
    const batched = evaluateBool(this.a.facts, call?.keywords.get('batched')?.value) === true;
    const input = batched ? Object.fromEntries(Object.entries(row).map(([k, v]) => [k, [v]])) : row;
    const out = callFormattingFunction(fn, input, this.ctx);
    if ('error' in out) return out.error;
    const v = batched && Array.isArray(out.value) ? out.value[0] : out.value;
    if (typeof v === 'boolean') return v;
    return 'it does not return a boolean';
  }

  private measure(row: PlanRow, base: RowStats): RowStats {
    const { pipeline } = this.run;
    const enc = pipeline.encode(row);
    if ('error' in enc) return { ...base, failed: enc.error };
    const max = pipeline.maxLength;
    const full = enc.ids;
    const truncated = max !== undefined && full.length > max;
    const ids = truncated ? full.slice(0, max) : full;
    const labels = pipeline.label(enc, ids);
    let trained = 0;
    for (let i = 1; i < labels.length; i++) if (labels[i] !== IGNORE_INDEX) trained++;
    const fullLabels = truncated ? pipeline.label(enc, full) : labels;
    let fullTrained = trained;
    if (truncated) { fullTrained = 0; for (let i = 1; i < fullLabels.length; i++) if (fullLabels[i] !== IGNORE_INDEX) fullTrained++; }
    let lastStop = -1;
    for (let i = full.length - 1; i >= 0 && lastStop < 0; i--) if (this.stopIds.has(full[i])) lastStop = i;
    const lostAll = truncated && trained === 0 && fullTrained > 0;
    const lostEos = truncated && trained > 0 && lastStop >= ids.length && lastStop > 0 && fullLabels[lastStop] !== IGNORE_INDEX;
    const out: RowStats = { ...base, tokens: ids.length, fullTokens: full.length, trained, fullTrained, truncated, lostAll, lostEos };
    if (trained === 0 && !lostAll) out.zeroReason = pipeline.explainUntrained?.(enc, ids) ?? emptyResponse(row) ?? 'every token is masked';
    return out;
  }
}

function emptyResponse(row: PlanRow): string | undefined {
  const m = messagesOf(row);
  if (m?.some((x) => x.role === 'assistant' && typeof x.content === 'string' && x.content.trim() === '')) return 'empty assistant response';
  if (typeof row.completion === 'string' && row.completion.trim() === '') return 'empty completion';
  return undefined;
}
