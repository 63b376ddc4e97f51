/**
 * Project files that declare requirements in a form other than a requirements file: Poetry's constraint syntax
 * (`^0.8.2`, `~4.40.2`), `setup.cfg`'s `install_requires`, a `Pipfile`,
 * and a conda environment file (`environment.yml`: conda packages and its `pip:` list). Each is turned into
 * PEP 508 requirements and added to a `PinSet` as `discover.ts` does for requirements files. A pyproject's extras and
 * dependency groups are not read (a script may run without them).
 */
import { PinSet, parseRequirement, requirementVersion, requirementsText, type RequirementsFileOptions } from './requirements';
import { isValidSpecifier } from './pep440';
import { normalizePackageName } from './versions';

/** `1.2.3` → [1, 2, 3]; undefined for anything but dotted numbers. */
function releaseOf(v: string): number[] | undefined {
  return /^\d+(?:\.\d+)*$/.test(v) ? v.split('.').map(Number) : undefined;
}

/**
 * A Poetry version constraint as a PEP 440 specifier (python-poetry/poetry-core `constraints/version/parser.py`:
 * `^1.2.3` is `>=1.2.3,<2.0.0` and `^0.2.3` `>=0.2.3,<0.3.0` (the first non-zero number may not change), `~1.2.3`
 * `>=1.2.3,<1.3.0`, `~1` `>=1,<2`, a bare `1.2.3` is `==1.2.3`, `1.2.*` a prefix, `*` anything, and comma-separated
 * comparisons). `''` means no constraint; undefined: a constraint this does not read (`||` alternatives).
 */
export function poetrySpecifier(constraint: string): string | undefined {
  const parts = constraint.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0 || constraint.includes('||')) return parts.length === 0 ? '' : undefined;
  const out: string[] = [];
  for (const part of parts) {
    if (part === '*') continue;
    const caret = /^\^\s*(\S+)$/.exec(part);
    const tilde = /^~(?!=)\s*(\S+)$/.exec(part);
    if (caret) {
      const r = releaseOf(caret[1]);
      if (!r) return undefined;
      const i = r.findIndex((n) => n !== 0);
      const at = i < 0 ? Math.max(0, r.length - 1) : i;
      const upper = [...r.slice(0, at), r[at] + 1];
      out.push(`>=${caret[1]}`, `<${upper.join('.')}`);
      continue;
    }
    if (tilde) {
      const r = releaseOf(tilde[1]);
      if (!r) return undefined;
      const keep = r.length === 1 ? 1 : 2;
      const upper = r.slice(0, keep);
      upper[keep - 1] += 1;
      out.push(`>=${tilde[1]}`, `<${upper.join('.')}`);
      continue;
    }
    if (/^\d/.test(part)) { out.push(`==${part}`); continue; }
    if (/^(?:===?|!=|<=|>=|<|>|~=)\s*\S+$/.test(part)) { out.push(part.replace(/\s+/g, '')); continue; }
    return undefined;
  }
  const spec = out.join(',');
  return spec === '' || isValidSpecifier(spec) ? spec : undefined;
}

/** A Poetry dependency's value (`"^0.8.2"`, `{ version = "~4.40", extras = […] }`) as a specifier, or undefined. */
function poetryValue(value: unknown): string | undefined {
  const constraint = typeof value === 'string' ? value : typeof (value as { version?: unknown })?.version === 'string' ? (value as { version: string }).version : undefined;
  return constraint === undefined ? undefined : poetrySpecifier(constraint);
}

/** `[tool.poetry.dependencies]` as requirements into `main` (groups and `dev-dependencies` are optional: not read). */
export function poetryRequirements(poetry: Record<string, unknown> | undefined, main: string[]): void {
  for (const [name, value] of Object.entries((poetry?.dependencies ?? {}) as Record<string, unknown>)) {
    if (normalizePackageName(name) === 'python') continue;
    const spec = poetryValue(value);
    if (spec !== undefined) main.push(`${name}${spec}`);
  }
}

/** `setup.cfg`'s `[options] install_requires =` (one requirement per continuation line, or `;`-free single line). */
export function setupCfgRequirements(text: string): string[] {
  const out: string[] = [];
  let section = '', inKey = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s[#;].*$/, '').replace(/^[#;].*$/, '');
    const sec = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (sec) { section = sec[1].trim(); inKey = false; continue; }
    if (section !== 'options') continue;
    const key = /^(\S[^=:]*?)\s*[=:]\s*(.*)$/.exec(line);
    if (key && !/^\s/.test(line)) {
      inKey = key[1].trim() === 'install_requires';
      if (inKey && key[2].trim()) out.push(key[2].trim());
      continue;
    }
    if (inKey && /^\s+\S/.test(line)) out.push(line.trim());
    else if (inKey && line.trim() === '') continue;
  }
  return out;
}

/** A `Pipfile`'s `[packages]` (`trl = "==0.12.2"`, `"*"`, `{version = ">=0.9"}`) as requirements. */
export function pipfileRequirements(doc: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries((doc.packages ?? {}) as Record<string, unknown>)) {
    const spec = typeof value === 'string' ? value : typeof (value as { version?: unknown })?.version === 'string' ? (value as { version: string }).version : undefined;
    if (spec === undefined) continue;
    out.push(spec.trim() === '*' ? name : `${name}${spec.trim()}`);
  }
  return out;
}

/**
 * A conda environment file (`environment.yml`): conda packages (`transformers=4.36.0`, `conda-forge::trl>=0.8`,
 * `name=version=build`) and the `pip:` list under `dependencies:`, read by indentation (the files are plain lists).
 * Conda's `=1.2` matches 1.2.* (conda's match specification); `==`, `>=`, `<` are as in pip.
 */
