/**
 * Which keys the dict `Trainer.evaluate()` returns can hold, as far as a script proves it. transformers `trainer.py`
 * `evaluation_loop` (v4.47.0, v5.15.0, read in 8b-is/transformers, which carries transformers' release tags): the dict
 * is what `compute_metrics` returns (only when one is given), plus `{prefix}_loss`, `{prefix}_model_preparation_time`,
 * `{prefix}_jit_compilation_time` (4.x), then every key not starting with the prefix gets it; `evaluate()` adds
 * `speed_metrics` (`_runtime`, `_samples_per_second`, `_steps_per_second`, `trainer_utils.py`); an `eval_dataset` dict
 * is evaluated per name with the prefix `eval_<name>`. A trainer's own `log()` (TRL's) or a callback's `on_evaluate`
 * may add more: those are left to the callers (`metricProvablyAbsent` is asked only of trainers that add nothing).
 */
import type { TrainerFact } from './trainers';
import type { FileFacts } from '../facts/types';
import type { Node } from 'web-tree-sitter';

/** Keys the Trainer adds itself, without the prefix ("loss" also covers `eval_<name>_loss` of an eval_dataset dict). */
const TRAINER_KEY_ENDINGS = ['loss', 'runtime', 'per_second', 'model_preparation_time', 'jit_compilation_time', 'epoch'];

/** The literal string keys of a dict the expression builds (`{"accuracy": …}`, `dict(accuracy=…)`), or undefined. */
function dictLiteralKeys(n: Node): string[] | undefined {
  if (n.type === 'parenthesized_expression' && n.namedChildCount === 1) return dictLiteralKeys(n.namedChild(0)!);
  if (n.type === 'dictionary') {
    const keys: string[] = [];
    for (const c of n.namedChildren) {
      if (c.type === 'comment') continue;
      if (c.type !== 'pair') return undefined;
      const k = c.childForFieldName('key');
      const s = k?.type === 'string' ? stringText(k) : undefined;
      if (s === undefined) return undefined;
      keys.push(s);
    }
    return keys;
  }
  if (n.type === 'call' && n.childForFieldName('function')?.text === 'dict') {
    const args = n.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
    if (!args.every((a) => a.type === 'keyword_argument')) return undefined;
    return args.map((a) => a.childForFieldName('name')!.text);
  }
  return undefined;
}

/** A plain string literal's text (no f-string, no concatenation). */
function stringText(n: Node): string | undefined {
  if (n.namedChildren.some((c) => c.type === 'interpolation')) return undefined;
  const m = /^[rRuU]?(['"])([^'"\\]*)\1$/.exec(n.text);
  return m ? m[2] : undefined;
}

/**
 * The keys the script's `compute_metrics=` function returns, when every `return` of the function (defined once in the
 * script, the name never reassigned) is a dict literal with literal keys. Undefined when not provable (a lambda, an
 * imported function, `metric.compute(…)`, a dict built step by step).
 */
export function computeMetricsKeys(facts: FileFacts, value: Node, scriptText: string): string[] | undefined {
  if (value.type !== 'identifier') return undefined;
  const name = value.text;
  const fn = facts.functions.get(name);
  if (!fn || fn.returns.length === 0) return undefined;
  if (facts.assignments.some((a) => a.target === name)) return undefined;
  if (countDefs(scriptText, name) !== 1) return undefined;
  // A bare `return` (None) is not a dict either: what the Trainer does with it is not this question.
  if (fn.node.descendantsOfType('return_statement').some((r) => r.namedChildCount === 0)) return undefined;
  const keys: string[] = [];
  for (const r of fn.returns) {
    const k = dictLiteralKeys(r);
    if (!k) return undefined;
    keys.push(...k);
  }
  return keys;
}

function countDefs(text: string, name: string): number {
  return text.match(new RegExp(`\\bdef\\s+${name}\\s*\\(`, 'g'))?.length ?? 0;
}

export type MetricAbsence =
  | { why: 'no-compute-metrics' }
  | { why: 'keys'; keys: string[] };

/**
 * Why `evaluate()`'s dict provably lacks the metric `bare` (without "eval_"): no `compute_metrics=` (or `None`) and the
 * name is none of the Trainer's own keys, or a `compute_metrics` whose returned keys (evaluated) do not give it.
 * Undefined when it may be there: arguments the script does not show, `trainer.compute_metrics = …` set later, a
 * callback's `on_evaluate` in the script (it receives the dict and may add to it).
 */
export function metricProvablyAbsent(facts: FileFacts, t: TrainerFact, bare: string, scriptText: string): MetricAbsence | undefined {
  const name = bare.toLowerCase();
  if (TRAINER_KEY_ENDINGS.some((e) => name === e || name.endsWith(`_${e}`))) return undefined;
  if (t.call.hasSplat || t.call.positional.length >= 7) return undefined;
  if (/\bdef\s+on_evaluate\s*\(/.test(scriptText) || /\.compute_metrics\s*=[^=]/.test(scriptText)) return undefined;
  const arg = t.call.keywords.get('compute_metrics');
  if (!arg || arg.value.type === 'none') return { why: 'no-compute-metrics' };
  const keys = computeMetricsKeys(facts, arg.value, scriptText);
  if (!keys) return undefined;
  // A key is found as "eval_<key>" (or kept when it starts with "eval_"), and as "eval_<name>_<key>" for an
  // eval_dataset dict: the metric may be there when its name ends with a key.
  const bareKeys = keys.map((k) => (k.startsWith('eval_') ? k.slice(5) : k));
  if (bareKeys.some((k) => bare === k || bare.endsWith(`_${k}`))) return undefined;
  return { why: 'keys', keys };
}
