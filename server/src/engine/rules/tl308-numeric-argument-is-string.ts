import type { Node } from 'web-tree-sitter';
import { isConfigCall, overrides } from '../domain/trainers';
import { configAttributeSet } from '../domain/training-args';
import type { CallFact, FileFacts } from '../facts/types';
import { qualifyExpression } from '../facts/imports';
import { conditionalAlternatives, reachingAssignment } from '../facts/reaching';
import { evaluate, evaluateString } from '../facts/values';
import { replaceNode } from './edits';
import type { Rule } from './rule';
import type { RuleContext } from './context';

/**
 * The numeric arguments of `TrainingArguments` (and every TRL config built on it) that fail when they hold a string, and
 * where they fail. `optimizer`: read only to build the Trainer's own optimizer. `adam_epsilon` only reaches an optimizer
 * of the Adam family.
 */
const CONFIG_FIELDS: Record<string, { fails: string; optimizer: boolean }> = {
  learning_rate: { fails: 'training fails with a TypeError when the Trainer creates its optimizer (torch.optim checks `0.0 <= lr`)', optimizer: true },
  weight_decay: { fails: 'training fails with a TypeError at the first optimizer step (`1 - lr * weight_decay`)', optimizer: true },
  adam_epsilon: { fails: 'training fails with a TypeError when the Trainer creates its AdamW optimizer (torch.optim checks `0.0 <= eps`)', optimizer: true },
  max_grad_norm: { fails: 'training fails with a TypeError at the first optimizer step (the Trainer checks `max_grad_norm > 0` before clipping)', optimizer: false },
  warmup_ratio: { fails: 'a TypeError, raised by `TrainingArguments` itself on transformers 4.x (its range check) and when the learning-rate schedule is made on 5.x', optimizer: false },
  per_device_train_batch_size: { fails: 'training fails when the Trainer makes its data loader (`"8" * n_gpu` is the string "8", which torch refuses as a batch size)', optimizer: false },
  num_train_epochs: { fails: 'training fails with a TypeError when the Trainer counts its steps (`math.ceil(num_train_epochs * …)`, read while `max_steps` is not set)', optimizer: false },
  gradient_accumulation_steps: { fails: 'training fails with a TypeError when the Trainer counts its steps (`len(dataloader) // gradient_accumulation_steps`)', optimizer: false },
};
/** Integer fields: a fix converts with `int()`. */
const INT_FIELDS = new Set(['per_device_train_batch_size', 'gradient_accumulation_steps']);
const ENV_READERS = new Set(['os.getenv', 'os.environ.get']);

