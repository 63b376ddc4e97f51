import { traceModel } from '../domain/model-trace';
import { isPeftWrap } from '../domain/peft-wraps';
import { isPublishedCheckpointId, trainerModelArg } from '../domain/models';
import { evaluate } from '../facts/values';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL404',
  name: 'quantized-full-finetune',
  severity: 'error',
  fix: 'none',
  docs: `## What it does
Flags a trainer whose model comes straight from a 4-bit or 8-bit load (\`BitsAndBytesConfig(load_in_4bit=True)\`,
\`load_in_4bit=True\`, a pre-quantized \`-bnb-4bit\` checkpoint, or Unsloth's \`FastLanguageModel.from_pretrained\`,
which loads in 4 bits by default) without adapters: no \`get_peft_model\` / \`FastLanguageModel.get_peft_model\`
on the way, no \`peft_config=\` on the trainer, and no adapter call anywhere in the file.

## Why is this bad?
Quantized weights cannot be trained. The trainer refuses at construction, after the model has loaded:
\`ValueError: You cannot perform fine-tuning on purely quantized models. Please attach trainable adapters on
top of the quantized model to correctly perform fine-tuning.\` With Unsloth it is the classic "forgot to call
FastLanguageModel.get_peft_model".

## Example
\`\`\`python
from transformers import AutoModelForCausalLM, BitsAndBytesConfig, Trainer, TrainingArguments

model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B",
                                             quantization_config=BitsAndBytesConfig(load_in_4bit=True))
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=ds)
\`\`\`

## Use instead
\`\`\`python
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, BitsAndBytesConfig, Trainer, TrainingArguments

model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B",
                                             quantization_config=BitsAndBytesConfig(load_in_4bit=True))
model = get_peft_model(model, LoraConfig(r=16, target_modules="all-linear", task_type="CAUSAL_LM"))
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=ds)
\`\`\`

A checkpoint that a training run saved (a local folder, or a repository outside the namespaces that publish full
weights such as \`meta-llama\`, \`Qwen\`, \`google\`, \`unsloth\`, \`deepseek-ai\`) may hold only a LoRA adapter
(\`adapter_config.json\`): Unsloth's loader then returns \`PeftModel.from_pretrained(model, name, is_trainable=True)\`
(unslothai/unsloth \`unsloth/models/loader.py\`, 015bdef) and transformers attaches it through its PEFT integration,
which the Trainer's check accepts. Such a load, or one whose id is not known, is reported as information naming the
assumption.

## Fix safety
No fix: either adapters have to be configured (rank, target modules) or the model loaded unquantized for a full
fine-tune (Unsloth: \`load_in_4bit=False, full_finetuning=True\`), and both are the user's choice.

## References
- unslothai/unsloth#1110, #241; AGI-Edgerunners/LLM-Adapters#57; BAAI-DCAI/Bunny#112
`,
  check(ctx) {
    // Whether the script adds adapters anywhere: asked once, and only when a trainer trains a quantized load.
    let adapters: boolean | undefined;
    for (const t of ctx.trainers) {
      if (t.call.hasSplat) continue;
      const pc = t.call.keywords.get('peft_config');
      if (pc && evaluate(ctx.facts, pc.value).kind !== 'none') continue;
      const modelArg = trainerModelArg(t.call);
      const trace = traceModel(ctx.facts, ctx.a.callsByNode, modelArg?.value);
      if (!trace.load || trace.wraps.length > 0 || trace.load.quantized !== true) continue;
      if ((adapters ??= ctx.facts.calls.some((c) => isPeftWrap(ctx.facts, c) || c.method === 'add_adapter' || c.method === 'load_adapter'))) return;
      const how = trace.load.unsloth && !trace.load.keywords.has('load_in_4bit') && !trace.load.keywords.has('load_in_8bit')
        ? `${trace.load.cls}.from_pretrained loads in 4 bits by default`
        : 'the model is loaded quantized';
      // A checkpoint a training run saved may be a LoRA adapter (adapter_config.json), which both loaders attach:
      // an error only for a published checkpoint of full weights.
      const id = trace.load.id;
      const published = id !== undefined && isPublishedCheckpointId(id);
      const assumed = published ? '' : `, assuming ${id !== undefined ? `"${id}"` : 'the checkpoint (its id is not known here)'} holds full weights: a folder or repository holding a LoRA adapter loads with it attached and trains`;
      ctx.report({
        node: modelArg!.node,
        severity: published ? undefined : 'information',
        message: `${t.kind} trains a quantized model without adapters (${how}): it raises "ValueError: You cannot perform fine-tuning on purely quantized models"${assumed}. Add LoRA adapters (${trace.load.unsloth ? 'FastLanguageModel.get_peft_model' : 'get_peft_model or peft_config='}) or load the model unquantized.`,
        related: [{ node: trace.load.node, message: 'quantized model loaded here' }],
      });
    }
  },
};
export default rule;
