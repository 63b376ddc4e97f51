/**
 * Dataset-report test fixtures: a temp project (script + data written by the test), the real
 * tokenizers of the masking tests (fake HF cache), and a runner over them. The expected counts
 * are computed here from the tokenizer and a template rendered by hand, not by the report.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSourceCache } from '../../../server/src/engine/data/index';
import { Environment, ParsedScript, documentFor, initParser } from '../../../server/src/engine/index';
import { runDatasetReport, type ReportOptions, type ReportResult } from '../../../server/src/engine/report/report-runner';
import { fakeHfCache } from '../masking/fixtures';

export const LLAMA = 'meta-llama/Llama-3.1-8B-Instruct';

/** The literal template the report scripts set: simple enough to render by hand in the tests. */
export const TEMPLATE = "{% for m in messages %}<|start_header_id|>{{ m['role'] }}<|end_header_id|>\\n\\n{{ m['content'] }}<|eot_id|>{% endfor %}{% if add_generation_prompt %}<|start_header_id|>assistant<|end_header_id|>\\n\\n{% endif %}";

/** The same with the assistant turns in `{% generation %}` blocks (assistant_only_loss). */
export const GENERATION_TEMPLATE = "{% for m in messages %}<|start_header_id|>{{ m['role'] }}<|end_header_id|>\\n\\n{% if m['role'] == 'assistant' %}{% generation %}{{ m['content'] }}<|eot_id|>{% endgeneration %}{% else %}{{ m['content'] }}<|eot_id|>{% endif %}{% endfor %}";

export function render(messages: Array<{ role: string; content: string }>, generationPrompt = false): string {
  return messages.map((m) => `<|start_header_id|>${m.role}<|end_header_id|>\n\n${m.content}<|eot_id|>`).join('') + (generationPrompt ? '<|start_header_id|>assistant<|end_header_id|>\n\n' : '');
}

export function sftScript(opts: { data: string; template?: string; maxLength?: number; extra?: string; config?: string; trainer?: string } ): string {
  return `from datasets import load_dataset
from transformers import AutoTokenizer
from trl import SFTConfig, SFTTrainer

tokenizer = AutoTokenizer.from_pretrained("${LLAMA}")
tokenizer.chat_template = "${opts.template ?? TEMPLATE}"
dataset = load_dataset("json", data_files="${opts.data}", split="train")
${opts.extra ?? ''}
args = SFTConfig(output_dir="out"${opts.maxLength ? `, max_length=${opts.maxLength}` : ''}${opts.config ?? ''})
trainer = SFTTrainer(model="${LLAMA}", args=args, train_dataset=dataset, processing_class=tokenizer${opts.trainer ?? ''})
trainer.train()
`;
}

export interface Project { dir: string; write(name: string, text: string): string; run(script: string, opts?: ReportOptions & { trl?: string }): Promise<ReportResult> }

export function project(): Project {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-report-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const { store } = fakeHfCache();
  return {
    dir,
    write(name, text) { const p = join(dir, name); writeFileSync(p, text); return p; },
    async run(scriptName, opts = {}) {
      await initParser();
      const path = join(dir, scriptName);
      const text = (await import('node:fs')).readFileSync(path, 'utf8');
      const doc = documentFor(path, text);
      const script = ParsedScript.parse(doc.text);
      const access = { workspaceRoots: [dir], hfCacheRoots: [], trusted: true };
      try {
        return await runDatasetReport({
          doc, script, cwd: dir, tokenizers: store, access,
          env: new Environment(new Map([['trl', { version: opts.trl ?? '1.0.0', source: 'test' }]])),
          data: new DataSourceCache({ maxRows: 20, access }),
        }, { threads: 'in-process', ...opts });
      } finally {
        script.dispose();
      }
    },
  };
}

/** Deterministic pseudo-random words. */
export function words(seed: number, n: number): string {
  const vocab = ['learning', 'rate', 'gradient', 'token', 'the', 'model', 'data', 'loss', 'answer', 'question', 'café', 'über', '42', 'mask', 'batch'];
  let s = seed * 7919 + 13;
  const out: string[] = [];
  for (let i = 0; i < n; i++) { s = (s * 1103515245 + 12345) % 2147483648; out.push(vocab[s % vocab.length]); }
  return out.join(' ');
}

export function jsonl(rows: unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}
