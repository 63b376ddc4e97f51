import type { Fix } from '../diagnostics';
import { minSeverity } from '../diagnostics';
import { conditionalPeftConfig } from '../domain/peft-wraps';
import { guardsAt } from '../domain/branches';
import { argsExpression, commandLineDefault, fromCommandLine, lookupArg } from '../domain/training-args';
import type { Node } from 'web-tree-sitter';
import { alternativeValues, evaluate, evaluateBool } from '../facts/values';
import { conditionalAlternatives, reachingAssignment } from '../facts/reaching';
import type { FileFacts } from '../facts/types';
import { enclosingFunction } from '../facts/anchor';
import { removeArgument } from './edits';
import { boolFlagInRuns, runLabel, runNamesConfigFile } from '../env/launch-flags';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL406',
  name: 'dpo-ref-model-with-peft',
  severity: 'error',
  fix: 'safe',
  requires: ['peft_config'],
  docs: `## What it does
Flags \`DPOTrainer(ref_model=…, peft_config=…)\` without \`force_use_ref_model=True\`, on TRL 0.7.11 to 0.24.
A \`peft_config\` from TRL's \`get_peft_config(model_args)\` is a PEFT config only when the script runs with
\`--use_peft\` (it returns None otherwise): the error needs a flag the script's defaults do not set, so it is
information that names the flag. Training arguments parsed from the command line (\`TrlParser\`,
\`HfArgumentParser\`) keep \`force_use_ref_model=False\` unless it is passed there: the script run with its
defaults raises, so that is a warning that names the flag. Training arguments the script names but never defines (a blog
snippet's \`args=training_args\`) are information that names the assumption. Before TRL 0.9 the arguments are
a \`TrainingArguments\`, which has no \`force_use_ref_model\` (0.8 takes it as a \`DPOTrainer\` keyword, 0.7 not at
all: huggingface/trl v0.7.11 and v0.8.6 \`trl/trainer/dpo_trainer.py\`; v0.9.6 moves it to \`trl/trainer/dpo_config.py\`),
so there the arguments cannot avoid the error.
A reference model or PEFT config that may be None (an entry of a dict a loader fills, a conditional with a None
branch: yangjianxin1/Firefly passes \`components["ref_model"]\`, None unless training fully; a parameter that defaults
to None: charent/ChatLM-mini-Chinese \`def train_dpo(config, peft_config=None)\`, called with \`peft_config=None\`; a
name one branch of an \`if\` sets to None: TRL's \`examples/scripts/dpo.py\` loads \`ref_model\` only \`if peft_config is
None\` and sets it to None otherwise) is not flagged. A parameter is the function's own name: a module-level variable of the same name does not reach it.
The exception is a None branch that a command-line flag's default rules out: \`peft_config if args.use_peft else None\`,
or a name set to None and then to a config under \`if args.use_peft:\`, where \`args\` comes from
\`HfArgumentParser(ScriptArguments).parse_args_into_dataclasses()[0]\` and the script's own \`@dataclass ScriptArguments\`
gives \`use_peft\` a literal default (shibing624/MedicalGPT \`dpo_training.py\`: \`use_peft: bool = field(default=True)\`,
reported in MedicalGPT#334). The script run with its defaults raises: a warning that names the flag ("unless the
command line passes --use_peft False"). Not when the default is the None branch, or when the script or the class's
\`__post_init__\` sets the field.
The project's shell scripts that run the script (\`env/launch-flags.ts\`) are read for these flags, as transformers'
\`HfArgumentParser\` reads a \`bool\` field (\`hf_argparser.py\` at v4.57.0 and v5.15.0: \`--use_peft\` alone is True,
\`--use_peft False\` False, \`--no_use_peft\` for a field that defaults to True; \`TrlParser\` is one): a run that may give a
flag the other value than the default the warning rests on (\`--use_peft False\`, \`--force_use_ref_model\`, words the
text does not show) makes it information naming that run; when every run passes \`--use_peft\` to a
\`get_peft_config\` script, shows all its words and names no config file (\`--config\`, a \`.yaml\`/\`.json\`) that could set
\`force_use_ref_model\`, the script as the project runs it raises: a warning naming the run.

## Why is this bad?
When training PEFT adapters, DPO uses the model with its adapters disabled as the reference, so a separate
reference model is redundant (and doubles memory). TRL from 0.7.11 through 0.24 refuses the combination at
construction (the check came with huggingface/trl PR #1289, aa35fec0, first in v0.7.11; older releases accept both and
are not flagged): \`ValueError: You passed both a ref_model and a peft_config. For training PEFT adapters with DPO
there is no need to pass a reference model…\`. Later versions no longer raise.

## Example
\`\`\`python
# pip install trl==0.19.1
from peft import LoraConfig
from trl import DPOTrainer, DPOConfig

trainer = DPOTrainer(model=model, ref_model=ref_model, peft_config=LoraConfig(r=16),
                     args=DPOConfig(output_dir="o"), train_dataset=ds, processing_class=tokenizer)
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.19.1
from peft import LoraConfig
from trl import DPOTrainer, DPOConfig

trainer = DPOTrainer(model=model, peft_config=LoraConfig(r=16),
                     args=DPOConfig(output_dir="o"), train_dataset=ds, processing_class=tokenizer)
\`\`\`

## Fix safety
Removing \`ref_model=\` is safe: with a PEFT config the reference is the base model with adapters disabled, which
is what a copy of the base model would compute, without the extra memory. A reference that differs from the
base needs \`force_use_ref_model=True\` instead, which the user has to choose.

## References
- huggingface/trl PR #1289, #1365; shibing624/MedicalGPT#334; mlabonne/llm-course#44
- \`get_peft_config\` returns \`LoraConfig(...)\` only when \`model_args.use_peft\`: huggingface/trl
  trl/trainer/utils.py (v0.19.1; still so at f2cd577); the check that raises: trl/trainer/dpo_trainer.py (v0.19.1)
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (t.kind !== 'DPOTrainer' || t.call.hasSplat) continue;
      const ref = t.call.keywords.get('ref_model') ?? t.call.positional[1];
      if (!ref || evaluate(ctx.facts, ref.value).kind === 'none') continue;
      const pc = t.call.keywords.get('peft_config');
      if (!pc || evaluate(ctx.facts, pc.value).kind === 'none') continue;
      const refNone = mayBeNone(ctx.facts, ref.value, t.call.node);
      const pcNone = mayBeNone(ctx.facts, pc.value, t.call.node);
      if (refNone === true || pcNone === true) continue;
      // Conditions on how the script is run, named in the message. A failure only a flag brings about (`--use_peft`) is
      // not what the script does when run with its defaults: information. One its defaults give, unless a flag avoids it
      // (`--force_use_ref_model`, or a command-line flag whose default chooses the PEFT config), is a warning that names the flag.
      // The project's shell scripts that run the script (`env/launch-flags.ts`): a default one of them may change is not
      // what runs, and a flag all of them pass is.
      const runs = ctx.a.env.launchedRuns;
      let launchedDefault = false;
      const conditions: string[] = [];
      const flags = [refNone, pcNone].filter((x): x is CommandLineFlag => typeof x === 'object');
      for (const flag of new Map(flags.map((f) => [f.unless, f])).values()) {
        const other = boolFlagInRuns(runs, `--${flag.field}`).find((r) => r.value !== flag.value);
        if (other) launchedDefault = true;
        conditions.push(other ? `${flag.unless}, as ${runLabel(other.run)} may` : flag.unless);
      }
      let needsFlag = false;
      const helper = conditionalPeftConfig(ctx.facts, ctx.a.callsByNode, pc.value);
      const forced = boolFlagInRuns(runs, '--force_use_ref_model').find((r) => r.value !== false);
      if (helper) {
        const passing = boolFlagInRuns(runs, helper.when);
        // Every run of the project passes --use_peft, shows all its words and names no config file that could set
        // force_use_ref_model: the script as the project runs it raises.
        const all = !!runs?.length && passing.length === runs.length && passing.every((r) => r.value === true)
          && !forced && !runs.some(runNamesConfigFile);
        if (all) conditions.push(`as ${runLabel(runs![0])} runs it (with ${helper.when})${runs!.length > 1 ? ` (so do the project's other ${runs!.length - 1} run${runs!.length > 2 ? 's' : ''})` : ''}`);
        else {
          const one = passing.find((r) => r.value === true);
          conditions.push(`when the script runs with ${helper.when} (${helper.helper} returns None without it${one ? `; ${runLabel(one.run)} passes it` : ''})`);
          needsFlag = true;
        }
      }
      const force = lookupArg(ctx.facts, t, 'force_use_ref_model');
      if (force.arg && evaluateBool(ctx.facts, force.arg.value) !== false) continue;
      let assumption: string | undefined;
      // Before TRL 0.9 the arguments are a TrainingArguments, which has no force_use_ref_model: only the trainer's
      // own keyword (0.8) can avoid the error, so an args object the script does not show cannot.
      if (force.unknown && ctx.env.gate('trl', { before: '0.9' }) !== 'affected') {
        const argsNode = argsExpression(t);
        if (argsNode && ctx.facts.assignments.some((a) => a.target === `${argsNode.text}.force_use_ref_model`)) continue;
        if (fromCommandLine(ctx.facts, argsNode)) {
          // Arguments parsed from the command line keep DPOConfig's default (False) unless it is passed there.
          conditions.push(`unless the command line passes --force_use_ref_model${forced ? `, as ${runLabel(forced.run)} may` : ''}`);
          if (forced) launchedDefault = true;
        } else if (argsNode?.type === 'identifier' && neverDefined(ctx.facts, ctx.source.text, argsNode.text)) {
          // A snippet's `args=training_args` that it never defines: the error holds unless that object sets the flag.
          assumption = `if \`${argsNode.text}\` (not defined in the script) leaves force_use_ref_model=False`;
        } else continue;
      }
      // The check came with huggingface/trl PR #1289 (aa35fec0, first released in v0.7.11) and went in 0.25.
      const v = ctx.version('trl', { from: '0.7.11', before: '0.25' });
      if (!v.severity) continue;
      if (assumption) conditions.push(assumption);
      const severity = assumption || needsFlag || launchedDefault ? minSeverity(v.severity, 'information') : conditions.length ? minSeverity(v.severity, 'warning') : v.severity;
      const fixes: Fix[] = ref.name && !helper ? [{ title: 'Remove ref_model= (PEFT uses the adapter-free model as reference)', applicability: 'safe', edits: [removeArgument(ctx.source, t.call, ref)] }] : [];
      ctx.report({
        node: ref.node,
        severity,
        message: `DPOTrainer gets both \`ref_model\` and \`peft_config\`: it raises "ValueError: You passed both a ref_model and a peft_config"${v.note}${conditions.length ? ` ${conditions.join(' and ')}` : ''}. Drop ref_model (the adapter-free model is the reference) or pass force_use_ref_model=True.`,
        related: [{ node: pc.node, message: 'peft_config given here' }],
        fixes,
      });
    }
  },
};
/**
 * A name bound to a value that may be None: a subscript of a container a loader fills (Firefly's
 * `components["ref_model"]`, None unless training fully) or a conditional with a None branch. `true`: may be None;
 * `false`: not None; a flag: not None when the script runs with its defaults, because a command-line flag's
 * default chooses the branch (MedicalGPT's `peft_config if args.use_peft else None`, `use_peft` defaulting to True),
 * the flag (and the value) that would make it None.
 */
