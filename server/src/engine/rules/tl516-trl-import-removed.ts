import type { Fix } from '../diagnostics';
import { callsWhere } from '../facts/selections';
import type { CallFact, ImportFact } from '../facts/types';
import { isQualified } from '../facts/imports';
import { regroupedImport } from './imports-edit';
import { replaceNode } from './edits';
import { driftVerdict, removedImports, removedNameMessage } from './drift';
import type { Rule } from './rule';
import type { Environment } from '../env/versions';

/**
 * Public names TRL dropped from its top-level package with nowhere to import them from in that release's `trl`
 * (TL509 owns the trainers moved to `trl.experimental`, TL505 `DataCollatorForCompletionOnlyLM`). Each removal
 * was read from huggingface/trl `trl/__init__.py` at the last tag that exports the name and the next one.
 */
interface Removal {
  /** First release whose `trl` no longer exports it. */
  removedFrom: string;
  /** First release that warns on use, when there was a deprecation period. */
  deprecatedFrom?: string;
  /** Other modules the name was importable from until the same release. */
  alsoFrom?: RegExp;
  /** The modules it was importable from when that was never `trl` itself (a submodule's name). */
  onlyFrom?: RegExp;
  /** What to write instead. */
  instead: string;
  /** A module that exports the same thing on every version (the import can move there). */
  movesTo?: string;
}

const JUDGE_INSTEAD = '`trl.experimental.judges` has them on TRL 0.26–1.0 only (TRL 1.1 removed them, huggingface/trl#5485)';
const REMOVED: Record<string, Removal> = {
  setup_chat_format: {
    removedFrom: '0.26', deprecatedFrom: '0.22', alsoFrom: /^trl\.models(\.utils)?$/,
    instead: 'use `clone_chat_template(model, tokenizer, "<model with the template>")` (TRL ≥ 0.19) or `SFTConfig(chat_template_path=…)`',
  },
  set_seed: { removedFrom: '0.14', instead: 'import it from `transformers`', movesTo: 'transformers' },
  PPOv2Trainer: { removedFrom: '0.13', instead: 'TRL 0.13 renamed it `PPOTrainer` (the old `PPOTrainer` is gone)' },
  PPOv2Config: { removedFrom: '0.13', instead: 'TRL 0.13 renamed it `PPOConfig`' },
  DPOScriptArguments: { removedFrom: '0.13', instead: 'use `ScriptArguments`' },
  SFTScriptArguments: { removedFrom: '0.13', instead: 'use `ScriptArguments`' },
  TextEnvironment: { removedFrom: '0.21', instead: 'TRL has no replacement' },
  TextHistory: { removedFrom: '0.21', instead: 'TRL has no replacement' },
  DDPOTrainer: { removedFrom: '0.24', instead: 'TRL has no replacement' },
  DDPOConfig: { removedFrom: '0.24', instead: 'TRL has no replacement' },
  AlignPropTrainer: { removedFrom: '0.24', instead: 'TRL has no replacement' },
  AlignPropConfig: { removedFrom: '0.24', instead: 'TRL has no replacement' },
  IterativeSFTTrainer: { removedFrom: '0.24', instead: 'TRL has no replacement' },
  IterativeSFTConfig: { removedFrom: '0.24', instead: 'TRL has no replacement' },
  BestOfNSampler: { removedFrom: '0.25', instead: 'TRL has no replacement' },
  MergeModelCallback: { removedFrom: '0.27', instead: 'import it from `trl.experimental.merge_model_callback` (TRL ≥ 0.26)' },
  ConstantLengthDataset: {
    removedFrom: '0.20', deprecatedFrom: '0.17', onlyFrom: /^trl\.trainer(\.utils)?$/,
    instead: 'pack with `SFTConfig(packing=True)`',
  },
  get_kbit_device_map: { removedFrom: '1.8', instead: 'pass `device_map` yourself (`{"": local_rank}` with bitsandbytes under multi-GPU, else `None`; huggingface/trl#6158)' },
};
for (const n of ['PairRMJudge', 'HfPairwiseJudge', 'OpenAIPairwiseJudge', 'AllTrueJudge', 'BaseJudge', 'BaseBinaryJudge', 'BasePairwiseJudge', 'BaseRankJudge', 'WinRateCallback']) {
  REMOVED[n] = { removedFrom: '0.29', deprecatedFrom: '0.26', instead: JUDGE_INSTEAD };
}

