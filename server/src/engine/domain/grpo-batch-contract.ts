/**
 * The batch-size contract of GRPO, by TRL release (huggingface/trl; `trl/trainer/grpo_trainer.py` `__init__` up to
 * v0.17.0, `trl/trainer/grpo_config.py` `__post_init__` from v0.18.0):
 * - 0.14: no check (`per_device_train_batch_size` counted prompts then);
 * - 0.15–0.16: the trainer needs `num_generations` in [2, B×P] dividing B×P (B = per_device_train_batch_size,
 *   P = processes), and the same of the eval batch E×P when evaluation is on;
 * - 0.17: the train batch becomes B×P×gradient_accumulation_steps, and `num_generations < 2` has its own message;
 * - 0.18–0.19: the config checks it: generation_batch_size (default B×P×steps_per_generation, which defaults to
 *   gradient_accumulation_steps) must be divisible by num_generations; both set raises; an explicit
 *   generation_batch_size must be a multiple of B (the release's `gbs % B * P != 0` binds as `(gbs % B) * P`);
 *   the eval check as before;
 * - 0.20–0.21: an explicit generation_batch_size must be a multiple of B×P; no eval check;
 * - 0.22–0.26: the eval check returns, as (E×P) % num_generations (only when `eval_strategy != "no"`);
 * - 0.27 on: the eval check uses `num_generations_eval or num_generations`. Unchanged through v1.9.0.
 */
export interface Inputs {
  ng: number; b: number; ga: number; eb: number;
  /**
   * The processes: what every run of the script by the project's shell scripts starts (`env/launch-processes.ts`), with
   * the words that name it; else one, assumed.
   */
  p: number; launch?: string;
  gbs?: number; spg?: number; nge?: number;
  /** Evaluation on (`eval_strategy` not "no"); undefined when unknown. */
  evalOn: boolean | undefined;
}

export type Kind = 'min' | 'both' | 'gbs-batch' | 'gbs-generations' | 'train' | 'eval';

export interface Failure {
  kind: Kind;
  /** Fails whatever the number of processes. */
  always: boolean;
  /** What raises, in the message's words. */
  text: string;
  /** Where to point. */
  at: string[];
}

export interface Band {
  from: string;
  before?: string;
  /** The checks run when the trainer is built (before 0.18), not the config. */
  inTrainer: boolean;
  failures(i: Inputs): Failure[];
}

const fmt = (n: number) => String(n);