export function condaEnvironment(text: string, path: string, into: PinSet, opts: RequirementsFileOptions): void {
  const conda: string[] = [];
  const pip: string[] = [];
  let inDeps = false, depsIndent = -1, pipIndent = -1;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '').replace(/^\s*#.*$/, '');
    if (!line.trim()) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) { inDeps = /^dependencies\s*:\s*$/.test(line); depsIndent = -1; pipIndent = -1; continue; }
    if (!inDeps) continue;
    const item = /^\s*-\s*(.*)$/.exec(line);
    if (pipIndent >= 0 && indent > pipIndent) { if (item) pip.push(unquote(item[1])); continue; }
    pipIndent = -1;
    if (!item) continue;
    if (depsIndent < 0) depsIndent = indent;
    if (indent !== depsIndent) continue;
    if (/^pip\s*:\s*$/.test(item[1].trim())) { pipIndent = indent; continue; }
    conda.push(unquote(item[1]));
  }
  const file = opts.display(path);
  for (const c of conda) {
    const m = /^(?:[\w.-]+::)?([A-Za-z0-9][\w.-]*)\s*(.*)$/.exec(c.trim());
    if (!m) continue;
    let spec = m[2].replace(/\s+/g, '');
    const single = /^=([^=<>!].*?)(?:=.*)?$/.exec(spec);
    if (single) spec = /\*$/.test(single[1]) ? `==${single[1]}` : (releaseOf(single[1])?.length ?? 0) >= 3 ? `==${single[1]}` : `==${single[1]}.*`;
    else spec = spec.replace(/^(==[^=]+)=.*$/, '$1');
    const req = parseRequirement(`${m[1]}${spec}`);
    const pv = req && requirementVersion(req, { kind: 'pinned', file }, path);
    if (req && pv) into.add(req.name, pv, undefined, path);
  }
  if (pip.length) requirementsText(pip.join('\n'), path, into, opts, new Set([path]));
}

function unquote(s: string): string {
  const t = s.trim();
  return /^(["']).*\1$/.test(t) ? t.slice(1, -1) : t;
}

/**
 * The text between the `[` that ends `head` (a match at `at`) and its closing `]`, comments and strings skipped, or
 * undefined when the list never closes.
 */
function listBody(text: string, at: number, head: string): string | undefined {
  let depth = 1, i = at + head.length, quote: string | undefined;
  const start = i;
  for (; i < text.length && depth > 0; i++) {
    const ch = text[i];
    if (quote) { if (ch === '\\') i++; else if (ch === quote) quote = undefined; continue; }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') { const nl = text.indexOf('\n', i); i = nl < 0 ? text.length : nl; }
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
  }
  return depth === 0 ? text.slice(start, i - 1).replace(/#[^\n]*/g, '') : undefined;
}

/** The plain string literals of a list body (not f-strings, not concatenations). */
function listLiterals(body: string): string[] {
  return [...body.matchAll(/(?<![\w\])])\s*(["'])([^"'\\\n]*)\1\s*(?=,|$)/g)].map((m) => m[2]);
}

/**
 * Where `setup.py`'s install list opens: `install_requires=[`, or the module-level list a name passes
 * (`install_requires=INSTALL_REQUIRES` after `INSTALL_REQUIRES = [`, huggingface/optimum-habana), when that name is
 * assigned once.
 */
function installRequiresList(text: string): RegExpExecArray | undefined {
  const inline = /\binstall_requires\s*=\s*\[/.exec(text);
  if (inline) return inline;
  const named = /\binstall_requires\s*=\s*([A-Za-z_]\w*)\s*[,)\n]/.exec(text);
  if (!named) return undefined;
  const defs = [...text.matchAll(new RegExp(`^${named[1]}\\s*=`, 'gm'))];
  if (defs.length !== 1) return undefined;
  return new RegExp(`^${named[1]}\\s*=\\s*\\[`, 'm').exec(text) ?? undefined;
}

/**
 * `setup.py`'s `install_requires=[…]` (or the `install_requires = […]` list it passes), read as text: the string
 * literals of the list (McGill-NLP/llm2vec: "transformers>=4.43.1,<=4.44.2"), and its `deps["trl"]` entries where the
 * file keeps the table transformers' setup.py taught the open-r1 and alignment-handbook recipes: a `_deps = […]` list of
 * literals, each looked up by its name before any extras or specifier (`"trl[vllm]==0.18.0"` under `deps["trl"]`).
 * Other entries (`f"peft=={V}"`, a name the table lacks) are not evaluated.
 */
export function setupPyRequirements(text: string): string[] {
  const m = installRequiresList(text);
  const body = m ? listBody(text, m.index, m[0]) : undefined;
  if (body === undefined) return [];
  const out = listLiterals(body);
  const refs = [...body.matchAll(/(?<![\w.])deps\[\s*(["'])([^"'\\\n]+)\1\s*\]/g)].map((r) => r[2]);
  const table = refs.length ? /^_deps\s*=\s*\[/m.exec(text) : null;
  const listed = table ? listBody(text, table.index, table[0]) : undefined;
  if (listed === undefined) return out;
  const deps = new Map<string, string>();
  for (const req of listLiterals(listed)) {
    const name = /^([^!=<>~ [\]]+)/.exec(req)?.[1];
    if (name) deps.set(name, req);
  }
  for (const r of refs) { const req = deps.get(r); if (req) out.push(req); }
  return out;
}
