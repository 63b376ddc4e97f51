/**
 * Project files that declare requirements in a form other than a requirements file: Poetry's constraint syntax
 * (`^0.8.2`, `~4.40.2`), a pyproject's extras and dependency groups, `setup.cfg`'s `install_requires`, a `Pipfile`,
 * and a conda environment file (`environment.yml`: conda packages and its `pip:` list). Each is turned into
 * PEP 508 requirements and added to a `PinSet` as `discover.ts` does for requirements files.
 */
import { PinSet, parseRequirement, requirementVersion, requirementsText, type RequirementsFileOptions } from './requirements';
import { isValidSpecifier } from './pep440';
import { normalizePackageName, type PackageVersion } from './versions';

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

/** Requirements of one optional set (an extra, a dependency group), by its label ("extra `train`"). */
export type OptionalSets = Map<string, string[]>;

/** `[tool.poetry.dependencies]` into `into`; `[tool.poetry.group.X.dependencies]` and `dev-dependencies` into `optional`. */
export function poetryRequirements(poetry: Record<string, unknown> | undefined, main: string[], optional: OptionalSets): void {
  if (!poetry) return;
  const add = (deps: unknown, to: string[]) => {
    for (const [name, value] of Object.entries((deps ?? {}) as Record<string, unknown>)) {
      if (normalizePackageName(name) === 'python') continue;
      const spec = poetryValue(value);
      if (spec !== undefined) to.push(`${name}${spec}`);
    }
  };
  add(poetry.dependencies, main);
  const groups = (poetry.group ?? {}) as Record<string, { dependencies?: unknown }>;
  for (const [g, body] of Object.entries(groups)) {
    const list: string[] = [];
    add(body?.dependencies, list);
    if (list.length) optional.set(`Poetry group \`${g}\``, list);
  }
  const dev: string[] = [];
  add(poetry['dev-dependencies'], dev);
  if (dev.length) optional.set('Poetry `dev-dependencies`', dev);
}

/** `[project.optional-dependencies]` and PEP 735 `[dependency-groups]` (strings only; `{include-group = …}` is skipped). */
export function optionalRequirements(doc: Record<string, unknown>, optional: OptionalSets): void {
  const extras = (doc.project as { 'optional-dependencies'?: Record<string, unknown> } | undefined)?.['optional-dependencies'];
  for (const [name, list] of Object.entries(extras ?? {})) {
    const reqs = Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
    if (reqs.length) optional.set(`extra \`${name}\``, reqs);
  }
  const groups = doc['dependency-groups'] as Record<string, unknown> | undefined;
  for (const [name, list] of Object.entries(groups ?? {})) {
    const reqs = Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
    if (reqs.length) optional.set(`dependency group \`${name}\``, reqs);
  }
}

/**
 * What the optional sets of one project file require of a library the project requires nowhere else (in no file
 * read so far, nor in the file's own main dependencies): a script that imports it runs with one of those sets
 * installed. One fact when the sets agree, alternatives when they differ (`pip install -e .[train]` or `.[eval]`).
 * The project's own name (`unsloth[huggingface]` inside Unsloth's pyproject) is a self-reference, not a requirement.
 */
export function addOptionalPins(optional: OptionalSets, source: string, file: string, into: PinSet, selfName?: string): void {
  const facts = new Map<string, PackageVersion[]>();
  for (const [label, reqs] of optional) {
    for (const text of reqs) {
      const req = parseRequirement(text);
      if (!req || (selfName && normalizePackageName(req.name) === normalizePackageName(selfName))) continue;
      const key = normalizePackageName(req.name);
      if (into.pins.has(key)) continue;
      const pv = requirementVersion(req, { kind: 'pinned', file: `${file} (${label})`, marker: req.marker }, source);
      if (!pv) continue;
      const list = facts.get(key) ?? [];
      if (!list.some((p) => p.version === pv.version && p.specifier === pv.specifier)) list.push(pv);
      facts.set(key, list);
    }
  }
  for (const [key, list] of facts) {
    into.add(key, list.length === 1 ? list[0] : { ...list[0], alternatives: list, alternativesWhy: `which optional dependencies of ${file} are installed` }, undefined, source);
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
 * A conda environment file (`environment.yml`, `conda.yml`): conda packages (`transformers=4.36.0`, `conda-forge::trl>=0.8`,
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
