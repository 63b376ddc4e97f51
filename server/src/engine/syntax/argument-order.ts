/**
 * Call arguments in an order Python's compiler rejects although tree-sitter's grammar accepts them (TL000 reports
 * them as syntax errors).
 */
import type { Node } from 'web-tree-sitter';

/**
 * Arguments in an order Python's compiler rejects, which tree-sitter's grammar accepts: a positional argument after a
 * keyword argument (`Trainer(model, args, eval_dataset-val_ds)` after `train_dataset=…`), a positional or `*x`
 * argument after `**kw`, a keyword given twice. The argument and CPython's message (`Python/ast.c`/the PEG grammar:
 * "positional argument follows keyword argument", "… follows keyword argument unpacking", "iterable argument unpacking
 * follows keyword argument unpacking", "keyword argument repeated: x"), or undefined.
 */
export function misplacedArgument(call: Node): { node: Node; message: string } | undefined {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list' || args.hasError) return undefined;
  let keyword = false;
  let unpacked = false;
  const names = new Set<string>();
  for (const a of args.namedChildren) {
    // Comments and backslash continuations (`line_continuation`) are extras, not arguments.
    if (!a || a.isExtra) continue;
    if (a.type === 'keyword_argument') {
      const name = a.childForFieldName('name')?.text;
      if (name && names.has(name)) return { node: a, message: `keyword argument repeated: ${name}` };
      if (name) names.add(name);
      keyword = true;
    } else if (a.type === 'dictionary_splat') unpacked = true;
    else if (a.type === 'list_splat') {
      if (unpacked) return { node: a, message: 'iterable argument unpacking follows keyword argument unpacking' };
    } else if (unpacked) return { node: a, message: 'positional argument follows keyword argument unpacking' };
    else if (keyword) return { node: a, message: 'positional argument follows keyword argument' };
  }
  return undefined;
}
