import { markersFor, markersForModelId } from '../chat/markers';
import { approximateTokenizer } from '../masking/approx-tokenizer';
import { renderScriptMasking } from '../masking/script-preview';
import { modelIdOf } from '../masking/script-plan';
import { trainerArg } from '../domain/trainers';
import { assignmentsWhere, callsWhere } from '../facts/selections';
import type { AssignmentFact, CallFact } from '../facts/types';
import type { Rule } from './rule';

/**
 * Findings by the text of everything the preview of one trainer depends on: typing elsewhere in
 * the script reuses them instead of re-evaluating rows and re-tokenizing (diagnostics latency).
 */
const findings = new Map<string, { row: number; finding: string; approximate: boolean } | null>();
const MAX_CACHED = 256;

const sharedKeys = new WeakMap<object, number>();

/**
 * What every trainer's preview depends on: functions, template/marker/loader calls, token settings (once per
 * analysis), interned like the texts it is made of (every trainer's key holds it).
 */
/** Selection tests (`callsWhere`, `assignmentsWhere`): the template, marker and loader calls; token settings. */
const setsUpPreview = (c: CallFact): boolean => /train_on_responses_only|get_chat_template|from_pretrained$/.test(c.method ?? c.calleeText);
const setsTokens = (x: AssignmentFact): boolean => /\.(pad_token|chat_template|eos_token)(_id)?$/.test(x.target) || x.valueText.includes('eos_token');

function sharedKeyId(a: import('../lint/analysis').Analysis): number {
  let id = sharedKeys.get(a);
  if (id === undefined) {
    const parts: number[] = [];
    for (const c of callsWhere(a.facts, setsUpPreview)) parts.push(textId(c.text));
    parts.push(-1); // calls, then assignments
    for (const x of assignmentsWhere(a.facts, setsTokens)) parts.push(textId(x.text));
    id = textId(parts.join(','));
    sharedKeys.set(a, id);
  }
  return id;
}

/**
 * Texts in a key, interned to numbers: the texts are the facts' own strings (the same objects from lint to
 * lint while their section lives, so V8 hashes each once), and the key built from their numbers stays short
 * to build and to hash. Numbers are never reused, so two texts never share one; a full table starts over.
 */
const textIds = new Map<string, number>();
let nextTextId = 0;
const MAX_TEXTS = 4096;

function textId(text: string): number {
  let id = textIds.get(text);
  if (id === undefined) {
    if (textIds.size >= MAX_TEXTS) textIds.clear();
    textIds.set(text, (id = nextTextId++));
  }
  return id;
}

/** The names a text mentions (the functions a trainer's rows may go through), per text. */
const namesOf = new Map<string, readonly string[]>();

function namesIn(text: string): readonly string[] {
  let names = namesOf.get(text);
  if (names === undefined) {
    if (namesOf.size >= MAX_TEXTS) namesOf.clear();
    namesOf.set(text, (names = text.match(/[A-Za-z_]\w*/g) ?? []));
  }
  return names;
}

function dependencyKey(a: import('../lint/analysis').Analysis, t: import('../domain/trainers').TrainerFact, ds: import('../dataset/state').DatasetState, tokenizer: string): string {
  // The variable: which train_on_responses_only(…) call wraps this trainer depends on it.
  // Texts of calls and functions are kept with their facts (read once while the section's tree lives).
  const textOf = (n: import('web-tree-sitter').Node) => a.callsByNode.get(n.id)?.text ?? n.text;
  const stepTexts = ds.steps.map((s) => textOf(s.node));
  const parts: (string | number)[] = [textId(tokenizer), textId(t.call.text), textId(t.variable ?? ''), textId(textOf(ds.origin)), sharedKeyId(a), ...stepTexts.map(textId)];
  // the functions this trainer's rows go through (map steps, formatting_func), not every function
  const found: string[] = [];
  const addFunctions = (x: string) => {
    for (const name of namesIn(x)) {
      const f = a.facts.functions.get(name);
      if (f && !found.includes(name)) { found.push(name); parts.push(`${name}=${textId(f.text)}`); }
    }
  };
  for (const x of stepTexts) addFunctions(x);
  addFunctions(t.call.text);
  return parts.join(',');
}

/** With the approximate tokenizer: "no trained tokens" because the response marker's text never occurs in the row. */
function markerAbsent(finding: string, marker: string | undefined, text: string): boolean {
  const m = marker?.trim();
  return /^no trained tokens/.test(finding) && !!m && !text.includes(m);
}

/** Sample findings that mean the loss is wrong for the whole row (RULES.md TL110). */
const FATAL = [/^no trained tokens/, /^final end-of-turn .* is not trained/, /^no EOS or end-of-turn token/];

