import type { Fix } from '../diagnostics';
import { activeTemplateAt, renderSample, specialPieces, type ActiveTemplate } from '../domain/active-template';
import { completionTemplatesNotWritten } from '../domain/completion-template';
import { isUnslothResponsesOnly } from '../domain/labels';
import type { ArgFact } from '../facts/types';
import { evaluateString } from '../facts/values';
import { addKeyword, replaceNode } from './edits';
import type { Rule } from './rule';

type Part = 'instruction_part' | 'response_part';


/** A Python string literal for `s` (JSON escapes are valid Python escapes). */
function py(s: string): string {
  return JSON.stringify(s);
}

function markerOf(t: ActiveTemplate, part: Part): string | undefined {
  return part === 'instruction_part' ? t.markers?.instructionPart : t.markers?.responsePart;
}

/** The part with `mapping=` role names turned back into the standard ones (`human` → `user`). */
function unmapped(t: ActiveTemplate, value: string): string {
  let out = value;
  for (const [role, name] of Object.entries(t.roleNames)) if (name && name !== role) out = out.split(name).join(role);
  return out;
}

/**
 * Can the part ever match text the template renders? true / false, or undefined when we cannot tell.
 * With a template source: a substring of a rendered multi-turn sample (edge whitespace aside). Without
 * one: its special-token pieces must belong to the template's markers, and plain text must occur inside a marker.
 */
function partMatches(t: ActiveTemplate, value: string): boolean | undefined {
  // Edge whitespace is a tokenization subtlety (older Unsloth absorbed it), not a marker that can never match.
  const variants = [...new Set([value, unmapped(t, value)].flatMap((v) => [v, v.trim()]))].filter((v) => v !== '' || value === '');
  const m = t.markers;
  // A part that starts with the template's own marker (Qwen3.5 notebooks: "<|im_start|>assistant\n<think>").
  if (m && variants.some((v) => v.startsWith(m.responsePart) || v.startsWith(m.instructionPart))) return true;
  const rendered = t.source !== undefined ? renderSample(t.source, m?.endOfTurnIsEos ? '</s>' : '') : undefined;
  if (rendered !== undefined) return variants.some((v) => rendered.includes(v));
  if (!m) return undefined;
  const markerText = [m.instructionPart, m.responsePart, m.endOfTurn];
  const known = new Set(markerText.flatMap(specialPieces));
  return variants.some((v) => {
    const pieces = specialPieces(v);
    return pieces.length > 0 ? pieces.every((p) => known.has(p)) : markerText.some((x) => x.includes(v));
  });
}

function describe(t: ActiveTemplate): string {
  return t.name ? `the "${t.name}" chat template` : `the chat template${t.markers ? ` (${t.markers.name} family)` : ''}`;
}