function mayBeNone(facts: FileFacts, node: Node, at: Node): boolean | CommandLineFlag {
  // A name set in branches, one of which sets None (TRL's dpo.py: `if peft_config is None: ref_model = …` /
  // `else: ref_model = None`): None on some runs, unless the branches test a command-line flag whose default picks one.
  if (node.type === 'identifier' && alternativeValues(facts, node)?.some((v) => v.kind === 'none')) return underDefaults(facts, node) ?? true;
  const value = node.type === 'identifier' ? reachingAssignment(facts, node.text, at)?.value : node;
  // A parameter that defaults to None (`def train_dpo(config, peft_config=None)`, called with `peft_config=None`).
  if (!value && node.type === 'identifier') return parameterDefaultsToNone(facts, node);
  if (!value) return false;
  if (value.type === 'subscript') return true;
  if (value.type === 'conditional_expression') {
    const parts = value.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    if (!parts.some((c) => evaluate(facts, c).kind === 'none')) return false;
    // `a if cond else None` where `cond` is a command-line flag: the branch its default takes.
    const [then, cond, otherwise] = parts;
    const flag = parts.length === 3 ? commandLineFlag(facts, cond) : undefined;
    if (!flag) return true;
    const chosen = flag.value ? then : otherwise;
    if (evaluate(facts, chosen).kind === 'none') return true;
    const inner = chosen.type === 'identifier' && alternativeValues(facts, chosen)?.some((v) => v.kind === 'none')
      ? underDefaults(facts, chosen, flag) : flag;
    return inner ?? true;
  }
  return false;
}

