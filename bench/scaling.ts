/**
 * Scaling benchmark: each shape of input is linted at N, 2N and 4N and the time ratios printed,
 * per doubling of the text's length. Linear time gives ~2; quadratic ~4. `--check` exits 1 when a ratio passes 3
 * (used by the robustness test at small sizes). Run: `npm run bench:scaling` (or `npm run bench`).
 *
 * Shapes: comment lines at the end of a file (and in a function), long lines, many small
 * statements, many notebook cells, deep nesting (brackets and blocks), one huge call.
 */
import { initParser, lintText, ParsedScript } from '../server/src/engine/index';

const BASE = `from transformers import Trainer, TrainingArguments, AutoTokenizer
from trl import SFTTrainer, SFTConfig
tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B")
args = TrainingArguments(output_dir="out", per_device_train_batch_size=4)
trainer = SFTTrainer(model="m", args=args, train_dataset=None)
trainer.train()
`;

export const SHAPES: Record<string, (n: number) => { path: string; text: string }> = {
  'comments at end': (n) => ({ path: 'a.py', text: BASE + Array.from({ length: n }, (_, i) => `# note ${i}: don't forget\n`).join('') }),
  'comments in a function': (n) => ({ path: 'a.py', text: `def f():\n    x = 1\n${Array.from({ length: n }, (_, i) => `    # note ${i}\n`).join('')}    return x\n${BASE}` }),
  'long line': (n) => ({ path: 'a.py', text: `${BASE}x = [${Array.from({ length: n }, (_, i) => `"s${i}"`).join(', ')}]\n` }),
  'many small statements': (n) => ({ path: 'a.py', text: BASE + Array.from({ length: n }, (_, i) => `a${i % 50} = ${i}; b = a${i % 50}\n`).join('') }),
  'many calls with keywords': (n) => ({ path: 'a.py', text: BASE + Array.from({ length: n }, (_, i) => `args${i} = TrainingArguments(output_dir="o${i}", learning_rate=${i}e-5)\n`).join('') }),
  'many notebook cells': (n) => ({
    path: 'a.ipynb',
    text: JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [BASE, ...Array.from({ length: n }, (_, i) => `x${i} = ${i}\nprint(x${i})\n`)].map((s) => ({ cell_type: 'code', metadata: {}, source: s, outputs: [], execution_count: null })) }),
  }),
  'deep brackets': (n) => ({ path: 'a.py', text: `${BASE}x = ${'['.repeat(n)}1${']'.repeat(n)}\n` }),
  'deep blocks': (n) => ({ path: 'a.py', text: BASE + Array.from({ length: n }, (_, i) => `${' '.repeat(i)}if x${i}:\n`).join('') + `${' '.repeat(n)}pass\n` }),
  // Complete pipelines, each with a finding and a fix (TL001-like): the per-trainer and per-finding work.
  'many pipelines': (n) => ({
    path: 'a.py',
    text: `from datasets import Dataset\nfrom transformers import AutoTokenizer, DataCollatorForSeq2Seq\nfrom trl import SFTTrainer, SFTConfig\n` + Array.from({ length: n }, (_, i) => [
      `tok${i} = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B")`,
      `ds${i} = Dataset.from_dict({"text": ["hello ${i}", "world"]})`,
      `trainer${i} = SFTTrainer(model="m", processing_class=tok${i}, train_dataset=ds${i}, data_collator=DataCollatorForSeq2Seq(tokenizer=tok${i}), args=SFTConfig(output_dir="o${i}"))`,
      '',
    ].join('\n')).join('\n'),
  }),
  'one huge call': (n) => ({ path: 'a.py', text: `${BASE}t = SFTTrainer(\n${Array.from({ length: n }, (_, i) => `    k${i}=${i},  # why ${i}\n`).join('')})\n` }),
};

/** Sizes per shape: deep nesting is bounded by the parser's stack, so it starts smaller. */
const START: Record<string, number> = { 'deep brackets': 250, 'deep blocks': 250, 'long line': 4000, 'many pipelines': 100 };

function timeOnce(path: string, text: string): number {
  const t0 = performance.now();
  lintText(path, text);
  // The editor path: a sectioned parse of the same text.
  if (!path.endsWith('.ipynb')) ParsedScript.parse(text, { edited: true }).dispose();
  return performance.now() - t0;
}

function median(path: string, text: string, runs: number): number {
  const ts = Array.from({ length: runs }, () => timeOnce(path, text)).sort((a, b) => a - b);
  return ts[runs >> 1];
}

export async function scaling(opts: { base?: number; steps?: number; runs?: number; only?: string } = {}): Promise<Array<{ shape: string; sizes: number[]; ms: number[]; ratios: number[] }>> {
  await initParser();
  const out = [];
  for (const [shape, make] of Object.entries(SHAPES)) {
    if (opts.only && !shape.includes(opts.only)) continue;
    const n0 = Math.round((START[shape] ?? 2000) * (opts.base ?? 1));
    const sizes = Array.from({ length: opts.steps ?? 3 }, (_, i) => n0 * 2 ** i);
    timeOnce(make(Math.max(1, sizes[0] >> 2)).path, make(Math.max(1, sizes[0] >> 2)).text); // warm-up
    const lengths: number[] = [];
    const ms = sizes.map((n) => { const { path, text } = make(n); lengths.push(text.length); return median(path, text, opts.runs ?? 3); });
    // Per doubling of the text's length (deep blocks grow by their indentation: N² characters).
    const ratios = ms.slice(1).map((t, i) => (t / Math.max(ms[i], 1)) ** (Math.log(2) / Math.log(lengths[i + 1] / lengths[i])));
    out.push({ shape, sizes, ms, ratios });
  }
  return out;
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined; // e.g. --only pipelines
  void scaling({ base: check ? 0.5 : 1, only }).then((rows) => {
    let bad = 0;
    for (const r of rows) {
      const worst = Math.max(...r.ratios);
      if (worst > 3) bad++;
      console.log(`${r.shape.padEnd(26)} ${r.sizes.map((n, i) => `${n}: ${r.ms[i].toFixed(0)} ms`).join('  ')}  ratios ${r.ratios.map((x) => x.toFixed(2)).join(' ')}${worst > 3 ? '  SUPER-LINEAR' : ''}`);
    }
    if (check && bad) process.exitCode = 1;
  });
}
