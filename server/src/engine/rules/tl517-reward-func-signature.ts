import type { Node } from 'web-tree-sitter';
import type { Fix } from '../diagnostics';
import { isLibraryCall, type TrainerFact } from '../domain/trainers';
import { columnsPhrase } from '../dataset/state';
import type { Parameter } from '../facts/own-functions';
import type { CallFact } from '../facts/types';
import { rewardFunctions } from '../domain/reward-functions';
import { insertAt } from './edits';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/**
 * The keywords GRPOTrainer (and RLOOTrainer from its 0.22 rewrite) passes every reward function, with the first TRL
 * release that passes each (`_calculate_rewards` / `_generate_and_score_completions` in `trl/trainer/grpo_trainer.py`):
 * `reward_func(prompts=prompts, completions=completions, completion_ids=completion_ids_list, **reward_kwargs)`, where
 * `reward_kwargs` holds every dataset column but prompt/completion/completion_ids, then `trainer_state` and
 * `log_extra`/`log_metric`.
 */
const PASSED: ReadonlyArray<readonly [string, string]> = [
  ['prompts', '0.14'], ['completions', '0.14'], ['completion_ids', '0.18'], ['trainer_state', '0.20'],
  ['log_extra', '1.0'], ['log_metric', '1.0'],
];
/** The keywords, for messages. */
const PASSED_PHRASE = '`prompts=`, `completions=`, `completion_ids=` (TRL ≥ 0.18), `trainer_state=` (≥ 0.20), `log_extra=`/`log_metric=` (≥ 1.0) and one per dataset column';
/** Columns TRL leaves out of `reward_kwargs`. */
const NOT_PASSED_COLUMNS = new Set(['prompt', 'completion', 'completion_ids']);

const cmp = (a: string, b: string) => {
  const pa = a.split('.').map(Number), pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
};

/** `, **kwargs` before the closing parenthesis of the parameters. */
function addKwargs(ctx: RuleContext, def: Node, params: Parameter[]): Fix | undefined {
  const list = def.childForFieldName('parameters');
  if (!list) return undefined;
  const name = params.some((p) => p.name === 'kwargs') ? '_kwargs' : 'kwargs';
  const last = list.namedChildren.filter((c) => c && c.type !== 'comment').pop();
  const text = ctx.source.text;
  const close = list.endIndex - 1;
  let edit;
  if (!last) edit = insertAt(ctx.source, close, `**${name}`);
  else {
    const between = text.slice(last.endIndex, close);
    edit = /,\s*$/.test(between) ? insertAt(ctx.source, close, `**${name}`) : insertAt(ctx.source, last.endIndex, `, **${name}`);
  }
  return { title: `Add **${name} to ${def.childForFieldName('name')?.text ?? 'the function'}`, applicability: 'safe', edits: [edit] };
}

function check(ctx: RuleContext, call: CallFact, trainerName: string, from: string, datasetArg: Node | undefined): void {
  const ds = datasetArg ? ctx.datasets.at(datasetArg) : undefined;
  const columns = ds && !ds.isDict ? ds.columns?.filter((c) => !NOT_PASSED_COLUMNS.has(c)) : undefined;
  for (const f of rewardFunctions(ctx.facts, ctx.source, call)) {
    const names = new Set(f.params.map((p) => p.name));
    const hasKwargs = f.params.some((p) => p.kind === 'kwargs');
    if (!hasKwargs) {
      // The first release at which TRL passes a keyword the function does not take.
      // The dataset's own columns (when known) are passed by every release.
      const missing: Array<readonly [string, string]> = [...(columns ?? []).filter((c) => !names.has(c)).map((c) => [c, from] as const), ...PASSED.filter(([k]) => !names.has(k))];
      if (missing.length === 0) continue;
      const since = missing.reduce((m, [, v]) => (cmp(v, m) < 0 ? v : m), missing[0][1]);
      const gateFrom = cmp(since, from) < 0 ? from : since;
      let v = ctx.version('trl', { from: gateFrom });
      if (v.gate === 'unaffected') continue;
      // Every release that has the trainer passes `prompts=` and `completions=`: no version needs assuming.
      if (v.gate === 'unknown' && gateFrom === from) v = { gate: 'affected', severity: ctx.rule.severity, note: ` (every TRL release with ${trainerName})` };
      const first = missing.find(([, ver]) => cmp(ver, gateFrom) <= 0)?.[0] ?? missing[0][0];
      const fix = addKwargs(ctx, f.def, f.params);
      ctx.report({
        node: f.use, severity: v.severity,
        message: `\`${f.name}\` takes no \`**kwargs\`, but ${trainerName} calls every reward function with the keywords ${PASSED_PHRASE}${v.note}: the first reward computation, after the model has loaded and generated, raises "TypeError: ${f.name}() got an unexpected keyword argument '${first}'". Add \`**kwargs\` to its parameters.`,
        related: [{ node: f.def.childForFieldName('name') ?? f.def, message: 'the reward function' }],
        fixes: fix ? [fix] : [],
      });
      continue;
    }
    // With **kwargs: a required parameter TRL never passes (not a keyword above, not a column of the known dataset).
    if (!columns) continue;
    for (const p of f.params) {
      if (p.kind !== 'positional' && p.kind !== 'keyword-only') continue;
      if (p.node.childForFieldName('value')) continue;
      // `environments` is passed with an `environment_factory` (TRL ≥ 0.29).
      if (p.name === 'environments' || PASSED.some(([k]) => k === p.name) || columns.includes(p.name)) continue;
      let v = ctx.version('trl', { from });
      if (v.gate === 'unaffected') continue;
      if (v.gate === 'unknown') v = { gate: 'affected', severity: ctx.rule.severity, note: ` (every TRL release with ${trainerName})` };
      ctx.report({
        node: f.use, severity: v.severity,
        message: `\`${f.name}\` requires \`${p.name}\`, which ${trainerName} never passes: reward functions get ${PASSED_PHRASE} (${ds ? columnsPhrase(ds) : ''})${v.note}, so the first reward computation raises "TypeError: ${f.name}() missing 1 required ${p.kind === 'positional' ? 'positional' : 'keyword-only'} argument: '${p.name}'". Add the column to the dataset, or give the parameter a default.`,
        related: [{ node: p.node, message: 'the parameter' }],
      });
      break;
    }
  }
}