/** What torch's optimizers compare with `0.0 <=` in their constructor (`eps`: the Adam family). */
const OPTIMIZER_FIELDS = ['lr', 'weight_decay', 'eps'];
/** PyYAML's float needs a dot and a signed exponent (`2.0e-4`); these plain scalars stay strings under `safe_load`. */
const YAML_STRING_FLOAT = /^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)[eE][-+]?\d+$/;
const FLOAT_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const STRING_LITERAL = /^[rRuU]?(['"])/;

const rule: Rule = {
  code: 'TL308',
  name: 'numeric-argument-is-string',
  severity: 'error',
  fix: 'sometimes',
  // The values may come from a config file the script reads: the script names the config class or the optimizer.
  requires: ['Arguments', 'Config', 'optim'],
  docs: `## What it does
Flags a numeric hyperparameter that the script proves is a string where it is used: \`learning_rate\`,
\`weight_decay\`, \`adam_epsilon\`, \`max_grad_norm\`, \`warmup_ratio\`, \`num_train_epochs\` (without \`max_steps\`),
\`per_device_train_batch_size\` or \`gradient_accumulation_steps\` of \`TrainingArguments\` (and of every TRL config, which inherits them), and \`lr\`,
\`weight_decay\`, \`eps\` of a \`torch.optim\` optimizer. Two sources are common:
- a YAML config read with PyYAML: \`learning_rate: 2e-4\` is the *string* \`"2e-4"\`, because YAML 1.1, which PyYAML
  implements, only reads a number with a dot and a signed exponent (\`2.0e-4\`) as a float. The value is followed
  through \`yaml.safe_load\` of a file the script names, \`cfg["train"]["learning_rate"]\` and
  \`TrainingArguments(**cfg["train"])\`; OmegaConf's loader and JSON read \`2e-4\` as a float: no finding;
- an environment variable: \`os.getenv("LEARNING_RATE")\` and \`os.environ["LR"]\` are strings (or None). With a
  number as the default (\`os.getenv("LR", 2e-4)\`) the value is a string only once the variable is set: a warning.

Also \`DPOConfig(padding_value=…)\` given a token's text (\`tokenizer.eos_token\`, or a string literal) where TRL
wants the token's id: DPOTrainer pads the input ids with it on TRL 0.9 through 0.25 (an unknown TRL version:
information naming that range; from 0.26 the keyword is gone, which TL511 reports).

A script that converts the value afterwards (\`cfg["train"]["learning_rate"] = float(…)\`, \`args.learning_rate =
float(args.learning_rate)\`) is left alone, and so is a value the script cannot prove (a command-line argument).

## Why is this bad?
Neither \`TrainingArguments\` nor TRL's configs convert these fields (\`__post_init__\` in transformers'
\`training_args.py\` converts the strategy enums only), so the string reaches torch. torch's optimizers check
\`if not 0.0 <= lr\` in their constructor, which raises \`TypeError: '<=' not supported between instances of 'float'
and 'str'\` when \`trainer.train()\` creates the optimizer, after the model is loaded. \`max_grad_norm\` fails at the
first step, \`warmup_ratio\` in \`TrainingArguments\` itself on transformers 4.x; a string batch size makes the
Trainer's \`train_batch_size\` the string \`"8" * n_gpu\`, which torch's sampler refuses, and a string
\`gradient_accumulation_steps\` breaks the step count. The reports are many:
hiyouga/LlamaFactory#4014 and #4149 (\`learning_rate: 2e-5\` in a YAML config), the fix LLaMA-Factory shipped in #8505
(loading configs with OmegaConf "so that 5e-5 becomes a float"), huggingface/trl#1450 ("1e-4 is interpreted as an
str").

With \`optimizers=(optimizer, scheduler)\` or \`optimizer_cls_and_kwargs=\` given to the trainer, or a trainer subclass
that overrides \`create_optimizer\`, the Trainer never builds an optimizer from \`learning_rate\`, \`weight_decay\` and
\`adam_epsilon\`: those are not reported then.

## Example
\`\`\`python
from transformers import Trainer, TrainingArguments

args = TrainingArguments(output_dir="out", learning_rate="2e-4")
trainer = Trainer(model=model, args=args, train_dataset=train_ds)
\`\`\`

## Use instead
\`\`\`python
from transformers import Trainer, TrainingArguments

args = TrainingArguments(output_dir="out", learning_rate=2e-4)
trainer = Trainer(model=model, args=args, train_dataset=train_ds)
\`\`\`

In a YAML file read with PyYAML, write \`learning_rate: 2.0e-4\` (or \`0.0002\`), or convert with \`float()\`.

## Fix safety
Where the string is a literal in the script, the fix writes it as a number: safe, since the string was a number's text
and every use of the field expects the number. Where the value is read from a config entry
(\`cfg["train"]["learning_rate"]\`) or the environment, the fix wraps it in \`float()\` (\`int()\` for the batch size and
the accumulation steps): safe for the same reason (an unset variable without a default failed before and still fails). A value spread with
\`**\` from a config file has no place in the script to fix: no fix.

## References
- transformers \`src/transformers/training_args.py\` (\`__post_init__\`: no conversion of the float fields; 4.x: \`if
  self.warmup_ratio < 0 or self.warmup_ratio > 1\`); torch \`torch/optim/adamw.py\` (\`if not 0.0 <= lr\`)
- PyYAML \`lib/yaml/resolver.py\` (the YAML 1.1 float pattern needs a dot)
- hiyouga/LlamaFactory#4014, hiyouga/LlamaFactory#4149, hiyouga/LlamaFactory#8505; huggingface/trl#1450
- \`padding_value\`: huggingface/trl \`trl/trainer/dpo_config.py\` at v0.9.6 (\`padding_value: Optional[int]\`), v0.24.0
  (deprecated for \`pad_token\`, a str) and v0.26.0 (gone); \`trl/trainer/dpo_trainer.py\` at v0.15.2
  (\`DataCollatorForPreference(pad_token_id=self.padding_value)\`) and v0.24.0 (\`self.pad_token_id =
  args.padding_value\`); huggingface/trl#3080 (\`padding_value=tokenizer.eos_token\`: "full() received an invalid
  combination of arguments")
`,
  check(ctx) {
    const facts = ctx.facts;
    for (const call of facts.calls) {
      if (isConfigCall(call)) checkConfig(ctx, call);
      else if (call.qualified?.startsWith('torch.optim.') && !call.qualified.startsWith('torch.optim.lr_scheduler')) checkOptimizer(ctx, call);
    }
  },
};
export default rule;

/** The config call's trainers build their own optimizer (no `optimizers=`, no `create_optimizer` of the script's). */
function optimizerFromArgs(ctx: RuleContext, call: CallFact): boolean {
  const own = ctx.trainers.filter((t) => t.config === call);
  // A config not passed to a trainer the script builds: another trainer given `optimizers=` may be the one that gets it.
  const candidates = own.length ? own : ctx.trainers;
  return !candidates.some((t) => t.call.keywords.has('optimizers') || t.call.keywords.has('optimizer_cls_and_kwargs')
    || (t.call.hasSplat && !own.length) || overrides(t, ['create_optimizer', 'create_optimizer_and_scheduler']));
}

function checkConfig(ctx: RuleContext, call: CallFact): void {
  const facts = ctx.facts;
  const cls = call.calleeText.split('.').pop();
  const optim = call.keywords.get('optim');
  const optimName = optim ? evaluateString(facts, optim.value) : 'adamw';
  let builds: boolean | undefined;
  const applies = (field: string) => {
    const f = CONFIG_FIELDS[field];
    if (field === 'adam_epsilon' && !/adam/i.test(optimName ?? '')) return false;
    // With `max_steps` > 0 the Trainer never reads the number of epochs.
    if (field === 'num_train_epochs' && (call.keywords.has('max_steps') || call.hasSplat)) return false;
    if (!f.optimizer) return true;
    return (builds ??= optimizerFromArgs(ctx, call));
  };
  // `args.learning_rate = float(args.learning_rate)`: the value the trainer reads is that one.
  const setLater = (field: string) => configAttributeSet(facts, call, field);
  if (cls === 'DPOConfig') checkPaddingValue(ctx, call);
  for (const field of Object.keys(CONFIG_FIELDS)) {
    const arg = call.keywords.get(field);
    if (!arg) continue;
    const found = stringOf(facts, arg.value);
    if (!found || !applies(field) || setLater(field)) continue;
    reportString(ctx, field, found, arg.value, arg.node, `${cls}(${field}=…)`, CONFIG_FIELDS[field].fails);
  }
  // `TrainingArguments(**cfg["train"])`: the entries of a dict the script read.
  for (const splat of splats(call)) {
    const spread = evaluate(facts, splat);
    if (spread.kind !== 'dict') continue;
    for (const [field, v] of spread.entries) {
      if (!(field in CONFIG_FIELDS) || call.keywords.has(field) || v.kind !== 'str' || !applies(field) || setLater(field)) continue;
      reportString(ctx, field, { text: v.value, certain: true }, undefined, splat.parent ?? splat, `${cls}(**${splat.text})`, CONFIG_FIELDS[field].fails);
    }
  }
}

/** A tokenizer's special-token attributes: the token's text (a str), where `…_token_id` is its id. */
const TOKEN_ATTRS = /^(eos|pad|bos|unk|sep|cls)_token$/;

/** `tokenizer.eos_token` (through one plain assignment): the attribute node, or undefined. */
function tokenTextAttribute(facts: FileFacts, node: Node): Node | undefined {
  let n = node;
  for (let depth = 0; depth < 3; depth++) {
    while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
    if (n.type === 'attribute') return TOKEN_ATTRS.test(n.childForFieldName('attribute')?.text ?? '') ? n : undefined;
    if (n.type !== 'identifier') return undefined;
    const a = reachingAssignment(facts, n.text, n);
    if (!a || a.unpackIndex !== undefined || a.subscriptKey !== undefined || conditionalAlternatives(facts, n)) return undefined;
    n = a.value;
  }
  return undefined;
}

/**
 * `DPOConfig(padding_value=tokenizer.eos_token)`: a token's text where TRL wants its id. From TRL 0.9 (v0.9.6
 * `dpo_config.py`, `padding_value: Optional[int]`) through 0.25 (deprecated for `pad_token`, a str, from 0.24; gone in
 * v0.26.0) DPOTrainer pads the input ids with it: v0.15.2 `dpo_trainer.py` sets `self.padding_value =
 * args.padding_value` and builds `DataCollatorForPreference(pad_token_id=self.padding_value)`, whose `pad` fills a
 * tensor with it (`torch.full`), and v0.24.0 takes it as `self.pad_token_id`. A string fill value is a TypeError at the
 * first batch (huggingface/trl#3080). From 0.26 the keyword itself is unknown (TL511).
 */
function checkPaddingValue(ctx: RuleContext, call: CallFact): void {
  const arg = call.keywords.get('padding_value');
  if (!arg || !call.qualified?.startsWith('trl')) return;
  const attr = tokenTextAttribute(ctx.facts, arg.value);
  const literal = evaluate(ctx.facts, arg.value);
  if (!attr && literal.kind !== 'str') return;
  const v = ctx.version('trl', { from: '0.9', before: '0.26' });
  if (!v.severity) return;
  const what = attr ? `the token text \`${attr.text}\` (a str)` : `the string ${JSON.stringify(literal.kind === 'str' ? literal.value : '')}`;
  const fixes = attr && attr.id === arg.value.id
    ? [{ title: `Use ${attr.text}_id`, applicability: 'safe' as const, edits: [replaceNode(ctx.source, attr, `${attr.text}_id`)] }]
    : [];
  ctx.report({
    node: arg.node,
    severity: v.severity,
    message: `\`padding_value\` is ${what} in DPOConfig(padding_value=…), where TRL wants a token id: DPOTrainer pads the input ids with it, and torch refuses a string fill value ("TypeError: full() received an invalid combination of arguments") at the first batch${v.note}.${attr ? ` Use \`${attr.text}_id\`.` : ' Pass the token id (`tokenizer.pad_token_id`).'}`,
    fixes,
  });
}

function checkOptimizer(ctx: RuleContext, call: CallFact): void {
  const cls = call.qualified!.split('.').pop() ?? '';
  for (const field of OPTIMIZER_FIELDS) {
    if (field === 'eps' && !/adam/i.test(cls)) continue;
    const arg = call.keywords.get(field);
    if (!arg) continue;
    const found = stringOf(ctx.facts, arg.value);
    if (!found) continue;
    reportString(ctx, field, found, arg.value, arg.node, `torch.optim.${cls}(${field}=…)`, `the optimizer's constructor raises a TypeError at once (it checks \`0.0 <= ${field}\`)`);
  }
}

/** The expressions of the call's `**x` arguments. */
function splats(call: CallFact): Node[] {
  const out: Node[] = [];
  for (const a of call.node.childForFieldName('arguments')?.namedChildren ?? []) {
    if (a?.type === 'dictionary_splat' && a.namedChildren[0]) out.push(a.namedChildren[0]);
  }
  return out;
}

/** A string the script proves: its text when known, or the environment variable it is read from. */
interface StringValue {
  text?: string;
  env?: { name: string; reader: string };
  /** false: a string only while the variable is set (`os.getenv("LR", 2e-4)`). */
  certain: boolean;
}

/**
 * What `node` holds when it is a string: a value the script computes (a literal, a config entry), or an environment
 * variable read with `os.getenv`/`os.environ` (a string, or None when unset and no default is given: both fail).
 */
function stringOf(facts: FileFacts, node: Node): StringValue | undefined {
  const v = evaluate(facts, node);
  if (v.kind === 'str') return { text: v.value, certain: true };
  if (v.kind !== 'unknown') return undefined;
  let n = node;
  for (let depth = 0; depth < 4; depth++) {
    while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
    if (n.type !== 'identifier') break;
    const a = reachingAssignment(facts, n.text, n);
    if (!a || a.unpackIndex !== undefined || a.subscriptKey !== undefined || conditionalAlternatives(facts, n)) return undefined;
    n = a.value;
  }
  if (n.type === 'subscript') {
    const obj = n.childForFieldName('value');
    const key = n.childForFieldName('subscript');
    if (!obj || qualifyExpression(facts, obj) !== 'os.environ') return undefined;
    return { env: { name: (key && evaluateString(facts, key)) ?? '…', reader: 'os.environ[…]' }, certain: true };
  }
  if (n.type !== 'call') return undefined;
  const callee = n.childForFieldName('function');
  const q = callee ? qualifyExpression(facts, callee) : undefined;
  if (!q || !ENV_READERS.has(q)) return undefined;
  const args = n.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') ?? [];
  if (!args.length || args.some((a) => a.type.endsWith('splat'))) return undefined;
  const name = evaluateString(facts, args[0]) ?? '…';
  const defaultArg = args[1]?.type === 'keyword_argument' ? args[1].childForFieldName('value') : args[1];
  const reader = q === 'os.getenv' ? 'os.getenv' : 'os.environ.get';
  if (!defaultArg) return { env: { name, reader }, certain: true };
  const d = evaluate(facts, defaultArg);
  return { env: { name, reader }, text: d.kind === 'str' ? d.value : undefined, certain: d.kind === 'str' };
}

function reportString(ctx: RuleContext, field: string, found: StringValue, value: Node | undefined, at: Node, where: string, fails: string): void {
  const text = found.text?.trim();
  const literal = !!value && STRING_LITERAL.test(value.text);
  const convert = INT_FIELDS.has(field) ? 'int' : 'float';
  const why = !found.env && !literal && text && YAML_STRING_FLOAT.test(text)
    ? ` PyYAML reads \`${text}\` as a string: YAML 1.1 floats need a dot and a signed exponent (\`${yamlFloat(text)}\`).`
    : '';
  const env = found.env;
  const what = env
    ? `comes from \`${env.reader === 'os.environ[…]' ? `os.environ["${env.name}"]` : `${env.reader}("${env.name}"${found.certain && !found.text ? '' : ', …'})`}\` in ${where}: ${
      !found.certain ? `a string whenever ${env.name} is set` : env.reader === 'os.environ[…]' || found.text ? 'a string' : `a string, or None when ${env.name} is unset`}, never a number.`
    : `is the string ${JSON.stringify(found.text ?? '')} in ${where}, not a number.`;
  const fixes = [];
  if (value && literal && text && (INT_FIELDS.has(field) ? /^[-+]?\d+$/ : FLOAT_TEXT).test(text)) {
    fixes.push({ title: `Write ${field} as the number ${text}`, applicability: 'safe' as const, edits: [replaceNode(ctx.source, value, text)] });
  } else if (value && !literal && (found.env || (text && FLOAT_TEXT.test(text)))) {
    fixes.push({ title: `Convert ${field} with ${convert}()`, applicability: 'safe' as const, edits: [replaceNode(ctx.source, value, `${convert}(${value.text})`)] });
  }
  ctx.report({
    node: at,
    severity: found.certain ? 'error' : 'warning',
    message: `\`${field}\` ${what}${why} Nothing converts it: ${fails}${found.certain ? '' : ` once ${env?.name} is set`}.`,
    fixes,
  });
}

/** `2e-4` → `2.0e-4`: the spelling PyYAML reads as a float. */
function yamlFloat(text: string): string {
  const m = /^([-+]?)(\d[\d_]*)?(\.\d*)?[eE]([-+]?)(\d+)$/.exec(text);
  if (!m) return text;
  const mantissa = `${m[2] ?? '0'}${m[3] && m[3] !== '.' ? m[3] : '.0'}`;
  return `${m[1]}${mantissa}e${m[4] || '+'}${m[5]}`;
}
