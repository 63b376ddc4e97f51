import type { Node } from 'web-tree-sitter';
import type { Fix } from '../diagnostics';
import { minSeverity } from '../diagnostics';
import { gluedEntries } from '../domain/glued-module-names';
import { anyFamilysModuleNames, knownModuleNames, misspelledModuleName, type ModelFamily } from '../domain/model-families';
import { soleFamily, trainerModelArg } from '../domain/models';
import { modelLoads, traceFamily, traceModel } from '../domain/model-trace';
import { isUnslothPeftWrap, taskHeadModules, wrappedModelArg } from '../domain/peft-wraps';
import { isLibraryCall } from '../domain/trainers';
import { isQualified } from '../facts/imports';
import type { CallFact } from '../facts/types';
import { callsWhere } from '../facts/selections';
import { evaluate, evaluateStringList } from '../facts/values';
import { editDistance } from '../lint/spelling';
import { replaceNode } from './edits';
import { unknownNote, versionNotFound } from '../env/versions';
import type { RuleContext } from './context';
import type { Rule } from './rule';

const PEFT_CONFIGS = ['LoraConfig', 'LoHaConfig', 'LoKrConfig', 'AdaLoraConfig', 'IA3Config', 'VeraConfig', 'BOFTConfig',
  'OFTConfig', 'FourierFTConfig', 'VBLoRAConfig', 'HRAConfig', 'RandLoraConfig'];

