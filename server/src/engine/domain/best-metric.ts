/**
 * `metric_for_best_model` on a trainer that picks its best checkpoint at each evaluation. The Trainer reads the metric
 * from the dict `evaluate()` returns (transformers `trainer.py`, the best-metric check after evaluation: "KeyError: The
 * `metric_for_best_model` training argument is set to …, which is not found in the evaluation metrics"). A TRL trainer
 * that adds its own metrics in `log()` by building a new dict (`logs = {**logs, **metrics}`) never puts them in that
 * dict: naming one of them fails at the first evaluation (TL312 for GRPO, TL315 for SFT).
 */
import { insideExpectedRaise } from './expected-raise';
import { evalStrategyArg, strategyValue } from './training-args';
import { trainerArg, type TrainerFact } from './trainers';
import { evaluateBool, evaluateString } from '../facts/values';
import type { ArgFact, FileFacts } from '../facts/types';

export interface BestMetricChoice {
  /** The `metric_for_best_model=` argument. */
  arg: ArgFact;
  /** Its value as written ("eval_reward", "mean_token_accuracy"). */
  metric: string;
  /** The name without the "eval_" prefix the Trainer adds. */
  bare: string;
  /** The key the Trainer looks up ("eval_" + bare). */
  key: string;
  /**
   * The best model is tracked (`load_best_model_at_end=True` or `save_strategy="best"`): every save after an evaluation
   * looks the metric up. Untracked, only transformers ≥ 4.47 looks it up, after every evaluation (`_determine_best_metric`).
   */
  tracked: boolean;
}

/**
 * The metric a trainer picks its best model by, when the Trainer looks it up: evaluation on ("steps"/"epoch") and an
 * `eval_dataset`; `tracked` says whether the best model is tracked (`load_best_model_at_end=True` or
 * `save_strategy="best"`). transformers `trainer.py`: up to v4.46.0 the lookup is in `_save_checkpoint(…, metrics)`, at a
 * save that follows an evaluation (which tracking the best model guarantees: its save steps are a multiple of the
 * evaluation steps); from v4.47.0 (through v5.15.0) `_maybe_log_save_evaluate` calls `_determine_best_metric` after every
 * evaluation whenever `metric_for_best_model` is set, tracked or not. Undefined for a trainer inside
 * `pytest.raises`/`assertRaises` or whose subclass overrides `log`, or with any part not known from the script.
 */
export function exercisedBestMetric(facts: FileFacts, t: TrainerFact): BestMetricChoice | undefined {
  if (insideExpectedRaise(t.call.node) || t.subclass?.overrides.has('log')) return undefined;
  const get = (name: string) => trainerArg(t, name);
  const arg = get('metric_for_best_model');
  const metric = arg && evaluateString(facts, arg.value);
  if (!arg || !metric) return undefined;
  const tracked = evaluateBool(facts, get('load_best_model_at_end')?.value) === true
    || strategyValue(facts, get('save_strategy')?.value) === 'best';
  const evaluates = ['steps', 'epoch'].includes(strategyValue(facts, evalStrategyArg(get)?.value) ?? '');
  if (!evaluates || !t.call.keywords.has('eval_dataset')) return undefined;
  const bare = metric.startsWith('eval_') ? metric.slice(5) : metric;
  return { arg, metric, bare, key: `eval_${bare}`, tracked };
}

/** The Trainer's KeyError for a metric missing from what `evaluate()` returns, as a message quotes it. */
export function bestMetricKeyError(choice: BestMetricChoice): string {
  return `"KeyError: The \`metric_for_best_model\` training argument is set to '${choice.key}', which is not found in the evaluation metrics"`;
}
