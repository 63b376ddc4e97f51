/**
 * The tokenizer a collator written as the script's own class holds as `self.tokenizer`, read from where the class is
 * constructed (huggingface/peft `examples/cpt_finetuning/cpt_train_and_inference.ipynb`: `class
 * CPTDataCollatorForLanguageModeling(DataCollatorForLanguageModeling)` whose `__init__(self, tokenizer, …)` calls
 * `super().__init__(tokenizer, mlm=mlm)`, constructed once as `CPTDataCollatorForLanguageModeling(tokenizer, …)`):
 *
 * - a parameter of the class's own `__init__` (`self.tokenizer = tokenizer`, resolved by `self-attributes.ts` to that
 *   assignment): what every construction passes for it;
 * - `self.tokenizer` set by the base: a subclass of one of transformers' data collators whose first dataclass field is
 *   `tokenizer` (transformers `src/transformers/data/data_collator.py`, 4.47.0.dev0 as of the 1kkiRen/transformers fork at
 *   83cb95b7: `DataCollatorWithPadding`, `DataCollatorForTokenClassification`, `DataCollatorForSeq2Seq`,
 *   `DataCollatorForLanguageModeling` and its `DataCollatorForWholeWordMask`/`DataCollatorForSOP`,
 *   `DataCollatorForPermutationLanguageModeling`), given it by the one `super().__init__(tok, …)` of the class's
 *   `__init__` (a parameter as it came), or by the construction itself when the class keeps the base's `__init__`.
 *
 * Only when nothing else can set the attribute: no assignment to `.tokenizer` in the script but another class's own
 * `self.tokenizer = …`, no `setattr` in the class, and every construction of the class is known (`facts/class-constructions.ts`).
 */
import type { Node } from 'web-tree-sitter';
import { enclosingFunction } from '../facts/anchor';
import { constructionsOf, constructorArguments, initParameterOf } from '../facts/class-constructions';
import { qualifyLocal } from '../facts/imports';
import { classOfMethod } from '../facts/self-attributes';
import type { ClassFact, FileFacts } from '../facts/types';

const TOKENIZER_FIRST = new Set(['DataCollatorWithPadding', 'DataCollatorForTokenClassification', 'DataCollatorForSeq2Seq',
  'DataCollatorForLanguageModeling', 'DataCollatorForWholeWordMask', 'DataCollatorForSOP', 'DataCollatorForPermutationLanguageModeling']);

/** The base's name when `cls` derives from one of transformers' collators that take `tokenizer` first. */
function tokenizerFirstBase(facts: FileFacts, cls: ClassFact): string | undefined {
  if (cls.bases.length !== 1 || cls.opaqueBases) return undefined;
  const base = cls.bases[0];
  const q = /^\w+$/.test(base) ? qualifyLocal(facts, base) : base.startsWith('transformers.') ? base : undefined;
  const name = q?.split('.').pop();
  return q?.startsWith('transformers') && name && TOKENIZER_FIRST.has(name) ? name : undefined;
}

/**
 * The expressions every construction passes as the tokenizer behind `node`: an identifier that is a parameter of the
 * `__init__` of the script's own class, or `self.tokenizer` in a method of the script's subclass of a transformers
 * collator that leaves the attribute to its base. Undefined when it cannot be told.
 */
export function constructedTokenizers(facts: FileFacts, node: Node): Node[] | undefined {
  if (node.type === 'identifier') {
    const at = initParameterOf(facts, node);
    return at && constructorArguments(facts, at.cls, at.init, node.text);
  }
  if (node.type !== 'attribute' || node.childForFieldName('object')?.text !== 'self' || node.childForFieldName('attribute')?.text !== 'tokenizer') return undefined;
  const method = enclosingFunction(node);
  const cls = method && classOfMethod(facts, method);
  if (!cls || !tokenizerFirstBase(facts, cls)) return undefined;
  if (cls.decorators.some((d) => !/^(dataclasses\.)?dataclass$/.test(d))) return undefined;
  // `self.tokenizer = …` of another class sets another object's; any other `x.tokenizer = …` may set this one's.
  const sets = (a: FileFacts['assignments'][number]) => a.target.endsWith('.tokenizer')
    && (a.target !== 'self.tokenizer' || (a.node.startIndex >= cls.node.startIndex && a.node.endIndex <= cls.node.endIndex));
  if (facts.assignments.some(sets) || /\bsetattr\s*\(|__dict__/.test(cls.node.text)) return undefined;
  if (cls.members.some((m) => m.name === 'tokenizer')) return undefined;
  const init = cls.members.find((m) => m.name === '__init__');
  if (!init) {
    // The base's `__init__` (or, for a dataclass subclass, one generated with the base's fields first): `tokenizer`
    // is the first positional argument or the `tokenizer=` keyword of each construction.
    const calls = constructionsOf(facts, cls);
    if (!calls) return undefined;
    const out: Node[] = [];
    for (const c of calls) {
      const arg = (c.keywords.get('tokenizer') ?? c.positional[0])?.value;
      if (!arg) return undefined;
      out.push(arg);
    }
    return out;
  }
  const passes = init.passes;
  if (!passes || passes.opaque) return undefined;
  const kw = passes.keywords.find(([k]) => k === 'tokenizer');
  const param = kw ? kw[1] : passes.positional[0];
  if (!param || (kw && passes.positional.length) || passes.touched.includes(param)) return undefined;
  const initNode = cls.node.childForFieldName('body')?.namedChildren.map((c) => c?.type === 'decorated_definition' ? c.childForFieldName('definition') : c)
    .find((c) => c?.type === 'function_definition' && c.childForFieldName('name')?.text === '__init__');
  if (!initNode) return undefined;
  const paramNode = initNode.childForFieldName('parameters')?.namedChildren.find((p) => p?.text === param || p?.childForFieldName('name')?.text === param);
  if (!paramNode) return undefined;
  return constructorArguments(facts, cls, initNode, param);
}