/** The smallest number of processes that makes `k × P` a multiple of `n`. */
function processesFor(k: number, n: number): number {
  const g = gcd(k, n);
  return n / g;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function minFailure(i: Inputs, where: string): Failure {
  return {
    kind: 'min', always: true, at: ['num_generations'],
    text: `\`num_generations=${fmt(i.ng)}\`: GRPO scores each completion against the others sampled for the same prompt, so it needs at least 2 per prompt; ${where} raises ValueError (${i.ng === 0 ? 'or ZeroDivisionError ' : ''}"GRPO requires at least 2 generations per prompt…") for any number of processes`,
  };
}

/** How the message names the processes it counted: the project's launch, or one assumed. */
function processesText(i: Inputs): string {
  return i.launch ? `with the ${fmt(i.p)} process${i.p > 1 ? 'es' : ''} ${i.launch}`
    : 'assuming one process (a plain `python script.py` run: the project does not show how many processes launch it)';
}

/** `product`: the batch of one process; the global one is `product` × the processes. */
function trainFailure(i: Inputs, factors: string, product: number, where: string, message: string, remedy: string): Failure | undefined {
  if ((product * i.p) % i.ng === 0) return undefined;
  const p = processesFor(product, i.ng);
  return {
    kind: 'train', always: false, at: ['num_generations', 'per_device_train_batch_size'],
    text: `${factors} must be a multiple of \`num_generations\` (${fmt(i.ng)}): ${processesText(i)}, it is ${fmt(product * i.p)}, and ${where} raises "ValueError: ${message}"; make ${remedy} a multiple of ${fmt(i.ng)}, or run ${fmt(p)} processes (or a multiple of ${fmt(p)})`,
  };
}

function evalFailure(i: Inputs, ng: number, ngName: string, where: string, message: string): Failure | undefined {
  if (i.evalOn !== true || (i.eb * i.p) % ng === 0) return undefined;
  return {
    kind: 'eval', always: false, at: ['per_device_eval_batch_size', 'eval_strategy', 'evaluation_strategy', ngName],
    text: `evaluation is on, and the global eval batch, \`per_device_eval_batch_size\` (${fmt(i.eb)}) × processes, must be a multiple of \`${ngName}\` (${fmt(ng)}): ${processesText(i)}, it is ${fmt(i.eb * i.p)}, and ${where} raises "ValueError: ${message}"; make \`per_device_eval_batch_size\` a multiple of ${fmt(ng)}, or run ${fmt(processesFor(i.eb, ng))} processes (or a multiple)`,
  };
}

const CONFIG = '`GRPOConfig(...)`';
const TRAINER = '`GRPOTrainer(...)`';

export const BANDS: Band[] = [
  { from: '0.14', before: '0.15', inTrainer: true, failures: () => [] },
  {
    from: '0.15', before: '0.17', inTrainer: true,
    failures(i) {
      if (i.ng < 2) return [minFailure(i, TRAINER)];
      const out: Failure[] = [];
      const t = trainFailure(i, 'the global train batch, `per_device_train_batch_size` (' + fmt(i.b) + ') × processes,', i.b, TRAINER,
        `The global train batch size (${fmt(i.p)} x ${fmt(i.b)}) must be evenly divisible by the number of generations per prompt (${fmt(i.ng)})…`,
        '`per_device_train_batch_size` (gradient accumulation does not count before TRL 0.17)');
      if (t) out.push(t);
      const e = evalFailure(i, i.ng, 'num_generations', TRAINER, `The global eval batch size (${fmt(i.p)} x ${fmt(i.eb)}) must be evenly divisible by the number of generations per prompt (${fmt(i.ng)})…`);
      if (e) out.push(e);
      return out;
    },
  },
  {
    from: '0.17', before: '0.18', inTrainer: true,
    failures(i) {
      if (i.ng < 2) return [minFailure(i, TRAINER)];
      const out: Failure[] = [];
      const t = trainFailure(i, `the effective train batch, \`per_device_train_batch_size\` (${fmt(i.b)}) × processes × \`gradient_accumulation_steps\` (${fmt(i.ga)}),`, i.b * i.ga, TRAINER,
        `The effective train batch size (${fmt(i.p)} x ${fmt(i.b)} x ${fmt(i.ga)}) must be evenly divisible by the number of generations per prompt (${fmt(i.ng)})…`,
        '`per_device_train_batch_size` × `gradient_accumulation_steps`');
      if (t) out.push(t);
      const e = evalFailure(i, i.ng, 'num_generations', TRAINER, `The effective eval batch size (${fmt(i.p)} x ${fmt(i.eb)}) must be evenly divisible by the number of generations per prompt (${fmt(i.ng)})…`);
      if (e) out.push(e);
      return out;
    },
  },
  { from: '0.18', before: '0.20', inTrainer: false, failures: (i) => configFailures(i, '0.18') },
  { from: '0.20', before: '0.22', inTrainer: false, failures: (i) => configFailures(i, '0.20') },
  { from: '0.22', before: '0.27', inTrainer: false, failures: (i) => configFailures(i, '0.22') },
  { from: '0.27', inTrainer: false, failures: (i) => configFailures(i, '0.27') },
];

function configFailures(i: Inputs, band: '0.18' | '0.20' | '0.22' | '0.27'): Failure[] {
  const out: Failure[] = [];
  if (i.gbs !== undefined && i.spg !== undefined) {
    out.push({
      kind: 'both', always: true, at: ['steps_per_generation', 'generation_batch_size'],
      text: `\`generation_batch_size=\` and \`steps_per_generation=\` are both set: ${CONFIG} raises "ValueError: 'generation_batch_size' and 'steps_per_generation' can not be both configured at the same time" for any number of processes; keep one`,
    });
    return out;
  }
  const derived = i.gbs === undefined;
  const spg = i.spg ?? i.ga;
  // generation_batch_size = B × P × steps_per_generation unless given (`gbs1`: one process's share of the derived one).
  const gbs1 = i.gbs ?? i.b * spg;
  const gbsAll = i.gbs ?? i.b * i.p * spg;
  if (!derived && i.gbs! % i.b !== 0) {
    out.push({
      kind: 'gbs-batch', always: true, at: ['generation_batch_size', 'per_device_train_batch_size'],
      text: `\`generation_batch_size\` (${fmt(i.gbs!)}) must be a multiple of the global batch, \`per_device_train_batch_size\` (${fmt(i.b)}) × processes, and is not a multiple of ${fmt(i.b)}: ${CONFIG} raises "ValueError: generation_batch_size (${fmt(i.gbs!)}) must be divisible by the global batch size (${fmt(i.b)})" for any number of processes`,
    });
  } else if (!derived && band !== '0.18' && i.gbs! % (i.b * i.p) !== 0) {
    // TRL ≥ 0.20 checks the global batch B × P (`grpo_config.py` v0.20.0 `__post_init__`; 0.18–0.19's check binds as
    // `(gbs % B) * P`): only the processes decide, so only a launch that proves them counts.
    out.push({
      kind: 'gbs-batch', always: false, at: ['generation_batch_size', 'per_device_train_batch_size'],
      text: `\`generation_batch_size\` (${fmt(i.gbs!)}) must be a multiple of the global batch, \`per_device_train_batch_size\` (${fmt(i.b)}) × processes: ${processesText(i)}, that is ${fmt(i.b * i.p)}, and ${CONFIG} raises "ValueError: generation_batch_size (${fmt(i.gbs!)}) must be divisible by the global batch size (${fmt(i.b * i.p)})"`,
    });
  }
  const evalNg = band === '0.27' ? (i.nge || i.ng) : i.ng;
  const evalNgName = band === '0.27' && i.nge ? 'num_generations_eval' : 'num_generations';
  if (band === '0.22' || band === '0.27') {
    if (evalNg > 0) {
      const e = evalFailure(i, evalNg, evalNgName, CONFIG, `The global eval batch size (${fmt(i.eb)} * ${fmt(i.p)}) must be divisible by ${band === '0.27' ? 'the number of generations used for evaluation' : 'num_generations'} (${fmt(evalNg)})`);
      if (e) out.push(e);
    }
  }
  if (i.ng < 2) {
    out.push(minFailure(i, CONFIG));
    return out;
  }
  if (gbsAll % i.ng !== 0) {
    const message = band === '0.18'
      ? `The effective train batch size (${fmt(i.p)} x ${fmt(i.b)} x ${fmt(gbs1 / i.b)}) must be evenly divisible by the number of generations per prompt (${fmt(i.ng)})…`
      : `generation_batch_size (${fmt(gbsAll)}) must be divisible by num_generations (${fmt(i.ng)})`;
    if (derived) {
      const spgText = i.spg !== undefined ? `\`steps_per_generation\` (${fmt(i.spg)})` : `\`steps_per_generation\` (${fmt(spg)}, from \`gradient_accumulation_steps\`)`;
      const remedy = `\`per_device_train_batch_size\` × \`${i.spg !== undefined ? 'steps_per_generation' : 'gradient_accumulation_steps'}\``;
      const t = trainFailure(i, `the generation batch, \`per_device_train_batch_size\` (${fmt(i.b)}) × processes × ${spgText},`, gbs1, CONFIG, message, remedy);
      if (t) out.push(t);
    } else {
      out.push({
        kind: 'gbs-generations', always: true, at: ['generation_batch_size', 'num_generations'],
        text: `\`generation_batch_size\` (${fmt(i.gbs!)}) is not a multiple of \`num_generations\` (${fmt(i.ng)}), so a generation batch cannot hold whole groups of completions: ${CONFIG} raises "ValueError: ${message}" for any number of processes`,
      });
    }
  }
  if (band === '0.18' && i.ng >= 2) {
    const e = evalFailure(i, i.ng, 'num_generations', CONFIG, `The global eval batch size (${fmt(i.p)} x ${fmt(i.eb)}) must be evenly divisible by the number of generations per prompt (${fmt(i.ng)})…`);
    if (e) out.push(e);
  }
  return out;
}