const rule: Rule = {
  code: 'TL402',
  name: 'lora-target-modules-unknown',
  severity: 'error',
  fix: 'unsafe',
  requires: ['target_modules', 'modules_to_save'],
  docs: `## What it does
Checks the names in \`target_modules=[…]\` of a \`LoraConfig\` (and the other PEFT configs) or of Unsloth's
\`FastLanguageModel.get_peft_model\` against the module names of the model's family (taken from the model id of
the \`from_pretrained\` call the adapters are applied to): Llama/Mistral/Qwen2+/Gemma use
\`q_proj … down_proj\`, GPT-2 \`c_attn c_proj c_fc\`, GPT-NeoX/Falcon/BLOOM \`query_key_value dense …\`,
Phi-3/Phi-4 \`qkv_proj o_proj gate_up_proj down_proj\`, T5 \`q k v o wi wo\`, BERT \`query key value dense\`,
RoBERTa/XLM-RoBERTa/CamemBERT/ELECTRA the same and their sequence-classification head's \`dense\` and \`out_proj\`
(transformers \`models/roberta/modeling_roberta.py\` at 000824f1: \`RobertaClassificationHead\`; \`ElectraClassificationHead\`), ViT image classifiers (\`google/vit-base-patch16-224\`, …)
\`query key value dense\` (transformers \`models/vit/modeling_vit.py\` at 005db820: \`ViTSelfAttention\` query/key/value,
the \`dense\` layers of \`ViTSelfOutput\`, \`ViTIntermediate\`, \`ViTOutput\`, \`ViTPooler\`).
A local copy named after Phi-3/Phi-4 (\`from_pretrained("./Phi-4")\`) may hold Unsloth's llamafied upload as well as
Microsoft's checkpoint, so either layout's names pass (hanaguro/phi-4-finetuning loads \`./Phi-4\` with
\`# model_name="unsloth/Phi-4"\` above it); a copy kept under its publisher's folder (\`…/microsoft/…\`, ModelScope's
mirror \`…/LLM-Research/…\`) is Microsoft's.
Entries glued by a missing comma (\`["o_proj" "visual_q_proj"]\`: Python joins adjacent string literals into
\`"o_projvisual_q_proj"\`) are flagged whatever the family, when each part is a module name of the model's family (of
any family trainlint knows when the model's is unknown), or ends with one after "_" (\`visual_q_proj\`): the glued name matches no module, so neither part is adapted
(an error when it is the list's only entry: PEFT raises; a warning otherwise: PEFT says nothing).
\`"all-linear"\`, regular expressions and unknown families are never flagged otherwise, nor is a config handed to one of
PEFT's own classes with a module that is not traced to a load (\`LoraModel(config, attention.query_key_value)\`
on a layer the script built, as in Chinese-Vicuna's ChatGLM tools): its names are that module's.
A config whose model is not traced to a load is checked against the family of the file's model loads when they
all agree, except when the model comes from the script's own function or method that loads none
(\`base_model = self.load_base_model()\` returning an \`nn.Module\` it defines, as in PEFT's regression tests):
that model's names are its own.
An entry shaped like a regular expression inside a list (\`[".*\\.1.*query_key_value"]\`) is a module-name suffix from
PEFT 0.6 on (v0.6.0 \`src/peft/tuners/tuners_utils.py\` \`check_target_module_exists\`: \`key.endswith(f".{target_key}")\`),
so it matches nothing (huggingface/peft#1206), and so it did before 0.5 (v0.4.0 \`src/peft/tuners/lora.py\`:
\`key.endswith(target_key)\`); only PEFT 0.5 matched each entry as a regular expression (v0.5.0
\`src/peft/tuners/lora.py\`: \`re.match(f".*\\.{target_key}$", key)\`). Such entries are not reported on PEFT 0.5, and are
information naming that exception when the version is unknown.

It also checks the entries of a PEFT config's \`modules_to_save=[…]\` (a warning): PEFT wraps each module whose path
ends with an entry, as a plain string suffix (\`key.endswith(target_key)\` in \`_set_trainable\`,
\`src/peft/utils/other.py\` at v0.3.0, v0.13.0, v0.15.0 and v0.20.0), and one that ends no module is skipped without a
word in every version (from v0.15.0 \`_set_trainable\` raises only with \`strict_module_check=True\`, which PEFT passes for
\`trainable_token_indices\`, never for \`modules_to_save\`). The family table lists linear layers, embeddings and heads
but not every module (norms, containers such as BERT's \`encoder\`), so an entry is reported only when it ends none of
the family's names and plainly misspells one: up to two characters added or dropped at the end (\`"embed_token"\` on
Qwen2, whose embeddings are \`embed_tokens\`; \`"lm_heads"\`), or one edit away from a name of eight characters or more
(\`"classifer"\`). A dotted entry (\`"model.embed_tokens"\`) must end with a whole module name. Unsloth's
\`get_peft_model(modules_to_save=…)\` is not checked here. Nor is a misspelling of a head that PEFT saves itself for
the config's \`task_type\`: with \`"SEQ_CLS"\` or \`"TOKEN_CLS"\` the task's model class adds \`"classifier"\` and \`"score"\` to
\`modules_to_save\`, with \`"QUESTION_ANS"\` \`"qa_outputs"\` (huggingface/peft \`src/peft/peft_model.py\`,
\`PeftModelForSequenceClassification.__init__\` at v0.4.0 and v0.20.0), so \`modules_to_save=["scores"]\` there trains and
saves \`score\` all the same (DrishtiShrrrma/reward-modeling-rlhf-gpt2-vs-opt-350m: GPT-2 and OPT reward models).

## Why is this bad?
When no name matches, PEFT stops with \`ValueError: Target modules {'q_proj', 'v_proj'} not found in the base
model\`. When only some match (a Llama list on Phi-3's fused projections), training runs with fewer adapted
layers than intended and nothing says so. A misspelled \`modules_to_save\` entry leaves that module frozen and out of
the saved adapter (\`modules_to_save=["embed_token"]\` on Qwen2: the new tokens' embeddings are never trained).

## Example
\`\`\`python
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("gpt2")
model = get_peft_model(model, LoraConfig(r=8, target_modules=["q_proj", "v_proj"]))
\`\`\`

## Use instead
\`\`\`python
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("gpt2")
model = get_peft_model(model, LoraConfig(r=8, target_modules=["c_attn", "c_proj", "c_fc"]))
\`\`\`

## Fix safety
Both fixes are unsafe: replacing the list with the family's linear layers, or with \`"all-linear"\` (PEFT ≥ 0.8),
changes which layers are trained and the adapter's size.

## References
- hiyouga/LlamaFactory#1785, #4020; Stability-AI/StableLM#98; vllm#4915; huggingface/peft#40 (Llama names on a ViT); huggingface/peft#1206 (a regex inside a list);
  huggingface/peft PR #1295 (\`all-linear\`); vijaysaayi's Qwen2 notebook (\`modules_to_save=["embed_token"]\`)
`,
  check(ctx) {
    const loads = modelLoads(ctx.facts, ctx.a.callsByNode);
    for (const call of ctx.facts.calls) {
      const unsloth = isUnslothPeftWrap(ctx.facts, call);
      if (!unsloth && !isLibraryCall(call, PEFT_CONFIGS, ['peft'])) continue;
      if (!unsloth) checkModulesToSave(ctx, call, loads);
      const arg = call.keywords.get('target_modules');
      if (!arg || evaluate(ctx.facts, arg.value).kind === 'str') continue; // "all-linear" or a regex
      const names = evaluateStringList(ctx.facts, arg.value);
      // A comment between glued literals leaves the list unevaluated: the glued entries are still read.
      const gluedHere = gluedEntries(ctx.facts, arg.value);
      if ((!names || names.length === 0) && gluedHere.glued.length === 0) continue;
      const found = unsloth ? familyOfModel(ctx, wrappedModelArg(call)?.value) : familyOfConfig(ctx, call);
      const family = found?.family ?? (found ? undefined : soleFamily(loads));
      const origin = found?.origin ?? loads[0]?.node;
      const glued = reportGlued(ctx, gluedHere, family);
      if (!family || !names || names.length === 0) continue;
      const known = knownModuleNames(family);
      if (!known) continue;
      let unknown = names.filter((n) => !known.has(n.split('.').pop() ?? n) && !glued.has(n));
      // An entry shaped like a regular expression (`".*\\.1.*query_key_value"`) inside a list: PEFT 0.5 matched each
      // entry as one (`re.match(f".*\\.{target_key}$", key)`); before and after, an entry is a module-name suffix only.
      let peftNote = '';
      let peftSeverity: 'information' | undefined;
      if (!unsloth && unknown.some(isRegexShaped)) {
        const gate = ctx.env.gate('peft', { from: '0.5', before: '0.6' });
        if (gate === 'affected') unknown = unknown.filter((n) => !isRegexShaped(n));
        else if (unknown.every(isRegexShaped)) {
          if (gate === 'unaffected') peftNote = ` (${ctx.versionText('peft')})`;
          else {
            // Why the version does not decide: none found, or a pin whose range holds 0.5 and others.
            const pv = ctx.env.get('peft');
            const why = pv ? unknownNote('PEFT', pv, { from: '0.5', before: '0.6' }).replace(/^ \(with [^;]*; /, '').replace(/\)$/, '') : versionNotFound('PEFT');
            peftNote = ` (on every PEFT but 0.5, which matched list entries as regular expressions; ${why})`;
            peftSeverity = 'information';
          }
        }
      }
      if (unknown.length === 0) continue;
      const none = unknown.length === names.length;
      const list = unknown.map((n) => `"${n}"`).join(', ');
      const linear = family.linear!.map((n) => `"${n}"`).join(', ');
      const fixes: Fix[] = [{ title: `Target ${family.display}'s linear layers`, applicability: 'unsafe', edits: [replaceNode(ctx.source, arg.value, `[${linear}]`)] }];
      if (!unsloth && ctx.env.gate('peft', { from: '0.8' }) !== 'unaffected') {
        fixes.push({ title: 'Use target_modules="all-linear"', applicability: 'unsafe', edits: [replaceNode(ctx.source, arg.value, '"all-linear"')] });
      }
      const base = none ? 'error' : 'warning';
      ctx.report({
        node: arg.node,
        severity: peftSeverity ? minSeverity(base, peftSeverity) : base,
        message: none
          ? `target_modules ${list} do not exist in ${family.display} models: PEFT raises "Target modules … not found in the base model"${peftNote}. ${family.display} names its linear layers ${linear}.`
          : `target_modules ${list} do not exist in ${family.display} models: those adapters are silently skipped and fewer layers are trained than intended. ${family.display} names its linear layers ${linear}.`,
        related: origin ? [{ node: origin, message: `${family.display} model loaded here` }] : [],
        fixes,
      });
    }
  },
};

