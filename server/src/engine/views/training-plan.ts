/**
 * What a trainer of the script will do, as far as the script proves it: the model and its adapters, the data, how
 * many sequences make one optimizer step, how long training runs, the learning rate and the precision. Shown when
 * the user hovers a trainer's class name (`lsp/editor-views.ts`). Every value is read from the script the way the
 * rules read it; a value the script does not fix says so ("?" or "library default") instead of guessing, and library
 * defaults are only named where they have not changed across the versions trainlint knows.
 */
import type { Node } from 'web-tree-sitter';
import type { Analysis } from '../lint/analysis';
import { describeVersion } from '../env/versions';
import { evaluate, evaluateNumber, evaluateString, evaluateStringList } from '../facts/values';
import type { CallFact } from '../facts/types';
import { traceFamily, traceModel } from '../domain/model-trace';
import { trainerModelArg } from '../domain/models';
import { wrapLabel } from '../domain/peft-wraps';
import { lookupArg } from '../domain/training-args';
import { callOf, isSftLike, trainerArg, trainerPackage, type TrainerFact } from '../domain/trainers';
import { formatCount, summary } from './dataset-inspect';

export interface PlanLine { label: string; text: string }
export interface TrainingPlan { title: string; lines: PlanLine[] }

const PACKAGE_NAMES: Record<string, string> = { trl: 'TRL', transformers: 'transformers', unsloth: 'Unsloth' };

/** The trainer whose class name (the callee of its call) is at `offset`. */
export function trainerAtOffset(a: Analysis, offset: number): TrainerFact | undefined {
  return a.trainers.find((t) => t.call.callee.startIndex <= offset && offset <= t.call.callee.endIndex);
}

/** A number the trainer's arguments fix: the value, `default` when absent and sure, undefined when unknown. */
function numberArg(a: Analysis, t: TrainerFact, name: string, fallback?: number): { value?: number; given: boolean } {
  const found = lookupArg(a.facts, t, name);
  if (found.arg) return { value: evaluateNumber(a.facts, found.arg.value), given: true };
  return { value: found.unknown ? undefined : fallback, given: false };
}

function show(v: { value?: number; given: boolean }, what = ''): string {
  if (v.value === undefined) return '?';
  return `${formatNumber(v.value)}${what}${v.given ? '' : ' (default)'}`;
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return formatCount(n);
  return Math.abs(n) < 1e-3 ? n.toExponential().replace(/e([-+])(\d)$/, 'e$10$2').replace('e-0', 'e-') : String(n);
}

/** The plan as Markdown (a hover). */
export function planMarkdown(plan: TrainingPlan): string {
  return [plan.title, '', ...plan.lines.map((l) => `- **${l.label}**: ${l.text}`), '', '*What the script fixes; `?`: not fixed by the script (a command-line value, a config that cannot be read).*'].join('\n');
}

