/**
 * HTML for the preview panels: a dataset table and the loss-masking token view. Theme colours
 * come from VS Code's CSS variables; every value is escaped; no scripts run in the panels.
 */
import type { DatasetPreviewResult } from '../../server/src/lsp/protocol';
import type { MaskingPreview } from '../../server/src/engine/masking/types';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}

const STYLE = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); background: var(--vscode-editor-background); }
table { border-collapse: collapse; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
th, td { border: 1px solid var(--vscode-panel-border); padding: 2px 6px; vertical-align: top; text-align: left; max-width: 40em; }
th { background: var(--vscode-editorWidget-background); position: sticky; top: 0; }
th small { color: var(--vscode-descriptionForeground); font-weight: normal; }
.note { color: var(--vscode-descriptionForeground); }
.warn { color: var(--vscode-editorWarning-foreground); }
.tokens { font-family: var(--vscode-editor-font-family); white-space: pre-wrap; line-height: 1.9; }
.tok { border-radius: 2px; padding: 1px 0; }
.trained { background: var(--vscode-diffEditor-insertedTextBackground, rgba(0,160,0,.25)); outline: 1px solid var(--vscode-gitDecoration-addedResourceForeground, green); }
.masked { color: var(--vscode-disabledForeground, #888); }
.legend span { margin-right: 1.5em; }
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

function cell(v: unknown): string {
  let s: string;
  if (v === undefined || v === null) s = '';
  else if (typeof v === 'string') s = v;
  else { try { s = JSON.stringify(v); } catch { s = String(v); } }
  return escapeHtml(s.length > 500 ? `${s.slice(0, 499)}…` : s);
}

export function datasetHtml(p: DatasetPreviewResult): string {
  if ('error' in p) return page('Dataset', `<p class="warn">${escapeHtml(p.error)}</p>`);
  const head = p.columns.map((c) => `<th>${escapeHtml(c.name)}${c.type ? `<br><small>${escapeHtml(c.type)}</small>` : ''}</th>`).join('');
  const rows = p.rows.map((r) => `<tr>${p.columns.map((c) => `<td>${cell(r[c.name])}</td>`).join('')}</tr>`).join('\n');
  const count = p.rowCount !== undefined ? `${p.rowCount.toLocaleString('en-US')} rows` : 'row count unknown';
  const steps = p.steps.length ? `<p class="note">Steps: ${p.steps.map((s) => `${escapeHtml(s.label)} (${escapeHtml(s.where)})`).join(' → ')}</p>` : '';
  const notes = p.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
  const table = p.columns.length ? `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>` : '<p class="warn">Columns unknown at this point of the script.</p>';
  return page(`Dataset ${p.variable}`, `<h3>${escapeHtml(p.variable)} <small class="note">${escapeHtml(p.origin)} · ${count} · showing ${p.rows.length}</small></h3>${steps}${notes}${table}`);
}

export function maskingHtml(p: MaskingPreview & { tokensPending?: string }, title: string): string {
  const approx = p.tokensPending
    ? `approximate tokens while the tokenizer of ${escapeHtml(p.tokensPending)} loads: the real tokens replace them in a moment`
    : 'approximate: no tokenizer found, character-level preview';
  const legend = `<p class="legend"><span class="tok trained">trained</span><span class="tok masked">-100 (masked)</span>${p.approximate ? `<span class="warn">${approx}</span>` : ''}</p>`;
  const warnings = p.warnings.map((w) => `<p class="warn">⚠ ${escapeHtml(w)}</p>`).join('');
  const setup = [p.template ? `Chat template: ${p.template}` : '', ...(p.tokenizerChanges ?? []).map((c) => `Tokenizer change: ${c}`)]
    .filter(Boolean).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
  const samples = p.samples.map((s) => {
    const pct = s.total ? ((100 * s.trained) / s.total).toFixed(1) : '0';
    const toks = s.tokens.map((t) => `<span class="tok ${t.label === -100 ? 'masked' : 'trained'}" title="id ${t.id} · label ${t.label}">${escapeHtml(t.text)}</span>`).join('');
    const sw = s.warnings.map((w) => `<p class="warn">⚠ ${escapeHtml(w)}</p>`).join('');
    return `<h4>Row ${s.row}: ${s.trained} of ${s.total} tokens trained (${pct}%)${s.truncated ? ' · truncated' : ''}</h4>${sw}<div class="tokens">${toks}</div>`;
  }).join('<hr>');
  return page(title, `<h3>${escapeHtml(title)}</h3>${setup}${legend}${warnings}${samples}`);
}
