import type { Node } from 'web-tree-sitter';
import type { Severity } from '../diagnostics';
import { insideExpectedRaise } from '../domain/expected-raise';
import { configAttributeSet, evalStrategyArg, strategyValue } from '../domain/training-args';
import { isLibraryCall } from '../domain/trainers';
import { versionGuard } from '../domain/version-guards';
import { withSpreadKeywords } from '../domain/spread-arguments';
import { compareVersions, describeRange, unknownNote, versionNotFound } from '../env/versions';
import type { CallFact } from '../facts/types';
import { evaluate } from '../facts/values';
import type { RuleContext } from './context';
import type { Rule } from './rule';
import { callsWhere } from '../facts/selections';
import { runLabel } from '../env/launch-flags';
import { BANDS, type Failure, type Inputs } from '../domain/grpo-batch-contract';

/** Keywords that exist only from a release on: a script passing one runs on that release or later (or fails sooner). */
const INTRODUCED: ReadonlyArray<readonly [string, string]> = [
  ['generation_batch_size', '0.18'], ['steps_per_generation', '0.18'], ['num_generations_eval', '0.26'],
];


const NAMES = ['num_generations', 'per_device_train_batch_size', 'gradient_accumulation_steps', 'per_device_eval_batch_size',
  'generation_batch_size', 'steps_per_generation', 'num_generations_eval', 'eval_strategy', 'evaluation_strategy'];

/**
 * A numeric argument of the config call as `GRPOConfig.__post_init__` sees it: its value, `undefined` when absent (or
 * `None` where that is the default), `null` when unknown. An attribute set after the call does not change what the config checked.
 */
function readNumber(ctx: RuleContext, call: CallFact, name: string, noneIsDefault: boolean): number | undefined | null {
  const arg = call.keywords.get(name);
  if (!arg) return call.hasSplat ? null : undefined;
  const v = evaluate(ctx.facts, arg.value);
  if (v.kind === 'none') return noneIsDefault ? undefined : null;
  if (v.kind !== 'num' || !Number.isInteger(v.value)) return null;
  return v.value;
}

function readInputs(ctx: RuleContext, call: CallFact): Inputs | undefined {
  // `None` is the default of the optional generation settings; elsewhere it is not a number TRL can check.
  const get = (name: string, dflt?: number): number | undefined | null => {
    const r = readNumber(ctx, call, name, dflt === undefined);
    return r === null ? null : r ?? dflt;
  };
  const ng = get('num_generations', 8), b = get('per_device_train_batch_size', 8), ga = get('gradient_accumulation_steps', 1);
  const eb = get('per_device_eval_batch_size', 8), gbs = get('generation_batch_size'), spg = get('steps_per_generation');
  const nge = get('num_generations_eval');
  if (ng == null || b == null || ga == null || eb == null || gbs === null || spg === null || nge === null) return undefined;
  if (ng < 0 || b <= 0 || ga <= 0 || eb <= 0 || (gbs !== undefined && gbs <= 0) || (spg !== undefined && spg <= 0) || (nge !== undefined && nge < 0)) return undefined;
  let evalOn: boolean | undefined;
  const esArg = evalStrategyArg((n) => call.keywords.get(n));
  if (esArg) {
    const s = strategyValue(ctx.facts, esArg.value);
    evalOn = s === undefined ? undefined : s !== 'no';
  } else evalOn = call.hasSplat ? undefined : false;
  return { ng, b, ga, eb, gbs, spg, nge, evalOn, ...launchedProcesses(ctx) };
}

/**
 * The processes every run of the script by the project's shell scripts starts, when each run's words prove the same
 * number (`env/launch-processes.ts`); else one process, assumed (the message says so).
 */
function launchedProcesses(ctx: RuleContext): { p: number; launch?: string } {
  const runs = ctx.a.env.launchedRuns ?? [];
  const p = runs[0]?.processes;
  if (!p || runs.some((r) => r.processes !== p)) return { p: 1 };
  const labels = runs.slice(0, 3).map(runLabel).join(', ') + (runs.length > 3 ? ', …' : '');
  return { p, launch: runs.length === 1 ? `${labels} starts` : `each of the project's ${runs.length} launches of the script starts (${labels})` };
}

function reportNode(call: CallFact, f: Failure): Node {
  for (const name of f.at) {
    const a = call.keywords.get(name);
    if (a) return a.node;
  }
  return call.callee;
}

/** `GRPOConfig(…)` from TRL or Unsloth (a selection test for `callsWhere`). */
const isGrpoConfig = (c: CallFact): boolean => isLibraryCall(c, ['GRPOConfig'], ['trl', 'unsloth']);

