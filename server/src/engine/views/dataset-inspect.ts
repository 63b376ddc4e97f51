/**
 * Views of the dataset model for the editor: which dataset is at a position, the datasets
 * assigned in a script (inlay hints, code lenses), one-line summaries and preview tables.
 * Plain data out; the language server formats it.
 */
import type { Node } from 'web-tree-sitter';
import type { Analysis } from '../lint/analysis';
import type { DatasetState } from '../dataset/state';
import { rowsThroughSteps, toMessages } from '../dataset/rows';
import { isChat, type ChatRender } from '../facts/formatting-eval';
import { templateSetter } from '../masking/script-plan';
import { bundledTemplate } from '../chat/templates/index';
import { CHATML } from '../chat/templates/chatml';
import { chatSetupCalls, chatSetupHelper, chatSetupTokenizerArg } from '../domain/trl-chat-setup';
import { enclosingFlow, unsharedCondition } from '../domain/branches';
import { inDeadBranch } from '../domain/dead-code';
import { renderChat } from '../chat/render';

export interface DatasetAssignment {
  /** The assignment statement and its target variable. */
  node: Node;
  target: Node;
  variable: string;
  state: DatasetState;
}

/** Every `x = <dataset expression>` in the script, in order. */
export function datasetAssignments(a: Analysis): DatasetAssignment[] {
  const out: DatasetAssignment[] = [];
  for (const asg of a.facts.assignments) {
    if (asg.subscriptKey !== undefined || asg.unpackIndex !== undefined || asg.target.includes('.')) continue;
    const state = a.datasets.at(asg.value);
    if (state) out.push({ node: asg.node, target: asg.targetNode, variable: asg.target, state });
  }
  return out;
}

/** The dataset an identifier (or the assignment on the cursor's line) denotes at `offset`. */
/** The dataset a name denotes: the value it is given when it is an assignment target, else its value there. */
export function datasetOfIdentifier(a: Analysis, leaf: Node): DatasetState | undefined {
  return datasetAssignments(a).find((d) => d.target.id === leaf.id)?.state ?? a.datasets.at(leaf);
}

