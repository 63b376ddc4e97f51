/**
 * The exact pins of a Modal image a script builds (`modal.Image.debian_slim().pip_install("trl==0.16.1")`): the
 * environment the script's functions run in, read beside its `pip install` lines (`script-installs.ts`).
 */
import { exactPin, parseRequirement, type Requirement } from './requirements';

/** A Modal image's install call: `modal.Image.debian_slim().pip_install(…)`, `.uv_pip_install(…)`. */
const MODAL_INSTALL = /\.(?:uv_)?pip_install\s*\(/g;
/** The script uses Modal (`import modal`, `from modal import …`). */
const IMPORTS_MODAL = /^\s*(?:import\s+modal\b|from\s+modal\b)/m;

/**
 * Exact pins of a Modal image the script builds: the plain string literals among a `pip_install(…)` call's positional
 * arguments, a list of them too (`.pip_install(["trl==0.16.1", "peft==0.15.1"])`), each with its 0-based line. Modal
 * runs `pip install` with them when it builds the image, and the script's functions run in that image. Only exact
 * pins: an open requirement is resolved when the image is built, which Modal then keeps until its definition changes,
 * so its release is not known to be the newest. Keyword arguments (`extra_index_url="…"`), f-strings and anything
 * that is not a literal are left out.
 */
export function modalImagePins(text: string): Array<{ req: Requirement; line: number }> {
  if (!IMPORTS_MODAL.test(text)) return [];
  const out: Array<{ req: Requirement; line: number }> = [];
  for (const m of text.matchAll(MODAL_INSTALL)) {
    let depth = 1;
    for (let i = m.index + m[0].length; i < text.length && depth > 0; i++) {
      const c = text[i];
      if (c === '#') { while (i < text.length && text[i] !== '\n') i++; continue; }
      if (c === '(' || c === '[' || c === '{') { depth++; continue; }
      if (c === ')' || c === ']' || c === '}') { depth--; continue; }
      if (c !== '"' && c !== "'") continue;
      const start = i;
      let value = '';
      for (i++; i < text.length && text[i] !== c && text[i] !== '\n'; i++) value += text[i];
      const before = text.slice(0, start);
      // A prefixed literal (f"…", r"…") or a keyword argument's value is no requirement of the call's own.
      if (/[A-Za-z_]$/.test(before) || /=\s*$/.test(before)) continue;
      const req = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?\s*==\s*[0-9][^\s,;]*$/.test(value.trim()) ? parseRequirement(value.trim()) : undefined;
      if (req && exactPin(req.specifier)) out.push({ req, line: before.split('\n').length - 1 });
    }
  }
  return out;
}
