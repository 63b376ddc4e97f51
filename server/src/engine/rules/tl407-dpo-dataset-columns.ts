import type { Severity } from '../diagnostics';
import { insideExpectedRaise } from '../domain/expected-raise';
import type { Rule } from './rule';
import { columnsPhrase } from '../dataset/state';
import { trainerPackage, type TrainerFact } from '../domain/trainers';
import type { RuleContext } from './context';

const PAIRED = ['DPOTrainer', 'ORPOTrainer', 'CPOTrainer'];
/** Usual names of the three columns in other datasets (for the rename suggestion). */
const ALIASES: Record<string, string[]> = {
  prompt: ['question', 'instruction', 'query', 'input', 'prompt_text', 'context'],
  chosen: ['response_j', 'chosen_response', 'accepted', 'preferred', 'good', 'better_response', 'winner'],
  rejected: ['response_k', 'rejected_response', 'dispreferred', 'bad', 'worse_response', 'loser'],
};

/**
 * `processing_class=` given to TRL's own DPOTrainer/ORPOTrainer/CPOTrainer: those took `tokenizer=` and no
 * `**kwargs` before TRL 0.12 (huggingface/trl v0.11.4 `trl/trainer/dpo_trainer.py` `__init__`; v0.12.0 renamed it,
 * as TL501 says), so the script runs on TRL ≥ 0.12, where the prompt is extracted from chosen/rejected
 * (v0.12.0 `dpo_trainer.py` maps `maybe_extract_prompt`). Not with Unsloth's patched trainers or a subclass's own
 * `__init__`, which may take either keyword.
 */
function passesProcessingClass(ctx: RuleContext, t: TrainerFact): boolean {
  return t.call.keywords.has('processing_class') && trainerPackage(t) === 'trl' && !ctx.unsloth.patches
    && !t.subclass?.overrides.has('__init__');
}

