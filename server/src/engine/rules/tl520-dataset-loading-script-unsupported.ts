import { isQualified } from '../facts/imports';
import { callsWhere } from '../facts/selections';
import type { CallFact } from '../facts/types';
import { evaluateBool, evaluateString } from '../facts/values';
import { knownHubScriptRepo, type HubScriptRepo } from '../dataset/known-hub-script-repos';
import type { RuleContext } from './context';
import { driftVerdict } from './drift';
import { removeArgument } from './edits';
import type { Rule } from './rule';

/** First datasets release without loading scripts (huggingface/datasets 4.0.0, `src/datasets/load.py`). */
export const SCRIPTS_REMOVED = '4.0';

/** `datasets.load_dataset(…)` (a selection test). */
export const isLoadDataset = (c: CallFact): boolean => isQualified(c.qualified, ['datasets'], 'load_dataset');

/** `load_dataset(…, trust_remote_code=True)` on a datasets known to ignore the keyword (≥ 4.0): TL902 leaves it to this rule. */
export function remoteCodeIgnored(ctx: Pick<RuleContext, 'env'>, call: CallFact): boolean {
  return isLoadDataset(call) && ctx.env.gate('datasets', { from: SCRIPTS_REMOVED }) === 'affected';
}

/**
 * The call loads the repository's default branch, where the table saw the script: no `revision=`, or "main". Another
 * revision (the Hub's Parquet export `refs/convert/parquet`, a commit) may hold no script; so may a `revision` not read.
 * `revision` is `load_dataset`'s 13th parameter; a call with that many positional arguments is left alone.
 */
function loadsDefaultBranch(ctx: RuleContext, call: CallFact): boolean {
  if (call.positional.length >= 13) return false;
  const rev = call.keywords.get('revision');
  return !rev || evaluateString(ctx.facts, rev.value) === 'main';
}

function scriptRepoMessage(repo: HubScriptRepo, phase: 'removed' | 'unknown', note: string): string {
  const raises = `"RuntimeError: Dataset scripts are no longer supported, but found ${repo.script}"`;
  const seen = `the Hub repository held \`${repo.script}\` when last seen (${repo.seen}: ${repo.evidence[0].split(' (')[0]}, in trainlint's table of Hub datasets that ship a loading script)`;
  const instead = `Load the Hub's Parquet export if it has one (\`revision="refs/convert/parquet"\`), another copy of the data in plain files, or pin \`datasets<4\`.`;
  return phase === 'removed'
    ? `\`load_dataset("${repo.id}")\` needs a dataset loading script, and datasets 4.0 removed them${note}: ${seen}, so this raises ${raises} unless its owners have converted it since. ${instead}`
    : `\`load_dataset("${repo.id}")\` needs a dataset loading script, which datasets ≥ 4.0 no longer runs (${note.slice(2, -1)}): ${seen}; there it raises ${raises}. ${instead}`;
}

