import type { DiagnosticTag, Fix, Severity } from '../diagnostics';
import { modelLoad } from '../domain/models';
import { isTokenizerLoad } from '../domain/tokenizers';
import { driftVerdict } from './drift';
import { callsWhere } from '../facts/selections';
import type { ArgFact, CallFact } from '../facts/types';
import { evaluateBool } from '../facts/values';
import { removeArgument, renameKeyword, replaceNode } from './edits';
import { ensureImport } from './imports-edit';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** A call given one of the keywords this rule reads (a selection test for `callsWhere`). */
const hasDeprecatedKeyword = (c: CallFact): boolean =>
  c.keywords.has('use_auth_token') || c.keywords.has('torch_dtype') || c.keywords.has('load_in_4bit') || c.keywords.has('load_in_8bit');

const rule: Rule = {
  code: 'TL506',
  name: 'deprecated-load-kwargs',
  severity: 'warning',
  fix: 'sometimes',
  requires: ['torch_dtype', 'load_in_4bit', 'load_in_8bit', 'use_auth_token'],
  docs: `## What it does
Flags two \`from_pretrained\` keyword arguments of transformers model classes (\`AutoModelForCausalLM\`, …):
\`torch_dtype=\` (renamed \`dtype=\` in transformers 4.56) and \`load_in_4bit=\` / \`load_in_8bit=\` (deprecated
around 4.38 in favour of \`quantization_config=BitsAndBytesConfig(...)\`, removed in transformers 5).
Unsloth's \`FastLanguageModel.from_pretrained(load_in_4bit=…, dtype=…)\` is its own API and is not flagged.
Also \`use_auth_token=\` of any transformers \`from_pretrained\` (models, tokenizers, processors, configs): deprecated for
\`token=\` from transformers 4.32 and no longer read at all by transformers 5.

## Why is this bad?
While deprecated they still work and print \`torch_dtype is deprecated! Use dtype instead!\` and \`The
load_in_4bit and load_in_8bit arguments are deprecated…\` (information, Deprecated tag). transformers 5 removed
\`load_in_4bit\`/\`load_in_8bit\`, and passing them together with \`quantization_config\` is rejected (warning).
Older transformers (before 4.56 / 4.38) only know the old names, so the rule is silent there.

\`use_auth_token=\` printed "The \`use_auth_token\` argument is deprecated and will be removed in v5 of Transformers.
Please use \`token\` instead." through 4.x (information, Deprecated tag). transformers 5 has no \`use_auth_token\` left:
a model class's \`from_pretrained\` passes the unknown keyword through the config (which keeps only its own fields) to
the model's \`__init__\`, so the load fails with \`TypeError: LlamaForCausalLM.__init__() got an unexpected keyword
argument 'use_auth_token'\` (an error). A tokenizer, processor or config ignores it, so the token is not sent: a gated or
private repository then fails to download unless the machine is logged in, which the script cannot show
(information). A model loaded with \`trust_remote_code=True\` runs its own \`__init__\`, which may take \`**kwargs\`
(information). \`load_dataset(use_auth_token=…)\` is the datasets library's and \`PeftModel.from_pretrained\` PEFT's: not
flagged here.

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

Renaming \`use_auth_token=\` to \`token=\` is safe on a known transformers ≥ 4.32 (both names take the same value) and
unsafe when the version is unknown; no fix when \`token=\` is given too.

## References
- huggingface/transformers PR #39782 (dtype), PR #41287 (removal), PR #26610;
  huggingface/trl#1361; huggingface/peft PR #1552
- \`use_auth_token\`: huggingface/transformers PR #25083 (2023-07-25, \`token\` first, the v5 warning);
  MIGRATION_GUIDE_V5.md@048bd927 ("\`use_auth_token\`", linked PR #41666); the transformers 5.18.0 wheel: no
  \`use_auth_token\` anywhere under \`src/transformers\`, \`models/auto/auto_factory.py\` (unknown keywords go through
  \`AutoConfig.from_pretrained(..., return_unused_kwargs=True)\`), \`configuration_utils.py\` \`from_dict\` (only
  config attributes are consumed) and \`modeling_utils.py\` (\`cls(config, *model_args, **model_kwargs)\`), against
  4.57.6 (\`auto_factory.py\`, \`tokenization_auto.py\`: the deprecation warning); cardiffnlp/tweetnlp#34 (2026-01-29:
  "RobertaForSequenceClassification.__init__() got an unexpected keyword argument 'use_auth_token'")
`,
  check(ctx) {
    for (const call of callsWhere(ctx.facts, hasDeprecatedKeyword)) {
      const auth = call.keywords.get('use_auth_token');
      if (auth && !auth.siblings) checkUseAuthToken(ctx, call, auth);
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

/** transformers 4.32 is the first release whose `from_pretrained` warns on `use_auth_token` (PR #25083, 2023-07). */
const AUTH_DEPRECATED = '4.32';

/** A transformers class's `from_pretrained`: a model's (`cls(config, **unused)` raises on an unknown keyword) or another's. */
function transformersLoad(ctx: RuleContext, call: CallFact): { cls: string; model: boolean } | undefined {
  if (call.method !== 'from_pretrained' || !call.receiver) return undefined;
  const cls = call.receiver.text.split('.').pop() ?? '';
  const model = modelLoad(ctx.facts, ctx.a.callsByNode, call);
  if (model) return model.unsloth || !call.qualified?.startsWith('transformers.') ? undefined : { cls: model.cls, model: true };
  if (!call.qualified?.startsWith('transformers.')) return undefined;
  return isTokenizerLoad(call) || /Config$/.test(cls) ? { cls, model: false } : undefined;
}

/**
 * `use_auth_token=` of a transformers `from_pretrained`: deprecated from 4.32, no longer read anywhere in transformers 5.
 * A model class then hands it to its `__init__` (TypeError: an error); a tokenizer, processor or config keeps it as an
 * unused keyword, so the token is simply not sent (information: whether the download needs it depends on the repo and
 * on a login the script cannot show). A model with remote code may take `**kwargs` in its `__init__`: information.
 */
function checkUseAuthToken(ctx: RuleContext, call: CallFact, arg: ArgFact) {
  const load = transformersLoad(ctx, call);
  if (!load) return;
  const v = driftVerdict(ctx, 'transformers', '5.0', AUTH_DEPRECATED, call.node);
  if (!v) return;
  const remoteCode = call.keywords.has('trust_remote_code') && evaluateBool(ctx.facts, call.keywords.get('trust_remote_code')!.value) !== false;
  const raises = load.model && !remoteCode;
  const severity: Severity = v.phase === 'removed' && raises ? 'error' : 'information';
  const fixes: Fix[] = call.keywords.has('token') ? [] : [{
    title: 'Rename use_auth_token= to token=',
    applicability: v.phase === 'unknown' ? 'unsafe' : 'safe',
    edits: [renameKeyword(ctx.source, arg, 'token')],
  }];
  const outcome = raises
    ? `${load.cls}.from_pretrained passes it on to the model, which raises "TypeError: … __init__() got an unexpected keyword argument 'use_auth_token'"`
    : load.model
      ? `${load.cls}.from_pretrained passes it on to the model's own code (\`trust_remote_code\`), which raises TypeError unless its \`__init__\` takes \`**kwargs\``
      : `${load.cls}.from_pretrained ignores it, so the token is not sent (a gated or private repository then fails to download unless you are logged in)`;
  const message = v.phase === 'removed'
    ? `\`use_auth_token=\` is no longer read by transformers 5${v.note}: ${outcome}. Use \`token=\`.`
    : v.phase === 'deprecated'
      ? `\`use_auth_token=\` of ${load.cls}.from_pretrained is deprecated${v.note} and dropped in transformers 5 (${raises ? 'TypeError' : 'ignored'} there). Use \`token=\`.`
      : `\`use_auth_token=\` of ${load.cls}.from_pretrained is dropped in transformers ≥ 5.0 (${v.note.slice(2, -1)}), where ${outcome}. Use \`token=\`.`;
  ctx.report({ node: arg.node.childForFieldName('name') ?? arg.node, severity, tags: v.tags, message, fixes });
}

function loadInFix(ctx: RuleContext, call: CallFact, arg: ArgFact): Fix[] {
  if (call.hasSplat || call.keywords.has('quantization_config')) return [];
  if ([...call.keywords.keys()].some((k) => /^(bnb_|llm_int8_)/.test(k))) return [];
  if (call.keywords.has('load_in_4bit') && call.keywords.has('load_in_8bit')) return [];
  const v = evaluateBool(ctx.facts, arg.value);
  if (v === false) return [{ title: `Remove ${arg.name}=False (the default)`, applicability: 'safe', edits: [removeArgument(ctx.source, call, arg)] }];
  if (v !== true) return [];
  return [{
    title: `Use quantization_config=BitsAndBytesConfig(${arg.name}=${arg.value.text.length <= 40 ? arg.value.text : '…'})`,
    applicability: 'safe',
    // The value as written (a flag the script sets stays the script's knob).
    edits: [replaceNode(ctx.source, arg.node, `quantization_config=BitsAndBytesConfig(${arg.name}=${arg.value.text})`),
      ...ensureImport(ctx, 'transformers', 'BitsAndBytesConfig', arg.node)],
  }];
}
export default rule;
