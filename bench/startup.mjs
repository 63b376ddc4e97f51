// Start-up and first-keystroke latency, measured the way an editor sees it: a client process spawns
// `dist/server.js --stdio`, sends initialize, didOpen, and waits for publishDiagnostics. Each row is run
// several times in fresh processes and printed with its spread (min–max, median), plus the load average
// so numbers from a busy machine can be told apart.
//   node bench/startup.mjs [runs]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import { hashToggler, makeScript } from './make-scripts.mjs';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const out = join(root, 'bench', 'out', 'startup');
// `node bench/startup.mjs 7` or `npm run bench -- startup` (then argv[2] is the part's name: the default).
const runs = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 5;
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))]; };
const spread = (xs, unit = 'ms') => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)} ${unit} (median ${pct(xs, 50).toFixed(0)})`;

export const SMALL = `from datasets import load_dataset
from trl import SFTTrainer, SFTConfig
from transformers import AutoTokenizer, DataCollatorForSeq2Seq

tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B")
dataset = load_dataset("json", data_files="data/train.jsonl", split="train")


def to_text(batch):
    return {"text": [q + a for q, a in zip(batch["question"], batch["answer"])]}


dataset = dataset.map(to_text, batched=True)
trainer = SFTTrainer(
    model="Qwen/Qwen2.5-0.5B",
    train_dataset=dataset,
    data_collator=DataCollatorForSeq2Seq(tokenizer=tokenizer),
    args=SFTConfig(output_dir="out", max_length=1024),
)
trainer.train()
`;

/**
 * The replica of the long script from the issue: 40 `load_dataset("json", data_files=…)` pipelines with
 * SFTConfigs (data files absent) and one Hub dataset, ~1,946 lines.
 */
export function makeLongReplica() {
  let text = `from datasets import load_dataset
from trl import SFTTrainer, SFTConfig
from transformers import AutoModelForCausalLM, AutoTokenizer

hub = load_dataset("mlabonne/FineTome-100k", split="train")
`;
  for (let i = 0; i < 40; i++) {
    text += `

# ---- run ${i} ----
tokenizer_${i} = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")
model_${i} = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")
ds_${i} = load_dataset("json", data_files="data/run_${i}.jsonl", split="train")


def fmt_${i}(example):
    question = example["question"].strip()
    answer = example["answer"].strip()
    return {"text": f"### Question:\\n{question}\\n### Answer:\\n{answer}" + tokenizer_${i}.eos_token}


ds_${i} = ds_${i}.map(fmt_${i})
ds_${i} = ds_${i}.remove_columns(["question", "answer"])
split_${i} = ds_${i}.train_test_split(test_size=0.05, seed=${i})
config_${i} = SFTConfig(
    output_dir="out/run_${i}",
    per_device_train_batch_size=4,
    gradient_accumulation_steps=${1 + (i % 4)},
    learning_rate=2e-5,
    num_train_epochs=${1 + (i % 3)},
    logging_steps=10,
    save_steps=500,
    max_length=2048,
    dataset_text_field="text",
)
trainer_${i} = SFTTrainer(
    model=model_${i},
    processing_class=tokenizer_${i},
    train_dataset=split_${i}["train"],
    eval_dataset=split_${i}["test"],
    args=config_${i},
)
trainer_${i}.train()
trainer_${i}.save_model("out/run_${i}/final")


def report_${i}(metrics):
    """Summarise run ${i} for the experiment log."""
    loss = metrics.get("eval_loss", float("nan"))
    steps = metrics.get("step", 0)
    lines = [f"run ${i}: eval loss {loss:.4f} after {steps} steps"]
    if loss != loss:
        lines.append("no evaluation ran")
    lines.append(f"checkpoint: out/run_${i}/final")
    return "\\n".join(lines)
`;
  }
  return text;
}

/** CPU time (user + system, all threads) a process has used so far, from /proc (10 ms ticks). */
function cpuMs(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch { return NaN; }
}

/**
 * A language server over stdio, initialized with `folder` as its workspace; `diagnosticsFor(uri, version)`
 * resolves with that publish; `initMs` / `initCpu` say how long initialize took (wall / server CPU).
 */
export async function startServer(folder = out, { asVsCode = false } = {}) {
  const t0 = performance.now();
  // The VS Code client starts the server without NODE_EXTRA_CA_CERTS (client/src/extension.ts): `asVsCode` does the same.
  const env = asVsCode ? { ...process.env, NODE_EXTRA_CA_CERTS: undefined } : process.env;
  // TRAINLINT_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the server (docs/benchmarks.md).
  const nodeArgs = process.env.TRAINLINT_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const proc = spawn(process.execPath, [...nodeArgs, join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiting = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const w = waiting.get(`${p.uri} ${p.version}`);
    if (w) { waiting.delete(`${p.uri} ${p.version}`); w(p); }
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(folder).toString(), capabilities: { workspace: { configuration: true } } });
  const initMs = performance.now() - t0;
  const initCpu = cpuMs(proc.pid);
  await conn.sendNotification('initialized', {});
  return {
    conn, proc, initMs, initCpu,
    diagnosticsFor: (uri, version) => new Promise((r) => waiting.set(`${uri} ${version}`, r)),
    stop: async () => { await conn.sendRequest('shutdown'); await conn.sendNotification('exit'); proc.kill(); },
  };
}

/** One fresh server: initialize, open `text`, then `edits` edits toggling `#` at the start of the last code line. */
async function session(name, text, edits = 0, { asVsCode = false, linger = 0 } = {}) {
  const path = join(out, name);
  writeFileSync(path, text);
  const uri = pathToFileURL(path).toString();
  const server = await startServer(out, { asVsCode });
  const t0 = performance.now();
  const opened = server.diagnosticsFor(uri, 1);
  await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  await opened;
  const openMs = performance.now() - t0;
  const openCpu = cpuMs(server.proc.pid);
  const toggle = hashToggler(text);
  const times = [];
  for (let v = 2; v < 2 + edits; v++) {
    const change = toggle(v % 2 === 0);
    const e0 = performance.now();
    const p = server.diagnosticsFor(uri, v);
    await server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
    await p;
    times.push(performance.now() - e0);
  }
  if (linger) await new Promise((r) => setTimeout(r, linger));
  await server.stop();
  return { initMs: server.initMs, initCpu: server.initCpu, openMs, openCpu, times };
}

