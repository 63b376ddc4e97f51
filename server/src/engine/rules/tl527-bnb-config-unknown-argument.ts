import { closestName } from '../domain/names';
import { callsWhere } from '../facts/selections';
import type { ArgFact, CallFact } from '../facts/types';
import type { Fix } from '../diagnostics';
import { renameKeyword } from './edits';
import type { Rule } from './rule';

/**
 * The keywords `BitsAndBytesConfig.__init__` takes (transformers `src/transformers/utils/quantization_config.py`: the
 * same ten from `bnb_4bit_quant_storage`'s arrival in 2024 to 5.5.0.dev0, cyyever/transformers 2da00a3c, 2026-03-30, and
 * huggingface/transformers 000e2231). Everything else lands in `**kwargs`.
 */
const BNB_PARAMETERS = [
  'load_in_8bit', 'load_in_4bit', 'llm_int8_threshold', 'llm_int8_skip_modules', 'llm_int8_enable_fp32_cpu_offload',
  'llm_int8_has_fp16_weight', 'bnb_4bit_compute_dtype', 'bnb_4bit_quant_type', 'bnb_4bit_use_double_quant',
  'bnb_4bit_quant_storage',
] as const;

/** Shaped like a bitsandbytes setting: a misnamed one of its own family (`bnb_8bit_compute_dtype`). */
const BNB_SHAPED = /^(bnb_|llm_int|load_in_)/;

/** A `BitsAndBytesConfig(…)` call from transformers (a selection test for `callsWhere`). */
const isBnbConfig = (c: CallFact): boolean =>
  !!c.qualified && c.qualified.startsWith('transformers.') && c.qualified.endsWith('.BitsAndBytesConfig');

/** What the script most likely meant, when one parameter is clearly closest and not given already. */
function meant(name: string, call: CallFact): string | undefined {
  // `bnb_4bit_double_quant`, `use_double_quant`: the one parameter that ends that way.
  const suffix = BNB_PARAMETERS.filter((p) => p.endsWith(name.replace(/^bnb_4bit_/, '')) && p !== name);
  const c = closestName(name, BNB_PARAMETERS);
  const guess = suffix.length === 1 && name.startsWith('bnb_4bit_') ? suffix[0] : c?.confident ? c.name : undefined;
  return guess && !call.keywords.has(guess) ? guess : undefined;
}

/** What the default leaves in place of the setting meant. */
function consequence(guess: string | undefined): string {
  if (guess === 'bnb_4bit_compute_dtype') return ' (the 4-bit layers compute in float32, the default: slower, more memory)';
  if (guess === 'bnb_4bit_use_double_quant') return ' (no double quantization, the default)';
  if (guess === 'bnb_4bit_quant_type') return ' (the quantization type stays "fp4", the default)';
  return '';
}

function report(ctx: Parameters<Rule['check']>[0], call: CallFact, name: string, arg: ArgFact): void {
  const guess = meant(name, call);
  const eightBit = name.startsWith('bnb_8bit_');
  const fixes: Fix[] = guess && !eightBit
    ? [{ title: `Rename ${name}= to ${guess}=`, applicability: 'unsafe', edits: [renameKeyword(ctx.source, arg, guess)] }]
    : [];
  const hint = eightBit
    ? ` There is no \`bnb_8bit_*\` parameter: the \`bnb_4bit_*\` ones${guess ? ` (here \`${guess}=\`)` : ''} are the only ones, and they apply to 4-bit loading; 8-bit loading has no such setting.`
    : guess ? ` Did you mean \`${guess}=\`?` : '';
  ctx.report({
    node: arg.node.childForFieldName('name') ?? arg.node,
    message: `\`${name}=\` is not a parameter of BitsAndBytesConfig: transformers puts it in \`**kwargs\` and ignores it (it only logs "Unused kwargs"), so the setting has no effect${eightBit ? '' : consequence(guess)}.${hint}`,
    fixes,
  });
}

const rule: Rule = {
  code: 'TL527',
  name: 'bnb-config-unknown-argument',
  severity: 'warning',
  fix: 'sometimes',
  requires: ['BitsAndBytesConfig'],
  docs: `## What it does
Flags a keyword of transformers' \`BitsAndBytesConfig(…)\` that is not one of its parameters and is shaped like one
(\`bnb_…\`, \`llm_int…\`, \`load_in_…\`, or a near spelling of a parameter): \`bnb_4bit_compute_type=\`,
\`bnb_4bit_double_quant=\`, \`bnb_8bit_compute_dtype=\`, \`llm_int4_skip_modules=\`.

## Why is this bad?
\`BitsAndBytesConfig.__init__\` ends in \`**kwargs\` and does nothing with them but log "Unused kwargs: […]" (a warning
when that log came, in March 2024; at info level, hidden by default, by 5.5; nothing at all before). The setting the script asks
for never happens, and nothing fails: with \`bnb_4bit_compute_type=torch.bfloat16\` the 4-bit layers compute in float32
(the default of \`bnb_4bit_compute_dtype\`), with \`bnb_4bit_double_quant=True\` there is no double quantization. 8-bit
loading (\`load_in_8bit=True\`) has no compute dtype, quant type or double quantization setting at all.

Keywords that look like no bitsandbytes setting are left alone (a later release may add parameters); the keys of a
\`**dict\` passed along are not read (the call's own keywords still are).

## Example
\`\`\`python
import torch
from transformers import BitsAndBytesConfig

bnb_config = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_type=torch.bfloat16)
\`\`\`

## Use instead
\`\`\`python
import torch
from transformers import BitsAndBytesConfig

bnb_config = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=torch.bfloat16)
\`\`\`

## Fix safety
Renaming to the parameter meant is unsafe: the setting then takes effect (another compute dtype, double quantization),
which changes memory use and numerics. It is offered only when one parameter is clearly meant and not already given.

## References
- transformers \`src/transformers/utils/quantization_config.py\` \`BitsAndBytesConfig.__init__\`: \`load_in_8bit\`, \`load_in_4bit\`,
  \`llm_int8_threshold\`, \`llm_int8_skip_modules\`, \`llm_int8_enable_fp32_cpu_offload\`, \`llm_int8_has_fp16_weight\`,
  \`bnb_4bit_compute_dtype\` (None → \`torch.float32\`), \`bnb_4bit_quant_type\`, \`bnb_4bit_use_double_quant\`,
  \`bnb_4bit_quant_storage\`, \`**kwargs\`; \`if kwargs: logger.info(f"Unused kwargs: …")\` (cyyever/transformers 2da00a3c,
  5.5.0.dev0, 2026-03-30; huggingface/transformers 000e2231); the log came with huggingface/transformers#29761
  (8dd4ce6f, 2024-03-20, as \`logger.warning\`); at 8088ca41 (2023-06) the kwargs were dropped without a word
- Real scripts: 3DAlgoLab/TinyVLA (\`bnb_4bit_compute_type\`), NavinKumarMNK/LLM-SFT-DPO-PEFT (\`bnb_8bit_compute_dtype\`),
  sahilmdeshmukh/function-call-finetune and WeixuanJiang/Qlora-Fine-Tuning-Pipeline (\`bnb_4bit_double_quant\`)
`,
  check(ctx) {
    for (const call of callsWhere(ctx.facts, isBnbConfig)) {
      for (const [name, arg] of call.keywords) {
        if ((BNB_PARAMETERS as readonly string[]).includes(name)) continue;
        const near = closestName(name, BNB_PARAMETERS);
        if (!BNB_SHAPED.test(name) && !near?.confident) continue;
        report(ctx, call, name, arg);
      }
    }
  },
};
export default rule;
