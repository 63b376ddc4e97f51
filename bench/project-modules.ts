/**
 * The cost of project modules (`engine/modules/`) on a lint, in-process: each script is linted whole, alternately
 * without a module provider and with the editor's (peek-only) and the CLI's (eager) providers, and the median of
 * each is printed. A script that imports nothing of its project must not get slower; one that imports its config
 * module pays the read once (first lint), then peeks. Run: `node --import tsx bench/project-modules.ts [rounds]`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initParser, lintText, ProjectModules, CachedModuleProvider } from '../server/src/engine/index';

const rounds = Number(process.argv[2] ?? 30);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

async function main(): Promise<void> {
  await initParser();
  const { makeLongReplica } = await import('./startup.mjs' as string);
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-bench-modules-'));
  try {
    writeFileSync(join(dir, 'pyproject.toml'), '');
    writeFileSync(join(dir, 'cfg.py'), 'MODEL_NAME = "Qwen/Qwen2.5-0.5B-Instruct"\nDATA = "data/train.jsonl"\n');
    const scripts: Record<string, { path: string; text: string }> = {
      'one-file script (examples/trl_plain_trainer_bugs.py)': { path: join(dir, 'a.py'), text: readFileSync(join(__dirname, '..', 'examples', 'trl_plain_trainer_bugs.py'), 'utf8') },
      '1,946-line replica (40 pipelines)': { path: join(dir, 'b.py'), text: makeLongReplica() },
      'script importing its config module': {
        path: join(dir, 'c.py'),
        text: 'from transformers import AutoModelForCausalLM, Trainer, TrainingArguments\nfrom cfg import MODEL_NAME\n'
          + 'model = AutoModelForCausalLM.from_pretrained(MODEL_NAME)\nargs = TrainingArguments(output_dir="o", fp16=True)\nTrainer(model=model, args=args).train()\n',
      },
    };
    const modules = new ProjectModules({ access: () => ({ roots: [dir], trusted: true }) });
    for (const [label, { path, text }] of Object.entries(scripts)) {
      const first = time(() => lintText(path, text, { modules: new CachedModuleProvider(modules, true) }));
      const off: number[] = [], peek: number[] = [], eager: number[] = [];
      for (let i = 0; i < rounds; i++) {
        off.push(time(() => lintText(path, text)));
        peek.push(time(() => lintText(path, text, { modules: new CachedModuleProvider(modules) })));
        eager.push(time(() => lintText(path, text, { modules: new CachedModuleProvider(modules, true) })));
      }
      console.log(`${label}: without ${median(off).toFixed(2)} ms, editor provider ${median(peek).toFixed(2)} ms, CLI provider ${median(eager).toFixed(2)} ms (first lint with modules ${first.toFixed(2)} ms; median of ${rounds})`);
    }
    console.log(`module files parsed: ${modules.parses}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
void main();
