/**
 * The replacement fields of a `str.format` template, as Python reads them: `{}` (numbered automatically), `{0}`,
 * `{name}`, each possibly followed by `.attr` / `[key]`, `!r` and `:spec`; a spec may hold fields of its own
 * (`{:{width}}`); `{{` and `}}` are literal braces. What `"…".format(…)` needs from its arguments follows:
 * how many positional values, which keywords.
 */

export interface FormatFields {
  /** `{}` fields, in order (each takes the next positional value). */
  auto: number;
  /** Indices of `{0}`-style fields. */
  indices: Set<number>;
  /** Names of `{name}`-style fields. */
  names: Set<string>;
}

/**
 * The fields of `template`, or undefined when Python would refuse it (`ValueError`: a lone `}`, an unclosed `{`,
 * automatic and manual numbering mixed) or it nests deeper than one spec: what a call then does is not counted.
 */
export function formatFields(template: string): FormatFields | undefined {
  const out: FormatFields = { auto: 0, indices: new Set(), names: new Set() };
  return scan(template, out, 0) ? out : undefined;
}

function scan(text: string, out: FormatFields, depth: number): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '}') {
      if (text[i + 1] !== '}') return false; // "Single '}' encountered in format string"
      i++;
      continue;
    }
    if (c !== '{') continue;
    if (text[i + 1] === '{') { i++; continue; }
    // The field runs to its matching brace; braces inside it belong to a nested field of its spec.
    let open = 1;
    let j = i + 1;
    for (; j < text.length && open > 0; j++) {
      if (text[j] === '{') open++;
      else if (text[j] === '}') open--;
    }
    if (open > 0) return false; // "expected '}' before end of string"
    if (!field(text.slice(i + 1, j - 1), out, depth)) return false;
    i = j - 1;
  }
  return !(out.auto > 0 && out.indices.size > 0); // "cannot switch from automatic field numbering to manual"
}

function field(body: string, out: FormatFields, depth: number): boolean {
  // The name ends at the first `!` or `:` outside an index (`{0[a:b]}` indexes with the key "a:b").
  let end = 0;
  for (let inIndex = false; end < body.length; end++) {
    const c = body[end];
    if (c === '[') inIndex = true;
    else if (c === ']') inIndex = false;
    else if (!inIndex && (c === '!' || c === ':')) break;
    else if (!inIndex && c === '{') return false; // a brace in a field's name: Python refuses it
  }
  const name = body.slice(0, end);
  const first = /^[^.[]*/.exec(name)![0];
  if (first === '') out.auto++;
  else if (/^\d+$/.test(first)) out.indices.add(Number(first));
  else out.names.add(first);
  const colon = body.indexOf(':', end);
  if (colon < 0) return true;
  const spec = body.slice(colon + 1);
  if (!spec.includes('{')) return true;
  return depth === 0 && scan(spec, out, depth + 1);
}

/** How many positional values the fields take: the `{}` count, or one past the highest `{n}`. */
export function positionalNeeded(f: FormatFields): number {
  return f.auto > 0 ? f.auto : f.indices.size > 0 ? Math.max(...f.indices) + 1 : 0;
}