const rule: Rule = {
  code: 'TL520',
  name: 'dataset-loading-script-unsupported',
  severity: 'error',
  fix: 'sometimes',
  requires: ['load_dataset'],
  docs: `## What it does
Flags \`load_dataset("path/to/my_dataset.py")\` — a dataset loading script — where the installed datasets is 4.0 or
newer, a Hub dataset known to still ship its loading script there (\`load_dataset("PolyAI/minds14", …)\`), and
\`load_dataset(…, trust_remote_code=True)\` there, where the keyword no longer does anything.

## Why is this bad?
datasets 4.0 removed dataset loading scripts. Its \`dataset_module_factory\` raises \`RuntimeError: Dataset scripts are
no longer supported, but found my_dataset.py\` for a path that ends in \`.py\` (and for a local folder or a Hub
repository holding \`<name>.py\`), where 3.x ran the script. \`load_dataset\` now pops \`trust_remote_code\` and, when it
is true, only logs "\`trust_remote_code\` is not supported anymore. Please check that the Hugging Face dataset '…'
isn't based on a loading script and remove \`trust_remote_code\`.": the keyword is dead, and a script it was meant to
allow fails as above. A script path is an error on a known datasets ≥ 4.0 and information when the version is unknown
(the message says so); \`trust_remote_code=True\` is information on a known datasets ≥ 4.0 only (the dataset may well
be plain files; whether it still needs a script is on the Hub, which the linter does not read) and silent otherwise.
A call in a branch the script keeps to datasets < 4 is left alone.

Hub datasets are judged by name only from trainlint's dated table of Hub repositories known to hold a loading script
at their default branch (\`PolyAI/minds14\`, \`superb\`, \`financial_phrasebank\`, \`ought/raft\`, \`imagenet-1k\`), each
verified from a GitHub issue or pull request that names the id (\`dataset/known-hub-script-repos.ts\`). For a Hub id
datasets 4.0–5.0.1 download \`<name>.py\` from the repository at the requested revision and raise the same error when
it is there. A repository's owners may convert it to Parquet at any time, so this is a warning on a known datasets
≥ 4.0 (the message says when the script was last seen), information when the version is unknown, and silent for a
\`revision=\` other than "main" (the Hub's Parquet export \`refs/convert/parquet\` holds no script). The canonical
datasets whose scripts lived in huggingface/datasets until 2.5.2 (\`beans\`, \`kde4\`, \`wmt16\`, …) are in another
table: the Hub took them over and converted them to Parquet, so those load on 4.x.

## Example
\`\`\`python
# pip install datasets==4.0.0
from datasets import load_dataset

ds = load_dataset("data/my_dataset.py", split="train")
\`\`\`

## Use instead
\`\`\`python
# pip install datasets==4.0.0
from datasets import load_dataset

ds = load_dataset("json", data_files="data/my_dataset.jsonl", split="train")
\`\`\`

## Fix safety
Removing \`trust_remote_code=True\` is safe on a known datasets ≥ 4.0: \`load_dataset\` pops it before anything else
reads it, so the load does the same with or without it (minus the logged error). No fix for a script path: the data
has to be converted to files first.

## References
- huggingface/datasets \`src/datasets/load.py\` at 4.0.0 (2025-07-09): \`dataset_module_factory\` raises "Dataset scripts
  are no longer supported, but found {filename}" for a local \`.py\` path, a folder holding \`<name>.py\` and a Hub
  repository holding one; \`load_dataset\` pops \`trust_remote_code\` and logs "\`trust_remote_code\` is not supported
  anymore"; the same at 4.8.5; at 3.6.0 the \`.py\` path is run by \`LocalDatasetModuleFactoryWithScript\`
- huggingface/datasets \`src/datasets/load.py\` at 5.0.1: for a Hub id, \`dataset_module_factory\` downloads
  \`<name>.py\` at the resolved revision and raises "Dataset scripts are no longer supported, but found {filename}" when
  it exists (re-raised unless the dataset's module is in the local cache)
- huggingface/datasets#7693 (\`superb\`), huggingface/transformers#39497 (\`PolyAI/minds14\`), huggingface/peft#2998
  (\`financial_phrasebank\`), huggingface/optimum-habana#2310 (\`ought/raft\`), microsoft/Olive#2121 (\`imagenet-1k\`)
`,
  check(ctx) {
    for (const call of callsWhere(ctx.facts, isLoadDataset)) {
      if (call.hasSplat) continue;
      const pathArg = call.positional[0] ?? call.keywords.get('path');
      const path = evaluateString(ctx.facts, pathArg?.value);
      if (path !== undefined && /\.py$/.test(path)) {
        const v = driftVerdict(ctx, 'datasets', SCRIPTS_REMOVED, undefined, call.node);
        if (!v) continue;
        const file = path.split(/[\\/]/).filter(Boolean).pop();
        const raises = `RuntimeError: Dataset scripts are no longer supported, but found ${file}`;
        const message = v.phase === 'removed'
          ? `\`load_dataset("${path}")\` runs a dataset loading script, and datasets 4.0 removed them${v.note}: this raises ${raises}. Convert the data to files \`load_dataset\` reads (JSON Lines, CSV, Parquet) and load those, or pin \`datasets<4\`.`
          : `\`load_dataset("${path}")\` runs a dataset loading script, which datasets ≥ 4.0 no longer supports (${v.note.slice(2, -1)}); there it raises ${raises}. Convert the data to files, or pin \`datasets<4\`.`;
        ctx.report({ node: pathArg!.value, severity: v.severity, message });
        continue;
      }
      const repo = path !== undefined ? knownHubScriptRepo(path) : undefined;
      if (repo && loadsDefaultBranch(ctx, call)) {
        const v = driftVerdict(ctx, 'datasets', SCRIPTS_REMOVED, undefined, call.node);
        if (!v) continue;
        if (v.phase === 'deprecated') continue;
        // A dated fact about a Hub repository its owners may convert: a warning on a known datasets ≥ 4.0, not an error.
        const severity = v.phase === 'removed' ? 'warning' : 'information';
        ctx.report({ node: pathArg!.value, severity, message: scriptRepoMessage(repo, v.phase, v.note) });
        continue;
      }
      const trc = call.keywords.get('trust_remote_code');
      if (!trc || trc.siblings || evaluateBool(ctx.facts, trc.value) !== true || !remoteCodeIgnored(ctx, call)) continue;
      const v = driftVerdict(ctx, 'datasets', SCRIPTS_REMOVED, undefined, call.node);
      if (v?.phase !== 'removed') continue;
      const what = path !== undefined ? `"${path}"` : 'the dataset';
      ctx.report({
        node: trc.node,
        severity: 'information',
        message: `\`trust_remote_code=True\` does nothing in datasets ≥ 4.0${v.note}: \`load_dataset\` drops it and logs "\`trust_remote_code\` is not supported anymore", and no loading script runs. If ${what} still needs its loading script, the load fails with "Dataset scripts are no longer supported"; otherwise remove the keyword.`,
        fixes: [{ title: 'Remove trust_remote_code=True', applicability: 'safe', edits: [removeArgument(ctx.source, call, trc)] }],
      });
    }
  },
};
export default rule;