/** The plan of trainer `t`. */
export function trainingPlan(a: Analysis, t: TrainerFact): TrainingPlan {
  const pkg = trainerPackage(t);
  const version = a.env.get(pkg);
  const via = t.subclass ? ` through the script's \`${t.call.calleeText}\`` : '';
  const title = `**${t.kind}**${via} — ${version ? describeVersion(PACKAGE_NAMES[pkg] ?? pkg, version) : `${PACKAGE_NAMES[pkg] ?? pkg}, version unknown`}${a.unsloth.patches && pkg === 'trl' ? ', patched by Unsloth' : ''}`;
  const lines: PlanLine[] = [];
  lines.push({ label: 'Model', text: modelLine(a, t) });
  lines.push({ label: 'Train data', text: dataLine(a, t, 'train_dataset') });
  const evalArg = lookupArg(a.facts, t, 'eval_dataset');
  if (evalArg.arg || evalArg.unknown) lines.push({ label: 'Eval data', text: evalArg.arg ? dataLine(a, t, 'eval_dataset') : '?' });
  const bs = numberArg(a, t, 'per_device_train_batch_size', 8);
  const ga = numberArg(a, t, 'gradient_accumulation_steps', 1);
  const perStep = bs.value !== undefined && ga.value !== undefined ? ` = ${formatCount(bs.value * ga.value)} sequences per GPU` : '';
  lines.push({ label: 'Per optimizer step', text: `${show(bs)} × ${show(ga, ' accumulated')}${perStep}` });
  const packing = lookupArg(a.facts, t, 'packing');
  const packed = packing.arg ? evaluate(a.facts, packing.arg.value) : undefined;
  // Rows are sequences only when nothing packs them (no `packing`, or `packing=False`).
  const unpacked = !packing.unknown && (!packed || (packed.kind === 'bool' && !packed.value));
  if (isSftLike(t)) {
    const length = lookupArg(a.facts, t, 'max_length').arg ?? lookupArg(a.facts, t, 'max_seq_length').arg;
    const len = length ? evaluateNumber(a.facts, length.value) : undefined;
    const parts = [length ? `\`${length.name}\` ${len !== undefined ? formatCount(len) : '?'}` : 'length: the config\'s default'];
    if (packed?.kind === 'bool') parts.push(packed.value ? 'packed' : 'not packed');
    lines.push({ label: 'Sequences', text: parts.join(', ') });
  }
  lines.push({ label: 'Length', text: lengthLine(a, t, bs.value, ga.value, unpacked) });
  lines.push({ label: 'Optimizer', text: optimizerLine(a, t) });
  lines.push({ label: 'Precision', text: precisionLine(a, t) });
  return { title, lines };
}

function modelLine(a: Analysis, t: TrainerFact): string {
  const arg = trainerModelArg(t.call);
  if (!arg) return '?';
  const trace = traceModel(a.facts, a.callsByNode, arg.value);
  const id = trace.load?.id ?? trace.id;
  const family = traceFamily(trace);
  const parts = [id ? `\`${id}\`` : `\`${arg.value.text.slice(0, 60)}\``];
  if (family) parts.push(family.display);
  if (trace.load?.quantized) parts.push('quantized');
  const lora = trace.wraps.map((w) => adapterText(a, w.call) ?? `adapters by \`${wrapLabel(w)}\``);
  const peftConfig = lookupArg(a.facts, t, 'peft_config').arg;
  if (peftConfig && peftConfig.value.type !== 'none') lora.push(`${adapterText(a, callOf(a.facts, a.callsByNode, peftConfig.value), true) ?? 'adapters from `peft_config`'} (added by the trainer)`);
  return [...parts, ...lora].join(' · ');
}

/** `LoRA r=16, α=32 on q_proj, v_proj` from a LoraConfig call or Unsloth's get_peft_model keywords. */
function adapterText(a: Analysis, call: CallFact | undefined, isConfig = false): string | undefined {
  if (!call) return undefined;
  let cfg: CallFact | undefined = call;
  if (!isConfig && !/get_peft_model$/.test(call.calleeText)) return undefined;
  if (!isConfig && !call.calleeText.includes('FastLanguageModel') && !call.calleeText.includes('FastModel')) {
    const c = call.positional[1]?.value ?? call.keywords.get('peft_config')?.value;
    cfg = c ? callOf(a.facts, a.callsByNode, c) : undefined;
  }
  if (!cfg) return undefined;
  const r = cfg.keywords.get('r');
  const alpha = cfg.keywords.get('lora_alpha');
  const targets = cfg.keywords.get('target_modules');
  const rv = r ? evaluateNumber(a.facts, r.value) : undefined;
  const av = alpha ? evaluateNumber(a.facts, alpha.value) : undefined;
  const tv = targets ? evaluateStringList(a.facts, targets.value) ?? evaluateString(a.facts, targets.value) : undefined;
  const parts = [`LoRA r=${r ? rv ?? '?' : '8 (default)'}`, `α=${alpha ? av ?? '?' : '8 (default)'}`];
  const on = Array.isArray(tv) ? tv.join(', ') : tv;
  return `${parts.join(', ')}${on ? ` on ${on}` : ''}`;
}