interface Found { family?: ModelFamily; origin?: Node }

/**
 * Entries glued by a missing comma (`["o_proj" "v_proj"]`), when each part is a module name (of the model's family, or
 * of any family in the table when the family is unknown) and the glued name is none: reported here, and returned so
 * that the unknown-name check leaves them alone.
 */
function reportGlued(ctx: RuleContext, here: ReturnType<typeof gluedEntries>, family: ModelFamily | undefined): Set<string> {
  const out = new Set<string>();
  const known = (family && knownModuleNames(family)) || anyFamilysModuleNames();
  const last = (n: string) => n.split('.').pop() ?? n;
  // A module name, or a name that ends with one after "_" (`visual_q_proj`): what a module list holds, not a prefix.
  const nameLike = (n: string) => known.has(last(n)) || [...known].some((k) => last(n).endsWith(`_${k}`));
  for (const g of here.glued) {
    if (!g.parts.every(nameLike) || known.has(last(g.glued))) continue;
    out.add(g.glued);
    const only = here.count === 1;
    const parts = g.parts.map((p) => `"${p}"`);
    ctx.report({
      node: g.node,
      severity: only ? 'error' : 'warning',
      message: `${parts.join(' ')} is one entry, "${g.glued}": a comma is missing, and Python joins adjacent string literals. No module is named "${g.glued}", so PEFT adapts neither ${parts.join(' nor ')} by it${only ? ' and raises "Target modules … not found in the base model"' : ', and says nothing'}.`,
      fixes: [{ title: 'Add the missing comma', applicability: 'unsafe', edits: [replaceNode(ctx.source, g.node, parts.join(', '))] }],
    });
  }
  return out;
}