interface CommandLineFlag { test: string; field: string; value: boolean; unless: string }

/** A condition that is a boolean field of arguments parsed from the command line, with its default. */
function commandLineFlag(facts: FileFacts, cond: Node): CommandLineFlag | undefined {
  const d = commandLineDefault(facts, cond);
  const value = d ? evaluateBool(facts, d) : undefined;
  if (value === undefined) return undefined;
  const field = cond.childForFieldName('attribute')?.text ?? cond.text;
  return { test: cond.text, field, value, unless: `unless the command line passes --${field} ${value ? 'False' : 'True'}` };
}

/**
 * A name set to None and to something else in branches of `if <flag>:` on a command-line flag (`peft_config = None`,
 * `if args.use_peft: peft_config = LoraConfig(…)`): the flag's default decides which one reaches. The flag
 * when the default gives a value that is not None, `true` when it gives None, undefined when a branch tests anything
 * else (or another flag than `expected`).
 */
function underDefaults(facts: FileFacts, name: Node, expected?: CommandLineFlag): CommandLineFlag | true | undefined {
  const alternatives = conditionalAlternatives(facts, name);
  if (!alternatives) return undefined;
  let flag = expected;
  for (const a of alternatives) {
    if (a.unpackIndex !== undefined) return undefined;
    let runs = true;
    for (const g of guardsAt(a.node)) {
      const f = commandLineFlag(facts, g.node);
      if (!f || (flag && (f.test !== flag.test || f.value !== flag.value))) return undefined;
      flag = f;
      runs = runs && f.value === g.holds;
    }
    if (!runs) continue;
    if (evaluate(facts, a.value).kind === 'none') return true;
    return flag;
  }
  return undefined;
}