const rule: Rule = {
  code: 'TL110',
  name: 'sample-fully-masked',
  severity: 'warning',
  fix: 'none',
  overriddenBy: ['loss', 'batches', 'preparation'],
  docs: `## What it does
Runs the loss-masking preview on the first rows the script's dataset really has (literals, local
files, the Hugging Face cache) and reports rows that train on no token at all, or whose final EOS /
end-of-turn token is not trained.

It reports only what it computed: every step from the rows to the labels must have been evaluated (each
\`map\` function, no \`formatting_func\` left unevaluated, a known chat template), and without the model's real
tokenizer (loaded by a preview) only a response marker whose text does not occur in the row at all counts —
a finding that depends on where an approximate tokenizer puts token boundaries, or on which EOS it guesses,
is left to the preview, which shows it with its caveats.

## Why is this bad?
A row with zero trained tokens adds nothing to the loss (0, or NaN for a fully masked batch, which the
Trainer logs as \`loss: 0.0\`). A final end-of-turn that is never a target means the model never learns
to stop. Both happen silently: wrong response markers, truncation, or pad == eos.

## Example
\`\`\`python
from unsloth import FastLanguageModel
from unsloth.chat_templates import get_chat_template, train_on_responses_only
from datasets import Dataset
from trl import SFTTrainer, SFTConfig

model, tokenizer = FastLanguageModel.from_pretrained("unsloth/Qwen2.5-0.5B-Instruct")
tokenizer = get_chat_template(tokenizer, chat_template="qwen-2.5")
rows = [{"text": "<|im_start|>user\\nHi<|im_end|>\\n<|im_start|>assistant\\nHello!<|im_end|>\\n"}]
dataset = Dataset.from_list(rows)
trainer = SFTTrainer(model=model, train_dataset=dataset, args=SFTConfig(output_dir="o"))
trainer = train_on_responses_only(trainer, instruction_part="### Human:", response_part="### Assistant:")
\`\`\`

## Use instead
\`\`\`python
from unsloth import FastLanguageModel
from unsloth.chat_templates import get_chat_template, train_on_responses_only
from datasets import Dataset
from trl import SFTTrainer, SFTConfig

model, tokenizer = FastLanguageModel.from_pretrained("unsloth/Qwen2.5-0.5B-Instruct")
tokenizer = get_chat_template(tokenizer, chat_template="qwen-2.5")
rows = [{"text": "<|im_start|>user\\nHi<|im_end|>\\n<|im_start|>assistant\\nHello!<|im_end|>\\n"}]
dataset = Dataset.from_list(rows)
trainer = SFTTrainer(model=model, train_dataset=dataset, args=SFTConfig(output_dir="o"))
trainer = train_on_responses_only(trainer, instruction_part="<|im_start|>user\\n", response_part="<|im_start|>assistant\\n")
\`\`\`

## Fix safety
No automatic fix: the cause differs (markers, truncation, pad token). The message names the finding;
*trainlint: Preview Loss Masking* shows every token.

## References
- unslothai/unsloth#2900; huggingface/trl#6668
`,
  check(ctx) {
    const a = ctx.a;
    const own = ctx.trainers; // less those whose subclass overrides the loss, batches or preparation
    a.trainers.forEach((t, index) => {
      if (!own.includes(t)) return;
      const ds = ctx.datasets.at(trainerArg(t, 'train_dataset')?.value);
      if (!ds?.columns || !a.datasets.at(ds.origin)?.rows?.length) return; // no real rows: nothing to judge
      const modelId = modelIdOf(a, t);
      const tokenizerName = a.loadedTokenizer?.source ?? `approx:${modelId ?? ''}`;
      const key = `${index}\u0000${dependencyKey(a, t, ds, tokenizerName)}`;
      let hit = findings.get(key);
      if (hit === undefined) {
        hit = null;
        const tok = a.loadedTokenizer
          ?? approximateTokenizer((modelId ? markersForModelId(modelId) : undefined)?.name ?? markersFor('chatml')?.name, modelId ?? 'approximation');
        const preview = renderScriptMasking(a, tok, [], { trainer: index, rows: 3 });
        // No finding from a guess: every step from the rows to the labels evaluated, and with the
        // approximate tokenizer only what no token boundary can change (the response marker's text is
        // nowhere in the row, so no tokenization of it can match).
        if ('samples' in preview && preview.exact) {
          for (const s of preview.samples) {
            const finding = s.warnings.find((w) => FATAL.some((re) => re.test(w)));
            if (!finding) continue;
            if (preview.approximate && !markerAbsent(finding, preview.responseMarker, s.tokens.map((x) => x.text).join(''))) continue;
            hit = { row: s.row, finding, approximate: preview.approximate };
            break; // one per trainer is enough
          }
        }
        if (findings.size >= MAX_CACHED) findings.delete(findings.keys().next().value as string);
        findings.set(key, hit);
      }
      if (!hit) return;
      ctx.report({
        node: t.call.callee,
        message: `Row ${hit.row} of the training data: ${hit.finding}${hit.approximate ? ' (the response marker\'s text does not occur in the row, whatever the tokenizer; "trainlint: Preview Loss Masking" shows every token)' : ''}.`,
        related: [{ node: ds.origin, message: `rows come from here (${ds.originLabel})` }],
      });
    });
  },
};
export default rule;
