import type { Node } from 'web-tree-sitter';
import { compareVersions, type VersionRange } from '../env/versions';
import { importFailureHandled, versionGuard } from '../domain/version-guards';
import { EXPERIMENTAL, experimentalTableRead, isExperimentalModule, missingModule, moduleReleases, namePresence, nameReleases } from '../domain/trl-experimental';
import { importedNameNode } from '../facts/imports';
import type { ImportFact } from '../facts/types';
import { addedNameMessage, removedNameMessage } from './drift';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** The module an import needs (`from trl import experimental` needs `trl.experimental`), and the name it takes from it. */
function wanted(imp: ImportFact): { module: string; name?: string } | undefined {
  if (imp.module === 'trl' && imp.name === 'experimental') return { module: EXPERIMENTAL };
  if (!isExperimentalModule(imp.module)) return undefined;
  return { module: imp.module, name: imp.name };
}

/**
 * Why the release lacks what `releases` (where it exists) says: it came later (the first range starts after the
 * installed version) or it was removed (a range ended at or before it).
 */
function whyMissing(ctx: RuleContext, releases: VersionRange[]): { added: VersionRange } | { removedFrom: string } | undefined {
  const first = releases[0];
  if (!first?.from) return undefined;
  if (ctx.env.gate('trl', { before: first.from }) === 'affected') return { added: first };
  let removedFrom: string | undefined;
  for (const r of releases) if (r.before && ctx.env.gate('trl', { from: r.before }) === 'affected') removedFrom = r.before;
  return removedFrom ? { removedFrom } : undefined;
}

/** The end of a range for messages: none when it runs to the newest release read. */
function until(r: VersionRange): string | undefined {
  const newest = /–(\d+\.\d+)/.exec(experimentalTableRead().READ)?.[1];
  if (!r.before || !newest) return undefined;
  const [a, b] = newest.split('.').map(Number);
  return r.before === `${a}.${b + 1}` ? undefined : r.before;
}

/** Where an import names its module: `from <m> import …`, `import <m> [as x]`, `from trl import <experimental>`. */
function moduleNode(imp: ImportFact): Node {
  if (imp.node.type === 'import_from_statement') {
    if (imp.module === 'trl' && imp.name === 'experimental') return importedNameNode(imp.node, 'experimental') ?? imp.node;
    return imp.node.childForFieldName('module_name') ?? imp.node;
  }
  for (const n of imp.node.childrenForFieldName('name')) {
    const m = n?.type === 'aliased_import' ? n.childForFieldName('name') : n;
    if (m?.text === imp.module) return m;
  }
  return imp.node;
}

/** The TRL version is (or may be) the newest trainlint knows, assumed for an unpinned install. */
function assumedNewest(ctx: RuleContext): boolean {
  const pv = ctx.env.get('trl');
  return !!pv && [pv, ...(pv.alternatives ?? [])].some((v) => v.origin?.kind === 'newest');
}

function report(ctx: RuleContext, node: Node, name: string, where: string | undefined, releases: VersionRange[], raises: string) {
  const why = whyMissing(ctx, releases);
  if (!why) return;
  // An unpinned install runs the newest release at run time, which may be newer than the newest trainlint knows (the
  // table reads newer releases than that): a module or name that came later may well be there.
  if ('added' in why && assumedNewest(ctx)) return;
  const installed = ctx.versionText('trl');
  // Removed after the last tag read: the first release read without it is the wheel that includes the installed one.
  const unread = 'removedFrom' in why && compareVersions(why.removedFrom, experimentalTableRead().TAGS_READ_THROUGH) > 0 ? `TRL ${why.removedFrom}–${experimentalTableRead().READ.split('–')[1]} (${experimentalTableRead().TAGS_READ_THROUGH} has it; the releases between it and ${experimentalTableRead().READ.split('–')[1]} were not read)` : undefined;
  const message = 'added' in why
    ? addedNameMessage({ name, where, lib: 'TRL', pkg: 'trl', since: why.added.from ?? '?', until: until(why.added), installed, raises })
    : removedNameMessage(
      { name, where: where ?? 'trl', lib: 'TRL', pkg: 'trl', removedFrom: why.removedFrom, instead: `pin \`trl<${why.removedFrom}\` (\`trl.experimental\` has no deprecation period)`, ...(unread ? { removedLabel: `a release of ${unread}` } : {}) },
      { phase: 'removed', severity: 'error', tags: [], note: ` (${installed})` },
      { pin: { removed: false, unknown: false } },
    );
  ctx.report({ node, message });
}