// The PPO helpers TRL 0.14 dropped from `trl.core` (huggingface/trl#2480, "Remove unused components").
for (const n of ['logprobs_from_logits', 'top_k_top_p_filtering', 'convert_to_scalar', 'stack_dicts', 'whiten', 'clip_by_value', 'entropy_from_logits', 'stats_to_np', 'respond_to_batch']) {
  REMOVED[n] = { removedFrom: '0.14', onlyFrom: /^trl\.core$/, instead: 'TRL has no replacement (copy the helper into the script)' };
}
REMOVED.set_seed.alsoFrom = /^trl\.core$/;

function removalFor(imp: Pick<ImportFact, 'name' | 'module'>): Removal | undefined {
  if (imp.name === undefined || !Object.hasOwn(REMOVED, imp.name)) return undefined;
  const r = REMOVED[imp.name];
  if (r.onlyFrom) return r.onlyFrom.test(imp.module) ? r : undefined;
  return imp.module === 'trl' || r.alsoFrom?.test(imp.module) ? r : undefined;
}

/** `trl.setup_chat_format(…)` (a selection test for `callsWhere`). */
const isTrlSetupChatFormat = (c: CallFact): boolean => isQualified(c.qualified, ['trl'], 'setup_chat_format');
/** `from <module> import <name>` fails at the environment's TRL (known to be past the removal): this rule reports it. */
export function importRemoved(env: Environment, module: string, name: string): boolean {
  const r = removalFor({ name, module });
  return !!r && env.gate('trl', { from: r.removedFrom }) === 'affected';
}