/**
 * `modules_to_save=[…]` of a PEFT config: an entry that misspells one of the family's module names matches no module,
 * and PEFT wraps nothing for it, silently (no version raises: `_set_trainable` checks only with `strict_module_check`,
 * which PEFT passes for `trainable_token_indices`, never for `modules_to_save`).
 */
function checkModulesToSave(ctx: RuleContext, call: CallFact, loads: ReturnType<typeof modelLoads>): void {
  const arg = call.keywords.get('modules_to_save');
  if (!arg || evaluate(ctx.facts, arg.value).kind === 'str') return;
  const names = evaluateStringList(ctx.facts, arg.value);
  if (!names || names.length === 0) return;
  const found = familyOfConfig(ctx, call);
  const family = found?.family ?? (found ? undefined : soleFamily(loads));
  if (!family) return;
  // A misspelling of a head PEFT saves itself for the config's task type (`modules_to_save=["scores"]` with
  // `task_type="SEQ_CLS"`): the head meant is trained and saved all the same, the entry is only a no-op.
  const heads = taskHeadModules(ctx.facts, call);
  const wrong = names.map((n) => [n, misspelledModuleName(n, family, editDistance)] as const)
    .filter(([, m]) => m !== undefined && !heads.includes(m));
  if (wrong.length === 0) return;
  const origin = found?.origin ?? loads[0]?.node;
  const list = wrong.map(([n]) => `"${n}"`).join(', ');
  const meant = wrong.map(([, m]) => `"${m}"`).join(', ');
  ctx.report({
    node: arg.node,
    severity: 'warning',
    message: `modules_to_save ${list} ${wrong.length === 1 ? 'matches' : 'match'} no module of ${family.display} models (PEFT wraps the modules whose name ends with an entry): `
      + `PEFT silently neither trains nor saves ${wrong.length === 1 ? 'it' : 'them'}. Did you mean ${meant}?`,
    related: origin ? [{ node: origin, message: `${family.display} model loaded here` }] : [],
  });
}

/** A `target_modules` entry written as a regular expression rather than a module name. */
const isRegexShaped = (name: string): boolean => /[*\\^$()[\]|+?{}]/.test(name);

/** The family of the model an expression traces to; undefined when it does not trace to anything. */
function familyOfModel(ctx: RuleContext, node: Node | undefined): Found | undefined {
  const trace = traceModel(ctx.facts, ctx.a.callsByNode, node);
  // A model the script's own function builds without loading one (`self.load_base_model()` returning `MLP()`): its
  // family is unknown, and none of the file's loads stands in for it.
  if (!trace.load && trace.id === undefined) return trace.builtBy ? { family: undefined } : undefined;
  return { family: traceFamily(trace), origin: trace.load?.node ?? node };
}

/** The family of the models a PEFT config is applied to (get_peft_model, trainer peft_config=, add_adapter). */
/** A call that can apply a PEFT config (one of the cases below): only these have their arguments resolved. */
const mayApplyConfig = (c: CallFact): boolean => isQualified(c.qualified, ['peft'], 'get_peft_model') || !!c.keywords.get('peft_config')
  || (c.method === 'add_adapter' && !!c.receiver) || !!c.qualified?.startsWith('peft.');

function familyOfConfig(ctx: RuleContext, config: CallFact): Found | undefined {
  const results: Found[] = [];
  for (const c of callsWhere(ctx.facts, mayApplyConfig)) {
    if (!c.args.some((a) => ctx.callOf(a.value)?.node.id === config.node.id)) continue;
    let found: Found | undefined;
    if (isQualified(c.qualified, ['peft'], 'get_peft_model')) found = familyOfModel(ctx, wrappedModelArg(c)?.value);
    else if (c.keywords.get('peft_config') && ctx.callOf(c.keywords.get('peft_config')!.value)?.node.id === config.node.id) found = familyOfModel(ctx, trainerModelArg(c)?.value);
    else if (c.method === 'add_adapter' && c.receiver) found = familyOfModel(ctx, c.receiver);
    else if (c.qualified?.startsWith('peft.')) {
      // PEFT's own classes take the config and a module (`LoraModel(config, layer)` in PEFT ≤ 0.2,
      // `LoraModel(model, config, name)`, `PeftModel(model, config)`, `inject_adapter_in_model(config, model)`): often
      // a submodule the script built, not the loaded model, so the family is unknown unless the module traces to a load.
      const model = c.keywords.get('model') ?? c.positional.slice(0, 2).find((a) => ctx.callOf(a.value)?.node.id !== config.node.id);
      found = familyOfModel(ctx, model?.value) ?? { family: undefined };
    }
    if (found) results.push(found);
  }
  if (results.length === 0) return undefined;
  const names = new Set(results.map((r) => r.family?.name));
  return names.size === 1 ? results[0] : { family: undefined };
}
export default rule;