function parameterDefaultsToNone(facts: FileFacts, name: Node): boolean {
  const fn = enclosingFunction(name);
  for (const p of fn?.childForFieldName('parameters')?.namedChildren ?? []) {
    if ((p?.type === 'default_parameter' || p?.type === 'typed_default_parameter') && p.childForFieldName('name')?.text === name.text) {
      const d = p.childForFieldName('value');
      return !!d && evaluate(facts, d).kind === 'none';
    }
  }
  return false;
}

/** `name` is bound nowhere in the script: no assignment, import, parameter, definition, loop, `as` or `:=` target. */
function neverDefined(facts: FileFacts, source: string, name: string): boolean {
  if (facts.starImports.length) return false;
  if (facts.assignments.some((a) => a.target === name) || facts.imports.some((i) => i.local === name)) return false;
  if (facts.functions.has(name) || facts.classes.some((c) => c.name === name)) return false;
  if ([...facts.functions.values()].some((f) => f.params.includes(name))) return false;
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return !new RegExp(`(\\bfor\\b[^\\n]*\\b${n}\\b[^\\n]*\\bin\\b|\\bas\\s+${n}\\b|\\b${n}\\s*:=|\\b(global|nonlocal)\\s+[^\\n]*\\b${n}\\b|\\blambda\\b[^:\\n]*\\b${n}\\b)`).test(source);
}
export default rule;