const rule: Rule = {
  code: 'TL516',
  name: 'trl-import-removed',
  severity: 'error',
  fix: 'sometimes',
  requires: ['trl'],
  docs: `## What it does
Flags imports from \`trl\` of public names that TRL removed: \`setup_chat_format\` (gone in 0.26), \`set_seed\` (0.14),
\`PPOv2Trainer\`/\`PPOv2Config\` and the \`DPOScriptArguments\`/\`SFTScriptArguments\` of the example scripts (0.13),
\`TextEnvironment\`/\`TextHistory\` (0.21), the DDPO, AlignProp and Iterative SFT trainers and configs (0.24),
\`BestOfNSampler\` (0.25), \`MergeModelCallback\` (0.27), the judges (\`PairRMJudge\`, \`HfPairwiseJudge\`,
\`OpenAIPairwiseJudge\`, \`AllTrueJudge\`, the \`Base*Judge\` classes) and \`WinRateCallback\` (0.29), and
\`get_kbit_device_map\` (1.8). From TRL's submodules: the PPO helpers 0.14 dropped from \`trl.core\`
(\`logprobs_from_logits\`, \`top_k_top_p_filtering\`, \`whiten\`, \`clip_by_value\`, \`entropy_from_logits\`,
\`stack_dicts\`, \`convert_to_scalar\`, \`stats_to_np\`, \`respond_to_batch\`, \`set_seed\`) and
\`ConstantLengthDataset\` from \`trl.trainer\`/\`trl.trainer.utils\` (0.20; deprecated from 0.17). The trainers TRL moved to \`trl.experimental\` are TL509's, and
\`DataCollatorForCompletionOnlyLM\` is TL505's.

## Why is this bad?
On a TRL without the name, \`from trl import setup_chat_format\` raises
\`ImportError: cannot import name 'setup_chat_format' from 'trl'\` in the script's first cell. Blog posts and
notebooks from 2024 use \`setup_chat_format\` to give a base model ChatML; a notebook that installs TRL unpinned gets
the newest release and stops there. Where TRL warned first (\`setup_chat_format\` from 0.22 with a FutureWarning
naming 0.26, the judges from 0.26), those versions get information with the Deprecated tag; older versions are
silent, and an unknown version gets information naming the release that removed it. An import inside \`try:\` with
an \`except ImportError:\` (or broader) handler, the fallback in such a handler of a \`try:\` that imports something (it
runs only where the first import failed), or an import in a branch the script keeps to older TRL versions, is left alone.

## Example
\`\`\`python
# pip install trl==0.26.0
from trl import SFTTrainer, setup_chat_format

model, tokenizer = setup_chat_format(model, tokenizer)
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.26.0
from trl import SFTConfig, SFTTrainer

# the tokenizer takes the template (and its special tokens) of a model that has one
config = SFTConfig(output_dir="out", chat_template_path="Qwen/Qwen3-0.6B")
\`\`\`

## Fix safety
Only \`set_seed\` has a fix: importing it from \`transformers\` (the function TRL re-exported) is safe. The other
names have no equivalent in the same place, so there is no automatic fix.

## References
- huggingface/trl \`trl/__init__.py\` at the last release that exports each name and at the next one: v0.12.2/v0.13.0
  (\`PPOv2Trainer\`, \`PPOv2Config\`, \`DPOScriptArguments\`, \`SFTScriptArguments\`), v0.13.0/v0.14.0 (\`set_seed\`),
  v0.20.0/v0.21.0 (\`TextEnvironment\`), v0.23.1/v0.24.0 (DDPO, AlignProp, Iterative SFT), v0.24.0/v0.25.0
  (\`BestOfNSampler\`), v0.25.1/v0.26.0 (\`setup_chat_format\`), v0.26.2/v0.27.0 (\`MergeModelCallback\`), v0.28.0/v0.29.0
  (judges, \`WinRateCallback\`), v1.7.1/v1.8.0 (\`get_kbit_device_map\`)
- \`trl/core.py\` at v0.13.0 and v0.14.0: the nine helpers and \`set_seed\` defined in 0.13.0 and absent in 0.14.0
  (commit 8c49ea39, "Remove unused components", huggingface/trl#2480); huggingface/trl#3203 reports the ImportError
- \`trl/trainer/utils.py\` and \`trl/trainer/__init__.py\` at v0.19.1 and v0.20.0: \`ConstantLengthDataset\` there in
  0.19.1 (its \`__init__\` warns "deprecated and will be removed in version 0.20.0" from v0.17.0), gone in 0.20.0;
  OpenPipe/ART#276 reports the ImportError
- \`trl/models/utils.py\` at v0.22.0 and v0.25.1: "The \`setup_chat_format\` function is deprecated and will be removed
  in version 0.26.0. Please use \`clone_chat_template\` instead."
- \`trl/experimental/\` at v0.26.0, v1.0.0 and v1.1.0: \`judges\` and \`winrate_callback.py\` there from 0.26 to 1.0;
  \`merge_model_callback.py\` from 0.26 on
`,
  check(ctx) {
    for (const { imp, removal: r, name, node, verdict: v } of removedImports(ctx, removalFor, () => 'trl')) {
      const fixes: Fix[] = [];
      if (r.movesTo) {
        const to = r.movesTo;
        const text = regroupedImport(ctx, imp.node, (bare) => (bare === name ? to : undefined));
        if (text !== undefined) fixes.push({ title: `Import ${name} from ${r.movesTo}`, applicability: 'safe', edits: [replaceNode(ctx.source, imp.node, text)] });
      }
      const named = { name, where: imp.module, lib: 'TRL', pkg: 'trl', removedFrom: r.removedFrom, instead: r.instead };
      const message = removedNameMessage(named, v, { pin: { removed: !r.movesTo, unknown: !r.movesTo } });
      ctx.report({ node, severity: v.severity, tags: v.tags, message, fixes });
    }
    // `trl.setup_chat_format(...)` through `import trl`: the attribute lookup fails the same way.
    for (const c of callsWhere(ctx.facts, isTrlSetupChatFormat)) {
      if (c.callee.type !== 'attribute') continue;
      const r = REMOVED.setup_chat_format;
      const v = driftVerdict(ctx, 'trl', r.removedFrom, r.deprecatedFrom, c.node);
      if (!v) continue;
      const named = { name: 'setup_chat_format', where: 'trl', lib: 'TRL', pkg: 'trl', removedFrom: r.removedFrom, instead: r.instead };
      const message = removedNameMessage(named, v, { attribute: true, pin: { removed: false, unknown: true } });
      ctx.report({ node: c.callee, severity: v.severity, tags: v.tags, message });
    }
  },
};
export default rule;