const rule: Rule = {
  code: 'TL407',
  name: 'dpo-dataset-columns',
  severity: 'error',
  fix: 'none',
  overriddenBy: ['preparation'],
  docs: `## What it does
Checks the columns of the datasets given to \`DPOTrainer\`, \`ORPOTrainer\` and \`CPOTrainer\` (\`chosen\` and
\`rejected\`, plus \`prompt\` on TRL < 0.12), to \`KTOTrainer\` (\`prompt\`, \`completion\`, \`label\`, or a paired
\`chosen\`/\`rejected\` dataset) and to \`GRPOTrainer\` (\`prompt\`, unless an \`environment_factory\` supplies it). Only datasets whose columns are known are checked; pre-tokenized datasets
(\`chosen_input_ids\`, …) are left alone.
A trainer built inside \`with pytest.raises(…)\` or \`self.assertRaises(…)\` (a test that expects it to fail) is not
checked.

## Why is this bad?
The trainers look the columns up by name while tokenizing: \`KeyError: 'chosen'\` / \`KeyError: 'prompt'\` after
the model has loaded. TRL ≥ 0.12 extracts an implicit prompt from \`chosen\`/\`rejected\`, so only older versions
need a \`prompt\` column (with an unknown TRL version the missing \`prompt\` is reported as information, and not at
all when the script passes \`processing_class=\` to TRL's own trainer: that keyword came in TRL 0.12 — v0.11.4
\`trl/trainer/dpo_trainer.py\` takes \`tokenizer=\` and no \`**kwargs\` — so such a script runs on 0.12 or later,
where v0.12.0 \`dpo_trainer.py\` maps \`maybe_extract_prompt\` over the dataset).
\`GRPOTrainer\` reads \`x["prompt"]\` for every row of a batch when it generates (\`_generate_and_score_completions\`
in TRL 0.14 through 1.9), so a dataset without it fails at the first step, after the model has loaded.

## Example
\`\`\`python
from datasets import Dataset
from trl import DPOTrainer, DPOConfig

ds = Dataset.from_dict({"question": ["2+2?"], "response_j": ["4"], "response_k": ["5"]})
trainer = DPOTrainer(model=model, args=DPOConfig(output_dir="o"), train_dataset=ds, processing_class=tokenizer)
\`\`\`

## Use instead
\`\`\`python
from datasets import Dataset
from trl import DPOTrainer, DPOConfig

ds = Dataset.from_dict({"question": ["2+2?"], "response_j": ["4"], "response_k": ["5"]})
ds = ds.rename_columns({"question": "prompt", "response_j": "chosen", "response_k": "rejected"})
trainer = DPOTrainer(model=model, args=DPOConfig(output_dir="o"), train_dataset=ds, processing_class=tokenizer)
\`\`\`

## Fix safety
No fix: which of the dataset's columns holds the preferred answer is a fact about the data.

## References
- rui-ye/OpenFedLLM#39; modelscope/ms-swift#1922; axolotl-ai-cloud/axolotl#2415
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (insideExpectedRaise(t.call.node)) continue;
      const kto = t.kind === 'KTOTrainer';
      const grpo = t.kind === 'GRPOTrainer';
      if (!kto && !grpo && !PAIRED.includes(t.kind)) continue;
      // TRL ≥ 1.x: with an `environment_factory` the environment may supply the prompt.
      if (grpo && t.call.keywords.has('environment_factory')) continue;
      for (const key of ['train_dataset', 'eval_dataset']) {
        const arg = t.call.keywords.get(key);
        const ds = ctx.datasets.at(arg?.value);
        const cols = ds?.columns;
        if (!arg || !ds || !cols || ds.isDict) continue;
        if (cols.some((c) => c.endsWith('_input_ids'))) continue;
        const has = (c: string) => cols.includes(c);
        let missing: string[];
        let severity: Severity = ctx.rule.severity;
        let note = '';
        if (grpo) {
          if (has('prompt')) continue;
          const renames = [ALIASES.prompt.find(has)].filter((c): c is string => !!c);
          const hint = renames.length
            ? ` Map the rows to a "prompt", e.g. \`.map(lambda x: {"prompt": [{"role": "user", "content": x["${renames[0]}"]}]})\`.`
            : '';
          ctx.report({
            node: arg.node,
            message: `The ${key} of GRPOTrainer has no "prompt" column (${ds.provenance ? columnsPhrase(ds) : `columns: ${cols.length ? cols.map((c) => `"${c}"`).join(', ') : 'none'}`}): GRPOTrainer reads each row's "prompt" to generate, so the first training step fails with "KeyError: 'prompt'".${hint}`,
            related: [{ node: ds.origin, message: `dataset created here (${ds.originLabel})` }],
          });
          continue;
        }
        if (kto) {
          if ((has('prompt') && has('completion') && has('label')) || (has('chosen') && has('rejected'))) continue;
          missing = ['prompt', 'completion', 'label'].filter((c) => !has(c));
        } else {
          missing = ['chosen', 'rejected'].filter((c) => !has(c));
          if (missing.length === 0) {
            if (has('prompt')) continue;
            const v = ctx.version('trl', { before: '0.12' });
            if (!v.severity) continue;
            if (v.gate === 'unknown' && passesProcessingClass(ctx, t)) continue;
            // Most installs are past 0.12 (Nov 2024), where the prompt is implicit: unknown → information.
            severity = v.gate === 'unknown' ? 'information' : v.severity; note = v.note;
            missing = ['prompt'];
          }
        }
        const renames = missing.map((m) => [ALIASES[m]?.find(has), m] as const).filter(([from]) => from);
        const hint = renames.length
          ? ` Rename the columns, e.g. \`.rename_columns({${renames.map(([f, m]) => `"${f}": "${m}"`).join(', ')}})\`.`
          : kto ? ' KTO needs "prompt", "completion" and a boolean "label" (or a paired "chosen"/"rejected" dataset).' : '';
        const shown = cols.length ? cols.map((c) => `"${c}"`).join(', ') : 'none';
        ctx.report({
          node: arg.node,
          severity,
          message: `The ${key} of ${t.kind} has no ${missing.map((m) => `"${m}"`).join(', ')} column${missing.length > 1 ? 's' : ''} (${ds.provenance ? columnsPhrase(ds) : `columns: ${shown}`}): tokenization fails with "KeyError: '${missing[0]}'"${note}.${hint}`,
          related: [{ node: ds.origin, message: `dataset created here (${ds.originLabel})` }],
        });
      }
    }
  },
};
export default rule;
