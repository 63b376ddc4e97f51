import type { Node } from 'web-tree-sitter';
import type { Fix } from '../diagnostics';
import type { ImportFact } from '../facts/types';
import type { Environment } from '../env/versions';
import { importFailureHandled } from '../domain/version-guards';
import { importedNameNode } from '../facts/imports';
import { missingModule } from '../domain/trl-experimental';
import { regroupedImport } from './imports-edit';
import { replaceNode } from './edits';
import { driftVerdict } from './drift';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** First TRL release without the old import paths (huggingface/trl#4223). */
const REMOVED = '0.29';
/** First TRL release where every new path below exists (`trl.experimental.bco` came in 0.25, the others in 0.26). */
const NEW_PATHS_FROM = '0.26';

/**
 * Names TRL moved to `trl.experimental.<module>`, with the release whose old path started to warn. Read from
 * huggingface/trl `trl/__init__.py` at v0.28.0 (each marked "deprecated import") and v0.29.0 (gone), and the
 * `trl/experimental/*\/__init__.py` exports at v0.29.0 and v1.9.0. The judges are left out: TRL 1.x removed them
 * from `trl.experimental` too (huggingface/trl#5485), so there is no path to move them to.
 */
const MOVED: Record<string, { module: string; warnsFrom: string }> = {};
for (const [module, names, warnsFrom] of [
  ['orpo', ['ORPOTrainer', 'ORPOConfig'], '0.26'],
  ['cpo', ['CPOTrainer', 'CPOConfig'], '0.26'],
  ['bco', ['BCOTrainer', 'BCOConfig'], '0.26'],
  ['gkd', ['GKDTrainer', 'GKDConfig'], '0.26'],
  ['nash_md', ['NashMDTrainer', 'NashMDConfig'], '0.26'],
  ['online_dpo', ['OnlineDPOTrainer', 'OnlineDPOConfig'], '0.26'],
  ['prm', ['PRMTrainer', 'PRMConfig'], '0.26'],
  ['xpo', ['XPOTrainer', 'XPOConfig'], '0.26'],
  ['ppo', ['PPOTrainer', 'PPOConfig'], '0.26'],
  ['ppo', ['AutoModelForCausalLMWithValueHead', 'AutoModelForSeq2SeqLMWithValueHead', 'PreTrainedModelWrapper'], '0.27'],
] as const) {
  for (const n of names) MOVED[n] = { module: `trl.experimental.${module}`, warnsFrom };
}

/** Old homes: `trl`, `trl.trainer`, `trl.trainer.orpo_trainer`, `trl.models`, `trl.models.modeling_value_head`. */
const OLD_MODULE = /^trl(?:\.(?:trainer|models)(?:\.\w+)?)?$/;

/** `from <module> import <name>` fails at the environment's TRL (known to be ≥ 0.29): this rule reports it. */
export function importMovedAway(env: Environment, module: string, name: string): boolean {
  return Object.hasOwn(MOVED, name) && OLD_MODULE.test(module) && env.gate('trl', { from: REMOVED }) === 'affected';
}

const rule: Rule = {
  code: 'TL509',
  name: 'trl-import-moved-to-experimental',
  severity: 'error',
  fix: 'sometimes',
  requires: ['trl'],
  docs: `## What it does
Flags imports of the TRL trainers, configs and value-head models that TRL moved to \`trl.experimental\`:
ORPO, CPO, BCO, GKD, Nash-MD, Online DPO, PRM, XPO and PPO (\`PPOTrainer\`, \`PPOConfig\`,
\`AutoModelForCausalLMWithValueHead\`, …), imported from \`trl\`, \`trl.trainer\` or \`trl.models\` on TRL versions
that no longer have them there.

## Why is this bad?
TRL 0.26 moved these trainers to \`trl.experimental.<name>\` (huggingface/trl#4223) and kept the old import paths as
thin subclasses that warn "The \`ORPOTrainer\` is now located in \`trl.experimental\`. Please update your imports to
\`from trl.experimental.orpo import ORPOTrainer\`. The current import path will be removed and no longer supported in
TRL 0.29." (the value-head models from 0.27). TRL 0.29 removed them: \`from trl import ORPOTrainer\` raises
\`ImportError: cannot import name 'ORPOTrainer' from 'trl'\`, and every TRL 1.x release is the same. A notebook that
installs TRL unpinned gets the newest release and fails at its first cell of imports. On 0.26–0.28 the old path
still works (information with the Deprecated tag); before 0.26 it is the only path and the rule is silent. An import
inside \`try:\` with an \`except ImportError:\` (or broader) handler is left alone.

## Example
\`\`\`python
# pip install trl==0.29.0
from trl import ORPOConfig, ORPOTrainer, SFTTrainer
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.29.0
from trl import SFTTrainer
from trl.experimental.orpo import ORPOConfig, ORPOTrainer
\`\`\`

## Fix safety
Moving the names to their \`trl.experimental\` module is safe when the installed TRL is known to have it (≥ 0.26);
with an unknown version it is unsafe, since TRL < 0.26 has no \`trl.experimental.orpo\` (the old path is right there).
No fix is offered when the TRL release read no longer has the new module either (\`trl.experimental.ppo\` left in
TRL 1.x, TL521): the message says so.
\`trl.experimental\` APIs may change between releases without a deprecation period.

## References
- huggingface/trl#4223; \`trl/__init__.py\` at v0.28.0 ("deprecated import") and v0.29.0; \`trl/trainer/orpo_trainer.py\`
  at v0.26.0 (the warning); \`trl/experimental/{orpo,cpo,bco,gkd,nash_md,online_dpo,prm,xpo,ppo}/__init__.py\` at
  v0.29.0 and v1.9.0
`,
  check(ctx) {
    const byStatement = new Map<Node, ImportFact[]>();
    for (const imp of ctx.facts.imports) {
      if (imp.name === undefined || !MOVED[imp.name] || !OLD_MODULE.test(imp.module)) continue;
      const list = byStatement.get(imp.node) ?? [];
      list.push(imp);
      byStatement.set(imp.node, list);
    }
    for (const [statement, imports] of byStatement) {
      if (importFailureHandled(statement)) continue;
      // The latest release that still warns decides the deprecation phase of the statement as a whole.
      const warnsFrom = imports.some((i) => MOVED[i.name!].warnsFrom === '0.26') ? '0.26' : '0.27';
      const v = driftVerdict(ctx, 'trl', REMOVED, warnsFrom, statement);
      if (!v) continue;
      const names = imports.map((i) => i.name!);
      const node = importedNameNode(statement, names[0]) ?? statement;
      const targets = [...new Set(names.map((n) => MOVED[n].module))];
      const list = names.map((n) => `\`${n}\``).join(', ');
      const where = targets.map((t) => `\`${t}\``).join(' and ');
      const fixes: Fix[] = [];
      const moving = new Set(names);
      const text = regroupedImport(ctx, statement, (bare) => (moving.has(bare) ? MOVED[bare].module : undefined));
      // A new home the TRL read has removed in turn (TL521: `trl.experimental.ppo` is gone from TRL 1.x): no move there.
      const gone = targets.filter((m) => missingModule(ctx.env, m) !== undefined);
      const goneNote = gone.length ? ` ${gone.map((m) => `\`${m}\``).join(' and ')} ${gone.length > 1 ? 'are' : 'is'} not in that release either (TRL removed ${gone.length > 1 ? 'them' : 'it'} later): pin the TRL release the script was written for.` : '';
      if (text !== undefined && !gone.length) {
        const known = ctx.env.gate('trl', { from: NEW_PATHS_FROM }) === 'affected';
        fixes.push({ title: `Import ${names.join(', ')} from ${targets.join(' and ')}`, applicability: known ? 'safe' : 'unsafe', edits: [replaceNode(ctx.source, statement, text)] });
      }
      const message = v.phase === 'removed'
        ? `${list} ${names.length > 1 ? 'are' : 'is'} no longer in \`${imports[0].module}\`: TRL ${REMOVED} moved ${names.length > 1 ? 'them' : 'it'} to ${where}${v.note}, so this import raises ImportError.${goneNote || ` Import from ${where}.`}`
        : v.phase === 'deprecated'
          ? `${list} moved to ${where}${v.note}; the old import warns and is removed in TRL ${REMOVED}. Import from ${where}.`
          : `${list} cannot be imported from \`${imports[0].module}\` on TRL ≥ ${REMOVED}, which moved ${names.length > 1 ? 'them' : 'it'} to ${where} (${v.note.slice(2, -1)}); import from there, or pin \`trl<${REMOVED}\`.`;
      ctx.report({ node, severity: v.severity, tags: v.tags, message, fixes });
    }
  },
};
export default rule;
