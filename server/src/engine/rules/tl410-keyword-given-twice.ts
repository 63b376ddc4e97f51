import type { Node } from 'web-tree-sitter';
import { spreadKeys, type SpreadKeys } from '../domain/spread-keys';
import { callsWhere } from '../facts/selections';
import type { CallFact } from '../facts/types';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** A call with a `**` spread (a selection test). */
const spreadsKeywords = (c: CallFact): boolean => c.hasSplat && c.text.includes('**');

interface Given { node: Node; how: string }

/** The exceptions an `except` clause names catch a TypeError (a bare `except:`, `TypeError`, `Exception`, `BaseException`). */
function catchesTypeError(clause: Node): boolean {
  const caught = clause.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment');
  if (!caught) return true;
  return /\b(TypeError|Exception|BaseException)\b/.test(caught.text);
}

/** `call` runs in the body of a `try` that catches its TypeError (a test that expects the error, a fallback). */
function handled(call: Node): boolean {
  for (let n: Node | null = call, p = call.parent; p; n = p, p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition' || p.type === 'lambda') return false;
    if (p.type === 'try_statement' && n?.type === 'block' && p.childForFieldName('body')?.id === n.id
      && p.namedChildren.some((c) => c?.type === 'except_clause' && catchesTypeError(c))) return true;
  }
  return false;
}

/** Where the spread's keys come from, in words. */
function origin(ctx: RuleContext, k: SpreadKeys): string {
  const line = (n: Node) => ctx.a.doc.lineLabel(n.startPosition.row);
  if (k.kind === 'config') return `\`${k.spread}\` holds every keyword the ${k.cls} (${line(k.built!)}) was given, as a dataclass stores each field`;
  if (k.kind === 'dataclass') return `\`${k.spread}\` holds every field of the dataclass ${k.cls} (${line(k.defined!)})`;
  return 'the dict spread there is written with its keys';
}

const rule: Rule = {
  code: 'TL410',
  name: 'keyword-given-twice',
  severity: 'error',
  fix: 'none',
  requires: ['**'],
  docs: `## What it does
Flags a call that passes the same keyword twice: written as \`name=\` and again inside a \`**\` spread, or in two
spreads, where the script proves the spread holds that key. A spread's keys are proved for a dict the script builds
with known keys, and for an object's attributes (\`cfg.__dict__\`, \`vars(cfg)\`, \`dataclasses.asdict(cfg)\`) when
\`cfg\` is, where the call reads it, the one instance built by the script's own \`@dataclass\` (its annotated
fields) or by a library training config (\`TrainingArguments\`, TRL's \`DPOConfig\`, \`SFTConfig\`, …, PEFT's
\`LoraConfig\`: dataclasses, which store every keyword their constructor is given).

## Why is this bad?
Python merges the keywords before it calls anything: a key that is already there raises
"TypeError: DPOTrainer() got multiple values for keyword argument 'beta'" for every callee, whatever its signature.
The job fails at the trainer's construction, after the model and the data were loaded.

## Example
\`\`\`python
from trl import DPOConfig, DPOTrainer

dpo_config = DPOConfig(output_dir="out", beta=0.1)
trainer = DPOTrainer(model=model, beta=dpo_config.beta, train_dataset=ds, **dpo_config.__dict__)
\`\`\`

## Use instead
\`\`\`python
from trl import DPOConfig, DPOTrainer

dpo_config = DPOConfig(output_dir="out", beta=0.1)
trainer = DPOTrainer(model=model, args=dpo_config, train_dataset=ds)
\`\`\`

## Fix safety
No fix: which of the two values was meant is the author's choice.

## References
- CPython: a keyword merged into a call twice raises "got multiple values for keyword argument" (\`DICT_MERGE\`, for any
  callable); a dataclass's generated \`__init__\` assigns every field it takes to the instance.
- Bensonluo/4bit-QLoRA-post-training \`src/training/dpo_trainer.py\` (session 26's corpus42): \`TRLDPOTrainer(…,
  beta=trl_dpo_config.beta, …, **trl_dpo_config.__dict__)\` after \`trl_dpo_config = TRLDPOConfig(beta=…, …)\`.

Quiet when a spread's keys are not proved: an object passed in as a parameter, returned by a function, from an
argument parser (\`vars(args)\`), a dataclass with a base class or its own \`__init__\`, an object whose attributes the
script may delete, or a dict changed after it is built; and in the body of a \`try\` whose \`except\` catches the
TypeError (a test that expects it, modelscope/ms-swift \`tests/general/test_sampler_engine_kwargs.py\`).
`,
  check(ctx) {
    for (const call of callsWhere(ctx.facts, spreadsKeywords)) {
      const list = call.node.childForFieldName('arguments');
      if (!list || list.hasError || handled(call.node)) continue;
      const given = new Map<string, Given>();
      const spreads: Array<{ node: Node; keys: SpreadKeys }> = [];
      for (const arg of list.namedChildren) {
        if (arg?.type === 'keyword_argument') {
          const name = arg.childForFieldName('name')?.text;
          if (name && !given.has(name)) given.set(name, { node: arg, how: `\`${name}=\`` });
        } else if (arg?.type === 'dictionary_splat' && arg.namedChildren[0]) {
          const keys = spreadKeys(ctx.facts, ctx.a.callsByNode, arg.namedChildren[0], ctx.a.source);
          if (keys) spreads.push({ node: arg, keys });
        }
      }
      for (const s of spreads) {
        for (const key of s.keys.keys) {
          const first = given.get(key);
          if (!first) { given.set(key, { node: s.node, how: `\`${s.node.text}\`` }); continue; }
          const [a, b] = first.node.startIndex < s.node.startIndex ? [first, { node: s.node, how: `\`${s.node.text}\`` }] : [{ node: s.node, how: `\`${s.node.text}\`` }, first];
          ctx.report({
            node: b.node,
            message: `\`${key}\` is passed twice, in ${a.how} and in ${b.how}; ${origin(ctx, s.keys)}, \`${key}\` among them. Python raises "TypeError: …() got multiple values for keyword argument '${key}'" when this call runs: pass it once.`,
            related: [{ node: a.node, message: `\`${key}\` passed here first` }, ...(s.keys.built ? [{ node: s.keys.built, message: 'the object whose attributes are spread' }] : [])],
          });
          break;
        }
      }
    }
  },
};
export default rule;
