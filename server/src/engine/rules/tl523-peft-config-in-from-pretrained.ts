import { modelLoad } from '../domain/models';
import { callsWhere } from '../facts/selections';
import type { CallFact } from '../facts/types';
import { evaluateBool } from '../facts/values';
import type { Rule } from './rule';

/** A `from_pretrained` call given `peft_config=` (a selection test for `callsWhere`). */
const passesPeftConfig = (c: CallFact): boolean => c.method === 'from_pretrained' && c.keywords.has('peft_config');

const rule: Rule = {
  code: 'TL523',
  name: 'peft-config-in-from-pretrained',
  severity: 'error',
  fix: 'none',
  requires: ['peft_config'],
  docs: `## What it does
Flags \`peft_config=\` given to a transformers model class's \`from_pretrained\` (\`AutoModelForCausalLM\`,
\`AutoModelForSequenceClassification\`, \`LlamaForCausalLM\`, …). No transformers release takes it: it is not a
parameter of \`from_pretrained\` and not a config attribute, so \`from_pretrained\` hands it on to the model class's
\`__init__\`, which raises \`TypeError\`. The LoRA config belongs to the trainer (\`SFTTrainer(..., peft_config=…)\`) or
to \`get_peft_model(model, peft_config)\`.

TRL's value-head wrappers (\`AutoModelForCausalLMWithValueHead.from_pretrained(..., peft_config=…)\`) do take it and
are not flagged, nor are PEFT's and Unsloth's loaders. A model loaded with \`trust_remote_code=True\` runs its own
\`__init__\`, which may take \`**kwargs\`: information.

## Why is this bad?
The script stops at the load with "TypeError: LlamaForCausalLM.__init__() got an unexpected keyword argument
'peft_config'", after the weights are downloaded.

## Example
\`\`\`python
from peft import LoraConfig
from transformers import AutoModelForCausalLM

peft_config = LoraConfig(r=8, lora_alpha=16, task_type="CAUSAL_LM")
model = AutoModelForCausalLM.from_pretrained("HuggingFaceTB/SmolLM3-3B-Base", peft_config=peft_config)
\`\`\`

## Use instead
\`\`\`python
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM

peft_config = LoraConfig(r=8, lora_alpha=16, task_type="CAUSAL_LM")
model = get_peft_model(AutoModelForCausalLM.from_pretrained("HuggingFaceTB/SmolLM3-3B-Base"), peft_config)
\`\`\`

## Fix safety
No fix: where the LoRA config goes (the trainer's \`peft_config=\` or \`get_peft_model\`) is the script's choice.

## References
- huggingface/smol-course#236 (2025-09-12): the course's PEFT example passed \`peft_config=\` to
  \`AutoModelForCausalLM.from_pretrained\`; the fix moved it to \`SFTTrainer\`
- transformers \`src/transformers/models/auto/auto_factory.py\` (\`AutoConfig.from_pretrained(...,
  return_unused_kwargs=True, ...)\` keeps the keywords that are not config attributes) and
  \`src/transformers/modeling_utils.py\` \`from_pretrained\` (\`model_kwargs = kwargs\` …
  \`cls(config, *model_args, **model_kwargs)\`; no \`peft_config\` is popped: only \`adapter_kwargs\`, \`adapter_name\` and the
  like) at v4.46.0, v4.56.0 and v5.0.0; \`src/transformers/configuration_utils.py\` \`from_dict\` sets only keys the
  config has (\`if hasattr(config, key)\`)
- TRL's wrapper takes it: \`trl/models/modeling_base.py\` \`PreTrainedModelWrapper.from_pretrained\`
  (\`peft_config = kwargs.pop("peft_config", None)\`) at v0.12.0 and v0.20.0; \`trl/experimental/ppo/modeling_value_head.py\` later
`,
  check(ctx) {
    for (const call of callsWhere(ctx.facts, passesPeftConfig)) {
      const load = modelLoad(ctx.facts, ctx.a.callsByNode, call);
      if (!load || load.unsloth || !call.qualified?.startsWith('transformers.')) continue;
      const arg = call.keywords.get('peft_config')!;
      const trc = call.keywords.get('trust_remote_code');
      const remoteCode = !!trc && evaluateBool(ctx.facts, trc.value) !== false;
      ctx.report({
        node: arg.node.childForFieldName('name') ?? arg.node,
        severity: remoteCode ? 'information' : ctx.rule.severity,
        message: remoteCode
          ? `\`peft_config=\` is not a parameter of ${load.cls}.from_pretrained: it is passed on to the model's own code (\`trust_remote_code\`), which raises TypeError unless its \`__init__\` takes \`**kwargs\` (and even then no adapter is added). Pass the LoRA config to the trainer (\`peft_config=\`) or use \`get_peft_model(model, peft_config)\`.`
          : `\`peft_config=\` is not a parameter of ${load.cls}.from_pretrained in any transformers release, nor a config attribute: it is passed on to the model class's \`__init__\`, which raises "TypeError: __init__() got an unexpected keyword argument 'peft_config'". Pass the LoRA config to the trainer (\`peft_config=\`) or use \`get_peft_model(model, peft_config)\`.`,
        related: [{ node: call.node, message: 'the load' }],
      });
    }
  },
};
export default rule;