const rule: Rule = {
  code: 'TL521',
  name: 'trl-experimental-import-missing',
  severity: 'error',
  fix: 'none',
  requires: ['experimental'],
  docs: `## What it does
Flags an import from \`trl.experimental\` (\`from trl.experimental.gold import GOLDTrainer\`, \`import
trl.experimental.ppo\`) that the script's pinned TRL does not have: a module that came in a later release, a name a
module got later, or one TRL has removed since. The reverse of TL509, which flags the old import paths on releases
that moved them to \`trl.experimental\`.

## Why is this bad?
\`trl.experimental\` first appeared in TRL 0.24 and grows with each release (GOLD and BCO in 0.25, ORPO, CPO, KTO,
PPO, … in 0.26, the distillation trainers in 1.x), while TRL drops experimental modules without a deprecation period
(\`trl.experimental.judges\` exists in 0.26–1.0 only). A script written against a newer TRL, run where an older one is
pinned, stops at its imports: \`ModuleNotFoundError: No module named 'trl.experimental.gold'\`, or \`ImportError:
cannot import name …\`. The rule reads a table of every \`trl.experimental\` module and the names its top level
binds in every TRL release, generated from the release tags by \`scripts/trl-experimental-modules.py\`; it reports
only when the pinned TRL is known and the table shows that release without the module or the name. An unpinned
install runs the newest release, which may be newer than the newest trainlint knows: there only a removal is reported. An unknown
version, a module or a name the table does not have, a module that defines \`__getattr__\` or star-imports, an import
inside \`try:\` with an \`except ImportError:\` (or broader) handler, or in a branch the script keeps to some TRL
versions, are left alone.

## Example
\`\`\`python
# pip install trl==0.24.0
from trl.experimental.gold import GOLDConfig, GOLDTrainer
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.25.0
from trl.experimental.gold import GOLDConfig, GOLDTrainer
\`\`\`

## Fix safety
No fix: the remedy is a newer (or older) TRL, which the linter cannot install.

## References
- huggingface/trl, every release tag from v0.2.0 to v1.9.0 (\`git ls-tree <tag> trl/experimental\`, each module's
  top-level names read with Python's \`ast\`) and the trl 1.13.0 wheel: \`trl/experimental/__init__.py\` first at
  v0.24.0; \`trl/experimental/gold\` and \`bco\` first at v0.25.0; \`orpo\`, \`cpo\`, \`kto\`, \`ppo\`, \`judges\`, …
  first at v0.26.0; \`trl/experimental/judges\` last at v1.0.0
- huggingface/trl#4491 (\`trl.experimental.gold\` on 0.24)
`,
  check(ctx) {
    const reported = new Set<number>();
    for (const imp of ctx.facts.imports) {
      const w = wanted(imp);
      if (!w || reported.has(imp.node.id) || importFailureHandled(imp.node) || versionGuard(ctx.facts, imp.node, 'trl')) continue;
      const missing = missingModule(ctx.env, w.module);
      if (missing) {
        reported.add(imp.node.id);
        const parts = missing.split('.');
        const node = moduleNode(imp);
        if (parts.length > 2) {
          report(ctx, node, parts[parts.length - 1], parts.slice(0, -1).join('.'), moduleReleases(missing), `ModuleNotFoundError: No module named '${missing}'`);
          continue;
        }
        report(ctx, node, missing, undefined, moduleReleases(missing), `ModuleNotFoundError: No module named '${missing}'`);
        continue;
      }
      if (w.name === undefined || namePresence(ctx.env, w.module, w.name) !== 'rejected') continue;
      const node = importedNameNode(imp.node, w.name) ?? imp.node;
      report(ctx, node, w.name, w.module, nameReleases(w.module, w.name), `ImportError: cannot import name '${w.name}' from '${w.module}'`);
    }
  },
};
export default rule;
