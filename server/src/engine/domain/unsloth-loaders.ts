/**
 * Unsloth loaded by a call that runs first: the script's own function that imports Unsloth (a model loader,
 * `load_model_and_tokenizer()`), called before the statement that imports TRL, or before every call of the function
 * that does (ToXMon/akash-unsloth-finetune `src/train.py`: `main()` calls `load_model_and_tokenizer(config)`, whose
 * `from unsloth import FastLanguageModel` runs unless the script exits, and then `train(…)`, whose `from trl import
 * SFTTrainer` therefore gets Unsloth's patched trainer). Unsloth's import replaces `trl.SFTTrainer` and its siblings
 * on the `trl` module (unslothai/unsloth March-2026 `unsloth/models/rl.py` `_patch_trl_rl_trainers`:
 * `trl.{RLTrainer_name} = created_module.Unsloth{RLTrainer_name}`), so a `from trl import …` that runs afterwards binds
 * the patched classes, wherever TRL itself was first imported.
 */
import type { Node } from 'web-tree-sitter';
import type { FileFacts, ImportFact } from '../facts/types';
import { enclosingFunction, runsBefore, statementAt } from './statement-order';

function isUnslothImport(imp: ImportFact): boolean {
  const root = imp.module.split('.')[0];
  return root === 'unsloth' || root === 'unsloth_zoo';
}

/**
 * The Unsloth import of a module-level function that every normal return of the function has run: in the function's
 * body before its last statement (or in a `try` there whose handlers all leave the function), with no `return` before
 * it. A call of the function that completes has imported Unsloth.
 */
function loaderImport(facts: FileFacts, fn: Node): Node | undefined {
  if (fn.parent?.type !== 'module') return undefined;
  const body = fn.childForFieldName('body');
  const last = body?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment').pop();
  if (!last) return undefined;
  for (const imp of facts.imports) {
    if (!isUnslothImport(imp) || enclosingFunction(imp.node)?.id !== fn.id) continue;
    const stmt = statementAt(imp.node);
    if (stmt.id !== last.id && !runsBefore(stmt, last, fn)) continue;
    const early = fn.descendantsOfType('return_statement')
      .some((r) => r && r.startIndex < stmt.startIndex && enclosingFunction(r)?.id === fn.id);
    if (!early) return imp.node;
  }
  return undefined;
}

/** The call statement holds the call unconditionally: `f(…)` or `x = f(…)` (`a, b = f(…)`) as the whole statement. */
function wholeStatementCall(call: Node, stmt: Node): boolean {
  if (stmt.type !== 'expression_statement') return false;
  const expr = stmt.namedChild(0);
  if (expr?.id === call.id) return true;
  return expr?.type === 'assignment' && expr.childForFieldName('right')?.id === call.id;
}

/**
 * A statement that runs before `later` (in function `scope`, or at module level) and calls one of the script's
 * Unsloth-loading functions: the Unsloth import that call runs.
 */
export function loaderCallBefore(facts: FileFacts, later: Node, scope: Node | undefined): Node | undefined {
  for (const c of facts.calls) {
    if ((c.scope?.id ?? undefined) !== scope?.id || c.callee.type !== 'identifier' || c.node.startIndex >= later.startIndex) continue;
    const fn = facts.functions.get(c.calleeText);
    if (!fn) continue;
    const stmt = statementAt(c.node);
    if (!wholeStatementCall(c.node, stmt) || !runsBefore(stmt, later, scope)) continue;
    const imp = loaderImport(facts, fn.node);
    if (imp) return imp;
  }
  return undefined;
}

/**
 * Function `fn` (module level) is only ever called, and each of its calls comes after a call of an Unsloth-loading
 * function that runs before it: the Unsloth import then precedes everything `fn` runs. Every mention of its name in
 * the text (`text`; comments aside, strings included, so that a doubt means no) must be the definition or such a call:
 * a function passed as a callback, reassigned or imported by name elsewhere in the file is not covered.
 */
export function unslothBeforeEveryCall(facts: FileFacts, fn: Node, text: string): Node | undefined {
  if (fn.parent?.type !== 'module') return undefined;
  const name = fn.childForFieldName('name')?.text;
  if (!name) return undefined;
  const calls = facts.calls.filter((c) => c.callee.type === 'identifier' && c.calleeText === name);
  if (calls.length === 0) return undefined;
  const mention = new RegExp(`(?<![\\w.])${name}(?!\\w)`, 'g');
  const count = (s: string): number => s.match(mention)?.length ?? 0;
  const inComments = facts.comments.reduce((n, c) => n + count(c.text), 0);
  if (count(text) - inComments !== calls.length + 1) return undefined;
  let first: Node | undefined;
  for (const c of calls) {
    const imp = loaderCallBefore(facts, statementAt(c.node), enclosingFunction(c.node));
    if (!imp) return undefined;
    if (!first || imp.startIndex < first.startIndex) first = imp;
  }
  return first;
}
