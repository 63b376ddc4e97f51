import type { Node } from 'web-tree-sitter';
import type { Fix, TextEdit } from '../diagnostics';
import { PATCHED_LIBRARIES, unslothLoadedByImporters } from '../domain/unsloth';
import type { ImportFact } from '../facts/types';
import type { SourceText } from '../syntax/source-text';
import type { Rule } from './rule';
import { inDeadBranch } from '../domain/dead-code';
import { inExclusiveBranches } from '../domain/branches';

const root = (i: ImportFact) => i.module.split('.')[0];
const isUnsloth = (i: ImportFact) => root(i) === 'unsloth' || root(i) === 'unsloth_zoo';

/** Inside a function or class body: runs later (or never), not in file order. */
function deferred(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'class_definition') return true;
  return false;
}

/** The whole lines of a statement, if it sits alone on them (a trailing comment is allowed). */
function ownLines(source: SourceText, stmt: Node): { start: number; end: number } | undefined {
  const text = source.text;
  const start = text.lastIndexOf('\n', stmt.startIndex - 1) + 1;
  if (text.slice(start, stmt.startIndex).trim() !== '') return undefined;
  let end = stmt.endIndex;
  const lineEnd = text.indexOf('\n', end);
  const rest = text.slice(end, lineEnd < 0 ? text.length : lineEnd);
  if (!/^\s*(#.*)?$/.test(rest.replace(/\r$/, ''))) return undefined;
  end = lineEnd < 0 ? text.length : lineEnd + 1;
  return { start, end };
}

/** Statements strictly between two module-level statements are all imports (or nothing). */
function onlyImportsBetween(first: Node, last: Node): boolean {
  for (let s = first.nextNamedSibling; s && s.id !== last.id; s = s.nextNamedSibling) {
    if (s.type === 'comment' || s.type === 'import_statement' || s.type === 'import_from_statement' || s.type === 'future_import_statement') continue;
    return false;
  }
  return true;
}

/**
 * A module of Unsloth's own packages (`unsloth/models/llama.py`, under a folder named `unsloth` or `unsloth_zoo`): it
 * runs after the package's `__init__`, which imports Unsloth's patches first. Told from a user's script in such a
 * folder by relative imports, or by Unsloth imports that never name the package itself (`from unsloth_zoo.… import`,
 * `from unsloth.models… import`: a fork's `unsloth/tokenizer_utils.py`), where a script says `from unsloth import …`.
 */
function isUnslothPackageModule(path: string, text: string, imports: readonly ImportFact[]): boolean {
  if (!/(^|[\\/])(unsloth|unsloth_zoo)[\\/]/.test(path)) return false;
  if (/^[ \t]*from[ \t]+\.+[\w. \t]*import\b/m.test(text)) return true;
  const own = imports.filter(isUnsloth);
  return own.length > 0 && own.every((i) => i.module !== 'unsloth');
}

const rule: Rule = {
  code: 'TL601',
  name: 'unsloth-import-order',
  severity: 'warning',
  fix: 'sometimes',
  requires: ['unsloth'],
  docs: `## What it does
Flags an \`unsloth\` import that comes after an import of \`transformers\`, \`trl\` or \`peft\`. The modules of
Unsloth's own packages (under a folder named \`unsloth\` or \`unsloth_zoo\`, with relative imports or with Unsloth
imports that never name the package itself, \`from unsloth_zoo.tokenizer_utils import …\`, where a user's script says
\`from unsloth import …\`) are not flagged, nor is an import in a block that never runs (\`if False:\`, a notebook's
disabled reload cell): the package's \`__init__\` has imported Unsloth before any of them runs.
Nor is an import in the other branch of an \`if\` than Unsloth's (\`if args.full_finetune: from transformers import …\`
/ \`else: from unsloth import FastLanguageModel\`, frankyaoxiao/unsloth-qwen4b \`train_sft.py\`): one run takes one branch.
Nor is a module of a project that is not run itself (no \`if __name__ == "__main__":\`) when every file of the
project that imports it imports Unsloth first, directly or through a project module (\`main.py\`:
\`from model.load_model import load_model\` — which imports \`unsloth\` — then \`from train import run\`): at run time
Unsloth is loaded before \`train.py\` imports TRL. An importer that imports the module inside a function
(\`def main(): from pkg.gpu_monitor import GPUMonitor\`) imports it when the function runs, so after the module-level
imports that precede the function's definition: \`import unsloth\` among them is first. Packages count as Python runs them:
\`from src.training.factory import get_trainer\` runs \`src/training/__init__.py\` first, and a module of a package (a
folder with \`__init__.py\` holding no script run itself) runs only once its package has started, so after what each
importer of the package ran before it (vanquang-lutech/coin_vlm_finetune: \`scripts/train.py\` imports \`unsloth\`,
then \`src.training.factory\`; \`src/training/callbacks.py\`, imported by its siblings, is not flagged). The project's
files are read, never run; a module with no importer in the project, or with one importer that does not load Unsloth
first, is still reported.

## Why is this bad?
Unsloth patches those libraries when it is imported. Imported later, its patches are incomplete: it warns
\`Unsloth should be imported before [trl, transformers, peft] to ensure all optimizations are applied.
Your code may run slower or encounter memory issues without these optimizations.\` Users report slower
runs, out-of-memory errors and patch errors. It also changes what other rules assume: Unsloth's rewriting of
legacy trainer arguments (\`tokenizer=\`, \`max_seq_length=\`) only applies when it is imported first.

## Example
\`\`\`python
from trl import SFTTrainer
from transformers import TrainingArguments
from unsloth import FastLanguageModel
\`\`\`

## Use instead
\`\`\`python
from unsloth import FastLanguageModel
from trl import SFTTrainer
from transformers import TrainingArguments
\`\`\`

## Fix safety
Moving the Unsloth import statement above the first \`transformers\` / \`trl\` / \`peft\` import is safe when
both are module-level statements on their own lines and only imports stand between them. When other code
runs in between (for example \`os.environ[...] = …\` that Unsloth reads at import time) the move is offered
as unsafe. No fix when an import sits inside a block or shares its line.

## References
- hiyouga/LlamaFactory#7175, #7177; unslothai/unsloth#2233
`,
  check(ctx) {
    if (isUnslothPackageModule(ctx.a.doc.path, ctx.source.text, ctx.facts.imports)) return;
    // An import in a block that never runs (`if False:`, the notebooks' disabled reload cells) imports nothing.
    const imports = [...ctx.facts.imports].filter((i) => !inDeadBranch(ctx.facts, i.node)).sort((a, b) => a.node.startIndex - b.node.startIndex);
    const first = imports.find(isUnsloth);
    if (!first) return;
    // An import in the other branch of an `if` than Unsloth's (`if args.full_finetune: from transformers import …` /
    // `else: from unsloth import …`, frankyaoxiao/unsloth-qwen4b `train_sft.py`) never runs before it in one pass.
    const before = imports.find((i) => PATCHED_LIBRARIES.includes(root(i)) && i.node.startIndex < first.node.startIndex && !deferred(i.node)
      && !inExclusiveBranches(i.node, first.node, ctx.facts));
    if (!before) return;
    // Every importer loads Unsloth first; not scanned yet (an editor scans after the first lint): say nothing rather
    // than a warning that may be false.
    if (unslothLoadedByImporters(ctx.facts, ctx.a.doc.isNotebook, ctx.source.text) !== false) return;
    const fixes: Fix[] = [];
    const a = first.node;
    const b = before.node;
    if (a.parent?.type === 'module' && b.parent?.type === 'module') {
      const moved = ownLines(ctx.source, a);
      const target = ownLines(ctx.source, b);
      if (moved && target) {
        let line = ctx.source.text.slice(moved.start, moved.end);
        if (!line.endsWith('\n')) line += '\n';
        const edits: TextEdit[] = [
          { range: ctx.source.rangeOf(target.start, target.start), newText: line },
          { range: ctx.source.rangeOf(moved.start, moved.end), newText: '' },
        ];
        fixes.push({
          title: `Move \`${a.text.split('\n')[0]}\` above the first ${root(before)} import`,
          applicability: onlyImportsBetween(b, a) ? 'safe' : 'unsafe',
          edits,
        });
      }
    }
    ctx.report({
      node: a,
      message: `\`${root(first)}\` is imported after \`${root(before)}\` (${ctx.a.doc.lineLabel(b.startPosition.row)}): Unsloth must be imported before trl, transformers and peft to patch them, otherwise training may run slower or use more memory.`,
      related: [{ node: b, message: `${root(before)} is imported here first` }],
      fixes,
    });
  },
};
export default rule;