const rule: Rule = {
  code: 'TL517',
  name: 'reward-func-signature',
  severity: 'error',
  fix: 'sometimes',
  requires: ['reward_funcs'],
  docs: `## What it does
Flags a reward function of \`GRPOTrainer(reward_funcs=…)\` (or of \`RLOOTrainer\` from TRL 0.22) that cannot take
the keywords TRL calls it with: a \`def\` without \`**kwargs\`, or one that requires a parameter TRL never passes
while the training dataset's columns are known.

## Why is this bad?
TRL calls each reward function as \`reward_func(prompts=…, completions=…, completion_ids=…, **reward_kwargs)\`, where
\`reward_kwargs\` holds one list per dataset column (all but \`prompt\`, \`completion\` and \`completion_ids\`), plus
\`trainer_state\` from TRL 0.20 and \`log_extra\`/\`log_metric\` from 1.0. A function written as
\`def reward(completions):\` raises \`TypeError: reward() got an unexpected keyword argument 'prompts'\` on the first
step, after the model has loaded and the first group of completions has been generated (with vLLM, minutes in). A
function that names every keyword but has no \`**kwargs\` breaks at the release that added the next one
(\`completion_ids\` 0.18, \`trainer_state\` 0.20, \`log_extra\` 1.0), so the finding is gated on the TRL version: on an
unknown version it is information. Unsloth's patched GRPOTrainer is built from TRL's source and calls reward
functions the same way.

A parameter without a default must be one of those keywords or a column of the training dataset: with the columns
known (a local file, a literal, or trainlint's table of Hub datasets, named in the message), another name raises
\`TypeError: … missing 1 required positional argument\`. Methods, decorated functions, names defined twice,
\`functools.partial\` objects, lambdas and reward models are left alone.

## Example
\`\`\`python
# pip install trl==0.24.0
from datasets import Dataset
from trl import GRPOConfig, GRPOTrainer

def reward_len(completions):
    return [-abs(20 - len(c)) for c in completions]

ds = Dataset.from_dict({"prompt": ["Write a haiku"]})
trainer = GRPOTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", reward_funcs=[reward_len],
                      args=GRPOConfig(output_dir="out"), train_dataset=ds)
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.24.0
from datasets import Dataset
from trl import GRPOConfig, GRPOTrainer

def reward_len(completions, **kwargs):
    return [-abs(20 - len(c)) for c in completions]

ds = Dataset.from_dict({"prompt": ["Write a haiku"]})
trainer = GRPOTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", reward_funcs=[reward_len],
                      args=GRPOConfig(output_dir="out"), train_dataset=ds)
\`\`\`

## Fix safety
Adding \`**kwargs\` to the parameters is safe: every other call of the function still binds as before.

## References
- huggingface/trl \`trl/trainer/grpo_trainer.py\`: the reward call at v0.14.0 and v0.17.0 (\`prompts\`, \`completions\`
  and the columns), v0.18.0 (\`completion_ids\`), v0.20.0 (\`trainer_state\`, huggingface/trl#3669), v1.0.0 and v1.9.0
  (\`log_extra\`, \`log_metric\`); \`trl/trainer/rloo_trainer.py\` at v0.22.0 and v1.9.0
- The GRPO docs' reward functions all take \`**kwargs\` ("def reward_func(completions, **kwargs)")
`,
  check(ctx) {
    for (const t of ctx.trainers as readonly TrainerFact[]) {
      if (t.kind !== 'GRPOTrainer') continue;
      check(ctx, t.call, 'GRPOTrainer', '0.14', t.call.keywords.get('train_dataset')?.value);
    }
    for (const c of ctx.facts.calls) {
      if (!isLibraryCall(c, ['RLOOTrainer'], ['trl'])) continue;
      check(ctx, c, 'RLOOTrainer', '0.22', c.keywords.get('train_dataset')?.value);
    }
  },
};
export default rule;
