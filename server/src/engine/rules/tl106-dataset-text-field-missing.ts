import { minSeverity, type Fix } from '../diagnostics';
import { insideExpectedRaise } from '../domain/expected-raise';
import { closestName } from '../domain/names';
import { isSftLike, trainerArg, type TrainerFact } from '../domain/trainers';
import { lookupArg, preparationSkipped } from '../domain/training-args';
import { sftPreparationVersion } from './sft-vision-verdict';
import { evaluateString } from '../facts/values';
import { replaceNode } from './edits';
import type { Rule } from './rule';
import type { RuleContext } from './context';
import { columnsPhrase, datasetTrail, type DatasetState } from '../dataset/state';
import type { Node } from 'web-tree-sitter';

/** Dataset shapes TRL (and TL105) handle without `dataset_text_field`. */
function handledWithoutTextField(columns: string[]): boolean {
  if (columns.includes('input_ids')) return true; // already tokenized: preparation is skipped
  if (columns.includes('messages') || columns.includes('conversations')) return true; // chat: TL105
  return columns.includes('prompt') && columns.includes('completion');
}

/** First Unsloth release whose dataset preparation reads prompt/completion rows (it requires unsloth_zoo ≥ 2026.3.5). */
const UNSLOTH_READS_PROMPT_COMPLETION = '2026.3.11';

/**
 * A prompt/completion dataset (no text column, not tokenized, not chat) under Unsloth's own preparation: unsloth-zoo's
 * `sft_prepare_dataset` before 2026.3.5 has no prompt/completion path, so without the text field and a formatting
 * function it raises "Unsloth: You must specify a `formatting_func`" (unslothai/unsloth-zoo
 * `unsloth_zoo/dataset_utils.py` at 0e94784d^; the path came with 0e94784d, PR #560, released in unsloth-zoo
 * 2026.3.5, which Unsloth requires from 2026.3.11: unslothai/unsloth `pyproject.toml` at fac6f788).
 */
function unslothRefusesPromptCompletion(columns: string[]): boolean {
  if (!columns.includes('prompt') || !columns.includes('completion')) return false;
  return !['input_ids', 'labels', 'messages', 'conversations'].some((c) => columns.includes(c));
}

function reportUnslothPromptCompletion(ctx: RuleContext, dsNode: Node, fieldNode: Node | undefined, field: string, ds: DatasetState): void {
  const v = ctx.version('unsloth', { before: UNSLOTH_READS_PROMPT_COMPLETION });
  if (!v.severity) return;
  ctx.report({
    node: fieldNode ?? dsNode,
    severity: v.severity,
    message: `Unsloth's dataset preparation reads each row's text from the "${field}" column, which the training dataset does not have (${columnsPhrase(ds)}), and no \`formatting_func\` builds it: before Unsloth ${UNSLOTH_READS_PROMPT_COMPLETION} (unsloth-zoo 2026.3.5) it has no prompt/completion path and raises "RuntimeError: Unsloth: You must specify a \`formatting_func\`"${v.note}. Upgrade Unsloth, or map the rows to a "${field}" column (prompt + completion).`,
    related: datasetTrail(ds),
  });
}

