/**
 * `trainlint report FILE [--trainer N] [--format text|json] [--rows N] [--approximate] [--tokenizer DIR]`:
 * the dataset report in the terminal (a progress bar on stderr when it is a terminal) or as JSON.
 * Exit codes: 0 done, 1 rows lose every trained token to truncation (real tokenizer only),
 * 2 usage, data, tokenizer or internal errors.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ParsedScript, discoverEnvironment, documentFor, initParser } from '../engine/index';
import { DataSourceCache, hfCacheRoots } from '../engine/data/index';
import { defaultTokenizerStore } from '../engine/masking/tokenizer-store';
import { renderReportText } from '../engine/report/render-text';
import { runDatasetReport } from '../engine/report/report-runner';
import type { DatasetReport } from '../engine/report/types';

export const REPORT_USAGE = 'trainlint report FILE [--trainer N] [--format text|json] [--rows N] [--approximate] [--tokenizer DIR]';

interface ReportArgs { file?: string; trainer?: number; format: 'text' | 'json'; rows: number; approximate: boolean; tokenizer?: string }

export class ReportUsageError extends Error {}

export function parseReportArgs(args: string[]): ReportArgs {
  const o: ReportArgs = { format: 'text', rows: 20, approximate: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v === undefined) throw new ReportUsageError(`${a} needs a value`);
      return v;
    };
    const int = (min: number) => {
      const v = value();
      const x = Number(v);
      if (!Number.isInteger(x) || x < min) throw new ReportUsageError(`${a.split('=')[0]} needs an integer ≥ ${min}, not "${v}"`);
      return x;
    };
    if (a === '--format' || a.startsWith('--format=')) {
      const v = value();
      if (v !== 'text' && v !== 'json') throw new ReportUsageError(`--format must be text or json, not "${v}"`);
      o.format = v;
    } else if (a === '--trainer' || a.startsWith('--trainer=')) o.trainer = int(0);
    else if (a === '--rows' || a.startsWith('--rows=')) o.rows = int(1);
    else if (a === '--tokenizer' || a.startsWith('--tokenizer=')) o.tokenizer = value();
    else if (a === '--approximate') o.approximate = true;
    else if (a.startsWith('-')) throw new ReportUsageError(`unknown option ${a}`);
    else if (o.file === undefined) o.file = a;
    else throw new ReportUsageError('report takes one FILE');
  }
  if (o.file === undefined) throw new ReportUsageError('report needs a FILE');
  return o;
}

/** `\r[#####-----] 12,345 / 100,000 rows · 3.2 s` on stderr, redrawn in place. */
function progressBar(r: DatasetReport): string {
  const { rows, total, elapsedMs } = r.progress;
  const width = 30;
  const done = total ? Math.min(width, Math.round((rows / total) * width)) : 0;
  const bar = total ? `[${'#'.repeat(done)}${'-'.repeat(width - done)}] ` : '';
  return `\r${bar}${rows.toLocaleString('en-US')}${total ? ` / ${total.toLocaleString('en-US')}` : ''} rows · ${(elapsedMs / 1000).toFixed(1)} s`;
}

export async function reportCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) { process.stdout.write(`Usage: ${REPORT_USAGE}\nSee docs/dataset-report.md for what it counts and the JSON shape.\n`); return 0; }
  const o = parseReportArgs(argv);
  const path = resolve(o.file!);
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { process.stderr.write(`trainlint: ${path}: ${(e as Error).message}\n`); return 2; }
  await initParser();
  const doc = documentFor(path, text);
  const script = ParsedScript.parse(doc.text);
  const tty = !!process.stderr.isTTY;
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  try {
    const access = { workspaceRoots: [process.cwd(), dirname(path)], hfCacheRoots: hfCacheRoots(), trusted: true };
    const result = await runDatasetReport({
      doc, script, cwd: process.cwd(), tokenizers: defaultTokenizerStore(), access,
      env: discoverEnvironment({ scriptDir: dirname(path), scriptPath: path, env: process.env }),
      data: new DataSourceCache({ maxRows: 20, access }),
    }, {
      trainer: o.trainer, listed: o.rows, approximate: o.approximate, tokenizerDir: o.tokenizer, signal: abort.signal,
      onProgress: tty ? (r) => process.stderr.write(progressBar(r)) : undefined,
    });
    if (tty) process.stderr.write('\r\x1b[K');
    if ('choose' in result) {
      process.stderr.write(`trainlint: the script has several trainers; pick one with --trainer N:\n${result.choose.map((c, i) => `  ${i}: ${c.label} (${c.where})`).join('\n')}\n`);
      return 2;
    }
    if ('noTokenizer' in result) {
      process.stderr.write(`trainlint: ${result.noTokenizer}\n  Run with --approximate for word-level estimates, or --tokenizer DIR for a folder with tokenizer.json.\n`);
      return 2;
    }
    if ('error' in result) { process.stderr.write(`trainlint: ${result.error}\n`); return 2; }
    const r = result.report;
    process.stdout.write(o.format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : `${renderReportText(r)}\n`);
    if (r.cancelled) return 2;
    return r.lostAllTrained.count > 0 && !r.approximate ? 1 : 0;
  } finally {
    process.off('SIGINT', onSigint);
    script.dispose();
  }
}
