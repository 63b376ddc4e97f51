/**
 * HTML for the dataset report panel: the token-length histogram as an inline SVG chart (theme
 * colours, `max_length` marked), the summary, the findings tables and the longest rows. Row numbers
 * are `command:` links that open the loss-masking preview at that row. No scripts; every value escaped.
 */
import type { CountedRows, DatasetReport, RowRef } from '../../server/src/engine/report/types';
import { escapeHtml } from './webview-html';

const STYLE = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); background: var(--vscode-editor-background); }
table { border-collapse: collapse; font-size: var(--vscode-font-size); margin: 4px 0 12px; }
th, td { border: 1px solid var(--vscode-panel-border); padding: 2px 8px; text-align: left; vertical-align: top; }
th { background: var(--vscode-editorWidget-background); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: var(--vscode-descriptionForeground); }
.warn { color: var(--vscode-editorWarning-foreground); }
.bad { color: var(--vscode-editorError-foreground); font-weight: bold; }
a { color: var(--vscode-textLink-foreground); }
svg .bar { fill: var(--vscode-charts-blue, #3794ff); }
svg .bar.over { fill: var(--vscode-charts-orange, #d18616); }
svg .limit { stroke: var(--vscode-charts-red, #f14c4c); stroke-width: 2; stroke-dasharray: 4 3; }
svg text { fill: var(--vscode-descriptionForeground); font-size: 11px; font-family: var(--vscode-font-family); }
svg .axis { stroke: var(--vscode-panel-border, #888); }
`;

const n = (x: number) => x.toLocaleString('en-US');

export interface ReportLinks { uri: string; position: { line: number; character: number }; trainer: number }

function rowLink(links: ReportLinks, row: number): string {
  const args = encodeURIComponent(JSON.stringify([links.uri, links.position, links.trainer, row]));
  return `<a href="command:trainlint.previewMasking?${args}" title="Open the loss-masking preview at row ${row}">${row}</a>`;
}

/** The histogram as an SVG bar chart; bars past max_length in the warning colour, the limit as a dashed line. */
export function histogramSvg(r: DatasetReport): string {
  const { edges, counts } = r.histogram;
  const W = 640, H = 180, left = 48, bottom = 24, top = 8;
  const plotW = W - left - 8, plotH = H - bottom - top;
  const maxCount = Math.max(1, ...counts);
  const span = edges[edges.length - 1] || 1;
  const x = (v: number) => left + (v / span) * plotW;
  const bars = counts.map((c, i) => {
    const h = (c / maxCount) * plotH;
    const over = r.maxLength !== undefined && edges[i + 1] > r.maxLength + 1;
    return `<rect class="bar${over ? ' over' : ''}" x="${x(edges[i]).toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${Math.max(1, x(edges[i + 1]) - x(edges[i]) - 1).toFixed(1)}" height="${h.toFixed(1)}"><title>${n(edges[i])}–${n(edges[i + 1] - 1)} tokens: ${n(c)} rows</title></rect>`;
  }).join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => `<text x="${x(f * span).toFixed(1)}" y="${H - 6}" text-anchor="middle">${n(Math.round(f * span))}</text>`).join('');
  const limit = r.maxLength !== undefined && r.maxLength <= span
    ? `<line class="limit" x1="${x(r.maxLength).toFixed(1)}" x2="${x(r.maxLength).toFixed(1)}" y1="${top}" y2="${top + plotH}"/><text x="${(x(r.maxLength) + 4).toFixed(1)}" y="${top + 12}">max_length ${n(r.maxLength)}</text>`
    : '';
  return `<svg class="histogram" role="img" aria-label="Token-length histogram" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">
<line class="axis" x1="${left}" x2="${W - 8}" y1="${top + plotH}" y2="${top + plotH}"/><text x="${left - 6}" y="${top + 10}" text-anchor="end">${n(maxCount)}</text><text x="${left - 6}" y="${top + plotH}" text-anchor="end">0</text>
${bars}${limit}${ticks}</svg>`;
}

function rows(links: ReportLinks, list: RowRef[]): string {
  return list.map((x) => `${rowLink(links, x.row)}${x.detail ? ` <span class="note">(${escapeHtml(x.detail)})</span>` : ''}`).join(', ');
}

function findingRow(links: ReportLinks, label: string, c: CountedRows, of: number, approx: string, bad = false): string {
  const pct = of ? `${((100 * c.count) / of).toFixed(1)}%` : '';
  return `<tr><td>${escapeHtml(label)}</td><td class="num${bad && c.count ? ' bad' : ''}">${approx}${n(c.count)}</td><td class="num">${pct}</td><td>${rows(links, c.rows.slice(0, 20))}${c.count > c.rows.slice(0, 20).length ? ' …' : ''}</td></tr>`;
}

export function reportHtml(r: DatasetReport, links: ReportLinks): string {
  const a = r.approximate ? '≈' : '';
  const status = r.done ? '' : r.cancelled ? `<p class="warn">Cancelled after ${n(r.rows)} rows: the counts cover those rows only.</p>`
    : `<p class="note">Running… ${n(r.progress.rows)}${r.progress.total ? ` of ${n(r.progress.total)}` : ''} rows (${(r.progress.elapsedMs / 1000).toFixed(1)} s)</p>`;
  const approx = r.approximate ? '<p class="bad">APPROXIMATE: the tokenizer is not in the local cache; every token count is a word-level estimate, not what the trainer will see.</p>' : '';
  const warnings = r.warnings.map((w) => `<p class="warn">⚠ ${escapeHtml(w)}</p>`).join('');
  const summary = `<table>
<tr><th>rows</th><td class="num">${n(r.rows)}</td><td class="note">measured ${n(r.measured)}${r.filtered ? `, filtered out ${n(r.filtered)}` : ''}${r.failed.count ? `, failed ${n(r.failed.count)}` : ''}</td></tr>
<tr><th>tokens per epoch</th><td class="num">${a}${n(r.tokens.total)}</td><td class="note">trained ${a}${n(r.tokens.trained)}</td></tr>
<tr><th>length p50 / p90 / p99 / max</th><td class="num">${a}${n(r.tokens.p50)} / ${n(r.tokens.p90)} / ${n(r.tokens.p99)} / ${n(r.tokens.max)}</td><td class="note">${r.maxLength !== undefined ? `max_length ${n(r.maxLength)}` : 'no truncation'}</td></tr>
<tr><th>steps per epoch</th><td class="num">${r.steps.stepsPerEpoch !== undefined ? `${a}${n(r.steps.stepsPerEpoch)}` : 'unknown'}</td><td class="note">${r.steps.totalSteps !== undefined ? `${a}${n(r.steps.totalSteps)} in total; ` : ''}${escapeHtml(r.steps.notes.join('; '))}</td></tr>
</table>`;
  const findings = `<table><tr><th>finding</th><th>rows</th><th></th><th>rows (click: masking preview at that row)</th></tr>
${findingRow(links, 'truncated at max_length', r.truncated, r.measured, a)}
${findingRow(links, '… lose every trained token', r.lostAllTrained, r.measured, a, true)}
${findingRow(links, '… lose their final end-of-turn', r.lostFinalEos, r.measured, a, true)}
${findingRow(links, `no trained token (${r.zeroTrained.reasons.slice(0, 2).map((x) => x.reason).join('; ') || 'other reasons'})`, r.zeroTrained, r.measured, a)}
${r.structure.map((s) => findingRow(links, `chat structure: ${s.label}`, s, r.measured, '')).join('\n')}
${findingRow(links, 'exact duplicates', r.duplicates, r.rows, '')}
${findingRow(links, `fail to format or tokenize${r.failed.reasons[0] ? ` (${r.failed.reasons[0].reason})` : ''}`, r.failed, r.rows, '')}
</table>`;
  const longest = r.longest.length
    ? `<h4>Longest rows</h4><table><tr><th>row</th><th>tokens</th></tr>${r.longest.map((x) => `<tr><td>${rowLink(links, x.row)}</td><td class="num">${a}${n(x.tokens)}</td></tr>`).join('')}</table>`
    : '';
  const body = `<h3>${escapeHtml(r.title)}</h3><p class="note">tokenizer: ${escapeHtml(r.tokenizer)}</p>${status}${approx}${warnings}
<h4>Token lengths (before truncation)</h4>${histogramSvg(r)}${summary}<h4>Findings</h4>${findings}${longest}`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<title>${escapeHtml(r.title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}