const rule: Rule = {
  code: 'TL101',
  name: 'response-marker-mismatch',
  severity: 'error',
  fix: 'safe',
  requires: ['train_on_responses_only', 'DataCollatorForCompletionOnlyLM'],
  docs: `## What it does
Checks Unsloth's \`train_on_responses_only(trainer, instruction_part=…, response_part=…)\` against the chat
template the script sets (\`get_chat_template(tokenizer, chat_template="…")\`, a \`(template, eos)\` tuple, or a
literal \`tokenizer.chat_template = "…"\`): each part must be text the template renders. Also flags a call that
gives only one of the two parts, and TRL's \`DataCollatorForCompletionOnlyLM\` whose \`response_template\` (or
\`instruction_template\`) string occurs nowhere in the text the trainer's \`formatting_func\` builds by hand
(f-strings, \`.format\`, \`+\`), when every part of that text is known: literals, data fields, token attributes.

## Why is this bad?
\`train_on_responses_only\` trains only on the tokens after each \`response_part\` up to the next
\`instruction_part\`. A part the template never renders (Llama-3 headers on a ChatML/Qwen template, Alpaca's
\`### Response:\` on a chat template) matches nothing, so every label becomes -100: current unsloth-zoo raises
"All labels in your dataset are -100 … Maybe you're using a Llama chat template on a non Llama model", older
versions trained with loss 0 or nan. Giving only one part raises "instruction_part and response_part must be
given" (newer: "Give both … or neither to auto-detect"). Without a template set in the script the rule is
silent. A \`train_on_responses_only\` the script defines itself (\`def train_on_responses_only(tokenizer, input_ids)\`, a
collate helper that masks turns by hand, beacoder/llm \`finetune/ray/sft_conversation_training.py\`) or imports from
its own project is not Unsloth's and is not checked.

The completion-only collator looks for its template's token ids in every sample; where they are missing it warns
"Could not find response key … This instance will be ignored in loss calculation" and sets the whole row's labels
to -100 (huggingface/trl v0.19.1 \`trl/trainer/utils.py\`, \`DataCollatorForCompletionOnlyLM.torch_call\`; the
same for \`instruction_template\`, "Could not find instruction key"). A template the formatting function never
writes (TRL's docs write \`### Answer:\`; a copied \`### Response:\` template) matches only if the data spells it.

## Example
\`\`\`python
from unsloth.chat_templates import get_chat_template, train_on_responses_only

tokenizer = get_chat_template(tokenizer, chat_template="qwen-2.5")
trainer = train_on_responses_only(
    trainer,
    instruction_part="<|start_header_id|>user<|end_header_id|>\\n\\n",
    response_part="<|start_header_id|>assistant<|end_header_id|>\\n\\n",
)
\`\`\`

## Use instead
\`\`\`python
from unsloth.chat_templates import get_chat_template, train_on_responses_only

tokenizer = get_chat_template(tokenizer, chat_template="qwen-2.5")
trainer = train_on_responses_only(
    trainer,
    instruction_part="<|im_start|>user\\n",
    response_part="<|im_start|>assistant\\n",
)
\`\`\`

## Fix safety
Replacing a literal part with the template's own marker is safe: it is the only text
that delimits turns in that template. Adding the missing part of a one-part call is safe for the same
reason. No fix when the part is not a literal or the template's markers are unknown.

## References
- unslothai/unsloth#2900, #2364, #1128, #1229
- huggingface/trl#598, #1183; huggingface/transformers#27733 (zero loss from an unmatched template)
`,
  check(ctx) {
    for (const m of completionTemplatesNotWritten(ctx)) {
      ctx.report({
        node: m.arg.node,
        message: `${m.param} ${py(m.value)} does not occur in the text \`${m.fn}\` builds, so DataCollatorForCompletionOnlyLM finds it in no sample: TRL warns "Could not find ${m.param === 'response_template' ? 'response' : 'instruction'} key … This instance will be ignored in loss calculation" and every label becomes -100 (loss 0 or nan). Use the marker the text writes.`,
        related: [{ node: m.trainer.call.callee, message: `${m.trainer.kind} trains on ${m.fn}'s text with this collator` }],
      });
    }
    for (const c of ctx.facts.calls) {
      if (!isUnslothResponsesOnly(ctx.facts, c) || c.hasSplat) continue;
      const args: Record<Part, ArgFact | undefined> = {
        instruction_part: c.keywords.get('instruction_part') ?? c.positional[1],
        response_part: c.keywords.get('response_part') ?? c.positional[2],
      };
      for (const k of Object.keys(args) as Part[]) if (args[k]?.value.type === 'none') args[k] = undefined;
      const t = activeTemplateAt(ctx.facts, c.node);
      const related = t ? [{ node: t.node, message: `${describe(t)} is set here` }] : [];

      if (!!args.instruction_part !== !!args.response_part) {
        const given: Part = args.instruction_part ? 'instruction_part' : 'response_part';
        const missing: Part = given === 'instruction_part' ? 'response_part' : 'instruction_part';
        const marker = t && markerOf(t, missing);
        const fixes: Fix[] = marker !== undefined && partMatches(t!, marker) !== false
          ? [{ title: `Add ${missing}=${py(marker)}`, applicability: 'safe', edits: [addKeyword(ctx.source, c, `${missing}=${py(marker)}`)] }]
          : [];
        ctx.report({
          node: args[given]!.node,
          message: `train_on_responses_only gets ${given} but no ${missing}: Unsloth raises "instruction_part and response_part must be given" (newer: "Give both instruction_part and response_part, or neither to auto-detect!")${marker ? `; ${describe(t!)} uses ${missing}=${py(marker)}` : ''}.`,
          related,
          fixes,
        });
      }
      if (!t) continue;
      for (const part of ['instruction_part', 'response_part'] as Part[]) {
        const arg = args[part];
        const value = evaluateString(ctx.facts, arg?.value);
        if (!arg || value === undefined || partMatches(t, value) !== false) continue;
        const marker = markerOf(t, part);
        const usable = marker !== undefined && partMatches(t, marker) !== false;
        const fixes: Fix[] = usable && arg.value.type === 'string'
          ? [{ title: `Use ${py(marker!)}, the template's ${part}`, applicability: 'safe', edits: [replaceNode(ctx.source, arg.value, py(marker!))] }]
          : [];
        const foreign = specialPieces(value).length === 0 ? ' (plain text the template never renders)' : '';
        ctx.report({
          node: arg.value,
          message: `${part} ${py(value)} does not occur in ${describe(t)}${foreign}, so no turn matches and every label becomes -100 (unsloth-zoo: "All labels in your dataset are -100"; older versions train on nothing)${usable ? `; the template's ${part} is ${py(marker!)}` : ''}.`,
          related,
          fixes,
        });
      }
    }
  },
};
export default rule;
