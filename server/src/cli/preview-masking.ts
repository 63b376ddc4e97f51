/** `trainlint preview-masking FILE`: the loss-masking preview in the terminal (Axolotl-style colours) or as JSON. */
import { dirname, resolve } from 'node:path';
import { ParsedScript, discoverEnvironment, documentFor, initParser } from '../engine/index';
import { DataSourceCache, hfCacheRoots } from '../engine/data/index';
import { previewWithData } from '../engine/masking/preview-with-data';
import { renderPreviewText } from '../engine/masking/render-text';
import { defaultTokenizerStore } from '../engine/masking/tokenizer-store';
import { decodePython, readRegularFile } from './source-file';

export interface PreviewArgs { file: string; rows: number; format: 'text' | 'json'; trainer?: number; tokenizer?: string; python?: string }

export async function previewMaskingCommand(o: PreviewArgs): Promise<number> {
  const path = resolve(o.file);
  let text: string;
  try {
    // Only a regular file is read (a FIFO or device would block forever).
    const read = readRegularFile(path, 20 * 1024 * 1024);
    text = path.endsWith('.ipynb') ? read.bytes.toString('utf8') : decodePython(read.bytes).text;
  } catch (e) { process.stderr.write(`trainlint: ${path}: ${(e as Error).message}\n`); return 2; }
  await initParser();
  const doc = documentFor(path, text);
  const script = ParsedScript.parse(doc.text);
  try {
    const result = await previewWithData({
      doc, script, cwd: process.cwd(), tokenizers: defaultTokenizerStore(),
      env: discoverEnvironment({ scriptDir: dirname(path), scriptPath: path, env: process.env, pythonPath: o.python }),
      data: new DataSourceCache({ maxRows: Math.max(o.rows, 20), access: { workspaceRoots: [process.cwd(), dirname(path)], hfCacheRoots: hfCacheRoots(), trusted: true } }),
    }, { trainer: o.trainer, rows: o.rows, tokenizerDir: o.tokenizer });
    if ('choose' in result) {
      process.stderr.write(`trainlint: the script has several trainers; pick one with --trainer N:\n${result.choose.map((c, i) => `  ${i}: ${c.label} (${c.where})`).join('\n')}\n`);
      return 2;
    }
    if ('error' in result) { process.stderr.write(`trainlint: ${result.error}\n`); return 2; }
    if (o.format === 'json') {
      const { approximate, warnings, samples, title, tokenizer, tokenizerMissing, template, tokenizerChanges } = result;
      process.stdout.write(`${JSON.stringify({ approximate, warnings, samples, title, tokenizer, tokenizerMissing, template, tokenizerChanges }, null, 2)}\n`);
    } else {
      const header = [result.title, `tokenizer: ${result.tokenizer}${result.approximate ? ' (approximate)' : ''}`];
      if (result.template) header.push(`chat template: ${result.template}`);
      for (const c of result.tokenizerChanges ?? []) header.push(`tokenizer change: ${c}`);
      process.stdout.write(`${header.join('\n')}\n${renderPreviewText(result, { color: !!process.stdout.isTTY && !process.env.NO_COLOR })}\n`);
    }
    return 0;
  } finally {
    script.dispose();
  }
}
