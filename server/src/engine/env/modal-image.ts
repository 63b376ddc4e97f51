/**
 * The exact pins of a Modal image a script builds (`modal.Image.debian_slim().pip_install("trl==0.16.1")`): the
 * environment the script's functions run in, read beside its `pip install` lines (`script-installs.ts`).
 */
import { exactPin, parseRequirement, type Requirement } from './requirements';
import { Environment, normalizePackageName, type PackageVersion } from './versions';

/** A Modal image's install call: `modal.Image.debian_slim().pip_install(…)`, `.uv_pip_install(…)`. */
const MODAL_INSTALL = /\.(?:uv_)?pip_install\s*\(/g;
/** The script uses Modal (`import modal`, `from modal import …`). */
export const IMPORTS_MODAL = /^\s*(?:import\s+modal\b|from\s+modal\b)/m;

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
  return imagePinsIn(text);
}

/** `modalImagePins` of a part of a module that uses Modal (an image's definition). */
export function imagePinsIn(text: string): Array<{ req: Requirement; line: number }> {
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

/**
 * The Modal image a script imports from its project (`from .modal_infra import image`, or `get_image` that it calls):
 * the names of its project imports it passes as a function's or an app's `image=` (directly, or through a name the
 * script assigns from it: `image = get_image()`). Only such a use says the script's functions run in that image.
 */
export function importedImageNames(text: string, imported: readonly string[]): string[] {
  if (!/\bimage\s*=/.test(text)) return [];
  const used = new Set<string>();
  for (const m of text.matchAll(/\bimage\s*=\s*([A-Za-z_]\w*)\s*(\(\s*\))?/g)) used.add(m[1]);
  // `img = get_image()` / `img = image`, then `image=img`.
  for (const m of text.matchAll(/^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*([A-Za-z_]\w*)[ \t]*(?:\([ \t]*\))?[ \t]*$/gm)) if (used.has(m[1])) used.add(m[2]);
  return imported.filter((n) => used.has(n));
}

/**
 * The exact pins of the Modal images a script imports from its project and runs its functions in
 * (`importedImageNames`), as versions "from the Modal image's `pip_install` on line 13 of modal_infra.py": `imports`
 * are the script's `from MODULE import NAME` bindings, `lookup` answers what a project module defines, `display` names
 * its file. Different pins of one library (two images) are alternatives.
 */
export function importedImagePins(text: string, imports: ReadonlyArray<{ module: string; name?: string; local: string }>,
  lookup: (module: string, name: string) => { path: string; modalImage?: Array<{ name: string; version: string; line: number }> } | undefined,
  display: (path: string) => string): Environment | undefined {
  if (!/\bimage\s*=/.test(text)) return undefined;
  const candidates = imports.filter((i) => i.name !== undefined);
  const names = importedImageNames(text, candidates.map((i) => i.local));
  if (!names.length) return undefined;
  const pins = new Map<string, PackageVersion[]>();
  for (const i of candidates) {
    if (!names.includes(i.local)) continue;
    const answer = lookup(i.module, i.name!);
    for (const p of answer?.modalImage ?? []) {
      const key = normalizePackageName(p.name);
      const where = `line ${p.line + 1}`;
      const list = pins.get(key) ?? [];
      if (!list.some((x) => x.version === p.version)) list.push({ version: p.version, source: `${display(answer!.path)}:${p.line + 1}`, origin: { kind: 'pip-line', where, image: true, file: display(answer!.path) } });
      pins.set(key, list);
    }
  }
  if (!pins.size) return undefined;
  return new Environment(new Map([...pins].map(([k, list]) => [k, list.length === 1 ? list[0] : { ...list[0], alternatives: list, alternativesWhy: 'which Modal image the function runs in' }])));
}