const rule: Rule = {
  code: 'TL106',
  name: 'dataset-text-field-missing',
  severity: 'error',
  fix: 'safe',
  overriddenBy: ['preparation'],
  docs: `## What it does
Flags \`dataset_text_field="…"\` (on \`SFTTrainer\` or in \`SFTConfig\`) naming a column that the training dataset
does not have, when no \`formatting_func\` builds the text instead. Without the argument, the field is its
default \`"text"\`: a dataset of other columns (Alpaca's \`instruction\`/\`input\`/\`output\`) is flagged on the
\`train_dataset=\` argument, unless the arguments come from somewhere the script does not show (the command
line, \`**kwargs\`), where the field or a formatting function may be set.
A trainer built inside \`with pytest.raises(…)\` or \`self.assertRaises(…)\` (a test that expects it to fail) is not
checked. Nor, from TRL 0.22, a vision-language trainer with its own \`data_collator=\`: TRL skips its preparation when
\`processing_class\` is a processor (0.22–0.23) or the training rows have an \`image\`/\`images\` column (0.24 on),
huggingface/trl v0.22.0 and v0.24.0 \`trl/trainer/sft_trainer.py\` \`skip_prepare_dataset\`, and the field is never
read; silent when the script shows both and TRL is 0.22 or newer, information saying what it assumed otherwise.

## Why is this bad?
TRL tokenizes \`example[dataset_text_field]\` for every row, so a missing column fails with \`KeyError\` inside
\`Dataset.map\` once the model has loaded; Unsloth's dataset preparation refuses it as well. The column
names are known from the dataset literal, the data file or the \`map\` / \`rename_column\` steps before the
trainer. Chat datasets (\`messages\`, \`conversations\`) are TL105; prompt/completion and already tokenized
datasets do not use the field. From TRL 0.17 a row with a \`prompt\` column takes the prompt-completion path
(\`if "prompt" in example\` in \`SFTTrainer\`'s tokenize step, v0.17.0 through 1.9) and never reads the field, so a
dataset with \`prompt\` is reported only for TRL before 0.17 (information naming the range when the version is unknown).

That path reads \`example["completion"]\` (v0.17.0 through v1.9.0), so from TRL 0.17 a dataset with \`prompt\` and no
\`completion\` fails there with \`KeyError: 'completion'\` whatever \`dataset_text_field\` or \`formatting_func\` say:
a DPO dataset (\`prompt\`/\`chosen\`/\`rejected\`), a chat dataset that also has a \`prompt\` column
(HuggingFaceH4/ultrachat_200k and no_robots: \`prompt\`, \`prompt_id\`, \`messages\`), or rows with \`prompt\` and
\`response\`. This is reported on \`train_dataset=\` (information when the TRL version is unknown). Tokenized rows,
\`skip_prepare_dataset\`, vision rows and Unsloth's patched preparation (unsloth-zoo \`sft_prepare_dataset\`, which
takes the prompt-completion path only when both columns exist) are not flagged.

Under Unsloth (imported first), a dataset of \`prompt\` and \`completion\` rows with no text column is read by
unsloth-zoo's \`sft_prepare_dataset\`, which had no prompt/completion path before unsloth-zoo 2026.3.5: without the
text field and a \`formatting_func\` it raises "RuntimeError: Unsloth: You must specify a \`formatting_func\`"
(unslothai/unsloth#3399; unslothai/unsloth-zoo \`unsloth_zoo/dataset_utils.py\` before 0e94784d, PR #560, released in
unsloth-zoo 2026.3.5, which Unsloth requires from 2026.3.11: unslothai/unsloth \`pyproject.toml\` at fac6f788). That is
the rule's error on a known older Unsloth, information naming the range when the version is unknown, and silent from
2026.3.11.

## Example
\`\`\`python
from datasets import Dataset
from trl import SFTTrainer, SFTConfig

dataset = Dataset.from_dict({"txt": ["hello", "world"]})
trainer = SFTTrainer(model=model, train_dataset=dataset,
                     args=SFTConfig(output_dir="out", dataset_text_field="text"))
\`\`\`

## Use instead
\`\`\`python
from datasets import Dataset
from trl import SFTTrainer, SFTConfig

dataset = Dataset.from_dict({"txt": ["hello", "world"]})
trainer = SFTTrainer(model=model, train_dataset=dataset,
                     args=SFTConfig(output_dir="out", dataset_text_field="txt"))
\`\`\`

## Fix safety
Replacing the name with the closest existing column is safe when it is a near spelling (a typo, case or
\`_\`/\`-\` difference) of exactly one column: that is the column the user meant. Otherwise no fix is offered;
the message lists the columns.

## References
- huggingface/trl#1400; unslothai/unsloth#994
- the default: huggingface/trl \`trl/trainer/sft_config.py\` \`dataset_text_field: str = "text"\` from v0.12.0 (v0.11.4:
  \`Optional[str] = None\`, and \`sft_trainer.py\` \`_prepare_dataset\` raises "You need to provide either
  \`dataset_text_field\` or \`formatting_func\` argument"; v0.7.11 raises "You passed \`packing=False\` to the
  SFTTrainer, but you didn't pass a \`dataset_text_field\` or \`formatting_func\` argument"); \`get_formatting_func_from_dataset\`
  (\`trl/extras/dataset_formatting.py\`, ≤ 0.15) recognises only chat columns and exactly \`prompt\`/\`completion\`;
  v0.16.0–v1.9.0 tokenize \`example[dataset_text_field]\` for rows without \`prompt\` or chat messages
- prompt without completion: huggingface/trl \`trl/trainer/sft_trainer.py\` \`tokenize\` / \`tokenize_fn\`
  (\`if "prompt" in example:  # prompt-completion case\` then \`example["prompt"] + example["completion"]\`) at v0.17.0,
  v0.19.1, v0.24.0, v1.0.0 and v1.9.0; v0.16.0 took that path only when both columns exist
- unslothai/unsloth#3399; unslothai/unsloth-zoo \`unsloth_zoo/dataset_utils.py\` \`sft_prepare_dataset\` at
  0e94784d^ (no prompt/completion path) and 0e94784d (PR #560); unslothai/unsloth \`pyproject.toml\` at fac6f7887e
  (\`unsloth_zoo>=2026.3.5\`, Unsloth 2026.3.11)
- Unsloth: \`unsloth/tokenizer_utils.py\` (patched \`_prepare_dataset\`) reads \`dataset[0][dataset_text_field]\`
  when no formatting function is given
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (insideExpectedRaise(t.call.node)) continue;
      if (!isSftLike(t)) continue;
      if (reportPromptWithoutCompletion(ctx, t)) continue;
      const arg = trainerArg(t, 'dataset_text_field');
      const field = arg ? evaluateString(ctx.facts, arg.value) : 'text';
      if (field === undefined) continue;
      if (trainerArg(t, 'formatting_func')) continue;
      // skip_prepare_dataset: the text field is never read. Unknown kwargs: cannot tell.
      if (preparationSkipped(ctx.facts, t) === true) continue;
      // Without the argument, the field is SFTConfig's default "text" only when nothing the script does not
      // show may set it or a formatting function (`**kwargs`, arguments parsed from the command line).
      if (!arg && ['dataset_text_field', 'formatting_func', 'dataset_kwargs'].some((name) => lookupArg(ctx.facts, t, name).unknown)) continue;
      const dsArg = trainerArg(t, 'train_dataset');
      const ds = ctx.datasets.at(dsArg?.value);
      const columns = ds?.columns;
      if (dsArg && ds && columns && !ds.isDict && !columns.includes(field) && ctx.unsloth.patches && unslothRefusesPromptCompletion(columns)) {
        reportUnslothPromptCompletion(ctx, dsArg.value, arg?.value, field, ds);
        continue;
      }
      if (!ds || !columns || ds.isDict || columns.includes(field) || handledWithoutTextField(columns)) continue;
      // From TRL 0.22 a vision-language trainer with its own collator never reads the field (no preparation).
      const prepared = sftPreparationVersion(ctx, t, {});
      if (!prepared.severity) continue;
      if (!arg) {
        // A row with "prompt" takes the prompt-completion path from TRL 0.17 (and fails there without
        // "completion"); the default's case is reported where every version fails the same way.
        if (columns.includes('prompt') || !dsArg) continue;
        ctx.report({
          node: dsArg.value,
          severity: prepared.severity,
          message: `${t.kind} reads each row's text from the "text" column (\`dataset_text_field\`'s default), but the training dataset has no such column (${columnsPhrase(ds)}) and no \`formatting_func\` builds the text: preparing the dataset fails with KeyError: 'text' before training starts${prepared.note} (before TRL 0.12, where the field has no default, a ValueError asking for \`dataset_text_field\` or \`formatting_func\`). Map the rows to a "text" column, pass \`formatting_func=\`, or set \`dataset_text_field=\` to the column that holds the text.`,
          related: datasetTrail(ds),
        });
        continue;
      }
      // From TRL 0.17 a row with "prompt" takes the prompt-completion path and the field is never read.
      let severity = prepared.severity;
      let note = prepared.note;
      // A finding resting on an assumed version or path offers no fix.
      let gate: string | undefined = prepared.severity === ctx.rule.severity ? undefined : 'assumed';
      if (columns.includes('prompt')) {
        const v = ctx.version('trl', { before: '0.17' });
        if (!v.severity) continue;
        severity = minSeverity(severity, v.severity); note = v.note + prepared.note; gate = gate ?? v.gate;
      }

      const closest = closestName(field, columns);
      const fixes: Fix[] = [];
      if ((gate === undefined || gate === 'affected') && closest?.confident && arg.value.type === 'string' && !arg.value.namedChildren.some((c) => c?.type === 'interpolation')) {
        const quote = /["']+$/.exec(arg.value.text)?.[0] ?? '"';
        const prefix = arg.value.text.slice(0, arg.value.text.indexOf(quote[0])).replace(/[fF]/g, '');
        fixes.push({ title: `Use the "${closest.name}" column`, applicability: 'safe', edits: [replaceNode(ctx.source, arg.value, `${prefix}${quote}${closest.name}${quote}`)] });
      }
      const hint = closest && closest.distance <= Math.max(2, Math.floor(field.length / 2)) ? `; did you mean "${closest.name}"?` : '.';
      ctx.report({
        node: arg.value,
        severity,
        message: `\`dataset_text_field="${field}"\` names a column the training dataset does not have (${columnsPhrase(ds)}): tokenization fails with KeyError: '${field}'${note}${hint}`,
        related: datasetTrail(ds),
        fixes,
      });
    }
  },
};
/** The column a prompt-only row's answer is most likely in, for the message. */
const ANSWER_COLUMNS = ['response', 'answer', 'output', 'chosen', 'target', 'solution'];

