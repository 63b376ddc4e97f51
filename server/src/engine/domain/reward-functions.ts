/**
 * The reward functions a GRPO/RLOO trainer call passes as `reward_funcs=` that are the script's own plain `def`s (a list
 * or tuple literal of names, or one name, also through a variable). Methods, decorated functions (the decorator may
 * change the signature), names defined twice, lambdas, `functools.partial` objects and reward models are left out.
 * Shared by TL517 (the signature) and TL121 (how the body reads a completion).
 */
import type { Node } from 'web-tree-sitter';
import { parametersOf, type Parameter } from '../facts/own-functions';
import { resolveExpression } from '../facts/reaching';
import type { CallFact, FileFacts, FunctionFact } from '../facts/types';

export interface RewardFunction { name: string; def: Node; params: Parameter[]; use: Node }

export function rewardFunctions(facts: FileFacts, source: { text: string }, call: CallFact): RewardFunction[] {
  const arg = call.keywords.get('reward_funcs') ?? call.positional[1];
  if (!arg) return [];
  const value = resolveExpression(facts, arg.value);
  const items = value.type === 'list' || value.type === 'tuple' ? value.namedChildren : [value];
  const out: RewardFunction[] = [];
  for (const item of items) {
    if (!item || item.type !== 'identifier') continue;
    const fn: FunctionFact | undefined = facts.functions.get(item.text);
    if (!fn || fn.node.type !== 'function_definition' || fn.node.parent?.type === 'decorated_definition') continue;
    if (fn.scope !== null && fn.scope.type === 'class_definition') continue;
    if (definitions(source, item.text) !== 1) continue;
    out.push({ name: item.text, def: fn.node, params: parametersOf(fn.node), use: item });
  }
  return out;
}

function definitions(source: { text: string }, name: string): number {
  const re = new RegExp(`(^|\\n)[ \\t]*(async[ \\t]+)?def[ \\t]+${name}[ \\t]*\\(`, 'g');
  return source.text.match(re)?.length ?? 0;
}