/** Without this machine's NODE_EXTRA_CA_CERTS (`noCerts`), as on a machine that does not set it. */
const envOf = (noCerts) => (noCerts ? { ...process.env, NODE_EXTRA_CA_CERTS: undefined } : process.env);

function cliOneFile(noCerts = false) {
  const file = join(out, 'one.py');
  writeFileSync(file, 'x = 1\n');
  const t0 = performance.now();
  spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'check', file], { encoding: 'utf8', env: envOf(noCerts) });
  return performance.now() - t0;
}

/** The floor every process row above stands on: `node -e 0` (Node's own start-up, with this environment's variables). */
function bareNode(noCerts = false) {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0'], { env: envOf(noCerts) });
  return performance.now() - t0;
}

export async function benchStartup() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  console.log(`start-up (${runs} runs each, load average ${loadavg()[0].toFixed(2)} on entry)`);
  const init = [], small = [], long = [], first60 = [], p50s = [], p95s = [], cli = [], bare = [], cliNoCerts = [], bareNoCerts = [], cpuInit = [], cpuSmall = [], cpuLong = [];
  const longText = makeLongReplica();
  // Every run after the first finds the compile cache (launch/cached-load.ts) that an earlier run wrote: the
  // CLI writes it at exit, the server once it has been idle after its first lints. Measure that state.
  cliOneFile();
  await session('small.py', SMALL, 0, { linger: 3500 });
  const initVs = [], smallVs = [], total = [];
  for (let r = 0; r < runs; r++) {
    const a = await session('small.py', SMALL);
    init.push(a.initMs); small.push(a.openMs); total.push(a.initMs + a.openMs); cpuInit.push(a.initCpu); cpuSmall.push(a.openCpu);
    const v = await session('small.py', SMALL, 0, { asVsCode: true });
    initVs.push(v.initMs); smallVs.push(v.openMs);
    const b = await session('long.py', longText, 200);
    long.push(b.openMs); cpuLong.push(b.openCpu);
    first60.push(pct(b.times.slice(0, 60), 95));
    p50s.push(pct(b.times, 50)); p95s.push(pct(b.times, 95));
    cli.push(cliOneFile());
    bare.push(bareNode());
    cliNoCerts.push(cliOneFile(true));
    bareNoCerts.push(bareNode(true));
  }
  console.log(`  spawn → initialize answered: ${spread(init)}`);
  console.log(`  didOpen → diagnostics, ${SMALL.split('\n').length}-line script: ${spread(small)}`);
  console.log(`  spawn → first diagnostics of the 21-line script (the two above, each run): ${spread(total)}`);
  console.log(`  the same two, started as the VS Code client starts it (NODE_EXTRA_CA_CERTS unset): initialize ${spread(initVs)}; didOpen → diagnostics ${spread(smallVs)}`);
  console.log(`  didOpen → diagnostics, ${longText.split('\n').length}-line replica (40 pipelines + a Hub dataset): ${spread(long)}`);
  console.log(`  edits (toggle # on the last line), p95 of the first 60: ${spread(first60)}`);
  console.log(`  edits, 200: p50 ${spread(p50s)}; p95 ${spread(p95s)}`);
  console.log(`  trainlint check one.py (one-line file), whole process: ${spread(cli)}`);
  // NODE_EXTRA_CA_CERTS makes every Node process parse a certificate bundle before any script runs (~90 ms here).
  console.log(`  node -e 0 (the floor of every process above${process.env.NODE_EXTRA_CA_CERTS ? '; NODE_EXTRA_CA_CERTS is set' : ''}): ${spread(bare)}`);
  if (process.env.NODE_EXTRA_CA_CERTS) {
    console.log(`  the same two with NODE_EXTRA_CA_CERTS unset, as on a machine without it: trainlint check one.py ${spread(cliNoCerts)}; node -e 0 ${spread(bareNoCerts)}`);
  }
  console.log(`  server CPU (all threads) from spawn: at initialize ${spread(cpuInit)}; at the first publish, small ${spread(cpuSmall)}, long ${spread(cpuLong)}`);
  console.log(`  (load average on exit ${loadavg()[0].toFixed(2)})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchStartup();
