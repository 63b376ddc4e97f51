/**
 * What a class definition says about itself, read from its syntax once per section walk: name, bases,
 * decorators and members (methods, and attributes with their value nodes, unplaced), and whether its
 * `__init__` forwards every argument to the base unchanged. `anchored.ts` keeps it across edits.
 */
import type { Node } from 'web-tree-sitter';

/** A class member as first found (its value node unplaced). */
export interface RawMember { name: string; kind: 'method' | 'attribute'; value?: Node; annotated: boolean; forwardsInit?: boolean }

/**
 * `def __init__(self, *args, extra=None, **kwargs): …; super().__init__(*args, **kwargs)`: the
 * arguments reach the base unchanged (extra keyword parameters with defaults are taken out; `args`
 * and `kwargs` are used nowhere else). Anything else may change what an argument means.
 */
function forwardsInit(fn: Node): boolean {
  let star: string | undefined, stars: string | undefined, keywordOnly = false, positionalDefaults = false;
  const params = (fn.childForFieldName('parameters')?.namedChildren ?? []).filter((p) => p && p.type !== 'comment') as Node[];
  for (const p of params.slice(1)) { // params[0] is self
    if (p.type === 'list_splat_pattern') { star = p.namedChildren[0]?.text; keywordOnly = true; }
    else if (p.type === 'dictionary_splat_pattern') stars = p.namedChildren[0]?.text;
    else if (p.type === 'keyword_separator') keywordOnly = true;
    // A positional parameter the base does not get would shift the positional arguments.
    else if (!keywordOnly && p.type !== 'default_parameter' && p.type !== 'typed_default_parameter') return false;
    else if (!keywordOnly) positionalDefaults = true;
  }
  if (positionalDefaults && star) return false;
  if (!stars) return false;
  const block = fn.childForFieldName('body');
  const body = block?.text ?? '';
  const forwarded = star ? `\\*\\s*${star}\\s*,\\s*\\*\\*\\s*${stars}` : `\\*\\*\\s*${stars}`;
  const call = new RegExp(`super\\s*\\([^)]*\\)\\s*\\.\\s*__init__\\s*\\(\\s*${forwarded}\\s*,?\\s*\\)`);
  // Names used as code (comments and strings that mention `kwargs` do not count).
  const names = (block?.descendantsOfType('identifier') ?? []).filter((n) => {
    const p = n?.parent;
    // `self.args`, `f(args=…)`: an attribute or keyword name, not the variable.
    return !!n && !(p && ((p.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id)
      || (p.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id)));
  }).map((n) => n!.text);
  const uses = (name: string) => names.filter((n) => n === name).length;
  return call.test(body) && uses(stars) === 1 && (!star || uses(star) === 1);
}

/** What a class definition says about itself: read once, as texts and first-walk nodes. */
export interface RawClass { name: string; bases: string[]; opaqueBases: boolean; decorators: string[]; members: RawMember[] }

export function classOf(node: Node): RawClass | undefined {
  const name = node.childForFieldName('name')?.text;
  if (!name) return undefined;
  const bases: string[] = [];
  let opaqueBases = false;
  for (const b of node.childForFieldName('superclasses')?.namedChildren ?? []) {
    if (!b || b.type === 'comment') continue;
    if (b.type === 'keyword_argument' || b.type === 'list_splat' || b.type === 'dictionary_splat') opaqueBases = true;
    else bases.push(b.text);
  }
  const decorators: string[] = [];
  const parent = node.parent;
  if (parent?.type === 'decorated_definition') {
    for (const d of parent.namedChildren) if (d?.type === 'decorator') decorators.push(d.text.replace(/^@\s*/, ''));
  }
  const members: RawMember[] = [];
  for (let c of node.childForFieldName('body')?.namedChildren ?? []) {
    if (!c) continue;
    if (c.type === 'decorated_definition') c = c.childForFieldName('definition') ?? c;
    if (c.type === 'function_definition' || c.type === 'class_definition') {
      const n = c.childForFieldName('name')?.text;
      if (n) members.push({ name: n, kind: 'method', annotated: false, ...(n === '__init__' && c.type === 'function_definition' && forwardsInit(c) ? { forwardsInit: true } : {}) });
    } else if (c.type === 'expression_statement') {
      const a = c.namedChildren[0];
      if (a?.type !== 'assignment') continue;
      const left = a.childForFieldName('left');
      const annotated = !!a.childForFieldName('type');
      let value = a.childForFieldName('right') ?? undefined;
      while (value?.type === 'assignment') value = value.childForFieldName('right') ?? undefined;
      const targets = left?.type === 'identifier' ? [left] : left?.type === 'pattern_list' || left?.type === 'tuple_pattern' ? left.namedChildren : [];
      for (const t of targets) {
        // `a, b = 1, 2`: each name has a value, but not one node: recorded without it.
        if (t?.type === 'identifier') members.push({ name: t.text, kind: 'attribute', value: targets.length === 1 ? value : undefined, annotated });
      }
    }
  }
  return { name, bases, opaqueBases, decorators, members };
}
