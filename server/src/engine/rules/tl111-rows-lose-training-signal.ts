import { trainerArg } from '../domain/trainers';
import { recordFinding, reportFindings } from '../report/findings';
import type { Rule } from './rule';

const n = (x: number) => x.toLocaleString('en-US');
const rowList = (rows: number[], count: number) => `rows ${rows.slice(0, 5).join(', ')}${count > 5 ? ', …' : ''}`;

/** `# dataset report: N rows lose every trained token, M lose their final end-of-turn` (docs Example and fixtures stand for a report run). */
const EXAMPLE_NOTE = /^# dataset report: (\d+) of (\d+) rows lose every trained token, (\d+) lose their final end-of-turn$/m;

const rule: Rule = {
  code: 'TL111',
  name: 'rows-lose-training-signal',
  severity: 'warning',
  fix: 'none',
  docs: `## What it does
After a dataset report ran for a trainer (*trainlint: Dataset Report*, the code lens on the trainer,
or \`trainlint report FILE\`), reports the rows it found that lose **every** trained token, or their
final EOS / end-of-turn, to truncation at \`max_length\` — with the counts and the first row numbers.
The diagnostic goes away when the script or its data changes (run the report again to refresh it).
Only reports made with the real tokenizer count; approximate reports never become diagnostics.

## Why is this bad?
A row whose response lies entirely past \`max_length\` is truncated to its prompt: it trains on nothing
(loss 0, or NaN when a whole batch is like that) while still costing a forward pass. A row whose final
end-of-turn is cut away teaches the model to go on talking instead of stopping. Both hide in the
rows nobody looks at: the first rows of a dataset are usually fine.

## Example
\`\`\`python
from datasets import load_dataset
from trl import SFTConfig, SFTTrainer

dataset = load_dataset("json", data_files="chats.jsonl", split="train")
# dataset report: 312 of 12000 rows lose every trained token, 97 lose their final end-of-turn
args = SFTConfig(output_dir="out", max_length=512)
trainer = SFTTrainer(model="Qwen/Qwen3-8B", args=args, train_dataset=dataset)
\`\`\`

## Use instead
\`\`\`python
from datasets import load_dataset
from trl import SFTConfig, SFTTrainer

dataset = load_dataset("json", data_files="chats.jsonl", split="train")
# the report's histogram: p99 is 3,100 tokens, so max_length covers every row
args = SFTConfig(output_dir="out", max_length=4096)
trainer = SFTTrainer(model="Qwen/Qwen3-8B", args=args, train_dataset=dataset)
\`\`\`

## Fix safety
No automatic fix: raise \`max_length\` (the report's histogram shows where the rows end), drop or split
the long rows, or truncate the prompt instead of the response.

## References
- TRL \`SFTTrainer\` truncates to \`max_length\` keeping the start (\`truncation_mode="keep_start"\`),
  huggingface/trl \`trl/trainer/sft_trainer.py\`
- docs/dataset-report.md (what the report counts and how)
`,
  prepareExample(path, text) {
    const m = EXAMPLE_NOTE.exec(text);
    if (m) recordFinding(path, text, { trainer: 0, rows: Number(m[2]), lostAll: Number(m[1]), lostEos: Number(m[3]), lostAllRows: [3, 14, 15, 92], lostEosRows: [6, 53], at: '2026-01-01T00:00:00.000Z' });
  },
  // Reports are kept for the whole text and name trainers by their index in the whole script.
  wholeScript: true,
  check(ctx) {
    const a = ctx.a;
    const findings = reportFindings(a.doc.path, a.source.text);
    if (!findings.length) return;
    const trainers = a.trainers.filter((t) => trainerArg(t, 'train_dataset'));
    for (const f of findings) {
      const t = trainers[f.trainer];
      if (!t || (f.lostAll === 0 && f.lostEos === 0)) continue;
      const parts: string[] = [];
      if (f.lostAll) parts.push(`${n(f.lostAll)} lose every trained token (${rowList(f.lostAllRows, f.lostAll)})`);
      if (f.lostEos) parts.push(`${n(f.lostEos)} lose their final end-of-turn (${rowList(f.lostEosRows, f.lostEos)})`);
      const limit = f.maxLength !== undefined ? ` at max_length ${n(f.maxLength)}` : '';
      ctx.report({
        node: t.call.callee,
        message: `Dataset report: of ${n(f.rows)} rows, ${parts.join(' and ')} to truncation${limit}. Open the report with the "Dataset Report" code lens above the trainer.`,
      });
    }
  },
};
export default rule;