/**
 * From TRL 0.17, SFTTrainer's tokenize step takes the prompt-completion path for any row with a `prompt`
 * column (`if "prompt" in example`) and reads `example["completion"]`: a dataset with `prompt` and no
 * `completion` fails there whatever `dataset_text_field` or `formatting_func` say (the formatting function's
 * "text" column is added beside `prompt`). Unsloth's own preparation (unsloth-zoo `sft_prepare_dataset`) takes
 * that path only when both columns exist, so a patched trainer is not concerned.
 */
function reportPromptWithoutCompletion(ctx: RuleContext, t: TrainerFact): boolean {
  if (ctx.unsloth.patches) return false;
  const dsArg = trainerArg(t, 'train_dataset');
  const ds = ctx.datasets.at(dsArg?.value);
  const columns = ds?.columns;
  if (!dsArg || !ds || !columns || ds.isDict || !columns.includes('prompt') || columns.includes('completion')) return false;
  // Tokenized rows skip the preparation, as do vision rows (TRL keeps them for its own collator).
  if (columns.includes('input_ids') || columns.includes('image') || columns.includes('images')) return false;
  if (preparationSkipped(ctx.facts, t) !== false) return false;
  const v = ctx.version('trl', { from: '0.17' });
  if (!v.severity) return false;
  const answer = ANSWER_COLUMNS.find((c) => columns.includes(c));
  const ignored = trainerArg(t, 'formatting_func') ? '; the text `formatting_func` builds is not used for such rows'
    : trainerArg(t, 'dataset_text_field') ? '; `dataset_text_field` is not read for such rows' : '';
  const chat = columns.includes('messages') || columns.includes('conversations');
  const todo = chat ? 'Keep only the chat column (`remove_columns` the others, "prompt" first) so the rows are read as chat'
    : `${answer ? `Rename "${answer}" to "completion"` : 'Add a "completion" column'}, or remove the "prompt" column`;
  ctx.report({
    node: dsArg.value,
    severity: v.severity,
    message: `${t.kind} takes any row with a "prompt" column for prompt-completion data and tokenizes prompt + completion, but the training dataset has no "completion" column (${columnsPhrase(ds)}): preparing the dataset fails with KeyError: 'completion' before training starts${v.note}${ignored}. ${todo}.`,
    related: datasetTrail(ds),
  });
  return true;
}

export default rule;
