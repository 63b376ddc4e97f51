import { minSeverity, type Severity } from '../diagnostics';
import { insideExpectedRaise } from '../domain/expected-raise';
import { traceModel } from '../domain/model-trace';
import { isPublishedCheckpointId, modelIdOf, trainerModelArg } from '../domain/models';
import { isTrainer } from '../domain/trainers';
import { evaluateNumber } from '../facts/values';
import type { Rule } from './rule';

/** A checkpoint that may already be a reward model or classifier, whose config sets its own labels. */
const SCORING_CHECKPOINT = /reward|(?:^|[-_/.])(?:rm|prm|orm|cls|nli|mnli)(?:$|[-_/.\d])|classif|sentiment|toxic|judge|grader|scorer|verifier|guard|sst-?2|emotion|finetuned/i;

const rule: Rule = {
  code: 'TL313',
  name: 'reward-model-num-labels',
  severity: 'error',
  fix: 'none',
  requires: ['RewardTrainer'],
  docs: `## What it does
Flags a model given to TRL's \`RewardTrainer\` that was loaded with \`…ForSequenceClassification.from_pretrained\` with a
classification head of more than one output: \`num_labels=\` other than 1, or no \`num_labels=\` (nor \`config=\`,
\`id2label=\`) on a published checkpoint of a base or chat model (a publisher's namespace: \`Qwen/\`, \`meta-llama/\`,
\`google/\`, …), whose config sets no labels, so transformers' default of two applies. A checkpoint whose name says it
scores already (\`…-Reward-…\`, \`…-RM\`, a classifier) may carry \`num_labels=1\` in its config and is left alone; a local
folder or another namespace is information that names the assumption. A model passed as a string is loaded by the
trainer with \`num_labels=1\` and is not flagged, nor is one whose \`config.num_labels\` the script sets, nor a trainer
built inside \`with pytest.raises(…)\` (huggingface/trl \`tests/test_reward_trainer.py\`
\`test_raises_error_when_model_num_labels_not_one\` expects exactly this ValueError from the default of two labels).

From TRL 0.29 \`RewardTrainer\` refuses such a model; before, it trains it: an error on TRL ≥ 0.29, a warning on an
earlier or unknown release.

## Why is this bad?
A reward model must output one score per sequence. From TRL 0.29 \`RewardTrainer.__init__\` raises \`ValueError: The
model has \\\`num_labels=2\\\`, but reward models require \\\`num_labels=1\\\`\`. Before, the pairwise loss
\`-logsigmoid(chosen - rejected)\` is taken over both outputs, so two unrelated scores are trained side by side, the
logged accuracy averages them, and a reward read with \`.item()\` or \`logits[0]\` fails or takes an arbitrary one.

## Example
\`\`\`python
from transformers import AutoModelForSequenceClassification, AutoTokenizer
from trl import RewardConfig, RewardTrainer

model = AutoModelForSequenceClassification.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")
tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")
trainer = RewardTrainer(model=model, args=RewardConfig(output_dir="rm"), processing_class=tokenizer, train_dataset=ds)
\`\`\`

## Use instead
\`\`\`python
from transformers import AutoModelForSequenceClassification, AutoTokenizer
from trl import RewardConfig, RewardTrainer

model = AutoModelForSequenceClassification.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct", num_labels=1)
tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")
trainer = RewardTrainer(model=model, args=RewardConfig(output_dir="rm"), processing_class=tokenizer, train_dataset=ds)
\`\`\`

## Fix safety
No fix: the head is created by the load; \`num_labels=1\` must be given there.

## References
- huggingface/trl#5087 (2026-02-12, follow-up to #5066): "Validate reward model has 1 num_labels"
- huggingface/trl \`trl/trainer/reward_trainer.py\`: v0.29.0 and v1.5.0 \`if getattr(model.config, "num_labels", None) !=
  1: raise ValueError(…)\` for an instantiated model, \`model_init_kwargs["num_labels"] = 1\` for a model id; v0.28.0 has no
  check (\`compute_loss\`: \`rewards_chosen, rewards_rejected = torch.chunk(outputs.logits.squeeze(-1), chunks=2)\`,
  \`-nn.functional.logsigmoid(rewards_chosen - rewards_rejected).mean()\`); v0.20.0 the same loss on \`model(…)["logits"]\`
- transformers \`src/transformers/configuration_utils.py\`: \`num_labels\` is 2 unless the config or the
  \`from_pretrained\` keywords give \`num_labels\`/\`id2label\`
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      // A test that expects the trainer to refuse the model (TRL's own `with pytest.raises(ValueError, …)`).
      if (!isTrainer(t, ['RewardTrainer'], ['trl']) || insideExpectedRaise(t.call.node)) continue;
      const modelArg = trainerModelArg(t.call);
      const trace = traceModel(ctx.facts, ctx.a.callsByNode, modelArg?.value);
      const load = trace.load?.call;
      if (!modelArg || !load || trace.wraps.length > 0 || !/ForSequenceClassification$/.test(trace.load!.cls)) continue;
      if (load.hasSplat || load.keywords.has('config') || load.keywords.has('id2label')) continue;
      const assigned = ctx.facts.assignments.find((a) => a.value.id === load.node.id && a.subscriptKey === undefined);
      if (assigned && ctx.facts.assignments.some((a) => a.target === `${assigned.target}.config.num_labels`)) continue;
      const nl = load.keywords.get('num_labels');
      let labels: number | undefined;
      let assumed = '';
      if (nl) {
        labels = evaluateNumber(ctx.facts, nl.value);
        if (labels === undefined || labels === 1) continue;
      } else {
        const id = modelIdOf(ctx.facts, load);
        if (!id || SCORING_CHECKPOINT.test(id)) continue;
        labels = 2;
        if (!isPublishedCheckpointId(id)) assumed = ` (assuming \`${id}\` is not already a reward model or classifier whose config sets num_labels=1)`;
      }
      const v = ctx.version('trl', { from: '0.29' });
      const raises = v.gate === 'affected';
      let severity: Severity = raises ? 'error' : 'warning';
      if (assumed) severity = minSeverity(severity, 'information');
      const outcome = raises
        ? `RewardTrainer raises "ValueError: The model has \`num_labels=${labels}\`, but reward models require \`num_labels=1\`"${v.note}`
        : v.gate === 'unaffected'
          ? `RewardTrainer${v.note} trains all ${labels} outputs as separate rewards (TRL 0.29 and later refuse the model)`
          : `RewardTrainer raises on TRL ≥ 0.29 and before trains all ${labels} outputs as separate rewards${v.note}`;
      ctx.report({
        node: nl?.node ?? load.callee,
        severity,
        message: `This reward model is loaded with ${nl ? `num_labels=${nl.value.text}` : `no num_labels, so the checkpoint's config gives transformers' default of ${labels} outputs`}${assumed}, but a reward model outputs one score per sequence: ${outcome}. Load it with num_labels=1.`,
        related: [{ node: modelArg.node, message: 'the model RewardTrainer trains' }],
      });
    }
  },
};

export default rule;