function dataLine(a: Analysis, t: TrainerFact, name: string): string {
  const arg = trainerArg(t, name);
  if (!arg) return lookupArg(a.facts, t, name).unknown ? '?' : 'none';
  const state = a.datasets.at(arg.value);
  if (!state) return `\`${arg.value.text.slice(0, 60)}\``;
  return `\`${arg.value.text.slice(0, 60)}\` — ${summary(state) ?? `columns unknown${state.sourceNote ? ` (${state.sourceNote})` : ''}`} · ${state.originLabel}`;
}

function lengthLine(a: Analysis, t: TrainerFact, bs: number | undefined, ga: number | undefined, unpacked: boolean): string {
  const steps = numberArg(a, t, 'max_steps', -1);
  if (steps.value !== undefined && steps.value > 0) return `${formatCount(steps.value)} optimizer steps (\`max_steps\`)`;
  if (steps.value === undefined) return '?';
  const epochs = numberArg(a, t, 'num_train_epochs', 3);
  const text = `${show(epochs)} epoch${epochs.value === 1 ? '' : 's'}`;
  const arg = trainerArg(t, 'train_dataset');
  const rows = arg ? a.datasets.at(arg.value)?.rowCount : undefined;
  if (rows === undefined || bs === undefined || ga === undefined || epochs.value === undefined || !unpacked) return text;
  // transformers: len(dataloader) = ceil(rows / batch); one update per `ga` batches, the last partial group counting.
  const batches = Math.ceil(rows / bs);
  const perEpoch = Math.max(Math.ceil(batches / ga), 1);
  const total = Math.ceil(perEpoch * epochs.value);
  return `${text} ≈ ${formatCount(total)} optimizer step${total === 1 ? '' : 's'} on one GPU (${formatCount(perEpoch)} per epoch; fewer on several)`;
}

function optimizerLine(a: Analysis, t: TrainerFact): string {
  const lr = lookupArg(a.facts, t, 'learning_rate');
  // TrainingArguments' own defaults; a TRL config sets its own (SFTConfig, DPOConfig, GRPOConfig differ by version).
  const plain = !t.config || /(^|\.)(Seq2Seq)?TrainingArguments$/.test(t.config.qualified ?? '');
  const lrText = lr.arg ? formatValue(a, lr.arg.value) : lr.unknown ? '?' : plain ? '5e-5 (default)' : 'the config\'s default';
  const sched = lookupArg(a.facts, t, 'lr_scheduler_type');
  const schedText = sched.arg ? evaluateString(a.facts, sched.arg.value) ?? '?' : sched.unknown ? '?' : plain ? 'linear (default)' : undefined;
  const warmup = lookupArg(a.facts, t, 'warmup_ratio').arg ?? lookupArg(a.facts, t, 'warmup_steps').arg;
  const warmText = warmup ? `warmup \`${warmup.name}\` ${formatValue(a, warmup.value)}` : undefined;
  const optim = lookupArg(a.facts, t, 'optim').arg;
  return [`learning rate ${lrText}`, schedText && `${schedText} schedule`, warmText, optim && `\`optim\` ${formatValue(a, optim.value)}`].filter(Boolean).join(' · ');
}

function formatValue(a: Analysis, node: Node): string {
  const v = evaluate(a.facts, node);
  if (v.kind === 'num') return formatNumber(v.value);
  if (v.kind === 'str') return `"${v.value}" (a string)`;
  if (v.kind === 'bool') return v.value ? 'True' : 'False';
  return '?';
}

function precisionLine(a: Analysis, t: TrainerFact): string {
  const flags: string[] = [];
  let unknown = false;
  for (const name of ['bf16', 'fp16', 'tf32']) {
    const found = lookupArg(a.facts, t, name);
    if (!found.arg) { unknown ||= found.unknown; continue; }
    const v = evaluate(a.facts, found.arg.value);
    if (v.kind === 'bool') { if (v.value) flags.push(name); } else flags.push(`${name}=?`);
  }
  const gc = lookupArg(a.facts, t, 'gradient_checkpointing').arg;
  const gcv = gc ? evaluate(a.facts, gc.value) : undefined;
  const parts = [flags.length ? flags.join(', ') : unknown ? '?' : 'no mixed precision set'];
  if (gcv?.kind === 'bool' && gcv.value) parts.push('gradient checkpointing');
  return parts.join(' · ');
}
