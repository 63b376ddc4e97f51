import type { DiagnosticTag, Fix, Severity } from '../diagnostics';
import { modelLoad } from '../domain/models';
import type { ArgFact, CallFact } from '../facts/types';
import { evaluateBool } from '../facts/values';
import { removeArgument, renameKeyword, replaceNode } from './edits';
import { ensureImport } from './imports-edit';
import type { RuleContext } from './context';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL506',
  name: 'deprecated-load-kwargs',
  severity: 'warning',
  fix: 'sometimes',
  requires: ['torch_dtype', 'load_in_4bit', 'load_in_8bit'],
  docs: `## What it does
Flags two \`from_pretrained\` keyword arguments of transformers model classes (\`AutoModelForCausalLM\`, …):
\`torch_dtype=\` (renamed \`dtype=\` in transformers 4.56) and \`load_in_4bit=\` / \`load_in_8bit=\` (deprecated
around 4.38 in favour of \`quantization_config=BitsAndBytesConfig(...)\`, removed in transformers 5).
Unsloth's \`FastLanguageModel.from_pretrained(load_in_4bit=…, dtype=…)\` is its own API and is not flagged.

## Why is this bad?
While deprecated they still work and print \`torch_dtype is deprecated! Use dtype instead!\` and \`The
load_in_4bit and load_in_8bit arguments are deprecated…\` (information, Deprecated tag). transformers 5 removed
\`load_in_4bit\`/\`load_in_8bit\`, and passing them together with \`quantization_config\` is rejected (warning).
Older transformers (before 4.56 / 4.38) only know the old names, so the rule is silent there.

## Example
\`\`\`python
# pip install transformers==4.57.1
import torch
from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B", torch_dtype=torch.bfloat16, load_in_4bit=True)
\`\`\`

## Use instead
\`\`\`python
# pip install transformers==4.57.1
import torch
from transformers import AutoModelForCausalLM, BitsAndBytesConfig

model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B", dtype=torch.bfloat16,
                                             quantization_config=BitsAndBytesConfig(load_in_4bit=True))
\`\`\`

## Fix safety
Renaming \`torch_dtype=\` to \`dtype=\` is safe when the installed transformers is known to be ≥ 4.56; with an
unknown version it is unsafe (older versions ignore \`dtype=\` and load in float32).
Moving \`load_in_4bit=True\` into \`quantization_config=BitsAndBytesConfig(load_in_4bit=True)\` is safe on every
version that has \`load_in_4bit\`; \`load_in_4bit=False\` is simply removed. No fix when other quantization
keywords (\`bnb_4bit_*\`, \`quantization_config\`, \`**kwargs\`) are present.

## References
- huggingface/transformers PR #39782 (dtype), PR #41287 (removal), PR #26610;
  huggingface/trl#1361; huggingface/peft PR #1552
`,
  check(ctx) {
    for (const call of ctx.facts.calls) {
      const load = modelLoad(ctx.facts, ctx.a.callsByNode, call);
      if (!load || load.unsloth) continue;
      const td = call.keywords.get('torch_dtype');
      if (td) checkTorchDtype(ctx, call, td, load.cls);
      for (const k of ['load_in_4bit', 'load_in_8bit']) {
        const a = call.keywords.get(k);
        if (a) checkLoadIn(ctx, call, a, load.cls);
      }
    }
  },
};

function checkTorchDtype(ctx: RuleContext, call: CallFact, arg: ArgFact, cls: string) {
  const gate = ctx.env.gate('transformers', { from: '4.56' });
  if (gate === 'unaffected') return;
  const note = gate === 'affected' ? ` (${ctx.versionText('transformers')})` : ctx.version('transformers', { from: '4.56' }).note;
  const fixes: Fix[] = call.keywords.has('dtype') ? [] : [{
    title: 'Rename torch_dtype= to dtype=',
    applicability: gate === 'affected' ? 'safe' : 'unsafe',
    edits: [renameKeyword(ctx.source, arg, 'dtype')],
  }];
  ctx.report({
    node: arg.node.childForFieldName('name') ?? arg.node,
    severity: 'information',
    tags: ['deprecated'],
    message: `\`torch_dtype=\` of ${cls}.from_pretrained is deprecated${note}: transformers prints "torch_dtype is deprecated! Use dtype instead!". Use \`dtype=\`.`,
    fixes,
  });
}

function checkLoadIn(ctx: RuleContext, call: CallFact, arg: ArgFact, cls: string) {
  const removed = ctx.env.gate('transformers', { from: '5.0' });
  const deprecated = ctx.env.gate('transformers', { from: '4.38' });
  if (removed === 'unaffected' && deprecated === 'unaffected') return;
  const installed = ctx.versionText('transformers');
  let severity: Severity = 'information';
  let tags: DiagnosticTag[] = ['deprecated'];
  let what: string;
  if (removed === 'affected') {
    severity = ctx.rule.severity; tags = [];
    what = `was removed from ${cls}.from_pretrained in transformers 5 (${installed})`;
  } else if (deprecated === 'affected') {
    what = `of ${cls}.from_pretrained is deprecated (${installed}) and removed in transformers 5`;
  } else {
    what = `of ${cls}.from_pretrained is deprecated from transformers 4.38 and removed in transformers 5${ctx.version('transformers', { from: '4.38' }).note}`;
  }
  ctx.report({
    node: arg.node.childForFieldName('name') ?? arg.node,
    severity,
    tags,
    message: evaluateBool(ctx.facts, arg.value) === false
      ? `\`${arg.name}=\` ${what}; \`${arg.name}=False\` is the default, so drop it.`
      : `\`${arg.name}=\` ${what}; pass \`quantization_config=BitsAndBytesConfig(${arg.name}=True)\` instead.`,
    fixes: loadInFix(ctx, call, arg),
  });
}

function loadInFix(ctx: RuleContext, call: CallFact, arg: ArgFact): Fix[] {
  if (call.hasSplat || call.keywords.has('quantization_config')) return [];
  if ([...call.keywords.keys()].some((k) => /^(bnb_|llm_int8_)/.test(k))) return [];
  if (call.keywords.has('load_in_4bit') && call.keywords.has('load_in_8bit')) return [];
  const v = evaluateBool(ctx.facts, arg.value);
  if (v === false) return [{ title: `Remove ${arg.name}=False (the default)`, applicability: 'safe', edits: [removeArgument(ctx.source, call, arg)] }];
  if (v !== true) return [];
  return [{
    title: `Use quantization_config=BitsAndBytesConfig(${arg.name}=True)`,
    applicability: 'safe',
    edits: [replaceNode(ctx.source, arg.node, `quantization_config=BitsAndBytesConfig(${arg.name}=True)`),
      ...ensureImport(ctx, 'transformers', 'BitsAndBytesConfig')],
  }];
}
export default rule;