const rule: Rule = {
  code: 'TL309',
  name: 'grpo-generation-batch',
  severity: 'error',
  fix: 'none',
  requires: ['GRPOConfig'],
  docs: `## What it does
Checks the batch sizes of a \`GRPOConfig\` against \`num_generations\` the way TRL does when the config (TRL ≥ 0.18)
or the \`GRPOTrainer\` (0.15–0.17) is built: the generation batch must hold whole groups of \`num_generations\`
completions, the eval batch too when evaluation is on, and \`num_generations\` must be at least 2.

## Why is this bad?
GRPO computes each completion's advantage against the other completions of the same prompt, so TRL refuses a
batch that would split a group. The check raises \`ValueError\` before training starts, after the script has
parsed its arguments (and, before TRL 0.18, after the model has loaded). Which quantity must be divisible changed
across releases (\`trl/trainer/grpo_trainer.py\` up to v0.17.0, \`trl/trainer/grpo_config.py\` from v0.18.0):

| TRL | train: divisible by \`num_generations\` | eval (when \`eval_strategy != "no"\`) |
| --- | --- | --- |
| 0.14 | no check | no check |
| 0.15–0.16 | \`per_device_train_batch_size\` × processes | \`per_device_eval_batch_size\` × processes |
| 0.17 | … × \`gradient_accumulation_steps\` | same |
| 0.18–0.19 | \`generation_batch_size\`, default \`per_device_train_batch_size\` × processes × \`steps_per_generation\` (default \`gradient_accumulation_steps\`) | same |
| 0.20–0.21 | same | no check |
| 0.22 on | same | same, with \`num_generations_eval\` from 0.27 |

Defaults: \`num_generations\` 8 in every release, \`per_device_train_batch_size\` and \`per_device_eval_batch_size\` 8
(transformers' \`TrainingArguments\`; GRPOConfig 0.14 alone set 1), \`gradient_accumulation_steps\` 1.
\`num_generations < 2\` is refused from 0.15 (0.15–0.16 as outside the valid values, from 0.17 by its own message).
From 0.18, \`generation_batch_size\` and \`steps_per_generation\` together raise, and an explicit
\`generation_batch_size\` must be a multiple of \`per_device_train_batch_size\` × processes.

**The number of processes is not in the script.** A finding is an error only when no number of processes can pass:
\`num_generations < 2\`, both generation settings set, an explicit \`generation_batch_size\` that is not a multiple of
\`num_generations\` (that check does not involve the processes) or of \`per_device_train_batch_size\` (a multiple of
B × P is a multiple of B). Every other case passes with enough processes (P = \`num_generations\` always works). When
every run of the script by the project's shell scripts proves how many processes it starts (\`env/launch-processes.ts\`:
\`python train.py\` one; \`torchrun --nproc_per_node N\` on one node; \`deepspeed --num_gpus N\` on one node; \`accelerate
launch --num_processes N\` with \`--multi_gpu\`, \`--use_deepspeed\` or \`--use_fsdp\`, or with a \`--config_file\` of the
project whose \`distributed_type\` is MULTI_GPU, DEEPSPEED or FSDP, the flag winning over the file's \`num_processes\`,
huggingface/accelerate \`src/accelerate/commands/launch.py\` v1.14.0 \`_validate_launch_command\`), and they agree, that
number is used: silent when it passes, a warning naming the launch when it does not (TRL ≥ 0.20 then also checks an
explicit \`generation_batch_size\` against B × P, \`grpo_config.py\` v0.20.0). Otherwise (no launch, or one whose count
follows the machine's GPUs, accelerate's default config in the user's home, a variable) it is \`information\` that says
it assumed one process, the way \`python train.py\` runs, and how many processes would pass. With the TRL version unknown, the newest releases' check is reported as information naming
the range, unless every release that takes the script's keywords fails whatever the processes (an error then):
\`generation_batch_size=\` or \`steps_per_generation=\` mean TRL ≥ 0.18, \`num_generations_eval=\` ≥ 0.26.

**Unsloth** rewrites the batch in its generated \`UnslothGRPOConfig\` before TRL checks it
(unslothai/unsloth \`unsloth/models/rl_replacements.py\` \`grpo_trainer_fix_batch_size\` from 2025.2.10, commit
c66350a4, for TRL 0.15–0.17; \`unsloth/models/rl.py\` "Check GRPO num_generations mismatch" from 2025.5.8, commit
623060ba, for every TRL): \`per_device_train_batch_size\` becomes \`num_generations\` when it is not a multiple of
it (from 2025.11.3, commit 5b0f1962, only when neither generation setting is given and B × GA × WORLD_SIZE is not
divisible). It also sets its own defaults (\`per_device_train_batch_size\` 4, \`gradient_accumulation_steps\` 2,
\`per_device_eval_batch_size\` 4) and adjusts the eval batch in the trainer. Under an \`unsloth\` import the rule
therefore reports only what Unsloth leaves as it is: \`num_generations < 2\`, both generation settings, and an
explicit \`generation_batch_size\` that is not a multiple of \`num_generations\`.

Values must be known (literals, constants, config files trainlint reads); an argument from the command line,
\`**kwargs\` it cannot follow, or an attribute set after the call leaves the check out. A config built inside a
branch on the TRL version, or inside \`pytest.raises\`, is left alone.

## Example
\`\`\`python
# pip install trl==0.24.0
from trl import GRPOConfig

args = GRPOConfig(output_dir="out", per_device_train_batch_size=4, generation_batch_size=12, num_generations=8)
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.24.0
from trl import GRPOConfig

args = GRPOConfig(output_dir="out", per_device_train_batch_size=4, generation_batch_size=16, num_generations=8)
\`\`\`

## Fix safety
No fix: which of the batch size, the accumulation or the number of generations to change is the user's choice.

## References
- huggingface/trl \`trl/trainer/grpo_trainer.py\` at v0.14.0 (no check), v0.15.0 and v0.16.0 ("The global train batch
  size … must be evenly divisible by the number of generations per prompt"), v0.17.0 (effective batch with
  gradient accumulation, "GRPO requires at least 2 generations per prompt")
- huggingface/trl \`trl/trainer/grpo_config.py\` \`__post_init__\` at v0.18.0, v0.20.0 (generation_batch_size checks),
  v0.22.0 (eval check back), v0.27.0 (\`num_generations_eval\`), v1.9.0 (unchanged)
- unslothai/unsloth \`unsloth/models/rl.py\` and \`unsloth/models/rl_replacements.py\` (commits c66350a4, 623060ba,
  5b0f1962; the \`replacements\` defaults of the generated configs)
`,
  check(ctx) {
    const unsloth = ctx.unsloth.imported;
    for (const written of callsWhere(ctx.facts, isGrpoConfig)) {
      if (insideExpectedRaise(written.node) || versionGuard(ctx.facts, written.node, 'trl')) continue;
      if (written.positional.length > 1) continue;
      const call = withSpreadKeywords(ctx.facts, ctx.a.callsByNode, written);
      if (call.hasSplat) continue;
      const inputs = readInputs(ctx, call);
      if (!inputs) continue;
      // Before TRL 0.18 the trainer checks the config's values when it is built: the config must reach a GRPOTrainer,
      // and an attribute the script sets in between (`cfg.per_device_train_batch_size = 8`) may change them.
      const checkedByTrainer = ctx.trainers.some((t) => t.kind === 'GRPOTrainer' && t.config?.node.id === call.node.id)
        && !NAMES.some((n) => configAttributeSet(ctx.facts, call, n));
      // The releases the script can run on: not known to be outside, and taking every keyword it passes.
      const floor = INTRODUCED.filter(([k]) => call.keywords.has(k)).reduce((m, [, v]) => (compareVersions(v, m) > 0 ? v : m), '0.14');
      const possible = BANDS.filter((band) => ctx.env.gate('trl', { from: band.from, ...(band.before ? { before: band.before } : {}) }) !== 'unaffected'
        && (!band.before || compareVersions(band.before, floor) > 0));
      if (possible.length === 0) continue;
      const results = possible.map((band) => {
        let fs = (band.inTrainer && !checkedByTrainer) ? [] : band.failures(inputs);
        // Unsloth fixes up the train batch and owns the eval batch and the defaults (see the docs).
        if (unsloth) fs = fs.filter((f) => f.kind === 'min' || f.kind === 'both' || f.kind === 'gbs-generations');
        const always = fs.find((f) => f.always);
        return { band, failure: always ?? fs[0], always: !!always };
      });
      const newest = results[results.length - 1];
      if (!newest.failure) continue;
      const trlVersion = ctx.env.get('trl');
      const known = possible.length === 1 && ctx.env.gate('trl', { from: newest.band.from, ...(newest.band.before ? { before: newest.band.before } : {}) }) === 'affected';
      let severity: Severity;
      let note: string;
      const span = { from: possible[0].from, ...(newest.band.before ? { before: newest.band.before } : {}) };
      if (results.every((r) => r.always)) {
        // Every release the script can run on raises, whatever the processes: not a guess about the version.
        severity = ctx.rule.severity;
        const kw = INTRODUCED.find(([k, v]) => v === floor && call.keywords.has(k))?.[0];
        note = known ? ` (${ctx.versionText('trl')})`
          : ` (every TRL release ${kw ? `that takes \`${kw}=\`, ` : ''}${describeRange('TRL', span)}; ${trlVersion ? ctx.versionText('trl') : versionNotFound('TRL')})`;
      } else if (known) {
        // A failure that depends on the processes: proven only when the project's launches give their number.
        severity = newest.always ? ctx.rule.severity : inputs.launch ? 'warning' : 'information';
        note = ` (${ctx.versionText('trl')})`;
      } else {
        // The releases, newest first, that fail the same way.
        let first = results.length - 1;
        while (first > 0 && results[first - 1].failure?.kind === newest.failure.kind) first--;
        severity = 'information';
        note = unknownNote('TRL', trlVersion, { from: results[first].band.from, ...(newest.band.before ? { before: newest.band.before } : {}) });
      }
      ctx.report({
        node: reportNode(call, newest.failure),
        severity,
        message: `${capitalize(newest.failure.text)}${note}.`,
      });
    }
  },
};

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export default rule;
