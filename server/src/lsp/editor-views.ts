/**
 * Inlay hints, hovers and code lenses about the data a script uses, built from the document's
 * analysis (no extra parse, no disk: data comes from the cache the diagnostics filled).
 */
import {
  InlayHintKind, MarkupKind, type CodeLens, type Hover, type InlayHint, type Position, type Range,
} from 'vscode-languageserver';
import type { Analysis } from '../engine/lint/analysis';
import { cellText, datasetAssignments, datasetAt, datasetOfIdentifier, provenanceLines, summary, type DatasetPreviewData, previewData } from '../engine/views/dataset-inspect';
import type { DatasetState } from '../engine/dataset/state';
import { planMarkdown, trainerAtOffset, trainingPlan } from '../engine/views/training-plan';

export function inlayHints(a: Analysis, range: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const d of datasetAssignments(a)) {
    const end = a.source.positionAt(d.node.endIndex);
    if (end.line < range.start.line || end.line > range.end.line) continue;
    const text = summary(d.state);
    if (!text) continue;
    hints.push({ position: end, label: `  ${text}`, kind: InlayHintKind.Type, paddingLeft: true, tooltip: `Columns of ${d.variable} here (${d.state.originLabel})${d.state.provenance ? `; the columns of ${d.state.provenance.dataset} come from ${d.state.provenance.label}, not from the data` : ''}` });
  }
  return hints;
}

function table(state: DatasetState, columns: string[], rows = 5): string {
  const head = `| ${columns.map((c) => `${c}${state.types?.[c] ? ` *${state.types[c]}*` : ''}`).join(' | ')} |`;
  const sep = `|${columns.map(() => '---').join('|')}|`;
  const body = (state.rows ?? []).slice(0, rows).map((r) => `| ${columns.map((c) => cellText(r[c], 40).replace(/\|/g, '\\|')).join(' | ')} |`);
  return [head, sep, ...body].join('\n');
}

function describe(state: DatasetState, title: string): string {
  const parts = [`**${title}** — ${state.originLabel}`];
  const s = summary(state);
  if (s && state.columns) {
    parts.push(s);
    if (state.columns.length) parts.push(table(state, state.columns));
    const from = provenanceLines(state);
    if (from.length) parts.push(from.join('\n'));
  } else {
    parts.push(`Columns unknown${state.sourceNote ? `: ${state.sourceNote}` : ''}${state.unresolved.length ? ` (${state.unresolved.join('; ')})` : ''}.`);
  }
  return parts.join('\n\n');
}

/** The string literal at `offset` when it names a column of some dataset in the script. */
function columnHover(a: Analysis, offset: number): Hover | undefined {
  let node = a.syntax.descendantForIndex(offset, offset);
  while (node && node.type !== 'string' && node.parent && node.type !== 'module') node = node.parent;
  if (!node || node.type !== 'string') return undefined;
  const name = node.text.replace(/^[rbuf]*("""|'''|"|')/i, '').replace(/("""|'''|"|')$/, '');
  const owners = datasetAssignments(a).filter((d) => d.state.columns?.includes(name) && d.node.startIndex <= offset + 1e9);
  const owner = owners.filter((d) => d.node.startIndex < offset).pop() ?? owners[0];
  if (!owner) return undefined;
  const st = owner.state;
  const type = st.types?.[name];
  const values = (st.rows ?? []).slice(0, 5).map((r) => `- ${cellText(r[name], 100) || '∅'}`).join('\n');
  return {
    contents: { kind: MarkupKind.Markdown, value: `**column \`${name}\`**${type ? ` · \`${type}\`` : ''} of \`${owner.variable}\` (${st.originLabel})${st.provenance ? ` · from ${st.provenance.label}` : ''}${values ? `\n\n${values}` : ''}` },
    range: { start: a.source.positionAt(node.startIndex), end: a.source.positionAt(node.endIndex) },
  };
}

export function hover(a: Analysis, pos: Position): Hover | null {
  const offset = a.source.offsetAt(pos);
  const leaf = a.syntax.descendantForIndex(offset, offset);
  // The trainer's class name: what this trainer will do, as far as the script fixes it.
  const trainer = trainerAtOffset(a, offset);
  if (trainer) return { contents: { kind: MarkupKind.Markdown, value: planMarkdown(trainingPlan(a, trainer)) }, range: a.source.nodeRange(trainer.call.callee) };
  if (leaf?.type === 'identifier') {
    const state = datasetOfIdentifier(a, leaf);
    if (state) {
      return { contents: { kind: MarkupKind.Markdown, value: describe(state, leaf.text) }, range: a.source.nodeRange(leaf) };
    }
  }
  return columnHover(a, offset) ?? null;
}

export function codeLenses(a: Analysis, uri: string): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const d of datasetAssignments(a)) {
    const pos = a.source.positionAt(d.node.startIndex);
    lenses.push({ range: { start: pos, end: pos }, command: { title: 'Preview Dataset', command: 'trainlint.previewDataset', arguments: [uri, pos] } });
  }
  for (const t of a.trainers) {
    const pos = a.source.positionAt((t.variable ? t.call.node.parent ?? t.call.node : t.call.node).startIndex);
    lenses.push({ range: { start: pos, end: pos }, command: { title: 'Preview Loss Masking', command: 'trainlint.previewMasking', arguments: [uri, pos] } });
    lenses.push({ range: { start: pos, end: pos }, command: { title: 'Dataset Report', command: 'trainlint.datasetReport', arguments: [uri, pos] } });
  }
  return lenses;
}

export function datasetPreview(a: Analysis, pos: Position): DatasetPreviewData | undefined {
  const hit = datasetAt(a, a.source.offsetAt(pos));
  return hit && previewData(a, hit.variable, hit.state);
}
