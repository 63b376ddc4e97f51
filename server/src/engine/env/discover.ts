/**
 * Where versions come from, in the order of RULES.md: the selected Python environment's
 * installed packages (`*.dist-info` under site-packages), then `requirements*.txt` /
 * `pyproject.toml` / `uv.lock` / `poetry.lock` pins, then `pip install pkg==X` lines in the
 * script itself. Reads only small files and directory listings; callers cache per folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { Environment, normalizePackageName, type PackageVersion } from './versions';

export interface EnvironmentOptions {
  /** Folder of the script being analysed. */
  scriptDir: string;
  /** Workspace folder: the search for project files stops there. */
  workspaceRoot?: string;
  /** Interpreter chosen in the editor (VS Code's Python extension) or by the user. */
  pythonPath?: string;
  /** Process environment (VIRTUAL_ENV, CONDA_PREFIX). */
  env?: Record<string, string | undefined>;
}

const WATCHED = ['trl', 'transformers', 'peft', 'unsloth', 'unsloth-zoo', 'datasets', 'torch', 'accelerate', 'bitsandbytes'];

function readText(path: string, max = 4 * 1024 * 1024): string | undefined {
  try {
    if (statSync(path).size > max) return undefined;
    return readFileSync(path, 'utf8');
  } catch { return undefined; }
}

function sitePackagesOf(prefix: string): string[] {
  const out: string[] = [];
  for (const lib of ['lib', 'lib64', 'Lib']) {
    const dir = join(prefix, lib);
    if (lib === 'Lib') { if (existsSync(join(dir, 'site-packages'))) out.push(join(dir, 'site-packages')); continue; }
    try {
      for (const py of readdirSync(dir)) if (py.startsWith('python')) out.push(join(dir, py, 'site-packages'));
    } catch { /* no such folder */ }
  }
  return out.filter((p) => existsSync(p));
}

function installedVersions(sitePackages: string): Map<string, PackageVersion> {
  const found = new Map<string, PackageVersion>();
  let names: string[] = [];
  try { names = readdirSync(sitePackages); } catch { return found; }
  for (const n of names) {
    const m = /^(.+?)-(\d[^-]*?)\.(dist-info|egg-info)$/.exec(n);
    if (!m) continue;
    const pkg = normalizePackageName(m[1]);
    found.set(pkg, { version: m[2], source: join(sitePackages, n) });
  }
  return found;
}

function pythonPrefixes(opts: EnvironmentOptions): string[] {
  const prefixes: string[] = [];
  if (opts.pythonPath) prefixes.push(resolve(dirname(opts.pythonPath), '..'));
  const env = opts.env ?? {};
  if (env.VIRTUAL_ENV) prefixes.push(env.VIRTUAL_ENV);
  if (env.CONDA_PREFIX) prefixes.push(env.CONDA_PREFIX);
  for (const dir of ancestors(opts.scriptDir, opts.workspaceRoot)) {
    for (const name of ['.venv', 'venv', 'env', '.env']) {
      const p = join(dir, name);
      if (existsSync(join(p, 'pyvenv.cfg'))) prefixes.push(p);
    }
  }
  return prefixes;
}

/** The script's folder and its parents, up to the workspace root (or 6 levels). */
export function ancestors(start: string, stop?: string): string[] {
  const out: string[] = [];
  let dir = resolve(start);
  for (let i = 0; i < 8; i++) {
    out.push(dir);
    if (stop && resolve(stop) === dir) break;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

const PIN = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*===?\s*([0-9][^\s;,#]*)/;

export function pinsFromRequirements(text: string, source: string, into: Map<string, PackageVersion>): void {
  for (const line of text.split(/\r?\n/)) {
    const m = PIN.exec(line);
    if (m) into.set(normalizePackageName(m[1]), { version: m[2], source });
  }
}

function pinsFromPyproject(text: string, source: string, into: Map<string, PackageVersion>): void {
  let doc: Record<string, unknown>;
  try { doc = parseToml(text) as Record<string, unknown>; } catch { return; }
  const project = doc.project as { dependencies?: unknown[] } | undefined;
  for (const d of project?.dependencies ?? []) if (typeof d === 'string') pinsFromRequirements(d, source, into);
  const poetry = ((doc.tool as Record<string, unknown> | undefined)?.poetry as { dependencies?: Record<string, unknown> } | undefined)?.dependencies;
  for (const [k, v] of Object.entries(poetry ?? {})) {
    const spec = typeof v === 'string' ? v : (v as { version?: string })?.version;
    const m = spec && /^\s*=?=?\s*(\d[\w.]*)\s*$/.exec(spec);
    if (m) into.set(normalizePackageName(k), { version: m[1], source });
  }
}

function pinsFromLock(text: string, source: string, into: Map<string, PackageVersion>): void {
  let doc: { package?: Array<{ name?: string; version?: string }> };
  try { doc = parseToml(text) as typeof doc; } catch { return; }
  for (const p of doc.package ?? []) {
    if (p.name && p.version) into.set(normalizePackageName(p.name), { version: p.version, source });
  }
}

function projectPins(opts: EnvironmentOptions): Map<string, PackageVersion> {
  const pins = new Map<string, PackageVersion>();
  // Nearest folder first: walk from the root down so nearer files override.
  for (const dir of ancestors(opts.scriptDir, opts.workspaceRoot).reverse()) {
    let names: string[] = [];
    try { names = readdirSync(dir); } catch { continue; }
    for (const n of names.sort()) {
      const p = join(dir, n);
      if (/^requirements.*\.txt$/i.test(n)) { const t = readText(p); if (t) pinsFromRequirements(t, p, pins); }
    }
    const py = readText(join(dir, 'pyproject.toml'));
    if (py) pinsFromPyproject(py, join(dir, 'pyproject.toml'), pins);
    for (const lock of ['poetry.lock', 'uv.lock']) {
      const t = readText(join(dir, lock), 16 * 1024 * 1024);
      if (t) pinsFromLock(t, join(dir, lock), pins);
    }
  }
  return pins;
}

/** The environment from disk (installed packages, then project pins). */
export function discoverEnvironment(opts: EnvironmentOptions): Environment {
  const installed = new Map<string, PackageVersion>();
  for (const prefix of pythonPrefixes(opts)) {
    for (const sp of sitePackagesOf(prefix)) {
      for (const [k, v] of installedVersions(sp)) if (!installed.has(k)) installed.set(k, v);
    }
    if (WATCHED.some((w) => installed.has(w))) break;
  }
  return new Environment(installed).withFallback(new Environment(projectPins(opts)));
}

const PIP_LINE = /pip3?\s+install\s+([^\n`)]*)/g;

/** `pip install trl==0.19.1 "unsloth==2025.9.1"` lines anywhere in the script text (cells, comments). */
export function pinsFromScript(text: string, source = 'pip install in the script'): Environment {
  const pins = new Map<string, PackageVersion>();
  for (const m of text.matchAll(PIP_LINE)) {
    for (const token of m[1].split(/\s+/)) {
      const t = token.replace(/^["']|["']$/g, '');
      const pm = PIN.exec(t);
      if (pm) pins.set(normalizePackageName(pm[1]), { version: pm[2], source });
    }
  }
  return new Environment(pins);
}