export function datasetAt(a: Analysis, offset: number): { node: Node; variable: string; state: DatasetState } | undefined {
  const leaf = a.syntax.descendantForIndex(offset, offset);
  if (leaf?.type === 'identifier') {
    const state = datasetOfIdentifier(a, leaf);
    if (state) return { node: leaf, variable: leaf.text, state };
  }
  const line = a.source.positionAt(offset).line;
  const all = datasetAssignments(a);
  const containing = all.filter((d) => d.node.startIndex <= offset && offset <= d.node.endIndex);
  const onLine = all.filter((d) => a.source.positionAt(d.node.startIndex).line === line);
  const hit = containing[containing.length - 1] ?? onLine[onLine.length - 1];
  return hit && { node: hit.target, variable: hit.variable, state: hit.state };
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `instruction, input, output · 51,760 rows` (`· from trainlint's table of known datasets` when it says so), or undefined when the columns are unknown. */
export function summary(state: DatasetState): string | undefined {
  if (!state.columns) return undefined;
  const cols = state.columns.length ? state.columns.join(', ') : 'no columns';
  const rows = state.rowCount !== undefined ? ` · ${formatCount(state.rowCount)} row${state.rowCount === 1 ? '' : 's'}` : '';
  const from = state.provenance ? ` · from ${state.provenance.label}` : '';
  return `${cols}${rows}${state.isDict ? ' · splits' : ''}${from}`;
}

/** For a hover: where the source columns were read when not from the data (the table and its evidence). */
export function provenanceLines(state: DatasetState): string[] {
  const p = state.provenance;
  if (!p) return [];
  if (p.kind === 'notebook-output') {
    return [
      `Not in the local Hugging Face cache: the columns of ${p.dataset}${p.config !== 'default' ? ` (config "${p.config}")` : ''} are as printed by ${p.label} (the notebook's own run of this load; the saved output may be older than the code). A local file or a cached copy always wins.`,
      ...p.evidence.map((e) => `- read from: ${e}`),
    ];
  }
  return [
    `Not in the local Hugging Face cache: the columns of ${p.dataset}${p.config !== 'default' ? ` (config "${p.config}")` : ''} come from ${p.label} (checked ${p.checked}). A local file or a cached copy always wins.`,
    ...p.evidence.map((e) => `- read from: ${e}`),
  ];
}

/** Short text of a cell value for tables (long values cut). */
export function cellText(v: unknown, max = 80): string {
  let s: string;
  if (v === undefined) s = '';
  else if (typeof v === 'string') s = v;
  else { try { s = JSON.stringify(v); } catch { s = String(v); } }
  s = s.replace(/\s+/g, ' ');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export interface DatasetPreviewData {
  variable: string;
  origin: string;
  columns: Array<{ name: string; type?: string }>;
  rows: Array<Record<string, unknown>>;
  rowCount?: number;
  /** Steps from the source to this point; `where` is `line 12`, or `cell 3, line 2` in a notebook. */
  steps: Array<{ label: string; line: number; where: string }>;
  /** Steps whose effect is unknown and notes about the source. */
  notes: string[];
}

/** How `tokenizer.eos_token` / `bos_token` appear in previewed text (the real token depends on the tokenizer). */
const SPECIAL_PLACEHOLDERS = { eosToken: '⟨eos_token⟩', bosToken: '⟨bos_token⟩' };

/**
 * `apply_chat_template(…, tokenize=False)` values rendered with the template their tokenizer has at the dataset's last
 * step: the script's (a `chat_template` assignment, Unsloth's `get_chat_template`) when trainlint ships it, unless TRL's
 * `setup_chat_format` (ChatML) or `clone_chat_template` (another tokenizer's, not read here) changed that tokenizer's
 * template since. A helper that may or may not run before the step leaves the messages unrendered, and a note says why.
 */
function chatRenderer(a: Analysis, state: DatasetState): { render: (v: ChatRender) => unknown; notes: string[] } {
  const step = state.steps[state.steps.length - 1]?.node ?? state.origin;
  const at = step.startIndex;
  const setter = templateSetter(a, at);
  const scripts = setter.template?.source ?? (setter.template?.name ? bundledTemplate(setter.template.name)?.source : undefined);
  const setups = chatSetupCalls(a.facts).filter((c) => c.node.startIndex > setter.at && c.node.startIndex < at && !inDeadBranch(a.facts, c.node));
  const notes: string[] = [];
  const byTokenizer = new Map<string, string | undefined>();
  const templateFor = (tokenizer: string | undefined): string | undefined => {
    if (tokenizer === undefined || !setups.length) return scripts;
    if (byTokenizer.has(tokenizer)) return byTokenizer.get(tokenizer);
    let source = scripts;
    // The last helper call on this tokenizer that may run (a condition the script decides false leaves it out).
    const found = setups.filter((c) => chatSetupTokenizerArg(c)?.text === tokenizer)
      .map((c) => ({ call: c, condition: unsharedCondition(a.facts, c.node, step) }))
      .filter((x) => x.condition !== false).pop();
    if (found) {
      const { call, condition } = found;
      const helper = chatSetupHelper(call);
      const where = a.doc.lineLabel(a.source.positionAt(call.node.startIndex).line);
      const flow = enclosingFlow(call.node, step);
      if (condition || flow) {
        source = undefined;
        const when = condition ? `only if ${condition}` : flow === 'loop' ? 'in a loop' : flow === 'handler' ? 'only when an exception is handled' : 'in a `try` that may stop before it';
        notes.push(`${helper} (${where}) runs ${when}, so the chat template of \`${tokenizer}\` at this step is not known: chat cells show the messages.`);
      } else if (helper === 'setup_chat_format') {
        source = CHATML;
        notes.push(`Chat cells are rendered with ChatML, the template TRL's setup_chat_format (${where}) gives \`${tokenizer}\`.`);
      } else {
        source = undefined;
        notes.push(`clone_chat_template (${where}) gives \`${tokenizer}\` another tokenizer's template, which the preview does not read: chat cells show the messages.`);
      }
    }
    byTokenizer.set(tokenizer, source);
    return source;
  };
  const render = (v: ChatRender): unknown => {
    const messages = toMessages(v.chat);
    const source = templateFor(v.tokenizer);
    if (!source || !messages) return { apply_chat_template: v.chat };
    const r = renderChat(source, messages, { ...SPECIAL_PLACEHOLDERS, addGenerationPrompt: v.addGenerationPrompt });
    return r.ok ? r.text : { apply_chat_template: v.chat, error: r.error };
  };
  return { render, notes };
}

/** Everything the preview table shows for one dataset, with `map()` steps evaluated on the rows where possible. */
export function previewData(a: Analysis, variable: string, state: DatasetState, maxRows = 100): DatasetPreviewData {
  const notes = [...state.unresolved];
  if (state.sourceNote) notes.push(state.sourceNote);
  const stepNotes: string[] = [];
  const evaluated = state.columns ? rowsThroughSteps(a, state, maxRows, { facts: a.facts, ...SPECIAL_PLACEHOLDERS }, stepNotes) : undefined;
  for (const n of stepNotes) notes.push(`Not evaluated: ${n}; later columns are computed at run time.`);
  const chat = chatRenderer(a, state);
  const rows = (evaluated ?? state.rows ?? []).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, isChat(v) ? chat.render(v) : v])));
  notes.push(...chat.notes);
  return {
    variable,
    origin: state.originLabel,
    columns: (state.columns ?? []).map((name) => ({ name, type: state.types?.[name] })),
    rows,
    rowCount: state.rowCount,
    steps: state.steps.map((s) => { const line = a.source.positionAt(s.node.startIndex).line; return { label: s.label, line, where: a.doc.lineLabel(line) }; }),
    notes,
  };
}
