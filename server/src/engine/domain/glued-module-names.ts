/**
 * A `target_modules` / `modules_to_save` list literal whose entries are glued by a missing comma: Python concatenates
 * adjacent string literals, so `["o_proj" "v_proj"]` is the one entry `"o_projv_proj"` (qiuliw/Qwen3-VL-MoeLORA
 * `lora.py`: `"o_proj"` at the end of one line, `"visual_q_proj"` on the next). PEFT matches entries as module-name
 * suffixes, so the glued name matches no module and neither part is adapted.
 */
import type { Node } from 'web-tree-sitter';
import type { FileFacts } from '../facts/types';
import { resolveExpression } from '../facts/reaching';

export interface GluedEntry {
  /** The `concatenated_string` node. */
  node: Node;
  /** Its parts, each a plain string literal's text. */
  parts: string[];
  /** What Python makes of it. */
  glued: string;
}

/**
 * The entries of a list (or tuple) literal that are two or more plain string literals written side by side (a comment
 * between them, as in qiuliw's list, is no separator either), and how many entries the list has.
 */
export function gluedEntries(facts: FileFacts, value: Node): { glued: GluedEntry[]; count: number } {
  const list = resolveExpression(facts, value);
  if (list.type !== 'list' && list.type !== 'tuple') return { glued: [], count: 0 };
  const out: GluedEntry[] = [];
  const items = list.namedChildren.filter((c) => c.type !== 'comment');
  for (const item of items) {
    if (item.type !== 'concatenated_string') continue;
    const parts: string[] = [];
    for (const s of item.namedChildren) {
      if (s.type === 'comment') continue;
      // A module name or a dotted path of them: `"model.layers." "q_proj"` (a prefix written apart) is meant to be joined.
      const m = s.type === 'string' ? /^(['"])([A-Za-z_]\w*(?:\.\w+)*)\1$/.exec(s.text) : null;
      if (!m) { parts.length = 0; break; }
      parts.push(m[2]);
    }
    if (parts.length >= 2) out.push({ node: item, parts, glued: parts.join('') });
  }
  return { glued: out, count: items.length };
}
